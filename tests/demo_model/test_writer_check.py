"""Le contrôle par scripteurs (digitlab.demo_model.writer_check) : images de la chaîne de la démo,
chiffres recomptés directement."""

import numpy as np
import pytest

from digitlab.demo_model import writer_check, writers
from digitlab.demo_model.strokes import BRUSH_RATIO


@pytest.fixture(scope="module")
def small_check():
    return writers.check_digits(count=4, per_class=2, seed=17)


def test_images_go_through_the_demo_pipeline(small_check):
    ws, items = small_check
    x = writer_check.images(ws, items)
    assert x.shape == (80, 28, 28) and x.dtype == np.uint8
    assert (x.max(axis=(1, 2)) == 255).all()  # le prétraitement ramène l'encre la plus forte à 1
    thin = [w for w in ws if w.pen_ratio < BRUSH_RATIO - 0.02]
    if thin:  # le pinceau du pad épaissit les traits d'une plume fine
        k = [i for i, it in enumerate(items) if ws[it["writer"]] is thin[0]]
        demo = writer_check.images(ws, [items[i] for i in k], pen="demo")
        assert demo.astype(float).sum() > x[k].astype(float).sum()
    with pytest.raises(ValueError, match="Plume inconnue"):
        writer_check.images(ws, items, pen="feutre")


def test_summary_counts_match_a_direct_count(small_check):
    ws, items = small_check
    rng = np.random.default_rng(0)
    truth = np.array([it["digit"] for it in items])
    predictions = np.where(rng.random(len(items)) < 0.8, truth, (truth + 1) % 10)
    s = writer_check.summarize(ws, items, predictions)
    assert s["accuracy"] == pytest.approx((predictions == truth).mean(), abs=1e-5)
    assert s["errors"] == int((predictions != truth).sum())
    for w in s["by_writer"]:
        i = next(k for k, writer in enumerate(ws) if writer.name == w["name"])
        mask = np.array([it["writer"] == i for it in items])
        assert w["accuracy"] == pytest.approx((predictions[mask] == truth[mask]).mean(), abs=1e-5)
        assert sum(w["errors"].values()) == int((predictions[mask] != truth[mask]).sum())
    accuracies = [w["accuracy"] for w in s["by_writer"]]
    assert accuracies == sorted(accuracies)  # le pire d'abord
    assert s["worst_writers"][0] == s["by_writer"][0]["name"]
    for d in range(10):
        assert s["per_class"][str(d)] == pytest.approx((predictions[truth == d] == d).mean(), abs=1e-5)
    assert sum(s["confusions"].values()) == s["errors"]
