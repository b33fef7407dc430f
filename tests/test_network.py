"""Tests du réseau NumPy (digitlab.network).

Chaque dérivée écrite à la main est confrontée à un juge indépendant : les différences finies,
une forme close, ou Keras (TensorFlow) pour la softmax et l'entropie croisée.
"""

import math
import warnings

import numpy as np
import pytest

from digitlab.fmt import format_decimal, format_integer, format_percent
from digitlab.network import (
    Dense,
    Layer,
    MeanSquaredError,
    Network,
    ReLU,
    Sigmoid,
    SoftmaxCrossEntropy,
    gradient_check,
    log_softmax,
    numerical_gradient,
    one_hot,
    print_progress,
    relative_error,
    sigmoid,
    softmax,
    to_vectors,
)

RNG_SEED = 1234


@pytest.fixture
def rng():
    return np.random.default_rng(RNG_SEED)


def probe_gradients(layer, x, rng):
    """Gradients d'une couche pour la perte-sonde f = Σ G ⊙ sortie (G tiré au hasard).

    Renvoie (gradient rétropropagé par rapport à l'entrée, gradient par différences finies).
    Comme ∂f/∂sortie = G, ``layer.backward(G)`` doit donner ∂f/∂entrée.
    """
    probe = rng.standard_normal(layer.forward(x).shape)

    def f():
        return float(np.sum(probe * layer.forward(x)))

    numeric = numerical_gradient(f, x)
    layer.forward(x)
    analytic = layer.backward(probe)
    return analytic, numeric, probe, f


# -- fonctions de base -----------------------------------------------------------------------

def test_sigmoid_matches_closed_form_and_never_overflows():
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # un débordement serait une erreur
        extreme = sigmoid(np.array([-1000.0, -745.0, 0.0, 745.0, 1000.0]))
    assert extreme[0] == 0.0 and extreme[2] == 0.5 and extreme[-1] == 1.0
    assert np.all(np.isfinite(extreme))


def test_softmax_is_a_probability_and_stable(rng):
    z = rng.standard_normal((5, 10))
    p = softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p, np.exp(z) / np.exp(z).sum(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(softmax(z + 1000.0), p, rtol=1e-12)  # invariante par décalage
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = softmax(np.array([[1000.0, 0.0, -1000.0]]))
        logp = log_softmax(np.array([[1000.0, 0.0, -1000.0]]))
    np.testing.assert_allclose(big, [[1.0, 0.0, 0.0]], atol=1e-300)
    # Forme close : log softmax = z − max − log(1 + e^(−1000) + e^(−2000)) ≈ z − 1000.
    np.testing.assert_allclose(logp, [[0.0, -1000.0, -2000.0]])


def test_one_hot_and_to_vectors():
    np.testing.assert_array_equal(one_hot([3, 0], 4), [[0, 0, 0, 1], [1, 0, 0, 0]])
    images = np.full((2, 28, 28), 255, dtype=np.uint8)
    images[1] = 0
    v = to_vectors(images)
    assert v.shape == (2, 784) and v.dtype == np.float32
    assert v[0].min() == 1.0 and v[1].max() == 0.0


# -- la vérification du gradient elle-même ---------------------------------------------------

def test_numerical_gradient_matches_closed_form(rng):
    x = rng.standard_normal((3, 4))
    grad = numerical_gradient(lambda: float(np.sum(x ** 3)), x)
    np.testing.assert_allclose(grad, 3 * x ** 2, rtol=1e-6, atol=1e-8)
    x_before = x.copy()
    numerical_gradient(lambda: float(np.sum(np.sin(x))), x)
    np.testing.assert_array_equal(x, x_before)  # x est remis en état


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([0.0], [0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == pytest.approx(1.0)


# -- chaque couche contre les différences finies ---------------------------------------------

def test_dense_backward_matches_finite_differences(rng):
    layer = Dense(5, 3, rng, scale=1.0)
    layer.b[:] = rng.standard_normal(3)
    x = rng.standard_normal((4, 5))
    grad_x, numeric_x, probe, f = probe_gradients(layer, x, rng)
    assert relative_error(grad_x, numeric_x) < 1e-8
    # Les gradients des paramètres, rangés par backward, contre les différences finies.
    layer.forward(x)
    layer.backward(probe)
    assert relative_error(layer.dW, numerical_gradient(f, layer.W)) < 1e-8
    assert relative_error(layer.db, numerical_gradient(f, layer.b)) < 1e-8


def test_dense_forward_is_weighted_sum(rng):
    layer = Dense(4, 2, rng, scale=1.0)
    layer.b[:] = [0.5, -1.0]
    x = rng.standard_normal((3, 4))
    expected = [[sum(x[i, k] * layer.W[k, j] for k in range(4)) + layer.b[j] for j in range(2)]
                for i in range(3)]
    np.testing.assert_allclose(layer.forward(x), expected, rtol=1e-12)


def test_relu_backward_matches_finite_differences(rng):
    x = rng.standard_normal((6, 7))
    x[np.abs(x) < 0.1] = 0.5  # loin du coude de ReLU, où la dérivée n'existe pas
    grad, numeric, _, _ = probe_gradients(ReLU(), x, rng)
    assert relative_error(grad, numeric) < 1e-8


def test_sigmoid_backward_matches_finite_differences(rng):
    x = rng.standard_normal((6, 7)) * 3
    grad, numeric, _, _ = probe_gradients(Sigmoid(), x, rng)
    assert relative_error(grad, numeric) < 1e-7


@pytest.mark.parametrize("loss_class", [SoftmaxCrossEntropy, MeanSquaredError])
def test_loss_backward_matches_finite_differences(loss_class, rng):
    outputs = rng.standard_normal((5, 10))
    if loss_class is MeanSquaredError:
        outputs = sigmoid(outputs)
    targets = one_hot(rng.integers(0, 10, 5))
    loss = loss_class()
    numeric = numerical_gradient(lambda: loss.forward(outputs, targets), outputs)
    loss.forward(outputs, targets)
    assert relative_error(loss.backward(), numeric) < 1e-7


# -- les pertes contre une forme close et contre Keras ---------------------------------------

def test_cross_entropy_closed_form(rng):
    logits = rng.standard_normal((4, 3))
    labels = np.array([0, 2, 1, 2])
    expected = np.mean([
        -math.log(math.exp(logits[i, labels[i]]) / sum(math.exp(v) for v in logits[i]))
        for i in range(4)
    ])
    assert SoftmaxCrossEntropy().forward(logits, one_hot(labels, 3)) == pytest.approx(expected)
    # Logits extrêmes : la forme naïve donnerait log(0) = −∞ ; la forme stable donne 1000.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = SoftmaxCrossEntropy().forward(np.array([[1000.0, 0.0, -1000.0]]), one_hot([1], 3))
    assert loss == pytest.approx(1000.0)


def test_mse_closed_form(rng):
    a, y = rng.random((3, 4)), one_hot([1, 0, 3], 4)
    expected = sum(sum((a[i, j] - y[i, j]) ** 2 for j in range(4)) for i in range(3)) / (2 * 3)
    assert MeanSquaredError().forward(a, y) == pytest.approx(expected)


def test_softmax_cross_entropy_against_keras(rng):
    tf = pytest.importorskip("tensorflow")
    keras = pytest.importorskip("tf_keras")
    logits = rng.standard_normal((8, 10)) * 4
    targets = one_hot(rng.integers(0, 10, 8))
    ours = SoftmaxCrossEntropy()
    loss = ours.forward(logits, targets)
    grad = ours.backward()

    z = tf.Variable(logits)
    with tf.GradientTape() as tape:
        keras_loss = keras.losses.CategoricalCrossentropy(from_logits=True)(targets, z)
    keras_grad = tape.gradient(keras_loss, z).numpy()
    assert loss == pytest.approx(float(keras_loss.numpy()), rel=1e-10)
    np.testing.assert_allclose(grad, keras_grad, rtol=1e-8, atol=1e-12)
    keras_softmax = keras.activations.softmax(tf.constant(logits)).numpy()
    np.testing.assert_allclose(softmax(logits), keras_softmax, rtol=1e-10)


def test_mse_against_keras(rng):
    pytest.importorskip("tensorflow")
    keras = pytest.importorskip("tf_keras")
    outputs, targets = rng.random((6, 10)), one_hot(rng.integers(0, 10, 6))
    # Keras fait la moyenne sur les 10 sorties aussi ; notre perte somme sur les sorties et
    # divise par 2 : C = Keras × 10 / 2.
    keras_value = float(keras.losses.MeanSquaredError()(targets, outputs).numpy())
    ours = MeanSquaredError().forward(outputs, targets)
    assert ours == pytest.approx(keras_value * 10 / 2, rel=1e-6)


# -- le réseau entier ------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_network_gradient_check(activation, loss, rng):
    network = Network([6, 5, 4, 3], activation=activation, loss=loss, seed=7)
    for b in network.parameters()[1::2]:
        b[:] = rng.standard_normal(b.shape) * 0.1  # des biais non nuls, pour les tester aussi
    x = rng.standard_normal((4, 6))
    errors = gradient_check(network, x, rng.integers(0, 3, 4))
    assert list(errors) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert max(errors.values()) < 1e-6, errors


def test_gradient_check_catches_a_wrong_backward(rng, monkeypatch):
    # Une rétropropagation fausse (on oublie la dérivée de ReLU) doit être repérée.
    monkeypatch.setattr(ReLU, "backward", lambda self, grad: grad)
    network = Network([6, 5, 3], activation="relu", seed=3)
    errors = gradient_check(network, rng.standard_normal((4, 6)), rng.integers(0, 3, 4))
    assert errors["W1"] > 1e-2


def test_gradient_check_refuses_float32():
    with pytest.raises(ValueError, match="float64"):
        gradient_check(Network([3, 2], dtype=np.float32), np.zeros((1, 3)), [0])


def test_network_architecture_and_errors():
    network = Network([784, 30, 20, 10], activation="sigmoid", loss="mse", seed=0)
    kinds = [type(layer).__name__ for layer in network.layers]
    assert kinds == ["Dense", "Sigmoid", "Dense", "Sigmoid", "Dense", "Sigmoid"]
    assert [p.shape for p in network.parameters()] == [(784, 30), (30,), (30, 20), (20,),
                                                       (20, 10), (10,)]
    with pytest.raises(ValueError, match="Activation inconnue"):
        Network([2, 2], activation="tanh")
    with pytest.raises(ValueError, match="Perte inconnue"):
        Network([2, 2], loss="hinge")


def test_seed_makes_everything_reproducible(rng):
    x, y = rng.random((50, 8)), rng.integers(0, 3, 50)
    runs = []
    for _ in range(2):
        network = Network([8, 6, 3], seed=42)
        history = network.train(x, y, epochs=2, batch_size=16, learning_rate=0.1, seed=5)
        runs.append((network.parameters(), history.batch_loss))
    for p, q in zip(runs[0][0], runs[1][0]):
        np.testing.assert_array_equal(p, q)
    assert runs[0][1] == runs[1][1]
    other = Network([8, 6, 3], seed=43)
    assert not np.array_equal(other.parameters()[0], Network([8, 6, 3], seed=42).parameters()[0])


def test_history_bookkeeping(rng):
    x, y = rng.random((50, 8)), rng.integers(0, 3, 50)
    history = Network([8, 3], seed=0).train(x, y, epochs=3, batch_size=16, learning_rate=0.1,
                                            validation=(x, y))
    assert history.iterations_per_epoch == 4  # 16 + 16 + 16 + 2
    assert len(history.batch_loss) == len(history.batch_accuracy) == 12
    assert len(history.train_loss) == len(history.val_accuracy) == 3
    assert not history.diverged


def test_divergence_is_detected(rng):
    # Des entrées gigantesques font déborder les sommes pondérées : la perte devient NaN.
    x, y = rng.random((64, 8)) * 1e300, rng.integers(0, 3, 64)
    network = Network([8, 16, 3], seed=0)
    with np.errstate(over="ignore", invalid="ignore"):
        history = network.train(x, y, epochs=50, batch_size=8, learning_rate=1.0)
    assert history.diverged
    assert not np.isfinite(history.batch_loss[-1])
    assert len(history.train_loss) < 50  # arrêt anticipé


def test_sgd_step_moves_against_the_gradient(rng):
    network = Network([4, 3], seed=0)
    x, targets = rng.random((5, 4)), one_hot([0, 1, 2, 0, 1], 3)
    before = [p.copy() for p in network.parameters()]
    network.compute_gradients(x, targets)
    grads = [g.copy() for g in network.gradients()]
    loss_before = network.compute_loss(x, targets)
    network.sgd_step(x, targets, learning_rate=0.01)
    for p0, g, p in zip(before, grads, network.parameters()):
        np.testing.assert_allclose(p, p0 - 0.01 * g)
    assert network.compute_loss(x, targets) < loss_before


# -- un vrai apprentissage, sur un petit morceau de MNIST ------------------------------------

@pytest.fixture(scope="module")
def mnist_subset(mnist_data):
    (x_train, y_train), (x_test, y_test) = mnist_data
    train = to_vectors(x_train[:10000]), y_train[:10000]
    test = to_vectors(x_test[:2000]), y_test[:2000]
    return train, test


def test_training_on_small_mnist_subset(mnist_subset):
    (x, y), (x_test, y_test) = mnist_subset
    network = Network([784, 64, 10], seed=0, dtype=np.float32)
    _, accuracy_before = network.evaluate(x_test, y_test)
    history = network.train(x, y, epochs=5, batch_size=32, learning_rate=0.1, seed=0,
                            validation=(x_test, y_test))
    _, accuracy = network.evaluate(x_test, y_test)
    assert accuracy_before < 0.3  # au départ : le hasard
    # Keras, avec le même réseau et les mêmes réglages, obtient environ 91 % ici.
    assert accuracy > 0.85, f"exactitude {accuracy:.2%} sur 2 000 images de test"
    assert history.train_loss[-1] < history.train_loss[0] / 2
    assert history.val_accuracy[-1] == pytest.approx(accuracy)


def test_mse_sigmoid_network_also_learns(mnist_subset):
    (x, y), (x_test, y_test) = mnist_subset
    network = Network([784, 30, 10], activation="sigmoid", loss="mse", seed=0, dtype=np.float32)
    network.train(x, y, epochs=5, batch_size=10, learning_rate=3.0, seed=0)
    assert network.evaluate(x_test, y_test)[1] > 0.80


# -- sauvegarde et rechargement --------------------------------------------------------------

def test_save_load_round_trip(tmp_path, rng):
    x, y = rng.random((40, 12)), rng.integers(0, 4, 40)
    network = Network([12, 7, 5, 4], activation="sigmoid", seed=1)
    network.train(x, y, epochs=2, batch_size=8, learning_rate=0.5, seed=1)
    path = network.save(tmp_path / "poids")
    assert path == tmp_path / "poids.npz" and path.is_file()

    with np.load(path, allow_pickle=False) as data:  # aucun objet Python dans le fichier
        assert all(data[k].dtype != object for k in data.files)

    loaded = Network.load(path)
    assert loaded.sizes == network.sizes
    assert loaded.activation == "sigmoid" and loaded.loss_name == "cross_entropy"
    for p, q in zip(network.parameters(), loaded.parameters()):
        assert p.dtype == q.dtype
        np.testing.assert_array_equal(p, q)
    np.testing.assert_array_equal(loaded.outputs(x), network.outputs(x))


def test_save_load_keeps_float32_and_mse(tmp_path):
    network = Network([5, 3], loss="mse", seed=0, dtype=np.float32)
    loaded = Network.load(network.save(tmp_path / "petit.npz"))
    assert loaded.dtype == np.float32 and loaded.loss_name == "mse"
    assert type(loaded.layers[-1]).__name__ == "Sigmoid"


def test_load_rejects_mismatched_shapes(tmp_path):
    path = tmp_path / "abime.npz"
    np.savez(path, sizes=np.array([4, 3]), activation=np.array("relu"),
             loss=np.array("cross_entropy"), W1=np.zeros((4, 2)), b1=np.zeros(3))
    with pytest.raises(ValueError, match="forme"):
        Network.load(path)


# -- l'entraînement : la boucle et son compte rendu ------------------------------------------

def plain_sgd(network, x, labels, epochs, batch_size, learning_rate, validation, seed):
    """La descente de gradient par mini-lots écrite d'un bloc, sans rien de ``Network.train`` :
    mélange, passage avant, perte, passage arrière, pas sur chaque paramètre. Renvoie ce que
    ``History`` doit contenir, calculé ici indépendamment."""
    targets = one_hot(labels, network.sizes[-1], network.dtype)
    rng = np.random.default_rng(seed)
    record = {key: [] for key in ("batch_loss", "batch_accuracy", "train_loss",
                                  "train_accuracy", "val_loss", "val_accuracy")}
    for _ in range(epochs):
        order = rng.permutation(len(x))
        losses, sizes, hits = [], [], 0
        for start in range(0, len(x), batch_size):
            batch = order[start:start + batch_size]
            outputs = network.forward(x[batch])
            loss = network.loss.forward(outputs, targets[batch])
            network.backward()
            for p, g in zip(network.parameters(), network.gradients()):
                p -= learning_rate * g
            correct = int(np.sum(outputs.argmax(axis=1) == labels[batch]))
            record["batch_loss"].append(loss)
            record["batch_accuracy"].append(correct / len(batch))
            losses.append(loss)
            sizes.append(len(batch))
            hits += correct
        record["train_loss"].append(float(np.dot(losses, sizes)) / len(x))
        record["train_accuracy"].append(hits / len(x))
        val_outputs = network.forward(validation[0])
        record["val_loss"].append(network.loss.forward(
            val_outputs, one_hot(validation[1], network.sizes[-1], network.dtype)))
        record["val_accuracy"].append(float(np.mean(val_outputs.argmax(axis=1) == validation[1])))
    return record


def test_history_holds_exactly_what_a_plain_sgd_loop_computes(rng):
    x, y = rng.random((70, 8)), rng.integers(0, 3, 70)
    x_val, y_val = rng.random((20, 8)), rng.integers(0, 3, 20)
    history = Network([8, 5, 3], seed=11).train(x, y, epochs=3, batch_size=16, learning_rate=0.3,
                                                validation=(x_val, y_val), seed=4)
    expected = plain_sgd(Network([8, 5, 3], seed=11), x, y, 3, 16, 0.3, (x_val, y_val), seed=4)
    for key, values in expected.items():
        np.testing.assert_allclose(getattr(history, key), values, rtol=1e-12, err_msg=key)
    assert history.iterations_per_epoch == 5 and not history.diverged


def test_the_progress_report_prints_one_french_line_per_epoch(rng, capsys):
    x, y = rng.random((40, 6)), rng.integers(0, 3, 40)
    validation = (rng.random((10, 6)), rng.integers(0, 3, 10))
    quiet = Network([6, 3], seed=2).train(x, y, epochs=2, batch_size=8, learning_rate=0.2,
                                          validation=validation, seed=1)
    assert capsys.readouterr().out == ""  # sans rapport, rien n'est affiché
    history = Network([6, 3], seed=2).train(x, y, epochs=2, batch_size=8, learning_rate=0.2,
                                            validation=validation, seed=1, report=print_progress)
    assert history == quiet  # le compte rendu ne change rien à l'apprentissage
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"Époque {e}/2 : perte {format_decimal(history.train_loss[e - 1])}, "
        f"exactitude {format_percent(history.train_accuracy[e - 1], 2)}, "
        f"exactitude de validation {format_percent(history.val_accuracy[e - 1], 2)}"
        for e in (1, 2)
    ]


def test_a_custom_report_receives_every_epoch(rng):
    x, y = rng.random((30, 4)), rng.integers(0, 2, 30)
    seen = []
    Network([4, 2], seed=0).train(x, y, epochs=3, batch_size=10, learning_rate=0.1,
                                  report=lambda epoch, epochs, history: seen.append(
                                      (epoch, epochs, len(history.train_loss))))
    assert seen == [(1, 3, 1), (2, 3, 2), (3, 3, 3)]


def test_divergence_is_reported_in_french(rng, capsys):
    x, y = rng.random((64, 8)) * 1e300, rng.integers(0, 3, 64)
    with np.errstate(over="ignore", invalid="ignore"):
        history = Network([8, 16, 3], seed=0).train(x, y, epochs=50, batch_size=8,
                                                    learning_rate=1.0, report=print_progress)
    assert history.diverged
    assert capsys.readouterr().out == (
        f"Époque {len(history.train_loss) + 1} : la perte n'est plus un nombre fini, "
        "l'apprentissage a divergé.\n")


# -- les couches et le réseau se présentent --------------------------------------------------

def test_layers_share_a_base_class_with_no_parameters_by_default(rng):
    assert all(issubclass(cls, Layer) for cls in (Dense, ReLU, Sigmoid))
    assert ReLU().parameters() == [] and Sigmoid().gradients() == []

    class Double(Layer):
        """Une couche sans paramètre, écrite par un lecteur : forward et backward suffisent."""

        def forward(self, x):
            return 2 * x

        def backward(self, grad):
            return 2 * grad

    network = Network([3, 2], seed=0)
    network.layers.insert(0, Double())
    assert [p.shape for p in network.parameters()] == [(3, 2), (2,)]
    errors = gradient_check(network, rng.standard_normal((4, 3)), [0, 1, 1, 0])
    assert max(errors.values()) < 1e-7, errors
    assert repr(Double()) == "Double()"


def test_layers_and_network_print_something_readable():
    layer = Dense(784, 128, np.random.default_rng(0), scale=0.1)
    assert repr(layer) == "Dense(784 → 128, 100\u202f480 paramètres)"
    assert repr(ReLU()) == "ReLU()" and repr(Sigmoid()) == "Sigmoid()"

    network = Network([784, 128, 10], seed=0, dtype=np.float32)
    total = sum(p.size for p in network.parameters())
    assert total == 784 * 128 + 128 + 128 * 10 + 10
    assert str(network) == repr(network)
    lines = [line.strip() for line in str(network).splitlines()]
    assert lines == [
        'Network([784, 128, 10], activation="relu", loss="cross_entropy", dtype=float32)',
        "1. Dense 784 → 128 : W 784 × 128, b 128 ; 100\u202f480 paramètres",
        "2. ReLU : max(0, z), case par case",
        "3. Dense 128 → 10 : W 128 × 10, b 10 ; 1\u202f290 paramètres",
        "Perte : softmax puis entropie croisée (SoftmaxCrossEntropy)",
        f"En tout : {format_integer(total)} paramètres",
    ]

    mse = [line.strip() for line in str(Network([6, 4, 3], activation="sigmoid", loss="mse",
                                                   seed=0)).splitlines()]
    assert [line.split()[1] for line in mse[1:5]] == ["Dense", "Sigmoid", "Dense", "Sigmoid"]
    assert mse[2] == "2. Sigmoid : σ(z) = 1 / (1 + e^(−z)), case par case"
    assert mse[5] == "Perte : erreur quadratique moyenne (MeanSquaredError)"
    assert mse[6] == "En tout : 43 paramètres"  # 6 × 4 + 4 + 4 × 3 + 3
