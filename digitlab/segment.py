"""Séparer les chiffres d'un nombre, de gauche à droite, et préparer chacun pour le réseau.

C'est le jumeau Python de ``docs/assets/demo/segment.js`` (mêmes règles, mêmes constantes), comparé
sur des fixtures partagées par ``tests/test_segment_parity.py``.

Deux entrées, deux méthodes :

- **le pad** donne des traits : :func:`group_strokes` réunit les traits qui se chevauchent
  horizontalement (la barre d'un 7, le drapeau d'un 5, les deux traits d'un 4 appartiennent au
  même chiffre) ; deux chiffres côte à côte ne se chevauchent pas ;
- **une photo** donne une image d'encre : :func:`split_ink` en fait des composantes connexes,
  réunies de la même façon par chevauchement horizontal.

Dans les deux cas, un groupe bien moins haut que le plus haut (un tiret, un point, un reste de
ligne) n'est pas un chiffre : les chiffres d'un nombre ont à peu près la même hauteur.

Un chiffre d'une photo est écrit au stylo, d'un trait bien plus fin que ceux de MNIST ou du pad :
:func:`normalize_stroke` le ramène à l'épaisseur du pad (``BRUSH_RATIO`` fois son plus grand
côté) avant le prétraitement à la MNIST (:func:`digit_inputs`).
"""

from __future__ import annotations

import math

import numpy as np

from .pad import BRUSH_RATIO
from .preprocess import preprocess, round_half_up

#: Deux morceaux sont du même chiffre si leurs étendues horizontales se recouvrent d'au moins
#: cette part de la plus étroite des deux.
OVERLAP = 0.3
#: Un morceau d'encre plus petit que cette part de l'encre totale est une poussière.
MIN_PIECE_SHARE = 0.01
#: Un groupe moins haut que cette part du plus haut n'est pas un chiffre : un tiret, un point, un
#: reste de ligne (les chiffres d'un nombre ont à peu près la même hauteur).
MIN_HEIGHT_SHARE = 0.4
#: Seuil d'encre des morceaux.
PIECE_THRESHOLD = 0.1
#: Côté (pixels) auquel on ramène un chiffre avant d'épaissir son trait.
STROKE_SIDE = 56


def _overlap(a0, a1, b0, b1):
    """Longueur du recouvrement de [a0, a1] et [b0, b1]."""
    return min(a1, b1) - max(a0, b0)


def _merge_by_overlap(spans):
    """Groupes d'indices dont les intervalles ``(début, fin)`` se recouvrent assez, de proche en
    proche ; groupes rangés de gauche à droite."""
    n = len(spans)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            a0, a1 = spans[i]
            b0, b1 = spans[j]
            narrow = min(a1 - a0, b1 - b0)
            if _overlap(a0, a1, b0, b1) >= OVERLAP * narrow:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    groups = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    # Après fusion, deux groupes peuvent encore se recouvrir : on recommence sur leurs étendues.
    merged = [sorted(g) for g in groups.values()]
    while True:
        ext = [(min(spans[i][0] for i in g), max(spans[i][1] for i in g)) for g in merged]
        joined = False
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                narrow = min(ext[i][1] - ext[i][0], ext[j][1] - ext[j][0])
                if _overlap(*ext[i], *ext[j]) >= OVERLAP * narrow:
                    merged[i] = sorted(merged[i] + merged[j])
                    del merged[j]
                    joined = True
                    break
            if joined:
                break
        if not joined:
            break
    ext = [(min(spans[i][0] for i in g), max(spans[i][1] for i in g)) for g in merged]
    order = sorted(range(len(merged)), key=lambda k: (ext[k][0] + ext[k][1], min(merged[k])))
    return [merged[k] for k in order]


def digit_sized(heights):
    """Indices des groupes assez hauts pour être des chiffres (voir :data:`MIN_HEIGHT_SHARE`)."""
    tallest = max(heights, default=0)
    return [k for k, h in enumerate(heights) if h >= MIN_HEIGHT_SHARE * tallest]


def group_strokes(strokes):
    """Traits du pad (listes de points ``(x, y)``) → groupes d'indices de traits, un par chiffre,
    de gauche à droite ; un tiret ou un point à côté des chiffres est laissé de côté."""
    spans = []
    for stroke in strokes:
        xs = [p[0] for p in stroke]
        spans.append((min(xs), max(xs)))
    groups = _merge_by_overlap(spans)
    heights = []
    for g in groups:
        ys = [p[1] for i in g for p in strokes[i]]
        heights.append(max(ys) - min(ys))
    return [groups[k] for k in digit_sized(heights)]


def split_ink(ink: np.ndarray):
    """Image d'encre (0 = papier) → liste de chiffres de gauche à droite, chacun
    ``{"box": (gauche, haut, droite, bas), "ink": image du chiffre seul}``."""
    from .photo import component_stats, label_components

    ink = np.asarray(ink, dtype=np.float64)
    labels, count = label_components(ink > PIECE_THRESHOLD)
    if count == 0:
        return []
    comps = component_stats(labels, count, ink, PIECE_THRESHOLD)
    total = sum(c["mass"] for c in comps)
    pieces = [c for c in comps if c["mass"] >= MIN_PIECE_SHARE * total]
    groups = _merge_by_overlap([(c["box"][0], c["box"][2]) for c in pieces])
    heights = [max(pieces[i]["box"][3] for i in g) - min(pieces[i]["box"][1] for i in g) for g in groups]
    digits = []
    for g in (groups[k] for k in digit_sized(heights)):
        members = [pieces[i] for i in g]
        left = min(c["box"][0] for c in members)
        top = min(c["box"][1] for c in members)
        right = max(c["box"][2] for c in members)
        bottom = max(c["box"][3] for c in members)
        keep = np.isin(labels[top:bottom, left:right], [c["label"] for c in members])
        digits.append({"box": (left, top, right, bottom),
                       "ink": np.where(keep, ink[top:bottom, left:right], 0.0)})
    return digits


def stroke_width(ink: np.ndarray, threshold: float = 0.5) -> float:
    """Épaisseur moyenne du trait : 2 × surface / périmètre (comptés en pixels) du masque d'encre."""
    mask = ink > threshold
    area = int(mask.sum())
    if area == 0:
        return 0.0
    padded = np.pad(mask, 1)
    perimeter = int((padded[1:, :] != padded[:-1, :]).sum() + (padded[:, 1:] != padded[:, :-1]).sum())
    return 2.0 * area / perimeter


def disk_offsets(radius: float):
    """Décalages ``(dy, dx)`` d'un disque de rayon ``radius`` (ligne par ligne)."""
    r = int(math.floor(radius))
    return [(dy, dx) for dy in range(-r, r + 1) for dx in range(-r, r + 1) if dy * dy + dx * dx <= radius * radius]


def dilate(ink: np.ndarray, radius: float) -> np.ndarray:
    """Dilatation en niveaux de gris par un disque : chaque pixel prend le maximum de ses voisins."""
    offsets = disk_offsets(radius)
    r = int(math.floor(radius))
    h, w = ink.shape
    padded = np.pad(ink, r)
    out = np.zeros_like(ink)
    for dy, dx in offsets:
        out = np.maximum(out, padded[r + dy:r + dy + h, r + dx:r + dx + w])
    return out


def normalize_stroke(ink: np.ndarray, side: int = STROKE_SIDE, ratio: float = BRUSH_RATIO) -> np.ndarray:
    """Ramène le chiffre à ``side`` pixels de plus grand côté (moyenne des surfaces), puis épaissit
    son trait jusqu'à ``ratio × side`` : l'épaisseur des traits du pad et des chiffres d'entraînement.

    L'épaisseur du trait est mesurée avant la réduction (un trait fin y fait plusieurs pixels ; une
    fois réduit, moins d'un), puis ramenée à la nouvelle échelle.
    """
    from .photo import _resize_axis

    h, w = ink.shape
    k = min(1.0, side / max(h, w))
    width = stroke_width(ink) * k
    if k < 1:
        oh, ow = max(1, round_half_up(h * k)), max(1, round_half_up(w * k))
        ink = _resize_axis(_resize_axis(ink[..., None], ow, 1), oh, 0)[..., 0]
        peak = ink.max()
        if peak > 0:
            ink = np.clip(ink / peak, 0.0, 1.0)
    else:
        ink = ink.copy()
    target = ratio * max(ink.shape)
    radius = (target - width) / 2
    if radius < 0.5:
        return ink
    margin = int(math.ceil(radius))
    return dilate(np.pad(ink, margin), radius)


def digit_inputs(ink: np.ndarray):
    """Image d'encre d'une région (un ou plusieurs chiffres) → ``[(boîte, image 28 × 28)]`` de
    gauche à droite ; les chiffres où il n'y a rien à lire sont omis."""
    out = []
    for digit in split_ink(ink):
        image = preprocess(normalize_stroke(digit["ink"]))
        if image is not None:
            out.append((digit["box"], image))
    return out
