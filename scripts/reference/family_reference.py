#!/usr/bin/env python3
"""PyTorch reference generator for the ResNet family of wrn-calc.

Measures each network of CONFIGS below: the seven torchvision ResNets are the
torchvision.models objects themselves (weights=None); every other network is
built by family.py's build_network out of real torch.nn modules (CIFAR and
ImageNet stems, basic B(k1..kl) and bottleneck blocks, pre- and post-activation
order, projection and zero-pad shortcuts, fractional k, conv bias, dropout, any
input size, channel count and class count). One forward pass (batch 1, eval,
no_grad) with hooks on every Conv2d and Linear records, in execution order,
each layer's output shape, parameters and MACs, and the output shape of each
group (conv1 = stem, conv2.., head). Writes test/fixtures/reference/family.json.

Checks (exit 1 on any failure; the file is still written):
  - KNOWN exact values (params, buffers, MACs) of the README's network
    definition;
  - for each torchvision model, build_network with the same options gives the
    same state_dict (names and shapes), the same Conv2d/BatchNorm2d/Linear/pool
    modules (repr, by name) and the same measured layers and totals;
  - for each cifar/pre/projection basic-block network, wrn_reference.py's WRN
    (the CIFAR WRN fixture generator) gives the same totals and layers.

Usage (Debian/Ubuntu: apt-get install -y python3-torch python3-torchvision):
    /usr/bin/python3 scripts/reference/family_reference.py --out test/fixtures/reference/family.json
"""


import os
import sys
import time

import torch
import torch.nn as nn
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from family import build_network, group_output_modules  # noqa: E402
import wrn_reference  # noqa: E402
from reference_cli import compact, dump_configs, emit, parser, select  # noqa: E402

GENERATOR = "scripts/reference/family_reference.py"

IMAGENET = dict(family="imagenet", input=[3, 224, 224], classes=1000)
CIFAR10 = dict(family="cifar", input=[3, 32, 32], classes=10)
CIFAR100 = dict(family="cifar", input=[3, 32, 32], classes=100)

TV = "torchvision.models."
BUILDER = "family.py"


def C(id, data, block, order, shortcut, n, k=1, source=BUILDER, **over):
    """One configuration; `over` overrides input, classes, convBias, dropout."""
    groups = 4 if data["family"] == "imagenet" else 3
    n = list(n) if isinstance(n, (list, tuple)) else [n] * groups
    options = dict(family=data["family"], block=block if block == "bottleneck" else list(block),
                   order=order, shortcut=shortcut, blocksPerGroup=n, k=k,
                   input=list(data["input"]), classes=data["classes"], convBias=False,
                   dropout=0)
    for key, value in over.items():
        if key not in options:
            raise KeyError(key)
        options[key] = list(value) if isinstance(value, tuple) else value
    return dict(id=id, source=source, options=options)


B33, B313, B131, B3, B333 = (3, 3), (3, 1, 3), (1, 3, 1), (3,), (3, 3, 3)
BOT = "bottleneck"

CONFIGS = [
    # torchvision.models, measured on torchvision's own objects
    C("resnet18", IMAGENET, B33, "post", "projection", (2, 2, 2, 2), source=TV + "resnet18"),
    C("resnet34", IMAGENET, B33, "post", "projection", (3, 4, 6, 3), source=TV + "resnet34"),
    C("resnet50", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3), source=TV + "resnet50"),
    C("resnet101", IMAGENET, BOT, "post", "projection", (3, 4, 23, 3), source=TV + "resnet101"),
    C("resnet152", IMAGENET, BOT, "post", "projection", (3, 8, 36, 3), source=TV + "resnet152"),
    C("wide_resnet50_2", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3), k=2,
      source=TV + "wide_resnet50_2"),
    C("wide_resnet101_2", IMAGENET, BOT, "post", "projection", (3, 4, 23, 3), k=2,
      source=TV + "wide_resnet101_2"),
    # ImageNet, built: widened basic (the WRN paper's Table 7), pre-activation
    C("resnet18-k2", IMAGENET, B33, "post", "projection", (2, 2, 2, 2), k=2),
    C("resnet34-k2", IMAGENET, B33, "post", "projection", (3, 4, 6, 3), k=2),
    C("resnet18-k1.5", IMAGENET, B33, "post", "projection", (2, 2, 2, 2), k=1.5),
    C("resnet18-k3", IMAGENET, B33, "post", "projection", (2, 2, 2, 2), k=3),
    C("resnet34-k1.5", IMAGENET, B33, "post", "projection", (3, 4, 6, 3), k=1.5),
    C("resnet50-k1.5", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3), k=1.5),
    C("preresnet200", IMAGENET, BOT, "pre", "projection", (3, 24, 36, 3)),
    C("preresnet18", IMAGENET, B33, "pre", "projection", (2, 2, 2, 2)),
    C("preresnet50", IMAGENET, BOT, "pre", "projection", (3, 4, 6, 3)),
    C("preresnet34-k2", IMAGENET, B33, "pre", "projection", (3, 4, 6, 3), k=2),
    # ImageNet, He 2015 option A (zero-pad shortcuts)
    C("resnet34-zeropad", IMAGENET, B33, "post", "zero-pad", (3, 4, 6, 3)),
    C("resnet50-zeropad", IMAGENET, BOT, "post", "zero-pad", (3, 4, 6, 3)),
    C("preresnet50-zeropad", IMAGENET, BOT, "pre", "zero-pad", (3, 4, 6, 3)),
    # ImageNet, other inputs, class counts, conv bias, dropout, B(3,1,3)
    C("resnet18-225", IMAGENET, B33, "post", "projection", (2, 2, 2, 2), input=(3, 225, 225)),
    C("resnet50-200x160", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3),
      input=(3, 200, 160)),
    C("preresnet18-225x161-zeropad", IMAGENET, B33, "pre", "zero-pad", (2, 2, 2, 2),
      input=(3, 225, 161)),
    C("resnet18-33x33-c10", IMAGENET, B33, "post", "projection", (2, 2, 2, 2),
      input=(3, 33, 33), classes=10),
    C("resnet34-64x64-c100", IMAGENET, B33, "post", "projection", (3, 4, 6, 3),
      input=(3, 64, 64), classes=100),
    C("resnet18-1ch-c10", IMAGENET, B33, "post", "projection", (2, 2, 2, 2),
      input=(1, 224, 224), classes=10),
    C("resnet18-bias", IMAGENET, B33, "post", "projection", (2, 2, 2, 2), convBias=True),
    C("preresnet50-bias-c100", IMAGENET, BOT, "pre", "projection", (3, 4, 6, 3),
      convBias=True, classes=100),
    C("wide_resnet50_2-dropout", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3), k=2,
      dropout=0.3),
    C("b313-imagenet-post-n1-k1.5", IMAGENET, B313, "post", "projection", (1, 1, 1, 1), k=1.5),
    # He 2015 CIFAR ResNets (post, zero-pad, 6N+2)
    C("resnet20", CIFAR10, B33, "post", "zero-pad", 3),
    C("resnet32", CIFAR10, B33, "post", "zero-pad", 5),
    C("resnet44", CIFAR10, B33, "post", "zero-pad", 7),
    C("resnet56", CIFAR10, B33, "post", "zero-pad", 9),
    C("resnet110", CIFAR10, B33, "post", "zero-pad", 18),
    C("resnet1202", CIFAR10, B33, "post", "zero-pad", 200),
    C("resnet110-projection", CIFAR10, B33, "post", "projection", 18),
    C("resnet56-projection-bias-c100", CIFAR100, B33, "post", "projection", 9, convBias=True),
    # He 2016 pre-activation CIFAR ResNets (9N+2 for bottleneck)
    C("preact-resnet110", CIFAR10, B33, "pre", "projection", 18),
    C("preact-resnet164", CIFAR10, BOT, "pre", "projection", 18),
    C("preact-resnet164-c100", CIFAR100, BOT, "pre", "projection", 18),
    C("preact-resnet1001", CIFAR10, BOT, "pre", "projection", 111),
    # the README's known WRNs (cifar, pre, projection), cross-checked with wrn_reference.py
    C("wrn-28-10", CIFAR10, B33, "pre", "projection", 4, k=10),
    C("wrn-28-10-c100", CIFAR100, B33, "pre", "projection", 4, k=10),
    C("wrn-16-8", CIFAR10, B33, "pre", "projection", 2, k=8),
    C("wrn-40-4", CIFAR10, B33, "pre", "projection", 6, k=4),
    C("wrn-16-4", CIFAR10, B33, "pre", "projection", 2, k=4),
    C("wrn-40-1", CIFAR10, B33, "pre", "projection", 6, k=1),
    C("wrn-22-2-b313-n3", CIFAR10, B313, "pre", "projection", 3, k=2),
    C("wrn-16-4-dropout", CIFAR10, B33, "pre", "projection", 2, k=4, dropout=0.3),
    C("wrn-16-1.5-bias-c100", CIFAR100, B33, "pre", "projection", 2, k=1.5, convBias=True),
    # CIFAR, other combinations
    C("wrn-28-10-zeropad", CIFAR10, B33, "pre", "zero-pad", 4, k=10),
    C("b313-post-n3-k2", CIFAR10, B313, "post", "projection", 3, k=2),
    C("b313-post-zeropad-n2-k1.5", CIFAR10, B313, "post", "zero-pad", 2, k=1.5),
    C("b131-post-n2-k4-c100", CIFAR100, B131, "post", "projection", 2, k=4),
    C("b3-post-zeropad-n4-k2", CIFAR10, B3, "post", "zero-pad", 4, k=2),
    C("b333-pre-zeropad-n2-k3", CIFAR10, B333, "pre", "zero-pad", 2, k=3),
    C("cifar-post-bottleneck-n2", CIFAR10, BOT, "post", "projection", 2),
    C("cifar-post-bottleneck-zeropad-n3-k2", CIFAR10, BOT, "post", "zero-pad", 3, k=2),
    C("cifar-pre-bottleneck-zeropad-n2-k1.5", CIFAR100, BOT, "pre", "zero-pad", 2, k=1.5),
    C("cifar-pre-bottleneck-n2-k4-dropout", CIFAR10, BOT, "pre", "projection", 2, k=4,
      dropout=0.2),
    C("resnet20-post-k1.5-dropout", CIFAR10, B33, "post", "projection", 3, k=1.5, dropout=0.3),
    # CIFAR, odd, non-square and 1-channel inputs
    C("resnet20-33x33", CIFAR10, B33, "post", "zero-pad", 3, input=(3, 33, 33)),
    C("wrn-16-4-33x33-zeropad", CIFAR10, B33, "pre", "zero-pad", 2, k=4, input=(3, 33, 33)),
    C("preact-resnet164-33x33", CIFAR10, BOT, "pre", "projection", 18, input=(3, 33, 33)),
    C("resnet32-40x24", CIFAR10, B33, "post", "projection", 5, input=(3, 40, 24)),
    C("cifar-pre-bottleneck-40x24-c100", CIFAR100, BOT, "pre", "projection", 3,
      input=(3, 40, 24)),
    C("b313-post-zeropad-41x23", CIFAR10, B313, "post", "zero-pad", 2, k=2, input=(3, 41, 23)),
    C("resnet20-mnist", CIFAR10, B33, "post", "zero-pad", 3, input=(1, 28, 28)),
    C("wrn-16-2-mnist-bias", CIFAR10, B33, "pre", "projection", 2, k=2, input=(1, 28, 28),
      convBias=True),
    C("cifar-post-bottleneck-mnist-bias", CIFAR10, BOT, "post", "projection", 2,
      input=(1, 28, 28), convBias=True),
]

# The README's network definition, "Known exact values": (params, buffers, macs);
# None where only params are published.
KNOWN = {
    "wrn-28-10": (36479194, 17952, 5243328768),
    "wrn-28-10-c100": (36536884, 17952, 5243386368),
    "wrn-16-8": (10961370, 7200, 1548145664),
    "wrn-40-4": (8949210, 10784, 1298582016),
    "wrn-16-4": (2748890, 3616, 392612352),
    "wrn-40-1": (563930, 2720, 83280512),
    "wrn-22-2-b313-n3": (1145498, 4064, 167167232),
    "resnet18": (11689512, 9600, 1814073344),
    "resnet34": (21797672, 17024, 3663761408),
    "resnet50": (25557032, 53120, 4089184256),
    "resnet101": (44549160, 105344, 7801405440),
    "resnet152": (60192808, 151424, 11513626624),
    "wide_resnet50_2": (68883240, 68224, 11398021120),
    "wide_resnet101_2": (126886696, 137856, 22753050624),
    "resnet18-k2": (45618216, None, None),
    "preresnet200": (64666280, None, None),
    "preact-resnet1001": (10327706, None, None),
    "resnet110": (1727962, None, None),
}

LAYER_TYPES = (nn.Conv2d, nn.Linear)
COMPARED_MODULES = (nn.Conv2d, nn.BatchNorm2d, nn.Linear, nn.MaxPool2d, nn.AdaptiveAvgPool2d)


def make_model(cfg):
    if cfg["source"].startswith(TV):
        return getattr(torchvision.models, cfg["source"][len(TV):])(weights=None)
    return build_network(cfg["options"])


def measure(model, options, names=None, with_groups=True):
    """totals, groups, layers of one forward pass (batch 1, eval, no_grad)."""
    model = model.eval()
    if names is None:
        names = {m: n for n, m in model.named_modules()}
    group_mods = group_output_modules(model, options["family"]) if with_groups else []
    layers, groups, calls = [], [], {}

    def layer_hook(mod, inp, out):
        calls[mod] = calls.get(mod, 0) + 1
        kind, params, macs = wrn_reference.layer_counts(mod, out)
        layers.append(dict(name=names[mod], type=kind, output=list(out.shape[1:]),
                           params=params, macs=macs))

    def group_hook(name):
        def hook(mod, inp, out):
            groups.append(dict(name=name, output=list(out.shape[1:])))
        return hook

    handles = [m.register_forward_hook(layer_hook) for m in model.modules()
               if isinstance(m, LAYER_TYPES)]
    handles += [m.register_forward_hook(group_hook(g))
                for g, m in group_mods]
    with torch.no_grad():
        model(torch.zeros(1, *options["input"]))
    for h in handles:
        h.remove()

    params = sum(p.numel() for p in model.parameters())
    bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    buffers = sum(m.running_mean.numel() + m.running_var.numel() for m in bns)
    bn_params = sum(p.numel() for m in bns for p in m.parameters())
    macs = sum(r["macs"] for r in layers)
    # internal consistency: every Conv2d/Linear ran exactly once, params add up
    n_layers = sum(1 for m in model.modules() if isinstance(m, LAYER_TYPES))
    assert len(calls) == n_layers and set(calls.values()) == {1}, "hook count mismatch"
    assert sum(r["params"] for r in layers) + bn_params == params
    assert bn_params == buffers
    assert [g["name"] for g in groups] == [g for g, _ in group_mods], "groups out of order"
    assert layers[-1]["output"] == [options["classes"]]
    assert not groups or groups[-1]["output"] == [options["classes"]]
    totals = dict(params=int(params), buffers=int(buffers), macs=int(macs))
    return totals, groups, layers


def module_table(model):
    return [(n, repr(m)) for n, m in model.named_modules() if isinstance(m, COMPARED_MODULES)]


def state_shapes(model):
    return [(n, tuple(v.shape)) for n, v in model.state_dict().items()]


def cross_check(cfg, model, totals, layers):
    """Problems found comparing with an independent implementation ([] if none)."""
    opt = cfg["options"]
    problems = []
    if cfg["source"].startswith(TV):
        mine = build_network(opt)
        if state_shapes(mine) != state_shapes(model):
            problems.append("build_network state_dict differs from torchvision's")
        if module_table(mine) != module_table(model):
            problems.append("build_network modules differ from torchvision's")
        t2, _, l2 = measure(mine, opt)
        if t2 != totals or l2 != layers:
            problems.append("build_network layers/totals differ from torchvision's")
    elif (opt["family"], opt["order"], opt["shortcut"]) == ("cifar", "pre", "projection") \
            and opt["block"] != "bottleneck" and len(set(opt["blocksPerGroup"])) == 1:
        spec = dict(blocksPerGroup=opt["blocksPerGroup"][0], k=opt["k"], block=opt["block"],
                    input=opt["input"], classes=opt["classes"], convBias=opt["convBias"])
        wrn = wrn_reference.WRN(spec)
        t2, _, l2 = measure(wrn, opt, names=wrn.names, with_groups=False)
        strip = lambda rows: [(r["type"], r["output"], r["params"], r["macs"]) for r in rows]
        if t2 != totals or strip(l2) != strip(layers):
            problems.append("wrn_reference.WRN layers/totals differ")
    return problems


def dumps(doc):
    """Options, totals and groups on one line each, one layer per line."""
    return dump_configs(doc, ["generator", "torch", "torchvision"], lambda cfg: [
        '    { "id": %s, "source": %s' % (compact(cfg["id"]), compact(cfg["source"])),
        '      "options": %s' % compact(cfg["options"]),
        '      "totals": %s' % compact(cfg["totals"]),
        '      "groups": %s' % compact(cfg["groups"]),
    ], "layers")


def main():
    ap = parser(__doc__)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    assert set(KNOWN) <= {c["id"] for c in CONFIGS}, "KNOWN names a missing config"
    configs = select(ap, CONFIGS, args.only)

    t0 = time.time()
    results, bad = [], []
    for cfg in configs:
        t = time.time()
        model = make_model(cfg)
        totals, groups, layers = measure(model, cfg["options"])
        problems = cross_check(cfg, model, totals, layers)
        results.append(dict(id=cfg["id"], source=cfg["source"], options=cfg["options"],
                            totals=totals, groups=groups, layers=layers))
        print("%-40s params=%d buffers=%d macs=%d (%.1fs)" % (
            cfg["id"], totals["params"], totals["buffers"], totals["macs"], time.time() - t),
            file=sys.stderr)
        if cfg["id"] in KNOWN:
            got = (totals["params"], totals["buffers"], totals["macs"])
            want = KNOWN[cfg["id"]]
            if any(w is not None and g != w for g, w in zip(got, want)):
                problems.append("got %s, the README's known value is %s" % (got, want))
        bad += [(cfg["id"], p) for p in problems]

    emit(dumps(dict(generator=GENERATOR, torch=torch.__version__,
                    torchvision=torchvision.__version__, configs=results)), args.out)

    ran = {c["id"] for c in configs}
    print("%d configs in %.1fs; known values checked: %d; torchvision models cross-checked: %d"
          % (len(results), time.time() - t0, len([i for i in KNOWN if i in ran]),
             len([c for c in configs if c["source"].startswith(TV)])), file=sys.stderr)
    for i, problem in bad:
        print("MISMATCH %s: %s" % (i, problem), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
