"""digitlab.conv : la convolution et le pooling NumPy contre Keras (tf_keras) et des formules
directes.

Tolérance contre Keras : Keras calcule en float32, digitlab en float64 ; avec des entrées dans
[0, 1] et des poids de l'ordre de 1 (sorties jusqu'à quelques dizaines), on exige un écart
relatif d'au plus 1e-5 et absolu d'au plus 1e-5 (l'écart constaté est de l'ordre de 1e-6).
Entre deux calculs NumPy en float64 (boucles contre version vectorisée), 1e-12.
"""

from __future__ import annotations

import itertools
import os

import numpy as np
import pytest

from digitlab import conv
from digitlab.conv import (
    KERNELS,
    change_ratio,
    conv2d,
    conv2d_loops,
    conv_params,
    conv_window,
    dense_params,
    kernel,
    output_size,
    padding_amounts,
    pool2d,
    pool_window,
    receptive_field,
    relu,
    shift,
)

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

KERAS_RTOL = 1e-5
KERAS_ATOL = 1e-5


@pytest.fixture(scope="module")
def keras():
    return pytest.importorskip("tf_keras")


def keras_conv(keras, images, w, b, stride, padding):
    """Sortie d'un ``Conv2D`` Keras aux poids ``w`` (kh, kw, c, f) et biais ``b``."""
    layer = keras.layers.Conv2D(w.shape[3], w.shape[:2], strides=stride, padding=padding)
    layer.build((None, *images.shape[1:]))
    layer.set_weights([w.astype(np.float32), b.astype(np.float32)])
    return layer(images.astype(np.float32)).numpy()


# --- Tailles de sortie ------------------------------------------------------------------------

# (n, k, pas, marge, taille attendue), calculées à la main.
SIZE_CASES = [
    (28, 5, 1, "valid", 24), (28, 5, 1, "same", 28), (28, 3, 2, "valid", 13),
    (28, 3, 2, "same", 14), (7, 3, 3, "valid", 2), (7, 2, 2, "same", 4), (5, 5, 1, "valid", 1),
    (12, 2, 2, "valid", 6), (13, 2, 2, "valid", 6), (13, 2, 2, "same", 7), (1, 3, 1, "same", 1),
]


@pytest.mark.parametrize("n, k, stride, padding, expected", SIZE_CASES)
def test_output_size_hand_computed(n, k, stride, padding, expected):
    assert output_size(n, k, stride, padding) == expected


@pytest.mark.parametrize("n, k, stride, padding, expected", SIZE_CASES)
def test_output_size_matches_keras_and_conv2d(keras, n, k, stride, padding, expected):
    layer = keras.layers.Conv2D(1, (k, k), strides=stride, padding=padding)
    shape = layer.compute_output_shape((None, n, n + 3, 1))
    assert shape[1] == output_size(n, k, stride, padding)
    assert shape[2] == output_size(n + 3, k, stride, padding)
    image = np.ones((n, n + 3))
    assert conv2d(image, np.ones((k, k)), stride=stride, padding=padding).shape == shape[1:3]


def test_same_padding_puts_the_odd_pixel_after():
    # TensorFlow : il manque 3 pixels pour une fenêtre de 4 sur 5 pixels ; 1 avant, 2 après.
    assert padding_amounts(5, 4, 1, "same") == (1, 2)
    assert padding_amounts(28, 5, 1, "same") == (2, 2)
    assert padding_amounts(28, 3, 2, "same") == (0, 1)
    assert padding_amounts(28, 5, 1, "valid") == (0, 0)


# --- Convolution --------------------------------------------------------------------------------

CONV_CASES = list(itertools.product(
    ["valid", "same"],           # marge
    [1, 2, 3],                   # pas
    [(1, 1), (3, 4)],            # (canaux d'entrée, filtres)
    [(3, 3), (5, 5), (2, 4), (4, 4)],  # noyaux carrés, rectangulaire, de côté pair
))


@pytest.mark.parametrize("padding, stride, channels, size", CONV_CASES)
def test_conv2d_matches_keras_conv2d(keras, padding, stride, channels, size):
    c_in, c_out = channels
    rng = np.random.default_rng(CONV_CASES.index((padding, stride, channels, size)))
    images = rng.random((2, 11, 13, c_in))
    w = rng.normal(size=(*size, c_in, c_out))
    b = rng.normal(size=c_out)
    expected = keras_conv(keras, images, w, b, stride, padding)
    for image, reference in zip(images, expected):
        got = conv2d(image, w, b, stride=stride, padding=padding)
        assert got.shape == reference.shape
        np.testing.assert_allclose(got, reference, rtol=KERAS_RTOL, atol=KERAS_ATOL)


def test_conv2d_matches_keras_on_a_28x28_digit_like_image(keras):
    rng = np.random.default_rng(7)
    image = np.zeros((28, 28))
    image[4:24, 12:16] = 1.0  # une barre, comme un 1
    image[6:9, 8:20] = rng.random((3, 12))
    w = rng.normal(size=(5, 5, 1, 20))
    b = rng.normal(size=20)
    for padding in ("valid", "same"):
        expected = keras_conv(keras, image[None, :, :, None], w, b, 1, padding)[0]
        got = conv2d(image[:, :, None], w, b, padding=padding)
        np.testing.assert_allclose(got, expected, rtol=KERAS_RTOL, atol=KERAS_ATOL)


@pytest.mark.parametrize("padding, stride", list(itertools.product(["valid", "same"], [1, 2])))
def test_loops_and_vectorised_give_the_same_result(padding, stride):
    rng = np.random.default_rng(3)
    image = rng.random((10, 9, 3))
    w = rng.normal(size=(3, 5, 3, 4))
    b = rng.normal(size=4)
    np.testing.assert_allclose(conv2d_loops(image, w, b, stride, padding),
                               conv2d(image, w, b, stride, padding), rtol=0, atol=1e-12)


def test_kernel_is_not_flipped():
    """Corrélation croisée : la sortie en (0, 0) est la somme de image[u, v] × noyau[u, v]."""
    image = np.arange(9.0).reshape(3, 3)
    w = np.array([[1.0, 0.0], [0.0, 0.0]])  # ne garde que le coin en haut à gauche
    np.testing.assert_array_equal(conv2d(image, w), image[:2, :2])
    np.testing.assert_array_equal(conv2d_loops(image, w), image[:2, :2])


def test_a_2d_kernel_on_a_2d_image_gives_a_2d_map():
    rng = np.random.default_rng(0)
    image = rng.random((8, 8))
    w = rng.normal(size=(3, 3))
    flat = conv2d(image, w, padding="same")
    assert flat.shape == (8, 8)
    full = conv2d(image[:, :, None], w[:, :, None, None], padding="same")
    np.testing.assert_array_equal(flat, full[:, :, 0])


def test_relu_matches_keras(keras):
    values = np.linspace(-3, 3, 25).reshape(5, 5)
    np.testing.assert_array_equal(relu(values), keras.activations.relu(values).numpy())


# --- Pooling ------------------------------------------------------------------------------------

POOL_CASES = list(itertools.product(["valid", "same"], [2, 3], [None, 1, 2]))


@pytest.mark.parametrize("padding, size, stride", POOL_CASES)
@pytest.mark.parametrize("kind, layer_name", [("max", "MaxPooling2D"), ("average", "AveragePooling2D")])
def test_pooling_matches_keras(keras, kind, layer_name, padding, size, stride):
    rng = np.random.default_rng(11)
    images = rng.normal(size=(2, 9, 10, 3))  # valeurs négatives aussi : le max doit les gérer
    layer = getattr(keras.layers, layer_name)(pool_size=size, strides=stride, padding=padding)
    expected = layer(images.astype(np.float32)).numpy()
    for image, reference in zip(images, expected):
        got = pool2d(image, size, stride, kind, padding)
        assert got.shape == reference.shape
        np.testing.assert_allclose(got, reference, rtol=KERAS_RTOL, atol=KERAS_ATOL)


@pytest.mark.parametrize("size, stride", [(2, None), (3, 1), (2, 3), (4, 2)])
def test_l2_pooling_is_the_root_of_the_sum_of_squares(size, stride):
    rng = np.random.default_rng(5)
    image = rng.normal(size=(11, 12))
    step = size if stride is None else stride
    got = pool2d(image, size, stride, "l2")
    expected = np.zeros(got.shape)
    for i in range(got.shape[0]):
        for j in range(got.shape[1]):
            total = 0.0
            for u in range(size):
                for v in range(size):
                    total += image[i * step + u, j * step + v] ** 2
            expected[i, j] = total ** 0.5
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_l2_same_padding_ignores_the_margin():
    image = np.array([[3.0, 4.0, 12.0]])
    # Fenêtres 2 × 2, pas 2, marge « same » : [3, 4] puis [12] (le reste est de la marge).
    np.testing.assert_allclose(pool2d(image, 2, 2, "l2", "same"), [[5.0, 12.0]])


def test_pool_on_the_4x4_example_by_hand():
    grid = np.array([[1, 3, 2, 0], [4, 2, 1, 1], [0, 1, 5, 6], [2, 2, 7, 8]], dtype=float)
    np.testing.assert_array_equal(pool2d(grid, kind="max"), [[4, 2], [2, 8]])
    np.testing.assert_array_equal(pool2d(grid, kind="average"), [[2.5, 1.0], [1.25, 6.5]])
    np.testing.assert_allclose(pool2d(grid, kind="l2"), [[30 ** 0.5, 6 ** 0.5], [3.0, 174 ** 0.5]])


# --- Expliquer un pixel -------------------------------------------------------------------------

@pytest.mark.parametrize("padding, stride, size",
                         list(itertools.product(["valid", "same"], [1, 2], [3, 4])))
def test_conv_window_explains_every_output_pixel(padding, stride, size):
    rng = np.random.default_rng(2)
    image = rng.random((7, 9))
    w = rng.normal(size=(size, size))
    out = conv2d(image, w, stride=stride, padding=padding)
    top_pad = padding_amounts(7, size, stride, padding)[0]
    left_pad = padding_amounts(9, size, stride, padding)[0]
    for i, j in np.ndindex(out.shape):
        window = conv_window(image, w, i, j, stride, padding)
        assert window.total == pytest.approx(out[i, j], abs=1e-12)
        assert (window.top, window.left) == (i * stride - top_pad, j * stride - left_pad)
        np.testing.assert_array_equal(window.products, window.values * w)
        for u, v in np.ndindex(size, size):  # pixel de l'image, ou 0 dans la marge
            y, x = window.top + u, window.left + v
            inside = 0 <= y < 7 and 0 <= x < 9
            assert window.values[u, v] == (image[y, x] if inside else 0.0)


@pytest.mark.parametrize("kind", ["max", "average", "l2"])
def test_pool_window_explains_every_output_pixel(kind):
    rng = np.random.default_rng(4)
    image = rng.random((9, 8))
    out = pool2d(image, 3, 2, kind)
    for i, j in np.ndindex(out.shape):
        window = pool_window(image, i, j, 3, 2, kind)
        assert window.total == pytest.approx(out[i, j], abs=1e-12)
        np.testing.assert_array_equal(window.values, image[2 * i:2 * i + 3, 2 * j:2 * j + 3])


# --- Compter ------------------------------------------------------------------------------------

def test_parameter_counts_match_keras(keras):
    for size, c_in, filters, bias in [(5, 1, 20, True), (3, 32, 64, False), ((2, 4), 3, 7, True)]:
        layer = keras.layers.Conv2D(filters, size, use_bias=bias)
        layer.build((None, 28, 28, c_in))
        assert conv_params(size, c_in, filters, bias) == layer.count_params()
    for inputs, units in [(784, 30), (1152, 128), (128, 10)]:
        layer = keras.layers.Dense(units)
        layer.build((None, inputs))
        assert dense_params(inputs, units) == layer.count_params()


def test_the_issue_example_520_against_23550():
    assert conv_params(5, 1, 20) == 20 * (25 + 1) == 520
    assert dense_params(784, 30) == 30 * (784 + 1) == 23550


@pytest.mark.parametrize("layers", [
    [(3, 1)], [(5, 1), (2, 2)], [(3, 1), (3, 1)], [(5, 1), (2, 2), (3, 1), (3, 1), (2, 2), (3, 1)],
    [(3, 2), (3, 2), (2, 1)],
])
def test_receptive_field_matches_the_gradient_support(keras, layers):
    """Champ récepteur = pixels de l'image dont dépend le pixel central de la sortie : ceux où
    le gradient (calculé par TensorFlow) n'est pas nul, avec des poids et des entrées positifs."""
    import tensorflow as tf

    stack = []
    for k, stride in layers:
        if stride == 1:
            stack.append(keras.layers.Conv2D(1, k, use_bias=False, kernel_initializer="ones"))
        else:
            stack.append(keras.layers.AveragePooling2D(k, strides=stride))
    model = keras.Sequential(stack)
    image = tf.Variable(np.full((1, 41, 41, 1), 0.5, dtype=np.float32))
    with tf.GradientTape() as tape:
        out = model(image)
        centre = out[0, out.shape[1] // 2, out.shape[2] // 2, 0]
    grad = tape.gradient(centre, image).numpy()[0, :, :, 0]
    rows = np.flatnonzero(np.abs(grad).sum(axis=1) > 0)
    assert rows.max() - rows.min() + 1 == receptive_field(layers)[-1]


# --- Décaler, mesurer ---------------------------------------------------------------------------

@pytest.mark.parametrize("dy, dx", [(0, 0), (2, 0), (0, -3), (-1, 4), (5, 5), (9, 0), (-12, 1)])
def test_shift_moves_every_pixel(dy, dx):
    rng = np.random.default_rng(1)
    image = rng.random((9, 7))
    got = shift(image, dy, dx)
    for y, x in np.ndindex(image.shape):
        sy, sx = y - dy, x - dx
        expected = image[sy, sx] if 0 <= sy < 9 and 0 <= sx < 7 else 0.0
        assert got[y, x] == expected
    batch = shift(np.stack([image, 2 * image]), dy, dx)
    np.testing.assert_array_equal(batch[1], 2 * got)


def test_change_ratio():
    a = np.array([[1.0, 0.0], [2.0, -1.0]])
    assert change_ratio(a, a) == 0.0
    assert change_ratio(a, np.zeros_like(a)) == 1.0
    assert change_ratio(a, a + [[0.5, 0.0], [0.0, 0.0]]) == pytest.approx(0.5 / 4)
    assert change_ratio(np.zeros(3), np.zeros(3)) == 0.0


# --- Noyaux prédéfinis ------------------------------------------------------------------------

def test_preset_kernels():
    np.testing.assert_array_equal(kernel("laplacian"), [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
    for size in (3, 5):
        assert kernel("identity", size)[size // 2, size // 2] == 1 and kernel("identity", size).sum() == 1
        assert kernel("blur", size).sum() == pytest.approx(1) and np.ptp(kernel("blur", size)) == 0
        assert kernel("sharpen", size).sum() == pytest.approx(1)
        assert kernel("laplacian", size).sum() == 0
        vertical = kernel("vertical_edges", size)
        np.testing.assert_array_equal(vertical, -vertical[:, ::-1])  # antisymétrique
        np.testing.assert_array_equal(kernel("horizontal_edges", size), vertical.T)
        # Encre à gauche, pas d'encre à droite : réponse positive.
        edge = np.zeros((size, size))
        edge[:, : size // 2] = 1
        assert conv2d(edge, vertical)[0, 0] > 0
    assert set(KERNELS) == {"identity", "vertical_edges", "horizontal_edges", "blur", "sharpen",
                            "laplacian"}


# --- Messages d'erreur en français ------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: conv2d(np.zeros(5), np.ones((3, 3))), "L'image doit être un tableau 2D"),
    (lambda: conv2d(np.zeros((1, 5, 5, 1)), np.ones((3, 3))), "L'image doit être un tableau 2D"),
    (lambda: conv2d(np.zeros((5, 5, 3)), np.ones((3, 3))), "Un noyau 2D (3, 3) ne lit qu'un canal"),
    (lambda: conv2d(np.zeros((5, 5, 3)), np.ones((3, 3, 2, 4))), "Le noyau attend 2 canaux d'entrée"),
    (lambda: conv2d(np.zeros((5, 5, 2)), np.ones((3, 3, 1, 4))), "Le noyau attend 1 canal d'entrée"),
    (lambda: conv2d(np.zeros((5, 5)), np.ones((3, 3, 1))), "Le noyau doit être un tableau 2D"),
    (lambda: conv2d(np.zeros((5, 5)), np.ones((3, 3)), bias=[1, 2]), "une valeur par filtre (1)"),
    (lambda: conv2d(np.zeros((5, 5)), np.ones((3, 3)), stride=0), "Le pas doit être un entier"),
    (lambda: conv2d(np.zeros((5, 5)), np.ones((3, 3)), padding="full"), "Marge inconnue 'full'"),
    (lambda: conv2d(np.zeros((2, 5)), np.ones((3, 3))), "plus grand que l'entrée"),
    (lambda: conv2d(np.zeros((1, 5)), np.ones((3, 3))), "Le noyau (3 pixels) est plus grand que l'entrée (1 pixel)"),
    (lambda: conv2d(np.full((5, 5), np.nan), np.ones((3, 3))), "valeurs non finies"),
    (lambda: pool2d(np.zeros((4, 4)), kind="min"), "Pooling inconnu 'min'"),
    (lambda: pool2d(np.zeros((4, 4)), size=2.5), "La taille de la fenêtre doit être un entier"),
    (lambda: conv_window(np.zeros((5, 5)), np.ones((3, 3)), 3, 0), "hors de la carte de sortie (3 × 3)"),
    (lambda: pool_window(np.zeros((4, 4)), 0, 2), "hors de la carte de sortie (2 × 2)"),
    (lambda: shift(np.zeros((3, 3)), 1.5, 0), "nombre entier de pixels"),
    (lambda: change_ratio(np.zeros(3), np.zeros(4)), "n'ont pas la même forme"),
    (lambda: kernel("sobel"), "Noyau inconnu 'sobel'"),
    (lambda: kernel("blur", 7), "existe en 3 × 3 et 5 × 5"),
])
def test_bad_input_gets_a_french_message(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert message in str(error.value)


def test_loops_version_has_the_same_checks():
    with pytest.raises(ValueError, match="Le noyau attend 2 canaux"):
        conv.conv2d_loops(np.zeros((5, 5, 3)), np.ones((3, 3, 2, 1)))
