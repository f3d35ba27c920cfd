/*
 * The networks test/export/torch.test.ts exports and runs in PyTorch and ONNX: across
 * the family, every torchvision ResNet name among them. docs/export.md says how many.
 */

export interface Case {
  readonly id: string;
  readonly argv: readonly string[];
  /** The torchvision model whose state_dict must load with strict=True. */
  readonly torchvision?: string;
}

const SMALL = ['--input', '64'];

export const CASES: readonly Case[] = [
  // CIFAR, pre order: the official WRN, any block B(k1, …, kl), fractional k, odd and non-square inputs.
  { id: 'wrn-28-10', argv: ['WRN-28-10'] },
  { id: 'wrn-16-4-dropout', argv: ['WRN-16-4', '--dropout', '0.3'] },
  { id: 'wrn-40-1.5', argv: ['WRN-40-1.5'] },
  { id: 'b313-n3-k2', argv: ['--block', 'B(3,1,3)', '--blocks-per-group', '3', '--k', '2'] },
  { id: 'b3-n2-k2-dropout', argv: ['--block', '3', '--blocks-per-group', '2', '--k', '2', '--dropout', '0.5'] },
  { id: 'b131-nominal-16', argv: ['--block', '1,3,1', '--depth', '16', '--depth-rule', 'nominal', '--k', '2'] },
  { id: 'wrn-16-4-40x24', argv: ['WRN-16-4', '--input', '40x24'] },
  { id: 'wrn-16-2-33-bias', argv: ['WRN-16-2', '--input', '33', '--conv-bias'] },
  { id: 'wrn-10-1-mnist-c100', argv: ['WRN-10-1', '--dataset', 'mnist', '--classes', '100'] },
  { id: 'cifar-pre-zero-pad', argv: ['--depth', '16', '--k', '2', '--shortcut', 'zero-pad'] },
  { id: 'preact-resnet164', argv: ['preact-resnet164'] },
  { id: 'cifar-pre-bottleneck-dropout', argv: ['--block', 'bottleneck', '--blocks-per-group', '2', '--k', '2', '--dropout', '0.3'] },
  {
    id: 'cifar-resnext',
    argv: ['--block', 'bottleneck', '--blocks-per-group', '2', '--groups', '4', '--width-per-group', '32', '--k', '2'],
  },
  // CIFAR, post order (He et al. 2015).
  { id: 'resnet20', argv: ['resnet20'] },
  { id: 'resnet56-c100', argv: ['resnet56', '--dataset', 'cifar100'] },
  { id: 'resnet20-projection', argv: ['resnet20', '--shortcut', 'projection'] },
  {
    id: 'cifar-post-b313-bias-dropout',
    argv: ['--order', 'post', '--block', '3,1,3', '--blocks-per-group', '2', '--k', '2', '--conv-bias', '--dropout', '0.2'],
  },
  {
    id: 'cifar-post-bottleneck-zero-pad',
    argv: ['--block', 'bottleneck', '--order', 'post', '--shortcut', 'zero-pad', '--blocks-per-group', '2', '--k', '1'],
  },
  // torchvision's ResNets: its own state_dict loads with strict=True and computes the same outputs.
  { id: 'resnet18', argv: ['resnet18', ...SMALL], torchvision: 'resnet18' },
  { id: 'resnet34', argv: ['resnet34', ...SMALL], torchvision: 'resnet34' },
  { id: 'resnet50', argv: ['resnet50'], torchvision: 'resnet50' },
  { id: 'resnet101', argv: ['resnet101', ...SMALL], torchvision: 'resnet101' },
  { id: 'resnet152', argv: ['resnet152', ...SMALL], torchvision: 'resnet152' },
  { id: 'wide_resnet50_2', argv: ['wide_resnet50_2', ...SMALL], torchvision: 'wide_resnet50_2' },
  { id: 'wide_resnet101_2', argv: ['wide_resnet101_2', ...SMALL], torchvision: 'wide_resnet101_2' },
  { id: 'resnext50_32x4d', argv: ['resnext50_32x4d', ...SMALL], torchvision: 'resnext50_32x4d' },
  { id: 'resnext101_32x8d', argv: ['resnext101_32x8d', ...SMALL], torchvision: 'resnext101_32x8d' },
  { id: 'resnext101_64x4d', argv: ['resnext101_64x4d', ...SMALL], torchvision: 'resnext101_64x4d' },
  // The rest of the ImageNet family: fb.resnet.torch's pre-activation networks, Caffe's stride, widened basic blocks.
  { id: 'preresnet200', argv: ['preresnet200', ...SMALL] },
  { id: 'imagenet-pre-basic-18', argv: ['--family', 'imagenet', '--order', 'pre', '--depth', '18', ...SMALL] },
  { id: 'resnet50-stride-1x1', argv: ['resnet50', '--bottleneck-stride', '1x1', ...SMALL] },
  { id: 'resnet18-k2', argv: ['--family', 'imagenet', '--depth', '18', '--k', '2', ...SMALL] },
  {
    id: 'imagenet-zero-pad-65',
    argv: ['--family', 'imagenet', '--depth', '18', '--shortcut', 'zero-pad', '--input', '65', '--classes', '10'],
  },
  {
    id: 'imagenet-bottleneck-bias-1ch',
    argv: [
      '--family',
      'imagenet',
      '--block',
      'bottleneck',
      '--blocks-per-group',
      '1',
      '--conv-bias',
      '--in-channels',
      '1',
      '--classes',
      '10',
      ...SMALL,
    ],
  },
  {
    id: 'imagenet-basic-dropout-80x48',
    argv: ['--family', 'imagenet', '--blocks-per-group', '1', '--k', '2', '--dropout', '0.2', '--input', '80x48', '--classes', '10'],
  },
  // Values written oddly but valid: the file holds only the numbers they mean.
  {
    id: 'odd-spellings',
    argv: ['wrn-016-1.50', '--dropout', '0.30000000000000004', '--input', '0033x031', '--classes', '0010', '--in-channels', '01'],
  },
];
