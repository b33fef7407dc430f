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
# # Réseau de neurones et rétropropagation
#
# Au chapitre précédent, un neurone seul, avec des poids choisis à la main, détectait mal les 8.
# Ici, nous allons construire un vrai lecteur de chiffres : un **réseau** de neurones qui
# **apprend** ses poids, et qui lira correctement plus de 97 images de test sur 100. Au
# programme :
#
# 1. passer d'un neurone à dix (un par chiffre), puis à des **couches** de neurones ;
# 2. mesurer l'erreur du réseau avec une [**fonction de perte**](../../glossaire/#perte) ;
# 3. faire baisser cette erreur par [**descente de gradient**](../../glossaire/#descente-de-gradient),
#    mini-lot par mini-lot ;
# 4. calculer le gradient par [**rétropropagation**](../../glossaire/#retropropagation), et le vérifier ;
# 5. entraîner le réseau sur MNIST, regarder ses erreurs, et sauvegarder ce qu'il a appris.
#
# Tout le code est écrit « à la main » avec NumPy, dans le module `digitlab/network.py` du
# projet, court et fait pour être lu. Ce chapitre en montre les morceaux importants.
#
# <div class="admonition abstract lesson-goals" markdown>
# <p class="admonition-title">Dans ce chapitre</p>
#
# - **Vous saurez** : écrire un réseau de neurones comme une suite de couches, mesurer son
#   erreur par une fonction de perte (entropie croisée ou erreur quadratique), le faire
#   apprendre par descente de gradient stochastique, calculer le gradient par
#   rétropropagation et le vérifier par différences finies, choisir un taux d'apprentissage,
#   repérer le surapprentissage, et sauvegarder les poids appris.
# - **Prérequis** : chapitre « [Le neurone](../02_neurone/) » ; maths : produit de matrices,
#   dérivée et règle de la chaîne, logarithme et exponentielle (les encadrés « Pour aller
#   plus loin » détaillent les calculs et restent facultatifs : on peut les sauter).
# - **Durée** : environ 50 min de lecture, 1 min d'exécution
#
# </div>

# %%
import inspect
import math
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from digitlab.data import load_mnist, validation_split
from digitlab.fmt import (
    format_decimal,
    format_integer,
    format_number,
    format_percent,
    format_scientific,
)
from digitlab.network import (
    Dense,
    Network,
    ReLU,
    Sigmoid,
    SoftmaxCrossEntropy,
    gradient_check,
    numerical_gradient,
    one_hot,
    print_progress,
    sigmoid,
    softmax,
    to_vectors,
)
from digitlab.plotting import show, use_style

use_style()  # le style des figures du site : encre noire sur fond blanc, virgule décimale

(train_images, train_labels), (test_images, test_labels) = load_mnist()
# On met de côté 5 000 images d'entraînement, tirées au hasard mais toujours les mêmes, pour la
# **validation** : elles servent à suivre l'apprentissage et à faire des choix. C'est la même
# séparation que pour l'entraînement du modèle de la démo. Les 10 000 images de test ne servent
# qu'à la mesure finale.
(train_part, y_train), (val_part, y_val) = validation_split(train_images, train_labels)
x_train, x_val = to_vectors(train_part), to_vectors(val_part)
x_test, y_test = to_vectors(test_images), test_labels
print("Entraînement :", x_train.shape, " validation :", x_val.shape, " test :", x_test.shape)

# %% [markdown]
# Chaque image est devenue une ligne de 784 nombres entre 0 et 1 (les pixels, ligne après
# ligne). Un paquet de $n$ images est donc un tableau de $n$ lignes et 784 colonnes.
#
# ## D'un neurone à dix
#
# Pour reconnaître dix chiffres, prenons **dix neurones**, un par chiffre, qui regardent tous
# les 784 pixels. Le neurone n° $k$ calcule un score $z_k$ : « à quel point cette image
# ressemble-t-elle à un $k$ ? ». La réponse du réseau est le chiffre dont le score est le plus
# grand.
#
# Les poids des dix neurones se rangent dans un tableau $W$ de 784 lignes et 10 colonnes (la
# colonne $k$ contient les poids du neurone $k$), les dix biais dans un vecteur $b$. Les dix
# scores d'une image $x$ (une ligne de 784 nombres) se calculent alors d'un coup, par un
# **produit matriciel** :
#
# $$z = x\,W + b \qquad \text{(1 × 784) · (784 × 10) + (10) → (1 × 10)}.$$
#
# Et pour un paquet de $n$ images, empilées en un tableau $X$ de $n$ lignes, $Z = X W + b$ donne
# les $n \times 10$ scores d'un seul coup : c'est ce qui rend le calcul rapide.
#
# Pour apprendre, il faut aussi écrire la bonne réponse sous la forme de dix nombres : c'est le
# codage **« un parmi dix »** (*one-hot*). Le chiffre 3 devient le vecteur
# $(0, 0, 0, 1, 0, 0, 0, 0, 0, 0)$ : un 1 à la place n° 3 (on compte à partir de 0), des 0
# ailleurs. C'est exactement ce que le réseau idéal devrait répondre.

# %%
print("Étiquettes :", y_train[:4])
print("Codage « un parmi dix » :")
print(one_hot(y_train[:4]).astype(int))

single_layer = Network([784, 10], seed=0)
W, b = single_layer.parameters()
scores = single_layer.forward(x_train[:4])
print("Forme de W :", W.shape, " forme de b :", b.shape, " forme des scores :", scores.shape)
print("Réponses (au hasard pour l'instant) :", scores.argmax(axis=1))

# %% [markdown]
# Ces dix neurones n'ont encore rien appris : leurs poids sont tirés au hasard. Avant de voir
# **comment** ils apprennent, voyons ce qu'ils apprennent : entraînons-les deux époques (nous
# expliquerons tout cela plus bas) et dessinons les 784 poids de chaque neurone comme une
# image. En rouge les poids positifs (« de l'encre ici, c'est bon signe »), en bleu les poids
# négatifs (« de l'encre ici, c'est mauvais signe »).

# %%
single_layer.train(x_train, y_train, epochs=2, batch_size=32, learning_rate=0.1, seed=0)
_, single_accuracy = single_layer.evaluate(x_val, y_val)

fig, axes = plt.subplots(1, 10, figsize=(11, 1.9), layout="constrained")
limit = np.abs(W).max()
for digit, ax in enumerate(axes):
    ax.imshow(W[:, digit].reshape(28, 28), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(f"neurone {digit}", fontsize=9)
    ax.axis("off")
fig.suptitle("Les poids appris par les dix neurones (rouge : positif, bleu : négatif)")
show(fig, "Dix petites images, une par neurone de 0 à 9, qui montrent ses 784 poids appris : "
          "en rouge les poids positifs, en bleu les négatifs. La forme de chaque chiffre se "
          "devine en rouge, entourée de bleu.")
print(f"Exactitude de ces dix neurones sur la validation : {format_percent(single_accuracy)}")

# %% [markdown]
# On reconnaît la forme de chaque chiffre, en rouge, entourée de bleu : les poids négatifs que
# notre détecteur « 8 moyen » n'avait pas. Dix neurones bien réglés lisent déjà plus de neuf
# chiffres sur dix. Pour faire mieux, il faut aller au-delà d'un simple « modèle » par chiffre.

# %% tags=["hide"]
assert W.min() < 0 < W.max(), "« les poids négatifs » : il n'y en a plus"
assert single_accuracy > 0.9, \
    "« dix neurones lisent déjà plus de neuf chiffres sur dix » n'est plus vrai : " \
    + format_percent(single_accuracy)

# %% [markdown]
#
# ## Des couches de neurones
#
# Un 7 peut être barré ou non, un 4 ouvert ou fermé : une seule image modèle par chiffre ne
# suffit pas. L'idée est d'intercaler une **couche cachée** de neurones entre les pixels et
# les dix sorties. Chaque neurone caché détecte un motif (un trait, une boucle, un coin…), et
# les dix neurones de sortie combinent ces motifs au lieu de regarder directement les pixels.
# Entre les deux, on applique une activation, sinon deux couches successives se résumeraient à
# une seule (enchaîner deux produits matriciels, c'est encore un produit matriciel).
#
# Notre réseau aura 128 neurones cachés, avec l'activation [**ReLU**](../../glossaire/#relu), très utilisée
# aujourd'hui : $\text{ReLU}(z) = \max(0, z)$. Elle laisse passer les scores positifs et met
# les négatifs à zéro. Contrairement à la sigmoïde, elle ne sature pas pour les grands scores.
# Les informations circulent dans un seul sens, des pixels vers les sorties : c'est un réseau
# **à propagation avant** (*feed-forward*).

# %%
def draw_network(ax, sizes, shown=(8, 7, 10), names=("entrée", "couche cachée", "sortie")):
    """Schéma d'un réseau à trois couches (quelques neurones de chaque couche seulement)."""
    xs = [0, 1, 2]
    positions = []
    for x, n_shown in zip(xs, shown):
        ys = np.linspace(-1, 1, n_shown) * (n_shown / max(shown))
        positions.append([(x, y) for y in ys])
    for left, right in zip(positions[:-1], positions[1:]):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0, x1], [y0, y1], color="0.75", lw=0.5, zorder=1)
    colors = ["0.85", "tab:blue", "tab:orange"]
    for layer, (x, n_total, name, color) in enumerate(zip(xs, sizes, names, colors)):
        for i, (px, py) in enumerate(positions[layer]):
            ax.scatter(px, py, s=160, color=color, edgecolors="black", zorder=2)
            if layer == 2:
                ax.text(px + 0.09, py, str(i), va="center", fontsize=8)
        ax.text(x, -1.25, f"{name}\n{n_total} neurones" if layer else f"{name}\n{n_total} pixels",
                ha="center", va="top", fontsize=9)
    ax.text(0.5, 1.1, "W1 : 784 × 128", ha="center", fontsize=9)
    ax.text(1.5, 1.1, "W2 : 128 × 10", ha="center", fontsize=9)
    ax.set_xlim(-0.3, 2.4)
    ax.set_ylim(-1.6, 1.25)
    ax.axis("off")


fig, ax = plt.subplots(figsize=(7, 4))
draw_network(ax, [784, 128, 10])
ax.set_title("Un réseau 784 → 128 → 10 (seuls quelques neurones sont dessinés)")
show(fig, "Schéma d'un réseau à trois couches : à gauche l'entrée, 784 pixels ; au milieu une "
          "couche cachée de 128 neurones ; à droite 10 neurones de sortie numérotés de 0 à 9. "
          "Chaque neurone est relié à tous ceux de la couche suivante, par les poids W1 "
          "(784 × 128) puis W2 (128 × 10).")

network = Network([784, 128, 10], activation="relu", loss="cross_entropy", seed=0,
                  dtype=np.float32)
print(network)
n_parameters = sum(p.size for p in network.parameters())
print(f"Nombre de paramètres : 784 × 128 + 128 + 128 × 10 + 10 = {format_integer(n_parameters)}")

# %% tags=["hide"]
assert n_parameters == 784 * 128 + 128 + 128 * 10 + 10 > 100_000, \
    "« plus de cent mille paramètres » n'est plus vrai"
assert [type(layer).__name__ for layer in network.layers] == ["Dense", "ReLU", "Dense"], \
    "« Dense, puis ReLU, puis une seconde Dense » n'est plus vrai"

# %% [markdown]
# `print(network)` décrit le réseau : une simple liste de couches, `Dense` (la somme pondérée
# $Z = XW + b$), puis `ReLU`, puis une seconde `Dense`, avec la forme et le nombre de
# paramètres de chacune ; la softmax n'est pas une couche à part, elle est dans la perte (nous
# verrons pourquoi). Calculer la sortie, c'est faire traverser les couches dans l'ordre,
# c'est la **propagation avant** :

# %%
print(inspect.getsource(Network.forward))

# %% [markdown]
# Plus de cent mille paramètres à régler : on ne les choisira certainement pas à la main. Il
# nous faut d'abord une façon de **mesurer** à quel point le réseau se trompe.
#
# ## Mesurer l'erreur : la fonction de perte
#
# Une **fonction de perte** (ou de coût) $C$ donne un nombre qui est petit quand le réseau
# répond bien et grand quand il répond mal. Apprendre, ce sera chercher les poids qui rendent
# $C$ aussi petite que possible, en moyenne sur les exemples.
#
# **L'erreur quadratique moyenne** (MSE, *mean squared error*) est la plus intuitive. On met
# une sigmoïde sur chaque sortie (des nombres $a_k$ entre 0 et 1) et on mesure l'écart au
# codage « un parmi dix » $y$ :
#
# $$C_{\text{MSE}} = \frac{1}{2} \sum_{k=0}^{9} (a_k - y_k)^2.$$
#
# **La softmax suivie de l'entropie croisée** est celle que l'on utilise presque toujours pour
# classer. La [**softmax**](../../glossaire/#softmax) transforme les dix scores en dix probabilités
# positives, de
# somme 1 :
#
# $$p_k = \frac{e^{z_k}}{e^{z_0} + e^{z_1} + \dots + e^{z_9}},$$
#
# et l'[**entropie croisée**](../../glossaire/#entropie-croisee) ne regarde que la probabilité donnée à la
# bonne réponse $c$ :
#
# $$C_{\text{EC}} = -\ln p_c.$$
#
# Si le réseau donne une probabilité de 1 à la bonne réponse, la perte est nulle ; s'il lui
# donne 0,5, elle vaut $\ln 2 \approx 0{,}69$ ; s'il lui donne 0,01, elle vaut 4,6 : la perte
# punit sévèrement une certitude mal placée.

# %%
logits = np.array([[2.0, 1.0, 0.1, -1.0, 0.5, 0.0, -0.5, 3.0, 0.2, 1.5]])
probabilities = softmax(logits)[0]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 2.8))
ax1.bar(range(10), logits[0], color="0.6")
ax1.set_title("Dix scores z (n'importe quels nombres)")
ax2.bar(range(10), probabilities, color="tab:blue")
ax2.set_title("Après la softmax : des probabilités")
for ax in (ax1, ax2):
    ax.set_xticks(range(10))
    ax.set_xlabel("chiffre")
fig.tight_layout()
show(fig, "Deux diagrammes en barres pour les chiffres 0 à 9. À gauche, dix scores "
          "quelconques, positifs ou négatifs, le plus grand pour le 7. À droite, les mêmes "
          "après la softmax : des probabilités toutes positives, dont la somme vaut 1, et le 7 "
          "reçoit de loin la plus grande.")
print(f"Somme des probabilités : {format_decimal(probabilities.sum(), 3)}")
for digit in (7, 3):
    print(f"Si la bonne réponse est {digit} : perte = "
          f"−ln({format_decimal(probabilities[digit], 3)}) = "
          f"{format_decimal(-np.log(probabilities[digit]), 3)}")

# %% [markdown]
# ### Pourquoi l'entropie croisée apprend plus vite
#
# Prenons un seul neurone sigmoïde, d'entrée $x = 1$, qui doit répondre 0 mais qui, au départ,
# répond presque 1 : il est **saturé** (score $z = 4$, sortie $\sigma(4) \approx 0{,}98$).
# Apprendre, c'est modifier son poids et son biais dans le sens qui fait baisser la perte, d'une
# quantité proportionnelle à la **pente** de la perte (nous le détaillerons plus bas). Pour ce
# neurone, la pente de chaque perte par rapport au score $z$ vaut :
#
# - avec la MSE : $(a - y)\,\sigma'(z)$ ;
# - avec l'entropie croisée (dans sa version à une seule sortie,
#   $C = -[\,y \ln a + (1 - y) \ln(1 - a)\,]$) : $a - y$, tout simplement.
#
# Le facteur $\sigma'(z)$ est minuscule quand le neurone sature (voir le chapitre précédent) :
# avec la MSE, **plus le neurone se trompe avec assurance, plus il apprend lentement**.
# L'entropie croisée n'a pas ce défaut. Comparons les deux, avec le même taux d'apprentissage.

# %%
def train_one_neuron(loss, steps=300, learning_rate=0.15):
    """Un neurone sigmoïde d'entrée 1, de cible 0, parti de w = 2 et b = 2 (saturé)."""
    w, b, outputs = 2.0, 2.0, []
    for _ in range(steps):
        a = float(sigmoid(w * 1.0 + b))
        outputs.append(a)
        # Pente de la perte par rapport au score z (x = 1, donc même pente pour w et b).
        slope = (a - 0.0) * a * (1 - a) if loss == "mse" else (a - 0.0)
        w -= learning_rate * slope * 1.0
        b -= learning_rate * slope
    return outputs


outputs_mse, outputs_ce = train_one_neuron("mse"), train_one_neuron("ce")
fig, ax = plt.subplots(figsize=(8, 3.2))
ax.plot(outputs_mse, color="tab:red", lw=2, label="erreur quadratique (MSE)")
ax.plot(outputs_ce, color="tab:blue", lw=2, label="entropie croisée")
ax.set_title("Un neurone saturé qui doit passer de 1 à 0")
ax.set_xlabel("pas d'apprentissage")
ax.set_ylabel("sortie du neurone")
ax.legend()
ax.grid(alpha=0.3)
show(fig, "Sortie d'un neurone saturé au fil de 300 pas d'apprentissage. Avec l'entropie "
          "croisée, en bleu, elle tombe de presque 1 vers 0 dès les premiers pas. Avec "
          "l'erreur quadratique, en rouge, elle reste collée près de 1 pendant plus de cent "
          "cinquante pas avant de descendre lentement.")

# %% [markdown]
# Avec la MSE, le neurone reste longtemps bloqué près de 1 avant de se décider ; avec l'entropie
# croisée, il corrige son erreur tout de suite. Le même phénomène existe dans un vrai réseau :
# comparons deux réseaux identiques (une couche cachée de 30 sigmoïdes), l'un entraîné avec la
# MSE et des sorties sigmoïdes, l'autre avec la softmax et l'entropie croisée, sur les 10 000
# premières images pendant une époque.

# %% tags=["hide"]
assert min(outputs_mse[:150]) > 0.9, \
    "« avec la MSE, le neurone reste longtemps bloqué près de 1 » n'est plus vrai"
assert min(outputs_ce[:30]) < 0.5, \
    "« avec l'entropie croisée, il corrige son erreur tout de suite » n'est plus vrai"

# %%
fig, ax = plt.subplots(figsize=(8, 3.2))
window = 50
runs, final_accuracy = {}, {}
for loss, color, name in [("mse", "tab:red", "erreur quadratique (MSE)"),
                          ("cross_entropy", "tab:blue", "entropie croisée")]:
    small = Network([784, 30, 10], activation="sigmoid", loss=loss, seed=0, dtype=np.float32)
    run = small.train(x_train[:10000], y_train[:10000], epochs=1, batch_size=10,
                      learning_rate=0.5, seed=0)
    smooth = np.convolve(run.batch_accuracy, np.ones(window) / window, mode="valid")
    ax.plot(np.arange(window, len(run.batch_accuracy) + 1), smooth, color=color, label=name)
    runs[loss] = run
    final_accuracy[loss] = small.evaluate(x_val, y_val)[1]
    print(f"{name} : exactitude de validation après une époque "
          f"{format_percent(final_accuracy[loss])}")
ax.set_title("Même réseau, même taux d'apprentissage (η = 0,5), deux pertes")
ax.set_xlabel("itération (mini-lot de 10 images)")
ax.set_ylabel(f"exactitude (moyenne sur {window} mini-lots)")
ax.set_ylim(0, 1)
ax.legend()
ax.grid(alpha=0.3)
show(fig, "Exactitude de deux réseaux identiques pendant une époque d'apprentissage, en "
          "moyenne glissante sur 50 mini-lots. La courbe bleue de l'entropie croisée monte "
          "vite, au-dessus de 80 % en quelques centaines d'itérations ; la courbe rouge de "
          "l'erreur quadratique démarre bien plus lentement et reste en dessous jusqu'à la fin.")

# %% [markdown]
# L'entropie croisée démarre bien plus vite. On pourrait compenser en partie avec un taux
# d'apprentissage plus grand pour la MSE, mais le ralentissement des neurones saturés resterait.
# C'est pourquoi, pour classer, on utilise presque toujours softmax et entropie croisée. C'est
# notre choix pour la suite.

# %% tags=["hide"]
start_ce, start_mse = (np.mean(runs[loss].batch_accuracy[:200])
                       for loss in ("cross_entropy", "mse"))
assert start_ce > start_mse + 0.15, \
    "« l'entropie croisée démarre bien plus vite » n'est plus vrai : " \
    + format_percent(start_ce) + " contre " + format_percent(start_mse)
assert np.mean(runs["cross_entropy"].batch_accuracy[200:500]) > 0.8, \
    "« au-dessus de 80 % en quelques centaines d'itérations » (figure) n'est plus vrai"
end_ce, end_mse = (np.mean(runs[loss].batch_accuracy[-200:]) for loss in ("cross_entropy", "mse"))
assert end_ce > end_mse and final_accuracy["cross_entropy"] > final_accuracy["mse"], \
    "« la courbe de l'erreur quadratique reste en dessous jusqu'à la fin » (figure) : faux"

# %% [markdown]
# <details class="note">
# <summary>Pour aller plus loin : la pente de la softmax avec l'entropie croisée</summary>
#
# Notons $S = \sum_j e^{z_j}$, de sorte que $p_k = e^{z_k}/S$ et
# $C = -\ln p_c = -z_c + \ln S$. Dérivons par rapport au score $z_k$ : la dérivée de
# $\ln S$ est $\frac{1}{S}\frac{\partial S}{\partial z_k} = \frac{e^{z_k}}{S} = p_k$, et celle
# de $-z_c$ vaut $-1$ si $k = c$, 0 sinon. D'où
#
# $$\frac{\partial C}{\partial z_k} = p_k - y_k,$$
#
# avec $y$ le codage « un parmi dix » de la bonne réponse. La pente est simplement « ce que le
# réseau a répondu moins ce qu'il aurait dû répondre », sans aucun facteur $\sigma'$ qui
# pourrait s'annuler. Avec la MSE et des sorties sigmoïdes, on trouve au contraire
# $\frac{\partial C}{\partial z_k} = (a_k - y_k)\,\sigma'(z_k)$.
#
# Dans le code, on ne calcule jamais $\ln p_c$ naïvement : si $p_c$ est arrondie à 0, on
# obtiendrait $-\ln 0 = +\infty$. On utilise $\ln p_c = z_c - m - \ln \sum_j e^{z_j - m}$, avec
# $m = \max_j z_j$ : toutes les exponentielles sont alors au plus 1 et rien ne déborde. Cette
# forme stable est vérifiée par les tests du projet, contre Keras et contre la formule exacte.
#
# </details>

# %%
print(inspect.getsource(SoftmaxCrossEntropy))

# %% [markdown]
# ## Descendre la pente : la descente de gradient
#
# Imaginez-vous dans la montagne, dans un épais brouillard, et vous voulez descendre dans la
# vallée. Vous ne voyez pas le chemin, mais vous sentez sous vos pieds de quel côté le sol
# descend : vous faites un pas dans ce sens, puis vous recommencez. C'est la **descente de
# gradient**. L'altitude, c'est la perte $C$ ; votre position, ce sont les poids du réseau ; la
# pente sous vos pieds, c'est le **gradient** : la liste des dérivées
# $\frac{\partial C}{\partial w}$ de la perte par rapport à chaque poids. À chaque pas, chaque
# poids recule d'un petit multiple de sa dérivée :
#
# $$w \leftarrow w - \eta\,\frac{\partial C}{\partial w}.$$
#
# Le nombre $\eta$ (« êta ») est le **taux d'apprentissage**, la longueur des pas. Si la
# dérivée est positive, augmenter $w$ ferait monter la perte : on le diminue ; si elle est
# négative, on l'augmente. Voici la méthode sur une perte à un seul poids,
# $C(w) = (w - 3)^2 + 1$, dont le minimum est en $w = 3$, avec trois longueurs de pas.

# %%
def descend(learning_rate, start=-1.0, steps=10):
    path = [start]
    for _ in range(steps):
        w = path[-1]
        path.append(w - learning_rate * 2 * (w - 3))  # la dérivée de (w − 3)² + 1 est 2 (w − 3)
    return np.array(path)


w_grid = np.linspace(-5, 11, 200)
fig, axes = plt.subplots(1, 3, figsize=(11, 3.2), sharey=True)
for ax, (eta, verdict) in zip(axes, [(0.05, "trop petit : on avance à peine"),
                                     (0.3, "bien choisi"),
                                     (1.05, "trop grand : on s'éloigne")]):
    path = descend(eta, steps=10 if eta < 1 else 6)
    ax.plot(w_grid, (w_grid - 3) ** 2 + 1, color="0.6")
    ax.plot(path, (path - 3) ** 2 + 1, "o-", color="tab:blue", ms=4, lw=1)
    ax.scatter(path[0], (path[0] - 3) ** 2 + 1, color="black", zorder=3, label="départ")
    ax.set_title(f"η = {format_number(eta)} : {verdict}", fontsize=10)
    ax.set_xlabel("poids w")
    ax.set_ylim(0, 55)
    ax.set_xlim(-5, 11)
axes[0].set_ylabel("perte C(w)")
axes[0].legend(loc="upper center")
fig.suptitle("Descente de gradient sur C(w) = (w − 3)² + 1 avec trois taux d'apprentissage η")
fig.tight_layout()
show(fig, "Trois fois la même parabole C(w) = (w − 3)² + 1, de minimum en w = 3, avec les pas "
          "de la descente de gradient partis de w = −1. Avec η = 0,05, les points avancent à "
          "petits pas et sont encore loin du fond après dix pas. Avec η = 0,3, ils atteignent "
          "le fond en quelques pas. Avec η = 1,05, ils sautent d'un versant à l'autre, de plus "
          "en plus haut.")

# %% [markdown]
# Avec un pas trop petit, on finit par arriver, mais après un grand nombre de pas. Avec un pas trop
# grand, on saute par-dessus le fond de la vallée, de plus en plus loin : la perte **diverge**.

# %% tags=["hide"]
slow, good, wild = descend(0.05), descend(0.3), descend(1.05, steps=6)
assert np.all(np.diff(slow) > 0) and abs(slow[-1] - 3) > 1, \
    "« avec un pas trop petit, on avance à peine » n'est plus vrai"
assert abs(good[-1] - 3) < 0.01, "« η = 0,3 : bien choisi » n'est plus vrai"
assert np.all(np.diff(np.abs(wild - 3)) > 0) and np.all(np.diff(np.sign(wild - 3)) != 0), \
    "« on saute par-dessus le fond de la vallée, de plus en plus loin » n'est plus vrai"

# %% [markdown]
# Notre réseau a plus de cent mille poids au lieu d'un, mais la règle est la même pour chacun.
#
# ### Par mini-lots : la descente de gradient stochastique
#
# La vraie perte est la moyenne sur les 55 000 images d'entraînement. Calculer son gradient
# exact à chaque pas coûterait un passage complet sur les données… pour un seul petit pas. On
# se contente donc d'une **estimation** du gradient sur un petit paquet d'images tirées au
# hasard, un [**mini-lot**](../../glossaire/#lot) : c'est la descente de gradient **stochastique** (SGD, pour
# *stochastic gradient descent*), c'est-à-dire « au hasard ». Le vocabulaire :
#
# - la **taille de lot** : le nombre d'images par mini-lot (ici 32) ;
# - une **itération** : un pas de descente de gradient, calculé sur un mini-lot ;
# - une **époque** : un passage complet sur les données d'entraînement, mélangées à chaque
#   fois, soit 55 000 / 32 ≈ 1 719 itérations.
#
# L'estimation est bruitée, mais peu coûteuse : en une époque, on fait 1 719 petits pas au lieu
# d'un seul. Voici le pas de descente tel qu'il est écrit dans le module : un passage avant, la
# perte, un passage arrière (nous verrons plus bas comment il calcule le gradient), puis chaque
# paramètre recule de $\eta$ fois sa dérivée.

# %% tags=["hide"]
assert len(x_train) == 55_000 and math.ceil(len(x_train) / 32) == 1719, \
    "« 55 000 / 32 ≈ 1 719 itérations » n'est plus vrai"

# %%
print(inspect.getsource(Network.sgd_step))

# %% [markdown]
# La méthode `train` l'appelle pour chaque mini-lot, époque après époque, en mélangeant les
# exemples au début de chaque époque et en notant au passage la perte et l'exactitude dans un
# historique (`History`). Si on lui donne une fonction `report`, elle l'appelle à la fin de
# chaque époque : c'est ainsi que `print_progress` affichera plus bas une ligne par époque,
# sans que la boucle d'apprentissage s'occupe elle-même de l'affichage.

# %%
print(inspect.getsource(Network.train))

# %% [markdown]
# ### Le taux d'apprentissage, trop faible ou trop fort
#
# Entraînons le même réseau (784 → 128 → 10) sur les 10 000 premières images pendant deux
# époques, avec trois taux d'apprentissage, et suivons la perte au fil des itérations.

# %%
fig, ax = plt.subplots(figsize=(9, 3.6))
window = 25
trials, trial_runs, trial_accuracy = {}, {}, {}
for eta, color, verdict in [(0.002, "tab:green", "trop faible"),
                            (0.1, "tab:blue", "bien choisi"),
                            (2.0, "tab:red", "trop fort")]:
    trial = Network([784, 128, 10], seed=0, dtype=np.float32)
    run = trial.train(x_train[:10000], y_train[:10000], epochs=2, batch_size=32,
                      learning_rate=eta, seed=0)
    smooth = np.convolve(run.batch_loss, np.ones(window) / window, mode="valid")
    label = f"η = {format_number(eta)} ({verdict})"
    ax.plot(np.arange(window, len(run.batch_loss) + 1), smooth, color=color, label=label)
    if run.diverged:
        print(f"{label} : la perte a divergé")
    else:
        trial_accuracy[eta] = trial.evaluate(x_val, y_val)[1]
        print(f"{label} : exactitude de validation {format_percent(trial_accuracy[eta])}")
    trials[eta], trial_runs[eta] = trial, run
ax.set_yscale("log")
loss_ticks = [0.2, 0.3, 0.5, 1, 2, 3]
ax.set_yticks(loss_ticks, labels=[format_number(t) for t in loss_ticks])
ax.minorticks_off()
ax.set_title("La perte pendant l'apprentissage selon le taux d'apprentissage η")
ax.set_xlabel("itération (mini-lot de 32 images)")
ax.set_ylabel(f"perte (moyenne sur {window} mini-lots)")
ax.legend()
ax.grid(alpha=0.3, which="both")
show(fig, "La perte au fil de deux époques pour trois taux d'apprentissage, sur une échelle "
          "logarithmique. Avec η = 0,1, en bleu, elle tombe vite et bas. Avec η = 0,002, en "
          "vert, elle descend lentement et reste haute. Avec η = 2, en rouge, elle bondit dès "
          "le début puis reste coincée haut, au-dessus de la courbe bleue.")

# Les neurones cachés « morts » du réseau au pas trop fort : toujours à zéro sur la validation.
too_strong = trials[2.0].layers[0]
dead_share = np.mean((x_val @ too_strong.W + too_strong.b).max(axis=0) <= 0)
print(f"Neurones cachés toujours à zéro avec η = 2 : {format_percent(dead_share, 0)}")

# %% [markdown]
# Avec $\eta$ trop faible, la perte baisse, mais si lentement qu'après deux époques le réseau
# lit encore mal. Avec $\eta$ trop fort, les premiers pas font exploser les poids : la perte
# bondit, puis le réseau reste coincé. Presque tous ses neurones ReLU sont « morts » : leur
# somme pondérée est négative pour toutes les images, leur sortie toujours nulle, et leur
# gradient aussi, si bien qu'ils n'apprendront plus jamais rien. Ce réseau lit alors encore
# moins bien que celui au pas trop faible. Entre les deux, ici $\eta = 0{,}1$, l'apprentissage
# est rapide et sûr. Trouver un bon taux d'apprentissage se fait par essais, exactement comme
# ici, en commençant sur une petite partie des données.

# %% tags=["hide"]
assert not any(run.diverged for run in trial_runs.values()), \
    "« la perte bondit, puis le réseau reste coincé » : un des trois essais a divergé"
assert trial_accuracy[0.002] < 0.8 and trial_accuracy[0.002] < trial_accuracy[0.1] - 0.1, \
    "« avec η trop faible, après deux époques le réseau lit encore mal » n'est plus vrai"
first_losses = trial_runs[2.0].batch_loss
assert max(first_losses[:50]) > 2 * first_losses[0], "« la perte bondit » n'est plus vrai"
assert dead_share > 0.8, \
    "« presque tous ses neurones ReLU sont morts » n'est plus vrai : " + format_percent(dead_share)
assert trial_accuracy[2.0] < trial_accuracy[0.002], \
    "« ce réseau lit encore moins bien que celui au pas trop faible » n'est plus vrai"
last = {eta: np.mean(run.batch_loss[-window:]) for eta, run in trial_runs.items()}
assert last[0.1] < min(last[0.002], last[2.0]), \
    "« avec η = 0,1, elle tombe vite et bas » (figure) n'est plus vrai"

# %% [markdown]
# ## La rétropropagation : calculer le gradient
#
# Reste la question centrale : comment calculer les $\frac{\partial C}{\partial w}$ de plus de
# cent mille poids ? La réponse s'appelle la **rétropropagation** (*backpropagation*). Elle
# repose sur une seule idée de mathématiques, la **règle de la chaîne** : quand des grandeurs
# dépendent les unes des autres en chaîne, les « taux de variation » se multiplient. Si une
# petite variation de $u$ est multipliée par 3 en passant à $v$, puis celle de $v$ par 2 en
# passant à $C$, alors celle de $u$ est multipliée par $3 \times 2 = 6$ en arrivant à $C$ :
#
# $$
# \frac{\partial C}{\partial u} = \frac{\partial C}{\partial v} \cdot \frac{\partial v}{\partial u}.
# $$
#
# ### Sur un tout petit réseau
#
# Prenons le plus petit réseau possible : une entrée $x$, un neurone caché, un neurone de
# sortie, et la perte $C = \frac{1}{2}(a_2 - y)^2$. Le calcul avant s'écrit :
#
# $$z_1 = w_1 x + b_1, \quad a_1 = \sigma(z_1), \quad z_2 = w_2 a_1 + b_2, \quad a_2 = \sigma(z_2),
# \quad C = \tfrac{1}{2}(a_2 - y)^2.$$
#
# Pour obtenir la dérivée de $C$ par rapport à $w_1$, on remonte la chaîne **depuis la fin**,
# une étape à la fois, en réutilisant chaque résultat pour l'étape suivante :
#
# 1. $\dfrac{\partial C}{\partial a_2} = a_2 - y$ ;
# 2. $\dfrac{\partial C}{\partial z_2} = \dfrac{\partial C}{\partial a_2} \cdot \sigma'(z_2)$ ;
#    on en déduit $\dfrac{\partial C}{\partial w_2} = \dfrac{\partial C}{\partial z_2} \cdot a_1$
#    et $\dfrac{\partial C}{\partial b_2} = \dfrac{\partial C}{\partial z_2}$ ;
# 3. $\dfrac{\partial C}{\partial a_1} = \dfrac{\partial C}{\partial z_2} \cdot w_2$ ;
# 4. $\dfrac{\partial C}{\partial z_1} = \dfrac{\partial C}{\partial a_1} \cdot \sigma'(z_1)$ ;
#    on en déduit $\dfrac{\partial C}{\partial w_1} = \dfrac{\partial C}{\partial z_1} \cdot x$
#    et $\dfrac{\partial C}{\partial b_1} = \dfrac{\partial C}{\partial z_1}$.
#
# C'est tout : un passage vers l'avant pour calculer les $z$ et les $a$, puis un passage vers
# l'arrière, où chaque étape multiplie par une dérivée locale, très simple. Faisons le calcul
# avec des nombres, et comparons au résultat obtenu « à l'aveugle » en faisant varier un peu
# $w_1$ et en regardant de combien $C$ change.

# %%
x, y = 1.5, 0.0
w1, b1, w2, b2 = 0.8, -0.2, 1.3, 0.4

# Passage avant.
z1 = w1 * x + b1
a1 = float(sigmoid(z1))
z2 = w2 * a1 + b2
a2 = float(sigmoid(z2))
C = 0.5 * (a2 - y) ** 2

# Passage arrière : une multiplication par étape (σ'(z) = σ(z) (1 − σ(z))).
dC_da2 = a2 - y
dC_dz2 = dC_da2 * a2 * (1 - a2)
dC_dw2 = dC_dz2 * a1
dC_da1 = dC_dz2 * w2
dC_dz1 = dC_da1 * a1 * (1 - a1)
dC_dw1 = dC_dz1 * x


def loss_for(w1_value):
    return 0.5 * (float(sigmoid(w2 * float(sigmoid(w1_value * x + b1)) + b2)) - y) ** 2


eps = 1e-6
estimate = (loss_for(w1 + eps) - loss_for(w1 - eps)) / (2 * eps)
print(f"Perte : {format_decimal(C, 6)}")
print(f"∂C/∂w1 par rétropropagation : {format_decimal(dC_dw1, 8)}")
print(f"∂C/∂w1 en faisant varier w1 : {format_decimal(estimate, 8)}")
print(f"∂C/∂w2 par rétropropagation : {format_decimal(dC_dw2, 8)}")

# %% tags=["hide"]
assert abs(dC_dw1 - estimate) < 1e-9, \
    "« comparons au résultat obtenu à l'aveugle » : la rétropropagation et la variation de w1 " \
    "ne donnent plus le même ∂C/∂w1"

# %% [markdown]
# ### Pour un vrai réseau, couche par couche
#
# Dans un vrai réseau, chaque couche reçoit et renvoie des tableaux au lieu de nombres, mais le
# principe est identique. Chaque couche sait faire deux choses :
#
# - `forward` : calculer sa sortie à partir de son entrée (et garder en mémoire ce qui servira
#   au retour) ;
# - `backward` : recevoir le gradient de la perte par rapport à **sa sortie**, et renvoyer le
#   gradient par rapport à **son entrée**, en calculant au passage le gradient de ses propres
#   poids.
#
# Pour une couche dense $Z = XW + b$, recevant $\Delta = \frac{\partial C}{\partial Z}$ (un
# tableau de la même forme que $Z$, une ligne par image du mini-lot), les règles sont :
#
# $$\frac{\partial C}{\partial W} = X^{\top} \Delta, \qquad
# \frac{\partial C}{\partial b} = \text{somme des lignes de } \Delta, \qquad
# \frac{\partial C}{\partial X} = \Delta\, W^{\top}.$$
#
# Pour une activation $A = f(Z)$ appliquée case par case, on multiplie case par case par la
# dérivée : $\frac{\partial C}{\partial Z} = \frac{\partial C}{\partial A} \odot f'(Z)$, avec
# $f'(z) = 1$ si $z > 0$ et 0 sinon pour ReLU, et $f'(z) = \sigma(z)(1 - \sigma(z))$ pour la
# sigmoïde. Et tout commence à la sortie, avec $\frac{\partial C}{\partial Z} = (P - Y)/n$ pour
# la softmax et l'entropie croisée (la division par $n$ vient de la moyenne sur les $n$
# images du mini-lot). Voici ces trois couches dans le module :

# %%
for layer_class in (Dense, ReLU, Sigmoid):
    print(inspect.getsource(layer_class))

# %% [markdown]
# La rétropropagation du réseau entier n'est plus qu'une boucle : on part du gradient donné par
# la perte, et on le fait traverser les couches **dans l'ordre inverse**.

# %%
print(inspect.getsource(Network.backward))

# %% [markdown]
# <details class="note">
# <summary>Pour aller plus loin : d'où viennent les règles de la couche dense</summary>
#
# Pour une seule image, $z_j = \sum_i x_i W_{ij} + b_j$. Le poids $W_{ij}$ n'intervient que
# dans $z_j$, avec le coefficient $x_i$ ; donc
# $\frac{\partial C}{\partial W_{ij}} = x_i \, \delta_j$, où
# $\delta_j = \frac{\partial C}{\partial z_j}$. Rangé en tableau, c'est $x^{\top} \delta$ (une
# colonne fois une ligne). L'entrée $x_i$, elle, intervient dans **tous** les $z_j$ : on
# additionne les contributions, $\frac{\partial C}{\partial x_i} = \sum_j W_{ij}\,\delta_j$,
# c'est-à-dire $\delta\,W^{\top}$. Enfin $\frac{\partial C}{\partial b_j} = \delta_j$.
#
# Pour un mini-lot de $n$ images, la perte est la moyenne des pertes : les gradients des poids
# s'additionnent sur les images (le $1/n$ est déjà dans $\Delta$). Additionner sur les images
# les produits $x^{\top}\delta$ de chaque ligne, c'est exactement le produit matriciel
# $X^{\top}\Delta$ ; et additionner les $\delta$, c'est sommer les lignes de $\Delta$. Tout le
# mini-lot est traité en quelques produits matriciels, sans boucle : c'est ce qu'on appelle un
# calcul **vectorisé**, bien plus rapide en NumPy.
#
# Pourquoi « rétro » ? Calculer chaque dérivée séparément, en partant de chaque poids,
# referait sans cesse les mêmes produits. En partant de la perte et en remontant, chaque
# $\frac{\partial C}{\partial Z}$ est calculé une seule fois et sert à toute la couche
# précédente : le passage arrière coûte environ deux fois le passage avant (deux produits
# matriciels par couche dense au lieu d'un), quel que soit le nombre de poids.
#
# </details>
#
# ## Vérifier le gradient
#
# Une erreur dans une dérivée ne fait pas planter le programme : le réseau apprend juste mal,
# ou pas du tout, et on ne sait pas pourquoi. Avant de faire confiance à la rétropropagation, on
# la **vérifie** comme nous l'avons fait plus haut avec $w_1$ : pour chaque poids, on l'augmente
# puis on le diminue d'un tout petit $\varepsilon$, et on regarde de combien la perte change :
#
# $$
# \frac{\partial C}{\partial w} \approx
# \frac{C(w + \varepsilon) - C(w - \varepsilon)}{2\varepsilon}.
# $$
#
# C'est la méthode des **différences finies**. Elle est beaucoup trop lente pour entraîner
# (deux calculs de la perte **par poids**), mais elle n'utilise aucune dérivée écrite à la
# main : c'est un juge indépendant.

# %%
print(inspect.getsource(numerical_gradient))

# %% [markdown]
# Vérifions un petit réseau (784 → 8 → 10, pour que le calcul reste rapide) sur trois vraies
# images. On calcule en `float64`, la double précision : en simple précision, les arrondis
# noieraient la petite différence $C(w + \varepsilon) - C(w - \varepsilon)$. Pour chaque tableau
# de paramètres, on affiche l'**écart relatif** entre les deux gradients : autour de $10^{-7}$
# ou moins, ils sont identiques aux arrondis près.

# %%
x_check = x_train[:3].astype(np.float64)
y_check = y_train[:3]
checked = Network([784, 8, 10], activation="relu", seed=1)
check_errors = gradient_check(checked, x_check, y_check)
for name, error in check_errors.items():
    print(f"{name} : écart relatif {format_scientific(error)}")

# %% tags=["hide"]
assert max(check_errors.values()) < 1e-6, \
    "« autour de 10⁻⁷ ou moins, ils sont identiques » n'est plus vrai : " + str(check_errors)

# %% [markdown]
# Et si la rétropropagation avait un défaut ? Remplaçons la couche ReLU par une version qui
# **oublie** de multiplier par la dérivée de ReLU, une erreur classique.

# %%
class ForgetfulReLU(ReLU):
    """Une ReLU fausse : sa rétropropagation oublie de multiplier par f'(z)."""

    def backward(self, grad_a):
        return grad_a


buggy = Network([784, 8, 10], activation="relu", seed=1)
buggy.layers[1] = ForgetfulReLU()
buggy_errors = gradient_check(buggy, x_check, y_check)
for name, error in buggy_errors.items():
    print(f"{name} : écart relatif {format_scientific(error)}"
          + ("   ← faux !" if error > 1e-4 else ""))

# %% [markdown]
# La vérification le voit aussitôt, et elle dit même où : les gradients de la seconde couche
# (`W2`, `b2`), calculés avant de traverser la ReLU, sont justes ; ceux de la première couche
# (`W1`, `b1`) sont faux. Les tests du projet font cette vérification pour chaque couche et
# pour des réseaux entiers, à chaque modification du code.

# %% tags=["hide"]
assert buggy_errors["W1"] > 1e-4 and buggy_errors["b1"] > 1e-4, \
    "« ceux de la première couche (W1, b1) sont faux » n'est plus vrai"
assert buggy_errors["W2"] < 1e-6 and buggy_errors["b2"] < 1e-6, \
    "« les gradients de la seconde couche (W2, b2) sont justes » n'est plus vrai"

# %% [markdown]
# ## Entraîner le réseau sur MNIST
#
# Tout est prêt. Entraînons notre réseau 784 → 128 → 10 (ReLU, softmax et entropie croisée)
# sur les 55 000 images d'entraînement : 10 époques, des mini-lots de 32 images, un taux
# d'apprentissage $\eta = 0{,}1$. Les calculs se font en `float32`, nettement plus rapides que
# `float64` et bien assez précis pour apprendre. À la fin de chaque époque, on mesure
# l'exactitude sur les 5 000 images de validation, et `print_progress` l'affiche :

# %%
network = Network([784, 128, 10], activation="relu", loss="cross_entropy", seed=0,
                  dtype=np.float32)
training_start = time.perf_counter()
history = network.train(x_train, y_train, epochs=10, batch_size=32, learning_rate=0.1,
                        validation=(x_val, y_val), seed=0, report=print_progress)
training_seconds = time.perf_counter() - training_start
print(f"Durée de l'entraînement : {format_decimal(training_seconds, 1)} s "
      f"({format_integer(len(history.batch_loss))} itérations)")

# %%
epochs = np.arange(1, len(history.train_loss) + 1)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(11, 3.6))
ax_loss.plot(epochs, history.train_loss, "o-", label="entraînement")
ax_loss.plot(epochs, history.val_loss, "s-", label="validation")
ax_loss.set_title("Perte (entropie croisée)")
ax_loss.set_ylabel("perte moyenne")
ax_acc.plot(epochs, 100 * np.array(history.train_accuracy), "o-", label="entraînement")
ax_acc.plot(epochs, 100 * np.array(history.val_accuracy), "s-", label="validation")
ax_acc.set_title("Exactitude")
ax_acc.set_ylabel("exactitude (%)")
for ax in (ax_loss, ax_acc):
    ax.set_xlabel("époque")
    ax.set_xticks(epochs)
    ax.legend()
    ax.grid(alpha=0.3)
fig.suptitle("Courbes d'apprentissage du réseau 784 → 128 → 10")
fig.tight_layout()
show(fig, "Courbes d'apprentissage sur dix époques. À gauche, la perte : les courbes "
          "d'entraînement et de validation descendent ensemble, se croisent vers la troisième "
          "époque, puis celle de l'entraînement continue de plonger tandis que celle de la "
          "validation ralentit et finit au-dessus. À droite, l'exactitude : celle de "
          "l'entraînement monte vers 99 %, celle de la validation plafonne un peu en dessous "
          "de 98 %.")

# %% [markdown]
# Les deux courbes de perte descendent ensemble au début ; puis celle de l'entraînement
# continue de plonger tandis que celle de la validation ralentit : à la fin, la perte
# d'entraînement est deux fois plus petite que celle de la validation, et l'exactitude de
# validation ne gagne presque plus rien d'une époque à l'autre. Le réseau commence à apprendre
# **par cœur** des détails des images d'entraînement qui ne se retrouvent pas ailleurs : c'est
# le début du [**surapprentissage**](../../glossaire/#surapprentissage). Continué plus longtemps, il finirait
# par faire remonter la
# perte de validation. C'est précisément pour le repérer qu'on garde des images de validation,
# jamais utilisées pour apprendre. (Les valeurs « entraînement » sont des moyennes prises
# pendant l'époque, alors que les poids changeaient encore ; celles de la validation sont
# mesurées à la fin de l'époque.)

# %% tags=["hide"]
train_loss, val_loss = np.array(history.train_loss), np.array(history.val_loss)
assert np.all(np.diff(train_loss[:3]) < 0) and np.all(np.diff(val_loss[:3]) < 0), \
    "« les deux courbes de perte descendent ensemble au début » n'est plus vrai"
crossing = int(np.argmax(train_loss < val_loss)) + 1  # la première époque où elles ont croisé
assert train_loss[0] > val_loss[0] and train_loss[-1] < val_loss[-1] and 2 <= crossing <= 4, \
    "« les courbes se croisent vers la troisième époque » (figure) n'est plus vrai"
assert val_loss[-1] > 1.8 * train_loss[-1], \
    "« la perte d'entraînement est deux fois plus petite que celle de la validation » : faux"
assert (val_loss[-4] - val_loss[-1]) < (train_loss[-4] - train_loss[-1]), \
    "« celle de l'entraînement continue de plonger tandis que celle de la validation " \
    "ralentit » n'est plus vrai"
assert history.val_accuracy[-1] - history.val_accuracy[-4] < 0.01, \
    "« l'exactitude de validation ne gagne presque plus rien » n'est plus vrai"
assert history.train_accuracy[-1] > 0.985 and 0.97 < max(history.val_accuracy) < 0.98, \
    "« l'entraînement monte vers 99 %, la validation plafonne un peu en dessous de 98 % » " \
    "(figure) n'est plus vrai"

# %% [markdown]
# Vient maintenant la mesure qui compte : l'exactitude sur les **10 000 images de test**, écrites
# par d'autres personnes que celles des images d'entraînement, et que le réseau n'a jamais
# vues. Ce chiffre est mesuré à chaque construction de ce site.

# %%
test_loss, test_accuracy = network.evaluate(x_test, y_test)
n_correct = int(round(test_accuracy * len(y_test)))
print(f"Exactitude sur les {format_integer(len(y_test))} images de test : "
      f"{format_percent(test_accuracy, 2)} ({format_integer(n_correct)} images bien lues, "
      f"{len(y_test) - n_correct} erreurs)")

# %% tags=["hide"]
assert test_accuracy > 0.97, \
    "« plus de 97 images de test sur 100 » (introduction et « À suivre ») n'est plus vrai : " \
    + format_percent(test_accuracy, 2)

# %% [markdown]
# ## Les erreurs du réseau
#
# Regardons quelques-unes des images de test que le réseau lit mal, avec sa réponse et la
# probabilité qu'il lui donne.

# %%
probabilities = network.predict_proba(x_test)
predicted = probabilities.argmax(axis=1)
wrong = np.flatnonzero(predicted != y_test)

fig, axes = plt.subplots(2, 8, figsize=(11, 3.4), layout="constrained")
for ax, index in zip(axes.flat, wrong[:16]):
    ax.imshow(test_images[index])
    ax.set_title(f"vrai : {y_test[index]}\nlu : {predicted[index]} "
                 f"({format_percent(probabilities[index, predicted[index]], 0)})", fontsize=9)
    ax.axis("off")
fig.suptitle("Des chiffres de test mal lus (probabilité donnée à la réponse)")
show(fig, "Seize chiffres de test mal lus par le réseau, chacun avec le vrai chiffre, la "
          "réponse du réseau et la probabilité qu'il lui donne. Certains sont ambigus même "
          "pour nous, d'autres paraissent faciles à lire.")

pairs = {}
for true, guess in zip(y_test[wrong], predicted[wrong]):
    pairs[(int(true), int(guess))] = pairs.get((int(true), int(guess)), 0) + 1
confusions = sorted(pairs.items(), key=lambda item: -item[1])
print("Les confusions les plus fréquentes :")
for (true, guess), count in confusions[:5]:
    print(f"  un {true} lu comme un {guess} : {count} fois")

# %% [markdown]
# Les confusions les plus fréquentes ont un air de famille : un 9 dont la boucle s'ouvre en
# haut devient un 4, un 5 dont le haut se referme devient un 3, un 7 au pied recourbé devient
# un 2. Beaucoup de ces chiffres sont difficiles, même pour nous. D'autres erreurs paraissent
# grossières : notre réseau regarde les pixels un par un, sans aucune notion de forme ni de
# voisinage ; un chiffre décalé de deux pixels est pour lui une image toute nouvelle. Les
# réseaux **convolutifs** atténuent largement ce défaut ; c'est le modèle utilisé par la démo du site.

# %% tags=["hide"]
top_pairs = [pair for pair, _ in confusions[:3]]
assert top_pairs[0] == (9, 4) and set(top_pairs) == {(9, 4), (5, 3), (7, 2)}, \
    "« un 9 devient un 4, un 5 devient un 3, un 7 devient un 2 » ne sont plus les trois " \
    f"confusions les plus fréquentes : {confusions[:5]}"

# %% [markdown]
# ## Sauvegarder et recharger les poids
#
# Tout ce que le réseau a appris tient dans ses tableaux de poids et de biais. Pour le
# réutiliser sans le réentraîner, on les enregistre dans un fichier au format `.npz` de NumPy :
# une archive qui contient des tableaux de nombres, et rien d'autre. On le relit avec
# `allow_pickle=False`, qui interdit à NumPy de reconstruire des objets Python : un fichier
# piégé ne peut pas exécuter de code sur votre machine.

# %%
print(inspect.getsource(Network.save))

# %%
with tempfile.TemporaryDirectory() as folder:  # un dossier temporaire, effacé à la fin
    path = network.save(Path(folder) / "reseau_mnist")
    print(f"Fichier écrit : {path.name}, {path.stat().st_size / 1024:.0f} kio")
    with np.load(path, allow_pickle=False) as archive:
        for key in archive.files:
            print(f"  {key:<10} forme {archive[key].shape}, type {archive[key].dtype}")
    reloaded = Network.load(path)

same = np.array_equal(reloaded.predict(x_test), network.predict(x_test))
print("Le réseau rechargé lit les 10 000 images de test exactement comme l'original :",
      "oui" if same else "non")
print(f"Exactitude du réseau rechargé : {format_percent(reloaded.evaluate(x_test, y_test)[1], 2)}")

# %% tags=["hide"]
assert same, "« le réseau rechargé lit exactement comme l'original » n'est plus vrai"

# %% [markdown]
# ## L'essentiel
#
# Un réseau de neurones est une suite de couches : des couches denses, $Z = XW + b$, séparées
# par des activations comme ReLU, qui traitent tout un mini-lot d'images par quelques produits
# de matrices. Pour classer, on transforme les dix scores de sortie en probabilités par la
# softmax, et l'on mesure l'erreur par l'entropie croisée, $-\ln p_c$, qui apprend bien plus
# vite que l'erreur quadratique quand le réseau se trompe avec assurance. Apprendre, c'est
# descendre la pente de la perte : chaque poids recule de $\eta$ fois sa dérivée, calculée sur
# un mini-lot tiré au hasard (descente de gradient stochastique). Le taux d'apprentissage
# $\eta$ se choisit par essais : trop petit, on n'avance pas ; trop grand, la perte explose ou
# le réseau se bloque. La rétropropagation calcule toutes les dérivées d'un coup, en remontant
# les couches de la perte vers l'entrée grâce à la règle de la chaîne, et on la vérifie par
# différences finies. Les images de validation, jamais apprises, servent à repérer le
# surapprentissage ; l'exactitude finale se mesure une seule fois, sur les images de test.

# %% [markdown]
# ## Questions de révision
#
# <details class="question">
# <summary>Pourquoi code-t-on l'étiquette 3 par le vecteur
# (0, 0, 0, 1, 0, 0, 0, 0, 0, 0) ?</summary>
#
# Le réseau a dix sorties, une par chiffre ; le codage « un parmi dix » écrit la bonne réponse
# sous la même forme : la sortie idéale vaut 1 pour le bon chiffre et 0 pour les autres. La
# perte peut alors comparer les deux, sortie par sortie.
#
# </details>
#
# <details class="question">
# <summary>Que se passe-t-il avec un taux d'apprentissage trop petit ? trop grand ?</summary>
#
# Trop petit : chaque pas est minuscule, la perte baisse très lentement et il faut énormément
# d'itérations. Trop grand : les pas sautent par-dessus le minimum, la perte oscille ou
# explose (elle diverge), ou bien, comme ici avec $\eta = 2$, presque tous les neurones ReLU
# s'éteignent et le réseau reste bloqué bien en dessous de ce qu'il pourrait atteindre.
#
# </details>
#
# <details class="question">
# <summary>Qu'est-ce qu'une époque, une itération, un mini-lot ?</summary>
#
# Un mini-lot est un petit paquet d'exemples (ici 32) tirés au hasard. Une itération est un pas
# de descente de gradient calculé sur un mini-lot. Une époque est un passage complet sur toutes
# les données d'entraînement, soit environ 55 000 / 32 ≈ 1 719 itérations ici.
#
# </details>
#
# <details class="question">
# <summary>Pourquoi l'entropie croisée apprend-elle plus vite que l'erreur quadratique avec des
# sorties sigmoïdes ?</summary>
#
# Avec la MSE, la pente par rapport au score de sortie contient le facteur $\sigma'(z)$, presque
# nul quand le neurone sature : un neurone qui se trompe avec assurance n'apprend presque plus.
# Avec la softmax et l'entropie croisée, la pente vaut simplement $p - y$ : plus l'erreur est
# grande, plus la correction est forte.
#
# </details>
#
# <details class="question">
# <summary>Dans la rétropropagation, pourquoi parcourt-on les couches à l'envers ?</summary>
#
# Parce que la règle de la chaîne part de la perte : le gradient par rapport à la sortie d'une
# couche est nécessaire pour calculer celui de ses poids et de son entrée, qui est lui-même la
# sortie de la couche précédente. En remontant, chaque résultat est calculé une seule fois et
# réutilisé.
#
# </details>
#
# <details class="question">
# <summary>À quoi sert la vérification par différences finies, et pourquoi ne s'en sert-on pas
# pour entraîner ?</summary>
#
# Elle estime chaque dérivée sans formule écrite à la main, ce qui permet de détecter une erreur
# dans la rétropropagation. Mais elle demande deux calculs de la perte par poids : pour
# 100 000 poids, 200 000 calculs pour un seul pas, au lieu d'un passage avant et d'un passage
# arrière.
#
# </details>
#
# ## Exercices

# %% [markdown] tags=["exercise"]
# **Exercice 1 (à la main).** Trois scores $z = (2, 1, 0)$ passent dans une softmax.
# Calculez les trois probabilités (avec $e \approx 2{,}72$ et $e^2 \approx 7{,}39$), puis la
# perte d'entropie croisée si la bonne réponse est la classe 0, puis si c'est la classe 2. Que
# vaut le gradient $\partial C / \partial z$ dans le premier cas ?

# %% [markdown] tags=["solution"]
# $S = e^2 + e^1 + e^0 \approx 7{,}39 + 2{,}72 + 1 = 11{,}11$, donc
# $p \approx (0{,}665 ; 0{,}245 ; 0{,}090)$. Si la bonne réponse est 0 :
# $C = -\ln 0{,}665 \approx 0{,}41$ ; si c'est 2 : $C = -\ln 0{,}090 \approx 2{,}41$, beaucoup
# plus, car le réseau donnait peu de chances à cette classe. Dans le premier cas,
# $\partial C / \partial z = p - y = (0{,}665 - 1 ; 0{,}245 ; 0{,}090) = (-0{,}335 ; 0{,}245 ;
# 0{,}090)$ : la descente de gradient augmente $z_0$ et diminue les deux autres. Le module fait
# le même calcul :

# %% tags=["solution"]
z_hand = np.array([[2.0, 1.0, 0.0]])
p_hand = softmax(z_hand)[0]
print("Probabilités :", " ; ".join(format_decimal(v, 3) for v in p_hand))
for right in (0, 2):
    print(f"Bonne réponse {right} : perte {format_decimal(-np.log(p_hand[right]), 2)}")
cross_entropy = SoftmaxCrossEntropy()
cross_entropy.forward(z_hand, one_hot([0], 3))
print("Gradient ∂C/∂z :", " ; ".join(format_decimal(g, 3) for g in cross_entropy.backward()[0]))

# %% tags=["hide"]
assert np.allclose(p_hand, [0.665, 0.245, 0.090], atol=1e-3), \
    "« p ≈ (0,665 ; 0,245 ; 0,090) » n'est plus vrai"
assert abs(-np.log(p_hand[0]) - 0.41) < 0.005 and abs(-np.log(p_hand[2]) - 2.41) < 0.005, \
    "« C ≈ 0,41, puis 2,41 » n'est plus vrai"
assert np.allclose(cross_entropy.backward()[0], [-0.335, 0.245, 0.090], atol=1e-3), \
    "« ∂C/∂z = (−0,335 ; 0,245 ; 0,090) » n'est plus vrai"

# %% [markdown] tags=["exercise"]
# **Exercice 2 (à la main).** Une couche dense a 784 entrées et 128 neurones ; elle reçoit un
# mini-lot de 32 images. Donnez la forme de $X$, $W$, $b$, $Z$, puis de
# $\partial C/\partial W = X^{\top}\Delta$ et de $\partial C/\partial X = \Delta W^{\top}$.
# Pourquoi est-il rassurant que $\partial C/\partial W$ ait la même forme que $W$ ?

# %% [markdown] tags=["solution"]
# $X$ : 32 × 784 ; $W$ : 784 × 128 ; $b$ : 128 ; $Z = XW + b$ : 32 × 128, et $\Delta$ a la
# même forme que $Z$. $X^{\top}\Delta$ : (784 × 32) · (32 × 128) = 784 × 128 ;
# $\Delta W^{\top}$ : (32 × 128) · (128 × 784) = 32 × 784, la forme de $X$. Il faut une dérivée
# pour chaque poids, et la mise à jour $W \leftarrow W - \eta\,\partial C/\partial W$ soustrait
# case par case : les formes doivent être identiques. Vérifier les formes est un excellent
# premier test d'une rétropropagation. La couche `Dense` du module donne les mêmes formes :

# %% tags=["solution"]
dense = Dense(784, 128, np.random.default_rng(0), scale=0.05)
X = np.zeros((32, 784))
Z = dense.forward(X)
dX = dense.backward(np.ones_like(Z))  # un Δ quelconque, de la forme de Z
for name, array in (("X", X), ("W", dense.W), ("b", dense.b), ("Z", Z), ("∂C/∂W", dense.dW),
                    ("∂C/∂X", dX)):
    print(f"{name:>6} : {' × '.join(str(n) for n in array.shape)}")

# %% tags=["hide"]
assert (Z.shape, dense.dW.shape, dense.db.shape, dX.shape) == ((32, 128), (784, 128), (128,),
                                                                (32, 784)), \
    "« X : 32 × 784 ; W : 784 × 128 ; … » (exercice 2) : ce ne sont plus les formes du module"

# %% [markdown] tags=["exercise"]
# **Exercice 3 (avec le code).** Entraînez un réseau à deux couches cachées,
# `deep = Network([784, 128, 64, 10], seed=0, dtype=np.float32)`, avec les mêmes réglages que
# le réseau du chapitre, mais **3 époques** au lieu de 10, pour que le calcul reste court ; rangez son
# historique dans `deep_history`. Comparez son exactitude de
# validation à celle du réseau du chapitre au même stade, `history.val_accuracy[2]`, et la
# durée d'une époque. Puis entraînez le réseau du chapitre (784 → 128 → 10) 3 époques avec des
# mini-lots de 128 images au lieu de 32 : que deviennent le nombre d'itérations par époque, la
# durée d'une époque, l'exactitude ? (Pour comparer des durées sur une machine qui fait aussi
# autre chose, chronométrez plusieurs fois une époque courte et gardez la plus rapide.)

# %% tags=["solution"]
deep = Network([784, 128, 64, 10], seed=0, dtype=np.float32)
print(deep)
deep_history = deep.train(x_train, y_train, epochs=3, batch_size=32, learning_rate=0.1,
                          validation=(x_val, y_val), seed=0)
big_batches = Network([784, 128, 10], seed=0, dtype=np.float32)
big_batches_history = big_batches.train(x_train, y_train, epochs=3, batch_size=128,
                                        learning_rate=0.1, validation=(x_val, y_val), seed=0)


def seconds_per_epoch(sizes, batch_size, images=4096, repeats=5):
    """La durée d'une époque sur ``images`` images : la plus courte de ``repeats`` mesures. On
    mesure le temps de calcul du programme lui-même (``time.process_time``), sur un seul fil
    d'exécution : ce que fait le reste de la machine ne compte pas dans la mesure."""
    from threadpoolctl import threadpool_limits

    best = math.inf
    with threadpool_limits(limits=1):  # NumPy calcule sur un seul cœur pendant la mesure
        for _ in range(repeats):
            net = Network(sizes, seed=0, dtype=np.float32)
            start = time.process_time()
            net.train(x_train[:images], y_train[:images], epochs=1, batch_size=batch_size,
                      learning_rate=0.1, seed=0)
            best = min(best, time.process_time() - start)
    return best


durations = {"chapitre": seconds_per_epoch([784, 128, 10], 32),
             "profond": seconds_per_epoch([784, 128, 64, 10], 32),
             "lots de 128": seconds_per_epoch([784, 128, 10], 128)}
print()
for name, run, key in (("784 → 128 → 10, lots de 32 (le chapitre)", history, "chapitre"),
                       ("784 → 128 → 64 → 10, lots de 32", deep_history, "profond"),
                       ("784 → 128 → 10, lots de 128", big_batches_history, "lots de 128")):
    print(f"{name} :\n  {format_integer(run.iterations_per_epoch)} itérations par époque, "
          f"durée d'une époque × {format_decimal(durations[key] / durations['chapitre'], 2)}, "
          f"exactitude de validation après 3 époques {format_percent(run.val_accuracy[2], 2)}")

# %% [markdown] tags=["solution"]
# La seconde couche cachée n'ajoute qu'environ 7 % de multiplications par image
# (128 × 64 + 64 × 10 au lieu de 128 × 10, à côté des 784 × 128 de la première couche), mais
# deux couches de plus à traverser, à l'aller et au retour : une époque ne dure guère plus
# longtemps. L'exactitude de validation reste du même ordre, autour de 97 % après 3 époques :
# pour ce problème, une couche cachée suffit presque.
#
# Avec des lots de 128 images, il n'y a plus que 55 000 / 128 ≈ 430 itérations par époque.
# Une époque prend nettement moins de temps : des produits de matrices plus gros, mais quatre
# fois moins nombreux, et chaque itération coûte aussi un temps fixe (appels de fonctions,
# préparation des calculs) qui se paie quatre fois moins souvent. Mais avec le même $\eta$ le
# réseau fait quatre fois moins de pas et apprend moins en 3 époques : l'exactitude baisse. On
# compense en augmentant $\eta$ ou le nombre d'époques.

# %% tags=["check"]
assert len(deep_history.val_accuracy) == 3, \
    "Entraînez deep 3 époques, avec validation=(x_val, y_val), pour pouvoir le comparer."
assert deep.sizes == [784, 128, 64, 10], "Le réseau demandé a deux couches cachées : 128 puis 64."
print("Votre réseau à deux couches cachées est entraîné : comparez-le au réseau du chapitre.")

# %% tags=["hide"]
one_layer = 784 * 128 + 128 * 10
extra = (784 * 128 + 128 * 64 + 64 * 10) / one_layer - 1
assert 0.06 < extra < 0.08, "« environ 7 % de multiplications en plus » n'est plus vrai"
assert 0.965 < deep_history.val_accuracy[2] < 0.98 \
    and abs(deep_history.val_accuracy[2] - history.val_accuracy[2]) < 0.01, \
    "« l'exactitude reste du même ordre, autour de 97 % après 3 époques » n'est plus vrai"
assert big_batches_history.iterations_per_epoch == 430, "« ≈ 430 itérations par époque » : faux"
assert big_batches_history.val_accuracy[2] < history.val_accuracy[2], \
    "« avec des lots de 128, l'exactitude baisse » n'est plus vrai"
assert durations["profond"] / durations["chapitre"] < 1.5, \
    "« une époque ne dure guère plus longtemps » n'est plus vrai"
assert durations["lots de 128"] < 0.8 * durations["chapitre"], \
    "« avec des lots de 128, une époque prend nettement moins de temps » n'est plus vrai"

# %% [markdown] tags=["exercise"]
# **Exercice 4 (avec le code).** Cassez volontairement la rétropropagation de la couche
# `Sigmoid` (par exemple en renvoyant `grad_a * self.a` au lieu de
# `grad_a * self.a * (1 - self.a)`), sur le modèle de `ForgetfulReLU`, puis lancez
# `gradient_check` sur `Network([784, 8, 10], activation="sigmoid", seed=1)` dont la couche
# `layers[1]` est la vôtre, avec `x_check` et `y_check`. Quels tableaux sont déclarés faux ?
# Entraînez ensuite ce réseau cassé une époque sur les 10 000 premières images d'entraînement
# (mini-lots de 32, $\eta = 0{,}5$) et comparez-le au même réseau non cassé : apprend-il quand
# même ?

# %% tags=["solution"]
class WrongSigmoid(Sigmoid):
    """Une sigmoïde fausse : sa rétropropagation oublie le facteur (1 − a)."""

    def backward(self, grad_a):
        return grad_a * self.a


broken = Network([784, 8, 10], activation="sigmoid", seed=1)
broken.layers[1] = WrongSigmoid()
broken_errors = gradient_check(broken, x_check, y_check)
for name, error in broken_errors.items():
    print(f"{name} : écart relatif {format_scientific(error)}")

broken_accuracy = {}
for name, layer in (("juste", Sigmoid()), ("cassé", WrongSigmoid())):
    learner = Network([784, 8, 10], activation="sigmoid", seed=1, dtype=np.float32)
    learner.layers[1] = layer
    learner.train(x_train[:10000], y_train[:10000], epochs=1, batch_size=32, learning_rate=0.5,
                  seed=0)
    broken_accuracy[name] = learner.evaluate(x_val, y_val)[1]
    print(f"Réseau {name} : exactitude de validation {format_percent(broken_accuracy[name])}")

# %% [markdown] tags=["solution"]
# Seuls `W1` et `b1` sont faux : l'erreur est dans la couche qui les précède dans le passage
# arrière. Le réseau cassé apprend quand même, bien mieux que le hasard, mais nettement moins
# bien que le réseau juste : la direction qu'il suit n'est plus exactement la pente. C'est
# toute la difficulté : un gradient faux ne fait pas planter le programme. D'où l'importance
# de la vérification automatique dans les tests.

# %% tags=["hide"]
assert broken_errors["W1"] > 1e-4 and broken_errors["b1"] > 1e-4 \
    and broken_errors["W2"] < 1e-6 and broken_errors["b2"] < 1e-6, \
    "« seuls W1 et b1 sont faux » n'est plus vrai : " + str(broken_errors)
assert 0.3 < broken_accuracy["cassé"] < broken_accuracy["juste"] - 0.1, \
    "« le réseau cassé apprend quand même, mais nettement moins bien » n'est plus vrai"

# %% [markdown]
# ## À suivre
#
# Notre réseau écrit à la main lit plus de 97 chiffres sur 100 qu'il n'a jamais vus. Les
# bibliothèques comme Keras, TensorFlow ou PyTorch font exactement les mêmes calculs, avec des
# raffinements (optimiseurs plus malins, calcul automatique des dérivées, cartes graphiques) ;
# vous savez maintenant ce qu'elles font sous le capot. Pour faire nettement mieux, il faut
# des réseaux qui tiennent compte de la forme des chiffres : les réseaux **convolutifs**, que
# vous pouvez essayer dans la [démo](../../demo/).
