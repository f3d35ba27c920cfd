#!/usr/bin/env python3
"""Batch-norm reference for wrn-calc: which networks PyTorch refuses to train at batch 1.

In training mode torch.nn.functional.batch_norm refuses an input with only one
value per channel (batch x H x W == 1): "Expected more than 1 value per channel
when training". For each network of CONFIGS below (built by family.py, or
torchvision's own objects), this script records, with forward pre-hooks on
every BatchNorm2d, the fewest values per channel any BN layer normalises for one
image (its input's H x W, measured in a forward pass at batch 2), and runs one
training-mode forward pass at batch 1 and one at batch 2, recording whether
PyTorch refuses each and with what message. Writes
test/fixtures/reference/batch-norm.json.

Usage (Debian/Ubuntu: apt-get install -y python3-torch python3-torchvision):
    /usr/bin/python3 scripts/reference/batch_norm.py --out test/fixtures/reference/batch-norm.json

The wrn-calc tool and its tests never need Python; they only read the JSON.
"""

import os
import sys
from collections import OrderedDict

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from family import build_network  # noqa: E402
from reference_cli import compact, dump_configs, emit, full_options, parser, select  # noqa: E402

GENERATOR = "scripts/reference/batch_norm.py"

O = full_options
TV = "torchvision.models."
FA = "family.py"


def C(id, source, options):
    return dict(id=id, source=source, options=options)


CONFIGS = [
    # -- a 1x1 map at the last group: refused at batch 1 ---------------------------------
    C("imagenet-post-basic-1111-3x32x32", FA, O(family="imagenet", n=1, input=[3, 32, 32])),
    C("imagenet-post-bottleneck-1111-3x32x32", FA, O(family="imagenet", block="bottleneck", n=1, input=[3, 32, 32])),
    C("imagenet-pre-basic-1111-3x32x32", FA, O(family="imagenet", order="pre", n=1, input=[3, 32, 32])),
    C("resnet18-3x32x32", TV + "resnet18", O(family="imagenet", n=[2, 2, 2, 2], input=[3, 32, 32])),
    C("resnet50-3x32x32", TV + "resnet50", O(family="imagenet", block="bottleneck", n=[3, 4, 6, 3], input=[3, 32, 32])),
    C("imagenet-post-basic-zero-pad-1111-3x17x17", FA,
      O(family="imagenet", shortcut="zero-pad", n=1, input=[3, 17, 17])),
    C("cifar-pre-b33-n1-3x4x4", FA, O(n=1, input=[3, 4, 4])),
    C("cifar-pre-b33-n2-3x3x3", FA, O(n=2, input=[3, 3, 3])),
    C("cifar-post-zero-pad-n1-3x4x4", FA, O(order="post", shortcut="zero-pad", n=1, input=[3, 4, 4])),
    C("cifar-pre-b33-n1-1x1x1", FA, O(n=1, input=[1, 1, 1])),
    C("cifar-post-b313-n1-k2-3x2x4", FA, O(order="post", block=(3, 1, 3), n=1, k=2, input=[3, 2, 4])),
    # -- the smallest map has 2 or more values: trained at batch 1 -------------------------
    C("imagenet-post-basic-1111-3x64x64", FA, O(family="imagenet", n=1, input=[3, 64, 64])),
    C("imagenet-post-basic-1111-3x32x64", FA, O(family="imagenet", n=1, input=[3, 32, 64])),
    C("imagenet-pre-bottleneck-1111-3x33x33", FA, O(family="imagenet", order="pre", block="bottleneck", n=1, input=[3, 33, 33])),
    C("resnet18-3x64x64", TV + "resnet18", O(family="imagenet", n=[2, 2, 2, 2], input=[3, 64, 64])),
    C("cifar-pre-b33-n1-3x8x8", FA, O(n=1, input=[3, 8, 8])),
    C("cifar-pre-b33-n1-3x5x5", FA, O(n=1, input=[3, 5, 5])),
    C("cifar-pre-bottleneck-n1-3x5x5", FA, O(block="bottleneck", n=1, input=[3, 5, 5])),
    C("cifar-post-zero-pad-n1-3x4x8", FA, O(order="post", shortcut="zero-pad", n=1, input=[3, 4, 8])),
    C("wrn-28-10", FA, O(n=4, k=10)),
]


def build(cfg):
    opts = cfg["options"]
    if cfg["source"].startswith(TV):
        import torchvision
        model = getattr(torchvision.models, cfg["source"][len(TV):])(num_classes=opts["classes"])
    else:
        model = build_network(opts)
    return model.train()


def attempt(model, cfg, batch):
    """None when a training-mode forward pass at this batch works, else PyTorch's message."""
    x = torch.zeros([batch] + cfg["options"]["input"])
    try:
        model(x)
        return None
    except ValueError as error:
        return str(error)


def measure(cfg):
    model = build(cfg)
    seen = []
    hooks = [m.register_forward_pre_hook(lambda m, inputs: seen.append(inputs[0].numel() // inputs[0].shape[1]))
             for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    refused2 = attempt(model, cfg, 2)
    for h in hooks:
        h.remove()
    assert refused2 is None, "%s: refused at batch 2: %s" % (cfg["id"], refused2)
    assert all(v % 2 == 0 for v in seen)
    refused1 = attempt(model, cfg, 1)
    return OrderedDict(
        batchNormLayers=len(seen),
        smallestValuesPerChannel=min(seen) // 2,
        refusedAtBatch1=refused1,
        refusedAtBatch2=refused2,
    )


def main():
    ap = parser(__doc__)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    results = []
    for cfg in select(ap, CONFIGS, args.only):
        with torch.no_grad():
            r = measure(cfg)
        res = OrderedDict(id=cfg["id"], source=cfg["source"], options=cfg["options"])
        res.update(r)
        results.append(res)
        print("%-48s smallest %d, batch 1: %s" % (
            cfg["id"], r["smallestValuesPerChannel"], r["refusedAtBatch1"] or "trained"), file=sys.stderr)
    doc = dict(generator=GENERATOR, torch=torch.__version__, configs=results)
    emit(dump_configs(doc, ["generator", "torch"], lambda cfg: [
        '    { "id": %s' % compact(cfg["id"]),
        '      "source": %s' % compact(cfg["source"]),
        '      "options": %s' % compact(cfg["options"]),
        '      "batchNormLayers": %d, "smallestValuesPerChannel": %d' % (cfg["batchNormLayers"], cfg["smallestValuesPerChannel"]),
        '      "refusedAtBatch1": %s, "refusedAtBatch2": %s' % (compact(cfg["refusedAtBatch1"]), compact(cfg["refusedAtBatch2"])),
    ]), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
