"""De quel modèle parle une mesure : l'empreinte des fichiers des modèles, les mesures périmées."""

import json
import re
import shutil
from pathlib import Path

import pytest

from digitlab.demo_model.paths import BENCHMARKS_DIR, MODELS_DIR, keras_path, tfjs_dir
from digitlab.demo_model.provenance import KEY, MEASURES, describe, model_digest, stale_benchmarks

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def models(tmp_path):
    copy = tmp_path / "models"
    shutil.copytree(MODELS_DIR, copy)
    return copy


@pytest.fixture
def bench(tmp_path):
    copy = tmp_path / "benchmarks"
    shutil.copytree(BENCHMARKS_DIR, copy)
    return copy


def flip_last_byte(path):
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))


def test_digest_is_the_same_for_the_same_files(models):
    assert model_digest(models) == model_digest(MODELS_DIR)
    assert re.fullmatch(r"[0-9a-f]{16}", model_digest(models))


@pytest.mark.parametrize("which", ["cnn_weights", "mlp_weights", "cnn_keras", "mlp_model_json"])
def test_digest_changes_with_any_file_of_either_model(models, which):
    before = model_digest(models)
    kind, part = which.split("_", 1)
    if part == "weights":
        path = next(p for p in sorted(tfjs_dir(kind, models).iterdir()) if p.suffix == ".bin")
    elif part == "keras":
        path = keras_path(kind, models)
    else:
        path = tfjs_dir(kind, models) / "model.json"
    flip_last_byte(path)
    assert model_digest(models) != before


def set_digest(bench, measure, value):
    path = bench / measure.file
    data = json.loads(path.read_text(encoding="utf-8"))
    target = data[measure.part] if measure.part else data
    if value is None:
        del target[KEY]
    else:
        target[KEY] = value
    path.write_text(json.dumps(data), encoding="utf-8")


def test_one_stale_part_is_named_with_the_command_that_redoes_it(bench):
    digest = model_digest()
    assert stale_benchmarks(digest, bench) == []
    touch = next(m for m in MEASURES if m.part == "browser_touch")
    set_digest(bench, touch, "0" * 16)
    assert stale_benchmarks(digest, bench) == [touch]
    text = describe([touch])
    assert text.startswith("Une mesure porte sur d'autres modèles")
    assert "writers.json (browser_touch) : « python scripts/check_writers.py --browser --touch »" in text


def test_a_measure_without_digest_is_stale_and_a_missing_one_is_not(bench):
    digest = model_digest()
    tta = next(m for m in MEASURES if m.file == "tta.json")
    set_digest(bench, tta, None)
    (bench / "demo.json").unlink()
    assert stale_benchmarks(digest, bench) == [tta]


def test_every_measure_is_of_the_models_it_names_after_a_retraining(bench):
    """Des modèles réentraînés (une autre empreinte) : toutes les mesures présentes sont périmées."""
    stale = stale_benchmarks("f" * 16, bench)
    present = [m for m in MEASURES if (bench / m.file).exists()
               and (m.part is None or m.part in json.loads((bench / m.file).read_text(encoding="utf-8")))]
    assert stale == present and len(stale) >= 8
    assert describe(stale).startswith(f"{len(stale)} mesures portent")


def test_every_script_that_makes_a_measure_records_the_digest():
    """Chaque script nommé par une mesure existe, accepte les options de sa commande et écrit
    l'empreinte des modèles mesurés."""
    for measure in MEASURES:
        script, *options = measure.command.removeprefix("python ").split()
        source = (ROOT / script).read_text(encoding="utf-8")
        assert "model_digest()" in source, f"{script} n'enregistre pas model_digest()"
        for option in options:
            assert f'"{option}"' in source, f"{script} n'a pas l'option {option}"

