// The licence notices of the packages an esbuild bundle inlines, written beside it as <bundle>.LEGAL.txt.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Each bundle carries code of other packages: ship their licence texts beside it. */
export function writeNotices(bundle, metafile) {
  const packageDirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packageDirs.add(match[1]);
  }
  const notices = [...packageDirs].sort().map((dir) => {
    const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // LICENSE, license.md, LICENSE-MIT.txt (emoji-regex, through cli-table3's string-width).
    const file = readdirSync(dir).find((f) => /^licen[cs]e(-[\w.]+)?(\.(md|txt))?$/i.test(f));
    if (!file) throw new Error(`${name} has no license file to ship with the bundle`);
    return `${name} ${version} (${license})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
  });
  writeFileSync(
    `${bundle}.LEGAL.txt`,
    `${bundle} includes code from these packages, under these licenses.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
  );
}
