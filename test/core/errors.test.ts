import { describe, expect, it } from 'vitest';
import { MAX_LISTED_LAYERS, listLayers, summarizeNetwork } from '../../src/core/index.js';

import type { IssueCode, NetworkOptions } from '../../src/core/index.js';
import { refusal as issueOf } from '../helpers/refusal.js';
import { totalsOf } from '../helpers/totals.js';

const cases: readonly { name: string; options: NetworkOptions; code: IssueCode; mentions: readonly string[] }[] = [
  { name: 'depth that does not fit B(3,3)', options: { depth: 27, k: 1 }, code: 'DEPTH_MISFIT', mentions: ['27', '22 or 28'] },
  { name: 'depth below the smallest', options: { depth: 5, k: 1 }, code: 'DEPTH_MISFIT', mentions: ['5', '10'] },
  {
    name: 'depth that does not fit B(3,1,3)',
    options: { depth: 28, k: 1, block: [3, 1, 3] },
    code: 'DEPTH_MISFIT',
    mentions: ['22 or 31'],
  },
  { name: 'depth and N disagree', options: { depth: 28, blocksPerGroup: 3, k: 1 }, code: 'DEPTH_CONFLICT', mentions: ['28', '3', '22'] },
  { name: 'k with fractional widths', options: { depth: 28, k: 0.1 }, code: 'WIDTH_NOT_WHOLE', mentions: ['0.1', '1.6'] },
  { name: 'zero classes', options: { depth: 28, k: 1, classes: 0 }, code: 'NOT_POSITIVE_INTEGER', mentions: ['Classes', '0'] },
  {
    name: 'negative input',
    options: { depth: 28, k: 1, input: [3, -4, 32] },
    code: 'NOT_POSITIVE_INTEGER',
    mentions: ['Input height', '-4'],
  },
  {
    name: 'even kernels break the residual add',
    options: { depth: 16, k: 1, block: [2, 2] },
    code: 'RESIDUAL_MISMATCH',
    mentions: ['conv2.block0', '16×34×34', '16×32×32'],
  },
  {
    name: 'even kernels on ImageNet too (after the stem and max pool)',
    options: { family: 'imagenet', blocksPerGroup: 1, k: 1, block: [2, 2] },
    code: 'RESIDUAL_MISMATCH',
    mentions: ['conv2.block0', '64×58×58', '64×56×56'],
  },
  {
    name: 'an input so large that the stem alone passes the limit',
    options: { depth: 10, k: 1, input: [3, 100_000_000, 100_000_000] },
    code: 'COUNT_OVERFLOW',
    mentions: ['MAC count'],
  },
  { name: 'dropout of 1', options: { depth: 16, k: 1, dropout: 1 }, code: 'NOT_IN_RANGE', mentions: ['Dropout', 'below 1'] },
  { name: 'no depth at all', options: { k: 1 }, code: 'DEPTH_MISSING', mentions: ['depth'] },
  {
    name: 'counts beyond MAX_SAFE_INTEGER',
    options: { depth: 28, k: 1_000_000 },
    code: 'COUNT_OVERFLOW',
    mentions: ['9,007,199,254,740,991'],
  },
];

describe('core errors carry a code and name the value', () => {
  it.each(cases)('$name', ({ options, code, mentions }) => {
    const issue = issueOf(() => summarizeNetwork(options));
    expect(issue.code).toBe(code);
    for (const text of mentions) expect(issue.message).toContain(text);
    // The totals counter walks the description's program instead of its groups: the same refusal, word for word.
    expect(issueOf(() => totalsOf(options)).message).toBe(issue.message);
  });

  it('refuses to list more than MAX_LISTED_LAYERS layers but still totals them', () => {
    const options = { blocksPerGroup: 20_000, k: 1 };
    expect(summarizeNetwork(options).layerCount).toBeGreaterThan(MAX_LISTED_LAYERS);
    expect(issueOf(() => listLayers(options)).code).toBe('TOO_MANY_LAYERS');
  });

  it('totals right below the integer limit are exact and right above are refused', () => {
    // Params are affine in N: find the largest N whose counts all stay safe, by bisection on the closed form.
    const safe = (n: number) => {
      try {
        summarizeNetwork({ blocksPerGroup: n, k: 1 });
        return true;
      } catch {
        return false;
      }
    };
    let lo = 1;
    let hi = 2 ** 52;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (safe(mid)) lo = mid;
      else hi = mid;
    }
    const atLimit = summarizeNetwork({ blocksPerGroup: lo, k: 1 }).totals;
    const one = summarizeNetwork({ blocksPerGroup: 1, k: 1 }).totals;
    const two = summarizeNetwork({ blocksPerGroup: 2, k: 1 }).totals;
    // Affine extrapolation from N = 1 and 2 in BigInt equals the double result exactly.
    const exact = BigInt(one.flops) + BigInt(lo - 1) * (BigInt(two.flops) - BigInt(one.flops));
    expect(BigInt(atLimit.flops)).toBe(exact);
    expect(exact <= BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(issueOf(() => summarizeNetwork({ blocksPerGroup: hi, k: 1 })).code).toBe('COUNT_OVERFLOW');
  });
});
