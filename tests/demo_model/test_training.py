"""Réglage de la température (digitlab.demo_model.training) : comparé à un optimiseur de SciPy et
au calcul direct du softmax."""

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from digitlab.demo_model import training


def sampled_labels(logits, rng):
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    return np.array([rng.choice(10, p=row) for row in p])


def test_fit_temperature_finds_the_minimum_of_the_nll():
    rng = np.random.default_rng(0)
    true_logits = rng.normal(0, 2.5, size=(4000, 10))
    labels = sampled_labels(true_logits, rng)
    shown = 2.0 * true_logits  # un modèle deux fois trop sûr de lui

    def nll(t):
        z = shown / t
        z = z - z.max(axis=1, keepdims=True)
        return -(z[np.arange(len(z)), labels] - np.log(np.exp(z).sum(axis=1))).mean()

    reference = minimize_scalar(nll, bounds=(0.2, 5.0), method="bounded").x
    t = training.fit_temperature(shown, labels)
    assert t == pytest.approx(reference, rel=0.02)
    assert t == pytest.approx(2.0, rel=0.1)


def test_calibrate_temperature_divides_the_logits_of_the_output_layer():
    import tf_keras as keras

    keras.utils.set_random_seed(1)
    inputs = keras.Input((28, 28, 1), name="image")
    hidden = keras.layers.Dense(16, activation="relu")(keras.layers.Flatten()(inputs))
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax", name="probs")(hidden))
    rng = np.random.default_rng(2)
    x = rng.integers(0, 256, size=(300, 28, 28)).astype(np.uint8)
    y = rng.integers(0, 10, size=300)
    features = keras.Model(model.inputs, model.get_layer("probs").input).predict(training.to_float(x), verbose=0)
    kernel, bias = model.get_layer("probs").get_weights()
    logits = features @ kernel + bias
    t = training.calibrate_temperature(model, x, y)
    assert t == pytest.approx(training.fit_temperature(logits, y))
    z = logits / t
    expected = np.exp(z - z.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(model.predict(training.to_float(x), verbose=0), expected, atol=1e-5)
