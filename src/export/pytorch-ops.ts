import type { Op, OpKind, OpOfKind } from '../core/index.js';
import * as py from './python.js';

/*
 * Each kind of op as PyTorch writes it: the module it is (nn.Conv2d, nn.BatchNorm2d,
 * …) and how forward() applies it. One entry per op kind of the core's registry:
 * TypeScript refuses a kind without one, so a new op cannot be counted but not exported.
 * What an op computes is PyTorch's own module; what autograd keeps of it is what the
 * core counts (ops/*.ts says which PyTorch kernels it measured).
 */

/** Python expressions for the values an op reads that are not its own fields. */
export interface OpContext {
  /** Channels of its input (`in_channels`, `640`). */
  readonly in: string;
  /** Its output channels or features where the class or the config names them (`width`, `CLASSES`). */
  readonly out?: string;
  /** Its stride where the class takes it as an argument (`stride`). */
  readonly stride?: string;
}

interface TorchOp<O extends Op> {
  /** The module the op is; undefined for a function of forward() (ReLU, the residual add). */
  module(op: O, at: OpContext): string | undefined;
  /** forward()'s expression applying it, its module being `module`, to `x`. */
  call(op: O, module: string, x: string): string;
}

/** `kernel_size=3, stride=2, …`: keywords, leaving out those at PyTorch's default. */
function keywords(pairs: readonly (readonly [string, string, string?])[]): string {
  return pairs
    .filter(([, value, fallback]) => value !== fallback)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

const applied = (_op: Op, module: string, x: string) => `${module}(${x})`;

const TORCH_OPS: { readonly [K in OpKind]: TorchOp<OpOfKind<K>> } = {
  conv: {
    module: (op, at) =>
      `nn.Conv2d(${at.in}, ${at.out ?? py.int(op.outChannels)}, ${keywords([
        ['kernel_size', py.int(op.kernel)],
        ['stride', at.stride ?? py.int(op.stride), '1'],
        ['padding', py.int(op.padding), '0'],
        ['dilation', py.int(op.dilation), '1'],
        ['groups', py.int(op.groups), '1'],
        ['bias', py.bool(op.bias)],
      ])})`,
    call: applied,
  },
  bn: {
    module: (_op, at) => `nn.BatchNorm2d(${at.in})`,
    call: (op, module, x) => (op.relu ? `F.relu(${module}(${x}))` : `${module}(${x})`),
  },
  relu: { module: () => undefined, call: (_op, _module, x) => `F.relu(${x})` },
  'max-pool': {
    module: (op) => `nn.MaxPool2d(kernel_size=${py.int(op.kernel)}, stride=${py.int(op.stride)}, padding=${py.int(op.padding)})`,
    call: applied,
  },
  // Global average pooling to one value per channel, then the [N, C] vector the linear layer reads.
  'avg-pool': { module: () => 'nn.AdaptiveAvgPool2d(1)', call: (_op, module, x) => `torch.flatten(${module}(${x}), 1)` },
  linear: { module: (op, at) => `nn.Linear(${at.in}, ${at.out ?? py.int(op.outFeatures)})`, call: applied },
  'zero-pad': { module: (op, at) => `ZeroPad(${at.out ?? py.int(op.outChannels)}, ${at.stride ?? py.int(op.stride)})`, call: applied },
  // The block's forward() names the shortcut's output `identity`.
  add: { module: () => undefined, call: (_op, _module, x) => `${x} + identity` },
  dropout: { module: (op) => `nn.Dropout(p=${py.float(op.p)})`, call: applied },
};

/** He et al. 2015's option A as a module: the file defines it when a network has a zero-pad shortcut. */
const ZERO_PAD_MODULE = `class ZeroPad(nn.Module):
    """He et al. 2015's shortcut option A: every stride-th row and column, the extra channels zero; no parameters."""

    def __init__(self, out_channels: int, stride: int) -> None:
        super().__init__()
        self.out_channels = out_channels
        self.stride = stride

    def forward(self, x: Tensor) -> Tensor:
        x = x[:, :, :: self.stride, :: self.stride]
        zeros = x.new_zeros(x.shape[0], self.out_channels - x.shape[1], x.shape[2], x.shape[3])
        return torch.cat([x, zeros], dim=1)

    def extra_repr(self) -> str:
        return f'out_channels={self.out_channels}, stride={self.stride}'`;

/** Python an op kind's module needs defined in the file (PyTorch has no module for it). */
const HELPERS: Partial<Record<OpKind, string>> = { 'zero-pad': ZERO_PAD_MODULE };

/** The classes the file defines for the op kinds it uses. */
export function helperClasses(kinds: ReadonlySet<OpKind>): string[] {
  return [...kinds].flatMap((kind) => HELPERS[kind] ?? []);
}

function entry<O extends Op>(op: O): TorchOp<O> {
  return TORCH_OPS[op.kind] as unknown as TorchOp<O>;
}

export function torchModule(op: Op, at: OpContext): string | undefined {
  return entry(op).module(op, at);
}

export function torchCall(op: Op, module: string, x: string): string {
  return entry(op).call(op, module, x);
}
