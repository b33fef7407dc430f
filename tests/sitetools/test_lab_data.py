"""L'extrait de MNIST servi au « réseau entraîné dans la page » (sitetools.lab_data) : format,
taille, choix des images, et la fixture partagée avec le décodeur JavaScript."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from sitetools import lab_data

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lab_data"


@pytest.fixture(scope="module")
def mnist(mnist_data):
    return mnist_data


def load_fixture_module():
    spec = importlib.util.spec_from_file_location("make_fixture", FIXTURES / "make_fixture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("bits", [4, 8])
def test_committed_fixture_is_what_the_encoder_writes_today(bits):
    fixture = load_fixture_module()
    assert (FIXTURES / f"small{bits}.bin").read_bytes() == lab_data.encode(*fixture.arrays(), bits=bits), (
        "Fixture périmée : relancez python tests/fixtures/lab_data/make_fixture.py")
    assert json.loads((FIXTURES / f"small{bits}.json").read_text(encoding="utf-8")) == json.loads(
        json.dumps(fixture.expected(bits)))


@pytest.mark.parametrize("bits", [4, 8])
def test_decode_reads_back_the_fixture_values(bits):
    expected = json.loads((FIXTURES / f"small{bits}.json").read_text(encoding="utf-8"))
    decoded = lab_data.decode((FIXTURES / f"small{bits}.bin").read_bytes())
    assert decoded["bits"] == bits
    for split in ("train", "test"):
        images, labels = decoded[split]
        assert labels.tolist() == expected[split]["labels"]
        np.testing.assert_allclose(images.reshape(len(images), -1), expected[split]["images"], atol=1e-6)


def test_four_bit_layout_by_hand():
    """Deux pixels par octet, le premier en poids fort : 255 → 15, 17 → 1, 0 → 0."""
    x = np.array([[[255, 17, 0]]], np.uint8)
    data = lab_data.encode(x, [4], x[:0], [], bits=4)
    assert data[:4] == b"DLAB" and data[4] == 1 and data[5] == 4 and data[6:8] == bytes([1, 3])
    assert int.from_bytes(data[8:12], "little") == 1 and int.from_bytes(data[12:16], "little") == 0
    assert data[16] == 4
    assert data[17:] == bytes([0xF1, 0x00])


def test_quantisation_error_is_at_most_half_a_level():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, size=(20, 28, 28), dtype=np.uint8)
    images, _ = lab_data.decode(lab_data.encode(x, np.zeros(20), x[:1], [0]))["train"]
    assert np.max(np.abs(images - x / 255)) <= 0.5 / 15 + 1e-6


@pytest.mark.parametrize("damage, message", [
    (lambda d: d[:10], "en-tête est incomplet"),
    (lambda d: b"XXXX" + d[4:], "signature DLAB absente"),
    (lambda d: d[:4] + bytes([2]) + d[5:], "Version 2"),
    (lambda d: d[:-1], "tronqué ou abîmé"),
    (lambda d: d[:16] + bytes([12]) + d[17:], "Étiquette hors de 0 à 9"),
])
def test_damaged_files_get_a_french_message(damage, message):
    data = (FIXTURES / "small4.bin").read_bytes()
    with pytest.raises(lab_data.LabDataError, match=message):
        lab_data.decode(damage(data))


def test_balanced_indices_take_as_many_of_each_digit_and_are_reproducible():
    labels = np.repeat(np.arange(10), 50)
    picked = lab_data.balanced_indices(labels, 7, seed=1)
    assert np.bincount(labels[picked]).tolist() == [7] * 10
    assert len(set(picked.tolist())) == 70
    assert picked.tolist() == lab_data.balanced_indices(labels, 7, seed=1).tolist()
    with pytest.raises(lab_data.LabDataError, match="Seulement 50 images"):
        lab_data.balanced_indices(labels, 51, seed=1)


def test_site_extract_fits_the_promised_size(mnist):
    data = lab_data.build(mnist)
    assert len(data) <= lab_data.MAX_BYTES
    decoded = lab_data.decode(data)
    (_, y_train), (x_test, y_test) = decoded["train"], decoded["test"]
    assert np.bincount(y_train).tolist() == [lab_data.TRAIN_PER_CLASS] * 10
    assert np.bincount(y_test).tolist() == [lab_data.TEST_PER_CLASS] * 10
    assert data == lab_data.build(mnist), "l'extrait doit être le même à chaque construction"
    # Les images de test viennent du test de MNIST, jamais de l'entraînement.
    (_, _), (mnist_test, _) = mnist
    quantised = np.round(mnist_test.astype(float) * 15 / 255) / 15
    first = x_test[0]
    assert np.any(np.all(np.abs(quantised - first) < 1e-6, axis=(1, 2)))
