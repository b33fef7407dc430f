# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # La convolution
#
# Le réseau du chapitre précédent lit déjà très bien les chiffres, mais il les lit d'une façon
# étrange : pour lui, une image n'est qu'une liste de 784 nombres, sans haut ni bas, sans voisins.
# Il ne sait pas que deux pixels côte à côte parlent souvent de la même chose. La
# [**convolution**](../../glossaire/#convolution)
# lui apprend à regarder une image comme nous : par petits morceaux, avec le même regard partout.
# C'est la pièce maîtresse des réseaux qui lisent les images, les **réseaux convolutifs** (CNN).
#
# <div class="admonition abstract lesson-goals" markdown>
# <p class="admonition-title">Dans ce chapitre</p>
#
# - **Vous saurez** : appliquer un filtre de convolution à la main et en code, prévoir la taille de
#   ce qui en sort (pas, marge), compter les paramètres d'une couche de convolution, lire le
#   tenseur de poids d'une couche `Conv2D` de Keras, dire à quoi sert ReLU, et regarder ce
#   qu'ont appris les filtres du réseau de la démo.
# - **Prérequis** : chapitre « Réseau de neurones et rétropropagation » ; maths : additions et
#   multiplications (les encadrés de maths restent facultatifs)
# - **Durée** : environ 45 min de lecture, 20 s d'exécution
#
# </div>

# %%
import inspect

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from digitlab.conv import (
    conv2d,
    conv2d_loops,
    conv_params,
    conv_window,
    dense_params,
    kernel,
    output_size,
    padding_amounts,
    receptive_field,
    relu,
    shift,
)
from digitlab.data import load_mnist
from digitlab.fmt import format_decimal, format_integer, format_percent, plural_form
from digitlab.plotting import show, use_style

use_style()
(x_train_u8, y_train), (x_test_u8, y_test) = load_mnist()
x_test = x_test_u8.astype(np.float64) / 255.0  # encre = 1, fond = 0
seven = x_test[0]  # la première image de test : un 7


def signed(v):
    """Un entier avec son signe, à la française : « +3 », « −3 », « 0 »."""
    return "0" if v == 0 else f"{v:+g}".replace("-", "\u2212")


def signed_imshow(ax, image, title=None, scale=None):
    """Une carte de réponses : rouge positif, bleu négatif, blanc zéro (échelle symétrique)."""
    m = scale if scale is not None else max(np.abs(image).max(), 1e-9)
    ax.imshow(image, cmap="RdBu_r", vmin=-m, vmax=m)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=9)


# %% [markdown]
# ## Le gaspillage d'un réseau dense
#
# Dans un réseau **dense**, chaque neurone de la première couche a un poids pour **chacun** des
# 784 pixels. S'il a appris à repérer la barre du haut d'un 7, il l'a apprise **à un endroit
# précis** de l'image. Décalons notre 7 de deux pixels vers la droite, un déplacement que l'œil
# remarque à peine :

# %%
moved = shift(seven, 0, 2)  # 0 pixel vers le bas, 2 vers la droite
ink, ink_moved = seven > 0.5, moved > 0.5
still_inked = (ink & ink_moved).sum() / ink.sum()
similarity = (seven * moved).sum() / np.sqrt((seven ** 2).sum() * (moved ** 2).sum())

fig, axes = plt.subplots(1, 3, figsize=(7.5, 2.8))
axes[0].imshow(seven)
axes[0].set_title("Le 7")
axes[1].imshow(moved)
axes[1].set_title("Décalé de 2 pixels")
overlap = np.ones((28, 28, 3))                 # fond blanc
overlap[ink] = (0.75, 0.75, 0.75)              # le 7 seul : gris
overlap[ink_moved] = (0.85, 0.33, 0.10)        # le 7 décalé seul : orange
overlap[ink & ink_moved] = (0.1, 0.1, 0.1)     # les deux : noir
axes[2].imshow(overlap)
axes[2].set_title("En noir : l'encre commune")
for ax in axes:
    ax.axis("off")
show(fig, "Trois images : un 7 manuscrit, le même 7 décalé de deux pixels vers la droite, et "
          "leur superposition, en gris l'encre du 7 seul, en orange celle du 7 décalé seul, en "
          "noir les pixels encrés dans les deux : il en reste moins de la moitié, surtout le long "
          "de la barre horizontale.")
print(f"Pixels encrés du 7 encore encrés après le décalage : {format_percent(still_inked, 0)}")
print(f"Similarité (cosinus) entre les deux listes de 784 nombres : {format_decimal(similarity, 2)}")

# %% [markdown]
# Moins de la moitié des pixels encrés le restent : pour un neurone dense, qui compare l'image
# pixel par pixel à ses poids, ce 7 décalé est presque une **nouvelle image**. Pour reconnaître
# les 7 partout, le réseau dense doit apprendre le même motif à chaque position possible, avec
# des poids différents à chaque fois : c'est beaucoup de paramètres, et beaucoup d'exemples.

# %% tags=["hide"]
assert still_inked < 0.5, ("« Moins de la moitié des pixels encrés le restent » n'est plus vrai : "
                           + format_percent(still_inked))

# %% [markdown]
# ### Regarder localement, avec le même regard partout
#
# Notre œil fait autrement. Dans la **rétine** puis dans le **cortex visuel**, chaque neurone ne
# regarde qu'une petite région du champ visuel, son **champ récepteur**. David Hubel et Torsten
# Wiesel ont montré, dans les années 1960, que beaucoup de ces neurones réagissent à un motif
# simple (un bord, un trait orienté), et que le même genre de détecteur existe pour chaque région
# du champ visuel : un bord vertical est reconnu comme tel, où qu'il soit.
#
# Une couche de convolution copie ces deux idées :
#
# 1. **champ récepteur local** : chaque neurone ne regarde qu'un petit carré de l'image, par
#    exemple 5 × 5 pixels ;
# 2. **poids partagés** : tous les neurones d'une même carte utilisent **les mêmes poids**. Ce
#    petit carré de poids s'appelle un **filtre** ou [**noyau**](../../glossaire/#noyau) (*kernel*). On le
#    fait glisser sur
#    toute l'image ; en chaque position, il donne un nombre : « à quel point le motif est-il là ? ».
#
# L'ensemble de ces nombres forme une nouvelle image, la
# [**carte de caractéristiques**](../../glossaire/#carte-de-caracteristiques) (*feature
# map*). Ci-dessous, trois neurones d'une même carte : chacun regarde son carré de 5 × 5 pixels
# (à gauche), avec les mêmes 25 poids, et donne un pixel de la carte (à droite).

# %%
edges5 = kernel("vertical_edges", 5)  # un détecteur de bords verticaux 5 × 5
feature_map = conv2d(seven, edges5)   # 24 × 24 : une valeur par position du carré
spots = [(4, 6, "tab:orange"), (10, 14, "tab:green"), (17, 9, "tab:purple")]

fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(7.5, 3.6))
ax_in.imshow(seven)
ax_in.set_title("L'image : trois champs récepteurs 5 × 5")
signed_imshow(ax_out, feature_map, "La carte : un pixel par position")
for top, left, colour in spots:
    ax_in.add_patch(Rectangle((left - 0.5, top - 0.5), 5, 5, fill=False, ec=colour, lw=2.5))
    ax_out.add_patch(Rectangle((left - 0.5, top - 0.5), 1, 1, fill=False, ec=colour, lw=2.5))
ax_in.axis("off")
show(fig, "À gauche, le 7 avec trois carrés de 5 × 5 pixels de couleurs différentes ; à droite, "
          "la carte de caractéristiques de 24 × 24 pixels, en rouge et bleu, où trois pixels sont "
          "entourés des mêmes couleurs : chaque pixel de la carte vient d'un seul petit carré de "
          "l'image, toujours avec les mêmes poids.")

# %% [markdown]
# ## Un noyau 3 × 3, à la main
#
# Prenons une toute petite image de 5 × 5 pixels qui contient un trait vertical d'un pixel de
# large, et un noyau de 3 × 3 poids qui détecte les bords verticaux : une colonne de 1 à gauche, une colonne de 0 au
# milieu, une colonne de −1 à droite.

# %%
tiny = np.array([
    [0, 0, 1, 0, 0],
    [0, 0, 1, 0, 0],
    [0, 0, 1, 0, 0],
    [0, 0, 1, 0, 0],
    [0, 0, 1, 0, 0],
], dtype=float)
edges3 = kernel("vertical_edges", 3)
print("L'image (5 × 5) :")
print(tiny.astype(int))
print("Le noyau (3 × 3) :")
print(edges3.astype(int))

# %% [markdown]
# On pose le noyau sur le coin en haut à gauche de l'image. On **multiplie** chaque pixel par
# le poids qui le recouvre, puis on **additionne** les neuf produits : c'est le premier pixel de
# la sortie. Puis on décale le noyau d'un pixel vers la droite et on recommence ; au bout de la
# ligne, on redescend d'un pixel. Voici le calcul, écrit en entier, pour la toute première
# position (le noyau couvre les lignes 1 à 3 et les colonnes 1 à 3 de l'image) :

# %%
step = conv_window(tiny, edges3, 0, 0)  # ligne 0, colonne 0 : Python compte à partir de 0
terms = [f"{int(v)}×({signed(w)})" if w < 0 else f"{int(v)}×{int(w)}"
         for v, w in zip(step.values.ravel(), step.weights.ravel())]
print(" + ".join(terms[:3]))
print("+ " + " + ".join(terms[3:6]))
print("+ " + " + ".join(terms[6:]))
print(f"= {signed(step.total)}")

# %% [markdown]
# Sous la colonne de 1 du noyau, il y a du vide (0) ; sous la colonne de −1, il y a de l'encre
# (1) : la somme vaut −3, la réponse la plus négative possible avec une image de 0 et de 1. Le
# noyau a trouvé un bord où l'on passe du **vide à l'encre** en allant vers la droite. Une
# position plus loin, le trait passe sous la colonne de 0 du noyau : la somme vaut 0. Encore une
# position plus loin, c'est l'inverse de la première : +3. Voici les neuf positions, pas à pas :

# %% tags=["hide"]
assert step.total == -3, f"« la somme vaut −3 » n'est plus vrai : {step.total}"
assert conv_window(tiny, edges3, 0, 1).total == 0, "« la somme vaut 0 » n'est plus vrai"
assert conv_window(tiny, edges3, 0, 2).total == 3, "« encore une position plus loin : +3 »"

# %%
tiny_out = conv2d(tiny, edges3)  # 3 × 3
fig, axes = plt.subplots(2, 5, figsize=(10, 4.6))
for ax, (i, j) in zip(axes.ravel(), np.ndindex(tiny_out.shape)):
    ax.imshow(tiny, cmap="Greys", vmin=0, vmax=2.5)
    for (y, x), v in np.ndenumerate(tiny):
        ax.text(x, y, f"{int(v)}", ha="center", va="center", fontsize=8)
    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 3, 3, fill=True, fc=(1, 0.43, 0.26, 0.25),
                           ec="tab:red", lw=2))
    ax.set_title(f"Étape {3 * i + j + 1} : {signed(tiny_out[i, j])}", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
last = axes.ravel()[-1]
signed_imshow(last, tiny_out, "La sortie (3 × 3)", scale=3)
for (y, x), v in np.ndenumerate(tiny_out):
    last.text(x, y, signed(v), ha="center", va="center", fontsize=11, fontweight="bold")
show(fig, "Neuf petites grilles montrent l'image 5 × 5 avec le carré 3 × 3 du noyau surligné en "
          "rouge à chaque étape, de gauche à droite puis de haut en bas, avec la valeur obtenue ; "
          "la dixième grille est la sortie 3 × 3 : une colonne de −3 (passage du vide à l'encre), "
          "une colonne de 0 (le trait sous le milieu du noyau) et une colonne de +3 (passage de "
          "l'encre au vide).")

# %% [markdown]
# La sortie est plus petite que l'image : un noyau de 3 × 3 ne tient que dans 3 × 3 positions
# d'une image de 5 × 5. Elle dit **où** se trouvent les bords verticaux et **dans quel sens** :
# −3 quand la fenêtre est centrée juste à gauche du trait, +3 juste à droite, 0 quand elle est
# centrée sur le trait lui-même.
#
# <details class="note">
# <summary>Pour aller plus loin : convolution ou corrélation croisée ?</summary>
#
# En mathématiques, la **convolution** de l'image $I$ par le noyau $K$ **retourne** le noyau
# (haut en bas et gauche à droite) avant de le faire glisser :
#
# $$(I * K)[i, j] = \sum_{u} \sum_{v} I[i - u,\ j - v]\, K[u, v].$$
#
# Ce que nous venons de faire, sans retourner le noyau, s'appelle une **corrélation croisée** :
#
# $$S[i, j] = \sum_{u=0}^{k-1} \sum_{v=0}^{k-1} I[i + u,\ j + v]\, K[u, v].$$
#
# Les bibliothèques d'apprentissage profond, **Keras compris, calculent une corrélation
# croisée** et l'appellent quand même « convolution » (`Conv2D`). Pour un réseau, cela ne change
# rien : il apprend ses noyaux, et il apprendrait simplement le noyau retourné. Mais pour
# comparer un calcul à la main à celui de Keras, il faut le savoir : plus bas, nous vérifions que
# notre calcul, sans retournement, est bien celui de Keras, et qu'avec le noyau retourné il ne
# l'est plus.
#
# </details>
#
# ## Sur un vrai chiffre
#
# Faisons glisser quelques noyaux classiques sur notre 7 (et, pour chacun, la version
# « marge de zéros » que nous verrons plus loin, pour garder 28 × 28 pixels) :
#
# - **bords verticaux** et **bords horizontaux** : une colonne (ou une ligne) de 1, une de 0,
#   une de −1 ;
# - un **laplacien** : 8 au milieu, −1 tout autour. Il compare chaque pixel à ses huit voisins :
#   il répond là où l'image **change** (les contours), et il vaut 0 là où elle est uniforme ;
# - un **flou** : la moyenne des neuf pixels (chaque poids vaut 1/9).

# %%
named_kernels = {
    "Bords verticaux": kernel("vertical_edges", 3),
    "Bords horizontaux": kernel("horizontal_edges", 3),
    "Laplacien": kernel("laplacian", 3),
    "Flou (moyenne)": kernel("blur", 3),
}
fig, axes = plt.subplots(2, 5, figsize=(10, 4.4), gridspec_kw={"height_ratios": [1, 2.2]})
axes[0, 0].axis("off")
axes[1, 0].imshow(seven)
axes[1, 0].set_title("Le 7 (28 × 28)", fontsize=9)
axes[1, 0].axis("off")
for col, (name, k) in enumerate(named_kernels.items(), start=1):
    signed_imshow(axes[0, col], k, name)
    for (y, x), v in np.ndenumerate(k):
        text = "1/9" if name.startswith("Flou") else f"{v:g}".replace("-", "−")
        axes[0, col].text(x, y, text, ha="center", va="center", fontsize=7)
    response = conv2d(seven, k, padding="same")
    if name.startswith("Flou"):
        axes[1, col].imshow(response)
        axes[1, col].set_xticks([])
        axes[1, col].set_yticks([])
    else:
        signed_imshow(axes[1, col], response)
show(fig, "En haut, quatre noyaux 3 × 3 avec leurs valeurs ; en bas, le 7 puis sa réponse à "
          "chaque noyau. Les bords verticaux s'allument en rouge et bleu de part et d'autre de "
          "la barre oblique, les bords horizontaux au-dessus et au-dessous de la barre du haut, "
          "le laplacien dessine les contours, et le flou donne un 7 plus doux.")

# %% [markdown]
# Chaque noyau voit autre chose. Le détecteur de **bords verticaux** répond fort de chaque côté
# de la barre oblique du 7, positif d'un côté, négatif de l'autre, mais presque pas à la barre
# du haut, qui est horizontale ; le détecteur de **bords horizontaux** fait l'inverse. Le
# **laplacien** entoure tout le chiffre d'un double contour. Le **flou** étale l'encre.
#
# Vérifions les deux premières affirmations sur beaucoup d'images : sur les 1 du jeu de test,
# qui sont presque verticaux, et sur leurs rotations d'un quart de tour, qui sont horizontales.

# %%
ones = x_test[y_test == 1][:300]


def edge_energy(images, k):
    """La réponse totale (en valeur absolue) d'un noyau, moyennée sur des images."""
    return np.mean([np.abs(conv2d(image, k, padding="same")).sum() for image in images])


vertical_on_ones = edge_energy(ones, kernel("vertical_edges"))
horizontal_on_ones = edge_energy(ones, kernel("horizontal_edges"))
lying_ones = np.rot90(ones, axes=(1, 2))  # des 1 couchés
ratio_standing = vertical_on_ones / horizontal_on_ones
ratio_lying = edge_energy(lying_ones, kernel("vertical_edges")) / edge_energy(
    lying_ones, kernel("horizontal_edges"))
print(f"1 debout : bords verticaux / bords horizontaux = {format_decimal(ratio_standing, 1)}")
print(f"1 couchés : bords verticaux / bords horizontaux = {format_decimal(ratio_lying, 2)}")
flat = conv2d(np.full((5, 5), 0.7), kernel("laplacian"))
print("Laplacien sur une image uniforme (0,7 partout) : toutes les sorties valent 0 :",
      "oui" if np.all(flat == 0) else "non")

# %% [markdown]
# Sur les 1 debout, les bords verticaux répondent plusieurs fois plus que les bords
# horizontaux ; couchez les mêmes 1 et le rapport s'inverse. Et le laplacien donne exactement 0
# sur une image uniforme : la somme de ses poids est nulle (8 − 8 × 1 = 0), il ne voit que les
# différences.

# %% tags=["hide"]
assert ratio_standing > 2, ("« les bords verticaux répondent plusieurs fois plus » n'est plus vrai : "
                            + format_decimal(ratio_standing, 2))
assert ratio_lying < 1, "« couchez les mêmes 1 et le rapport s'inverse » n'est plus vrai"
assert np.all(flat == 0), "« le laplacien donne exactement 0 sur une image uniforme » n'est plus vrai"

# %% [markdown]
# ## Le pas et la marge
#
# Deux réglages changent la taille de la carte de sortie :
#
# - le [**pas**](../../glossaire/#remplissage) (*stride*) : de combien de pixels on décale le noyau à chaque
#   fois. Avec un pas
#   de 2, on saute une position sur deux : la carte est environ deux fois plus petite dans
#   chaque direction ;
# - la **marge** (*padding*) : sans marge (`"valid"` dans Keras), le noyau reste dans l'image et
#   la carte rétrécit ; avec `"same"`, on entoure l'image de zéros, juste assez pour que la
#   carte garde la taille de l'image (avec un pas de 1). Les bords de l'image comptent alors
#   davantage : avec un noyau 3 × 3, un pixel de coin est vu par 4 positions du noyau au lieu
#   d'une seule (un pixel du centre, par 9).

# %%
variants = [("valid", 1), ("same", 1), ("same", 2), ("valid", 3)]
fig, axes = plt.subplots(1, 4, figsize=(10, 2.9))
for ax, (padding, stride) in zip(axes, variants):
    out = conv2d(seven, kernel("vertical_edges"), stride=stride, padding=padding)
    signed_imshow(ax, out, f"« {padding} », pas {stride}\n{out.shape[0]} × {out.shape[1]}")
show(fig, "La réponse du 7 au détecteur de bords verticaux avec quatre réglages : sans marge et "
          "pas 1 (26 × 26), marge de zéros et pas 1 (28 × 28), marge de zéros et pas 2 (14 × 14), "
          "sans marge et pas 3 (9 × 9). Plus le pas est grand, plus la carte est petite et "
          "grossière ; le motif rouge et bleu reste reconnaissable.")

# %% [markdown]
# Pour une image de $n$ pixels de côté, un noyau de $k$ pixels et un pas $s$, la taille de la
# sortie est :
#
# - sans marge (`"valid"`) : $\left\lfloor \dfrac{n - k}{s} \right\rfloor + 1$ ;
# - avec marge (`"same"`) : $\left\lceil \dfrac{n}{s} \right\rceil$.
#
# ($\lfloor\ \rfloor$ arrondit vers le bas, $\lceil\ \rceil$ vers le haut.) Par exemple, un noyau
# 5 × 5 sur 28 × 28 sans marge donne $28 - 5 + 1 = 24$ pixels de côté. La fonction
# `output_size` du paquet applique ces formules ; vérifions-les sur des convolutions réelles :

# %%
cases = [(28, 5, 1, "valid"), (28, 5, 1, "same"), (28, 3, 2, "valid"), (28, 3, 2, "same"),
         (28, 4, 3, "valid"), (28, 4, 3, "same"), (7, 3, 2, "valid"), (5, 3, 1, "valid")]
all_match = True
for n, k, stride, padding in cases:
    formula = output_size(n, k, stride, padding)
    measured = conv2d(np.ones((n, n)), np.ones((k, k)), stride=stride, padding=padding).shape[0]
    all_match &= formula == measured
    print(f"n = {n:2}, k = {k}, pas {stride}, « {padding:5} » → formule {formula:2}, "
          f"carte calculée {measured:2}, zéros ajoutés {padding_amounts(n, k, stride, padding)}")

# %% [markdown]
# La formule et le calcul sont d'accord dans tous les cas.

# %% tags=["hide"]
assert all_match, "« La formule et le calcul sont d'accord dans tous les cas » n'est plus vrai"

# %% [markdown]
# <details class="note">
# <summary>Pour aller plus loin : combien de zéros ajoute « same » ?</summary>
#
# Pour avoir $m = \lceil n / s \rceil$ positions, la dernière fenêtre doit commencer à
# $(m - 1)\,s$ et finir à $(m - 1)\,s + k$ : il faut $p = \max\big((m - 1)\,s + k - n,\ 0\big)$
# zéros en tout. TensorFlow (donc Keras) en met $\lfloor p / 2 \rfloor$ avant et le reste
# **après** : quand $p$ est impair, il y a un zéro de plus en bas et à droite. Avec $n = 28$,
# $k = 3$, $s = 2$ : $m = 14$, $p = 13 \times 2 + 3 - 28 = 1$, donc 0 zéro avant et 1 après,
# comme l'affiche la ligne correspondante ci-dessus.
#
# </details>
#
# ## Combien de paramètres ?
#
# Voici le grand avantage des poids partagés. Comparons deux premières couches pour des images
# de 28 × 28 : une couche de convolution à **20 filtres de 5 × 5**, et une couche dense de
# **30 neurones**, comme au chapitre précédent.

# %%
conv_count = conv_params(5, 1, 20)       # 20 filtres × (5 × 5 poids + 1 biais)
dense_count = dense_params(28 * 28, 30)  # 30 neurones × (784 poids + 1 biais)
ratio = dense_count / conv_count
print(f"Convolution, 20 filtres 5 × 5 : {format_integer(conv_count)} paramètres")
print(f"Dense, 30 neurones sur 784 pixels : {format_integer(dense_count)} paramètres")
print(f"Rapport : {format_decimal(ratio, 1)}")

# %% [markdown]
# La couche de convolution a environ **45 fois moins** de paramètres : 20 × (25 + 1) = 520,
# contre 30 × (784 + 1) = 23 550. Et ce nombre ne dépend pas de la taille de l'image : les
# mêmes 520 paramètres serviraient pour une photo de mille pixels de côté.
#
# Moins de paramètres ne veut pas dire moins de calculs : chaque poids sert à **chaque**
# position. Comptons les multiplications.

# %% tags=["hide"]
assert (conv_count, dense_count) == (520, 23550), \
    "« 20 × (25 + 1) = 520, contre 30 × (784 + 1) = 23 550 » n'est plus vrai"
assert 44.5 < ratio < 45.5, "« environ 45 fois moins » n'est plus vrai : " + format_decimal(ratio, 1)

# %%
positions = output_size(28, 5) ** 2                  # 24 × 24 positions
conv_mults = positions * 20 * 5 * 5                  # à chaque position, 20 filtres de 25 poids
dense_mults = 784 * 30
same_size_dense = dense_params(784, positions * 20)  # une couche dense aussi grande que la sortie
print(f"Multiplications, convolution : {format_integer(conv_mults)}")
print(f"Multiplications, dense : {format_integer(dense_mults)}")
print(f"Une couche dense qui sortirait autant de valeurs ({format_integer(positions * 20)}) : "
      f"{format_integer(same_size_dense)} paramètres")

# %% [markdown]
# La convolution fait plus de dix fois **plus** de multiplications que la couche dense : elle
# calcule beaucoup plus de choses (20 cartes de 24 × 24 valeurs, au lieu de 30 nombres), avec
# beaucoup moins de paramètres. Une couche dense qui sortirait autant de valeurs aurait plus de
# neuf millions de paramètres. Moins de paramètres, c'est moins de choses à apprendre, donc
# besoin de moins d'exemples, et moins de risque d'apprendre par cœur.

# %% tags=["hide"]
assert conv_mults > 10 * dense_mults, "« plus de dix fois plus de multiplications » n'est plus vrai"
assert same_size_dense > 9_000_000, "« plus de neuf millions de paramètres » n'est plus vrai"

# %% [markdown]
# ## Plusieurs canaux, plusieurs filtres
#
# Jusqu'ici, l'image n'avait qu'un **canal** (un nombre par pixel). Une photo en couleurs en a
# trois : rouge, vert, bleu. Et la sortie d'une couche de convolution à 20 filtres est une pile
# de 20 cartes : pour la couche suivante, c'est une image à **20 canaux**.
#
# Un filtre regarde alors **tous les canaux à la fois** : il a un carré de poids par canal
# d'entrée. En chaque position, il multiplie chaque canal par son carré de poids et additionne
# **tout** (plus un biais) : un seul nombre. Avec `f` filtres, on obtient `f` cartes. Les poids
# d'une couche `Conv2D` de Keras forment donc un tableau à **quatre dimensions** :
#
# $$(\text{hauteur du noyau},\ \text{largeur du noyau},\ \text{canaux d'entrée},\ \text{filtres}),$$
#
# plus un biais par filtre. Demandons-le à Keras, pour 4 filtres 3 × 3 sur une image en couleurs :

# %%
from digitlab.quiet import import_keras

keras = import_keras()  # Keras 2 (tf_keras), celui des modèles de la démo

layer = keras.layers.Conv2D(filters=4, kernel_size=3)
layer.build((None, 28, 28, 3))  # (lot, hauteur, largeur, canaux)
weights, biases = layer.get_weights()
print("Forme des poids :", weights.shape, " ; forme des biais :", biases.shape)
print("Paramètres selon Keras :", layer.count_params(), " ; selon conv_params :",
      conv_params(3, 3, 4))

# %% [markdown]
# `weights[:, :, c, f]` est le carré de 3 × 3 poids que le filtre `f` pose sur le canal `c`. Nos
# fonctions `conv2d` et `conv2d_loops` suivent exactement cette convention : une image
# `(hauteur, largeur, canaux)` et des poids `(kh, kw, canaux, filtres)`. Par exemple, deux
# filtres (bords verticaux et horizontaux) sur notre 7 donnent deux cartes, puis un filtre de la
# couche suivante les lit ensemble :

# %%
two_filters = np.stack([kernel("vertical_edges"), kernel("horizontal_edges")], axis=-1)
two_filters = two_filters[:, :, np.newaxis, :]        # (3, 3, 1 canal, 2 filtres)
maps = conv2d(seven[:, :, np.newaxis], two_filters)   # (26, 26, 2)
next_filter = np.ones((3, 3, 2, 1)) / 9               # lit les 2 canaux : somme de leurs moyennes 3 × 3
combined = conv2d(relu(maps), next_filter)            # (24, 24, 1)
print("Entrée :", seven[:, :, np.newaxis].shape, "→ poids", two_filters.shape, "→ cartes",
      maps.shape, "→ poids", next_filter.shape, "→ carte", combined.shape)

# %% [markdown]
# ## ReLU sur les cartes
#
# Comme dans un réseau dense, on applique après la convolution une **activation**, presque
# toujours **ReLU** : $\text{ReLU}(z) = \max(z, 0)$. Sur une carte, elle garde les réponses
# positives (« le motif est là ») et met tout le reste à 0 (« il n'y est pas »).

# %%
vertical = conv2d(seven, kernel("vertical_edges"), padding="same")
horizontal = conv2d(seven, kernel("horizontal_edges"), padding="same")
fig, axes = plt.subplots(1, 4, figsize=(10, 2.9))
for ax, (title, m) in zip(axes, [("Bords verticaux", vertical),
                                 ("… après ReLU", relu(vertical)),
                                 ("Bords horizontaux", horizontal),
                                 ("… après ReLU", relu(horizontal))]):
    signed_imshow(ax, m, title, scale=np.abs(vertical).max())  # mêmes couleurs partout
show(fig, "Deux cartes de réponses du 7, aux bords verticaux puis horizontaux, chacune avant et "
          "après ReLU : avant, du rouge et du bleu ; après, seul le rouge reste, le bleu est "
          "devenu blanc. Chaque carte ne garde qu'un côté des traits.")
zeros_after = (relu(vertical) == 0).mean()
print(f"Part des pixels nuls après ReLU (bords verticaux) : {format_percent(zeros_after, 0)}")

# %% [markdown]
# Après ReLU, chaque carte ne garde que les bords d'un seul sens, et la plupart de ses pixels
# valent 0 : l'information est plus **nette** (là où c'est positif, le motif est présent).
#
# Mais la vraie raison de ReLU est plus profonde. Sans elle, deux convolutions à la suite ne
# seraient qu'**une seule** convolution, avec un noyau plus grand : multiplier et additionner,
# puis encore multiplier et additionner, reste une multiplication-addition. Empiler des couches
# ne servirait à rien (l'exercice 3 le vérifie en code). Avec ReLU entre les deux, le réseau
# peut composer des détecteurs : « un bord vertical **et** un bord horizontal, ici »,
# c'est-à-dire un coin.

# %% tags=["hide"]
assert zeros_after > 0.5, ("« la plupart de ses pixels valent 0 » n'est plus vrai : "
                           + format_percent(zeros_after))

# %% [markdown]
# ## La convolution en NumPy, vérifiée contre Keras
#
# Voici le code du paquet `digitlab` qui a fait tous ces calculs. D'abord la version **avec des
# boucles**, qui suit la définition mot pour mot :

# %%
print(inspect.getsource(conv2d_loops))

# %% [markdown]
# Quatre boucles imbriquées, c'est lent en Python. La version **vectorisée** fait le même calcul
# d'un coup : `sliding_window_view` de NumPy donne toutes les fenêtres de l'image sans rien
# copier, et `np.einsum` fait toutes les multiplications-additions à la fois.

# %%
print(inspect.getsource(conv2d))

# %% [markdown]
# Les deux versions doivent donner la même chose, et surtout la même chose que la couche
# `Conv2D` de Keras, avec les mêmes poids. Essayons plusieurs réglages : marge, pas, et trois
# canaux d'entrée pour quatre filtres. Keras calcule en `float32` (environ 7 chiffres
# significatifs) et nous en `float64` : on accepte un écart de $10^{-5}$.

# %%
rng = np.random.default_rng(0)
images = np.stack([seven, x_test[1], x_test[2]], axis=-1)[np.newaxis]  # 1 image, 3 canaux
worst = {"boucles / vectorisé": 0.0, "nous / Keras": 0.0, "noyau retourné / Keras": np.inf}
for padding in ("valid", "same"):
    for stride in (1, 2):
        w = rng.normal(size=(5, 5, 3, 4))
        b = rng.normal(size=4)
        keras_layer = keras.layers.Conv2D(4, 5, strides=stride, padding=padding)
        keras_layer.build(images.shape)
        keras_layer.set_weights([w.astype(np.float32), b.astype(np.float32)])
        theirs = keras_layer(images.astype(np.float32)).numpy()[0]
        ours = conv2d(images[0], w, b, stride=stride, padding=padding)
        loops = conv2d_loops(images[0], w, b, stride=stride, padding=padding)
        flipped = conv2d(images[0], w[::-1, ::-1], b, stride=stride, padding=padding)
        worst["boucles / vectorisé"] = max(worst["boucles / vectorisé"], np.abs(loops - ours).max())
        worst["nous / Keras"] = max(worst["nous / Keras"], np.abs(ours - theirs).max())
        worst["noyau retourné / Keras"] = min(worst["noyau retourné / Keras"],
                                              np.abs(flipped - theirs).max())
        gap = np.abs(ours - theirs).max()
        print(f"« {padding:5} », pas {stride} : sortie {ours.shape}, écart maximal avec Keras "
              f"{format_decimal(gap * 1e6, 1)} {plural_form(round(gap * 1e6, 1), 'millionième')}")
print("Boucles et version vectorisée égales à 10⁻¹² près :",
      "oui" if worst["boucles / vectorisé"] < 1e-12 else "non")
print(f"Avec le noyau retourné, écart minimal avec Keras : "
      f"{format_decimal(worst['noyau retourné / Keras'], 1)}")

# %% [markdown]
# Notre convolution et celle de Keras sont d'accord à $10^{-5}$ près dans tous les cas (les
# écarts restants viennent des arrondis du `float32`), et les boucles donnent exactement la
# version vectorisée. Avec le noyau retourné, en revanche, les résultats sont complètement
# différents : **Keras calcule bien une corrélation croisée**, sans retourner le noyau.

# %% tags=["hide"]
assert worst["nous / Keras"] < 1e-5, "« d'accord à 1e-5 près » n'est plus vrai"
assert worst["boucles / vectorisé"] < 1e-12, "« les boucles donnent exactement la version vectorisée »"
assert worst["noyau retourné / Keras"] > 1, "« avec le noyau retourné, complètement différents »"

# %% [markdown]
# ## Les filtres appris par notre réseau
#
# Le réseau convolutif de la démo (celui qui lit vos dessins) n'a reçu aucun noyau à la main :
# il les a tous **appris** par rétropropagation, comme les poids du chapitre précédent.
# Ouvrons-le et regardons les filtres de sa première couche de convolution.

# %%
from digitlab.demo_model.architecture import CNN_INSPECT
from digitlab.demo_model.paths import keras_path, require_project_files

require_project_files(keras_path("cnn"))  # le modèle de la démo, commité dans models/
cnn = keras.models.load_model(keras_path("cnn"), compile=False)
conv_layers = [layer for layer in cnn.layers if isinstance(layer, keras.layers.Conv2D)]
first_kernels = conv_layers[0].get_weights()[0]  # (kh, kw, 1, filtres)
kh, kw, _, n_filters = first_kernels.shape
print(f"Première couche « {conv_layers[0].name} » : {n_filters} filtres de {kh} × {kw}, "
      f"poids de forme {first_kernels.shape}")

columns = 8
rows = -(-n_filters // columns)
fig, axes = plt.subplots(rows, columns, figsize=(8, 1.05 * rows + 0.4))
for f, ax in enumerate(axes.ravel()):
    if f < n_filters:
        signed_imshow(ax, first_kernels[:, :, 0, f])
    else:
        ax.axis("off")
fig.suptitle("Les filtres de la première couche (rouge : poids positif, bleu : négatif)",
             fontsize=10)
show(fig, f"Une grille de {n_filters} petits carrés de {kh} × {kw} pixels en rouge et bleu, un "
          "par filtre appris par la première couche du réseau convolutif de la démo ; certains "
          "opposent une bande rouge et une bande bleue, comme nos détecteurs de bords, d'autres "
          "ressemblent à des taches sans forme nette.")

# %% [markdown]
# Chaque carré est un filtre, en rouge là où le poids est positif, en bleu là où il est
# négatif. Certains ressemblent à des détecteurs de **bords** ou de **traits** orientés (une
# bande rouge à côté d'une bande bleue), parents des noyaux que nous avons écrits à la main ;
# d'autres sont plus difficiles à lire : un filtre n'a pas besoin d'être joli pour être utile.
# Personne ne les a dessinés : la rétropropagation les a trouvés utiles pour lire les chiffres.
# Le plus parlant est de regarder ce qu'ils font : voici leurs réponses au 7 (après
# normalisation et ReLU).

# %%
first_relu = next(e["name"] for e in CNN_INSPECT if e["kind"] == "conv")
probe = keras.Model(cnn.input, cnn.get_layer(first_relu).output)
first_maps = probe.predict(seven[np.newaxis, :, :, np.newaxis], verbose=0)[0]
fig, axes = plt.subplots(rows, columns, figsize=(8, 1.05 * rows + 0.4))
for f, ax in enumerate(axes.ravel()):
    if f < first_maps.shape[-1]:
        ax.imshow(first_maps[:, :, f], cmap="magma")
    ax.axis("off")
fig.suptitle(f"Les {first_maps.shape[-1]} cartes de la première couche pour le 7 (après ReLU)",
             fontsize=10)
show(fig, f"Une grille de {first_maps.shape[-1]} petites images sombres où le 7 apparaît en "
          "clair, chaque fois différemment : certaines cartes allument la barre du haut, "
          "d'autres la barre oblique, d'autres un seul bord du trait ou le fond.")

# %% [markdown]
# Chaque carte met en lumière une partie différente du 7 : un bord, une orientation, parfois le
# fond. La couche suivante ne reçoit plus des pixels, mais ces cartes : des **caractéristiques**.
#
# ### Et les couches plus profondes ?
#
# Une couche plus profonde combine les cartes de la précédente, et son champ récepteur grandit
# à chaque couche. Calculons-le avec `receptive_field`, couche par couche, à partir des noyaux
# et des pas des couches du réseau (le *pooling*, qui rétrécit les cartes, est le sujet du
# chapitre suivant) :

# %%
stack = []  # (taille de la fenêtre, pas) de chaque couche qui regarde un voisinage
for layer in cnn.layers:
    if isinstance(layer, keras.layers.Conv2D):
        stack.append((layer.kernel_size[0], layer.strides[0], layer.name))
    elif isinstance(layer, (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)):
        stack.append((layer.pool_size[0], layer.strides[0], layer.name))
fields = receptive_field([(k, s) for k, s, _ in stack])
for (k, s, name), field in zip(stack, fields):
    print(f"{name:6} (fenêtre {k}, pas {s}) : champ récepteur {field} × {field} pixels")
conv_names = [layer.name for layer in conv_layers]
last_conv_field = fields[[name for _, _, name in stack].index(conv_names[-1])]

# %% [markdown]
# Un neurone de la première couche voit un petit carré de l'image ; un neurone de la dernière
# couche de convolution en voit un beaucoup plus grand, souvent une bonne partie du chiffre.
# Ses réponses ne parlent plus de bords, mais de **formes** plus grandes. Pour deviner à quoi
# répond un canal profond, une méthode simple : chercher, parmi 1 000 images de test, celles qui
# l'**excitent le plus** (sa plus grande valeur sur toute la carte).

# %% tags=["hide"]
assert last_conv_field >= 3 * fields[0], "« un carré beaucoup plus grand » n'est plus vrai"

# %%
deep_name = [e["name"] for e in CNN_INSPECT if e["kind"] == "conv"][-1]
deep = keras.Model(cnn.input, cnn.get_layer(deep_name).output)
sample, sample_labels = x_test[:1000], y_test[:1000]
strongest = deep.predict(sample[..., np.newaxis], batch_size=250, verbose=0).max(axis=(1, 2))
favourites = np.argsort(-strongest, axis=0)[:8]  # les 8 images préférées de chaque canal


def label_purity(labels_of_favourites):
    """Part des images préférées d'un canal qui sont du chiffre le plus fréquent parmi elles."""
    return np.mean([np.bincount(column, minlength=10).max() / len(column)
                    for column in labels_of_favourites.T])


purity = label_purity(sample_labels[favourites])
shuffled = np.random.default_rng(1).permutation(sample_labels)
purity_chance = label_purity(shuffled[favourites])
per_channel = [np.bincount(sample_labels[favourites[:, c]], minlength=10).max()
               for c in range(strongest.shape[1])]
shown = np.argsort(per_channel, kind="stable")[::-1][:4]

fig, axes = plt.subplots(4, 8, figsize=(8, 4.6))
for row, channel in zip(axes, shown):
    for ax, index in zip(row, favourites[:, channel]):
        ax.imshow(sample[index])
        ax.set_xticks([])
        ax.set_yticks([])
    row[0].set_ylabel(f"canal {channel}", fontsize=8)
fig.suptitle(f"Les 8 images qui excitent le plus quatre canaux de « {deep_name} »", fontsize=10)
show(fig, "Quatre rangées de huit chiffres manuscrits : sur chaque rangée, les images de test "
          "qui font le plus réagir un canal de la dernière couche de convolution ; les chiffres "
          "d'une même rangée se ressemblent, souvent le même chiffre ou la même forme.")
print(f"Part moyenne du chiffre dominant parmi les 8 images préférées d'un canal : "
      f"{format_percent(purity, 0)}")
print(f"Même calcul avec des étiquettes mélangées au hasard : {format_percent(purity_chance, 0)}")

# %% [markdown]
# Nous avons montré les quatre canaux dont les images préférées se ressemblent le plus ; d'autres
# canaux sont moins lisibles. Mais la mesure porte sur **tous** les canaux : parmi les images
# préférées d'un canal profond, le même chiffre revient bien plus souvent qu'au hasard. Les
# canaux profonds répondent à des formes entières (une boucle fermée en haut, une longue barre
# oblique, un crochet) qui appartiennent souvent à un chiffre, ou à quelques chiffres qui se
# ressemblent.

# %% tags=["hide"]
assert purity > 1.5 * purity_chance, (
    "« le même chiffre revient bien plus souvent qu'au hasard » n'est plus vrai : "
    f"{format_percent(purity)} contre {format_percent(purity_chance)}")

# %% [markdown]
# ## À vous : le labo de convolution
#
# Dessinez un chiffre dans le cadre (à la souris, au doigt ou au clavier), ou prenez un exemple
# MNIST. Choisissez un noyau tout fait ou écrivez vos propres poids, case par case (une fraction
# comme `1/9` est acceptée), en 3 × 3 ou en 5 × 5 ; changez la marge, le pas, activez ReLU. La
# carte de sortie se met à jour aussitôt. Survolez ou touchez un de ses pixels (sur un téléphone,
# glissez le doigt sur la carte ; au clavier, donnez-lui le focus avec Tab, puis les flèches) : la
# fenêtre de l'image s'entoure en orange et le calcul s'affiche sous les cartes, multiplications
# et addition comprises. Il y reste pendant que vous changez les poids : regardez-le suivre chaque
# case. Tout se calcule dans votre navigateur.
#
# <div data-lab="convolution"></div>
#
# Quelques idées : le noyau « Identité » rend l'image telle quelle (à quoi sert-il ?) ;
# retournez à la main le détecteur de bords verticaux (échangez les colonnes de 1 et de −1) et
# regardez les couleurs s'inverser ; cherchez un noyau qui ne réagit qu'aux traits obliques.
#
# ## L'essentiel
#
# - Un réseau dense compare l'image pixel par pixel : un chiffre décalé de deux pixels est
#   presque une nouvelle image pour lui.
# - Une couche de convolution fait glisser un petit **filtre** (noyau) sur l'image : en chaque
#   position, elle multiplie les pixels de la fenêtre par les poids du filtre et additionne ;
#   il en sort une **carte de caractéristiques** qui dit où le motif est présent.
# - Le filtre est le même partout (**poids partagés**) et ne regarde qu'un petit carré
#   (**champ récepteur local**) : 20 filtres 5 × 5 ont 520 paramètres, contre 23 550 pour 30
#   neurones denses.
# - Sans marge, la sortie rétrécit : $\lfloor (n - k)/s \rfloor + 1$ pixels de côté ; avec la
#   marge « same », elle garde $\lceil n / s \rceil$ pixels ; le **pas** $s$ la divise.
# - Avec plusieurs canaux, chaque filtre additionne sur tous les canaux ; les poids d'un
#   `Conv2D` de Keras ont la forme (hauteur, largeur, canaux d'entrée, filtres).
# - **ReLU** garde les réponses positives ; sans elle, empiler des convolutions ne donnerait
#   qu'une seule convolution.
# - Keras calcule une corrélation croisée (le noyau n'est pas retourné) ; notre code NumPy
#   donne le même résultat à $10^{-5}$ près.
# - Un réseau apprend ses filtres : bords et traits orientés dans la première couche, formes
#   plus grandes dans les couches profondes.
#
# ## Questions de révision
#
# <details class="question">
# <summary>Qu'est-ce qu'un filtre de convolution ?</summary>
#
# Un petit tableau de poids (par exemple 3 × 3 ou 5 × 5, un par canal d'entrée), plus un biais.
# Il décrit un motif local (un bord, un trait orienté…). Dans un réseau, ses poids sont appris
# par rétropropagation.
#
# </details>
#
# <details class="question">
# <summary>Comment applique-t-on un filtre à une image ?</summary>
#
# On le pose sur un coin de l'image, on multiplie chaque pixel par le poids qui le recouvre, on
# additionne tous les produits (et le biais) : c'est un pixel de la sortie. Puis on fait glisser
# le filtre d'un pas vers la droite, et ligne après ligne, jusqu'à avoir parcouru toute l'image.
# Keras ne retourne pas le filtre (corrélation croisée).
#
# </details>
#
# <details class="question">
# <summary>Qu'obtient-on en sortie d'une couche de convolution ?</summary>
#
# Une **carte de caractéristiques** par filtre : une image dont chaque pixel dit à quel point le
# motif du filtre est présent à cet endroit. Sa taille dépend de la marge et du pas : 24 × 24
# pour un filtre 5 × 5 sur 28 × 28 sans marge, 28 × 28 avec la marge « same ». Avec
# $f$ filtres, on obtient une pile de $f$ cartes, c'est-à-dire une image à $f$ canaux.
#
# </details>
#
# <details class="question">
# <summary>Pourquoi applique-t-on ReLU aux cartes de caractéristiques ?</summary>
#
# ReLU ($\max(z, 0)$) garde les réponses positives, là où le motif est présent, et met le reste
# à 0. Surtout, elle rend le réseau **non linéaire** : sans elle, deux convolutions à la suite
# se réduiraient à une seule convolution, et empiler des couches ne servirait à rien. Avec
# elle, les couches suivantes peuvent combiner les motifs (un coin, une boucle…).
#
# </details>
#
# <details class="question">
# <summary>Pourquoi une couche de convolution a-t-elle si peu de paramètres ?</summary>
#
# Parce que ses poids sont **partagés** : le même filtre sert à toutes les positions de
# l'image, et il ne regarde qu'un petit carré. Le nombre de paramètres vaut
# filtres × (hauteur × largeur × canaux + 1), quelle que soit la taille de l'image.
#
# </details>
#
# ## Exercices

# %% [markdown] tags=["exercise"]
# **Exercice 1 (à la main).** On applique le noyau
# $\begin{pmatrix} 0 & 1 & 0 \\ 1 & -4 & 1 \\ 0 & 1 & 0 \end{pmatrix}$ à l'image 4 × 4
# $\begin{pmatrix} 0 & 0 & 0 & 0 \\ 0 & 1 & 1 & 0 \\ 0 & 1 & 1 & 0 \\ 0 & 0 & 0 & 0 \end{pmatrix}$,
# sans marge et avec un pas de 1.
#
# 1. Quelle est la taille de la sortie ?
# 2. Calculez la valeur en haut à gauche de la sortie.
# 3. Même question avec la marge « same » : quelle taille, et quelle valeur en haut à gauche ?

# %% [markdown] tags=["solution"]
# 1. $\lfloor (4 - 3)/1 \rfloor + 1 = 2$ : une sortie 2 × 2.
# 2. La fenêtre couvre les lignes et colonnes 1 à 3 : seul le centre de la fenêtre pèse −4, et
#    il tombe sur un 1 ; les quatre voisins directs pèsent 1 et tombent sur 0, 1, 1, 0. Donc
#    $-4 + 0 + 1 + 1 + 0 = -2$.
# 3. Avec « same », on ajoute une ligne et une colonne de zéros tout autour : la sortie garde la
#    taille 4 × 4. En haut à gauche, la fenêtre est centrée sur le pixel en haut à gauche de
#    l'image, qui vaut 0 ; ses voisins directs dans l'image (à droite, en bas) valent 0, les
#    autres sont de la marge : la valeur est 0.

# %% tags=["solution"]
small = np.array([[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]], dtype=float)
cross = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=float)
print(conv2d(small, cross))
print(conv2d(small, cross, padding="same"))

# %% [markdown] tags=["exercise"]
# **Exercice 2 (avec le code).** Écrivez un noyau 3 × 3 `diagonal` qui réagit aux traits
# obliques qui descendent vers la gauche, comme la barre d'un 7 (indication : des poids positifs
# sur la diagonale qui monte vers la droite, négatifs de part et d'autre). Comparez sa réponse
# (après ReLU, additionnée sur toute l'image) sur les 1 et sur les 7 du jeu de test : lequel des
# deux chiffres l'excite le plus ?

# %% tags=["solution"]
diagonal = np.array([[-1, -1, 2], [-1, 2, -1], [2, -1, -1]], dtype=float)
sevens = x_test[y_test == 7][:200]
ones_sample = x_test[y_test == 1][:200]
on_sevens = np.mean([relu(conv2d(image, diagonal)).sum() for image in sevens])
on_ones = np.mean([relu(conv2d(image, diagonal)).sum() for image in ones_sample])
print(f"Réponse moyenne : 7 → {format_decimal(on_sevens, 1)}, 1 → {format_decimal(on_ones, 1)}")

# %% [markdown] tags=["solution"]
# Les 7 l'excitent bien plus que les 1 : leur grande barre descend en oblique vers la gauche,
# alors que les 1 sont presque verticaux. La somme des poids est nulle : une zone uniforme
# (le fond, ou l'intérieur d'un trait épais) ne répond pas.

# %% tags=["check"]
assert diagonal.shape == (3, 3), "Le noyau doit être un tableau 3 × 3."
assert on_sevens > on_ones, "Votre noyau devrait réagir plus aux 7 qu'aux 1."

# %% [markdown] tags=["exercise"]
# **Exercice 3 (avec le code).** Vérifiez que deux convolutions à la suite, **sans** ReLU, sont
# une seule convolution : avec deux noyaux 3 × 3 `k1` et `k2` tirés au hasard, comparez
# `conv2d(conv2d(seven, k1), k2)` à `conv2d(seven, k)`, où `k` est le noyau 5 × 5
# `scipy.signal.convolve2d(k1, k2)`. Puis mettez ReLU entre les deux convolutions : l'égalité
# tient-elle encore ?

# %% tags=["solution"]
from scipy.signal import convolve2d

generator = np.random.default_rng(3)
k1, k2 = generator.normal(size=(3, 3)), generator.normal(size=(3, 3))
k = convolve2d(k1, k2)  # le noyau 5 × 5 équivalent
twice = conv2d(conv2d(seven, k1), k2)
once = conv2d(seven, k)
with_relu = conv2d(relu(conv2d(seven, k1)), k2)
print("Sans ReLU, égaux à 10⁻⁹ près :", "oui" if np.abs(twice - once).max() < 1e-9 else "non")
print(f"Avec ReLU, écart maximal : {format_decimal(np.abs(with_relu - once).max(), 2)}")

# %% [markdown] tags=["solution"]
# Sans ReLU, les deux calculs sont égaux (aux arrondis près, bien moins de $10^{-9}$) : deux
# convolutions 3 × 3 à la suite sont exactement une convolution 5 × 5. Avec ReLU entre les deux, l'écart devient grand :
# le réseau calcule enfin autre chose qu'une seule convolution. (Pourquoi `convolve2d`, qui est
# une vraie convolution avec noyau retourné ? Parce que faire glisser `k2` sur ce qu'a produit
# `k1` revient à faire glisser sur l'image le noyau `k1` « étalé » par `k2`.)

# %% tags=["check"]
assert np.abs(twice - once).max() < 1e-9, "Sans ReLU, les deux calculs devraient être égaux."
assert np.abs(with_relu - once).max() > 1e-3, "Avec ReLU, ils ne devraient plus l'être."

# %% [markdown] tags=["exercise"]
# **Exercice 4 (avec le code).** Une couche `Conv2D` de 64 filtres 3 × 3 reçoit 32 canaux.
# Combien a-t-elle de paramètres, avec puis sans biais ? Calculez-le avec `conv_params`, puis
# vérifiez avec Keras (`count_params` d'une couche construite sur une entrée à 32 canaux).

# %% tags=["solution"]
with_bias = conv_params(3, 32, 64)
without_bias = conv_params(3, 32, 64, bias=False)
check_layer = keras.layers.Conv2D(64, 3)
check_layer.build((None, 14, 14, 32))
print(f"Avec biais : {format_integer(with_bias)} ; sans biais : {format_integer(without_bias)} ; "
      f"Keras : {format_integer(check_layer.count_params())}")

# %% [markdown] tags=["solution"]
# $64 \times (3 \times 3 \times 32 + 1) = 18\,496$ paramètres avec biais, $18\,432$ sans. Le
# réseau de la démo n'a pas de biais dans ses convolutions : la normalisation qui les suit
# (chapitre « Le réseau convolutif avec Keras ») en tient lieu.

# %% tags=["check"]
reference = keras.layers.Conv2D(64, 3)
reference.build((None, 14, 14, 32))
reference_no_bias = keras.layers.Conv2D(64, 3, use_bias=False)
reference_no_bias.build((None, 14, 14, 32))
assert with_bias == reference.count_params(), \
    "Avec biais, ce n'est pas encore le compte de Keras : chaque filtre a un poids par case du " \
    "noyau et par canal d'entrée, plus un biais."
assert without_bias == reference_no_bias.count_params(), \
    "Sans biais, ce n'est pas encore le compte de Keras : retirez un nombre par filtre."
print("Juste : c'est aussi le compte de Keras.")

# %% tags=["hide"]
assert (with_bias, without_bias) == (18496, 18432), \
    "« 18 496 paramètres avec biais, 18 432 sans » ne correspond plus au calcul"

# %% [markdown]
# ## À suivre
#
# Une couche de convolution sort autant de cartes qu'elle a de filtres, et ces cartes sont
# presque aussi grandes que l'image : c'est beaucoup de nombres, et un chiffre décalé de deux
# pixels donne encore des cartes décalées de deux pixels. Le chapitre suivant,
# [Le pooling](../05_pooling/), résume chaque carte en la rétrécissant, et rend le réseau
# plus tolérant aux petits décalages.
