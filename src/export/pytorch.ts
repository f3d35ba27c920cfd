import { formatShape } from '../core/index.js';
import type { NetworkSpec, Op, OpKind } from '../core/index.js';
import { REPEATED_ARGS, blockClass } from './block-class.js';
import type { BlockArgs, BlockClass, RepeatedArg } from './block-class.js';
import { groupModule, headModule, stemModule } from './names.js';
import { exportNetwork, shapesOf } from './network.js';
import type { ExportNetwork } from './network.js';
import * as py from './python.js';
import { argValue, blockClassName, blockClassSource, classParams } from './pytorch-block.js';
import type { ClassParam } from './pytorch-block.js';
import type { OpContext } from './pytorch-ops.js';
import { helperClasses, torchCall, torchModule } from './pytorch-ops.js';
import { NAMING, countWords, groupTable, networkWords, wrap } from './words.js';

/*
 * A network as one Python file that needs only torch: the description's numbers at
 * the top (input, classes, each group's first block), one class for its blocks, a
 * function building a group from that class (its first block, then the block it
 * repeats N − 1 times), the network's class (stem, groups, head) and build_model().
 * Run as a script, it builds the model and prints its parameter count and output shape.
 */

function moduleDocstring(network: ExportNetwork): string {
  const { spec } = network.description;
  return py.text(
    [
      `${spec.name} in PyTorch, exported by wrn-calc.`,
      '',
      wrap(`${countWords(network.summary)}, as wrn-calc counts them. ${networkWords(spec)}`, 88),
      '',
      groupTable(network.summary, '    '),
      '',
      wrap(NAMING, 88),
      '',
      'Needs only torch. Run it to build the model and print its parameter count and output shape.',
    ].join('\n'),
    true,
  );
}

function config(network: ExportNetwork, cls: BlockClass, args: readonly BlockArgs[]): string {
  const { spec } = network.description;
  const { totals, groups } = network.summary;
  const params = classParams(cls);
  const firsts = network.uses.map((use, i) => ({ use, args: args[i] as BlockArgs })).filter(({ use }) => use.position === 0);
  const rows = firsts.map(({ use, args: first }) => {
    const fields = [`blocks=${py.int(use.group.blocks)}`, ...params.map((param) => `${param.python}=${argValue(first, param)}`)];
    const output = groups.find((group) => group.name === use.group.name)?.output ?? [];
    return [`    # ${py.text(`${use.group.name}: ${formatShape(output)}`)}`, `${callLines('    ', 'Group', fields)},`].join('\n');
  });
  return [
    `INPUT_SHAPE = (${spec.input.map((size) => py.int(size)).join(', ')})  # channels, height, width`,
    `CLASSES = ${py.int(spec.classes)}`,
    `PARAMS = ${py.int(totals.params, true)}  # what wrn-calc counts: parameters,`,
    `BUFFERS = ${py.int(totals.buffers, true)}  # and BN running statistics (not num_batches_tracked)`,
    '',
    '',
    'class Group(NamedTuple):',
    '    """A group of blocks: N, and the first block\'s arguments (the N − 1 after it keep the group\'s width)."""',
    '',
    '    blocks: int',
    ...params.map((param) => `    ${param.python}: ${param.type}`),
    '',
    '',
    `GROUPS = [`,
    ...rows,
    ']',
  ].join('\n');
}

/** make_group(): the first block from the group's arguments, then N − 1 from what REPEATED_ARGS gives them. */
function makeGroup(cls: BlockClass): string {
  const params = classParams(cls);
  const name = blockClassName(cls);
  const pythonOf = (arg: keyof BlockArgs): string => {
    const param = params.find((candidate) => candidate.arg === arg);
    if (param === undefined) throw new Error(`a repeated block's ${arg} comes from an argument the class does not take`);
    return `group.${param.python}`;
  };
  const repeatedValue = (param: ClassParam): string => {
    const source: RepeatedArg<keyof BlockArgs> = REPEATED_ARGS[param.arg];
    if ('copies' in source) return pythonOf(source.copies);
    const { value } = source;
    return typeof value === 'number' ? py.int(value) : typeof value === 'boolean' ? py.bool(value) : py.name(value);
  };
  const repeated = params.map(repeatedValue);
  const oneLine = `    repeated = [${name}(${repeated.join(', ')}) for _ in range(group.blocks - 1)]`;
  return [
    'def make_group(group: Group) -> nn.Sequential:',
    '    """The group\'s first block, then N − 1 blocks that keep its width: no stride, the identity as shortcut."""',
    callLines(
      '    first = ',
      name,
      params.map((param) => `group.${param.python}`),
    ),
    ...(fits(oneLine)
      ? [oneLine]
      : ['    repeated = [', callLines('        ', name, repeated), '        for _ in range(group.blocks - 1)', '    ]']),
    '    return nn.Sequential(first, *repeated)',
  ].join('\n');
}

/** The stem's or the head's modules and calls, named the torchvision way, their channels from the walk. */
function partLines(network: ExportNetwork, ops: readonly Op[], walkPrefix: string, nameOf: (op: Op) => string) {
  const { spec } = network.description;
  const init: string[] = [];
  const forward: string[] = [];
  for (const op of ops) {
    const { input } = shapesOf(network, walkPrefix + op.name);
    const at: OpContext = {
      in: walkPrefix === 'conv1.' && op.kind === 'conv' && input.c === spec.input[0] ? 'INPUT_SHAPE[0]' : py.int(input.c),
      ...(op.kind === 'linear' && op.outFeatures === spec.classes ? { out: 'CLASSES' } : {}),
    };
    const name = py.identifier(nameOf(op));
    const module = torchModule(op, at);
    if (module !== undefined) init.push(`self.${name} = ${module}`);
    forward.push(`x = ${torchCall(op, `self.${name}`, 'x')}`);
  }
  return { init, forward };
}

function networkClass(network: ExportNetwork, cls: BlockClass, name: string): string {
  const { stem, head, groups, spec } = network.description;
  const stemPart = partLines(network, stem, 'conv1.', stemModule);
  const headPart = partLines(network, head, 'head.', headModule);
  const layers = groups.map((group, g) => ({ module: groupModule(g), group }));
  const body = (lines: readonly string[]) => lines.map((line) => `        ${line}`);
  const summary = py.text(
    `${spec.name}: the stem (conv1), ${groups.length} groups of ${blockClassName(cls)}s (conv2 to ${groups[groups.length - 1]?.name ?? ''}) and the head.`,
  );
  return [
    `class ${name}(nn.Module):`,
    `    """${summary}"""`,
    '',
    '    def __init__(self) -> None:',
    '        super().__init__()',
    ...body(stemPart.init),
    ...body(layers.map(({ module, group }, g) => `self.${module} = make_group(GROUPS[${g}])  # ${py.text(group.name)}`)),
    ...body(headPart.init),
    '',
    '    def forward(self, x: Tensor) -> Tensor:',
    ...body(stemPart.forward),
    ...body(layers.map(({ module }) => `x = self.${module}(x)`)),
    ...body(headPart.forward),
    '        return x',
  ].join('\n');
}

function main(name: string): string {
  return [
    'def build_model() -> nn.Module:',
    `    return ${name}()`,
    '',
    '',
    "if __name__ == '__main__':",
    '    model = build_model()',
    '    params = sum(p.numel() for p in model.parameters())',
    "    buffers = sum(b.numel() for n, b in model.named_buffers() if not n.endswith('num_batches_tracked'))",
    "    print(f'{params:,} parameters and {buffers:,} buffers (wrn-calc counts {PARAMS:,} and {BUFFERS:,})')",
    '    with torch.no_grad():',
    '        output = model.eval()(torch.zeros(1, *INPUT_SHAPE))',
    "    print(f'output shape {tuple(output.shape)} for an input of shape {(1, *INPUT_SHAPE)}')",
  ].join('\n');
}

/** Lines of generated code stay within this many columns where a call can be broken. */
const WIDTH = 120;

const fits = (line: string) => [...line].length <= WIDTH;

/** `start` + `name(a, b)` on one line, or with one argument per line when that would be too long. */
function callLines(start: string, name: string, args: readonly string[]): string {
  const line = `${start}${name}(${args.join(', ')})`;
  if (fits(line)) return line;
  const indent = ' '.repeat(start.length - start.trimStart().length + 4);
  return [`${start}${name}(`, ...args.map((arg) => `${indent}${arg},`), `${indent.slice(4)})`].join('\n');
}

/** Every kind of op the network has. */
function usedKinds(network: ExportNetwork): Set<OpKind> {
  const { stem, head } = network.description;
  const blocks = network.uses.flatMap(({ block }) => [...block.preact, ...block.main, ...block.shortcut, block.add, ...block.after]);
  return new Set([...stem, ...blocks, ...head].map((op) => op.kind));
}

/** The Python source of the network `spec` describes. */
export function pytorchSource(spec: NetworkSpec): string {
  const network = exportNetwork(spec);
  const { cls, args } = blockClass(network);
  const name = py.className(spec.name);
  const helpers = helperClasses(usedKinds(network));
  const parts = [
    [
      `"""${moduleDocstring(network)}\n"""`,
      '',
      'from typing import NamedTuple',
      '',
      'import torch',
      'import torch.nn.functional as F',
      'from torch import Tensor, nn',
    ].join('\n'),
    config(network, cls, args),
    ...helpers,
    blockClassSource(cls, spec),
    makeGroup(cls),
    networkClass(network, cls, name),
    main(name),
  ];
  return `${parts.join('\n\n\n')}\n`;
}
