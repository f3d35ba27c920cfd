#!/usr/bin/env python3
"""PyTorch reference generator for the ResNet family of wrn-calc.

Measures each network of CONFIGS below: the torchvision models (resnet18..152,
wide_resnet50_2/101_2, resnext50_32x4d, resnext101_32x8d/64x4d) are the
torchvision.models objects themselves (weights=None), and the networks with
source torchvision.models.resnet.ResNet are torchvision's ResNet(Bottleneck,
layers, groups=, width_per_group=, num_classes=) (torchvision_nets.py); every
other network is built by family.py's build_network out of real torch.nn
modules (CIFAR and ImageNet stems, basic B(k1..kl), bottleneck and grouped
bottleneck blocks, the bottleneck's stride on its 3x3 or first 1x1, pre- and
post-activation order, fb.resnet.torch's ImageNet pre-activation ResNet,
projection and zero-pad shortcuts, fractional k, conv bias, dropout, any input
size, channel count and class count). One forward pass (batch 1, eval,
no_grad) with hooks on every Conv2d and Linear records, in execution order,
each layer's output shape, parameters and MACs, and the output shape of each
group (conv1 = stem, conv2.., head). Writes test/fixtures/reference/family.json.

Checks (exit 1 on any failure; the file is still written):
  - KNOWN exact values (params, buffers, MACs) of the network of docs/counting.md
    definition;
  - for each torchvision network, build_network with the same options gives
    the same state_dict (names and shapes), the same Conv2d/BatchNorm2d/Linear/
    pool modules (repr, by name) and the same measured layers and totals;
  - for each post-order network that torchvision can express, the same
    comparison the other way: the network assembled from torchvision's own
    blocks (torchvision_nets.py) against build_network;
  - for each ImageNet pre-order network (preresnet.py), the same conv and
    linear layers and MACs as the post-order network with the same options
    (torchvision's where it exists), and BN buffers as preresnet.lua's rules
    count them;
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
from torchvision_nets import torchvision_network  # noqa: E402
import wrn_reference  # noqa: E402
from reference_cli import compact, dump_configs, emit, parser, select, with_bottleneck_options  # noqa: E402

GENERATOR = "scripts/reference/family_reference.py"

IMAGENET = dict(family="imagenet", input=[3, 224, 224], classes=1000)
CIFAR10 = dict(family="cifar", input=[3, 32, 32], classes=10)
CIFAR100 = dict(family="cifar", input=[3, 32, 32], classes=100)

TV = "torchvision.models."
# torchvision.models.resnet.ResNet(Bottleneck, layers, groups=, width_per_group=, num_classes=)
TV_RESNET = TV + "resnet.ResNet"
BUILDER = "family.py"


def C(id, data, block, order, shortcut, n, k=1, source=BUILDER, groups=None, wpg=None, stride=None,
      **over):
    """One configuration; `over` overrides input, classes, convBias, dropout; groups, wpg
    (widthPerGroup) and stride (bottleneckStride) add their keys, and wpg sets k to G*W/64."""
    n_groups = 4 if data["family"] == "imagenet" else 3
    n = list(n) if isinstance(n, (list, tuple)) else [n] * n_groups
    options = dict(family=data["family"], block=block if block == "bottleneck" else list(block),
                   order=order, shortcut=shortcut, blocksPerGroup=n, k=k,
                   input=list(data["input"]), classes=data["classes"], convBias=False,
                   dropout=0)
    for key, value in over.items():
        if key not in options:
            raise KeyError(key)
        options[key] = list(value) if isinstance(value, tuple) else value
    with_bottleneck_options(options, groups, wpg, stride)
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
    # the known WRNs of docs/validation.md (cifar, pre, projection), cross-checked with wrn_reference.py
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
    # ResNeXt: torchvision's own objects, the three named models and ResNet(Bottleneck, layers,
    # groups=G, width_per_group=W, num_classes=) with other layers, G, W, classes and inputs
    C("resnext50_32x4d", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3), groups=32, wpg=4,
      source=TV + "resnext50_32x4d"),
    C("resnext101_32x8d", IMAGENET, BOT, "post", "projection", (3, 4, 23, 3), groups=32, wpg=8,
      source=TV + "resnext101_32x8d"),
    C("resnext101_64x4d", IMAGENET, BOT, "post", "projection", (3, 4, 23, 3), groups=64, wpg=4,
      source=TV + "resnext101_64x4d"),
    C("tv-resnext50-32x4d-c10-33x33", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3),
      groups=32, wpg=4, source=TV_RESNET, classes=10, input=(3, 33, 33)),
    C("tv-resnext101-32x8d-c100-64x64", IMAGENET, BOT, "post", "projection", (3, 4, 23, 3),
      groups=32, wpg=8, source=TV_RESNET, classes=100, input=(3, 64, 64)),
    C("tv-resnext-2222-g8w16-c100-65x47", IMAGENET, BOT, "post", "projection", (2, 2, 2, 2),
      groups=8, wpg=16, source=TV_RESNET, classes=100, input=(3, 65, 47)),
    C("tv-resnext-1111-g64w1-c10-97x61", IMAGENET, BOT, "post", "projection", (1, 1, 1, 1),
      groups=64, wpg=1, source=TV_RESNET, classes=10, input=(3, 97, 61)),
    C("tv-resnext-1231-g4w24-c7-48x48", IMAGENET, BOT, "post", "projection", (1, 2, 3, 1),
      groups=4, wpg=24, source=TV_RESNET, classes=7, input=(3, 48, 48)),
    C("tv-resnext-2121-g2w40-200x152", IMAGENET, BOT, "post", "projection", (2, 1, 2, 1),
      groups=2, wpg=40, source=TV_RESNET, input=(3, 200, 152)),
    C("tv-resnext-3463-g16w8-160x224", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3),
      groups=16, wpg=8, source=TV_RESNET, input=(3, 160, 224)),
    C("tv-resnext-1212-g3w20-c37-57x57", IMAGENET, BOT, "post", "projection", (1, 2, 1, 2),
      groups=3, wpg=20, source=TV_RESNET, classes=37, input=(3, 57, 57)),
    C("tv-resnet-2222-w96-c10", IMAGENET, BOT, "post", "projection", (2, 2, 2, 2),
      wpg=96, source=TV_RESNET, classes=10),
    # the stride on the first 1x1 (He 2015, Caffe): torchvision's objects with each strided
    # block's stride moved from conv2 (the 3x3) to conv1
    C("tv-resnet50-stride1x1", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3), stride="1x1",
      source=TV_RESNET),
    C("tv-resnext50-32x4d-stride1x1", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3),
      groups=32, wpg=4, stride="1x1", source=TV_RESNET),
    C("tv-resnext-2222-g8w8-stride1x1-c10-99x75", IMAGENET, BOT, "post", "projection",
      (2, 2, 2, 2), groups=8, wpg=8, stride="1x1", source=TV_RESNET, classes=10,
      input=(3, 99, 75)),
    # CIFAR grouped bottlenecks (post order checked against torchvision's Bottleneck blocks);
    # W = 6 and W = 4 make floor(16*W/64) round down or reach 1
    C("cifar-post-resnext-n2-g4w6", CIFAR10, BOT, "post", "projection", 2, groups=4, wpg=6),
    C("cifar-post-resnext-n3-g8-k2", CIFAR10, BOT, "post", "projection", 3, k=2, groups=8),
    C("cifar-post-resnext-n2-g16w4-c100-33x33", CIFAR100, BOT, "post", "projection", 2,
      groups=16, wpg=4, input=(3, 33, 33)),
    C("cifar-post-resnext-n2-g4w8-zeropad-40x24", CIFAR10, BOT, "post", "zero-pad", 2,
      groups=4, wpg=8, input=(3, 40, 24)),
    C("cifar-post-resnext-n2-g2w32-stride1x1", CIFAR10, BOT, "post", "projection", 2,
      groups=2, wpg=32, stride="1x1"),
    C("cifar-pre-resnext-n2-g4w8", CIFAR10, BOT, "pre", "projection", 2, groups=4, wpg=8),
    C("cifar-pre-resnext-n3-g8w4-c100-dropout", CIFAR100, BOT, "pre", "projection", 3,
      groups=8, wpg=4, dropout=0.2),
    C("cifar-pre-resnext-n2-g4w6-stride3x3-33x33", CIFAR10, BOT, "pre", "projection", 2,
      groups=4, wpg=6, stride="3x3", input=(3, 33, 33)),
    C("cifar-pre-resnext-n2-g32-k4-bias", CIFAR10, BOT, "pre", "projection", 2, k=4, groups=32,
      convBias=True),
    C("cifar-pre-resnext-n2-g4w8-zeropad-1x28x28", CIFAR10, BOT, "pre", "zero-pad", 2,
      groups=4, wpg=8, input=(1, 28, 28)),
    # where a bottleneck strides, without groups
    C("cifar-post-bottleneck-n2-stride1x1", CIFAR10, BOT, "post", "projection", 2, stride="1x1"),
    C("cifar-post-bottleneck-n3-k2-stride1x1-41x23", CIFAR10, BOT, "post", "projection", 3, k=2,
      stride="1x1", input=(3, 41, 23)),
    C("cifar-pre-bottleneck-n2-stride3x3", CIFAR10, BOT, "pre", "projection", 2, stride="3x3"),
    C("cifar-pre-bottleneck-n2-k2-stride3x3-zeropad", CIFAR100, BOT, "pre", "zero-pad", 2, k=2,
      stride="3x3"),
    C("resnet50-stride1x1-200x160-c10", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3),
      stride="1x1", input=(3, 200, 160), classes=10),
    C("wide-resnet50-2-stride1x1-bias", IMAGENET, BOT, "post", "projection", (3, 4, 6, 3), k=2,
      stride="1x1", convBias=True),
    C("resnet50-stride1x1-zeropad", IMAGENET, BOT, "post", "zero-pad", (3, 4, 6, 3),
      stride="1x1"),
    # fb.resnet.torch's pre-activation ImageNet ResNets (preresnet.lua, preresnet.py)
    C("preresnet34", IMAGENET, B33, "pre", "projection", (3, 4, 6, 3)),
    C("preresnet101", IMAGENET, BOT, "pre", "projection", (3, 4, 23, 3)),
    C("preresnet50-k2", IMAGENET, BOT, "pre", "projection", (3, 4, 6, 3), k=2),
    C("preresnext50-32x4d", IMAGENET, BOT, "pre", "projection", (3, 4, 6, 3), groups=32, wpg=4),
    C("preresnext-2222-g8w8-zeropad-200x152-c10", IMAGENET, BOT, "pre", "zero-pad",
      (2, 2, 2, 2), groups=8, wpg=8, input=(3, 200, 152), classes=10),
    C("preresnet50-stride1x1", IMAGENET, BOT, "pre", "projection", (3, 4, 6, 3), stride="1x1"),
    C("preresnet18-k1.5-dropout-97x65", IMAGENET, B33, "pre", "projection", (2, 2, 2, 2), k=1.5,
      dropout=0.3, input=(3, 97, 65)),
    C("preresnet-b313-1111-k2-1ch-c10", IMAGENET, B313, "pre", "projection", (1, 1, 1, 1), k=2,
      input=(1, 128, 96), classes=10),
]

# Known exact values of the network of docs/counting.md: (params, buffers, macs);
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
    "resnext50_32x4d": (25028904, 68224, 4230479872),
    "resnext101_32x8d": (88791336, 202880, 16414015488),
    "resnext101_64x4d": (83455272, 202880, 15460270080),
    "tv-resnet50-stride1x1": (25557032, 53120, 3857973248),
    "preresnet200": (64672808, 174976, 15007481856),
    "preresnet18": (11689384, None, None),
    "preact-resnet1001": (10327706, None, None),
    "resnet110": (1727962, None, None),
}

LAYER_TYPES = (nn.Conv2d, nn.Linear)
COMPARED_MODULES = (nn.Conv2d, nn.BatchNorm2d, nn.Linear, nn.MaxPool2d, nn.AdaptiveAvgPool2d)


def make_model(cfg):
    source, options = cfg["source"], cfg["options"]
    if source == TV_RESNET:
        return torchvision_network(options, require=True)
    if source.startswith(TV):
        assert "bottleneckStride" not in options, "a named torchvision model strides on the 3x3"
        return getattr(torchvision.models, source[len(TV):])(weights=None)
    return build_network(options)


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


def strip(rows):
    """A layer list without module names: what two implementations must agree on."""
    return [(r["type"], r["output"], r["params"], r["macs"]) for r in rows]


def same_network(a, b, options, totals, layers, what):
    """Problems found comparing model b with model a, which measured totals and layers."""
    problems = []
    if state_shapes(a) != state_shapes(b):
        problems.append("%s: state_dict differs" % what)
    if module_table(a) != module_table(b):
        problems.append("%s: modules differ" % what)
    t2, _, l2 = measure(b, options)
    if t2 != totals or l2 != layers:
        problems.append("%s: layers/totals differ" % what)
    return problems


def preresnet_batchnorm_channels(opt):
    """The channels of every BN in fb.resnet.torch's preresnet.lua network, counted from the Lua
    code's rules (not from the modules): the stem's; in each block of the groups after the first,
    one on the block input; one after each main-path conv but the last; one in each 1x1-conv
    shortcut (where channels change, shortcut type 'B'); the head's."""
    bottleneck = opt["block"] == "bottleneck"
    n_convs = 3 if bottleneck else len(opt["block"])
    groups = opt.get("groups", 1)
    width = opt.get("widthPerGroup", 64 * opt["k"] / groups)
    c = total = 64
    for g, (base, n) in enumerate(zip((64, 128, 256, 512), opt["blocksPerGroup"])):
        out = 4 * base if bottleneck else int(base * opt["k"])
        inner = int(base * width // 64) * groups if bottleneck else out
        for _ in range(n):
            total += (c if g > 0 else 0) + (n_convs - 1) * inner
            if c != out and opt["shortcut"] == "projection":
                total += out
            c = out
    return total + c


def cross_check(cfg, model, totals, layers):
    """Problems found comparing with an independent implementation ([] if none)."""
    opt = cfg["options"]
    problems = []
    if cfg["source"].startswith(TV):
        problems += same_network(model, build_network(opt), opt, totals, layers,
                                 "build_network against torchvision's")
    elif opt["order"] == "post":
        twin = torchvision_network(opt)
        if twin is not None:
            problems += same_network(model, twin, opt, totals, layers,
                                     "torchvision's blocks against build_network")
    if (opt["family"], opt["order"]) == ("imagenet", "pre"):
        # preresnet.lua has the convs of the post-order network with the same options (the
        # stride on the same conv, the 1x1 conv shortcut on the raw input); only BNs move
        post = dict(opt, order="post")
        twin = torchvision_network(post) or build_network(post)
        t2, _, l2 = measure(twin, post)
        if strip(l2) != strip(layers) or t2["macs"] != totals["macs"]:
            problems.append("convs differ from the post-order network's")
        if totals["buffers"] != 2 * preresnet_batchnorm_channels(opt):
            problems.append("BN channels differ from preresnet.lua's rules (%d buffers, expected %d)" % (
                totals["buffers"], 2 * preresnet_batchnorm_channels(opt)))
    elif (opt["family"], opt["order"], opt["shortcut"]) == ("cifar", "pre", "projection") \
            and opt["block"] != "bottleneck" and len(set(opt["blocksPerGroup"])) == 1:
        spec = dict(blocksPerGroup=opt["blocksPerGroup"][0], k=opt["k"], block=opt["block"],
                    input=opt["input"], classes=opt["classes"], convBias=opt["convBias"])
        wrn = wrn_reference.WRN(spec)
        t2, _, l2 = measure(wrn, opt, names=wrn.names, with_groups=False)
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
                problems.append("got %s, the known value is %s" % (got, want))
        bad += [(cfg["id"], p) for p in problems]

    emit(dumps(dict(generator=GENERATOR, torch=torch.__version__,
                    torchvision=torchvision.__version__, configs=results)), args.out)

    ran = {c["id"] for c in configs}
    print("%d configs in %.1fs; known values checked: %d; torchvision models: %d"
          % (len(results), time.time() - t0, len([i for i in KNOWN if i in ran]),
             len([c for c in configs if c["source"].startswith(TV)])), file=sys.stderr)
    for i, problem in bad:
        print("MISMATCH %s: %s" % (i, problem), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
