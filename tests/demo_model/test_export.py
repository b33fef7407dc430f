"""Le choix de la quantification : compté en images de validation, pas en fractions flottantes."""

import numpy as np
import pytest

from digitlab.demo_model import export, training


class FakeModel:
    def get_weights(self):
        return []

    def set_weights(self, weights):
        pass


@pytest.mark.parametrize(("uint8_right", "expected"), [(4912, "uint8"), (4910, "uint8"), (4909, "float16")])
def test_uint8_is_kept_when_it_loses_at_most_the_tolerance(monkeypatch, uint8_right, expected):
    y_val = np.zeros(5000, dtype=np.uint8)
    scores = iter([4912 / 5000, uint8_right / 5000])  # float16 puis uint8
    monkeypatch.setattr(export, "apply_quantization", lambda model, dtype: None)
    monkeypatch.setattr(training, "evaluate", lambda model, x, y: {"accuracy": next(scores)})
    assert training.CONFIG["uint8_tolerance_points"] == 0.04  # 0,04 point de 5 000 images : 2 images
    dtype, _ = export.choose_quantization(FakeModel(), None, y_val)
    assert dtype == expected
