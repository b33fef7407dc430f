"""Les deux modèles Keras de la démo : un réseau convolutif (CNN) et un réseau dense (MLP).

On utilise Keras 2 (« tf_keras ») et non Keras 3 : TensorFlow.js 4.22 ne sait pas charger un
modèle Keras 3 converti (issues tfjs #8328, #8358, #8494), alors qu'un modèle Keras 2 devient un
« layers model » TF.js dont on peut lire chaque couche intermédiaire (la vue « Ouvrir la boîte »).

Les noms des couches sont un contrat avec la démo : ``models/cnn/tfjs/inspect.json`` (écrit par
:mod:`digitlab.demo_model.export`) dit lesquelles montrer.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import tf_keras as keras  # noqa: E402
from tf_keras import layers  # noqa: E402

INPUT_SHAPE = (28, 28, 1)

# Les couches que la démo montre quand on « ouvre la boîte », avec leur libellé français.
CNN_INSPECT = [
    {"name": "relu1", "label": "Convolution 1 (32 filtres 5 × 5, après ReLU)", "kind": "conv"},
    {"name": "pool1", "label": "Pooling 1 (max 2 × 2)", "kind": "pool"},
    {"name": "relu2", "label": "Convolution 2 (64 filtres 3 × 3, après ReLU)", "kind": "conv"},
    {"name": "relu3", "label": "Convolution 3 (64 filtres 3 × 3, après ReLU)", "kind": "conv"},
    {"name": "pool2", "label": "Pooling 2 (max 2 × 2)", "kind": "pool"},
    {"name": "relu4", "label": "Convolution 4 (128 filtres 3 × 3, après ReLU)", "kind": "conv"},
    {"name": "pool3", "label": "Pooling 3 (max 2 × 2)", "kind": "pool"},
    {"name": "probs", "label": "Sortie (probabilités des 10 chiffres)", "kind": "dense"},
]


def _conv(x, index: int, filters: int, kernel: int):
    """Convolution sans biais (la normalisation en tient lieu) → normalisation de lot → ReLU."""
    x = layers.Conv2D(filters, kernel, padding="same", use_bias=False, name=f"conv{index}")(x)
    x = layers.BatchNormalization(name=f"bn{index}")(x)
    return layers.Activation("relu", name=f"relu{index}")(x)


def build_cnn(dropout: float = 0.4) -> keras.Model:
    """Le CNN : quatre convolutions et trois max-poolings, une couche dense, la sortie softmax.

    28 × 28 × 1 → 14 × 14 × 32 → 7 × 7 × 64 → 3 × 3 × 128 → 128 → 10, environ 280 000 paramètres.
    """
    inputs = keras.Input(INPUT_SHAPE, name="image")
    x = _conv(inputs, 1, 32, 5)
    x = layers.MaxPooling2D(2, name="pool1")(x)
    x = _conv(x, 2, 64, 3)
    x = _conv(x, 3, 64, 3)
    x = layers.MaxPooling2D(2, name="pool2")(x)
    x = _conv(x, 4, 128, 3)
    x = layers.MaxPooling2D(2, name="pool3")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(128, activation="relu", name="dense1")(x)
    x = layers.Dropout(dropout, name="dropout")(x)
    outputs = layers.Dense(10, activation="softmax", name="probs")(x)
    return keras.Model(inputs, outputs, name="cnn")


def build_mlp(dropout: float = 0.3) -> keras.Model:
    """Le réseau dense de comparaison : 784 → 256 → 128 → 10, sans convolution."""
    inputs = keras.Input(INPUT_SHAPE, name="image")
    x = layers.Flatten(name="flatten")(inputs)
    x = layers.Dense(256, activation="relu", name="dense1")(x)
    x = layers.Dropout(dropout, name="dropout1")(x)
    x = layers.Dense(128, activation="relu", name="dense2")(x)
    x = layers.Dropout(dropout, name="dropout2")(x)
    outputs = layers.Dense(10, activation="softmax", name="probs")(x)
    return keras.Model(inputs, outputs, name="mlp")


BUILDERS = {"cnn": build_cnn, "mlp": build_mlp}
