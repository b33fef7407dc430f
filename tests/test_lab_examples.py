"""Les chiffres MNIST des labos (docs/assets/labs/mnist_examples.json) sont bien les images de
test annoncées, deux par chiffre, et rien de plus."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "assets" / "labs" / "mnist_examples.json"


def test_the_file_is_small_and_well_formed():
    doc = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    assert doc["size"] == 28
    assert len(doc["indices"]) == len(doc["labels"]) == len(doc["pixels"]) == 20
    assert sorted(doc["labels"]) == sorted(list(range(10)) * 2)
    for pixels in doc["pixels"]:
        assert len(base64.b64decode(pixels)) == 28 * 28
    assert EXAMPLES.stat().st_size < 40_000


def test_the_examples_are_the_announced_test_images(mnist_data):
    (_, _), (x_test, y_test) = mnist_data
    doc = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    for index, label, pixels in zip(doc["indices"], doc["labels"], doc["pixels"]):
        image = np.frombuffer(base64.b64decode(pixels), dtype=np.uint8).reshape(28, 28)
        assert y_test[index] == label
        np.testing.assert_array_equal(image, x_test[index])
    # Les deux premières images de chaque chiffre, comme le dit scripts/make_lab_examples.py.
    for digit in range(10):
        first_two = np.flatnonzero(y_test == digit)[:2].tolist()
        assert [i for i, d in zip(doc["indices"], doc["labels"]) if d == digit] == first_two
