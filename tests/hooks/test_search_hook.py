"""Le greffon de la recherche : le greffon search lit chaque page aplatie, la page publiée garde son
contenu ; l'index écrit par le greffon search reçoit les mots sans accents ou collés derrière
une apostrophe."""

import json
from types import SimpleNamespace

from hookfile import load_hook


def test_the_written_index_gets_the_hidden_words_field(tmp_path):
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(json.dumps({"config": {"fields": {"text": {"boost": 1.0}}},
                                 "docs": [{"location": "", "title": "Accueil", "text": "Le réseau d'apprentissage"}]}))
    load_hook("search").on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    written = json.loads(index.read_text(encoding="utf-8"))
    assert written["docs"][0]["words"] == "apprentissage reseau"
    assert written["docs"][0]["text"] == "Le réseau d'apprentissage"
    assert "words" in written["config"]["fields"]
    words = json.loads((tmp_path / "search" / "vocabulary.json").read_text(encoding="utf-8"))
    assert words == {"words": [["accueil", 1], ["apprentissage", 1], ["réseau", 1, "reseau"]]}


def test_without_search_index_nothing_happens(tmp_path):
    load_hook("search").on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    assert list(tmp_path.iterdir()) == []


def test_search_reads_the_flattened_page_and_the_page_keeps_its_content():
    hook = load_hook("search")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="chapitres/04_convolution.py"), content=None)
    html = '<div class="jp-Cell"><h2 id="a">Titre</h2></div><div class="jp-Cell"><p>Texte</p></div>'
    page.content = hook.on_page_content(html, page, config=None, files=None)
    assert page.content == '<h2 id="a">Titre</h2> <p>Texte</p> '  # ce que lit le greffon search
    context = {"page": page}
    assert hook.on_page_context(context, page, config=None, nav=None) is context
    assert page.content == html  # ce que montre la page


def test_it_runs_after_the_search_plugin():
    hook = load_hook("search")
    # Le greffon search (priorité 0) indexe la page dans on_page_context et écrit l'index dans
    # on_post_build : la page aplatie doit être prête avant, et rendue après.
    assert hook.on_page_content.mkdocs_priority < 0
    assert hook.on_page_context.mkdocs_priority < 0
    assert hook.on_post_build.mkdocs_priority < 0
