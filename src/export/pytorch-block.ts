import { blockKind } from '../core/index.js';
import type { BlockKindName, NetworkSpec, Op } from '../core/index.js';
import type { BlockArgs, BlockClass, Binding, WidthArg } from './block-class.js';
import { mainBindings, openingOf, shortcutBinding } from './block-class.js';
import { blockModule } from './names.js';
import * as py from './python.js';
import { torchCall, torchModule } from './pytorch-ops.js';

/*
 * The block class of an exported network, written from the block class's template
 * (block-class.ts): __init__ builds the template's ops with the arguments in place of
 * the values the network's blocks differ in; forward() applies them in the
 * description's order (the opening BN-ReLU, the main path, the shortcut, the add, what
 * follows it).
 */

/** One argument of the class: its Python name, type and the BlockArgs field it carries. */
export interface ClassParam {
  readonly python: string;
  readonly type: 'int' | 'str' | 'bool';
  readonly arg: keyof BlockArgs;
}

const WIDTH_PARAMS: Readonly<Record<WidthArg, string>> = { innerWidth: 'inner_width', width: 'width' };

/** torchvision's class name for each block kind. */
const CLASS_NAMES: Readonly<Record<BlockKindName, string>> = { basic: 'BasicBlock', bottleneck: 'Bottleneck' };

export function blockClassName(cls: BlockClass): string {
  return CLASS_NAMES[cls.kind];
}

export function classParams(cls: BlockClass): ClassParam[] {
  return [
    { python: 'in_channels', type: 'int', arg: 'inChannels' },
    ...(cls.takesInnerWidth ? [{ python: 'inner_width', type: 'int', arg: 'innerWidth' } as const] : []),
    { python: 'width', type: 'int', arg: 'width' },
    { python: 'stride', type: 'int', arg: 'stride' },
    ...(cls.template.shortcutKind === 'identity' ? [] : [{ python: 'shortcut', type: 'str', arg: 'shortcut' } as const]),
    ...(cls.openingVaries ? [{ python: 'preactivate', type: 'bool', arg: 'opens' } as const] : []),
  ];
}

/** A value of the arguments as Python writes it. */
export function argValue(args: BlockArgs, param: ClassParam): string {
  const value = args[param.arg];
  return typeof value === 'number' ? py.int(value) : typeof value === 'boolean' ? py.bool(value) : py.name(value);
}

function contextOf(binding: Binding, channels: string) {
  return {
    in: channels,
    ...(binding.outChannels === undefined ? {} : { out: WIDTH_PARAMS[binding.outChannels] }),
    ...(binding.stride === true ? { stride: 'stride' } : {}),
  };
}

/** Each op of a path with its module (undefined for a function of forward()), its input channels tracked through the path. */
function pathModules(ops: readonly Op[], bindings: readonly Binding[], channels: string): { op: Op; module: string | undefined }[] {
  return ops.map((op, i) => {
    const binding = bindings[i] ?? {};
    const module = torchModule(op, contextOf(binding, channels));
    if (binding.outChannels !== undefined) channels = WIDTH_PARAMS[binding.outChannels];
    return { op, module };
  });
}

/** `self.conv1 = nn.Conv2d(…)` for each op of a path that is a module. */
function assignments(ops: readonly Op[], bindings: readonly Binding[]): string[] {
  return pathModules(ops, bindings, 'in_channels').flatMap(({ op, module }) =>
    module === undefined ? [] : [`self.${py.identifier(blockModule(op))} = ${module}`],
  );
}

function shortcutLines(cls: BlockClass): string[] {
  const { shortcut, shortcutKind } = cls.template;
  if (shortcutKind === 'identity') return [];
  const ops = pathModules(shortcut, shortcut.map(shortcutBinding), 'in_channels').map(({ module }) => module ?? '');
  const built =
    shortcutKind === 'zero-pad'
      ? [`self.downsample = ${ops.join('')}`]
      : ['self.downsample = nn.Sequential(', ...ops.map((op) => `    ${op},`), ')'];
  const what = shortcutKind === 'zero-pad' ? 'zero-padded' : 'a projection';
  return [
    `# The shortcut: the identity, or ${what} where the width or the stride changes.`,
    'self.downsample = None',
    `if shortcut == ${py.name(shortcutKind)}:`,
    ...built.map((line) => `    ${line}`),
  ];
}

function initLines(cls: BlockClass): string[] {
  const { template } = cls;
  const opening = openingOf(template);
  const inPreact = template.preact.length > 0;
  const main = inPreact ? template.main : template.main.slice(opening.length);
  const openingLines = assignments(opening, []);
  return [
    ...(cls.openingVaries ? openingLines.map((line) => `${line} if preactivate else None`) : openingLines),
    ...assignments(main, mainBindings(cls).slice(inPreact ? 0 : opening.length)),
    ...shortcutLines(cls),
  ];
}

/** `out = …` for each op of a path, from `x`; the name of what the path ends with. */
function calls(ops: readonly Op[], x: string, lines: string[]): string {
  let current = x;
  for (const op of ops) {
    lines.push(`out = ${torchCall(op, `self.${py.identifier(blockModule(op))}`, current)}`);
    current = 'out';
  }
  return current;
}

function forwardLines(cls: BlockClass): string[] {
  const { template } = cls;
  const lines: string[] = [];
  const opening = openingOf(template);
  const inPreact = template.preact.length > 0;
  let x = 'x';
  if (opening.length > 0) {
    const [op] = opening;
    if (op === undefined || opening.length > 1) throw new Error('a block opening with more than one BN-ReLU');
    const opened = torchCall(op, `self.${py.identifier(blockModule(op))}`, 'x');
    x = inPreact ? 'opened' : 'out';
    lines.push(`${x} = ${opened}${cls.openingVaries ? ` if self.${py.identifier(blockModule(op))} is not None else x` : ''}`);
  }
  const out = calls(inPreact ? template.main : template.main.slice(opening.length), x, lines);
  const shortcutReads = template.shortcutInput === 'preactivated' ? 'opened' : 'x';
  lines.push(
    template.shortcutKind === 'identity'
      ? 'identity = x'
      : `identity = x if self.downsample is None else self.downsample(${shortcutReads})`,
  );
  lines.push(`out = ${torchCall(template.add, '', out)}`);
  calls(template.after, 'out', lines);
  return [...lines, 'return out'];
}

const ORDER_WORDS = { pre: 'BN-ReLU before each conv', post: 'conv-BN-ReLU, a ReLU after the add' } as const;

/** The one-line docstring: the block as the paper writes it, its order and where it strides. */
function docstring(cls: BlockClass, spec: NetworkSpec): string {
  const kernels = cls.convs.map((conv) => `${conv.kernel}×${conv.kernel}`).join(', ');
  const label = blockKind(spec.block).label(spec.block);
  return py.text(`${label}: ${kernels} convs, ${ORDER_WORDS[spec.order]}; the stride on conv${cls.strideAt + 1}.`);
}

/** The block class's source, indented as a top-level class. */
export function blockClassSource(cls: BlockClass, spec: NetworkSpec): string {
  const params = ['self', ...classParams(cls).map((param) => `${param.python}: ${param.type}`)];
  const oneLine = `    def __init__(${params.join(', ')}) -> None:`;
  const signature =
    [...oneLine].length <= 120 ? [oneLine] : ['    def __init__(', ...params.map((param) => `        ${param},`), '    ) -> None:'];
  const body = (lines: readonly string[]) => lines.map((line) => `        ${line}`);
  return [
    `class ${blockClassName(cls)}(nn.Module):`,
    `    """${docstring(cls, spec)}"""`,
    '',
    ...signature,
    '        super().__init__()',
    ...body(initLines(cls)),
    '',
    '    def forward(self, x: Tensor) -> Tensor:',
    ...body(forwardLines(cls)),
  ].join('\n');
}
