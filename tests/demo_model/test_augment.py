"""Les déformations et les formes européennes ajoutées à MNIST (digitlab.demo_model.augment)."""

import numpy as np
import pytest
from scipy import ndimage

from digitlab.data import load_mnist
from digitlab.demo_model import augment


@pytest.fixture(scope="module")
def mnist_train():
    (x, y), _ = load_mnist()
    return x[:3000], y[:3000]


def test_crossbar_adds_a_horizontal_stroke_to_sevens(mnist_train):
    x, y = mnist_train
    rng = np.random.default_rng(0)
    sevens = x[y == 7][:20]
    for img in sevens:
        barred = augment.add_crossbar(img, rng)
        added = barred - img / 255.0
        assert added.min() >= 0  # on ajoute de l'encre, on n'en retire pas
        rows = np.flatnonzero(added.sum(axis=1) > 0.5)
        cols = np.flatnonzero(added.sum(axis=0) > 0.2)
        assert rows.size and cols.size
        assert np.ptp(cols) > np.ptp(rows)  # plus large que haute : une barre


def test_upstroke_goes_down_to_the_left_of_the_top(mnist_train):
    x, y = mnist_train
    rng = np.random.default_rng(0)
    for img in x[y == 1][:20]:
        added = augment.add_upstroke(img, rng) - img / 255.0
        ys, xs = np.nonzero(added > 0.3)
        top = np.flatnonzero(img.max(axis=1) > 100)[0]
        ink_cols = np.flatnonzero(img[top] > 100)
        assert xs.min() < ink_cols.min()  # l'attaque part vers la gauche
        assert ys.min() >= top - 1  # et descend depuis le haut du 1


def test_affine_transform_matches_scipy(mnist_train):
    """La matrice de random_distort, comparée à scipy.ndimage.affine_transform."""
    import tensorflow as tf

    img = mnist_train[0][0].astype(np.float32) / 255
    rot, shear, scale, tx, ty = 10.0, 0.2, 1.1, 1.5, -1.0
    t = augment.affine_transforms(*(tf.constant([v], tf.float32) for v in (rot, shear, scale, tx, ty)))
    ours = augment.apply_affine(tf.constant(img[None, ..., None]), t).numpy()[0, ..., 0]
    a0, a1, a2, b0, b1, b2 = t.numpy()[0, :6]
    # scipy travaille en (ligne, colonne) = (y, x) : entrée = M · sortie + décalage.
    matrix = np.array([[b1, b0], [a1, a0]])
    ref = ndimage.affine_transform(img, matrix, offset=(b2, a2), order=1, mode="constant", cval=0.0)
    assert np.abs(ours - ref).max() < 1e-4


def test_random_distort_keeps_shape_and_range(mnist_train):
    import tensorflow as tf

    batch = tf.constant(mnist_train[0][:64, ..., None].astype(np.float32) / 255)
    out = augment.random_distort(batch).numpy()
    assert out.shape == (64, 28, 28, 1)
    assert out.min() >= 0 and out.max() <= 1
    assert not np.allclose(out, batch.numpy())


def test_no_distortion_is_identity(mnist_train):
    import tensorflow as tf

    batch = tf.constant(mnist_train[0][:8, ..., None].astype(np.float32) / 255)
    out = augment.random_distort(batch, max_rotation=0.0, max_shear=0.0, zoom=(1.0, 1.0), max_shift=0.0,
                                 thickness_prob=0.0).numpy()
    np.testing.assert_allclose(out, batch.numpy(), atol=1e-6)

