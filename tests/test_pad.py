"""Le jumeau Python du pad (digitlab.pad) calcule ce que calcule strokes.js : mêmes traits
retenus, même plan de rendu, même chemin lissé, nombre à nombre ; et ses constantes sont celles
de la page. (L'image finale est comparée à celle du navigateur dans tests/browser/test_pad_parity.py.)"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from digitlab import pad
from digitlab.demo_model.writers import check_sample
from digitlab.preprocess import preprocess

ROOT = Path(__file__).resolve().parent.parent
BRIDGE = ROOT / "tests" / "js" / "run_pad.mjs"
STROKES_JS = ROOT / "docs" / "assets" / "demo" / "strokes.js"
NODE = shutil.which("node")


def drawings():
    """Des dessins variés, en unités du pad : chiffres au trait, un point isolé, deux points."""
    _, items = check_sample(2, seed=11)
    out = [[(s * 0.6 + 0.1).tolist() for s in item["strokes"]] for item in items]
    out.append([[[0.5, 0.5]], [[0.2, 0.1], [0.25, 0.9]]])  # une tape à côté d'un trait
    out.append([[[0.3, 0.3], [0.7, 0.7]]])  # un segment de deux points
    out.append([[[0.4, 0.4]]])  # un seul point
    return out


def test_constants_are_the_pages():
    source = STROKES_JS.read_text(encoding="utf-8")
    for name, value in (("BRUSH_RATIO", pad.BRUSH_RATIO), ("RENDER_SIZE", pad.RENDER_SIZE),
                        ("MIN_EXTENT", pad.MIN_EXTENT), ("DOT_EXTENT", pad.DOT_EXTENT)):
        found = re.search(rf"export const {name} = ([0-9.]+);", source)
        assert found and float(found.group(1)) == value, name


@pytest.mark.skipif(NODE is None, reason="Node.js est nécessaire")
def test_geometry_matches_strokes_js():
    items = drawings()
    proc = subprocess.run([NODE, str(BRIDGE)], input=json.dumps(items), capture_output=True, text=True,
                          timeout=120, check=True)
    for strokes, js in zip(items, json.loads(proc.stdout)):
        kept = pad.meaningful_strokes(strokes)
        assert len(kept) == js["kept"]
        plan = pad.render_plan(kept)
        for key, js_key in (("scale", "scale"), ("line_width", "lineWidth"), ("offset_x", "offsetX"),
                            ("offset_y", "offsetY"), ("width", "width"), ("height", "height")):
            assert plan[key] == pytest.approx(js["plan"][js_key], abs=1e-9), key
        for stroke, js_path in zip(kept, js["paths"]):
            path = pad.smooth_path(stroke, plan["scale"], plan["offset_x"], plan["offset_y"])
            assert [c[0] for c in path] == [c[0] for c in js_path]
            for ours, theirs in zip(path, js_path):
                np.testing.assert_allclose(ours[1:], theirs[1:], atol=1e-9)


def test_rendered_digit_is_a_round_brush_of_the_right_width():
    """Un trait vertical : largeur de l'encre ≈ BRUSH_RATIO × la hauteur, bouts arrondis."""
    ink = pad.render([[(0.5, 0.1), (0.5, 0.9)]])
    plan = pad.render_plan([[(0.5, 0.1), (0.5, 0.9)]])
    middle_row = ink[ink.shape[0] // 2]
    assert middle_row.sum() == pytest.approx(plan["line_width"], rel=0.05)
    assert ink.max() == pytest.approx(1.0)
    column = ink[:, ink.shape[1] // 2]
    assert 0 < column[2] < 1e-9 + column[ink.shape[0] // 2]  # le bout arrondi dépasse du segment


def test_empty_and_dots():
    assert pad.render([]) is None
    assert preprocess(pad.render([[(0.4, 0.4)]])) is not None  # un point seul reste un dessin
