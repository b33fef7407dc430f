"""Un réseau de neurones écrit de zéro avec NumPy, à lire d'un bout à l'autre.

Ce module suit l'esprit du ``network.py`` de Michael Nielsen (*Neural Networks and Deep
Learning*) : peu de code, pas de magie, chaque formule du chapitre « Réseau de neurones et
rétropropagation » se retrouve ligne pour ligne. Il est découpé en petites briques :

1. des fonctions mathématiques (sigmoïde, softmax…) écrites de façon numériquement stable ;
2. des **couches**, toutes filles de :class:`Layer` : :class:`Dense` (somme pondérée),
   :class:`ReLU`, :class:`Sigmoid`. Chacune a une méthode ``forward`` (calcul de la sortie) et
   une méthode ``backward`` (rétropropagation : reçoit le gradient de la perte par rapport à sa
   sortie, renvoie celui par rapport à son entrée et garde au passage le gradient de ses propres
   paramètres) ;
3. des **fonctions de perte** : :class:`SoftmaxCrossEntropy` et :class:`MeanSquaredError` ;
4. le **réseau** :class:`Network`, qui enchaîne les couches et s'entraîne par descente de
   gradient stochastique (SGD) par mini-lots ; ``print(network)`` le décrit couche par couche,
   et :func:`print_progress` rend compte de l'entraînement, époque par époque ;
5. la **vérification du gradient** par différences finies (:func:`numerical_gradient`,
   :func:`gradient_check`).

Les poids se sauvegardent et se rechargent au format ``.npz`` de NumPy (jamais pickle) ; les
nombres s'affichent à la française grâce à :mod:`digitlab.fmt`.

Conventions : un mini-lot est un tableau de forme ``(n, d)`` — une ligne par exemple. Toutes
les opérations sont vectorisées sur le mini-lot (aucune boucle sur les exemples). La perte
d'un mini-lot est la **moyenne** des pertes de ses exemples ; les gradients sont donc ceux de
cette moyenne.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits  # figé dans requirements.txt

from .fmt import format_decimal, format_integer, format_percent

# ---------------------------------------------------------------------------------------------
# 1. Fonctions mathématiques
# ---------------------------------------------------------------------------------------------

def sigmoid(z):
    """La sigmoïde σ(z) = 1 / (1 + e^(−z)), calculée sans débordement.

    Pour z très négatif, ``exp(-z)`` déborderait : on utilise alors la forme équivalente
    e^z / (1 + e^z). Dans les deux cas, l'exponentielle calculée est celle de −|z| ≤ 0.
    """
    z = np.asarray(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(z):
    """Softmax ligne par ligne : transforme des scores en probabilités qui somment à 1.

    On retranche le maximum de chaque ligne avant l'exponentielle : le résultat ne change pas
    (le facteur e^(−max) se simplifie) mais plus aucune exponentielle ne peut déborder.
    """
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def log_softmax(z):
    """Logarithme de la softmax, ligne par ligne, sous forme stable (astuce « log-sum-exp »).

    log softmax(z)_k = z_k − max(z) − log Σ_j e^(z_j − max(z)) : jamais de log(0).
    """
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def one_hot(labels, n_classes: int = 10, dtype=np.float64):
    """Étiquettes entières (0 à 9) → vecteurs « un parmi n » : 3 → [0, 0, 0, 1, 0, …, 0]."""
    labels = np.asarray(labels)
    targets = np.zeros((labels.size, n_classes), dtype=dtype)
    targets[np.arange(labels.size), labels] = 1
    return targets


def to_vectors(images, dtype=np.float32):
    """Images 28 × 28 en ``uint8`` (0 à 255) → vecteurs de 784 flottants entre 0 et 1."""
    images = np.asarray(images)
    return images.reshape(len(images), -1).astype(dtype) / 255


# ---------------------------------------------------------------------------------------------
# 2. Couches
# ---------------------------------------------------------------------------------------------

class Layer:
    """Ce que toute couche sait faire : ``forward`` puis, au retour, ``backward``.

    Une couche sans paramètres (une activation) n'a qu'à écrire ces deux méthodes : par défaut,
    ``parameters()`` et ``gradients()`` renvoient des listes vides, et ``summary()`` (la ligne
    qu'affiche ``print(network)``) se contente du nom de la couche.
    """

    def forward(self, x):
        raise NotImplementedError

    def backward(self, grad):
        raise NotImplementedError

    def parameters(self):
        return []

    def gradients(self):
        return []

    def summary(self) -> str:
        return type(self).__name__

    def __repr__(self):
        return f"{type(self).__name__}()"


class Dense(Layer):
    """Couche dense (« entièrement connectée ») : z = x W + b.

    ``W`` a la forme ``(n_in, n_out)`` : la colonne j contient les poids du neurone j.
    ``b`` a la forme ``(n_out,)`` : un biais par neurone.
    """

    def __init__(self, n_in: int, n_out: int, rng, scale: float, dtype=np.float64):
        # Poids tirés au hasard (écart type ``scale``), biais nuls. Le hasard casse la symétrie :
        # si tous les neurones partaient des mêmes poids, ils apprendraient tous la même chose.
        self.W = (rng.standard_normal((n_in, n_out)) * scale).astype(dtype)
        self.b = np.zeros(n_out, dtype=dtype)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)

    def forward(self, x):
        self.x = x  # gardé pour la rétropropagation
        return x @ self.W + self.b

    def backward(self, grad_z):
        """Reçoit ∂C/∂z (forme ``(n, n_out)``), renvoie ∂C/∂x (forme ``(n, n_in)``).

        Règle de la chaîne, pour z = x W + b :
        ∂C/∂W = xᵀ · ∂C/∂z,  ∂C/∂b = somme des lignes de ∂C/∂z,  ∂C/∂x = ∂C/∂z · Wᵀ.
        """
        self.dW = self.x.T @ grad_z
        self.db = grad_z.sum(axis=0)
        return grad_z @ self.W.T

    def parameters(self):
        return [self.W, self.b]

    def gradients(self):
        return [self.dW, self.db]

    def summary(self) -> str:
        n_in, n_out = self.W.shape
        return (f"Dense {n_in} → {n_out} : W {n_in} × {n_out}, b {n_out} ; "
                f"{format_integer(self.W.size + self.b.size)} paramètres")

    def __repr__(self):
        n_in, n_out = self.W.shape
        return f"Dense({n_in} → {n_out}, {format_integer(self.W.size + self.b.size)} paramètres)"


class ReLU(Layer):
    """Activation ReLU : a = max(0, z), case par case. Sa dérivée vaut 1 si z > 0, sinon 0."""

    def forward(self, z):
        self.mask = z > 0
        return z * self.mask

    def backward(self, grad_a):
        return grad_a * self.mask

    def summary(self) -> str:
        return "ReLU : max(0, z), case par case"


class Sigmoid(Layer):
    """Activation sigmoïde : a = σ(z), case par case. Sa dérivée vaut σ(z) (1 − σ(z))."""

    def forward(self, z):
        self.a = sigmoid(z)
        return self.a

    def backward(self, grad_a):
        return grad_a * self.a * (1 - self.a)

    def summary(self) -> str:
        return "Sigmoid : σ(z) = 1 / (1 + e^(−z)), case par case"


# ---------------------------------------------------------------------------------------------
# 3. Fonctions de perte
# ---------------------------------------------------------------------------------------------

class SoftmaxCrossEntropy:
    """Softmax puis entropie croisée, réunies en une seule étape.

    Pour un exemple de scores z et de cible « un parmi n » y :
    C = −Σ_k y_k log softmax(z)_k = −log(probabilité donnée à la bonne classe).
    Réunir les deux étapes donne un gradient d'une simplicité remarquable : ∂C/∂z = p − y,
    où p = softmax(z). La perte d'un mini-lot est la moyenne sur ses n exemples.
    """

    description = "softmax puis entropie croisée"

    def forward(self, logits, targets):
        self.probabilities = softmax(logits)
        self.targets = targets
        return float(-np.mean(np.sum(targets * log_softmax(logits), axis=1)))

    def backward(self):
        n = len(self.targets)
        return (self.probabilities - self.targets) / n

    @staticmethod
    def output_to_probabilities(outputs):
        return softmax(outputs)


class MeanSquaredError:
    """Erreur quadratique moyenne, comme chez Nielsen : C = 1/(2n) Σ_exemples ‖a − y‖².

    Le facteur 1/2 simplifie la dérivée : ∂C/∂a = (a − y) / n.
    """

    description = "erreur quadratique moyenne"

    def forward(self, outputs, targets):
        self.diff = outputs - targets
        return float(0.5 * np.mean(np.sum(self.diff ** 2, axis=1)))

    def backward(self):
        return self.diff / len(self.diff)

    @staticmethod
    def output_to_probabilities(outputs):
        # Les sorties sigmoïdes ne somment pas à 1 : on les normalise pour les lire comme des
        # probabilités (cela ne change pas la classe prédite).
        return outputs / outputs.sum(axis=1, keepdims=True)


ACTIVATIONS = {"relu": ReLU, "sigmoid": Sigmoid}
LOSSES = {"cross_entropy": SoftmaxCrossEntropy, "mse": MeanSquaredError}


# ---------------------------------------------------------------------------------------------
# 4. Le réseau
# ---------------------------------------------------------------------------------------------

def single_threaded_blas():
    """Limite les produits matriciels de NumPy (BLAS) à un seul fil d'exécution.

    Nos mini-lots sont petits (32 × 784) : répartir chaque produit sur plusieurs cœurs coûte
    plus cher que le calcul lui-même, et sur une machine déjà occupée les fils s'attendent les
    uns les autres (mesuré : jusqu'à 70 fois plus lent). Un seul fil est plus rapide ici.
    """
    return threadpool_limits(limits=1, user_api="blas")


@dataclass
class History:
    """Ce qui s'est passé pendant l'entraînement.

    Par itération (un mini-lot) : ``batch_loss`` et ``batch_accuracy``.
    Par époque (un passage sur toutes les données) : ``train_loss`` et ``train_accuracy``
    (moyennes sur les mini-lots de l'époque, mesurées pendant que les poids changeaient) ;
    ``val_loss`` et ``val_accuracy`` si des données de validation ont été fournies (mesurées à
    la fin de l'époque). ``diverged`` vaut ``True`` si la perte est devenue infinie ou NaN :
    l'entraînement s'arrête alors aussitôt (l'époque en cours n'est pas comptée).
    """

    batch_loss: list = field(default_factory=list)
    batch_accuracy: list = field(default_factory=list)
    train_loss: list = field(default_factory=list)
    train_accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    iterations_per_epoch: int = 0
    diverged: bool = False


class Network:
    """Un réseau multicouche : Dense → activation → Dense → activation → … → Dense.

    ``sizes`` donne le nombre de neurones de chaque couche, entrée comprise : ``[784, 128, 10]``
    est un réseau à 784 entrées, une couche cachée de 128 neurones et 10 sorties.

    * ``activation`` : ``"relu"`` ou ``"sigmoid"`` pour les couches cachées ;
    * ``loss`` : ``"cross_entropy"`` (les sorties sont des scores, la softmax est dans la perte)
      ou ``"mse"`` (une sigmoïde est ajoutée en sortie, comme chez Nielsen) ;
    * ``seed`` : graine du tirage des poids initiaux (même graine, même réseau) ;
    * ``dtype`` : ``np.float64`` (précis, pour vérifier les gradients) ou ``np.float32``
      (deux fois plus rapide, largement assez précis pour apprendre).
    """

    def __init__(self, sizes, activation: str = "relu", loss: str = "cross_entropy",
                 seed=None, dtype=np.float64):
        if activation not in ACTIVATIONS:
            raise ValueError(f"Activation inconnue « {activation} » : choisissez parmi "
                             f"{', '.join(ACTIVATIONS)}.")
        if loss not in LOSSES:
            raise ValueError(f"Perte inconnue « {loss} » : choisissez parmi {', '.join(LOSSES)}.")
        if len(sizes) < 2:
            raise ValueError("Il faut au moins deux tailles : entrée et sortie.")
        self.sizes = [int(s) for s in sizes]
        self.activation = activation
        self.loss_name = loss
        self.dtype = np.dtype(dtype)
        rng = np.random.default_rng(seed)
        self.layers = []
        n_layers = len(self.sizes) - 1
        for i, (n_in, n_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            # Écart type des poids initiaux : √(2/n_in) pour ReLU (He et al., 2015),
            # √(1/n_in) pour la sigmoïde. Ainsi les sommes pondérées ne sont ni minuscules
            # ni énormes au départ, quel que soit le nombre d'entrées.
            gain = 2.0 if activation == "relu" and i < n_layers - 1 else 1.0
            self.layers.append(Dense(n_in, n_out, rng, math.sqrt(gain / n_in), self.dtype))
            if i < n_layers - 1:
                self.layers.append(ACTIVATIONS[activation]())
        if loss == "mse":
            self.layers.append(Sigmoid())  # des sorties entre 0 et 1, comme les cibles
        self.loss = LOSSES[loss]()

    def __repr__(self):
        """Le réseau, une ligne par couche : ce que ``print(network)`` affiche."""
        lines = [f'Network({self.sizes}, activation="{self.activation}", '
                 f'loss="{self.loss_name}", dtype={self.dtype})']
        lines += [f"  {i}. {layer.summary()}" for i, layer in enumerate(self.layers, start=1)]
        lines.append(f"  Perte : {self.loss.description} ({type(self.loss).__name__})")
        total = sum(p.size for p in self.parameters())
        lines.append(f"  En tout : {format_integer(total)} paramètres")
        return "\n".join(lines)

    # -- calculs ------------------------------------------------------------------------------

    def forward(self, x):
        """Propagation avant : l'entrée traverse les couches dans l'ordre."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self):
        """Rétropropagation : le gradient de la perte traverse les couches à l'envers.

        À appeler juste après :meth:`compute_loss` (qui a gardé ce qu'il faut en mémoire).
        Chaque couche dense range au passage ∂C/∂W et ∂C/∂b dans ``dW`` et ``db``.
        """
        grad = self.loss.backward()
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return grad

    def compute_loss(self, x, targets):
        """Perte moyenne du mini-lot ``x`` pour les cibles « un parmi n » ``targets``."""
        return self.loss.forward(self.forward(x), targets)

    def compute_gradients(self, x, targets):
        """Propagation avant, perte, puis rétropropagation ; renvoie la perte."""
        loss = self.compute_loss(x, targets)
        self.backward()
        return loss

    def parameters(self):
        """Les tableaux de paramètres, dans l'ordre : W1, b1, W2, b2, …"""
        return [p for layer in self.layers for p in layer.parameters()]

    def gradients(self):
        """Les gradients correspondants (remplis par :meth:`backward`)."""
        return [g for layer in self.layers for g in layer.gradients()]

    def parameter_names(self):
        names = []
        for i in range(1, len(self.sizes)):
            names += [f"W{i}", f"b{i}"]
        return names

    def outputs(self, x, batch_size: int = 10000):
        """Sorties du réseau (scores ou sigmoïdes), calculées par paquets pour la mémoire."""
        x = np.asarray(x, dtype=self.dtype)
        return np.concatenate([self.forward(x[i:i + batch_size])
                               for i in range(0, len(x), batch_size)])

    def predict_proba(self, x):
        """Probabilité de chaque classe pour chaque exemple (forme ``(n, 10)``)."""
        return self.loss.output_to_probabilities(self.outputs(x))

    def predict(self, x):
        """La classe prédite : celle qui a la plus grande sortie."""
        return self.outputs(x).argmax(axis=1)

    def evaluate(self, x, labels):
        """Renvoie ``(perte moyenne, exactitude)`` sur des données étiquetées."""
        outputs = self.outputs(x)
        loss = self.loss.forward(outputs, one_hot(labels, self.sizes[-1], self.dtype))
        return loss, float(np.mean(outputs.argmax(axis=1) == labels))

    # -- apprentissage ------------------------------------------------------------------------

    def sgd_step(self, x, targets, learning_rate: float):
        """Une itération de descente de gradient : chaque paramètre recule de η fois son gradient.

        Renvoie la perte du mini-lot et les sorties du réseau (calculées avant le pas).
        """
        outputs = self.forward(x)
        loss = self.loss.forward(outputs, targets)
        self.backward()
        for p, g in zip(self.parameters(), self.gradients()):
            p -= learning_rate * g  # en place : les couches voient les nouveaux poids
        return loss, outputs

    def train(self, x, labels, epochs: int, batch_size: int, learning_rate: float,
              validation=None, seed=None, report=None) -> History:
        """Descente de gradient stochastique (SGD) par mini-lots.

        À chaque **époque**, on mélange les exemples puis on les découpe en mini-lots de
        ``batch_size`` exemples ; chaque mini-lot donne une **itération** : calcul du gradient
        de la perte moyenne sur le mini-lot, puis pas de taille ``learning_rate`` (η) dans la
        direction opposée. ``labels`` sont des entiers 0 à 9 ; ``validation`` est un couple
        ``(x_val, y_val)`` évalué à la fin de chaque époque ; ``seed`` fixe l'ordre de mélange.
        ``report(epoch, epochs, history)``, s'il est donné, est appelé à la fin de chaque époque
        et à l'arrêt en cas de divergence (par exemple :func:`print_progress`).
        """
        x = np.asarray(x, dtype=self.dtype)
        labels = np.asarray(labels)
        targets = one_hot(labels, self.sizes[-1], self.dtype)
        rng = np.random.default_rng(seed)
        n = len(x)
        history = History(iterations_per_epoch=math.ceil(n / batch_size))
        with single_threaded_blas():  # voir cette fonction : plus rapide ici
            for epoch in range(1, epochs + 1):
                order = rng.permutation(n)  # un nouvel ordre à chaque époque
                total_loss, hits = 0.0, 0
                for start in range(0, n, batch_size):
                    batch = order[start:start + batch_size]
                    loss, outputs = self.sgd_step(x[batch], targets[batch], learning_rate)
                    correct = int(np.sum(outputs.argmax(axis=1) == labels[batch]))
                    history.batch_loss.append(loss)
                    history.batch_accuracy.append(correct / len(batch))
                    if not np.isfinite(loss):  # pas trop grand : les poids ont « explosé »
                        history.diverged = True
                        break
                    total_loss += loss * len(batch)
                    hits += correct
                if not history.diverged:  # une époque interrompue n'est pas comptée
                    history.train_loss.append(total_loss / n)
                    history.train_accuracy.append(hits / n)
                    if validation is not None:
                        val_loss, val_accuracy = self.evaluate(*validation)
                        history.val_loss.append(val_loss)
                        history.val_accuracy.append(val_accuracy)
                if report is not None:
                    report(epoch, epochs, history)
                if history.diverged:
                    break
        return history

    # -- sauvegarde ---------------------------------------------------------------------------

    def save(self, path):
        """Enregistre l'architecture et les poids dans un fichier ``.npz`` de NumPy.

        Le fichier ne contient que des tableaux numériques et des chaînes : il se relit avec
        ``allow_pickle=False``, donc sans exécuter de code venu du fichier. NumPy ajoute
        l'extension ``.npz`` si elle manque ; le chemin réellement écrit est renvoyé.
        """
        path = Path(path)
        if path.suffix != ".npz":
            path = path.with_name(path.name + ".npz")
        arrays = dict(zip(self.parameter_names(), self.parameters()))
        np.savez(path, sizes=np.array(self.sizes), activation=np.array(self.activation),
                 loss=np.array(self.loss_name), **arrays)
        return path

    @classmethod
    def load(cls, path):
        """Recrée un réseau à partir d'un fichier écrit par :meth:`save`."""
        with np.load(path, allow_pickle=False) as data:
            sizes = [int(s) for s in data["sizes"]]
            network = cls(sizes, activation=str(data["activation"]), loss=str(data["loss"]),
                          dtype=data["W1"].dtype)
            for name, p in zip(network.parameter_names(), network.parameters()):
                if data[name].shape != p.shape:
                    raise ValueError(f"{path} : « {name} » a la forme {data[name].shape}, "
                                     f"attendu {p.shape}.")
                p[...] = data[name]
        return network


def print_progress(epoch: int, epochs: int, history: History) -> None:
    """Un compte rendu d'entraînement : une ligne en français par époque, pour ``train(report=…)``.

    « Époque 3/10 : perte 0,1119, exactitude 96,73 %, exactitude de validation 97,32 % », ou,
    si la perte n'est plus un nombre fini, le constat de la divergence.
    """
    if history.diverged:
        print(f"Époque {epoch} : la perte n'est plus un nombre fini, l'apprentissage a divergé.")
        return
    message = (f"Époque {epoch}/{epochs} : perte {format_decimal(history.train_loss[-1])}, "
               f"exactitude {format_percent(history.train_accuracy[-1], 2)}")
    if history.val_accuracy:
        message += f", exactitude de validation {format_percent(history.val_accuracy[-1], 2)}"
    print(message)


# ---------------------------------------------------------------------------------------------
# 5. Vérification du gradient par différences finies
# ---------------------------------------------------------------------------------------------

def numerical_gradient(f, x, eps: float = 1e-6):
    """Gradient de ``f()`` par rapport au tableau ``x``, estimé par différences centrées.

    Pour chaque case x_i : ∂f/∂x_i ≈ (f(x_i + ε) − f(x_i − ε)) / (2ε). ``f`` ne prend pas
    d'argument : elle relit ``x``, que l'on modifie en place case par case (puis qu'on
    remet en état). Lent (deux appels de ``f`` par case) mais sans aucune dérivée écrite à la
    main : c'est ce qui en fait un juge indépendant de la rétropropagation.
    """
    grad = np.zeros(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + eps
        f_plus = f()
        x[index] = old - eps
        f_minus = f()
        x[index] = old
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """Écart relatif max |a − b| / max(|a| + |b|) : près de 1e-7 ou moins, c'est bon signe."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.max(np.abs(a) + np.abs(b))
    return float(np.max(np.abs(a - b)) / scale) if scale > 0 else 0.0


def gradient_check(network: Network, x, labels, eps: float = 1e-6):
    """Compare la rétropropagation aux différences finies pour chaque tableau de paramètres.

    Renvoie un dictionnaire ``{"W1": écart relatif, "b1": …}``. Le réseau doit être en
    ``float64`` : en ``float32``, les arrondis noient la différence f(x + ε) − f(x − ε).
    """
    if network.dtype != np.float64:
        raise ValueError("La vérification du gradient demande un réseau en float64.")
    x = np.asarray(x, dtype=np.float64)
    targets = one_hot(labels, network.sizes[-1])
    network.compute_gradients(x, targets)
    analytic = [g.copy() for g in network.gradients()]
    errors = {}
    for name, p, g in zip(network.parameter_names(), network.parameters(), analytic):
        numeric = numerical_gradient(lambda: network.compute_loss(x, targets), p, eps)
        errors[name] = relative_error(g, numeric)
    return errors
