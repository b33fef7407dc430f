"""La confiance du modèle est-elle honnête ? Diagramme de fiabilité et erreur de calibration.

Quand le réseau annonce 90 % pour son meilleur chiffre, a-t-il raison neuf fois sur dix ? On range
les prédictions par tranche de confiance (la probabilité du chiffre choisi) et on compare, dans
chaque tranche, la confiance moyenne à l'exactitude réelle : c'est le **diagramme de fiabilité**.
L'**erreur de calibration attendue** (ECE, Naeini et al., 2015 ; Guo et al., 2017) en fait un seul
nombre : la moyenne, pondérée par le nombre de prédictions de chaque tranche, de l'écart
|exactitude − confiance|. Un modèle bien calibré a un diagramme sur la diagonale et une ECE proche
de 0.
"""

from __future__ import annotations

import numpy as np

#: Nombre de tranches de confiance, de même largeur sur [0, 1].
BINS = 10


def reliability(probs, labels, bins: int = BINS) -> dict:
    """Diagramme de fiabilité de ``probs`` (``(n, classes)``) pour les vraies classes ``labels``.

    Renvoie ``{"bins": [...], "ece": …, "count": n, "mean_confidence": …, "accuracy": …}`` ; chaque
    tranche non vide donne ``lower``, ``upper``, ``count``, ``confidence`` (moyenne) et
    ``accuracy``. Une confiance égale à une borne va dans la tranche du dessous (1,0 va dans la
    dernière), comme ``sklearn.calibration.calibration_curve``.
    """
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels).astype(int)
    if probs.ndim != 2 or len(probs) != len(labels) or len(labels) == 0:
        raise ValueError("Il faut un tableau de probabilités (n, classes) et n étiquettes, n > 0.")
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.searchsorted(edges[1:-1], confidence, side="left"), 0, bins - 1)
    out, ece = [], 0.0
    for b in range(bins):
        mask = index == b
        count = int(mask.sum())
        if count == 0:
            continue
        conf, acc = float(confidence[mask].mean()), float(correct[mask].mean())
        ece += count / len(labels) * abs(acc - conf)
        out.append({"lower": round(float(edges[b]), 4), "upper": round(float(edges[b + 1]), 4),
                    "count": count, "confidence": conf, "accuracy": acc})
    return {"bins": out, "ece": float(ece), "count": int(len(labels)),
            "mean_confidence": float(confidence.mean()), "accuracy": float(correct.mean())}
