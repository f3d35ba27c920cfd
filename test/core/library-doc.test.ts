import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';

/*
 * docs/library.md's code, run against the library: each `ts` block, its
 * `import { … } from 'wrn-calc'` bound to src/index.ts's exports (a name the
 * library does not export fails), and every `expression; // → value` line checked:
 * the expression's value, as JSON, is the text after the arrow.
 */

const PAGE = readFileSync('docs/library.md', 'utf8');
const BLOCKS = [...PAGE.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

type Check = (actual: unknown, expected: string, line: string) => void;

/** The block as a function of the names it imports and a check for each arrow. */
function compile(block: string): { names: string[]; run: (check: Check) => void } {
  const imported = /^import \{([^}]*)\} from 'wrn-calc';$/m.exec(block);
  const names = (imported?.[1] ?? '').split(',').map((name) => name.trim());
  const body = block
    .replace(/^import .*$/m, '')
    .split('\n')
    .map((line) => {
      const arrow = /^(\s*)(.*);\s*\/\/ → (.*)$/.exec(line);
      if (arrow === null) return line;
      const [, indent = '', expression = '', expected = ''] = arrow;
      return `${indent}check(${expression}, ${JSON.stringify(expected)}, ${JSON.stringify(line.trim())});`;
    })
    .join('\n');
  const fn = new Function(...names, 'check', body) as (...args: unknown[]) => void;
  return {
    names,
    run: (check) => fn(...names.map((name) => (library as Record<string, unknown>)[name]), check),
  };
}

describe('docs/library.md', () => {
  it('has code with checked values', () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(2);
    expect(PAGE.match(/\/\/ → /g)?.length ?? 0).toBeGreaterThanOrEqual(10);
  });

  it.each(BLOCKS.map((block, index) => [index + 1, block] as const))(
    'block %i imports only what the library exports, and gives the values it shows',
    (_, block) => {
      const { names, run } = compile(block);
      for (const name of names) expect(library, name).toHaveProperty(name);
      let checked = 0;
      run((actual, expected, line) => {
        expect(JSON.stringify(actual), line).toBe(expected);
        checked++;
      });
      expect(checked).toBe(block.match(/\/\/ → /g)?.length ?? 0);
    },
  );

  it('names every function the library exports', () => {
    const functions = Object.entries(library).filter(([, value]) => typeof value === 'function' && !/^[A-Z]/.test(value.name));
    for (const [name] of functions) expect(PAGE, name).toContain(`${name}(`);
  });
});
