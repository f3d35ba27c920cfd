"""What the reference generators share: the full options dict of a network, their
command line (--out, --only, --threads) and the layout of the fixtures they write."""

import argparse
import json
import sys
from collections import OrderedDict


def full_options(family="cifar", block=(3, 3), order=None, shortcut="projection", n=4, k=1,
                 input=None, classes=None, bias=False, dropout=0.0, groups=None,
                 width_per_group=None, bottleneck_stride=None):
    """A full options dict (the keys of family.py's build_network, in a fixed order): every required key,
    then groups, widthPerGroup and bottleneckStride only when given."""
    n_groups = 3 if family == "cifar" else 4
    if order is None:
        order = "pre" if family == "cifar" else "post"
    if input is None:
        input = [3, 32, 32] if family == "cifar" else [3, 224, 224]
    if classes is None:
        classes = 10 if family == "cifar" else 1000
    options = OrderedDict([
        ("family", family),
        ("block", block if block == "bottleneck" else list(block)),
        ("order", order),
        ("shortcut", shortcut),
        ("blocksPerGroup", list(n) if isinstance(n, (list, tuple)) else [n] * n_groups),
        ("k", k),
        ("input", list(input)),
        ("classes", classes),
        ("convBias", bias),
        ("dropout", dropout),
    ])
    return with_bottleneck_options(options, groups, width_per_group, bottleneck_stride)


def with_bottleneck_options(options, groups=None, width_per_group=None, bottleneck_stride=None):
    """options with the keys only some bottleneck networks need, appended when given: groups,
    widthPerGroup and bottleneckStride.  With widthPerGroup, k is set to G*W/64 (the same width
    spelled the WRN way), so that the two never contradict each other."""
    if width_per_group is not None:
        options["k"] = (groups or 1) * width_per_group / 64
        if options["k"] == int(options["k"]):
            options["k"] = int(options["k"])
    for key, value in (("groups", groups), ("widthPerGroup", width_per_group),
                       ("bottleneckStride", bottleneck_stride)):
        if value is not None:
            options[key] = value
    return options


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


def compact(o):
    """One line of JSON, a space after each separator, as the fixtures are written."""
    return json.dumps(o, separators=(", ", ": "))


def dump_configs(doc, head, fields, items_key=None):
    """The fixtures' layout, easy to review in a diff: `head` (keys of doc) on the first line;
    per config, the lines fields(cfg) gives (the first opens it with '{'), then, with
    items_key, one item of cfg[items_key] per line."""
    out = ["{ %s," % ", ".join('"%s": %s' % (key, compact(doc[key])) for key in head), '  "configs": [']
    configs = doc["configs"]
    for ci, cfg in enumerate(configs):
        end = " }" + ("," if ci < len(configs) - 1 else "")
        lines = list(fields(cfg))
        if items_key is None:
            out += [line + "," for line in lines[:-1]] + [lines[-1] + end]
            continue
        items = cfg[items_key]
        out += [line + "," for line in lines] + ['      "%s": [' % items_key]
        out += ["        %s%s" % (compact(item), "," if i < len(items) - 1 else "") for i, item in enumerate(items)]
        out.append("      ]" + end)
    out.append("  ] }")
    return "\n".join(out) + "\n"


def emit(text, out):
    """The fixture to --out, or to stdout without it."""
    if out:
        with open(out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
