"""Les chemins des modèles de la démo, et le message d'un chapitre exécuté hors du dépôt."""

import pytest

from digitlab.data import PROJECT_ROOT
from digitlab.demo_model.paths import (
    METRICS_PATH,
    ProjectFilesMissing,
    keras_path,
    model_dir,
    require_project_files,
)


def test_present_files_are_accepted():
    require_project_files(METRICS_PATH, keras_path("cnn"), keras_path("mlp"))


def test_missing_files_are_named_with_what_to_do_in_french(tmp_path):
    with pytest.raises(ProjectFilesMissing) as err:
        require_project_files(METRICS_PATH, PROJECT_ROOT / "models" / "absent.h5", tmp_path / "ailleurs.json")
    message = str(err.value)
    assert "models/absent.h5" in message and str(tmp_path / "ailleurs.json") in message
    assert "metrics.json" not in message  # présent : pas nommé
    assert "copie du dépôt" in message and "«\u202fpip install -e .\u202f»" in message
    assert isinstance(err.value, FileNotFoundError)
    assert err.value._render_traceback_() == [f"ProjectFilesMissing\u00a0: {message}"]  # Jupyter : le message seul


def test_unknown_model_kind_is_refused_in_french():
    with pytest.raises(ValueError, match="Modèle inconnu « rnn »"):
        model_dir("rnn")
