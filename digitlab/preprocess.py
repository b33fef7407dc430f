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
# Minuscule décalage ajouté avant d'arrondir (voir :func:`round_half_up`).
ROUND_EPS = 1e-9
# Photos et scans : en dessous de ce niveau (fond ramené à 0, encre la plus forte à 1), c'est le
# grain ou l'ombre du papier, pas de l'encre. Le seuil réel s'adapte au bruit du bord de l'image.
PAPER_NOISE = 0.2
MAX_PAPER_NOISE = 0.5


def round_half_up(x: float) -> int:
    """Arrondi « au plus proche, moitié vers le haut », insensible aux erreurs d'arrondi flottant.

    Le centre de masse d'une image symétrique tombe souvent pile sur une demi-valeur (9,5) ;
    selon l'ordre des additions, Python et JavaScript obtiennent alors 9,499999… ou 9,500000…,
    et l'image serait décalée d'un pixel d'un côté et pas de l'autre. Le ``ROUND_EPS`` ajouté
    tranche toujours ces égalités dans le même sens.
    """
    return int(math.floor(x + 0.5 + ROUND_EPS))


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
        return box, max(1, round_half_up(box * w / h))
    return max(1, round_half_up(box * h / w)), box


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
    top = round_half_up(centre - cy)
    left = round_half_up(centre - cx)
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


def border_pixels(img: np.ndarray) -> np.ndarray:
    """Les pixels du bord : ligne du haut, ligne du bas, colonne de gauche, colonne de droite.

    (Les quatre coins comptent deux fois, dans cet ordre, exactement comme dans le jumeau JS.)
    """
    return np.concatenate([img[0, :], img[-1, :], img[:, 0], img[:, -1]])


def quantile(values: np.ndarray, q: float) -> float:
    """Quantile « au rang le plus proche » : la valeur de rang ``round_half_up(q * (n - 1))``."""
    ordered = np.sort(np.asarray(values, dtype=np.float64).ravel())
    return float(ordered[round_half_up(q * (ordered.size - 1))])


def gray_to_ink(gray: np.ndarray, invert="auto") -> np.ndarray:
    """Niveaux de gris (0 = noir, 1 = blanc) d'une photo ou d'un scan → encre (0 = fond, 1 = encre).

    Avec ``invert="auto"``, on regarde le bord de l'image : un bord clair (médiane > 0,5)
    signifie « encre sombre sur papier clair », et l'image est inversée. Le fond (médiane du
    bord) est ensuite ramené à 0 et l'encre la plus forte à 1. Enfin, ce qui reste sous le
    niveau de bruit du papier (au moins ``PAPER_NOISE``, davantage si le bord est très bruité,
    au plus ``MAX_PAPER_NOISE``) est effacé et le reste étalé de nouveau sur [0, 1] : le grain
    et les ombres douces du papier ne sont pas de l'encre.
    """
    gray = np.asarray(gray, dtype=np.float64)
    if gray.ndim != 2:
        raise ValueError(f"L'image doit être en deux dimensions (reçu : {gray.ndim}).")
    background = float(np.median(border_pixels(gray)))
    if invert == "auto":
        invert = background > 0.5
    ink = 1.0 - gray if invert else gray
    background = 1.0 - background if invert else background
    ink = ink - background
    peak = ink.max()
    if peak <= 0.05:
        return np.zeros_like(ink)
    ink = ink / peak
    # Niveau du bruit : 90 % des pixels du bord s'écartent du fond de moins que ``noise``.
    noise = quantile(np.abs(border_pixels(ink)), 0.9)
    floor = min(MAX_PAPER_NOISE, max(PAPER_NOISE, 2.0 * noise))
    return np.clip((ink - floor) / (1.0 - floor), 0.0, 1.0)
