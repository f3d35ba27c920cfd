#!/usr/bin/env python3
"""Receptive-field reference for wrn-calc, measured by gradients.

For each network (or single block) of CONFIGS below and each named point in it
(a group output, a conv, a shortcut, a block output), builds the network with
every conv weight 1/fan_in and every bias 0, batch norm as the identity
(eval mode, mean 0, var 1, weight 1, bias 0), dropout off (eval mode), max pool
replaced by an average pool of the same kernel, stride and padding, and ReLU
kept. The input is all ones (float64), so every activation is positive, every
ReLU passes and no gradient can cancel: the input pixels with a non-zero
gradient of an output unit are exactly the pixels it depends on.

Two output units near the centre, (i, j) and (i+1, j+1), are backpropagated
(one batch of two images, one unit each). For each axis: size = last - first
+ 1 of the non-zero rows (columns) of the first unit's gradient, jump = the
shift of the field from the first unit to the second, start = the field's
centre (first + last) / 2 minus i * jump, i.e. the centre of output unit 0's
field in input coordinates (it may be negative or end in .5). The input is
sized so that both fields lie strictly inside it (they are never clipped by the
border), checked on every measurement. "dense" says whether every pixel of the
field's bounding box has a non-zero gradient (false with dilation).

The same points are also computed by the recurrence of Araujo, Norris & Sim
(Distill 2019): r_out = r_in + (k-1)*d*j_in, j_out = j_in*s,
start_out = start_in + ((k-1)*d/2 - p)*j_in, a residual add taking the union of
its two paths' fields. Every measured field must equal the recurrence.

Receptive fields do not depend on channel counts (nor on a conv's groups, as
every channel is positive everywhere), so networks are measured narrow (the
"measured" entry of each config gives the k and input channels actually built,
and for a grouped network its groups and widthPerGroup); shortcuts, strides,
paddings and pools are those of the network named by "options".

Usage (Debian/Ubuntu: apt-get install -y python3-torch python3-torchvision):
    /usr/bin/python3 scripts/reference/receptive_field.py --out test/fixtures/reference/receptive-field.json

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

GENERATOR = "scripts/reference/receptive_field.py"
TV = "torchvision.models."
TV_RESNET = TV + "resnet.ResNet"  # through torchvision_nets.py's torchvision_network
WR = "wrn_reference.py"
FA = "family.py"
BL = "receptive_field.py"  # single blocks: the PreActBlock class below


O = full_options


def N(id, options, source=FA, at=(), k=None, **extra):
    """A network config. `at`: points measured besides every group output."""
    cfg = dict(id=id, kind="network", source=source, options=options, at=list(at), k=k)
    cfg.update(extra)
    return cfg


def B(id, block, padding="same", dilation=1, stride=1, cin=16, cout=16, input=(32, 32)):
    options = OrderedDict([("block", list(block)), ("padding", padding), ("dilation", dilation),
                           ("stride", stride), ("inChannels", cin), ("outChannels", cout),
                           ("input", list(input))])
    return dict(id=id, kind="block", source=BL, options=options)


BOTTLENECK_POINTS = ["conv1.conv", "conv3.block0.conv1", "conv3.block0.conv2",
                     "conv3.block0.conv3", "conv3.block0.shortcut", "conv3.block0",
                     "conv3.block1"]
BASIC_POINTS = ["conv1.conv", "conv2.block0.conv1", "conv2.block0.conv2", "conv2.block0",
                "conv3.block0.conv1", "conv3.block0.conv2", "conv3.block0.shortcut",
                "conv3.block0"]
IMAGENET_STEM = ["conv1.conv"]

CONFIGS = [
    # -- cifar, pre order, basic blocks (the official WRN) --------------------------
    N("wrn-28-10", O(n=4, k=10), at=BASIC_POINTS),
    N("wrn-28-10-wrn-reference", O(n=4, k=10), source=WR, at=BASIC_POINTS),
    N("wrn-28-2", O(n=4, k=2), k=2),
    N("wrn-28-1", O(n=4, k=1), k=1),
    N("wrn-16-8", O(n=2, k=8)),
    N("wrn-40-4", O(n=6, k=4, dropout=0.3)),
    N("wrn-22-2-b313-n3", O(block=(3, 1, 3), n=3, k=2), at=["conv3.block0.conv1",
                                                           "conv3.block0.conv2",
                                                           "conv3.block0.conv3", "conv3.block0"]),
    N("b131-n2-k4", O(block=(1, 3, 1), n=2, k=4), at=["conv3.block0.conv1", "conv3.block0.conv2",
                                                     "conv3.block0.conv3", "conv3.block0"]),
    N("b3-n4-k4", O(block=(3,), n=4, k=4)),
    N("b333-n2-k4", O(block=(3, 3, 3), n=2, k=4)),
    N("b53-n1-k2", O(block=(5, 3), n=1, k=2), at=["conv2.block0.conv1", "conv3.block0.conv1",
                                                  "conv3.block0"]),
    N("wrn-16-4-3x40x24", O(n=2, k=4, input=[3, 40, 24])),
    N("wrn-16-4-3x33x33", O(n=2, k=4, input=[3, 33, 33])),
    N("wrn-16-4-1x28x28", O(n=2, k=4, input=[1, 28, 28])),
    N("cifar-pre-b33-zero-pad-n2", O(shortcut="zero-pad", n=2), at=["conv3.block0.shortcut",
                                                                  "conv3.block0"]),
    # -- cifar, post order (He 2015) -------------------------------------------------
    N("resnet20-zero-pad", O(order="post", shortcut="zero-pad", n=3),
      at=["conv3.block0.conv1", "conv3.block0.shortcut", "conv3.block0"]),
    N("resnet56-zero-pad", O(order="post", shortcut="zero-pad", n=9)),
    N("resnet20-projection", O(order="post", n=3), at=["conv3.block0.shortcut", "conv3.block0"]),
    N("cifar-post-b313-n2-k2", O(order="post", block=(3, 1, 3), n=2, k=2)),
    # -- cifar bottleneck: pre puts the stride on the 1x1, post on the 3x3 ---------------
    N("preact-resnet164", O(block="bottleneck", n=18), at=BOTTLENECK_POINTS),
    N("cifar-pre-bottleneck-n2", O(block="bottleneck", n=2), at=BOTTLENECK_POINTS),
    N("cifar-post-bottleneck-n2", O(block="bottleneck", order="post", n=2), at=BOTTLENECK_POINTS),
    N("cifar-post-bottleneck-n2-zero-pad", O(block="bottleneck", order="post", shortcut="zero-pad",
                                             n=2), at=["conv3.block0.shortcut", "conv3.block0"]),
    # -- imagenet (stem conv 7x7/2 pad 3, max pool 3x3/2 pad 1) --------------------------
    N("resnet18", O(family="imagenet", n=[2, 2, 2, 2]), at=IMAGENET_STEM + ["conv3.block0"]),
    N("resnet18-torchvision", O(family="imagenet", n=[2, 2, 2, 2]), source=TV + "resnet18",
      at=IMAGENET_STEM),
    N("resnet34", O(family="imagenet", n=[3, 4, 6, 3])),
    N("resnet50", O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3]),
      at=IMAGENET_STEM + BOTTLENECK_POINTS[1:]),
    N("resnet50-torchvision", O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3]),
      source=TV + "resnet50", at=IMAGENET_STEM + BOTTLENECK_POINTS[1:]),
    N("wide-resnet50-2", O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], k=2)),
    N("imagenet-pre-bottleneck-3463", O(family="imagenet", order="pre", block="bottleneck",
                                        n=[3, 4, 6, 3]), at=IMAGENET_STEM + BOTTLENECK_POINTS[1:]),
    N("imagenet-pre-basic-2222", O(family="imagenet", order="pre", n=2)),
    N("imagenet-post-basic-zero-pad-2222", O(family="imagenet", shortcut="zero-pad", n=2),
      at=["conv3.block0.shortcut", "conv3.block0"]),
    N("resnet18-3x160x96", O(family="imagenet", n=2, input=[3, 160, 96], classes=10)),
    N("imagenet-post-b313-1111-k2", O(family="imagenet", block=(3, 1, 3), n=1, k=2)),
    # -- ResNeXt (a grouped 3x3 has the field of a plain one) and where a bottleneck strides --
    N("resnext-2222-g32w4", O(family="imagenet", block="bottleneck", n=2, groups=32,
                              width_per_group=4), at=IMAGENET_STEM + BOTTLENECK_POINTS[1:]),
    N("resnext-2222-g32w4-torchvision", O(family="imagenet", block="bottleneck", n=2, groups=32,
                                          width_per_group=4), source=TV_RESNET,
      at=IMAGENET_STEM + ["conv3.block0.conv1", "conv3.block0.conv2"]),
    N("resnet-bottleneck-2222", O(family="imagenet", block="bottleneck", n=2),
      at=IMAGENET_STEM + BOTTLENECK_POINTS[1:]),
    N("resnet50-stride1x1", O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3],
                              bottleneck_stride="1x1"), at=IMAGENET_STEM + BOTTLENECK_POINTS[1:]),
    N("resnet50-stride1x1-torchvision", O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3],
                                          bottleneck_stride="1x1"), source=TV_RESNET,
      at=BOTTLENECK_POINTS[1:]),
    N("cifar-post-bottleneck-n2-stride1x1", O(block="bottleneck", order="post", n=2,
                                              bottleneck_stride="1x1"), at=BOTTLENECK_POINTS),
    N("cifar-pre-bottleneck-n2-stride3x3", O(block="bottleneck", n=2, bottleneck_stride="3x3"),
      at=BOTTLENECK_POINTS),
    N("cifar-post-resnext-n2-g4w6-zero-pad-3x40x24",
      O(block="bottleneck", order="post", shortcut="zero-pad", n=2, groups=4, width_per_group=6,
        input=[3, 40, 24]), at=["conv3.block0.conv2", "conv3.block0.shortcut", "conv3.block0"]),
    N("cifar-pre-resnext-n2-g4w8", O(block="bottleneck", n=2, groups=4, width_per_group=8),
      at=BOTTLENECK_POINTS),
    # -- fb.resnet.torch's pre-activation ImageNet ResNets: the stride on the 3x3 ------------
    N("preresnext-2222-g32w4", O(family="imagenet", order="pre", block="bottleneck", n=2,
                                 groups=32, width_per_group=4),
      at=["conv3.block0.conv1", "conv3.block0.conv2", "conv3.block0.shortcut", "conv3.block0"]),
    N("preresnet-bottleneck-2222-stride1x1-zero-pad",
      O(family="imagenet", order="pre", block="bottleneck", shortcut="zero-pad", n=2,
        bottleneck_stride="1x1"), at=["conv3.block0.conv1", "conv3.block0.shortcut",
                                      "conv3.block0"], k=1.0 / 64),  # outputs stay 4*base: narrow
    # -- single blocks (pre-activation, as the block command shows them) ------------------
    B("block-b33-same", (3, 3)),
    B("block-b33-pad0", (3, 3), padding=0),
    B("block-b33-pad1-16to32", (3, 3), padding=1, cout=32),
    B("block-b33-pad2", (3, 3), padding=2),
    B("block-b33-dilation2", (3, 3), dilation=2),
    B("block-b33-dilation2-pad0", (3, 3), padding=0, dilation=2),
    B("block-b33-stride2", (3, 3), stride=2, cout=32),
    B("block-b33-stride2-pad0", (3, 3), padding=0, stride=2, cout=32),
    B("block-b33-stride2-dilation2", (3, 3), stride=2, dilation=2, cout=32),
    B("block-b33-stride2-33x33", (3, 3), stride=2, cout=32, input=(33, 33)),
    B("block-b313-same", (3, 1, 3)),
    B("block-b53-stride2", (5, 3), stride=2, cout=32),
    B("block-b22-pad0", (2, 2), padding=0),
    B("block-b22-same", (2, 2)),
    B("block-b3-stride3-40x24", (3,), stride=3, cout=32, input=(40, 24)),
    # the add's field is the union of two fields with different centres
    B("block-b2-pad0-stride2", (2,), padding=0, stride=2, cout=32),
    B("block-b1-pad1-stride3-31x31", (1,), padding=1, stride=3, cout=32, input=(31, 31)),
    B("block-b3-pad3-stride5-31x31", (3,), padding=3, stride=5, cout=32, input=(31, 31)),
]

# Pairs of networks whose every common point must measure the same.
SAME = [("wrn-28-10", "wrn-28-10-wrn-reference"), ("wrn-28-10", "wrn-28-2"),
        ("wrn-28-10", "wrn-28-1"), ("resnet18", "resnet18-torchvision"),
        ("resnet50", "resnet50-torchvision"), ("resnet50", "wide-resnet50-2"),
        ("resnet18", "resnet18-3x160x96"),
        ("resnet-bottleneck-2222", "resnext-2222-g32w4"),
        ("resnext-2222-g32w4", "resnext-2222-g32w4-torchvision"),
        ("resnet50-stride1x1", "resnet50-stride1x1-torchvision"),
        ("resnet50", "imagenet-pre-bottleneck-3463"),
        ("resnet-bottleneck-2222", "preresnext-2222-g32w4"),
        ("cifar-pre-bottleneck-n2", "cifar-post-bottleneck-n2-stride1x1"),
        ("cifar-post-bottleneck-n2", "cifar-pre-bottleneck-n2-stride3x3")]

# Figures known beforehand, measured by hand: (config, point, size, jump)
KNOWN = [("wrn-28-10", "conv4", 109, 4), ("wrn-28-1", "conv4", 109, 4),
         ("wrn-28-2", "conv4", 109, 4)]


# ---------------------------------------------------------------------------
# the recurrence (one axis; kernels are square), written from the definition,
# not from the modules
# ---------------------------------------------------------------------------
class RF(tuple):
    """(size, jump, start) on one axis."""

    def __new__(cls, r, j, start):
        return tuple.__new__(cls, (r, j, start))

    def conv(self, k, s=1, p=0, d=1):
        r, j, start = self
        return RF(r + (k - 1) * d * j, j * s, start + ((k - 1) * d / 2 - p) * j)

    def union(self, other):
        (r1, j1, c1), (r2, j2, c2) = self, other
        assert j1 == j2, "residual add of fields with jumps %s and %s" % (j1, j2)
        lo = min(c1 - (r1 - 1) / 2, c2 - (r2 - 1) / 2)
        hi = max(c1 + (r1 - 1) / 2, c2 + (r2 - 1) / 2)
        return RF(int(round(hi - lo + 1)), j1, (lo + hi) / 2)

    def larger(self, other):
        """The 'larger field of the two paths' rule (exact only when centres agree)."""
        return self if self[0] >= other[0] else other


def bottleneck_stride_at(opt):
    """The bottleneck conv carrying a block's stride: the first 1x1 (0) in cifar pre order (He
    2016's CIFAR code) or with bottleneckStride "1x1", else the 3x3 (1: torchvision, and
    fb.resnet.torch's preresnet.lua for imagenet pre order)."""
    default = "1x1" if (opt["family"], opt["order"]) == ("cifar", "pre") else "3x3"
    return {"1x1": 0, "3x3": 1}[opt.get("bottleneckStride", default)]


def network_recurrence(opt):
    """{point name: (union RF, larger-rule RF)} for a family network."""
    fam = opt["family"]
    pts = OrderedDict()
    x = RF(1, 1, 0.0)
    if fam == "imagenet":
        x = x.conv(7, 2, 3)
        pts["conv1.conv"] = x
        x = x.conv(3, 2, 1)
        pts["conv1.pool"] = x
        strides = (1, 2, 2, 2)
    else:
        x = x.conv(3, 1, 1)
        pts["conv1.conv"] = x
        strides = (1, 2, 2)
    pts["conv1"] = x
    larger = dict(pts)
    xl = x
    bottleneck = opt["block"] == "bottleneck"
    kernels = [1, 3, 1] if bottleneck else list(opt["block"])
    stride_at = bottleneck_stride_at(opt) if bottleneck else 0
    for g, (s, n) in enumerate(zip(strides, opt["blocksPerGroup"])):
        for b in range(n):
            bs = s if b == 0 else 1
            for which, start_rf in (("union", x), ("larger", xl)):
                m = start_rf
                for i, kk in enumerate(kernels):
                    m = m.conv(kk, bs if i == stride_at else 1, kk // 2)
                    name = "conv%d.block%d.conv%d" % (g + 2, b, i + 1)
                    (pts if which == "union" else larger)[name] = m
                # shortcut: identity, or a 1x1 stride-s conv / strided identity (same field)
                sc = start_rf.conv(1, bs, 0)
                name = "conv%d.block%d" % (g + 2, b)
                if which == "union":
                    pts[name + ".shortcut"] = sc
                    x = m.union(sc)
                    pts[name] = x
                else:
                    larger[name + ".shortcut"] = sc
                    xl = m.larger(sc)
                    larger[name] = xl
        pts["conv%d" % (g + 2)] = x
        larger["conv%d" % (g + 2)] = xl
    return OrderedDict((k, (v, larger[k])) for k, v in pts.items())


def block_padding(padding, k, d):
    return (d * (k - 1) + 1) // 2 if padding == "same" else padding


def block_recurrence(opt):
    pts = OrderedDict()
    x = RF(1, 1, 0.0)
    m = x
    sizes = list(opt["input"])
    for i, kk in enumerate(opt["block"]):
        s = opt["stride"] if i == 0 else 1
        p = block_padding(opt["padding"], kk, opt["dilation"])
        m = m.conv(kk, s, p, opt["dilation"])
        sizes = [(n + 2 * p - opt["dilation"] * (kk - 1) - 1) // s + 1 for n in sizes]
        pts["conv%d" % (i + 1)] = (m, m)
    identity = opt["inChannels"] == opt["outChannels"] and opt["stride"] == 1
    sc = x if identity else x.conv(1, opt["stride"], 0)
    short_sizes = [(n - 1) // opt["stride"] + 1 for n in opt["input"]]
    if not identity:
        pts["shortcut"] = (sc, sc)
    if sizes == short_sizes:
        pts["add"] = (m.union(sc), m.larger(sc))
    return pts, sizes == short_sizes


# ---------------------------------------------------------------------------
# models
# ---------------------------------------------------------------------------
class PreActBlock(nn.Module):
    """One pre-activation block B(k1..kl) with the block command's options:
    BN -> ReLU -> conv per kernel (stride on the first conv; padding a number or
    'same' = floor((d*(k-1)+1)/2); dilation on every conv); shortcut identity
    when channels and stride are unchanged, else a 1x1 conv (stride s, padding
    0) on the BN-ReLU'd block input; the add only when both shapes agree."""

    def __init__(self, opt):
        super().__init__()
        self.bns, self.relus, self.convs = nn.ModuleList(), nn.ModuleList(), nn.ModuleList()
        c = opt["inChannels"]
        for i, kk in enumerate(opt["block"]):
            self.bns.append(nn.BatchNorm2d(c))
            self.relus.append(nn.ReLU(inplace=False))
            self.convs.append(nn.Conv2d(
                c, opt["outChannels"], kk, stride=opt["stride"] if i == 0 else 1,
                padding=block_padding(opt["padding"], kk, opt["dilation"]),
                dilation=opt["dilation"], bias=False))
            c = opt["outChannels"]
        identity = opt["inChannels"] == opt["outChannels"] and opt["stride"] == 1
        self.shortcut = None if identity else nn.Conv2d(
            opt["inChannels"], opt["outChannels"], 1, stride=opt["stride"], padding=0, bias=False)
        self.add = nn.Identity()  # a module to hook: its output is the add's

    def forward(self, x):
        pre = self.relus[0](self.bns[0](x))
        out = self.convs[0](pre)
        for i in range(1, len(self.convs)):
            out = self.convs[i](self.relus[i](self.bns[i](out)))
        short = x if self.shortcut is None else self.shortcut(pre)
        if short.shape != out.shape:
            return out
        return self.add(out + short)


def narrow_k(cfg):
    """The k actually built: the same geometry with as few channels as the family allows."""
    if cfg.get("k") is not None:
        return cfg["k"]
    opt = cfg["options"]
    if opt["shortcut"] == "zero-pad":
        return 1  # a zero-pad shortcut cannot shrink the stem's channels
    return 1.0 / 16 if opt["family"] == "cifar" else 1.0 / 64


def narrow_grouping(cfg):
    """For a grouped network, the (groups, widthPerGroup) actually built: the same groups, the
    least W that leaves every group a channel (floor(16*W/64) >= 1 for cifar); else None."""
    opt = cfg["options"]
    if "groups" not in opt and "widthPerGroup" not in opt:
        return None
    return opt.get("groups", 1), 4 if opt["family"] == "cifar" else 1


def build(cfg):
    """(model, input channels, {point name: module}) with the measuring weights."""
    src, opt = cfg["source"], cfg["options"]
    if cfg["kind"] == "block":
        model = finish(PreActBlock(opt))
        points = {"conv%d" % (i + 1): c for i, c in enumerate(model.convs)}
        if model.shortcut is not None:
            points["shortcut"] = model.shortcut
        points["add"] = model.add
        return model, opt["inChannels"], points
    k = narrow_k(cfg)
    cin = 1
    nopt = dict(opt, k=k, input=[cin] + list(opt["input"][1:]))
    grouping = narrow_grouping(cfg)
    if grouping is not None:
        k = grouping[0] * grouping[1] / 64
        nopt.update(k=k, groups=grouping[0], widthPerGroup=grouping[1])
    if src == FA:
        import family
        model = finish(family.build_network(nopt))
        points = family_points(model, opt)
    elif src == TV_RESNET:
        from torchvision_nets import torchvision_network
        model = finish(torchvision_network(nopt, require=True))
        points = family_points(model, opt)
    elif src == WR:
        ns = set(opt["blocksPerGroup"])
        assert len(ns) == 1 and opt["order"] == "pre" and opt["shortcut"] == "projection"
        spec = dict(blocksPerGroup=ns.pop(), k=k, block=opt["block"], input=[cin] + opt["input"][1:],
                    classes=opt["classes"], convBias=opt["convBias"])
        model = finish(wrn_reference.WRN(spec))
        points = {"conv1": model.stem, "conv1.conv": model.stem}
        for g, grp in enumerate(model.groups):
            points["conv%d" % (g + 2)] = grp
            for b, blk in enumerate(grp):
                name = "conv%d.block%d" % (g + 2, b)
                points[name] = blk
                for i, conv in enumerate(blk.convs):
                    points["%s.conv%d" % (name, i + 1)] = conv
                if blk.shortcut is not None:
                    points[name + ".shortcut"] = blk.shortcut
    elif src.startswith(TV):
        import torchvision
        kw = {}
        if opt["block"] == "bottleneck":
            kw["width_per_group"] = int(64 * k)  # torchvision's own knob for the inner width
        else:
            k = 1  # torchvision's BasicBlock only supports width 64: measured full width
        model = getattr(torchvision.models, src[len(TV):])(num_classes=opt["classes"], **kw)
        old = model.conv1
        model.conv1 = nn.Conv2d(cin, old.out_channels, old.kernel_size, old.stride, old.padding,
                                bias=False)
        model = finish(model)
        points = family_points(model, opt)
    else:
        raise ValueError(src)
    cfg["builtK"] = k
    cfg["builtGrouping"] = grouping
    return model, cin, points


def family_points(model, opt):
    """Point names -> modules, for family.py models and torchvision ResNets (same names)."""
    points = {"conv1.conv": model.conv1}
    if opt["family"] == "imagenet":
        points["conv1.pool"] = model.maxpool
        points["conv1"] = model.maxpool
    else:
        points["conv1"] = model.relu if opt["order"] == "post" else model.conv1
    g = 1
    while hasattr(model, "layer%d" % g):
        grp = getattr(model, "layer%d" % g)
        points["conv%d" % (g + 1)] = grp
        for b, blk in enumerate(grp):
            name = "conv%d.block%d" % (g + 1, b)
            points[name] = blk
            i = 1
            while hasattr(blk, "conv%d" % i):
                points["%s.conv%d" % (name, i)] = getattr(blk, "conv%d" % i)
                i += 1
            if getattr(blk, "downsample", None) is not None:
                points[name + ".shortcut"] = blk.downsample
        g += 1
    return points


class AvgPoolLike(nn.AvgPool2d):
    """Stands in for a max pool: same window, a positive weight on every tap."""


def finish(model):
    """Measuring weights: conv 1/fan_in, bias 0, BN identity, max pool -> avg pool, eval."""
    for name, mod in list(model.named_modules()):
        for cname, child in list(mod.named_children()):
            if isinstance(child, nn.MaxPool2d):
                assert child.dilation in (1, (1, 1)) and not child.ceil_mode
                pool = AvgPoolLike(child.kernel_size, child.stride, child.padding)
                setattr(mod, cname, pool)
    with torch.no_grad():
        for mod in model.modules():
            if isinstance(mod, nn.Conv2d):
                fan_in = mod.weight[0].numel()
                mod.weight.fill_(1.0 / fan_in)
                if mod.bias is not None:
                    mod.bias.zero_()
            elif isinstance(mod, nn.BatchNorm2d):
                mod.reset_running_stats()  # mean 0, var 1
                mod.weight.fill_(1.0)
                mod.bias.zero_()
            elif isinstance(mod, nn.Linear):
                mod.weight.fill_(1.0 / mod.in_features)
                mod.bias.zero_()
    return model.double().eval()


# ---------------------------------------------------------------------------
# measurement
# ---------------------------------------------------------------------------
class Stop(Exception):
    pass


def run_to(model, module, x):
    """Forward until `module` has run; its output, graph intact."""
    got = []

    def hook(m, inp, out):
        got.append(out)
        raise Stop()

    h = module.register_forward_hook(hook)
    try:
        model(x)
    except Stop:
        pass
    finally:
        h.remove()
    assert got, "the point's module never ran"
    return got[0]


def extent(mask1d):
    idx = mask1d.nonzero().flatten()
    return int(idx[0]), int(idx[-1])


def measure_point(model, module, cin, H, W):
    """Field of the unit near the centre and of its (+1, +1) neighbour, or None if clipped."""
    x = torch.ones(2, cin, H, W, dtype=torch.float64, requires_grad=True)
    out = run_to(model, module, x)
    Ho, Wo = out.shape[2], out.shape[3]
    i, j = (Ho - 1) // 2, (Wo - 1) // 2
    if i + 1 >= Ho or j + 1 >= Wo:
        return None
    (g,) = torch.autograd.grad(out[0, :, i, j].sum() + out[1, :, i + 1, j + 1].sum(), x)
    assert (g >= 0).all()
    fields = []
    for n in range(2):
        mask = g[n].sum(0) > 0
        h0, h1 = extent(mask.any(1))
        w0, w1 = extent(mask.any(0))
        if h0 < 1 or w0 < 1 or h1 > H - 2 or w1 > W - 2:
            return None  # touches the border: may be clipped
        dense = bool(mask[h0:h1 + 1, w0:w1 + 1].all())
        fields.append(((h0, h1), (w0, w1), dense))
    (a_h, a_w, dense), (b_h, b_w, dense2) = fields
    size = [a_h[1] - a_h[0] + 1, a_w[1] - a_w[0] + 1]
    assert size == [b_h[1] - b_h[0] + 1, b_w[1] - b_w[0] + 1], "neighbour's field differs in size"
    assert dense == dense2
    jump = [b_h[0] - a_h[0], b_w[0] - a_w[0]]
    assert jump == [b_h[1] - a_h[1], b_w[1] - a_w[1]]
    start = [(a_h[0] + a_h[1]) / 2 - i * jump[0], (a_w[0] + a_w[1]) / 2 - j * jump[1]]
    return dict(size=size, jump=jump, start=[num(s) for s in start], dense=dense,
                measuredInput=[H, W], unit=[i, j])


def num(v):
    return int(v) if float(v).is_integer() else float(v)


def measure_config(cfg):
    t = time.time()
    model, cin, modules = build(cfg)
    if cfg["kind"] == "block":
        pred, adds = block_recurrence(cfg["options"])
        want = list(pred)
    else:
        pred = network_recurrence(cfg["options"])
        groups = [p for p in pred if "." not in p]
        want = groups + [p for p in cfg["at"] if p not in groups]
    fields, notes = [], []
    for at in want:
        (r, j, start), larger = pred[at]
        H = int(r + 4 * j + 8)
        got = None
        for _ in range(4):
            if cfg["kind"] == "block":
                # keep the input's size modulo the stride, so the add happens as it
                # does on the block's own input
                s = cfg["options"]["stride"]
                size = [n + s * max(0, -(-(want - n) // s))
                        for n, want in zip(cfg["options"]["input"], (H, H + 2 * j + 3))]
            else:
                size = [H, H + 2 * j + 3]
            got = measure_point(model, modules[at], cin, *size)
            if got is not None:
                break
            H *= 2
        assert got is not None, "%s %s: field still clipped at input %d" % (cfg["id"], at, H)
        rec = dict(size=[r, r], jump=[j, j], start=[num(start)] * 2)
        entry = OrderedDict(at=at, size=got["size"], jump=got["jump"], start=got["start"],
                            dense=got["dense"], measuredInput=got["measuredInput"])
        if [got[key] for key in ("size", "jump", "start")] != [rec[key] for key in ("size", "jump", "start")]:
            notes.append("%s: measured %s, recurrence %s" % (
                at, [got[key] for key in ("size", "jump", "start")], list(pred[at][0])))
            entry["recurrence"] = rec
        if tuple(larger) != tuple(pred[at][0]):
            entry["largerPathRule"] = dict(size=[larger[0]] * 2, jump=[larger[1]] * 2,
                                           start=[num(larger[2])] * 2)
        fields.append(entry)
    res = OrderedDict(id=cfg["id"], kind=cfg["kind"], source=cfg["source"], options=cfg["options"])
    if cfg["kind"] == "network":
        res["measured"] = OrderedDict(k=num(cfg["builtK"]), inChannels=cin)
        if cfg["builtGrouping"] is not None:
            res["measured"].update(groups=cfg["builtGrouping"][0],
                                   widthPerGroup=cfg["builtGrouping"][1])
    else:
        res["residualAdd"] = adds
    res["fields"] = fields
    return res, notes, time.time() - t


def dumps(doc):
    """A config's own keys on its first line, its options on the next, one field per line."""
    def fields(cfg):
        head = OrderedDict((k, v) for k, v in cfg.items() if k not in ("options", "fields"))
        return ["    { %s" % compact(head)[1:-1], '      "options": %s' % compact(cfg["options"])]
    return dump_configs(doc, ["generator", "torch", "torchvision"], fields, "fields")


def main():
    ap = parser(__doc__)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    import torchvision

    configs = select(ap, CONFIGS, args.only)

    t0 = time.time()
    results, bad = [], []
    for cfg in configs:
        res, notes, secs = measure_config(cfg)
        results.append(res)
        last = [f for f in res["fields"] if "." not in f["at"]][-1] if cfg["kind"] == "network" \
            else res["fields"][-1]
        print("%-42s %2d points, %s: size %s jump %s start %s (%.1fs)" % (
            cfg["id"], len(res["fields"]), last["at"], last["size"], last["jump"], last["start"],
            secs), file=sys.stderr)
        bad += ["%s %s" % (cfg["id"], n) for n in notes]

    by_id = {r["id"]: {f["at"]: (f["size"], f["jump"], f["start"]) for f in r["fields"]}
             for r in results}
    for a, b in SAME:
        if a in by_id and b in by_id:
            for at in set(by_id[a]) & set(by_id[b]):
                if by_id[a][at] != by_id[b][at]:
                    bad.append("%s and %s differ at %s: %s vs %s" % (
                        a, b, at, by_id[a][at], by_id[b][at]))
    for cid, at, size, jump in KNOWN:
        if cid in by_id:
            got = by_id[cid][at]
            if got[0] != [size, size] or got[1] != [jump, jump]:
                bad.append("%s %s: measured %s, the known figure is %d, jump %d" % (
                    cid, at, got, size, jump))

    emit(dumps(dict(generator=GENERATOR, torch=torch.__version__,
                    torchvision=torchvision.__version__, configs=results)), args.out)
    print("%d configs, %d fields in %.1fs" % (
        len(results), sum(len(r["fields"]) for r in results), time.time() - t0), file=sys.stderr)
    for msg in bad:
        print("MISMATCH %s" % msg, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
