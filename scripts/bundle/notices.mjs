// The licence notices of the packages an esbuild bundle inlines, written beside it as <bundle>.LEGAL.txt.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files made from code of others outside node_modules: the folder of third_party/ each comes from, whose
 * README.md opens with its name and licence and whose LICENSE is the text (onnx.proto, in the ONNX chunk).
 */
const VENDORED = { 'src/export/onnx/onnx-descriptor.json': 'third_party/onnx' };

/** Each bundle carries code of other packages: ship their licence texts beside it. */
export function writeNotices(bundle, metafile) {
  const packageDirs = new Set();
  const vendored = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packageDirs.add(match[1]);
    if (Object.hasOwn(VENDORED, input)) vendored.add(VENDORED[input]);
  }
  const notices = [...packageDirs].sort().map((dir) => {
    const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // LICENSE, license.md, LICENSE-MIT.txt (emoji-regex, through cli-table3's string-width).
    const file = readdirSync(dir).find((f) => /^licen[cs]e(-[\w.]+)?(\.(md|txt))?$/i.test(f));
    if (!file) throw new Error(`${name} has no license file to ship with the bundle`);
    return `${name} ${version} (${license})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
  });
  for (const dir of vendored) {
    const origin = readFileSync(join(dir, 'README.md'), 'utf8').trim();
    notices.push(`${origin}\n\n${readFileSync(join(dir, 'LICENSE'), 'utf8').trim()}\n`);
  }
  writeFileSync(
    `${bundle}.LEGAL.txt`,
    `${bundle} includes code from these packages, under these licenses.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
  );
}
