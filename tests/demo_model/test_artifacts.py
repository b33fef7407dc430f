"""Les barres des issues « modèle », vérifiées sur les artefacts commités dans ``models/``.

Rien n'est réentraîné : on recharge les fichiers, on recalcule les chiffres sur les 10 000 images
de test et on les compare aux barres et à ``metrics.json``. Le contrôle par scripteurs (issue 12)
est publié par ``scripts/check_writers.py`` dans ``docs/assets/benchmarks/writers.json`` ; on
recalcule ici, depuis le générateur commité et ``keras.h5``, un sous-ensemble annoncé (les cinq
premières séries de chaque scripteur, 2 200 chiffres) : mêmes images, mêmes réponses. Les chiffres
publiés sont donc ceux de ce modèle sur ce générateur, et les barres portent sur les 11 000.
"""

import hashlib
import json

import numpy as np
import pytest

from digitlab.demo_model import training, tta, writer_check, writers
from digitlab.demo_model.architecture import CNN_INSPECT
from digitlab.demo_model.export import tfjs_sizes
from digitlab.demo_model.fingerprint import fingerprint
from digitlab.demo_model.paths import BENCHMARKS_DIR, KINDS, METRICS_PATH, MODELS_DIR, keras_path, tfjs_dir
from digitlab.demo_model.provenance import describe, model_digest, stale_benchmarks

MODELS = MODELS_DIR
# La barre de l'issue 3 (99,5 %). L'issue 12 vise 99,6 % tout en lisant les écritures européennes :
# les recettes essayées (huit ; la dernière, moyenne des poids de la finition, à 99,59 %, est gardée sur
# la branche essai/moyenne-des-poids) ont donné 99,54 à 99,61 % ; la barre de 99,6 % n'est pas tenue,
# et le test garde celle qui l'est, pour que son échec signale une vraie régression. Sur GPU (2026-12-04),
# une copie de la recette en PyTorch a donné, pour quatre graines, 99,57 à 99,68 % (moyenne 99,62) :
# la barre est à la moyenne de la recette, l'écart vient surtout de la graine ; aucune variante
# essayée (finition plus longue, 36 époques, dense de 192, sans lissage, finition sur MNIST seul)
# ne fait mieux sur la validation sans coûter aux scripteurs.
CNN_TEST_ACCURACY_BAR = 0.995
TFJS_BYTES_BAR = 400_000
WRITERS_PATH = BENCHMARKS_DIR / "writers.json"
WRITERS_ACCURACY_BAR = 0.985
WORST_WRITER_BAR = 0.90


@pytest.fixture(scope="module")
def metrics():
    return json.loads(METRICS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mnist(mnist_data):
    return mnist_data


@pytest.fixture(scope="module")
def cnn_model():
    import tf_keras

    return tf_keras.models.load_model(keras_path("cnn"), compile=False)


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
    assert acc >= CNN_TEST_ACCURACY_BAR, f"exactitude de test {acc:.4%} < {CNN_TEST_ACCURACY_BAR:.1%}"
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
        for key in ("test", "parameters", "tfjs", "training_seconds", "quantization", "history", "calibration"):
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


@pytest.fixture(scope="module")
def writers_run():
    return json.loads(WRITERS_PATH.read_text(encoding="utf-8"))["python"]


@pytest.fixture(scope="module")
def check_items():
    return writers.check_digits()


def test_writers_check_bars(writers_run, check_items):
    """Issue 12 : au moins 98,5 % des chiffres des scripteurs lus, aucun scripteur sous 90 %,
    recomptés depuis les réponses publiées et les étiquettes du générateur commité."""
    all_writers, items = check_items
    assert writers_run["seed"] == writers.CHECK_SEED and writers_run["pen"] == "writer"
    assert writers_run["writers"] == writers.CHECK_WRITERS == len(all_writers)
    predictions = np.array([int(c) for c in writers_run["predictions"]])
    truth = np.array([it["digit"] for it in items])
    assert len(predictions) == len(truth) == writers_run["count"]
    summary = writer_check.summarize(all_writers, items, predictions)
    assert summary["accuracy"] == pytest.approx(writers_run["accuracy"], abs=1e-5)
    assert summary["accuracy"] >= WRITERS_ACCURACY_BAR, f"scripteurs : {summary['accuracy']:.2%} < 98,5 %"
    worst = summary["by_writer"][0]
    assert worst["accuracy"] >= WORST_WRITER_BAR, f"{worst['name']} lu à {worst['accuracy']:.1%} < 90 %"
    assert summary["worst_writers"] == writers_run["worst_writers"]


@pytest.mark.parametrize("key", ["browser_mouse", "browser_touch"])
def test_in_page_writers_measurement_is_consistent(key, writers_run, check_items):
    """Les mesures tracées dans la vraie démo, à la souris et au doigt (``check_writers.py --browser``
    et ``--browser --touch``), si elles sont publiées : leurs chiffres se recomptent depuis leurs
    réponses, sur les séries annoncées, et elles tiennent la barre de 98,5 % (pas celle du pire
    scripteur : dix chiffres par scripteur, une erreur y coûte 10 points)."""
    run = json.loads(WRITERS_PATH.read_text(encoding="utf-8")).get(key)
    if run is None:
        pytest.skip(f"pas de mesure « {key} » publiée")
    all_writers, items = check_items
    assert (run["seed"], run["per_writer_and_class"]) == (writers_run["seed"], writers_run["per_writer_and_class"])
    subset = writer_check.subset_indices(items, run["per_writer_and_class"], run["series"])
    predictions = [int(c) for c in run["predictions"]]
    summary = writer_check.summarize(all_writers, [items[k] for k in subset], predictions)
    assert summary["count"] == run["count"] == len(subset)
    assert summary["accuracy"] == pytest.approx(run["accuracy"], abs=1e-5)
    assert summary["accuracy"] >= WRITERS_ACCURACY_BAR, f"dans la page : {summary['accuracy']:.2%} < 98,5 %"
    setup = {"seed": run["seed"], "per_writer_and_class": run["per_writer_and_class"], "writers": run["writers"]}
    assert writer_check.same_digits_in_python({"python": writers_run}, setup, items, subset, predictions) == \
        run["python_on_same_digits"]


def test_published_writers_check_is_this_model_on_this_generator(writers_run, check_items, cnn_model):
    """Le sous-ensemble annoncé, recalculé : mêmes images (générateur et rendu inchangés) et mêmes
    réponses du ``keras.h5`` commité (à un chiffre près sur 2 200 : arrondis du processeur)."""
    all_writers, items = check_items
    subset = writer_check.subset_indices(items, writers.CHECK_PER_CLASS, writers_run["test_subset"]["series"])
    assert len(subset) == writers_run["test_subset"]["count"] == 2200
    x = writer_check.images(all_writers, [items[k] for k in subset])
    assert hashlib.sha256(x.tobytes()).hexdigest() == writers_run["test_subset"]["images_sha256"], \
        "le générateur ou le rendu a changé : relancez scripts/check_writers.py"
    ours = writer_check.predict(cnn_model, x).argmax(axis=1)
    published = np.array([int(writers_run["predictions"][k]) for k in subset])
    assert (ours != published).sum() <= 1, "le modèle a changé : relancez scripts/check_writers.py"


def test_every_published_measure_is_of_these_models():
    """Chaque mesure de ``docs/assets/benchmarks/`` qui porte sur les modèles de la démo enregistre
    l'empreinte des fichiers mesurés : ce sont ceux de ``models/``. Après un réentraînement, ce test
    dit quels scripts relancer avant de commiter (sinon le site publierait les chiffres d'un modèle
    qui n'existe plus)."""
    stale = stale_benchmarks(model_digest())
    assert not stale, describe(stale)


def test_published_comparison_shows_these_models(metrics, recomputed):
    """Les lignes « démo » de ``methods.json`` (chapitre 7) sont celles des modèles commités :
    après un réentraînement, ``scripts/compare_methods.py --demo-only`` les refait."""
    published = json.loads((BENCHMARKS_DIR / "methods.json").read_text(encoding="utf-8"))
    rows = {row["key"]: row for row in published["methods"]}
    for kind in KINDS:
        row = rows[f"demo_{kind}"]
        assert row["test_errors"] == recomputed[kind]["errors"], \
            f"{kind} : relancez scripts/compare_methods.py --demo-only"
        assert row["train_seconds"] == pytest.approx(metrics[kind]["training_seconds"], abs=0.01)
        assert row["epochs"] == metrics[kind]["epochs"]


def test_published_test_time_augmentation_is_this_model(metrics, mnist, cnn_model):
    """``tta.json`` (``scripts/measure_tta.py``) parle du modèle commité : mêmes fichiers, mêmes
    combinaisons, choix fait sur la validation ; l'image seule y a les erreurs de ``metrics.json`` ;
    et, recalculées sur les 300 premières images de test et toutes celles publiées comme mal lues,
    l'image seule et la combinaison choisie se trompent sur les mêmes images (à une près : arrondis
    du processeur)."""
    bench = json.loads((BENCHMARKS_DIR / "tta.json").read_text(encoding="utf-8"))
    assert bench["model_digest"] == model_digest(), "le modèle a changé : relancez scripts/measure_tta.py"
    assert [tuple(row["views"]) for row in bench["candidates"]] == tta.CANDIDATES
    assert bench["chosen"] == tta.choose([row["validation_errors"] for row in bench["candidates"]])
    single = bench["candidates"][0]
    assert single["test_errors"] == metrics["cnn"]["test"]["errors"]
    _, (x_test, y_test) = mnist
    for row in (single, bench["candidates"][bench["chosen"]]):
        assert len(row["test_misread"]) == row["test_errors"]
        subset = np.union1d(np.arange(300), row["test_misread"]).astype(int)
        probs = tta.combine([cnn_model.predict(tta.view(x_test[subset], name), verbose=0) for name in row["views"]])
        misread = set(subset[probs.argmax(axis=1) != y_test[subset]].tolist())
        assert len(misread ^ set(row["test_misread"])) <= 1, f"{row['label']} : relancez scripts/measure_tta.py"


def test_demo_only_refresh_refuses_a_partial_comparison(tmp_path):
    """``--demo-only`` ne complète pas un fichier d'essai (``--quick``) : message français, rien d'écrit."""
    import importlib.util

    from digitlab.data import PROJECT_ROOT

    spec = importlib.util.spec_from_file_location("compare_methods", PROJECT_ROOT / "scripts" / "compare_methods.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    partial = tmp_path / "methods.json"
    partial.write_text(json.dumps({"quick": True, "methods": [{"key": "demo_cnn"}]}), encoding="utf-8")
    with pytest.raises(SystemExit, match="n'est pas une comparaison complète.*demo_mlp.*sans --demo-only"):
        script.refresh_demo_rows(partial, None, None, None, None)
    assert json.loads(partial.read_text(encoding="utf-8"))["methods"] == [{"key": "demo_cnn"}]
