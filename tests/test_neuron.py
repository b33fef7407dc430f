"""Tests du neurone seul (digitlab.neuron) : neurone formel, règle du perceptron, image
moyenne, et mesures (exactitude, précision, rappel) confrontées à scikit-learn."""

import numpy as np
import pytest

from digitlab.network import sigmoid
from digitlab.neuron import (
    Neuron,
    accuracy,
    confusion_counts,
    mean_image,
    plane_in_unit_cube,
    precision,
    recall,
    step,
    train_perceptron,
)


def test_step():
    np.testing.assert_array_equal(step([-2.0, 0.0, 1e-9, 3.0]), [0, 0, 1, 1])


def test_sigmoid_properties():
    z = np.linspace(-8, 8, 33)
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), atol=1e-15)  # symétrie
    assert sigmoid(0.0) == 0.5
    # Dérivée σ' = σ(1 − σ), contre les différences finies ; maximum 1/4 en 0.
    eps = 1e-6
    numeric = (sigmoid(z + eps) - sigmoid(z - eps)) / (2 * eps)
    np.testing.assert_allclose(numeric, sigmoid(z) * (1 - sigmoid(z)), atol=1e-9)
    assert numeric.max() == pytest.approx(0.25, abs=1e-9)


def test_neuron_weighted_sum():
    neuron = Neuron([0.5, -1.0, 2.0], bias=-0.25)
    x = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    expected = [0.5 * 1 - 1.0 * 2 + 2.0 * 3 - 0.25, -0.25]
    np.testing.assert_allclose(neuron.weighted_sum(x), expected)
    np.testing.assert_array_equal(neuron(x), [1, 0])
    assert Neuron([1.0], activation=sigmoid)(np.array([0.0])) == 0.5


def test_perceptron_rule_one_update():
    # Départ w = 0, b = 0 : score 0, réponse 0 ; la cible est 1, donc w ← w + η x, b ← b + η.
    neuron = Neuron([0.0, 0.0])
    history = train_perceptron(neuron, [[2.0, -1.0]], [1], learning_rate=0.5, max_epochs=1)
    np.testing.assert_allclose(neuron.weights, [1.0, -0.5])
    assert neuron.bias == 0.5
    assert len(history.snapshots) == 2 and history.errors == [1]


def separable_problem(seed, n=200, margin=0.1):
    """Des points de [0, 1]³ étiquetés par un plan connu, loin de ce plan d'au moins ``margin``."""
    rng = np.random.default_rng(seed)
    w_true, b_true = np.array([1.0, -1.0, -1.0]), -0.3
    x = rng.random((5 * n, 3))
    z = x @ w_true + b_true
    keep = np.abs(z) > margin
    x, z = x[keep][:n], z[keep][:n]
    return x, (z > 0).astype(int)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_perceptron_converges_on_separable_problem(seed):
    x, y = separable_problem(seed)
    assert 0 < y.sum() < len(y)  # les deux classes sont présentes
    neuron = Neuron(np.random.default_rng(seed).standard_normal(3))
    history = train_perceptron(neuron, x, y, learning_rate=1.0, max_epochs=500, seed=seed)
    assert history.converged
    assert history.errors[-1] == 0
    np.testing.assert_array_equal(neuron(x), y)
    np.testing.assert_array_equal(history.snapshots[-1][0], neuron.weights)


def test_perceptron_cannot_learn_xor():
    # Le « ou exclusif » n'est séparable par aucune droite : jamais de convergence.
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    history = train_perceptron(Neuron([0.0, 0.0]), x, [0, 1, 1, 0], max_epochs=50, seed=0)
    assert not history.converged
    assert len(history.errors) == 50 and min(history.errors) > 0


def test_plane_in_unit_cube():
    # Le plan R + V + B = 1,5 coupe le cube selon un hexagone régulier dont les sommets sont les
    # milieux de six arêtes, par exemple (1 ; 0,5 ; 0).
    polygon = plane_in_unit_cube([1.0, 1.0, 1.0], -1.5)
    assert polygon.shape == (6, 3)
    expected = {(1, 0.5, 0), (1, 0, 0.5), (0.5, 1, 0), (0, 1, 0.5), (0.5, 0, 1), (0, 0.5, 1)}
    assert {tuple(np.round(v, 9)) for v in polygon} == expected
    # Les sommets sont rangés dans l'ordre du tour : côtés consécutifs tous de même longueur.
    sides = np.linalg.norm(np.roll(polygon, -1, axis=0) - polygon, axis=1)
    np.testing.assert_allclose(sides, np.sqrt(0.5))
    # Le plan R = 0,25 coupe le cube selon un carré.
    square = plane_in_unit_cube([1.0, 0.0, 0.0], -0.25)
    assert square.shape == (4, 3) and np.allclose(square[:, 0], 0.25)
    # Un plan qui passe loin du cube : rien à dessiner.
    assert plane_in_unit_cube([1.0, 1.0, 1.0], 5.0) is None


def test_mean_image_against_loop():
    rng = np.random.default_rng(0)
    images = rng.random((20, 28, 28))
    labels = rng.integers(0, 3, 20)
    expected = np.zeros(784)
    count = 0
    for image, label in zip(images, labels):
        if label == 2:
            expected += image.ravel()
            count += 1
    np.testing.assert_allclose(mean_image(images, labels, 2), expected / count)
    with pytest.raises(ValueError, match="Aucune image"):
        mean_image(images, labels, 7)


def test_metrics_against_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(1)
    y_true = rng.random(500) < 0.1
    y_pred = rng.random(500) < 0.2
    c = confusion_counts(y_true, y_pred)
    tn, fp, fn, tp = metrics.confusion_matrix(y_true, y_pred).ravel()
    assert (c["tp"], c["fp"], c["fn"], c["tn"]) == (tp, fp, fn, tn)
    assert accuracy(y_true, y_pred) == pytest.approx(metrics.accuracy_score(y_true, y_pred))
    assert precision(y_true, y_pred) == pytest.approx(metrics.precision_score(y_true, y_pred))
    assert recall(y_true, y_pred) == pytest.approx(metrics.recall_score(y_true, y_pred))


def test_detector_that_always_says_no():
    metrics = pytest.importorskip("sklearn.metrics")
    y_true = np.array([1] * 10 + [0] * 90)
    never = np.zeros(100, dtype=int)
    assert accuracy(y_true, never) == 0.9  # 90 % d'exactitude…
    assert recall(y_true, never) == 0.0    # … sans jamais trouver un seul « oui »
    assert np.isnan(precision(y_true, never))
    assert np.isnan(metrics.precision_score(y_true, never, zero_division=np.nan))


def test_mean_image_detector_on_mnist(mnist_data):
    from digitlab.network import to_vectors

    (x_train, y_train), (x_test, y_test) = mnist_data
    x_train, x_test = to_vectors(x_train[:20000]), to_vectors(x_test)
    y_train = y_train[:20000]
    w = mean_image(x_train, y_train, 8)
    scores = x_train @ w
    # Seuil à mi-chemin entre le score moyen des 8 et celui des autres chiffres.
    threshold = (scores[y_train == 8].mean() + scores[y_train != 8].mean()) / 2
    detector = Neuron(w, bias=-threshold)
    is_8 = y_test == 8
    said_8 = detector(x_test).astype(bool)
    assert recall(is_8, said_8) > 0.6       # il trouve la plupart des 8…
    assert precision(is_8, said_8) < 0.5    # … mais crie souvent « 8 » à tort
    assert accuracy(is_8, said_8) < accuracy(is_8, np.zeros_like(is_8))  # battu par « jamais 8 »
