"""Le site se construit (``mkdocs build --strict``) et ne dépend d'aucun autre hôte.

Vérifié sur le HTML construit : les pages de la navigation existent, chaque chapitre se
télécharge en ``.ipynb`` valide, aucune ressource chargée (script, feuille de style, police,
image…) ne vient d'un autre hôte, et une cellule qui lève une exception fait échouer la
construction.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jupytext
import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from sitetools.math_text import MATH, MATH_ELEMENTS, unknown_commands
from sitetools.notebooks import EXERCISE, HIDE, SOLUTION, complete_version, for_jupyter, student_version, tags
from sitetools.typography import spacing_problems

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"

pytestmark = pytest.mark.slow

# Les pages que la navigation doit proposer (le plan du site).
PLANNED = [
    "index.md",
    "chapitres/01_donnees.py",
    "chapitres/02_neurone.py",
    "chapitres/03_reseau.py",
    "chapitres/04_convolution.py",
    "chapitres/05_pooling.py",
    "chapitres/06_cnn_keras.py",
    "chapitres/07_comparer.py",
    "chapitres/08_navigateur.py",
    "demo/index.md",
    "modele.md",
    "glossaire.md",
    "bibliographie.md",
]


class _ConfigLoader(yaml.SafeLoader):
    """Lit mkdocs.yml sans évaluer les étiquettes propres à MkDocs (``!ENV``…)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load_config() -> dict:
    return yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def nav_sources(nav) -> list[str]:
    """Les fichiers sources de la navigation, dans l'ordre, sous-sections comprises."""
    sources = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            sources += nav_sources(value)
        elif isinstance(value, str) and "://" not in value:
            sources.append(value)
    return sources


def html_path(source: str) -> str:
    """Chemin, dans le site, de la page produite par ``source`` (URL « répertoire »)."""
    stem = source.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def jupyter_plugin_config(config: dict) -> dict:
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin:
            return plugin["mkdocs-jupyter"]
    raise AssertionError("mkdocs-jupyter absent des greffons de mkdocs.yml")


def chapter_sources() -> list[str]:
    return [s for s in nav_sources(load_config()["nav"]) if s.endswith(".py")]


# --- Analyse du HTML construit ------------------------------------------------------------------

URL_IN_CSS = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.S)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# Attributs qui font charger une ressource par le navigateur.
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
# <link rel="canonical"> ne charge rien ; tous les autres <link href> chargent ou préchargent.
NOT_LOADED_LINK_RELS = {"canonical"}


class ResourceParser(HTMLParser):
    """Relève les URL chargées par une page, ses scripts et styles en ligne, ses liens, ses id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[str, str]] = []  # (description, URL)
        self.inline_scripts: list[str] = []
        self.inline_styles: list[str] = []
        self.anchors: list[dict] = []
        self.ids: set[str] = set()
        self._capture: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a":
            self.anchors.append(attributes)
        rel = set((attributes.get("rel") or "").lower().split())
        for name in RESOURCE_ATTRIBUTES.get(tag, ()):
            value = attributes.get(name)
            if not value or (tag == "link" and rel & NOT_LOADED_LINK_RELS):
                continue
            urls = [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
            self.resources += [(f"<{tag} {name}>", url) for url in urls if url]
        if attributes.get("style"):
            self.resources += [("style=", url) for url in css_urls(attributes["style"])]
        if tag == "script" and not attributes.get("src"):
            self.inline_scripts.append("")
            self._capture = self.inline_scripts
        elif tag == "style":
            self.inline_styles.append("")
            self._capture = self.inline_styles

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._capture = None

    def handle_data(self, data):
        if self._capture is not None:
            self._capture[-1] += data


def css_urls(css: str) -> list[str]:
    """Les URL que charge une feuille de style (``url(…)`` et ``@import``), sans les data:."""
    css = CSS_COMMENT.sub("", css)
    found = [m.group(2) or m.group(4) for m in URL_IN_CSS.finditer(css)]
    return [url.strip() for url in found if url and not url.strip().startswith("data:")]


def is_external(url: str) -> bool:
    """Vrai pour une URL absolue vers un hôte (http, https, //hôte…) : hors du site."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https", "ws", "wss", "ftp")


def parse(path: Path) -> ResourceParser:
    parser = ResourceParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def site_file(site: Path, page: str, url: str) -> Path:
    """Le fichier du site que désigne ``url`` depuis la page ``page``, comme dans le navigateur.

    Une URL absolue (« /dépôt/assets/… ») vient d'une construction avec ``site_url`` (la page
    404) : on retire alors le préfixe du sous-dossier de publication.
    """
    parts = urlsplit(urljoin("http://site/" + page, url)).path.lstrip("/").split("/")
    for start in range(len(parts)):
        candidate = site.joinpath(*parts[start:])
        if candidate.is_file() or not url.startswith("/"):
            return candidate
    return site.joinpath(*parts)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- Tests -------------------------------------------------------------------------------------


def test_navigation_lists_the_planned_pages():
    sources = nav_sources(load_config()["nav"])
    missing = [page for page in PLANNED if page not in sources]
    assert not missing, f"Pages absentes de la navigation de mkdocs.yml : {missing}"


def test_notebook_plugin_fails_on_errors_and_serves_everything_itself():
    options = jupyter_plugin_config(load_config())
    assert options.get("execute") is True
    assert options.get("allow_errors") is False, "allow_errors doit valoir false"
    assert options.get("include_source") is True
    assert not options.get("include_requirejs")
    mathjax = options.get("custom_mathjax_url", "")
    assert mathjax and not is_external(mathjax), f"custom_mathjax_url externe : {mathjax!r}"
    assert (ROOT / "docs" / mathjax).is_file(), f"docs/{mathjax} n'existe pas"


def test_expected_pages_exist(built_site):
    for source in nav_sources(load_config()["nav"]):
        assert (built_site / html_path(source)).is_file(), f"page absente pour {source}"
    assert (built_site / "404.html").is_file()


def test_site_is_in_french(built_site):
    for page in html_pages(built_site):
        head = page.read_text(encoding="utf-8")[:500]
        assert '<html lang="fr"' in head, f"{page.relative_to(built_site)} n'est pas en français"
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"], index["config"]


def test_search_leads_to_the_section_where_the_word_is(built_site):
    """Dans l'index de recherche, le texte d'un chapitre est rangé sous le titre qui le précède
    (hooks/search.py) : l'entrée de la page entière n'en garde presque rien, au lieu de tout ce qui
    suivait la première cellule de titre. Le code n'y est lu qu'une fois, sans le bouton « Copier »."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for source in chapter_sources():
        location = html_path(source).removesuffix("index.html")
        entries = [d for d in docs if d["location"].split("#")[0] == location]
        whole = sum(len(d["text"]) for d in entries)
        top = next(d for d in entries if d["location"] == location)
        assert len(entries) >= 5 and len(top["text"]) < 0.05 * whole, (source, len(top["text"]), whole)
    assert not [d["location"] for d in docs if "Copié" in d["text"]]


def test_search_previews_show_formulas_as_text(built_site):
    """Les aperçus de la recherche montrent « σ(z) », pas « \\sigma(z) » (sitetools.math_text) : plus
    de commande TeX hors du code dans l'index, et aucune formule des pages n'a de commande inconnue."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    left = {}
    for doc in docs:
        prose = re.sub(r"<(pre|code)>.*?</\1>", " ", doc["text"], flags=re.S)
        for command in re.findall(r"\\[A-Za-z]+", prose):
            left.setdefault(command, doc["location"])
    assert not left, left
    unknown = {}
    for page in html_pages(built_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select(", ".join(MATH_ELEMENTS)):
            for formula in MATH.finditer(element.get_text()):
                for command in unknown_commands(formula.group(0)):
                    unknown.setdefault(command, str(page.relative_to(built_site)))
    assert not unknown, unknown
    sigmoid = next(d for d in docs if d["location"] == "glossaire/#sigmoide")
    assert "σ(z) = 1 / (1 + e⁻ᶻ)" in sigmoid["text"], sigmoid["text"]


def test_the_page_not_found_speaks_french(built_site):
    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page introuvable</h1>" in text and "Not found" not in text


@pytest.mark.parametrize("source", chapter_sources())
def test_chapter_downloadable_as_complete_and_student_notebooks(built_site, source):
    page_path = html_path(source)
    parser = parse(built_site / page_path)
    links = [a for a in parser.anchors if (a.get("href") or "").endswith(".ipynb")]
    assert [a.get("data-notebook") for a in links] == ["complet", "eleve"], links
    assert all("download" in a for a in links), "les liens de téléchargement portent l'attribut download"

    # Les liens sont résolus comme le ferait le navigateur, depuis l'URL de la page.
    downloaded = {}
    for link in links:
        notebook_file = site_file(built_site, page_path, link["href"])
        assert notebook_file.is_file(), f"{link['href']} (depuis {page_path}) n'existe pas"
        notebook = nbformat.reads(notebook_file.read_text(encoding="utf-8"), as_version=4)
        nbformat.validate(notebook)
        assert notebook.metadata["kernelspec"]["language"] == "python"
        downloaded[link["data-notebook"]] = notebook

    source_cells = jupytext.read(ROOT / "docs" / source).cells
    shown = [c for c in source_cells if HIDE not in tags(c)]
    complete, student = downloaded["complet"], downloaded["eleve"]
    # Le notebook complet est la page, cellule par cellule ; seuls les liens vers le site et les labos
    # sont adaptés à Jupyter (sitetools.notebooks.for_jupyter) : aucun chemin relatif ni labo vide.
    home_url = os.environ.get("DIGITLAB_SITE_URL") and os.environ["DIGITLAB_SITE_URL"].rstrip("/") + "/"
    page_url = home_url and urljoin(home_url, page_path.removesuffix("index.html"))
    expected = for_jupyter(nbformat.v4.new_notebook(cells=shown), page_url or None, home_url or None)
    assert [c.source for c in complete.cells] == [c.source for c in expected.cells]
    assert [c.cell_type for c in complete.cells] == [c.cell_type for c in expected.cells]
    for notebook in (complete, student):
        prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
        assert "](../" not in prose and "<div data-" not in prose, f"{source} : lien ou labo du site seul"
    solutions = [c.source for c in shown if SOLUTION in tags(c) and c.source.strip()]
    student_sources = [c.source for c in student.cells]
    leaked = [s for s in solutions if s in student_sources]
    assert not leaked, f"{source} : la version élève contient des solutions : {leaked}"
    # Chaque énoncé est suivi d'au moins une cellule « À vous » (une par type de solution).
    statements = [i for i, c in enumerate(student.cells) if EXERCISE in tags(c)]
    assert len(statements) == sum(EXERCISE in tags(c) for c in shown)
    alone = [i for i in statements if i + 1 >= len(student.cells) or "your-turn" not in tags(student.cells[i + 1])]
    assert not alone, f"{source} : énoncés sans cellule « À vous » juste après : cellules {alone}"


def first_exercise(notebook) -> int:
    """L'indice de la première cellule d'exercice (énoncé), ou la longueur du notebook."""
    return next((i for i, c in enumerate(notebook.cells) if EXERCISE in tags(c)), len(notebook.cells))


@pytest.mark.parametrize("source", chapter_sources())
def test_downloaded_notebooks_run(source, tmp_path):
    """Le notebook complet téléchargé (sans les cellules cachées de la page) s'exécute de bout en
    bout ; la version élève s'exécute jusqu'au premier exercice. Ses cellules jusque-là sont
    celles du notebook complet, une à une : elles ont donc tourné avec lui."""
    from nbclient import NotebookClient

    chapter = jupytext.read(ROOT / "docs" / source)
    complete, student = complete_version(chapter), student_version(chapter)
    complete.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(complete, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "docs" / "chapitres")}})
    client.execute()  # lève CellExecutionError, avec la cellule fautive, si une cellule échoue
    cut = first_exercise(student)
    assert [c.source for c in student.cells[:cut]] == [c.source for c in complete.cells[:cut]]
    assert not any(SOLUTION in tags(c) for c in student.cells), "solution restée dans la version élève"


def test_a_student_notebook_runs_and_each_check_asks_for_the_answer():
    """La version élève du chapitre 1, exécutée telle quelle (« Exécuter tout ») : aucune erreur
    hors des vérifications, et chaque vérification demande en français la réponse qu'elle attend
    (AnswerMissing), au lieu d'une NameError."""
    from nbclient import NotebookClient

    student = student_version(jupytext.read(ROOT / "docs" / "chapitres" / "01_donnees.py"))
    student.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(student, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(ROOT / "docs" / "chapitres")}}).execute()
    errors = {i: out for i, c in enumerate(student.cells) if c.cell_type == "code"
              for out in c.outputs if out.output_type == "error"}
    checks = [i for i, c in enumerate(student.cells) if "check" in tags(c)]
    assert checks and sorted(errors) == checks, {i: e.ename for i, e in errors.items()}
    for i in checks:
        assert errors[i].ename == "AnswerMissing" and errors[i].evalue.startswith("Réponse à compléter")
        assert errors[i].traceback == [f"AnswerMissing\u00a0: {errors[i].evalue}"]


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "code", "pre"]):
        hidden.decompose()
    return soup.get_text(" ")


def test_french_spacing_on_every_page(built_site):
    problems = []
    for page in html_pages(built_site):
        found = spacing_problems(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(built_site)} : « {p} »" for p in found]
    assert not problems, f"{len(problems)} espace(s) à corriger :\n" + "\n".join(problems[:40])


def test_every_image_has_a_french_description(built_site):
    problems = []
    for page in html_pages(built_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.find_all("img"):
            alt = (img.get("alt") or "").strip()
            if len(alt) < 10 or "No description" in alt:
                problems.append(f"{page.relative_to(built_site)} : {img.get('src', '')[:50]} (alt={alt!r})")
    assert not problems, "\n".join(problems)


def test_no_build_information_on_the_pages(built_site):
    for page in html_pages(built_site):
        text = visible_text(page.read_text(encoding="utf-8"))
        assert "Durée d'exécution" not in text, f"{page.relative_to(built_site)} : durée de construction affichée"


def test_chapters_share_the_notebook_stylesheets(built_site):
    """Le thème JupyterLab (environ 590 ko) n'est plus recopié dans chaque chapitre : un fichier
    CSS du site, lié par chaque chapitre, le même pour tous (hooks/notebooks.py, point 5)."""
    shared = set()
    for source in chapter_sources():
        page = html_path(source)
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        big = [len(style.text) for style in soup.find_all("style") if len(style.text) > 20_000]
        assert not big, f"{page} : bloc de style en ligne de {big} caractères"
        links = {link["href"] for link in soup.find_all("link", rel="stylesheet") if "notebook-" in link["href"]}
        files = [site_file(built_site, page, href) for href in sorted(links)]
        assert files and all(css.is_file() for css in files), f"{page} : {sorted(links)}"
        assert ".jupyter-wrapper" in "".join(css.read_text(encoding="utf-8") for css in files), page
        shared.add(tuple(css.name for css in files))
    assert len(shared) == 1, shared  # les mêmes fichiers pour tous les chapitres


def test_chapter_figures_are_files_loaded_when_needed(built_site):
    """Les figures des chapitres ne sont plus intégrées à la page (les deux tiers de son poids) : des
    fichiers PNG du site, chargés à l'approche, à leur taille (hooks/notebooks.py, point 6)."""
    for source in chapter_sources():
        page = html_path(source)
        text = (built_site / page).read_text(encoding="utf-8")
        assert "data:image/png" not in text, f"{page} : figure encore intégrée"
        figures = BeautifulSoup(text, "html.parser").select("img.dl-figure")
        assert figures, f"{page} : aucune figure"
        for img in figures:
            path = site_file(built_site, page, img["src"])
            assert path.is_file(), f"{page} : {img['src']}"
            png = path.read_bytes()
            size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
            assert png[:4] == b"\x89PNG" and (int(img["width"]), int(img["height"])) == size, f"{page} : {img['src']}"
            assert img["loading"] == "lazy" and len(img["alt"]) > 20, f"{page} : {img}"
        assert len(text.encode("utf-8")) < 500_000, f"{page} : {len(text) // 1000} ko"


@pytest.mark.parametrize("source", chapter_sources())
def test_chapter_opens_and_closes_like_a_lesson(built_site, source):
    """Un encadré d'ouverture (objectifs, prérequis, durée) ; « L'essentiel » avant les questions."""
    soup = BeautifulSoup((built_site / html_path(source)).read_text(encoding="utf-8"), "html.parser")
    goals = soup.select_one(".lesson-goals")
    assert goals is not None, f"{source} : encadré « Dans ce chapitre » absent"
    goals_text = " ".join(goals.get_text(" ").split())
    for item in ("Vous saurez", "Prérequis", "Durée"):
        assert item in goals_text, f"{source} : « {item} » manque dans l'encadré d'ouverture"
    titles = [" ".join(h.get_text(" ").split()).rstrip("¶ ") for h in soup.find_all("h2")]
    assert "L'essentiel" in titles, f"{source} : pas de section « L'essentiel » ({titles})"
    assert "Questions de révision" in titles
    assert titles.index("L'essentiel") < titles.index("Questions de révision")
    heading = next(h for h in soup.find_all("h2") if h.get_text(" ").strip().startswith("L'essentiel"))
    text = []
    for sibling in heading.find_all_next():
        if sibling.name == "h2":
            break
        if sibling.name in ("p", "li"):
            text.append(sibling.get_text(" "))
    sentences = re.findall(r"[^.!?…]+[.!?…]", " ".join(text))
    assert 5 <= len(sentences) <= 10, f"{source} : « L'essentiel » a {len(sentences)} phrases"


def test_every_exercise_has_its_solution_on_the_page(built_site):
    counts = {}
    for source in chapter_sources():
        soup = BeautifulSoup((built_site / html_path(source)).read_text(encoding="utf-8"), "html.parser")
        blocks = soup.select("details.solution")
        exercises = sum(EXERCISE in tags(c) for c in jupytext.read(ROOT / "docs" / source).cells)
        assert len(blocks) == exercises, f"{source} : {exercises} exercices, {len(blocks)} solutions"
        assert all(not b.has_attr("open") for b in blocks), f"{source} : une solution est déjà ouverte"
        counts[source] = exercises
    assert counts.get("chapitres/01_donnees.py", 0) >= 3, counts
    assert all(n >= 1 for n in counts.values()), counts


def test_no_resource_from_another_host(built_site):
    problems = []
    for page in html_pages(built_site):
        name = page.relative_to(built_site)
        parser = parse(page)
        for what, url in parser.resources:
            if is_external(url):
                problems.append(f"{name} : {what} {url}")
        for style in parser.inline_styles:
            problems += [f"{name} : <style> {url}" for url in css_urls(style) if is_external(url)]
        for script in parser.inline_scripts:
            # Un script en ligne ne doit citer aucune adresse : import(), fetch(), CDN…
            problems += [f"{name} : <script> en ligne cite {url}"
                         for url in re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s'\"`)]*",
                                               script)]
    for stylesheet in sorted(built_site.rglob("*.css")):
        name = stylesheet.relative_to(built_site)
        urls = css_urls(stylesheet.read_text(encoding="utf-8", errors="replace"))
        problems += [f"{name} : {url}" for url in urls if is_external(url)]
    assert not problems, "Ressources chargées depuis un autre hôte :\n" + "\n".join(problems)


def test_each_page_loads_mathjax_once_from_the_site(built_site):
    """Chaque page a le chargeur de MathJax (une fois) ; c'est lui qui charge MathJax, depuis le
    site, là où il y a des formules (tests/browser/test_site.py le vérifie dans Chromium)."""
    loader_file = ROOT / "overrides" / "assets" / "javascripts" / "mathjax-loader.js"
    vendored = re.search(r"new URL\('([^']+)', import\.meta\.url\)", loader_file.read_text(encoding="utf-8"))
    assert vendored and not is_external(vendored.group(1))
    for page in html_pages(built_site):
        parser = parse(page)
        loaders = [url for what, url in parser.resources
                   if what == "<script src>" and "mathjax" in url.lower()
                   and not url.endswith("mathjax-config.js")]
        assert len(loaders) == 1 and loaders[0].endswith("mathjax-loader.js"), \
            f"{page.relative_to(built_site)} : MathJax chargé {loaders}"
        relative = page.relative_to(built_site).as_posix()
        loader = site_file(built_site, relative, loaders[0])
        assert loader.is_file(), (relative, loaders[0])
        assert (loader.parent / vendored.group(1)).resolve().is_file(), vendored.group(1)
        # Le bloc MathJax 2 de nbconvert (MathJax.Hub.Config) doit avoir été retiré.
        assert not any("MathJax.Hub" in script for script in parser.inline_scripts)


def test_table_of_contents_links_resolve(built_site):
    checked = 0
    for page in html_pages(built_site):
        parser = parse(page)
        for anchor in parser.anchors:
            href = anchor.get("href") or ""
            if href.startswith("#") and len(href) > 1 and "md-nav__link" in anchor.get("class", ""):
                assert href[1:] in parser.ids, f"{page.relative_to(built_site)} : {href} sans cible"
                checked += 1
    # Des dizaines de titres dans les tables des matières : si Material renommait ses classes, ce
    # test ne vérifierait plus rien sans le dire.
    assert checked > 50, f"seulement {checked} liens de table des matières trouvés"


def test_a_failing_cell_fails_the_build(tmp_path):
    """Même réglage de mkdocs-jupyter que le vrai site, un chapitre qui lève : échec attendu."""
    docs = tmp_path / "docs"
    (docs / "chapitres").mkdir(parents=True)
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (docs / "chapitres" / "01_casse.py").write_text(textwrap.dedent("""\
        # %% [markdown]
        # # Chapitre cassé

        # %%
        raise ValueError("cellule volontairement fausse")
        """), encoding="utf-8")
    options = dict(jupyter_plugin_config(load_config()), cache=False)
    config = {
        "site_name": "Essai",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "mkdocs"},
        "plugins": [{"mkdocs-jupyter": options}],
        "hooks": [str(ROOT / "hooks" / "notebooks.py")],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, "la construction aurait dû échouer :\n" + output
    assert "cellule volontairement fausse" in output, output
    # Le crochet des chapitres dit, en français, quel chapitre et quelle erreur.
    assert "chapitres/01_casse.py : une cellule a échoué à l'exécution (ValueError : cellule volontairement " \
        "fausse)" in output, output


REFERENCE_PAGES = ("glossaire", "bibliographie")


def test_links_to_the_glossary_and_bibliography_reach_their_anchor(built_site):
    """Chaque lien vers un terme du glossaire ou une section de la bibliographie mène à une cible
    qui existe (les chapitres y renvoient à la première apparition d'un terme)."""
    ids = {name: parse(built_site / name / "index.html").ids for name in REFERENCE_PAGES}
    broken, count = [], 0
    for page in html_pages(built_site):
        relative = page.relative_to(built_site).as_posix()
        for anchor in parse(page).anchors:
            href = anchor.get("href") or ""
            parts = urlsplit(urljoin("http://site/" + relative, href))
            target = parts.path.strip("/")
            if target in REFERENCE_PAGES and parts.fragment:
                count += 1
                if parts.fragment not in ids[target]:
                    broken.append(f"{relative} : {href}")
    assert count > 0, "aucun lien vers le glossaire ou la bibliographie"
    assert not broken, "Liens vers une ancre absente :\n" + "\n".join(broken)
