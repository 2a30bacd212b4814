#!/usr/bin/env python3
"""Run a model exported by GMF Workbench with numpy alone (no TensorFlow, no the app).

What it reads: the "Export model" files of a run, `model.json` (a tfjs layers-model: the Keras
functional-model config under modelTopology, and a weightsManifest listing float32 weights by
name and shape) and the weights file it names (`weights.bin`, next to model.json). It builds the
network's forward pass in numpy, with Keras semantics: channels_last images [N, H, W, C],
'same' padding as TensorFlow computes it (pad (out - 1) * stride + kernel - in, the odd pixel
after), 'valid' padding, strides, BatchNormalization in inference mode (moving statistics,
epsilon from the config), use_bias, and the activations named in the config.

Layer classes it runs: InputLayer, Conv2D, BatchNormalization, ReLU, Activation, MaxPooling2D,
Add, Concatenate, GlobalAveragePooling2D, Dense (all that the Workbench's architectures use).
Any other class is refused with an UnsupportedLayerError that names it.

Use from Python (numpy and h5py only; h5py only for the reference check):

    from gmf_model import load_model
    model = load_model("model.json")
    outputs = model.run(images)      # images: float32 [N, H, W, 3], RGB in [0, 1]
    outputs["layer06_globalpool"]    # every layer's output, by name, float32
    # two-input (binocular) models: model.run({"layer00_input_left": l, "layer00_input_right": r})

A layer applied more than once (the binocular stem, one call per eye) has one output per call,
named `<layer>_left` and `<layer>_right` (more calls: `<layer>_node<k>`), as the app's analysis
names them. Outputs are float32 (each layer sums in float64, then rounds to float32 as the
browser's float32 computation does).

Check against the app, from a shell:

    python3 gmf_model.py model.json --check reference.h5 [--tolerance 1e-4]

reference.h5 is the "reference activations" download of the same run: `inputs/<input layer>`
(the float32 input exactly as the model received it) and `activations/<layer>` (the browser's
output of every layer for that input). It prints JSON with the largest absolute difference per
layer and exits 1 when any exceeds the tolerance (absolute, default 1e-4, on float32 values) or a
layer is missing on either side, 2 when the files cannot be read or hold an unsupported layer.
"""

import argparse
import json
import os
import sys

import numpy as np

__all__ = ["load_model", "Model", "ModelFormatError", "UnsupportedLayerError", "check_reference"]

DTYPES = {"float32": "<f4", "int32": "<i4"}


class ModelFormatError(ValueError):
    """The files are not a tfjs layers model this loader can read."""


class UnsupportedLayerError(ModelFormatError):
    """The model holds a layer class (or option) this loader does not implement."""


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def _activation(name, x):
    if name in (None, "linear"):
        return x
    if name == "relu":
        return np.maximum(x, 0)
    if name == "relu6":
        return np.clip(x, 0, 6)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-x))
    if name == "tanh":
        return np.tanh(x)
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    raise UnsupportedLayerError(f"activation '{name}' is not supported by gmf_model.py")


def _padding(size, kernel, stride, padding):
    """(before, after, out) along one axis, as TensorFlow pads."""
    if padding == "valid":
        return 0, 0, (size - kernel) // stride + 1
    if padding == "same":
        out = -(-size // stride)
        total = max((out - 1) * stride + kernel - size, 0)
        return total // 2, total - total // 2, out
    raise UnsupportedLayerError(f"padding '{padding}' is not supported by gmf_model.py")


def _windows(x, kernel, strides, padding, dilation=(1, 1), fill=0.0):
    """Sliding windows of NHWC `x`: [N, H', W', C, kh, kw] (the image padded with `fill`)."""
    span = [(k - 1) * d + 1 for k, d in zip(kernel, dilation)]
    (top, bottom, oh), (left, right, ow) = (
        _padding(x.shape[1], span[0], strides[0], padding),
        _padding(x.shape[2], span[1], strides[1], padding),
    )
    x = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=fill)
    w = np.lib.stride_tricks.sliding_window_view(x, span, axis=(1, 2))
    w = w[:, :: strides[0], :: strides[1], :, :: dilation[0], :: dilation[1]]
    return w[:, :oh, :ow]


def _channels_last(config, layer):
    if config.get("data_format", "channels_last") != "channels_last":
        raise UnsupportedLayerError(f"layer '{layer}': data_format '{config['data_format']}' is not supported")


class Model:
    """A tfjs layers model as numpy: `run(inputs)` returns every layer's output by name."""

    def __init__(self, topology, weights):
        if topology.get("class_name") not in ("Model", "Functional"):
            raise ModelFormatError(f"modelTopology is a {topology.get('class_name')!r}, not a functional Model")
        config = topology["config"]
        self.name = config.get("name", "")
        self.layers = config["layers"]
        self.input_names = [name for name, _, _ in config["input_layers"]]
        self.output_names = [name for name, _, _ in config["output_layers"]]
        self._weights = weights
        self._used = set()
        for layer in self.layers:
            if layer["class_name"] not in LAYERS:
                raise UnsupportedLayerError(
                    f"layer '{layer['name']}' is a {layer['class_name']}, which gmf_model.py does not support "
                    f"(it runs {', '.join(sorted(LAYERS))})"
                )
            for node in layer["inbound_nodes"]:
                if not isinstance(node, list):
                    raise ModelFormatError(
                        f"layer '{layer['name']}': inbound_nodes are not in the tfjs / Keras 2 list form"
                    )
        for layer in self.layers:
            self._check_weights(layer)
        unused = sorted(set(self._weights) - self._used)
        if unused:
            raise ModelFormatError(f"weights that belong to no layer: {', '.join(unused)}")

    def weight(self, layer, name):
        key = f"{layer}/{name}"
        if key not in self._weights:
            raise ModelFormatError(f"model.json lists no weight '{key}'")
        self._used.add(key)
        return self._weights[key]

    def _check_weights(self, layer):
        """Touches every weight a layer needs, so that a missing one fails at load, not at run."""
        cls, cfg, name = layer["class_name"], layer["config"], layer["name"]
        if cls in ("Conv2D", "Dense"):
            self.weight(name, "kernel")
            if cfg.get("use_bias", True):
                self.weight(name, "bias")
        elif cls == "BatchNormalization":
            for w, wanted in (("gamma", cfg.get("scale", True)), ("beta", cfg.get("center", True))):
                if wanted:
                    self.weight(name, w)
            self.weight(name, "moving_mean")
            self.weight(name, "moving_variance")

    def output_keys(self):
        """Names of every output `run` returns, in layer order (a shared layer: one per call)."""
        return [key for layer in self.layers for key, _ in _node_keys(layer)]

    def run(self, inputs):
        """Forward pass. `inputs`: one array (single-input models), a list in input order, or a
        dict by input layer name; each float32 [N, H, W, C]. Returns {output name: float32 array}."""
        if isinstance(inputs, dict):
            given = dict(inputs)
        elif isinstance(inputs, (list, tuple)):
            given = dict(zip(self.input_names, inputs))
        else:
            given = {self.input_names[0]: inputs} if len(self.input_names) == 1 else {}
        missing = [n for n in self.input_names if n not in given]
        if missing:
            raise ValueError(f"inputs missing for {', '.join(missing)} (the model takes {', '.join(self.input_names)})")
        tensors = {}
        for name in self.input_names:
            tensors[(name, 0)] = np.asarray(given[name], dtype=np.float32)
        pending = [(layer, k) for layer in self.layers for k in range(len(layer["inbound_nodes"]))]
        while pending:
            waiting = []
            for layer, k in pending:
                sources = [(src[0], src[1]) for src in layer["inbound_nodes"][k]]
                if all(s in tensors for s in sources):
                    args = [tensors[s].astype(np.float64) for s in sources]
                    out = LAYERS[layer["class_name"]](self, layer["name"], layer["config"], args)
                    tensors[(layer["name"], k)] = out.astype(np.float32)
                else:
                    waiting.append((layer, k))
            if len(waiting) == len(pending):
                raise ModelFormatError(f"layers whose inputs never arrive: {', '.join(l['name'] for l, _ in waiting)}")
            pending = waiting
        return {key: tensors[(layer["name"], k)] for layer in self.layers for key, k in _node_keys(layer)}


def _node_keys(layer):
    """(output name, node index) per call of the layer; the app's names for a shared layer."""
    n = len(layer["inbound_nodes"])
    if n <= 1:
        return [(layer["name"], 0)]
    suffixes = ["left", "right"] if n == 2 else [f"node{k}" for k in range(n)]
    return [(f"{layer['name']}_{s}", k) for k, s in enumerate(suffixes)]


def _one(name, args):
    if len(args) != 1:
        raise ModelFormatError(f"layer '{name}' takes one input, not {len(args)}")
    return args[0]


def _input_layer(model, name, cfg, args):
    return _one(name, args)


def _conv2d(model, name, cfg, args):
    _channels_last(cfg, name)
    if cfg.get("groups", 1) != 1:
        raise UnsupportedLayerError(f"layer '{name}': grouped convolutions are not supported")
    x = _one(name, args)
    kernel = model.weight(name, "kernel").astype(np.float64)
    kh, kw = kernel.shape[:2]
    w = _windows(x, (kh, kw), _pair(cfg["strides"]), cfg["padding"], _pair(cfg.get("dilation_rate", 1)))
    y = np.tensordot(w, kernel.transpose(2, 0, 1, 3), axes=([3, 4, 5], [0, 1, 2]))
    if cfg.get("use_bias", True):
        y = y + model.weight(name, "bias")
    return _activation(cfg.get("activation"), y)


def _batch_norm(model, name, cfg, args):
    x = _one(name, args)
    axis = cfg.get("axis", -1)
    axis = axis[0] if isinstance(axis, list) and len(axis) == 1 else axis
    if axis not in (-1, x.ndim - 1):
        raise UnsupportedLayerError(f"layer '{name}': BatchNormalization over axis {axis} is not supported")
    mean = model.weight(name, "moving_mean").astype(np.float64)
    var = model.weight(name, "moving_variance").astype(np.float64)
    y = (x - mean) / np.sqrt(var + cfg.get("epsilon", 1e-3))
    if cfg.get("scale", True):
        y = y * model.weight(name, "gamma")
    if cfg.get("center", True):
        y = y + model.weight(name, "beta")
    return y


def _relu(model, name, cfg, args):
    x = _one(name, args)
    threshold = cfg.get("threshold") or 0.0
    slope = cfg.get("negative_slope") or 0.0
    y = np.where(x >= threshold, x, slope * (x - threshold))
    if cfg.get("max_value") is not None:
        y = np.minimum(y, cfg["max_value"])
    return y


def _activation_layer(model, name, cfg, args):
    return _activation(cfg["activation"], _one(name, args))


def _max_pool(model, name, cfg, args):
    _channels_last(cfg, name)
    pool = _pair(cfg["pool_size"])
    strides = _pair(cfg.get("strides") or pool)
    return _windows(_one(name, args), pool, strides, cfg["padding"], fill=-np.inf).max(axis=(4, 5))


def _add(model, name, cfg, args):
    return sum(args[1:], args[0])


def _concatenate(model, name, cfg, args):
    return np.concatenate(args, axis=cfg.get("axis", -1))


def _global_average_pool(model, name, cfg, args):
    _channels_last(cfg, name)
    return _one(name, args).mean(axis=(1, 2), keepdims=bool(cfg.get("keepdims", False)))


def _dense(model, name, cfg, args):
    y = _one(name, args) @ model.weight(name, "kernel").astype(np.float64)
    if cfg.get("use_bias", True):
        y = y + model.weight(name, "bias")
    return _activation(cfg.get("activation"), y)


LAYERS = {
    "InputLayer": _input_layer,
    "Conv2D": _conv2d,
    "BatchNormalization": _batch_norm,
    "ReLU": _relu,
    "Activation": _activation_layer,
    "MaxPooling2D": _max_pool,
    "Add": _add,
    "Concatenate": _concatenate,
    "GlobalAveragePooling2D": _global_average_pool,
    "Dense": _dense,
}


def _read_weights(manifest, folder):
    weights = {}
    for group in manifest:
        data = b"".join(open(os.path.join(folder, path), "rb").read() for path in group["paths"])
        offset = 0
        for spec in group["weights"]:
            if spec.get("quantization"):
                raise ModelFormatError(f"weight '{spec['name']}' is quantized, which gmf_model.py does not read")
            dtype = DTYPES.get(spec.get("dtype", "float32"))
            if dtype is None:
                raise ModelFormatError(f"weight '{spec['name']}' has dtype {spec['dtype']}, not float32 or int32")
            count = int(np.prod(spec["shape"], dtype=np.int64))
            end = offset + 4 * count
            if end > len(data):
                raise ModelFormatError(f"the weights files end before weight '{spec['name']}'")
            weights[spec["name"]] = np.frombuffer(data, dtype=dtype, count=count, offset=offset).reshape(spec["shape"])
            offset = end
        if offset != len(data):
            raise ModelFormatError(f"the weights files hold {len(data)} bytes, model.json describes {offset}")
    return weights


def load_model(model_json):
    """Reads model.json and the weights files it names (paths relative to model.json)."""
    with open(model_json, encoding="utf-8") as f:
        spec = json.load(f)
    topology = spec.get("modelTopology")
    if not isinstance(topology, dict):
        raise ModelFormatError(f"{model_json} has no modelTopology")
    topology = topology.get("model_config", topology)  # Keras' own JSON nests it one level deeper
    weights = _read_weights(spec.get("weightsManifest", []), os.path.dirname(os.path.abspath(model_json)))
    return Model(topology, weights)


def check_reference(model, reference_h5, tolerance=1e-4):
    """Runs the reference input and compares every layer with the browser's activations."""
    import h5py

    with h5py.File(reference_h5, "r") as f:
        inputs = {name: f["inputs"][name][()] for name in model.input_names if name in f["inputs"]}
        reference = {name: d[()] for name, d in f["activations"].items()}
    outputs = model.run(inputs)
    layers, failed, shapes = {}, [], {}
    for key, value in outputs.items():
        if key not in reference:
            continue
        if reference[key].shape != value.shape:
            shapes[key] = {"reference": list(reference[key].shape), "python": list(value.shape)}
            failed.append(key)
            continue
        diff = float(np.max(np.abs(value.astype(np.float64) - reference[key]))) if value.size else 0.0
        layers[key] = diff
        if not diff <= tolerance:
            failed.append(key)
    missing = [k for k in outputs if k not in reference]
    extra = [k for k in reference if k not in outputs]
    return {
        "ok": not failed and not missing and not extra,
        "tolerance": tolerance,
        "max_abs_diff": max(layers.values(), default=0.0),
        "layers": layers,
        "failed": failed,
        "shape_mismatch": shapes,
        "missing_in_reference": missing,
        "not_in_model": extra,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_json", help="the exported model.json (its weights file next to it)")
    parser.add_argument("--check", metavar="REFERENCE_H5", help="compare every layer with the app's reference.h5")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="largest absolute difference allowed")
    args = parser.parse_args(argv)
    try:
        model = load_model(args.model_json)
        if args.check is None:
            print(json.dumps({"model": model.name, "inputs": model.input_names, "layers": model.output_keys()}))
            return 0
        report = check_reference(model, args.check, args.tolerance)
    except (ModelFormatError, OSError, KeyError, ValueError) as error:
        print(f"gmf_model.py: error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
