// Where the wasm's bytes go: reads `twiggy top --format csv` of a named build (bench/by-crate.sh)
// and sums the code and data by crate; a function component's view counts as "views".
//   node bench/by-crate.mjs top.csv
import { readFileSync } from 'node:fs';

const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').slice(1);
const totals = new Map();
let all = 0;
for (const row of rows) {
  const m = row.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, '').replace(/""/g, '"');
  if (name.includes('"function names" subsection') || name.includes('"data names"')) continue;
  const size = Number(m[2]);
  all += size;
  let key;
  if (name.startsWith('data segment')) key = 'data (strings, tables)';
  else if (/CompStateInner<COMP> as .*Stateful>::view/.test(name)) key = 'views (html! of each component)';
  else key = (name.match(/([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/) || [, 'other'])[1];
  totals.set(key, (totals.get(key) || 0) + size);
}
const kb = (n) => (n / 1000).toFixed(1).padStart(7);
for (const [key, size] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${kb(size)} KB ${(100 * size / all).toFixed(1).padStart(5)}%  ${key}`);
}
console.log(`${kb(all)} KB  total (code + data, before compression)`);
