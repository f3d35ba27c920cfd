/**
 * Every way the core can refuse an input, as a code plus the values involved.
 * `formatIssue` is the one place that turns them into sentences.
 */
export type Issue =
  | { code: 'NOT_POSITIVE_INTEGER'; what: string; value: number }
  | { code: 'NOT_IN_RANGE'; what: string; value: number; min: number; max: number; maxExclusive?: boolean }
  | { code: 'DEPTH_MISFIT'; depth: number; blockLength: number; rule: DepthRuleName; nearest: number[] }
  | { code: 'DEPTH_CONFLICT'; depth: number; blocksPerGroup: number; expectedDepth: number; rule: DepthRuleName }
  | { code: 'WIDTH_NOT_WHOLE'; k: number; widths: number[] }
  | { code: 'SPATIAL_COLLAPSE'; layer: string; input: readonly number[]; kernel: number; stride: number; padding: number; dilation: number }
  | { code: 'CHANNELS_NOT_DIVISIBLE'; layer: string; inChannels: number; outChannels: number; groups: number }
  | { code: 'RESIDUAL_MISMATCH'; block: string; main: readonly number[]; shortcut: readonly number[] }
  | { code: 'COUNT_OVERFLOW'; what: string }
  | { code: 'DEPTH_MISSING' }
  | { code: 'TOO_MANY_LAYERS'; layers: number; limit: number };

export type IssueCode = Issue['code'];

/** Depth rules (DESIGN §2): `layers` counts convs, `nominal` is the paper's Table 2 labelling. */
export type DepthRuleName = 'layers' | 'nominal';

/**
 * 36479194 → "36,479,194". Not toLocaleString: its first call initialises ICU,
 * which costs ~20 ms, a quarter of Node's whole start-up.
 */
export function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

function list(values: readonly number[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

export function formatIssue(issue: Issue): string {
  switch (issue.code) {
    case 'NOT_POSITIVE_INTEGER':
      return `${issue.what} must be a positive whole number, got ${issue.value}.`;
    case 'NOT_IN_RANGE': {
      const upper = issue.maxExclusive ? `below ${issue.max}` : `at most ${issue.max}`;
      return `${issue.what} must be at least ${issue.min} and ${upper}, got ${issue.value}.`;
    }
    case 'DEPTH_MISFIT': {
      const rule =
        issue.rule === 'layers'
          ? `depth = 3·N·${issue.blockLength} + 4 for a block of ${issue.blockLength} conv${issue.blockLength === 1 ? '' : 's'}`
          : 'depth = 6·N + 4 under the nominal depth rule';
      return `Depth ${issue.depth} does not fit the block (${rule}); the nearest valid depth${issue.nearest.length > 1 ? 's are' : ' is'} ${list(issue.nearest)}.`;
    }
    case 'DEPTH_CONFLICT':
      return `Depth ${issue.depth} and ${issue.blocksPerGroup} blocks per group disagree: ${issue.blocksPerGroup} blocks per group give depth ${issue.expectedDepth} (${issue.rule} rule); give one of them, or matching values.`;
    case 'WIDTH_NOT_WHOLE':
      return `Widening factor k = ${issue.k} gives widths ${issue.widths.join(', ')}, which are not all whole positive numbers; use a k for which 16·k is a whole number (e.g. 1, 1.5, 2, 10).`;
    case 'SPATIAL_COLLAPSE':
      return `Layer ${issue.layer} gets input ${formatShape(issue.input)} and its ${issue.kernel}×${issue.kernel} kernel (stride ${issue.stride}, padding ${issue.padding}, dilation ${issue.dilation}) leaves a spatial size below 1; use a larger input or more padding.`;
    case 'CHANNELS_NOT_DIVISIBLE':
      return `Layer ${issue.layer} has ${issue.inChannels} input and ${issue.outChannels} output channels, which ${issue.groups} groups do not divide evenly.`;
    case 'RESIDUAL_MISMATCH':
      return `The residual add of ${issue.block} gets ${formatShape(issue.main)} from the convolutions but ${formatShape(issue.shortcut)} from the shortcut; use odd kernel sizes so that each conv keeps the spatial size.`;
    case 'COUNT_OVERFLOW':
      return `The ${issue.what} of this network would exceed ${groupThousands(Number.MAX_SAFE_INTEGER)} (Number.MAX_SAFE_INTEGER), so it cannot be counted exactly; use a smaller depth, width or input.`;
    case 'DEPTH_MISSING':
      return 'The network needs a depth or a number of blocks per group; give either (e.g. depth 28, or 4 blocks per group).';
    case 'TOO_MANY_LAYERS':
      return `This network has ${groupThousands(issue.layers)} layers, more than the ${groupThousands(issue.limit)} that can be listed one by one; ask for totals only or use a smaller depth.`;
  }
}
