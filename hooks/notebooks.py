"""Greffon MkDocs pour les chapitres-notebooks (pages produites par mkdocs-jupyter).

1. Téléchargement : mkdocs-jupyter (``include_source``) ne copie que la source, ici un ``.py``
   jupytext. Ce greffon écrit à côté de chaque page le notebook ``<nom>.ipynb`` (converti par
   jupytext, sans sorties : le lecteur l'exécute chez lui) ; ``overrides/main.html`` affiche le
   bouton de téléchargement grâce à ``page.ipynb_name``.

2. Aucun script externe : le gabarit nbconvert de mkdocs-jupyter insère dans chaque page un
   bloc MathJax 2 (``MathJax.Hub.Config``) et un module Mermaid qui importe depuis un CDN. Le
   site charge déjà MathJax 3, servi par lui-même, sur toutes les pages (voir ``mkdocs.yml``),
   et MathJax 3 ne doit pas être chargé deux fois : on retire ces deux blocs. Si le gabarit
   change (mise à jour de mkdocs-jupyter ou de nbconvert) et qu'un bloc n'est plus reconnu,
   la construction échoue au lieu de laisser passer une URL externe.

3. Les libellés anglais du bouton « copier » des cellules de code sont traduits.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
from mkdocs.exceptions import PluginError

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
        page.ipynb_name = Path(page.file.src_path).stem + ".ipynb"
    return page


def on_page_content(html, page, config, files):
    if not is_notebook(page):
        return html
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
    return html


def on_post_page(output, page, config):
    if is_notebook(page):
        notebook = jupytext.read(page.file.abs_src_path)
        notebook.metadata.setdefault(
            "kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"}
        )
        target = Path(page.file.abs_dest_path).parent / page.ipynb_name
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, target, fmt="ipynb")
    return output
