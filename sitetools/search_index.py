"""La recherche du site trouve un mot tapé sans ses accents (« reseau », « epoque »), et mène à la
section où il est écrit.

La recherche de Material (lunr, avec la racinisation française) compare les mots tels qu'ils sont
écrits : « reseau » ne trouvait qu'une page sur treize, « epoque » aucune. Sur un téléphone, ou
par habitude, beaucoup d'élèves tapent sans accents. Après la construction, :func:`add_folded_field`
ajoute à chaque document de l'index un champ ``folded`` : ses mots accentués, écrits sans accents.
Ce champ sert à chercher, jamais à afficher (Material montre le titre et le texte) ; un mot tapé
avec ses accents trouve toujours le texte d'origine.

Le greffon ``search`` de Material découpe chaque page en sections, une par titre. Dans un chapitre
rendu par nbconvert, chaque cellule est un bloc ``div`` : le titre d'une cellule Markdown n'y
gouvernait que la fin de sa propre cellule, et tout le reste (le code, les cellules Markdown
suivantes) retombait dans la première entrée de la page. Un mot lu au milieu du chapitre menait
donc à son haut ; et chaque cellule de code était indexée deux fois, avec la copie cachée que lit
le bouton « Copier ». Le greffon lit donc la page sous la forme que donne :func:`searchable_html` :
blocs aplatis, copies retirées.
"""

from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup

#: Le nom du champ ajouté, et son poids dans le classement (celui du texte).
FIELD = "folded"
BOOST = 1.0

#: Ce que la recherche ne lit pas : la copie en texte brut de chaque cellule de code (le code
#: est déjà lu dans son bloc ``<pre>``) et le bouton « Copier » de mkdocs-jupyter (« Copié ! »).
NOT_SEARCHED = ".clipboard-copy-txt, clipboard-copy"

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` sans accents ni cédilles, ligatures œ et æ décomposées : « Épreuve, cœur, reçu »
    devient « Epreuve, coeur, recu »."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def folded_words(text: str) -> str:
    """Les mots de ``text`` que :func:`fold` change, sans accents, une fois chacun (triés)."""
    words = set(_WORD.findall(text))
    return " ".join(sorted({folded for folded, word in zip(map(fold, words), words) if folded != word}))


def add_folded_field(index: dict) -> dict:
    """L'index de recherche de Material (``search_index.json`` lu) avec le champ :data:`FIELD` :
    déclaré dans sa configuration, rempli pour chaque document qui a des mots accentués."""
    index["config"].setdefault("fields", {})[FIELD] = {"boost": BOOST}
    for doc in index["docs"]:
        words = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
        if words:
            doc[FIELD] = words
    return index


def searchable_html(html: str) -> str:
    """Le contenu d'une page tel que la recherche doit le lire : sans :data:`NOT_SEARCHED`, et sans
    ses blocs ``div``, dont le texte reste en place. Chaque titre se retrouve ainsi au même niveau
    que le texte qui le suit, jusqu'au titre suivant, quelle que soit la cellule qui le porte."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(NOT_SEARCHED):
        element.decompose()
    for block in soup.find_all("div"):
        block.unwrap()
    return str(soup)
