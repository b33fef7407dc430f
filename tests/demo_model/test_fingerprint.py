"""L'empreinte des modèles suit le code qui fabrique les poids, et rien d'autre."""

import shutil

import pytest

from digitlab.demo_model import fingerprint


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    copy = tmp_path / "digitlab"
    shutil.copytree(fingerprint.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE", copy)
    return copy


def test_closure_follows_training_into_every_module():
    closure = fingerprint.code_closure()
    for needed in [("preprocess", "preprocess"), ("preprocess", "place_by_mass"),
                   ("demo_model.augment", "random_distort"), ("demo_model.augment", "europeanize"),
                   ("demo_model.architecture", "build_cnn"), ("demo_model.architecture", "build_mlp"),
                   ("demo_model.strokes", "synthetic_digits"), ("demo_model.strokes", "BRUSH_RATIO"),
                   ("demo_model.training", "CONFIG"), ("demo_model.export", "apply_quantization"),
                   ("demo_model.training", "fit_temperature"),
                   ("demo_model.architecture", "CNN_INSPECT"), ("data", "validation_split"),
                   ("data", "VALIDATION_SEED")]:
        assert needed in closure, needed
    for unrelated in [("preprocess", "gray_to_ink"), ("demo_model.writers", "check_digits"),
                      ("demo_model.writers", "FORMS"), ("demo_model.training", "versions"),
                      ("data", "load_mnist")]:
        assert unrelated not in closure, unrelated


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_comments_and_docstrings_do_not_count(package_copy):
    before = fingerprint.code_digest()
    edit(package_copy / "preprocess.py", '"""Image d\'encre quelconque', '"""Une image d\'encre quelconque')
    edit(package_copy / "preprocess.py", "# Dans MNIST,", "# Reformulé : dans MNIST,")
    assert fingerprint.code_digest() == before


def test_a_used_constant_counts(package_copy):
    before = fingerprint.code_digest()
    edit(package_copy / "preprocess.py", "BOX = 20", "BOX = 22")
    assert fingerprint.code_digest() != before


def test_code_the_training_never_calls_does_not_count(package_copy):
    before = fingerprint.code_digest()
    edit(package_copy / "preprocess.py", "def gray_to_ink(", "def gray_to_ink_renamed(")
    assert fingerprint.code_digest() == before
