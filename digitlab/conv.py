"""La convolution et le pooling, écrits pour être lus.

Ce module accompagne les chapitres « La convolution » et « Le pooling ». Il calcule exactement
ce que calculent les couches ``Conv2D``, ``MaxPooling2D`` et ``AveragePooling2D`` de Keras (les
tests le vérifient), mais en NumPy, sans magie :

1. la **taille de sortie** d'une convolution ou d'un pooling, et la marge (*padding*) qu'ajoute
   le mode ``"same"`` (:func:`output_size`, :func:`padding_amounts`) ;
2. la **convolution** (en fait une *corrélation croisée* : le noyau n'est pas retourné, comme
   dans Keras), d'abord avec des boucles (:func:`conv2d_loops`), puis vectorisée
   (:func:`conv2d`) ; plusieurs canaux d'entrée, plusieurs filtres, biais, pas (*stride*) ;
3. l'activation :func:`relu` ;
4. le **pooling** max, moyenne ou L2 (:func:`pool2d`) ;
5. l'explication d'un pixel de sortie : la fenêtre d'entrée et ses produits
   (:func:`conv_window`, :func:`pool_window`), comme au survol dans les labos du site ;
6. de quoi compter : paramètres d'une couche (:func:`conv_params`, :func:`dense_params`), champ
   récepteur d'une pile de couches (:func:`receptive_field`) ;
7. deux outils pour les expériences de décalage : :func:`shift` (décaler une image) et
   :func:`change_ratio` (de combien une carte a changé) ;
8. les noyaux prédéfinis des labos (:data:`KERNELS`, :func:`kernel`).

Conventions, celles de Keras : une image est un tableau ``(hauteur, largeur)`` ou
``(hauteur, largeur, canaux)`` ; les poids d'une couche de convolution forment un tableau
``(kh, kw, canaux_entrée, filtres)`` ; la sortie a un canal par filtre. Un noyau 2D ``(kh, kw)``
est un seul filtre sur une image à un seul canal, et donne une carte 2D.

Le module JavaScript ``docs/assets/labs/conv.js`` est le jumeau de ce module pour une image à un
canal : les tests comparent les deux sur les mêmes fixtures (``tests/fixtures/conv/``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from digitlab.fmt import format_count

#: Les deux modes de marge, avec les noms de Keras.
PADDINGS = ("valid", "same")
#: Les trois sortes de pooling.
POOLS = ("max", "average", "l2")


# ---------------------------------------------------------------------------------------------
# 1. Tailles et marges
# ---------------------------------------------------------------------------------------------

def _check_positive_int(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{what} doit être un entier supérieur ou égal à 1 (reçu : {value!r}).")
    return int(value)


def _check_padding(padding) -> str:
    if padding not in PADDINGS:
        raise ValueError(f"Marge inconnue {padding!r} : choisissez « valid » (pas de marge) "
                         "ou « same » (marge de zéros).")
    return padding


def output_size(n: int, k: int, stride: int = 1, padding: str = "valid") -> int:
    """Nombre de positions d'une fenêtre de taille ``k`` sur une ligne de ``n`` pixels.

    - ``"valid"`` : la fenêtre reste dans l'image, n − k + 1 positions avec un pas de 1, et
      ⌊(n − k) / pas⌋ + 1 en général ;
    - ``"same"`` : on ajoute juste assez de zéros autour pour avoir ⌈n / pas⌉ positions (la même
      taille que l'entrée quand le pas vaut 1), comme TensorFlow.
    """
    n = _check_positive_int(n, "La taille de l'entrée")
    k = _check_positive_int(k, "La taille du noyau")
    stride = _check_positive_int(stride, "Le pas")
    if _check_padding(padding) == "same":
        return -(-n // stride)  # division entière arrondie vers le haut
    if k > n:
        raise ValueError(f"Le noyau ({format_count(k, 'pixel')}) est plus grand que l'entrée "
                         f"({format_count(n, 'pixel')}) : "
                         "sans marge (« valid »), il ne tient nulle part. Prenez un noyau plus "
                         "petit ou la marge « same ».")
    return (n - k) // stride + 1


def padding_amounts(n: int, k: int, stride: int = 1, padding: str = "valid") -> tuple[int, int]:
    """Les zéros ajoutés (avant, après) sur une ligne de ``n`` pixels.

    Règle de TensorFlow pour ``"same"`` : il faut (sortie − 1) × pas + k pixels pour que la
    dernière fenêtre tienne ; le manque est réparti en deux, le pixel en trop **après**.
    """
    out = output_size(n, k, stride, padding)
    if padding == "valid":
        return 0, 0
    total = max((out - 1) * stride + k - n, 0)
    return total // 2, total - total // 2


# ---------------------------------------------------------------------------------------------
# Mise en forme des entrées (avec des messages clairs en cas d'erreur)
# ---------------------------------------------------------------------------------------------

def _as_image(x) -> tuple[np.ndarray, bool]:
    """Renvoie l'image en ``(hauteur, largeur, canaux)`` (float64) et vrai si elle était 2D."""
    array = np.asarray(x, dtype=np.float64)
    if array.ndim not in (2, 3):
        raise ValueError("L'image doit être un tableau 2D (hauteur, largeur) ou 3D (hauteur, "
                         f"largeur, canaux) ; reçu un tableau de forme {array.shape}.")
    if array.size == 0:
        raise ValueError(f"L'image est vide (forme {array.shape}).")
    if not np.all(np.isfinite(array)):
        raise ValueError("L'image contient des valeurs non finies (NaN ou infini).")
    return (array[:, :, np.newaxis], True) if array.ndim == 2 else (array, False)


def _as_kernel(kernel, channels: int) -> tuple[np.ndarray, bool]:
    """Renvoie le noyau en ``(kh, kw, canaux, filtres)`` et vrai s'il était 2D (un filtre)."""
    w = np.asarray(kernel, dtype=np.float64)
    if w.ndim == 2:
        if channels != 1:
            raise ValueError(f"Un noyau 2D {w.shape} ne lit qu'un canal, mais l'image en a "
                             f"{channels} : donnez un noyau (kh, kw, {channels}, filtres), "
                             "comme ceux de Keras.")
        w = w[:, :, np.newaxis, np.newaxis]
        flat = True
    elif w.ndim == 4:
        flat = False
    else:
        raise ValueError("Le noyau doit être un tableau 2D (kh, kw) ou 4D (kh, kw, canaux, "
                         f"filtres), comme ceux de Keras ; reçu la forme {w.shape}.")
    if 0 in w.shape:
        raise ValueError(f"Le noyau est vide (forme {w.shape}).")
    if w.shape[2] != channels:
        raise ValueError(f"Le noyau attend {format_count(w.shape[2], 'canal', 'canaux')} d'entrée, mais "
                         f"l'image en a {channels}.")
    if not np.all(np.isfinite(w)):
        raise ValueError("Le noyau contient des valeurs non finies (NaN ou infini).")
    return w, flat


def _as_bias(bias, filters: int) -> np.ndarray:
    if bias is None:
        return np.zeros(filters)
    b = np.atleast_1d(np.asarray(bias, dtype=np.float64))
    if b.shape != (filters,):
        raise ValueError(f"Le biais doit avoir une valeur par filtre ({filters}) ; reçu la "
                         f"forme {b.shape}.")
    return b


def pad(image, kh: int, kw: int, stride: int = 1, padding: str = "valid", value: float = 0.0):
    """L'image ``(h, w, c)`` entourée des zéros (ou de ``value``) que demande ``padding``."""
    image = np.asarray(image, dtype=np.float64)
    top, bottom = padding_amounts(image.shape[0], kh, stride, padding)
    left, right = padding_amounts(image.shape[1], kw, stride, padding)
    return np.pad(image, ((top, bottom), (left, right), (0, 0)), constant_values=value)


# ---------------------------------------------------------------------------------------------
# 2. La convolution (corrélation croisée)
# ---------------------------------------------------------------------------------------------

def conv2d_loops(x, kernel, bias=None, stride: int = 1, padding: str = "valid"):
    """La convolution d'une couche ``Conv2D``, avec des boucles : la définition, mot pour mot.

    Pour chaque position (i, j) de la sortie et chaque filtre f : on pose la fenêtre du noyau
    sur l'image (son coin en haut à gauche en (i × pas, j × pas) de l'image bordée de zéros),
    on multiplie chaque pixel par le poids qui le recouvre, on additionne tout (sur les canaux
    aussi), et on ajoute le biais du filtre. Le noyau n'est **pas** retourné.
    """
    image, _ = _as_image(x)
    w, flat = _as_kernel(kernel, image.shape[2])
    kh, kw, channels, filters = w.shape
    b = _as_bias(bias, filters)
    stride = _check_positive_int(stride, "Le pas")
    out_h = output_size(image.shape[0], kh, stride, padding)
    out_w = output_size(image.shape[1], kw, stride, padding)
    padded = pad(image, kh, kw, stride, padding)

    out = np.zeros((out_h, out_w, filters))
    for i in range(out_h):
        for j in range(out_w):
            top, left = i * stride, j * stride
            window = padded[top:top + kh, left:left + kw, :]  # (kh, kw, canaux)
            for f in range(filters):
                total = b[f]
                for u in range(kh):
                    for v in range(kw):
                        for c in range(channels):
                            total += window[u, v, c] * w[u, v, c, f]
                out[i, j, f] = total
    return out[:, :, 0] if flat else out


def conv2d(x, kernel, bias=None, stride: int = 1, padding: str = "valid"):
    """La même convolution que :func:`conv2d_loops`, vectorisée.

    ``sliding_window_view`` donne, sans rien copier, toutes les fenêtres kh × kw de l'image
    bordée ; on garde une fenêtre sur ``stride`` dans chaque direction, puis ``einsum`` fait
    d'un coup toutes les sommes de produits : pour chaque position (i, j) et chaque filtre f,
    la somme sur u, v, c de fenêtre[i, j, u, v, c] × noyau[u, v, c, f].
    """
    image, _ = _as_image(x)
    w, flat = _as_kernel(kernel, image.shape[2])
    kh, kw, channels, filters = w.shape
    b = _as_bias(bias, filters)
    stride = _check_positive_int(stride, "Le pas")
    out_h = output_size(image.shape[0], kh, stride, padding)
    out_w = output_size(image.shape[1], kw, stride, padding)
    padded = pad(image, kh, kw, stride, padding)

    windows = sliding_window_view(padded, (kh, kw), axis=(0, 1))  # (., ., canaux, kh, kw)
    windows = windows[::stride, ::stride][:out_h, :out_w]
    out = np.einsum("ijcuv,uvcf->ijf", windows, w) + b
    return out[:, :, 0] if flat else out


# ---------------------------------------------------------------------------------------------
# 3. ReLU
# ---------------------------------------------------------------------------------------------

def relu(x):
    """ReLU(x) = max(x, 0), pixel par pixel : on garde les réponses positives, le reste vaut 0."""
    return np.maximum(np.asarray(x, dtype=np.float64), 0.0)


# ---------------------------------------------------------------------------------------------
# 4. Le pooling
# ---------------------------------------------------------------------------------------------

def _check_pool(kind) -> str:
    if kind not in POOLS:
        raise ValueError(f"Pooling inconnu {kind!r} : choisissez « max », « average » "
                         "(moyenne) ou « l2 ».")
    return kind


def _summarise(windows, kind: str, axes):
    """Résume des fenêtres (les NaN sont des cases de marge, ignorées) : max, moyenne ou L2."""
    if kind == "max":
        return np.nanmax(windows, axis=axes)
    if kind == "average":
        return np.nanmean(windows, axis=axes)  # comme Keras : la marge ne compte pas
    return np.sqrt(np.nansum(windows ** 2, axis=axes))


def pool2d(x, size: int = 2, stride: int | None = None, kind: str = "max",
           padding: str = "valid"):
    """Le pooling : chaque fenêtre ``size`` × ``size`` de chaque canal est résumée par un nombre.

    - ``"max"`` : la plus grande valeur de la fenêtre (``MaxPooling2D``) ;
    - ``"average"`` : la moyenne (``AveragePooling2D``) ;
    - ``"l2"`` : la racine de la somme des carrés, √(Σ a²).

    Par défaut, le pas vaut la taille de la fenêtre : les fenêtres se touchent sans se
    chevaucher. Avec la marge ``"same"``, les cases ajoutées ne comptent pas (comme dans Keras :
    elles ne sont ni un maximum, ni dans la moyenne).
    """
    image, flat = _as_image(x)
    size = _check_positive_int(size, "La taille de la fenêtre")
    stride = size if stride is None else _check_positive_int(stride, "Le pas")
    _check_pool(kind)
    out_h = output_size(image.shape[0], size, stride, padding)
    out_w = output_size(image.shape[1], size, stride, padding)
    padded = pad(image, size, size, stride, padding, value=np.nan)

    windows = sliding_window_view(padded, (size, size), axis=(0, 1))  # (., ., canaux, s, s)
    windows = windows[::stride, ::stride][:out_h, :out_w]
    out = _summarise(windows, kind, axes=(3, 4))
    return out[:, :, 0] if flat else out


# ---------------------------------------------------------------------------------------------
# 5. Expliquer un pixel de sortie (comme au survol dans les labos)
# ---------------------------------------------------------------------------------------------

@dataclass
class Window:
    """Ce qui a produit un pixel de sortie.

    ``top``, ``left`` : coin de la fenêtre dans l'image d'origine (négatif si la fenêtre
    déborde dans la marge) ; ``values`` : les pixels sous la fenêtre (0 pour la marge d'une
    convolution, NaN pour celle d'un pooling) ; ``weights`` et ``products`` : le noyau et les
    produits pixel × poids (convolution seulement) ; ``total`` : la valeur du pixel de sortie.
    """

    top: int
    left: int
    values: np.ndarray
    total: float
    weights: np.ndarray | None = None
    products: np.ndarray | None = None


def _window_origin(row, col, out_h, out_w, stride, pad_top, pad_left):
    for value, limit, what in ((row, out_h, "La ligne"), (col, out_w, "La colonne")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
                or not 0 <= value < limit:
            raise ValueError(f"{what} {value!r} est hors de la carte de sortie "
                             f"({out_h} × {out_w}) : elle va de 0 à {limit - 1}.")
    return row * stride - pad_top, col * stride - pad_left


def conv_window(x, kernel, row: int, col: int, stride: int = 1, padding: str = "valid") -> Window:
    """La fenêtre, les poids et les produits qui donnent le pixel (``row``, ``col``) de
    ``conv2d(x, kernel, stride=stride, padding=padding)`` (image 2D, noyau 2D, sans biais)."""
    image = np.asarray(x, dtype=np.float64)
    w = np.asarray(kernel, dtype=np.float64)
    if image.ndim != 2 or w.ndim != 2:
        raise ValueError("conv_window explique une image 2D et un noyau 2D ; reçu les formes "
                         f"{image.shape} et {w.shape}.")
    kh, kw = w.shape
    out_h = output_size(image.shape[0], kh, stride, padding)
    out_w = output_size(image.shape[1], kw, stride, padding)
    pad_top = padding_amounts(image.shape[0], kh, stride, padding)[0]
    pad_left = padding_amounts(image.shape[1], kw, stride, padding)[0]
    top, left = _window_origin(row, col, out_h, out_w, stride, pad_top, pad_left)
    padded = pad(image[:, :, np.newaxis], kh, kw, stride, padding)[:, :, 0]
    values = padded[top + pad_top:top + pad_top + kh, left + pad_left:left + pad_left + kw]
    products = values * w
    return Window(top, left, values.copy(), float(products.sum()), w.copy(), products)


def pool_window(x, row: int, col: int, size: int = 2, stride: int | None = None,
                kind: str = "max") -> Window:
    """La fenêtre qui donne le pixel (``row``, ``col``) de ``pool2d(x, size, stride, kind)``
    (image 2D, sans marge), et sa valeur."""
    image = np.asarray(x, dtype=np.float64)
    if image.ndim != 2:
        raise ValueError(f"pool_window explique une image 2D ; reçu la forme {image.shape}.")
    size = _check_positive_int(size, "La taille de la fenêtre")
    stride = size if stride is None else _check_positive_int(stride, "Le pas")
    _check_pool(kind)
    out_h = output_size(image.shape[0], size, stride)
    out_w = output_size(image.shape[1], size, stride)
    top, left = _window_origin(row, col, out_h, out_w, stride, 0, 0)
    values = image[top:top + size, left:left + size].copy()
    return Window(top, left, values, float(_summarise(values, kind, axes=None)))


# ---------------------------------------------------------------------------------------------
# 6. Compter : paramètres, champ récepteur
# ---------------------------------------------------------------------------------------------

def conv_params(kernel_size, channels_in: int, filters: int, bias: bool = True) -> int:
    """Paramètres d'une couche de convolution : par filtre, kh × kw × canaux poids (+ 1 biais).

    Ce nombre ne dépend pas de la taille de l'image : les mêmes poids servent partout.
    """
    kh, kw = (kernel_size, kernel_size) if np.isscalar(kernel_size) else kernel_size
    kh = _check_positive_int(kh, "La hauteur du noyau")
    kw = _check_positive_int(kw, "La largeur du noyau")
    channels_in = _check_positive_int(channels_in, "Le nombre de canaux d'entrée")
    filters = _check_positive_int(filters, "Le nombre de filtres")
    return filters * (kh * kw * channels_in + int(bias))


def dense_params(inputs: int, units: int, bias: bool = True) -> int:
    """Paramètres d'une couche dense : chaque neurone a un poids par entrée (+ 1 biais)."""
    inputs = _check_positive_int(inputs, "Le nombre d'entrées")
    units = _check_positive_int(units, "Le nombre de neurones")
    return units * (inputs + int(bias))


def receptive_field(layers) -> list[int]:
    """Le côté du champ récepteur (en pixels de l'image) après chaque couche d'une pile.

    ``layers`` : une liste de couples (taille de la fenêtre, pas), une par couche de
    convolution ou de pooling. Un pixel de sortie d'une couche voit k pixels de la couche
    précédente, espacés de l'écart « saut » cumulé de toutes les couches d'avant : chaque couche
    agrandit le champ de (k − 1) × saut, et multiplie le saut par son pas.
    """
    field, jump, fields = 1, 1, []
    for k, stride in layers:
        k = _check_positive_int(k, "La taille de la fenêtre")
        stride = _check_positive_int(stride, "Le pas")
        field += (k - 1) * jump
        jump *= stride
        fields.append(field)
    return fields


# ---------------------------------------------------------------------------------------------
# 7. Décaler une image, mesurer un changement
# ---------------------------------------------------------------------------------------------

def shift(image, dy: int, dx: int):
    """L'image décalée de ``dy`` pixels vers le bas et ``dx`` vers la droite (négatif : vers le
    haut, vers la gauche). Ce qui sort du cadre est perdu, ce qui entre vaut 0. Marche aussi
    sur un lot d'images ``(n, hauteur, largeur)`` : chacune est décalée."""
    array = np.asarray(image)
    if array.ndim not in (2, 3):
        raise ValueError("shift décale une image 2D (hauteur, largeur) ou un lot 3D (n, "
                         f"hauteur, largeur) ; reçu la forme {array.shape}.")
    for value, what in ((dy, "dy"), (dx, "dx")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"Le décalage {what} doit être un nombre entier de pixels "
                             f"(reçu : {value!r}).")
    h, w = array.shape[-2:]
    out = np.zeros_like(array)
    if abs(dy) >= h or abs(dx) >= w:
        return out
    source = array[..., max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    out[..., max(dy, 0):h - max(-dy, 0), max(dx, 0):w - max(-dx, 0)] = source
    return out


def change_ratio(before, after) -> float:
    """De combien une carte a changé : Σ |après − avant| / Σ |avant| (0 : rien n'a changé ;
    1 : autant de changement qu'il y avait de signal). Vaut 0 si les deux cartes sont nulles."""
    a = np.asarray(before, dtype=np.float64)
    b = np.asarray(after, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"Les deux cartes n'ont pas la même forme : {a.shape} et {b.shape}.")
    scale = np.abs(a).sum()
    diff = np.abs(b - a).sum()
    if scale == 0:
        return 0.0 if diff == 0 else math.inf
    return float(diff / scale)


# ---------------------------------------------------------------------------------------------
# 8. Les noyaux prédéfinis des labos (jumeaux de docs/assets/labs/kernels.js)
# ---------------------------------------------------------------------------------------------

def _centre(size: int, value: int) -> list[list[int]]:
    rows = [[0] * size for _ in range(size)]
    rows[size // 2][size // 2] = value
    return rows


def _vertical_edges(size: int) -> list[list[int]]:
    half = size // 2
    row = [1] * half + [0] + [-1] * half  # encre à gauche, pas d'encre à droite : réponse > 0
    return [row[:] for _ in range(size)]


def _transpose(rows):
    return [list(column) for column in zip(*rows)]


def _laplacian(size: int) -> list[list[int]]:
    rows = [[-1] * size for _ in range(size)]
    rows[size // 2][size // 2] = size * size - 1
    return rows


def _sharpen(size: int) -> tuple[list[list[int]], int]:
    # Deux fois l'identité moins le flou : le pixel renforcé, ses voisins retranchés.
    if size == 3:
        return [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], 1
    rows = [[-1] * size for _ in range(size)]
    rows[size // 2][size // 2] = 2 * size * size - 1
    return rows, size * size


#: Les noyaux des labos : pour chaque nom, un libellé français et, pour 3 × 3 et 5 × 5, des
#: entiers et un diviseur (les valeurs sont entier / diviseur : le labo les affiche en fraction,
#: « 1/9 », pour que la valeur lue soit exactement la valeur utilisée).
KERNELS = {
    "identity": {"label": "Identité", "sizes": {3: (_centre(3, 1), 1), 5: (_centre(5, 1), 1)}},
    "vertical_edges": {"label": "Bords verticaux",
                       "sizes": {3: (_vertical_edges(3), 1), 5: (_vertical_edges(5), 1)}},
    "horizontal_edges": {"label": "Bords horizontaux",
                         "sizes": {3: (_transpose(_vertical_edges(3)), 1),
                                   5: (_transpose(_vertical_edges(5)), 1)}},
    "blur": {"label": "Flou (moyenne)",
             "sizes": {3: ([[1] * 3 for _ in range(3)], 9), 5: ([[1] * 5 for _ in range(5)], 25)}},
    "sharpen": {"label": "Netteté", "sizes": {3: _sharpen(3), 5: _sharpen(5)}},
    "laplacian": {"label": "Laplacien (contours)", "sizes": {3: (_laplacian(3), 1),
                                                             5: (_laplacian(5), 1)}},
}


def kernel(name: str, size: int = 3) -> np.ndarray:
    """Le noyau prédéfini ``name`` (voir :data:`KERNELS`) de taille ``size`` × ``size``."""
    if name not in KERNELS:
        raise ValueError(f"Noyau inconnu {name!r} : choisissez parmi {', '.join(KERNELS)}.")
    if size not in KERNELS[name]["sizes"]:
        raise ValueError(f"Le noyau « {name} » existe en 3 × 3 et 5 × 5, pas en {size!r}.")
    rows, divisor = KERNELS[name]["sizes"][size]
    return np.array(rows, dtype=np.float64) / divisor

