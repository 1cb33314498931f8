// The split release build's wasm step (issue 30), run by post-build.mjs first when
// YSA_SPLIT=1 (scripts/build.sh sets it with the split rustflags): Trunk has built, bound and
// optimized the app as one module; this replaces that module and its glue in the staging dir with
//   cargo's wasm (linked with --emit-relocs) → wasm_split_cli_support (tools/wasm-split) →
//   wasm-bindgen --keep-lld-exports → wasm-opt per module → terser on the glue and loader →
//   content-hashed names,
// and points index.html at them. The chunks are fetched by the loader the splitter writes
// (`__wasm_split.js`, imported by the glue), never by the page: a cold page loads the main module only.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const NAME = 'yew-strapi-auth'; // the binary (Cargo.toml [[bin]])
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** `source`, an ES module, minified by terser (compress and mangle, in module scope). */
function minify(source) {
  return execFileSync('terser', ['--module', '--compress', '--mangle', '--ecma', '2020'], { input: source, encoding: 'utf8', maxBuffer: 1 << 26 });
}

// wasm-opt is single-threaded per module: two at a time on the two cores.
async function optimizeAll(jobs) {
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      await new Promise((resolve, reject) => {
        const child = spawn('wasm-opt', ['-Oz', '--converge', job.input, '-o', job.output], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => { err += d; });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wasm-opt ${job.input}: ${err}`))));
      });
    }
  };
  await Promise.all([worker(), worker()]);
}

export async function split(dir) {
  const target = process.env.CARGO_TARGET_DIR;
  if (!target) throw new Error('split: CARGO_TARGET_DIR is not set (scripts/build.sh sets it)');
  const input = join(target, 'wasm32-unknown-unknown/release', `${NAME}.wasm`);
  const work = mkdtempSync(join(tmpdir(), 'ysa-split-'));
  try {
    // 1. split: work/app_split.wasm (main), work/<split or chunk>.wasm, work/__wasm_split.js
    const tool = process.env.YSA_WASM_SPLIT || join(target, '..', 'release', 'ysa-wasm-split');
    run(tool, [input, work, 'app']);
    // 2. wasm-bindgen on the main module: keep the exports the chunks import (--keep-lld-exports)
    //    and the names the loader refers to (--no-demangle).
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
      '--out-dir', join(work, 'bg'), '--out-name', 'app', join(work, 'app_split.wasm')]);
    // 3. wasm-opt: every module on its own (the chunks import the main module's memory, table and
    //    functions by export name; wasm-opt keeps exports and imports as they are).
    const chunks = readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== 'app_split.wasm');
    await optimizeAll([
      { input: join(work, 'bg', 'app_bg.wasm'), output: join(work, 'bg', 'app_bg.opt.wasm') },
      ...chunks.map((f) => ({ input: join(work, f), output: join(work, `${f}.opt`) })),
    ]);
    // 4. content-hashed names. The glue and the loader import each other (the glue imports the
    //    loader's chunk-load functions, the loader the glue's initSync), so both are named by one
    //    hash over everything they refer to.
    const renamed = {};
    for (const f of chunks) {
      const body = readFileSync(join(work, `${f}.opt`));
      const name = `${NAME}-${basename(f, '.wasm').replace(/^split_/, '')}-${hash(body)}.wasm`;
      writeFileSync(join(dir, name), body);
      renamed[f] = name;
    }
    const mainWasm = readFileSync(join(work, 'bg', 'app_bg.opt.wasm'));
    const mainWasmName = `${NAME}-${hash(mainWasm)}_bg.wasm`;
    writeFileSync(join(dir, mainWasmName), mainWasm);
    let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
    loader = loader.replace(/new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)/g, (m, f) => {
      if (!renamed[f]) throw new Error(`split: the loader names ${f}, which the splitter did not write`);
      return `new URL("./${renamed[f]}", import.meta.url)`;
    });
    // A chunk that did not arrive is the page's to say ("This page did not load", src/router/
    // lazy.rs), not the console's: a prefetch cut short by leaving the page (Firefox's AbortError,
    // WebKit's "Load failed") is no error at all.
    if (!loader.includes('console.error(e);')) throw new Error('split: the loader is not in the shape split.mjs knows');
    loader = loader.replace('console.error(e);', '');
    // Both minified (terser, pinned in setup.sh): the glue is the largest script a cold page loads,
    // 67 KB as wasm-bindgen writes it. Module scope: the names the two import from each other and
    // the keys of the wasm's import object stay as they are.
    let glue = minify(readFileSync(join(work, 'bg', 'app.js'), 'utf8'));
    loader = minify(loader);
    // (this script's own text too: how the two are rewritten below is part of what they are)
    const buildHash = hash(glue + loader + mainWasmName + readFileSync(new URL(import.meta.url)));
    const glueName = `${NAME}-${buildHash}.js`;
    const loaderName = `${NAME}-split-${buildHash}.js`;
    loader = loader.replace(/from\s*"\.\/app\.js"/, `from"./${glueName}"`);
    // wasm-bindgen imports the loader once per chunk-load function, all the same module (only the
    // `from` clauses: the import object's keys are the wasm's import module name, which stays).
    glue = glue.replaceAll(/from\s*"\.\/__wasm_split\.js"/g, `from"./${loaderName}"`);
    if (!loader.includes(glueName) || !glue.includes(loaderName)) throw new Error('split: glue or loader not in the shape split.mjs knows');
    writeFileSync(join(dir, glueName), glue);
    writeFileSync(join(dir, loaderName), loader);
    writeFileSync(join(dir, `${NAME}-split-manifest.json`), JSON.stringify(
      Object.fromEntries(Object.entries(JSON.parse(readFileSync(join(work, '__wasm_split_manifest.json'), 'utf8')))
        .map(([split, files]) => [split, files.map((f) => renamed[`${f}.wasm`])])), null, 1));
    // 5. index.html: Trunk's glue and module → ours; the loader preloaded with the glue (the glue
    //    imports it: without the preload it would be fetched only once the glue has arrived).
    let html = readFileSync(join(dir, 'index.html'), 'utf8');
    const js = /<link rel="modulepreload" href="\/([^"]+\.js)"[^>]*>/.exec(html);
    const wasm = /<link rel="preload" href="\/([^"]+_bg\.wasm)"[^>]*>/.exec(html);
    if (!js || !wasm) throw new Error("split: index.html has not Trunk's preloads");
    const preload = (file, body) => `<link rel="modulepreload" href="/${file}" crossorigin="anonymous" integrity="${sri(body)}">`;
    html = html.replace(js[0], () => preload(glueName, glue) + preload(loaderName, loader));
    html = html.replaceAll(`/${js[1]}`, `/${glueName}`).replaceAll(`/${wasm[1]}`, `/${mainWasmName}`);
    writeFileSync(join(dir, 'index.html'), html);
    rmSync(join(dir, js[1]));
    rmSync(join(dir, wasm[1]));
    return { main: mainWasmName, glue: glueName, loader: loaderName, chunks: Object.values(renamed) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
