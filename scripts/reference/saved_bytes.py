#!/usr/bin/env python3
"""Saved-activation reference for wrn-calc: what autograd keeps for backward.

For each network of CONFIGS below, runs ONE training-mode forward pass on CPU
(model.train(), fp32, parameters require grad, the input does not) inside
torch.autograd.graph.saved_tensors_hooks and adds up every tensor that autograd
saves for backward, once per storage (deduplicated by the untyped storage's
data pointer; a view counts its whole storage once), leaving out the storages
of the model's own parameters and buffers. Each network is measured at three
batch sizes; the first two give the affine fit savedBytes(B) = perImage*B +
fixed (both must be whole numbers), the third must equal the prediction.
Writes test/fixtures/reference/saved-bytes.json.

Usage (Debian/Ubuntu: apt-get install -y python3-torch python3-torchvision):
    /usr/bin/python3 scripts/reference/saved_bytes.py --out test/fixtures/reference/saved-bytes.json

Networks come from family.py (build_network), from wrn_reference.py (the WRN
class) or from torchvision.models (its own objects, weights never loaded: a
named model, or torchvision.models.resnet.ResNet through torchvision_nets.py).
The wrn-calc tool and its tests never need Python; they only read the JSON.
"""

import os
import sys
import time
from collections import OrderedDict

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import wrn_reference  # noqa: E402
from reference_cli import compact, dump_configs, emit, full_options, parser, select  # noqa: E402

GENERATOR = "scripts/reference/saved_bytes.py"

CIFAR = dict(input=[3, 32, 32], classes=10)


O = full_options


def C(id, source, options, batches=(1, 2, 3), **extra):
    cfg = dict(id=id, source=source, options=options, batches=list(batches))
    cfg.update(extra)
    return cfg


TV = "torchvision.models."
TV_RESNET = TV + "resnet.ResNet"  # ResNet(Bottleneck, layers, groups=, width_per_group=, num_classes=)
WR = "wrn_reference.py"
FA = "family.py"
X64 = [3, 64, 64]

CONFIGS = [
    # -- the official pre-activation WRN, wrn_reference.py's WRN class ------------
    C("wrn-28-10", WR, O(n=4, k=10)),
    C("wrn-28-10-dropout0.3", WR, O(n=4, k=10, dropout=0.3)),
    C("wrn-16-4", WR, O(n=2, k=4)),
    C("wrn-16-4-dropout0.3", WR, O(n=2, k=4, dropout=0.3)),
    C("wrn-40-4-dropout0.3", WR, O(n=6, k=4, dropout=0.3)),
    C("wrn-16-8-c100", WR, O(n=2, k=8, classes=100)),
    C("b313-n3-k2", WR, O(block=(3, 1, 3), n=3, k=2)),
    C("b313-n2-k2-dropout0.3", WR, O(block=(3, 1, 3), n=2, k=2, dropout=0.3)),
    C("b131-n2-k4", WR, O(block=(1, 3, 1), n=2, k=4)),
    C("b3-n4-k4", WR, O(block=(3,), n=4, k=4)),
    C("b3-n2-k2-dropout0.3", WR, O(block=(3,), n=2, k=2, dropout=0.3)),
    C("wrn-16-4-1x28x28", WR, O(n=2, k=4, input=[1, 28, 28])),
    C("wrn-16-4-3x40x24", WR, O(n=2, k=4, input=[3, 40, 24])),
    C("wrn-16-2-33x33-bias", WR, O(n=2, k=2, input=[3, 33, 33], bias=True)),
    C("wrn-28-10-33x33", WR, O(n=4, k=10, input=[3, 33, 33])),
    C("wrn-16-4-bias", WR, O(n=2, k=4, bias=True)),
    C("wrn-10-1.5-dropout0.5-1x28x28", WR, O(n=1, k=1.5, input=[1, 28, 28], dropout=0.5)),
    # -- the same networks through family.py (must agree with the WRN class) -----
    C("wrn-28-10-family", FA, O(n=4, k=10)),
    C("wrn-40-4-dropout0.3-family", FA, O(n=6, k=4, dropout=0.3)),
    C("b313-n2-k2-dropout0.3-3x40x24-family", FA,
      O(block=(3, 1, 3), n=2, k=2, dropout=0.3, input=[3, 40, 24])),
    # -- cifar, post order (He 2015) ------------------------------------------------
    C("resnet20-zero-pad", FA, O(order="post", shortcut="zero-pad", n=3)),
    C("resnet56-zero-pad", FA, O(order="post", shortcut="zero-pad", n=9)),
    C("resnet20-projection", FA, O(order="post", n=3)),
    C("resnet20-zero-pad-33x33", FA, O(order="post", shortcut="zero-pad", n=3, input=[3, 33, 33])),
    C("resnet20-post-dropout0.2-k2", FA, O(order="post", n=3, k=2, dropout=0.2)),
    C("cifar-pre-b33-zero-pad-n2-k1", FA, O(shortcut="zero-pad", n=2)),
    C("cifar-post-b313-n2-k2-bias", FA, O(order="post", block=(3, 1, 3), n=2, k=2, bias=True)),
    # -- cifar bottleneck ------------------------------------------------------------
    C("preact-resnet164", FA, O(block="bottleneck", n=18)),
    C("cifar-pre-bottleneck-n2-k2-dropout0.3", FA, O(block="bottleneck", n=2, k=2, dropout=0.3)),
    C("cifar-post-bottleneck-n2-zero-pad", FA,
      O(block="bottleneck", order="post", shortcut="zero-pad", n=2)),
    # -- imagenet (stem conv 7x7/2, BN, ReLU, max pool 3x3/2) -------------------------
    C("resnet18-family", FA, O(family="imagenet", n=[2, 2, 2, 2])),
    C("resnet34-family-3x64x64", FA, O(family="imagenet", n=[3, 4, 6, 3], input=X64)),
    C("resnet50-family-3x64x64", FA, O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], input=X64)),
    C("wide-resnet50-2-family-3x64x64", FA,
      O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], k=2, input=X64)),
    C("imagenet-pre-bottleneck-1111-3x64x64", FA,
      O(family="imagenet", order="pre", block="bottleneck", n=1, input=X64)),
    C("imagenet-pre-bottleneck-2222-3x112x112", FA,
      O(family="imagenet", order="pre", block="bottleneck", n=2, input=[3, 112, 112], classes=100)),
    C("imagenet-pre-basic-2222-3x64x64", FA, O(family="imagenet", order="pre", n=2, input=X64)),
    C("imagenet-post-basic-1111-k2-dropout0.2-3x80x48", FA,
      O(family="imagenet", n=1, k=2, dropout=0.2, input=[3, 80, 48], classes=10)),
    C("imagenet-post-basic-zero-pad-2222-3x65x65", FA,
      O(family="imagenet", shortcut="zero-pad", n=2, input=[3, 65, 65], classes=10)),
    C("imagenet-post-bottleneck-1111-bias-1x64x64", FA,
      O(family="imagenet", block="bottleneck", n=1, bias=True, input=[1, 64, 64], classes=10)),
    # -- torchvision's own objects (in-place ReLUs) -----------------------------------
    C("resnet18", TV + "resnet18", O(family="imagenet", n=[2, 2, 2, 2])),
    C("resnet18-relu-not-inplace", TV + "resnet18", O(family="imagenet", n=[2, 2, 2, 2]),
      reluInplace=False),
    C("resnet34", TV + "resnet34", O(family="imagenet", n=[3, 4, 6, 3])),
    C("resnet50", TV + "resnet50", O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3])),
    C("wide_resnet50_2", TV + "wide_resnet50_2",
      O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], k=2)),
    C("resnet50-3x64x64", TV + "resnet50",
      O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], input=X64)),
    # -- ResNeXt (grouped 3x3) and the bottleneck's stride on its first 1x1 -------------
    C("resnext50_32x4d-3x64x64", TV + "resnext50_32x4d",
      O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], groups=32, width_per_group=4,
        input=X64)),
    C("resnext50_32x4d-family-3x64x64", FA,
      O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], groups=32, width_per_group=4,
        input=X64)),
    C("tv-resnext-2222-g8w16-c100-3x65x47", TV_RESNET,
      O(family="imagenet", block="bottleneck", n=2, groups=8, width_per_group=16,
        input=[3, 65, 47], classes=100)),
    C("tv-resnet50-stride1x1-3x64x64", TV_RESNET,
      O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], bottleneck_stride="1x1",
        input=X64)),
    C("resnet50-stride1x1-family-3x64x64", FA,
      O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], bottleneck_stride="1x1",
        input=X64)),
    C("cifar-post-resnext-n2-g4w6", FA,
      O(order="post", block="bottleneck", n=2, groups=4, width_per_group=6)),
    C("cifar-pre-resnext-n2-g4w8-dropout0.2", FA,
      O(block="bottleneck", n=2, groups=4, width_per_group=8, dropout=0.2)),
    C("cifar-post-bottleneck-n2-stride1x1-zero-pad", FA,
      O(order="post", block="bottleneck", shortcut="zero-pad", n=2, bottleneck_stride="1x1")),
    C("cifar-pre-bottleneck-n2-stride3x3", FA, O(block="bottleneck", n=2, bottleneck_stride="3x3")),
    # -- fb.resnet.torch's pre-activation ImageNet ResNets (preresnet.py) ---------------
    C("preresnet50-3x64x64", FA,
      O(family="imagenet", order="pre", block="bottleneck", n=[3, 4, 6, 3], input=X64)),
    C("preresnet34-3x64x64", FA, O(family="imagenet", order="pre", n=[3, 4, 6, 3], input=X64)),
    C("preresnext-1111-g8w8-c10-3x80x48", FA,
      O(family="imagenet", order="pre", block="bottleneck", n=1, groups=8, width_per_group=8,
        input=[3, 80, 48], classes=10)),
    C("preresnet-bottleneck-1111-stride1x1-zero-pad-3x64x64", FA,
      O(family="imagenet", order="pre", block="bottleneck", shortcut="zero-pad", n=1,
        bottleneck_stride="1x1", input=X64)),
]

# Figures known beforehand: (perImage, fixed)
KNOWN = {
    "wrn-28-10": (18496000, 71808),
    "wrn-28-10-family": (18496000, 71808),
    "resnet18": (22179840, 38400),
}

# Pairs that must measure the same at every batch size.
SAME = [
    ("wrn-28-10", "wrn-28-10-family"),
    ("resnet18", "resnet18-family"),
    ("resnet18", "resnet18-relu-not-inplace"),
    ("resnet50-3x64x64", "resnet50-family-3x64x64"),
    ("resnext50_32x4d-3x64x64", "resnext50_32x4d-family-3x64x64"),
    ("tv-resnet50-stride1x1-3x64x64", "resnet50-stride1x1-family-3x64x64"),
]


# ---------------------------------------------------------------------------
# builders
# ---------------------------------------------------------------------------
def family_module():
    try:
        import family
    except ImportError:
        return None
    return family if hasattr(family, "build_network") else None


def build(cfg):
    src, opt = cfg["source"], cfg["options"]
    if src == WR:
        if (opt["family"], opt["order"], opt["shortcut"]) != ("cifar", "pre", "projection"):
            raise ValueError("%s: the WRN class is cifar/pre/projection only" % cfg["id"])
        ns = set(opt["blocksPerGroup"])
        if len(ns) != 1:
            raise ValueError("%s: the WRN class takes one N" % cfg["id"])
        spec = dict(blocksPerGroup=ns.pop(), k=opt["k"], block=opt["block"],
                    input=opt["input"], classes=opt["classes"], convBias=opt["convBias"])
        model = wrn_reference.WRN(spec)
        # The WRN class always holds nn.Dropout(0.3) before the 2nd and later convs;
        # set the configured rate, and take the module out when the rate is 0.
        for blk in model.modules():
            if isinstance(blk, wrn_reference.Block):
                for i, d in enumerate(blk.drops):
                    if isinstance(d, nn.Dropout):
                        if opt["dropout"] > 0:
                            d.p = float(opt["dropout"])
                        else:
                            blk.drops[i] = nn.Identity()
        return model
    if src == FA:
        fam = family_module()
        if fam is None:
            return None
        return fam.build_network(dict(opt))
    if src.startswith(TV):
        import torchvision
        if opt["dropout"] or opt["convBias"] or opt["order"] != "post":
            raise ValueError("%s: torchvision's ResNets are post order, no bias/dropout" % cfg["id"])
        if src == TV_RESNET:
            from torchvision_nets import torchvision_network
            model = torchvision_network(opt, require=True)
        else:
            assert "bottleneckStride" not in opt, "a named torchvision model strides on the 3x3"
            model = getattr(torchvision.models, src[len(TV):])(num_classes=opt["classes"])
        if cfg.get("reluInplace") is False:
            for m in model.modules():
                if isinstance(m, nn.ReLU):
                    m.inplace = False
        return model
    raise ValueError("unknown source %r" % src)


# ---------------------------------------------------------------------------
# measurement
# ---------------------------------------------------------------------------
def storage_of(t):
    s = t._storage() if hasattr(t, "_storage") else t.untyped_storage()
    return s.data_ptr(), s.nbytes()


def kind_of(module, name):
    if name == "":
        return "network"  # ops in the top-level forward (flatten, ...)
    return type(module).__name__


def saved_bytes(model, shape, batch):
    """One training-mode forward pass; (total bytes, {module name: bytes}, {kind: bytes})."""
    model.train()
    own = {storage_of(t)[0] for t in list(model.parameters()) + list(model.buffers())}
    seen = {}
    stack = [("", model)]
    by_module = OrderedDict()

    def pre_hook(name, mod):
        def f(m, inp):
            stack.append((name, mod))
        return f

    def post_hook(m, inp, out):
        stack.pop()

    handles = []
    for name, mod in model.named_modules():
        if name:
            handles.append(mod.register_forward_pre_hook(pre_hook(name, mod)))
            handles.append(mod.register_forward_hook(post_hook))

    def pack(t):
        ptr, nbytes = storage_of(t)
        if ptr not in own and ptr not in seen:
            seen[ptr] = (nbytes, t)  # holding t keeps the storage (and its address) alive
            name, mod = stack[-1]
            key = (name, kind_of(mod, name))
            by_module[key] = by_module.get(key, 0) + nbytes
        return t

    torch.manual_seed(0)
    x = torch.rand(batch, *shape)  # does not require grad
    try:
        with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
            y = model(x)
    finally:
        for h in handles:
            h.remove()
    assert len(stack) == 1, "unbalanced module hooks"
    assert y.requires_grad
    total = sum(nb for nb, _ in seen.values())
    assert total == sum(by_module.values())
    return total, by_module


def affine(batches, values, what):
    b1, b2, b3 = batches
    s1, s2, s3 = values
    num = s2 - s1
    den = b2 - b1
    if num % den:
        raise AssertionError("%s: per-image part %d/%d is not whole" % (what, num, den))
    per = num // den
    fixed = s1 - b1 * per
    if s3 != per * b3 + fixed:
        raise AssertionError("%s: B=%d gives %d, the affine fit predicts %d" % (
            what, b3, s3, per * b3 + fixed))
    return per, fixed


def measure(cfg, model):
    shape = cfg["options"]["input"]
    totals, modules = [], []
    for b in cfg["batches"]:
        t, m = saved_bytes(model, shape, b)
        totals.append(int(t))
        modules.append(m)
    per, fixed = affine(cfg["batches"], totals, cfg["id"])
    keys = list(modules[0])
    for m in modules[1:]:
        assert list(m) == keys, "%s: module attribution differs between batch sizes" % cfg["id"]
    rows = []
    kinds = OrderedDict()
    for key in keys:
        vals = [m[key] for m in modules]
        p, f = affine(cfg["batches"], vals, "%s %s" % (cfg["id"], key[0]))
        rows.append([key[0], key[1], p, f])
        kp, kf = kinds.get(key[1], (0, 0))
        kinds[key[1]] = (kp + p, kf + f)
    by_kind = OrderedDict((k, dict(perImage=v[0], fixed=v[1])) for k, v in kinds.items())
    return dict(savedBytes=totals, perImage=per, fixed=fixed, byKind=by_kind, byModule=rows)


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------
def dumps(doc, with_modules):
    """Options on one line, the measured bytes on the next; with_modules, one module per line."""
    def fields(cfg):
        relu = ', "reluInplace": %s' % compact(cfg["reluInplace"]) if "reluInplace" in cfg else ""
        return [
            '    { "id": %s, "source": %s%s' % (compact(cfg["id"]), compact(cfg["source"]), relu),
            '      "options": %s' % compact(cfg["options"]),
            '      "batches": %s, "savedBytes": %s, "perImage": %d, "fixed": %d' % (
                compact(cfg["batches"]), compact(cfg["savedBytes"]), cfg["perImage"], cfg["fixed"]),
            '      "byKind": %s' % compact(cfg["byKind"]),
        ]
    return dump_configs(doc, ["generator", "torch", "torchvision"], fields, "byModule" if with_modules else None)


def main():
    ap = parser(__doc__)
    ap.add_argument("--no-modules", action="store_true",
                    help="leave out the per-module rows (byKind is always written)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    import torchvision

    configs = select(ap, CONFIGS, args.only)

    t0 = time.time()
    results, bad, skipped = [], [], []
    for cfg in configs:
        t = time.time()
        model = build(cfg)
        if model is None:
            skipped.append(cfg["id"])
            print("%-50s SKIPPED (family.py has no build_network)" % cfg["id"], file=sys.stderr)
            continue
        r = measure(cfg, model)
        del model
        res = OrderedDict(id=cfg["id"], source=cfg["source"])
        if "reluInplace" in cfg:
            res["reluInplace"] = cfg["reluInplace"]
        res.update(options=cfg["options"], batches=cfg["batches"])
        res.update(r)
        results.append(res)
        print("%-50s perImage=%d fixed=%d (%.1fs)" % (
            cfg["id"], r["perImage"], r["fixed"], time.time() - t), file=sys.stderr)
        if cfg["id"] in KNOWN and (r["perImage"], r["fixed"]) != KNOWN[cfg["id"]]:
            bad.append("%s: measured %d per image + %d, the known figure is %d + %d" % (
                (cfg["id"], r["perImage"], r["fixed"]) + KNOWN[cfg["id"]]))

    by_id = {r["id"]: r for r in results}
    for a, b in SAME:
        if a in by_id and b in by_id and by_id[a]["savedBytes"] != by_id[b]["savedBytes"]:
            bad.append("%s and %s differ: %s vs %s" % (
                a, b, by_id[a]["savedBytes"], by_id[b]["savedBytes"]))

    emit(dumps(dict(generator=GENERATOR, torch=torch.__version__,
                    torchvision=torchvision.__version__, configs=results),
               with_modules=not args.no_modules), args.out)
    print("%d configs in %.1fs; known figures checked: %d" % (
        len(results), time.time() - t0, len([i for i in KNOWN if i in by_id])), file=sys.stderr)
    for s in skipped:
        print("SKIPPED %s" % s, file=sys.stderr)
    for msg in bad:
        print("MISMATCH %s" % msg, file=sys.stderr)
    return 1 if bad or skipped else 0


if __name__ == "__main__":
    sys.exit(main())
