import { blockKind, formatShape, groupThousands } from '../core/index.js';
import type { NetworkSpec, NetworkSummary } from '../core/index.js';

/*
 * What an exported file says about its network, in words: made of the spec's known
 * names and numbers and the summary's counts, never of anything a user typed.
 */

const ORDER_WORDS = { pre: 'pre order (BN-ReLU before each conv)', post: 'post order (conv-BN-ReLU)' } as const;

/** `text` in lines of at most `width` characters, broken between words. */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

/** The network in one sentence: family, order, block, blocks per group, width, shortcut, dropout, bias, input, classes. */
export function networkWords(spec: NetworkSpec): string {
  const widening =
    spec.groups !== undefined && spec.groups > 1
      ? `${spec.groups} groups of ${spec.widthPerGroup ?? ''} channels in each 3×3 conv (k = ${spec.k})`
      : `k = ${spec.k}`;
  const extras = [
    ...(spec.dropout > 0 ? [`dropout ${spec.dropout} before the 2nd and later convs of a block`] : []),
    ...(spec.convBias ? ['a bias on every conv'] : []),
  ];
  return [
    `The ${spec.family} family in ${ORDER_WORDS[spec.order]}, ${blockKind(spec.block).label(spec.block)} blocks,`,
    `${spec.blocksPerGroup.join(', ')} blocks per group, ${widening}, ${spec.shortcut} shortcuts${extras.map((extra) => `, ${extra}`).join('')};`,
    `for ${formatShape(spec.input)} inputs and ${spec.classes} classes.`,
  ].join(' ');
}

/** The counts: parameters, buffers and MACs as the summary counts them. */
export function countWords(summary: NetworkSummary): string {
  const { params, buffers, macs } = summary.totals;
  return `${groupThousands(params)} parameters, ${groupThousands(buffers)} buffers (BN running statistics) and ${groupThousands(macs)} MACs per image`;
}

/** Each group's output shape and parameters, one row each, indented by `indent`. */
export function groupTable(summary: NetworkSummary, indent: string): string {
  const shapes = summary.groups.map((group) => formatShape(group.output));
  const width = Math.max(6, ...shapes.map((shape) => shape.length));
  const params = summary.groups.map((group) => groupThousands(group.params));
  const row = (name: string, shape: string, count: string) => `${indent}${name.padEnd(6)} ${shape.padEnd(width)}  ${count.padStart(13)}`;
  return [row('group', 'output', 'params'), ...summary.groups.map((group, i) => row(group.name, shapes[i] ?? '', params[i] ?? ''))].join(
    '\n',
  );
}

/** How the parts of an exported network are named (names.ts). */
export const NAMING =
  "Module names follow torchvision's ResNet: conv1, bn1 and maxpool are the stem; layer1, layer2, … are the groups conv2, conv3, …, each a sequence of blocks numbered from 0 with conv1, bn1, conv2, … inside and the shortcut as downsample (a projection's conv downsample.0, its BN downsample.1); final_bn is the BN-ReLU before the pool of a pre-activation network (torchvision has none), then avgpool and fc.";
