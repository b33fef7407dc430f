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
# # Les données MNIST
#
# Avant d'apprendre à une machine à lire des chiffres, il faut des chiffres : beaucoup, écrits
# par beaucoup de mains différentes, et chacun accompagné de la bonne réponse. C'est ce que
# fournit **MNIST**, la base de données sur laquelle repose tout ce site. Dans ce chapitre, on
# la charge, on la regarde sous toutes ses coutures, et on découvre pourquoi la tâche n'est pas
# si facile.
#
# <div class="admonition abstract lesson-goals" markdown>
# <p class="admonition-title">Dans ce chapitre</p>
#
# - **Vous saurez** : dire d'où viennent les chiffres de MNIST et comment ils ont été
#   normalisés (boîte de 20 × 20 pixels, centre de masse au centre), lire une image comme un
#   tableau de 784 nombres, calculer un centre de masse, et construire puis mesurer un premier
#   lecteur de chiffres, très naïf, qui compare une image aux dix « chiffres moyens ».
# - **Prérequis** : aucun chapitre ; maths : moyenne, somme $\sum$ et carré (les formules des
#   encadrés restent facultatives) ; un peu de Python et de NumPy aide pour les exercices.
# - **Durée** : environ 25 min de lecture, 15 s d'exécution
#
# </div>
#
# ## D'où vient MNIST ?
#
# Au début des années 1990, le *National Institute of Standards and Technology* (NIST)
# américain publie deux collections de caractères manuscrits, numérisés en noir et blanc à
# partir de formulaires remplis à la main :
#
# - la **Special Database 3** (SD-3), écrite par des employés du *Census Bureau*, le bureau du
#   recensement : une écriture soignée, de gens habitués à remplir des formulaires ;
# - la **Special Database 1** (SD-1), écrite par des lycéens : une écriture plus variée, plus
#   difficile à lire.
#
# Au milieu des années 1990, Yann LeCun, Corinna Cortes et Christopher Burges en tirent une
# base « modifiée », d'où le M de MNIST (elle est décrite dans un article de LeCun et ses
# collègues paru en 1998). Ils mélangent les deux sources à parts égales, pour que
# l'apprentissage et l'évaluation voient les mêmes styles d'écriture :
#
# - un [**jeu d'entraînement**](../../glossaire/#jeux-de-donnees) de 60 000 images (30 000 de SD-3, 30 000 de
#   SD-1), écrites par
#   environ 250 personnes ;
# - un **jeu de test** de 10 000 images (5 000 de chaque source), écrites par **d'autres**
#   personnes. Un modèle évalué sur le jeu de test lit donc des écritures qu'il n'a jamais vues.
#
# Chaque chiffre est ensuite normalisé, toujours de la même façon :
#
# 1. l'image noir et blanc d'origine est réduite pour tenir dans une boîte de **20 × 20**
#    pixels, sans déformer le chiffre (les proportions sont gardées) ; le lissage de la
#    réduction crée des **niveaux de gris** sur les bords des traits ;
# 2. ce petit chiffre est placé dans une image de **28 × 28** pixels, de sorte que son
#    **centre de masse** (le « centre de gravité » de l'encre) tombe au centre de l'image.
#
# Retenez bien ces deux étapes : la démo de ce site les applique aussi au chiffre que vous
# dessinez, sinon le réseau ne reconnaîtrait pas votre écriture.
#
# ## Charger les données
#
# Le paquet `digitlab` du projet contient le code partagé par tous les chapitres. Sa fonction
# `load_mnist()` renvoie les images et leurs étiquettes (le chiffre écrit), dans la même
# disposition que `keras.datasets.mnist`.

# %%
import inspect

import matplotlib.pyplot as plt
import numpy as np

from digitlab.data import load_mnist
from digitlab.fmt import format_decimal, format_percent
from digitlab.plotting import show, use_style
from digitlab.preprocess import center_of_mass, ink_bbox, preprocess

use_style()  # le style des figures du site : encre noire sur fond blanc, virgule décimale

# %%
(x_train, y_train), (x_test, y_test) = load_mnist()

print("Images d'entraînement :", x_train.shape, x_train.dtype)
print("Étiquettes d'entraînement :", y_train.shape, y_train.dtype)
print("Images de test :", x_test.shape, x_test.dtype)
print("Pixels : de", x_train.min(), "à", x_train.max())

# %% [markdown]
# Une image est un tableau de 28 × 28 = 784 nombres entiers, de 0 (fond) à 255 (encre la plus
# dense). Regardons la première image d'entraînement : à gauche telle qu'on la voit (l'encre en
# noir sur fond blanc), à droite les nombres du cadre orange.

# %%
first = x_train[0]
top, left, rows, cols = 4, 10, 10, 14  # le cadre orange

fig, (ax_image, ax_numbers) = plt.subplots(
    1, 2, figsize=(6.5, 3.2), gridspec_kw={"width_ratios": [1, 1.6]}
)
ax_image.imshow(first, vmin=0, vmax=255)
ax_image.add_patch(plt.Rectangle(
    (left - 0.5, top - 0.5), cols, rows, fill=False, color="#ff7043", lw=2
))
ax_image.set_title(f"Étiquette : {y_train[0]}")
ax_image.axis("off")

window = first[top:top + rows, left:left + cols]
ax_numbers.imshow(window, vmin=0, vmax=255, alpha=0.35)
for (r, c), value in np.ndenumerate(window):
    ax_numbers.text(c, r, value, ha="center", va="center", fontsize=7)
ax_numbers.set_title(f"Lignes {top} à {top + rows - 1}, "
                     f"colonnes {left} à {left + cols - 1}")
ax_numbers.axis("off")
fig.tight_layout()
show(fig, f"À gauche, la première image d'entraînement : un {y_train[0]} tracé en noir sur "
          "fond blanc, avec un cadre orange sur une partie du trait. À droite, les nombres de "
          "ce cadre : 0 sur le fond, jusqu'à 255 au cœur du trait, et des valeurs "
          "intermédiaires sur les bords du trait.")

# %% tags=["hide"]
assert x_train.shape[1:] == (28, 28) and x_train.dtype == np.uint8, \
    "« un tableau de 28 × 28 = 784 nombres entiers » n'est plus vrai : " + str(x_train.shape)
assert x_train.min() == 0 and x_train.max() == 255, "« de 0 (fond) à 255 » n'est plus vrai"
assert np.sum((window > 0) & (window < 255)) > 20, \
    "« les valeurs intermédiaires sur le bord des traits » : il n'y en a presque pas dans le cadre"

# %% [markdown]
# Remarquez les valeurs intermédiaires sur le bord des traits : ce sont les niveaux de gris
# créés par le lissage, lors de la réduction à 20 × 20.
#
# ## Cent chiffres, dix par classe
#
# Chaque ligne montre les dix premières images d'entraînement d'un même chiffre. La variété
# saute aux yeux : épaisseur du trait, inclinaison, boucles ouvertes ou fermées, « 1 » avec ou
# sans empattement, « 7 » barré ou non…

# %%
fig, axes = plt.subplots(10, 10, figsize=(5.5, 5.8))
for digit in range(10):
    examples = np.flatnonzero(y_train == digit)[:10]
    for column, index in enumerate(examples):
        ax = axes[digit, column]
        ax.imshow(x_train[index], vmin=0, vmax=255)
        ax.set_xticks([])
        ax.set_yticks([])
    axes[digit, 0].set_ylabel(str(digit), rotation=0, labelpad=10)
fig.suptitle("Les dix premiers exemples de chaque chiffre")
fig.tight_layout()
show(fig, "Une grille de cent chiffres manuscrits, une ligne par chiffre de 0 à 9 et dix "
          "exemples par ligne. Les écritures varient beaucoup : épaisseur du trait, "
          "inclinaison, boucles ouvertes ou fermées, 1 avec ou sans empattement, 7 barrés ou non.")

# %% [markdown]
# ## Combien d'exemples par chiffre ?
#
# Les dix chiffres ne sont pas exactement aussi nombreux. Comptons-les dans chaque jeu.

# %%
digits = np.arange(10)
train_counts = np.bincount(y_train, minlength=10)
test_counts = np.bincount(y_test, minlength=10)

fig, ax = plt.subplots(figsize=(6, 2.8))
width = 0.4
ax.bar(digits - width / 2, train_counts, width,
       label="entraînement", color="#3f51b5")
ax.bar(digits + width / 2, test_counts * 6, width,
       label="test, multiplié par 6", color="#ff7043")
ax.set_xticks(digits)
ax.set_xlabel("chiffre")
ax.set_ylabel("nombre d'images")
ax.set_title("Nombre d'images de chaque chiffre")
ax.legend(loc="lower right")
fig.tight_layout()
show(fig, "Diagramme en barres du nombre d'images de chaque chiffre, de 0 à 9, dans le jeu "
          "d'entraînement (barres bleues) et dans le jeu de test multiplié par 6 (barres "
          "orange). Toutes les barres ont à peu près la même hauteur, entre 5 000 et 7 000 "
          "images ; la paire bleue et orange d'un même chiffre est presque identique.")

shares = {}
for name, counts in (("entraînement", train_counts), ("test", test_counts)):
    share = counts / counts.sum()
    shares[name] = share
    print(f"{name} : le {share.argmax()} est le plus fréquent "
          f"({format_percent(share.max())}), le {share.argmin()} le plus rare "
          f"({format_percent(share.min())})")

# %% [markdown]
# Les classes sont à peu près équilibrées : chacune représente autour de 10 % des images, et
# les proportions sont les mêmes dans les deux jeux. Un modèle qui répondrait toujours le
# chiffre le plus fréquent n'aurait raison qu'environ une fois sur neuf : c'est le niveau à
# battre, et il est bas.

# %% tags=["hide"]
for name, share in shares.items():
    assert share.min() > 0.08 and share.max() < 0.12, \
        f"« chacune représente autour de 10 % des images » n'est plus vrai ({name})"
assert np.abs(shares["entraînement"] - shares["test"]).max() < 0.01, \
    "« les proportions sont les mêmes dans les deux jeux » n'est plus vrai"
assert 0.105 < shares["test"].max() < 0.12, \
    "« raison qu'environ une fois sur neuf » n'est plus vrai : " \
    + format_percent(shares["test"].max())

# %% [markdown]
#
# ## La normalisation, vérifiée
#
# MNIST promet que chaque chiffre tient dans une boîte de 20 × 20 et que son centre de masse
# est au centre. Vérifions-le sur les données elles-mêmes, avec les fonctions `ink_bbox` et
# `center_of_mass` du paquet. Le centre de masse d'une image $x$ est la moyenne des positions
# des pixels, pondérée par leur encre :
#
# $$
# \bar{r} = \frac{\sum_{r,c} r \, x_{r,c}}{\sum_{r,c} x_{r,c}}, \qquad
# \bar{c} = \frac{\sum_{r,c} c \, x_{r,c}}{\sum_{r,c} x_{r,c}} .
# $$

# %%
sample = x_train[:5000].astype(np.float64) / 255
boxes = [ink_bbox(image, threshold=0) for image in sample]
sides = np.array([max(bottom - top, right - left) for top, left, bottom, right in boxes])
centres = np.array([center_of_mass(image) for image in sample])

share_20 = format_percent(np.mean(sides == 20), 2)
print(f"Plus grand côté de l'encre = 20 pixels : {share_20} des images "
      f"(maximum : {sides.max()})")
mean_r, mean_c = centres.mean(axis=0)
std_r, std_c = centres.std(axis=0)
print(f"Centre de masse moyen : ligne {format_decimal(mean_r, 2)}, "
      f"colonne {format_decimal(mean_c, 2)}")
print(f"Écart type : {format_decimal(std_r, 2)} ligne, {format_decimal(std_c, 2)} colonne")

# %% [markdown]
# Sur ces 5 000 images, le plus grand côté mesure 20 pixels (à de rares exceptions près) et le
# centre de masse tombe, à une fraction de pixel près, au point (14, 14) : avec des indices de 0
# à 27, c'est un demi-pixel après le milieu exact (13,5 ; 13,5), là où MNIST a choisi de le
# placer. La démo reproduit ce traitement sur votre dessin avec
# la fonction `preprocess` du paquet (et son jumeau JavaScript, qui suit les mêmes étapes). La
# voici :

# %% tags=["hide"]
assert sides.max() == 20 and np.mean(sides == 20) > 0.99, \
    "« le plus grand côté mesure 20 pixels » n'est plus vrai : " + share_20
assert abs(mean_r - 14) < 0.1 and abs(mean_c - 14) < 0.1 and max(std_r, std_c) < 0.5, \
    "« le centre de masse tombe, à une fraction de pixel près, au point (14, 14) » n'est plus vrai"

# %%
print(inspect.getsource(preprocess))

# %% [markdown]
# Essayons-la sur un « dessin » : un chiffre de MNIST agrandi dix fois et placé en haut et à
# droite d'une grande toile, comme un chiffre tracé n'importe où sur l'écran.

# %%
canvas = np.zeros((400, 400))
big = np.kron(x_train[0] / 255, np.ones((10, 10)))  # 280 × 280 pixels
canvas[10:290, 100:380] = big
normalized = preprocess(canvas)

fig, axes = plt.subplots(1, 3, figsize=(6, 2.4))
for ax, image, title in zip(
    axes,
    (canvas, normalized, x_train[0] / 255),
    ("dessin\n400 × 400", "après preprocess\n28 × 28", "original\n28 × 28"),
):
    ax.imshow(image, vmin=0, vmax=1)
    ax.set_title(title)
    ax.set_xticks([])  # pas de graduations, mais le cadre reste : on voit où est le chiffre
    ax.set_yticks([])
fig.tight_layout()
show(fig, f"Trois images côte à côte, chacune dans son cadre. À gauche, un grand {y_train[0]} "
          "placé en haut, décalé vers la droite, d'une toile de 400 × 400 pixels. Au milieu, le "
          "même chiffre après preprocess : réduit à 28 × 28 et centré. À droite, l'image "
          "originale de MNIST : les deux dernières sont identiques.")
gap = np.abs(normalized - x_train[0] / 255).max()
print(f"Plus grand écart avec l'original : {format_decimal(gap, 4)} "
      "(sur une échelle de 0 à 1)")

# %% [markdown]
# Ni la taille du dessin ni sa position ne comptent plus : on retrouve l'image d'origine.

# %% tags=["hide"]
assert gap < 0.01, \
    "« on retrouve l'image d'origine » n'est plus vrai : écart " + format_decimal(gap)

# %% [markdown]
#
# À vous : dessinez un chiffre ci-dessous, grand ou petit, au centre ou dans un coin. La petite
# image 28 × 28 à côté de la réponse est ce que produit ce même prétraitement (son jumeau
# JavaScript) : c'est exactement ce que le réseau de la démo reçoit.
#
# <div data-demo="pad"></div>

# %% [markdown]
# ## Le chiffre moyen
#
# Que voit-on si l'on superpose tous les « 0 », tous les « 1 », etc. ? Pour chaque chiffre
# $c$, l'**image moyenne** est la moyenne, pixel par pixel, des $N_c$ images de ce chiffre :
#
# $$
# \bar{x}^{(c)} = \frac{1}{N_c} \sum_{i \,:\, y_i = c} x^{(i)} .
# $$

# %%
# Chaque image devient une ligne de 784 nombres entre 0 et 1.
x_train_flat = x_train.reshape(len(x_train), -1) / 255
x_test_flat = x_test.reshape(len(x_test), -1) / 255
means = np.stack([x_train_flat[y_train == d].mean(axis=0) for d in digits])

fig, axes = plt.subplots(1, 10, figsize=(6, 1))
for digit, ax in zip(digits, axes):
    ax.imshow(means[digit].reshape(28, 28), vmin=0, vmax=1)
    ax.set_title(str(digit))
    ax.axis("off")
fig.suptitle("Image moyenne de chaque chiffre", y=1.15)
show(fig, "Les dix images moyennes, de 0 à 9 : des chiffres flous mais reconnaissables, au "
          "cœur noir et aux bords gris. Le 1, un simple trait vertical presque noir, est le "
          "plus net.")

# %% [markdown]
# Les moyennes sont floues, mais chaque chiffre reste reconnaissable : les traits communs à
# la plupart des exemples ressortent en noir, les variations individuelles s'estompent en gris.
# Le « 1 », presque toujours un simple trait, est le plus net : c'est lui dont la moyenne a le
# pixel le plus noir.

# %% tags=["hide"]
assert means.max(axis=1).argmax() == 1, \
    "« le 1 est le plus net » n'est plus vrai : son pixel le plus noir n'est pas le plus noir"

# %% [markdown]
#
# ### Un premier lecteur, très naïf
#
# Ces moyennes suggèrent une méthode de lecture toute simple : comparer une image à chacune des
# dix moyennes, et répondre le chiffre dont la moyenne est la **plus proche**. On mesure la
# proximité par la distance euclidienne au carré, somme des écarts pixel par pixel :
#
# $$
# d\left(x, \bar{x}^{(c)}\right) = \sum_{j=1}^{784} \left(x_j - \bar{x}^{(c)}_j\right)^2 .
# $$
#
# Essayons ce lecteur sur les 10 000 images de test, qu'il n'a jamais vues.

# %%
# distances[i, c] : distance de l'image de test i à la moyenne du chiffre c.
distances = np.stack(
    [((x_test_flat - means[d]) ** 2).sum(axis=1) for d in digits], axis=1
)
predictions = distances.argmin(axis=1)
print("Images de test bien lues :", format_percent(np.mean(predictions == y_test)))

for digit in digits:
    mine = y_test == digit
    print(f"  les {digit} : {format_percent(np.mean(predictions[mine] == digit)):>7}")

# %% [markdown]
# C'est bien mieux que le hasard (une chance sur dix), mais une erreur sur cinq ou six
# environ, c'est beaucoup : aucun service postal n'accepterait un tel lecteur. Les 1, presque
# tous pareils, sont les mieux lus ; les 5, qui s'écrivent de bien des façons, le sont le plus
# mal. Les chapitres suivants construisent des lecteurs qui **apprennent** ce qu'il faut
# regarder, au lieu de comparer bêtement les pixels à une moyenne.

# %% tags=["hide"]
naive_accuracy = np.mean(predictions == y_test)
assert 0.15 < 1 - naive_accuracy < 0.21, \
    "« une erreur sur cinq ou six environ » n'est plus vrai : " + format_percent(naive_accuracy)
per_digit = np.array([np.mean(predictions[y_test == d] == d) for d in digits])
assert per_digit.argmax() == 1 and per_digit.argmin() == 5, \
    "« les 1 sont les mieux lus, les 5 le plus mal » n'est plus vrai : " + str(per_digit.round(3))

# %% [markdown]
# ## Des chiffres difficiles à lire
#
# Quelles images trompent le plus ce lecteur naïf ? Pour chacune, comparons la distance à la
# moyenne de **son** chiffre avec la distance à la moyenne **la plus proche parmi les autres**
# chiffres. Plus la première dépasse la seconde, plus l'image « ressemble » à un autre chiffre
# que le sien. On affiche les douze images de test où cet écart est le plus grand.

# %%
own = distances[np.arange(len(y_test)), y_test]
# Distance aux autres moyennes : on masque (infini) la colonne du bon chiffre.
is_own = np.eye(10, dtype=bool)[y_test]
others = np.where(is_own, np.inf, distances)
closest_other = others.argmin(axis=1)
margin = own - others.min(axis=1)
hardest = np.argsort(-margin)[:12]

fig, axes = plt.subplots(2, 6, figsize=(6, 2.9))
for ax, index in zip(axes.flat, hardest):
    ax.imshow(x_test[index], vmin=0, vmax=255)
    ax.set_title(f"écrit : {y_test[index]}\nproche de : {closest_other[index]}",
                 fontsize=9)
    ax.axis("off")
fig.suptitle("Les douze images les plus trompeuses pour le lecteur naïf")
fig.tight_layout()
show(fig, "Douze chiffres de test mal lus par le lecteur naïf, chacun avec le chiffre écrit "
          "et celui dont la moyenne est la plus proche. Certains sont ambigus même pour un "
          "humain ; d'autres sont lisibles mais épais, penchés ou décalés.")

# %% [markdown]
# Certaines sont franchement ambiguës, même pour un humain ; d'autres sont parfaitement
# lisibles pour nous, mais le trait est épais, incliné ou décalé, et la comparaison pixel par
# pixel ne s'en remet pas. Un bon lecteur doit tolérer ces variations : c'est exactement ce que
# feront les couches de convolution du dernier modèle.
#
# ## L'essentiel
#
# MNIST rassemble 70 000 chiffres manuscrits : 60 000 pour apprendre et 10 000 pour tester,
# écrits par d'autres personnes, afin de mesurer la lecture d'écritures jamais vues. Une image
# y est un tableau de 28 × 28 = 784 nombres, de 0 pour le fond à 255 pour l'encre la plus
# dense. Chaque chiffre a été réduit pour tenir dans une boîte de 20 × 20 pixels, puis placé de
# sorte que son centre de masse, la position moyenne de l'encre, tombe au centre de l'image ;
# la démo prépare votre dessin de la même façon. Les dix chiffres sont à peu près aussi
# fréquents, si bien que répondre toujours le même chiffre n'a raison qu'environ une fois sur
# neuf. Comparer une image aux dix chiffres moyens et répondre le plus proche donne déjà un
# lecteur qui lit environ quatre images de test sur cinq. Mais ce lecteur compare les pixels
# un à un : un chiffre penché, épais ou décalé le trompe, et c'est ce qu'un lecteur qui
# apprend devra surmonter.
#
# ## Questions de révision
#
# Cliquez sur une question pour voir la réponse.
#
# <details class="question">
# <summary>Combien de nombres décrivent une image de MNIST, et entre quelles bornes ?</summary>
#
# 28 × 28 = **784** nombres entiers, de 0 (fond) à 255 (encre la plus dense).
#
# </details>
#
# <details class="question">
# <summary>Pourquoi les personnes qui ont écrit le jeu de test ne sont-elles pas celles du jeu
# d'entraînement ?</summary>
#
# Pour mesurer ce qui nous intéresse vraiment : la capacité à lire l'écriture de **nouvelles**
# personnes. Si les mêmes mains avaient écrit les deux jeux, un modèle pourrait réussir le test
# en reconnaissant des écritures déjà vues, et on surestimerait sa qualité.
#
# </details>
#
# <details class="question">
# <summary>Pourquoi la démo doit-elle réduire votre dessin à 20 × 20 et le centrer par son
# centre de masse avant de le montrer au réseau ?</summary>
#
# Parce que le réseau n'a vu que des chiffres préparés ainsi. Un chiffre trop grand, trop petit
# ou décentré occupe d'autres pixels que ceux que le réseau a appris à regarder : il le lirait
# mal, même parfaitement tracé.
#
# </details>
#
# <details class="question">
# <summary>Le lecteur « chiffre moyen le plus proche » se trompe surtout sur des chiffres
# inclinés, épais ou décalés. Pourquoi ?</summary>
#
# Il compare les images pixel par pixel, avec la distance $\sum_j (x_j - \bar{x}_j)^2$. Un
# chiffre incliné ou décalé d'un ou deux pixels met son encre sur d'autres pixels que la
# moyenne : la distance grandit beaucoup alors que la forme, pour nous, n'a pas changé.
#
# </details>
#
# ## Exercices

# %% [markdown] tags=["exercise"]
# **Exercice 1 (à la main).** Voici une toute petite image de 4 × 4 pixels (0 pour le fond) ;
# les lignes et les colonnes sont numérotées de 0 à 3 à partir du coin en haut à gauche :
#
# | ligne ↓, colonne → | **0** | **1** | **2** | **3** |
# |:-:|:-:|:-:|:-:|:-:|
# | **0** | 0 | 0 | 0 | 0 |
# | **1** | 0 | 1 | 3 | 0 |
# | **2** | 0 | 1 | 3 | 0 |
# | **3** | 0 | 0 | 0 | 0 |
#
# 1. Calculez son centre de masse $(\bar r, \bar c)$ avec les formules du chapitre.
# 2. Le centre de l'image est le point (1,5 ; 1,5). De quel côté l'encre penche-t-elle, et
#    dans quel sens MNIST déplacerait-il ce chiffre pour le centrer ?
#
# Écrivez votre résultat sous la forme `answer = (ligne, colonne)` : la cellule de
# vérification vous dira s'il est juste.

# %% [markdown] tags=["solution"]
# L'encre totale vaut $1 + 3 + 1 + 3 = 8$.
#
# 1. Par lignes : la ligne 1 porte $1 + 3 = 4$ unités d'encre, la ligne 2 aussi, donc
#    $\bar r = \frac{1 \times 4 + 2 \times 4}{8} = 1{,}5$. Par colonnes : la colonne 1 porte
#    $1 + 1 = 2$, la colonne 2 porte $3 + 3 = 6$, donc
#    $\bar c = \frac{1 \times 2 + 2 \times 6}{8} = \frac{14}{8} = 1{,}75$.
# 2. Le centre de masse $(1{,}5 ; 1{,}75)$ est à la hauteur du centre, mais un quart de pixel
#    à droite, du côté des pixels les plus encrés (les 3). Pour le centrer, MNIST déplacerait
#    le chiffre vers la gauche.

# %% tags=["solution"]
answer = (1.5, 1.75)  # (ligne, colonne), trouvé à la main

# %% tags=["check"]
small = np.array([[0, 0, 0, 0], [0, 1, 3, 0], [0, 1, 3, 0], [0, 0, 0, 0]])
row, col = center_of_mass(small)
assert np.isclose(answer[0], row), \
    "La ligne n'est pas juste : additionnez l'encre de chaque ligne, puis divisez par 8."
assert np.isclose(answer[1], col), \
    "La colonne n'est pas juste : additionnez l'encre de chaque colonne, puis divisez par 8."
print("Juste : c'est aussi ce que calcule center_of_mass.")

# %% [markdown] tags=["exercise"]
# **Exercice 2 (avec le code).** Le lecteur naïf mesure la proximité entre une image $x$ et une
# moyenne $m$ par la distance euclidienne au carré. Essayez deux autres mesures :
#
# - la **distance L1** (dite « de Manhattan ») $\sum_j |x_j - m_j|$ : la plus petite gagne ;
# - la **similarité cosinus** $\frac{x \cdot m}{\lVert x \rVert \, \lVert m \rVert}$ : la plus
#   grande gagne. Elle ne regarde que la « direction » de l'image, pas sa quantité d'encre.
#
# Rangez les réponses de ces deux lecteurs pour les 10 000 images de test dans
# `predictions_l1` et `predictions_cosine`, et mesurez leur exactitude. Lequel fait nettement
# moins bien que le lecteur euclidien ? Quel chiffre répond-il bien trop souvent, et pourquoi ?

# %% tags=["solution"]
distances_l1 = np.stack([np.abs(x_test_flat - means[d]).sum(axis=1) for d in digits], axis=1)
predictions_l1 = distances_l1.argmin(axis=1)
# Pour une image donnée, diviser par sa propre norme ne change pas le classement des dix
# moyennes : il suffit de diviser par la norme de chaque moyenne.
similarities = (x_test_flat @ means.T) / np.linalg.norm(means, axis=1)
predictions_cosine = similarities.argmax(axis=1)

for name, answers in (("euclidienne", predictions), ("L1", predictions_l1),
                      ("cosinus", predictions_cosine)):
    print(f"{name:>11} : {format_percent(np.mean(answers == y_test))} bien lues, "
          f"« 1 » répondu {np.sum(answers == 1)} fois")
print(f"Il y a {np.sum(y_test == 1)} vrais 1 parmi les images de test.")
print("Encre totale de chaque moyenne :", np.round(means.sum(axis=1)).astype(int))

# %% [markdown] tags=["solution"]
# La similarité cosinus fait à peu près aussi bien que la distance euclidienne. La distance
# L1, elle, fait nettement moins bien, et elle répond « 1 » plus de deux fois plus souvent
# qu'il n'y a de 1. Pourquoi ? Là où une moyenne est grise et l'image vide, l'écart vaut ce
# gris. Avec L1, ces petits écarts s'additionnent tels quels ; au carré, un gris de 0,2 ne coûte
# plus que 0,04. Les moyennes floues, aux grandes zones grises, sont donc lourdement pénalisées
# par L1, et la moyenne qui a le moins d'encre, celle du 1, un simple trait, devient proche d'un
# peu tout. Choisir une distance, c'est déjà décider de ce qui compte dans une image.

# %% tags=["check"]
for name, answers in (("predictions_l1", predictions_l1),
                      ("predictions_cosine", predictions_cosine)):
    assert np.shape(answers) == y_test.shape, \
        f"{name} doit contenir une réponse par image de test ({len(y_test)} en tout)."
    assert np.mean(answers == y_test) > 0.5, \
        f"{name} lit moins d'une image sur deux : la plus petite distance (argmin) ou la plus " \
        "grande similarité (argmax) ?"
print("Vos deux lecteurs répondent pour chaque image : comparez leurs exactitudes.")

# %% tags=["hide"]
euclid, l1, cosine = (np.mean(a == y_test) for a in (predictions, predictions_l1,
                                                     predictions_cosine))
assert abs(cosine - euclid) < 0.01, \
    "« la similarité cosinus fait à peu près aussi bien » n'est plus vrai : " \
    + format_percent(cosine)
assert l1 < euclid - 0.1, "« la distance L1 fait nettement moins bien » n'est plus vrai"
assert np.sum(predictions_l1 == 1) > 2 * np.sum(y_test == 1), \
    "« elle répond 1 plus de deux fois plus souvent qu'il n'y a de 1 » n'est plus vrai"
assert means.sum(axis=1).argmin() == 1, "« la moyenne qui a le moins d'encre, celle du 1 » : faux"

# %% [markdown] tags=["exercise"]
# **Exercice 3 (avec le code).** scikit-learn contient un autre jeu de chiffres manuscrits,
# bien plus petit : `sklearn.datasets.load_digits()`, les chiffres « optdigits » de l'UCI,
# 1 797 images de 8 × 8 pixels, chaque pixel valant de 0 à 16. Construisez le même lecteur
# « chiffre moyen le plus proche » : calculez les dix moyennes sur la première moitié des
# images, puis mesurez l'exactitude sur la seconde moitié, rangée dans `uci_accuracy`. Le
# lecteur fait-il mieux ou moins bien que sur MNIST ? La comparaison est-elle juste ? (Lisez la
# description du jeu : `print(load_digits().DESCR)`.)

# %% tags=["solution"]
from sklearn.datasets import load_digits

uci = load_digits()
uci_x = uci.data / 16  # 64 nombres entre 0 et 1 par image
uci_y = uci.target
half = len(uci_x) // 2
uci_means = np.stack([uci_x[:half][uci_y[:half] == d].mean(axis=0) for d in digits])
uci_distances = np.stack(
    [((uci_x[half:] - uci_means[d]) ** 2).sum(axis=1) for d in digits], axis=1
)
uci_accuracy = np.mean(uci_distances.argmin(axis=1) == uci_y[half:])
print(f"{len(uci_x)} images de {uci.images.shape[1]} × {uci.images.shape[2]} pixels")
print(f"Chiffres UCI bien lus : {format_percent(uci_accuracy)} "
      f"(MNIST : {format_percent(np.mean(predictions == y_test))})")

fig, axes = plt.subplots(1, 10, figsize=(6, 1))
for digit, ax in zip(digits, axes):
    ax.imshow(uci_means[digit].reshape(8, 8), vmin=0, vmax=1)
    ax.set_title(str(digit))
    ax.axis("off")
fig.suptitle("Image moyenne de chaque chiffre UCI (8 × 8 pixels)", y=1.15)
show(fig, "Les dix images moyennes des chiffres UCI, de 0 à 9, faites de gros pixels carrés "
          "(8 × 8) : plus grossières que celles de MNIST, mais chaque chiffre reste "
          "reconnaissable.")

# %% [markdown] tags=["solution"]
# Le lecteur fait mieux sur les chiffres UCI que sur MNIST. La comparaison n'est pourtant pas
# juste, pour deux raisons que donne la description du jeu. D'abord, chaque pixel UCI compte
# l'encre d'un carré de 4 × 4 pixels de l'image d'origine : un trait décalé d'un ou deux pixels
# reste souvent dans le même carré, et la comparaison pixel par pixel en souffre moins.
# Ensuite, ces 1 797 chiffres ont été écrits par 13 personnes seulement : les deux moitiés
# contiennent à coup sûr les mêmes écritures. Le lecteur est donc testé sur des mains qu'il a
# déjà vues, exactement ce que MNIST évite en faisant écrire son jeu de test par d'autres
# personnes.

# %% tags=["check"]
assert 0 <= uci_accuracy <= 1, \
    "uci_accuracy doit être une part entre 0 et 1, pas un nombre d'images."
assert uci_accuracy > 0.5, "Moins d'une image sur deux : avez-vous testé sur la seconde moitié ?"
print("Votre lecteur UCI répond : comparez son exactitude à celle du lecteur MNIST.")

# %% tags=["hide"]
assert uci.images.shape == (1797, 8, 8) and uci.data.max() == 16, \
    "« 1 797 images de 8 × 8 pixels, de 0 à 16 » : load_digits a changé"
assert uci_accuracy > np.mean(predictions == y_test), \
    "« le lecteur fait mieux sur les chiffres UCI que sur MNIST » n'est plus vrai"
assert "different 13" in uci.DESCR and "copy of the test set" in uci.DESCR, \
    "« écrits par 13 personnes » : la description du jeu ne le dit plus"

# %% [markdown]
# ## À suivre
#
# Nous avons des données propres et bien comprises. Le chapitre suivant,
# [Le neurone](../02_neurone/), construit le plus simple des lecteurs qui apprennent. Et si
# vous voulez voir tout de suite où mène le parcours, [dessinez un chiffre](../../demo/) !
