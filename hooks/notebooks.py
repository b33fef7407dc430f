"""Greffon MkDocs pour les chapitres-notebooks (pages produites par mkdocs-jupyter).

1. Cellules étiquetées (voir :mod:`sitetools.notebooks`) : une cellule ``hide`` est exécutée mais
   retirée de la page ; les cellules ``solution`` (et la ``check`` qui suit) sont rangées dans un
   bloc « Solution » fermé. Un chapitre qui ne suit pas les règles des exercices fait échouer la
   construction. (L'option ``remove_tag_config`` de mkdocs-jupyter ne convient pas : nbconvert
   retire les cellules *avant* de les exécuter, et l'assertion ne tournerait jamais.)

2. Téléchargements : à côté de chaque page, le notebook complet ``<nom>.ipynb`` et la version
   élève ``<nom>_eleve.ipynb`` (convertis par jupytext, sans sorties : le lecteur les exécute chez
   lui ; liens et labos adaptés à Jupyter par :func:`sitetools.notebooks.for_jupyter`) ;
   ``overrides/main.html`` affiche les deux boutons grâce à ``page.ipynb_name`` et
   ``page.student_ipynb_name``.

3. Aucun script externe : le gabarit nbconvert de mkdocs-jupyter insère dans chaque page un
   bloc MathJax 2 (``MathJax.Hub.Config``) et un module Mermaid qui importe depuis un CDN. Le
   site charge déjà MathJax 3, servi par lui-même, sur toute page qui a des formules (voir
   ``mkdocs.yml`` et ``assets/javascripts/mathjax-loader.js``), et MathJax 3 ne doit pas être
   chargé deux fois : on retire ces deux blocs. Si le gabarit change (mise à jour de
   mkdocs-jupyter ou de nbconvert) et qu'un bloc n'est plus reconnu, la construction échoue au
   lieu de laisser passer une URL externe.

4. Les libellés anglais du bouton « copier » des cellules de code sont traduits.

5. Feuilles de style partagées : le gabarit nbconvert répète dans chaque chapitre les mêmes blocs
   ``<style>`` (le thème JupyterLab clair et sombre, environ 590 ko, plus de la moitié de la page).
   Chacun devient un fichier du site, nommé d'après son contenu
   (``assets/stylesheets/notebook-<empreinte>.css``), que le navigateur télécharge une fois et
   garde en cache ; un lien prend sa place, au même endroit de la page (même ordre de cascade).

6. Figures en fichiers : chaque figure d'un chapitre (``digitlab.plotting.show``) arrive dans la
   page en PNG intégré (``data:``), soit les deux tiers du poids d'un chapitre (590 ko sur 880 pour
   « Réseau de neurones »), téléchargés avant la moindre ligne de texte. Chacune devient un fichier
   du site nommé d'après son contenu (``assets/figures/figure-<empreinte>.png``), que le navigateur
   ne télécharge qu'à l'approche de la figure (``loading="lazy"``) ; sa taille (``width``,
   ``height``) lui réserve sa place, pour que le texte ne saute pas à son arrivée. Les notebooks
   téléchargés gardent leurs figures intégrées.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import sys
from pathlib import Path

import jupytext
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitetools.notebooks import (  # noqa: E402
    CHECK,
    HIDE,
    SOLUTION,
    STUDENT_SUFFIX,
    complete_version,
    for_jupyter,
    structure_problems,
    student_version,
)
from sitetools.typography import to_html  # noqa: E402

# Le bloc produit par la macro « mathjax » de nbconvert (templates/base/mathjax.html.j2).
MATHJAX_BLOCK = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
# Le bloc produit par la macro « mermaid_js » de nbconvert (templates/lab/mermaidjs.html.j2).
MERMAID_BLOCK = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded".*?'
    r"<!-- End of mermaid configuration -->",
    re.S,
)


# Libellés anglais du bouton « copier » des cellules de code (gabarit de mkdocs-jupyter).
FRENCH_LABELS = {
    'aria-label="Copy to Clipboard"': 'aria-label="Copier dans le presse-papiers"',
    ">Copied!<": ">Copié !<",
}


def is_notebook(page) -> bool:
    """Vrai pour une page que mkdocs-jupyter convertit (il lui donne un ``nb_url``)."""
    return getattr(page, "nb_url", None) is not None


def on_pre_page(page, config, files):
    if is_notebook(page):
        stem = Path(page.file.src_path).stem
        page.ipynb_name = f"{stem}.ipynb"
        page.student_ipynb_name = f"{stem}{STUDENT_SUFFIX}.ipynb"
        problems = structure_problems(jupytext.read(page.file.abs_src_path))
        if problems:
            raise PluginError(f"{page.file.src_path} : exercices mal formés — " + " ; ".join(problems)
                              + ". Voir la section « Écrire un chapitre » du README.")
        explain_failing_cells(page)
    return page


def explain_failing_cells(page):
    """Une cellule qui échoue arrête la construction avec une phrase française qui dit quel chapitre
    et quelle erreur (le message d'une assertion cachée cite la phrase qui n'est plus vraie), au lieu
    de la seule pile d'appels de nbclient. mkdocs-jupyter a déjà remplacé ``page.render`` (les
    greffons passent avant les crochets) : on l'enveloppe."""
    render = page.render

    def render_or_explain(config, files):
        try:
            return render(config, files)
        except Exception as exc:
            ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
            if ename is None:  # pas une cellule qui échoue : l'erreur telle quelle
                raise
            cell = str(exc).split("------------------")
            source = cell[1].strip() if len(cell) > 2 else ""
            raise PluginError(
                f"{page.file.src_path} : une cellule a échoué à l'exécution ({ename} : {evalue}). Si c'est "
                "une assertion cachée, la phrase qu'elle cite n'est plus vraie : corrigez la phrase ou le "
                "calcul." + (f" La cellule :\n{source}" if source else "")) from exc

    page.render = render_or_explain


def cell_tags(cell) -> set[str]:
    """Les étiquettes d'une cellule rendue par nbconvert (classes ``celltag_…`` de la cellule de
    code, ou du bloc Markdown qu'elle contient)."""
    classes = list(cell.get("class") or [])
    markdown = cell.find(class_="jp-RenderedMarkdown")
    if markdown is not None:
        classes += markdown.get("class") or []
    return {c.removeprefix("celltag_") for c in classes if c.startswith("celltag_")}


def top_cells(soup):
    """Les cellules du notebook, dans l'ordre (le gabarit de mkdocs-jupyter emboîte chaque cellule
    de code dans une seconde ``div.jp-Cell`` : on ne garde que celles du premier niveau)."""
    return [cell for notebook in soup.select("div.jp-Notebook")
            for cell in notebook.find_all("div", class_="jp-Cell", recursive=False)]


def arrange_cells(html: str) -> str:
    """Retire les cellules ``hide`` et range chaque solution dans un bloc « Solution » fermé."""
    soup = BeautifulSoup(html, "html.parser")
    for cell in top_cells(soup):
        if HIDE in cell_tags(cell):
            cell.decompose()
    block = None
    for cell in top_cells(soup):
        found = cell_tags(cell)
        if SOLUTION in found or (CHECK in found and block is not None):
            if block is None:
                block = soup.new_tag("details", attrs={"class": "solution success"})  # style « succès » de Material
                summary = soup.new_tag("summary")
                summary.string = "Solution"
                block.append(summary)
                cell.insert_before(block)
            block.append(cell.extract())
        else:
            block = None  # une autre cellule : la solution est finie
    return to_html(soup)


# Un bloc de style de la page ; les petits (moins de SHARED_STYLE_MIN caractères) restent en ligne.
STYLE_BLOCK = re.compile(r'<style type="text/css">(.*?)</style>', re.S)
SHARED_STYLE_MIN = 1000


def site_file(data: bytes, prefix: str, suffix: str, page_url: str, site_dir) -> str:
    """Écrit ``data`` une fois dans ``site_dir``, sous ``<prefix>-<empreinte de data><suffix>`` :
    deux pages qui ont le même contenu partagent le fichier, un contenu changé a un autre nom (un
    navigateur ne garde pas en cache une version périmée). Renvoie son adresse depuis la page."""
    name = f"{prefix}-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
    path = Path(site_dir) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return get_relative_url(name, page_url)


def share_styles(html: str, page_url: str, site_dir) -> str:
    """Remplace chaque grand bloc ``<style>`` de ``html`` par un lien vers le même CSS, écrit une
    fois dans ``site_dir`` sous un nom tiré de son contenu (voir le point 5 en tête du module)."""

    def to_link(match):
        css = match.group(1).strip()
        if len(css) < SHARED_STYLE_MIN:
            return match.group(0)
        href = site_file(f"{css}\n".encode(), "assets/stylesheets/notebook", ".css", page_url, site_dir)
        return f'<link rel="stylesheet" href="{href}">'

    return STYLE_BLOCK.sub(to_link, html)


# Une figure d'un chapitre (digitlab.plotting.figure_html) : une image de classe dl-figure, un PNG
# intégré ; nbconvert peut en avoir réordonné les attributs.
IMG_TAG = re.compile(r"<img\b[^>]*>")
FIGURE_SRC = re.compile(r'\ssrc="data:image/png;base64,([A-Za-z0-9+/=]+)"')
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def figure_files(html: str, page_url: str, site_dir) -> str:
    """Remplace chaque figure intégrée de ``html`` par un lien vers le même PNG, écrit une fois dans
    ``site_dir`` sous un nom tiré de son contenu, chargé à l'approche (voir le point 6 en tête)."""

    def to_file(tag):
        tag = tag.group(0)
        source = FIGURE_SRC.search(tag)
        if source is None or not re.search(r'\sclass="dl-figure"', tag):
            return tag
        png = base64.b64decode(source.group(1))
        if not png.startswith(PNG_SIGNATURE):
            raise PluginError(f"{page_url} : une figure intégrée n'est pas un PNG.")
        width, height = struct.unpack(">II", png[16:24])  # en-tête IHDR
        src = site_file(png, "assets/figures/figure", ".png", page_url, site_dir)
        attributes = f' src="{src}" width="{width}" height="{height}" loading="lazy" decoding="async"'
        return tag[:source.start()] + attributes + tag[source.end():]

    return IMG_TAG.sub(to_file, html)


def on_page_content(html, page, config, files):
    if not is_notebook(page):
        return html
    html = share_styles(html, page.url, config.site_dir)
    html = figure_files(html, page.url, config.site_dir)
    for name, pattern in (("MathJax 2", MATHJAX_BLOCK), ("Mermaid", MERMAID_BLOCK)):
        html, count = pattern.subn("", html)
        if count != 1:
            raise PluginError(
                f"{page.file.src_path} : bloc {name} du gabarit nbconvert trouvé {count} fois "
                "au lieu d'une. Le gabarit de mkdocs-jupyter a changé : adaptez "
                "hooks/notebooks.py pour qu'aucun script ne vienne d'un autre hôte."
            )
    for english, french in FRENCH_LABELS.items():
        html = html.replace(english, french)
    return arrange_cells(html)


def on_post_page(output, page, config):
    if is_notebook(page):
        notebook = jupytext.read(page.file.abs_src_path)
        notebook.metadata.setdefault(
            "kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"}
        )
        folder = Path(page.file.abs_dest_path).parent
        folder.mkdir(parents=True, exist_ok=True)
        # page.canonical_url et la page d'accueil : leurs adresses quand site_url est connu (DIGITLAB_SITE_URL).
        home = config.site_url and config.site_url.rstrip("/") + "/"
        for version, name in ((complete_version, page.ipynb_name), (student_version, page.student_ipynb_name)):
            jupytext.write(for_jupyter(version(notebook), page.canonical_url, home), folder / name, fmt="ipynb")
    return output
