"""Augmentation des données : ce dont l'écriture manuscrite a besoin.

Deux familles :

- :func:`europeanize` transforme de vrais chiffres MNIST en formes européennes : une attaque
  ajoutée en haut des 1, une barre en travers des 7 (NumPy, une fois avant l'entraînement) ;
- :func:`random_distort` déforme chaque image à chaque époque (TensorFlow) : petite rotation,
  inclinaison, zoom, décalage, et épaisseur du trait (dilatation ou érosion douces).
"""

from __future__ import annotations

import math

import numpy as np

from ..preprocess import preprocess


def draw_segment(img: np.ndarray, p, q, width: float) -> None:
    """Trace en place un segment anticrénelé de ``p`` à ``q`` (``(ligne, colonne)``) sur ``img``."""
    ys, xs = np.mgrid[0:img.shape[0], 0:img.shape[1]]
    p, q = np.asarray(p, float), np.asarray(q, float)
    d = q - p
    length2 = float(d @ d) or 1e-9
    t = np.clip(((ys - p[0]) * d[0] + (xs - p[1]) * d[1]) / length2, 0, 1)
    dist = np.hypot(ys - (p[0] + t * d[0]), xs - (p[1] + t * d[1]))
    np.maximum(img, np.clip(width / 2 + 0.5 - dist, 0, 1), out=img)


def _stroke_width(img: np.ndarray) -> float:
    """Épaisseur moyenne du trait d'un chiffre : encre par ligne où il y a de l'encre."""
    rows = img.sum(axis=1)
    return float(np.clip(np.median(rows[rows > 0.5]), 1.5, 3.5))


def add_upstroke(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Un 1 américain (une barre) → un 1 européen, avec l'attaque qui descend vers la gauche."""
    out = img.astype(np.float64) / 255.0
    rows = np.flatnonzero(out.max(axis=1) > 0.4)
    top = rows[0]
    cols = np.flatnonzero(out[top] > 0.4)
    start = (top + 0.5, cols.mean())
    height = rows[-1] - rows[0]
    length = rng.uniform(0.3, 0.5) * height
    angle = math.radians(rng.uniform(25, 55))  # sous l'horizontale
    end = (start[0] + length * math.sin(angle), start[1] - length * math.cos(angle))
    draw_segment(out, start, end, _stroke_width(out) * rng.uniform(0.8, 1.1))
    return out


def add_crossbar(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Un 7 → un 7 barré : une barre horizontale en travers de la hampe, vers mi-hauteur."""
    out = img.astype(np.float64) / 255.0
    rows = np.flatnonzero(out.max(axis=1) > 0.4)
    cols_all = np.flatnonzero(out.max(axis=0) > 0.4)
    height = rows[-1] - rows[0]
    width_box = cols_all[-1] - cols_all[0] + 1
    y = int(round(rows[0] + rng.uniform(0.45, 0.62) * height))
    stem = np.flatnonzero(out[y] > 0.4)
    if stem.size == 0:
        return out
    x = stem.mean()
    half = rng.uniform(0.25, 0.4) * max(width_box, 8)
    tilt = rng.uniform(-1.0, 1.0)
    draw_segment(out, (y + tilt, x - half), (y - tilt, x + half), _stroke_width(out) * rng.uniform(0.8, 1.1))
    return out


def europeanize(x: np.ndarray, y: np.ndarray, n_ones: int, n_sevens: int, seed: int):
    """Tire des 1 et des 7 de ``(x, y)`` et en fait des formes européennes, prétraitées à nouveau.

    Renvoie ``(images uint8, étiquettes)`` ; les images d'origine ne sont pas modifiées.
    """
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for digit, count, transform in ((1, n_ones, add_upstroke), (7, n_sevens, add_crossbar)):
        idx = rng.choice(np.flatnonzero(y == digit), size=count, replace=False)
        for i in idx:
            ink = transform(x[i], rng)
            img = preprocess(ink)
            images.append(np.round(img * 255).astype(np.uint8))
            labels.append(digit)
    return np.stack(images), np.array(labels, dtype=np.uint8)


def affine_transforms(rotation_deg, shear, scale, tx, ty, size: int = 28):
    """Paramètres ``(n, 8)`` de ``ImageProjectiveTransformV3`` : pour chaque pixel de sortie
    ``(x, y)``, le point d'entrée lu est ``A · (x - c, y - c) + c + (tx, ty)``, avec
    ``A = R(rotation) · [[1, shear], [0, 1]] / scale`` et ``c`` le centre de l'image.

    (Tous les arguments sont des tenseurs de forme ``(n,)`` ; angles en degrés.)
    """
    import tensorflow as tf

    c = (size - 1) / 2
    rot = rotation_deg * (math.pi / 180)
    cos, sin = tf.cos(rot), tf.sin(rot)
    a0, a1 = cos / scale, (-sin + shear * cos) / scale
    b0, b1 = sin / scale, (cos + shear * sin) / scale
    a2 = c - a0 * c - a1 * c + tx
    b2 = c - b0 * c - b1 * c + ty
    zeros = tf.zeros_like(a0)
    return tf.stack([a0, a1, a2, b0, b1, b2, zeros, zeros], axis=1)


def apply_affine(images, transforms):
    """Applique les transformations (interpolation bilinéaire, fond noir) à ``(n, 28, 28, 1)``."""
    import tensorflow as tf

    return tf.raw_ops.ImageProjectiveTransformV3(
        images=images, transforms=transforms, output_shape=tf.shape(images)[1:3],
        fill_value=0.0, interpolation="BILINEAR", fill_mode="CONSTANT")


def random_distort(images, max_rotation=12.0, max_shear=0.3, zoom=(0.85, 1.1), max_shift=2.5,
                   thickness_prob=0.4):
    """Déforme un lot d'images ``(n, 28, 28, 1)`` ``float32`` dans [0, 1] (fonction TensorFlow).

    Une transformation affine aléatoire par image (rotation, inclinaison, zoom, décalage, autour
    du centre), puis, pour une partie des images, un trait plus épais ou plus fin.
    """
    import tensorflow as tf

    n = tf.shape(images)[0]
    transforms = affine_transforms(
        tf.random.uniform([n], -max_rotation, max_rotation), tf.random.uniform([n], -max_shear, max_shear),
        tf.random.uniform([n], zoom[0], zoom[1]), tf.random.uniform([n], -max_shift, max_shift),
        tf.random.uniform([n], -max_shift, max_shift))
    out = apply_affine(images, transforms)
    # Épaisseur : dilatation (trait plus gras) ou érosion (plus fin), mêlées à l'original.
    choice = tf.random.uniform([n, 1, 1, 1])
    dilated = tf.nn.max_pool2d(out, 2, 1, "SAME")
    eroded = -tf.nn.max_pool2d(-out, 2, 1, "SAME")
    mix = tf.random.uniform([n, 1, 1, 1], 0.5, 1.0)
    out = tf.where(choice < thickness_prob / 2, out * (1 - mix) + dilated * mix, out)
    out = tf.where((choice >= thickness_prob / 2) & (choice < thickness_prob),
                   out * (1 - mix) + eroded * mix, out)
    return tf.clip_by_value(out, 0.0, 1.0)
