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
# - un **jeu d'entraînement** de 60 000 images (30 000 de SD-3, 30 000 de SD-1), écrites par
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
from digitlab.preprocess import center_of_mass, ink_bbox, preprocess

# L'encre en noir sur fond blanc, comme sur du papier.
plt.rcParams.update({"figure.dpi": 100, "image.cmap": "gray_r"})

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
plt.tight_layout()
plt.show()

# %% [markdown]
# Remarquez les valeurs intermédiaires sur le bord des traits : ce sont les niveaux de gris
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
plt.tight_layout()
plt.show()

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
plt.tight_layout()
plt.show()

for name, counts in (("entraînement", train_counts), ("test", test_counts)):
    share = counts / counts.sum()
    print(f"{name} : le {share.argmax()} est le plus fréquent "
          f"({format_percent(share.max())}), le {share.argmin()} le plus rare "
          f"({format_percent(share.min())})")

# %% [markdown]
# Les classes sont à peu près équilibrées : chacune représente autour de 10 % des images, et
# les proportions sont les mêmes dans les deux jeux. Un modèle qui répondrait toujours le
# chiffre le plus fréquent n'aurait raison qu'environ une fois sur neuf : c'est le niveau à
# battre, et il est bas.
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
sides = np.array([max(b - t, r - l) for t, l, b, r in boxes])
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
# Le plus grand côté mesure 20 pixels et le centre de masse tombe, à une fraction de pixel
# près, au point (14, 14), au milieu de l'image. La démo reproduit ce traitement sur votre
# dessin avec la fonction `preprocess` du paquet (et son jumeau JavaScript, qui suit les mêmes
# étapes). La voici :

# %%
print(inspect.getsource(preprocess))

# %% [markdown]
# Essayons-la sur un « dessin » : un chiffre de MNIST agrandi dix fois et placé dans un coin
# d'une grande toile, comme un chiffre tracé n'importe où sur l'écran.

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
    ax.axis("off")
plt.tight_layout()
plt.show()
gap = np.abs(normalized - x_train[0] / 255).max()
print(f"Plus grand écart avec l'original : {format_decimal(gap, 4)} "
      "(sur une échelle de 0 à 1)")

# %% [markdown]
# Ni la taille du dessin ni sa position ne comptent plus : on retrouve l'image d'origine.
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
plt.show()

# %% [markdown]
# Les moyennes sont floues, mais chaque chiffre reste reconnaissable : les traits communs à
# la plupart des exemples ressortent en noir, les variations individuelles s'estompent en gris.
# Le « 1 », presque toujours un simple trait, est le plus net.
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
# environ, c'est beaucoup : aucun service postal n'accepterait un tel lecteur. Les chapitres
# suivants construisent des lecteurs qui **apprennent** ce qu'il faut regarder, au lieu de
# comparer bêtement les pixels à une moyenne.
#
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
plt.tight_layout()
plt.show()

# %% [markdown]
# Certaines sont franchement ambiguës, même pour un humain ; d'autres sont parfaitement
# lisibles pour nous, mais le trait est épais, incliné ou décalé, et la comparaison pixel par
# pixel ne s'en remet pas. Un bon lecteur doit tolérer ces variations : c'est exactement ce que
# feront les couches de convolution du dernier modèle.
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
# ## À suivre
#
# Nous avons des données propres et bien comprises. Le chapitre suivant,
# [Le neurone](../02_neurone/), construit le plus simple des lecteurs qui apprennent. Et si
# vous voulez voir tout de suite où mène le parcours, [dessinez un chiffre](../../demo/) !
