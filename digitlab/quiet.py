"""Importer TensorFlow et Keras sans le bruit qu'ils écrivent sur une machine sans carte graphique.

À l'import, TensorFlow écrit directement sur la sortie d'erreur du processus (descripteur 2,
sans passer par Python) une dizaine de lignes en anglais sur des bibliothèques CUDA absentes : ni
``TF_CPP_MIN_LOG_LEVEL`` ni aucune variable ne les fait taire. Dans un notebook, elles
s'afficheraient en rouge sous la cellule, et sur la page du site. :func:`import_keras` les écarte,
le temps de l'import et de l'initialisation des périphériques seulement : les vraies erreurs qui
suivent s'affichent comme d'habitude. :func:`import_tensorflowjs` fait de même pour le convertisseur
de TensorFlow.js.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys


@contextlib.contextmanager
def silenced_stderr():
    """Envoie la sortie d'erreur du processus (descripteur 2) vers ``/dev/null`` le temps du bloc."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            try:
                yield
            finally:
                sys.stderr.flush()
                os.dup2(saved, 2)
    finally:
        os.close(saved)


def import_keras():
    """Importe TensorFlow et Keras 2 (``tf_keras``, celui du projet) en silence ; renvoie ``(tf, keras)``."""
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with silenced_stderr():
        import tensorflow as tf
        import tf_keras as keras

        # Le premier calcul initialise les périphériques (et se plaint de l'absence de CUDA).
        float(tf.constant(1.0) + 1.0)
        tf.get_logger().setLevel("ERROR")
    return tf, keras


def import_tensorflowjs():
    """Importe le convertisseur ``tensorflowjs`` en silence (à son import, une dépendance imprime
    une publicité en anglais sur la sortie standard) ; renvoie le module."""
    import_keras()
    with silenced_stderr(), contextlib.redirect_stdout(io.StringIO()):
        import tensorflowjs
        from tensorflowjs import quantization  # noqa: F401 - ce que le projet utilise
    return tensorflowjs
