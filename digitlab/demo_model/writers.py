"""Une seconde main, indépendante : des scripteurs simulés qui servent à CONTRÔLER le modèle.

Ce module ne sert jamais à l'entraînement (``scripts/train.py`` ne l'importe pas, et
``tests/demo_model/test_writers.py`` vérifie que l'empreinte d'entraînement ne l'atteint pas). Il ne
reprend rien de :mod:`.strokes` : ni ses gabarits, ni ses primitives de tracé. Il répond à une
question précise : *une personne qui écrit à sa façon, toujours la même, voit-elle ses chiffres
lus ?* Une exactitude moyenne peut cacher des scripteurs mal lus ; on simule donc des
**scripteurs**, chacun avec un style cohérent :

- des **variantes** de chaque chiffre, gardées d'un chiffre à l'autre (une personne qui barre
  ses 7 fait aussi un 1 à longue attaque et ferme rarement le haut de ses 4) ;
- une **inclinaison**, des **proportions** (chiffres étroits ou larges), une **taille** sur le pad,
  une **épaisseur de plume** et un **tremblement** qui lui sont propres ;
- une **densité d'échantillonnage** : certaines tablettes ou souris ne remontent que quelques
  points par trait, et une boucle devient un polygone à coins ;
- des paramètres de forme par chiffre (taille de la boucle du 9, longueur de sa queue, crochet
  du 7, hauteur de l'attaque du 1…), tirés une fois par scripteur, puis légèrement variés à chaque
  chiffre qu'il écrit.

Les formes sont celles que l'issue 12 a vu mal lues : 7 barrés au haut crocheté ou ondulé,
1 à longue attaque, 9 à petite boucle et longue queue courbe, 4 d'un seul trait au haut ouvert
(« ч »), 3 au haut plat et à la petite panse ; à côté, des formes ordinaires de chaque chiffre.

Coordonnées : x vers la droite, y vers le bas ; un chiffre tient dans le carré unité (son plus
grand côté mesure 1), comme les traits que mémorise le pad de la démo.

Le tracé d'un gabarit passe par trois étapes :

1. des **nœuds** (points de passage), lisses ou anguleux, relus par une spline de Catmull-Rom
   centripète entre deux coins (:func:`pen_path`) ;
2. la **main** du scripteur : proportions, inclinaison, rotation, tremblement lent (:class:`Writer`) ;
3. la **tablette** : le trait est parcouru vite dans les lignes droites et lentement dans les
   virages et aux coins, et échantillonné à intervalles de temps réguliers (:func:`pen_sample`) ;
   peu d'échantillons donnent des segments droits et des coins.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

#: Graine du contrôle publié (``scripts/check_writers.py``, tests des barres).
CHECK_SEED = 120412
#: Nombre de scripteurs et de chiffres par classe et par scripteur du contrôle publié.
CHECK_WRITERS = 44
CHECK_PER_CLASS = 25


# --- 1. Nœuds et chemins ------------------------------------------------------------------------

def corner(x: float, y: float):
    """Un nœud anguleux : la plume s'y arrête et repart dans une autre direction."""
    return (float(x), float(y), True)


def _knots(points):
    """Normalise une liste de nœuds : ``(x, y)`` (lisse) ou ``(x, y, True)`` (coin)."""
    out = []
    for p in points:
        out.append((float(p[0]), float(p[1]), bool(p[2]) if len(p) > 2 else False))
    return out


def _catmull_rom(points: np.ndarray, per_segment: int = 12) -> np.ndarray:
    """Spline de Catmull-Rom centripète (alpha = 0,5) passant par tous ``points`` (``(n, 2)``).

    Les extrémités sont prolongées par symétrie. Le paramétrage centripète évite les boucles
    parasites quand deux nœuds sont proches.
    """
    if len(points) < 3:
        t = np.linspace(0.0, 1.0, per_segment + 1)[:, None]
        return (1 - t) * points[0] + t * points[-1]
    padded = np.vstack([2 * points[0] - points[1], points, 2 * points[-1] - points[-2]])
    out = [points[:1]]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1:i + 3]
        t0 = 0.0
        t1 = t0 + max(np.linalg.norm(p1 - p0), 1e-9) ** 0.5
        t2 = t1 + max(np.linalg.norm(p2 - p1), 1e-9) ** 0.5
        t3 = t2 + max(np.linalg.norm(p3 - p2), 1e-9) ** 0.5
        t = np.linspace(t1, t2, per_segment + 1)[1:, None]
        a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
        a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
        a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
        b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
        b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
        out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    return np.vstack(out)


def pen_path(knots, per_segment: int = 12):
    """Le chemin dense d'un trait : une spline entre deux coins, des coins nets aux nœuds anguleux.

    Renvoie ``(points (n, 2), indices des coins dans points)``.
    """
    knots = _knots(knots)
    if len(knots) < 2:
        raise ValueError("Un trait demande au moins deux nœuds.")
    breaks = [0] + [i for i, k in enumerate(knots[1:-1], start=1) if k[2]] + [len(knots) - 1]
    pieces, corners, count = [], [], 0
    for a, b in zip(breaks, breaks[1:]):
        run = np.array([k[:2] for k in knots[a:b + 1]])
        dense = _catmull_rom(run, per_segment)
        if pieces:
            dense = dense[1:]  # le coin est déjà le dernier point du morceau précédent
            corners.append(count - 1)
        pieces.append(dense)
        count += len(dense)
    return np.vstack(pieces), corners


# --- 2. La tablette : vitesse de la plume et échantillonnage ------------------------------------

def pen_sample(path: np.ndarray, corners, density: float, rng: np.random.Generator,
               noise: float = 0.0) -> np.ndarray:
    """Échantillonne un chemin dense comme une tablette : à intervalles de temps réguliers.

    La plume ralentit dans les virages serrés, aux coins et aux deux bouts du trait, et file dans
    les lignes droites. ``density`` : nombre moyen d'échantillons par unité de longueur d'une
    ligne droite parcourue à pleine vitesse (3 : très peu de points, 60 : un trait presque
    continu). ``noise`` : bruit de position de chaque échantillon (capteur). Le premier et le
    dernier point sont toujours gardés.
    """
    seg = np.diff(path, axis=0)
    ds = np.hypot(seg[:, 0], seg[:, 1])
    length = float(ds.sum())
    if length < 1e-9:
        return path[[0, -1]].copy()
    s = np.concatenate([[0.0], np.cumsum(ds)])
    # Courbure discrète : angle de virage à chaque point, rapporté à la longueur locale.
    heading = np.arctan2(seg[:, 1], seg[:, 0])
    turn = np.abs(np.angle(np.exp(1j * np.diff(heading))))
    curvature = np.zeros(len(path))
    curvature[1:-1] = turn / np.maximum((ds[:-1] + ds[1:]) / 2, 1e-6)
    # On lisse la courbure sur environ 3 % de la longueur : la main anticipe un virage.
    width = max(1, int(round(0.03 * len(path))))
    kernel = np.ones(2 * width + 1) / (2 * width + 1)
    curvature = np.convolve(curvature, kernel, mode="same")
    speed = 1.0 / (1.0 + 0.08 * curvature)
    for c in corners:  # arrêt presque complet à un coin
        near = np.abs(s - s[c]) < 0.04
        speed[near] = np.minimum(speed[near], 0.15 + 3.0 * np.abs(s[near] - s[c]))
    ramp = np.clip(np.minimum(s, length - s) / 0.06, 0.0, 1.0)  # départ et arrivée
    speed = speed * (0.35 + 0.65 * ramp)
    mid_speed = (speed[1:] + speed[:-1]) / 2
    time = np.concatenate([[0.0], np.cumsum(ds / np.maximum(mid_speed, 1e-3))])
    count = max(2, int(round(density * time[-1])) + 1)
    phase = rng.uniform(0.0, 1.0)
    ticks = np.clip((np.arange(count - 1) + phase) / (count - 1) * time[-1], 0.0, time[-1])
    ticks = np.concatenate([[0.0], np.sort(ticks)[1:], [time[-1]]])
    x = np.interp(ticks, time, path[:, 0])
    y = np.interp(ticks, time, path[:, 1])
    out = np.stack([x, y], axis=1)
    if noise:
        out = out + rng.normal(0.0, noise, size=out.shape)
    keep = np.concatenate([[True], np.hypot(*np.diff(out, axis=0).T) > 1e-4])
    keep[-1] = True
    return out[keep]


# --- 3. Les gabarits : une fonction par chiffre et par variante ---------------------------------
#
# Chaque gabarit reçoit ``q``, les paramètres de forme du chiffre (ceux du scripteur, variés pour
# ce chiffre-ci), et renvoie une liste de traits, chacun une liste de nœuds. Hauteur 1 ; la
# largeur est réglée ensuite par les proportions du scripteur. Les boucles ne se referment pas
# toujours (``close`` < 0 : il manque ce morceau du tour ; > 0 : la plume dépasse son départ).

def _ellipse_knots(cx, cy, rx, ry, start_deg, sweep_deg, n=None):
    """Nœuds le long d'une ellipse (angles à l'écran, y vers le bas : 90° = en haut)."""
    n = n or max(4, int(abs(sweep_deg) / 40) + 2)
    a = np.radians(np.linspace(start_deg, start_deg + sweep_deg, n))
    return [(cx + rx * math.cos(t), cy - ry * math.sin(t)) for t in a]


def zero_ovale(q):
    return [_ellipse_knots(0.5, 0.5, q["rx"], 0.5, 95, 360 * (1 + q["close"]), 11)]


def zero_pointu(q):
    """Le 0 commencé par une pointe en haut, comme une goutte renversée."""
    pts = _ellipse_knots(0.5, 0.52, q["rx"], 0.48, 90, 360 * (1 + min(q["close"], 0.0)), 10)
    return [[corner(0.5 + q["lean"], 0.0)] + pts[1:-1] + [(0.5 + q["lean"] + 0.02, 0.02)]]


def un_baton(q):
    return [[corner(0.5, 0.0), corner(0.5 - q["bend"], 1.0)]]


def un_drapeau(q):
    a = math.radians(q["angle"])
    length = 0.35 * q["flag"]
    return [[corner(0.6 - length * math.cos(a), length * math.sin(a)), corner(0.6, 0.0), corner(0.6 - q["bend"], 1.0)]]


def un_longue_attaque(q):
    """Le 1 continental : une longue attaque qui monte de la gauche jusqu'au sommet, puis la hampe."""
    a = math.radians(q["angle"])
    length = q["flag"]
    x0, y0 = 0.62 - length * math.cos(a), length * math.sin(a)
    mid = (0.5 * (x0 + 0.62) - q["sag"] * math.sin(a), 0.5 * y0 + q["sag"] * math.cos(a))
    return [[corner(x0, y0), mid, corner(0.62, 0.0), corner(0.62 - q["bend"], 1.0)]]


def un_socle(q):
    return un_drapeau(q) + [[corner(0.6 - 0.3, 1.0), corner(0.6 + 0.3, 1.0 - q["bend"])]]


def deux_rond(q):
    t = q["top"]
    return [[(0.12, 0.28 * t), (0.4, 0.02), (0.75, 0.05), (0.86, 0.28 * t), (0.68, 0.5 * t + 0.1),
             corner(0.06, 1.0), (0.5, 0.99 - q["base_tilt"]), corner(0.95, 1.0 - 2 * q["base_tilt"])]]


def deux_boucle(q):
    t = q["top"]
    return [[(0.1, 0.3 * t), (0.42, 0.0), (0.8, 0.08), (0.82, 0.3 * t + 0.05), (0.5, 0.6),
             (0.18, 0.86), (0.1, 0.98), (0.24, 0.99), (0.3, 0.86), (0.4, 0.93), (0.7, 1.0 - q["base_tilt"]),
             corner(0.95, 0.97 - q["base_tilt"])]]


def deux_z(q):
    return [[corner(0.08, 0.12 * q["top"]), (0.5, 0.0), corner(0.88, 0.04), corner(0.05, 1.0),
             corner(0.95, 1.0 - q["base_tilt"])]]


def trois_rond(q):
    m = q["middle"]
    return [[(0.12, 0.15), (0.45, 0.0), (0.8, 0.12), (0.72, m - 0.1), corner(0.38, m),
             (0.82, m + 0.15), (0.85, 0.82), (0.5, 1.0), (0.12, 0.88)]]


def trois_plat(q):
    """Le 3 au haut plat : une barre, une oblique, puis une panse en bas, parfois petite."""
    m = q["middle"] + 0.05
    b = q["bowl"]  # largeur relative de la panse
    return [[corner(0.1, 0.0), corner(0.88, 0.0), corner(0.45, m),
             (0.45 + 0.4 * b, m + 0.1 * b), (0.45 + 0.5 * b, m + 0.5 * (1 - m)), (0.4 + 0.15 * b, 1.0),
             (0.4 - 0.3 * b, 0.92)]]


def quatre_ferme(q):
    h = q["bar"]
    return [[corner(0.62, 0.0), corner(0.02, h), corner(0.98, h - q["tilt"])],
            [corner(0.7, 0.3 - q["stem_top"]), corner(0.7 - q["bend"], 1.0)]]


def quatre_ouvert(q):
    h = q["bar"]
    return [[corner(0.18, 0.0), corner(0.1, h), corner(0.98, h - q["tilt"])],
            [corner(0.72, 0.25 - q["stem_top"]), corner(0.72 - q["bend"], 1.0)]]


def quatre_un_trait(q):
    """Le 4 d'un seul trait, au haut ouvert comme un « ч » : descendre, tourner, remonter, redescendre."""
    h = q["bar"]
    r = q["round"]  # 0 : angle vif en bas à gauche ; 1 : courbe
    top = 0.25 - q["stem_top"]  # la hampe de droite monte moins haut que le trait de gauche
    a = q["arm"]  # haut du bras gauche déporté vers la droite (« ч ») ou vers la gauche
    if r > 0.5:
        left = [corner(0.15 + a, 0.0), (0.13 + 0.3 * a, 0.5 * h), (0.3, h), (0.55, h + 0.02)]
    else:
        left = [corner(0.15 + a, 0.0), corner(0.1, h), (0.5, h - 0.01)]
    # En remontant, la plume file en biais vers le haut de la hampe (``spike`` : écart à la descente).
    return [left + [corner(0.8, h - 0.05 - q["tilt"]), corner(0.82 - q["spike"], top), corner(0.8 - q["bend"], 1.0)]]


def cinq_classique(q):
    b = q["belly"]
    return [[corner(0.22, 0.0), corner(0.17, 0.42), (0.45, 0.36), (0.5 + 0.35 * b, 0.52), (0.8, 0.8),
             (0.5, 1.0), (0.08, 0.9)],
            [corner(0.22, 0.0), corner(0.9, -0.02 + q["flag_tilt"])]]


def cinq_un_trait(q):
    b = q["belly"]
    return [[corner(0.9, 0.0 + q["flag_tilt"]), corner(0.22, 0.0), corner(0.17, 0.42), (0.5, 0.36),
             (0.5 + 0.35 * b, 0.55), (0.78, 0.82), (0.45, 1.0), (0.08, 0.88)]]


def six_classique(q):
    r = q["loop"]
    top = 1.0 - 2 * r
    loop = _ellipse_knots(0.47, 1.0 - r, 0.28, r, 180, 360 * (0.85 + q["close"]), 7)
    return [[(0.78, 0.0), (0.42, 0.15), (0.2, top + 0.25 * r)] + loop]


def six_droit(q):
    r = q["loop"]
    loop = _ellipse_knots(0.45, 1.0 - r, 0.25, r, 190, 360 * (0.9 + q["close"]), 7)
    return [[corner(0.6, 0.0)] + loop]


def _seven_top(q, style):
    """La barre du haut du 7 : droite, crochetée à gauche, ou ondulée."""
    if style == "droit":
        return [corner(0.03, q["top_tilt"]), corner(0.95, 0.0)]
    if style == "crochet":
        h, c = q["hook"], q["hook_curl"]  # c : 0 = petit crochet droit, 1 = crochet arrondi
        return [corner(0.05 + 0.15 * c, h), (0.0, 0.45 * h), (0.12, 0.0), (0.55, 0.02 + q["top_tilt"]),
                corner(0.95, 0.0)]
    amp, waves = q["wave"], q["waves"]
    xs = np.linspace(0.03, 0.95, 7)
    ys = amp * np.sin(2 * math.pi * waves * (xs - 0.03) / 0.92)
    return [corner(xs[0], ys[0])] + [(x, y) for x, y in zip(xs[1:-1], ys[1:-1])] + [corner(0.95, 0.0)]


def _seven(q, top, barred):
    bottom = (0.4 - q["stem"], 1.0)
    middle = (0.68 - 0.5 * q["stem"] + q["curve"], 0.5)
    strokes = [_seven_top(q, top) + [middle, corner(*bottom)]]
    if barred:
        y = q["bar_y"]
        x = 0.95 + (bottom[0] - 0.95) * y + q["curve"] * math.sin(math.pi * y)
        strokes.append([corner(x - q["bar_left"], y + q["bar_tilt"]), corner(x + q["bar_right"], y - q["bar_tilt"])])
    return strokes


def sept_simple(q):
    return _seven(q, "droit", barred=False)


def sept_barre(q):
    return _seven(q, "droit", barred=True)


def sept_barre_crochet(q):
    return _seven(q, "crochet", barred=True)


def sept_barre_ondule(q):
    return _seven(q, "ondule", barred=True)


def huit_un_trait(q):
    m = q["waist"]  # hauteur du croisement
    u = q["upper"]  # largeur de la boucle du haut rapportée à celle du bas
    c = 0.5
    end = 0.1 - 0.4 * min(q["close"], 0.0)  # la boucle du haut peut rester ouverte
    return [[(c + 0.3 * u, 0.08), (c, 0.0), (c - 0.3 * u, 0.12), (c - 0.22 * u, m - 0.12), (c, m),
             (c + 0.35, m + 0.2), (c + 0.3, 0.92), (c, 1.0), (c - 0.35, 0.9), (c - 0.32, m + 0.18), (c, m),
             (c + 0.25 * u, m - 0.15), (c + 0.32 * u, end)]]


def huit_deux_ronds(q):
    m = q["waist"]
    u = q["upper"]
    top = _ellipse_knots(0.5, m / 2, 0.28 * u, m / 2, 0, 360 * (1 + q["close"]), 9)
    bottom = _ellipse_knots(0.5, (1 + m) / 2, 0.36, (1 - m) / 2, 90, 370, 10)
    return [top, bottom]


def _nine_loop(q, cx, h, w):
    """La boucle du 9, tournée dans le sens trigonométrique depuis la droite ; ouverte si close < 0."""
    return _ellipse_knots(cx, h / 2, w, h / 2, 15, 360 * (1 + q["close"]), 9)


def neuf_classique(q):
    h, w = q["loop"], q["loop_w"]
    loop = _nine_loop(q, 0.5, h, w)
    x_end = max(p[0] for p in loop[-2:])
    return [loop[:-1] + [corner(*loop[-1]), corner(x_end - q["bend"], 1.0)]]


def neuf_queue_courbe(q):
    """Le 9 à petite boucle et longue queue qui s'enroule vers la gauche."""
    h, w = q["loop"] * 0.75, q["loop_w"] * 0.85
    curl = q["curl"]
    loop = _nine_loop(q, 0.55, h, w)
    x0, y0 = loop[-1]
    right = 0.55 + w
    belly = q["belly"]  # la queue bombe vers la droite avant de s'enrouler, comme le bas d'un 3
    tail = [(right + 0.03 + belly, 0.5 * (h + 1) - 0.05), (right - 0.08 + belly, 0.85), (0.5, 1.0),
            (0.5 - 0.25 * curl, 0.97), (0.5 - 0.35 * curl, 0.9 - 0.12 * curl)]
    return [loop[:-1] + [corner(x0, y0)] + tail]


def neuf_queue_droite(q):
    h, w = q["loop"], q["loop_w"]
    loop = _nine_loop(q, 0.55, h, w)
    return [loop[:-1] + [corner(*loop[-1]), corner(0.55 + w - 0.35 - q["bend"], 1.0)]]


#: Les variantes de chaque chiffre (nom français → gabarit). Noms distincts de ceux de l'entraînement.
FORMS = {
    0: {"zero_ovale": zero_ovale, "zero_pointu": zero_pointu},
    1: {"un_trait_vertical": un_baton, "un_drapeau": un_drapeau, "un_longue_attaque": un_longue_attaque,
        "un_socle_drapeau": un_socle},
    2: {"deux_rond": deux_rond, "deux_boucle_bas": deux_boucle, "deux_z": deux_z},
    3: {"trois_rond": trois_rond, "trois_haut_plat": trois_plat},
    4: {"quatre_ferme_deux_traits": quatre_ferme, "quatre_ouvert_deux_traits": quatre_ouvert,
        "quatre_un_trait": quatre_un_trait},
    5: {"cinq_deux_traits": cinq_classique, "cinq_un_trait_anguleux": cinq_un_trait},
    6: {"six_rond": six_classique, "six_tige_droite": six_droit},
    7: {"sept_simple": sept_simple, "sept_barre_droit": sept_barre, "sept_barre_crochet_haut": sept_barre_crochet,
        "sept_barre_haut_ondule": sept_barre_ondule},
    8: {"huit_un_trait": huit_un_trait, "huit_deux_boucles": huit_deux_ronds},
    9: {"neuf_tige": neuf_classique, "neuf_petite_boucle_queue_courbe": neuf_queue_courbe,
        "neuf_queue_penchee": neuf_queue_droite},
}

#: Ce que la page « Le modèle » écrit pour chaque variante (le nom de la variante reste l'identifiant
#: des fichiers de mesures).
LABELS = {
    "zero_ovale": "0 ovale", "zero_pointu": "0 pointu",
    "un_trait_vertical": "1 d'un seul trait", "un_drapeau": "1 à drapeau", "un_longue_attaque": "1 à longue attaque",
    "un_socle_drapeau": "1 à drapeau et socle",
    "deux_rond": "2 arrondi", "deux_boucle_bas": "2 bouclé en bas", "deux_z": "2 en Z",
    "trois_rond": "3 arrondi", "trois_haut_plat": "3 au haut plat",
    "quatre_ferme_deux_traits": "4 fermé en deux traits", "quatre_ouvert_deux_traits": "4 ouvert en deux traits",
    "quatre_un_trait": "4 d'un seul trait",
    "cinq_deux_traits": "5 en deux traits", "cinq_un_trait_anguleux": "5 anguleux d'un seul trait",
    "six_rond": "6 arrondi", "six_tige_droite": "6 à tige droite",
    "sept_simple": "7 sans barre", "sept_barre_droit": "7 barré",
    "sept_barre_crochet_haut": "7 barré à crochet en haut", "sept_barre_haut_ondule": "7 barré au haut ondulé",
    "huit_un_trait": "8 d'un seul trait", "huit_deux_boucles": "8 en deux boucles",
    "neuf_tige": "9 à tige droite", "neuf_petite_boucle_queue_courbe": "9 à petite boucle et queue courbe",
    "neuf_queue_penchee": "9 à queue penchée",
}

#: Les formes que l'issue 12 a vu mal lues : le contrôle doit les contenir.
HARD_FORMS = ("sept_barre_crochet_haut", "sept_barre_haut_ondule", "un_longue_attaque",
              "neuf_petite_boucle_queue_courbe", "quatre_un_trait", "trois_haut_plat")

# Paramètres de forme : (bas, haut) de la valeur propre au scripteur, et écart type de la
# variation d'un chiffre à l'autre chez un même scripteur. Les bornes couvrent de vraies mains
# pressées : attaque du 1 presque couchée, boucle du 9 qui ne se referme pas ou queue qui bombe,
# petite panse du 3, grand crochet du 7 et barre basse, 4 sans lever au bras penché et à la barre basse.
SHAPE = {
    0: {"rx": ((0.22, 0.46), 0.03), "close": ((-0.12, 0.12), 0.04), "lean": ((-0.06, 0.06), 0.02)},
    1: {"angle": ((18, 60), 7), "flag": ((0.35, 0.9), 0.08), "sag": ((-0.06, 0.1), 0.025),
        "bend": ((-0.06, 0.08), 0.02)},
    2: {"top": ((0.7, 1.3), 0.08), "base_tilt": ((-0.03, 0.06), 0.015)},
    3: {"middle": ((0.36, 0.65), 0.04), "bowl": ((0.25, 1.0), 0.08)},
    4: {"bar": ((0.45, 0.8), 0.04), "tilt": ((-0.04, 0.1), 0.02), "bend": ((-0.05, 0.06), 0.02),
        "round": ((0.0, 1.0), 0.15), "stem_top": ((-0.1, 0.3), 0.04), "spike": ((0.0, 0.2), 0.03),
        "arm": ((-0.08, 0.3), 0.04)},
    5: {"belly": ((0.35, 1.0), 0.08), "flag_tilt": ((-0.03, 0.08), 0.02)},
    6: {"loop": ((0.18, 0.32), 0.03), "close": ((-0.15, 0.1), 0.05)},
    7: {"top_tilt": ((-0.04, 0.06), 0.015), "hook": ((0.1, 0.45), 0.04), "hook_curl": ((0.0, 1.0), 0.15),
        "wave": ((0.03, 0.14), 0.015), "waves": ((0.6, 1.5), 0.1), "stem": ((-0.05, 0.2), 0.03),
        "curve": ((-0.14, 0.06), 0.02), "bar_y": ((0.4, 0.72), 0.04), "bar_left": ((0.1, 0.32), 0.04),
        "bar_right": ((0.08, 0.3), 0.04), "bar_tilt": ((-0.05, 0.05), 0.015)},
    8: {"waist": ((0.38, 0.54), 0.03), "upper": ((0.6, 1.0), 0.06), "close": ((-0.12, 0.05), 0.04)},
    9: {"loop": ((0.25, 0.55), 0.03), "loop_w": ((0.18, 0.32), 0.02), "curl": ((0.3, 1.4), 0.12),
        "belly": ((0.0, 0.18), 0.03),
        "bend": ((-0.05, 0.1), 0.025), "close": ((-0.08, 0.06), 0.04)},
}

# Le choix des variantes : (poids pour une main « continentale », poids pour une main « anglo-saxonne »).
# Une main continentale barre ses 7, fait des 1 à attaque et des 4 ouverts ; l'autre non.
VARIANT_WEIGHTS = {
    0: {"zero_ovale": (3, 3), "zero_pointu": (1, 1)},
    1: {"un_trait_vertical": (0.5, 6), "un_drapeau": (3, 2), "un_longue_attaque": (5, 0.3), "un_socle_drapeau": (1.5,
                                                                                                                 1)},
    2: {"deux_rond": (4, 4), "deux_boucle_bas": (2, 2), "deux_z": (1.5, 1)},
    3: {"trois_rond": (3, 4), "trois_haut_plat": (2, 0.5)},
    4: {"quatre_ferme_deux_traits": (1, 4), "quatre_ouvert_deux_traits": (3, 3), "quatre_un_trait": (3, 0.5)},
    5: {"cinq_deux_traits": (3, 3), "cinq_un_trait_anguleux": (1.5, 1)},
    6: {"six_rond": (3, 3), "six_tige_droite": (1, 1)},
    7: {"sept_simple": (0.3, 6), "sept_barre_droit": (3, 0.5), "sept_barre_crochet_haut": (2.5, 0.2),
        "sept_barre_haut_ondule": (2, 0.2)},
    8: {"huit_un_trait": (3, 3), "huit_deux_boucles": (1, 1)},
    9: {"neuf_tige": (2, 5), "neuf_petite_boucle_queue_courbe": (3, 0.5), "neuf_queue_penchee": (1.5, 1.5)},
}


# --- 4. Les scripteurs --------------------------------------------------------------------------

@dataclass
class Writer:
    """Un scripteur simulé : un style fixé une fois pour toutes, puis des chiffres qui le suivent.

    ``variants[d]`` : la variante habituelle du chiffre ``d`` ; ``faithfulness`` : probabilité de
    l'employer (sinon une autre, tirée selon les mêmes goûts) ; ``slant`` : inclinaison en degrés
    (positive vers la droite) ; ``aspect`` : largeur rapportée à la hauteur ; ``size`` : taille
    sur le pad (fraction du côté) ; ``pen_ratio`` : épaisseur de plume rapportée à la taille ;
    ``density`` : échantillons par unité de longueur (voir :func:`pen_sample`) ; ``tremor`` :
    amplitude du tremblement lent ; ``care`` : multiplie la variation d'un chiffre à l'autre ;
    ``warp_x``, ``warp_y`` : proportions propres à la main (bas plus large que le haut, milieu
    placé haut ou bas) ; ``placement`` : écart type du décalage d'un trait posé après le premier
    (barre du 7, hampe du 4…) ; ``tick`` : probabilité d'un petit trait d'attaque au début d'un
    trait, ``tick_length`` sa longueur et ``tick_angle`` sa direction (en degrés, d'où vient la
    plume).
    """

    name: str
    continental: bool
    variants: dict
    faithfulness: float
    slant: float
    aspect: float
    rotation: float
    size: float
    pen_ratio: float
    density: float
    tremor: float
    care: float
    warp_x: float
    warp_y: float
    placement: float
    tick: float
    tick_length: float
    tick_angle: float
    shape: dict = field(repr=False)
    seed: int = 0

    def summary(self) -> dict:
        """Les traits du style, en clair (pour le fichier de résultats)."""
        return {"name": self.name, "continental": self.continental, "variants": {str(d): v for d,
                                                                                 v in self.variants.items()},
                "slant_deg": round(self.slant, 1), "aspect": round(self.aspect, 2), "size": round(self.size, 2),
                "pen_ratio": round(self.pen_ratio, 3), "density": round(self.density, 1),
                "tremor": round(self.tremor, 3), "care": round(self.care, 2),
                "warp": [round(self.warp_x, 2), round(self.warp_y, 2)],
                "placement": round(self.placement, 3), "tick": round(self.tick, 2)}

    def _pick_variant(self, digit: int, rng):
        if rng.random() < self.faithfulness:
            return self.variants[digit]
        names = sorted(VARIANT_WEIGHTS[digit])
        weights = np.array([VARIANT_WEIGHTS[digit][n][0 if self.continental else 1] for n in names])
        return str(rng.choice(names, p=weights / weights.sum()))

    def _shape_for(self, digit: int, rng):
        q = {}
        for name, (_, sd) in SHAPE[digit].items():
            q[name] = self.shape[digit][name] + rng.normal(0.0, sd * self.care)
        return q

    def _proportions(self, path):
        """Les proportions de la main : milieu du chiffre plus haut ou plus bas, haut plus étroit
        ou plus large que le bas (sur le gabarit de hauteur 1, avant inclinaison)."""
        x, y = path[:, 0], np.clip(path[:, 1], 0.0, 1.0)
        return np.stack([0.5 + (x - 0.5) * (1 + self.warp_x * (y - 0.5)),
                         path[:, 1] + self.warp_y * y * (1 - y)], axis=1)

    def write(self, digit: int, rng: np.random.Generator):
        """Un chiffre ``digit`` de ce scripteur. Renvoie ``(variante, traits)``, traits dans le carré unité."""
        variant = self._pick_variant(digit, rng)
        q = self._shape_for(digit, rng)
        strokes = []
        field_ = _tremor_field(rng, self.tremor)
        slant = math.radians(self.slant + rng.normal(0.0, 2.5 * self.care))
        aspect = self.aspect * math.exp(rng.normal(0.0, 0.06 * self.care))
        angle = math.radians(self.rotation + rng.normal(0.0, 1.5 * self.care))
        cos, sin = math.cos(angle), math.sin(angle)
        density = self.density * math.exp(rng.normal(0.0, 0.15))
        for k, knots in enumerate(FORMS[digit][variant](q)):
            knots = _knots(knots)
            if rng.random() < self.tick:  # petit trait d'attaque avant le premier nœud
                a = math.radians(self.tick_angle + rng.normal(0.0, 15.0))
                length = self.tick_length * math.exp(rng.normal(0.0, 0.3))
                x0, y0, _ = knots[0]
                knots = [(x0 + length * math.cos(a), y0 + length * math.sin(a), True),
                         (x0, y0, True)] + knots[1:]
            path, corners = pen_path(knots)
            path = self._proportions(path)
            if k > 0:  # un trait posé après coup tombe rarement à sa place exacte
                path = path + rng.normal(0.0, self.placement, size=2)
            path[:, 0] = 0.5 + (path[:, 0] - 0.5) * aspect
            path[:, 0] += math.tan(slant) * (0.5 - path[:, 1])  # y vers le bas : le haut part à droite
            centred = path - 0.5
            path = centred @ np.array([[cos, sin], [-sin, cos]]) + 0.5
            path = field_(path) + rng.normal(0.0, 0.01 * self.care, size=2)  # trait posé un peu à côté
            strokes.append(pen_sample(path, corners, density, rng, noise=0.002 + 0.15 * self.tremor))
        return variant, _fit_unit_box(strokes)


def _tremor_field(rng, amplitude):
    """Tremblement lent de la main : un champ de déplacement lisse, somme de quelques ondes."""
    modes = rng.normal(0.0, 1.0, size=(3, 2, 2)) * 2.5
    phases = rng.uniform(0.0, 2 * math.pi, size=(3, 2))
    amps = rng.uniform(0.0, amplitude, size=(3, 2)) / 1.5

    def apply(p):
        d = np.zeros_like(p)
        for k in range(3):
            for axis in range(2):
                d[:, axis] += amps[k, axis] * np.sin(p @ modes[k, axis] + phases[k, axis])
        return p + d

    return apply


def _fit_unit_box(strokes):
    """Translate et met à l'échelle : plus grand côté de la boîte = 1, coin haut-gauche en (0, 0)."""
    pts = np.concatenate(strokes)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    scale = 1.0 / max(float(max(hi - lo)), 1e-9)
    return [(s - lo) * scale for s in strokes]


def make_writer(index: int, rng: np.random.Generator) -> Writer:
    """Tire un scripteur : une main, ses habitudes et ses paramètres de forme."""
    continental = bool(rng.random() < 0.75)
    column = 0 if continental else 1
    variants = {}
    for digit, weights in VARIANT_WEIGHTS.items():
        names = sorted(weights)
        w = np.array([weights[n][column] for n in names])
        variants[digit] = str(rng.choice(names, p=w / w.sum()))
    # Une main a des habitudes marquées : ses paramètres tombent plus souvent près des bornes
    # qu'au milieu (loi bêta en U), sans direction privilégiée.
    shape = {digit: {name: float(lo + (hi - lo) * rng.beta(0.6, 0.6)) for name, ((lo, hi), _) in params.items()}
             for digit, params in SHAPE.items()}
    sparse = rng.random() < 0.35  # un tiers des scripteurs : tablette ou souris qui remonte peu de points
    return Writer(
        name=f"scripteur {index + 1:02d}",
        continental=continental,
        variants=variants,
        faithfulness=float(rng.uniform(0.8, 0.97)),
        slant=float(np.clip(rng.normal(8.0, 10.0), -15.0, 32.0)),
        aspect=float(rng.uniform(0.5, 1.0)),
        rotation=float(rng.normal(0.0, 3.0)),
        size=float(rng.uniform(0.3, 0.85)),
        pen_ratio=float(rng.uniform(0.09, 0.17)),
        density=float(np.exp(rng.uniform(math.log(3.0), math.log(8.0)))) if sparse
        else float(np.exp(rng.uniform(math.log(10.0), math.log(60.0)))),
        tremor=float(rng.uniform(0.0, 0.045)),
        care=float(np.exp(rng.uniform(math.log(0.5), math.log(2.0)))),
        warp_x=float(rng.uniform(-0.4, 0.4)),
        warp_y=float(rng.uniform(-0.35, 0.35)),
        placement=float(rng.uniform(0.01, 0.06)),
        tick=float(rng.choice([0.0, rng.uniform(0.2, 0.8)])),
        tick_length=float(rng.uniform(0.04, 0.14)),
        tick_angle=float(rng.uniform(90, 200)),
        shape=shape,
        seed=int(rng.integers(2 ** 31)),
    )


def make_writers(count: int = CHECK_WRITERS, seed: int = CHECK_SEED) -> list[Writer]:
    """``count`` scripteurs reproductibles (même graine → mêmes scripteurs)."""
    rng = np.random.default_rng(seed)
    return [make_writer(i, rng) for i in range(count)]


def writer_digits(writer: Writer, per_class: int):
    """Les chiffres d'un scripteur : ``per_class`` séries des dix chiffres, chacune dans un ordre
    mélangé, comme une séance d'écriture. Renvoie une liste de ``(chiffre, variante, traits)``.

    Les séries sont tirées l'une après l'autre : en demander moins donne le début de la même séance.
    """
    rng = np.random.default_rng(writer.seed)
    out = []
    for _ in range(per_class):
        for d in rng.permutation(10):
            out.append((int(d), *writer.write(int(d), rng)))
    return out


def check_digits(count: int = CHECK_WRITERS, per_class: int = CHECK_PER_CLASS, seed: int = CHECK_SEED):
    """Le contrôle : ``count`` scripteurs × 10 classes × ``per_class`` chiffres.

    Renvoie ``(scripteurs, items)`` ; chaque item est un dictionnaire ``{"writer", "digit",
    "variant", "strokes"}`` (``writer`` : indice dans la liste des scripteurs). Les chiffres d'un
    scripteur ne dépendent que de lui : en demander moins par classe donne le début des mêmes
    séances d'écriture, pas d'autres chiffres.
    """
    writers = make_writers(count, seed)
    items = []
    for i, writer in enumerate(writers):
        for digit, variant, strokes in writer_digits(writer, per_class):
            items.append({"writer": i, "digit": digit, "variant": variant, "strokes": strokes})
    return writers, items


def check_sample(n_per_class: int, seed: int = CHECK_SEED):
    """Un petit échantillon du contrôle, pour les chapitres et les tests : ``n_per_class`` chiffres
    de chaque classe, écrits par des scripteurs différents autant que possible (le ``k``-ième
    chiffre d'une classe vient du scripteur ``k`` modulo :data:`CHECK_WRITERS`).

    Mêmes scripteurs et mêmes séances que :func:`check_digits` : l'échantillon est une partie du
    contrôle publié. Renvoie ``(scripteurs, items)`` au même format, classés par chiffre.
    """
    if n_per_class < 1:
        raise ValueError(f"Il faut au moins un chiffre par classe (reçu : {n_per_class}).")
    writers = make_writers(CHECK_WRITERS, seed)
    rounds = -(-n_per_class // CHECK_WRITERS)
    used = min(n_per_class, CHECK_WRITERS)
    by_writer = {}
    for i in range(used):
        per_digit = {d: [] for d in range(10)}
        for digit, variant, strokes in writer_digits(writers[i], rounds):
            per_digit[digit].append((variant, strokes))
        by_writer[i] = per_digit
    items = []
    for digit in range(10):
        for k in range(n_per_class):
            i, r = k % CHECK_WRITERS, k // CHECK_WRITERS
            variant, strokes = by_writer[i][digit][r]
            items.append({"writer": i, "digit": digit, "variant": variant, "strokes": strokes})
    return writers, items
