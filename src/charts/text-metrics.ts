/*
 * Text widths without a browser: an average advance per character of a sans-serif
 * face (DejaVu Sans, the widest of the usual fallbacks, is about 0.6 em for digits
 * and lowercase), so that margins and wrapping err on the roomy side.
 */
export function estimateWidth(text: string, fontSize: number, bold: boolean): number {
  let ems = 0;
  for (const char of text) ems += /[ .,:;'|()·]/.test(char) ? 0.34 : /[A-Z×→≤∝]/.test(char) ? 0.72 : 0.6;
  return ems * fontSize * (bold ? 1.08 : 1);
}

/** Words in lines no wider than `width` pixels. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && estimateWidth(candidate, fontSize, false) > width) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current !== '') lines.push(current);
  return lines;
}
