"""Les chiffres tracés au trait (digitlab.demo_model.strokes) : gabarits, pinceau, lots « à la MNIST »."""

import numpy as np
import pytest

from digitlab.demo_model import strokes
from digitlab.preprocess import center_of_mass


@pytest.fixture(scope="module")
def mnist_train(mnist_data):
    (x, y), _ = mnist_data
    return x[:3000], y[:3000]


def test_sampled_digit_fills_the_unit_box():
    rng = np.random.default_rng(0)
    for digit in range(10):
        for style in strokes.STYLES[digit]:
            name, traits = strokes.sample_digit(digit, rng, style)
            pts = np.concatenate(traits)
            assert name == style
            assert pts.min() >= -1e-9 and pts.max() == pytest.approx(1.0)


def test_brush_width_follows_the_ratio():
    """Deux fois plus de pinceau → à peu près deux fois plus d'encre sur un trait droit."""
    line = [np.array([[0.0, 0.0], [0.0, 1.0]])]
    thin = strokes.render(line, ratio=0.06).sum()
    thick = strokes.render(line, ratio=0.12).sum()
    assert 1.6 < thick / thin < 2.4


def test_synthetic_digits_look_like_mnist(mnist_train):
    x, y, styles = strokes.synthetic_digits(5, seed=1)
    assert x.shape == (50, 28, 28) and x.dtype == np.uint8
    assert np.bincount(y).tolist() == [5] * 10
    assert set(styles) <= {s for d in strokes.STYLES.values() for s in d}
    com = np.array([center_of_mass(img.astype(float)) for img in x])
    assert np.abs(com - 14).max() <= 0.75
    # Même quantité d'encre que MNIST, à un facteur raisonnable près.
    ratio = x.astype(float).sum() / len(x) / (mnist_train[0].astype(float).sum() / len(mnist_train[0]))
    assert 0.6 < ratio < 1.4


def _distance_to_polyline(points, line):
    """Distance de chaque point à la ligne brisée ``line`` (calcul direct, segment par segment)."""
    best = np.full(len(points), np.inf)
    for p, q in zip(line, line[1:]):
        d = q - p
        t = np.clip(((points - p) @ d) / max(d @ d, 1e-12), 0, 1)
        best = np.minimum(best, np.hypot(*(points - (p + t[:, None] * d)).T))
    return best


def test_simplify_keeps_corners_and_stays_within_tolerance():
    corner = np.concatenate([strokes._line((0, 0), (1, 0), 30), strokes._line((1, 0), (1, 1), 30)])
    out = strokes.simplify(corner, 0.01)
    assert len(out) == 3 and np.allclose(out[1], [1, 0])
    arc = strokes._arc(0.5, 0.5, 0.4, 0.5, 90, 450, 200)
    for tolerance in (0.01, 0.05):
        out = strokes.simplify(arc, tolerance)
        assert _distance_to_polyline(arc, out).max() <= tolerance + 1e-9
    assert len(strokes.simplify(arc, 0.05)) < len(strokes.simplify(arc, 0.01)) < 40


def test_training_hands_lean_to_the_right():
    """La plupart des droitiers penchent à droite : le haut d'un bâton est à droite de son pied."""
    rng = np.random.default_rng(1)
    leans = []
    for _ in range(200):
        _, (s,) = strokes.sample_digit(1, rng, "un_baton", wobble=0.0)
        top, foot = s[np.argmin(s[:, 1])], s[np.argmax(s[:, 1])]
        leans.append(top[0] - foot[0])
    assert np.mean(np.array(leans) > 0) > 0.6


def test_templates_have_their_own_proportions():
    """Un même gabarit change de proportions d'un tirage à l'autre (longueur de l'attaque d'un 1)."""
    rng = np.random.default_rng(2)
    lengths = []
    for _ in range(100):
        (s,) = strokes.STYLES[1]["un_europeen"](rng)
        summit = s[np.argmin(s[:, 1])]
        lengths.append(np.hypot(*(summit - s[0])))
    assert min(lengths) < 0.35 and max(lengths) > 0.8


def test_one_stroke_four_is_open_at_the_top():
    rng = np.random.default_rng(3)
    for _ in range(20):
        (s,) = strokes.STYLES[4]["quatre_sans_lever"](rng)
        assert s[0][1] == 0.0 and s[-1][1] == 1.0  # du haut à gauche jusqu'au pied de la hampe
        assert s[:, 0].max() - s[0][0] > 0.3  # la hampe est loin du départ : le haut reste ouvert
