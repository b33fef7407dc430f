"""Lire une photo de cahier (digitlab.photo) : chaque étape vérifiée contre une référence
indépendante (Pillow, SciPy, une formule directe) ou sur une image dont on connaît la réponse."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from digitlab import photo
from digitlab.photo import (
    choose_region,
    component_stats,
    darkness,
    downscale,
    find_ruling,
    ink_thresholds,
    label_components,
    only_paper,
    paper_background,
    read_photo,
    read_region,
    read_region_closer,
    remove_ruling,
    work_size,
    zoom_window,
)
from digitlab.segment import digit_inputs
from sitetools.school_photos import empty_page, far_photo, make_photo


def ruled(h, w, slope=0.0, convergence=0.0, spacing=12, level=0.3, vertical=False, phase=0.0):
    """Noirceur d'une famille de lignes droites fines (2 pixels) de pente ``slope + convergence × u``."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    x, y = xx - (w - 1) / 2, yy - (h - 1) / 2
    along, across = (y, x) if vertical else (x, y)
    u = (across - slope * along) / (1 + convergence * along) - phase
    d = np.abs(np.mod(u + spacing / 2, spacing) - spacing / 2)
    return level * np.clip(1.5 - d, 0, 1)


def test_work_size_keeps_proportions():
    assert work_size(960, 720) == (640, 480)
    assert work_size(720, 960) == (480, 640)
    assert work_size(300, 200) == (300, 200)  # jamais agrandie
    assert work_size(4000, 3000) == (640, 480)


def test_downscale_is_the_exact_area_average():
    """Référence : chaque pixel répété 8 × 8 fois, puis moyenne de blocs entiers (75 → 24 : 600 = 24 × 25)."""
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, (50, 75, 3), dtype=np.uint8)
    ours = downscale(img, side=24)
    assert ours.shape == (16, 24, 3)
    fine = img.astype(np.float64).repeat(8, axis=0).repeat(8, axis=1) / 255
    ref = fine.reshape(16, 25, 24, 25, 3).mean(axis=(1, 3))
    np.testing.assert_allclose(ours, ref, atol=1e-12)
    # Un facteur entier : la moyenne de blocs de Pillow (filtre BOX).
    big = rng.integers(0, 256, (192, 256, 3), dtype=np.uint8)
    pil = np.asarray(Image.fromarray(big).resize((64, 48), Image.BOX), dtype=np.float64) / 255
    assert np.abs(downscale(big, side=64) - pil).max() <= 1 / 255 + 1e-9  # Pillow arrondit à l'entier


def test_paper_background_recovers_uneven_light_under_ink_and_lines():
    h, w = 240, 320
    yy, xx = np.mgrid[0:h, 0:w]
    light = 0.45 + 0.4 * xx / w + 0.08 * np.sin(yy / 60)  # une pente et une ondulation, sans saturer
    refl = np.ones((h, w))
    refl[::10, :] = 0.75  # des lignes fines
    refl[100:180, 150:156] = 0.1  # un trait d'encre large de 6 pixels
    rgb = np.repeat((light * refl)[..., None], 3, axis=2)
    rgb8 = np.round(rgb * 255).astype(np.uint8)
    bg = paper_background(downscale(rgb8))
    inner = (slice(20, h - 20), slice(20, w - 20))
    assert np.abs(bg[..., 0][inner] - light[inner]).max() < 0.05
    dark = darkness(downscale(rgb8), bg)
    assert dark[140, 153] > 0.8  # l'encre reste
    assert np.median(dark[inner]) < 0.03  # le papier est à 0, malgré la lumière


def test_darkness_is_one_minus_red_over_paper_red():
    rgb = np.array([[[0.4, 0.9, 0.9], [1.0, 0.2, 0.2]]])
    bg = np.array([[[0.8, 0.8, 0.8], [0.8, 0.8, 0.8]]])
    np.testing.assert_allclose(darkness(rgb, bg), [[0.5, 0.0]])  # rouge de 0,4 sur 0,8 ; plus clair que le papier


@pytest.mark.parametrize("vertical", [False, True])
@pytest.mark.parametrize("slope,convergence", [(0.0, 0.0), (0.12, 0.0), (-0.07, 1.5e-4), (0.2, -2e-4)])
def test_find_ruling_recovers_slope_and_perspective(vertical, slope, convergence):
    h, w = 240, 320
    dark = ruled(h, w, slope, convergence, vertical=vertical)
    found = find_ruling(dark, vertical)
    extent = w if vertical else h
    length = h if vertical else w
    # À l'ordonnée u, la pente trouvée ne s'écarte pas de plus d'un demi-pixel sur la demi-longueur.
    for u in (-extent / 2, 0.0, extent / 2):
        true = slope + convergence * u
        got = found["slope"] + found["convergence"] * u
        assert abs(true - got) * length / 2 < 1.0, (u, true, got)


@pytest.mark.parametrize("spacing,phase", [(140, 0.0), (140, 60.0), (160, 80.0)])
def test_find_ruling_with_large_squares_astride_the_bands(spacing, phase):
    """De grands carreaux (une photo prise de près) : deux ou trois verticales en tout, à cheval sur
    deux des trois bandes de la recherche. Aucune bande ne voit alors une ligne entière : leurs
    pentes sont fausses, celle de l'image entière non. (Une page vide de petits carreaux était lue
    parce que ses verticales, mal estimées, restaient sur la photo.)"""
    h, w, slope = 640, 480, 0.07
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    u = (xx - (w - 1) / 2) - slope * (yy - (h - 1) / 2)
    d = np.abs(np.mod(u - phase + spacing / 2, spacing) - spacing / 2)
    dark = 0.3 * np.clip(2.0 - d, 0, 1) + ruled(h, w, -0.05, 0.0, spacing=spacing)
    found = find_ruling(dark, vertical=True)
    for u0 in (-w / 2, 0.0, w / 2):  # à un pixel près sur la demi-longueur, partout
        got = found["slope"] + found["convergence"] * u0
        assert abs(got - slope) * h / 2 < 1.0, (u0, found)


@pytest.mark.parametrize("slope,convergence,spacing,phase", [
    (0.07, -3e-4, 120, 0.0), (-0.12, 3e-4, 46, 0.0), (-0.12, 3e-4, 54, 17.0), (0.0643, -2.18e-4, 46, 17.0),
    (-0.0565, -1.94e-4, 120, 0.0)])
def test_find_ruling_follows_the_lines_under_strong_perspective(slope, convergence, spacing, phase):
    """Verticales pâles en forte perspective (la pente change de près de 12° d'un bord à l'autre).
    La recherche par grille n'avance qu'une variable à la fois : quand pente et convergence sont
    fausses ensemble, elle s'arrête, et les lignes d'un côté dérivaient de 2 à 6 pixels (des pages
    Seyès vides étaient lues). Le suivi des lignes les corrige ensemble : moins d'un demi-pixel."""
    h, w = 480, 640
    found = find_ruling(ruled(h, w, slope, convergence, spacing=spacing, level=0.1, vertical=True, phase=phase),
                        vertical=True)
    for u in (-w / 2, 0.0, w / 2):
        got = found["slope"] + found["convergence"] * u
        assert abs(got - (slope + convergence * u)) * h / 2 < 0.5, (u, found)


def test_line_drifts_measures_each_line_and_its_drift():
    """Sur des lignes dont on connaît la position et la pente, mesurées avec une pente fausse de
    0,01 : chaque ligne est trouvée à sa place (au demi-pixel), avec une dérive de 0,01."""
    h, w, spacing = 400, 300, 40
    dark = ruled(h, w, 0.05, 0.0, spacing=spacing, level=0.2, vertical=True)
    along, across = photo._line_frame(h, w, True)
    mask = dark > photo.RULING_SEARCH_THRESHOLD
    a, c, wgt = along[mask], across[mask], np.minimum(dark[mask], photo.RULING_WEIGHT_CAP)
    segment = np.minimum(np.floor((a + (h - 1) / 2) * 4 / h).astype(np.int64), 3)
    parts = photo._split(a, c, wgt, segment, np.ones(a.size, dtype=bool))
    lines = photo._line_drifts(*photo._histograms(parts, 0.04, 0.0, 4 * h, 2.0 * h, along=True), 2.0 * h)
    # Les lignes entières : u = k × 40 pour |u| < 150 ; celles qui sortent par un bord ne sont pas
    # dans les quatre quarts.
    positions = sorted(u for u, _, _ in lines)
    assert positions == pytest.approx([-120, -80, -40, 0, 40, 80, 120], abs=0.5)
    for _, drift, weight in lines:
        assert drift == pytest.approx(0.01, abs=1e-3)
        assert weight > 0


def test_remove_ruling_keeps_the_ink_that_crosses_the_lines():
    h, w = 240, 320
    dark = ruled(h, w, 0.05, 0.0)
    ink = np.zeros((h, w))
    ink[60:180, 158:164] = 0.9  # une barre verticale d'encre qui croise les lignes
    total = 1 - (1 - dark) * (1 - ink)
    cleaned = remove_ruling(total, find_ruling(total, False), False)
    on_lines = (dark > 0.25) & (ink == 0)
    assert np.percentile(cleaned[on_lines], 95) < 0.08  # les lignes ont disparu
    assert cleaned[60:180, 159:163].min() > 0.85  # l'encre, même sur les lignes, est intacte


def bowed(h, w, bow, spacing=12, level=0.3):
    """Des lignes presque horizontales qu'une page bombée courbe : la flèche ``bow`` (pixels) au milieu
    de l'image, nulle aux bords."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    u = yy - bow * np.sin(np.pi * xx / (w - 1))
    d = np.abs(np.mod(u + spacing / 2, spacing) - spacing / 2)
    return level * np.clip(1.5 - d, 0, 1)


@pytest.mark.parametrize("bow", [0.0, 3.0, 6.0])
def test_lines_bowed_by_an_open_notebook_are_removed(bow):
    """Une page de cahier ouvert se bombe : ses lignes se courbent de plusieurs pixels, bien plus que
    la tolérance d'un tronçon à l'autre. Les tronçons décalés (segment_shifts) les suivent ; sans eux,
    des lignes entières restaient, et une page vide se lisait « 1 » ou « 7 ». L'encre qui les croise
    reste intacte."""
    h, w = 240, 320
    dark = bowed(h, w, bow)
    ink = np.zeros((h, w))
    ink[60:180, 158:164] = 0.9
    total = 1 - (1 - dark) * (1 - ink)
    family = find_ruling(total, False)
    cleaned = remove_ruling(total, family, False)
    on_lines = (dark > 0.25) & (ink == 0)
    # Sans décalages : à 3 pixels, le dixième le plus sombre des lignes restait à 0,15 ; à 6 pixels,
    # la moitié des lignes restait à 0,26 (rien n'était retiré). Dans un tronçon, une ligne courbée
    # reste un peu penchée : il en reste un liseré, plus pâle que l'encre la plus pâle.
    assert np.percentile(cleaned[on_lines], 50) < 0.02
    assert np.percentile(cleaned[on_lines], 90) < (0.05 if bow <= 3 else 0.2)
    assert cleaned[60:180, 159:163].min() > 0.85
    shifts = photo.segment_shifts(photo.ruling_profiles(total, family, False)[0])
    assert shifts[photo.PROFILE_SEGMENTS // 2] == 0
    if bow == 0:
        assert max(abs(s) for s in shifts) <= 1, shifts


def test_a_long_stroke_along_the_ruling_is_not_taken_for_a_line():
    """Un « 1 » écrit le long d'une verticale du papier (45 % de la hauteur) reste entier."""
    h, w = 240, 320
    dark = ruled(h, w, 0.0, 0.0, spacing=20, vertical=True)
    x = 180  # pile sur une ligne (u = 20,5)
    total = dark.copy()
    total[60:168, x - 2:x + 2] = 0.9
    cleaned = remove_ruling(total, find_ruling(total, True), True)
    assert cleaned[60:168, x - 1:x + 1].min() > 0.85


def test_a_tall_straight_one_on_blank_paper_is_not_a_line():
    """Un grand « 1 » tout droit (60 % de la hauteur) sur papier blanc : la famille « verticale » s'y
    aligne presque exactement (pente quasi nulle). Les pixels ne tombent alors que dans une tranche
    sur deux, pas les mêmes d'un tronçon à l'autre : le trait ne doit pas passer pour une ligne qui
    traverse l'image (la démo ne lisait plus rien sur une telle photo)."""
    h, w = 300, 400
    dark = np.zeros((h, w))
    dark[60:240, 190:205] = 0.85
    for family in ({"slope": -0.00594, "convergence": 4.8898e-05}, {"slope": 0.0, "convergence": 0.0},
                   find_ruling(dark, True)):
        cleaned = remove_ruling(dark, family, True)
        assert cleaned[60:240, 190:205].mean() > 0.8, family


def bfs_labels(mask):
    """Référence : composantes 8-connexes par parcours en largeur, numérotées dans l'ordre de lecture."""
    h, w = mask.shape
    labels = np.zeros((h, w), dtype=int)
    n = 0
    for y in range(h):
        for x in range(w):
            if mask[y, x] and not labels[y, x]:
                n += 1
                labels[y, x] = n
                queue = [(y, x)]
                while queue:
                    cy, cx = queue.pop()
                    for dy in (-1, 0, 1):
                        for dx in (-1, 0, 1):
                            ny, nx = cy + dy, cx + dx
                            if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not labels[ny, nx]:
                                labels[ny, nx] = n
                                queue.append((ny, nx))
    return labels, n


def test_label_components_matches_a_breadth_first_search():
    rng = np.random.default_rng(5)
    for _ in range(5):
        mask = rng.random((40, 50)) < 0.35
        got, n = label_components(mask)
        ref, m = bfs_labels(mask)
        assert n == m
        np.testing.assert_array_equal(got, ref)


def test_component_stats_are_direct_sums_and_boxes():
    mask = np.zeros((10, 12), dtype=bool)
    mask[2:5, 3:7] = True
    mask[7, 9:12] = True
    values = np.where(mask, 0.5, 0.0)
    values[3, 4] = 0.9
    labels, n = label_components(mask)
    comps = component_stats(labels, n, values, 0.6)
    assert [c["box"] for c in comps] == [(3, 2, 7, 5), (9, 7, 12, 8)]
    assert [c["area"] for c in comps] == [12, 3]
    assert comps[0]["mass"] == pytest.approx(11 * 0.5 + 0.9)
    assert (comps[0]["strong"], comps[1]["strong"]) == (1, 0)
    # Liseré du cadre (2 pixels) : rien pour le premier, les 3 pixels de la ligne 7 sur 10 pour le
    # second, dont 2 dans les colonnes 10 et 11 sur 12.
    assert [c["frame"] for c in comps] == [0, 2]


def comp(label, box, area, mass, strong_mass=None):
    return {"label": label, "box": box, "area": area, "mass": mass, "strong": 1 if strong_mass != 0 else 0,
            "strong_mass": mass if strong_mass is None else strong_mass}


def test_choose_region_joins_the_pieces_and_leaves_the_rest():
    w, h = 640, 480
    comps = [
        comp(1, (300, 100, 340, 260), 900, 700.0),  # le chiffre
        comp(2, (280, 150, 360, 160), 200, 150.0),  # sa barre, posée à côté (un 7 barré)
        comp(3, (0, 300, 640, 302), 700, 200.0),  # un reste de réglure sur toute la largeur
        comp(4, (420, 120, 500, 250), 600, 80.0, 10.0),  # l'écriture du verso, pâle
        comp(5, (600, 20, 603, 23), 9, 5.0),  # une poussière
    ]
    chosen, box = choose_region(comps, w, h)
    assert chosen == [1, 2]
    assert box == (280, 100, 360, 260)


def test_choose_region_says_why_there_is_nothing():
    assert choose_region([], 640, 480) == (None, "empty")
    tiny = [comp(1, (10, 10, 30, 20), 120, 60.0)]  # 10 pixels de haut sur 480 : trop petit
    assert choose_region(tiny, 640, 480) == (None, "small")


def test_ink_thresholds_follow_the_darkest_ink():
    cleaned = np.zeros((100, 100))
    cleaned[40:60, 50] = 0.8
    low, high, level = ink_thresholds(cleaned)
    assert level == pytest.approx(0.8)
    assert high == pytest.approx(0.4) and low == pytest.approx(0.2)


@pytest.mark.parametrize("paper", ["blank", "seyes", "squares"])
def test_read_photo_finds_the_digit_where_it_is_written(paper):
    for k, ink in enumerate(("blue", "black")):
        p = make_photo(np.random.default_rng([31, k]), paper, ink, "ballpoint", "7", size=(480, 360))
        r = read_photo(p.rgb)
        assert r["found"], (paper, ink)
        x0, y0, x1, y1 = p.boxes[0]
        bx0, by0, bx1, by1 = r["box"]
        assert bx0 - 6 <= x0 and y0 >= by0 - 6 and x1 <= bx1 + 6 and y1 <= by1 + 6, (r["box"], p.boxes)
        assert (bx1 - bx0) * (by1 - by0) < 2.0 * (x1 - x0 + 8) * (y1 - y0 + 8), "région bien trop grande"


@pytest.mark.parametrize("paper", ["blank", "seyes", "squares"])
def test_read_photo_finds_nothing_on_an_empty_page(paper):
    p = make_photo(np.random.default_rng(77), paper, "blue", "ballpoint", "", size=(480, 360),
                   shadow_probability=1.0)
    r = read_photo(p.rgb)
    assert not r["found"]
    assert r["reason"] in ("empty", "small")


def test_only_paper_tells_a_blank_sheet_from_a_mark_too_small_to_read():
    """Une feuille unie est dite vide ; un point trop petit pour être un chiffre ne l'est pas : la
    page montre alors la photo, où l'on peut entourer un chiffre qu'elle n'a pas vu."""
    sheet = np.empty((240, 320, 3), np.uint8)
    sheet[:] = (236, 232, 220)
    blank = read_photo(sheet)
    assert not blank["found"] and only_paper(blank)
    sheet[100:102, 150:152] = (40, 50, 120)
    dot = read_photo(sheet)
    assert not dot["found"] and not only_paper(dot)


def test_a_far_ballpoint_digit_seen_as_no_ink_is_read_once_surrounded():
    """Un 8 au stylo bille sur une page entière (3 % de la hauteur de la photo) : dans la photo
    réduite, son trait est trop fin pour être de l'encre, la page ne trouve rien. Ce n'est pas du
    papier seul : la photo est montrée, et la zone entourée, relue de plus près, donne le chiffre."""
    p = far_photo(4242, "blank", 0.03, 2)
    r = read_photo(p.rgb)
    assert not r["found"] and r["reason"] == "empty" and not only_paper(r)
    x0, y0, x1, y1 = p.boxes[0]
    m = 0.3 * max(x1 - x0, y1 - y0)
    region = read_region_closer(p.rgb, r, (x0 - m, y0 - m, x1 + m, y1 + m))
    assert region["found"] and region["scale"] > r["scale"]


def test_a_dark_strip_along_the_frame_is_not_a_digit():
    """Un bord d'image assombri (ombre d'une main, vignetage, tranche de la feuille) donne une tache
    fine le long du cadre : ce n'est pas un chiffre. Un chiffre que le cadre coupe en reste un."""
    w, h = 480, 640
    labels = np.zeros((h, w), dtype=np.int64)
    labels[58:210, w - 2:] = 1  # la colonne du bord, assombrie
    labels[58:60, w - 14:w - 2] = 1  # … et le bout de réglure qui la touche
    labels[300:420, 0:12] = 2  # une barre de 1, coupée par le bord gauche
    comps = component_stats(labels, 2, (labels > 0) * 0.8, 0.4)
    assert comps[0]["frame"] == 2 * 152 and comps[0]["area"] == 2 * 152 + 24
    assert photo.is_frame_shadow(comps[0]) and not photo.is_frame_shadow(comps[1])
    for c in comps:
        c["peak"], c["line_width"] = 0.8, 20.0
    min_area = photo.MIN_COMPONENT_AREA
    assert not photo.is_ink(comps[0], min_area, w, h) and photo.is_ink(comps[1], min_area, w, h)


def test_an_empty_seyes_page_in_a_shadow_is_read_as_empty():
    """La page Seyès vide que la lecture prenait pour un « 1 » (série 99 du banc d'essai) : une ombre
    de main sur un coin assombrit le bord de l'image et les bouts de réglure qui le touchent."""
    p = empty_page(20261130, 99, "seyes", 5)
    assert p.params["shadow"] is not None
    r = read_photo(p.rgb)
    assert not r["found"] and r["reason"] in ("empty", "small")
    # La tache du bord a tout d'une encre, sauf qu'elle tient dans le liseré du cadre.
    h, w = r["cleaned"].shape
    min_area = max(photo.MIN_COMPONENT_AREA, photo.MIN_COMPONENT_SHARE * w * h)
    assert any(photo.is_frame_shadow(c) and c["strong"] > 0 and c["area"] >= min_area
               and c["peak"] >= photo.MIN_INK_PEAK for c in r["components"])


def test_read_photo_accepts_rgba_and_rejects_nonsense():
    p = make_photo(np.random.default_rng(3), "seyes", "black", "felt", "4", size=(320, 240))
    rgba = np.concatenate([p.rgb, np.full(p.rgb.shape[:2] + (1,), 255, np.uint8)], axis=2)
    assert read_photo(rgba)["work_box"] == read_photo(p.rgb)["work_box"]
    with pytest.raises(ValueError, match="hauteur, largeur"):
        read_photo(np.zeros((10, 10)))


def test_constants_are_those_of_the_javascript_twin():
    """Chaque constante de photo.py a la même valeur dans photo.js."""
    import re
    from pathlib import Path
    js = (Path(__file__).resolve().parent.parent / "docs/assets/demo/photo.js").read_text()
    names = [n for n in dir(photo) if n.isupper() and isinstance(getattr(photo, n), (int, float))]
    assert len(names) > 20
    for name in names:
        m = re.search(rf"export const {name} = ([0-9.e-]+);", js)
        assert m, f"{name} absent de photo.js"
        assert float(m.group(1)) == getattr(photo, name), name


def test_read_region_reads_what_the_reader_chose():
    p = make_photo(np.random.default_rng(8), "seyes", "blue", "felt", "38", size=(480, 360))
    reading = read_photo(p.rgb)
    x0, y0, x1, y1 = p.boxes[1]  # le lecteur entoure le 8
    r = read_region(reading, (x0 - 8, y0 - 8, x1 + 8, y1 + 8))
    assert r["found"]
    assert r["work_box"] == (int(np.floor((x0 - 8) * reading["scale"])), int(np.floor((y0 - 8) * reading["scale"])),
                             int(np.ceil((x1 + 8) * reading["scale"])), int(np.ceil((y1 + 8) * reading["scale"])))
    # Seule l'encre de la zone : le 3, à gauche, n'y est pas ; la zone lue ne contient qu'un chiffre.
    assert r["ink"].shape == (r["work_box"][3] - r["work_box"][1], r["work_box"][2] - r["work_box"][0])
    assert r["ink"].max() > 0.9
    assert len(digit_inputs(r["ink"])) == 1
    assert len(digit_inputs(reading["ink"])) == 2  # sans zone choisie : le 3 et le 8
    corner = read_region(reading, (0, 0, 30, 30))
    assert corner == {"found": False, "reason": "empty", "box": None, "work_box": None, "ink": None}


def test_ink_peak_is_the_largest_3x3_mean():
    rng = np.random.default_rng(9)
    cleaned = rng.random((30, 40)) ** 4
    ref = ndimage.uniform_filter(cleaned, size=3, mode="constant", cval=0.0).max()
    assert photo.ink_peak(cleaned) == pytest.approx(ref, rel=1e-12)
    spike = np.zeros((20, 20))
    spike[10, 10] = 1.0  # un pixel de bruit isolé ne fait pas une encre
    assert photo.ink_peak(spike) < photo.MIN_INK_PEAK


def test_a_ruling_remnant_at_the_edge_is_not_a_digit():
    """Une réglure qui sort du cadre par un coin n'a pas pu être retirée : au bord de l'image, ce qui
    tient sur une seule ligne de réglure n'est pas un chiffre (un chiffre loin du bord, si)."""
    w, h = 640, 480
    families = {"horizontal": {"slope": 0.18, "convergence": 0.0}, "vertical": {"slope": -0.18, "convergence": 0.0}}
    labels = np.zeros((h, w), dtype=np.int64)
    yy, xx = np.mgrid[0:h, 0:w]
    u = (yy - (h - 1) / 2) - 0.18 * (xx - (w - 1) / 2)
    labels[(np.abs(u - 150) < 3) & (xx > 480)] = 1  # un bout de grosse réglure, coupé par le bord droit
    labels[100:220, 300:306] = 2  # une barre de chiffre, loin du bord
    labels[(np.abs(u + 150) < 5) & (xx < 100)] = 3  # un trait de 10 pixels le long des lignes, au bord
    widths = photo.line_widths(labels, 3, families)
    assert widths[0] <= photo.LINE_U_WIDTH < widths[2] < 20 < widths[1]
    comps = component_stats(labels, 3, (labels > 0) * 0.8, 0.4)
    for comp, width in zip(comps, widths):
        comp["line_width"] = float(width)
    assert photo.is_line_remnant(comps[0], w, h)
    assert not photo.is_line_remnant(comps[1], w, h)
    assert not photo.is_line_remnant(comps[2], w, h)  # trop épais pour une seule réglure


def test_line_widths_is_the_spread_across_the_lines_of_the_closest_family():
    """Référence directe : pour chaque composante et chaque famille, √12 × l'écart type (NumPy) de
    la position ``u`` de ses pixels ; on garde la plus petite des deux familles."""
    rng = np.random.default_rng(12)
    h, w = 60, 80
    labels = rng.integers(0, 4, size=(h, w)) * (rng.random((h, w)) < 0.3)
    families = {"horizontal": {"slope": 0.1, "convergence": 2e-4}, "vertical": {"slope": -0.05, "convergence": -1e-4}}
    yy, xx = np.mgrid[0:h, 0:w]
    x, y = xx - (w - 1) / 2, yy - (h - 1) / 2
    got = photo.line_widths(labels, 3, families)
    for k in range(1, 4):
        sel = labels == k
        ref = min(np.sqrt(12) * np.std(photo.line_coordinate(a[sel], c[sel], f["slope"], f["convergence"]))
                  for (a, c), f in (((x, y), families["horizontal"]), ((y, x), families["vertical"])))
        assert got[k - 1] == pytest.approx(ref, rel=1e-9)


@pytest.mark.parametrize("paper,n", [("seyes", 75), ("squares", 90), ("squares", 93)])
def test_empty_pages_whose_ruling_stayed_are_read_as_empty(paper, n):
    """Trois pages vides que la lecture prenait pour un chiffre (série 99 du banc d'essai) : une
    grosse réglure Seyès sortie par un coin, un bout de verticale de petits carreaux dans un coin,
    de grands carreaux dont les verticales, mal estimées, n'étaient pas retirées."""
    r = read_photo(empty_page(20261130, 99, paper, n).rgb)
    assert not r["found"] and r["reason"] in ("empty", "small")


@pytest.mark.parametrize("n", [24, 44, 112, 143, 157])
def test_empty_seyes_pages_under_strong_perspective_are_read_as_empty(n):
    """Cinq pages Seyès vides que la lecture prenait pour un chiffre (série 98 du banc d'essai) : en
    forte perspective, pente et convergence des verticales étaient fausses ensemble, et les
    verticales d'un côté de la page restaient (voir le suivi des lignes, ``_track_lines``)."""
    r = read_photo(empty_page(20261130, 98, "seyes", n).rgb)
    assert not r["found"] and r["reason"] in ("empty", "small")


def test_zoom_window_frames_a_small_zone_and_its_surroundings():
    # Une zone de 60 pixels dans une photo de 1 600 × 1 200 : fenêtre de 200 pixels (le minimum),
    # centrée sur elle ; réduite à 640, la photo entière est à l'échelle 0,4, la fenêtre à 1.
    assert zoom_window((770, 570, 830, 630), 1600, 1200) == (700, 500, 900, 700)
    # Zone de 150 : fenêtre de 3 × 150 = 450 pixels, vue à l'échelle 1 ≥ 2 × 0,4.
    assert zoom_window((700, 500, 850, 600), 1600, 1200) == (550, 325, 1000, 775)
    # Au bord de la photo, la fenêtre est coupée.
    assert zoom_window((0, 0, 40, 40), 1600, 1200) == (0, 0, 120, 120)
    # Une grande zone (son triple couvre presque la photo) ou une petite photo : rien à gagner.
    assert zoom_window((500, 300, 900, 700), 1600, 1200) is None
    assert zoom_window((300, 200, 340, 240), 960, 720) is None  # 640 / 960 : au plus 1,5 fois plus grand


def test_read_region_closer_reads_a_far_digit_at_a_finer_scale():
    """Un 9 sur une page de Seyès entière (3 % de la hauteur) : dans la photo réduite, il se lit 7 ;
    relu de plus près, avec plus de deux fois plus de pixels, il se lit 9. Une zone qu'il n'y a pas
    lieu de relire donne exactement read_region."""
    photo = far_photo(4242, "seyes", 0.03, 8)
    assert photo.text == "9"
    reading = read_photo(photo.rgb)
    assert not reading["found"] and reading["reason"] == "small"
    x0, y0, x1, y1 = photo.boxes[0]
    m = 0.3 * max(x1 - x0, y1 - y0)
    box = (x0 - m, y0 - m, x1 + m, y1 + m)
    plain = read_region(reading, box)
    closer = read_region_closer(photo.rgb, reading, box)
    assert closer["found"] and closer["scale"] >= 2 * reading["scale"]
    assert closer["offset"] != (0, 0)
    # Même zone dans la photo d'origine (aux pixels de chaque image réduite près).
    np.testing.assert_allclose(closer["box"], plain["box"], atol=1 / reading["scale"])
    assert closer["ink"].shape[0] >= 2 * plain["ink"].shape[0] - 2
    (_, image), = digit_inputs(closer["ink"])
    assert image.shape == (28, 28)
    big = make_photo(np.random.default_rng(8), "seyes", "blue", "felt", "38", size=(480, 360))
    big_reading = read_photo(big.rgb)
    same = read_region_closer(big.rgb, big_reading, (10, 10, 200, 200))
    assert same.pop("scale") == big_reading["scale"] and same.pop("offset") == (0, 0)
    plain_big = read_region(big_reading, (10, 10, 200, 200))
    assert same.keys() == plain_big.keys()
    for key in same:
        np.testing.assert_array_equal(same[key], plain_big[key])



def _paper_with_pale_marks(marks):
    """Une page blanche vide de 1 600 × 1 200 (grain compris) où l'on pose des marques grises :
    ``marks`` est une liste de ``(dessin PIL, noirceur)``, la noirceur étant celle du trait au plus fort."""
    from PIL import ImageDraw, ImageFilter

    base = make_photo(np.random.default_rng(77), "blank", "blue", "ballpoint", "", size=(1600, 1200),
                      shadow_probability=0.0, show_through_probability=0.0).rgb.astype(np.float32)
    dark = Image.new("L", (1600, 1200), 0)
    for draw_mark, _ in marks:
        draw_mark(ImageDraw.Draw(dark))
    blurred = np.asarray(dark.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.float32) / 255
    level = max(d for _, d in marks)
    return np.clip(base * (1 - level * blurred / max(blurred.max(), 1e-6))[..., None], 0, 255).astype(np.uint8)


def test_a_chosen_region_keeps_pale_strokes_but_not_specks():
    """Un 0 gris et flou (noirceur 0,16 au plus : un stylo bille sur une page entière) n'est pas de
    l'encre pour la page, qui ne le trouve pas seule ; entouré par le lecteur, il est lu. Trois
    points aussi pâles, entourés de même, ne donnent rien : ils couvrent trop peu de la zone."""
    zero = (lambda d: d.ellipse((780, 560, 812, 612), outline=255, width=3), 0.16)
    specks = (lambda d: [d.rectangle((300 + 9 * k, 300, 302 + 9 * k, 302), fill=255) for k in range(3)], 0.16)
    rgb = _paper_with_pale_marks([zero, specks])
    reading = read_photo(rgb)
    assert not reading["found"]
    closer = read_region_closer(rgb, reading, (765, 545, 827, 627))
    assert closer["scale"] > reading["scale"]
    window = photo.zoom_window((765, 545, 827, 627), 1600, 1200)
    seen = read_photo(rgb[window[1]:window[3], window[0]:window[2]])
    assert max(c["peak"] for c in seen["components"]) < photo.MIN_INK_PEAK  # rien de franc : le trait pâle
    assert closer["found"] and len(digit_inputs(closer["ink"])) == 1
    assert not read_region_closer(rgb, reading, (280, 280, 340, 340))["found"]
