"""Entraînement, évaluation et empreinte des modèles de la démo.

Règles du jeu :

- on entraîne sur les 60 000 images d'entraînement, dont on met de côté une validation fixe
  (:func:`digitlab.data.validation_split`, la même que celle des chapitres) qui sert aux choix (meilleure époque) ;
- les 10 000 images de test ne servent qu'une fois, pour les chiffres finaux ;
- l'ensemble d'entraînement est enrichi de formes européennes (:mod:`.augment`,
  :mod:`.strokes` : 1 à longue attaque, 7 barrés au haut crocheté ou ondulé, 4 d'un trait, 9 à
  queue courbe, tracés pauvres en points…), et chaque image est déformée à chaque époque
  (déformation élastique pour la moitié des images, puis affine et épaisseur) ;
- le contrôle par scripteurs (:mod:`.writers`) n'y entre jamais : c'est un autre générateur.

L'empreinte (:mod:`.fingerprint`) résume cette configuration, le code qui fabrique les
poids et les données : si elle change, les artefacts de ``models/`` sont périmés et
``mkdocs build`` réentraîne (voir ``hooks/models.py``).
"""

from __future__ import annotations

import math
import platform
import sys
import time

import numpy as np

from ..data import VALIDATION_SEED, VALIDATION_SIZE
from . import augment, strokes

CONFIG = {
    # ``finish`` : quelques époques de finition à augmentation légère (``distort_finish``), qui
    # rendent au CNN l'exactitude MNIST que les déformations fortes lui coûtent.
    "cnn": {"epochs": 26, "batch_size": 128, "learning_rate": 2e-3, "label_smoothing": 0.05,
            "finish": {"epochs": 4, "learning_rate": 3e-4}},
    "mlp": {"epochs": 30, "batch_size": 128, "learning_rate": 1e-3, "label_smoothing": 0.05},
    "seed": VALIDATION_SEED,
    "val_size": VALIDATION_SIZE,
    "european_mnist": {"ones": 2500, "sevens": 2500},
    "synthetic": {"per_class": 2500, "sparse_share": 0.4, "max_placement": 0.04},
    "distort": {"max_rotation": 12.0, "max_shear": 0.3, "zoom": [0.85, 1.1], "max_shift": 2.5,
                "thickness_prob": 0.4, "elastic_prob": 0.5, "elastic_alpha": 1.2, "elastic_grid": 4},
    "distort_finish": {"max_rotation": 8.0, "max_shear": 0.2, "zoom": [0.9, 1.08], "max_shift": 2.0,
                       "thickness_prob": 0.3},
    "uint8_tolerance_points": 0.04,
}


def training_data(x_train, y_train, seed: int = CONFIG["seed"]):
    """L'ensemble d'entraînement enrichi : MNIST + 1 et 7 européanisés + chiffres tracés au trait."""
    euro = CONFIG["european_mnist"]
    x_eu, y_eu = augment.europeanize(x_train, y_train, euro["ones"], euro["sevens"], seed + 1)
    syn = CONFIG["synthetic"]
    x_syn, y_syn, _ = strokes.synthetic_digits(syn["per_class"], seed + 2, sparse_share=syn["sparse_share"],
                                               max_placement=syn["max_placement"])
    x = np.concatenate([x_train, x_eu, x_syn])
    y = np.concatenate([y_train, y_eu, y_syn])
    return x, y


def validation_sets(x_val, y_val, seed: int = CONFIG["seed"]):
    """Les jeux qui guident les choix : la validation MNIST et des chiffres tracés d'une autre graine."""
    syn = CONFIG["synthetic"]
    x_syn, y_syn, styles = strokes.synthetic_digits(100, seed + 1000, sparse_share=syn["sparse_share"],
                                                    max_placement=syn["max_placement"])
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


def _dataset(x, y, batch_size, distort, seed):
    """Le flux d'entraînement : mélangé à chaque époque, chaque lot déformé par ``distort``."""
    import tensorflow as tf  # noqa: F401 (garde l'empreinte du code des modèles commités)
    import tf_keras as keras

    def augment_batch(images, labels):
        return augment.random_distort(images, **distort), labels

    return (tf.data.Dataset.from_tensor_slices((to_float(x), keras.utils.to_categorical(y, 10)))
            .shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
            .batch(batch_size)
            .map(augment_batch, num_parallel_calls=tf.data.AUTOTUNE)
            .prefetch(tf.data.AUTOTUNE))


def train_model(kind: str, x, y, x_val, y_val, seed: int = CONFIG["seed"], epochs=None, verbose=None):
    """Entraîne le modèle ``kind`` (« cnn » ou « mlp ») ; garde les poids de la meilleure époque
    sur la validation MNIST, finition comprise. Renvoie ``(modèle, historique, secondes)``.

    ``epochs`` (essais rapides) remplace le nombre d'époques, et borne celui de la finition."""
    import tensorflow as tf  # noqa: F401 (garde l'empreinte du code des modèles commités)
    import tf_keras as keras

    from .architecture import BUILDERS

    if verbose is None:  # barre de progression dans un terminal, une ligne par époque dans un journal
        verbose = 1 if sys.stdout.isatty() else 2

    keras.utils.set_random_seed(seed)
    cfg = dict(CONFIG[kind])
    if epochs is not None:
        cfg["epochs"] = epochs
    model = BUILDERS[kind]()
    ds = _dataset(x, y, cfg["batch_size"], CONFIG["distort"], seed)
    val = (to_float(x_val), keras.utils.to_categorical(y_val, 10))
    _compile(model, cfg, len(ds))
    keep = _keep_best_callback()
    start = time.perf_counter()
    history = model.fit(ds, epochs=cfg["epochs"], validation_data=val, callbacks=[keep], verbose=verbose)
    hist = {k: [float(v) for v in vals] for k, vals in history.history.items()}
    finish = cfg.get("finish")
    if finish:
        fin = {**cfg, **finish}
        if epochs is not None:
            fin["epochs"] = min(fin["epochs"], epochs)
        ds = _dataset(x, y, cfg["batch_size"], CONFIG["distort_finish"], seed + 1)
        _compile(model, fin, len(ds))
        more = model.fit(ds, initial_epoch=cfg["epochs"], epochs=cfg["epochs"] + fin["epochs"],
                         validation_data=val, callbacks=[keep], verbose=verbose)
        for k, vals in more.history.items():
            hist[k] = hist.get(k, []) + [float(v) for v in vals]
    seconds = time.perf_counter() - start
    model.set_weights(keep.best_weights)
    hist["best_epoch"] = keep.best_epoch + 1
    return model, hist, seconds


def fit_temperature(logits, labels) -> float:
    """La température ``T`` qui minimise la log-vraisemblance négative de ``softmax(logits / T)``
    (Guo et al., 2017), cherchée sur une grille logarithmique de 0,2 à 5."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels).astype(int)
    grid = np.exp(np.linspace(math.log(0.2), math.log(5.0), 321))

    def nll(t):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        return float(-(z[np.arange(len(z)), labels] - np.log(np.exp(z).sum(axis=1))).mean())

    return float(grid[int(np.argmin([nll(t) for t in grid]))])


def calibrate_temperature(model, x, y) -> float:
    """Règle la confiance du modèle sur ``(x, y)`` (jamais le test) : divise les poids et le biais
    de la couche de sortie ``probs`` par la température ajustée, ce qui revient à diviser les logits.
    L'architecture ne change pas. Renvoie la température."""
    import tf_keras as keras

    last = model.get_layer("probs")
    features = keras.Model(model.inputs, last.input).predict(to_float(x), batch_size=1000, verbose=0)
    kernel, bias = last.get_weights()
    t = fit_temperature(features @ kernel + bias, y)
    last.set_weights([kernel / t, bias / t])
    return t


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
    import tensorflow as tf  # noqa: F401 (garde l'empreinte du code des modèles commités)
    import tensorflowjs
    import tf_keras

    return {"python": platform.python_version(), "numpy": np.__version__, "tensorflow": tf.__version__,
            "tf_keras": tf_keras.__version__, "tensorflowjs": tensorflowjs.__version__}
