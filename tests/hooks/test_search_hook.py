"""Le greffon de la recherche : l'index écrit par le greffon search reçoit les mots sans accents."""

import json
from types import SimpleNamespace

from hookfile import load_hook


def test_the_written_index_gets_the_folded_field(tmp_path):
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(json.dumps({"config": {"fields": {"text": {"boost": 1.0}}},
                                 "docs": [{"location": "", "title": "Accueil", "text": "Le réseau"}]}))
    load_hook("search").on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    written = json.loads(index.read_text(encoding="utf-8"))
    assert written["docs"][0]["folded"] == "reseau"
    assert written["docs"][0]["text"] == "Le réseau"
    assert "folded" in written["config"]["fields"]


def test_without_search_index_nothing_happens(tmp_path):
    load_hook("search").on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    assert list(tmp_path.iterdir()) == []


def test_it_runs_after_the_search_plugin():
    assert load_hook("search").on_post_build.mkdocs_priority < 0
