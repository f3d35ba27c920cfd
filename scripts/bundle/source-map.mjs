// The CLI bundle's source map cut down to the project's own files: --debug needs a frame's src/ file and line,
// and the mappings of the bundled packages (commander, zod, cli-table3, chalk) would double the map's size in the package.
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** One segment's fields (Base64 VLQ, as the source map format writes them). */
function decode(segment) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

function encode(number) {
  let value = number < 0 ? (-number << 1) | 1 : number << 1;
  let text = '';
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value) digit |= 32;
    text += BASE64[digit];
  } while (value);
  return text;
}

/** The map with only the segments whose source `keep` accepts, and only the names they use. */
export function keepSources(map, keep) {
  const kept = map.sources.map(keep);
  const names = [];
  const renamed = new Map();
  // Absolute values of the fields that are relative to the previous segment (source, line, column, name).
  let [source, line, column, name] = [0, 0, 0, 0];
  let [outSource, outLine, outColumn, outName] = [0, 0, 0, 0];
  const mappings = map.mappings.split(';').map((generatedLine) => {
    let generatedColumn = 0;
    let outGeneratedColumn = 0;
    const segments = [];
    for (const segment of generatedLine.split(',').filter(Boolean)) {
      const fields = decode(segment);
      generatedColumn += fields[0];
      if (fields.length < 4) continue;
      source += fields[1];
      line += fields[2];
      column += fields[3];
      if (fields.length === 5) name += fields[4];
      if (!kept[source]) continue;
      let text =
        encode(generatedColumn - outGeneratedColumn) + encode(source - outSource) + encode(line - outLine) + encode(column - outColumn);
      [outGeneratedColumn, outSource, outLine, outColumn] = [generatedColumn, source, line, column];
      if (fields.length === 5) {
        if (!renamed.has(name)) renamed.set(name, names.push(map.names[name]) - 1);
        text += encode(renamed.get(name) - outName);
        outName = renamed.get(name);
      }
      segments.push(text);
    }
    return segments.join(',');
  });
  return { ...map, names, mappings: mappings.join(';') };
}
