"""Où vivent les modèles de la démo : une seule source pour chaque chemin de ``models/``.

``models/<kind>/keras.h5`` (le modèle Keras, poids quantifiés aller-retour), ``models/<kind>/tfjs/``
(l'export TensorFlow.js que charge la page) et ``models/metrics.json`` (les chiffres). Le site
publie chaque export sous ``models/<kind>/`` (voir ``hooks/models.py``), là où
``docs/assets/demo/model.js`` le cherche.
"""

from __future__ import annotations

from pathlib import Path

from ..data import PROJECT_ROOT
from ..errors import MessageOnly

#: Les modèles de la démo : le réseau convolutif qui lit, le réseau dense qui sert de comparaison.
KINDS = ("cnn", "mlp")
MODELS_DIR = PROJECT_ROOT / "models"
METRICS_PATH = MODELS_DIR / "metrics.json"
#: Les chiffres mesurés par les scripts de ``scripts/``, que les pages du site affichent.
BENCHMARKS_DIR = PROJECT_ROOT / "docs" / "assets" / "benchmarks"


class ProjectFilesMissing(MessageOnly, FileNotFoundError):
    """Des fichiers du dépôt introuvables : un chapitre exécuté hors d'une copie du dépôt (ou avec
    un paquet installé par « pip install . » au lieu de « pip install -e . »). Jupyter n'en montre
    que le message."""


def require_project_files(*paths: Path) -> None:
    """Vérifie que les fichiers du dépôt qu'un chapitre lit (modèles de la démo, mesures publiées)
    sont là ; sinon :class:`ProjectFilesMissing`, avec ce qu'il faut faire, en français."""
    missing = [Path(p) for p in paths if not Path(p).exists()]
    if missing:
        names = ", ".join(str(p.relative_to(PROJECT_ROOT)) if p.is_relative_to(PROJECT_ROOT) else str(p)
                          for p in missing)
        raise ProjectFilesMissing(
            f"Fichiers du projet introuvables dans {PROJECT_ROOT}\u00a0: {names}. Ce chapitre lit les modèles "
            "de la démo et les mesures publiées du dépôt\u202f; exécutez-le dans une copie du dépôt, où le "
            "paquet est installé par «\u202fpip install -e .\u202f» (voir «\u202fExécuter les chapitres chez "
            "soi\u202f» sur la page d'accueil du site).")


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
