"""Les méthodes de comparaison (digitlab.methods), jugées par scikit-learn, SciPy, NumPy ou par
les formules écrites directement, jamais par elles-mêmes."""

from __future__ import annotations

import time

import numpy as np
import pytest

from digitlab import methods


@pytest.fixture(scope="module")
def small_digits():
    """Les chiffres 8 × 8 de scikit-learn, agrandis en 28 × 28 : de vrais chiffres, sans MNIST."""
    from scipy import ndimage
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = ndimage.zoom(digits.images / 16.0, (1, 20 / 8, 20 / 8), order=1)
    padded = np.zeros((len(images), 28, 28))
    padded[:, 4:24, 4:24] = np.clip(images, 0, 1)
    return padded.reshape(len(images), -1), digits.target


def test_nearest_mean_agrees_with_scikit_learn_nearest_centroid(small_digits):
    from sklearn.neighbors import NearestCentroid

    x, y = small_digits
    ours = methods.NearestMean().fit(x[:1200], y[:1200]).predict(x[1200:])
    theirs = NearestCentroid().fit(x[:1200], y[:1200]).predict(x[1200:])
    np.testing.assert_array_equal(ours, theirs)


def test_nearest_mean_distances_are_squared_euclidean_distances():
    rng = np.random.default_rng(0)
    x, y = rng.random((40, 784)), np.repeat(np.arange(10), 4)
    reader = methods.NearestMean().fit(x, y)
    direct = np.array([[np.sum((xi - m) ** 2) for m in reader.means_] for xi in x[:5]])
    np.testing.assert_allclose(reader.distances(x[:5]), direct, rtol=1e-10)


def test_shift_images_moves_pixels_and_fills_with_background():
    img = np.arange(1, 26, dtype=np.uint8).reshape(1, 5, 5)
    down_right = methods.shift_images(img, 1, 2)
    expected = np.zeros_like(img)
    expected[0, 1:, 2:] = img[0, :4, :3]
    np.testing.assert_array_equal(down_right, expected)
    up_left = methods.shift_images(img, -2, -1)
    expected = np.zeros_like(img)
    expected[0, :3, :4] = img[0, 2:, 1:]
    np.testing.assert_array_equal(up_left, expected)
    assert not methods.shift_images(img, 5, 0).any()


def test_template_matcher_scores_are_correlations_with_the_best_shift():
    rng = np.random.default_rng(1)
    x, y = rng.random((30, 784)), np.repeat(np.arange(10), 3)
    matcher = methods.TemplateMatcher(max_shift=1).fit(x, y)
    image = x[7].reshape(1, 28, 28)
    means = np.stack([x[y == k].mean(axis=0) for k in range(10)])
    expected = np.full(10, -np.inf)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            moved = methods.shift_images(image, dy, dx).ravel()
            expected = np.maximum(expected, [np.corrcoef(moved, m)[0, 1] for m in means])
    np.testing.assert_allclose(matcher.scores(x[7:8])[0], expected, atol=1e-12)


def test_template_matcher_forgives_a_small_shift_and_the_amount_of_ink(small_digits):
    x, y = small_digits
    matcher = methods.TemplateMatcher(max_shift=2).fit(x, y)
    template = matcher.templates_[3].reshape(1, 28, 28)
    moved = methods.shift_images(template - template.min(), 2, -1).reshape(1, -1)
    assert matcher.predict(moved)[0] == 3
    assert matcher.scores(moved)[0, 3] == pytest.approx(matcher.scores(0.2 * moved)[0, 3])


@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_knn_vote_agrees_with_scikit_learn_for_every_k(small_digits, weights):
    from sklearn.neighbors import KNeighborsClassifier

    x, y = small_digits
    x_train, y_train, x_test = x[:1000], y[:1000], x[1000:1400]
    distances, indices = methods.knn_neighbors(x_train, x_test, k_max=9)
    for k in (1, 2, 3, 4, 6, 9):
        reference = KNeighborsClassifier(n_neighbors=k, weights=weights, algorithm="brute")
        expected = reference.fit(x_train, y_train).predict(x_test)
        np.testing.assert_array_equal(methods.knn_vote(distances, indices, y_train, k, weights),
                                      expected, err_msg=f"k = {k}, {weights}")


def test_knn_vote_with_a_neighbour_at_distance_zero_follows_it():
    distances = np.array([[0.0, 1.0, 1.0]])
    indices = np.array([[0, 1, 2]])
    y_train = np.array([5, 2, 2])
    assert methods.knn_vote(distances, indices, y_train, 3, "distance")[0] == 5
    assert methods.knn_vote(distances, indices, y_train, 3, "uniform")[0] == 2
    with pytest.raises(ValueError, match="Pondération inconnue"):
        methods.knn_vote(distances, indices, y_train, 3, "carré")


def test_rotate_images_turns_counterclockwise_around_the_centre():
    rng = np.random.default_rng(2)
    images = rng.random((3, 28, 28))
    np.testing.assert_allclose(methods.rotate_images(images, 90), np.rot90(images, 1, axes=(1, 2)),
                               atol=1e-9)
    np.testing.assert_allclose(methods.rotate_images(images, 0), images, atol=1e-12)
    # Un point juste au-dessus du centre part vers la gauche quand on tourne de +90°.
    dot = np.zeros((1, 28, 28))
    dot[0, 5, 13:15] = 1
    turned = methods.rotate_images(dot, 90)[0]
    row, col = np.unravel_index(turned.argmax(), turned.shape)
    assert 13 <= row <= 14 and col == 5


def test_augment_copies_keeps_the_originals_and_repeats_the_labels():
    rng = np.random.default_rng(3)
    images = rng.integers(0, 256, size=(4, 28, 28), dtype=np.uint8)
    labels = np.array([3, 1, 4, 1])
    x, y = methods.augment_copies(images, labels)
    factor = 1 + len(methods.AUGMENT_SHIFTS) + len(methods.AUGMENT_ANGLES)
    assert x.shape == (4 * factor, 28, 28) and x.dtype == np.uint8
    np.testing.assert_array_equal(x[:4], images)
    np.testing.assert_array_equal(y, np.tile(labels, factor))
    dy, dx = methods.AUGMENT_SHIFTS[0]
    np.testing.assert_array_equal(x[4:8], methods.shift_images(images, dy, dx))
    last = methods.rotate_images(images, methods.AUGMENT_ANGLES[-1])
    np.testing.assert_array_equal(x[-4:], np.clip(np.round(last), 0, 255).astype(np.uint8))


def test_split_cnn_branches_see_only_their_band():
    import tf_keras as keras

    model = methods.build_split_cnn()
    assert model.output_shape == (None, 10)
    rows = sorted(r for top, bottom in methods.SPLIT_BANDS for r in range(top, bottom))
    assert rows == list(range(28)), "les bandes doivent couvrir chaque ligne une seule fois"
    rng = np.random.default_rng(4)
    image = rng.random((1, 28, 28, 1)).astype(np.float32)
    for i, (top, bottom) in enumerate(methods.SPLIT_BANDS):
        branch = keras.Model(model.input, model.get_layer(f"resume{i}").output)
        changed = image.copy()
        changed[:, :top] = rng.random(changed[:, :top].shape)
        changed[:, bottom:] = rng.random(changed[:, bottom:].shape)
        np.testing.assert_allclose(branch(changed).numpy(), branch(image).numpy(), atol=1e-6)
        inside = image.copy()
        inside[:, top:bottom] = rng.random(inside[:, top:bottom].shape)
        assert not np.allclose(branch(inside).numpy(), branch(image).numpy(), atol=1e-6)


def test_check_images_are_a_sample_of_the_writer_check_preprocessed_like_mnist():
    from digitlab.demo_model import writer_check, writers

    images, digits, variants = methods.check_images(n_per_class=2)
    ws, items = writers.check_sample(2)
    assert images.shape == (20, 28, 28) and images.dtype == np.uint8
    assert digits.tolist() == [d for d in range(10) for _ in range(2)]
    assert variants.tolist() == [item["variant"] for item in items]
    np.testing.assert_array_equal(images, writer_check.images(ws, items))
    assert images.reshape(20, -1).max(axis=1).tolist() == [255] * 20
    again, _, _ = methods.check_images(n_per_class=2)
    np.testing.assert_array_equal(images, again)


def test_timed_returns_the_result_and_the_duration():
    result, seconds = methods.timed(lambda a, b=0: (time.sleep(0.02), a + b)[1], 2, b=3)
    assert result == 5
    assert 0.02 <= seconds < 1.0


def test_seconds_per_digit_calls_predict_one_image_at_a_time():
    seen = []

    def predict(batch):
        seen.append(batch.shape)
        time.sleep(0.002)
        return batch.sum()

    seconds = methods.seconds_per_digit(predict, np.zeros((10, 28, 28)), n=5, warmup=2)
    assert seen == [(1, 28, 28)] * 7
    assert 0.002 <= seconds < 0.5


def test_accuracy_is_the_share_of_right_answers():
    assert methods.accuracy([1, 2, 3, 4], [1, 2, 0, 4]) == 0.75
