import Table from 'cli-table3';

export type Align = 'left' | 'right';

/** A borderless table in the torchinfo manner: a rule under the header, columns two spaces apart. */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  const table = new Table({
    head: [...head],
    colAligns: [...aligns],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2, compact: true },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '─', 'mid-mid': '─', right: '', 'right-mid': '', middle: '',
    },
  });
  for (const row of rows) table.push([...row]);
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}
