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
# # Le réseau convolutif avec Keras
#
# Les chapitres précédents ont construit les pièces une à une : le neurone, la rétropropagation,
# la convolution, le pooling. Ici, on regarde le **vrai** réseau convolutif du projet, celui qui lit
# vos chiffres dans la démo : ses couches, le rôle de chaque pièce, la façon dont il a été
# entraîné, et ce qu'il vaut. Puis c'est à vous d'entraîner un réseau, dans cette page.
#
# <div class="admonition abstract lesson-goals" markdown>
# <p class="admonition-title">Dans ce chapitre</p>
#
# - **Vous saurez** : lire un réseau Keras couche par couche (formes et paramètres) ; dire à quoi
#   servent ReLU, la normalisation de lot, l'abandon, Adam, le lissage des étiquettes, le calendrier
#   du taux d'apprentissage et la meilleure époque ; lire une matrice de confusion et un rapport
#   précision / rappel ; mesurer l'effet d'une augmentation de données ; entraîner un réseau dans
#   votre navigateur.
# - **Prérequis** : chapitres « Réseau de neurones et rétropropagation », « La convolution » et
#   « Le pooling » ; maths : aucune de plus (les encadrés de maths restent facultatifs)
# - **Durée** : environ 40 min de lecture, 2 min d'exécution
#
# </div>

# %%
import inspect
import json

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import classification_report, confusion_matrix

from digitlab.quiet import import_keras

# Keras 2 (le paquet « tf_keras »), celui du projet : voir le chapitre « Du modèle au navigateur ».
keras = import_keras()
import tensorflow as tf  # noqa: E402 - déjà chargé, en silence, par import_keras

from digitlab.data import load_mnist, validation_split
from digitlab.demo_model.architecture import build_cnn
from digitlab.demo_model.augment import random_distort
from digitlab.demo_model.paths import BENCHMARKS_DIR, METRICS_PATH, keras_path, require_project_files
from digitlab.demo_model.training import CONFIG, to_float
from digitlab.fmt import format_decimal, format_integer, format_percent
from digitlab.methods import check_images
from digitlab.plotting import show, use_style

use_style()
keras.utils.set_random_seed(0)

(train_images, train_labels), (test_images, test_labels) = load_mnist()
(x_train, y_train), (x_val, y_val) = validation_split(train_images, train_labels)
require_project_files(METRICS_PATH, keras_path("cnn"), BENCHMARKS_DIR / "training_lab.json")  # le dépôt
metrics = json.loads(METRICS_PATH.read_text(encoding="utf-8"))
model = keras.models.load_model(keras_path("cnn"), compile=False)
print(f"Entraînement : {format_integer(len(x_train))} images, validation : "
      f"{format_integer(len(x_val))}, test : {format_integer(len(test_images))}")

# %% [markdown]
# ## Le CNN du projet, couche par couche
#
# Le réseau est décrit en quelques lignes avec [Keras](../../bibliographie/#les-documentations),
# dans le module `digitlab/demo_model/architecture.py` du projet. Chaque convolution est suivie
# d'une normalisation de lot puis d'une ReLU (la fonction `_conv`) ; trois poolings divisent la
# taille des cartes par deux ; une couche dense et la sortie softmax concluent.

# %%
print(inspect.getsource(build_cnn))

# %% [markdown]
# Le modèle que lit la démo est enregistré dans `models/cnn/keras.h5`. Chargeons-le et
# demandons-lui, couche par couche, la forme de ce qu'elle produit et son nombre de paramètres
# (la première dimension, `None`, est la taille du lot : n'importe laquelle).

# %%
print(f"{'couche':<12}{'type':<20}{'forme de sortie':<22}{'paramètres':>11}")
for layer in model.layers:
    shape = layer.output_shape if not isinstance(layer.output_shape, list) else layer.output_shape[0]
    print(f"{layer.name:<12}{type(layer).__name__:<20}{str(shape):<22}"
          f"{format_integer(layer.count_params()):>11}")
trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
print(f"\nTotal : {format_integer(model.count_params())} paramètres, dont "
      f"{format_integer(trainable)} appris par la descente de gradient.")

# %% [markdown]
# On y lit tout le trajet d'une image : 28 × 28 × 1 (un seul canal, le gris), puis
# 28 × 28 × 32 après la première convolution (32
# [cartes de caractéristiques](../../glossaire/#carte-de-caracteristiques),
# une par [filtre](../../glossaire/#noyau) ; `padding="same"` garde la taille), 14 × 14 après le
# premier pooling, 7 × 7 × 64 après le deuxième, 3 × 3 × 128 après le troisième, soit
# 1 152 nombres que la couche dense résume en 128, puis en dix probabilités.
#
# Les paramètres se comptent à la main. La première convolution a 32 filtres de 5 × 5 sur un
# canal, sans biais : $5 \times 5 \times 1 \times 32 = 800$ poids. La deuxième a 64 filtres de
# 3 × 3 qui regardent chacun les 32 cartes précédentes : $3 \times 3 \times 32 \times 64 = 18\,432$.
# La couche dense, elle, relie 1 152 entrées à 128 neurones : $1\,152 \times 128 + 128 = 147\,584$
# paramètres, plus de la moitié du réseau à elle seule. Les convolutions sont économes : le même
# petit filtre sert en chaque point de l'image.

# %% tags=["hide"]
assert model.get_layer("conv1").count_params() == 5 * 5 * 1 * 32, "« 800 poids » n'est plus vrai"
assert model.get_layer("conv2").count_params() == 3 * 3 * 32 * 64, "« 18 432 poids » n'est plus vrai"
assert model.get_layer("dense1").count_params() == 1152 * 128 + 128, "« 147 584 » n'est plus vrai"
assert model.get_layer("dense1").count_params() > model.count_params() / 2, "« plus de la moitié » n'est plus vrai"

# %% [markdown]
# ## Pourquoi chaque pièce est là
#
# ### ReLU
#
# Après chaque convolution et dans la couche dense, l'activation est la [ReLU](../../glossaire/#relu),
# $\max(0, z)$, vue au chapitre 3 : rapide à calculer, et sa pente vaut 1 pour toute valeur
# positive, si bien que le gradient traverse toutes les couches sans s'éteindre, contrairement à
# celui d'une sigmoïde saturée.
#
# ### La normalisation de lot
#
# Une [normalisation de lot](../../glossaire/#normalisation-de-lot) (*batch normalization*, couches
# `bn1` à `bn4`) prend chaque carte de caractéristiques à la sortie d'une convolution et la ramène
# à une moyenne proche de 0 et un écart type proche de 1, puis la remet à l'échelle avec deux
# nombres appris par carte ($\gamma$ et $\beta$). Pendant l'entraînement, moyenne et écart type sont
# ceux du lot en cours ; ensuite, ce sont des moyennes accumulées pendant l'entraînement (les deux
# paramètres « non appris » de chaque carte). Voyons-le sur le réseau du projet : les 32 cartes de
# la première convolution, avant et après `bn1`, pour 500 images de validation.

# %%
probe = keras.Model(model.input, [model.get_layer("conv1").output, model.get_layer("bn1").output])
before, after = probe.predict(to_float(x_val[:500]), verbose=0)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2), sharey=False)
for ax, values, title in ((axes[0], before, "avant la normalisation (conv1)"),
                          (axes[1], after, "après la normalisation (bn1)")):
    means, stds = values.mean(axis=(0, 1, 2)), values.std(axis=(0, 1, 2))
    ax.bar(np.arange(32) - 0.2, means, width=0.4, label="moyenne", color="tab:blue")
    ax.bar(np.arange(32) + 0.2, stds, width=0.4, label="écart type", color="tab:orange")
    ax.set_title(title)
    ax.set_xlabel("carte de caractéristiques (filtre n°)")
    ax.grid(alpha=0.3)
axes[0].legend()
show(fig, "Deux diagrammes en barres, un par filtre de la première convolution : à gauche, avant la "
     "normalisation, moyennes et écarts types varient beaucoup d'un filtre à l'autre ; à droite, après "
     "la normalisation, ils sont ramenés à des valeurs proches et modestes.")


def spread(values):
    """Rapport entre le plus grand et le plus petit écart type des cartes."""
    stds = values.std(axis=(0, 1, 2))
    return stds.max() / stds.min()


print(f"Écart type le plus grand / le plus petit : {format_decimal(spread(before), 1)} avant, "
      f"{format_decimal(spread(after), 1)} après")

# %% tags=["hide"]
assert spread(after) < spread(before) / 2, (
    "« après la normalisation, ils sont ramenés à des valeurs proches » n'est plus vrai : "
    f"{spread(before)} → {spread(after)}")

# %% [markdown]
# À quoi bon ? Sans normalisation, chaque couche doit s'adapter à des entrées dont l'échelle change
# à chaque pas d'apprentissage, au gré des poids de la couche d'avant. Avec elle, l'échelle reste
# stable, et chaque pas de gradient est plus utile. Mesurons-le sur un petit CNN (deux convolutions,
# entraîné sur 6 000 images pendant deux époques, descente de gradient simple avec le même pas
# $\eta = 0{,}05$), avec et sans normalisation.

# %%
def small_cnn(batch_norm=False, dropout=0.0):
    """Un petit CNN de démonstration : deux convolutions 3 × 3, deux poolings, une sortie softmax."""
    layers = keras.layers
    inputs = keras.Input((28, 28, 1))
    x = inputs
    for filters in (16, 32):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=not batch_norm)(x)
        if batch_norm:
            # Moyennes accumulées à 90 % (0,99 par défaut) : sur quelques centaines de lots
            # seulement, il faut qu'elles rattrapent vite les vraies statistiques.
            x = layers.BatchNormalization(momentum=0.9)(x)
        x = layers.Activation("relu")(x)
        x = layers.MaxPooling2D(2)(x)
    x = layers.Flatten()(x)
    if dropout:
        x = layers.Dropout(dropout)(x)
    return keras.Model(inputs, layers.Dense(10, activation="softmax")(x))


def fit_small(net, optimizer, images, labels, epochs, batch_size=64, augment=None, seed=0):
    """Entraîne ``net`` et renvoie l'historique Keras (exactitude de validation à chaque époque)."""
    keras.utils.set_random_seed(seed)
    net.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    data = tf.data.Dataset.from_tensor_slices((to_float(images), labels)).shuffle(len(images), seed=seed)
    data = data.batch(batch_size)
    if augment is not None:
        data = data.map(lambda x, y: (augment(x), y))
    return net.fit(data, epochs=epochs, verbose=0, validation_data=(to_float(x_val[:2000]), y_val[:2000]))


bn_results = {}
for batch_norm in (False, True):
    keras.utils.set_random_seed(1)
    history = fit_small(small_cnn(batch_norm), keras.optimizers.SGD(0.05), x_train[:6000], y_train[:6000], 2)
    bn_results[batch_norm] = history.history["val_accuracy"]
    print(("avec" if batch_norm else "sans") + " normalisation : exactitude de validation par époque",
          ", ".join(format_percent(a) for a in history.history["val_accuracy"]))

# %% [markdown]
# Avec le même pas, le réseau normalisé apprend nettement plus vite : après une seule époque, il lit
# déjà mieux que l'autre après deux. Attention, ce n'est pas une baguette magique : avec un pas bien
# plus grand, les deux versions finissent par diverger, et pendant les premiers lots les moyennes
# accumulées (celles qui servent à lire) sont encore fausses. C'est pourquoi on juge la
# normalisation sur la validation, comme le reste.

# %% tags=["hide"]
assert bn_results[True][0] > bn_results[False][-1], (
    "« le réseau normalisé apprend nettement plus vite » n'est plus vrai : " + str(bn_results))

# %% [markdown]
# ### L'abandon (*dropout*)
#
# La couche `dropout` du réseau éteint, **pendant l'entraînement seulement**, environ 40 % des 128
# sorties de la couche dense : pour chaque image, chaque sortie est éteinte au hasard avec une
# probabilité de 0,4, à chaque passage ; les autres sont multipliées par
# $1 / (1 - 0{,}4)$ pour que la somme reste la même en moyenne. Le réseau ne peut donc compter sur
# aucun neurone en particulier : il répartit ce qu'il sait, ce qui limite le
# [surapprentissage](../../glossaire/#surapprentissage). Pour lire un chiffre, rien n'est éteint.

# %%
dropout = model.get_layer("dropout")
ones = tf.ones((1000, 128))
trained = dropout(ones, training=True).numpy()
print(f"Taux d'abandon de la couche : {format_percent(dropout.rate, 0)}")
print(f"En entraînement : {format_percent(np.mean(trained == 0))} de zéros, les autres valent "
      f"{format_decimal(trained[trained > 0].mean(), 3)}")
print(f"Pour lire : {format_percent(np.mean(dropout(ones, training=False).numpy() == 0))} de zéros")

# %% tags=["hide"]
assert dropout.rate == 0.4, "« avec une probabilité de 0,4 » : le taux d'abandon a changé"
assert abs(np.mean(trained == 0) - 0.4) < 0.01, "« environ 40 % des sorties » n'est plus vrai"
assert np.mean(dropout(ones, training=False).numpy() == 0) == 0, "« pour lire, rien n'est éteint » n'est plus vrai"

# %% [markdown]
# ### Adam, plutôt que la descente de gradient simple
#
# Le chapitre [Réseau de neurones et rétropropagation](../03_reseau/) faisait des pas de
# [descente de gradient stochastique](../../glossaire/#sgd) (SGD) : chaque poids recule de $\eta$
# fois sa pente. Deux améliorations changent beaucoup la vitesse :
#
# - l'**inertie** ([*momentum*](../../glossaire/#momentum)) : on garde une partie (ici 90 %) du pas
#   précédent, comme une bille qui roule ; elle traverse les plateaux et amortit les zigzags ;
# - [**Adam**](../../glossaire/#adam) ajoute à l'inertie un pas réglé pour chaque poids : grand pour
#   un poids dont la pente est faible mais constante, petit pour un poids dont la pente varie
#   beaucoup.
#
# Comparons les trois sur un petit réseau dense (784 → 128 → 10), sur 6 000 images, cinq
# [époques](../../glossaire/#epoque) de [lots](../../glossaire/#lot) de 64 images, chacun avec un
# [taux d'apprentissage](../../glossaire/#taux-d-apprentissage) courant pour lui.

# %%
def small_mlp():
    return keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                             keras.layers.Dense(128, activation="relu"),
                             keras.layers.Dense(10, activation="softmax")])


optimizers = {
    "SGD (η = 0,05)": lambda: keras.optimizers.SGD(0.05),
    "SGD + inertie (η = 0,05, 0,9)": lambda: keras.optimizers.SGD(0.05, momentum=0.9),
    "Adam (η = 0,001)": lambda: keras.optimizers.Adam(0.001),
}
optimizer_histories = {}
for name, make in optimizers.items():
    optimizer_histories[name] = fit_small(small_mlp(), make(), x_train[:6000], y_train[:6000], 5).history

fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(11, 3.5))
epochs = np.arange(1, 6)
for name, history in optimizer_histories.items():
    ax_loss.plot(epochs, history["loss"], "o-", label=name)
    ax_acc.plot(epochs, 100 * np.array(history["val_accuracy"]), "o-", label=name)
ax_loss.set_title("Perte d'entraînement")
ax_acc.set_title("Exactitude de validation (%)")
for ax in (ax_loss, ax_acc):
    ax.set_xlabel("époque")
    ax.set_xticks(epochs)
    ax.grid(alpha=0.3)
ax_acc.legend()
show(fig, "Deux graphiques côte à côte, sur cinq époques : la perte d'entraînement et l'exactitude de "
     "validation de trois optimiseurs. La SGD simple descend le plus lentement ; l'inertie et Adam "
     "descendent plus vite et atteignent une meilleure exactitude.")
for name, history in optimizer_histories.items():
    print(f"{name} : validation {format_percent(history['val_accuracy'][0])} après une époque, "
          f"{format_percent(history['val_accuracy'][-1])} après cinq")

# %% [markdown]
# La SGD simple est la plus lente des trois ; l'inertie et Adam apprennent plus vite. Sur un si
# petit réseau, l'écart entre SGD avec inertie et Adam est faible ; sur un réseau profond comme notre CNN,
# Adam a l'avantage de marcher sans long réglage du taux d'apprentissage : c'est l'optimiseur du
# projet.

# %% tags=["hide"]
first = {name: h["val_accuracy"][0] for name, h in optimizer_histories.items()}
sgd, momentum, adam = first.values()
assert sgd < momentum and sgd < adam, "« la SGD simple est la plus lente » n'est plus vrai : " + str(first)
last = {name: h["val_accuracy"][-1] for name, h in optimizer_histories.items()}
assert abs(last["SGD + inertie (η = 0,05, 0,9)"] - last["Adam (η = 0,001)"]) < 0.02, (
    "« l'écart entre SGD avec inertie et Adam est faible » n'est plus vrai : " + str(last))
assert last["SGD (η = 0,05)"] < min(last["SGD + inertie (η = 0,05, 0,9)"], last["Adam (η = 0,001)"]), (
    "« l'inertie et Adam atteignent une meilleure exactitude » n'est plus vrai : " + str(last))

# %% [markdown]
# ### Le lissage des étiquettes
#
# Avec l'entropie croisée, la cible d'un 3 est $(0, 0, 0, 1, 0, \dots, 0)$ : le réseau est poussé
# à donner une probabilité de 1 au 3, donc des scores infinis. Le
# [lissage des étiquettes](../../glossaire/#lissage-des-etiquettes) (*label smoothing*) vise un peu
# moins haut : avec $\varepsilon = 0{,}05$ (la valeur du projet), la cible devient
# $1 - \varepsilon + \varepsilon / 10 = 0{,}955$ pour la bonne classe et $\varepsilon / 10 = 0{,}005$
# pour chacune des neuf autres. Le réseau reste modeste, même sur les chiffres ambigus.

# %%
epsilon = CONFIG["cnn"]["label_smoothing"]
target = keras.utils.to_categorical([3], 10)[0]
smoothed = target * (1 - epsilon) + epsilon / 10
print("Cible sans lissage :", target)
print("Cible lissée      :", np.round(smoothed, 3))

# Les scores de la dernière couche (avant le softmax) du modèle de la démo, et sa température.
last = model.get_layer("probs")
features = keras.Model(model.inputs, last.input).predict(to_float(test_images), batch_size=500, verbose=0)
kernel, bias = last.get_weights()
logits = features @ kernel + bias
temperature = metrics["cnn"]["temperature"]


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)


raw_confidence = softmax(logits * temperature).max(axis=1)  # le réseau tel que l'entraînement l'a laissé
probs_test = model.predict(to_float(test_images), batch_size=500, verbose=0)
confidence = probs_test.max(axis=1)  # le réseau de la démo, confiance réglée
print(f"Sortie de l'entraînement : plus forte probabilité de médiane {format_decimal(np.median(raw_confidence), 3)}, "
      f"au-dessus de {format_decimal(0.99, 2)} pour {format_percent(np.mean(raw_confidence > 0.99), 2)} des images.")
print(f"Après la température T = {format_decimal(temperature, 2)} : "
      f"médiane {format_decimal(np.median(confidence), 4)}.")

# %% [markdown]
# Le réseau a appris à viser une cible lissée : même pour un chiffre limpide, il répond autour de
# 0,96 ou 0,97, presque jamais 0,99 (un peu au-dessus de la cible de 0,955, car les images de test,
# intactes, sont plus faciles que les images déformées de l'entraînement). C'est **trop modeste** :
# il a raison sur plus de 99 % des images de test, mais n'ose pas le dire. Le projet règle donc sa
# confiance après l'entraînement, par une **température** : les scores de la dernière couche sont
# tous divisés par un même nombre $T$, choisi sur la validation (jamais sur le test) pour que les
# probabilités annoncées collent aux réussites (Guo et al., 2017). Ici $T$ est plus petit que 1 :
# les scores sont étirés, les probabilités se rapprochent de 1 pour les chiffres nets, et restent
# partagées pour les chiffres ambigus. Le chiffre lu ne change jamais, seule sa probabilité. La page
# [Le modèle](../../modele/) montre le diagramme de fiabilité qui vérifie le réglage.

# %% tags=["hide"]
assert 0.955 < np.median(raw_confidence) < 0.975, (
    "« autour de 0,96 ou 0,97, un peu au-dessus de la cible de 0,955 » n'est plus vrai")
assert np.mean(raw_confidence > 0.99) < 0.01, "« presque jamais 0,99 » n'est plus vrai"
assert np.mean(probs_test.argmax(1) == test_labels) > 0.99, "« il a raison sur plus de 99 % des images »"
assert temperature < 1 and np.median(confidence) > np.median(raw_confidence), "« T est plus petit que 1 »"
assert np.array_equal(softmax(logits).argmax(1), probs_test.argmax(1)), "« le chiffre lu ne change jamais »"
np.testing.assert_allclose(softmax(logits), probs_test, atol=1e-4)

# %% [markdown]
# ### Le calendrier du taux d'apprentissage
#
# Au début, de grands pas font vite descendre la perte ; à la fin, de grands pas feraient sauter
# le réseau d'un bord à l'autre de la vallée au lieu de s'y poser. Le projet fait donc décroître le
# taux d'apprentissage d'Adam au fil des itérations selon un
# [calendrier « en cosinus »](../../glossaire/#calendrier) (`CosineDecay`), de 0,002 jusqu'à 2 % de
# cette valeur. Puis vient une **finition** : quelques époques de plus, reparties d'un taux bien
# plus petit et avec des déformations plus légères, qui rendent au réseau un peu de l'exactitude
# sur MNIST que les fortes déformations lui coûtent. Voici ce calendrier, calculé par Keras avec
# la configuration d'entraînement du projet.

# %%
cnn_config, finish = CONFIG["cnn"], CONFIG["cnn"]["finish"]
n_train_total = (60000 - CONFIG["val_size"] + CONFIG["european_mnist"]["ones"]
                 + CONFIG["european_mnist"]["sevens"] + 10 * CONFIG["synthetic"]["per_class"])
steps_per_epoch = int(np.ceil(n_train_total / cnn_config["batch_size"]))
phases = [("apprentissage", cnn_config["learning_rate"], 0, cnn_config["epochs"]),
          ("finition", finish["learning_rate"], cnn_config["epochs"], cnn_config["epochs"] + finish["epochs"])]
fig, ax = plt.subplots(figsize=(8, 3))
for label, rate, first, last in phases:
    schedule = keras.optimizers.schedules.CosineDecay(rate, decay_steps=(last - first) * steps_per_epoch, alpha=0.02)
    epochs_axis = np.arange(first, last + 1)
    rates = np.array([float(schedule((e - first) * steps_per_epoch)) for e in epochs_axis])
    ax.plot(epochs_axis, rates * 1000, "o-", ms=3, label=label)
ax.set_xlabel("époque")
ax.set_ylabel("taux d'apprentissage (× 10⁻³)")
ax.set_title("Le calendrier du taux d'apprentissage du CNN du projet")
ax.legend()
ax.grid(alpha=0.3)
show(fig, f"Une courbe en forme de demi-cosinus : le taux d'apprentissage part de 2 millièmes, "
     f"décroît doucement, plus vite au milieu, et finit presque à zéro à l'époque {cnn_config['epochs']} ; "
     f"la finition repart de {format_decimal(finish['learning_rate'] * 1000, 1)} millième et redescend "
     f"en {finish['epochs']} époques.")
print(f"{format_integer(n_train_total)} images d'entraînement, lots de {cnn_config['batch_size']} : "
      f"{format_integer(steps_per_epoch)} itérations par époque ; {cnn_config['epochs']} époques, puis "
      f"{finish['epochs']} de finition")

# %% tags=["hide"]
assert (cnn_config["learning_rate"], cnn_config["label_smoothing"]) == (0.002, 0.05), (
    "« de 0,002 » ou « ε = 0,05 » n'est plus la configuration du projet")
assert finish["learning_rate"] < cnn_config["learning_rate"] / 2, "« un taux bien plus petit » n'est plus vrai"
assert all(CONFIG["distort_finish"][k] <= CONFIG["distort"][k] for k in ("max_rotation", "max_shear", "max_shift")), (
    "« des déformations plus légères » n'est plus vrai")

# %% [markdown]
# ### Garder la meilleure époque, et ne regarder le test qu'une fois
#
# Voici les courbes de l'entraînement du CNN du projet, enregistrées dans `models/metrics.json`
# par le script d'entraînement (rien n'est réentraîné ici : sur les deux cœurs d'un ordinateur
# ordinaire, ces trente époques prennent une demi-heure environ ; la durée exacte est imprimée sous
# la figure).

# %%
history = metrics["cnn"]["history"]
best_epoch = metrics["cnn"]["best_epoch"]
epochs = np.arange(1, len(history["loss"]) + 1)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(11, 3.6))
ax_loss.plot(epochs, history["loss"], "o-", ms=3, label="entraînement")
ax_loss.plot(epochs, history["val_loss"], "s-", ms=3, label="validation")
ax_loss.set_title("Perte (entropie croisée lissée)")
ax_acc.plot(epochs, 100 * np.array(history["accuracy"]), "o-", ms=3, label="entraînement")
ax_acc.plot(epochs, 100 * np.array(history["val_accuracy"]), "s-", ms=3, label="validation")
ax_acc.axvline(best_epoch, color="tab:red", ls="--", lw=1, label=f"meilleure époque ({best_epoch})")
ax_acc.set_ylim(97, 100)
ax_acc.set_title("Exactitude (%)")
for ax in (ax_loss, ax_acc):
    ax.set_xlabel("époque")
    ax.grid(alpha=0.3)
    ax.legend()
show(fig, "Courbes d'apprentissage du CNN du projet sur trente époques : les pertes descendent, "
     "l'exactitude de validation monte au-delà de 99,6 % et reste presque toujours au-dessus de celle "
     "d'entraînement ; un trait rouge marque la meilleure époque de validation.")
print(f"Meilleure époque : {best_epoch}, exactitude de validation "
      f"{format_percent(max(history['val_accuracy']), 2)} ; entraînement en "
      f"{format_decimal(metrics['cnn']['training_seconds'] / 60, 0)} min")

# %% [markdown]
# Deux remarques. D'abord, la courbe d'entraînement est presque toujours **sous** celle de
# validation : pendant
# l'entraînement, les images sont déformées, l'abandon éteint des neurones et la cible est lissée ;
# la validation, elle, se fait sur des images intactes avec le réseau complet.
#
# Ensuite, on garde les poids de l'époque où la validation était la meilleure, pas forcément ceux
# de la dernière (ici, l'époque marquée en rouge) : c'est l'[arrêt précoce](../../glossaire/#arret-precoce)
# (*early stopping*), fait après coup. Ce choix, comme tous les autres réglages, se fait sur la
# **validation**. Le **test** ne sert qu'une fois, à la toute fin : si on choisissait l'époque
# d'après le test, on choisirait aussi, un peu, le hasard de ces 10 000 images, et le chiffre
# annoncé serait trop beau.

# %% tags=["hide"]
assert history["val_accuracy"][best_epoch - 1] == max(history["val_accuracy"]), (
    "« on garde les poids de l'époque où la validation était la meilleure » n'est plus vrai")
assert len(history["loss"]) == 30, "« ces trente époques » : l'entraînement n'en compte plus trente"
assert 15 * 60 < metrics["cnn"]["training_seconds"] < 50 * 60, "« une demi-heure environ » n'est plus vrai"
assert 0.996 < max(history["val_accuracy"]) < 0.997, "« monte au-delà de 99,6 % » n'est plus vrai"
assert np.mean(np.array(history["accuracy"]) < np.array(history["val_accuracy"])) > 0.9, (
    "« la courbe d'entraînement est presque toujours sous celle de validation » n'est plus vrai")

# %% [markdown]
# ## Ce que vaut le CNN sur le test
#
# Les 10 000 images de test, lues par le modèle de la démo :

# %%
y_pred = probs_test.argmax(axis=1)
test_accuracy = np.mean(y_pred == test_labels)
n_errors = int(np.sum(y_pred != test_labels))
print(f"Exactitude sur le test : {format_percent(test_accuracy, 2)} ({n_errors} erreurs sur "
      f"{format_integer(len(test_labels))})")

# %% tags=["hide"]
assert abs(test_accuracy - metrics["cnn"]["test"]["accuracy"]) < 1e-6, (
    "« les 10 000 images de test, lues par le modèle de la démo » : ce n'est plus le modèle de metrics.json")

# %% [markdown]
# ### La matrice de confusion
#
# La [matrice de confusion](../../glossaire/#matrice-de-confusion) croise la vraie classe (ligne)
# et la réponse (colonne). La diagonale compte les bonnes réponses ; tout le reste, les erreurs.
# Pour qu'on voie les erreurs, la couleur est ici donnée par le nombre d'erreurs, la diagonale
# étant grisée.

# %%
matrix = confusion_matrix(test_labels, y_pred)
errors_only = np.where(np.eye(10, dtype=bool), np.nan, matrix)
fig, ax = plt.subplots(figsize=(6.2, 5.4))
image = ax.imshow(errors_only, cmap="Reds", vmin=0)
ax.imshow(np.where(np.eye(10, dtype=bool), 1.0, np.nan), cmap="Greys", vmin=0, vmax=4)
for i in range(10):
    for j in range(10):
        if matrix[i, j]:
            ax.text(j, i, str(matrix[i, j]), ha="center", va="center", fontsize=8,
                    color="white" if i != j and matrix[i, j] > errors_only[~np.isnan(errors_only)].max() / 2
                    else "black")
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("chiffre lu")
ax.set_ylabel("vrai chiffre")
ax.set_title("Matrice de confusion du CNN sur le test")
fig.colorbar(image, ax=ax, label="nombre d'erreurs")
show(fig, "Matrice de confusion dix par dix du CNN du projet sur les 10 000 images de test : la "
     "diagonale, grisée, porte presque tout ; les rares erreurs sont des cases rouges isolées, "
     "dont les plus fréquentes sont écrites sous la figure.")
worst = sorted(((matrix[i, j], i, j) for i in range(10) for j in range(10) if i != j), reverse=True)[:3]
print("Les confusions les plus fréquentes :",
      " ; ".join(f"{i} lu {j} ({n} fois)" for n, i, j in worst))

# %% tags=["hide"]
assert matrix.tolist() == metrics["cnn"]["test"]["confusion_matrix"], (
    "« la matrice de confusion » calculée ici diffère de celle de models/metrics.json")

# %% [markdown]
# ### Précision, rappel, F1
#
# Pour chaque chiffre, scikit-learn calcule trois nombres (voir le
# [glossaire](../../glossaire/#precision-rappel)) : la **précision** (parmi les images lues « 7 »,
# combien sont de vrais 7 ?), le **rappel** (parmi les vrais 7, combien ont été lus « 7 » ?) et le
# **F1**, leur moyenne harmonique. Attention à l'ordre des arguments de
# `classification_report(y_true, y_pred)` : **d'abord la vérité, ensuite les réponses**.
# Inversés, précision et rappel échangent leurs places sans message d'erreur (voir l'exercice 2).

# %%
print(classification_report(test_labels, y_pred, digits=4))

# %% [markdown]
# ### Les chiffres de test mal lus
#
# Voici les premières images de test que le CNN lit mal, avec sa réponse et ses deux probabilités les plus
# fortes. Beaucoup sont ambiguës même pour nous.

# %%
wrong = np.flatnonzero(y_pred != test_labels)
shown = wrong[:24]
fig, axes = plt.subplots(3, 8, figsize=(11.5, 5), layout="constrained")
for ax in axes.flat:
    ax.axis("off")
for ax, index in zip(axes.flat, shown):
    first, second = np.argsort(probs_test[index])[::-1][:2]
    ax.imshow(test_images[index])
    ax.set_title(f"vrai {test_labels[index]}\nlu {first} ({format_percent(probs_test[index, first], 0)})\n"
                 f"puis {second} ({format_percent(probs_test[index, second], 0)})", fontsize=8)
show(fig, f"Les {len(shown)} premières images de test mal lues par le CNN, chacune avec le vrai "
     "chiffre, la réponse du réseau et sa deuxième idée, avec leurs probabilités : beaucoup sont "
     "mal formées, et la bonne réponse est souvent la deuxième idée du réseau.")
second_right = np.mean([np.argsort(probs_test[i])[::-1][1] == test_labels[i] for i in wrong])
print(f"Pour {format_percent(second_right, 0)} des erreurs, la bonne réponse est la deuxième idée du réseau.")

# %% tags=["hide"]
assert second_right > 0.5, "« la bonne réponse est souvent la deuxième idée » n'est plus vrai"

# %% [markdown]
# ## L'augmentation de données, mesurée
#
# Pendant son entraînement, le CNN du projet ne voit jamais deux fois la même image : à chaque
# époque, chacune est légèrement tournée, inclinée, agrandie ou réduite, décalée, son trait est
# parfois épaissi ou affiné, et une image sur deux est doucement tordue (déformation élastique,
# fonction `random_distort` du module `digitlab/demo_model/augment.py`).
# C'est l'[augmentation de données](../../glossaire/#augmentation). Chaque déformation est-elle
# utile ? Mesurons-le avec le petit CNN de tout à l'heure (avec normalisation), entraîné sur un
# **sous-ensemble de 4 000 images** pendant quatre époques (pour tenir dans le temps de
# construction de ce site), sans déformation, avec une seule déformation à la fois, puis avec
# toutes (déformation élastique comprise) ; chaque version est ensuite mesurée sur les 10 000
# images de test de MNIST et sur
# 300 chiffres européens écrits par les scripteurs simulés du projet (sa « seconde main », qui n'a
# jamais servi à l'entraînement).

# %%
full = CONFIG["distort"]
none = {"max_rotation": 0.0, "max_shear": 0.0, "zoom": (1.0, 1.0), "max_shift": 0.0, "thickness_prob": 0.0}
variants = {
    "aucune": None,
    "rotation": {**none, "max_rotation": full["max_rotation"]},
    "inclinaison": {**none, "max_shear": full["max_shear"]},
    "zoom": {**none, "zoom": tuple(full["zoom"])},
    "décalage": {**none, "max_shift": full["max_shift"]},
    "épaisseur": {**none, "thickness_prob": full["thickness_prob"]},
    "toutes": dict(full),
}
check, check_digits, _ = check_images()
augment_results = {}
for name, params in variants.items():
    augment = None if params is None else (lambda x, p=params: random_distort(x, **p))
    net = small_cnn(batch_norm=True)
    fit_small(net, keras.optimizers.Adam(0.003), x_train[:4000], y_train[:4000], 4, augment=augment, seed=2)
    test_error = 1 - np.mean(net.predict(to_float(test_images), batch_size=1000, verbose=0).argmax(1) == test_labels)
    check_error = 1 - np.mean(net.predict(to_float(check), verbose=0).argmax(1) == check_digits)
    augment_results[name] = (test_error, check_error)
    print(f"{name:<12} erreur test MNIST {format_percent(test_error, 2):>8}   "
          f"erreur chiffres européens {format_percent(check_error, 1):>7}")

# %%
names = list(augment_results)
fig, ax = plt.subplots(figsize=(9, 3.4))
x = np.arange(len(names))
ax.bar(x - 0.2, [100 * augment_results[n][0] for n in names], width=0.4, label="test MNIST (10 000 images)")
ax.bar(x + 0.2, [100 * augment_results[n][1] for n in names], width=0.4, label="chiffres européens (300)")
ax.set_xticks(x, names)
ax.set_ylabel("taux d'erreur (%)")
ax.set_title("Petit CNN entraîné sur 4 000 images : l'effet de chaque déformation")
ax.legend()
ax.grid(axis="y", alpha=0.3)
show(fig, "Diagramme en barres du taux d'erreur du même petit CNN selon la déformation ajoutée à "
     "l'entraînement, sur le test de MNIST et sur des chiffres européens : chaque déformation seule "
     "réduit l'erreur sur MNIST ; toutes ensemble font moins bien en si peu d'époques ; sur les "
     "chiffres européens, l'erreur reste élevée quoi qu'on fasse.")
singles = ["rotation", "inclinaison", "zoom", "décalage", "épaisseur"]
best_single = min(singles, key=lambda n: augment_results[n][0])
print(f"Sans déformation : {format_percent(augment_results['aucune'][0], 1)} d'erreur sur le test ; "
      f"meilleure déformation seule ({best_single}) : {format_percent(augment_results[best_single][0], 1)}")

# %% [markdown]
# Trois constats. D'abord, **chaque déformation seule réduit l'erreur** sur le test de MNIST : avec
# seulement 4 000 images, le réseau gagne à les voir sous plusieurs angles, tailles et épaisseurs.
# Ensuite, **toutes ensemble font moins bien que la meilleure seule**, ici : en quatre époques, des
# images aussi variées sont trop difficiles pour un si petit réseau, qui n'a pas le temps de les
# apprendre. Le CNN du projet, bien plus grand, entraîné trente époques sur 85 000 images, profite,
# lui, de toutes. Une augmentation se dose donc : trop, c'est trop. (Ici, on ne choisit rien, on
# regarde ; pour choisir vraiment, on comparerait les versions sur la validation, jamais sur le
# test.)
# Enfin, sur les chiffres européens, **aucune déformation ne suffit** : l'erreur reste au-dessus
# d'un chiffre sur dix. Ce qui manque à ce réseau, ce n'est pas une rotation de plus, ce sont des formes
# que MNIST n'a presque pas (l'attaque d'un 1, la barre d'un 7) ; le chapitre
# [Du modèle au navigateur](../08_navigateur/) le mesure.
#
# Une précaution : chaque barre vient d'**un seul** entraînement. Avec une autre graine, les petits
# écarts (quelques dixièmes de point) changeraient, voire s'inverseraient ; seuls les écarts nets
# sont solides. Une vraie étude répéterait chaque entraînement plusieurs fois.

# %% tags=["hide"]
assert all(augment_results[n][0] < augment_results["aucune"][0] for n in singles), (
    "« chaque déformation seule réduit l'erreur » n'est plus vrai : " + str(augment_results))
assert augment_results["toutes"][0] > augment_results[best_single][0], (
    "« toutes ensemble font moins bien que la meilleure seule » n'est plus vrai : " + str(augment_results))
assert n_train_total == 85_000, "« trente époques sur 85 000 images » n'est plus vrai"
assert min(r[1] for r in augment_results.values()) > 0.1, (
    "« sur les chiffres européens, aucune déformation ne suffit » n'est plus vrai : " + str(augment_results))

# %% [markdown]
# ## À vous : entraînez un réseau dans cette page
#
# Voici un petit laboratoire : choisissez un petit CNN ou un petit MLP, cliquez sur
# **Entraîner**, et regardez-le apprendre, **dans votre navigateur**, avec TensorFlow.js (le moteur
# WebAssembly, celui de la démo). Il apprend sur 6 000 images de MNIST (600 par chiffre, servies par
# ce site dans un fichier de moins de 3 Mo) et, à la fin de chaque époque, on mesure son exactitude sur
# 1 000 images de test. Vous pouvez l'arrêter, le relancer pour quelques époques de plus, ou tout
# recommencer. Ensuite, dessinez un chiffre : votre réseau et le CNN du projet le lisent côte à côte.
#
# <div data-lab="train"></div>
#
# Combien de temps dure une époque ? Le script `scripts/benchmark_training_lab.py` l'a mesuré dans
# Chromium, comme si un lecteur cliquait :

# %%
lab = json.loads((BENCHMARKS_DIR / "training_lab.json").read_text(encoding="utf-8"))
served = lab["dataset"]
for kind, label in (("cnn", "petit CNN"), ("mlp", "petit MLP")):
    runs = lab[kind]["epochs"]
    print(f"{label} : une époque en {format_decimal(np.median([r['seconds'] for r in runs]), 1)} s "
          f"(médiane sur {len(runs)} époques), exactitude de test après {len(runs)} époques "
          f"{format_percent(runs[-1]['test_accuracy'])}")
print(f"Mesuré par scripts/benchmark_training_lab.py dans Chromium sans tête (moteur {lab['cnn']['backend']}), "
      f"sur une machine de {lab['machine']['cpus']} cœurs partagée (charge moyenne "
      f"{format_decimal(lab['machine']['load_average'][0], 1)} pendant la mesure).")

# %% tags=["hide"]
epoch_seconds = {kind: np.median([r["seconds"] for r in lab[kind]["epochs"]]) for kind in ("cnn", "mlp")}
assert epoch_seconds["cnn"] > epoch_seconds["mlp"], (
    "« le petit CNN apprend plus lentement par époque que le MLP » n'est plus vrai")
assert lab["cnn"]["epochs"][-1]["test_accuracy"] > lab["mlp"]["epochs"][-1]["test_accuracy"], (
    "« le petit CNN lit mieux après quelques époques » n'est plus vrai")
assert lab["cnn"]["epochs"][2]["test_accuracy"] > 0.9, "« lit mieux après quelques époques » : moins de 90 %"
assert (served["train"], served["test"]) == (6000, 1000) and served["bytes"] < 3_000_000, (
    "« 6 000 images, 1 000 de test, moins de 3 Mo » n'est plus vrai : " + str(served))

# %% [markdown]
# Le petit CNN apprend plus lentement par époque que le MLP (chaque image demande bien plus de
# calculs), mais lit mieux après quelques époques. Pourquoi si petit ? Le réseau du projet a
# 280 000 paramètres et a appris pendant près d'une demi-heure sur 85 000 images déformées ; il
# faudrait des heures dans un navigateur.
#
# Un détail de fabrication, si vous ouvrez le code du laboratoire (`trainer.js`) : ses convolutions
# y sont écrites comme des convolutions **3D**, sur un volume 1 × 28 × 28. Le moteur WebAssembly
# de TensorFlow.js ne sait pas encore calculer le gradient d'une convolution 2D par rapport à ses
# filtres, mais il le sait pour une convolution 3D ; sur un volume d'épaisseur 1, c'est le même
# calcul.

# %% tags=["hide"]
assert 275_000 < model.count_params() < 285_000, "« 280 000 paramètres » n'est plus vrai"
assert 20 * 60 < metrics["cnn"]["training_seconds"] <= 30 * 60, "« près d'une demi-heure » n'est plus vrai"

# %% [markdown]
#
# ## L'essentiel
#
# - Le CNN du projet enchaîne quatre convolutions (chacune suivie d'une normalisation de lot et
#   d'une ReLU), trois poolings, une couche dense avec abandon et une sortie softmax : environ
#   280 000 paramètres, dont plus de la moitié dans la couche dense.
# - La normalisation de lot ramène chaque carte à une échelle stable : avec le même pas, le réseau
#   apprend nettement plus vite.
# - L'abandon éteint au hasard des neurones pendant l'entraînement, jamais pour lire : il limite le
#   surapprentissage.
# - Adam (inertie et pas réglé pour chaque poids) apprend plus vite que la descente de gradient
#   simple ; le calendrier en cosinus réduit le pas au fil de l'entraînement.
# - Le lissage des étiquettes vise 0,955 au lieu de 1 : le réseau sorti de l'entraînement est trop
#   modeste (ses probabilités restent presque toujours sous 0,99) ; une température, réglée sur la
#   validation, rend sa confiance honnête.
# - On garde l'époque où la validation est la meilleure ; le test ne sert qu'une fois, à la fin.
# - Une matrice de confusion et le rapport précision / rappel / F1 disent **où** le réseau se
#   trompe ; `classification_report(y_true, y_pred)` prend la vérité d'abord.
# - L'augmentation de données (rotation, inclinaison, zoom, décalage, épaisseur, déformation
#   élastique) réduit l'erreur
#   quand les images manquent, mais se dose ; elle ne remplace pas des formes absentes de
#   l'entraînement.
#
# ## Questions de révision
#
# <details class="question">
# <summary>Pourquoi la couche dense a-t-elle bien plus de paramètres que les convolutions ?</summary>
#
# Une convolution réutilise le même petit filtre en chaque point de l'image : ses poids ne dépendent
# que de la taille du filtre et du nombre de cartes. La couche dense relie chacune de ses 1 152
# entrées à chacun de ses 128 neurones : 147 456 poids, plus 128 biais.
#
# </details>
#
# <details class="question">
# <summary>Pourquoi la courbe d'exactitude d'entraînement est-elle sous celle de validation
# ?</summary>
#
# Pendant l'entraînement, les images sont déformées, l'abandon éteint 40 % des neurones de la couche
# dense et la cible est lissée : la tâche est plus dure. La validation se fait sur des images
# intactes, avec le réseau complet.
#
# </details>
#
# <details class="question">
# <summary>Que ferait un réseau entraîné sans lissage des étiquettes sur un chiffre
# ambigu ?</summary>
#
# Il aurait été poussé à donner des probabilités proches de 1 : il risque de répondre avec une
# grande assurance même quand il se trompe. Avec le lissage, ses probabilités restent sous 0,99
# et une hésitation se voit mieux ; la température réglée ensuite sur la validation remonte la
# confiance juste ce qu'il faut, sans effacer les hésitations.
#
# </details>
#
# <details class="question">
# <summary>Pourquoi choisir la meilleure époque sur la validation et non sur le test ?</summary>
#
# Parce que tout choix fait en regardant des images adapte un peu le modèle à ces images-là. Si
# on choisissait sur le test, le taux d'erreur annoncé serait optimiste : il ne dirait plus ce que
# vaut le réseau sur des images vraiment nouvelles.
#
# </details>
#
# <details class="question">
# <summary>Pourquoi le CNN du laboratoire est-il écrit avec des convolutions 3D ?</summary>
#
# Le moteur WebAssembly de TensorFlow.js 4.22 ne sait pas calculer le gradient d'une convolution
# 2D par rapport à ses filtres, mais il sait le faire pour une convolution 3D. Une image 28 × 28
# est un volume d'épaisseur 1, et un filtre 1 × 5 × 5 y glisse exactement comme un filtre 5 × 5
# sur l'image : mêmes calculs, mêmes poids.
#
# </details>
#
# ## Exercices

# %% [markdown] tags=["exercise"]
# **Exercice 1 (à la main).** La troisième convolution du CNN (`conv3`) a 64 filtres de 3 × 3 et
# reçoit les 64 cartes de la deuxième ; elle n'a pas de biais. Combien de poids a-t-elle ? Et la
# normalisation qui la suit (`bn3`), qui a quatre nombres par carte ? Vérifiez avec Keras.

# %% [markdown] tags=["solution"]
# $3 \times 3 \times 64 \times 64 = 36\,864$ poids pour `conv3` ; $4 \times 64 = 256$ nombres pour
# `bn3` ($\gamma$ et $\beta$, appris, plus la moyenne et la variance accumulées, non apprises).

# %% tags=["solution"]
conv3_weights = 3 * 3 * 64 * 64
bn3_numbers = 4 * 64
print(conv3_weights, model.get_layer("conv3").count_params())
print(bn3_numbers, model.get_layer("bn3").count_params())

# %% tags=["check"]
assert conv3_weights == model.get_layer("conv3").count_params(), "Revoyez le nombre de poids de conv3."
assert bn3_numbers == model.get_layer("bn3").count_params(), "Revoyez le nombre de nombres de bn3."

# %% [markdown] tags=["exercise"]
# **Exercice 2 (avec le code).** Appelez `classification_report` avec les arguments inversés,
# `classification_report(y_pred, test_labels, output_dict=True)`, et comparez la précision et le
# rappel du chiffre 7 avec ceux de l'appel correct. Que constatez-vous ?

# %% tags=["solution"]
right = classification_report(test_labels, y_pred, output_dict=True)
swapped = classification_report(y_pred, test_labels, output_dict=True)
print("ordre correct :", {k: round(v, 4) for k, v in right["7"].items()})
print("ordre inversé :", {k: round(v, 4) for k, v in swapped["7"].items()})

# %% [markdown] tags=["solution"]
# Précision et rappel ont échangé leurs places (le F1, symétrique, ne change pas), et le
# « support » compte désormais les images **lues** 7 au lieu des vrais 7. Aucun message d'erreur :
# seule la relecture attentive de l'ordre des arguments protège de cette erreur.

# %% tags=["check"]
assert abs(swapped["7"]["precision"] - right["7"]["recall"]) < 1e-12, "La précision inversée devrait être le rappel."
assert abs(swapped["7"]["recall"] - right["7"]["precision"]) < 1e-12, "Le rappel inversé devrait être la précision."

# %% [markdown] tags=["exercise"]
# **Exercice 3 (avec le code).** Calculez à la main (avec NumPy) l'entropie croisée lissée
# ($\varepsilon = 0{,}05$) pour une image de 3 à laquelle le réseau donne les probabilités
# `p = np.array([0.01, 0.01, 0.02, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01])` (0,9 pour le 3), et
# comparez avec `keras.losses.CategoricalCrossentropy(label_smoothing=0.05)`.
# Indice : la perte est $-\sum_k \tilde y_k \ln p_k$, avec la cible lissée $\tilde y$.

# %% tags=["solution"]
p = np.array([0.01, 0.01, 0.02, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01])
y_tilde = keras.utils.to_categorical([3], 10)[0] * (1 - 0.05) + 0.05 / 10
by_hand = -np.sum(y_tilde * np.log(p))
by_keras = float(keras.losses.CategoricalCrossentropy(label_smoothing=0.05)(
    keras.utils.to_categorical([3], 10), p[None, :]))
print(f"à la main : {format_decimal(by_hand)}, Keras : {format_decimal(by_keras)}")

# %% tags=["check"]
assert abs(by_hand - by_keras) < 1e-5, "Votre calcul diffère de celui de Keras : revoyez la cible lissée."

# %% [markdown]
# ## À suivre
#
# Ce CNN lit 99,6 % des chiffres de test. Est-ce beaucoup ? Le chapitre suivant,
# [Comparer les méthodes](../07_comparer/), le met face aux autres façons de lire un chiffre — le
# chiffre moyen, les plus proches voisins, les réseaux denses, jusqu'aux meilleurs résultats
# publiés — toutes mesurées sur les mêmes images. Puis [Du modèle au navigateur](../08_navigateur/)
# montre comment ce réseau Keras est devenu celui qui tourne dans votre page.

# %% tags=["hide"]
assert format_percent(test_accuracy) == format_percent(0.996), (
    "« Ce CNN lit 99,6 % des chiffres de test » n'est plus vrai")
