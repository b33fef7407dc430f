"""L'augmentation au test : lire plusieurs copies d'une même image et moyenner les réponses.

Au lieu d'une lecture, le réseau lit l'image et quelques copies à peine transformées (décalées
d'un pixel, tournées de quelques degrés, un peu agrandies ou réduites) ; on moyenne les
log-probabilités des copies et on garde le chiffre le plus probable. Cela coûte une lecture par
copie. C'est l'un des moyens que l'issue 12 proposait : ``scripts/measure_tta.py`` le mesure sur
le CNN commité, et la page « Le modèle » dit ce qu'il a donné.

Règle de la mesure : les combinaisons essayées (:data:`CANDIDATES`) sont fixées d'avance, et on
choisit la meilleure sur la **validation** (:func:`choose`) ; le test ne sert qu'à dire ce que vaut
ce choix. Choisir sur le test la combinaison qui y fait le mieux serait ajuster le modèle au test.
"""

from __future__ import annotations

import numpy as np

from ..conv import shift

#: Chaque copie : (libellé, décalage vertical, décalage horizontal, rotation en degrés, zoom).
VIEWS = {
    "image": ("l'image", 0, 0, 0.0, 1.0),
    "haut": ("1 px vers le haut", -1, 0, 0.0, 1.0),
    "bas": ("1 px vers le bas", 1, 0, 0.0, 1.0),
    "gauche": ("1 px à gauche", 0, -1, 0.0, 1.0),
    "droite": ("1 px à droite", 0, 1, 0.0, 1.0),
    "rot+5": ("tournée de 5°", 0, 0, 5.0, 1.0),
    "rot-5": ("tournée de −5°", 0, 0, -5.0, 1.0),
    "rot+8": ("tournée de 8°", 0, 0, 8.0, 1.0),
    "rot-8": ("tournée de −8°", 0, 0, -8.0, 1.0),
    "zoom0.9": ("réduite à 90 %", 0, 0, 0.0, 0.9),
    "zoom1.1": ("agrandie à 110 %", 0, 0, 0.0, 1.1),
}

#: Les combinaisons essayées, fixées avant toute mesure ; la première est la lecture simple.
CANDIDATES = [
    ("image",),
    ("image", "gauche", "droite"),
    ("image", "haut", "bas"),
    ("image", "haut", "bas", "gauche", "droite"),
    ("image", "rot+5", "rot-5"),
    ("image", "rot+8", "rot-8"),
    ("image", "zoom0.9", "zoom1.1"),
]


def view(images: np.ndarray, name: str) -> np.ndarray:
    """La copie ``name`` d'un lot d'images ``(n, 28, 28)`` ``uint8`` : ``(n, 28, 28, 1)`` ``float32``
    dans [0, 1], prête pour le réseau. Décalage sans interpolation (ce qui sort du cadre est
    perdu) ; rotation et zoom autour du centre, interpolation bilinéaire, fond noir."""
    _, dy, dx, rotation, zoom = VIEWS[name]
    x = shift(np.asarray(images), dy, dx).astype(np.float32) / 255.0
    if rotation or zoom != 1.0:
        import tensorflow as tf

        from .augment import affine_transforms, apply_affine

        n = len(x)
        transforms = affine_transforms(tf.fill([n], rotation), tf.zeros([n]), tf.fill([n], zoom),
                                       tf.zeros([n]), tf.zeros([n]))
        return apply_affine(tf.constant(x[..., None]), transforms).numpy()
    return x[..., None]


def combine(probabilities) -> np.ndarray:
    """La réponse de plusieurs copies : la moyenne de leurs log-probabilités, renvoyée sous forme de
    probabilités (softmax de cette moyenne, une moyenne géométrique normalisée)."""
    logs = np.mean([np.log(np.clip(p, 1e-12, 1.0)) for p in probabilities], axis=0)
    logs -= logs.max(axis=1, keepdims=True)
    out = np.exp(logs)
    return out / out.sum(axis=1, keepdims=True)


def choose(validation_errors) -> int:
    """L'indice de la combinaison retenue : le moins d'erreurs de validation, puis, à égalité, le
    moins de copies (le moins de calcul), puis la première déclarée."""
    return min(range(len(CANDIDATES)), key=lambda k: (validation_errors[k], len(CANDIDATES[k]), k))


def describe(candidate) -> str:
    """« l'image + 1 px à gauche + 1 px à droite »."""
    return " + ".join(VIEWS[name][0] for name in candidate)
