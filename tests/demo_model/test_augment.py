"""Les déformations et les formes européennes ajoutées à MNIST (digitlab.demo_model.augment)."""

import numpy as np
import pytest
from scipy import ndimage

from digitlab.demo_model import augment


@pytest.fixture(scope="module")
def mnist_train(mnist_data):
    (x, y), _ = mnist_data
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



def test_warp_matches_scipy_map_coordinates(mnist_train):
    """La lecture bilinéaire de la déformation élastique, comparée à scipy.ndimage.map_coordinates."""
    import tensorflow as tf

    rng = np.random.default_rng(3)
    images = mnist_train[0][:4, ..., None].astype(np.float32) / 255
    flow = rng.normal(0.0, 2.5, size=(4, 28, 28, 2)).astype(np.float32)
    ours = augment.warp(tf.constant(images), tf.constant(flow)).numpy()
    rows, cols = np.mgrid[0:28, 0:28]
    for i in range(4):
        ref = ndimage.map_coordinates(images[i, ..., 0], [rows + flow[i, ..., 0], cols + flow[i, ..., 1]],
                                      order=1, mode="grid-constant", cval=0.0)
        assert np.abs(ours[i, ..., 0] - ref).max() < 1e-5


def test_elastic_flow_is_smooth_and_sized_by_alpha():
    """Le champ élastique : écart type de l'ordre de ``alpha``, et lisse (deux pixels voisins se
    déplacent presque pareil, bien plus que deux pixels éloignés)."""
    import tensorflow as tf

    tf.random.set_seed(0)
    flow = augment.elastic_flow(200, alpha=1.5, grid=4).numpy()
    assert flow.shape == (200, 28, 28, 2)
    assert 0.7 < flow.std() < 2.0
    near = np.abs(flow[:, :, 1:] - flow[:, :, :-1]).mean()
    far = np.abs(flow[:, :, 14:] - flow[:, :, :-14]).mean()
    assert near < 0.25 * far


def test_elastic_distortion_moves_ink_but_keeps_it(mnist_train):
    import tensorflow as tf

    batch = tf.constant(mnist_train[0][:32, ..., None].astype(np.float32) / 255)
    out = augment.random_distort(batch, max_rotation=0.0, max_shear=0.0, zoom=(1.0, 1.0), max_shift=0.0,
                                 thickness_prob=0.0, elastic_prob=1.0, elastic_alpha=1.5).numpy()
    moved = np.abs(out - batch.numpy()).sum(axis=(1, 2, 3))
    assert (moved > 1.0).all()
    ink_ratio = out.sum(axis=(1, 2, 3)) / batch.numpy().sum(axis=(1, 2, 3))
    assert ((ink_ratio > 0.6) & (ink_ratio < 1.6)).all() and abs(np.median(ink_ratio) - 1) < 0.2
