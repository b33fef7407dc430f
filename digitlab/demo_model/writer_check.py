"""Le contrôle par scripteurs : les chiffres de :mod:`.writers` passés par la chaîne de la démo.

Traits → pinceau (:func:`.strokes.render`, le même rendu que les données d'entraînement au trait
et que le pad, à l'épaisseur de plume du scripteur) → prétraitement « à la MNIST »
(:func:`digitlab.preprocess.preprocess`, jumeau de ``preprocess.js``) → le modèle. Puis les
chiffres qui comptent : exactitude globale, par classe, par variante et **par scripteur**, le pire
d'abord, les confusions et la calibration.

``scripts/check_writers.py`` s'en sert pour publier les chiffres ; les tests des barres
(``tests/demo_model/test_artifacts.py``) pour les recalculer.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np

from ..pad import BRUSH_RATIO
from ..preprocess import preprocess
from .calibration import reliability
from .strokes import render


def images(writers, items, pen: str = "writer") -> np.ndarray:
    """Les images 28 × 28 ``uint8`` des chiffres ``items`` (voir :func:`.writers.check_digits`).

    ``pen="writer"`` : l'épaisseur de plume de chaque scripteur ; ``pen="demo"`` : celle du pad
    (``BRUSH_RATIO``), qui la normalise quelle que soit la main.
    """
    if pen not in ("writer", "demo"):
        raise ValueError(f"Plume inconnue « {pen} » : « writer » ou « demo ».")
    out = np.empty((len(items), 28, 28), dtype=np.uint8)
    for k, item in enumerate(items):
        ratio = writers[item["writer"]].pen_ratio if pen == "writer" else BRUSH_RATIO
        out[k] = np.round(preprocess(render(item["strokes"], ratio=ratio)) * 255).astype(np.uint8)
    return out


def _rate(flags):
    return round(float(np.mean(flags)), 5)


def summarize(writers, items, predictions, probabilities=None, worst: int = 5) -> dict:
    """Les chiffres du contrôle pour des ``predictions`` (une par item).

    ``probabilities`` (``(n, 10)``), si on les a, ajoutent la calibration et les erreurs commises
    avec assurance (confiance ≥ 0,9).
    """
    predictions = np.asarray(predictions).astype(int)
    digits = np.array([it["digit"] for it in items])
    owners = np.array([it["writer"] for it in items])
    variants = np.array([it["variant"] for it in items])
    correct = predictions == digits
    by_writer = []
    for i, writer in enumerate(writers):
        mask = owners == i
        if not mask.any():
            continue
        errors = Counter(f"{d}→{p}" for d, p in zip(digits[mask & ~correct], predictions[mask & ~correct]))
        by_writer.append({**writer.summary(), "accuracy": _rate(correct[mask]), "count": int(mask.sum()),
                          "errors": dict(errors.most_common())})
    by_writer.sort(key=lambda w: (w["accuracy"], w["name"]))
    per_variant = defaultdict(list)
    for v, ok in zip(variants, correct):
        per_variant[str(v)].append(ok)
    confusions = Counter(f"{d}→{p}" for d, p in zip(digits[~correct], predictions[~correct]))
    accuracies = np.array([w["accuracy"] for w in by_writer])
    out = {
        "accuracy": _rate(correct),
        "count": int(len(items)),
        "errors": int((~correct).sum()),
        "writers": len(by_writer),
        "per_class": {str(d): _rate(correct[digits == d]) for d in range(10) if (digits == d).any()},
        "per_variant": {v: {"accuracy": _rate(flags), "count": len(flags)} for v, flags in sorted(per_variant.items())},
        "writer_accuracy": {"min": float(accuracies.min()), "median": float(np.median(accuracies)),
                            "max": float(accuracies.max())},
        "worst_writers": [w["name"] for w in by_writer[:worst]],
        "by_writer": by_writer,
        "confusions": dict(confusions.most_common()),
    }
    if probabilities is not None:
        probabilities = np.asarray(probabilities, dtype=np.float64)
        confident = (~correct) & (probabilities.max(axis=1) >= 0.9)
        out["confident_errors"] = int(confident.sum())
        out["calibration"] = reliability(probabilities, digits)
    return out


def predict(model, x: np.ndarray, batch_size: int = 1000) -> np.ndarray:
    """Les probabilités d'un modèle Keras pour des images ``uint8`` 28 × 28."""
    return model.predict((x.astype(np.float32) / 255.0)[..., None], batch_size=batch_size, verbose=0)


def subset_indices(items, per_class: int, series: int):
    """Indices des ``series`` premières séries de dix chiffres (un de chaque) de chaque scripteur,
    dans l'ordre de :func:`.writers.check_digits` (``per_class`` chiffres par classe et par scripteur)."""
    return [k for k in range(len(items)) if (k % (10 * per_class)) < 10 * series]


def same_digits_in_python(results, setup, items, subset, predictions):
    """Sur les mêmes chiffres que la mesure dans la page : l'exactitude du rendu Python publié
    (``results["python"]``) et le nombre de chiffres où la page et Python ne répondent pas pareil.
    ``None`` si la mesure Python manque ou vient d'un autre tirage (``setup``)."""
    run = results.get("python")
    if (not run or any(run.get(k) != v for k, v in setup.items())
            or len(run.get("predictions", "")) != len(items)):
        return None
    python = np.array([int(run["predictions"][k]) for k in subset])
    truth = np.array([items[k]["digit"] for k in subset])
    page = np.asarray(predictions).astype(int)
    return {"accuracy": round(float(np.mean(python == truth)), 5), "disagreements": int(np.sum(python != page))}
