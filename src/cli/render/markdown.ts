import type { Align } from './table.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A GitHub-flavoured Markdown table, for READMEs and PR comments. */
export function renderMarkdownTable(head: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  const rule = aligns.map((align) => (align === 'right' ? '---:' : '---'));
  const lines = [head, rule, ...rows].map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
