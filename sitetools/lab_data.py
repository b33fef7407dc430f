"""Le petit extrait de MNIST que sert le site pour le « réseau entraîné dans la page ».

Le lecteur entraîne un réseau dans son navigateur : il lui faut quelques milliers d'images, dans un
fichier compact (3 Mo au plus). Ce fichier est fabriqué à chaque construction du site par le
greffon ``hooks/datasets.py`` (MNIST n'est jamais copié dans le dépôt), toujours le même : mêmes
images, même ordre, mêmes octets.

Format « DLAB », version 1 (entiers en petit-boutiste) ::

    octet  taille   contenu
    0      4        la signature b"DLAB"
    4      1        la version (1)
    5      1        bits par pixel : 4 (deux pixels par octet) ou 8
    6      1        hauteur des images (28)
    7      1        largeur des images (28)
    8      4        n_train, nombre d'images d'entraînement (uint32)
    12     4        n_test, nombre d'images de test (uint32)
    16     n_train  étiquettes d'entraînement (0 à 9, un octet chacune)
    …      n_test   étiquettes de test
    …               pixels d'entraînement, image après image, ligne après ligne
    …               pixels de test

Sur 4 bits, chaque pixel MNIST (0 à 255) devient ``round(v × 15 / 255)`` (0 à 15) ; deux pixels
par octet, le premier dans les 4 bits de poids fort. On relit un pixel comme ``v / 15`` (ou
``v / 255`` sur 8 bits) : une encre entre 0 et 1. Seize niveaux de gris suffisent à un réseau
pour lire un chiffre, et le fichier est deux fois plus petit.

Le décodeur du navigateur est ``docs/assets/labs/train/dataset.js`` ; les deux sont testés sur la
même fixture (``tests/fixtures/lab_data/``).
"""

from __future__ import annotations

import struct

import numpy as np

MAGIC = b"DLAB"
VERSION = 1
HEADER = struct.Struct("<4sBBBBII")
#: Images par chiffre : 600 × 10 pour apprendre, 100 × 10 pour mesurer.
TRAIN_PER_CLASS = 600
TEST_PER_CLASS = 100
BITS = 4
SEED = 20261130
#: La limite de taille promise au lecteur (le fichier voyage avec la page).
MAX_BYTES = 3_000_000
#: Où le site sert le fichier.
SITE_PATH = "assets/data/mnist-lab.bin"


class LabDataError(ValueError):
    """Fichier « DLAB » invalide ; le message dit ce qui ne va pas, en français."""


def balanced_indices(labels, per_class: int, seed: int):
    """``per_class`` indices tirés au hasard (graine ``seed``) pour chaque chiffre, puis mélangés."""
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    picked = []
    for digit in range(10):
        candidates = np.flatnonzero(labels == digit)
        if len(candidates) < per_class:
            raise LabDataError(f"Seulement {len(candidates)} images du chiffre {digit} : "
                               f"il en faut {per_class}.")
        picked.append(rng.choice(candidates, size=per_class, replace=False))
    return rng.permutation(np.concatenate(picked))


def _pack(images, bits: int) -> bytes:
    flat = np.asarray(images, dtype=np.uint8).reshape(-1)
    if bits == 8:
        return flat.tobytes()
    levels = np.round(flat.astype(np.float64) * 15 / 255).astype(np.uint8)
    if levels.size % 2:
        levels = np.append(levels, 0)
    return ((levels[0::2] << 4) | levels[1::2]).astype(np.uint8).tobytes()


def encode(x_train, y_train, x_test, y_test, bits: int = BITS) -> bytes:
    """Les quatre tableaux (images ``uint8`` ``(n, h, w)``, étiquettes) → octets au format DLAB."""
    if bits not in (4, 8):
        raise LabDataError(f"{bits} bits par pixel : seuls 4 et 8 sont possibles.")
    x_train, x_test = np.asarray(x_train), np.asarray(x_test)
    if x_train.dtype != np.uint8 or x_test.dtype != np.uint8:
        raise LabDataError("Les images doivent être des entiers de 0 à 255 (uint8).")
    h, w = x_train.shape[1:]
    if x_test.shape[1:] != (h, w):
        raise LabDataError("Images d'entraînement et de test de tailles différentes.")
    header = HEADER.pack(MAGIC, VERSION, bits, h, w, len(x_train), len(x_test))
    labels = np.concatenate([np.asarray(y_train), np.asarray(y_test)]).astype(np.uint8).tobytes()
    return header + labels + _pack(x_train, bits) + _pack(x_test, bits)


def packed_size(count: int, pixels: int, bits: int) -> int:
    """Octets occupés par ``count`` images de ``pixels`` pixels sur ``bits`` bits."""
    return (count * pixels * bits + 7) // 8


def decode(data: bytes) -> dict:
    """Octets DLAB → ``{"bits", "train": (images float32 (n, h, w) dans [0, 1], étiquettes),
    "test": (…)}``. Lève :class:`LabDataError` (message en français) si le fichier est abîmé."""
    if len(data) < HEADER.size:
        raise LabDataError("Fichier de données trop court : l'en-tête est incomplet.")
    magic, version, bits, h, w, n_train, n_test = HEADER.unpack_from(data)
    if magic != MAGIC:
        raise LabDataError("Ce n'est pas un fichier de données du site (signature DLAB absente).")
    if version != VERSION:
        raise LabDataError(f"Version {version} du fichier de données inconnue (attendu : {VERSION}).")
    if bits not in (4, 8):
        raise LabDataError(f"{bits} bits par pixel : valeur impossible.")
    offset = HEADER.size
    expected = offset + n_train + n_test + packed_size(n_train, h * w, bits) + packed_size(n_test, h * w, bits)
    if len(data) != expected:
        raise LabDataError(f"Fichier de données tronqué ou abîmé : {len(data)} octets au lieu de {expected}.")
    labels = np.frombuffer(data, dtype=np.uint8, count=n_train + n_test, offset=offset)
    if labels.size and labels.max() > 9:
        raise LabDataError("Étiquette hors de 0 à 9 dans le fichier de données.")
    offset += n_train + n_test
    out = {"bits": bits}
    for name, count, start in (("train", n_train, 0), ("test", n_test, n_train)):
        size = packed_size(count, h * w, bits)
        raw = np.frombuffer(data, dtype=np.uint8, count=size, offset=offset)
        offset += size
        if bits == 8:
            values = raw.astype(np.float32) / 255
        else:
            values = np.stack([raw >> 4, raw & 15], axis=1).reshape(-1)[:count * h * w].astype(np.float32) / 15
        out[name] = (values.reshape(count, h, w), labels[start:start + count].copy())
    return out


def build(mnist=None, train_per_class: int = TRAIN_PER_CLASS, test_per_class: int = TEST_PER_CLASS,
          bits: int = BITS, seed: int = SEED) -> bytes:
    """L'extrait du site : ``train_per_class`` images de chaque chiffre tirées de l'entraînement
    de MNIST, ``test_per_class`` tirées du test. ``mnist`` : la sortie de
    :func:`digitlab.data.load_mnist` (chargée si absente)."""
    if mnist is None:
        from digitlab.data import load_mnist

        mnist = load_mnist()
    (x_train, y_train), (x_test, y_test) = mnist
    train = balanced_indices(y_train, train_per_class, seed)
    test = balanced_indices(y_test, test_per_class, seed + 1)
    data = encode(x_train[train], y_train[train], x_test[test], y_test[test], bits)
    if len(data) > MAX_BYTES:
        raise LabDataError(f"L'extrait pèse {len(data)} octets, plus que la limite de {MAX_BYTES}.")
    return data
