"""Entraînement, évaluation et empreinte des modèles de la démo.

Règles du jeu :

- on entraîne sur les 60 000 images d'entraînement, dont on met de côté une validation fixe
  (:func:`digitlab.data.validation_split`, la même que celle des chapitres) qui sert aux choix (meilleure époque) ;
- les 10 000 images de test ne servent qu'une fois, pour les chiffres finaux ;
- l'ensemble d'entraînement est enrichi de formes européennes (:mod:`.augment`,
  :mod:`.strokes`), et chaque image est déformée à chaque époque.

L'empreinte (:mod:`.fingerprint`) résume cette configuration, le code qui fabrique les
poids et les données : si elle change, les artefacts de ``models/`` sont périmés et
``mkdocs build`` réentraîne (voir ``hooks/models.py``).
"""

from __future__ import annotations

import platform
import sys
import time

import numpy as np

from ..data import VALIDATION_SEED, VALIDATION_SIZE
from . import augment, strokes

CONFIG = {
    "cnn": {"epochs": 30, "batch_size": 128, "learning_rate": 2e-3, "label_smoothing": 0.05},
    "mlp": {"epochs": 30, "batch_size": 128, "learning_rate": 1e-3, "label_smoothing": 0.05},
    "seed": VALIDATION_SEED,
    "val_size": VALIDATION_SIZE,
    "european_mnist": {"ones": 2500, "sevens": 2500},
    "synthetic_per_class": 1500,
    "distort": {"max_rotation": 12.0, "max_shear": 0.3, "zoom": [0.85, 1.1], "max_shift": 2.5,
                "thickness_prob": 0.4},
    "uint8_tolerance_points": 0.04,
}


def training_data(x_train, y_train, seed: int = CONFIG["seed"]):
    """L'ensemble d'entraînement enrichi : MNIST + 1 et 7 européanisés + chiffres tracés au trait."""
    euro = CONFIG["european_mnist"]
    x_eu, y_eu = augment.europeanize(x_train, y_train, euro["ones"], euro["sevens"], seed + 1)
    x_syn, y_syn, _ = strokes.synthetic_digits(CONFIG["synthetic_per_class"], seed + 2)
    x = np.concatenate([x_train, x_eu, x_syn])
    y = np.concatenate([y_train, y_eu, y_syn])
    return x, y


def validation_sets(x_val, y_val, seed: int = CONFIG["seed"]):
    """Les jeux qui guident les choix : la validation MNIST et des chiffres tracés d'une autre graine."""
    x_syn, y_syn, styles = strokes.synthetic_digits(100, seed + 1000)
    return {"mnist": (x_val, y_val), "traits": (x_syn, y_syn, styles)}


def to_float(x):
    return (x.astype(np.float32) / 255.0)[..., None]


def _compile(model, cfg, steps_per_epoch):
    import tf_keras as keras

    schedule = keras.optimizers.schedules.CosineDecay(
        cfg["learning_rate"], decay_steps=cfg["epochs"] * steps_per_epoch, alpha=0.02)
    model.compile(optimizer=keras.optimizers.Adam(schedule),
                  loss=keras.losses.CategoricalCrossentropy(label_smoothing=cfg["label_smoothing"]),
                  metrics=["accuracy"])


def train_model(kind: str, x, y, x_val, y_val, seed: int = CONFIG["seed"], epochs=None, verbose=None):
    """Entraîne le modèle ``kind`` (« cnn » ou « mlp ») ; garde les poids de la meilleure époque
    sur la validation MNIST. Renvoie ``(modèle, historique, secondes)``."""
    import tensorflow as tf
    import tf_keras as keras

    from .architecture import BUILDERS

    if verbose is None:  # barre de progression dans un terminal, une ligne par époque dans un journal
        verbose = 1 if sys.stdout.isatty() else 2

    keras.utils.set_random_seed(seed)
    cfg = dict(CONFIG[kind])
    if epochs is not None:
        cfg["epochs"] = epochs
    model = BUILDERS[kind]()
    distort = CONFIG["distort"]

    def augment_batch(images, labels):
        return augment.random_distort(images, **distort), labels

    ds = (tf.data.Dataset.from_tensor_slices((to_float(x), keras.utils.to_categorical(y, 10)))
          .shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
          .batch(cfg["batch_size"])
          .map(augment_batch, num_parallel_calls=tf.data.AUTOTUNE)
          .prefetch(tf.data.AUTOTUNE))
    val = (to_float(x_val), keras.utils.to_categorical(y_val, 10))
    _compile(model, cfg, len(ds))
    keep = _keep_best_callback()
    start = time.perf_counter()
    history = model.fit(ds, epochs=cfg["epochs"], validation_data=val, callbacks=[keep], verbose=verbose)
    seconds = time.perf_counter() - start
    model.set_weights(keep.best_weights)
    hist = {k: [float(v) for v in vals] for k, vals in history.history.items()}
    hist["best_epoch"] = keep.best_epoch + 1
    return model, hist, seconds


def _keep_best_callback():
    """Rappel Keras : garde les poids de l'époque à la meilleure exactitude de validation."""
    import tf_keras as keras

    class KeepBest(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.best, self.best_epoch, self.best_weights = -1.0, -1, None

        def on_epoch_end(self, epoch, logs=None):
            acc = (logs or {}).get("val_accuracy", 0.0)
            if acc >= self.best:
                self.best, self.best_epoch = acc, epoch
                self.best_weights = self.model.get_weights()

    return KeepBest()


def evaluate(model, x, y, batch_size: int = 1000) -> dict:
    """Exactitude, exactitude par classe et matrice de confusion sur ``(x, y)``."""
    probs = model.predict(to_float(x), batch_size=batch_size, verbose=0)
    pred = probs.argmax(axis=1)
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (y.astype(int), pred), 1)
    per_class = (np.diag(confusion) / np.maximum(confusion.sum(axis=1), 1)).tolist()
    return {
        "accuracy": float((pred == y).mean()),
        "per_class_accuracy": [round(v, 5) for v in per_class],
        "confusion_matrix": confusion.tolist(),
        "errors": int((pred != y).sum()),
        "count": int(len(y)),
    }


def versions() -> dict:
    import tensorflow as tf
    import tensorflowjs
    import tf_keras

    return {"python": platform.python_version(), "numpy": np.__version__, "tensorflow": tf.__version__,
            "tf_keras": tf_keras.__version__, "tensorflowjs": tensorflowjs.__version__}
