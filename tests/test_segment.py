"""Séparer les chiffres d'un nombre (digitlab.segment) : regroupement des traits du pad et des
morceaux d'encre d'une photo, épaisseur du trait, dilatation (contre SciPy), entrées du réseau."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from digitlab.demo_model.strokes import render
from digitlab.pad import BRUSH_RATIO
from digitlab.preprocess import preprocess
from digitlab.segment import (
    STROKE_SIDE,
    digit_inputs,
    dilate,
    disk_offsets,
    group_strokes,
    normalize_stroke,
    split_ink,
    stroke_width,
)
from sitetools.school_photos import layout_text, random_text

SEVEN_BARRED = [[(0.1, 0.1), (0.5, 0.1), (0.3, 0.9)], [(0.22, 0.5), (0.46, 0.5)]]
FOUR_TWO_STROKES = [[(0.5, 0.1), (0.1, 0.6), (0.6, 0.6)], [(0.45, 0.3), (0.45, 0.95)]]
FIVE_WITH_FLAG = [[(0.2, 0.1), (0.18, 0.45), (0.4, 0.4), (0.45, 0.7), (0.2, 0.9)], [(0.2, 0.1), (0.5, 0.1)]]


def shifted(strokes, dx):
    return [[(x + dx, y) for x, y in s] for s in strokes]


def test_pieces_of_one_digit_stay_together():
    assert group_strokes(SEVEN_BARRED) == [[0, 1]]
    assert group_strokes(FOUR_TWO_STROKES) == [[0, 1]]
    assert group_strokes(FIVE_WITH_FLAG) == [[0, 1]]


def test_digits_side_by_side_are_read_left_to_right():
    # Dessinés dans le désordre : le 5 d'abord (à droite), puis le 7 (à gauche), puis le 4 (au milieu).
    strokes = shifted(FIVE_WITH_FLAG, 1.2) + SEVEN_BARRED + shifted(FOUR_TWO_STROKES, 0.6)
    assert group_strokes(strokes) == [[2, 3], [4, 5], [0, 1]]


def test_a_single_digit_is_one_group():
    assert group_strokes([[(0.3, 0.2), (0.3, 0.8)]]) == [[0]]
    assert group_strokes([]) == []


def test_numbers_written_by_the_generator_are_split_into_their_digits():
    """300 nombres de 2 à 5 chiffres (traits des gabarits, espacements naturels) : chaque groupe
    est exactement un chiffre, dans l'ordre."""
    for k in range(300):
        rng = np.random.default_rng([5, k])
        digits, _ = layout_text(rng, random_text(rng, "number"))
        strokes = [s.tolist() for d in digits for s in d]
        owner = [i for i, d in enumerate(digits) for _ in d]
        groups = group_strokes(strokes)
        assert [sorted({owner[j] for j in g}) for g in groups] == [[i] for i in range(len(digits))], k


def test_stroke_width_of_a_bar_is_twice_area_over_perimeter():
    ink = np.zeros((40, 60))
    ink[10:16, 5:55] = 1.0  # 6 × 50
    assert stroke_width(ink) == pytest.approx(2 * 300 / (2 * (6 + 50)))
    assert stroke_width(np.zeros((5, 5))) == 0.0


@pytest.mark.parametrize("radius", [0.5, 1.0, 2.3, 3.7])
def test_dilate_matches_scipy_grey_dilation_with_a_disk(radius):
    rng = np.random.default_rng(1)
    ink = rng.random((30, 40)) * (rng.random((30, 40)) < 0.05)
    offsets = disk_offsets(radius)
    r = int(np.floor(radius))
    footprint = np.zeros((2 * r + 1, 2 * r + 1), dtype=bool)
    for dy, dx in offsets:
        footprint[dy + r, dx + r] = True
    ref = ndimage.grey_dilation(ink, footprint=footprint, mode="constant", cval=0.0)
    np.testing.assert_array_equal(dilate(ink, radius), ref)


def test_normalize_stroke_gives_the_pad_thickness():
    """Une hampe fine, moyenne ou épaisse ressort avec la largeur du pad : mesurée directement,
    le long d'une ligne qui la traverse à mi-hauteur."""
    target = BRUSH_RATIO * STROKE_SIDE
    for width in (2, 4, 9, 14):
        ink = np.zeros((200, 140))
        ink[20:180, 60:60 + width] = 1.0  # une hampe de 160 de haut
        ink[20:20 + width, 30:110] = 1.0
        out = normalize_stroke(ink)
        row = out[out.shape[0] // 2 + 5]
        run = np.count_nonzero(row > 0.5)
        assert abs(run - target) <= 1.5, (width, run, target)


def test_split_ink_separates_digits_and_drops_specks():
    ink = np.zeros((60, 120))
    ink[10:50, 10:14] = 1.0  # un « 1 »
    ink[10:14, 60:90] = 1.0  # un « 7 » en deux morceaux qui ne se touchent pas
    ink[18:50, 80:84] = 1.0
    ink[55, 115] = 0.5  # une poussière
    digits = split_ink(ink)
    assert [d["box"] for d in digits] == [(10, 10, 14, 50), (60, 10, 90, 50)]
    assert digits[1]["ink"].sum() == pytest.approx(ink[10:50, 60:90].sum())


def test_digit_inputs_are_the_preprocessed_digits_left_to_right():
    ones = render([np.array([[0.5, 0.0], [0.5, 1.0]])], size=60, ratio=0.05)
    zero = render([np.array([[0.5 + 0.35 * np.cos(t), 0.5 + 0.5 * np.sin(t)] for t in np.linspace(0, 6.3, 60)])],
                  size=60, ratio=0.05)
    ink = np.concatenate([zero, np.zeros((60, 15)), ones], axis=1)
    inputs = digit_inputs(ink)
    assert len(inputs) == 2
    (box0, img0), (box1, img1) = inputs
    assert box0[2] <= 60 <= 75 <= box1[0]
    expected0 = preprocess(normalize_stroke(split_ink(ink)[0]["ink"]))
    np.testing.assert_array_equal(img0, expected0)
    assert img0.shape == (28, 28) and img1.max() == pytest.approx(1.0)
    assert digit_inputs(np.zeros((20, 20))) == []


def test_a_dash_or_a_dot_is_not_a_digit():
    dash = [[(1.3, 0.5), (1.6, 0.52)]]
    assert group_strokes(SEVEN_BARRED + dash) == [[0, 1]]
    ink = np.zeros((60, 120))
    ink[10:50, 10:14] = 1.0  # un « 1 »
    ink[30:33, 40:70] = 1.0  # un tiret à côté
    assert [d["box"] for d in split_ink(ink)] == [(10, 10, 14, 50)]


def test_shared_fixture_is_what_python_finds_today():
    """La fixture que lit le test Node (tests/fixtures/segment/numbers.json) dit ce que trouve
    group_strokes aujourd'hui, et chaque groupe est bien un chiffre du nombre écrit : si le
    regroupement Python change, la fixture (et donc la comparaison avec le JavaScript) est à refaire."""
    import json
    from pathlib import Path

    cases = json.loads((Path(__file__).parent / "fixtures" / "segment" / "numbers.json").read_text(encoding="utf-8"))
    assert len(cases) == 40
    for case in cases:
        groups = group_strokes(case["strokes"])
        assert groups == case["groups"], (case["text"], groups, case["groups"])
        assert len(groups) == len(case["text"]), case["text"]
