"""Chiffres tracés au trait, dans les styles d'écriture européens.

MNIST a été écrit par des Américains : leurs 1 sont une simple barre, leurs 7 ne sont pas barrés,
la queue de leurs 9 est droite. Les lecteurs de ce site écrivent à l'européenne : un 1 avec une
longue attaque, un 7 barré, un 9 dont la queue s'enroule. Ce module fabrique de tels chiffres sous
forme de traits (listes de points), comme les produit le pad de dessin :

- :func:`sample_digit` tire un chiffre d'un style donné, déformé au hasard (inclinaison,
  proportions, rotation, tremblement doux de la main) ;
- :func:`render` le dessine en image d'encre, avec une épaisseur proportionnelle à sa taille
  (``BRUSH_RATIO``, la même constante que ``docs/assets/demo/strokes.js``) ;
- :func:`synthetic_digits` en fait un lot d'images 28 × 28 prétraitées comme MNIST.

Ils servent à deux choses : enrichir l'entraînement du modèle, et vérifier (avec une autre graine,
tracés à la souris dans le vrai pad) que la démo lit ces formes.

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


def _eight():
    t = np.linspace(0, 2 * np.pi, 80)
    x = 0.5 + 0.32 * np.sin(2 * t) * np.where(np.cos(t) > 0, 0.8, 1.0)
    y = 0.5 - 0.5 * np.cos(t)
    return np.stack([x, y], axis=1)


# Chaque style : une fonction qui renvoie la liste des traits du gabarit.
STYLES = {
    0: {
        "zero": lambda: [_arc(0.5, 0.5, 0.34, 0.5, 100, 465)],
        "zero_etroit": lambda: [_arc(0.5, 0.5, 0.24, 0.5, 90, 450)],
    },
    1: {
        "un_europeen": lambda: [_join(_line((0.15, 0.42), (0.62, 0.0)), _line((0.62, 0.0), (0.62, 1.0)))],
        "un_europeen_court": lambda: [_join(_line((0.3, 0.25), (0.6, 0.0)), _line((0.6, 0.0), (0.6, 1.0)))],
        "un_socle": lambda: [_join(_line((0.2, 0.35), (0.58, 0.0)), _line((0.58, 0.0), (0.58, 1.0))),
                             _line((0.25, 1.0), (0.9, 1.0))],
        "un_baton": lambda: [_line((0.5, 0.0), (0.5, 1.0))],
    },
    2: {
        "deux": lambda: [_join(_arc(0.5, 0.3, 0.36, 0.3, 160, -30, 30),
                               _line((0.81, 0.45), (0.1, 1.0)), _line((0.1, 1.0), (0.92, 1.0)))],
        "deux_boucle": lambda: [_join(_arc(0.5, 0.3, 0.36, 0.3, 160, -30, 30),
                                      _line((0.81, 0.45), (0.2, 0.9)),
                                      _arc(0.25, 0.9, 0.12, 0.1, 150, 390, 20),
                                      _line((0.35, 0.95), (0.92, 1.0)))],
    },
    3: {
        "trois": lambda: [_join(_arc(0.45, 0.25, 0.35, 0.25, 150, -90, 40),
                                _arc(0.45, 0.74, 0.38, 0.26, 90, -150, 40))],
        "trois_plat": lambda: [_join(_line((0.15, 0.0), (0.85, 0.0)), _line((0.85, 0.0), (0.4, 0.42)),
                                     _arc(0.45, 0.7, 0.4, 0.3, 80, -150, 40))],
    },
    4: {
        "quatre_ferme": lambda: [_join(_line((0.65, 0.0), (0.05, 0.68)), _line((0.05, 0.68), (0.95, 0.68))),
                                 _line((0.68, 0.3), (0.68, 1.0))],
        "quatre_ouvert": lambda: [_join(_line((0.25, 0.0), (0.12, 0.62)), _line((0.12, 0.62), (0.95, 0.62))),
                                  _line((0.7, 0.05), (0.7, 1.0))],
    },
    5: {
        "cinq": lambda: [_join(_line((0.25, 0.0), (0.2, 0.45)), _arc(0.45, 0.68, 0.38, 0.32, 135, -140, 40)),
                         _line((0.25, 0.0), (0.85, 0.0))],
        "cinq_un_trait": lambda: [_join(_line((0.85, 0.0), (0.25, 0.0)), _line((0.25, 0.0), (0.2, 0.45)),
                                        _arc(0.45, 0.68, 0.38, 0.32, 135, -140, 40))],
    },
    6: {
        "six": lambda: [_join(_bezier((0.75, 0.0), (0.15, 0.2), (0.15, 0.7)),
                              _arc(0.48, 0.7, 0.33, 0.3, 180, -180, 50))],
    },
    7: {
        "sept": lambda: [_join(_line((0.05, 0.0), (0.92, 0.0)), _line((0.92, 0.0), (0.4, 1.0)))],
        "sept_barre": lambda: [_join(_line((0.05, 0.0), (0.92, 0.0)), _line((0.92, 0.0), (0.4, 1.0))),
                               _line((0.38, 0.52), (0.92, 0.5))],
        "sept_barre_crochet": lambda: [_join(_line((0.05, 0.18), (0.05, 0.0)), _line((0.05, 0.0), (0.92, 0.0)),
                                             _line((0.92, 0.0), (0.45, 1.0))),
                                       _line((0.42, 0.5), (0.95, 0.5))],
    },
    8: {
        "huit": lambda: [_eight()],
    },
    9: {
        "neuf_queue_courbe": lambda: [_join(_arc(0.5, 0.28, 0.33, 0.28, 0, 360, 50),
                                            _bezier((0.83, 0.28), (0.88, 0.95), (0.3, 1.0)))],
        "neuf_crochet": lambda: [_join(_arc(0.5, 0.28, 0.33, 0.28, 0, 360, 50),
                                       _bezier((0.83, 0.28), (0.8, 0.85), (0.55, 1.0)),
                                       _line((0.55, 1.0), (0.38, 0.9), 6))],
        "neuf_droit": lambda: [_join(_arc(0.5, 0.28, 0.33, 0.28, 0, 360, 50), _line((0.83, 0.28), (0.78, 1.0)))],
    },
}

# Une « seconde main » : d'autres gabarits, jamais vus à l'entraînement, qui ne servent qu'à
# vérifier le modèle (scripts/check_european.py, tests de la démo). Mêmes chiffres, autre géométrie.
CHECK_STYLES = {
    0: {"zero_penche": lambda: [_arc(0.5, 0.5, 0.42, 0.5, 60, 450)]},
    1: {
        "un_longue_attaque": lambda: [_join(_line((0.0, 0.6), (0.7, 0.0)), _line((0.7, 0.0), (0.66, 1.0)))],
        "un_drapeau_socle": lambda: [_join(_line((0.3, 0.2), (0.55, 0.0)), _line((0.55, 0.0), (0.55, 1.0))),
                                     _line((0.15, 1.0), (0.95, 0.98))],
    },
    2: {"deux_anguleux": lambda: [_join(_arc(0.45, 0.28, 0.38, 0.28, 170, 0, 25),
                                        _line((0.83, 0.28), (0.05, 1.0)), _line((0.05, 1.0), (0.95, 0.93)))]},
    3: {"trois_inegal": lambda: [_join(_arc(0.5, 0.2, 0.28, 0.2, 160, -90, 30),
                                       _arc(0.5, 0.7, 0.42, 0.3, 90, -160, 40))]},
    4: {"quatre_haut": lambda: [_join(_line((0.35, 0.05), (0.02, 0.62)), _line((0.02, 0.62), (1.0, 0.58))),
                                _line((0.75, -0.05), (0.7, 1.0))]},
    5: {"cinq_ventre": lambda: [_join(_line((0.2, 0.05), (0.15, 0.5)), _arc(0.45, 0.72, 0.42, 0.28, 150, -120, 40)),
                                _line((0.2, 0.08), (0.9, 0.0))]},
    6: {"six_petite_boucle": lambda: [_join(_bezier((0.85, 0.0), (0.1, 0.1), (0.2, 0.8)),
                                            _arc(0.45, 0.78, 0.25, 0.22, 200, -160, 40))]},
    7: {"sept_barre_long": lambda: [_join(_bezier((0.0, 0.08), (0.5, -0.05), (0.95, 0.02)),
                                          _bezier((0.95, 0.02), (0.6, 0.5), (0.45, 1.0))),
                                    _line((0.3, 0.45), (1.0, 0.43))]},
    8: {"huit_deux_ronds": lambda: [_arc(0.5, 0.22, 0.25, 0.22, 90, 450, 40),
                                    _arc(0.5, 0.72, 0.32, 0.28, 90, 450, 40)]},
    9: {
        "neuf_grande_queue": lambda: [_join(_arc(0.55, 0.25, 0.28, 0.25, 10, 370, 50),
                                            _bezier((0.83, 0.2), (0.9, 1.0), (0.1, 0.85)))],
        "neuf_boucle_ouverte": lambda: [_join(_arc(0.5, 0.3, 0.32, 0.28, -20, 330, 50),
                                              _bezier((0.8, 0.2), (0.85, 0.9), (0.35, 1.0)))],
    },
}

# Les formes que MNIST n'a presque pas et que nos lecteurs écrivent.
EUROPEAN_STYLES = {"un_europeen", "un_europeen_court", "un_socle", "sept_barre", "sept_barre_crochet",
                   "neuf_queue_courbe", "neuf_crochet", "deux_boucle", "quatre_ouvert", "trois_plat"}


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
                 wobble: float = 0.05, jitter: float = 0.0):
    """Tire un chiffre ``digit`` au trait. Renvoie ``(style, traits)``.

    ``styles`` : le dictionnaire de gabarits (par défaut :data:`STYLES`) ; ``wobble`` : amplitude du
    tremblement lent de la main ; ``jitter`` : bruit point à point (une souris qui accroche).

    Chaque trait est un tableau ``(n, 2)`` de points ``(x, y)``, y vers le bas ; l'ensemble tient à
    peu près dans le carré unité (proportions conservées, pas forcément tout le carré).
    """
    styles = (STYLES if styles is None else styles)[digit]
    if style is None:
        style = rng.choice(sorted(styles))
    strokes = [s.copy() for s in styles[style]()]
    slant = rng.uniform(-0.35, 0.15)  # la plupart des droitiers penchent à droite (cisaillement < 0)
    angle = math.radians(rng.uniform(-8, 8))
    sx = rng.uniform(0.75, 1.2)
    sy = rng.uniform(0.9, 1.1)
    c, s = math.cos(angle), math.sin(angle)
    field = _smooth_field(rng, wobble)
    out = []
    for stroke in strokes:
        p = stroke + rng.normal(0, 0.012, size=2)  # chaque trait posé un peu à côté
        p = field(p)
        p = (p - 0.5) * [sx, sy]
        p[:, 0] = p[:, 0] + slant * p[:, 1] * -1  # y vers le bas : x += -slant*y penche à droite
        p = p @ np.array([[c, s], [-s, c]])
        if jitter:
            p = p + rng.normal(0, jitter, size=p.shape)
        out.append(p + 0.5)
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


def synthetic_digits(n_per_class: int, seed: int, ratio_range=(0.09, 0.17), european_share: float = 0.7):
    """Un lot d'images 28 × 28 ``uint8`` tracées au trait et prétraitées comme MNIST.

    ``european_share`` : part des chiffres tirés dans les styles européens quand le chiffre en a.
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
            style, strokes = sample_digit(digit, rng, rng.choice(pool), wobble=rng.uniform(0.02, 0.12),
                                          jitter=rng.uniform(0.0, 0.015))
            ink = render(strokes, ratio=rng.uniform(*ratio_range))
            img = preprocess(ink)
            images.append(np.round(img * 255).astype(np.uint8))
            labels.append(digit)
            styles.append(style)
    return np.stack(images), np.array(labels, dtype=np.uint8), np.array(styles)


def check_strokes(n_per_class: int, seed: int, wobble: float = 0.07, jitter: float = 0.006):
    """Chiffres de contrôle au trait, tirés des gabarits de la « seconde main » (:data:`CHECK_STYLES`),
    jamais vus à l'entraînement. Renvoie une liste de ``(chiffre, style, traits)``."""
    rng = np.random.default_rng(seed)
    out = []
    for digit in range(10):
        names = sorted(CHECK_STYLES[digit])
        for i in range(n_per_class):
            style, strokes = sample_digit(digit, rng, names[i % len(names)], CHECK_STYLES, wobble, jitter)
            out.append((digit, style, strokes))
    return out
