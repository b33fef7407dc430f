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
# # Du modèle au navigateur
#
# Le CNN du projet a été entraîné en Python, avec Keras. Pourtant, dans la démo, c'est votre
# navigateur qui le fait tourner, sans aucun serveur. Ce chapitre suit ce trajet : ce que
# contiennent les fichiers que télécharge la page, comment on les a rendus quatre fois plus légers,
# comment votre dessin devient une image « à la MNIST », et pourquoi le réseau a dû apprendre des
# chiffres que MNIST ne contient presque pas.
#
# <div class="admonition abstract lesson-goals" markdown>
# <p class="admonition-title">Dans ce chapitre</p>
#
# - **Vous saurez** : lire un export TensorFlow.js (`model.json` et fragments de poids) ; ce que
#   fait la quantification uint8 et ce qu'elle coûte ; pourquoi le projet exporte depuis Keras 2 ;
#   refaire pas à pas le prétraitement d'un dessin et mesurer l'effet du centrage ; mesurer ce que
#   changent des formes d'écriture ajoutées à l'entraînement.
# - **Prérequis** : chapitres « Les données MNIST » et « Le réseau convolutif avec Keras » ;
#   maths : aucune de plus (les encadrés de maths restent facultatifs)
# - **Durée** : environ 30 min de lecture, 1 min d'exécution
#
# </div>

# %%
import json

import matplotlib.pyplot as plt
import numpy as np

from digitlab.quiet import import_keras, import_tensorflowjs

keras = import_keras()
import_tensorflowjs()  # le convertisseur de TensorFlow.js, pour sa quantification

from digitlab import preprocess as pre
from digitlab.data import load_mnist, validation_split
from digitlab.demo_model import augment
from digitlab.demo_model.architecture import build_cnn
from digitlab.demo_model.export import apply_quantization
from digitlab.demo_model.paths import BENCHMARKS_DIR, METRICS_PATH, keras_path, require_project_files, tfjs_dir
from digitlab.demo_model.strokes import render
from digitlab.demo_model.training import CONFIG, to_float
from digitlab.demo_model.writers import check_sample
from digitlab.fmt import format_decimal, format_integer, format_percent, format_scientific, plural_form
from digitlab.methods import check_images
from digitlab.plotting import show, use_style

use_style()
(train_images, train_labels), (test_images, test_labels) = load_mnist()
(_, _), (x_val, y_val) = validation_split(train_images, train_labels)
require_project_files(METRICS_PATH, keras_path("cnn"), tfjs_dir("cnn") / "model.json",
                      BENCHMARKS_DIR / "mnist_only.json")  # le modèle de la démo et ses mesures
metrics = json.loads(METRICS_PATH.read_text(encoding="utf-8"))
model = keras.models.load_model(keras_path("cnn"), compile=False)
export_dir = tfjs_dir("cnn")
model_json = json.loads((export_dir / "model.json").read_text(encoding="utf-8"))
print("Fichiers de l'export :", sorted(p.name for p in export_dir.iterdir()))

# %% [markdown]
# ## Ce que télécharge la page
#
# La démo charge deux sortes de fichiers, écrits par le convertisseur de TensorFlow.js
# (`tensorflowjs`, fonction `export_tfjs` du module `digitlab/demo_model/export.py`), plus un
# petit `inspect.json`, écrit par le projet, qui dit quelles couches montrer quand on « ouvre la
# boîte » :
#
# - `model.json` décrit le réseau : ses couches, dans l'ordre, avec leurs réglages (c'est la
#   description Keras, recopiée), puis le **manifeste des poids** : le nom, la forme et le codage
#   de chaque tableau de poids, et le fichier où il se trouve ;
# - un ou plusieurs **fragments de poids** (*weight shards*, [glossaire](../../glossaire/#fragment)),
#   des fichiers binaires : les poids, les uns à la suite des autres, sans rien d'autre.

# %%
print({k: v for k, v in model_json.items() if k not in ("modelTopology", "weightsManifest")})
layers = model_json["modelTopology"]["model_config"]["config"]["layers"]
names = [f"{layer['config']['name']} ({layer['class_name']})" for layer in layers[:6]]
print(f"\n{len(layers)} couches :", ", ".join(names), "…")
manifest = model_json["weightsManifest"][0]
print(f"\n{plural_form(len(manifest['paths']), 'Fragment')} : {manifest['paths']} ; "
      f"{len(manifest['weights'])} tableaux de poids, par exemple :")
for entry in manifest["weights"][:2] + [w for w in manifest["weights"] if w["name"] == "conv1/kernel"]:
    print(" ", json.dumps(entry, ensure_ascii=False))
sizes = {p.name: p.stat().st_size for p in export_dir.iterdir()}
print("\nTailles :", {name: format_integer(size) + " octets" for name, size in sizes.items()})

# %% [markdown]
# Chaque tableau de poids porte un champ `quantization` : `dtype: uint8`, un minimum `min` et un
# pas `scale`. Chaque poids est rangé dans **un seul octet**, un entier $q$ de 0 à 255, et le
# navigateur le relit comme $w = \text{min} + q \times \text{scale}$. Faisons-le nous-mêmes :
# lisons le fragment octet par octet, dans l'ordre du manifeste, et comparons avec les poids du
# modèle Keras.

# %%
shard = (export_dir / manifest["paths"][0]).read_bytes()
offset, decoded = 0, {}
for entry in manifest["weights"]:
    count = int(np.prod(entry["shape"]))
    q = np.frombuffer(shard, dtype=np.uint8, count=count, offset=offset).astype(np.float64)
    offset += count
    decoded[entry["name"]] = (entry["quantization"]["min"] + q * entry["quantization"]["scale"]).reshape(entry["shape"])
keras_weights = {w.name.rsplit(":", 1)[0]: w.numpy() for w in model.weights}
gap = max(float(np.max(np.abs(decoded[name] - keras_weights[name]))) for name in decoded)
# Le même écart, compté en pas de quantification (un pas = l'écart entre deux niveaux voisins).
gap_in_steps = max(float(np.max(np.abs(decoded[e["name"]] - keras_weights[e["name"]]))) / e["quantization"]["scale"]
                   for e in manifest["weights"])
print(f"{format_integer(offset)} octets lus sur {format_integer(len(shard))} ; {len(decoded)} tableaux ; "
      f"plus grand écart avec les poids Keras : {format_scientific(gap)}")

# %% [markdown]
# Le fragment contient exactement un octet par paramètre, et les poids relus sont ceux du modèle
# Keras, aux arrondis des nombres à virgule près : la démo et ce chapitre font **le même calcul**.
# (Le projet applique la quantification aux poids du modèle Keras lui-même avant de l'enregistrer,
# précisément pour cela : les chiffres mesurés en Python sont ceux de la démo.)

# %% tags=["hide"]
assert offset == len(shard) == model.count_params(), "« un octet par paramètre » n'est plus vrai"
assert gap_in_steps < 1e-3, "« les poids relus sont ceux du modèle Keras » n'est plus vrai"

# %% [markdown]
# ## La quantification uint8 : quatre fois plus léger, pour combien d'erreurs ?
#
# Un poids est d'ordinaire un nombre à virgule sur 4 octets (`float32`). La
# [quantification](../../glossaire/#quantification) le remplace par l'un des 256 niveaux régulièrement
# espacés entre le plus petit et le plus grand poids de son tableau : 1 octet (la grille est
# légèrement décalée pour que 0 soit l'un des niveaux : un poids nul reste nul). Pour
# 279 850 paramètres, les poids passent d'environ 1,1 Mo à 280 ko. L'erreur sur chaque poids
# est au plus d'un demi-pas, soit $\text{scale}/2$.

# %% tags=["hide"]
assert model.count_params() == 279_850, "« 279 850 paramètres » n'est plus vrai"
assert format_decimal(4 * model.count_params() / 1e6, 1) == "1,1", "« environ 1,1 Mo en float32 » n'est plus vrai"
assert round(model.count_params() / 1e4) == 28, "« 280 ko en uint8 » n'est plus vrai"

# %% [markdown]
#
# Que coûte-t-elle en exactitude ? Au moment de l'export, le script d'entraînement a comparé sur la
# validation le modèle quantifié en `float16` (2 octets) et en `uint8` (1 octet), et a gardé `uint8`
# parce qu'il ne perdait presque rien :

# %%
scores = metrics["cnn"]["quantization"]["validation_accuracy"]
print(f"Choix enregistré : {metrics['cnn']['quantization']['dtype']} ; exactitude de validation : "
      + ", ".join(f"{k} {format_percent(v, 2)}" for k, v in scores.items()))
print(f"Téléchargement : {format_integer(metrics['cnn']['tfjs']['total_bytes'])} octets en uint8, contre "
      f"{format_integer(4 * metrics['cnn']['parameters'])} octets de poids en float32")

# %% [markdown]
# Et si on allait plus loin ? Quantifions le modèle sur 6, 5, 4, 3, puis 2 bits (64, 32, 16, 8,
# puis 4 niveaux par tableau), avec la même règle (minimum, pas régulier), et mesurons sur les
# 5 000 images de validation. Pour 8 bits, notre fonction doit redonner exactement ce que fait le
# convertisseur de TensorFlow.js (`apply_quantization`) ; on le vérifie sur les poids d'un réseau
# neuf, tirés au hasard (ceux du modèle de la démo sont déjà sur la grille de 256 niveaux, puisqu'il
# a été quantifié à l'export : n'importe quelle règle les laisserait en place).

# %%
def quantize(weights, bits):
    """Chaque tableau ramené à 2**bits niveaux régulièrement espacés entre son min et son max.

    Comme TensorFlow.js, on décale un peu la grille pour que 0 soit exactement l'un des niveaux
    (quand il est dans l'intervalle) : un poids nul reste nul.
    """
    levels = 2 ** bits - 1
    out = []
    for w in weights:
        w64 = w.astype(np.float64)  # calculs en double précision, comme le convertisseur
        low, high = float(w.min()), float(w.max())
        if low == high:
            out.append(w.copy())
            continue
        scale = (high - low) / levels
        if low <= 0 <= high:
            low = -np.round(-low / scale) * scale
        q = np.round((np.clip(w64, low, low + levels * scale) - low) / scale)
        out.append((q * scale + low).astype(w.dtype))
    return out


base = model.get_weights()
fresh = build_cnn().get_weights()  # des poids quelconques, pas encore sur une grille
reference = keras.models.clone_model(model)
reference.set_weights(fresh)
apply_quantization(reference, "uint8")
ours_8bit = quantize(fresh, 8)
# Écart à la quantification du convertisseur, rapporté à l'étendue de chaque tableau.
same_as_tfjs = max(float(np.max(np.abs(a - b))) / max(float(np.ptp(b)), 1e-12)
                   for a, b in zip(ours_8bit, reference.get_weights()))

quant_results = {}
for bits in (8, 6, 5, 4, 3, 2):
    model.set_weights(quantize(base, bits))
    accuracy = np.mean(model.predict(to_float(x_val), batch_size=1000, verbose=0).argmax(1) == y_val)
    quant_results[bits] = (accuracy, int(np.ceil(model.count_params() * bits / 8)))
model.set_weights(base)
for bits, (accuracy, size) in quant_results.items():
    print(f"{bits} bits : {format_integer(size):>9} octets, exactitude de validation {format_percent(accuracy, 2)}")

fig, ax = plt.subplots(figsize=(7, 3))
ax.plot(list(quant_results), [100 * a for a, _ in quant_results.values()], "o-")
ax.set_xlabel("bits par poids")
ax.set_ylabel("exactitude de validation (%)")
ax.set_title("Quantifier plus fort : jusqu'où le CNN tient-il ?")
ax.invert_xaxis()
ax.grid(alpha=0.3)
show(fig, "L'exactitude de validation du CNN selon le nombre de bits par poids : presque stable de 8 à "
     "5 bits, elle perd environ un point à 4 bits, davantage à 3 bits, et s'effondre à 2 bits.")

# %% [markdown]
# Le réseau bronche à peine jusqu'à 5 bits (un dixième de point ou deux) : ses poids n'ont pas
# besoin d'une grande précision, car chaque sortie est une somme de centaines de petits produits où
# les erreurs d'arrondi se compensent. À 4 bits (seize valeurs par tableau), il perd environ un
# point, davantage à 3 bits (huit valeurs) ; à 2 bits, il ne lit presque plus rien (à peine mieux
# que le hasard). Le projet reste à
# 8 bits, la solution standard de TensorFlow.js, avec une bonne marge.

# %% tags=["hide"]
assert same_as_tfjs < 1e-6, "« notre fonction doit redonner exactement ce que fait le convertisseur » n'est plus vrai"
assert quant_results[8][0] >= 0.99 and quant_results[5][0] >= quant_results[8][0] - 0.003, (
    "« il bronche à peine jusqu'à 5 bits » n'est plus vrai")
assert 0.004 <= quant_results[8][0] - quant_results[4][0] <= 0.02, "« à 4 bits, il perd environ un point »"
assert quant_results[3][0] < quant_results[4][0] - 0.005, "« davantage à 3 bits » n'est plus vrai"
assert quant_results[2][0] < 0.2, "« à 2 bits, il ne lit presque plus rien » n'est plus vrai"

# %% [markdown]
# ## Pourquoi Keras 2 pour l'export
#
# Le projet entraîne avec **Keras 2** (le paquet `tf_keras`) et non avec Keras 3, la version
# actuelle. La raison est pratique : TensorFlow.js 4.22 ne sait pas charger un modèle Keras 3
# converti (tickets #8328, #8358 et #8494 du dépôt de TensorFlow.js), alors qu'un modèle Keras 2
# devient un *layers model* TensorFlow.js, dont on peut lire chaque couche intermédiaire : c'est ce
# qui permet à la démo d'« ouvrir la boîte ». Le fichier `model.json` le dit lui-même :

# %%
print("Produit par :", model_json["generatedBy"], "— converti par :", model_json["convertedBy"])
print("Format :", model_json["format"], "— version de Keras :", model_json["modelTopology"]["keras_version"])

# %% [markdown]
# ## Le prétraitement de la démo, pas à pas
#
# Votre dessin n'a rien d'une image MNIST : il est grand ou petit, n'importe où dans le cadre. Avant
# de le montrer au réseau, la démo le prépare **exactement comme MNIST a été préparé**
# ([glossaire](../../glossaire/#pretraitement)), avec le module `docs/assets/demo/preprocess.js` et son
# jumeau Python `digitlab/preprocess.py`, que voici à l'œuvre sur un 7 barré dessiné petit, dans un
# coin d'un cadre de 280 pixels.

# %%
PAD = 280


def draw_on_pad(strokes, left, top, size, ratio=0.13):
    """Le dessin tel que le verrait le pad : ``size`` pixels de haut, placé en (``left``, ``top``)."""
    pad = np.zeros((PAD, PAD))
    ink = render(strokes, size=size, ratio=ratio)
    pad[top:top + size, left:left + size] = ink
    return pad


seven = next(item for item in check_sample(3)[1] if item["digit"] == 7)
digit, strokes = seven["digit"], seven["strokes"]
pad = draw_on_pad(strokes, left=170, top=20, size=90)
top, left, bottom, right = pre.ink_bbox(pad)
crop = pad[top:bottom, left:right]
h, w = pre.fitted_size(*crop.shape)
small = pre.resize_area(crop, h, w)
centred = pre.place_by_mass(small)
final = pre.preprocess(pad)
stages = [(pad, f"1. le pad ({PAD} × {PAD})"), (crop, f"2. rogné à l'encre ({crop.shape[0]} × {crop.shape[1]})"),
          (small, f"3. réduit à {h} × {w}"), (centred, "4. centre de masse au centre (28 × 28)"),
          (final, "5. encre la plus forte ramenée à 1")]
fig, axes = plt.subplots(1, 5, figsize=(12, 2.9), layout="constrained")
for ax, (image, title) in zip(axes, stages):
    ax.imshow(image, vmin=0)
    ax.set_title(title, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
show(fig, "Les cinq étapes du prétraitement d'un 7 barré dessiné petit dans le coin d'un pad : le pad "
     "entier, le chiffre rogné à son encre, réduit à 20 pixels de haut, placé dans un carré de "
     "28 × 28 avec son centre de masse au centre, puis l'encre remise à pleine intensité.")
print(f"Le CNN lit : {model.predict(final[None, ..., None], verbose=0).argmax()} (vrai chiffre : {digit})")

# %% [markdown]
# Pourquoi 20 pixels dans un carré de 28 ? C'est ainsi que MNIST a été fabriqué (LeCun et al.,
# 1998) : chaque chiffre réduit à une boîte de 20 × 20 en gardant ses proportions, puis placé dans
# un carré de 28 × 28 de sorte que son **centre de masse** (la moyenne des positions des pixels,
# pondérée par l'encre) tombe au centre. Le réseau n'a jamais vu autre chose : il faut lui montrer
# la même chose.
#
# ### Sans centrage, le réseau se trompe
#
# Et si on sautait ces étapes ? Mesurons sur 300 chiffres européens dessinés au hasard dans le pad
# (taille de 60 à 220 pixels, position quelconque), lus par le CNN après quatre préparations :
#
# - **le pad réduit** : le cadre entier ramené à 28 × 28, sans rogner ni centrer ;
# - **rogné, sans centrage** : rogné et réduit à 20 pixels, mais posé dans le coin en haut à
#   gauche du carré ;
# - **rogné, centré sur la boîte** : la boîte du chiffre placée au milieu du carré ;
# - **la préparation complète** de la démo (centre de masse au centre).

# %%
def whole_pad(pad_image):
    small_pad = pre.resize_area(pad_image, 28, 28)
    return small_pad / small_pad.max()


def cropped(pad_image, centred):
    """Rogné et réduit à 20 pixels, puis posé au milieu du carré (``centred``) ou dans son coin."""
    top_, left_, bottom_, right_ = pre.ink_bbox(pad_image)
    piece = pre.resize_area(pad_image[top_:bottom_, left_:right_], *pre.fitted_size(bottom_ - top_, right_ - left_))
    out = np.zeros((28, 28))
    y0, x0 = ((28 - piece.shape[0]) // 2, (28 - piece.shape[1]) // 2) if centred else (0, 0)
    out[y0:y0 + piece.shape[0], x0:x0 + piece.shape[1]] = piece
    return out / out.max()


rng = np.random.default_rng(1)
_, items = check_sample(30)
pads, truth = [], []
for item in items:
    digit_, strokes_ = item["digit"], item["strokes"]
    size = int(rng.integers(60, 221))
    pads.append(draw_on_pad(strokes_, int(rng.integers(0, PAD - size + 1)), int(rng.integers(0, PAD - size + 1)),
                            size, ratio=rng.uniform(0.09, 0.17)))
    truth.append(digit_)
truth = np.array(truth)
preparations = {"le pad réduit": whole_pad, "rogné, sans centrage": lambda p: cropped(p, centred=False),
                "rogné, centré sur la boîte": lambda p: cropped(p, centred=True),
                "préparation complète": pre.preprocess}
readings = {}
for name, prepare in preparations.items():
    batch = np.stack([prepare(p) for p in pads]).astype(np.float32)[..., None]
    readings[name] = model.predict(batch, verbose=0).argmax(axis=1)
    print(f"{name:<28} {format_percent(np.mean(readings[name] == truth), 1)} de bonnes réponses")

# %%
example = next(i for i in range(len(pads))
               if readings["rogné, sans centrage"][i] != truth[i] and readings["préparation complète"][i] == truth[i])
fig, axes = plt.subplots(1, 4, figsize=(10, 2.9), layout="constrained")
for ax, (name, prepare) in zip(axes, preparations.items()):
    ax.imshow(prepare(pads[example]), vmin=0)
    ax.set_title(f"{name}\nlu : {readings[name][example]}", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
show(fig, f"Le même {truth[example]} dessiné dans le pad, vu par le réseau après les quatre préparations : "
     "collé dans un coin, il est mal lu ; centré, il est lu correctement.")

# %% [markdown]
# Sans rogner ni centrer, le réseau ne lit plus qu'environ sept chiffres sur dix : un petit
# chiffre dans un coin ne ressemble pas à ce qu'il a vu. Rogné mais collé dans le coin du carré, il
# se trompe encore souvent : le décalage suffit à le gêner. Centré, il les lit tous ou presque. Ici,
# centrer par la boîte ou par le centre de masse revient au même : le CNN du projet a appris avec
# des images décalées de quelques pixels, il pardonne un léger décentrage. MNIST, lui, a été centré
# par le centre de masse, et la démo fait de même, pour lui montrer exactement ce qu'il a appris.

# %% tags=["hide"]
accuracies = {name: np.mean(r == truth) for name, r in readings.items()}
assert 0.6 < accuracies["le pad réduit"] < 0.8, "« environ sept chiffres sur dix » : " + str(accuracies)
assert accuracies["rogné, sans centrage"] < accuracies["rogné, centré sur la boîte"] - 0.03, (
    "« collé dans le coin du carré, il se trompe encore souvent » n'est plus vrai : " + str(accuracies))
assert min(accuracies["rogné, centré sur la boîte"], accuracies["préparation complète"]) >= 0.97, (
    "« centré, il les lit tous ou presque » : " + str(accuracies))
assert abs(accuracies["rogné, centré sur la boîte"] - accuracies["préparation complète"]) <= 0.01, (
    "« revient au même » : " + str(accuracies))

# %% [markdown]
# ## MNIST a été écrit par des Américains
#
# Les 70 000 chiffres de MNIST viennent d'employés du recensement et de lycéens américains. Leurs
# 1 sont souvent une simple barre, leurs 7 rarement barrés, la queue de leurs 9 plutôt droite. Ici,
# on écrit un 1 avec une longue attaque, un 7 barré, un 9 dont la queue s'enroule. Un réseau qui n'a
# vu que MNIST lit-il ces chiffres ?
#
# Pour le savoir, le script `scripts/mnist_only_cnn.py` a entraîné **la même architecture avec la
# même recette** que le CNN du projet (en 10 époques au lieu de 30, pour tenir en une dizaine de
# minutes), mais sur MNIST seul, puis a fait lire aux deux réseaux
# 600 chiffres européens de contrôle, écrits par les scripteurs simulés du projet (module
# `digitlab/demo_model/writers.py`, un générateur qu'aucun des deux n'a vu). Le CNN du projet, lui,
# a vu en plus, pendant son entraînement, des 1 et des 7 de MNIST transformés en formes européennes
# (une attaque ajoutée, une barre tracée) et 25 000 chiffres tracés au trait dans les styles
# européens (module `digitlab/demo_model/strokes.py`). Voici quelques-unes de ces formes ajoutées :

# %%
rng = np.random.default_rng(3)
ones = train_images[train_labels == 1][:4]
sevens = train_images[train_labels == 7][:4]
fig, axes = plt.subplots(2, 8, figsize=(11, 3), layout="constrained")
for column, (one, seven) in enumerate(zip(ones, sevens)):
    for row, (image, transform) in enumerate(((one, augment.add_upstroke), (seven, augment.add_crossbar))):
        axes[row, 2 * column].imshow(image)
        axes[row, 2 * column + 1].imshow(pre.preprocess(transform(image, rng)))
        axes[row, 2 * column].set_title("MNIST", fontsize=8)
        axes[row, 2 * column + 1].set_title("ajouté", fontsize=8)
for ax in axes.flat:
    ax.axis("off")
show(fig, "Des 1 et des 7 de MNIST, chacun suivi de sa version européenne fabriquée pour "
     "l'entraînement : le 1 reçoit une attaque qui descend vers la gauche, le 7 une barre horizontale.")

# %%
study = json.loads((BENCHMARKS_DIR / "mnist_only.json").read_text(encoding="utf-8"))
only, project = study["mnist_only"], study["project"]
print(f"CNN entraîné sur MNIST seul ({only['epochs']} époques, {format_decimal(only['train_seconds'] / 60, 1)} min) : "
      f"test MNIST {format_percent(only['test_accuracy'], 2)}, chiffres européens "
      f"{format_percent(only['check']['accuracy'], 1)}")
print(f"CNN du projet ({project['epochs']} époques, formes ajoutées) : test MNIST "
      f"{format_percent(project['test_accuracy'], 2)}, chiffres européens "
      f"{format_percent(project['check']['accuracy'], 1)}")
styles = {"un_longue_attaque": "1 à longue attaque", "sept_barre_droit": "7 barré",
          "sept_barre_crochet_haut": "7 barré crocheté", "neuf_petite_boucle_queue_courbe": "9 à queue courbe"}
fig, ax = plt.subplots(figsize=(8, 3.2))
x = np.arange(len(styles))
ax.bar(x - 0.2, [100 * only["check"]["by_style"][s] for s in styles], width=0.4, label="MNIST seul")
ax.bar(x + 0.2, [100 * project["check"]["by_style"][s] for s in styles], width=0.4, label="CNN du projet")
ax.set_xticks(x, list(styles.values()))
ax.set_ylabel("bien lus (%)")
ax.set_ylim(0, 105)
ax.legend(loc="lower right")
ax.grid(axis="y", alpha=0.3)
show(fig, "Part des chiffres européens bien lus, style par style, par un CNN entraîné sur MNIST seul et "
     "par le CNN du projet : le 7 à barre droite est bien lu par les deux ; le premier rate une bonne "
     "part des 1 à longue attaque, des 7 au haut crocheté et des 9 à petite boucle et queue courbe, que "
     "le second lit tous ou presque.")
for s, label in styles.items():
    print(f"{label:<20} MNIST seul {format_percent(only['check']['by_style'][s], 0):>6}   "
          f"projet {format_percent(project['check']['by_style'][s], 0):>6}")

images, digits_, styles_ = check_images(study["check"]["per_class"])
only_pred = np.array(only["check"]["predictions"])
project_pred = np.array(project["check"]["predictions"])
long_ones = styles_ == "un_longue_attaque"
answers, counts = np.unique(only_pred[long_ones & (only_pred != 1)], return_counts=True)
print(f"Sur {int(long_ones.sum())} « 1 à longue attaque », le CNN « MNIST seul » en lit mal {int(counts.sum())} :",
      ", ".join(f"{c} fois « {a} »" for a, c in sorted(zip(answers, counts), key=lambda ac: -ac[1])))

# %% [markdown]
# Les deux réseaux lisent le test de MNIST presque aussi bien l'un que l'autre. Sur les écritures
# européennes, une partie de la surprise est bonne : le 7 barré d'un trait droit ne pose pas de
# problème au réseau qui n'a vu que MNIST (MNIST en contient quelques-uns, et les déformations de
# l'entraînement l'ont habitué à des formes variées). Mais trois formes le piègent. Le **1 à longue
# attaque** d'abord : quand il le lit mal, c'est le plus souvent comme un **7**, dont il a la
# silhouette (un trait en haut, une hampe qui descend). Puis le **7 barré au haut crocheté** et le
# **9 à petite boucle et longue queue courbe**. Le réseau du projet, qui a vu des formes de ce genre
# à l'entraînement, les lit toutes ou presque.
# Voici, pour ces trois formes, des chiffres de contrôle que le premier lit mal et le second bien :

# %%
traps = ("un_longue_attaque", "sept_barre_crochet_haut", "neuf_petite_boucle_queue_courbe")
fixed_mask = (only_pred != digits_) & (project_pred == digits_)
fixed = np.concatenate([np.flatnonzero(fixed_mask & (styles_ == s))[:4] for s in traps])  # jusqu'à 4 par forme
fig, axes = plt.subplots(2, 6, figsize=(10, 4), layout="constrained")
for ax in axes.flat:
    ax.axis("off")
for ax, i in zip(axes.flat, fixed):
    ax.imshow(images[i])
    ax.set_title(f"MNIST seul : {only_pred[i]}\nprojet : {project_pred[i]}", fontsize=9)
show(fig, "Des chiffres européens de contrôle mal lus par le CNN entraîné sur MNIST seul et bien lus "
     "par le CNN du projet, avec les deux réponses : des 1 à longue attaque, des 7 au haut crocheté et "
     "des 9 à queue courbe.")

# %% [markdown]
# La leçon dépasse les chiffres : un réseau lit bien ce qui ressemble à son entraînement, et une
# excellente note sur le test de MNIST ne dit rien d'écritures d'une autre sorte. Pour qu'il lise vos
# chiffres, il faut lui en montrer qui leur ressemblent.

# %% tags=["hide"]
assert images.shape[0] == study["check"]["count"] == len(only_pred) == 600, (
    "« 600 chiffres européens de contrôle » : ils ont changé")
assert 10 * CONFIG["synthetic"]["per_class"] == 25_000, "« 25 000 chiffres tracés au trait » n'est plus vrai"
assert (only["epochs"], project["epochs"]) == (10, 30) and only["train_seconds"] < 15 * 60, (
    "« en 10 époques au lieu de 30, une dizaine de minutes » n'est plus vrai")
assert abs(only["test_accuracy"] - project["test_accuracy"]) < 0.01, "« presque aussi bien l'un que l'autre »"
assert project["check"]["accuracy"] > only["check"]["accuracy"] + 0.02, (
    "« sur les écritures européennes, […] trois formes le piègent » : l'écart entre les deux réseaux n'est plus net")
by_style_only, by_style_project = only["check"]["by_style"], project["check"]["by_style"]
assert min(by_style_only["sept_barre_droit"], by_style_project["sept_barre_droit"]) >= 0.95, (
    "« le 7 barré d'un trait droit ne pose pas de problème » n'est plus vrai")
for s in traps:
    assert by_style_only[s] < 0.9, "« trois formes le piègent » n'est plus vrai : " + s
    assert by_style_project[s] >= 0.95, "« les lit toutes ou presque » n'est plus vrai : " + s
assert answers[counts.argmax()] == 7, "« le plus souvent comme un 7 » n'est plus vrai"
assert len(fixed) >= 9 and len(set(styles_[fixed])) == 3, (
    "« des 1 à longue attaque, des 7 au haut crocheté et des 9 à queue courbe » : les exemples ont changé")

# %% [markdown]
# ## L'essentiel
#
# - L'export TensorFlow.js, c'est `model.json` (les couches et le manifeste des poids) et des
#   fragments binaires (les poids, à la suite).
# - La quantification uint8 range chaque poids dans un octet (un minimum, un pas, un entier de
#   0 à 255) : quatre fois moins lourd, sans perte mesurable d'exactitude ; le réseau tient même à
#   5 bits, pas en dessous.
# - Le projet exporte depuis Keras 2 (`tf_keras`), que TensorFlow.js sait charger couche par couche.
# - La démo prépare un dessin comme MNIST a été préparé : rogner à l'encre, réduire à 20 pixels,
#   centrer par le centre de masse dans 28 × 28.
# - Sans cette préparation, le même réseau lit bien moins de chiffres : un chiffre décentré le gêne.
# - Un CNN entraîné sur MNIST seul lit mal les 1 à longue attaque (il y voit des 7) ; des formes européennes
#   ajoutées à l'entraînement corrigent ce défaut.
#
# ## Questions de révision
#
# <details class="question">
# <summary>Combien d'octets faut-il pour les poids du CNN en float32, en float16, en
# uint8 ?</summary>
#
# 279 850 paramètres : 4 × 279 850 ≈ 1,12 Mo en float32, 2 × 279 850 ≈ 560 ko en float16, et
# 279 850 octets (≈ 280 ko) en uint8, plus les deux nombres (minimum et pas) de chaque tableau,
# rangés dans `model.json`.
#
# </details>
#
# <details class="question">
# <summary>Pourquoi la démo centre-t-elle le chiffre par son centre de masse plutôt que par sa
# boîte ?</summary>
#
# Parce que les chiffres de MNIST ont été centrés ainsi. Un réseau lit au mieux des images
# préparées comme celles de son entraînement ; un 7 avec une longue barre, centré par sa boîte,
# serait décalé par rapport aux 7 que le réseau a vus.
#
# </details>
#
# <details class="question">
# <summary>Le CNN entraîné sur MNIST seul lit 99 % du test de MNIST. Pourquoi se trompe-t-il sur les
# 1 européens ?</summary>
#
# Parce que le test de MNIST ressemble à son entraînement : mêmes écritures américaines. Un 1 avec
# une longue attaque ressemble davantage aux 7 de MNIST qu'à ses 1. Une bonne note sur le test ne
# dit rien de données d'une autre sorte.
#
# </details>
#
# ## Exercices

# %% [markdown] tags=["exercise"]
# **Exercice 1 (à la main).** Les 32 poids $\gamma$ d'une normalisation vont de $0{,}2$ à
# $1{,}22$. Quantifiés en uint8, quel est leur pas `scale` ? Quel entier $q$ code le poids
# $0{,}777$, et quelle valeur relit-on ? Quelle est l'erreur maximale sur un poids de ce tableau ?

# %% [markdown] tags=["solution"]
# $\text{scale} = (1{,}22 - 0{,}2) / 255 = 0{,}004$ (0 n'est pas dans l'intervalle : pas de
# décalage de la grille). Pour $0{,}777$ : $q = \text{arrondi}((0{,}777 - 0{,}2) / 0{,}004) =
# \text{arrondi}(144{,}25) = 144$, relu comme $0{,}2 + 144 \times 0{,}004 = 0{,}776$. L'erreur
# maximale est d'un demi-pas, $0{,}002$.

# %% [markdown] tags=["exercise"]
# **Exercice 2 (avec le code).** Avec la fonction `quantize` de ce chapitre, quantifiez sur 3 bits
# le noyau de la première convolution (`model.get_layer("conv1")`) : combien de valeurs différentes
# reste-t-il ? Quelle est l'erreur maximale, et est-elle bien d'au plus un demi-pas ?

# %% tags=["solution"]
kernel = model.get_layer("conv1").get_weights()[0]
kernel_3bits = quantize([kernel], 3)[0]
step = (kernel.max() - kernel.min()) / (2 ** 3 - 1)
levels = len(np.unique(kernel_3bits))
worst = float(np.max(np.abs(kernel_3bits - kernel)))
print(f"{levels} valeurs différentes ; erreur maximale {format_decimal(worst)} pour un pas de {format_decimal(step)}")

# %% tags=["check"]
assert levels <= 8, "3 bits donnent au plus 8 valeurs."
assert worst <= step / 2 + 1e-6, "L'erreur ne devrait pas dépasser un demi-pas."

# %% [markdown] tags=["exercise"]
# **Exercice 3 (avec le code).** Dessinez le 7 barré de tout à l'heure au centre du pad mais trois
# fois plus grand (`draw_on_pad(strokes, 20, 20, 240)`) et préparez-le avec `pre.preprocess`.
# L'image obtenue est-elle différente de celle du petit 7 dans le coin ? Pourquoi ?

# %% tags=["solution"]
big = pre.preprocess(draw_on_pad(strokes, 20, 20, 240))
mean_gap = float(np.mean(np.abs(big - final)))
correlation = float(np.corrcoef(big.ravel(), final.ravel())[0, 1])
print(f"Écart moyen par pixel : {format_decimal(mean_gap, 3)} ; corrélation : {format_decimal(correlation, 3)}")

# %% [markdown] tags=["solution"]
# Les deux images sont très proches (écart moyen de quelques centièmes par pixel, corrélation
# proche de 1) : rogner efface la position, réduire à 20 pixels efface la taille, et l'épaisseur
# du trait est proportionnelle à la taille du chiffre. Seuls les bords du trait diffèrent un peu
# (l'anticrénelage du dessin, un pixel de décalage au centrage). C'est tout l'intérêt du
# prétraitement : le réseau reçoit presque la même image où que vous dessiniez.

# %% tags=["check"]
assert mean_gap < 0.08 and correlation > 0.9, "Les deux images préparées devraient se ressembler beaucoup."

# %% [markdown]
# ## À suivre
#
# Vous connaissez maintenant tout le trajet, du neurone seul au réseau qui lit vos chiffres dans
# cette page. Allez le mettre à l'épreuve dans la [démo](../../demo/) : dessinez des 1 à longue
# attaque, des 7 barrés, des 9 à queue courbe, et ouvrez la boîte pour voir ce que chaque couche en
# fait. Le [glossaire](../../glossaire/) et la [bibliographie](../../bibliographie/) vous
# accompagnent pour aller plus loin.
