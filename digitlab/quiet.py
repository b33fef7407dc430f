"""Importer Keras 2 (``tf_keras``) dans un chapitre sans le bruit de TensorFlow.

Au chargement, TensorFlow écrit directement sur la sortie d'erreur du processus (le
descripteur 2, sans passer par Python) des messages en anglais qui ne concernent pas le
lecteur : bibliothèques CUDA introuvables, « Unable to register cuDNN factory »… Aucune
variable d'environnement ne les fait tous taire, et une page du site les afficherait en rouge.
:func:`import_keras` importe TensorFlow et ``tf_keras`` en redirigeant ce descripteur vers
``/dev/null`` le temps du chargement (et de la recherche des appareils de calcul), puis le
rétablit : les vraies erreurs qui suivent s'affichent normalement. :func:`import_tensorflowjs` fait de
même pour le convertisseur de TensorFlow.js.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys


@contextlib.contextmanager
def silenced_stderr():
    """Redirige le descripteur 2 (la sortie d'erreur, y compris celle du code C++) vers
    ``/dev/null`` dans le bloc ``with``, puis le rétablit."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def import_keras():
    """Renvoie le module ``tf_keras`` (Keras 2, celui des modèles de la démo), importé en silence."""
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with silenced_stderr():
        import tensorflow as tf
        import tf_keras

        tf.get_logger().setLevel("ERROR")
        tf.config.list_physical_devices()  # la recherche des GPU écrit elle aussi ses messages
        tf.constant(0.0) + 1.0  # premier calcul : initialise le moteur (et ses messages)
    return tf_keras


def import_tensorflowjs():
    """Renvoie le convertisseur ``tensorflowjs``, importé en silence : à son chargement, une de ses
    dépendances imprime en plus une publicité en anglais sur la sortie standard."""
    import_keras()
    with silenced_stderr(), contextlib.redirect_stdout(io.StringIO()):
        import tensorflowjs
        from tensorflowjs import quantization  # noqa: F401 - ce que le projet utilise
    return tensorflowjs
