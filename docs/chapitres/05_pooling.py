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
# # Le pooling
#
# Une couche de convolution produit autant de cartes qu'elle a de filtres, presque aussi
# grandes que l'image : 32 filtres sur une image de 28 × 28, c'est plus de 25 000 nombres. Et
# ces cartes suivent le chiffre à la trace : décalez-le de deux pixels, elles se décalent de
# deux pixels. Le [**pooling**](../../glossaire/#pooling) (« mise en commun ») résume chaque carte en une
# carte plus petite,
# en ne gardant qu'un nombre par petite fenêtre. Le réseau calcule moins, et il devient un peu
# plus tolérant aux petits décalages.
#
# <div class="admonition abstract lesson-goals" markdown>
# <p class="admonition-title">Dans ce chapitre</p>
#
# - **Vous saurez** : calculer un pooling max, moyenne ou L2 à la main et en code, dire ce qu'il
#   garde et ce qu'il jette, mesurer sa tolérance aux décalages, et décrire un réseau convolutif
#   couche par couche (formes et nombres de paramètres).
# - **Prérequis** : chapitre « La convolution » ; maths : moyenne, racine carrée (les encadrés
#   de maths restent facultatifs)
# - **Durée** : environ 35 min de lecture, 30 s d'exécution
#
# </div>

# %%
import inspect
import json

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from digitlab.conv import (
    change_ratio,
    conv2d,
    conv_params,
    dense_params,
    kernel,
    output_size,
    pool2d,
    pool_window,
    relu,
    shift,
)
from digitlab.data import load_mnist
from digitlab.demo_model.paths import METRICS_PATH, keras_path, require_project_files
from digitlab.fmt import format_count, format_decimal, format_integer, format_percent
from digitlab.plotting import show, use_style
from digitlab.quiet import import_keras

use_style()
keras = import_keras()  # Keras 2 (tf_keras), celui des modèles de la démo
(_, _), (x_test_u8, y_test) = load_mnist()
x_test = x_test_u8.astype(np.float64) / 255.0  # encre = 1, fond = 0

# %% [markdown]
# ## Résumer une carte : max, moyenne, L2
#
# On découpe la carte en fenêtres de 2 × 2 pixels qui ne se chevauchent pas, et on remplace
# chaque fenêtre par **un seul nombre**. Trois façons courantes de résumer :
#
# - le **max pooling** garde la plus grande valeur : « le motif était-il quelque part dans ce
#   carré ? » ;
# - l'**average pooling** (pooling par la moyenne) garde la moyenne : « combien y en avait-il, en
#   moyenne ? » ;
# - le **pooling L2** garde la racine carrée de la somme des carrés, $\sqrt{a^2 + b^2 + c^2 +
#   d^2}$ : comme le max, il est dominé par les grandes valeurs, mais les autres comptent
#   aussi. Pour des valeurs positives ou nulles (comme après ReLU), il n'est jamais plus petit
#   que le max et, pour une fenêtre de 2 × 2, jamais plus grand que deux fois le max.
#
# Faisons-le à la main sur une carte de 4 × 4 :

# %%
grid = np.array([[1, 3, 2, 0],
                 [4, 2, 1, 1],
                 [0, 1, 5, 6],
                 [2, 2, 7, 8]], dtype=float)
pooled = {kind: pool2d(grid, size=2, kind=kind) for kind in ("max", "average", "l2")}
titles = {"max": "Max", "average": "Moyenne", "l2": "L2"}
colours = ["tab:orange", "tab:green", "tab:purple", "tab:blue"]

fig, axes = plt.subplots(1, 4, figsize=(10, 2.8), gridspec_kw={"width_ratios": [2, 1, 1, 1]})
axes[0].imshow(np.ones_like(grid), cmap="gray", vmin=0, vmax=1)
for (y, x), v in np.ndenumerate(grid):
    axes[0].text(x, y, f"{v:g}", ha="center", va="center", fontsize=12)
for k, (top, left) in enumerate([(0, 0), (0, 2), (2, 0), (2, 2)]):
    axes[0].add_patch(Rectangle((left - 0.45, top - 0.45), 1.9, 1.9, fill=True,
                                fc=colours[k], alpha=0.25, ec=colours[k], lw=2))
axes[0].set_title("La carte 4 × 4, quatre fenêtres 2 × 2")
for ax, (kind, out) in zip(axes[1:], pooled.items()):
    ax.imshow(np.ones_like(out), cmap="gray", vmin=0, vmax=1)
    for k, ((y, x), v) in enumerate(np.ndenumerate(out)):
        ax.add_patch(Rectangle((x - 0.45, y - 0.45), 0.9, 0.9, fc=colours[k], alpha=0.25,
                               ec=colours[k], lw=2))
        ax.text(x, y, format_decimal(v, 2).rstrip("0").rstrip(","), ha="center", va="center",
                fontsize=11)
    ax.set_title(titles[kind])
for ax in axes:
    ax.set_xticks([])
    ax.set_yticks([])
show(fig, "À gauche, une carte de 4 × 4 nombres découpée en quatre fenêtres colorées de 2 × 2 ; "
          "à droite, les trois résumés de 2 × 2 nombres, un par fenêtre et de la même couleur : "
          "le max (4, 2, 2, 8), la moyenne (2,5 ; 1 ; 1,25 ; 6,5) et le pooling L2, toujours "
          "au moins égal au max (5,48 ; 2,45 ; 3 ; 13,19).")

# %% [markdown]
# Pour la fenêtre orange, en haut à gauche, qui contient 1, 3, 4 et 2 :
#
# - max : $\max(1, 3, 4, 2) = 4$ ;
# - moyenne : $(1 + 3 + 4 + 2) / 4 = 2{,}5$ ;
# - L2 : $\sqrt{1 + 9 + 16 + 4} = \sqrt{30} \approx 5{,}48$.
#
# La sortie a quatre fois moins de valeurs que l'entrée : 2 × 2 au lieu de 4 × 4. Le max
# pooling dit que la fenêtre en haut à gauche contenait un 4, mais plus **où** il était dans la
# fenêtre.

# %% tags=["hide"]
window = pool_window(grid, 0, 0, kind="l2")
assert pooled["max"][0, 0] == 4 and pooled["average"][0, 0] == 2.5, \
    "« max : 4 ; moyenne : (1 + 3 + 4 + 2) / 4 = 2,5 » ne correspond plus au calcul"
assert abs(window.total - 30 ** 0.5) < 1e-12 and format_decimal(window.total, 2) == "5,48", (
    "« √30 ≈ 5,48 » n'est plus vrai")
assert pooled["max"].size * 4 == grid.size, "« quatre fois moins de valeurs » n'est plus vrai"
assert np.all(pooled["l2"] >= pooled["max"]) and np.all(pooled["l2"] <= 2 * pooled["max"]), (
    "« jamais plus petit que le max, jamais plus grand que deux fois le max » n'est plus vrai")

# %% [markdown]
# Comme une convolution, un pooling a une **fenêtre** (ici 2 × 2) et un **pas** (ici 2 :
# les fenêtres se touchent sans se chevaucher) ; la taille de sortie suit les mêmes formules
# (avec $k = 2$, $s = 2$ : $\lfloor (n - 2)/2 \rfloor + 1$, la moitié de $n$ arrondie vers le bas).
# Mais un pooling **n'a aucun paramètre** : il n'apprend rien, il résume. Et il résume chaque
# canal séparément : 32 cartes en entrée, 32 cartes en sortie.
#
# ## En code, vérifié contre Keras
#
# Voici la fonction du paquet `digitlab` :

# %%
print(inspect.getsource(pool2d))

# %% [markdown]
# Comme pour la convolution, `sliding_window_view` donne toutes les fenêtres d'un coup ; on en
# garde une sur `stride`, puis on résume chacune. Comparons-la aux couches `MaxPooling2D` et
# `AveragePooling2D` de Keras sur de vraies images (un lot de dix chiffres, trois tailles de
# fenêtre, plusieurs pas, avec et sans marge) ; Keras n'a pas de pooling L2, que nous comparons
# à la formule calculée directement, avec des boucles.

# %%
digits = x_test[:10, :, :, np.newaxis]  # (10, 28, 28, 1)
keras_layers = {"max": keras.layers.MaxPooling2D, "average": keras.layers.AveragePooling2D}
worst_gap = 0.0
for kind, Layer in keras_layers.items():
    for size, stride, padding in [(2, 2, "valid"), (3, 2, "valid"), (3, 3, "same"),
                                  (2, 1, "same"), (4, 4, "valid")]:
        theirs = Layer(pool_size=size, strides=stride, padding=padding)(
            digits.astype(np.float32)).numpy()
        ours = np.stack([pool2d(d, size, stride, kind, padding) for d in digits])
        worst_gap = max(worst_gap, np.abs(ours - theirs).max())
        print(f"{kind:7} fenêtre {size}, pas {stride}, « {padding:5} » : sortie "
              f"{ours.shape[1]} × {ours.shape[2]}, comme Keras : "
              f"{'oui' if ours.shape == theirs.shape and np.allclose(ours, theirs, atol=1e-6) else 'non'}")


def l2_pool_by_hand(image, size):
    """La définition, avec des boucles : √(somme des carrés) de chaque fenêtre size × size."""
    out = np.zeros((image.shape[0] // size, image.shape[1] // size))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            total = 0.0
            for u in range(size):
                for v in range(size):
                    total += image[i * size + u, j * size + v] ** 2
            out[i, j] = total ** 0.5
    return out


l2_gap = max(np.abs(pool2d(d[:, :, 0], 2, kind="l2") - l2_pool_by_hand(d[:, :, 0], 2)).max()
             for d in digits)
print("Pooling L2 égal à la formule directe (à 10⁻¹² près) :", "oui" if l2_gap < 1e-12 else "non")

# %% [markdown]
# Dans tous les cas, notre pooling donne la même chose que Keras (à $10^{-6}$ près, l'arrondi
# du `float32` de Keras), et le pooling L2 suit sa formule. Avec la marge « same », les cases
# ajoutées ne comptent pas : elles ne sont jamais le maximum, et la moyenne ne porte que sur les
# vrais pixels de la fenêtre, comme dans Keras.

# %% tags=["hide"]
assert worst_gap < 1e-6, "« notre pooling donne la même chose que Keras » n'est plus vrai"
assert l2_gap < 1e-12, "« le pooling L2 suit sa formule » n'est plus vrai"

# %% [markdown]
# ## Ce que le pooling garde, ce qu'il jette
#
# Appliquons-le à une vraie carte de caractéristiques : la réponse d'un 7 au détecteur de bords
# verticaux du chapitre précédent, après ReLU.

# %%
seven = x_test[0]
edge_map = relu(conv2d(seven, kernel("vertical_edges"), padding="same"))  # 28 × 28
fig, axes = plt.subplots(1, 4, figsize=(10, 2.9))
axes[0].imshow(edge_map, cmap="magma")
axes[0].set_title("Carte (28 × 28)", fontsize=10)
for ax, kind in zip(axes[1:], ("max", "average", "l2")):
    out = pool2d(edge_map, 2, kind=kind)
    ax.imshow(out, cmap="magma", vmin=0, vmax=edge_map.max())  # la même échelle partout
    ax.set_title(f"{titles[kind]} 2 × 2 ({out.shape[0]} × {out.shape[1]})", fontsize=10)
for ax in axes:
    ax.axis("off")
show(fig, "Une carte de bords verticaux d'un 7, claire le long de la barre oblique, puis ses "
          "trois résumés de 14 × 14 pixels, sur la même échelle de couleurs : le max garde un "
          "trait aussi lumineux, la moyenne le rend plus sombre, le pooling L2, jamais plus petit "
          "que le max, le rend encore plus lumineux.")
max_kept = pool2d(edge_map, 2, kind="max").max() / edge_map.max()
mean_kept = pool2d(edge_map, 2, kind="average").max() / edge_map.max()
print(f"Plus forte réponse gardée : max {format_percent(max_kept, 0)}, "
      f"moyenne {format_percent(mean_kept, 0)} de la plus forte réponse de la carte")

# %% [markdown]
# Le **max** garde intacte la plus forte réponse de chaque fenêtre : un trait fin reste aussi
# visible qu'avant, seulement moins précis. La **moyenne** le dilue avec les pixels vides de la
# fenêtre : ici, sa plus forte réponse n'atteint qu'une partie de celle de la carte. C'est
# pourquoi les réseaux convolutifs utilisent le plus souvent le max pooling entre deux
# convolutions : ce qui compte, c'est qu'un motif soit **présent** dans la région.
#
# Ce que le pooling jette : la **position exacte** à l'intérieur de chaque fenêtre, et trois
# valeurs sur quatre. Ce qu'il garde : la présence du motif, et sa position **approximative**
# (à deux pixels près). Pour lire un chiffre, c'est souvent suffisant : savoir qu'il y a un
# bord vertical « à peu près en bas à gauche » compte plus que sa colonne exacte.

# %% tags=["hide"]
assert max_kept == 1.0, "« le max garde intacte la plus forte réponse » n'est plus vrai"
assert mean_kept < 0.9, "« la moyenne n'atteint qu'une partie » n'est plus vrai : " + format_percent(mean_kept)

# %% [markdown]
# ### Moins de calculs
#
# Une carte quatre fois plus petite, c'est aussi quatre fois moins de calculs pour la couche
# suivante. Comptons les multiplications d'une convolution de 64 filtres 3 × 3 (avec la marge
# « same ») sur 32 cartes, avant et après un pooling 2 × 2 :

# %%
def conv_multiplications(side, kernel_size, channels, filters):
    """Multiplications d'une convolution « same » de pas 1 sur des cartes side × side."""
    return output_size(side, kernel_size, 1, "same") ** 2 * kernel_size ** 2 * channels * filters


before = conv_multiplications(28, 3, 32, 64)
after = conv_multiplications(output_size(28, 2, 2), 3, 32, 64)
print(f"Sur 28 × 28 : {format_integer(before)} multiplications ; "
      f"sur 14 × 14 : {format_integer(after)} ; rapport {format_decimal(before / after, 1)}")

# %% [markdown]
# Quatre fois moins de multiplications, pour une couche qui n'a pas un paramètre de moins :
# les poids d'une convolution ne dépendent pas de la taille des cartes.

# %% tags=["hide"]
assert before == 4 * after, "« quatre fois moins de multiplications » n'est plus vrai"

# %% [markdown]
# ## Une petite tolérance aux décalages
#
# Décalons l'image d'un pixel vers la droite. La carte de bords se décale d'un pixel. Mais dans
# une fenêtre de 2 × 2, un motif qui bouge d'un pixel a une chance sur deux de **rester dans la
# même fenêtre** : le maximum de cette fenêtre ne change pas. Mesurons, sur ce 7, de combien
# changent l'image, la carte et son max pooling, avec la mesure `change_ratio` du paquet : la
# somme des écarts divisée par la somme des valeurs (0 : rien n'a changé ; 1 : autant de
# changement que de signal).

# %%
def edges_relu(image):
    return relu(conv2d(image, kernel("vertical_edges"), padding="same"))


one_px = shift(seven, 0, 1)
change_image = change_ratio(seven, one_px)
change_map = change_ratio(edges_relu(seven), edges_relu(one_px))
change_pooled = change_ratio(pool2d(edges_relu(seven), 2), pool2d(edges_relu(one_px), 2))
print(f"Décalage d'un pixel : l'image change de {format_percent(change_image, 0)}, "
      f"la carte de bords de {format_percent(change_map, 0)}, "
      f"son max pooling 2 × 2 de {format_percent(change_pooled, 0)}")

# %% [markdown]
# Le max pooling change nettement moins que la carte elle-même : une partie du décalage est
# **absorbée**. Ce n'est qu'une tolérance partielle (un décalage de deux pixels déplace la
# sortie du pooling d'une case entière), mais elle s'accumule : chaque pooling divise les
# positions par deux, et après trois poolings, un décalage de quelques pixels ne représente
# plus grand-chose.

# %% tags=["hide"]
assert change_pooled < 0.7 * change_map, "« le max pooling change nettement moins que la carte »"

# %% [markdown]
# ### L'expérience sur le réseau de la démo
#
# Passons au vrai réseau convolutif de la démo (le CNN), et au réseau **dense** de la démo (le
# MLP : 784 → 256 → 128 → 10, sans convolution) pour comparer. Nous décalons des chiffres de
# test de 0 à 4 pixels, dans chacune des quatre directions, et nous mesurons :
#
# 1. de combien changent les cartes de chaque couche du CNN, avant et après chaque pooling ;
# 2. l'exactitude des deux réseaux sur les chiffres décalés.
#
# Pour que le chapitre s'exécute en quelques secondes, nous prenons les **500 premières**
# images de test (avec quatre directions, cela fait 2 000 images décalées pour chaque
# décalage), et nous comparons les cartes sur les 100 premières d'entre elles : une carte,
# c'est des dizaines de milliers de nombres par image.

# %%
from digitlab.demo_model.architecture import CNN_INSPECT

require_project_files(keras_path("cnn"), keras_path("mlp"), METRICS_PATH)  # les modèles de la démo
cnn = keras.models.load_model(keras_path("cnn"), compile=False)
mlp = keras.models.load_model(keras_path("mlp"), compile=False)
SHIFTS = range(5)
DIRECTIONS = [(0, 1), (0, -1), (1, 0), (-1, 0)]  # droite, gauche, bas, haut
subset, labels = x_test[:500], y_test[:500]

# Les couches dont on suit les cartes : celles que montre aussi la démo (« Ouvrir la boîte »).
map_layers = [e for e in CNN_INSPECT if e["kind"] in ("conv", "pool")]
probe = keras.Model(cnn.input, [cnn.get_layer(e["name"]).output for e in map_layers]
                    + [cnn.output])  # les cartes et les probabilités, en un seul passage
MAPS_ON = 100  # les cartes sont comparées sur les 100 premières images
reference = [m[:MAPS_ON] for m in probe.predict(subset[..., np.newaxis], batch_size=250,
                                               verbose=0)[:-1]]
changes = {e["name"]: [] for e in map_layers}
accuracy = {"CNN": [], "MLP": []}
for k in SHIFTS:
    per_direction = {name: [] for name in changes}
    right = {"CNN": 0, "MLP": 0}
    for dy, dx in DIRECTIONS:
        moved = shift(subset, k * dy, k * dx)[..., np.newaxis]
        *maps, probs = probe.predict(moved, batch_size=250, verbose=0)
        for e, ref, out in zip(map_layers, reference, maps):
            per_direction[e["name"]].append(change_ratio(ref, out[:MAPS_ON]))
        right["CNN"] += np.sum(probs.argmax(axis=1) == labels)
        right["MLP"] += np.sum(mlp.predict(moved, batch_size=500, verbose=0).argmax(axis=1) == labels)
    for name, values in per_direction.items():
        changes[name].append(np.mean(values))
    for name in accuracy:
        accuracy[name].append(right[name] / (len(labels) * len(DIRECTIONS)))

# %% [markdown]
# D'abord les cartes. Pour chaque couche, la courbe donne de combien ses cartes changent
# (la moyenne des quatre directions) quand on décale les chiffres ; en traits pleins les
# convolutions, en pointillés les poolings.

# %%
fig, ax = plt.subplots(figsize=(8, 3.8))
palette = plt.get_cmap("viridis")(np.linspace(0, 0.9, len(map_layers)))
for colour, e in zip(palette, map_layers):
    ax.plot(list(SHIFTS), changes[e["name"]], marker="o", color=colour,
            ls="-" if e["kind"] == "conv" else "--", label=e["label"])
ax.set_xlabel("décalage (pixels)")
ax.set_ylabel("changement des cartes")
ax.set_xticks(list(SHIFTS))
ax.set_title("De combien changent les cartes du CNN quand on décale le chiffre")
ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
ax.grid(alpha=0.3)
show(fig, "Des courbes croissantes, une par couche du réseau convolutif, du changement de ses "
          "cartes en fonction du décalage du chiffre, de 0 à 4 pixels : la première convolution "
          "change le plus vite ; juste après elle, le premier pooling change moins ; les couches "
          "profondes changent bien moins que la première.")
first_conv, first_pool = map_layers[0]["name"], map_layers[1]["name"]
deepest = map_layers[-1]["name"]
for e in map_layers:
    print(f"{e['label']:48} décalage de 1 pixel : {format_percent(changes[e['name']][1], 0):>5}, "
          f"de 2 pixels : {format_percent(changes[e['name']][2], 0):>5}")

# %% [markdown]
# Avec un décalage d'un pixel, les cartes de la première convolution changent beaucoup, et celles
# du premier pooling, calculées à partir d'elles, nettement moins. Les couches profondes, qui ont
# traversé plusieurs convolutions et plusieurs poolings, changent bien moins que la première.
# Ce n'est pas une règle à chaque étage (le dernier pooling, qui rogne ses cartes à un nombre
# impair de cases, peut faire exception), mais la tendance d'ensemble est claire : plus on
# s'enfonce dans le réseau, moins un petit décalage compte.

# %% tags=["hide"]
assert changes[first_pool][1] < 0.8 * changes[first_conv][1], (
    "« celles du premier pooling changent nettement moins » n'est plus vrai")
assert changes[deepest][1] < 0.8 * changes[first_conv][1], (
    "« les couches profondes changent bien moins que la première » n'est plus vrai")

# %% [markdown]
# Et ce qui compte vraiment : la réponse du réseau.

# %%
max_shift = json.loads(METRICS_PATH.read_text(encoding="utf-8")).get("config", {}).get(
    "distort", {}).get("max_shift")
fig, ax = plt.subplots(figsize=(7, 3.6))
for name, style in (("CNN", "o-"), ("MLP", "s--")):
    ax.plot(list(SHIFTS), accuracy[name], style, label=f"{name} (réseau "
            f"{'convolutif' if name == 'CNN' else 'dense'})")
ax.set_xlabel("décalage (pixels, dans les quatre directions)")
ax.set_ylabel("exactitude")
ax.set_xticks(list(SHIFTS))
ax.set_title("Exactitude sur 500 chiffres de test, décalés dans quatre directions")
ax.grid(alpha=0.3)
ax.legend()
show(fig, "Deux courbes d'exactitude en fonction du décalage des chiffres, de 0 à 4 pixels : "
          "celle du réseau convolutif reste presque plate, tout en haut ; celle du réseau dense "
          "part un peu plus bas et descend nettement à partir de 3 pixels.")
for k in SHIFTS:
    print(f"Décalage de {format_count(k, 'pixel')} : CNN {format_percent(accuracy['CNN'][k])}, "
          f"MLP {format_percent(accuracy['MLP'][k])}")
if max_shift is not None:
    print(f"Pendant leur entraînement, les deux réseaux ont vu des chiffres décalés au hasard "
          f"d'au plus {format_decimal(max_shift, 1)} pixels.")

# %% [markdown]
# Le réseau convolutif garde presque toute son exactitude jusqu'à 4 pixels de décalage ; le
# réseau dense en perd beaucoup plus, et l'écart se creuse à partir de 3 pixels. Une précision
# honnête : les deux réseaux de la démo ont été **entraînés** avec des chiffres décalés au
# hasard de quelques pixels (c'est l'« augmentation de données » du chapitre « Le réseau
# convolutif avec Keras »). Le réseau dense a donc appris, par des exemples, à tolérer les
# petits décalages qu'il a vus ; au-delà, il décroche. Le réseau convolutif, lui, tient cette
# tolérance de son **architecture** : filtres partagés qui reconnaissent un motif partout,
# et poolings qui absorbent une partie des déplacements.

# %% tags=["hide"]
gap = [accuracy["CNN"][k] - accuracy["MLP"][k] for k in SHIFTS]
assert accuracy["CNN"][3] > accuracy["MLP"][3] and gap[3] > gap[0], (
    "« l'écart se creuse à partir de 3 pixels » n'est plus vrai")
assert gap[4] > gap[0] + 0.02, (
    "« le réseau dense en perd beaucoup plus » n'est plus vrai")
assert accuracy["CNN"][0] - accuracy["CNN"][4] < 0.03, (
    "« le réseau convolutif garde presque toute son exactitude jusqu'à 4 pixels » n'est plus vrai")

# %% [markdown]
# ## Une architecture complète, couche par couche
#
# Assemblons les pièces du cours en un petit réseau convolutif complet, et suivons la forme des
# données et le nombre de paramètres, couche par couche :
#
# 28 × 28 → **convolution** (20 filtres 5 × 5, sans marge) → 20 cartes de 24 × 24 → **max
# pooling** 2 × 2 → 20 cartes de 12 × 12 → **couche dense** → 10 sorties (une par chiffre).
#
# Tout se calcule avec les fonctions du paquet :

# %%
side = output_size(28, 5)                  # après la convolution : 24
pooled_side = output_size(side, 2, 2)      # après le pooling : 12
flat_size = pooled_side * pooled_side * 20  # les 20 cartes mises bout à bout
plan = [
    ("Entrée", (28, 28, 1), 0),
    ("Convolution 20 × 5 × 5", (side, side, 20), conv_params(5, 1, 20)),
    ("Max pooling 2 × 2", (pooled_side, pooled_side, 20), 0),
    ("Mise à plat", (flat_size,), 0),
    ("Dense 10 (softmax)", (10,), dense_params(flat_size, 10)),
]
for name, shape, params in plan:
    print(f"{name:24} forme {str(shape):14} paramètres {format_integer(params):>7}")
total = sum(params for _, _, params in plan)
print(f"{'Total':24} {'':20} paramètres {format_integer(total):>7}")

# %% [markdown]
# Construisons le même réseau avec Keras, pour vérifier chaque forme et chaque nombre :

# %%
small_cnn = keras.Sequential([
    keras.Input((28, 28, 1)),
    keras.layers.Conv2D(20, 5, activation="relu"),
    keras.layers.MaxPooling2D(2),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
keras_plan = [(layer.name, layer.output_shape[1:], layer.count_params()) for layer in small_cnn.layers]
for (name, shape, params), (_, our_shape, our_params) in zip(keras_plan, plan[1:]):
    print(f"{name:16} Keras : forme {str(shape):14} paramètres {format_integer(params):>7}   "
          f"(nous : {our_shape}, {format_integer(our_params)})")
same_plan = [(tuple(shape), params) for _, shape, params in keras_plan] == \
    [(shape, params) for _, shape, params in plan[1:]]
print("Mêmes formes et mêmes paramètres que Keras :", "oui" if same_plan else "non")

# %% [markdown]
# Keras trouve exactement les mêmes formes et les mêmes nombres : 520 paramètres pour la
# convolution, aucun pour le pooling, et 28 810 pour la couche dense, qui reçoit
# 12 × 12 × 20 = 2 880 nombres. La plupart des paramètres sont dans la couche dense finale ;
# sans le pooling, elle en aurait quatre fois plus.

# %% tags=["hide"]
assert same_plan, "« Keras trouve exactement les mêmes formes et les mêmes nombres » n'est plus vrai"
assert plan[-1][2] == 28810 and flat_size == 2880, \
    "« 28 810 pour la couche dense, qui reçoit 12 × 12 × 20 = 2 880 nombres » n'est plus vrai"
assert dense_params(side * side * 20, 10) > 3.9 * plan[-1][2], "« quatre fois plus » n'est plus vrai"

# %% [markdown]
# ### Le réseau de la démo, décrit de la même façon
#
# Faisons la même description, avec nos fonctions, pour le réseau convolutif de la démo. Il
# utilise deux pièces que nous n'avons pas encore détaillées (elles sont au chapitre suivant) :
# la **normalisation de lot** (*batch normalization*, 4 nombres par canal, dont 2 appris) et
# l'**abandon** (*dropout*, qui éteint des neurones au hasard pendant l'entraînement, sans
# paramètre).

# %%
def describe_layer(layer, shape):
    """Forme de sortie et paramètres d'une couche, calculés avec digitlab.conv à partir de la
    forme d'entrée ``shape`` ; None pour une sorte de couche que nous ne savons pas décrire."""
    if isinstance(layer, keras.layers.Conv2D):
        h = output_size(shape[0], layer.kernel_size[0], layer.strides[0], layer.padding)
        w = output_size(shape[1], layer.kernel_size[1], layer.strides[1], layer.padding)
        return (h, w, layer.filters), conv_params(layer.kernel_size, shape[2], layer.filters,
                                                  layer.use_bias)
    if isinstance(layer, (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)):
        h = output_size(shape[0], layer.pool_size[0], layer.strides[0], layer.padding)
        w = output_size(shape[1], layer.pool_size[1], layer.strides[1], layer.padding)
        return (h, w, shape[2]), 0
    if isinstance(layer, keras.layers.BatchNormalization):
        return shape, 4 * shape[-1]
    if isinstance(layer, keras.layers.Flatten):
        return (int(np.prod(shape)),), 0
    if isinstance(layer, keras.layers.Dense):
        return (layer.units,), dense_params(shape[-1], layer.units, layer.use_bias)
    if isinstance(layer, (keras.layers.Activation, keras.layers.Dropout, keras.layers.ReLU)):
        return shape, 0
    return None


shape = tuple(cnn.input_shape[1:])
all_agree, ours_total, unknown = True, 0, []
print(f"{'couche':12} {'sorte':20} {'forme':16} {'paramètres':>10}")
for layer in cnn.layers[1:]:
    described = describe_layer(layer, shape)
    keras_shape, keras_params = tuple(layer.output_shape[1:]), layer.count_params()
    if described is None:  # une sorte de couche inconnue ici : on prend les nombres de Keras
        unknown.append(layer.name)
        described = (keras_shape, keras_params)
    shape, params = described
    ours_total += params
    all_agree &= (tuple(shape), params) == (keras_shape, keras_params)
    print(f"{layer.name:12} {type(layer).__name__:20} {str(tuple(shape)):16} "
          f"{format_integer(params):>10}")
print(f"{'Total':50} {format_integer(ours_total):>10}   (Keras : "
      f"{format_integer(cnn.count_params())})")
print("Chaque forme et chaque nombre calculés comme Keras :", "oui" if all_agree else "non",
      f"(couches prises telles quelles chez Keras : {', '.join(unknown)})" if unknown else "")

# %% [markdown]
# Nos fonctions retrouvent chaque forme et chaque nombre de paramètres du réseau de la démo. On
# y voit le rôle des poolings : les cartes passent de 28 × 28 à 14 × 14, puis 7 × 7, puis
# 3 × 3, pendant que le nombre de canaux augmente ; la couche dense qui suit reçoit ainsi
# 3 × 3 × 128 = 1 152 nombres, au lieu de 28 × 28 × 128 = 100 352 sans pooling.

# %% tags=["hide"]
assert all_agree and ours_total == cnn.count_params(), (
    "« Nos fonctions retrouvent chaque forme et chaque nombre » n'est plus vrai")
assert cnn.get_layer("flatten").output.shape[-1] == 3 * 3 * 128, (
    "« la couche dense reçoit 1 152 nombres » n'est plus vrai")

# %% [markdown]
# ## À vous : le labo de pooling
#
# Dessinez un chiffre (ou prenez un exemple MNIST) : il est résumé aussitôt par un pooling.
# Changez la sorte de pooling (max, moyenne, L2), la taille de la fenêtre et le pas ; survolez ou
# touchez un pixel de la sortie (glissez le doigt dessus ; au clavier : Tab, puis les flèches)
# pour voir sa fenêtre et son calcul, qui reste affiché quand vous changez les réglages. Puis
# **décalez votre dessin** d'un pixel à la fois avec les flèches : le labo compare la sortie à
# celle du dessin non décalé, et dit de combien l'image et la sortie ont changé. Essayez un
# décalage d'un pixel, puis de deux, avec une fenêtre de 2 puis de 4.
#
# <div data-lab="pooling"></div>
#
# ## L'essentiel
#
# - Le **pooling** résume chaque carte de caractéristiques : chaque fenêtre (souvent 2 × 2, de
#   pas 2) est remplacée par un seul nombre ; la carte devient quatre fois plus petite.
# - Le **max pooling** garde la plus grande valeur, l'**average pooling** la moyenne, le
#   **pooling L2** la racine de la somme des carrés.
# - Un pooling n'a aucun paramètre ; il agit sur chaque canal séparément.
# - Il garde la présence d'un motif et sa position approximative, et jette la position exacte
#   dans la fenêtre.
# - Il divise les calculs des couches suivantes et, avec les filtres partagés des convolutions,
#   donne une petite tolérance aux décalages : mesuré sur le réseau de la démo, un CNN garde
#   presque toute son exactitude avec des chiffres décalés de 4 pixels, un réseau dense non.
# - Un réseau convolutif enchaîne convolution, ReLU et pooling, plusieurs fois, puis une ou deux
#   couches denses ; ses formes et ses paramètres se calculent couche par couche.
#
# ## Questions de révision
#
# <details class="question">
# <summary>Qu'est-ce que le pooling ?</summary>
#
# Une opération qui résume une carte de caractéristiques : on la découpe en petites fenêtres
# (par exemple 2 × 2, avec un pas de 2) et on remplace chaque fenêtre par un seul nombre. La
# carte rétrécit (de 28 × 28 à 14 × 14), canal par canal, sans aucun paramètre à apprendre.
#
# </details>
#
# <details class="question">
# <summary>Citez deux sortes de pooling et dites ce que chacune calcule.</summary>
#
# Le **max pooling** garde la plus grande valeur de la fenêtre ; l'**average pooling** en garde
# la moyenne. (Le **pooling L2** garde la racine carrée de la somme des carrés.) Sur la fenêtre
# 1, 3, 4, 2 : max 4, moyenne 2,5, L2 $\sqrt{30} \approx 5{,}48$.
#
# </details>
#
# <details class="question">
# <summary>Que garde le max pooling, et que jette-t-il ?</summary>
#
# Il garde la plus forte réponse de chaque région (« le motif est-il présent ici ? ») et sa
# position approximative ; il jette la position exacte dans la fenêtre et les autres valeurs
# (trois sur quatre pour une fenêtre 2 × 2).
#
# </details>
#
# <details class="question">
# <summary>Pourquoi le pooling rend-il un réseau plus tolérant aux petits décalages ?</summary>
#
# Quand l'image bouge d'un pixel, un motif reste souvent dans la même fenêtre : le maximum de
# la fenêtre ne change pas. Après plusieurs poolings, chaque case résume une grande région de
# l'image, et un décalage de quelques pixels ne change presque plus rien.
#
# </details>
#
# <details class="question">
# <summary>Pourquoi un réseau convolutif lit-il mieux les images qu'un réseau dense ?</summary>
#
# Parce qu'il est fait pour les images : ses filtres regardent des voisinages de pixels (les
# pixels voisins parlent de la même chose) et sont partagés sur toute l'image (un motif est
# reconnu où qu'il soit), avec beaucoup moins de paramètres à apprendre ; ses poolings résument
# les cartes et absorbent les petits décalages ; ses couches successives combinent des bords en
# formes, puis en chiffres. Un réseau dense doit tout apprendre pixel par pixel et position par
# position : il a besoin de plus de paramètres et d'exemples, et il supporte mal les décalages.
#
# </details>
#
# ## Exercices

# %% [markdown] tags=["exercise"]
# **Exercice 1 (à la main).** Calculez le max pooling et l'average pooling 2 × 2 (pas 2) de la
# carte $\begin{pmatrix} 0 & 2 & 1 & 1 \\ 6 & 0 & 1 & 1 \\ 3 & 3 & 0 & 0 \\ 3 & 3 & 0 & 8 \end{pmatrix}$.
# Puis : quelle est la taille de sortie d'un pooling 3 × 3 de pas 2, sans marge, sur une carte
# de 28 × 28 ?

# %% [markdown] tags=["solution"]
# Max : $\begin{pmatrix} 6 & 1 \\ 3 & 8 \end{pmatrix}$ ; moyenne :
# $\begin{pmatrix} 2 & 1 \\ 3 & 2 \end{pmatrix}$. Regardez les deux fenêtres du bas : le max
# dit 3 puis 8, il voit le 8 isolé ; la moyenne dit 3 puis 2, elle le dilue dans les zéros et
# classe même la fenêtre de droite sous celle de gauche. Taille :
# $\lfloor (28 - 3)/2 \rfloor + 1 = 13$.

# %% tags=["solution"]
exercise_map = np.array([[0, 2, 1, 1], [6, 0, 1, 1], [3, 3, 0, 0], [3, 3, 0, 8]], dtype=float)
print(pool2d(exercise_map, 2, kind="max"))
print(pool2d(exercise_map, 2, kind="average"))
print(output_size(28, 3, 2))

# %% [markdown] tags=["exercise"]
# **Exercice 2 (avec le code).** Les fenêtres d'un pooling peuvent se chevaucher : avec une
# fenêtre 3 × 3 et un pas de 2 (le choix d'AlexNet, en 2012), chaque pixel peut appartenir à
# plusieurs fenêtres. Sur la carte de bords `edge_map` du 7, comparez la taille et l'allure du
# max pooling 2 × 2 de pas 2 et du max pooling 3 × 3 de pas 2. Dans la version qui se
# chevauche, combien de fenêtres contiennent le pixel (4, 4) (en comptant à partir de 0) ?

# %% tags=["solution"]
plain = pool2d(edge_map, 2, 2, kind="max")
overlapping = pool2d(edge_map, 3, 2, kind="max")
print("2 × 2, pas 2 :", plain.shape, " ; 3 × 3, pas 2 :", overlapping.shape)
containing = [(i, j) for i in range(overlapping.shape[0]) for j in range(overlapping.shape[1])
              if 2 * i <= 4 < 2 * i + 3 and 2 * j <= 4 < 2 * j + 3]
print("Fenêtres 3 × 3 qui contiennent le pixel (4, 4) :", len(containing))

# %% [markdown] tags=["solution"]
# Les deux sorties font à peu près la même taille (14 × 14 et 13 × 13) : c'est le pas qui fixe
# la taille. Mais avec des fenêtres 3 × 3 qui se chevauchent, un pixel comme (4, 4), sur une
# ligne et une colonne paires, est dans 2 × 2 = 4 fenêtres (qui commencent aux lignes 2 et 4 et
# aux colonnes 2 et 4) : une forte réponse y est recopiée dans plusieurs cases, et le résultat
# est un peu plus « épais ». Un pixel sur une ligne et une colonne impaires, lui, n'est que
# dans une fenêtre (et un pixel de la dernière ligne ou colonne, d'indice 27, dans aucune).

# %% tags=["check"]
expected_side = output_size(edge_map.shape[0], 3, 2)
assert np.shape(overlapping) == (expected_side, expected_side), \
    "La sortie du pooling 3 × 3 de pas 2 n'a pas la bonne taille : appelez pool2d(edge_map, 3, 2, kind=\"max\")."
windows = [(i, j) for i in range(expected_side) for j in range(expected_side)
           if max(abs(4 - (2 * i + 1)), abs(4 - (2 * j + 1))) <= 1]
assert len(containing) == len(windows), \
    "Ce n'est pas le bon nombre de fenêtres : la fenêtre (i, j) couvre les lignes 2i à 2i + 2 " \
    "et les colonnes 2j à 2j + 2 ; comptez celles où tombe le pixel (4, 4)."
print("Juste : comparez maintenant l'allure des deux cartes.")

# %% tags=["hide"]
assert overlapping.shape == (13, 13) and plain.shape == (14, 14) and len(containing) == 4, \
    "« 14 × 14 et 13 × 13 », « dans 2 × 2 = 4 fenêtres » ne correspondent plus au calcul"

# %% [markdown] tags=["exercise"]
# **Exercice 3 (avec le code).** Le **pooling global** résume chaque carte entière par un seul
# nombre (son maximum, par exemple). Reprenez l'expérience du décalage d'un pixel sur le 7
# (`edges_relu(seven)` et `edges_relu(shift(seven, 0, 1))`) et mesurez avec `change_ratio` le
# changement du maximum global de la carte. Qu'en concluez-vous ? Que perd-on ?

# %% tags=["solution"]
before_shift = edges_relu(seven).max(keepdims=True)
after_shift = edges_relu(shift(seven, 0, 1)).max(keepdims=True)
global_change = change_ratio(before_shift, after_shift)
print(f"Changement du maximum global : {format_percent(global_change, 1)}")

# %% [markdown] tags=["solution"]
# Le maximum global ne change pas du tout : tant que le chiffre reste dans le cadre, la plus
# forte réponse de la carte est la même, où qu'elle soit. C'est une invariance totale au
# décalage… au prix de **toute** l'information de position : la carte dit « il y a un bord
# vertical quelque part », plus où. Les réseaux modernes l'utilisent à la toute fin, sur des
# cartes qui ont déjà combiné les positions (le *global average pooling*).

# %% tags=["check"]
assert global_change == 0, \
    "Ce n'est pas encore le bon changement : comparez avec change_ratio le maximum global de la " \
    "carte du 7 et celui de la carte du 7 décalé d'un pixel (max(keepdims=True) garde un tableau)."

# %% [markdown] tags=["exercise"]
# **Exercice 4 (avec le code).** Décrivez couche par couche, avec `output_size`, `conv_params`
# et `dense_params`, le réseau : 28 × 28 → convolution 32 filtres 3 × 3 avec la marge « same »
# → max pooling 2 × 2 → convolution 64 filtres 3 × 3 « same » → max pooling 2 × 2 → dense 10.
# Combien a-t-il de paramètres ? Vérifiez avec Keras.

# %% tags=["solution"]
s1 = output_size(28, 3, 1, "same")   # 28
s2 = output_size(s1, 2, 2)           # 14
s3 = output_size(s2, 3, 1, "same")   # 14
s4 = output_size(s3, 2, 2)           # 7
counted = conv_params(3, 1, 32) + conv_params(3, 32, 64) + dense_params(s4 * s4 * 64, 10)
check_model = keras.Sequential([
    keras.Input((28, 28, 1)),
    keras.layers.Conv2D(32, 3, padding="same"), keras.layers.MaxPooling2D(2),
    keras.layers.Conv2D(64, 3, padding="same"), keras.layers.MaxPooling2D(2),
    keras.layers.Flatten(), keras.layers.Dense(10),
])
print(f"Formes : 28 → {s1} → {s2} → {s3} → {s4} ; paramètres : {format_integer(counted)} "
      f"(Keras : {format_integer(check_model.count_params())})")

# %% [markdown] tags=["solution"]
# $32 \times (9 + 1) = 320$, puis $64 \times (9 \times 32 + 1) = 18\,496$, puis
# $10 \times (7 \times 7 \times 64 + 1) = 31\,370$ : en tout 50 186 paramètres, comme Keras.

# %% tags=["check"]
assert counted == check_model.count_params(), \
    "Votre compte diffère de celui de Keras : revoyez la taille de la carte qui entre dans la " \
    "couche dense (deux poolings 2 × 2), et n'oubliez pas les biais."
print("Juste : c'est aussi le compte de Keras.")

# %% tags=["hide"]
assert counted == 50186 and (s1, s2, s3, s4) == (28, 14, 14, 7), \
    "« en tout 50 186 paramètres » ne correspond plus au calcul"

# %% [markdown]
# ## À suivre
#
# Nous avons toutes les pièces : convolutions, ReLU, poolings, couches denses. Le chapitre
# suivant, [Le réseau convolutif avec Keras](../06_cnn_keras/), assemble et entraîne un vrai
# réseau convolutif, celui de la [démo](../../demo/), et explique les pièces qui lui restent :
# normalisation de lot, abandon (*dropout*), optimiseur, augmentation de données.
