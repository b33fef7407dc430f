"""Le greffon MkDocs des modèles : réutiliser, réentraîner ou refuser, selon l'empreinte."""

import json
import shutil
from pathlib import Path

import pytest
from hookfile import load_hook
from mkdocs.exceptions import PluginError

from digitlab.demo_model.paths import KINDS
from digitlab.demo_model.provenance import model_digest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hook(tmp_path, monkeypatch):
    """Le greffon, branché sur une copie de models/ qu'on peut abîmer sans risque."""
    module = load_hook("models")
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    monkeypatch.setattr(module, "MODELS", models)
    monkeypatch.setattr(module.subprocess, "run", lambda *a, **k: pytest.fail("ne doit pas réentraîner"))
    return module


def test_fresh_artifacts_are_reused(hook, monkeypatch):
    monkeypatch.setenv("DIGITLAB_MODEL_BUILD", "never")
    assert hook.artifact_problems() == []
    hook.on_pre_build({})


def test_stale_artifacts_fail_clearly_when_training_is_forbidden(hook, monkeypatch):
    metrics_path = hook.MODELS / "metrics.json"
    metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
    metrics["fingerprint"]["code"] = "0" * 64
    metrics_path.write_text(json.dumps(metrics), encoding="utf-8")
    monkeypatch.setenv("DIGITLAB_MODEL_BUILD", "never")
    with pytest.raises(PluginError) as err:
        hook.on_pre_build({})
    assert "le code d'entraînement a changé" in str(err.value)
    assert "scripts/train.py" in str(err.value)


def test_missing_artifacts_trigger_training_in_auto_mode(hook, monkeypatch):
    shutil.rmtree(hook.MODELS / "mlp")
    calls = []

    class Done:
        returncode = 1  # l'entraînement « échoue » : on vérifie seulement qu'il est lancé

    monkeypatch.setattr(hook.subprocess, "run", lambda cmd, **k: calls.append(cmd) or Done())
    monkeypatch.setenv("DIGITLAB_MODEL_BUILD", "auto")
    with pytest.raises(PluginError, match="entraînement des modèles a échoué"):
        hook.on_pre_build({})
    assert calls and calls[0][-1].endswith("train.py")


def test_without_mnist_the_check_stops_with_a_french_message(hook, tmp_path, monkeypatch):
    """L'empreinte des données lit MNIST : sans lui, une phrase française, et pas une pile d'appels."""
    monkeypatch.setenv("DIGITLAB_MNIST", str(tmp_path / "absent.npz"))
    monkeypatch.setenv("DIGITLAB_MODEL_BUILD", "never")
    with pytest.raises(PluginError, match="Impossible de vérifier que les modèles de models/ sont à jour : "
                                          "MNIST introuvable"):
        hook.on_pre_build({})


def test_unknown_mode_is_refused(hook, monkeypatch):
    monkeypatch.setenv("DIGITLAB_MODEL_BUILD", "parfois")
    with pytest.raises(PluginError, match="valeurs possibles"):
        hook.on_pre_build({})


def test_post_build_copies_the_models_into_the_site(hook, tmp_path):
    site = tmp_path / "site"
    hook.on_post_build({"site_dir": str(site)})
    for kind in KINDS:
        assert (site / "models" / kind / "model.json").is_file()
    assert (site / "models" / "cnn" / "inspect.json").is_file()
    metrics = json.loads((site / "models" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["cnn"]["test"]["accuracy"] >= 0.995


@pytest.fixture
def docs(tmp_path):
    """Une copie des mesures publiées, qu'on peut vieillir sans toucher au dépôt."""
    copy = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "assets" / "benchmarks", copy / "assets" / "benchmarks")
    return copy


def age(docs, name):
    path = docs / "assets" / "benchmarks" / name
    data = json.loads(path.read_text(encoding="utf-8"))
    data["model_digest"] = "0" * 16
    path.write_text(json.dumps(data), encoding="utf-8")


def test_measures_of_an_earlier_model_are_reported_in_the_build_log(hook, docs, monkeypatch, caplog):
    monkeypatch.setenv("DIGITLAB_MODEL_BUILD", "never")
    with caplog.at_level("WARNING", logger="mkdocs.hooks.models"):
        hook.on_pre_build({"docs_dir": str(docs)})
    assert "Mesures périmées" not in caplog.text
    age(docs, "model.json")
    with caplog.at_level("WARNING", logger="mkdocs.hooks.models"):
        hook.on_pre_build({"docs_dir": str(docs)})
    assert "Mesures périmées : Une mesure porte sur d'autres modèles" in caplog.text
    assert "model.json : « python scripts/benchmark_model.py »" in caplog.text


def test_model_page_flags_the_sections_of_an_earlier_model(hook, docs):
    class Page:
        pass

    age(docs, "tta.json")
    text = hook.on_page_markdown("# Le modèle\n\n<!-- chiffres-modeles -->\n", Page(), {"docs_dir": str(docs)}, None)
    plain = text.replace("\u00a0", " ")
    assert "!!! warning" in plain and "tta.json : « python scripts/measure_tta.py »" in plain
    assert "## Lire plusieurs copies du dessin ? Essayé, pas adopté (modèle précédent)" in plain
    assert "## Vitesse dans le navigateur\n" in plain
    assert f"Fichiers des modèles : `{model_digest(hook.MODELS)}`" in plain


def test_demo_page_flags_only_the_measures_of_an_earlier_model(hook, docs):
    class Page:
        pass

    source = (ROOT / "docs" / "demo" / "index.md").read_text(encoding="utf-8")
    config = {"docs_dir": str(docs)}
    assert hook.on_page_markdown(source, Page(), config, None) == source
    age(docs, "demo.json")
    text = hook.on_page_markdown(source, Page(), config, None)
    warning = text[:text.index("<p data-demo-benchmark>")].rsplit("!!! warning", 1)[1]
    assert "« python scripts/benchmark_demo.py »" in warning
    assert text.count("!!! warning") == 1  # photos.json porte sur ces modèles : pas d'avertissement
    assert text.replace(text[text.index("!!! warning"):text.index("<p data-demo-benchmark>")], "") == source
