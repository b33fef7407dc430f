"""Le greffon du texte des pages : aucune image sans description, espaces françaises posées."""

from types import SimpleNamespace

import pytest
from hookfile import load_hook
from mkdocs.exceptions import PluginError


@pytest.fixture
def hook():
    module = load_hook("page_text")
    return module


PAGE = SimpleNamespace(file=SimpleNamespace(src_path="chapitres/99_essai.py"))


def test_an_image_without_description_fails_the_build(hook):
    for img in ('<img src="a.png">', '<img src="a.png" alt="">',
                '<img src="data:image/png;base64,AAA" alt="No description has been provided for this image">'):
        with pytest.raises(PluginError, match="sans description en français"):
            hook.on_page_content(f"<p>Figure</p>{img}", page=PAGE, config={}, files=None)


def test_described_images_pass(hook):
    html = '<img src="a.png" alt="Les dix chiffres moyens, du 0 au 9.">'
    assert hook.on_page_content(html, page=PAGE, config={}, files=None) == html


def test_french_spacing_is_applied_to_the_whole_page(hook):
    out = hook.on_post_page("<html><title>Démo : dessinez</title><p>Pourquoi ?</p></html>", page=PAGE, config={})
    assert "Démo\u00a0: dessinez" in out and "Pourquoi\u202f?" in out
