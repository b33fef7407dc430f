"""Des photos de téléphone, fabriquées, de chiffres écrits à la main sur du papier d'écolier.

Ce module sert aux tests et aux mesures de la lecture des photos (``digitlab.photo``,
``docs/assets/demo/photo.js``), jamais à l'entraînement ni aux chapitres : c'est de l'outillage,
d'où sa place dans ``sitetools/``. Il ne connaît rien de l'algorithme qui lit les photos ; il
imite ce que l'on photographie et comment un téléphone le photographie :

- **le papier** (:data:`PAPERS`) : blanc, Seyès (lignes fines tous les 2 mm, plus marquées tous
  les 8 mm, verticales tous les 8 mm, marge rouge) ou petits carreaux de 5 mm ; un blanc un peu
  chaud, un grain, des réglures de teintes et d'épaisseurs qui varient d'un cahier à l'autre ;
- **l'encre** (:data:`INKS`, :data:`PENS`) : bleue ou noire, au stylo à bille (trait fin, pression
  qui varie, petits manques) ou au feutre (trait large, régulier) ;
- **le chiffre** : tracé au trait par les gabarits de l'entraînement
  (:mod:`digitlab.demo_model.strokes`) ou par un scripteur de :mod:`digitlab.demo_model.writers`
  (la « seconde main », jamais vue à l'entraînement), de 25 à 45 % de la
  hauteur de l'image, n'importe où, un peu tourné ; plusieurs chiffres côte à côte pour un nombre ;
- **la prise de vue** : 960 × 720 ou plus, perspective et rotation légères, feuille un peu
  bombée, lumière inégale, vignetage, parfois l'ombre douce d'une main sur un coin, teinte de la
  lumière, exposition parfois trop forte, léger flou (parfois de bougé), bruit du capteur,
  accentuation du téléphone, JPEG de qualité 70 à 90 ;
- **ce qui traîne** : parfois l'écriture du verso, vue par transparence, pâle et floue.

Le calcul se fait en lumière linéaire (réflectances multipliées), puis passe en sRGB.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from digitlab.demo_model.strokes import sample_digit
from digitlab.demo_model.writers import make_writer

#: Les papiers, dans l'ordre des rapports : blanc, Seyès (grands carreaux), petits carreaux de 5 mm.
PAPERS = ("blank", "seyes", "squares")
#: Les couleurs d'encre.
INKS = ("blue", "black")
#: Les instruments.
PENS = ("ballpoint", "felt")
#: Définitions des photos (largeur, hauteur) : paysage le plus souvent, parfois portrait.
SIZES = ((960, 720), (960, 720), (1280, 960), (1600, 1200), (720, 960), (960, 1280))

# Couleurs en sRGB (0…255) telles qu'on les voit sur du papier blanc, en pleine lumière.
_INK_COLOURS = {
    ("blue", "ballpoint"): (38, 58, 150), ("black", "ballpoint"): (48, 48, 58),
    ("blue", "felt"): (28, 56, 165), ("black", "felt"): (28, 28, 34),
}
_SEYES_TINTS = (  # (lignes fines, lignes marquées) : lilas, bleu-violet, gris-bleu
    ((188, 182, 228), (146, 134, 208)),
    ((180, 190, 232), (128, 142, 214)),
    ((192, 190, 214), (150, 146, 190)),
)
_SQUARE_TINTS = ((172, 192, 222), (182, 182, 190), (192, 182, 226), (160, 200, 214))
_MARGIN_RED = (226, 84, 104)


def srgb_to_linear(c):
    c = np.asarray(c, dtype=np.float64)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(c):
    c = np.clip(np.asarray(c, dtype=np.float64), 0.0, 1.0)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def _transmittance(rgb255):
    """Couleur sRGB d'un trait sur papier blanc → facteur de réflectance linéaire par canal."""
    return srgb_to_linear(np.asarray(rgb255, dtype=np.float64) / 255.0)


@dataclass
class Photo:
    """Une photo fabriquée : ses octets JPEG, ses pixels décodés et ce qu'elle montre."""

    jpeg: bytes
    rgb: np.ndarray  # (h, w, 3) uint8, le JPEG décodé
    text: str  # les chiffres écrits, de gauche à droite
    paper: str
    ink: str
    pen: str
    boxes: list  # boîte (gauche, haut, droite, bas) de chaque chiffre dans l'image, en pixels
    params: dict = field(default_factory=dict)
    coverage: np.ndarray | None = None  # (h, w) encre déposée (0 = rien), pour vérifier une extraction
    strokes: list | None = None  # les traits de chaque chiffre, dans le carré unité (comme le pad)


# --- La géométrie : du papier (mm) à l'image (pixels) --------------------------------------------

def homography(src, dst):
    """Matrice 3 × 3 qui envoie les 4 points ``src`` sur les 4 points ``dst``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    h = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))
    return np.append(h, 1.0).reshape(3, 3)


def apply_homography(mat, x, y):
    w = mat[2, 0] * x + mat[2, 1] * y + mat[2, 2]
    return (mat[0, 0] * x + mat[0, 1] * y + mat[0, 2]) / w, (mat[1, 0] * x + mat[1, 1] * y + mat[1, 2]) / w


def _camera(rng, width, height, px_per_mm, paper_centre):
    """Homographies image → papier et papier → image : une similitude (échelle, rotation de
    quelques degrés) que la perspective d'un téléphone un peu incliné déforme légèrement."""
    angle = math.radians(rng.normal(0, 4.0))
    cx, cy = width / 2, height / 2
    c, s = math.cos(angle), math.sin(angle)
    corners = [(0, 0), (width, 0), (width, height), (0, height)]
    tilt = 0.035 * max(width, height) / px_per_mm  # déplacement des coins, en mm
    paper = []
    for x, y in corners:
        dx, dy = (x - cx) / px_per_mm, (y - cy) / px_per_mm
        px = paper_centre[0] + c * dx - s * dy + rng.uniform(-tilt, tilt)
        py = paper_centre[1] + s * dx + c * dy + rng.uniform(-tilt, tilt)
        paper.append((px, py))
    to_paper = homography(corners, paper)
    return to_paper, np.linalg.inv(to_paper)


# --- Le papier ------------------------------------------------------------------------------------

def _line_coverage(dist_px, width_px):
    """Part d'un pixel (filtre boîte de largeur 1) couverte par une ligne de largeur ``width_px``
    dont l'axe est à ``dist_px`` du centre du pixel."""
    lo = np.maximum(dist_px - 0.5, -width_px / 2)
    hi = np.minimum(dist_px + 0.5, width_px / 2)
    return np.clip(hi - lo, 0.0, 1.0)


def _family(coord, spacing, offset, width_mm, px_per_mm):
    """Couverture d'une famille de lignes parallèles ``coord ≡ offset (mod spacing)``."""
    d = np.abs(np.mod(coord - offset + spacing / 2, spacing) - spacing / 2)
    return _line_coverage(d * px_per_mm, width_mm * px_per_mm)


def _darken(refl, coverage, tint):
    """Réflectance × (1 − couverture × (1 − teinte)) pour chaque canal."""
    t = np.asarray(tint, dtype=np.float64)
    return refl * (1.0 - coverage[..., None] * (1.0 - t))


def paper_reflectance(rng, kind, X, Y, px_per_mm):
    """Réflectance linéaire (h, w, 3) du papier et de ses réglures aux points (X, Y) en mm."""
    white = srgb_to_linear(np.array([246, 241, 229]) / 255.0 * rng.uniform(0.985, 1.0, size=3))
    h, w = X.shape
    refl = np.ones((h, w, 3)) * white
    # Le grain : des fibres fines et des nuages à peine visibles.
    grain = ndimage.gaussian_filter(rng.normal(0, 1, (h, w)), 0.8) * 0.012
    cloud = ndimage.gaussian_filter(rng.normal(0, 1, (h // 8 + 1, w // 8 + 1)), 3)
    cloud = np.kron(cloud, np.ones((8, 8)))[:h, :w] * 0.04
    refl *= (1 + grain + cloud)[..., None]
    if kind == "blank":
        return refl
    if kind == "seyes":
        fine, heavy = _SEYES_TINTS[rng.integers(len(_SEYES_TINTS))]
        fine_t, heavy_t = _transmittance(fine), _transmittance(heavy)
        w_fine = rng.uniform(0.07, 0.14)
        w_heavy = rng.uniform(0.13, 0.24)
        oy = rng.uniform(0, 8)
        ox = rng.uniform(0, 8)
        fine_cov = _family(Y, 2.0, oy, w_fine, px_per_mm)
        heavy_cov = _family(Y, 8.0, oy, w_heavy, px_per_mm)
        vert_cov = _family(X, 8.0, ox, w_fine * rng.uniform(0.9, 1.3), px_per_mm)
        refl = _darken(refl, np.maximum(fine_cov - heavy_cov, 0.0), fine_t)
        refl = _darken(refl, heavy_cov, heavy_t)
        # La marge rouge : dans l'image une fois sur trois, sinon à gauche, hors champ. Les
        # verticales commencent après elle.
        x_lo, x_hi = float(X.min()), float(X.max())
        if rng.random() < 0.35:
            margin_x = x_lo + rng.uniform(0.05, 0.5) * (x_hi - x_lo)
        else:
            margin_x = x_lo - rng.uniform(4, 30)
        refl = _darken(refl, vert_cov * (X > margin_x + 4.0), fine_t)
        margin = _line_coverage(np.abs(X - margin_x) * px_per_mm, rng.uniform(0.25, 0.45) * px_per_mm)
        refl = _darken(refl, margin, _transmittance(_MARGIN_RED))
        return refl
    if kind == "squares":
        tint = _transmittance(_SQUARE_TINTS[rng.integers(len(_SQUARE_TINTS))])
        width = rng.uniform(0.07, 0.15)
        cov = np.maximum(_family(Y, 5.0, rng.uniform(0, 5), width, px_per_mm),
                         _family(X, 5.0, rng.uniform(0, 5), width, px_per_mm))
        return _darken(refl, cov, tint)
    raise ValueError(f"Papier inconnu « {kind} » : choisissez parmi {', '.join(PAPERS)}.")


# --- L'encre --------------------------------------------------------------------------------------

def _smooth_noise(rng, n, scale, amount):
    """Une variation lente le long d'un trait (pression de la main), moyenne 1."""
    if n < 2:
        return np.ones(n)
    knots = rng.normal(0, amount, max(2, int(n / scale) + 2))
    return 1 + np.interp(np.linspace(0, len(knots) - 1, n), np.arange(len(knots)), knots)


def _resample(points, step):
    """Points régulièrement espacés de ``step`` le long d'une ligne brisée."""
    seg = np.hypot(*np.diff(points, axis=0).T)
    total = float(seg.sum())
    if total < 1e-9:
        return points[:1]
    t = np.concatenate([[0], np.cumsum(seg)])
    n = max(2, int(total / step) + 1)
    u = np.linspace(0, total, n)
    return np.stack([np.interp(u, t, points[:, 0]), np.interp(u, t, points[:, 1])], axis=1)


def ink_coverage(rng, strokes_px, shape, width_px, pen, supersample=3):
    """Carte (h, w) de l'épaisseur d'encre déposée (0 = rien, 1 = pleine pression).

    Chaque trait est parcouru par petits pas ; la largeur et la charge d'encre suivent la
    pression, qui varie lentement. Le stylo à bille laisse de petits manques ; deux passages
    au même endroit se cumulent.
    """
    h, w = shape
    k = supersample
    total = np.zeros((h, w))
    for stroke in strokes_px:
        pts = _resample(np.asarray(stroke, dtype=np.float64), max(0.5, width_px / 3))
        n = len(pts)
        if pen == "ballpoint":
            pressure = np.clip(_smooth_noise(rng, n, max(4, n / 6), 0.18) * rng.uniform(0.75, 1.0), 0.35, 1.0)
            widths = width_px * (0.8 + 0.2 * pressure)
            # Le trait s'amincit un peu au départ et à l'arrivée.
            ends = np.minimum(np.arange(n), np.arange(n)[::-1])
            taper = np.clip(0.55 + ends / max(3, n * 0.06) * 0.45, 0, 1)
            widths, pressure = widths * taper, pressure * (0.7 + 0.3 * taper)
        else:
            pressure = np.clip(_smooth_noise(rng, n, max(4, n / 4), 0.05), 0.85, 1.0)
            widths = width_px * (0.92 + 0.08 * pressure)
        x0 = int(max(0, math.floor(pts[:, 0].min() - 2 * width_px - 2)))
        y0 = int(max(0, math.floor(pts[:, 1].min() - 2 * width_px - 2)))
        x1 = int(min(w, math.ceil(pts[:, 0].max() + 2 * width_px + 2)))
        y1 = int(min(h, math.ceil(pts[:, 1].max() + 2 * width_px + 2)))
        if x1 <= x0 or y1 <= y0:
            continue
        canvas = Image.new("L", ((x1 - x0) * k, (y1 - y0) * k), 0)
        draw = ImageDraw.Draw(canvas)
        q = (pts - [x0, y0]) * k
        for i in range(n):
            r = widths[i] * k / 2
            level = int(round(255 * pressure[i]))
            if i + 1 < n:
                draw.line([tuple(q[i]), tuple(q[i + 1])], fill=level, width=max(1, int(round(2 * r))))
            draw.ellipse([q[i, 0] - r, q[i, 1] - r, q[i, 0] + r, q[i, 1] + r], fill=level)
        cov = np.asarray(canvas.resize((x1 - x0, y1 - y0), Image.BOX), dtype=np.float64) / 255.0
        if pen == "ballpoint":  # la bille saute : de petits points plus clairs
            skips = rng.random(cov.shape) < 0.04
            cov = cov * np.where(skips, rng.uniform(0.4, 0.9, cov.shape), 1.0)
        region = total[y0:y1, x0:x1]
        total[y0:y1, x0:x1] = region + cov - region * cov * 0.4  # deux passages foncent un peu plus
    return np.clip(total, 0.0, 1.25)


# --- Les chiffres ---------------------------------------------------------------------------------

def digit_strokes(rng, digit, hand="mixed"):
    """Traits d'un chiffre dans le carré unité (y vers le bas), d'un gabarit tiré au hasard.

    ``hand`` : ``"train"`` (gabarits de l'entraînement, :mod:`digitlab.demo_model.strokes`),
    ``"check"`` (un scripteur simulé de :mod:`digitlab.demo_model.writers`, la « seconde main »
    jamais vue à l'entraînement) ou ``"mixed"`` (l'un ou l'autre, moitié-moitié).
    """
    if hand == "mixed":
        hand = "check" if rng.random() < 0.5 else "train"
    if hand == "check":
        _, strokes = make_writer(0, rng).write(digit, rng)
        return strokes
    _, strokes = sample_digit(digit, rng, wobble=rng.uniform(0.02, 0.09), jitter=rng.uniform(0.0, 0.0015))
    return strokes


def _unit(strokes):
    """Les traits d'un chiffre ramenés au carré unité (plus grand côté 1), comme ceux du pad."""
    pts = np.concatenate(strokes)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return [(s - lo) / max(float(max(hi - lo)), 1e-9) for s in strokes]


def layout_text(rng, text, hand="mixed"):
    """Les traits de plusieurs chiffres côte à côte, en unités de la hauteur d'un chiffre.

    Renvoie ``(traits par chiffre, boîtes par chiffre)`` ; un chiffre mesure environ 1 de haut.
    """
    x = 0.0
    out, boxes = [], []
    baseline_drift = rng.normal(0, 0.03)
    for i, ch in enumerate(text):
        strokes = digit_strokes(rng, int(ch), hand)
        pts = np.concatenate(strokes)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        size = rng.uniform(0.92, 1.06)
        scale = size / max(hi[1] - lo[1], 0.35)
        dy = rng.normal(0, 0.03) + baseline_drift * i
        placed = [(s - lo) * scale + [x, dy] for s in strokes]
        w = (hi[0] - lo[0]) * scale
        out.append(placed)
        boxes.append((x, dy, x + w, dy + (hi[1] - lo[1]) * scale))
        x += w + rng.uniform(0.18, 0.45)
    return out, boxes


# --- La prise de vue ------------------------------------------------------------------------------

def _illumination(rng, width, height, shadow_probability):
    """Éclairement (h, w, 3) : pente, vignetage, teinte de la lumière, ombre d'une main."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    nx, ny = (xx - width / 2) / max(width, height), (yy - height / 2) / max(width, height)
    angle = rng.uniform(0, 2 * np.pi)
    slope = rng.uniform(0.0, 0.5)
    light = 1 + slope * (nx * math.cos(angle) + ny * math.sin(angle))
    light *= 1 - rng.uniform(0.1, 0.45) * (nx ** 2 + ny ** 2) / 0.3125
    tint = np.array([1.0, rng.uniform(0.96, 1.0), rng.uniform(0.86, 1.0)])
    if rng.random() < 0.25:  # éclairage froid (néon, lumière du jour)
        tint = np.array([rng.uniform(0.9, 0.97), rng.uniform(0.96, 1.0), 1.0])
    illum = light[..., None] * tint
    shadow = None
    if rng.random() < shadow_probability:
        # Une main ou un téléphone près d'un coin : une grande tache ovale, aux bords très doux.
        corner = rng.integers(4)
        cx = (width if corner in (1, 2) else 0) + rng.uniform(-0.1, 0.1) * width
        cy = (height if corner in (2, 3) else 0) + rng.uniform(-0.1, 0.1) * height
        rx, ry = rng.uniform(0.25, 0.55) * width, rng.uniform(0.25, 0.6) * height
        theta = rng.uniform(0, np.pi)
        c, s = math.cos(theta), math.sin(theta)
        u = ((xx - cx) * c + (yy - cy) * s) / rx
        v = (-(xx - cx) * s + (yy - cy) * c) / ry
        inside = (u ** 2 + v ** 2 <= 1).astype(np.float64)
        soft = rng.uniform(0.03, 0.1) * max(width, height)
        small = ndimage.zoom(inside, 0.125, order=1)
        mask = np.clip(ndimage.zoom(ndimage.gaussian_filter(small, soft / 8), 8, order=1), 0, 1)
        mask = np.pad(mask, ((0, max(0, height - mask.shape[0])), (0, max(0, width - mask.shape[1]))),
                      mode="edge")[:height, :width]
        depth = rng.uniform(0.3, 0.6)
        shade = 1 - depth * mask
        shadow = {"corner": int(corner), "depth": float(depth)}
        # La lumière qui reste dans l'ombre vient du ciel ou de la pièce : un peu plus bleue.
        illum = illum * np.stack([shade, shade ** 0.97, shade ** 0.9], axis=-1)
    return illum, shadow


#: La flèche d'une feuille (fraction de la hauteur de la photo) : presque plane d'ordinaire ; une page
#: de cahier ouvert, elle, se bombe et courbe ses lignes de 5 à 11 pixels sur une photo de 720 de haut.
FLAT_PAGE = (0.0, 0.004)
BENT_PAGE = (0.0075, 0.015)


def _bend(rng, width, height, bend=FLAT_PAGE):
    """Une feuille jamais tout à fait plane, un objectif qui courbe un peu : le pixel (x, y) voit
    le point du papier que la perspective seule placerait en (x + dx, y + dy). Renvoie la fonction
    (x, y) → (dx, dy), lisse ; sa flèche est tirée dans ``bend`` (fraction de la hauteur)."""
    amp = rng.uniform(*bend) * height
    phase = rng.uniform(0, 2 * np.pi, 2)
    fx, fy = rng.uniform(0.5, 1.5, 2)

    def shift(x, y):
        return (amp * 0.5 * np.sin(np.pi * y / height * fy + phase[1]),
                amp * np.sin(np.pi * x / width * fx + phase[0]))

    return shift


def _motion_kernel(length, angle):
    """Noyau d'un flou de bougé : un segment de ``length`` pixels dans la direction ``angle``."""
    r = int(math.ceil(length / 2)) + 1
    kernel = np.zeros((2 * r + 1, 2 * r + 1))
    for t in np.linspace(-length / 2, length / 2, 4 * r + 1):
        x, y = r + t * math.cos(angle), r + t * math.sin(angle)
        x0, y0 = int(math.floor(x)), int(math.floor(y))
        fx, fy = x - x0, y - y0
        for dy, wy in ((0, 1 - fy), (1, fy)):
            for dx, wx in ((0, 1 - fx), (1, fx)):
                if 0 <= y0 + dy < kernel.shape[0] and 0 <= x0 + dx < kernel.shape[1]:
                    kernel[y0 + dy, x0 + dx] += wy * wx
    return kernel / kernel.sum()


def _show_through(rng, width, height, digit_px, pen_px, ink_t):
    """L'écriture du verso, vue par transparence : des chiffres à l'envers, pâles et flous."""
    text = "".join(str(int(d)) for d in rng.integers(0, 10, int(rng.integers(2, 7))))
    strokes, boxes = layout_text(rng, text, "train")
    size = digit_px * rng.uniform(0.5, 1.1)
    x0, y0 = rng.uniform(-0.2, 0.8) * width, rng.uniform(0.0, 0.9) * height
    angle = math.radians(rng.normal(0, 4))
    c, s = math.cos(angle), math.sin(angle)
    pieces = []
    for digit in strokes:
        for stroke in digit:
            x, y = -stroke[:, 0] * size, stroke[:, 1] * size  # vu de l'autre côté : miroir
            pieces.append(np.stack([x0 + boxes[-1][2] * size + c * x - s * y, y0 + s * x + c * y], axis=1))
    cov = ink_coverage(rng, pieces, (height, width), pen_px * rng.uniform(1.0, 2.0), "felt")
    cov = np.clip(ndimage.gaussian_filter(cov, rng.uniform(1.5, 3.5) * max(width, height) / 960), 0, 1)
    # À travers une feuille de cahier, l'encre du verso n'assombrit que de 5 à 20 %.
    strength = rng.uniform(0.05, 0.2)
    return 1.0 - strength * cov[..., None] * (1.0 - ink_t)


def make_photo(rng, paper="seyes", ink="blue", pen="ballpoint", text="7", size=None, hand="mixed",
               shadow_probability=0.35, show_through_probability=0.2, quality=None, bend=FLAT_PAGE,
               digit_share=(0.25, 0.45)):
    """Fabrique une photo de ``text`` (un ou plusieurs chiffres) écrit sur ``paper``.

    ``text=""`` : une page sans rien d'écrit (la page doit alors dire qu'elle ne trouve aucun
    chiffre). ``rng`` : ``numpy.random.Generator`` (tout le hasard en vient : même graine, même
    photo). ``bend`` : la flèche de la feuille (:data:`FLAT_PAGE`, ou :data:`BENT_PAGE` pour une
    page de cahier ouvert). ``digit_share`` : la hauteur d'un chiffre, en part de la hauteur de
    l'image, tirée entre ces deux bornes (``(0.03, 0.03)`` : un chiffre pris de loin, sur une page
    entière). Renvoie une :class:`Photo`.
    """
    if paper not in PAPERS:
        raise ValueError(f"Papier inconnu « {paper} » : choisissez parmi {', '.join(PAPERS)}.")
    if (ink, pen) not in _INK_COLOURS:
        raise ValueError(f"Encre inconnue « {ink} », « {pen} ».")
    if text and not text.isdigit():
        raise ValueError(f"Le texte doit être fait de chiffres (reçu : « {text} »).")
    width, height = size if size is not None else SIZES[rng.integers(len(SIZES))]
    strokes, boxes = layout_text(rng, text or "0", hand)  # page vide : un « 0 » qui ne sera pas écrit
    unit_strokes = [_unit(digit) for digit in strokes] if text else []
    text_w = boxes[-1][2] - boxes[0][0]
    text_h = max(b[3] for b in boxes) - min(b[1] for b in boxes)
    # Hauteur d'un chiffre : 25 à 45 % de l'image (par défaut), moins si le nombre ne tient pas en largeur.
    digit_px = rng.uniform(*digit_share) * height
    digit_px = min(digit_px, 0.86 * width / text_w, 0.86 * height / text_h)
    # Un chiffre de 8 à 32 mm : l'échelle du papier en découle.
    digit_mm = math.exp(rng.uniform(math.log(8), math.log(32)))
    px_per_mm = digit_px / digit_mm
    to_paper, to_image = _camera(rng, width, height, px_per_mm, (rng.uniform(40, 160), rng.uniform(40, 240)))
    bend = _bend(rng, width, height, bend)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64) + 0.5
    dx, dy = bend(xx, yy)
    X, Y = apply_homography(to_paper, xx + dx, yy + dy)
    del xx, yy, dx, dy
    refl = paper_reflectance(rng, paper, X, Y, px_per_mm)

    # Où écrire : n'importe où, le chiffre entier dans l'image, penché d'un côté ou de l'autre.
    margin = 0.04
    span_w, span_h = text_w * digit_px, text_h * digit_px
    left = rng.uniform(margin * width, max(margin * width, (1 - margin) * width - span_w))
    top = rng.uniform(margin * height, max(margin * height, (1 - margin) * height - span_h))
    # Les traits sont posés sur le papier (en mm), puis photographiés avec lui.
    origin_x, origin_y = apply_homography(to_paper, left, top)
    writing_angle = math.radians(rng.normal(0, 3.0))
    ca, sa = math.cos(writing_angle), math.sin(writing_angle)
    y_min = min(b[1] for b in boxes)
    digits_px = []
    for digit in strokes:
        pieces = []
        for stroke in digit:
            px, py = stroke[:, 0] * digit_mm, (stroke[:, 1] - y_min) * digit_mm
            mx, my = origin_x + ca * px - sa * py, origin_y + sa * px + ca * py
            ix, iy = apply_homography(to_image, mx, my)
            bx, by = bend(ix, iy)
            pieces.append(np.stack([ix - bx, iy - by], axis=1))
        digits_px.append(pieces)
    # La perspective a pu pousser un bout d'écriture hors du cadre : on écrit un peu plus loin.
    allp = np.concatenate([p for d in digits_px for p in d])
    lo, hi = allp.min(axis=0), allp.max(axis=0)
    frame = np.array([width, height], dtype=np.float64)
    shift = np.maximum(margin * frame - lo, 0) - np.maximum(hi - (1 - margin) * frame, 0)
    strokes_px, digit_boxes = [], []
    for pieces in digits_px:
        pieces = [p + shift for p in pieces]
        strokes_px += pieces
        allp = np.concatenate(pieces)
        digit_boxes.append(tuple(float(v) for v in (*allp.min(axis=0), *allp.max(axis=0))))
    if not text:
        strokes_px, digit_boxes = [], []
    pen_mm = rng.uniform(0.3, 0.5) if pen == "ballpoint" else rng.uniform(0.6, 1.1)
    cov = ink_coverage(rng, strokes_px, (height, width), pen_mm * px_per_mm, pen)
    ink_t = _transmittance(_INK_COLOURS[(ink, pen)]) * rng.uniform(0.9, 1.1, size=3)
    ink_t = np.clip(ink_t, 0.005, 0.9)
    # Loi de Beer-Lambert : l'épaisseur d'encre multiplie l'absorbance.
    refl = refl * np.exp(cov[..., None] * np.log(ink_t))
    show_through = rng.random() < show_through_probability
    if show_through:
        refl = refl * _show_through(rng, width, height, digit_px, pen_mm * px_per_mm, ink_t)

    illum, shadow = _illumination(rng, width, height, shadow_probability)
    exposure = rng.uniform(0.7, 1.2)  # un papier parfois « brûlé » (blanc saturé)
    img = refl * illum * exposure
    blur = rng.uniform(0.5, 1.6) * max(width, height) / 960
    img = np.stack([ndimage.gaussian_filter(img[..., c], blur) for c in range(3)], axis=-1)
    shake = None
    if rng.random() < 0.3:  # la main a bougé : un flou de bougé de quelques pixels
        length = rng.uniform(2, 5) * max(width, height) / 960
        angle = rng.uniform(0, np.pi)
        kernel = _motion_kernel(length, angle)
        img = np.stack([ndimage.convolve(img[..., c], kernel, mode="nearest") for c in range(3)], axis=-1)
        shake = {"length": float(length), "angle": float(angle)}
    srgb = linear_to_srgb(img) * 255
    # Bruit du capteur : plus fort dans les ombres relevées, un peu coloré.
    sigma = rng.uniform(1.5, 5.0)
    lum_noise = rng.normal(0, sigma, (height, width))[..., None]
    chroma = ndimage.gaussian_filter(rng.normal(0, sigma * 0.6, (height, width, 3)), (1.2, 1.2, 0))
    srgb = srgb + (lum_noise + chroma) * (1.3 - srgb / 255 * 0.6)
    if rng.random() < 0.6:  # accentuation du téléphone : des bords soulignés
        amount, radius = rng.uniform(0.3, 0.9), rng.uniform(1.0, 2.5)
        soft = np.stack([ndimage.gaussian_filter(srgb[..., c], radius) for c in range(3)], axis=-1)
        srgb = srgb + amount * (srgb - soft)
    rgb = np.clip(np.round(srgb), 0, 255).astype(np.uint8)
    quality = int(rng.integers(70, 91)) if quality is None else quality
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", quality=quality)
    jpeg = buf.getvalue()
    decoded = np.asarray(Image.open(io.BytesIO(jpeg)).convert("RGB"))
    params = {"size": [width, height], "digit_px": float(digit_px), "digit_mm": float(digit_mm),
              "px_per_mm": float(px_per_mm), "pen_mm": float(pen_mm), "blur": float(blur),
              "noise": float(sigma), "quality": quality, "exposure": float(exposure), "shadow": shadow,
              "shake": shake, "show_through": bool(show_through)}
    return Photo(jpeg=jpeg, rgb=decoded, text=text, paper=paper, ink=ink, pen=pen, boxes=digit_boxes,
                 params=params, coverage=cov.astype(np.float32), strokes=unit_strokes)


def random_text(rng, kind="digit"):
    """Un texte à photographier : un chiffre, ou un nombre de 2 à 5 chiffres (``kind="number"``)."""
    if kind == "digit":
        return str(int(rng.integers(10)))
    n = int(rng.choice([2, 2, 3, 3, 4, 4, 5]))
    return "".join(str(int(d)) for d in rng.integers(0, 10, n))


def series_photo(seed, paper, ink, n, kind="digit"):
    """La ``n``-ième photo d'un chiffre (``kind="digit"``) ou d'un nombre (``"number"``) du banc
    d'essai des photos, pour ce papier et cette encre : graine ``[seed, papier, encre, n]``, stylo
    tiré au hasard. Une photo ratée au banc d'essai se refait ainsi, à l'identique."""
    rng = np.random.default_rng([seed, PAPERS.index(paper), INKS.index(ink), n])
    pen = PENS[int(rng.integers(len(PENS)))]
    return make_photo(rng, paper, ink, pen, random_text(rng, kind))


def empty_page(seed, series, paper, n):
    """La ``n``-ième page sans chiffre d'une série du banc d'essai des photos : graine
    ``[seed, series, papier, n]``, encre et stylo alternés, ombre d'une main et verso transparent
    une fois sur deux. Une page ratée au banc d'essai se refait ainsi, à l'identique, dans un test."""
    rng = np.random.default_rng([seed, series, PAPERS.index(paper), n])
    return make_photo(rng, paper, INKS[n % 2], PENS[n % 2], "", shadow_probability=0.5, show_through_probability=0.5)


#: Série des pages bombées du banc d'essai (graines ``[seed, BENT_SERIES, papier, vide ?, n]``).
BENT_SERIES = 50


def bent_page(seed, paper, n, empty=False):
    """La ``n``-ième photo d'une page de cahier ouvert, bombée (:data:`BENT_PAGE`) : un chiffre, ou
    rien d'écrit (``empty``) ; encre alternée, stylo tiré au hasard. Se refait à l'identique."""
    rng = np.random.default_rng([seed, BENT_SERIES, PAPERS.index(paper), int(empty), n])
    pen = PENS[int(rng.integers(len(PENS)))]
    text = "" if empty else random_text(rng, "digit")
    return make_photo(rng, paper, INKS[n % 2], pen, text, bend=BENT_PAGE)


#: Série des photos d'un chiffre pris de loin (graines ``[seed, FAR_SERIES, papier, part, n]``).
FAR_SERIES = 60
#: Hauteur du chiffre, en part de la hauteur de la photo, dans la série « de loin » : de la photo
#: rapprochée (15 %) à la page entière (3 %, un chiffre de 8 mm sur une page de 27 cm).
FAR_SHARES = (0.15, 0.08, 0.05, 0.03)


def far_photo(seed, paper, share, n):
    """La ``n``-ième photo d'un chiffre pris de loin : il n'occupe que ``share`` de la hauteur d'une
    photo de 1 600 × 1 200 pixels (ce que la page décode d'une photo de téléphone), en paysage ou en
    portrait ; encre alternée, stylo tiré au hasard. Se refait à l'identique."""
    rng = np.random.default_rng([seed, FAR_SERIES, PAPERS.index(paper), round(1000 * share), n])
    pen = PENS[int(rng.integers(len(PENS)))]
    size = (1600, 1200) if n % 2 == 0 else (1200, 1600)
    return make_photo(rng, paper, INKS[n % 2], pen, random_text(rng, "digit"), size=size,
                      digit_share=(share, share))


#: Définitions des photos de téléphone (largeur, hauteur, en portrait) : 12,2 mégapixels, 24,5
#: (réglage par défaut des iPhone depuis le 15) et 48,8 (modes pleine définition).
PHONE_RESOLUTIONS = ((3024, 4032), (4284, 5712), (6048, 8064))


def full_resolution_photo(width, height, text="7", seed=7):
    """Une photo de ``text`` sur Seyès, à la définition d'un appareil photo de téléphone : la photo
    fabriquée (1 280 pixels de haut) agrandie à ``width`` × ``height``, avec le grain d'un capteur,
    en JPEG de qualité 90. Pour vérifier que la démo accepte et lit ces fichiers (taille, temps,
    mémoire), pas pour juger la lecture : les détails sont ceux de la photo agrandie."""
    rng = np.random.default_rng(seed)
    photo = make_photo(rng, paper="seyes", ink="blue", pen="ballpoint", text=text)
    big = np.asarray(Image.fromarray(photo.rgb).resize((width, height), Image.BICUBIC), dtype=np.float32)
    big = np.clip(big + rng.normal(0, 4, big.shape), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(big).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def pad_number(rng, text=None):
    """Un nombre écrit dans le pad de la démo : ``(texte, traits)``, traits en unités du pad (0 à 1,
    y vers le bas), dans l'ordre où on les trace, le nombre centré et occupant 84 % du pad."""
    text = random_text(rng, "number") if text is None else text
    digits, _ = layout_text(rng, text)
    pts = np.concatenate([s for d in digits for s in d])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    scale = 0.84 / max(hi - lo)
    offset = (1 - (hi - lo) * scale) / 2
    return text, [(s - lo) * scale + offset for d in digits for s in d]
