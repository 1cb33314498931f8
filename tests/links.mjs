// Every relative link in the README, the docs/ pages and the crates' READMEs points at a file or
// folder of this repository (anchors and web addresses are not followed).
//   node tests/links.mjs   (exit 1, naming each broken link)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  ...readdirSync(join(ROOT, 'crates')).map((c) => `crates/${c}/README.md`).filter((p) => existsSync(join(ROOT, p))),
];
const broken = [];
for (const page of pages) {
  const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^([a-z]+:|#)/.test(target)) continue;
    const path = decodeURIComponent(target.split('#')[0]);
    if (!existsSync(join(ROOT, dirname(page), path))) broken.push(`${page}: ${target}`);
  }
}
if (broken.length) {
  console.error(`broken links:\n${broken.join('\n')}`);
  process.exit(1);
}
console.log(`links: ${pages.length} pages, every relative link resolves`);
