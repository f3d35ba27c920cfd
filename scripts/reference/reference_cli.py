"""What the reference generators share: the full options dict of a network, and
their command line (--out, --only, --threads)."""

import argparse
from collections import OrderedDict


def full_options(family="cifar", block=(3, 3), order=None, shortcut="projection", n=4, k=1,
                 input=None, classes=None, bias=False, dropout=0.0):
    """A full options dict (the keys of family.py's build_network, every key present, in a fixed order)."""
    groups = 3 if family == "cifar" else 4
    if order is None:
        order = "pre" if family == "cifar" else "post"
    if input is None:
        input = [3, 32, 32] if family == "cifar" else [3, 224, 224]
    if classes is None:
        classes = 10 if family == "cifar" else 1000
    return OrderedDict([
        ("family", family),
        ("block", block if block == "bottleneck" else list(block)),
        ("order", order),
        ("shortcut", shortcut),
        ("blocksPerGroup", list(n) if isinstance(n, (list, tuple)) else [n] * groups),
        ("k", k),
        ("input", list(input)),
        ("classes", classes),
        ("convBias", bias),
        ("dropout", dropout),
    ])


def parser(doc):
    """The generators' common flags; callers may add their own before parsing."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--out", help="write here instead of stdout")
    ap.add_argument("--only", help="comma-separated ids to run (for debugging)")
    ap.add_argument("--threads", type=int, default=2)
    return ap


def select(ap, configs, only):
    """The configs --only names (all without it); an unknown id is a usage error."""
    ids = [c["id"] for c in configs]
    assert len(ids) == len(set(ids)), "duplicate config ids"
    if not only:
        return configs
    want = set(only.split(","))
    unknown = want - set(ids)
    if unknown:
        ap.error("unknown ids: %s" % ", ".join(sorted(unknown)))
    return [c for c in configs if c["id"] in want]
