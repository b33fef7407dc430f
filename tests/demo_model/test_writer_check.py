"""Le contrôle par scripteurs (digitlab.demo_model.writer_check) : images de la chaîne de la démo,
chiffres recomptés directement."""

import numpy as np
import pytest

from digitlab.demo_model import writer_check, writers
from digitlab.pad import BRUSH_RATIO


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


def test_first_series_hold_one_of_each_digit_per_writer(small_check):
    ws, items = small_check
    for series in (1, 2):
        subset = writer_check.subset_indices(items, 2, series)
        assert len(subset) == len(ws) * 10 * series
        for w in range(len(ws)):
            digits = sorted(items[k]["digit"] for k in subset if items[k]["writer"] == w)
            assert digits == sorted(list(range(10)) * series)


def test_same_digits_in_python_compares_page_and_python(small_check):
    _, items = small_check
    subset = writer_check.subset_indices(items, 2, 1)
    truth = [items[k]["digit"] for k in range(len(items))]
    python = list(truth)
    python[subset[0]] = (truth[subset[0]] + 1) % 10  # Python se trompe sur le premier chiffre de la série
    setup = {"seed": 17, "per_writer_and_class": 2, "writers": 4}
    results = {"python": {**setup, "predictions": "".join(map(str, python))}}
    page = [truth[k] for k in subset]  # la page lit tout juste
    same = writer_check.same_digits_in_python(results, setup, items, subset, page)
    assert same == {"accuracy": round(1 - 1 / len(subset), 5), "disagreements": 1}
    assert writer_check.same_digits_in_python(results, {**setup, "seed": 18}, items, subset, page) is None
    assert writer_check.same_digits_in_python({}, setup, items, subset, page) is None
