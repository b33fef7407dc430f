"""Le greffon MkDocs qui écrit l'extrait de MNIST du laboratoire dans le site construit."""


import pytest
from hookfile import load_hook
from mkdocs.exceptions import PluginError

from sitetools import lab_data


@pytest.fixture
def hook():
    module = load_hook("datasets")
    return module


def test_the_extract_is_written_in_the_site(hook, tmp_path):
    hook.on_post_build({"site_dir": str(tmp_path)})
    data = (tmp_path / lab_data.SITE_PATH).read_bytes()
    assert data == lab_data.build()
    assert len(data) <= lab_data.MAX_BYTES


def test_without_mnist_the_build_stops_with_a_french_message(hook, tmp_path, monkeypatch):
    monkeypatch.setenv("DIGITLAB_MNIST", str(tmp_path / "absent.npz"))
    with pytest.raises(PluginError, match="Extrait de MNIST pour l'entraînement dans la page impossible"):
        hook.on_post_build({"site_dir": str(tmp_path)})
    assert not (tmp_path / lab_data.SITE_PATH).exists()
