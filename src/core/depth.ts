import { WrnError } from './errors.js';
import type { DepthRuleName } from './messages.js';
import { checkedAdd, checkedMul } from './safe-int.js';

export type { DepthRuleName } from './messages.js';

export const DEPTH_RULES = ['layers', 'nominal'] as const satisfies readonly DepthRuleName[];

/**
 * Convs added to the depth by one block in each of the three groups.
 * `layers` (the default): WRN-n-k counts conv layers, d = 3·N·l + 4 (stem, head and
 * the three shortcuts make the 4). `nominal`: the paper's Table 2 labels every
 * block type as if it had two convs, d = 6·N + 4, whatever l is.
 */
function depthPerBlock(blockLength: number, rule: DepthRuleName): number {
  return rule === 'layers' ? 3 * blockLength : 6;
}

export function depthFor(blocksPerGroup: number, blockLength: number, rule: DepthRuleName): number {
  return checkedAdd('depth', checkedMul('depth', depthPerBlock(blockLength, rule), blocksPerGroup), 4);
}

export function blocksPerGroupFor(depth: number, blockLength: number, rule: DepthRuleName): number {
  const step = depthPerBlock(blockLength, rule);
  const blocks = (depth - 4) / step;
  if (Number.isInteger(blocks) && blocks >= 1) return blocks;
  const below = 4 + step * Math.floor((depth - 4) / step);
  const nearest = below >= 4 + step ? [below, below + step] : [4 + step];
  throw new WrnError({ code: 'DEPTH_MISFIT', depth, blockLength, rule, nearest });
}
