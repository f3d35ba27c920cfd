#!/usr/bin/env python3
"""Runs exported networks in real PyTorch and ONNX and reports what it measured.

Reads a JSON list of cases on stdin, each
    {"id": ..., "python": path of a wrn-calc PyTorch export,
     "onnx": path of the same network's ONNX export or null,
     "torchvision": a torchvision.models name or null,
     "input": [C, H, W], "groups": {"conv1": "<tensor name>"...} (read from the ONNX file)}
and writes one JSON object per case to stdout (a list): what it counted and saw. The
test (test/export/torch.test.ts) compares that with the CLI's own numbers; this script
judges nothing itself except that the code runs.

  - params and buffers: sum(p.numel()) over model.parameters(); buffers without
    num_batches_tracked (as wrn-calc counts them);
  - outputShape: one forward pass in eval mode, batch 1;
  - savedBytes: the bytes autograd keeps for backward in one training-mode forward
    pass at batch 2, measured exactly as scripts/reference/saved_bytes.py measures
    (its own function: once per storage, the model's parameters and buffers left out);
  - torchvision: torchvision.models.<name>()'s state_dict loaded with strict=True, and
    the largest difference between the two models' outputs on the same input;
  - onnx: onnx.checker (full check), shape inference (strict) on the graph stripped of
    its declared shapes, each group's inferred output shape, the weights declared as
    graph inputs (names, shapes, element count), and the graph run by a small
    interpreter (torch.nn.functional, one line per ONNX operator) on the PyTorch
    model's own weights, against the model's output.
"""

import importlib.util
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts", "reference"))

from saved_bytes import saved_bytes  # noqa: E402  (the reference's own measurement)


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def counts(model):
    params = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))
    return params, buffers


def randomize_statistics(model):
    """BN running statistics other than 0 and 1, so that eval-mode BN is tested too."""
    generator = torch.Generator().manual_seed(1)
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.copy_(torch.randn(module.num_features, generator=generator) * 0.1)
            module.running_var.copy_(torch.rand(module.num_features, generator=generator) + 0.5)


def max_difference(a, b):
    scale = max(a.abs().max().item(), 1e-12)
    return (a - b).abs().max().item() / scale


def check_torchvision(model, name, shape):
    import torchvision
    reference = getattr(torchvision.models, name)()
    randomize_statistics(reference)
    result = model.load_state_dict(reference.state_dict(), strict=True)
    x = torch.randn(2, *shape, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        ours, theirs = model.eval()(x), reference.eval()(x)
    return dict(loaded=not result.missing_keys and not result.unexpected_keys,
                allclose=bool(torch.allclose(ours, theirs, rtol=1e-4, atol=1e-5)),
                relativeDifference=max_difference(ours, theirs))


def attributes(node):
    from onnx import helper
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def symmetric(pads):
    half = len(pads) // 2
    if list(pads[:half]) != list(pads[half:]):
        raise ValueError("asymmetric pads %r" % (pads,))
    return tuple(pads[:half])


def run_node(node, x):
    """One ONNX operator as torch computes it (inference)."""
    a = attributes(node)
    op = node.op_type
    if op == "Conv":
        return F.conv2d(x[0], x[1], x[2] if len(x) > 2 else None, stride=tuple(a["strides"]),
                        padding=symmetric(a["pads"]), dilation=tuple(a["dilations"]), groups=a["group"])
    if op == "BatchNormalization":
        return F.batch_norm(x[0], x[3], x[4], x[1], x[2], training=False, eps=a["epsilon"])
    if op == "Relu":
        return F.relu(x[0])
    if op == "MaxPool":
        return F.max_pool2d(x[0], tuple(a["kernel_shape"]), tuple(a["strides"]), symmetric(a["pads"]))
    if op == "GlobalAveragePool":
        return x[0].mean((2, 3), keepdim=True)
    if op == "Flatten":
        return torch.flatten(x[0], a["axis"])
    if op == "Gemm":
        return x[0] @ (x[1].T if a.get("transB", 0) else x[1]) + x[2]
    if op == "Add":
        return x[0] + x[1]
    if op == "Slice":
        index = [slice(None)] * x[0].dim()
        for start, end, axis, step in zip(*(t.tolist() for t in x[1:5])):
            index[axis] = slice(start, end, step)
        return x[0][tuple(index)]
    if op == "Pad":
        pads = x[1].tolist()
        rank = x[0].dim()
        flat = []
        for axis in reversed(range(rank)):
            flat += [pads[axis], pads[axis + rank]]
        return F.pad(x[0], flat)
    if op in ("Dropout", "Identity"):
        return x[0]
    raise ValueError("no interpreter line for %s" % op)


def run_graph(graph, feeds):
    from onnx import numpy_helper
    values = dict(feeds)
    for tensor in graph.initializer:
        values[tensor.name] = torch.from_numpy(numpy_helper.to_array(tensor).copy())
    for node in graph.node:
        values[node.output[0]] = run_node(node, [values[name] for name in node.input])
    return values[graph.output[0].name]


def dims(value_info):
    return [d.dim_param if d.HasField("dim_param") else d.dim_value for d in value_info.type.tensor_type.shape.dim]


def check_onnx(path, model, shape):
    import onnx
    proto = onnx.load(path)
    onnx.checker.check_model(proto, full_check=True)
    declared = {v.name: dims(v) for v in proto.graph.value_info}
    bare = onnx.ModelProto()
    bare.CopyFrom(proto)
    del bare.graph.value_info[:]
    inferred_model = onnx.shape_inference.infer_shapes(bare, strict_mode=True)
    inferred = {v.name: dims(v) for v in inferred_model.graph.value_info}
    inferred.update({v.name: dims(v) for v in inferred_model.graph.output})
    metadata = {p.key: p.value for p in proto.metadata_props}
    groups = {}
    for key, value in metadata.items():
        if key.startswith("wrn-calc.output."):
            groups[key[len("wrn-calc.output."):]] = inferred.get(value)
    weights = {v.name: dims(v) for v in proto.graph.input if v.name != "input"}
    state = {k: list(v.shape) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    randomize_statistics(model)
    x = torch.randn(2, *shape, generator=torch.Generator().manual_seed(3))
    feeds = {k: v for k, v in model.state_dict().items()}
    feeds["input"] = x
    with torch.no_grad():
        expected = model.eval()(x)
        got = run_graph(proto.graph, feeds)
    return dict(
        opset=[dict(domain=o.domain, version=o.version) for o in proto.opset_import],
        irVersion=proto.ir_version,
        nodes=len(proto.graph.node),
        opTypes=sorted({n.op_type for n in proto.graph.node}),
        groupShapes=groups,
        declaredMatchesInferred=all(inferred.get(name) == shape_ for name, shape_ in declared.items()),
        undeclared=sorted(set(inferred) - set(declared) - {o.name for o in proto.graph.output}),
        weightElements=sum(int(torch.tensor(d).prod().item()) if d else 1 for d in weights.values()),
        weightsAreStateDict=weights == state,
        initializers=sorted(t.name for t in proto.graph.initializer),
        allclose=bool(torch.allclose(expected, got, rtol=1e-4, atol=1e-5)),
        relativeDifference=max_difference(expected, got),
        fileBytes=os.path.getsize(path),
    )


def check(case):
    torch.manual_seed(0)
    module = load_module(case["python"], "export_" + case["id"].replace("-", "_").replace(".", "_"))
    model = module.build_model()
    params, buffers = counts(model)
    shape = case["input"]
    with torch.no_grad():
        output = model.eval()(torch.zeros(1, *shape))
    saved, _ = saved_bytes(model, shape, 2)
    result = dict(id=case["id"], params=params, buffers=buffers, outputShape=list(output.shape),
                  savedBytes=int(saved))
    if case.get("torchvision"):
        result["torchvision"] = check_torchvision(model, case["torchvision"], shape)
    if case.get("onnx"):
        result["onnx"] = check_onnx(case["onnx"], model, shape)
    return result


def main():
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "2")))
    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        start = time.time()
        try:
            results.append(check(case))
        except Exception as error:  # reported per case; the test shows it
            results.append(dict(id=case["id"], error="%s: %s" % (type(error).__name__, error)))
        print("%s: %.1f s" % (case["id"], time.time() - start), file=sys.stderr)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
