"""La recherche du site trouve un mot tapé sans ses accents (« reseau », « epoque »).

La recherche de Material (lunr, avec la racinisation française) compare les mots tels qu'ils sont
écrits : « reseau » ne trouvait qu'une page sur treize, « epoque » aucune. Sur un téléphone, ou
par habitude, beaucoup d'élèves tapent sans accents. Après la construction, :func:`add_folded_field`
ajoute à chaque document de l'index un champ ``folded`` : ses mots accentués, écrits sans accents.
Ce champ sert à chercher, jamais à afficher (Material montre le titre et le texte) ; un mot tapé
avec ses accents trouve toujours le texte d'origine.
"""

from __future__ import annotations

import re
import unicodedata

#: Le nom du champ ajouté, et son poids dans le classement (celui du texte).
FIELD = "folded"
BOOST = 1.0

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
