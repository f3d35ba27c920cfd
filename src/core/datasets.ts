/** Input presets: `[channels, height, width]` and the number of classes. */
export const DATASETS = {
  cifar10: { input: [3, 32, 32], classes: 10 },
  cifar100: { input: [3, 32, 32], classes: 100 },
  svhn: { input: [3, 32, 32], classes: 10 },
  mnist: { input: [1, 28, 28], classes: 10 },
  'fashion-mnist': { input: [1, 28, 28], classes: 10 },
  stl10: { input: [3, 96, 96], classes: 10 },
  'tiny-imagenet': { input: [3, 64, 64], classes: 200 },
  imagenet: { input: [3, 224, 224], classes: 1000 },
} as const satisfies Record<string, { input: readonly [number, number, number]; classes: number }>;

export type DatasetName = keyof typeof DATASETS;

export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];
