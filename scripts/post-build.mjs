// Trunk post-build hook (release only): writes what a static host needs beside each asset.
//  - `<file>.gz` and `<file>.br`, precompressed at the highest levels, for hosts that serve them
//    (the .gz by zopfli: any gzip reader takes it, and it is ~7% smaller than zlib's best);
//  - `csp.txt`, the Content-Security-Policy for this build: the inline loader script Trunk emits is
//    allowed by its sha256 hash, never by 'unsafe-inline'. connect-src lists the build-time
//    STRAPI_URL origin when there is one; a deployer adds theirs (see README).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run me as a Trunk hook');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

// The split build (YSA_SPLIT=1, scripts/build.sh): the main module and the chunks replace Trunk's
// one module before anything below reads index.html (scripts/split.mjs).
if (process.env.YSA_SPLIT === '1') {
  const { split } = await import('./split.mjs');
  const out = await split(dir);
  console.log(`split: ${out.main} + ${out.chunks.length} chunks`);
}

// Every route's first view (src/prerender.rs): rendered by the app's own components with Yew's
// server renderer, a native build of this crate (the min-size settings are the wasm's alone), into
// one page per route made from the index.html Trunk has just written. The rest of this hook then
// treats every page alike.
function prerender() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('CARGO_UNSTABLE_') || key === 'RUSTC_BOOTSTRAP' || key.startsWith('CARGO_TARGET_WASM32')) delete env[key];
  }
  // The native build shares the test command's target directory, not the min-size one.
  if (env.CARGO_TARGET_DIR) env.CARGO_TARGET_DIR = env.CARGO_TARGET_DIR.replace(/\/min-size\/?$/, '');
  execFileSync('cargo', ['run', '--quiet', '--offline', '--features', 'prerender', '--bin', 'prerender', '--', dir], {
    cwd: process.env.TRUNK_SOURCE_DIR || process.cwd(), env, stdio: 'inherit',
  });
}

/** Every file below `root`, as paths relative to it. */
function files(root, sub = '') {
  return readdirSync(join(root, sub), { withFileTypes: true }).flatMap((entry) => {
    const path = join(sub, entry.name);
    return entry.isDirectory() ? files(root, path) : [path];
  });
}

// Chromium ignores `integrity` on a preload whose destination has no SRI (the wasm is preloaded
// `as="fetch"`) and says so in the console at every page load: drop it there, keep it elsewhere.
let html = readFileSync(join(dir, 'index.html'), 'utf8');
html = html.replace(/<link rel="preload"([^>]*?) integrity="[^"]*"([^>]*as="fetch"[^>]*)>/g, '<link rel="preload"$1$2>');
// Trunk's loader awaits the wasm at the top level of a module script. Firefox and WebKit report
// that await's failure (a wasm answered 502, a host's HTML in its place, a body cut short) to no
// listener of the page, so index.html's watch would never hear of it and the page would wait for
// ever: the failure is announced as an `error` event, then thrown as before.
const loader = /(const wasm = await init\(\{ module_or_path: '[^']+' \}\))(;)/;
if (!loader.test(html)) throw new Error("Trunk's loader is not in the shape post-build.mjs knows: index.html's watch would miss a failed wasm");
html = html.replace(loader, "$1.catch((e) => { dispatchEvent(new ErrorEvent('error', { error: e })); throw e; })$2");
// The stylesheet goes into the page: on a slow network the first paint then waits for one round
// trip (the page) instead of two (the page, then its stylesheet). 2 KB gzip, allowed by its hash.
const sheet = /<link rel="stylesheet" href="\/([^"]+\.css)"[^>]*\/?>/.exec(html);
if (!sheet) throw new Error('index.html links no stylesheet');
// Comments and layout whitespace go (0.5 KB gzip on every page); spaces before a `:` stay, since
// there they are a descendant combinator.
const css = readFileSync(join(dir, sheet[1]), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{};,>])\s*/g, '$1')
  .replace(/:\s+/g, ':')
  .replace(/;}/g, '}')
  .trim();
html = html.replace(sheet[0], () => `<style>${css}</style>`);
// Comments written for the project's developers go too (index.html explains its scripts at
// length); what a deployer reads stays: the notes on the deploy-time <meta> settings, and the
// markers the prerender fills.
html = html.replace(/<!--([\s\S]*?)-->\s*/g, (comment, text, at, page) =>
  (/^\s*\/?app\b/.test(text) || page.startsWith('<meta name="strapi-', at + comment.length) ? comment : ''));
for (const copy of ['', '.gz', '.br']) rmSync(join(dir, sheet[1] + copy), { force: true });
writeFileSync(join(dir, 'index.html'), html);
prerender();
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const hashes = inline.map(sha256);
let strapiOrigin = '';
try {
  strapiOrigin = process.env.STRAPI_URL ? ` ${new URL(process.env.STRAPI_URL).origin}` : '';
} catch {
  strapiOrigin = '';
}
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  `style-src 'self' ${sha256(css)}`,
  "img-src 'self' data:",
  `connect-src 'self'${strapiOrigin}`,
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
writeFileSync(join(dir, 'csp.txt'), `${csp}\n`);

const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json']);
for (const name of files(dir)) {
  const file = join(dir, name);
  if (!COMPRESSIBLE.has(extname(name))) continue;
  const body = readFileSync(file);
  // scripts/setup.sh installs zopfli; a missing one is an error, not a silently bigger file.
  execFileSync('zopfli', ['--gzip', file]);
  writeFileSync(`${file}.br`, brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
}
