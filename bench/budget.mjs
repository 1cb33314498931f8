// The byte budget of a cold /auth/login, checked by the test command: html + css + js + wasm,
// as dist/ serves them precompressed (the build's .gz files; zlib -9 for a file without one).
// Exits non-zero, saying by how much, when over. With a second limit, also the whole app: every
// script and wasm module dist/ serves (the split build's chunks, fetched after the login page is
// live, included).
//   node bench/budget.mjs [dist] [limit in KB, 1 KB = 1000 bytes] [whole-app limit in KB]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const limitKb = Number(process.argv[3] || 130);
const appLimitKb = process.argv[4] ? Number(process.argv[4]) : null;

/** The login page's own prerendered HTML (src/prerender.rs), or the one page of a build without. */
export const LOGIN_PAGE = (distDir) => (existsSync(join(distDir, 'auth/login/index.html')) ? 'auth/login/index.html' : 'index.html');

/** The files a cold load of /auth/login fetches before the form is usable, by kind; `path` is the
 * address each is served at. */
export function coldAssets(distDir) {
  const page = LOGIN_PAGE(distDir);
  const html = readFileSync(join(distDir, page), 'utf8');
  const refs = new Set();
  for (const m of html.matchAll(/(?:href|src)="\/([^"?#]+\.(?:js|wasm|css))"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/from '\/([^']+\.js)'|module_or_path: '\/([^']+\.wasm)'/g)) refs.add(m[1] || m[2]);
  const kind = (f) => (f.endsWith('.wasm') ? 'wasm' : f.endsWith('.css') ? 'css' : 'js');
  return [
    { file: page, kind: 'html', path: page === 'index.html' ? '/' : '/auth/login' },
    ...[...refs].map((file) => ({ file, kind: kind(file), path: `/${file}` })),
  ];
}

/** Every script and wasm module of the app, as `coldAssets` lists files. */
export function appAssets(distDir) {
  return readdirSync(distDir)
    .filter((f) => f.endsWith('.wasm') || f.endsWith('.js'))
    .map((file) => ({ file, kind: file.endsWith('.wasm') ? 'wasm' : 'js', path: `/${file}` }));
}

export function sizes(distDir, assets = coldAssets(distDir)) {
  return assets.map(({ file, kind }) => {
    const body = readFileSync(join(distDir, file));
    const gz = existsSync(join(distDir, `${file}.gz`)) ? readFileSync(join(distDir, `${file}.gz`)).length : gzipSync(body, { level: 9 }).length;
    const br = existsSync(join(distDir, `${file}.br`))
      ? readFileSync(join(distDir, `${file}.br`)).length
      : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { file, kind, raw: body.length, gzip: gz, brotli: br };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = sizes(dist);
  const total = (key) => rows.reduce((sum, r) => sum + r[key], 0);
  const kb = (n) => (n / 1000).toFixed(1);
  for (const r of rows) console.log(`${r.kind.padEnd(5)} ${kb(r.raw).padStart(7)} KB raw ${kb(r.gzip).padStart(7)} KB gzip ${kb(r.brotli).padStart(7)} KB brotli  ${r.file}`);
  console.log(`total ${kb(total('raw')).padStart(7)} KB raw ${kb(total('gzip')).padStart(7)} KB gzip ${kb(total('brotli')).padStart(7)} KB brotli`);
  const over = total('gzip') - limitKb * 1000;
  if (over > 0) {
    console.error(`byte budget: a cold /auth/login is ${kb(total('gzip'))} KB gzip, ${kb(over)} KB over the ${limitKb} KB budget`);
    process.exit(1);
  }
  console.log(`byte budget: ${kb(total('gzip'))} KB gzip of ${limitKb} KB (${kb(-over)} KB to spare)`);
  if (appLimitKb !== null) {
    const app = sizes(dist, appAssets(dist)).reduce((sum, r) => sum + r.gzip, 0);
    const appOver = app - appLimitKb * 1000;
    if (appOver > 0) {
      console.error(`byte budget: the whole app is ${kb(app)} KB gzip, ${kb(appOver)} KB over the ${appLimitKb} KB budget`);
      process.exit(1);
    }
    console.log(`byte budget, the whole app (every script and module): ${kb(app)} KB gzip of ${appLimitKb} KB (${kb(-appOver)} KB to spare)`);
  }
}
