"""The family's post-order networks made of torchvision's own modules, for cross-checks.

torchvision_network(options) builds the network a family.py options dict
describes out of torchvision.models.resnet's ResNet, BasicBlock, Bottleneck and
ResNet._make_layer, where torchvision can express it (post order, no conv bias,
no dropout; basic blocks only as B(3,3) at k = 1).  Three edits to torchvision's
objects cover the rest: bottleneckStride "1x1" moves each strided block's stride
from its conv2 to its conv1; a zero-pad shortcut replaces each downsample with
family.py's ZeroPadShortcut; other input channels replace the stem conv.  The
module names are torchvision's, which are build_network's.
"""

import torch
import torch.nn as nn

from family import ZeroPadShortcut


class TorchvisionCifar(nn.Module):
    """A CIFAR ResNet of torchvision's own blocks: the stem conv 3x3/1 to 16, BN, ReLU, then
    three groups made by torchvision's ResNet._make_layer (its BasicBlock or Bottleneck, its
    downsample of 1x1 conv + BN), global average pool, linear."""

    def __init__(self, block, layers, num_classes, groups, width_per_group, in_channels):
        super().__init__()
        from torchvision.models.resnet import ResNet
        self._norm_layer, self.dilation = nn.BatchNorm2d, 1
        self.groups, self.base_width, self.inplanes = groups, width_per_group, 16
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        for g, (planes, stride, n) in enumerate(zip((16, 32, 64), (1, 2, 2), layers)):
            setattr(self, "layer%d" % (g + 1), ResNet._make_layer(self, block, planes, n, stride))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(64 * block.expansion, num_classes)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def torchvision_network(options, require=False):
    """The post-order network of `options` made of torchvision's own modules (ResNet for
    imagenet, TorchvisionCifar for cifar), or None where torchvision has no such network (conv
    bias, dropout, basic blocks other than B(3,3) at k = 1).  bottleneckStride "1x1" moves each
    strided block's stride from its conv2 (the 3x3) to its conv1; a zero-pad shortcut replaces
    each downsample with family.py's ZeroPadShortcut; other input channels replace the stem
    conv."""
    from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet
    o = options
    fits = o["order"] == "post" and not o["convBias"] and not o["dropout"]
    if o["block"] == "bottleneck":
        block, groups = Bottleneck, o.get("groups", 1)
        width = o.get("widthPerGroup", 64 * o["k"] / groups)
        fits = fits and width == int(width)
    else:
        block, groups, width = BasicBlock, 1, 64
        fits = fits and list(o["block"]) == [3, 3] and o["k"] == 1
    if not fits:
        assert not require, "torchvision has no network %r" % (o,)
        return None
    layers, classes, cin = list(o["blocksPerGroup"]), o["classes"], o["input"][0]
    if o["family"] == "imagenet":
        model = ResNet(block, layers, num_classes=classes, groups=groups, width_per_group=int(width))
        if cin != 3:
            model.conv1 = nn.Conv2d(cin, 64, kernel_size=7, stride=2, padding=3, bias=False)
    else:
        model = TorchvisionCifar(block, layers, classes, groups, int(width), cin)
    for blk in model.modules():
        if not isinstance(blk, (BasicBlock, Bottleneck)):
            continue
        if o.get("bottleneckStride") == "1x1" and blk.stride != 1:
            blk.conv1.stride, blk.conv2.stride = blk.conv2.stride, (1, 1)
        if o["shortcut"] == "zero-pad" and blk.downsample is not None:
            last = blk.conv3 if block is Bottleneck else blk.conv2
            blk.downsample = ZeroPadShortcut(blk.conv1.in_channels, last.out_channels, blk.stride)
    return model
