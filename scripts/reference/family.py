#!/usr/bin/env python3
"""The ResNet family of wrn-calc, built out of real torch.nn modules.

    from family import build_network
    model = build_network(options)   # options: dict, every key below present

options (the network defined in docs/counting.md, "The network"):
    family          "cifar" | "imagenet"
    block           list of kernel sizes, e.g. [3, 3] or [3, 1, 3] (basic block
                    B(k1..kl)), or the string "bottleneck"
    order           "pre" (He 2016, official WRN) | "post" (He 2015, torchvision)
    shortcut        "projection" | "zero-pad" (He 2015 option A)
    blocksPerGroup  one N per group (3 groups for cifar, 4 for imagenet)
    k               widening factor, may be fractional if every width is whole
    input           [C, H, W] (only C is used to build; H, W by the forward pass)
    classes         int
    convBias        bool: a bias on every conv (stem and shortcut included)
    dropout         float; 0 means no dropout module at all
and, only where a network needs them (bottleneck blocks only):
    groups          G, ResNeXt's cardinality: the 3x3 conv of every bottleneck is
                    grouped G ways (torchvision's `groups`; default 1)
    widthPerGroup   W (torchvision's `width_per_group`): a bottleneck's inner
                    width is floor(base*W/64)*G.  Without it W = 64*k/G, which
                    must be whole; with it, k must equal G*W/64 (the same width
                    spelled the WRN way: wide_resnet50_2 is k = 2 or W = 128)
    bottleneckStride "3x3" (torchvision, "ResNet v1.5") | "1x1" (He 2015 / Caffe:
                    the stride on the first 1x1); default "3x3", except "1x1" for
                    cifar in pre order (He 2016's CIFAR code)

Stem: cifar conv3x3/1 pad 1 to 16 channels (+ BN, ReLU in post order only);
imagenet conv7x7/2 pad 3 to 64, BN, ReLU, max pool 3x3/2 pad 1 (both orders).
Groups: base widths cifar 16, 32, 64 (strides 1, 2, 2), imagenet 64, 128, 256,
512 (strides 1, 2, 2, 2); the first block of a group carries the stride.
Basic block: every conv is base*k wide, padding kernel//2, the stride on its
first conv.  Bottleneck: 1x1 -> 3x3 (grouped G ways) -> 1x1, inner width
base*k (floor(base*W/64)*G with groups), output 4*base.

post order: conv -> BN -> ReLU, the last conv -> BN, add, ReLU (dropout between
a ReLU and the next conv); a projection shortcut is 1x1 conv + BN on the raw
block input; head global avg pool -> linear.  A post-order bottleneck network
has exactly the modules of torchvision's ResNet(Bottleneck, ...).

cifar pre order (He 2016's CIFAR code, the official WRN): every conv is
preceded by BN -> ReLU (dropout after the ReLU of the 2nd and later convs), in
every block; a projection shortcut is a 1x1 conv (stride s, no padding, no BN)
on the BN-ReLU'd block input; head BN -> ReLU -> global avg pool -> linear.

imagenet pre order: fb.resnet.torch's models/preresnet.lua, transcribed in
preresnet.py (build_network hands these options to it).

Shortcut "projection": only where channels or stride change, else identity.
"zero-pad": x[:, :, ::s, ::s] with the extra channels appended as zeros, no
parameters; it takes the raw block input in every order.

Module names follow torchvision (conv1, bn1, relu, maxpool, layer1..layer4,
avgpool, fc; in a block conv{i}, bn{i}, relu{i}, dropout{i}, downsample, and in
post order the after-add ReLU "relu"), so a post-order bottleneck network has
exactly the state_dict of torchvision's resnet50, resnext50_32x4d etc.  The
pre-order head's BN and ReLU are "final_bn" and "final_relu".  Every module
runs once per forward pass, and the shortcut runs after the block's main-path
convs, so forward hooks fire in execution order.
"""

import torch
import torch.nn as nn

FAMILIES = {
    # stem width, group base widths, group strides
    "cifar": dict(stem=16, bases=(16, 32, 64), strides=(1, 2, 2)),
    "imagenet": dict(stem=64, bases=(64, 128, 256, 512), strides=(1, 2, 2, 2)),
}

GROUP_NAMES = {
    "cifar": ("conv1", "conv2", "conv3", "conv4", "head"),
    "imagenet": ("conv1", "conv2", "conv3", "conv4", "conv5", "head"),
}

BOTTLENECK_EXPANSION = 4

REQUIRED = ("family", "block", "order", "shortcut", "blocksPerGroup", "k", "input", "classes",
            "convBias", "dropout")
OPTIONAL = ("groups", "widthPerGroup", "bottleneckStride")  # bottleneck blocks only
BOTTLENECK_STRIDES = {"1x1": 0, "3x3": 1}  # the index of the conv that carries the stride


def _whole(x, what):
    if x != int(x) or x < 1:
        raise ValueError("%s = %r is not a whole positive number" % (what, x))
    return int(x)


def check_options(options):
    """Raise ValueError on an options dict build_network cannot build."""
    missing = set(REQUIRED) - set(options)
    if missing:
        raise ValueError("options lack %s" % sorted(missing))
    leftover = set(options) - set(REQUIRED) - set(OPTIONAL)
    if leftover:
        raise ValueError("unknown options %s" % sorted(leftover))
    if options["family"] not in FAMILIES:
        raise ValueError("family %r is not cifar or imagenet" % (options["family"],))
    if options["order"] not in ("pre", "post"):
        raise ValueError("order %r is not pre or post" % (options["order"],))
    if options["shortcut"] not in ("projection", "zero-pad"):
        raise ValueError("shortcut %r is not projection or zero-pad" % (options["shortcut"],))
    block = options["block"]
    if block != "bottleneck":
        if not block or any(int(kk) != kk or kk < 1 for kk in block):
            raise ValueError("block %r is not 'bottleneck' or a list of kernel sizes" % (block,))
        if options.get("groups", 1) != 1 or options.get("widthPerGroup", 64) != 64:
            # torchvision's BasicBlock: "only supports groups=1 and base_width=64"
            raise ValueError("basic blocks take groups 1 and widthPerGroup 64 only, not %r, %r" % (
                options.get("groups", 1), options.get("widthPerGroup", 64)))
        if "bottleneckStride" in options:
            raise ValueError("bottleneckStride is for bottleneck blocks, not %r" % (block,))
    if options.get("bottleneckStride", "3x3") not in BOTTLENECK_STRIDES:
        raise ValueError("bottleneckStride %r is not 3x3 or 1x1" % (options["bottleneckStride"],))
    n_groups = len(FAMILIES[options["family"]]["bases"])
    if len(options["blocksPerGroup"]) != n_groups:
        raise ValueError("%s needs %d blocksPerGroup, got %r" % (
            options["family"], n_groups, options["blocksPerGroup"]))
    for n in options["blocksPerGroup"]:
        _whole(n, "blocks per group")
    if len(options["input"]) != 3:
        raise ValueError("input %r is not [C, H, W]" % (options["input"],))
    _whole(options["classes"], "classes")
    if not 0 <= options["dropout"] < 1:
        raise ValueError("dropout %r is not in [0, 1)" % (options["dropout"],))
    if block == "bottleneck":
        width_per_group(options)


def cardinality(options):
    """G: how many ways a bottleneck's 3x3 conv is grouped (1 without the key)."""
    return _whole(options.get("groups", 1), "groups")


def width_per_group(options):
    """W, torchvision's width_per_group: the key, else 64*k/G; None for a plain k-wide network."""
    if "groups" not in options and "widthPerGroup" not in options:
        return None
    g, k = cardinality(options), options["k"]
    if "widthPerGroup" not in options:
        return _whole(64 * k / g, "widthPerGroup = 64*k/groups (k %r, groups %d)" % (k, g))
    w = _whole(options["widthPerGroup"], "widthPerGroup")
    if g * w != 64 * k:
        raise ValueError("k = %r contradicts groups %d, widthPerGroup %d (k = G*W/64 = %r)" % (
            k, g, w, g * w / 64))
    return w


def bottleneck_stride_at(options):
    """Index of the bottleneck conv that carries a block's stride: 1 (the 3x3) or 0 (the first 1x1)."""
    default = "1x1" if (options["family"], options["order"]) == ("cifar", "pre") else "3x3"
    return BOTTLENECK_STRIDES[options.get("bottleneckStride", default)]


def group_widths(options):
    """[(inner width, output width, stride)] per group."""
    fam = FAMILIES[options["family"]]
    bottleneck = options["block"] == "bottleneck"
    k, g = options["k"], cardinality(options)
    w = width_per_group(options) if bottleneck else None  # basic blocks: base*k, G = 1
    out = []
    for gi, (base, stride) in enumerate(zip(fam["bases"], fam["strides"])):
        what = "width of group conv%d" % (gi + 2)
        if w is None:
            inner = _whole(base * k, "%s (base %d * k %r)" % (what, base, k))
        else:  # torchvision: int(planes * (width_per_group / 64.0)) * groups
            inner = _whole(base * w // 64, "%s per group (floor(base %d * W %d / 64))" % (
                what, base, w)) * g
        if bottleneck:
            out.append((inner, BOTTLENECK_EXPANSION * base, stride))
        else:
            out.append((inner, inner, stride))
    return out


class ZeroPadShortcut(nn.Module):
    """He 2015 option A: strided identity, extra channels zero, no parameters."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        if cout < cin:
            raise ValueError("zero-pad shortcut cannot shrink %d to %d channels" % (cin, cout))
        self.cin, self.cout, self.stride = cin, cout, stride

    def forward(self, x):
        if self.stride != 1:
            x = x[:, :, ::self.stride, ::self.stride]
        if self.cout > self.cin:
            pad = x.new_zeros(x.shape[0], self.cout - self.cin, x.shape[2], x.shape[3])
            x = torch.cat([x, pad], dim=1)
        return x

    def extra_repr(self):
        return "%d -> %d channels, stride %d" % (self.cin, self.cout, self.stride)


def block_convs(options, inner, cout):
    """A block's main-path convs [(kernel, width, groups)] and the index of the one that strides.

    Basic B(k1..kl): every conv cout wide, the stride on the first.  Bottleneck:
    1x1 inner, 3x3 inner grouped G ways, 1x1 cout; the stride where
    bottleneck_stride_at says.
    """
    if options["block"] == "bottleneck":
        g = cardinality(options)
        return [(1, inner, 1), (3, inner, g), (1, cout, 1)], bottleneck_stride_at(options)
    return [(int(kk), cout, 1) for kk in options["block"]], 0


class Block(nn.Module):
    """One residual block of the family in post order or cifar pre order: basic B(k1..kl) or bottleneck."""

    def __init__(self, cin, cout, stride, convs, stride_at, order, shortcut, bias, dropout):
        super().__init__()
        self.order = order
        self.n = len(convs)
        c = cin
        for i, (kk, w, groups) in enumerate(convs):
            j = i + 1
            s = stride if i == stride_at else 1
            conv = nn.Conv2d(c, w, kk, stride=s, padding=kk // 2, groups=groups, bias=bias)
            drop = nn.Dropout(dropout) if (dropout > 0 and i > 0) else None
            if order == "pre":
                setattr(self, "bn%d" % j, nn.BatchNorm2d(c))
                setattr(self, "relu%d" % j, nn.ReLU(inplace=False))
                if drop is not None:
                    setattr(self, "dropout%d" % j, drop)
                setattr(self, "conv%d" % j, conv)
            else:
                if drop is not None:
                    setattr(self, "dropout%d" % j, drop)
                setattr(self, "conv%d" % j, conv)
                setattr(self, "bn%d" % j, nn.BatchNorm2d(w))
                if i < self.n - 1:
                    setattr(self, "relu%d" % j, nn.ReLU(inplace=False))
            c = w
        self.shortcut_kind = "identity"
        if cin != cout or stride != 1:
            self.shortcut_kind = shortcut
            if shortcut == "zero-pad":
                self.downsample = ZeroPadShortcut(cin, cout, stride)
            elif order == "pre":
                self.downsample = nn.Sequential(
                    nn.Conv2d(cin, cout, 1, stride=stride, padding=0, bias=bias))
            else:
                self.downsample = nn.Sequential(
                    nn.Conv2d(cin, cout, 1, stride=stride, padding=0, bias=bias),
                    nn.BatchNorm2d(cout))
        if order == "post":
            self.relu = nn.ReLU(inplace=False)

    def forward(self, x):
        out = x
        pre = None
        for j in range(1, self.n + 1):
            if self.order == "pre":
                out = getattr(self, "relu%d" % j)(getattr(self, "bn%d" % j)(out))
                if j == 1:
                    pre = out  # the BN-ReLU'd block input
            if hasattr(self, "dropout%d" % j):
                out = getattr(self, "dropout%d" % j)(out)
            out = getattr(self, "conv%d" % j)(out)
            if self.order == "post":
                out = getattr(self, "bn%d" % j)(out)
                if j < self.n:
                    out = getattr(self, "relu%d" % j)(out)
        if self.shortcut_kind == "identity":
            short = x
        elif self.shortcut_kind == "projection" and self.order == "pre":
            short = self.downsample(pre)
        else:  # post projection (raw input), zero-pad (raw input) in both orders
            short = self.downsample(x)
        out = out + short
        if self.order == "post":
            out = self.relu(out)
        return out


class FamilyNet(nn.Module):
    """Every network of the family except imagenet pre order (preresnet.py's PreResNet)."""

    def __init__(self, options):
        super().__init__()
        check_options(options)
        self.options = options
        fam_name, order = options["family"], options["order"]
        if (fam_name, order) == ("imagenet", "pre"):
            raise ValueError("imagenet pre order is preresnet.py's PreResNet")
        fam = FAMILIES[fam_name]
        bias = bool(options["convBias"])
        cin = options["input"][0]
        c = fam["stem"]
        if fam_name == "imagenet":
            self.conv1 = nn.Conv2d(cin, c, 7, stride=2, padding=3, bias=bias)
            self.bn1 = nn.BatchNorm2d(c)
            self.relu = nn.ReLU(inplace=False)
            self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        else:
            self.conv1 = nn.Conv2d(cin, c, 3, stride=1, padding=1, bias=bias)
            if order == "post":
                self.bn1 = nn.BatchNorm2d(c)
                self.relu = nn.ReLU(inplace=False)
        for g, ((inner, cout, stride), n) in enumerate(
                zip(group_widths(options), options["blocksPerGroup"])):
            convs, stride_at = block_convs(options, inner, cout)
            blocks = []
            for b in range(int(n)):
                blocks.append(Block(c, cout, stride if b == 0 else 1, convs, stride_at, order,
                                    options["shortcut"], bias, float(options["dropout"])))
                c = cout
            setattr(self, "layer%d" % (g + 1), nn.Sequential(*blocks))
        self.n_groups = len(fam["bases"])
        if order == "pre":
            self.final_bn = nn.BatchNorm2d(c)
            self.final_relu = nn.ReLU(inplace=False)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(c, int(options["classes"]), bias=True)

    def forward(self, x):
        x = self.conv1(x)
        if hasattr(self, "bn1"):
            x = self.relu(self.bn1(x))
        if hasattr(self, "maxpool"):
            x = self.maxpool(x)
        for g in range(1, self.n_groups + 1):
            x = getattr(self, "layer%d" % g)(x)
        if hasattr(self, "final_bn"):
            x = self.final_relu(self.final_bn(x))
        x = self.avgpool(x)
        return self.fc(torch.flatten(x, 1))


def build_network(options):
    """options dict (see the module docstring) -> nn.Module of the ResNet family."""
    if (options.get("family"), options.get("order")) == ("imagenet", "pre"):
        import preresnet  # imports this module: loaded here, not at the top
        return preresnet.PreResNet(options)
    return FamilyNet(options)


def group_output_modules(model, family):
    """[(group name, module whose forward output is that group's output)].

    Works for build_network models and for torchvision.models.ResNet objects
    (same module names): conv1 = stem output (after the max pool for imagenet),
    conv2.. = output of layer1.., head = fc.
    """
    if family == "imagenet":
        stem = model.maxpool
    elif hasattr(model, "bn1"):
        stem = model.relu
    else:
        stem = model.conv1
    names = GROUP_NAMES[family]
    mods = [stem] + [getattr(model, "layer%d" % g) for g in range(1, len(names) - 1)]
    mods.append(model.fc)
    return list(zip(names, mods))
