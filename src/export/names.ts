import type { Op } from '../core/index.js';

/*
 * The names exported networks give their parts: torchvision's ResNet
 * (torchvision/models/resnet.py) for every network, so that a post-order ImageNet
 * network's state_dict is torchvision's key for key, and every other network reads
 * the same way. The stem's conv1, bn1 and maxpool; the groups conv2, conv3, … are
 * layer1, layer2, …, each a sequence of blocks numbered from 0; a block's own ops keep
 * the description's names (conv1, bn1, conv2, …, dropout2, …) and its shortcut is
 * downsample (a projection's conv downsample.0, its BN downsample.1); the head's
 * BN-ReLU of a pre-activation network is final_bn (torchvision has none), then
 * avgpool and fc. The ONNX graph names its nodes and weights the same way.
 */

const STEM_MODULES: Readonly<Record<string, string>> = { conv: 'conv1', bn: 'bn1', pool: 'maxpool' };
const HEAD_MODULES: Readonly<Record<string, string>> = { bn: 'final_bn', pool: 'avgpool', fc: 'fc' };

function named(table: Readonly<Record<string, string>>, op: Op, where: string): string {
  const name = Object.hasOwn(table, op.name) ? table[op.name] : undefined;
  if (name === undefined) throw new Error(`the ${where} has an op named ${op.name}, which has no torchvision name`);
  return name;
}

export function stemModule(op: Op): string {
  return named(STEM_MODULES, op, 'stem');
}

export function headModule(op: Op): string {
  return named(HEAD_MODULES, op, 'head');
}

/** layer1 for conv2 (the first group of blocks), layer2 for conv3, … */
export function groupModule(groupIndex: number): string {
  return `layer${groupIndex + 1}`;
}

/** Within a block: the shortcut is `downsample` (a zero-pad module) or its parts `downsample.0` and `.1`; other ops keep their names. */
export function blockModule(op: Op): string {
  if (op.name === 'shortcut') return op.kind === 'conv' ? 'downsample.0' : 'downsample';
  if (op.name === 'shortcut.bn') return 'downsample.1';
  return op.name;
}

/** The ReLU fused into a BN, as graphs name it: bn2 → relu2, final_bn → final_relu. */
export function reluOf(bnName: string): string {
  return bnName.replace(/bn([0-9]*)$/, 'relu$1');
}
