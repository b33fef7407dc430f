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
# # Le neurone
#
# Un réseau de neurones est fait de milliers de petites pièces toutes identiques : les
# **neurones artificiels**. Avant d'en assembler beaucoup, regardons-en un seul de très près.
# Au programme :
#
# 1. comprendre ce que calcule un neurone (une somme pondérée, un biais, une activation) ;
# 2. voir un neurone **apprendre** tout seul, à partir d'exemples, à reconnaître une couleur
#    rouge, grâce à la règle du perceptron ;
# 3. comprendre ce qu'il fait géométriquement : il regarde **de quel côté d'un plan** se trouve
#    un point ;
# 4. remplacer son seuil brutal par une courbe douce, la [**sigmoïde**](../../glossaire/#sigmoide) ;
# 5. fabriquer un premier détecteur de 8 sur MNIST, sans aucun entraînement, et découvrir
#    pourquoi une « exactitude de 90 % » peut ne rien valoir.
#
# <div class="admonition abstract lesson-goals" markdown>
# <p class="admonition-title">Dans ce chapitre</p>
#
# - **Vous saurez** : calculer la sortie d'un neurone (somme pondérée, biais, activation),
#   appliquer la règle du perceptron à la main et avec le code, dire ce que fait un neurone
#   géométriquement, décrire la sigmoïde et sa pente, et juger un détecteur par sa précision et
#   son rappel plutôt que par sa seule exactitude.
# - **Prérequis** : chapitre « [Les données MNIST](../01_donnees/) » ; maths : somme de
#   produits, équation d'un plan ; un peu de dérivée pour l'encadré sur la sigmoïde (les
#   encadrés « Pour aller plus loin » restent facultatifs : on peut les sauter sans perdre le
#   fil).
# - **Durée** : environ 35 min de lecture, 10 s d'exécution
#
# </div>

# %%
import inspect

import matplotlib.pyplot as plt
import numpy as np
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from digitlab.data import load_mnist
from digitlab.fmt import format_count, format_decimal, format_integer, format_number, format_percent
from digitlab.network import sigmoid, to_vectors
from digitlab.neuron import (
    Neuron,
    accuracy,
    confusion_counts,
    mean_image,
    plane_in_unit_cube,
    precision,
    recall,
    step,
    train_perceptron,
)
from digitlab.plotting import show, use_style

use_style()  # le style des figures du site : encre noire sur fond blanc, virgule décimale

# %% [markdown]
# ## Un neurone, c'est une somme pondérée
#
# Un neurone artificiel reçoit plusieurs nombres en entrée, $x_1, x_2, \dots, x_n$. Il
# possède un [**poids**](../../glossaire/#poids) pour chacun, $w_1, w_2, \dots, w_n$, et un nombre de plus,
# le **biais**
# $b$. Il calcule d'abord une **somme pondérée** :
#
# $$z = w_1 x_1 + w_2 x_2 + \dots + w_n x_n + b.$$
#
# Un poids positif veut dire « cette entrée plaide pour oui », un poids négatif « elle plaide
# pour non », et plus le poids est grand (en valeur absolue), plus l'entrée compte. Le biais
# règle la sévérité : un biais très négatif exige beaucoup d'arguments avant de dire oui.
#
# Puis le neurone applique une [**activation**](../../glossaire/#activation) à $z$. La plus simple est le
# **seuil** : il
# répond 1 (« oui ») si $z > 0$, et 0 (« non ») sinon. Un neurone à seuil s'appelle un
# **perceptron** ; il a été inventé par Frank Rosenblatt en 1958.
#
# Prenons un problème concret : une couleur est décrite par trois nombres entre 0 et 1, ses
# composantes rouge, verte et bleue $(R, V, B)$ (comme sur un écran). **Est-elle rouge ?** Un
# premier essai, à la main : « elle est rouge si $R$ dépasse 0,5 », c'est-à-dire les poids
# $w = (1, 0, 0)$ et le biais $b = -0{,}5$.

# %%
naive = Neuron(weights=[1.0, 0.0, 0.0], bias=-0.5)

samples = {
    "rouge vif": (0.9, 0.1, 0.1),
    "bordeaux": (0.55, 0.05, 0.15),
    "jaune": (1.0, 0.9, 0.1),
    "blanc": (1.0, 1.0, 1.0),
    "rose pâle": (1.0, 0.75, 0.8),
    "bleu": (0.1, 0.2, 0.9),
}
fig, axes = plt.subplots(1, len(samples), figsize=(9, 2.2), layout="constrained")
for ax, (name, rgb) in zip(axes, samples.items()):
    z = naive.weighted_sum(rgb)
    ax.add_patch(plt.Rectangle((0, 0), 1, 1, color=rgb, ec="black"))
    ax.set_title(f"{name}\nz = {format_decimal(z, 2, signed=True)}", fontsize=9)
    ax.set_xlabel("« rouge »" if naive(rgb) == 1 else "« pas rouge »", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("Le neurone fait à la main : « rouge si R > 0,5 »")
show(fig, "Six carrés de couleur : rouge vif, bordeaux, jaune, blanc, rose pâle et bleu, "
          "chacun avec le score z du neurone fait à la main et sa réponse. Le jaune, le blanc "
          "et le rose pâle sont déclarés « rouge », comme le rouge vif et le bordeaux ; seul le "
          "bleu est « pas rouge ».")

# %% tags=["hide"]
said_red = {name: int(naive(rgb)) for name, rgb in samples.items()}
assert said_red["jaune"] == said_red["blanc"] == said_red["rose pâle"] == 1, \
    "« le jaune, le blanc et le rose pâle sont déclarés rouges » n'est plus vrai"

# %% [markdown]
# Le jaune, le blanc et le rose pâle sont déclarés rouges : beaucoup de rouge, mais aussi
# beaucoup de vert et de bleu. Il faudrait des poids **négatifs** pour le vert et le bleu… mais
# lesquels exactement ? Plutôt que de tâtonner, laissons le neurone **apprendre** ses poids à
# partir d'exemples.
#
# ## Apprendre à partir d'exemples : la règle du perceptron
#
# Voici 60 couleurs tirées au hasard, chacune étiquetée « rouge » ou « pas rouge ». Pour que
# l'exemple soit net, nous les avons étiquetées avec une règle précise, que le neurone, lui, ne
# connaît pas : une couleur est rouge si sa composante rouge dépasse la somme des deux autres
# d'au moins 0,3 ($R - V - B > 0{,}3$). Nous avons aussi écarté les couleurs trop proches de la
# limite, pour qu'aucune ne soit ambiguë.

# %%
def make_colours(n_red=20, n_other=40, margin=0.08, seed=0):
    """Des couleurs au hasard, étiquetées 1 (« rouge ») si R − V − B > 0,3, sinon 0."""
    rng = np.random.default_rng(seed)
    reds, others = [], []
    while len(reds) < n_red or len(others) < n_other:
        colour = rng.random(3)
        z = colour[0] - colour[1] - colour[2] - 0.3
        if abs(z) < margin:
            continue  # trop près de la limite : ni clairement rouge, ni clairement pas rouge
        if z > 0 and len(reds) < n_red:
            reds.append(colour)
        elif z < 0 and len(others) < n_other:
            others.append(colour)
    colours = np.array(reds + others)
    labels = np.array([1] * n_red + [0] * n_other)
    order = rng.permutation(len(colours))
    return colours[order], labels[order]


colours, is_red = make_colours()

fig, axes = plt.subplots(1, 2, figsize=(9, 2.4), gridspec_kw={"width_ratios": [1, 2]})
for ax, label, title in [(axes[0], 1, "« rouge »"), (axes[1], 0, "« pas rouge »")]:
    group = colours[is_red == label]
    ax.imshow(group.reshape(-1, 10, 3))  # une case par couleur, dix par ligne
    ax.set_title(f"{len(group)} couleurs étiquetées {title}")
    ax.axis("off")
show(fig, f"Deux mosaïques de petits carrés de couleur : à gauche les {int(is_red.sum())} "
          "couleurs étiquetées « rouge », des rouges plus ou moins sombres ; à droite les "
          f"{int((1 - is_red).sum())} couleurs « pas rouge », de toutes les teintes.")

# %% tags=["hide"]
assert len(colours) == 60, "« Voici 60 couleurs » n'est plus vrai"

# %% [markdown]
# La **règle du perceptron** est d'une simplicité désarmante. On présente les exemples un par
# un. Pour chacun, on compare la réponse du neurone $\hat y$ (0 ou 1) à la bonne réponse $y$ :
#
# - si le neurone a raison, **on ne touche à rien** ;
# - s'il a dit « pas rouge » pour une couleur rouge, on **ajoute** la couleur à ses poids
#   (multipliée par un petit nombre $\eta$, le
#   [**taux d'apprentissage**](../../glossaire/#taux-d-apprentissage)) et on augmente le
#   biais de $\eta$ : la prochaine fois, cette couleur aura un score plus grand ;
# - s'il a dit « rouge » pour une couleur qui ne l'est pas, on la **retranche**, et on diminue
#   le biais.
#
# Les trois cas tiennent en une seule formule, car $y - \hat y$ vaut 0, $+1$ ou $-1$ :
#
# $$w \leftarrow w + \eta\,(y - \hat y)\,x, \qquad b \leftarrow b + \eta\,(y - \hat y).$$
#
# On recommence avec tous les exemples, encore et encore : chaque passage complet s'appelle une
# [**époque**](../../glossaire/#epoque). On s'arrête quand une époque entière se passe sans erreur. Voici le
# code du
# paquet `digitlab`, celui qui va tourner :

# %%
print(inspect.getsource(train_perceptron))

# %% [markdown]
# On part d'un neurone volontairement mauvais : $w = (0{,}3 ; 0{,}3 ; 0{,}3)$ et
# $b = -0{,}45$, c'est-à-dire « rouge si $R + V + B > 1{,}5$ », ou encore « rouge si la couleur
# est claire ». Puis on le laisse apprendre, avec $\eta = 0{,}1$.

# %%
learner = Neuron(weights=[0.3, 0.3, 0.3], bias=-0.45)
history = train_perceptron(learner, colours, is_red, learning_rate=0.1, max_epochs=100, seed=0)

for epoch, errors in enumerate(history.errors, start=1):
    print(f"Époque {epoch} : {format_count(errors, 'erreur')}, donc {format_count(errors, 'correction')}")
print("Convergé :", "oui" if history.converged else "non",
      f"après {len(history.snapshots) - 1} corrections en tout.")
w_r, w_v, w_b = learner.weights
print(f"Poids appris : w_R = {format_decimal(w_r, 2, signed=True)}, "
      f"w_V = {format_decimal(w_v, 2, signed=True)}, w_B = {format_decimal(w_b, 2, signed=True)} ; "
      f"biais b = {format_decimal(learner.bias, 2, signed=True)}")

# %% [markdown]
# Le neurone a trouvé tout seul ce qu'il fallait : un poids **positif** pour le rouge, des
# poids **négatifs** pour le vert et le bleu, et un biais négatif (il faut « assez » de rouge).
# Il ne retrouve pas exactement la règle qui a servi à étiqueter, et ce n'est pas grave :
# beaucoup de poids différents classent ces 60 exemples sans erreur.

# %% tags=["hide"]
assert history.converged, "« Convergé : oui » n'est plus vrai : la règle ne s'arrête plus"
assert w_r > 0 and w_v < 0 and w_b < 0 and learner.bias < 0, \
    "« un poids positif pour le rouge, des poids négatifs pour le vert et le bleu, et un biais " \
    "négatif » n'est plus vrai"
rule = np.array([1.0, -1.0, -1.0, -0.3])  # la règle d'étiquetage : R − V − B − 0,3 > 0
learned = np.append(learner.weights, learner.bias)
assert not np.allclose(learned / learned[0], rule, atol=0.05), \
    "« il ne retrouve pas exactement la règle » n'est plus vrai"

# %% [markdown]
#
# Essayons-le sur les six couleurs du début, qu'il n'a jamais vues :

# %%
for name, rgb in samples.items():
    answer = "rouge" if learner(rgb) == 1 else "pas rouge"
    print(f"{name:>10} : z = {format_decimal(learner.weighted_sum(rgb), 2, signed=True)} "
          f"→ « {answer} »")

# %% [markdown]
# Le jaune, le blanc et le rose pâle ne sont plus pris pour du rouge. Le bordeaux, lui, est
# refusé de justesse (son score est tout proche de zéro), alors que notre règle le dit rouge :
# $R - V - B = 0{,}35$, à peine au-dessus de 0,3. Il est plus près de la limite qu'aucune
# couleur d'entraînement (nous les avions choisies à au moins 0,08 de la limite) : le neurone
# n'avait aucun exemple pour placer sa frontière précisément à cet endroit. Le jaune, lui aussi,
# n'est refusé que de peu, alors que la règle le met loin de la limite : la frontière apprise
# n'est pas la règle, elle passe seulement entre les exemples. Un neurone ne sait que ce que ses
# exemples lui ont appris.

# %% tags=["hide"]
for name in ("jaune", "blanc", "rose pâle"):
    assert learner(samples[name]) == 0, f"« le {name} n'est plus pris pour du rouge » : faux"
z_bordeaux = float(learner.weighted_sum(samples["bordeaux"]))
assert learner(samples["bordeaux"]) == 0 and abs(z_bordeaux) < 0.05, \
    "« le bordeaux est refusé de justesse » n'est plus vrai : z = " + format_decimal(z_bordeaux, 3)
r, v, b = samples["bordeaux"]
assert abs((r - v - b) - 0.35) < 1e-9, "« R − V − B = 0,35 » n'est plus vrai pour le bordeaux"
margins = np.abs(colours[:, 0] - colours[:, 1] - colours[:, 2] - 0.3)
assert margins.min() > abs(r - v - b - 0.3), \
    "« il est plus près de la limite qu'aucune couleur d'entraînement » n'est plus vrai"
z_yellow = float(learner.weighted_sum(samples["jaune"]))
r, v, b = samples["jaune"]
assert -0.1 < z_yellow < 0 and abs((r - v - b) - 0.3) > 0.25, \
    "« le jaune n'est refusé que de peu, alors que la règle le met loin de la limite » n'est plus vrai"

# %% [markdown]
#
# ## La vue géométrique : de quel côté du plan ?
#
# Une couleur $(R, V, B)$ est un **point** dans un cube de côté 1. Les points où le score du
# neurone vaut exactement zéro,
#
# $$w_1 R + w_2 V + w_3 B + b = 0,$$
#
# forment un **plan** qui coupe le cube en deux. D'un côté $z > 0$ (« rouge »), de l'autre
# $z < 0$ (« pas rouge »). Un perceptron ne fait rien d'autre que regarder **de quel côté du
# plan** tombe le point. Apprendre, c'est déplacer et tourner ce plan jusqu'à ce que chaque
# exemple soit du bon côté. Les poids $w$ donnent l'orientation du plan (ils forment un
# vecteur perpendiculaire au plan, qui pointe vers le côté « oui ») et le biais le décale.
#
# Voici le plan du neurone à plusieurs moments de son apprentissage. Les ronds sont les
# couleurs étiquetées « rouge », les triangles les autres ; chaque point a sa propre couleur.

# %%
def draw_neuron(ax, weights, bias, title):
    neuron = Neuron(weights, bias)
    wrong = neuron(colours) != is_red
    for label, marker in [(1, "o"), (0, "^")]:
        group = is_red == label
        ax.scatter(*colours[group].T, c=colours[group], marker=marker, s=36,
                   edgecolors="black", linewidths=0.5, depthshade=False)
    ax.scatter(*colours[wrong].T, s=130, facecolors="none", edgecolors="crimson",
               linewidths=1.2, depthshade=False)
    polygon = plane_in_unit_cube(weights, bias)  # du module digitlab.neuron
    if polygon is not None:
        ax.add_collection3d(Poly3DCollection([polygon], alpha=0.35, facecolor="0.55",
                                             edgecolor="0.2"))
    else:  # le plan ne coupe pas le cube : toutes les couleurs sont du même côté
        side = "« rouge »" if neuron([0.5, 0.5, 0.5]) == 1 else "« pas rouge »"
        ax.text2D(0.5, 0.92, f"Plan hors du cube :\ntout est {side}", transform=ax.transAxes,
                  ha="center", va="top", fontsize=9, color="crimson")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_zlim(0, 1)
    ax.set_xlabel("R")
    ax.set_ylabel("V")
    ax.set_zlabel("B")
    ax.tick_params(labelsize=6)
    ax.view_init(elev=20, azim=-115)  # vu presque par la tranche du plan final
    ax.set_title(f"{title}\n{format_count(int(wrong.sum()), 'point')} du mauvais côté", fontsize=10)
    return int(wrong.sum())


# Le plan au départ, puis à la fin de chaque époque.
ends_of_epochs = np.cumsum([0] + history.errors)
moments = list(dict.fromkeys(ends_of_epochs))  # sans doublon (la dernière époque : 0 correction)
if len(moments) > 4:
    moments = [moments[0], moments[1], moments[len(moments) // 2], moments[-1]]
fig = plt.figure(figsize=(9, 8.2))
wrong_counts = []
for i, k in enumerate(moments):
    ax = fig.add_subplot(2, 2, i + 1, projection="3d")
    weights, bias = history.snapshots[k]
    epoch = list(ends_of_epochs).index(k)
    wrong_counts.append(draw_neuron(
        ax, weights, bias, "Départ" if k == 0 else f"Fin de l'époque {epoch} ({k} corrections)"))
fig.suptitle("Le plan du perceptron pendant l'apprentissage\n"
             "(○ « rouge », △ « pas rouge », cercle rouge : point du mauvais côté)")
fig.tight_layout()
show(fig, "Quatre vues en 3D du cube des couleurs, d'axes R, V et B, avec les couleurs "
          "d'entraînement en ronds (« rouge ») et en triangles (« pas rouge ») et le plan du "
          f"perceptron en gris. Au départ, {wrong_counts[0]} points, entourés de rouge, sont du "
          "mauvais côté du plan. Au fil des époques, le plan tourne et glisse (il sort même un "
          "moment du cube : tout est alors « pas rouge ») jusqu'à isoler le coin rouge du cube ; "
          "à la fin, plus aucun point n'est du mauvais côté.")

# %% [markdown]
# Au départ, le plan sépare les couleurs claires des couleurs sombres : environ quatre points sur
# cinq sont du mauvais côté. Chaque correction le fait tourner et glisser, jusqu'à ce qu'il isole le
# coin rouge du cube, autour de $(1, 0, 0)$. Remarquez que le nombre d'erreurs ne baisse pas à
# chaque époque : redresser le plan pour un exemple peut en faire basculer d'autres. Mais,
# ici, l'apprentissage finit toujours par s'arrêter.

# %% tags=["hide"]
assert 0.75 * len(colours) < wrong_counts[0] < 0.85 * len(colours), \
    "« au départ, environ quatre points sur cinq sont du mauvais côté » n'est plus vrai : " \
    + str(wrong_counts)
assert wrong_counts[-1] == 0, "« à la fin plus aucun point n'est du mauvais côté » : faux"
assert any(plane_in_unit_cube(*history.snapshots[k]) is None for k in moments), \
    "« il sort même un moment du cube » (description de la figure) n'est plus vrai"
assert any(later > earlier for earlier, later in zip(history.errors, history.errors[1:])), \
    "« le nombre d'erreurs ne baisse pas à chaque époque » n'est plus vrai : " + str(history.errors)

# %% [markdown]
#
# <details class="note">
# <summary>Pour aller plus loin : pourquoi la règle finit par marcher</summary>
#
# Quand le neurone dit 0 pour un exemple $x$ étiqueté 1, la correction change son score en
#
# $$(w + \eta x) \cdot x + (b + \eta) = (w \cdot x + b) + \eta\,(\lVert x \rVert^2 + 1),$$
#
# qui est **plus grand** qu'avant, puisque $\lVert x \rVert^2 + 1 > 0$ : le plan s'est déplacé dans
# le bon sens pour cet exemple (peut-être pas assez d'un coup). Le **théorème de convergence du
# perceptron** (Novikoff, 1962) va plus loin : si un plan sépare parfaitement les deux classes avec
# une marge $\gamma$ et que tous les points sont à une distance au plus $D$ de l'origine, alors la
# règle, partie de poids nuls, fait au plus $(D/\gamma)^2$ corrections (en comptant le biais comme
# un poids de plus, attaché à une entrée qui vaut toujours 1), quel que soit l'ordre des exemples.
# C'est pour cela que nous avons écarté les couleurs trop proches de la limite : une marge plus
# grande, c'est moins de corrections.
#
# À l'inverse, si **aucun** plan ne sépare les deux classes, la règle ne s'arrête jamais.
# L'exemple célèbre est le « ou exclusif » (XOR) : oui pour $(0, 1)$ et $(1, 0)$, non pour
# $(0, 0)$ et $(1, 1)$. Aucune droite ne sépare ces quatre points ; il faudra plusieurs
# neurones, en couches, au chapitre suivant.
#
# </details>
#
# ## Du seuil à la sigmoïde
#
# Le seuil a un gros défaut : il est **brutal**. Un score de $-0{,}001$ donne 0, un score de
# $+0{,}001$ donne 1, et un score de $+50$ donne… 1 aussi. Le neurone ne dit jamais « je suis
# presque sûr » ou « j'hésite ». Pour apprendre avec des réseaux entiers, on aura besoin de
# savoir **dans quel sens et de combien** une petite modification d'un poids change la
# réponse. Avec un seuil, la réponse est le plus souvent une marche plate (un petit changement
# ne change rien du tout), puis elle saute d'un coup : impossible de se guider.
#
# On remplace donc le seuil par une courbe en « S » qui passe **en douceur** de 0 à 1, la
# **sigmoïde** :
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}}.$$

# %%
z = np.linspace(-8, 8, 401)
fig, (ax_left, ax_right) = plt.subplots(1, 2, figsize=(10, 3.4))
ax_left.plot(z, step(z), color="0.5", lw=2, label="seuil")
ax_left.plot(z, sigmoid(z), color="tab:blue", lw=2, label="sigmoïde σ(z)")
for k, style in [(3, "--"), (10, ":")]:
    ax_left.plot(z, sigmoid(k * z), color="tab:blue", ls=style, lw=1.2, label=f"σ({k} z)")
ax_left.set_title("Le seuil et la sigmoïde")
ax_left.set_xlabel("score z")
ax_left.set_ylabel("sortie du neurone")
ax_left.legend(fontsize=8)
ax_left.grid(alpha=0.3)

derivative = sigmoid(z) * (1 - sigmoid(z))
ax_right.plot(z, derivative, color="tab:orange", lw=2, label="σ'(z) = σ(z) (1 − σ(z))")
ax_right.axhline(0.25, color="0.6", ls="--", lw=1)
ax_right.annotate("maximum : 1/4, en z = 0", (0, 0.25), (1.5, 0.2), fontsize=9,
                  arrowprops={"arrowstyle": "->", "color": "0.4"})
ax_right.set_title("Pente de la sigmoïde (sa dérivée)")
ax_right.set_xlabel("score z")
ax_right.set_ylabel("pente")
ax_right.legend(fontsize=8, loc="upper left")
ax_right.grid(alpha=0.3)
fig.tight_layout()
show(fig, "À gauche, la marche du seuil, qui saute de 0 à 1 en z = 0, et la courbe en S de la "
          "sigmoïde, qui passe en douceur de 0 à 1 et vaut 0,5 en z = 0 ; σ(3 z) et σ(10 z), en "
          "pointillés, sont de plus en plus raides et se rapprochent du seuil. À droite, la pente "
          "de la sigmoïde : une cloche dont le maximum vaut 1/4 en z = 0, presque nulle dès que "
          "z dépasse 5 en valeur absolue.")

# %% tags=["hide"]
assert sigmoid(0.0) == 0.5 and abs(derivative.max() - 0.25) < 1e-9 \
    and z[derivative.argmax()] == 0, \
    "« maximum : 1/4, en z = 0 » n'est plus vrai"
assert derivative[np.abs(z) >= 5].max() < 0.01, "« presque nulle dès que |z| dépasse 5 » : faux"

# %% [markdown]
# Les propriétés à retenir :
#
# - $\sigma(z)$ est toujours **entre 0 et 1** (sans jamais les atteindre) : on peut la lire
#   comme une probabilité, « le neurone est sûr à 97 % que c'est rouge » ;
# - $\sigma(0) = 0{,}5$ : un score nul, c'est l'hésitation complète ;
# - elle est **croissante** : un plus grand score donne une plus grande sortie, comme le seuil.
#   Elle a le même « côté du plan » que lui : $\sigma(z) > 0{,}5$ exactement quand $z > 0$ ;
# - elle est **symétrique** : $\sigma(-z) = 1 - \sigma(z)$ ;
# - sa **pente** vaut $\sigma(z)\,(1 - \sigma(z))$. Elle est au plus de $1/4$ (en $z = 0$) et
#   devient minuscule quand $|z|$ est grand : on dit que le neurone **sature**. Retenez ce
#   détail, il expliquera au chapitre suivant pourquoi certains réseaux apprennent lentement ;
# - en multipliant les poids et le biais par un grand nombre $k$, $\sigma(kz)$ se rapproche du
#   seuil (courbes en pointillés) : le seuil est un cas limite de la sigmoïde.
#
# <details class="note">
# <summary>Pour aller plus loin : la dérivée de la sigmoïde</summary>
#
# Écrivons $\sigma(z) = (1 + e^{-z})^{-1}$. La dérivée de $u^{-1}$ est $-u'/u^2$, avec
# $u = 1 + e^{-z}$ et $u' = -e^{-z}$ :
#
# $$\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2}
# = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}
# = \sigma(z)\,\bigl(1 - \sigma(z)\bigr),$$
#
# car $\frac{e^{-z}}{1 + e^{-z}} = 1 - \frac{1}{1 + e^{-z}}$. Cette forme est très pratique :
# une fois $\sigma(z)$ calculée, sa dérivée ne coûte qu'une multiplication. La symétrie vient
# de $\sigma(-z) = \frac{1}{1 + e^{z}} = \frac{e^{-z}}{e^{-z} + 1} = 1 - \sigma(z)$.
#
# Dans le code, `sigmoid` n'évalue jamais $e^{-z}$ pour $z$ très négatif (cela déborderait :
# $e^{1000}$ n'est pas représentable) ; elle utilise alors la forme équivalente
# $e^{z} / (1 + e^{z})$.
#
# </details>
#
# ## Un premier détecteur de 8, sans aucun entraînement
#
# Revenons aux chiffres. Une image de MNIST est un point dans un espace à 784 dimensions (un
# nombre par pixel) ; un neurone à 784 poids peut donc, lui aussi, dire de quel côté d'un
# (hyper)plan elle se trouve. Question : **cette image est-elle un 8 ?**
#
# Voici une idée pour choisir les 784 poids sans rien entraîner : prendre comme poids **l'image
# moyenne des 8** du jeu d'entraînement. Le score $z = w \cdot x$ est alors une somme, sur tous
# les pixels, de « encre de l'image × encre habituelle d'un 8 à cet endroit ». Il est grand
# quand l'image met de l'encre là où les 8 en mettent d'habitude.

# %%
(x_train_images, y_train), (x_test_images, y_test) = load_mnist()
x_train = to_vectors(x_train_images, np.float64)  # 784 nombres entre 0 et 1 par image
x_test = to_vectors(x_test_images, np.float64)

weights_8 = mean_image(x_train, y_train, 8)

fig, axes = plt.subplots(1, 5, figsize=(9, 2.2))
axes[0].imshow(weights_8.reshape(28, 28))
axes[0].set_title("Poids : le 8 moyen", fontsize=9)
for ax, index in zip(axes[1:], [0, 1, 2, 3]):
    image = x_train[y_train == 8][index]
    ax.imshow(image.reshape(28, 28))
    ax.set_title(f"un 8 : score {image @ weights_8:.0f}", fontsize=9)
for ax in axes:
    ax.axis("off")
show(fig, "À gauche, les 784 poids du détecteur dessinés comme une image : le 8 moyen, un 8 "
          "flou et gris. À droite, quatre 8 d'entraînement, chacun avec son score, la somme des "
          "produits de ses pixels par ces poids.")

# %% [markdown]
# Reste à choisir le **seuil**, le score à partir duquel on dit « 8 » (le biais en sera l'opposé). Regardons
# les scores de toutes les images d'entraînement, en séparant les 8 des autres chiffres.

# %%
scores_train = x_train @ weights_8
is_8_train = y_train == 8
mean_8 = scores_train[is_8_train].mean()
mean_other = scores_train[~is_8_train].mean()
threshold = (mean_8 + mean_other) / 2  # à mi-chemin entre les deux moyennes

bins = np.linspace(0, scores_train.max(), 80)
fig, ax = plt.subplots(figsize=(9, 3.4))
ax.hist(scores_train[~is_8_train], bins=bins, color="0.6", label="les autres chiffres")
ax.hist(scores_train[is_8_train], bins=bins, color="tab:orange", alpha=0.85, label="les 8")
ax.axvline(threshold, color="black", ls="--",
           label=f"seuil choisi : {format_decimal(threshold, 1)}")
ax.set_title("Scores des 60 000 images d'entraînement (poids = 8 moyen)")
ax.set_xlabel("score z = w · x")
ax.set_ylabel("nombre d'images")
ax.legend()
show(fig, "Deux histogrammes superposés des scores des images d'entraînement : en gris les "
          "autres chiffres, très nombreux, en orange les 8, décalés vers la droite mais près de "
          "dix fois moins nombreux. Les deux se chevauchent largement de part et d'autre du "
          "seuil en pointillés, placé à mi-chemin entre les deux scores moyens.")
print(f"Score moyen d'un 8 : {format_decimal(mean_8, 1)} ; "
      f"d'un autre chiffre : {format_decimal(mean_other, 1)}")

# %% [markdown]
# Les 8 ont en moyenne un score plus élevé, mais les deux histogrammes se chevauchent
# largement. Remarquez aussi la **hauteur** des barres : les 8 ne sont qu'environ un chiffre
# sur dix. Choisissons un seuil simple, à mi-chemin entre le score moyen d'un 8 et celui d'un
# autre chiffre, soit le biais $b = -\text{seuil}$. Notre détecteur est prêt ; jugeons-le sur
# les 10 000 images de **test**, qu'il n'a jamais vues.

# %% tags=["hide"]
assert mean_8 > mean_other, "« les 8 ont en moyenne un score plus élevé » n'est plus vrai"
others_above = np.mean(scores_train[~is_8_train] > threshold)
eights_below = np.mean(scores_train[is_8_train] <= threshold)
assert others_above > 0.15 and eights_below > 0.15, \
    "« les deux histogrammes se chevauchent largement » n'est plus vrai : " \
    + format_percent(others_above) + ", " + format_percent(eights_below)
assert 0.08 < is_8_train.mean() < 0.12, "« les 8 ne sont qu'environ un chiffre sur dix » : faux"

# %%
detector = Neuron(weights_8, bias=-threshold)
is_8 = y_test == 8
said_8 = detector(x_test).astype(bool)

print(f"Exactitude (part de réponses justes) : {format_percent(accuracy(is_8, said_8))}")

# %% [markdown]
# Est-ce bien ou mal ? Pour le savoir, il faut un point de comparaison. Imaginons le détecteur
# le plus paresseux du monde : il répond **toujours « pas 8 »**, sans même regarder l'image.

# %%
lazy = np.zeros_like(is_8)
print(f"Part de 8 dans le jeu de test : {format_percent(is_8.mean())}")
print(f"Exactitude du détecteur paresseux : {format_percent(accuracy(is_8, lazy))}")

# %% [markdown]
# Le détecteur qui ne fait rien a une meilleure exactitude que le nôtre ! C'est le piège des
# questions **déséquilibrées** : quand la réponse est « non » neuf fois sur dix, répondre
# toujours « non » donne 90 % de réponses justes… et ne trouve jamais un seul 8.

# %% tags=["hide"]
assert accuracy(is_8, lazy) > accuracy(is_8, said_8), \
    "« le détecteur qui ne fait rien a une meilleure exactitude que le nôtre » n'est plus vrai"
assert 0.88 < accuracy(is_8, lazy) < 0.92 and recall(is_8, lazy) == 0, \
    "« répondre toujours non donne 90 % de réponses justes » n'est plus vrai"

# %% [markdown]
#
# Pour juger un détecteur, on range donc ses réponses dans quatre cases :
#
# | Réponse du détecteur | c'est un 8 | ce n'est pas un 8 |
# |---|---|---|
# | **il dit « 8 »** | vrai positif (VP) | faux positif (FP) |
# | **il dit « pas 8 »** | faux négatif (FN) | vrai négatif (VN) |
#
# et on calcule deux nombres qui ne se laissent pas tromper :
#
# - la [**précision**](../../glossaire/#precision-rappel) : quand il dit « 8 », a-t-il raison ?
#   $\text{précision} = \frac{VP}{VP + FP}$ ;
# - le **rappel** : parmi tous les 8, combien en trouve-t-il ? $\text{rappel} = \frac{VP}{VP + FN}$.

# %%
def report(name, predicted):
    c = confusion_counts(is_8, predicted)
    p, r = precision(is_8, predicted), recall(is_8, predicted)
    print(f"{name}")
    print(f"  VP = {format_integer(c['tp'])}, FP = {format_integer(c['fp'])}, "
          f"FN = {format_integer(c['fn'])}, VN = {format_integer(c['tn'])}")
    print(f"  exactitude {format_percent(accuracy(is_8, predicted))}, "
          f"précision {'non définie' if np.isnan(p) else format_percent(p)}, "
          f"rappel {format_percent(r)}")


report("Détecteur « 8 moyen » :", said_8)
report("Détecteur paresseux (« jamais 8 ») :", lazy)

# %% [markdown]
# Tout s'éclaire. Le détecteur paresseux a un rappel **nul** : il ne trouve aucun 8. Sa
# précision n'est même pas définie (il ne dit jamais « 8 », on ne peut pas juger ses « 8 »).
# Notre détecteur, lui, trouve la plupart des 8 (bon rappel), mais il crie « 8 » beaucoup trop
# souvent (mauvaise précision) : la majorité de ses « 8 » sont d'autres chiffres.

# %% tags=["hide"]
assert np.isnan(precision(is_8, lazy)), "« sa précision n'est même pas définie » n'est plus vrai"
assert recall(is_8, said_8) > 0.5 and precision(is_8, said_8) < 0.5, \
    "« il trouve la plupart des 8, mais la majorité de ses 8 sont d'autres chiffres » : faux"

# %% [markdown]
#
# Et si l'on choisissait plutôt le seuil qui donne la **meilleure exactitude** sur les images
# d'entraînement ? La figure montre les trois mesures pour tous les seuils possibles.

# %%
candidates = np.linspace(scores_train.min(), scores_train.max(), 300)
curves = {"exactitude": [], "précision": [], "rappel": []}
for t in candidates:
    predicted = scores_train > t
    curves["exactitude"].append(accuracy(is_8_train, predicted))
    curves["précision"].append(precision(is_8_train, predicted))
    curves["rappel"].append(recall(is_8_train, predicted))
best = candidates[int(np.argmax(curves["exactitude"]))]

fig, ax = plt.subplots(figsize=(9, 3.6))
for (name, values), color in zip(curves.items(), ["black", "tab:blue", "tab:orange"]):
    ax.plot(candidates, values, color=color, lw=2, label=name)
ax.axvline(threshold, color="0.4", ls="--", lw=1, label="seuil à mi-chemin")
ax.axvline(best, color="tab:red", ls=":", lw=1.5, label="seuil de meilleure exactitude")
ax.set_title("Exactitude, précision et rappel selon le seuil (images d'entraînement)")
ax.set_xlabel("seuil sur le score")
ax.set_ylabel("valeur (1 = 100 %)")
ax.set_ylim(-0.02, 1.02)
ax.legend(fontsize=8, loc="center left")
ax.grid(alpha=0.3)
show(fig, "Trois courbes en fonction du seuil. Le rappel, en orange, descend de 1 à 0 quand le "
          "seuil monte ; la précision, en bleu, monte, puis devient irrégulière et retombe pour "
          "les seuils les plus hauts (les images les plus chargées d'encre ne sont pas des 8) ; "
          "l'exactitude, en noir, part de 10 % et plafonne autour de 90 % pour les seuils élevés. "
          "Le seuil de meilleure exactitude, en pointillés rouges, est bien à droite du seuil à "
          "mi-chemin, là où le rappel est presque nul.")

said_8_best = (x_test @ weights_8) > best
report("Détecteur « 8 moyen », seuil de meilleure exactitude :", said_8_best)

# %% [markdown]
# Le seuil « de meilleure exactitude » est très haut : il ne dit « 8 » que pour quelques
# centaines d'images sur 10 000. Son exactitude n'est pas meilleure que celle du paresseux, et
# son rappel est catastrophique : il rate presque tous les 8. Maximiser l'exactitude sur une
# question déséquilibrée pousse vers le détecteur paresseux.

# %% tags=["hide"]
assert best > mean_8 > threshold, "« le seuil de meilleure exactitude est très haut » : faux"
assert 100 <= said_8_best.sum() < 1000, \
    "« il ne dit 8 que pour quelques centaines d'images » n'est plus vrai : " \
    + str(said_8_best.sum())
assert accuracy(is_8, said_8_best) <= accuracy(is_8, lazy), \
    "« son exactitude n'est pas meilleure que celle du paresseux » n'est plus vrai"
assert recall(is_8, said_8_best) < 0.2, "« il rate presque tous les 8 » n'est plus vrai"
top_precisions = [p for p in curves["précision"][-30:] if not np.isnan(p)]
assert top_precisions and min(top_precisions) < max(curves["précision"]) - 0.2, \
    "« la précision retombe pour les seuils les plus hauts » (description de la figure) n'est plus vrai"
assert curves["exactitude"][0] < 0.15 and max(curves["exactitude"]) < 0.92, \
    "« l'exactitude part de 10 % et plafonne autour de 90 % » (figure) n'est plus vrai"

# %% [markdown]
#
# **La leçon** : sur une question déséquilibrée, l'exactitude seule trompe. Il faut toujours la
# comparer au détecteur qui donne toujours la réponse la plus fréquente, et regarder la
# précision et le rappel. Précision et rappel tirent en sens contraires (un seuil bas trouve
# tous les 8 mais se trompe souvent ; un seuil haut se trompe rarement mais en rate beaucoup) :
# choisir le seuil, c'est choisir un compromis, selon ce qui coûte le plus cher, rater un 8 ou
# crier « 8 » à tort.
#
# Pourquoi notre détecteur est-il si médiocre ? Regardons le score moyen de chaque chiffre :

# %%
fig, ax = plt.subplots(figsize=(8, 2.8))
mean_scores = [scores_train[y_train == d].mean() for d in range(10)]
ax.bar(range(10), mean_scores, color=["tab:orange" if d == 8 else "0.6" for d in range(10)])
ax.axhline(threshold, color="black", ls="--", lw=1, label="seuil à mi-chemin")
ax.set_xticks(range(10))
ax.set_title("Score moyen de chaque chiffre avec les poids « 8 moyen »")
ax.set_xlabel("chiffre")
ax.set_ylabel("score moyen")
ax.legend(fontsize=8)
show(fig, "Diagramme en barres du score moyen de chaque chiffre avec les poids « 8 moyen ». "
          "La barre orange du 8 est la plus haute, mais celles du 0, du 2 et du 3 arrivent "
          "juste sous le seuil en pointillés, bien au-dessus de celle du 1, la plus basse.")

# %% [markdown]
# Le produit scalaire récompense **toute** l'encre placée là où les 8 en ont, sans jamais
# pénaliser l'encre placée ailleurs : tous les poids sont positifs. Les 0, les 2 et les 3, qui
# ont beaucoup d'encre au bon endroit, ont un score moyen tout proche du seuil : une bonne part
# d'entre eux le dépassent et sont pris pour des 8. Un bon détecteur aurait besoin de poids
# **négatifs** (« de l'encre ici, c'est plutôt un 0 »), comme le vert et le bleu pour notre
# couleur rouge. Choisir 784 poids à la main n'est pas envisageable : il faudra les
# **apprendre**, et pour dix chiffres à la fois. C'est l'objet du chapitre suivant.

# %% tags=["hide"]
assert weights_8.min() >= 0, "« tous les poids sont positifs » n'est plus vrai"
runners_up = [d for d in np.argsort(mean_scores)[::-1] if d != 8][:3]
assert sorted(runners_up) == [0, 2, 3] and np.argmin(mean_scores) == 1, \
    "« les 0, les 2 et les 3 » ne sont plus les chiffres aux scores les plus proches du 8"
for d in (0, 2, 3):
    assert 0.9 * threshold < mean_scores[d] < threshold, \
        f"« les {d} ont un score moyen tout proche du seuil » n'est plus vrai"
    assert np.mean(scores_train[y_train == d] > threshold) > 0.3, \
        f"« une bonne part des {d} dépassent le seuil » n'est plus vrai"

# %% [markdown]
# ## L'essentiel
#
# Un neurone calcule une somme pondérée de ses entrées plus un biais, $z = w \cdot x + b$, puis
# applique une activation. Avec un seuil (1 si $z > 0$, sinon 0), c'est un perceptron : il dit
# de quel côté du plan $w \cdot x + b = 0$ se trouve le point $x$. La règle du perceptron ne
# corrige les poids que lorsque le neurone se trompe, en leur ajoutant ou en leur retranchant
# l'exemple, et elle finit par séparer les exemples si un plan le peut. La sigmoïde
# $\sigma(z) = 1/(1 + e^{-z})$ remplace le seuil par une courbe douce entre 0 et 1, dont la
# pente $\sigma(z)(1 - \sigma(z))$ vaut au plus 1/4 et devient minuscule quand le neurone
# sature. Un neurone qui prend pour poids le 8 moyen détecte des 8 sans entraînement, mais mal,
# car tous ses poids sont positifs. Sur une question déséquilibrée, l'exactitude trompe : le
# détecteur qui répond toujours « non » fait mieux que lui. On juge donc un détecteur par sa
# précision (ses « oui » sont-ils justes ?) et par son rappel (trouve-t-il tous les « oui » ?).
#
# ## Questions de révision
#
# <details class="question">
# <summary>Que calcule un neurone à partir de ses entrées $x_1, \dots, x_n$ ?</summary>
#
# La somme pondérée $z = w_1 x_1 + \dots + w_n x_n + b$ (les poids $w_i$ et le biais $b$ sont
# ses paramètres), puis il applique une activation à $z$ : le seuil (1 si $z > 0$, sinon 0)
# pour le perceptron, ou la sigmoïde $\sigma(z)$.
#
# </details>
#
# <details class="question">
# <summary>Que fait la règle du perceptron quand le neurone répond juste ? Et quand il dit
# « rouge » pour une couleur qui ne l'est pas ?</summary>
#
# Quand il répond juste, rien : $y - \hat y = 0$. Quand il dit « rouge » ($\hat y = 1$) à tort
# ($y = 0$), on retranche $\eta x$ aux poids et $\eta$ au biais, ce qui fait baisser le score
# de cet exemple.
#
# </details>
#
# <details class="question">
# <summary>Géométriquement, que représentent les poids et le biais d'un perceptron à trois
# entrées ?</summary>
#
# Le plan d'équation $w_1 x_1 + w_2 x_2 + w_3 x_3 + b = 0$, qui coupe l'espace en deux : les
# poids donnent son orientation (un vecteur perpendiculaire au plan, tourné vers le côté
# « oui »), le biais le décale. Le neurone dit de quel côté du plan se trouve le point.
#
# </details>
#
# <details class="question">
# <summary>Citez deux propriétés de la sigmoïde, et une raison de la préférer au
# seuil.</summary>
#
# Elle est entre 0 et 1, vaut 0,5 en 0, est croissante, vérifie $\sigma(-z) = 1 - \sigma(z)$,
# et sa pente vaut $\sigma(z)(1 - \sigma(z))$ (au plus 1/4). On la préfère au seuil car elle
# varie en douceur : une petite modification des poids change un peu la sortie, ce qui permet
# de savoir dans quel sens corriger les poids.
#
# </details>
#
# <details class="question">
# <summary>Un détecteur de fraude bancaire a 99,9 % d'exactitude. Pourquoi n'est-ce pas
# forcément une bonne nouvelle ?</summary>
#
# Si seulement 0,1 % des opérations sont frauduleuses, le détecteur qui répond toujours « pas
# de fraude » a lui aussi 99,9 % d'exactitude, avec un rappel nul. Il faut regarder le rappel
# (quelle part des fraudes est détectée) et la précision (quelle part des alertes est justifiée).
#
# </details>
#
# ## Exercices

# %% [markdown] tags=["exercise"]
# **Exercice 1 (à la main).** Un perceptron a les poids $w = (1 ; -1 ; -1)$ et le biais
# $b = 0$. On lui présente la couleur orange $x = (1 ; 0{,}5 ; 0)$, étiquetée « rouge »
# ($y = 1$).
#
# 1. Calculez son score $z$ et sa réponse $\hat y$.
# 2. Appliquez une fois la règle du perceptron avec $\eta = 0{,}5$ : quels sont les nouveaux
#    poids et le nouveau biais ?
# 3. Que vaut maintenant le score de cette couleur ?

# %% [markdown] tags=["solution"]
# 1. $z = 1 \times 1 - 1 \times 0{,}5 - 1 \times 0 + 0 = 0{,}5 > 0$, donc $\hat y = 1$.
# 2. La réponse est juste ($y - \hat y = 0$) : **rien ne change**, $w = (1 ; -1 ; -1)$ et
#    $b = 0$. (Piège volontaire : la règle ne corrige que les erreurs.)
# 3. Toujours $0{,}5$. Si l'étiquette avait été « pas rouge » ($y = 0$), on aurait eu
#    $w = (1 ; -1 ; -1) - 0{,}5 \times (1 ; 0{,}5 ; 0) = (0{,}5 ; -1{,}25 ; -1)$,
#    $b = -0{,}5$, et le score serait devenu $0{,}5 - 0{,}625 - 0 - 0{,}5 = -0{,}625$.
#
# Le code du paquet fait le même calcul :

# %% tags=["solution"]
def show_neuron(neuron, x):
    weights = " ; ".join(format_number(w) for w in neuron.weights)
    print(f"  w = ({weights}), b = {format_number(neuron.bias)}, "
          f"score z = {format_number(neuron.weighted_sum(x))}, réponse {neuron(x)}")


orange = np.array([1.0, 0.5, 0.0])
for label, name in ((1, "« rouge »"), (0, "« pas rouge »")):
    neuron = Neuron(weights=[1.0, -1.0, -1.0], bias=0.0)
    train_perceptron(neuron, [orange], [label], learning_rate=0.5, max_epochs=1)
    print(f"Étiquette {name}, après une présentation de l'orange :")
    show_neuron(neuron, orange)

# %% tags=["hide"]
kept = Neuron(weights=[1.0, -1.0, -1.0], bias=0.0)
assert kept.weighted_sum(orange) == 0.5 and kept(orange) == 1, "« z = 0,5, donc ŷ = 1 » : faux"
train_perceptron(kept, [orange], [1], learning_rate=0.5, max_epochs=1)
assert np.array_equal(kept.weights, [1.0, -1.0, -1.0]) and kept.bias == 0.0, \
    "« rien ne change » n'est plus vrai"
assert np.allclose(neuron.weights, [0.5, -1.25, -1.0]) and neuron.bias == -0.5, \
    "« w = (0,5 ; −1,25 ; −1), b = −0,5 » n'est plus vrai"
assert np.isclose(neuron.weighted_sum(orange), -0.625), "« le score serait devenu −0,625 » : faux"

# %% [markdown] tags=["exercise"]
# **Exercice 2 (avec le code).** Ajoutez aux 60 couleurs une couleur mal étiquetée, le bleu
# pur $(0, 0, 1)$ marqué « rouge » (rangez-les dans `bad_colours` et `bad_labels`), puis
# relancez `train_perceptron` avec `max_epochs=200`. Que se passe-t-il, et pourquoi ?

# %% tags=["solution"]
bad_colours = np.vstack([colours, [0.0, 0.0, 1.0]])
bad_labels = np.append(is_red, 1)
stubborn = Neuron(weights=[0.5, 0.5, 0.5], bias=0.0)
h = train_perceptron(stubborn, bad_colours, bad_labels, learning_rate=0.1, max_epochs=200,
                     seed=0)
print("Convergé :", "oui" if h.converged else "non")
print("Erreurs des dix dernières époques :", h.errors[-10:])
print("Le moins d'erreurs en une époque :", min(h.errors))

# %% [markdown] tags=["solution"]
# L'apprentissage ne converge pas et le nombre d'erreurs par époque ne tombe jamais à zéro. Le
# bleu pur est entouré de couleurs « pas rouge » : aucun plan ne peut mettre le bleu du côté
# « rouge » sans y mettre aussi des couleurs qui ne le sont pas. Les données ne sont plus
# **séparables**, et la règle du perceptron corrige indéfiniment. Dans la vraie vie, les
# données contiennent des erreurs d'étiquette : c'est une des raisons pour lesquelles on
# utilise d'autres méthodes d'apprentissage (chapitre suivant).

# %% tags=["check"]
assert len(bad_colours) == 61 and bad_labels[-1] == 1 and list(bad_colours[-1]) == [0, 0, 1], \
    "Il faut les 60 couleurs du chapitre, plus le bleu pur (0, 0, 1) étiqueté 1 (« rouge »)."
print("Les données sont prêtes : regardez maintenant si l'apprentissage s'arrête.")

# %% tags=["hide"]
from scipy.optimize import linprog


def separable(points, labels):
    """Un plan sépare-t-il les deux classes ? On cherche (w, b) avec ±(w · x + b) ≥ 1."""
    signs = np.where(np.asarray(labels) == 1, 1.0, -1.0)
    rows = -signs[:, None] * np.hstack([points, np.ones((len(points), 1))])
    result = linprog(np.zeros(points.shape[1] + 1), A_ub=rows, b_ub=-np.ones(len(points)),
                     bounds=[(None, None)] * (points.shape[1] + 1))
    return result.status == 0  # 0 : une solution existe ; 2 : aucune


assert separable(colours, is_red), "« la règle finit par marcher » : les 60 couleurs ne sont " \
    "plus séparables"
assert not separable(bad_colours, bad_labels), \
    "« aucun plan ne peut mettre le bleu du côté rouge » n'est plus vrai"
assert not h.converged and min(h.errors) > 0, \
    "« le nombre d'erreurs ne tombe jamais à zéro » n'est plus vrai"

# %% [markdown] tags=["exercise"]
# **Exercice 3 (avec le code).** Améliorez le détecteur de 8 en donnant des poids négatifs aux
# pixels où les **autres** chiffres mettent de l'encre : prenez
# `weights = mean_image(x_train, y_train, 8) - x_train[y_train != 8].mean(axis=0)`, choisissez
# le seuil à mi-chemin comme plus haut, rangez les réponses sur le jeu de test dans
# `improved`, puis comparez précision et rappel avec ceux du détecteur « 8 moyen ».

# %% tags=["solution"]
weights = mean_image(x_train, y_train, 8) - x_train[y_train != 8].mean(axis=0)
scores = x_train @ weights
t = (scores[y_train == 8].mean() + scores[y_train != 8].mean()) / 2
improved = (x_test @ weights) > t
report("8 moyen moins les autres :", improved)
report("8 moyen, pour comparer :", said_8)

# %% [markdown] tags=["solution"]
# Les pixels où les autres chiffres mettent en moyenne plus d'encre que les 8 reçoivent
# maintenant un poids **négatif** : un 0, par exemple, perd des points pour l'encre de ses
# bords gauche et droit, là où un 8 est plus étroit. Les autres chiffres marquent donc moins de
# points, et la précision **et** le rappel s'améliorent tous les deux. L'exactitude reste
# pourtant inférieure à celle du détecteur paresseux, et la précision loin de 100 % : un seul
# plan, choisi sans apprentissage, ne suffit pas. Ce sera l'idée du chapitre suivant :
# **apprendre** les poids, positifs comme négatifs.

# %% tags=["check"]
assert np.shape(improved) == is_8.shape, \
    f"improved doit contenir une réponse (vrai ou faux) par image de test ({len(is_8)})."
assert 0 < np.sum(improved) < len(improved), \
    "Votre détecteur dit toujours la même chose : vérifiez le seuil."
print("Votre détecteur répond : comparez ses précision et rappel à ceux du « 8 moyen ».")

# %% tags=["hide"]
assert weights.min() < 0, "« des poids négatifs » : il n'y en a plus"
assert precision(is_8, improved) > precision(is_8, said_8) \
    and recall(is_8, improved) > recall(is_8, said_8), \
    "« la précision et le rappel s'améliorent tous les deux » n'est plus vrai"
assert accuracy(is_8, improved) < accuracy(is_8, lazy), \
    "« l'exactitude reste inférieure à celle du détecteur paresseux » n'est plus vrai"
assert precision(is_8, improved) < 0.6, "« la précision reste loin de 100 % » n'est plus vrai"

# %% [markdown] tags=["exercise"]
# **Exercice 4 (à la main).** On construit de la même façon un détecteur de 1 (poids = le 1
# moyen, seuil à mi-chemin). Sans faire le calcul, pensez-vous que ce détecteur marchera bien ?
# Quel chiffre risque le plus d'être pris pour un 1 ? Vérifiez ensuite en adaptant le code du
# chapitre.

# %% [markdown] tags=["solution"]
# Un 1 contient très peu d'encre : son score reste modeste, même face au 1 moyen. Or les
# chiffres chargés d'encre au centre de l'image, surtout le **8** (mais aussi le 3 ou le 2),
# couvrent eux aussi la barre verticale du 1 moyen : le score moyen d'un 8 dépasse même celui
# d'un vrai 1, et ceux des 2 et des 3 en sont proches. Le seuil à mi-chemin laisse donc passer
# énormément de faux positifs, le 8 en tête. Avec des poids tous positifs, le produit scalaire
# favorise les images chargées d'encre. Vérification :

# %% tags=["solution"]
weights_1 = mean_image(x_train, y_train, 1)
scores_1 = x_train @ weights_1
t_1 = (scores_1[y_train == 1].mean() + scores_1[y_train != 1].mean()) / 2
said_1 = (x_test @ weights_1) > t_1
is_1 = y_test == 1
mean_scores_1 = [scores_1[y_train == d].mean() for d in range(10)]
print("Score moyen de chaque chiffre :",
      ", ".join(f"{d} → {format_decimal(m, 1)}" for d, m in enumerate(mean_scores_1)))
print(f"Précision {format_percent(precision(is_1, said_1))}, "
      f"rappel {format_percent(recall(is_1, said_1))}")
false_ones = np.bincount(y_test[said_1 & ~is_1], minlength=10)
print("Faux « 1 », chiffre par chiffre :",
      ", ".join(f"{d} → {n}" for d, n in enumerate(false_ones)))

# %% tags=["hide"]
assert mean_scores_1[8] > mean_scores_1[1], "« le score moyen d'un 8 dépasse celui d'un 1 » : faux"
assert min(mean_scores_1[2], mean_scores_1[3]) > 0.9 * mean_scores_1[1], \
    "« ceux des 2 et des 3 en sont proches » n'est plus vrai"
assert false_ones.argmax() == 8 and precision(is_1, said_1) < 0.3, \
    "« énormément de faux positifs, le 8 en tête » n'est plus vrai"
assert sorted(np.argsort(false_ones)[::-1][:3]) == [2, 3, 8], \
    "« surtout le 8 (mais aussi le 3 ou le 2) » n'est plus vrai"

# %% [markdown]
# ## À suivre
#
# Un neurone seul dit de quel côté d'un plan se trouve un point, et la règle du perceptron sait
# placer ce plan quand c'est possible. Pour lire dix chiffres, il faudra **dix** neurones, puis
# des **couches** de neurones, et une méthode d'apprentissage plus puissante : la descente de
# gradient et la rétropropagation. C'est le chapitre suivant,
# [Réseau de neurones et rétropropagation](../03_reseau/).
