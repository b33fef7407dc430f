"""Les chiffres tracés au trait (digitlab.demo_model.strokes) : gabarits, pinceau, lots « à la MNIST »."""

import numpy as np
import pytest

from digitlab.data import load_mnist
from digitlab.demo_model import strokes
from digitlab.preprocess import center_of_mass


@pytest.fixture(scope="module")
def mnist_train():
    (x, y), _ = load_mnist()
    return x[:3000], y[:3000]


def test_sampled_digit_fills_the_unit_box():
    rng = np.random.default_rng(0)
    for digit in range(10):
        for style in strokes.STYLES[digit]:
            name, traits = strokes.sample_digit(digit, rng, style)
            pts = np.concatenate(traits)
            assert name == style
            assert pts.min() >= -1e-9 and pts.max() == pytest.approx(1.0)


def test_check_styles_are_not_training_styles():
    for digit in range(10):
        assert not set(strokes.CHECK_STYLES[digit]) & set(strokes.STYLES[digit])


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
