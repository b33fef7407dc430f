"""La lecture des photos en JavaScript (docs/assets/demo/photo.js, segment.js) et son jumeau Python
(digitlab/photo.py, digitlab/segment.py) tirent la même chose des mêmes pixels : même région, mêmes
réglures, mêmes seuils, mêmes chiffres séparés et, pour chacun, la même image 28 × 28 à 2/255 près.

Les pixels viennent des photos JPEG partagées (tests/fixtures/photo/, décodées ici par Pillow et
passées telles quelles au pont Node tests/js/run_photo.mjs) et de photos fabriquées à la volée par
sitetools.school_photos (petites, pour rester rapides)."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitlab.photo import MIN_INK_PEAK, only_paper, read_photo, read_region, read_region_closer, zoom_window
from digitlab.segment import digit_inputs
from sitetools.school_photos import PAPERS, far_photo, make_photo

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "photo"
BRIDGE = ROOT / "tests" / "js" / "run_photo.mjs"
TOLERANCE = 2 / 255

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js est nécessaire (apt install nodejs)")


def load_fixtures():
    docs = []
    for path in sorted(FIXTURES.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["rgb"] = np.asarray(Image.open(path.with_suffix(".jpg")).convert("RGB"))
        docs.append(doc)
    assert len(docs) >= 10, "fixtures manquantes : python tests/fixtures/photo/generate.py"
    return docs


def python_reading(rgb):
    r = read_photo(rgb)
    digits = digit_inputs(r["ink"]) if r["found"] else []
    return r, digits


def node_readings(images, regions=None):
    items = [{"width": int(rgb.shape[1]), "height": int(rgb.shape[0]), "channels": 3,
              "pixels_b64": base64.b64encode(np.ascontiguousarray(rgb).tobytes()).decode()} for rgb in images]
    for item, region in zip(items, regions or [None] * len(items)):
        item["region"] = None if region is None else [float(v) for v in region]
    proc = subprocess.run([NODE, str(BRIDGE)], input=json.dumps(items), capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def assert_same_reading(name, py, digits, js):
    """Le JavaScript ``js`` a tiré de la photo ce qu'en tire Python (``py``, ``digits``)."""
    assert js["found"] == py["found"], f"{name} : trouvé {js['found']} en JS, {py['found']} en Python"
    assert js["reason"] == py["reason"], name
    assert js["only_paper"] == only_paper(py), f"{name} : papier seul {js['only_paper']} en JS"
    for key in ("horizontal", "vertical"):
        for field in ("slope", "convergence"):
            assert js["families"][key][field] == pytest.approx(py["families"][key][field], rel=1e-9, abs=1e-12), \
                f"{name} : réglures {key} ({field}) différentes"
    np.testing.assert_allclose(js["thresholds"], py["thresholds"], rtol=1e-9, err_msg=name)
    if not py["found"]:
        assert js["ink"] is None and js["digits"] == [], name
        return
    assert list(js["work_box"]) == list(py["work_box"]), f"{name} : région {js['work_box']} ≠ {py['work_box']}"
    np.testing.assert_allclose(js["box"], py["box"], rtol=1e-12, err_msg=name)
    ink = np.asarray(js["ink"]["data"]).reshape(js["ink"]["height"], js["ink"]["width"])
    assert ink.shape == py["ink"].shape, name
    assert np.abs(ink - py["ink"]).max() <= TOLERANCE, f"{name} : encre différente"
    assert len(js["digits"]) == len(digits), f"{name} : {len(js['digits'])} chiffres en JS, {len(digits)} en Python"
    for k, ((box, image), jd) in enumerate(zip(digits, js["digits"])):
        assert list(jd["box"]) == list(box), f"{name}, chiffre {k} : boîtes différentes"
        diff = np.abs(np.asarray(jd["image"]) - image.ravel()).max()
        assert diff <= TOLERANCE, f"{name}, chiffre {k} : écart max {diff:.2e} > 2/255"


def test_fixtures_match_the_current_python_code():
    """Les lectures attendues stockées sont bien celles du code Python actuel."""
    for fx in load_fixtures():
        r, digits = python_reading(fx["rgb"])
        exp = fx["expected"]
        assert r["found"] == exp["found"] and r["reason"] == exp["reason"], fx["name"]
        for key in ("horizontal", "vertical"):
            assert r["families"][key]["slope"] == pytest.approx(exp["families"][key]["slope"], abs=1e-12), fx["name"]
        if exp["found"]:
            assert list(r["work_box"]) == exp["work_box"], fx["name"]
        assert len(digits) == len(exp["digits"]), fx["name"]
        for (box, image), ed in zip(digits, exp["digits"]):
            assert list(box) == ed["box"], fx["name"]
            np.testing.assert_allclose(image.ravel(), ed["image"], atol=2e-6, err_msg=fx["name"])


def test_fixtures_find_what_was_written():
    """Chaque fixture : autant de chiffres trouvés que de chiffres écrits, chacun dans la boîte
    où le générateur l'a écrit ; aucune région sur une page vide."""
    for fx in load_fixtures():
        exp = fx["expected"]
        if fx["text"] == "":
            assert not exp["found"], f"{fx['name']} : une région trouvée sur une page vide"
            continue
        assert exp["found"], fx["name"]
        assert len(exp["digits"]) == len(fx["text"]), fx["name"]
        inv = (exp["box"][2] - exp["box"][0]) / (exp["work_box"][2] - exp["work_box"][0])
        left, top = exp["box"][0], exp["box"][1]
        for (x0, y0, x1, y1), digit in zip(fx["digit_boxes"], exp["digits"]):
            bx0, by0 = left + digit["box"][0] * inv, top + digit["box"][1] * inv
            bx1, by1 = left + digit["box"][2] * inv, top + digit["box"][3] * inv
            # Le centre de chaque boîte est dans l'autre (à 4 pixels près : l'épaisseur du stylo).
            assert bx0 - 4 <= (x0 + x1) / 2 <= bx1 + 4 and by0 - 4 <= (y0 + y1) / 2 <= by1 + 4, fx["name"]
            assert x0 - 4 <= (bx0 + bx1) / 2 <= x1 + 4 and y0 - 4 <= (by0 + by1) / 2 <= y1 + 4, fx["name"]
            # Toute la hauteur du chiffre est trouvée, rien de plus (à l'épaisseur du trait près).
            assert abs((by1 - by0) - (y1 - y0)) <= 0.15 * (y1 - y0) + 8, fx["name"]


def assert_same_region(name, py, js):
    """La zone choisie par le lecteur (read_region / readRegion) donne la même encre et les mêmes chiffres."""
    assert js["found"] == py["found"] and js["reason"] == py["reason"], name
    if not py["found"]:
        return
    assert list(js["work_box"]) == list(py["work_box"]), name
    ink = np.asarray(js["ink"]["data"]).reshape(js["ink"]["height"], js["ink"]["width"])
    assert np.abs(ink - py["ink"]).max() <= TOLERANCE, name
    digits = digit_inputs(py["ink"])
    assert len(js["digits"]) == len(digits), name
    for (box, image), jd in zip(digits, js["digits"]):
        assert list(jd["box"]) == list(box), name
        assert np.abs(np.asarray(jd["image"]) - image.ravel()).max() <= TOLERANCE, name


def manual_region(fx):
    """Une zone que choisirait un lecteur : autour du premier chiffre écrit, large de 12 pixels,
    ou un coin de la page quand elle est vide."""
    if not fx["digit_boxes"]:
        return (10.0, 10.0, 120.0, 90.0)
    x0, y0, x1, y1 = fx["digit_boxes"][0]
    return (x0 - 12, y0 - 12, x1 + 12, y1 + 12)


@needs_node
def test_javascript_matches_python_on_shared_fixtures():
    fixtures = load_fixtures()
    regions = [manual_region(fx) for fx in fixtures]
    for fx, region, js in zip(fixtures, regions, node_readings([fx["rgb"] for fx in fixtures], regions), strict=True):
        r, digits = python_reading(fx["rgb"])
        assert_same_reading(fx["name"], r, digits, js)
        assert_same_region(fx["name"] + " (zone choisie)", read_region(r, region), js["manual"])
        if fx["text"]:
            manual = read_region(r, region)
            assert manual["found"] and len(digit_inputs(manual["ink"])) == 1, fx["name"]


@needs_node
def test_javascript_matches_python_on_generated_photos():
    """Une douzaine de petites photos fabriquées à la volée : chaque papier, les deux encres, un
    chiffre, un nombre ou une page vide."""
    photos = []
    for k in range(12):
        rng = np.random.default_rng([2718, k])
        paper = PAPERS[k % 3]
        text = ["5", "31", ""][k % 3] if k >= 6 else str(k)
        size = (320, 240) if k % 2 == 0 else (300, 400)
        photos.append(make_photo(rng, paper, ("blue", "black")[k % 2], ("ballpoint", "felt")[(k // 2) % 2],
                                 text, size=size))
    readings = node_readings([p.rgb for p in photos])
    for k, (photo, js) in enumerate(zip(photos, readings, strict=True)):
        r, digits = python_reading(photo.rgb)
        assert_same_reading(f"photo {k} ({photo.paper}, « {photo.text} »)", r, digits, js)


@needs_node
def test_javascript_follows_bowed_lines_like_python():
    """Une page de cahier bombée (lignes courbées de 6 pixels) : les tronçons sont décalés pour suivre
    les lignes (segment_shifts / segmentShifts), de la même façon en JavaScript et en Python."""
    from digitlab import photo

    h, w = 300, 400
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    u = yy - 6 * np.sin(np.pi * xx / (w - 1))
    lines = 0.35 * np.clip(1.5 - np.abs(np.mod(u + 6, 12) - 6), 0, 1)
    ink = np.zeros((h, w))
    ink[90:210, 196:203] = 0.9  # un « 1 »
    ink[90:96, 180:203] = 0.9
    # Lignes bleues (elles absorbent surtout le rouge), encre noire, papier à 235.
    transmit = (1 - lines[..., None] * np.array([1.0, 0.6, 0.1])) * (1 - ink)[..., None]
    rgb = np.round(235 * transmit).astype(np.uint8)
    _, dark, _, families = photo.clean_darkness(rgb)
    shifts = photo.segment_shifts(photo.ruling_profiles(dark, families["horizontal"], False)[0])
    assert max(abs(s) for s in shifts) >= 4, shifts  # les tronçons suivent bien la courbe
    (js,) = node_readings([rgb])
    r, digits = python_reading(rgb)
    assert r["found"] and len(digits) == 1
    assert_same_reading("page bombée", r, digits, js)


@needs_node
def test_javascript_reads_a_far_digit_closer_like_python():
    """Un chiffre photographié de loin (3 à 8 % de la hauteur d'une photo de 1 600 × 1 200, ce que la
    page décode d'une photo de téléphone) : la zone choisie autour de lui est relue de plus près
    (read_region_closer / readRegionCloser), de la même façon en JavaScript et en Python. Un grand
    chiffre (30 %) n'est pas relu : rien à y gagner."""
    photos, regions = [], []
    shares = (0.03, 0.05, 0.08, 0.3)
    for k, share in enumerate(shares):
        rng = np.random.default_rng([31415, k])
        photo = make_photo(rng, PAPERS[k % 3], ("blue", "black")[k % 2], ("ballpoint", "felt")[k % 2], str(k + 2),
                           size=(1600, 1200), digit_share=(share, share))
        x0, y0, x1, y1 = photo.boxes[0]
        margin = 0.3 * max(x1 - x0, y1 - y0)
        photos.append(photo)
        regions.append((x0 - margin, y0 - margin, x1 + margin, y1 + margin))
    readings = node_readings([p.rgb for p in photos], regions)
    for photo, region, share, js in zip(photos, regions, shares, readings, strict=True):
        name = f"chiffre à {share:.0%} de la hauteur ({photo.paper}, « {photo.text} »)"
        zoomed = zoom_window(region, 1600, 1200) is not None
        assert zoomed == (share < 0.2), name
        py = read_region_closer(photo.rgb, read_photo(photo.rgb), region)
        assert list(js["closer"]["offset"]) == list(py["offset"]), name
        assert js["closer"]["scale"] == pytest.approx(py["scale"], rel=1e-12), name
        assert_same_region(name, py, js["closer"])
        if py["found"]:
            np.testing.assert_allclose(js["closer"]["box"], py["box"], rtol=1e-12, err_msg=name)
        if zoomed:
            assert py["scale"] >= 2 * read_photo(photo.rgb)["scale"], name
            assert py["found"], name
        else:
            assert tuple(py["offset"]) == (0, 0), name


@needs_node
def test_javascript_keeps_pale_strokes_in_a_chosen_region_like_python():
    """Un 8 au stylo bille, gris et flou, sur une page entière (5 % de la hauteur) : aucune tache de la
    fenêtre relue n'atteint MIN_INK_PEAK ; dans la zone que le lecteur a entourée, ses traits pâles
    (CHOSEN_INK_PEAK) sont gardés, de la même façon en JavaScript et en Python."""
    photo = far_photo(20261130, "squares", 0.05, 19)
    x0, y0, x1, y1 = photo.boxes[0]
    margin = 0.3 * max(x1 - x0, y1 - y0)
    region = (x0 - margin, y0 - margin, x1 + margin, y1 + margin)
    [js] = node_readings([photo.rgb], [region])
    py = read_region_closer(photo.rgb, read_photo(photo.rgb), region)
    window = zoom_window(region, 1600, 1200)
    closer = read_photo(photo.rgb[window[1]:window[3], window[0]:window[2]])
    assert max(c["peak"] for c in closer["components"]) < MIN_INK_PEAK
    assert py["found"]
    assert_same_region("8 pâle pris de loin", py, js["closer"])

