"""Les exercices des notebooks élèves : une vérification qui attend d'abord votre réponse.

Dans la version élève d'un chapitre, chaque cellule « À vous » propose les variables que la
vérification suivante lira (``on_sevens = ...``), et la vérification commence par
:func:`require_answer` : tant qu'une de ces variables manque ou vaut encore ``...``, elle dit en
français ce qu'il reste à écrire, au lieu d'une ``NameError`` anglaise ou d'une comparaison
absurde avec ``...``.
"""

from __future__ import annotations

from .errors import MessageOnly


class AnswerMissing(MessageOnly, Exception):
    """Une réponse d'exercice pas encore écrite. Jupyter n'en montre que le message."""


def require_answer(namespace: dict, *names: str) -> None:
    """Vérifie que ``namespace`` (``globals()`` du notebook) définit chacune des variables ``names``,
    autrement que par ``...`` ; sinon :class:`AnswerMissing`, qui les nomme."""
    missing = [name for name in names if namespace.get(name, ...) is ...]
    if missing:
        listed = ", ".join(f"«\u202f{name}\u202f»" for name in missing)
        what = "la variable" if len(missing) == 1 else "les variables"
        raise AnswerMissing(f"Réponse à compléter\u00a0: donnez une valeur à {what} {listed} dans la cellule "
                            "«\u202fÀ vous\u202f» au-dessus, exécutez-la, puis relancez cette vérification.")
