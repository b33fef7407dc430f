"""Où vivent les modèles de la démo : une seule source pour chaque chemin de ``models/``.

``models/<kind>/keras.h5`` (le modèle Keras, poids quantifiés aller-retour), ``models/<kind>/tfjs/``
(l'export TensorFlow.js que charge la page) et ``models/metrics.json`` (les chiffres). Le site
publie chaque export sous ``models/<kind>/`` (voir ``hooks/models.py``), là où
``docs/assets/demo/model.js`` le cherche.
"""

from __future__ import annotations

from pathlib import Path

from ..data import PROJECT_ROOT

#: Les modèles de la démo : le réseau convolutif qui lit, le réseau dense qui sert de comparaison.
KINDS = ("cnn", "mlp")
MODELS_DIR = PROJECT_ROOT / "models"
METRICS_PATH = MODELS_DIR / "metrics.json"
#: Les chiffres mesurés par les scripts de ``scripts/``, que les pages du site affichent.
BENCHMARKS_DIR = PROJECT_ROOT / "docs" / "assets" / "benchmarks"


def model_dir(kind: str, root: Path = MODELS_DIR) -> Path:
    """Le dossier d'un modèle (``models/cnn``) ; refuse un nom inconnu."""
    if kind not in KINDS:
        raise ValueError(f"Modèle inconnu « {kind} » : choisissez parmi {', '.join(KINDS)}.")
    return Path(root) / kind


def keras_path(kind: str, root: Path = MODELS_DIR) -> Path:
    """Le modèle Keras (``models/cnn/keras.h5``)."""
    return model_dir(kind, root) / "keras.h5"


def tfjs_dir(kind: str, root: Path = MODELS_DIR) -> Path:
    """Le dossier de l'export TensorFlow.js (``models/cnn/tfjs``), avec ``model.json``."""
    return model_dir(kind, root) / "tfjs"
