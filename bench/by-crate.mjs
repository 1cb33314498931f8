// Where the wasm's bytes go: reads `twiggy top --format csv` of a named build (bench/by-crate.sh)
// and sums the code and data by crate. A component's view counts as "views", split by the module
// that defines it; the app's own code is split by module too, so every cut can be aimed and measured.
//   node bench/by-crate.mjs top.csv
import { readFileSync } from 'node:fs';

const APP = 'yew_strapi_auth';
const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').slice(1);
const totals = new Map();
const views = new Map();
const app = new Map();
const add = (map, key, size) => map.set(key, (map.get(key) || 0) + size);
let all = 0;
for (const row of rows) {
  const m = row.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, '').replace(/""/g, '"');
  if (name.includes('"function names" subsection') || name.includes('"data names"')) continue;
  const size = Number(m[2]);
  all += size;
  if (name.startsWith('data segment')) {
    add(totals, 'data (strings, tables)', size);
    continue;
  }
  // Names carry the concrete component and crate hashes: CompStateInner<yew_strapi_auth[…]::pages::login::Login>.
  const view = /CompStateInner<(.*)> as .*Stateful.*>::view/.exec(name);
  if (view) {
    add(totals, 'views (html! of each component)', size);
    const module = new RegExp(`${APP}(?:\\[[0-9a-f]+\\])?::((?:[a-z_]+::)*[a-z_]+)::[A-Z]`).exec(view[1]);
    add(views, module ? module[1] : 'other', size);
    continue;
  }
  const crate = (name.match(/([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/) || [, 'other'])[1];
  add(totals, crate, size);
  if (crate === APP) {
    const module = new RegExp(`${APP}(?:\\[[0-9a-f]+\\])?::([a-z_]+(?:::[a-z_]+)?)`).exec(name);
    add(app, module ? module[1] : 'other', size);
  }
}
const kb = (n) => (n / 1000).toFixed(1).padStart(7);
const print = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [key, size] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${kb(size)} KB ${(100 * size / all).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('by crate', totals, 25);
print('views, by module', views, 20);
print(`${APP}'s own code, by module`, app, 20);
console.log(`\n${kb(all)} KB  total (code + data, before compression)`);
