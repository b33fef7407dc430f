"""Un seul neurone : le neurone formel, la règle d'apprentissage du perceptron, un premier
détecteur de chiffre sans entraînement, et les mesures pour juger un détecteur.

C'est le code du chapitre « Le neurone ». Un neurone calcule une **somme pondérée** de ses
entrées, y ajoute un **biais**, puis applique une **activation** :

    sortie = activation(w · x + b)

Avec l'activation « seuil » (:func:`step`), c'est le perceptron de Rosenblatt (1958) : il
répond 1 si w · x + b > 0, sinon 0 — autrement dit, il dit de quel côté de l'hyperplan
w · x + b = 0 se trouve le point x. La sigmoïde, activation douce, est dans
:mod:`digitlab.network` (une seule sigmoïde dans tout le paquet) : ``Neuron(w, b, sigmoid)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "step", "Neuron", "PerceptronHistory", "train_perceptron", "plane_in_unit_cube",
    "mean_image", "confusion_counts", "accuracy", "precision", "recall",
]


def step(z):
    """Activation « seuil » : 1 si z > 0, sinon 0 (en entiers)."""
    return (np.asarray(z) > 0).astype(int)


class Neuron:
    """Un neurone formel : des poids ``w``, un biais ``b`` et une activation.

    ``x`` peut être un seul exemple (vecteur) ou plusieurs (une ligne par exemple) : le calcul
    ``x @ w + b`` donne alors un score par ligne.
    """

    def __init__(self, weights, bias: float = 0.0, activation=step):
        self.weights = np.array(weights, dtype=np.float64)
        self.bias = float(bias)
        self.activation = activation

    def weighted_sum(self, x):
        """La somme pondérée plus le biais : z = w · x + b (le « score » du neurone)."""
        return np.asarray(x, dtype=np.float64) @ self.weights + self.bias

    def __call__(self, x):
        """La sortie du neurone : activation(w · x + b)."""
        return self.activation(self.weighted_sum(x))


@dataclass
class PerceptronHistory:
    """Trace de l'apprentissage d'un perceptron.

    ``snapshots`` : les couples (poids, biais), au départ puis après chaque correction ;
    ``errors`` : le nombre d'exemples mal classés pendant chaque époque ;
    ``converged`` : ``True`` si une époque entière s'est passée sans aucune erreur.
    """

    snapshots: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    converged: bool = False


def train_perceptron(neuron: Neuron, x, y, learning_rate: float = 1.0, max_epochs: int = 100,
                     seed=None) -> PerceptronHistory:
    """Règle d'apprentissage du perceptron (Rosenblatt), exemple par exemple.

    Pour chaque exemple (x, y), avec y ∈ {0, 1} et ŷ la réponse actuelle du neurone :

        w ← w + η (y − ŷ) x        b ← b + η (y − ŷ)

    Si la réponse est juste, y − ŷ = 0 et rien ne bouge. Si le neurone a dit 0 au lieu de 1,
    on **ajoute** x aux poids (le score de cet exemple augmente) ; s'il a dit 1 au lieu de 0,
    on le **retranche**. Quand les deux classes sont séparables par un plan, le théorème de
    convergence du perceptron garantit qu'on finit par ne plus faire aucune erreur.
    L'ordre des exemples est mélangé à chaque époque (``seed`` le fixe). Le neurone est
    modifié en place.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y).astype(int)
    rng = np.random.default_rng(seed)
    history = PerceptronHistory(snapshots=[(neuron.weights.copy(), float(neuron.bias))])
    for _ in range(max_epochs):
        n_errors = 0
        for i in rng.permutation(len(x)):
            error = y[i] - int(step(neuron.weighted_sum(x[i])))
            if error != 0:
                neuron.weights += learning_rate * error * x[i]
                neuron.bias = float(neuron.bias + learning_rate * error)
                history.snapshots.append((neuron.weights.copy(), float(neuron.bias)))
                n_errors += 1
        history.errors.append(n_errors)
        if n_errors == 0:
            history.converged = True
            break
    return history


def plane_in_unit_cube(weights, bias: float):
    """Le polygone où le plan w · x + b = 0 d'un neurone à trois entrées coupe le cube [0, 1]³.

    Renvoie les sommets (tableau ``(k, 3)``, de 3 à 6 sommets) rangés dans l'ordre du tour du
    polygone, prêts à dessiner ; ou ``None`` si le plan ne traverse pas le cube (toutes les
    couleurs sont alors du même côté). Les sommets sont les points où le plan coupe les
    12 arêtes du cube : sur une arête dont les deux extrémités ont des scores de signes
    contraires, le score s'annule en un point que l'on trouve par interpolation linéaire.
    """
    weights = np.asarray(weights, dtype=np.float64)
    corners = np.array([[i, j, k] for i in (0, 1) for j in (0, 1) for k in (0, 1)], float)
    scores = corners @ weights + bias
    points = []
    for a in range(8):
        for c in range(a + 1, 8):
            is_edge = np.sum(corners[a] != corners[c]) == 1
            if is_edge and scores[a] * scores[c] < 0:
                t = scores[a] / (scores[a] - scores[c])
                points.append(corners[a] + t * (corners[c] - corners[a]))
    if len(points) < 3:
        return None
    points = np.array(points)
    # On range les sommets par angle autour de leur centre, dans le plan lui-même.
    centre = points.mean(axis=0)
    normal = weights / np.linalg.norm(weights)
    helper = [1.0, 0.0, 0.0] if abs(normal[0]) < 0.9 else [0.0, 1.0, 0.0]
    u = np.cross(normal, helper)
    u /= np.linalg.norm(u)
    v = np.cross(normal, u)
    angles = np.arctan2((points - centre) @ v, (points - centre) @ u)
    return points[np.argsort(angles)]


def mean_image(images, labels, digit: int):
    """L'image moyenne d'un chiffre, aplatie en un vecteur de flottants.

    ``images`` : tableau ``(n, 28, 28)`` ou ``(n, 784)`` ; le résultat a la même échelle que
    les pixels reçus (entre 0 et 1 si on lui donne des pixels entre 0 et 1).
    """
    images = np.asarray(images, dtype=np.float64)
    selected = images[np.asarray(labels) == digit]
    if len(selected) == 0:
        raise ValueError(f"Aucune image du chiffre {digit}.")
    return selected.reshape(len(selected), -1).mean(axis=0)


# ---------------------------------------------------------------------------------------------
# Juger un détecteur : vrais/faux positifs, exactitude, précision, rappel
# ---------------------------------------------------------------------------------------------

def confusion_counts(y_true, y_pred):
    """Les quatre cases d'une question oui/non : ``{"tp", "fp", "fn", "tn"}``.

    * vrais positifs (tp) : le détecteur dit oui et c'est oui ;
    * faux positifs (fp) : il dit oui mais c'est non ;
    * faux négatifs (fn) : il dit non mais c'est oui ;
    * vrais négatifs (tn) : il dit non et c'est non.
    """
    y_true = np.asarray(y_true).astype(bool)
    y_pred = np.asarray(y_pred).astype(bool)
    return {
        "tp": int(np.sum(y_true & y_pred)),
        "fp": int(np.sum(~y_true & y_pred)),
        "fn": int(np.sum(y_true & ~y_pred)),
        "tn": int(np.sum(~y_true & ~y_pred)),
    }


def accuracy(y_true, y_pred):
    """Exactitude : la part des réponses justes, (tp + tn) / total."""
    return float(np.mean(np.asarray(y_true).astype(bool) == np.asarray(y_pred).astype(bool)))


def precision(y_true, y_pred):
    """Précision : parmi les « oui » du détecteur, la part de vrais oui, tp / (tp + fp).

    Vaut ``nan`` (non définie) si le détecteur ne dit jamais oui : on ne peut pas juger la
    qualité de « oui » qui n'existent pas.
    """
    c = confusion_counts(y_true, y_pred)
    said_yes = c["tp"] + c["fp"]
    return c["tp"] / said_yes if said_yes else float("nan")


def recall(y_true, y_pred):
    """Rappel : parmi les vrais oui, la part que le détecteur a trouvée, tp / (tp + fn).

    Vaut ``nan`` s'il n'y a aucun vrai oui dans les données.
    """
    c = confusion_counts(y_true, y_pred)
    actual_yes = c["tp"] + c["fn"]
    return c["tp"] / actual_yes if actual_yes else float("nan")
