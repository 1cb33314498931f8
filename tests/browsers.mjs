// The browsers the release build can run in, from the WebAssembly features its .wasm really uses
// (and the loader's top-level await), checked against what the README promises.
//   node tests/browsers.mjs DIST [README]
// Fails when the build needs a newer browser than the README's "Supported browsers" line says.
// Each feature is found by validation: the module (its target_features section stripped, so only
// its code counts) is validated by binaryen's wasm-opt with that one feature off. The chunks of
// the split build are checked against the main module's features first.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const execFileAsync = promisify(execFile);

// First versions with each feature (webassembly.org/features, MDN): [Chrome/Edge, Firefox, Safari].
export const FEATURES = {
  'sign-ext': [74, 62, 14.1],
  'mutable-globals': [74, 61, 13.1],
  'nontrapping-float-to-int': [75, 64, 15],
  multivalue: [85, 78, 13.1],
  'bulk-memory-opt': [75, 79, 15],
  'bulk-memory': [75, 79, 15],
  'reference-types': [96, 79, 15],
  'call-indirect-overlong': [96, 79, 15],
  'extended-const': [114, 112, 17.4],
  simd: [91, 89, 16.4],
  'tail-call': [112, 121, 18.2],
  'exception-handling': [95, 100, 15.2],
};
// Trunk's loader is a module script with top-level await.
const LOADER = { name: 'top-level await (the loader)', versions: [89, 89, 15] };
const ENGINES = ['Chrome', 'Firefox', 'Safari'];

/** The highest version of each engine among what is used. */
export function floor(used) {
  return ENGINES.map((_, i) => Math.max(...used.map((u) => u.versions[i])));
}

/** "Chrome and Edge 89, Firefox 89, Safari 15" (the README's words) as [89, 89, 15]. */
export function promised(readme) {
  const line = readme.match(/^\*\*Supported browsers:\*\*.*$/m)?.[0];
  if (!line) throw new Error('the README has no "**Supported browsers:**" line');
  return ENGINES.map((engine) => {
    const m = line.match(new RegExp(`${engine}[^0-9]*([0-9.]+)`));
    if (!m) throw new Error(`the README's supported browsers name no ${engine} version`);
    return Number(m[1]);
  });
}

/** Whether binaryen's wasm-opt reads `args[0]` with the features `args` enable (it validates
 * what it reads). Asynchronous: the calls, a second each (binaryen from npm starts slowly), run
 * side by side. */
async function validates(args) {
  try {
    await execFileAsync('wasm-opt', args);
    return true;
  } catch {
    return false;
  }
}

/** The module without its `target_features` custom section, whose features wasm-opt would
 * otherwise enable on reading: only the code counts. */
export function stripTargetFeatures(bytes) {
  const out = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      size |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    const end = at + size;
    const nameLength = id === 0 ? bytes[at] : 0;
    const name = id === 0 ? Buffer.from(bytes.subarray(at + 1, at + 1 + nameLength)).toString() : '';
    if (name !== 'target_features') out.push(bytes.subarray(start, end));
    at = end;
  }
  return Buffer.concat(out);
}

/** The features the module's code uses. `known`: features already found in another module of
 * the build; a module that reads with those alone uses nothing else (one call, not one per
 * feature). */
export async function usedFeatures(wasmPath, known = null) {
  const names = Object.keys(FEATURES);
  const enable = (list) => list.map((f) => `--enable-${f}`);
  const dir = mkdtempSync(join(tmpdir(), 'wasm-features-'));
  try {
    const bare = join(dir, 'bare.wasm');
    writeFileSync(bare, stripTargetFeatures(readFileSync(wasmPath)));
    const check = (features) => validates([bare, '--mvp-features', ...enable(features)]);
    if (known && (await check(known))) {
      return names.filter((f) => known.includes(f) && !(f === 'bulk-memory' && known.includes('bulk-memory-opt')));
    }
    if (!(await check(names))) {
      throw new Error(`${wasmPath} uses a feature this check does not know: add it to FEATURES`);
    }
    // bulk-memory includes bulk-memory-opt: check the small one alone first.
    const off = await Promise.all(names.map((f) => {
      const others = names.filter((g) => g !== f && !(f === 'bulk-memory-opt' && g === 'bulk-memory'));
      return check(others);
    }));
    return names.filter((_, i) => !off[i]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist, readmePath = join(dist, '..', 'README.md')] = process.argv.slice(2);
  // The main module and every chunk of the split build.
  const modules = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  const main = modules.find((f) => f.endsWith('_bg.wasm')) ?? modules[0];
  const mainFeatures = await usedFeatures(join(dist, main));
  const chunks = await Promise.all(modules.filter((f) => f !== main).map((f) => usedFeatures(join(dist, f), mainFeatures)));
  const features = [...new Set([mainFeatures, ...chunks].flat())].sort();
  const used = [...features.map((name) => ({ name, versions: FEATURES[name] })), LOADER];
  const needs = floor(used);
  const promise = promised(readFileSync(readmePath, 'utf8'));
  console.log(`wasm features used: ${features.join(', ') || 'none beyond the MVP'}`);
  console.log(`needs: ${ENGINES.map((e, i) => `${e} ${needs[i]}`).join(', ')}`);
  console.log(`README promises: ${ENGINES.map((e, i) => `${e} ${promise[i]}`).join(', ')}`);
  const broken = ENGINES.filter((_, i) => needs[i] > promise[i]);
  if (broken.length) {
    const why = used.filter((u) => ENGINES.some((e, i) => broken.includes(e) && u.versions[i] > promise[i]));
    console.error(`the build needs a newer ${broken.join(', ')} than the README promises, for: ${why.map((u) => u.name).join(', ')}`);
    process.exit(1);
  }
}
