"""Le pad de dessin de la démo, en Python : des traits à l'image d'encre que reçoit le prétraitement.

C'est le jumeau de ``docs/assets/demo/strokes.js`` (plan de rendu, chemin lissé) et du rendu hors
écran de ``docs/assets/demo/input.js`` (``strokesToInput``). Les scripts de mesure et les tests
s'en servent pour montrer au modèle un chiffre tracé *exactement comme dans la page*, sans
navigateur ; ``tests/test_pad_parity.py`` et ``tests/browser/test_pad_parity.py`` comparent les
deux jumeaux, nombre à nombre pour la géométrie, pixel à pixel pour l'image.

Les étapes, comme dans la page :

1. les traits (listes de points ``(x, y)``, y vers le bas) perdent leurs points isolés
   (:func:`meaningful_strokes`) ;
2. le dessin est mis à l'échelle pour que le plus grand côté de sa boîte mesure ``RENDER_SIZE``
   pixels, avec une marge (:func:`render_plan`) ;
3. chaque trait devient un chemin lissé : des courbes de Bézier quadratiques qui passent par les
   milieux des segments, les points servant de points de contrôle (:func:`smooth_path`) ;
4. il est tracé en blanc sur noir, bouts et jointures arrondis, d'une épaisseur égale à
   ``BRUSH_RATIO`` fois le plus grand côté (:func:`render`).

Ce n'est pas le rendu des formes d'entraînement (:func:`digitlab.demo_model.strokes.render`) :
celui-là varie l'épaisseur au hasard et trace des lignes brisées, exprès, pour que le modèle voie
des traits plus variés que ceux du pad.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

# Les constantes de strokes.js (mêmes noms, même sens).
BRUSH_RATIO = 0.13
RENDER_SIZE = 100
MIN_EXTENT = 0.02
DOT_EXTENT = 0.015
#: Suréchantillonnage du rendu PIL (le canvas du navigateur anticrénelle de lui-même).
SUPERSAMPLE = 4
#: Points par courbe de Bézier quand on la découpe en segments pour PIL.
CURVE_STEPS = 8


def strokes_bbox(strokes):
    """``(min_x, min_y, max_x, max_y)`` de tous les points, ou ``None`` pour un dessin vide."""
    points = [p for stroke in strokes for p in stroke]
    if not points:
        return None
    xs, ys = zip(*points)
    return min(xs), min(ys), max(xs), max(ys)


def extent_of(bbox) -> float:
    """Plus grand côté de la boîte, au moins ``MIN_EXTENT``."""
    min_x, min_y, max_x, max_y = bbox
    return max(max_x - min_x, max_y - min_y, MIN_EXTENT)


def meaningful_strokes(strokes):
    """Les traits à lire : sans les points isolés (tapes involontaires), sauf s'il n'y a que ça."""
    def side(stroke):
        min_x, min_y, max_x, max_y = strokes_bbox([stroke])
        return max(max_x - min_x, max_y - min_y)

    non_empty = [s for s in strokes if len(s) > 0]
    real = [s for s in non_empty if side(s) > DOT_EXTENT]
    return real or non_empty


def render_plan(strokes, size: int = RENDER_SIZE):
    """Le plan du rendu hors écran (comme ``renderPlan`` en JavaScript) : un dictionnaire
    ``scale, line_width, offset_x, offset_y, width, height``, ou ``None`` pour un dessin vide."""
    bbox = strokes_bbox(strokes)
    if bbox is None:
        return None
    min_x, min_y, max_x, max_y = bbox
    scale = size / extent_of(bbox)
    line_width = BRUSH_RATIO * extent_of(bbox) * scale
    margin = math.ceil(line_width / 2) + 2
    return {
        "scale": scale,
        "line_width": line_width,
        "offset_x": margin - min_x * scale,
        "offset_y": margin - min_y * scale,
        "width": math.ceil((max_x - min_x) * scale - 1e-9) + 2 * margin,
        "height": math.ceil((max_y - min_y) * scale - 1e-9) + 2 * margin,
    }


def smooth_path(stroke, scale: float = 1.0, offset_x: float = 0.0, offset_y: float = 0.0):
    """Le chemin lissé d'un trait (comme ``smoothPath`` en JavaScript) : une liste de commandes
    ``("move", x, y)``, ``("quad", cx, cy, x, y)``, ``("line", x, y)`` ou ``("dot", x, y)``."""
    pts = [(x * scale + offset_x, y * scale + offset_y) for x, y in stroke]
    if not pts:
        return []
    if len(pts) == 1:
        return [("dot", *pts[0])]
    commands = [("move", *pts[0])]
    if len(pts) == 2:
        return commands + [("line", *pts[1])]
    for (x, y), (nx, ny) in zip(pts[1:-1], pts[2:]):
        commands.append(("quad", x, y, (x + nx) / 2, (y + ny) / 2))
    return commands + [("line", *pts[-1])]


def path_points(commands, steps: int = CURVE_STEPS):
    """Les commandes d'un chemin, découpées en une ligne brisée fine (pour PIL)."""
    points = []
    for op, *args in commands:
        if op in ("move", "line", "dot"):
            points.append((args[0], args[1]))
        elif op == "quad":
            (x0, y0), (cx, cy), (x1, y1) = points[-1], args[:2], args[2:]
            for k in range(1, steps + 1):
                t = k / steps
                points.append(((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t ** 2 * x1,
                               (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t ** 2 * y1))
    return points


def render(strokes, size: int = RENDER_SIZE) -> np.ndarray | None:
    """Les traits → image d'encre ``float64`` (0 = fond, 1 = encre), comme le rendu hors écran de
    la page ; ``None`` pour un dessin vide. À passer à :func:`digitlab.preprocess.preprocess`."""
    strokes = [[(float(x), float(y)) for x, y in stroke] for stroke in strokes]
    strokes = meaningful_strokes(strokes)
    plan = render_plan(strokes, size)
    if plan is None:
        return None
    k = SUPERSAMPLE
    image = Image.new("L", (plan["width"] * k, plan["height"] * k), 0)
    draw = ImageDraw.Draw(image)
    radius = plan["line_width"] * k / 2
    for stroke in strokes:
        commands = smooth_path(stroke, plan["scale"], plan["offset_x"], plan["offset_y"])
        points = [(x * k, y * k) for x, y in path_points(commands)]
        if len(points) > 1:
            draw.line(points, fill=255, width=max(1, round(2 * radius)), joint="curve")
        for x, y in points:  # bouts et jointures arrondis, comme lineCap = lineJoin = "round"
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=255)
    image = image.resize((plan["width"], plan["height"]), Image.BOX)
    return np.asarray(image, dtype=np.float64) / 255.0
