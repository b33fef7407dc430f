"""Les mots sans accents dans l'index de recherche (sitetools.search_index)."""

from sitetools.search_index import FIELD, add_folded_field, fold, folded_words


def test_fold_removes_accents_cedillas_and_ligatures():
    assert fold("Épreuve, cœur, reçu, île, où, Ægée, naïf") == "Epreuve, coeur, recu, ile, ou, AEgee, naif"
    assert fold("réseau de neurones") == "reseau de neurones"
    assert fold("plain ASCII 123") == "plain ASCII 123"


def test_folded_words_keeps_only_the_words_that_change_once_each():
    assert folded_words("Le réseau, la rétropropagation et le réseau : époque 1.") == \
        "epoque reseau retropropagation"
    assert folded_words("Sans accent ici") == ""


def test_the_index_gets_a_searchable_field_and_keeps_what_is_shown():
    index = {"config": {"lang": ["fr"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
             "docs": [{"location": "chapitres/03_reseau/", "title": "Réseau de neurones",
                       "text": "<p>Une époque, puis une autre.</p>"},
                      {"location": "demo/", "title": "Demo", "text": "<p>Dessinez un 7</p>"}]}
    out = add_folded_field(index)
    assert out["config"]["fields"][FIELD] == {"boost": 1.0}
    assert out["config"]["fields"]["title"] == {"boost": 1000.0}  # les autres champs intacts
    reseau, demo = out["docs"]
    assert reseau[FIELD] == "Reseau epoque"
    assert reseau["title"] == "Réseau de neurones" and reseau["text"] == "<p>Une époque, puis une autre.</p>"
    assert FIELD not in demo
