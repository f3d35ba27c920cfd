import type { Command } from 'commander';
import { BUDGET_METRICS } from '../core/index.js';
import type { BudgetMetric } from '../core/index.js';

/*
 * The `--max-*` flags as commander options. Their validation (budget-flags.ts)
 * is loaded only when a command that takes them runs: start-up stays lean.
 */

/** One flag per budget metric; commander stores `--max-param-bytes` as `maxParamBytes`. */
export const BUDGET_FLAGS = {
  params: { flag: '--max-params', key: 'maxParams', help: 'parameter budget, e.g. 40M' },
  macs: { flag: '--max-macs', key: 'maxMacs', help: 'MACs per image budget, e.g. 6G' },
  flops: { flag: '--max-flops', key: 'maxFlops', help: 'FLOPs per image budget (2 × MACs), e.g. 12G' },
  paramBytes: { flag: '--max-param-bytes', key: 'maxParamBytes', help: 'fp32 parameter memory budget, e.g. 150MiB' },
  activationBytes: {
    flag: '--max-activation-bytes',
    key: 'maxActivationBytes',
    help: 'fp32 activation memory per image budget, e.g. 64MiB',
  },
  trainBytes: {
    flag: '--max-train-bytes',
    key: 'maxTrainBytes',
    help: 'fp32 training memory budget at --batch and --optimizer (saved activations, weights, gradients, optimizer state), e.g. 16GiB',
  },
} as const satisfies Record<BudgetMetric, { flag: string; key: string; help: string }>;

export function addBudgetOptions(command: Command): Command {
  for (const metric of BUDGET_METRICS) {
    const { flag, help } = BUDGET_FLAGS[metric];
    command.option(`${flag} <amount>`, help);
  }
  return command;
}

export function budgetFlagList(): string {
  return BUDGET_METRICS.map((metric) => BUDGET_FLAGS[metric].flag).join(', ');
}
