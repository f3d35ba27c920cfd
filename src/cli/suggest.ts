import { isWrnError } from '../core/index.js';
import { SUBCOMMAND_DESCRIPTIONS } from './commands/descriptions.js';
import type { SubcommandName } from './commands/descriptions.js';
import { UsageError } from './errors.js';
import { quote } from './quote.js';

/*
 * "Did you mean" for words in the place of a command: `wrn-calc gird` (the
 * summary reads it as a model name, and no model is called that) and
 * `wrn-calc help gird`. Unknown options get commander's own suggestion.
 */

export const SUBCOMMAND_NAMES = Object.keys(SUBCOMMAND_DESCRIPTIONS) as SubcommandName[];

/** Edit distance counting a swap of neighbours as one edit (`gird` is one from `grid`), as commander's suggestions do. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] ?? [];
      const up = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, (rows[i - 2]?.[j - 2] ?? 0) + 1);
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** The command names within two edits of `word` that keep at least half of it, closest first. */
export function closestCommands(word: string): SubcommandName[] {
  const lower = word.toLowerCase().slice(0, 40);
  return SUBCOMMAND_NAMES.map((name) => ({ name, d: distance(lower, name) }))
    .filter(({ name, d }) => d <= 2 && (Math.max(name.length, lower.length) - d) / Math.max(name.length, lower.length) >= 0.5)
    .sort((x, y) => x.d - y.d)
    .map(({ name }) => name);
}

export function listOr(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

export function listAnd(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

/**
 * The summary's word that is neither a model nor a command but close to a command
 * (`wrn-calc gird`): the error then suggests the command, and the models close to
 * it if any. Any other error is returned as it is.
 */
export function withCommandHint(error: unknown, word: string | undefined): unknown {
  if (word === undefined || !isWrnError(error) || error.issue.code !== 'UNKNOWN_MODEL') return error;
  const commands = closestCommands(word);
  if (commands.length === 0) return error;
  const models = error.issue.suggestions;
  const also = models.length > 0 ? `, or the model ${listOr(models)}` : '';
  return new UsageError(
    `${quote(word)} is neither a command nor a known model; did you mean the command ${listOr(commands)}${also}? (wrn-calc --help lists the commands.)`,
  );
}
