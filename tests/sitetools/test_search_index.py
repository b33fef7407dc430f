"""L'index de recherche (sitetools.search_index) : les mots sans accents ou collés derrière une apostrophe,
les sections des chapitres."""

import json
from pathlib import Path

from material.plugins.search.plugin import Parser

from sitetools.search_index import FIELD, add_hidden_words_field, fold, hidden_words, searchable_html, vocabulary

FOLD_CASES = Path(__file__).resolve().parents[1] / "fixtures" / "search" / "fold.json"


def test_fold_removes_accents_cedillas_and_ligatures():
    # Les mêmes cas que le jumeau JavaScript (overrides/assets/javascripts/suggest.js).
    for text, folded in json.loads(FOLD_CASES.read_text(encoding="utf-8"))["cases"]:
        assert fold(text) == folded, text


def test_hidden_words_are_the_accented_ones_without_accents_once_each():
    assert hidden_words("Le réseau, la rétropropagation et le réseau : époque 1.") == \
        "epoque reseau retropropagation"
    assert hidden_words("Sans accent ici") == ""


def test_hidden_words_are_the_ones_glued_behind_an_apostrophe_or_a_sign():
    # La recherche coupe aux espaces et aux traits d'union, et cherche le début des mots : ce qui suit
    # « d' », « ( », un point ou un tiret bas ne pourrait pas être trouvé sans ce champ.
    assert hidden_words("Le taux d'apprentissage (pas) de np.argmax ou train_perceptron") == \
        "apprentissage argmax pas perceptron"
    assert hidden_words("L’entropie croisée") == "croisee entropie"  # apostrophe typographique
    # Les balises coupent les mots, comme dans la recherche : rien n'y est caché.
    assert hidden_words("<p>Un <code>conv2d</code></p>") == ""
    # Tapé avec ce qui le précède (« d'apprentissage »), le mot est toujours trouvé dans le texte.
    assert "d" not in hidden_words("d'apprentissage").split()


def test_the_index_gets_a_searchable_field_and_keeps_what_is_shown():
    index = {"config": {"lang": ["fr"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
             "docs": [{"location": "chapitres/03_reseau/", "title": "Réseau de neurones",
                       "text": "<p>Une époque, puis une autre.</p>"},
                      {"location": "demo/", "title": "Demo", "text": "<p>Dessinez un 7</p>"}]}
    out = add_hidden_words_field(index)
    assert out["config"]["fields"][FIELD] == {"boost": 1.0}
    assert out["config"]["fields"]["title"] == {"boost": 1000.0}  # les autres champs intacts
    reseau, demo = out["docs"]
    assert reseau[FIELD] == "epoque reseau"
    assert reseau["title"] == "Réseau de neurones" and reseau["text"] == "<p>Une époque, puis une autre.</p>"
    assert FIELD not in demo


# Un chapitre comme le rend nbconvert : une cellule par bloc, le titre dans sa cellule Markdown, le
# code surligné suivi de sa copie en texte brut (pour le bouton « Copier » de mkdocs-jupyter).
NOTEBOOK_HTML = """
<h1 id="la-convolution">La convolution</h1>
<div class="jp-Cell"><div class="jp-RenderedMarkdown"><h2 id="le-pas">Le pas</h2><p>Un pas de 2.</p></div></div>
<div class="jp-Cell"><div class="jp-CodeMirrorEditor"><div class="zeroclipboard-container">
<clipboard-copy for="cell-1"><div><span class="notice" hidden>Copié !</span></div></clipboard-copy></div>
<div class="highlight"><pre><span class="n">stride</span> = 2</pre></div></div>
<div class="clipboard-copy-txt" id="cell-1">stride = 2</div></div>
<div class="jp-Cell"><div class="jp-RenderedMarkdown"><p>Le pas saute des pixels.</p></div></div>
<div class="jp-Cell"><div class="jp-RenderedMarkdown"><h2 id="la-marge">La marge</h2><p>Des zéros.</p></div></div>
"""


def search_sections(html: str) -> dict:
    """Le texte de chaque section, tel que le découpe le greffon search de Material."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return {section.id: "".join(section.text) for section in parser.data}


def test_search_reads_each_cell_in_the_section_of_the_title_above_it():
    sections = search_sections(searchable_html(NOTEBOOK_HTML))
    assert set(sections) == {None, "la-convolution", "le-pas", "la-marge"}
    assert "saute des pixels" in sections["le-pas"] and "<pre>stride = 2</pre>" in sections["le-pas"]
    assert "zéros" in sections["la-marge"] and "saute" not in sections["la-marge"]
    assert sections[None].strip() == sections["la-convolution"].strip() == ""  # rien ne remonte au titre


def test_search_reads_the_code_once_and_not_the_copy_button():
    text = " ".join(search_sections(searchable_html(NOTEBOOK_HTML)).values())
    assert text.count("stride") == 1
    assert "Copié" not in text


def test_words_in_neighbouring_cells_stay_apart():
    # Le greffon search retire les balises de tableau et les sauts de ligne sans rien mettre à leur place.
    html = ("<table><tr><th>Méthode</th><th>Exactitude</th></tr><tr><td>k-NN</td><td>97,0</td></tr></table>"
            "<p>Ligne<br>suivante</p><div class='highlight'><pre><span>a</span><br>b</pre></div>")
    text = " ".join(search_sections(searchable_html(html)).values())
    assert "Méthode Exactitude" in text and "k-NN 97,0" in text and "Ligne suivante" in text, text
    assert "<pre>ab</pre>" in text  # le code est lu tel quel
    glued = " ".join(search_sections(html).values())
    assert "MéthodeExactitude" in glued  # sans searchable_html


def test_searchable_html_keeps_the_text_and_the_markup_that_search_shows():
    html = searchable_html('<div class="admonition"><p>Un <code>conv2d</code> ; <em>voilà</em>.</p></div>')
    assert html == "<p>Un <code>conv2d</code> ; <em>voilà</em>.</p> "  # une espace à la place du bloc


def test_the_vocabulary_counts_the_words_of_titles_and_texts_most_frequent_first():
    index = {"docs": [{"location": "a/", "title": "Le réseau", "text": "<p>Un réseau d'apprentissage</p>"},
                      {"location": "b/", "title": "Convolution",
                       "text": "<p>\\(\\sigma(z)\\) et 2024 &amp; np.argmax</p>"
                               "<pre>history = PerceptronHistory()</pre>"}]}  # le code n'en est pas
    assert vocabulary(index) == {"words": [["réseau", 2, "reseau"], ["apprentissage", 1], ["argmax", 1],
                                           ["convolution", 1]]}
