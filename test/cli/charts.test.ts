import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { parseSvg } from '../helpers/svg.js';

/*
 * --svg, --png and --plot as a user meets them: files written whole beside the
 * usual output, one sentence and the documented exit code when a file cannot be
 * written or flags do not go together, and nothing partial anywhere.
 */

const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-charts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESC = String.fromCharCode(27);
const visible = (line: string) => [...line.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')].length;

describe('--svg PATH', () => {
  it('writes the chart and still prints the usual output', async () => {
    const path = join(dir, 'grid.svg');
    const [withChart, plain, toStdout] = await Promise.all([
      runCli(['grid', '--svg', path]),
      runCli(['grid']),
      runCli(['grid', '--svg', '-']),
    ]);
    expect(withChart.exitCode).toBe(0);
    expect(withChart.stdout).toBe(plain.stdout);
    expect(readFileSync(path, 'utf8')).toBe(toStdout.stdout);
    expect(parseSvg(readFileSync(path, 'utf8')).documentElement?.tagName).toBe('svg');
  });

  it('goes with --json: JSON on stdout, the chart in its file', async () => {
    const path = join(dir, 'fit.svg');
    const result = await runCli(['fit', '--max-params', '10M', '--json', '--svg', path]);
    expect(result.exitCode).toBe(0);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    expect(readFileSync(path, 'utf8')).toMatch(/^<\?xml/);
  });

  it('replaces a file that is there, leaving no temporary file beside it', async () => {
    const path = join(dir, 'replace', 'x.svg');
    mkdirSync(join(dir, 'replace'));
    writeFileSync(path, 'old');
    expect((await runCli(['compare', 'WRN-40-4', 'WRN-28-10', '--svg', path])).exitCode).toBe(0);
    expect(readFileSync(path, 'utf8')).toMatch(/WRN-40-4 vs WRN-28-10/);
    expect(readdirSync(join(dir, 'replace'))).toEqual(['x.svg']);
  });

  it('writes through a symbolic link to its file (a dangling one creates it), and leaves the link a link', async () => {
    const folder = join(dir, 'linked');
    mkdirSync(folder);
    writeFileSync(join(folder, 'target.svg'), 'old');
    symlinkSync('target.svg', join(folder, 'link.svg'));
    symlinkSync('made.svg', join(folder, 'dangling.svg'));
    for (const link of ['link.svg', 'dangling.svg']) {
      expect((await runCli(['grid', '--svg', join(folder, link)])).exitCode).toBe(0);
      expect(lstatSync(join(folder, link)).isSymbolicLink()).toBe(true);
    }
    for (const file of ['target.svg', 'made.svg']) expect(readFileSync(join(folder, file), 'utf8')).toMatch(/^<\?xml/);
    expect(readdirSync(folder).sort()).toEqual(['dangling.svg', 'link.svg', 'made.svg', 'target.svg']);
  });

  it('writes a device as it is: /dev/null stays a character device', async () => {
    expect((await runCli(['grid', '--svg', '/dev/null'])).exitCode).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('a chart that cannot be written: one sentence, exit 74 (EX_IOERR), nothing on stdout or on disk', () => {
  it.each([
    [
      'a missing folder',
      () => join(dir, 'missing', 'x.svg'),
      /^wrn-calc: cannot write the chart to '.*missing\/x\.svg': the folder .*missing does not exist\.\n$/,
    ],
    ['a folder', () => dir, /^wrn-calc: cannot write the chart to '.*': it is a folder\.\n$/],
    [
      'a file under a file',
      () => join(dir, 'plain-file', 'x.svg'),
      /^wrn-calc: cannot write the chart to '.*plain-file\/x\.svg': a part of its folder path is a file, not a folder\.\n$/,
    ],
  ])('%s', async (_, target, message) => {
    writeFileSync(join(dir, 'plain-file'), 'a file');
    const before = readdirSync(dir).sort();
    const result = await runCli(['grid', '--svg', target()]);
    expect(result).toMatchObject({ exitCode: 74, stdout: '' });
    expect(result.stderr).toMatch(message);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it.runIf(process.platform === 'linux')('/proc/x.svg', async () => {
    const result = await runCli(['grid', '--svg', '/proc/x.svg']);
    expect(result).toMatchObject({
      exitCode: 74,
      stdout: '',
      stderr: "wrn-calc: cannot write the chart to '/proc/x.svg': no file can be made in /proc.\n",
    });
  });

  it('writes neither file when the second cannot be written', async () => {
    const svg = join(dir, 'first.svg');
    const result = await runCli(['grid', '--svg', svg, '--png', join(dir, 'missing', 'x.png')]);
    expect(result.exitCode).toBe(74);
    expect(existsSync(svg)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('flags that do not go together: one sentence, exit 2, nothing written', () => {
  it.each([
    [
      ['grid', '--png', '-'],
      'wrn-calc: --png - would write binary PNG data to the terminal; give a file path (--svg - writes SVG to stdout).\n',
    ],
    [['grid', '--plot', '--svg', '-'], 'wrn-calc: --plot and --svg - both write to stdout; give one of them.\n'],
    [['grid', '--svg', '-', '--json'], 'wrn-calc: --svg - replaces the usual output, so it does not go with --json; give one of them.\n'],
    [
      ['fit', '--max-params', '1M', '--plot', '--format', 'markdown'],
      'wrn-calc: --plot replaces the usual output, so it does not go with --format markdown; give one of them.\n',
    ],
    [
      ['compare', 'WRN-40-4', 'WRN-28-10', '--plot', '--format', 'csv'],
      'wrn-calc: --plot replaces the usual output, so it does not go with --format csv; give one of them.\n',
    ],
    [['--plot', '--json'], 'wrn-calc: --plot replaces the usual output, so it does not go with --json; give one of them.\n'],
    [['grid', '--svg', ''], 'wrn-calc: --svg needs a file path (or - for standard output), got an empty value.\n'],
    [['grid', '--svg', 'same', '--png', 'same'], "wrn-calc: --svg and --png both name 'same'; give each its own file.\n"],
    [
      ['block', '--svg', '-'],
      'wrn-calc: --svg, --png and --plot on block draw the --compare-k comparison; add --compare-k, e.g. --compare-k 1,2,4,8.\n',
    ],
  ])('wrn-calc %s', async (argv, stderr) => {
    const result = await runCli(argv);
    expect(result).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(existsSync('same')).toBe(false);
  });
});

describe('--png PATH (with @resvg/resvg-js, a devDependency here)', () => {
  it('writes a PNG at twice the SVG size', async () => {
    const path = join(dir, 'grid.png');
    const result = await runCli(['grid', '--png', path]);
    expect(result.exitCode).toBe(0);
    const png = readFileSync(path);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1440); // IHDR width: the 720-wide SVG at zoom 2
  });
});

describe('--plot', () => {
  it.each([80, 60])('grid --plot fits %i columns, labels its log axes and has a legend', async (columns) => {
    const result = await runCli(['grid', '--plot'], { columns });
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) expect(visible(line), line).toBeLessThanOrEqual(columns);
    expect(result.stdout).toContain('parameters, log scale');
    expect(result.stdout).toContain('depth d (layers), log scale');
    expect(result.stdout).toMatch(/^● k = 1 {3}■ k = 2 {3}▲ k = 4/m);
    expect(result.stdout).toMatch(/^ {2}1M ┤/m);
  });

  it.each([
    [['fit', '--max-params', '10M', '--plot']],
    [['compare', 'WRN-40-4', 'WRN-16-8', 'WRN-28-10', '--plot']],
    [['--plot']],
    [['block', '--compare-k', '1,2,4,8', '--plot']],
  ])('wrn-calc %s fits 60 columns', async (argv) => {
    const result = await runCli(argv, { columns: 60 });
    expect(result.exitCode, result.stderr).toBe(0);
    for (const line of result.stdout.trimEnd().split('\n')) expect(visible(line), line).toBeLessThanOrEqual(60);
  });

  it('colours only when colour is on (--color, a terminal), and never with --no-color', async () => {
    const colour = await runCli(['grid', '--plot', '--color']);
    const tty = await runCli(['grid', '--plot'], { tty: true, columns: 80 });
    const none = await runCli(['grid', '--plot', '--no-color'], { tty: true, columns: 80 });
    const noColorEnv = await runCli(['grid', '--plot'], { tty: true, columns: 80, env: { NO_COLOR: '1' } });
    expect(colour.stdout).toContain(`${ESC}[34m`);
    expect(tty.stdout).toContain(`${ESC}[34m`);
    expect(none.stdout).not.toContain(ESC);
    expect(noColorEnv.stdout).not.toContain(ESC);
  });

  it('draws 80 columns when piped', async () => {
    const result = await runCli(['compare', 'WRN-40-4', 'WRN-28-10', '--plot']);
    expect(Math.max(...result.stdout.split('\n').map(visible))).toBeLessThanOrEqual(80);
    expect(result.stdout).toContain('WRN-28-10 ████');
  });
});
