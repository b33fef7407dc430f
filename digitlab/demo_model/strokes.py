"""Chiffres tracés au trait, dans les styles d'écriture européens.

MNIST a été écrit par des Américains : leurs 1 sont une simple barre, leurs 7 ne sont pas barrés,
la queue de leurs 9 est droite. Les lecteurs de ce site écrivent à l'européenne : un 1 avec une
longue attaque, un 7 barré, un 9 dont la queue s'enroule. Ce module fabrique de tels chiffres sous
forme de traits (listes de points), comme les produit le pad de dessin :

- chaque gabarit de :data:`STYLES` tire ses propres proportions (longueur de l'attaque d'un 1,
  crochet ou ondulation du haut d'un 7, taille de la boucle d'un 9, panse d'un 3…) ;
- :func:`sample_digit` tire un chiffre d'un style donné, déformé au hasard (inclinaison,
  proportions, rotation, tremblement doux de la main, traits posés à côté, et, si on le demande,
  tracé pauvre en points : :func:`simplify`) ;
- :func:`render` le dessine en image d'encre, avec une épaisseur proportionnelle à sa taille
  (``BRUSH_RATIO``, la même constante que ``docs/assets/demo/strokes.js``) ;
- :func:`synthetic_digits` en fait un lot d'images 28 × 28 prétraitées comme MNIST.

Ils servent à l'entraînement, et à lui seul. Le contrôle vient d'une autre main, écrite à part :
:mod:`.writers` (scripteurs simulés), qui ne partage avec ce module que le pinceau (:func:`render`).

Coordonnées : x vers la droite, y vers le bas, le gabarit tient dans le carré unité.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from ..preprocess import preprocess

# Largeur du trait rapportée au plus grand côté de la boîte des traits (même valeur en JS).
BRUSH_RATIO = 0.13


def _line(p, q, n=12):
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) * np.asarray(p, float) + t * np.asarray(q, float)


def _arc(cx, cy, rx, ry, a0, a1, n=40):
    """Arc d'ellipse, angles en degrés, sens trigonométrique à l'écran (y vers le bas)."""
    a = np.radians(np.linspace(a0, a1, n))
    return np.stack([cx + rx * np.cos(a), cy - ry * np.sin(a)], axis=1)


def _bezier(p0, p1, p2, n=30):
    t = np.linspace(0.0, 1.0, n)[:, None]
    p0, p1, p2 = (np.asarray(p, float) for p in (p0, p1, p2))
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t ** 2 * p2


def _join(*pieces):
    return np.concatenate(pieces, axis=0)


def _eight(r):
    """Un 8 d'un seul trait ; ``r`` choisit la largeur de la boucle du haut et la taille."""
    upper = r.uniform(0.7, 1.0)
    waist = r.uniform(0.4, 0.56)
    t = np.linspace(0, 2 * np.pi, 80)
    x = 0.5 + 0.32 * np.sin(2 * t) * np.where(np.cos(t) > 0, upper, 1.0)
    y = 0.5 - 0.5 * np.cos(t)
    y = np.where(y < 0.5, y / 0.5 * waist, waist + (y - 0.5) / 0.5 * (1 - waist))  # croisement déplacé
    return np.stack([x, y], axis=1)


def _wave(x0, x1, y, amplitude, waves, phase, n=30):
    """Une barre ondulée de ``x0`` à ``x1`` autour de la hauteur ``y``."""
    x = np.linspace(x0, x1, n)
    return np.stack([x, y + amplitude * np.sin(2 * np.pi * waves * (x - x0) / (x1 - x0) + phase)], axis=1)


def _bent(p, q, r, bulge=0.06, n=20):
    """Un segment de ``p`` à ``q``, un peu bombé (flèche tirée dans ±``bulge``)."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    normal = np.array([q[1] - p[1], p[0] - q[0]])
    mid = (p + q) / 2 + r.uniform(-bulge, bulge) * normal
    return _bezier(p, mid, q, n)


def _one_flag(r, short=False):
    """Le 1 à attaque : l'attaque (longue ou courte, plus ou moins couchée) puis la hampe."""
    length = r.uniform(0.15, 0.35) if short else r.uniform(0.25, 0.95)
    angle = math.radians(r.uniform(15, 65))
    top = (0.6, 0.0)
    start = (0.6 - length * math.cos(angle), length * math.sin(angle))
    return _join(_bent(start, top, r, 0.1), _line(top, (0.6 + r.uniform(-0.06, 0.06), 1.0)))


def _seven(r, top, barred=True):
    """Un 7 : la barre du haut ``top`` (traits), la hampe parfois courbe, et sa barre au milieu."""
    end = top[-1]
    foot = (r.uniform(0.25, 0.5), 1.0)
    stem = _bent(end, foot, r, 0.12)
    out = [_join(top, stem)]
    if barred:
        y = r.uniform(0.4, 0.65)
        x = stem[np.argmin(np.abs(stem[:, 1] - y)), 0]
        tilt = r.uniform(-0.05, 0.05)
        out.append(_line((x - r.uniform(0.1, 0.32), y + tilt), (x + r.uniform(0.08, 0.32), y - tilt)))
    return out


def _seven_hook(r):
    """La barre du haut d'un 7 qui commence par un crochet, droit ou enroulé."""
    depth = r.uniform(0.08, 0.45)
    start = (r.uniform(0.0, 0.25), depth)
    if r.random() < 0.5:
        hook = _line(start, (0.05, 0.0), 8)
    else:
        hook = _bezier(start, (r.uniform(-0.1, 0.05), r.uniform(0.0, depth)), (0.15, 0.0), 15)
    return _join(hook, _line(hook[-1], (0.92, r.uniform(-0.03, 0.03))))


def _four_one_stroke(r):
    """Le 4 d'un seul trait, haut ouvert : descendre, tourner, remonter la hampe, redescendre."""
    h = r.uniform(0.45, 0.72)
    x0 = r.uniform(0.05, 0.35)
    right = r.uniform(0.68, 0.85)
    if r.random() < 0.5:
        arm = _bezier((x0, 0.0), (r.uniform(0.0, 0.15), h + r.uniform(0.0, 0.1)), (0.45, h), 20)
    else:
        arm = _join(_line((x0, 0.0), (0.1, h)), _line((0.1, h), (0.45, h)))
    turn = (right, h - r.uniform(0.0, 0.1))
    summit = (right - r.uniform(0.0, 0.15), r.uniform(-0.05, 0.35))
    return [_join(arm, _line(arm[-1], turn), _line(turn, summit), _line(summit, (right + r.uniform(-0.05, 0.05), 1.0)))]


def _nine(r, tail):
    """Un 9 : une boucle (petite ou grande, parfois mal fermée) puis la queue ``tail(droite, bas)``."""
    ry = r.uniform(0.14, 0.3)
    rx = r.uniform(0.18, 0.34)
    cx, cy = 0.5, ry
    gap = r.uniform(-40, 15)  # degrés : < 0, la boucle ne se referme pas
    loop = _arc(cx, cy, rx, ry, 10, 370 + gap, 40)
    return [_join(loop, tail(loop[-1], cx + rx))]


def _nine_curved_tail(r):
    curl = r.uniform(0.1, 0.45)

    def tail(p, right):
        end = (0.5 - curl, r.uniform(0.85, 1.0))
        return _join(_bezier(p, (right + r.uniform(0.0, 0.12), r.uniform(0.85, 1.1)), (0.5, 1.0), 25),
                     _bezier((0.5, 1.0), (0.5 - curl / 2, 1.02), end, 8))

    return _nine(r, tail)


# Chaque style : une fonction qui, pour un générateur ``r``, renvoie les traits d'un gabarit ; les
# proportions propres à la forme (longueur d'une attaque, taille d'une boucle…) sont tirées là.
STYLES = {
    0: {
        "zero": lambda r: [_arc(0.5, 0.5, r.uniform(0.26, 0.42), 0.5, a := r.uniform(80, 110),
                                a + 360 + r.uniform(-25, 40))],
        "zero_etroit": lambda r: [_arc(0.5, 0.5, r.uniform(0.15, 0.26), 0.5, 90, 450 + r.uniform(-20, 30))],
    },
    1: {
        "un_europeen": lambda r: [_one_flag(r)],
        "un_europeen_court": lambda r: [_one_flag(r, short=True)],
        "un_socle": lambda r: [_one_flag(r), _line((r.uniform(0.2, 0.4), 1.0),
                                                   (r.uniform(0.8, 0.95), 1.0 + r.uniform(-0.04, 0.04)))],
        "un_baton": lambda r: [_bent((0.5, 0.0), (0.5 + r.uniform(-0.05, 0.05), 1.0), r, 0.04)],
    },
    2: {
        "deux": lambda r: [_join(_arc(0.5, ry := r.uniform(0.22, 0.34), 0.36, ry, 160, -30, 30),
                                 _line((0.81, ry * 1.5), (0.1, 1.0)),
                                 _line((0.1, 1.0), (0.92, 1.0 - r.uniform(-0.03, 0.08))))],
        "deux_boucle": lambda r: [_join(_arc(0.5, 0.3, 0.36, 0.3, 160, -30, 30),
                                        _line((0.81, 0.45), (0.2, 0.9)),
                                        _arc(0.25, 0.9, 0.12, 0.1, 150, 390, 20),
                                        _line((0.35, 0.95), (0.92, 1.0)))],
        "deux_anguleux": lambda r: [_join(_bezier((0.1, r.uniform(0.05, 0.2)), (0.5, -0.05), (0.85, 0.05), 15),
                                          _line((0.85, 0.05), (0.08, 1.0)),
                                          _line((0.08, 1.0), (0.93, r.uniform(0.92, 1.02))))],
    },
    3: {
        "trois": lambda r: [_join(_arc(0.45, top := r.uniform(0.2, 0.3), 0.35, top, 150, -90, 40),
                                  _arc(0.45, top * 2 + (1 - top * 2) / 2, 0.38, (1 - top * 2) / 2, 90, -150, 40))],
        "trois_plat": lambda r: [_join(_line((0.15, 0.0), (0.85, 0.0)),
                                       _line((0.85, 0.0), (0.4, m := r.uniform(0.35, 0.62))),
                                       _arc(0.45, (1 + m) / 2, r.uniform(0.2, 0.42), (1 - m) / 2, 80, -150, 40))],
    },
    4: {
        "quatre_ferme": lambda r: [_join(_line((0.65, 0.0), (0.05, h := r.uniform(0.55, 0.72))),
                                         _line((0.05, h), (0.95, h))),
                                   _line((0.68, r.uniform(0.0, 0.35)), (0.68, 1.0))],
        "quatre_ouvert": lambda r: [_join(_line((r.uniform(0.12, 0.35), 0.0), (0.12, h := r.uniform(0.5, 0.7))),
                                          _line((0.12, h), (0.95, h))),
                                    _line((0.7, r.uniform(-0.05, 0.3)), (0.7, 1.0))],
        "quatre_sans_lever": _four_one_stroke,
    },
    5: {
        "cinq": lambda r: [_join(_line((0.25, 0.0), (0.2, 0.45)),
                                 _arc(0.45, 0.68, r.uniform(0.28, 0.42), 0.32, 135, -140, 40)),
                           _line((0.25, 0.0), (0.85, r.uniform(-0.04, 0.06)))],
        "cinq_un_trait": lambda r: [_join(_line((0.85, 0.0), (0.25, 0.0)), _line((0.25, 0.0), (0.2, 0.45)),
                                          _arc(0.45, 0.68, r.uniform(0.28, 0.42), 0.32, 135, -140, 40))],
    },
    6: {
        "six": lambda r: [_join(_bezier((0.75, 0.0), (0.15, 0.2), (0.15, 1.0 - (ry := r.uniform(0.2, 0.33)))),
                                _arc(0.48, 1.0 - ry, 0.33, ry, 180, -180 + r.uniform(-30, 20), 50))],
    },
    7: {
        "sept": lambda r: _seven(r, _line((0.05, r.uniform(-0.04, 0.06)), (0.92, 0.0)), barred=False),
        "sept_barre": lambda r: _seven(r, _line((0.05, r.uniform(-0.04, 0.06)), (0.92, 0.0))),
        "sept_barre_crochet": lambda r: _seven(r, _seven_hook(r)),
        "sept_crochet": lambda r: _seven(r, _seven_hook(r), barred=False),
        "sept_barre_vague": lambda r: _seven(r, _wave(0.05, 0.92, 0.02, r.uniform(0.02, 0.13), r.uniform(0.5, 1.5),
                                                      r.uniform(-0.5, 0.5))),
    },
    8: {
        "huit": lambda r: [_eight(r)],
        "huit_boucles_separees": lambda r: [_arc(0.5, m := r.uniform(0.2, 0.27), 0.24, m, 90, 450, 40),
                                        _arc(0.5, m * 2 + (1 - 2 * m) / 2, 0.32, (1 - 2 * m) / 2, 90, 450, 40)],
    },
    9: {
        "neuf_queue_courbe": _nine_curved_tail,
        "neuf_crochet": lambda r: _nine(r, lambda p, right: _join(_bezier(p, (right, 0.85), (0.55, 1.0)),
                                                                 _line((0.55, 1.0), (0.38, 0.9), 6))),
        "neuf_droit": lambda r: _nine(r, lambda p, right: _line(p, (right - r.uniform(0.0, 0.3), 1.0))),
    },
}

# Les formes que MNIST n'a presque pas et que nos lecteurs écrivent.
EUROPEAN_STYLES = {"un_europeen", "un_europeen_court", "un_socle", "sept_barre", "sept_barre_crochet",
                   "sept_crochet", "sept_barre_vague", "neuf_queue_courbe", "neuf_crochet", "deux_boucle",
                   "deux_anguleux", "quatre_ouvert", "quatre_sans_lever", "trois_plat"}


def simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker : ne garde que les points qui s'écartent de plus de ``tolerance`` de la
    corde ; une courbe devient une ligne brisée à coins, comme un tracé pauvre en points."""
    if len(points) < 3 or tolerance <= 0:
        return points
    p, q = points[0], points[-1]
    d = q - p
    norm = math.hypot(*d)
    rel = points - p
    dist = np.abs(d[0] * rel[:, 1] - d[1] * rel[:, 0]) / norm if norm > 1e-12 else np.hypot(rel[:, 0], rel[:, 1])
    k = int(np.argmax(dist))
    if dist[k] <= tolerance:
        return np.stack([p, q])
    return np.concatenate([simplify(points[:k + 1], tolerance)[:-1], simplify(points[k:], tolerance)])


def _smooth_field(rng, amplitude):
    """Un petit champ de déplacement lisse : le tremblement d'une main qui n'est pas une règle."""
    kx, ky = rng.uniform(1.0, 3.0, size=2)
    phase = rng.uniform(0, 2 * np.pi, size=4)
    amp = rng.uniform(0, amplitude, size=2)

    def field(p):
        dx = amp[0] * np.sin(kx * np.pi * p[:, 1] + phase[0]) * np.cos(ky * np.pi * p[:, 0] + phase[1])
        dy = amp[1] * np.sin(ky * np.pi * p[:, 0] + phase[2]) * np.cos(kx * np.pi * p[:, 1] + phase[3])
        return p + np.stack([dx, dy], axis=1)

    return field


def sample_digit(digit: int, rng: np.random.Generator, style: str | None = None, styles=None,
                 wobble: float = 0.05, jitter: float = 0.0, placement: float = 0.012, sparse: float = 0.0):
    """Tire un chiffre ``digit`` au trait. Renvoie ``(style, traits)``.

    ``styles`` : le dictionnaire de gabarits (par défaut :data:`STYLES`) ; ``wobble`` : amplitude du
    tremblement lent de la main ; ``jitter`` : bruit point à point (une souris qui accroche) ;
    ``placement`` : écart type du décalage de chaque trait (un trait posé après coup tombe à côté) ;
    ``sparse`` : tolérance de :func:`simplify` (0 : tracé continu ; 0,05 : quelques segments droits).

    Chaque trait est un tableau ``(n, 2)`` de points ``(x, y)``, y vers le bas ; l'ensemble tient à
    peu près dans le carré unité (proportions conservées, pas forcément tout le carré).
    """
    styles = (STYLES if styles is None else styles)[digit]
    if style is None:
        style = rng.choice(sorted(styles))
    strokes = [s.copy() for s in styles[style](rng)]
    slant = rng.uniform(-0.5, 0.2)  # la plupart des droitiers penchent à droite (cisaillement < 0)
    angle = math.radians(rng.uniform(-10, 10))
    sx = rng.uniform(0.6, 1.25)
    sy = rng.uniform(0.9, 1.1)
    c, s = math.cos(angle), math.sin(angle)
    field = _smooth_field(rng, wobble)
    out = []
    for stroke in strokes:
        p = stroke + rng.normal(0, placement, size=2)  # chaque trait posé un peu à côté
        p = field(p)
        p = (p - 0.5) * [sx, sy]
        p[:, 0] = p[:, 0] + slant * p[:, 1]  # y vers le bas : cisaillement < 0, le haut part à droite
        p = p @ np.array([[c, s], [-s, c]])
        if jitter:
            p = p + rng.normal(0, jitter, size=p.shape)
        out.append(simplify(p, sparse) + 0.5)
    lo = np.min([p.min(axis=0) for p in out], axis=0)
    hi = np.max([p.max(axis=0) for p in out], axis=0)
    scale = 1.0 / max(hi - lo)
    return style, [(p - lo) * scale for p in out]


def render(strokes, size: int = 112, ratio: float = BRUSH_RATIO, supersample: int = 2):
    """Dessine des traits en image d'encre ``float64`` (0 = fond, 1 = encre), pinceau rond.

    Le chiffre est mis à l'échelle pour tenir dans ``size`` pixels avec une marge ; la largeur du
    trait vaut ``ratio`` fois le plus grand côté de la boîte des traits, comme dans le pad.
    """
    pts = np.concatenate(strokes)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    extent = max(float(max(hi - lo)), 1e-6)
    width = ratio * extent
    margin = width
    scale = size * supersample / (extent + 2 * margin)
    img = Image.new("L", (size * supersample, size * supersample), 0)
    draw = ImageDraw.Draw(img)
    w = max(1, int(round(width * scale)))
    for stroke in strokes:
        q = [((x - lo[0] + margin) * scale, (y - lo[1] + margin) * scale) for x, y in stroke]
        if len(q) > 1:
            draw.line(q, fill=255, width=w, joint="curve")
        for x, y in (q[0], q[-1]):
            draw.ellipse([x - w / 2, y - w / 2, x + w / 2, y + w / 2], fill=255)
    if supersample > 1:
        img = img.resize((size, size), Image.BOX)
    return np.asarray(img, dtype=np.float64) / 255.0


def synthetic_digits(n_per_class: int, seed: int, ratio_range=(0.09, 0.17), european_share: float = 0.7,
                     sparse_share: float = 0.0, max_placement: float = 0.012):
    """Un lot d'images 28 × 28 ``uint8`` tracées au trait et prétraitées comme MNIST.

    ``european_share`` : part des chiffres tirés dans les styles européens quand le chiffre en a ;
    ``sparse_share`` : part des chiffres au tracé pauvre en points (lignes brisées, voir
    :func:`simplify`) ; ``max_placement`` : décalage maximal des traits posés à part.
    Renvoie ``(images, labels, styles)``.
    """
    rng = np.random.default_rng(seed)
    images, labels, styles = [], [], []
    for digit in range(10):
        names = sorted(STYLES[digit])
        euro = [n for n in names if n in EUROPEAN_STYLES]
        plain = [n for n in names if n not in EUROPEAN_STYLES]
        for _ in range(n_per_class):
            pool = euro if (euro and (not plain or rng.random() < european_share)) else plain
            sparse = rng.uniform(0.01, 0.06) if rng.random() < sparse_share else 0.0
            style, strokes = sample_digit(digit, rng, rng.choice(pool), wobble=rng.uniform(0.02, 0.12),
                                          jitter=rng.uniform(0.0, 0.015), sparse=sparse,
                                          placement=rng.uniform(0.0, max_placement))
            ink = render(strokes, ratio=rng.uniform(*ratio_range))
            img = preprocess(ink)
            images.append(np.round(img * 255).astype(np.uint8))
            labels.append(digit)
            styles.append(style)
    return np.stack(images), np.array(labels, dtype=np.uint8), np.array(styles)
