"""Les barres de l'issue « modèle », vérifiées sur les artefacts commités dans ``models/``.

Rien n'est réentraîné : on recharge les fichiers, on recalcule les chiffres sur les 10 000 images
de test et on les compare aux barres et à ``metrics.json``.
"""

import json

import numpy as np
import pytest

from digitlab.data import load_mnist
from digitlab.demo_model import training
from digitlab.demo_model.architecture import CNN_INSPECT
from digitlab.demo_model.export import tfjs_sizes
from digitlab.demo_model.fingerprint import fingerprint
from digitlab.demo_model.paths import KINDS, METRICS_PATH, MODELS_DIR, keras_path, tfjs_dir

MODELS = MODELS_DIR
CNN_TEST_ACCURACY_BAR = 0.995
TFJS_BYTES_BAR = 1_000_000


@pytest.fixture(scope="module")
def metrics():
    return json.loads(METRICS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mnist():
    return load_mnist()


@pytest.fixture(scope="module")
def recomputed(mnist):
    import tf_keras

    _, (x_test, y_test) = mnist
    return {kind: training.evaluate(tf_keras.models.load_model(keras_path(kind), compile=False),
                                    x_test, y_test)
            for kind in KINDS}


def test_no_temporary_models_left():
    assert not (MODELS / "TEMPORAIRE").exists()


def test_artifacts_are_fresh(mnist):
    """L'empreinte enregistrée est celle du code, de la configuration et des données actuels."""
    recorded = json.loads(METRICS_PATH.read_text(encoding="utf-8"))["fingerprint"]
    assert recorded == fingerprint(mnist)


def test_cnn_test_accuracy_bar(recomputed, metrics):
    acc = recomputed["cnn"]["accuracy"]
    assert acc >= CNN_TEST_ACCURACY_BAR, f"exactitude de test {acc:.4%} < 99,5 %"
    assert acc == pytest.approx(metrics["cnn"]["test"]["accuracy"], abs=1e-4)


@pytest.mark.parametrize("kind", KINDS)
def test_metrics_match_the_committed_model(recomputed, metrics, kind):
    """metrics.json dit vrai : matrice de confusion et exactitude par classe recalculées."""
    assert recomputed[kind]["confusion_matrix"] == metrics[kind]["test"]["confusion_matrix"]
    assert np.allclose(recomputed[kind]["per_class_accuracy"], metrics[kind]["test"]["per_class_accuracy"], atol=1e-4)
    assert sum(map(sum, metrics[kind]["test"]["confusion_matrix"])) == 10000


@pytest.mark.parametrize("kind", KINDS)
def test_tfjs_size_bar(metrics, kind):
    sizes = tfjs_sizes(tfjs_dir(kind))
    assert sizes["total_bytes"] <= TFJS_BYTES_BAR
    assert sizes == metrics[kind]["tfjs"]


def test_metrics_has_everything_the_site_shows(metrics):
    for kind in KINDS:
        m = metrics[kind]
        for key in ("test", "parameters", "tfjs", "training_seconds", "quantization", "history"):
            assert key in m, f"{kind} : « {key} » manque dans metrics.json"
    assert set(metrics["versions"]) >= {"tensorflow", "tf_keras", "tensorflowjs", "numpy"}
    assert set(metrics["fingerprint"]) == {"config", "code", "data"}


def test_inspect_file_lists_existing_layers():
    inspect = json.loads((tfjs_dir("cnn") / "inspect.json").read_text(encoding="utf-8"))
    model_json = json.loads((tfjs_dir("cnn") / "model.json").read_text(encoding="utf-8"))
    layer_names = {layer["config"]["name"] for layer in model_json["modelTopology"]["model_config"]["config"]["layers"]}
    assert inspect["layers"] == CNN_INSPECT
    assert {layer["name"] for layer in inspect["layers"]} <= layer_names


def test_tfjs_topology_has_input_shape():
    """Le piège Keras 3 : TF.js 4.22 refuse un InputLayer sans batch_input_shape."""
    model_json = json.loads((tfjs_dir("cnn") / "model.json").read_text(encoding="utf-8"))
    first = model_json["modelTopology"]["model_config"]["config"]["layers"][0]
    assert first["class_name"] == "InputLayer"
    assert first["config"]["batch_input_shape"] == [None, 28, 28, 1]
