import type { SubcommandName } from './descriptions.js';

/*
 * What every command's --help ends with: a few real examples (test/cli/help.test.ts
 * runs each one, from the repository root with budgets.json standing for
 * examples/budgets.json and vision-budgets.json for a second budget file) and
 * the exit codes, which errors.ts's EXIT defines and run.ts's exitCodeFor maps.
 * Plain strings, wrapped to the help's width.
 */

export type HelpName = 'summary' | SubcommandName;

/** [command line, what it shows]: three to five per command. */
export const EXAMPLES = {
  summary: [
    ['wrn-calc WRN-28-10', "the paper's WRN-28-10 on CIFAR-10 (also the default)"],
    ['wrn-calc resnet50 --classes 10 --input 64', "torchvision's ResNet-50 with another head and input"],
    ['wrn-calc --depth 16 --k 8 --layers', 'one row per layer, with the bytes each keeps for backward'],
    [
      'wrn-calc --depth 28 --k 10 --batch 128 --memory 16GiB',
      'the memory of a training step at batch 128, and the largest batch that fits in 16 GiB',
    ],
    ['wrn-calc --depth 28 --k 10 --json', 'the same counts as one JSON object'],
  ],
  grid: [
    ['wrn-calc grid', "the paper's grid: depth 16, 22, 28, 40 × k 1, 2, 4, 8, 10, 12"],
    ['wrn-calc grid --depth 10:52:6 --k 1:12 --relative', 'ranges, each cell as a ratio to the top-left one'],
    ['wrn-calc grid --l 1:4 --k 2', "the paper's Table 3: block length against N at depth 40"],
    ['wrn-calc grid --metric macs --format csv', 'exact MACs for a spreadsheet'],
    ['wrn-calc grid --dataset imagenet --k 1,2,4', "ImageNet: rows are torchvision's depths 18 … 200"],
  ],
  block: [
    ['wrn-calc block --in-channels 16 --k 2 --padding 0', 'one block conv by conv, and whether its residual add fits'],
    ['wrn-calc block --in-channels 16 --widths 32,16 --padding 0', 'the c → 2c → c reading of widening'],
    ['wrn-calc block --compare-k 1,2,4,8', 'params and MACs over k, beside the block in the middle of a group'],
    ['wrn-calc block --block bottleneck --order post --in-channels 256 --stride 2', 'a torchvision bottleneck that halves the map'],
  ],
  check: [
    ['wrn-calc check budgets.json', 'every model of a budget file against its budgets'],
    ['wrn-calc check budgets.json --format markdown', 'the same report for a pull-request comment or a job summary'],
    ['wrn-calc check - < budgets.json', 'the budget file from standard input'],
    ['wrn-calc check WRN-28-10 --max-params 40M --max-macs 6G', 'one network, its budgets as flags'],
    ['wrn-calc check budgets.json vision-budgets.json', 'several budget files (or a glob: budgets/*.json), one exit code for all'],
  ],
  schema: [
    ['wrn-calc schema > budgets.schema.json', 'save it beside the budget file, which points editors at it with "$schema"'],
    ['wrn-calc schema', 'print it'],
    ['wrn-calc schema | head -n 8', 'its first lines'],
  ],
  fit: [
    ['wrn-calc fit --max-params 10M', 'the 10 largest WRNs with at most 10M params'],
    ['wrn-calc fit --max-params 10M --max-macs 1.3G --top 5', 'two budgets, the best 5'],
    ['wrn-calc fit --max-params 10M --pareto', 'the params/MACs trade-off'],
    ['wrn-calc fit --max-train-bytes 16GiB --batch 128', 'the largest network whose training step at batch 128 fits in 16 GiB'],
    [
      'wrn-calc fit --max-params 1.5M --block B(3,1,3) --dataset cifar100 --objective depth',
      'the deepest B(3,1,3) network within 1.5M params on CIFAR-100',
    ],
  ],
  compare: [
    ['wrn-calc compare WRN-40-4 WRN-16-8 WRN-28-10', "the paper's Table 5 networks, ratios to WRN-40-4"],
    ['wrn-calc compare resnet50 wide_resnet50_2 resnet101', "torchvision's ResNets"],
    ['wrn-calc compare resnet20 resnet56 resnet110 --dataset cifar100', "He et al.'s CIFAR ResNets with a 100-class head"],
    ['wrn-calc compare WRN-16-8 WRN-28-10 --format csv', 'exact counts and ratios for a spreadsheet'],
  ],
  export: [
    ['wrn-calc export WRN-28-10 --dropout 0.3 > wrn_28_10.py', 'the WRN-28-10 as a Python file that needs only torch'],
    ['wrn-calc export resnet50 > resnet50.py', "torchvision's ResNet-50, whose state_dict loads torchvision's weights with strict=True"],
    ['wrn-calc export resnet20 --in-channels 1 --input 28 | head -n 3', "He et al.'s ResNet-20 for 1×28×28 inputs: the file's first lines"],
    ['wrn-calc export WRN-16-4 --format onnx > wrn-16-4.onnx', 'an ONNX graph to open in Netron; its weights are graph inputs'],
  ],
  serve: [
    ['wrn-calc serve', 'the page at http://127.0.0.1:8000/ until Ctrl-C'],
    ['wrn-calc serve --port 8123', 'on another port'],
    ['wrn-calc serve --port 0', 'on any free port (the URL it prints says which)'],
  ],
} as const satisfies Record<HelpName, readonly (readonly [string, string])[]>;

const EXIT_CODES = {
  ok: '0 success',
  overBudget: '1 a model is over budget',
  usage: '2 bad usage or invalid input (one sentence on stderr, nothing on stdout)',
  internal: '70 an internal error (a bug: please report it)',
  ioError: '74 the output could not be written (a full disk, /dev/full)',
} as const;

/** Only check reports "over budget". */
export function exitCodesOf(name: HelpName): string[] {
  return name === 'check'
    ? ['0 every model is within its budgets', EXIT_CODES.overBudget, EXIT_CODES.usage, EXIT_CODES.internal, EXIT_CODES.ioError]
    : [EXIT_CODES.ok, EXIT_CODES.usage, EXIT_CODES.internal, EXIT_CODES.ioError];
}
