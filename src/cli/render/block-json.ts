import type { BlockView, BlockViewSpec, WidthComparison } from '../../core/index.js';

/** The options that do not depend on k (those a --compare-k table shares), but for the input channels. */
function sharedOptions(spec: BlockViewSpec) {
  return {
    kernels: spec.kernels,
    // A bottleneck's own (undefined, so left out, for a basic block).
    groups: spec.groups,
    bottleneckStride: spec.bottleneckStride,
    stride: spec.stride,
    padding: spec.padding,
    dilation: spec.dilation,
    input: spec.input,
    convBias: spec.convBias,
    dropout: spec.dropout,
  };
}

function specToJson(spec: BlockViewSpec): object {
  return { inChannels: spec.inChannels, outChannels: spec.outChannels, k: spec.k ?? null, ...sharedOptions(spec) };
}

/**
 * The block view as JSON: `{ layers, totals, residual }` plus the resolved `block`
 * options. Every layer has the same keys; `kernel`, `stride` and `padding` are
 * null where they do not apply (BN-ReLU, add). The residual states both shapes.
 */
export function blockToJson(view: BlockView): object {
  return {
    block: specToJson(view.spec),
    layers: view.layers.map((layer) => ({
      name: layer.name,
      type: layer.type,
      kernel: layer.kernel ?? null,
      stride: layer.stride ?? null,
      padding: layer.padding ?? null,
      output: layer.output,
      params: layer.params,
      macs: layer.macs,
      receptiveField: layer.receptiveField,
    })),
    totals: view.totals,
    residual: {
      ok: view.residual.ok,
      shortcut: view.residual.shortcut,
      mainShape: view.residual.main,
      shortcutShape: view.residual.shortcutShape,
    },
  };
}

/** `--compare-k --json`: the block's options (at the first k) and one row per k, ratios to the first. */
export function comparisonToJson(spec: BlockViewSpec, rows: readonly WidthComparison[]): object {
  return { block: { inChannels: spec.inChannels, ...sharedOptions(spec) }, compareK: rows };
}
