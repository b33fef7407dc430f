"""Les espaces françaises posées sur le HTML construit : la prose, et rien d'autre."""

from sitetools.typography import NBSP, NNBSP, apply_to_html, french_spacing, spacing_problems


def test_spaces_before_high_punctuation_and_inside_quotes():
    assert french_spacing("Pourquoi ? Parce que ; voilà !") == f"Pourquoi{NNBSP}? Parce que{NNBSP}; voilà{NNBSP}!"
    assert french_spacing("Démo : dessinez") == f"Démo{NBSP}: dessinez"
    assert french_spacing("« bonjour »") == f"«{NNBSP}bonjour{NNBSP}»"
    assert french_spacing("«bonjour»") == f"«{NNBSP}bonjour{NNBSP}»"
    assert french_spacing("un mot\n?") == f"un mot{NNBSP}?"


def test_what_is_not_french_punctuation_is_left_alone():
    for text in ("http://exemple.org/?a=1", "12:30", "x=1;y=2", "déjà insécable\u00a0:"):
        assert french_spacing(text) == text


def test_code_outputs_scripts_and_math_are_untouched():
    html = ("<p>Titre : texte</p><code>a : b</code><pre>x ?</pre>"
            "<script>if (a ? b : c) {}</script><span class='arithmatex'>\\(f : x\\)</span>"
            "<div class='jp-OutputArea'><pre>perte : 0.1</pre></div>"
            "<p>La formule $f : x \\mapsto 2x$ et la question ?</p>")
    out = apply_to_html(html)
    assert f"Titre{NBSP}: texte" in out
    assert "<code>a : b</code>" in out and "<pre>x ?</pre>" in out
    assert "if (a ? b : c) {}" in out
    assert "\\(f : x\\)" in out and "perte : 0.1" in out
    assert "$f : x \\mapsto 2x$" in out and f"question{NNBSP}?" in out


def test_space_and_sign_in_neighbouring_elements():
    out = apply_to_html("<p>Vraiment <strong>?</strong> Oui <em>: bien</em></p>")
    assert f"Vraiment{NNBSP}<strong>?</strong>" in out
    assert f"Oui{NBSP}<em>: bien</em>" in out


def test_spacing_problems_finds_what_apply_fixes():
    html = "<nav><a>D'où vient MNIST ?</a></nav><h1>Démo : dessinez</h1><p>« citation »</p><code>a ?</code>"
    assert len(spacing_problems(html)) == 4
    assert spacing_problems(apply_to_html(html)) == []


def test_the_rest_of_the_page_is_left_as_it_was():
    html = ('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
            '<script>const a = "x : y";</script></head><body><p>Texte</p></body></html>')
    expected = html.replace("'self'\">", "'self'\"/>")  # seule différence : l'élément vide fermé
    assert apply_to_html(html) == expected


def test_the_prose_of_a_chapter_is_fixed_but_not_its_code():
    """Un chapitre rendu par mkdocs-jupyter : la prose d'une cellule Markdown est, comme le code
    d'une cellule de code, dans ``jp-InputArea`` ; seule la prose change."""
    html = ('<div class="jp-Cell jp-MarkdownCell"><div class="jp-InputArea jp-Cell-inputArea">'
            '<div class="jp-InputPrompt">In [ ]:</div>'
            '<div class="jp-RenderedMarkdown"><h2>Combien de paramètres ?</h2>'
            '<details class="question"><summary>Qu\'est-ce que le pooling ?</summary></details>'
            '<p>Un filtre « en cosinus » : voilà.</p></div></div></div>'
            '<div class="jp-Cell jp-CodeCell"><div class="jp-InputArea jp-Cell-inputArea">'
            '<div class="jp-CodeMirrorEditor jp-InputArea-editor"><div class="CodeMirror">'
            '<div class="clipboard-copy-txt">x = {"a" : 1}</div>'
            '<div class="highlight hl-ipython3"><pre><span>x</span> <span>=</span> '
            '<span>{"a" : 1}</span></pre></div></div></div></div></div>')
    out = apply_to_html(html)
    assert f"paramètres{NNBSP}?</h2>" in out and f"pooling{NNBSP}?</summary>" in out
    assert f"«{NNBSP}en cosinus{NNBSP}»{NBSP}: voilà" in out
    assert "In [ ]:" in out and '<span>{"a" : 1}</span>' in out
    assert '<div class="clipboard-copy-txt">x = {"a" : 1}</div>' in out  # le code que « Copier » colle
    assert spacing_problems(html) and spacing_problems(out) == []


def test_descriptions_and_accessible_names_are_fixed_too():
    html = ('<img alt="Dix chiffres : un par classe" src="a.png">'
            '<button aria-label="Agrandir ?" title="Voir « tout »">x</button>'
            '<pre><img alt="code : intact"></pre>')
    assert len(spacing_problems(html)) == 4  # dont deux pour « tout »
    out = apply_to_html(html)
    assert f'alt="Dix chiffres{NBSP}: un par classe"' in out
    assert f'aria-label="Agrandir{NNBSP}?"' in out and f'title="Voir «{NNBSP}tout{NNBSP}»"' in out
    assert 'alt="code : intact"' in out
    assert spacing_problems(out) == []
