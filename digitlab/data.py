"""Chargement de MNIST, avec les tableaux dans la disposition de ``keras.datasets.mnist``.

Ordre de recherche de :func:`load_mnist` :

1. le chemin passé en argument (``path=``) ;
2. la variable d'environnement ``DIGITLAB_MNIST`` (ou ``MNIST_PATH``) ;
3. ``../shared/datasets/mnist.npz`` à côté de la racine du projet ;
4. le cache de Keras (``~/.keras/datasets/mnist.npz``) puis son téléchargement ordinaire.

Chaque fichier trouvé est validé (clés, formes, types, étiquettes) : un fichier abîmé donne une
:class:`MnistError` en français qui dit quoi faire, jamais une trace NumPy obscure.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

from .fmt import plural_form

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_PATH = PROJECT_ROOT.parent / "shared" / "datasets" / "mnist.npz"
ENV_VARS = ("DIGITLAB_MNIST", "MNIST_PATH")
KEYS = ("x_train", "y_train", "x_test", "y_test")
#: La validation : des images d'entraînement mises de côté pour suivre l'apprentissage et faire les
#: choix (époque, réglages). Les mêmes pour les chapitres et pour le modèle de la démo.
VALIDATION_SIZE = 5000
VALIDATION_SEED = 20261122
EXPECTED = {
    "x_train": (60000, 28, 28),
    "y_train": (60000,),
    "x_test": (10000, 28, 28),
    "y_test": (10000,),
}


class MnistError(RuntimeError):
    """MNIST introuvable ou invalide ; le message dit ce qui a été essayé et comment corriger."""


def validate(arrays: dict, source: str = "MNIST", expected: dict | None = EXPECTED) -> None:
    """Vérifie les quatre tableaux ; lève :class:`MnistError` au premier défaut.

    ``expected=None`` n'impose pas les tailles officielles (utile pour de petits fichiers de
    test), mais vérifie toujours les clés, les types, les 28 × 28 et les étiquettes 0 à 9.
    """
    missing = [k for k in KEYS if k not in arrays]
    if missing:
        raise MnistError(f"{source} : {plural_form(len(missing), 'clé manquante', 'clés manquantes')} "
                         f"{', '.join(missing)} "
                         f"(attendu : {', '.join(KEYS)}).")
    for key in KEYS:
        a = arrays[key]
        if a.dtype != np.uint8:
            raise MnistError(f"{source} : « {key} » est de type {a.dtype}, attendu uint8.")
        if expected is not None and a.shape != expected[key]:
            raise MnistError(f"{source} : « {key} » a la forme {a.shape}, attendu {expected[key]}.")
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.ndim != 3 or x.shape[1:] != (28, 28):
            raise MnistError(f"{source} : les images « x_{split} » doivent être N × 28 × 28 "
                             f"(reçu {x.shape}).")
        if y.ndim != 1 or y.shape[0] != x.shape[0]:
            raise MnistError(f"{source} : {x.shape[0]} images mais {y.shape} étiquettes "
                             f"pour « {split} ».")
        if y.size and y.max() > 9:
            raise MnistError(f"{source} : étiquette {int(y.max())} hors de 0 à 9 dans « y_{split} ».")


def read_npz(path, expected: dict | None = EXPECTED):
    """Lit et valide un fichier ``.npz`` ; renvoie ``((x_train, y_train), (x_test, y_test))``."""
    path = Path(path)
    source = f"le fichier {path}"
    if not path.is_file():
        raise MnistError(f"{source} n'existe pas.")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files if k in KEYS}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as exc:
        raise MnistError(f"{source} est illisible ou tronqué ({type(exc).__name__}). "
                         "Supprimez-le et téléchargez-le à nouveau.") from exc
    validate(arrays, source, expected)
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def candidate_paths(path=None):
    """Les emplacements essayés, dans l'ordre, avec leur provenance (pour les messages)."""
    if path is not None:
        yield Path(path), "chemin donné en argument"
        return
    for var in ENV_VARS:
        value = os.environ.get(var)
        if value:
            yield Path(value), f"variable d'environnement {var}"
            return
    yield SHARED_PATH, "copie partagée du projet"


def _keras_download():
    """Le téléchargement ordinaire de Keras (mis en cache dans ``~/.keras/datasets``)."""
    from .quiet import import_keras  # import tardif, et en silence : TensorFlow est lourd et bavard

    return import_keras().datasets.mnist.load_data()


def load_mnist(path=None, download: bool = True):
    """Renvoie ``((x_train, y_train), (x_test, y_test))`` en ``uint8``, disposition Keras.

    Un chemin explicite ou une variable d'environnement qui pointe vers un fichier absent ou
    invalide est une erreur : on ne retombe pas en silence sur une autre copie.
    """
    tried = []
    for candidate, origin in candidate_paths(path):
        if candidate.is_file():
            return read_npz(candidate)
        if origin != "copie partagée du projet":
            raise MnistError(f"MNIST introuvable : {candidate} ({origin}) n'existe pas.")
        tried.append(f"{candidate} ({origin})")
    if download:
        try:
            (x_train, y_train), (x_test, y_test) = _keras_download()
        except Exception as exc:  # réseau absent, proxy, disque plein…
            tried.append(f"téléchargement Keras ({type(exc).__name__} : {exc})")
        else:
            arrays = dict(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
            validate(arrays, "MNIST téléchargé par Keras")
            return (x_train, y_train), (x_test, y_test)
    raise MnistError(
        "MNIST introuvable. Essayé : " + " ; ".join(tried) + ". "
        "Pour corriger : placez mnist.npz dans ../shared/datasets/, ou indiquez son chemin avec "
        "la variable d'environnement DIGITLAB_MNIST (ou l'argument path=), ou connectez-vous à "
        "Internet pour que Keras le télécharge."
    )


def validation_split(x, y, size: int = VALIDATION_SIZE, seed: int = VALIDATION_SEED):
    """Met de côté ``size`` images d'entraînement, tirées au hasard (``seed``), pour la validation.

    Renvoie ``((x_train, y_train), (x_val, y_val))`` : deux parts disjointes, dans un ordre fixé
    par la graine. Les chapitres et l'entraînement du modèle de la démo utilisent cette même
    séparation ; les 10 000 images de test, elles, ne servent qu'à la mesure finale.
    """
    order = np.random.default_rng(seed).permutation(len(x))
    val, train = order[:size], order[size:]
    return (x[train], y[train]), (x[val], y[val])
