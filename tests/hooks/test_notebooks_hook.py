"""Le greffon des chapitres-notebooks : cellules cachées retirées, solutions dans un bloc fermé."""


from bs4 import BeautifulSoup
from hookfile import load_hook


def code_cell(text, *tags):
    """Une cellule de code comme la rend le gabarit de mkdocs-jupyter (deux div emboîtées)."""
    classes = " ".join(["jp-Cell jp-CodeCell jp-Notebook-cell"] + [f"celltag_{t}" for t in tags])
    return f'<div class="{classes}"><div class="{classes}" id="c"><pre>{text}</pre></div></div>'


def markdown_cell(text, *tags):
    classes = " ".join(["jp-RenderedHTMLCommon jp-RenderedMarkdown"] + [f"celltag_{t}" for t in tags])
    return (f'<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell"><div class="jp-InputArea">'
            f'<div class="{classes}"><p>{text}</p></div></div></div>')


def test_hidden_cells_leave_and_solutions_are_folded():
    hook = load_hook("notebooks")
    html = ('<div class="jupyter-wrapper"><div class="jp-Notebook">'
            + markdown_cell("Intro") + code_cell("assert vrai", "hide")
            + markdown_cell("Exercice 1", "exercise") + markdown_cell("Réponse écrite", "solution")
            + markdown_cell("Exercice 2", "exercise") + code_cell("solution()", "solution")
            + code_cell("suite()", "solution") + code_cell("verifie()", "check")
            + markdown_cell("À suivre") + "</div></div>")
    soup = BeautifulSoup(hook.arrange_cells(html), "html.parser")
    assert "assert vrai" not in soup.text
    blocks = soup.select("details.solution")
    assert len(blocks) == 2
    assert all(b.summary.text == "Solution" and not b.has_attr("open") for b in blocks)
    assert "Réponse écrite" in blocks[0].text and "Exercice 2" not in blocks[0].text
    assert [p.text for p in blocks[1].find_all("pre")] == ["solution()", "suite()", "verifie()"]
    order = [t.strip() for t in soup.select_one(".jp-Notebook").stripped_strings]
    assert order.index("Exercice 2") < order.index("solution()") < order.index("À suivre")


def test_big_style_blocks_become_one_shared_stylesheet(tmp_path):
    """Le thème JupyterLab que nbconvert répète dans chaque chapitre devient un fichier du site,
    le même pour deux chapitres, lié depuis l'endroit où était le bloc ; un petit bloc reste."""
    hook = load_hook("notebooks")
    theme = ".jupyter-wrapper{--jp-ui-font-size1: 13px;}" * 50
    html = (f'<p>avant</p><style type="text/css">\n{theme}\n</style><style type="text/css">pre {{ x: 1 }}</style>'
            '<p>après</p>')
    first = hook.share_styles(html, "chapitres/04_convolution/", tmp_path)
    second = hook.share_styles(html, "chapitres/05_pooling/", tmp_path)
    files = list((tmp_path / "assets" / "stylesheets").iterdir())
    assert len(files) == 1 and files[0].name.startswith("notebook-") and files[0].suffix == ".css"
    assert files[0].read_text(encoding="utf-8") == theme + "\n"
    link = f'<link rel="stylesheet" href="../../assets/stylesheets/{files[0].name}">'
    assert first == second == f'<p>avant</p>{link}<style type="text/css">pre {{ x: 1 }}</style><p>après</p>'
    # Un autre contenu, un autre fichier : un navigateur ne garde pas en cache un thème périmé.
    hook.share_styles(html.replace("13px", "14px"), "chapitres/04_convolution/", tmp_path)
    assert len(list((tmp_path / "assets" / "stylesheets").iterdir())) == 2


def test_figures_become_files_loaded_when_the_reader_gets_near(tmp_path):
    """Une figure de digitlab.plotting (PNG intégré) devient un fichier du site, le même pour deux
    pages, chargé à l'approche, à sa taille ; sa description reste."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from digitlab.plotting import figure_html

    hook = load_hook("notebooks")
    fig, ax = plt.subplots(figsize=(3, 2), dpi=100)
    ax.plot([0, 1], [1, 0])
    html = f"<p>avant</p>{figure_html(fig, 'Une droite qui descend de gauche à droite.')}<p>après</p>"
    plt.close(fig)
    first = hook.figure_files(html, "chapitres/03_reseau/", tmp_path)
    # Dans une page, nbconvert a rangé les attributs par ordre alphabétique (alt, class, src).
    reordered = str(BeautifulSoup(html, "html.parser")).replace("/>", ">")
    assert reordered.index("alt=") < reordered.index("src=")
    second = hook.figure_files(reordered, "chapitres/04_convolution/", tmp_path)
    files = list((tmp_path / "assets" / "figures").iterdir())
    assert len(files) == 1 and files[0].suffix == ".png"
    png = files[0].read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert 150 < width <= 300 and 100 < height <= 200  # 3 × 2 pouces à 100 points, rognés
    attributes = (f'src="../../assets/figures/{files[0].name}" width="{width}" height="{height}" '
                  'loading="lazy" decoding="async"')
    assert "data:" not in first + second and "<p>avant</p>" in first and first.endswith("<p>après</p>")
    assert f'<img class="dl-figure" {attributes} alt="Une droite qui descend de gauche à droite.">' in first
    assert f'<img alt="Une droite qui descend de gauche à droite." class="dl-figure" {attributes}>' in second
    # Une autre image (pas une figure de digitlab.plotting) reste telle quelle.
    other = '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Logo">'
    assert hook.figure_files(other, "chapitres/03_reseau/", tmp_path) == other
