/*
 * A small reader for the YAML that action.yml uses, so a test can run the action's steps without a new
 * dependency: block mappings and sequences by indentation, plain and quoted one-line scalars, whole-line
 * comments. It throws on anything else (flow collections, block scalars, anchors, tags), so an action.yml
 * that grows such a construct fails loudly instead of being misread.
 */
export type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface Line {
  readonly indent: number;
  readonly text: string;
  readonly number: number;
}

function scalar(raw: string, line: Line): string {
  const value = raw.trim();
  if (/^'.*'$/.test(value)) return value.slice(1, -1).replaceAll("''", "'");
  if (/^".*"$/.test(value)) return JSON.parse(value) as string;
  if (/^[[{|>&*!]/.test(value) || / #/.test(value))
    throw new Error(`action.yml line ${line.number}: this reader does not handle ${JSON.stringify(value)}`);
  return value;
}

export function parseYaml(text: string): Yaml {
  const lines: Line[] = [];
  text.split('\n').forEach((raw, index) => {
    if (/^\s*(#.*)?$/.test(raw)) return;
    if (raw.includes('\t')) throw new Error(`line ${index + 1}: a tab`);
    const indent = raw.length - raw.trimStart().length;
    lines.push({ indent, text: raw.trim(), number: index + 1 });
  });
  let at = 0;

  function block(indent: number): Yaml {
    const first = lines[at];
    if (!first || first.indent !== indent) throw new Error(`line ${first?.number ?? 'end'}: expected a block at indent ${indent}`);
    return first.text.startsWith('- ') || first.text === '-' ? sequence(indent) : mapping(indent);
  }

  function value(rest: string, line: Line, indent: number): Yaml {
    if (rest.trim() !== '') return scalar(rest, line);
    const next = lines[at];
    // A sequence may sit at its key's own indent.
    if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')))) return block(next.indent);
    return '';
  }

  function mapping(indent: number): { [key: string]: Yaml } {
    const result: { [key: string]: Yaml } = {};
    while (lines[at] && lines[at]!.indent === indent && !lines[at]!.text.startsWith('- ')) {
      const line = lines[at++]!;
      const match = /^([^:'"]+):(?:\s+(.*))?$/.exec(line.text);
      if (!match) throw new Error(`line ${line.number}: expected "key: value", got ${JSON.stringify(line.text)}`);
      const key = match[1]!.trim();
      if (key in result) throw new Error(`line ${line.number}: duplicate key ${key}`);
      result[key] = value(match[2] ?? '', line, indent);
    }
    if (lines[at] && lines[at]!.indent > indent) throw new Error(`line ${lines[at]!.number}: unexpected indent`);
    return result;
  }

  function sequence(indent: number): Yaml[] {
    const result: Yaml[] = [];
    while (lines[at] && lines[at]!.indent === indent && lines[at]!.text.startsWith('- ')) {
      const line = lines[at]!;
      const item = line.text.slice(2);
      if (/^[^:'"]+:(\s|$)/.test(item)) {
        // "- key: value" opens a mapping whose keys line up with "key".
        lines[at] = { indent: indent + 2, text: item, number: line.number };
        result.push(mapping(indent + 2));
      } else {
        at++;
        result.push(scalar(item, line));
      }
    }
    return result;
  }

  const result = block(0);
  if (at < lines.length) throw new Error(`line ${lines[at]!.number}: unexpected indent`);
  return result;
}
