"""Trouver l'encre d'un chiffre dans la photo d'une feuille d'écolier, comme le ferait une personne.

C'est le jumeau Python de ``docs/assets/demo/photo.js`` : même algorithme, étape par étape, mêmes
constantes, mêmes arrondis ; les deux sont comparés sur les fixtures partagées de
``tests/fixtures/photo/`` (``tests/test_photo_parity.py``). Toute modification ici doit être
reportée là-bas, et inversement.

Une personne qui lit un chiffre sur une photo de cahier ne voit ni la lumière inégale, ni
l'ombre de la main, ni les lignes du papier : elle les reconnaît et les ignore. On fait de même,
en cinq étapes :

1. **Réduire** la photo (plus grand côté : :data:`WORK_SIDE` pixels), par moyenne exacte des
   surfaces.
2. **Estimer le papier et sa lumière** : dans chaque case de :data:`CELL` × :data:`CELL`
   pixels, le papier est le plus clair (quantile :data:`PAPER_QUANTILE` de chaque canal) ; une
   fermeture sur la grille des cases (maximum puis minimum des voisines) efface l'encre des
   traits larges, une moyenne adoucit, une interpolation bilinéaire rend une image de fond. On
   divise la photo par ce fond : ombres, vignetage et teinte de la lumière disparaissent. La
   **noirceur** d'un pixel est alors ``1 − rouge / rouge du papier`` : une encre bleue ou noire
   absorbe le rouge, les réglures lilas, bleues ou rouges beaucoup moins.
3. **Retirer les réglures** (:func:`find_ruling`, :func:`remove_ruling`) : une réglure est une
   ligne droite, longue, qui traverse toute la photo. Pour chaque famille de lignes (presque
   horizontales, puis presque verticales), on cherche l'inclinaison et la convergence
   (perspective) qui alignent le mieux les pixels sombres sur des lignes présentes dans les quatre
   quarts de l'image — un trait de chiffre n'est que dans un ou deux. Le long de chaque ligne
   ainsi trouvée, tronçon par tronçon (huit le long de la ligne : une feuille bombée la courbe un
   peu), la noirceur médiane est celle de la réglure (l'encre qui la croise n'en couvre qu'une
   petite partie) ; on la retire en divisant, là où elle se retrouve dans sept tronçons sur huit
   au moins (un chiffre, même long et droit comme un 1, ne couvre pas sept huitièmes de la photo).
4. **Seuiller et regrouper** (:func:`ink_thresholds`, :func:`choose_region`) : l'encre est ce qui
   reste nettement plus sombre que le bruit du papier ; on en fait des composantes connexes, on
   écarte les poussières et les restes de lignes, et l'on garde le groupe de composantes le plus
   chargé d'encre, avec ses voisines (les morceaux d'un chiffre, les chiffres d'un nombre).
5. **Rendre** la région trouvée (sa boîte dans la photo d'origine) et son image d'encre
   (0 = papier, 1 = encre), prête pour :mod:`digitlab.segment` puis :func:`digitlab.preprocess.preprocess`.

Quand le lecteur entoure lui-même une petite zone (un chiffre photographié de loin, qui n'a dans la
photo réduite que quelques pixels de haut), :func:`read_region_closer` relit cette zone et son
voisinage de plus près : la fenêtre, découpée dans la photo d'origine, repasse seule par ces cinq
étapes.

Les images sont des tableaux ``float64`` ; une photo est un tableau ``(h, w, 3)`` ou
``(h, w, 4)`` d'octets (RVB ou RVBA, comme ``ImageData``).
"""

from __future__ import annotations

import math

import numpy as np

from .preprocess import area_weights, border_pixels, round_half_up

#: Plus grand côté de la photo réduite sur laquelle on calcule.
WORK_SIDE = 640
#: Une image plus petite (un chiffre de MNIST, un chiffre déjà découpé) se lit d'un seul tenant.
PHOTO_MIN_SIDE = 200
#: Côté (pixels) des cases où l'on estime le papier.
CELL = 16
#: Dans une case, le papier est au quantile 0,9 de chaque canal (l'encre et les lignes sont plus sombres).
PAPER_QUANTILE = 0.9
#: Pixels assez sombres pour servir à chercher les réglures.
RULING_SEARCH_THRESHOLD = 0.05
RULING_SEARCH_STRIDE = 2
#: Une réglure est cherchée dans chacun de ces tronçons le long de la ligne (les quarts de l'image).
RULING_SEGMENTS = 4
#: Poids d'un pixel dans la recherche : sa noirceur, plafonnée (l'encre ne doit pas dominer).
RULING_WEIGHT_CAP = 0.5
#: Bandes (en travers des lignes) où l'on mesure séparément l'inclinaison, pour la perspective.
RULING_BANDS = 3
#: Pentes essayées : de −RULING_MAX_SLOPE à +RULING_MAX_SLOPE (≈ 20°), par pas de RULING_COARSE_STEP.
RULING_MAX_SLOPE = 0.36
RULING_COARSE_STEP = 0.009
#: Convergence maximale : la pente change d'au plus tan 12° d'un bord à l'autre de l'image.
RULING_MAX_CONVERGENCE = 0.2126
#: Suivi des lignes (:func:`_track_lines`) : au plus RULING_TRACK_ROUNDS corrections ; une ligne est
#: suivie si, dans son quart le plus pâle, elle pèse au moins RULING_TRACK_SHARE de la ligne la plus
#: marquée ; sa position dans chaque quart est le barycentre des pixels à RULING_TRACK_RADIUS pixels
#: au plus de la ligne prévue.
RULING_TRACK_ROUNDS = 4
RULING_TRACK_SHARE = 0.1
RULING_TRACK_RADIUS = 3
#: Largeur (pixels) des tranches du profil d'une famille de lignes.
PROFILE_BIN = 0.5
#: Noirceur d'une réglure : la médiane le long de la ligne.
PROFILE_QUANTILE = 0.5
#: Une tranche trop courte (coin de l'image) ne dit rien de sûr : moins de ce rapport de la longueur totale.
PROFILE_MIN_SHARE = 0.25
#: Pour retirer les réglures, l'image est coupée en PROFILE_SEGMENTS tronçons le long des lignes
#: (une feuille bombée, un objectif qui courbe : une ligne n'est droite que par morceaux) ; une
#: réglure doit se retrouver, à 4 tranches (2 pixels) près, dans tous les tronçons où elle passe
#: sauf un, et dans 4 tronçons au moins (la moitié de l'image).
PROFILE_SEGMENTS = 8
RULING_MISSING = 1
RULING_MIN_PRESENT = 4
RULING_TOLERANCE = 4
#: Une page de cahier ouvert se bombe : ses lignes s'y courbent de plusieurs pixels d'un bout à
#: l'autre de l'image, plus que la tolérance. Chaque tronçon est donc d'abord décalé pour que ses
#: réglures se posent sur celles du tronçon voisin (:func:`segment_shifts`), d'au plus
#: RULING_SHIFT_STEP tranches (4 pixels) de plus que lui.
RULING_SHIFT_STEP = 8
#: Une réglure n'est jamais retirée au-delà de cette noirceur.
PROFILE_MAX = 0.9
#: Seuils de l'encre (voir :func:`ink_thresholds`).
INK_LEVEL_QUANTILE = 0.999
NOISE_QUANTILE = 0.9
NOISE_FACTOR = 3.0
MIN_DARKNESS = 0.08
STRONG_SHARE = 0.5
LOW_SHARE = 0.25
#: Une tache n'est de l'encre que si, quelque part, la noirceur moyenne de 3 × 3 de ses pixels
#: atteint 0,2 : le grain du papier et une ombre n'y arrivent pas ; un trait de stylo, même fin et
#: pâle, si. Une page sans aucune telle tache est vide.
MIN_INK_PEAK = 0.2
#: Poussières : moins de pixels que cela ne compte pas.
MIN_COMPONENT_AREA = 12
MIN_COMPONENT_SHARE = 4e-5
#: Reste de réglure : au moins la moitié de l'image de long, moins de 4 pixels d'épaisseur moyenne.
LINE_SPAN = 0.5
LINE_THICKNESS = 4.0
#: … ou, au bord de l'image, sur une seule ligne de réglure : en travers des lignes, 7 pixels
#: d'épaisseur au plus (une grosse réglure Seyès floue), l'épaisseur étant celle d'une bande
#: uniforme de même écart type (√12 × l'écart type de la position ``u`` des pixels).
LINE_U_WIDTH = 7.0
#: Liseré du cadre : une tache dont la moitié des pixels au moins tient dans les 2 pixels du bord
#: de l'image (bord assombri par une ombre, le vignetage, la tranche de la feuille) n'est pas un
#: chiffre ; un chiffre coupé par le cadre garde l'essentiel de son encre à l'intérieur.
FRAME_STRIP = 2
FRAME_SHARE = 0.5
#: Voisines gardées avec la plus grosse composante : assez d'encre, et à moins de 0,6 hauteur
#: (à côté) ou 0,2 hauteur (au-dessus, en dessous) de la région.
JOIN_MASS = 0.02
#: … et pas bien plus pâles : au moins la moitié de la noirceur moyenne de la plus grosse.
JOIN_CONTRAST = 0.5
JOIN_X = 0.6
JOIN_Y = 0.2
#: Une écriture moins haute que 4 % de l'image n'est pas lue.
MIN_REGION_SHARE = 0.04
#: Une zone choisie par le lecteur est relue de plus près (:func:`zoom_window`) : la fenêtre relue
#: fait ZOOM_CONTEXT fois le plus grand côté de la zone (au moins PHOTO_MIN_SIDE pixels), et on ne
#: la relit que si elle y est vue au moins ZOOM_GAIN fois plus grande que dans la photo réduite.
ZOOM_CONTEXT = 3.0
ZOOM_GAIN = 2.0
#: Dans une zone choisie par le lecteur, qui dit ainsi qu'un chiffre s'y trouve : si aucune tache n'y
#: atteint MIN_INK_PEAK, les traits pâles comptent aussi (noirceur de 0,12 au moins par endroits),
#: pourvu qu'ils couvrent au moins 0,5 % de la zone et 36 pixels de l'image lue. Un chiffre au stylo
#: bille sur une page entière photographiée n'a souvent que des traits gris et flous ; le grain du
#: papier, une ombre ou le verso n'en font que de petites taches.
CHOSEN_INK_PEAK = 0.12
CHOSEN_PALE_SHARE = 0.005
CHOSEN_PALE_MIN_AREA = 36


def _as_rgb(photo) -> np.ndarray:
    arr = np.asarray(photo)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4) or arr.shape[0] < 1 or arr.shape[1] < 1:
        raise ValueError(f"Une photo est un tableau (hauteur, largeur, 3 ou 4) (reçu : {arr.shape}).")
    return arr[..., :3].astype(np.float64) / 255.0


def is_paper_photo(gray: np.ndarray) -> bool:
    """Vrai si une image en niveaux de gris (0 = noir, 1 = blanc) se lit comme une photo de papier :
    encre sombre sur fond clair (le bord est clair, comme en décide ``gray_to_ink``) et au moins
    :data:`PHOTO_MIN_SIDE` pixels de côté. Sinon (un chiffre de MNIST, une encre claire sur fond
    sombre), la page la lit d'un seul tenant, comme avant."""
    gray = np.asarray(gray, dtype=np.float64)
    return max(gray.shape) >= PHOTO_MIN_SIDE and float(np.median(border_pixels(gray))) > 0.5


def work_size(width: int, height: int, side: int = WORK_SIDE):
    """Taille ``(largeur, hauteur)`` réduite pour que le plus grand côté ne dépasse pas ``side``."""
    k = min(1.0, side / max(width, height))
    return max(1, round_half_up(width * k)), max(1, round_half_up(height * k))


def _sparse_weights(n_in: int, n_out: int):
    """Les poids de :func:`digitlab.preprocess.area_weights`, ligne par ligne : pour chaque pixel de
    sortie, les indices des pixels d'entrée qu'il couvre et leurs poids (complétés par des zéros)."""
    dense = area_weights(n_in, n_out)
    width = max(1, int((dense > 0).sum(axis=1).max()))
    index = np.zeros((n_out, width), dtype=np.int64)
    weight = np.zeros((n_out, width))
    for i in range(n_out):
        cols = np.flatnonzero(dense[i] > 0)
        index[i, :cols.size] = cols
        weight[i, :cols.size] = dense[i, cols]
    return index, weight


def _resize_axis(img: np.ndarray, n_out: int, axis: int) -> np.ndarray:
    """Moyenne des surfaces le long d'un axe (0 : lignes, 1 : colonnes)."""
    index, weight = _sparse_weights(img.shape[axis], n_out)
    moved = np.moveaxis(img, axis, 0)
    out = np.zeros((n_out,) + moved.shape[1:])
    for k in range(index.shape[1]):
        out += weight[:, k].reshape((-1,) + (1,) * (moved.ndim - 1)) * moved[index[:, k]]
    return np.moveaxis(out, 0, axis)


def downscale(photo, side: int = WORK_SIDE) -> np.ndarray:
    """Photo d'octets → ``(h, w, 3)`` dans [0, 1], plus grand côté ``side`` au plus (moyenne exacte
    des surfaces : d'abord les colonnes, puis les lignes, comme ``resizeArea`` en JavaScript)."""
    rgb = _as_rgb(photo)
    h, w = rgb.shape[:2]
    ow, oh = work_size(w, h, side)
    if (ow, oh) == (w, h):
        return rgb
    return _resize_axis(_resize_axis(rgb, ow, 1), oh, 0)


def _nearest_rank(sorted_values: np.ndarray, q: float) -> float:
    return float(sorted_values[round_half_up(q * (sorted_values.size - 1))])


def _grid_filter(grid: np.ndarray, kind: str) -> np.ndarray:
    """Maximum, minimum ou moyenne des 3 × 3 cases voisines (bords prolongés), case par case."""
    gh, gw = grid.shape[:2]
    padded = np.pad(grid, ((1, 1), (1, 1)) + ((0, 0),) * (grid.ndim - 2), mode="edge")
    out = None
    for dy in range(3):
        for dx in range(3):
            v = padded[dy:dy + gh, dx:dx + gw]
            if out is None:
                out = v.copy()
            elif kind == "max":
                out = np.maximum(out, v)
            elif kind == "min":
                out = np.minimum(out, v)
            else:
                out = out + v
    return out / 9.0 if kind == "mean" else out


def paper_grid(rgb: np.ndarray, cell: int = CELL) -> np.ndarray:
    """Le papier case par case : ``(gh, gw, 3)``, quantile ``PAPER_QUANTILE`` de chaque canal,
    puis fermeture (maximum puis minimum des voisines) et moyenne des voisines."""
    h, w = rgb.shape[:2]
    gh, gw = -(-h // cell), -(-w // cell)
    grid = np.zeros((gh, gw, 3))
    for j in range(gh):
        for i in range(gw):
            block = rgb[j * cell:(j + 1) * cell, i * cell:(i + 1) * cell].reshape(-1, 3)
            ordered = np.sort(block, axis=0)
            grid[j, i] = ordered[round_half_up(PAPER_QUANTILE * (len(ordered) - 1))]
    return _grid_filter(_grid_filter(_grid_filter(grid, "max"), "min"), "mean")


def _axis_weights(n: int, g: int, cell: int):
    """Interpolation linéaire entre centres de cases : indices bas, hauts et poids du haut."""
    pos = (np.arange(n) + 0.5) / cell - 0.5
    pos = np.clip(pos, 0.0, g - 1.0)
    lo = np.floor(pos).astype(int)
    lo = np.minimum(lo, max(g - 2, 0))
    hi = np.minimum(lo + 1, g - 1)
    return lo, hi, pos - lo


def paper_background(rgb: np.ndarray, cell: int = CELL) -> np.ndarray:
    """Le fond (papier × lumière) en chaque pixel, ``(h, w, 3)``."""
    h, w = rgb.shape[:2]
    grid = paper_grid(rgb, cell)
    gh, gw = grid.shape[:2]
    y0, y1, fy = _axis_weights(h, gh, cell)
    x0, x1, fx = _axis_weights(w, gw, cell)
    fy, fx = fy[:, None, None], fx[None, :, None]
    top = grid[y0][:, x0] * (1 - fx) + grid[y0][:, x1] * fx
    bottom = grid[y1][:, x0] * (1 - fx) + grid[y1][:, x1] * fx
    return top * (1 - fy) + bottom * fy


def darkness(rgb: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Noirceur ``1 − rouge / rouge du papier``, dans [0, 1] (0 = papier)."""
    red, paper = rgb[..., 0], background[..., 0]
    ratio = np.where(paper > 0, red / np.where(paper > 0, paper, 1.0), 1.0)
    return 1.0 - np.clip(ratio, 0.0, 1.0)


# --- Les réglures ---------------------------------------------------------------------------------

def _line_frame(h: int, w: int, vertical: bool):
    """Coordonnées centrées « le long » (a) et « en travers » (c) des lignes d'une famille."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    x, y = xx - (w - 1) / 2, yy - (h - 1) / 2
    return (y, x) if vertical else (x, y)


def line_coordinate(along, across, slope, convergence):
    """Position ``u`` de la ligne de la famille qui passe par chaque point : la ligne d'ordonnée
    ``u`` au centre a la pente ``slope + convergence × u`` (lignes concourantes, perspective)."""
    return (across - slope * along) / (1.0 + convergence * along)


def _dilate1d(hist: np.ndarray, r: int) -> np.ndarray:
    if r == 0:
        return hist
    padded = np.pad(hist, r)
    out = padded[0:hist.size].copy()
    for k in range(1, 2 * r + 1):
        out = np.maximum(out, padded[k:k + hist.size])
    return out


def _sequential_sum(values: np.ndarray) -> float:
    """Somme dans l'ordre, terme à terme, comme la boucle JavaScript (NumPy somme par paires)."""
    return float(np.cumsum(values)[-1]) if values.size else 0.0


def _histograms(parts, slope, convergence, nbins, offset, along=False):
    """Dans chaque quart, le poids des pixels par ligne ``u`` (tranches d'un pixel) ; avec
    ``along``, aussi la somme de leur poids × leur position ``a`` le long des lignes."""
    hists, sums = [], []
    for a, c, weight in parts:
        bins = np.floor(line_coordinate(a, c, slope, convergence) + offset).astype(np.int64)
        keep = (bins >= 0) & (bins < nbins)
        hists.append(np.bincount(bins[keep], weights=weight[keep], minlength=nbins))
        if along:
            sums.append(np.bincount(bins[keep], weights=weight[keep] * a[keep], minlength=nbins))
    return (hists, sums) if along else hists


def _energy(hists, radius):
    """Énergie de l'alignement : on garde, ligne par ligne, le plus petit des comptes des quarts
    (élargis de ``radius`` tranches) ; une réglure est dans les quatre, un trait de chiffre non.
    L'énergie est la somme de leurs carrés."""
    low = None
    for hist in hists:
        hist = _dilate1d(hist, radius)
        low = hist if low is None else np.minimum(low, hist)
    return _sequential_sum(low * low)


def _alignment(parts, slope, convergence, radius, nbins, offset):
    """Énergie de l'alignement (:func:`_energy`) des pixels, pondérés par leur noirceur, pour cette
    pente et cette convergence."""
    return _energy(_histograms(parts, slope, convergence, nbins, offset), radius)


def _search(parts, slopes, convergences, radius, nbins, offset, best=None):
    """Le meilleur (énergie, pente, convergence) d'une grille ; à égalité (à 1e-9 près), le premier
    rencontré (``best`` : le meilleur déjà connu, qui garde sa place s'il n'est pas battu)."""
    for slope in slopes:
        for conv in convergences:
            e = _alignment(parts, slope, conv, radius, nbins, offset)
            if best is None or e > best[0] * (1 + 1e-9):
                best = (e, float(slope), float(conv))
    return best


def _steps(centre, step, count):
    """``centre + k × step`` pour k = −count … count."""
    return [centre + k * step for k in range(-count, count + 1)]


def _split(a, c, weight, segment, select):
    return [(a[select & (segment == k)], c[select & (segment == k)], weight[select & (segment == k)])
            for k in range(RULING_SEGMENTS)]


def _slope_search(coarse_parts, parts, nbins, offset):
    """La pente seule (convergence nulle) qui aligne le mieux : grossièrement sur ``coarse_parts``
    (un point sur deux, pas de :data:`RULING_COARSE_STEP`, histogrammes élargis de 3 tranches),
    puis finement sur ``parts``."""
    n_coarse = round_half_up(RULING_MAX_SLOPE / RULING_COARSE_STEP)
    best = _search(coarse_parts, _steps(0.0, RULING_COARSE_STEP, n_coarse), [0.0], 3, nbins, offset)
    return _search(parts, _steps(best[1], RULING_COARSE_STEP / 5, 4), [0.0], 1, nbins, offset)


def _refine(parts, slope, convergence, max_conv, nbins, offset):
    """Affine un départ (pente, convergence) sur toute l'image, tour à tour convergence et pente ;
    histogrammes élargis d'une tranche : une feuille un peu bombée courbe les lignes d'un pixel."""
    best = _search(parts, [slope], _steps(convergence, max_conv / 10, 4), 1, nbins, offset)
    best = _search(parts, _steps(best[1], RULING_COARSE_STEP / 25, 4), [best[2]], 1, nbins, offset, best)
    best = _search(parts, [best[1]], _steps(best[2], max_conv / 50, 4), 1, nbins, offset, best)
    best = _search(parts, _steps(best[1], RULING_COARSE_STEP / 25 / 4, 2), [best[2]], 1, nbins, offset, best)
    return _search(parts, [best[1]], _steps(best[2], max_conv / 250, 4), 1, nbins, offset, best)


def _line_drifts(hists, sums, offset):
    """Les lignes de la famille telles qu'on les voit dans les histogrammes des quarts
    (:func:`_histograms` avec ``along``) : pour chaque ligne présente dans les quatre quarts, sa
    position ``u`` et sa dérive ``du/da`` le long de l'image (droite des moindres carrés sur les
    barycentres des quarts), avec son poids (la masse de son quart le plus pâle). Renvoie une liste
    de ``(u, dérive, poids)``."""
    r = RULING_TRACK_RADIUS
    nbins = hists[0].size
    total = hists[0] + hists[1] + hists[2] + hists[3]
    low = np.minimum(np.minimum(_dilate1d(hists[0], r), _dilate1d(hists[1], r)),
                     np.minimum(_dilate1d(hists[2], r), _dilate1d(hists[3], r)))
    peak = _dilate1d(total, r)
    candidates = np.flatnonzero((total == peak) & (total > 0))
    strongest = float(low[candidates].max()) if candidates.size else 0.0
    lines = []
    last = -2 * r - 1
    for p in candidates.tolist():
        if p - last <= 2 * r or not low[p] > 0 or low[p] < RULING_TRACK_SHARE * strongest or p < r or p + r >= nbins:
            continue
        last = p
        sm = sa = su = sau = saa = 0.0
        weakest = math.inf
        for hist, hist_a in zip(hists, sums):
            m = mu = ma = 0.0
            for j in range(p - r, p + r + 1):
                m += hist[j]
                mu += hist[j] * j
                ma += hist_a[j]
            weakest = min(weakest, m)
            uk, ak = mu / m, ma / m
            sm += m
            sa += m * ak
            su += m * uk
            sau += m * ak * uk
            saa += m * ak * ak
        var = saa - sa * sa / sm
        if var <= 0:
            continue
        lines.append((su / sm - offset + 0.5, (sau - sa * su / sm) / var, weakest))
    return lines


def _track_lines(parts, best, max_conv, nbins, offset):
    """Corrige (pente, convergence) d'après les lignes elles-mêmes : si chaque ligne dérive de
    ``du/da = α + β·u`` le long de l'image, la pente est trop faible de α et la convergence de β
    (droite des moindres carrés pondérée sur les lignes suivies). La recherche par grille avance
    une variable à la fois ; quand pente et convergence sont fausses ensemble, elle s'arrête
    avant, et les lignes d'un côté de l'image ne sont pas retirées. Une correction n'est gardée
    que si l'énergie de l'alignement augmente ; les histogrammes qui la mesurent servent au tour
    suivant."""
    hists, sums = _histograms(parts, best[1], best[2], nbins, offset, along=True)
    for _ in range(RULING_TRACK_ROUNDS):
        lines = _line_drifts(hists, sums, offset)
        sw = su = sd = 0.0
        for u, d, w in lines:
            sw += w
            su += w * u
            sd += w * d
        if sw <= 0:
            return best
        mu, md = su / sw, sd / sw
        var = cov = 0.0
        for u, d, w in lines:
            var += w * (u - mu) * (u - mu)
            cov += w * (u - mu) * (d - md)
        beta = cov / var if var > 0 else 0.0
        slope = best[1] + md - beta * mu
        conv = min(max(best[2] + beta, -max_conv), max_conv)
        hists, sums = _histograms(parts, slope, conv, nbins, offset, along=True)
        e = _energy(hists, 1)
        if not e > best[0] * (1 + 1e-9):
            return best
        best = (e, float(slope), float(conv))
    return best


def find_ruling(dark: np.ndarray, vertical: bool):
    """Inclinaison et convergence de la famille de réglures presque horizontales (ou verticales).

    1. Dans chacune des :data:`RULING_BANDS` bandes (en travers des lignes), la pente qui aligne le
       mieux les pixels sombres (:func:`_slope_search`), puis plus finement encore.
    2. La perspective fait converger les lignes : la pente varie avec la position ``u`` de la
       ligne. Une droite des moindres carrés (pondérée par l'énergie de chaque bande) donne la pente
       au centre et la convergence.
    3. Affinage sur toute l'image (:func:`_refine`), tour à tour de la convergence et de la pente.
    4. Second départ : la même recherche sur l'image entière, sans bandes, affinée de même ; on
       garde le meilleur des deux.
    5. Suivi des lignes (:func:`_track_lines`) : chaque ligne, mesurée d'un quart de l'image à
       l'autre, dit de combien pente et convergence sont encore fausses, ensemble.

    Renvoie ``{"slope", "convergence", "energy"}``. Sur papier blanc, l'énergie est faible et la
    direction sans importance : :func:`remove_ruling` n'y retire presque rien.
    """
    h, w = dark.shape
    along, across = _line_frame(h, w, vertical)
    length = h if vertical else w
    extent = w if vertical else h
    # Les pixels assez sombres, une colonne sur deux le long des lignes (une ligne sur deux pour
    # les verticales) : deux fois moins de calcul, les lignes restent entières en travers.
    index_along = np.arange(h)[:, None] if vertical else np.arange(w)[None, :]
    mask = (dark > RULING_SEARCH_THRESHOLD) & (index_along % RULING_SEARCH_STRIDE == 0)
    a, c, wgt = along[mask], across[mask], np.minimum(dark[mask], RULING_WEIGHT_CAP)
    segment = np.minimum(np.floor((a + (length - 1) / 2) * RULING_SEGMENTS / length).astype(np.int64),
                         RULING_SEGMENTS - 1)
    band = np.minimum(np.floor((c + (extent - 1) / 2) * RULING_BANDS / extent).astype(np.int64), RULING_BANDS - 1)
    even = (np.arange(a.size) % 2) == 0
    offset = float(2 * max(h, w))
    nbins = int(4 * max(h, w))
    fits = []
    for b in range(RULING_BANDS):
        in_band = band == b
        parts = _split(a, c, wgt, segment, in_band)
        best = _slope_search(_split(a, c, wgt, segment, in_band & even), parts, nbins, offset)
        best = _search(parts, _steps(best[1], RULING_COARSE_STEP / 25, 4), [0.0], 0, nbins, offset)
        centre = (b + 0.5) * extent / RULING_BANDS - extent / 2
        fits.append((best[0], centre, best[1]))
    # Droite des moindres carrés pente = s0 + k·u, pondérée par l'énergie de chaque bande.
    sw = 0.0
    for e, _, _ in fits:
        sw += e
    conv, slope0 = 0.0, 0.0
    if sw > 0:
        mu, ms = 0.0, 0.0
        for e, u, m in fits:
            mu += e * u
            ms += e * m
        mu, ms = mu / sw, ms / sw
        var, cov = 0.0, 0.0
        for e, u, m in fits:
            var += e * (u - mu) * (u - mu)
            cov += e * (u - mu) * (m - ms)
        conv = cov / var if var > 0 else 0.0
        slope0 = ms - conv * mu
    max_conv = RULING_MAX_CONVERGENCE / extent
    conv = min(max(conv, -max_conv), max_conv)
    parts = _split(a, c, wgt, segment, np.ones(a.size, dtype=bool))
    best = _refine(parts, slope0, conv, max_conv, nbins, offset)
    # Second départ : la même recherche sur toute l'image d'un coup. Quand de grands carreaux ne
    # mettent qu'une ligne par bande, à cheval sur deux bandes, aucune bande ne voit de ligne
    # entière : leurs pentes sont fausses, et leur droite aussi ; celle de l'image entière, non.
    whole = _slope_search(_split(a, c, wgt, segment, even), parts, nbins, offset)
    whole = _refine(parts, whole[1], 0.0, max_conv, nbins, offset)
    if whole[0] > best[0] * (1 + 1e-9):
        best = whole
    best = _track_lines(parts, best, max_conv, nbins, offset)
    return {"slope": best[1], "convergence": best[2], "energy": best[0]}


def ruling_profiles(dark: np.ndarray, family: dict, vertical: bool):
    """Noirceur des réglures, ligne par ligne et tronçon par tronçon.

    Chaque pixel tombe dans une tranche (ligne ``u`` de la famille, à :data:`PROFILE_BIN` près)
    et un tronçon de l'image le long des lignes. Dans chaque (tronçon, tranche), la noirceur de la
    réglure est la médiane de celle des pixels : l'encre qui croise la ligne n'en couvre qu'une
    petite partie. Une tranche trop courte (coin de l'image) vaut 0 et n'est pas comptée.

    Renvoie ``(profils (tronçons, tranches), comptées (tronçons, tranches), tranche de chaque pixel,
    tronçon de chaque pixel)``.
    """
    h, w = dark.shape
    along, across = _line_frame(h, w, vertical)
    length = h if vertical else w
    u = line_coordinate(along, across, family["slope"], family["convergence"])
    offset = float(2 * max(h, w))
    bins = np.floor((u + offset) / PROFILE_BIN).astype(np.int64)
    segment = np.minimum(np.floor((along + (length - 1) / 2) * PROFILE_SEGMENTS / length).astype(np.int64),
                         PROFILE_SEGMENTS - 1)
    nbins = int(bins.max()) + 1
    key = (segment * nbins + bins).ravel()
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    values = dark.ravel()[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    ends = np.r_[starts[1:], sorted_keys.size]
    profiles = np.zeros((PROFILE_SEGMENTS, nbins))
    counted = np.zeros((PROFILE_SEGMENTS, nbins), dtype=bool)
    min_count = PROFILE_MIN_SHARE * length / PROFILE_SEGMENTS * PROFILE_BIN
    for start, end in zip(starts, ends):
        if end - start < min_count:
            continue
        k = int(sorted_keys[start])
        profiles[k // nbins, k % nbins] = _nearest_rank(np.sort(values[start:end]), PROFILE_QUANTILE)
        counted[k // nbins, k % nbins] = True
    return profiles, counted, bins, segment


def ruling_levels(profiles: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Ce qui, dans chaque tronçon, est une vraie réglure : une ligne présente (à
    :data:`RULING_TOLERANCE` tranches près, pour une feuille un peu bombée) dans tous les tronçons
    où la ligne passe, sauf :data:`RULING_MISSING` au plus, et dans au moins
    :data:`RULING_MIN_PRESENT` tronçons (la moitié de l'image : une ligne qui sort par un bord n'est
    comptée que là où elle est dans l'image). Un trait de chiffre aligné sur les réglures n'est
    jamais si long : il n'est pas pris pour une réglure.

    La ligne passe dans un tronçon si une tranche voisine (à :data:`RULING_TOLERANCE` près) y est
    comptée : quand la pente est presque nulle, les pixels ne tombent que dans une tranche sur deux,
    et pas les mêmes d'un tronçon à l'autre. Sans ce voisinage, un long trait droit (un grand « 1 »
    sur papier blanc) ne « passerait » que dans les tronçons où il est, et serait pris pour une
    réglure."""
    dilated = np.stack([_dilate1d(p, RULING_TOLERANCE) for p in profiles])
    passes = np.stack([_dilate1d(c.astype(np.float64), RULING_TOLERANCE) > 0 for c in counted])
    n_counted = passes.sum(axis=0)
    ordered = np.sort(np.where(passes, dilated, np.inf), axis=0)
    need = np.maximum(RULING_MIN_PRESENT, n_counted - RULING_MISSING)
    rank = np.clip(n_counted - need, 0, PROFILE_SEGMENTS - 1)
    support = np.take_along_axis(ordered, rank[None, :], axis=0)[0]
    support = np.where(n_counted >= RULING_MIN_PRESENT, support, 0.0)
    return np.minimum(np.minimum(profiles, support[None, :]), PROFILE_MAX)


def segment_shifts(profiles: np.ndarray) -> list[int]:
    """Le décalage (en tranches) qui pose les réglures de chaque tronçon sur celles de son voisin.

    On part du tronçon du milieu (décalage nul) et l'on va vers chaque bord : le tronçon suivant
    essaie les décalages de son voisin à ±:data:`RULING_SHIFT_STEP` près, du plus petit écart au plus
    grand, et garde celui où ses profils et ceux du voisin (décalé) se superposent le mieux (somme des
    produits des noirceurs plafonnées à :data:`RULING_WEIGHT_CAP` : l'encre d'un chiffre, bien plus
    sombre qu'une ligne, ne tire pas le tronçon vers elle). Une ligne courbée par une page bombée
    suit ainsi sa courbe d'un tronçon à l'autre ; une ligne droite garde des décalages nuls. Sur
    papier blanc, rien ne se superpose : décalages nuls."""
    capped = np.minimum(profiles, RULING_WEIGHT_CAP)
    n = capped.shape[0]
    shifts = [0] * n
    start = n // 2
    order = [0] + [d for k in range(1, RULING_SHIFT_STEP + 1) for d in (-k, k)]
    for k, ref in [(k, k - 1) for k in range(start + 1, n)] + [(k, k + 1) for k in range(start - 1, -1, -1)]:
        reference = _shifted(capped[ref], shifts[ref])
        best, best_shift = 0.0, shifts[ref]
        for d in order:
            score = _sequential_sum(_shifted(capped[k], shifts[ref] + d) * reference)
            if score > best * (1 + 1e-9) and score > 0:
                best, best_shift = score, shifts[ref] + d
        shifts[k] = best_shift
    return shifts


def _shifted(row: np.ndarray, shift: int) -> np.ndarray:
    """``out[b] = row[b + shift]`` (0 hors du tableau)."""
    out = np.zeros_like(row)
    if shift >= 0:
        out[:row.size - shift] = row[shift:]
    else:
        out[-shift:] = row[:row.size + shift]
    return out


def remove_ruling(dark: np.ndarray, family: dict, vertical: bool) -> np.ndarray:
    """Retire une famille de réglures : la lumière transmise est divisée par celle de la réglure.
    Les tronçons sont alignés (:func:`segment_shifts`) avant de chercher les réglures, puis chaque
    niveau est rendu à sa place."""
    profiles, counted, bins, segment = ruling_profiles(dark, family, vertical)
    shifts = segment_shifts(profiles)
    aligned = np.stack([_shifted(p, d) for p, d in zip(profiles, shifts)])
    aligned_counted = np.stack([_shifted(c, d) for c, d in zip(counted, shifts)])
    levels = ruling_levels(aligned, aligned_counted)
    levels = np.stack([_shifted(level, -d) for level, d in zip(levels, shifts)])
    line = levels[segment, bins]
    return 1.0 - np.clip((1.0 - dark) / (1.0 - line), 0.0, 1.0)


def clean_darkness(photo):
    """Photo d'octets → ``(photo réduite, noirceur brute, noirceur sans réglures, familles)``."""
    rgb = downscale(photo)
    dark = darkness(rgb, paper_background(rgb))
    horizontal = find_ruling(dark, vertical=False)
    cleaned = remove_ruling(dark, horizontal, vertical=False)
    vertical = find_ruling(cleaned, vertical=True)
    cleaned = remove_ruling(cleaned, vertical, vertical=True)
    return rgb, dark, cleaned, {"horizontal": horizontal, "vertical": vertical}


# --- L'encre et la région du chiffre ----------------------------------------------------------------

def ink_thresholds(cleaned: np.ndarray):
    """Seuils de l'encre : ``(bas, haut, niveau)``.

    ``niveau`` : la noirceur des pixels les plus sombres (quantile :data:`INK_LEVEL_QUANTILE`) ;
    ``bas`` : au-dessus du bruit du papier (quantile :data:`NOISE_QUANTILE`, multiplié par
    :data:`NOISE_FACTOR`), au moins le quart du niveau (l'écriture du verso, une ombre ou un reste
    de ligne restent bien plus pâles que l'encre) et jamais sous :data:`MIN_DARKNESS` ;
    ``haut`` : la moitié du niveau.
    """
    ordered = np.sort(cleaned.ravel())
    level = _nearest_rank(ordered, INK_LEVEL_QUANTILE)
    noise = _nearest_rank(ordered, NOISE_QUANTILE)
    low = max(MIN_DARKNESS, NOISE_FACTOR * noise, LOW_SHARE * level)
    high = max(low, STRONG_SHARE * level)
    return low, high, level


def mean_3x3(cleaned: np.ndarray) -> np.ndarray:
    """La noirceur moyenne sur les 3 × 3 pixels autour de chacun (hors de l'image : 0)."""
    h, w = cleaned.shape
    padded = np.pad(cleaned, 1)
    total = np.zeros((h, w))
    for dy in range(3):
        for dx in range(3):
            total = total + padded[dy:dy + h, dx:dx + w]
    return total / 9.0


def ink_peak(cleaned: np.ndarray) -> float:
    """La plus forte noirceur moyenne sur 3 × 3 pixels. Un pixel de bruit isolé n'y suffit pas ;
    un trait de stylo, même fin, si."""
    return float(mean_3x3(cleaned).max())


def component_peaks(cleaned: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """Pour chaque composante 1…count, la plus forte noirceur moyenne sur 3 × 3 pixels en l'un de
    ses pixels (voir :data:`MIN_INK_PEAK`)."""
    flat = labels.ravel()
    inside = flat > 0
    peaks = np.zeros(count + 1)
    np.maximum.at(peaks, flat[inside], mean_3x3(cleaned).ravel()[inside])
    return peaks[1:]


def label_components(mask: np.ndarray) -> tuple[np.ndarray, int]:
    """Composantes 8-connexes d'un masque : étiquettes 1…n dans l'ordre où l'on rencontre leur
    premier pixel en lisant l'image ligne par ligne (0 = hors masque), comme en JavaScript."""
    from scipy import ndimage

    raw, count = ndimage.label(mask, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return raw.astype(np.int64), 0
    flat = raw.ravel()
    labels, first = np.unique(flat, return_index=True)
    keep = labels > 0
    order = labels[keep][np.argsort(first[keep], kind="stable")]
    renumber = np.zeros(count + 1, dtype=np.int64)
    renumber[order] = np.arange(1, order.size + 1)
    return renumber[raw].astype(np.int64), int(order.size)


def component_stats(labels: np.ndarray, count: int, cleaned: np.ndarray, high: float):
    """Pour chaque composante 1…count : surface, masse d'encre, pixels forts, boîte (bornes exclues),
    pixels dans le liseré du cadre (:data:`FRAME_STRIP`)."""
    flat = labels.ravel()
    area = np.bincount(flat, minlength=count + 1)
    mass = np.bincount(flat, weights=cleaned.ravel(), minlength=count + 1)
    is_strong = cleaned.ravel() > high
    strong = np.bincount(flat, weights=is_strong.astype(np.float64), minlength=count + 1)
    strong_mass = np.bincount(flat, weights=np.where(is_strong, cleaned.ravel(), 0.0), minlength=count + 1)
    h, w = labels.shape
    ys, xs = np.divmod(np.arange(h * w), w)
    in_frame = (xs < FRAME_STRIP) | (ys < FRAME_STRIP) | (xs >= w - FRAME_STRIP) | (ys >= h - FRAME_STRIP)
    frame = np.bincount(flat[in_frame], minlength=count + 1)
    inside = flat > 0
    top = np.full(count + 1, h)
    left = np.full(count + 1, w)
    bottom = np.full(count + 1, -1)
    right = np.full(count + 1, -1)
    np.minimum.at(top, flat[inside], ys[inside])
    np.minimum.at(left, flat[inside], xs[inside])
    np.maximum.at(bottom, flat[inside], ys[inside])
    np.maximum.at(right, flat[inside], xs[inside])
    return [{"label": k, "area": int(area[k]), "mass": float(mass[k]), "strong": int(strong[k]),
             "strong_mass": float(strong_mass[k]), "frame": int(frame[k]),
             "box": (int(left[k]), int(top[k]), int(right[k]) + 1, int(bottom[k]) + 1)}
            for k in range(1, count + 1)]


def line_widths(labels: np.ndarray, count: int, families: dict) -> np.ndarray:
    """Pour chaque composante 1…count, son épaisseur en travers des réglures, pour la famille où
    elle est la plus petite : √12 fois l'écart type de la position ``u`` de ses pixels (la largeur
    d'une bande uniforme de même écart type). Un bout de réglure tient sur une seule ligne (quelques
    pixels) ; un chiffre, non. L'écart type, plutôt que l'écart entre les extrêmes, ne se laisse pas
    gonfler par quelques pixels de flou ou de bruit accrochés au bout de ligne."""
    h, w = labels.shape
    flat = labels.ravel()
    inside = flat > 0
    lab = flat[inside]
    yy, xx = np.divmod(np.arange(h * w)[inside], w)
    x, y = xx - (w - 1) / 2, yy - (h - 1) / 2
    n = np.maximum(np.bincount(lab, minlength=count + 1), 1)
    best = np.full(count + 1, np.inf)
    for name, (along, across) in (("horizontal", (x, y)), ("vertical", (y, x))):
        fam = families[name]
        u = line_coordinate(along, across, fam["slope"], fam["convergence"])
        mean = np.bincount(lab, weights=u, minlength=count + 1) / n
        d = u - mean[lab]
        var = np.bincount(lab, weights=d * d, minlength=count + 1) / n
        best = np.minimum(best, np.sqrt(12.0 * var))
    return best[1:]


def is_line_remnant(comp, width: int, height: int) -> bool:
    """Un reste de réglure : très long (la moitié de l'image au moins) et mince ; ou, au bord de
    l'image (là où une réglure qui sort du cadre par un coin n'a pas pu être retirée), tenant sur
    une seule ligne de réglure (épaisseur en travers des lignes d'au plus :data:`LINE_U_WIDTH`
    pixels, voir :func:`line_widths`)."""
    left, top, right, bottom = comp["box"]
    span = max(right - left, bottom - top)
    long_ = (right - left) >= LINE_SPAN * width or (bottom - top) >= LINE_SPAN * height
    if long_ and comp["area"] < LINE_THICKNESS * span:
        return True
    border = left == 0 or top == 0 or right == width or bottom == height
    return border and comp.get("line_width", np.inf) <= LINE_U_WIDTH


def is_frame_shadow(comp) -> bool:
    """Un liseré sombre le long du cadre : au moins :data:`FRAME_SHARE` des pixels de la tache
    tiennent dans les :data:`FRAME_STRIP` pixels du bord de l'image."""
    return comp.get("frame", 0) >= FRAME_SHARE * comp["area"]


def _gap(a, b):
    """Écarts horizontal et vertical entre deux boîtes (0 si elles se chevauchent)."""
    gx = max(0, a[0] - b[2], b[0] - a[2])
    gy = max(0, a[1] - b[3], b[1] - a[3])
    return gx, gy


def is_ink(comp, min_area, width: int, height: int, min_peak: float = MIN_INK_PEAK) -> bool:
    """Une tache d'encre possible : de l'encre franche, assez de pixels, assez sombre par endroits
    (``min_peak``, :data:`MIN_INK_PEAK` sauf dans une zone choisie), et ni un reste de réglure ni un
    liseré du cadre."""
    return (comp["strong"] > 0 and comp["area"] >= min_area and comp.get("peak", np.inf) >= min_peak
            and not is_line_remnant(comp, width, height) and not is_frame_shadow(comp))


def choose_region(comps, width: int, height: int):
    """Les composantes qui forment l'écriture : la plus chargée d'encre franche, puis, de proche en proche,
    ses voisines (morceaux du même chiffre, autres chiffres du nombre). Renvoie
    ``(étiquettes gardées, boîte)`` ou ``(None, raison)`` : ``"empty"`` (aucune encre) ou
    ``"small"`` (trop petit pour être un chiffre)."""
    min_area = max(MIN_COMPONENT_AREA, MIN_COMPONENT_SHARE * width * height)
    candidates = [c for c in comps if is_ink(c, min_area, width, height)]
    if not candidates:
        return None, "empty"
    seed = max(candidates, key=lambda c: (c["strong_mass"], -c["label"]))
    seed_mean = seed["mass"] / seed["area"]
    chosen = {seed["label"]}
    box = list(seed["box"])
    changed = True
    while changed:
        changed = False
        region_h = box[3] - box[1]
        for c in candidates:
            if c["label"] in chosen or c["mass"] < JOIN_MASS * seed["mass"]:
                continue
            if c["mass"] / c["area"] < JOIN_CONTRAST * seed_mean:
                continue  # bien plus pâle : l'écriture du verso, une ombre, un reste de ligne
            gx, gy = _gap(box, c["box"])
            if gx <= JOIN_X * region_h and gy <= JOIN_Y * region_h:
                chosen.add(c["label"])
                box = [min(box[0], c["box"][0]), min(box[1], c["box"][1]),
                       max(box[2], c["box"][2]), max(box[3], c["box"][3])]
                changed = True
    if box[3] - box[1] < MIN_REGION_SHARE * height:
        return None, "small"
    return sorted(chosen), tuple(box)


def region_ink(cleaned, labels, keep, box, low, high):
    """Image d'encre d'une région : la noirceur des pixels des composantes gardées, ramenée de
    [bas, haut] à [0, 1] (le cœur des traits vaut 1), 0 ailleurs."""
    left, top, right, bottom = box
    inside = np.isin(labels[top:bottom, left:right], list(keep))
    values = np.clip((cleaned[top:bottom, left:right] - low) / max(high - low, 1e-6), 0.0, 1.0)
    return np.where(inside, values, 0.0)


def read_photo(photo):
    """Photo d'octets ``(h, w, 3 ou 4)`` → ce que la page montre et lit.

    Renvoie un dictionnaire : ``found`` (vrai si une écriture a été trouvée), ``reason``
    (``"empty"`` ou ``"small"`` sinon), ``box`` (gauche, haut, droite, bas de la région dans la
    photo d'origine, en pixels), ``work_box`` (la même dans la photo réduite), ``ink`` (image
    d'encre de la région, 0 = papier, 1 = encre), ``scale`` (photo réduite / photo d'origine),
    et les étapes intermédiaires, pour les figures et pour :func:`read_region` (``rgb``,
    ``dark``, ``cleaned``, ``families``, ``thresholds``, ``labels``, ``components``).
    """
    arr = np.asarray(photo)
    rgb, dark, cleaned, families = clean_darkness(arr)
    h, w = cleaned.shape
    scale = w / arr.shape[1]
    low, high, level = ink_thresholds(cleaned)
    labels, count = label_components(cleaned > low)
    comps = component_stats(labels, count, cleaned, high)
    for comp, width, peak in zip(comps, line_widths(labels, count, families),
                                 component_peaks(cleaned, labels, count)):
        comp["line_width"] = float(width)
        comp["peak"] = float(peak)
    chosen, box = choose_region(comps, w, h)
    out = {"rgb": rgb, "dark": dark, "cleaned": cleaned, "families": families,
           "thresholds": (low, high, level), "scale": scale, "labels": labels, "components": comps}
    if chosen is None:
        out.update(found=False, reason=box, box=None, work_box=None, ink=None)
        return out
    left, top, right, bottom = box
    inv = 1.0 / scale
    out.update(found=True, reason=None, work_box=box, ink=region_ink(cleaned, labels, chosen, box, low, high),
               box=(left * inv, top * inv, right * inv, bottom * inv))
    return out


def only_paper(reading) -> bool:
    """Vrai si la photo lue par :func:`read_photo` n'a rien de plus sombre que le papier (aucune
    composante, pas même trop petite ou trop pâle pour être de l'encre) : la page la dit vide.
    Sinon, même sans écriture trouvée, elle la montre, pour qu'on y entoure un chiffre écrit trop
    fin ou pris de trop loin (voir onlyPaper en JS)."""
    return not reading["components"]


def read_region(reading, box):
    """Le lecteur a choisi lui-même la zone ``box`` (gauche, haut, droite, bas, dans la photo
    d'origine) : l'encre de cette zone, sans chercher ailleurs.

    ``reading`` : le résultat de :func:`read_photo` sur la même photo (rien n'est recalculé).
    Gardées : les composantes qui touchent la zone, avec de l'encre franche, assez grandes, et qui
    ne sont pas des restes de réglure ; coupées au bord de la zone. S'il n'y en a aucune, les traits
    pâles (:data:`CHOSEN_INK_PEAK`), s'ils couvrent assez de la zone. Renvoie un dictionnaire comme
    :func:`read_photo` (``found``, ``reason``, ``box``, ``work_box``, ``ink``).
    """
    cleaned, labels = reading["cleaned"], reading["labels"]
    h, w = cleaned.shape
    scale = reading["scale"]
    left = min(max(int(math.floor(box[0] * scale)), 0), w)
    top = min(max(int(math.floor(box[1] * scale)), 0), h)
    right = min(max(int(math.ceil(box[2] * scale)), 0), w)
    bottom = min(max(int(math.ceil(box[3] * scale)), 0), h)
    low, high, _ = reading["thresholds"]
    out = {"found": False, "reason": "empty", "box": None, "work_box": None, "ink": None}
    if right - left < 2 or bottom - top < 2:
        return out
    min_area = max(MIN_COMPONENT_AREA, MIN_COMPONENT_SHARE * w * h)
    present = set(np.unique(labels[top:bottom, left:right]).tolist()) - {0}
    touching = [c for c in reading["components"] if c["label"] in present]
    keep = [c["label"] for c in touching if is_ink(c, min_area, w, h)]
    if not keep:
        pale = [c for c in touching if is_ink(c, min_area, w, h, CHOSEN_INK_PEAK)]
        area = sum(c["area"] for c in pale)
        if area < max(CHOSEN_PALE_MIN_AREA, CHOSEN_PALE_SHARE * (right - left) * (bottom - top)):
            return out
        keep = [c["label"] for c in pale]
    work_box = (left, top, right, bottom)
    inv = 1.0 / scale
    return {"found": True, "reason": None, "work_box": work_box,
            "box": (left * inv, top * inv, right * inv, bottom * inv),
            "ink": region_ink(cleaned, labels, keep, work_box, low, high)}


def zoom_window(box, width: int, height: int):
    """La fenêtre de la photo d'origine (``width`` × ``height``) à relire de plus près pour la zone
    ``box`` (gauche, haut, droite, bas) choisie par le lecteur : ``(gauche, haut, droite, bas)`` en
    pixels entiers, centrée sur la zone, de :data:`ZOOM_CONTEXT` fois son plus grand côté (au moins
    :data:`PHOTO_MIN_SIDE`), coupée au bord de la photo. ``None`` si la relire n'apporte rien : la
    fenêtre, réduite à son tour à :data:`WORK_SIDE`, ne montrerait pas la zone au moins
    :data:`ZOOM_GAIN` fois plus grande que la photo réduite entière.

    Un chiffre photographié de loin (une page entière, où il tient dans 3 % de la hauteur) n'a
    dans la photo réduite que quelques pixels de haut et des traits plus fins qu'un pixel : relu
    dans sa fenêtre, il en a deux à quatre fois plus."""
    side = max(PHOTO_MIN_SIDE, ZOOM_CONTEXT * max(box[2] - box[0], box[3] - box[1]))
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    left = min(max(math.floor(cx - side / 2), 0), width)
    right = min(max(math.ceil(cx + side / 2), 0), width)
    top = min(max(math.floor(cy - side / 2), 0), height)
    bottom = min(max(math.ceil(cy + side / 2), 0), height)
    if right - left < 1 or bottom - top < 1:
        return None
    whole = min(1.0, WORK_SIDE / max(width, height))
    closer = min(1.0, WORK_SIDE / max(right - left, bottom - top))
    if closer < ZOOM_GAIN * whole:
        return None
    return left, top, right, bottom


def read_region_closer(photo, reading, box):
    """Comme :func:`read_region`, mais la zone ``box`` choisie par le lecteur est relue de plus près
    quand c'est utile (:func:`zoom_window`) : sa fenêtre de la photo d'origine ``photo`` passe seule
    par :func:`read_photo` (papier, réglures et seuils estimés sur elle), puis on y lit la zone.

    ``reading`` : le résultat de :func:`read_photo` sur ``photo`` (servi tel quel sans relecture).
    Renvoie le dictionnaire de :func:`read_region` (``box`` dans la photo d'origine, ``work_box``
    et ``ink`` dans l'image relue), avec ``scale`` (image relue / photo d'origine) et ``offset``
    (coin haut gauche de la fenêtre relue dans la photo d'origine ; ``(0, 0)`` sans relecture).
    """
    arr = np.asarray(photo)
    window = zoom_window(box, arr.shape[1], arr.shape[0])
    if window is None:
        return {**read_region(reading, box), "scale": reading["scale"], "offset": (0, 0)}
    left, top, right, bottom = window
    closer = read_photo(arr[top:bottom, left:right])
    out = read_region(closer, (box[0] - left, box[1] - top, box[2] - left, box[3] - top))
    if out["found"]:
        b = out["box"]
        out["box"] = (b[0] + left, b[1] + top, b[2] + left, b[3] + top)
    return {**out, "scale": closer["scale"], "offset": (left, top)}

