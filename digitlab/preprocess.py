"""Prétraitement « à la MNIST » d'une image d'encre quelconque.

C'est le jumeau Python de ``docs/assets/demo/preprocess.js`` : les deux suivent pas à pas
le même algorithme et sont testés sur les mêmes fixtures (``tests/fixtures/preprocess/``).
Toute modification ici doit être reportée là-bas, et inversement.

Étapes, comme pour la fabrication de MNIST (LeCun et al., 1998) :

1. ``ink`` : une image en niveaux de gris, 0 = fond, 1 = encre (flottants).
2. On rogne à la boîte englobante de l'encre (pixels > ``INK_THRESHOLD``).
3. On réduit (ou agrandit) pour que le plus grand côté mesure ``BOX`` = 20 pixels, en gardant
   les proportions, par moyenne exacte des surfaces (anticrénelage « box filter »).
4. On place le résultat dans un carré de 28 × 28 de sorte que son centre de masse tombe au
   centre du carré (décalage entier, borné pour que rien ne sorte du cadre).
"""

from __future__ import annotations

import math

import numpy as np

SIZE = 28
BOX = 20
INK_THRESHOLD = 0.1
# Une image dont l'encre totale (somme des pixels après rognage) est sous ce seuil est vide.
MIN_INK = 1e-3


def ink_bbox(ink: np.ndarray, threshold: float = INK_THRESHOLD):
    """Boîte englobante ``(top, left, bottom, right)`` (bornes exclues) des pixels d'encre.

    Renvoie ``None`` si aucun pixel ne dépasse ``threshold``.
    """
    mask = ink > threshold
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(mask.any(axis=0))
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def area_weights(n_in: int, n_out: int) -> np.ndarray:
    """Matrice ``(n_out, n_in)`` du rééchantillonnage par moyenne de surfaces.

    Le pixel de sortie ``i`` couvre l'intervalle ``[i*s, (i+1)*s)`` de l'entrée, avec
    ``s = n_in / n_out`` ; son poids sur le pixel d'entrée ``j`` est la longueur du
    recouvrement de ``[j, j+1)`` avec cet intervalle, divisée par ``s``. Chaque ligne somme à 1.
    """
    scale = n_in / n_out
    weights = np.zeros((n_out, n_in), dtype=np.float64)
    for i in range(n_out):
        start, end = i * scale, (i + 1) * scale
        j0 = int(math.floor(start))
        j1 = min(int(math.ceil(end)), n_in)
        for j in range(j0, j1):
            overlap = min(end, j + 1) - max(start, j)
            if overlap > 0:
                weights[i, j] = overlap / scale
    return weights


def resize_area(img: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """Redimensionne ``img`` en ``(out_h, out_w)`` par moyenne exacte des surfaces."""
    wy = area_weights(img.shape[0], out_h)
    wx = area_weights(img.shape[1], out_w)
    return wy @ img.astype(np.float64) @ wx.T


def fitted_size(h: int, w: int, box: int = BOX):
    """Taille ``(h, w)`` après mise à l'échelle : plus grand côté = ``box``, proportions gardées."""
    if h >= w:
        return box, max(1, int(math.floor(box * w / h + 0.5)))
    return max(1, int(math.floor(box * h / w + 0.5))), box


def center_of_mass(img: np.ndarray):
    """Centre de masse ``(ligne, colonne)`` en indices de pixels."""
    total = img.sum()
    ys = np.arange(img.shape[0])
    xs = np.arange(img.shape[1])
    cy = float((img.sum(axis=1) * ys).sum() / total)
    cx = float((img.sum(axis=0) * xs).sum() / total)
    return cy, cx


def place_by_mass(small: np.ndarray, size: int = SIZE) -> np.ndarray:
    """Place ``small`` dans un carré ``size × size``, centre de masse au centre."""
    h, w = small.shape
    cy, cx = center_of_mass(small)
    # Dans MNIST, le centre de masse moyen tombe sur l'indice (14, 14) : on vise ce point.
    centre = size / 2
    top = int(math.floor(centre - cy + 0.5))
    left = int(math.floor(centre - cx + 0.5))
    top = min(max(top, 0), size - h)
    left = min(max(left, 0), size - w)
    out = np.zeros((size, size), dtype=np.float64)
    out[top:top + h, left:left + w] = small
    return out


def preprocess(ink: np.ndarray):
    """Image d'encre quelconque (2D, 0 = fond, 1 = encre) → image 28 × 28 ``float32`` dans [0, 1].

    Renvoie ``None`` quand il n'y a rien à lire (image vide).
    """
    ink = np.asarray(ink, dtype=np.float64)
    if ink.ndim != 2:
        raise ValueError(f"L'image doit être en deux dimensions (reçu : {ink.ndim}).")
    ink = np.clip(ink, 0.0, 1.0)
    bbox = ink_bbox(ink)
    if bbox is None:
        return None
    top, left, bottom, right = bbox
    crop = ink[top:bottom, left:right]
    if crop.sum() < MIN_INK:
        return None
    h, w = fitted_size(*crop.shape)
    small = resize_area(crop, h, w)
    out = place_by_mass(small)
    peak = out.max()
    if peak <= 0:
        return None
    # Le rééchantillonnage dilue l'encre des traits fins : on ramène le maximum à 1,
    # comme les chiffres de MNIST dont l'encre la plus dense vaut 255.
    out = out / peak
    return out.astype(np.float32)


def gray_to_ink(gray: np.ndarray, invert="auto") -> np.ndarray:
    """Niveaux de gris (0 = noir, 1 = blanc) d'une photo ou d'un scan → encre (0 = fond, 1 = encre).

    Avec ``invert="auto"``, on regarde le bord de l'image : un bord clair (médiane > 0,5)
    signifie « encre sombre sur papier clair », et l'image est inversée. Le fond (médiane du
    bord) est ensuite ramené à 0 et l'encre la plus forte à 1, pour effacer le grain du papier.
    """
    gray = np.asarray(gray, dtype=np.float64)
    border = np.concatenate([gray[0, :], gray[-1, :], gray[:, 0], gray[:, -1]])
    background = float(np.median(border))
    if invert == "auto":
        invert = background > 0.5
    ink = 1.0 - gray if invert else gray
    background = 1.0 - background if invert else background
    ink = ink - background
    peak = ink.max()
    if peak <= 0.05:
        return np.zeros_like(ink)
    return np.clip(ink / peak, 0.0, 1.0)
