#!/usr/bin/env python3
"""The ImageNet pre-activation ResNet of fb.resnet.torch (models/preresnet.lua), in PyTorch.

    from family import build_network
    model = build_network(options)   # options["family"] == "imagenet", options["order"] == "pre"

preresnet.lua is the code behind He et al. 2016's ImageNet ResNet-200
("Identity Mappings in Deep Residual Networks").  What it builds, and what
PreResNet below builds from a family.py options dict:

    stem    conv 7x7/2 pad 3 to 64, BN, ReLU, max pool 3x3/2 pad 1
    layer1  blocks of 64 (stride 1), every one built with type 'first':
            no BN-ReLU at the start of its main path
    layer2.. blocks of 128, 256, 512 (stride 2 on a group's first block); the
            main path of each starts with BN-ReLU of the block input
    head    BN, ReLU, average pool (7x7 on a 224 input; global here, for any
            input), linear

    basicblock  [BN, ReLU,] conv 3x3 (stride), BN, ReLU, conv 3x3
    bottleneck  [BN, ReLU,] conv 1x1, BN, ReLU, conv 3x3 (stride), BN, ReLU,
                conv 1x1 to 4x the base width
    shortcut    (shortcutType 'B') identity where input and output channels are
                equal, else 1x1 conv (stride s) + BN, both on the block's raw
                input; the block's output is main path + shortcut, nothing after
                the add

preresnet.lua's 'A' shortcut (a strided 1x1 average pool, then the input
concatenated with a zeroed copy of itself) is the family's "zero-pad"
shortcut: family.py's ZeroPadShortcut, which appends as many zero channels as
the output needs (the Lua code only doubles them).  Every conv is without bias
(ConvInit removes cudnn's biases).

What the family adds on top (the same option dict as family.py): the width k,
ResNeXt's groups and widthPerGroup on the bottleneck's 3x3, bottleneckStride
"1x1" (the stride on the first 1x1 instead of the 3x3), any basic block
B(k1..kl) (every conv base*k wide, the stride on the first, BN-ReLU between
convs), blocksPerGroup, convBias (a bias on every conv), dropout (after the
ReLU before the 2nd and later convs of a block), input channels, input size
and classes.

Module names: the stem's conv1, bn1, relu, maxpool; layer1..layer4; in a block
conv{i} with the BN and ReLU before it bn{i}, relu{i} (a 'first' block has no
bn1, relu1), dropout{i}, downsample (0: conv, 1: BN); the head's final_bn,
final_relu, avgpool, fc.  Every module runs once per forward pass and the
shortcut runs after the main path's convs, so hooks fire in execution order.
"""

import torch
import torch.nn as nn

from family import FAMILIES, ZeroPadShortcut, block_convs, check_options, group_widths


def shortcut(n_input_plane, n_output_plane, stride, kind, bias):
    """preresnet.lua's shortcut(): None for the identity, else the module applied to the raw input."""
    if n_input_plane == n_output_plane:
        # The Lua code returns nn.Identity() here whatever the stride; in this family a
        # stride always comes with new channels, so the identity is never strided.
        assert stride == 1, "a strided block keeps %d channels" % n_input_plane
        return None
    if kind == "zero-pad":
        return ZeroPadShortcut(n_input_plane, n_output_plane, stride)
    return nn.Sequential(
        nn.Conv2d(n_input_plane, n_output_plane, 1, stride=stride, padding=0, bias=bias),
        nn.BatchNorm2d(n_output_plane))


class PreActBlock(nn.Module):
    """preresnet.lua's basicblock / bottleneck: [BN, ReLU,] conv, then BN, ReLU, conv for each further conv."""

    def __init__(self, cin, cout, stride, convs, stride_at, first, kind, bias, dropout):
        super().__init__()
        self.n = len(convs)
        c = cin
        for i, (kk, w, groups) in enumerate(convs):
            j = i + 1
            if i > 0 or not first:
                setattr(self, "bn%d" % j, nn.BatchNorm2d(c))
                setattr(self, "relu%d" % j, nn.ReLU(inplace=False))
            if i > 0 and dropout > 0:
                setattr(self, "dropout%d" % j, nn.Dropout(dropout))
            setattr(self, "conv%d" % j, nn.Conv2d(
                c, w, kk, stride=stride if i == stride_at else 1, padding=kk // 2, groups=groups,
                bias=bias))
            c = w
        self.downsample = shortcut(cin, cout, stride, kind, bias)

    def forward(self, x):
        out = x
        for j in range(1, self.n + 1):
            if hasattr(self, "bn%d" % j):
                out = getattr(self, "relu%d" % j)(getattr(self, "bn%d" % j)(out))
            if hasattr(self, "dropout%d" % j):
                out = getattr(self, "dropout%d" % j)(out)
            out = getattr(self, "conv%d" % j)(out)
        return out + (x if self.downsample is None else self.downsample(x))


class PreResNet(nn.Module):
    """preresnet.lua's createModel for opt.dataset == 'imagenet', over a family.py options dict."""

    def __init__(self, options):
        super().__init__()
        check_options(options)
        if (options["family"], options["order"]) != ("imagenet", "pre"):
            raise ValueError("PreResNet is the imagenet family in pre order")
        bias = bool(options["convBias"])
        c = FAMILIES["imagenet"]["stem"]
        self.conv1 = nn.Conv2d(options["input"][0], c, 7, stride=2, padding=3, bias=bias)
        self.bn1 = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=False)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        for g, ((inner, cout, stride), n) in enumerate(
                zip(group_widths(options), options["blocksPerGroup"])):
            convs, stride_at = block_convs(options, inner, cout)
            blocks = []
            for b in range(int(n)):
                blocks.append(PreActBlock(c, cout, stride if b == 0 else 1, convs, stride_at,
                                          first=(g == 0), kind=options["shortcut"], bias=bias,
                                          dropout=float(options["dropout"])))
                c = cout
            setattr(self, "layer%d" % (g + 1), nn.Sequential(*blocks))
        self.n_groups = len(FAMILIES["imagenet"]["bases"])
        self.final_bn = nn.BatchNorm2d(c)
        self.final_relu = nn.ReLU(inplace=False)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(c, int(options["classes"]), bias=True)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        for g in range(1, self.n_groups + 1):
            x = getattr(self, "layer%d" % g)(x)
        x = self.avgpool(self.final_relu(self.final_bn(x)))
        return self.fc(torch.flatten(x, 1))
