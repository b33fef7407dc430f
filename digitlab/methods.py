"""Comparer les méthodes de lecture des chiffres, sur les mêmes images et avec les mêmes règles.

Ce module réunit ce que partagent le chapitre « Comparer les méthodes » et le script
``scripts/compare_methods.py`` (qui mesure sur les 10 000 images de test ce que le chapitre ne
peut pas recalculer à chaque construction du site) :

1. deux lecteurs qui tiennent en quelques lignes : :class:`NearestMean` (le chiffre moyen le plus
   proche) et :class:`TemplateMatcher` (la corrélation avec un gabarit par chiffre, qu'on fait
   glisser de quelques pixels) ;
2. les **k plus proches voisins** : :func:`knn_neighbors` cherche les voisins une seule fois,
   :func:`knn_vote` fait voter les k premiers, pour chaque valeur de k qu'on veut essayer ;
3. l'**augmentation** par copies décalées et tournées : :func:`shift_images`,
   :func:`rotate_images`, :func:`augment_copies` ;
4. le **CNN « en bandes »** : :func:`build_split_cnn` lit le haut, le milieu et le bas de l'image
   séparément, puis combine ce que chaque branche a vu ;
5. les **chiffres de contrôle** européens en images : :func:`check_images` ;
6. la mesure du temps : :func:`timed` et :func:`seconds_per_digit`.

Conventions : pour les méthodes classiques, une image est un vecteur de 784 flottants entre 0 et 1
(:func:`digitlab.network.to_vectors`) ; pour Keras, un tableau ``(n, 28, 28, 1)``. Les étiquettes
sont des entiers de 0 à 9.
"""

from __future__ import annotations

import time

import numpy as np

from .network import to_vectors

N_CLASSES = 10


# ---------------------------------------------------------------------------------------------
# 1. Lecteurs simples
# ---------------------------------------------------------------------------------------------

class NearestMean:
    """Le lecteur du « chiffre moyen » : la classe dont l'image moyenne est la plus proche.

    Apprendre, c'est calculer dix moyennes ; lire, c'est mesurer dix distances (euclidiennes) et
    garder la plus petite.
    """

    def fit(self, x, y):
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y)
        self.means_ = np.stack([x[y == k].mean(axis=0) for k in range(N_CLASSES)])
        return self

    def distances(self, x):
        """Carré de la distance de chaque image à chaque moyenne, forme ``(n, 10)``.

        ‖x − m‖² = ‖x‖² − 2 x·m + ‖m‖² : un seul produit matriciel pour toutes les paires.
        """
        x = np.asarray(x, dtype=np.float64)
        return ((x ** 2).sum(axis=1)[:, None] - 2 * x @ self.means_.T
                + (self.means_ ** 2).sum(axis=1)[None, :])

    def predict(self, x):
        return self.distances(x).argmin(axis=1)


def shift_images(images, dy: int, dx: int):
    """Décale des images ``(n, h, w)`` de ``dy`` lignes vers le bas et ``dx`` colonnes vers la
    droite (valeurs négatives : vers le haut, vers la gauche). Ce qui sort est perdu, ce qui
    entre est du fond (0)."""
    images = np.asarray(images)
    out = np.zeros_like(images)
    h, w = images.shape[1:3]
    if abs(dy) >= h or abs(dx) >= w:
        return out
    src_y = slice(max(0, -dy), h - max(0, dy))
    dst_y = slice(max(0, dy), h - max(0, -dy))
    src_x = slice(max(0, -dx), w - max(0, dx))
    dst_x = slice(max(0, dx), w - max(0, -dx))
    out[:, dst_y, dst_x] = images[:, src_y, src_x]
    return out


def _standardize(vectors):
    """Chaque ligne centrée (moyenne 0) et de norme 1 : la corrélation devient un produit scalaire."""
    centred = vectors - vectors.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return centred / np.where(norms > 0, norms, 1.0)


class TemplateMatcher:
    """Un gabarit par chiffre (l'image moyenne), comparé par **corrélation**, en glissant l'image
    de ``-max_shift`` à ``+max_shift`` pixels dans chaque direction : le score d'une classe est
    la meilleure corrélation obtenue. Contrairement à :class:`NearestMean`, la corrélation ignore
    la quantité d'encre (un trait gras et un trait fin de même forme se valent), et le glissement
    pardonne un chiffre un peu décentré.
    """

    def __init__(self, max_shift: int = 2):
        self.max_shift = int(max_shift)

    def fit(self, x, y):
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y)
        means = np.stack([x[y == k].mean(axis=0) for k in range(N_CLASSES)])
        self.templates_ = _standardize(means)
        return self

    def shifts(self):
        r = range(-self.max_shift, self.max_shift + 1)
        return [(dy, dx) for dy in r for dx in r]

    def scores(self, x):
        """Meilleure corrélation de chaque image avec chaque gabarit, forme ``(n, 10)``."""
        x = np.asarray(x, dtype=np.float64)
        images = x.reshape(len(x), 28, 28)
        best = np.full((len(x), N_CLASSES), -np.inf)
        for dy, dx in self.shifts():
            moved = _standardize(shift_images(images, dy, dx).reshape(len(x), -1))
            np.maximum(best, moved @ self.templates_.T, out=best)
        return best

    def predict(self, x):
        return self.scores(x).argmax(axis=1)


# ---------------------------------------------------------------------------------------------
# 2. Les k plus proches voisins
# ---------------------------------------------------------------------------------------------

def knn_neighbors(x_train, x_query, k_max: int):
    """Distances et indices des ``k_max`` plus proches images d'entraînement de chaque requête,
    de la plus proche à la plus lointaine (recherche exhaustive de scikit-learn)."""
    from sklearn.neighbors import NearestNeighbors

    search = NearestNeighbors(n_neighbors=k_max, algorithm="brute").fit(x_train)
    return search.kneighbors(x_query)


def knn_vote(distances, indices, y_train, k: int, weights: str = "uniform"):
    """Le vote des ``k`` premiers voisins (voir :func:`knn_neighbors`).

    ``weights="uniform"`` : une voix par voisin ; ``"distance"`` : une voix de poids 1/distance,
    les voisins proches comptent davantage (un voisin à distance nulle l'emporte seul). En cas
    d'égalité, le plus petit chiffre gagne, comme dans scikit-learn.
    """
    if weights not in ("uniform", "distance"):
        raise ValueError(f"Pondération inconnue « {weights} » : « uniform » ou « distance ».")
    distances = np.asarray(distances, dtype=np.float64)[:, :k]
    labels = np.asarray(y_train)[np.asarray(indices)[:, :k]]
    if weights == "uniform":
        w = np.ones_like(distances)
    else:
        with np.errstate(divide="ignore"):
            w = 1.0 / distances
        exact = np.isinf(w).any(axis=1)
        w[exact] = (distances[exact] == 0).astype(np.float64)
    votes = np.zeros((len(labels), N_CLASSES))
    np.add.at(votes, (np.arange(len(labels))[:, None], labels), w)
    return votes.argmax(axis=1)


# ---------------------------------------------------------------------------------------------
# 3. Augmentation par copies décalées et tournées
# ---------------------------------------------------------------------------------------------

#: Les copies ajoutées : un pixel vers le haut, le bas, la gauche, la droite…
AUGMENT_SHIFTS = ((-1, 0), (1, 0), (0, -1), (0, 1))
#: … et deux rotations légères (degrés, sens trigonométrique).
AUGMENT_ANGLES = (-10.0, 10.0)


def rotate_images(images, degrees: float):
    """Tourne des images ``(n, h, w)`` de ``degrees`` autour de leur centre (interpolation
    bilinéaire, fond 0), sans changer leur taille. Renvoie des flottants."""
    from scipy import ndimage

    images = np.asarray(images, dtype=np.float64)
    return ndimage.rotate(images, degrees, axes=(2, 1), reshape=False, order=1, mode="constant",
                          cval=0.0)


def augment_copies(images, labels, shifts=AUGMENT_SHIFTS, angles=AUGMENT_ANGLES):
    """L'ensemble d'origine suivi de ses copies décalées puis tournées, étiquettes répétées.

    ``images`` : ``(n, 28, 28)``, en ``uint8`` (0 à 255) ou en flottants ; le type est gardé.
    La taille est multipliée par ``1 + len(shifts) + len(angles)`` (7 par défaut).
    """
    images = np.asarray(images)
    copies = [images] + [shift_images(images, dy, dx) for dy, dx in shifts]
    for angle in angles:
        turned = rotate_images(images, angle)
        if np.issubdtype(images.dtype, np.integer):
            turned = np.clip(np.round(turned), 0, np.iinfo(images.dtype).max)
        copies.append(turned.astype(images.dtype))
    return np.concatenate(copies), np.tile(np.asarray(labels), len(copies))


# ---------------------------------------------------------------------------------------------
# 4. Le CNN « en bandes »
# ---------------------------------------------------------------------------------------------

#: Les trois bandes de lignes (début inclus, fin exclue) : le haut, le milieu, le bas.
SPLIT_BANDS = ((0, 9), (9, 19), (19, 28))


def build_split_cnn(bands=SPLIT_BANDS, filters: int = 16, hidden: int = 32):
    """Un petit CNN qui lit chaque bande de lignes **séparément** : une branche par bande
    (deux convolutions 3 × 3, un pooling, une couche dense), puis une couche softmax qui combine
    les résumés des trois branches. Aucune convolution ne voit deux bandes à la fois : un trait
    qui passe d'une bande à l'autre est coupé en morceaux que seule la dernière couche réunit.
    """
    import os

    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    import tf_keras as keras
    from tf_keras import layers

    inputs = keras.Input((28, 28, 1), name="image")
    summaries = []
    for i, (top, bottom) in enumerate(bands):
        x = layers.Cropping2D(((top, 28 - bottom), (0, 0)), name=f"bande{i}")(inputs)
        x = layers.Conv2D(filters, 3, padding="same", activation="relu", name=f"conv{i}a")(x)
        x = layers.Conv2D(filters, 3, padding="same", activation="relu", name=f"conv{i}b")(x)
        x = layers.MaxPooling2D(2, name=f"pool{i}")(x)
        x = layers.Flatten(name=f"aplatir{i}")(x)
        summaries.append(layers.Dense(hidden, activation="relu", name=f"resume{i}")(x))
    x = layers.Concatenate(name="ensemble")(summaries)
    outputs = layers.Dense(N_CLASSES, activation="softmax", name="probs")(x)
    return keras.Model(inputs, outputs, name="cnn_en_bandes")


# ---------------------------------------------------------------------------------------------
# 5. Les chiffres de contrôle européens, en images
# ---------------------------------------------------------------------------------------------

def check_images(n_per_class: int = 30):
    """Des chiffres de contrôle européens, jamais vus à l'entraînement : un échantillon des
    scripteurs simulés de :mod:`digitlab.demo_model.writers` (la « seconde main » du projet,
    :func:`~digitlab.demo_model.writers.check_sample`), chacun tracé à l'épaisseur de plume de son
    scripteur puis prétraité comme MNIST (:func:`digitlab.demo_model.writer_check.images`).

    Renvoie ``(images uint8 (n, 28, 28), chiffres, variantes)``, classés par chiffre.
    """
    from .demo_model.writer_check import images
    from .demo_model.writers import check_sample

    writers, items = check_sample(n_per_class)
    digits = np.array([item["digit"] for item in items], dtype=np.uint8)
    variants = np.array([item["variant"] for item in items])
    return images(writers, items), digits, variants


# ---------------------------------------------------------------------------------------------
# 6. Le temps
# ---------------------------------------------------------------------------------------------

def timed(fn, *args, **kwargs):
    """Appelle ``fn(*args, **kwargs)`` ; renvoie ``(résultat, secondes écoulées)``."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def seconds_per_digit(predict, images, n: int = 50, warmup: int = 1) -> float:
    """Temps pour lire **un** chiffre : ``predict`` appelé sur une image à la fois (un lot de
    taille 1), pour ``n`` images ; renvoie la médiane en secondes (insensible à un à-coup).
    Les ``warmup`` premiers appels ne sont pas chronométrés (préparation des calculs)."""
    images = np.asarray(images)
    for i in range(warmup):
        predict(images[i:i + 1])
    durations = []
    for i in range(min(n, len(images))):
        start = time.perf_counter()
        predict(images[i:i + 1])
        durations.append(time.perf_counter() - start)
    return float(np.median(durations))


def accuracy(predicted, labels) -> float:
    """Part des réponses justes."""
    return float(np.mean(np.asarray(predicted) == np.asarray(labels)))


__all__ = [
    "AUGMENT_ANGLES", "AUGMENT_SHIFTS", "NearestMean", "SPLIT_BANDS", "TemplateMatcher",
    "accuracy", "augment_copies", "build_split_cnn", "check_images", "knn_neighbors", "knn_vote",
    "rotate_images", "seconds_per_digit", "shift_images", "timed", "to_vectors",
]
