#!/usr/bin/env python3
"""PyTorch reference generator for wrn-calc.

Builds each Wide Residual Network of CONFIGS below out of real PyTorch modules
(pre-activation WRN as in szagoruyko/wide-residual-networks and
xternalz/WideResNet-pytorch, generalised to any block B(k1..kl), fractional k,
any input size, channel count and class count, with or without conv bias),
runs one forward pass and records, in execution order, every Conv2d and Linear:
output shape, parameters and MACs. Writes test/fixtures/reference/pytorch.json.

Usage (Debian/Ubuntu: apt-get install -y python3-torch):
    /usr/bin/python3 scripts/reference/wrn_reference.py --out test/fixtures/reference/pytorch.json
    /usr/bin/python3 scripts/reference/wrn_reference.py > test/fixtures/reference/pytorch.json

The wrn-calc tool and its tests never need Python; they only read the JSON.
"""

import sys
import time

import torch
import torch.nn as nn
from reference_cli import compact, dump_configs, emit, parser, select  # noqa: E402

GENERATOR = "scripts/reference/wrn_reference.py"

CIFAR = dict(input=[3, 32, 32], classes=10)
CIFAR100 = dict(input=[3, 32, 32], classes=100)
SVHN_ODD = dict(input=[3, 33, 33], classes=10)
MNIST = dict(input=[1, 28, 28], classes=10)
TINY = dict(input=[3, 64, 64], classes=200)
RECT = dict(input=[3, 40, 24], classes=10)  # H=40, W=24


def C(id, n, k, block=(3, 3), data=CIFAR, bias=False, **over):
    spec = dict(blocksPerGroup=n, k=k, block=list(block),
                input=list(data["input"]), classes=data["classes"], convBias=bias)
    spec.update(over)
    return dict(id=id, spec=spec)


# ---------------------------------------------------------------------------
# The matrix. Depth by the "layers" rule d = 3*N*l + 4 unless the id says
# "nominal" (the paper's Table 2 labels: N = (d-4)/6 whatever l is).
# ---------------------------------------------------------------------------
CONFIGS = [
    # The known exact values (docs/validation.md, "Known values")
    C("wrn-28-10-cifar10", 4, 10),
    C("wrn-28-10-cifar100", 4, 10, data=CIFAR100),
    C("wrn-16-8-cifar10", 2, 8),
    C("wrn-40-4-cifar10", 6, 4),
    C("wrn-16-4-cifar10", 2, 4),
    C("wrn-40-1-cifar10", 6, 1),
    C("wrn-22-2-b313-n3-cifar10", 3, 2, (3, 1, 3)),
    # paper: text and deep thin baseline
    C("wrn-40-10-cifar10", 6, 10),
    C("wrn-52-1-cifar10", 8, 1),
    # paper Table 2 (block types), WRN-40-2 nominal depth, N = 6
    C("wrn-40-2-nominal-b131-n6-cifar10", 6, 2, (1, 3, 1)),
    C("wrn-40-2-nominal-b31-n6-cifar10", 6, 2, (3, 1)),
    C("wrn-40-2-nominal-b13-n6-cifar10", 6, 2, (1, 3)),
    C("wrn-40-2-nominal-b311-n6-cifar10", 6, 2, (3, 1, 1)),
    C("wrn-40-2-nominal-b313-n6-cifar10", 6, 2, (3, 1, 3)),
    C("wrn-28-2-b33-n4-cifar10", 4, 2),
    # paper Table 3 (deepening factor l), k = 2
    C("table3-l1-b3-n12-k2-cifar10", 12, 2, (3,)),
    C("table3-l2-b33-n6-k2-cifar10", 6, 2, (3, 3)),
    C("table3-l3-b333-n4-k2-cifar10", 4, 2, (3, 3, 3)),
    C("table3-l4-b3333-n3-k2-cifar10", 3, 2, (3, 3, 3, 3)),
    # paper Table 4 grid (depth x k), CIFAR-10 head
    C("wrn-16-1-cifar10", 2, 1),
    C("wrn-16-2-cifar10", 2, 2),
    C("wrn-16-10-cifar10", 2, 10),
    C("wrn-16-12-cifar10", 2, 12),
    C("wrn-22-1-cifar10", 3, 1),
    C("wrn-22-2-cifar10", 3, 2),
    C("wrn-22-4-cifar10", 3, 4),
    C("wrn-22-8-cifar10", 3, 8),
    C("wrn-22-10-cifar10", 3, 10),
    C("wrn-22-12-cifar10", 3, 12),
    C("wrn-28-1-cifar10", 4, 1),
    C("wrn-28-4-cifar10", 4, 4),
    C("wrn-28-8-cifar10", 4, 8),
    C("wrn-28-12-cifar10", 4, 12),
    C("wrn-40-2-cifar10", 6, 2),
    C("wrn-40-8-cifar10", 6, 8),
    C("wrn-40-12-cifar10", 6, 12),
    # blocks per group 1..6 (depths 10..40 for B(3,3)), more widths
    C("wrn-10-1-cifar10", 1, 1),
    C("wrn-10-4-cifar100", 1, 4, data=CIFAR100),
    C("wrn-10-1.5-cifar10", 1, 1.5),
    C("wrn-16-1.5-cifar100", 2, 1.5, data=CIFAR100),
    C("wrn-22-3-cifar10", 3, 3),
    C("wrn-34-3-cifar10", 5, 3),
    C("wrn-34-1.5-cifar100", 5, 1.5, data=CIFAR100),
    C("wrn-40-3-cifar100", 6, 3, data=CIFAR100),
    C("wrn-52-2-cifar10", 8, 2),
    # other block types, layers-rule depths
    C("b3-n1-k1-cifar10", 1, 1, (3,)),
    C("b3-n4-k4-cifar100", 4, 4, (3,), data=CIFAR100),
    C("b3-n6-k1.5-cifar10", 6, 1.5, (3,)),
    C("b333-n2-k4-cifar10", 2, 4, (3, 3, 3)),
    C("b333-n5-k1-cifar100", 5, 1, (3, 3, 3), data=CIFAR100),
    C("b313-n1-k8-cifar10", 1, 8, (3, 1, 3)),
    C("b313-n2-k1.5-cifar100", 2, 1.5, (3, 1, 3), data=CIFAR100),
    C("b131-n2-k4-cifar100", 2, 4, (1, 3, 1), data=CIFAR100),
    C("b131-n4-k10-cifar10", 4, 10, (1, 3, 1)),
    C("b13-n3-k8-cifar10", 3, 8, (1, 3)),
    C("b31-n5-k3-cifar100", 5, 3, (3, 1), data=CIFAR100),
    C("b311-n1-k12-cifar10", 1, 12, (3, 1, 1)),
    C("b311-n3-k2-cifar100", 3, 2, (3, 1, 1), data=CIFAR100),
    # conv bias on
    C("wrn-28-10-cifar10-bias", 4, 10, bias=True),
    C("wrn-16-4-cifar100-bias", 2, 4, data=CIFAR100, bias=True),
    C("wrn-40-1-cifar10-bias", 6, 1, bias=True),
    C("b313-n3-k2-cifar10-bias", 3, 2, (3, 1, 3), bias=True),
    C("b3-n2-k1.5-cifar10-bias", 2, 1.5, (3,), bias=True),
    C("b311-n2-k3-cifar100-bias", 2, 3, (3, 1, 1), data=CIFAR100, bias=True),
    # odd input 33x33 (33 -> 17 -> 9)
    C("wrn-28-10-33x33", 4, 10, data=SVHN_ODD),
    C("wrn-16-2-33x33-bias", 2, 2, data=SVHN_ODD, bias=True),
    C("b13-n2-k1.5-33x33", 2, 1.5, (1, 3), data=SVHN_ODD),
    C("b333-n1-k4-33x33", 1, 4, (3, 3, 3), data=SVHN_ODD),
    # one input channel, 28x28 (28 -> 14 -> 7)
    C("wrn-16-4-mnist", 2, 4, data=MNIST),
    C("wrn-28-1.5-mnist-bias", 4, 1.5, data=MNIST, bias=True),
    C("b31-n1-k2-mnist", 1, 2, (3, 1), data=MNIST),
    C("b131-n3-k1-mnist", 3, 1, (1, 3, 1), data=MNIST),
    # 64x64, 200 classes (few: slow)
    C("wrn-16-2-64x64-c200", 2, 2, data=TINY),
    C("wrn-22-4-64x64-c200-bias", 3, 4, data=TINY, bias=True),
    C("wrn-10-12-64x64-c200", 1, 12, data=TINY),
    C("b311-n2-k1.5-64x64-c200", 2, 1.5, (3, 1, 1), data=TINY),
    # non-square 40x24 (H=40, W=24)
    C("wrn-16-4-40x24", 2, 4, data=RECT),
    C("wrn-10-2-40x24-bias", 1, 2, data=RECT, bias=True),
    C("b313-n2-k1.5-40x24", 2, 1.5, (3, 1, 3), data=RECT),
    C("b13-n1-k3-40x24-c100", 1, 3, (1, 3), data=RECT, classes=100),
]

# Known exact values, measured with PyTorch 1.13: (params, buffers, macs)
KNOWN = {
    "wrn-28-10-cifar10": (36479194, 17952, 5243328768),
    "wrn-28-10-cifar100": (36536884, 17952, 5243386368),
    "wrn-16-8-cifar10": (10961370, 7200, 1548145664),
    "wrn-40-4-cifar10": (8949210, 10784, 1298582016),
    "wrn-16-4-cifar10": (2748890, 3616, 392612352),
    "wrn-40-1-cifar10": (563930, 2720, 83280512),
    "wrn-22-2-b313-n3-cifar10": (1145498, 4064, 167167232),
}


def whole(x, what):
    if x != int(x) or x < 1:
        raise ValueError("%s = %r is not a whole positive number" % (what, x))
    return int(x)


class Block(nn.Module):
    """Pre-activation block B(k1..kl); shortcut runs after the main path."""

    def __init__(self, cin, cout, stride, kernels, bias, drop=0.3):
        super().__init__()
        self.equal = cin == cout and stride == 1
        self.bns = nn.ModuleList()
        self.relus = nn.ModuleList()
        self.drops = nn.ModuleList()
        self.convs = nn.ModuleList()
        c = cin
        for i, kk in enumerate(kernels):
            self.bns.append(nn.BatchNorm2d(c))
            self.relus.append(nn.ReLU(inplace=False))
            self.drops.append(nn.Dropout(drop) if i > 0 else nn.Identity())
            self.convs.append(nn.Conv2d(c, cout, kk, stride=stride if i == 0 else 1,
                                        padding=kk // 2, bias=bias))
            c = cout
        self.shortcut = None if self.equal else nn.Conv2d(
            cin, cout, 1, stride=stride, padding=0, bias=bias)

    def forward(self, x):
        pre = self.relus[0](self.bns[0](x))  # BN-ReLU'd block input
        out = self.convs[0](pre)
        for i in range(1, len(self.convs)):
            out = self.convs[i](self.drops[i](self.relus[i](self.bns[i](out))))
        short = x if self.equal else self.shortcut(pre)
        return short + out


class WRN(nn.Module):
    def __init__(self, spec):
        super().__init__()
        n, k, kernels = spec["blocksPerGroup"], spec["k"], spec["block"]
        bias = spec["convBias"]
        cin = spec["input"][0]
        widths = [whole(16 * k * 2 ** g, "width of group %d" % (g + 2)) for g in range(3)]
        self.names = {}
        self.stem = nn.Conv2d(cin, 16, 3, stride=1, padding=1, bias=bias)
        self.names[self.stem] = "conv1.conv"
        groups = []
        c = 16
        for g, (w, s) in enumerate(zip(widths, (1, 2, 2))):
            blocks = []
            for b in range(n):
                blk = Block(c, w, s if b == 0 else 1, kernels, bias)
                for i, conv in enumerate(blk.convs):
                    self.names[conv] = "conv%d.block%d.conv%d" % (g + 2, b, i + 1)
                if blk.shortcut is not None:
                    self.names[blk.shortcut] = "conv%d.block%d.shortcut" % (g + 2, b)
                blocks.append(blk)
                c = w
            groups.append(nn.Sequential(*blocks))
        self.groups = nn.Sequential(*groups)
        self.bn = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=False)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, spec["classes"], bias=True)
        self.names[self.fc] = "head.fc"

    def forward(self, x):
        x = self.groups(self.stem(x))
        x = self.pool(self.relu(self.bn(x)))
        return self.fc(torch.flatten(x, 1))


def layer_counts(mod, out):
    """A conv's or linear layer's kind, parameters and MACs for one image, as PyTorch builds it:
    one MAC per weight per output position (the bias add is not a MAC)."""
    params = int(sum(p.numel() for p in mod.parameters()))
    if isinstance(mod, nn.Conv2d):
        kh, kw = mod.kernel_size
        return "conv", params, int(out.numel() * (mod.in_channels // mod.groups) * kh * kw)
    return "linear", params, int(mod.in_features * mod.out_features)


def measure(spec):
    model = WRN(spec).eval()
    rows = []

    def hook(mod, inp, out):
        kind, params, macs = layer_counts(mod, out)
        rows.append(dict(name=model.names[mod], type=kind,
                         output=list(out.shape[1:]), params=params, macs=macs))

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(torch.zeros(1, *spec["input"]))
    for h in handles:
        h.remove()

    params = sum(p.numel() for p in model.parameters())
    buffers = sum(m.running_mean.numel() + m.running_var.numel()
                  for m in model.modules() if isinstance(m, nn.BatchNorm2d))
    bn_params = sum(p.numel() for m in model.modules() if isinstance(m, nn.BatchNorm2d)
                    for p in m.parameters())
    macs = sum(r["macs"] for r in rows)
    # internal consistency: every Conv2d/Linear ran exactly once, params add up
    assert len(rows) == len(model.names), "hook count mismatch"
    assert sum(r["params"] for r in rows) + bn_params == params
    assert bn_params == buffers
    return dict(params=int(params), buffers=int(buffers), macs=int(macs)), rows


def dumps(doc):
    """Spec and totals on one line each, one layer per line."""
    return dump_configs(doc, ["generator", "torch"], lambda cfg: [
        '    { "id": %s' % compact(cfg["id"]),
        '      "spec": %s' % compact(cfg["spec"]),
        '      "totals": %s' % compact(cfg["totals"]),
    ], "layers")


def main():
    ap = parser(__doc__)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    configs = select(ap, CONFIGS, args.only)

    t0 = time.time()
    results, bad = [], []
    for cfg in configs:
        t = time.time()
        totals, layers = measure(cfg["spec"])
        results.append(dict(id=cfg["id"], spec=cfg["spec"], totals=totals, layers=layers))
        print("%-40s params=%d buffers=%d macs=%d (%.1fs)" % (
            cfg["id"], totals["params"], totals["buffers"], totals["macs"], time.time() - t),
            file=sys.stderr)
        if cfg["id"] in KNOWN:
            got = (totals["params"], totals["buffers"], totals["macs"])
            if got != KNOWN[cfg["id"]]:
                bad.append((cfg["id"], got, KNOWN[cfg["id"]]))

    emit(dumps(dict(generator=GENERATOR, torch=torch.__version__, configs=results)), args.out)

    checked = [i for i in KNOWN if i in {c["id"] for c in configs}]
    print("%d configs in %.1fs; known values checked: %d" % (
        len(results), time.time() - t0, len(checked)), file=sys.stderr)
    for i, got, want in bad:
        print("MISMATCH %s: got %s, the known value is %s" % (i, got, want), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
