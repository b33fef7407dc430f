"""Le prétraitement JavaScript (docs/assets/demo/preprocess.js) et son jumeau Python
(digitlab/preprocess.py) donnent la même image 28 × 28, à 2/255 près, sur les fixtures
partagées (tests/fixtures/preprocess/) et sur des images aléatoires ; et la constante
BRUSH_RATIO du pad (strokes.js) est celle des données d'entraînement (digitlab.demo_model.strokes)."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest

from digitlab.preprocess import gray_to_ink, preprocess

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "preprocess"
BRIDGE = ROOT / "tests" / "js" / "run_preprocess.mjs"
STROKES_JS = ROOT / "docs" / "assets" / "demo" / "strokes.js"
TOLERANCE = 2 / 255

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js est nécessaire (apt install nodejs)")


def load_fixtures():
    """Les fixtures, avec leurs octets décodés en liste ``pixels`` (format du pont Node)."""
    docs = [json.loads(p.read_text()) for p in sorted(FIXTURES.glob("*.json"))]
    assert len(docs) >= 10, "fixtures manquantes : python tests/fixtures/preprocess/generate.py"
    for doc in docs:
        doc["pixels"] = list(zlib.decompress(base64.b64decode(doc.pop("pixels_zlib"))))
        assert len(doc["pixels"]) == doc["width"] * doc["height"], doc["name"]
    return docs


def python_output(item):
    values = np.asarray(item["pixels"], dtype=np.float64).reshape(item["height"], item["width"]) / 255.0
    ink = gray_to_ink(values) if item["kind"] == "gray" else values
    return preprocess(ink)


def node_outputs(items):
    proc = subprocess.run([NODE, str(BRIDGE)], input=json.dumps(items), capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def random_items(n=40, seed=123):
    """Images aléatoires, non lissées : des rectangles d'encre de tailles et niveaux variés,
    du bruit, et des « photos » (gris) dans les deux sens."""
    rng = np.random.default_rng(seed)
    items = []
    for i in range(n):
        h, w = (int(v) for v in rng.integers(5, 160, size=2))
        img = np.zeros((h, w))
        for _ in range(int(rng.integers(1, 6))):
            y0, x0 = rng.integers(0, h), rng.integers(0, w)
            dy, dx = int(rng.integers(1, h // 2 + 2)), int(rng.integers(1, w // 2 + 2))
            img[y0:y0 + dy, x0:x0 + dx] = rng.uniform(0.2, 1)
        img = np.clip(img + rng.uniform(0, 0.08, img.shape), 0, 1)
        kind = "ink"
        if i % 3 == 1:
            img, kind = 0.9 - 0.7 * img, "gray"
        elif i % 3 == 2:
            img, kind = 0.1 + 0.8 * img, "gray"
        pixels = np.round(img * 255).astype(int)
        items.append({"kind": kind, "width": w, "height": h, "pixels": pixels.ravel().tolist()})
    return items


def test_fixtures_match_the_current_python_code():
    """Les sorties attendues stockées sont bien celles du code Python actuel."""
    for fx in load_fixtures():
        out = python_output(fx)
        if fx["expected"] is None:
            assert out is None, fx["name"]
        else:
            assert out is not None, fx["name"]
            np.testing.assert_allclose(out.ravel(), fx["expected"], atol=1e-6, err_msg=fx["name"])


@needs_node
def test_javascript_matches_python_on_shared_fixtures():
    fixtures = load_fixtures()
    results = node_outputs(fixtures)
    for fx, js in zip(fixtures, results, strict=True):
        if fx["expected"] is None:
            assert js is None, f"{fx['name']} : JS lit quelque chose dans une image vide"
            continue
        assert js is not None, f"{fx['name']} : JS ne lit rien"
        diff = np.abs(np.asarray(js) - np.asarray(fx["expected"])).max()
        assert diff <= TOLERANCE, f"{fx['name']} : écart max {diff:.2e} > 2/255"


@needs_node
def test_javascript_matches_python_on_random_images():
    items = random_items()
    for item, js in zip(items, node_outputs(items), strict=True):
        py = python_output(item)
        if py is None:
            assert js is None
            continue
        assert js is not None
        assert np.abs(np.asarray(js) - py.ravel()).max() <= TOLERANCE


def test_brush_ratio_is_the_same_in_javascript_and_python():
    match = re.search(r"export const BRUSH_RATIO = ([0-9.]+);", STROKES_JS.read_text())
    assert match, "BRUSH_RATIO introuvable dans strokes.js"
    from digitlab import pad
    from digitlab.demo_model import strokes

    # Deux constantes Python : celle du pad et celle des données d'entraînement, qui ne rejoindra
    # celle du pad qu'au prochain réentraînement (la déplacer change l'empreinte du code).
    assert float(match.group(1)) == pad.BRUSH_RATIO == strokes.BRUSH_RATIO
