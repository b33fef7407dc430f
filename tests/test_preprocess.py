"""Propriétés du prétraitement Python (digitlab.preprocess), vérifiées de façon indépendante :
moyennes de blocs calculées à la main, invariances, statistiques sur les vraies images MNIST."""

from __future__ import annotations

import numpy as np
import pytest

from digitlab import preprocess as pp

HALF = 0.5 + 1e-6  # un centre de masse pile sur une demi-valeur tombe à 0,5 pixel du centre


def block_mean_resize(img, out_h, out_w):
    """Moyenne exacte des surfaces, calculée autrement : chaque pixel d'entrée est découpé en
    ``out_h × out_w`` sous-pixels ; un pixel de sortie est alors la moyenne d'un bloc entier
    de ``in_h × in_w`` sous-pixels."""
    in_h, in_w = img.shape
    fine = np.kron(img, np.ones((out_h, out_w)))
    return fine.reshape(out_h, in_h, out_w, in_w).mean(axis=(1, 3))


def stroke_image(rng, h, w):
    """Une image d'encre aléatoire : quelques traits épais, anticrénelés, n'importe où."""
    from PIL import Image, ImageDraw
    k = 4
    img = Image.new("L", (w * k, h * k), 0)
    d = ImageDraw.Draw(img)
    for _ in range(rng.integers(1, 4)):
        pts = [tuple(rng.uniform([0.1 * w * k, 0.1 * h * k], [0.9 * w * k, 0.9 * h * k])) for _ in range(3)]
        d.line(pts, fill=255, width=int(k * rng.uniform(1, 0.08 * max(h, w) + 2)), joint="curve")
    return np.asarray(img.resize((w, h), Image.BOX), dtype=np.float64) / 255.0


@pytest.fixture(scope="module")
def mnist_test(mnist_data):
    (_, _), (x_test, y_test) = mnist_data
    return x_test, y_test


@pytest.mark.parametrize("shape, out", [((57, 31), (20, 11)), ((3, 2), (20, 13)), ((20, 20), (20, 20)),
                                        ((41, 200), (4, 20))])
def test_resize_area_matches_block_mean(shape, out):
    img = np.random.default_rng(1).random(shape)
    np.testing.assert_allclose(pp.resize_area(img, *out), block_mean_resize(img, *out), atol=1e-12)


def test_area_weights_rows_sum_to_one():
    for n_in, n_out in [(57, 20), (3, 20), (41, 7)]:
        np.testing.assert_allclose(pp.area_weights(n_in, n_out).sum(axis=1), 1.0, atol=1e-12)


def test_round_half_up_breaks_ties_upwards_despite_float_error():
    assert pp.round_half_up(2.5) == 3
    assert pp.round_half_up(2.4999999999999) == 3
    assert pp.round_half_up(2.49) == 2
    assert pp.round_half_up(-2.5) == -2


def test_output_properties_on_random_strokes():
    rng = np.random.default_rng(7)
    for _ in range(40):
        h, w = rng.integers(20, 300, size=2)
        ink = stroke_image(rng, h, w)
        out = pp.preprocess(ink)
        assert out is not None and out.shape == (28, 28) and out.dtype == np.float32
        assert out.min() >= 0 and out.max() == pytest.approx(1.0, abs=1e-6)
        rows = np.flatnonzero(out.any(axis=1))
        cols = np.flatnonzero(out.any(axis=0))
        height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
        assert max(height, width) == 20
        # Proportions gardées (à l'arrondi d'un pixel près).
        top, left, bottom, right = pp.ink_bbox(ink)
        ratio = min(bottom - top, right - left) / max(bottom - top, right - left)
        assert abs(min(height, width) - max(1, 20 * ratio)) <= 1
        # Centre de masse au centre, sauf si le cadre a obligé à le décaler.
        ys, xs = np.mgrid[0:28, 0:28]
        cy, cx = (out * ys).sum() / out.sum(), (out * xs).sum() / out.sum()
        if rows[0] > 0 and rows[-1] < 27:
            assert abs(cy - 14) <= HALF
        if cols[0] > 0 and cols[-1] < 27:
            assert abs(cx - 14) <= HALF


def test_invariant_to_translation_and_integer_upscaling():
    rng = np.random.default_rng(3)
    base = stroke_image(rng, 30, 22)
    ref = pp.preprocess(base)
    shifted = np.zeros((90, 70))
    shifted[41:71, 5:27] = base
    np.testing.assert_allclose(pp.preprocess(shifted), ref, atol=1e-6)
    np.testing.assert_allclose(pp.preprocess(np.kron(base, np.ones((3, 3)))), ref, atol=1e-6)


def test_mnist_digits_come_out_almost_unchanged(mnist_test):
    """MNIST est déjà fait ainsi (boîte de 20, centre de masse au centre) : le prétraitement
    doit le laisser presque tel quel."""
    x, _ = mnist_test
    diffs, exact = [], 0
    for img in x[:300]:
        ink = img / 255.0
        out = pp.preprocess(ink)
        d = np.abs(out - ink / ink.max())
        diffs.append(d.mean())
        exact += d.max() < 1e-6
    assert np.median(diffs) < 0.01
    assert exact >= 150  # la plupart ressortent à l'identique


def test_mnist_centre_of_mass_lands_on_14(mnist_test):
    x, _ = mnist_test
    ys, xs = np.mgrid[0:28, 0:28]
    for img in x[300:500]:
        out = pp.preprocess(img / 255.0)
        cy, cx = (out * ys).sum() / out.sum(), (out * xs).sum() / out.sum()
        assert abs(cy - 14) <= HALF and abs(cx - 14) <= HALF


def test_empty_and_faint_images_give_none():
    assert pp.preprocess(np.zeros((10, 12))) is None
    assert pp.preprocess(np.full((10, 12), 0.09)) is None
    with pytest.raises(ValueError):
        pp.preprocess(np.zeros((3, 3, 3)))


def test_faint_noise_does_not_move_the_box():
    rng = np.random.default_rng(5)
    ink = np.zeros((60, 60))
    ink[10:50, 28:33] = 1.0
    noisy = ink + rng.uniform(0, 0.09, ink.shape)  # sous le seuil d'encre
    assert pp.ink_bbox(noisy) == (10, 28, 50, 33)


def test_gray_to_ink_inverts_dark_ink_on_light_paper(mnist_test):
    x, _ = mnist_test
    ink = x[0] / 255.0
    light_on_dark = pp.gray_to_ink(ink)
    dark_on_light = pp.gray_to_ink(1.0 - ink)
    np.testing.assert_allclose(light_on_dark, dark_on_light, atol=1e-12)
    # Seul ce qui est sous le seuil de bruit du papier (0,2) disparaît.
    strong = ink > 0.5
    assert np.all(light_on_dark[strong] > 0.3)
    assert np.all(light_on_dark[ink < pp.PAPER_NOISE] == 0)


def test_gray_to_ink_removes_paper_grain_and_lighting():
    rng = np.random.default_rng(11)
    h, w = 80, 120
    xs = np.mgrid[0:h, 0:w][1]
    paper = 0.82 + 0.08 * xs / w + rng.normal(0, 0.02, (h, w))
    gray = paper.copy()
    gray[20:60, 55:62] = 0.15  # le trait
    ink = pp.gray_to_ink(gray)
    assert pp.ink_bbox(ink) == (20, 55, 60, 62)
    assert ink[20:60, 55:62].min() > 0.9


def test_gray_to_ink_blank_page_is_empty():
    rng = np.random.default_rng(2)
    blank = np.clip(0.9 + rng.normal(0, 0.01, (50, 40)), 0, 1)
    assert pp.preprocess(pp.gray_to_ink(blank)) is None
    assert not pp.gray_to_ink(np.full((5, 5), 0.3)).any()


def test_gray_to_ink_explicit_invert_flag():
    gray = np.full((10, 10), 0.2)
    gray[3:7, 4] = 0.9
    assert pp.gray_to_ink(gray, invert=False)[4, 4] == pytest.approx(1.0)
    assert pp.gray_to_ink(gray, invert=True)[4, 4] == 0.0
