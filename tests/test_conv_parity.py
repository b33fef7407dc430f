"""Les labos (docs/assets/labs/conv.js, kernels.js) et leur jumeau Python (digitlab/conv.py)
calculent la même chose : sur les fixtures partagées (tests/fixtures/conv/) et sur des cas
aléatoires, à 1e-9 près (les deux calculent en float64, dans un ordre d'addition différent)."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from digitlab.conv import (
    KERNELS,
    change_ratio,
    conv2d,
    conv_window,
    kernel,
    output_size,
    padding_amounts,
    pool2d,
    pool_window,
    relu,
    shift,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "conv"
BRIDGE = ROOT / "tests" / "js" / "run_conv.mjs"
TOLERANCE = 1e-9

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js est nécessaire (apt install nodejs)")


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def node(ops):
    proc = subprocess.run([NODE, str(BRIDGE)], input=json.dumps(ops), capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def close(got, expected):
    return np.asarray(got).shape == np.asarray(expected).shape and \
        np.abs(np.asarray(got, dtype=float) - np.asarray(expected, dtype=float)).max() <= TOLERANCE


# --- Les fixtures sont bien celles du code Python actuel -----------------------------------------

def test_size_fixtures_match_python():
    cases = load("sizes.json")
    assert len(cases) > 100
    for c in cases:
        assert output_size(c["n"], c["k"], c["stride"], c["padding"]) == c["size"], c
        assert list(padding_amounts(c["n"], c["k"], c["stride"], c["padding"])) == c["pad"], c


def test_conv_fixtures_match_python():
    doc = load("conv.json")
    for c in doc["cases"]:
        image = np.array(doc["inputs"][c["input"]])
        out = conv2d(image, c["kernel"], stride=c["stride"], padding=c["padding"])
        assert close(relu(out) if c["relu"] else out, c["expected"]), c["name"]
        for e in c["explain"]:
            window = conv_window(image, c["kernel"], e["row"], e["col"], c["stride"], c["padding"])
            assert (window.top, window.left) == (e["top"], e["left"]), c["name"]
            assert close(window.values, e["values"]) and close(window.products, e["products"])
            assert abs(window.total - e["sum"]) <= TOLERANCE, c["name"]


def test_pool_and_shift_fixtures_match_python():
    doc = load("pool.json")
    for c in doc["cases"]:
        image = np.array(doc["inputs"][c["input"]])
        assert close(pool2d(image, c["window"], c["stride"], c["kind"]), c["expected"]), c["name"]
        for e in c["explain"]:
            window = pool_window(image, e["row"], e["col"], c["window"], c["stride"], c["kind"])
            assert abs(window.total - e["value"]) <= TOLERANCE, c["name"]
    doc = load("shift.json")
    for c in doc["cases"]:
        image = np.array(doc["inputs"][c["input"]])
        moved = shift(image, c["dy"], c["dx"])
        assert close(moved, c["expected"]), c["name"]
        assert abs(change_ratio(image, moved) - c["change"]) <= TOLERANCE
        pooled = change_ratio(pool2d(image, 2), pool2d(moved, 2))
        assert abs(pooled - c["pooled_change"]) <= TOLERANCE, c["name"]


def test_kernel_fixtures_match_python():
    doc = load("kernels.json")
    assert set(doc) == set(KERNELS)
    for name, spec in doc.items():
        assert spec["label"] == KERNELS[name]["label"]
        for size, values in spec["sizes"].items():
            np.testing.assert_array_equal(values, kernel(name, int(size)))


# --- JavaScript contre Python -----------------------------------------------------------------

@needs_node
def test_javascript_matches_python_on_the_fixtures():
    doc = load("conv.json")
    ops = [{"op": "conv", "input": doc["inputs"][c["input"]], "kernel": c["kernel"],
            "stride": c["stride"], "padding": c["padding"], "relu": c["relu"]} for c in doc["cases"]]
    pools = load("pool.json")
    ops += [{"op": "pool", "input": pools["inputs"][c["input"]], "kind": c["kind"],
             "window": c["window"], "stride": c["stride"]} for c in pools["cases"]]
    expected = [c["expected"] for c in doc["cases"]] + [c["expected"] for c in pools["cases"]]
    names = [c["name"] for c in doc["cases"]] + [c["name"] for c in pools["cases"]]
    for name, got, want in zip(names, node(ops), expected, strict=True):
        assert close(got, want), name


def random_ops(seed=2026):
    """Des cas que les fixtures n'ont pas : tailles, noyaux, marges, pas et pixels au hasard."""
    rng = np.random.default_rng(seed)
    ops = []
    for _ in range(60):
        h, w = (int(v) for v in rng.integers(1, 30, size=2))
        image = rng.normal(size=(h, w)).tolist()
        kh, kw = (int(v) for v in rng.integers(1, 6, size=2))
        padding = str(rng.choice(["valid", "same"]))
        stride = int(rng.integers(1, 4))
        settings = {"stride": stride, "padding": padding, "relu": bool(rng.random() < 0.5)}
        weights = rng.normal(size=(kh, kw)).tolist()
        ops.append({"op": "conv", "input": image, "kernel": weights, **settings})
        if padding == "same" or (kh <= h and kw <= w):
            out_h, out_w = output_size(h, kh, stride, padding), output_size(w, kw, stride, padding)
            row, col = int(rng.integers(0, out_h)), int(rng.integers(0, out_w))
            ops.append({"op": "explainConv", "input": image, "kernel": weights, "row": row,
                        "col": col, **settings})
        size, pool_stride = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        kind = str(rng.choice(["max", "average", "l2"]))
        ops.append({"op": "pool", "input": image, "kind": kind, "window": size,
                    "stride": pool_stride})
        ops.append({"op": "shift", "input": image, "dy": int(rng.integers(-8, 9)),
                    "dx": int(rng.integers(-8, 9))})
    for n, k, stride, padding in itertools.product([1, 4, 9, 28], [1, 2, 3, 5], [1, 2, 3],
                                                   ["valid", "same"]):
        ops.append({"op": "size", "n": n, "k": k, "stride": stride, "padding": padding})
    for name, size in itertools.product(KERNELS, [3, 5]):
        ops.append({"op": "kernel", "name": name, "size": size})
    return ops


def python_result(op):
    try:
        if op["op"] == "conv":
            out = conv2d(op["input"], op["kernel"], stride=op["stride"], padding=op["padding"])
            return relu(out) if op["relu"] else out
        if op["op"] == "explainConv":
            return conv_window(op["input"], op["kernel"], op["row"], op["col"], op["stride"],
                               op["padding"])
        if op["op"] == "pool":
            return pool2d(op["input"], op["window"], op["stride"], op["kind"])
        if op["op"] == "shift":
            return shift(np.array(op["input"]), op["dy"], op["dx"])
        if op["op"] == "size":
            return [output_size(op["n"], op["k"], op["stride"], op["padding"]),
                    list(padding_amounts(op["n"], op["k"], op["stride"], op["padding"]))]
        if op["op"] == "kernel":
            return kernel(op["name"], op["size"])
    except ValueError as error:
        return {"error": str(error)}
    raise AssertionError(op["op"])


@needs_node
def test_javascript_matches_python_on_random_cases():
    ops = random_ops()
    errors = 0
    for op, js in zip(ops, node(ops), strict=True):
        py = python_result(op)
        if isinstance(py, dict):  # Python refuse (noyau plus grand que l'image…) : JS aussi
            errors += 1
            assert isinstance(js, dict) and "error" in js, (op["op"], py, js)
            continue
        assert not isinstance(js, dict) or op["op"] == "explainConv", (op["op"], js)
        if op["op"] == "explainConv":
            assert (js["top"], js["left"]) == (py.top, py.left)
            assert close(js["values"], py.values) and close(js["products"], py.products)
            assert abs(js["sum"] - py.total) <= TOLERANCE
            value = max(py.total, 0.0) if op["relu"] else py.total
            assert abs(js["value"] - value) <= TOLERANCE
        elif op["op"] == "size":
            assert js == py, op
        else:
            assert close(js, py), op["op"]
    assert 0 < errors < len(ops) // 4  # quelques refus, pas une majorité


@needs_node
def test_javascript_refuses_what_python_refuses_with_a_french_message():
    ops = [{"op": "conv", "input": [[0.0] * 3] * 2, "kernel": [[1.0] * 3] * 3, "stride": 1,
            "padding": "valid", "relu": False},
           {"op": "pool", "input": [[0.0]], "kind": "min", "window": 2, "stride": 2},
           {"op": "size", "n": 5, "k": 3, "stride": 0, "padding": "valid"}]
    messages = [r["error"] for r in node(ops)]
    assert "plus grand que l'entrée" in messages[0]
    assert "Pooling inconnu « min »" in messages[1]
    assert "Le pas doit être un entier" in messages[2]
