"""Le diagramme de fiabilité et l'ECE (digitlab.demo_model.calibration), comparés à scikit-learn
et au calcul direct de la définition."""

import numpy as np
import pytest
from sklearn.calibration import calibration_curve

from digitlab.demo_model.calibration import reliability


def random_predictions(n=3000, seed=0, temperature=1.0):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 3, size=(n, 10))
    labels = rng.integers(0, 10, size=n)
    logits[np.arange(n), labels] += 3.0  # un classifieur correct, pas parfait
    probs = np.exp(logits / temperature)
    return probs / probs.sum(axis=1, keepdims=True), labels


def test_bins_match_scikit_learn():
    probs, labels = random_predictions()
    out = reliability(probs, labels, bins=10)
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    accuracy, mean_conf = calibration_curve(correct, confidence, n_bins=10, strategy="uniform")
    np.testing.assert_allclose([b["accuracy"] for b in out["bins"]], accuracy, atol=1e-12)
    np.testing.assert_allclose([b["confidence"] for b in out["bins"]], mean_conf, atol=1e-12)
    assert sum(b["count"] for b in out["bins"]) == len(labels) == out["count"]


def test_ece_is_the_weighted_gap():
    probs, labels = random_predictions(seed=1)
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    edges = np.linspace(0, 1, 16)
    ece = 0.0
    for lo, hi in zip(edges, edges[1:]):
        mask = (confidence > lo) & (confidence <= hi) if lo > 0 else (confidence <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    assert reliability(probs, labels, bins=15)["ece"] == pytest.approx(ece, abs=1e-12)


def test_a_calibrated_model_has_a_small_ece_and_an_overconfident_one_does_not():
    rng = np.random.default_rng(2)
    n = 20000
    confidence = rng.uniform(0.5, 1.0, size=n)
    labels = rng.integers(0, 10, size=n)
    right = rng.random(n) < confidence  # juste avec la probabilité annoncée
    predicted = np.where(right, labels, (labels + 1) % 10)
    probs = np.full((n, 10), 0.0)
    probs[np.arange(n), predicted] = confidence
    probs[np.arange(n), (predicted + 5) % 10] = 1 - confidence
    assert reliability(probs, labels)["ece"] < 0.02
    sharp = probs.copy()
    sharp[np.arange(n), predicted] = 0.99
    sharp[np.arange(n), (predicted + 5) % 10] = 0.01
    assert reliability(sharp, labels)["ece"] > 0.15


def test_bad_input_gets_a_french_message():
    with pytest.raises(ValueError, match="Il faut un tableau"):
        reliability(np.zeros((3, 10)), np.zeros(2))
