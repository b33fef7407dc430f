"""Les chapitres, cellule par cellule : la page, le notebook complet et la version élève.

Un chapitre est un fichier jupytext (``docs/chapitres/NN_nom.py``). Quelques étiquettes de cellule
(``# %% tags=["…"]``) disent ce que chaque cellule devient :

==============  ===================================================================================
``hide``        exécutée à la construction (une assertion qui garde une phrase vraie, par exemple),
                absente de la page et des notebooks téléchargés ;
``exercise``    l'énoncé d'un exercice (cellule Markdown qui commence par « **Exercice N (…).** ») ;
``solution``    la solution (code exécuté à la construction, ou Markdown pour un exercice à la main),
                montrée sur la page dans un bloc « Solution » fermé ; dans la version élève, elle
                devient une cellule « À vous : … » qui reprend l'énoncé ;
``check``       facultative, après une solution : des assertions aux messages en français qui disent
                à l'élève si sa réponse est juste (elle passe avec la solution).
==============  ===================================================================================

:func:`complete_version` et :func:`student_version` fabriquent les deux téléchargements ;
:func:`structure_problems` vérifie qu'un chapitre suit ces règles (la construction échoue sinon).
"""

from __future__ import annotations

import copy
import re
import textwrap

import nbformat

HIDE, EXERCISE, SOLUTION, CHECK = "hide", "exercise", "solution", "check"
#: Le début de chaque cellule « À vous » de la version élève.
YOUR_TURN = "À vous"
STUDENT_SUFFIX = "_eleve"
_EXERCISE_TITLE = re.compile(r"^\s*\*\*Exercice\b")


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _new_cell(kind: str, source: str):
    return nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)


def _statement_text(cell) -> str:
    """L'énoncé d'un exercice en texte simple : sans gras, italique, ni balises, sur une ligne."""
    text = re.sub(r"<[^>]+>", "", cell.source)
    text = re.sub(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", text)
    return " ".join(text.split())


def complete_version(notebook):
    """Le notebook complet, tel qu'on le télécharge : toutes les cellules sauf les cellules ``hide``."""
    out = copy.deepcopy(notebook)
    out.cells = [cell for cell in out.cells if HIDE not in tags(cell)]
    return out


def student_version(notebook):
    """La version élève : le notebook complet où chaque solution devient une cellule « À vous ».

    Des cellules ``solution`` qui se suivent deviennent une seule cellule « À vous » du même type
    que la première : un commentaire qui reprend l'énoncé (code), ou une invite à rédiger
    (Markdown). Les cellules ``check`` restent : l'élève les exécute pour vérifier sa réponse.
    """
    out = complete_version(notebook)
    cells, statement, previous_was_solution = [], "", False
    for cell in out.cells:
        cell_tags = tags(cell)
        if EXERCISE in cell_tags:
            statement = _statement_text(cell)
        if SOLUTION not in cell_tags:
            cells.append(cell)
            previous_was_solution = False
            continue
        if previous_was_solution:
            continue  # la suite d'une même solution
        previous_was_solution = True
        if cell.cell_type == "code":
            lines = textwrap.wrap(f"{YOUR_TURN} : {statement}", width=92) or [f"{YOUR_TURN} :"]
            source = "\n".join(f"# {line}" for line in lines) + "\n"
        else:
            source = f"**{YOUR_TURN} :** écrivez votre réponse ici."
        student = _new_cell(cell.cell_type, source)
        student.metadata["tags"] = ["your-turn"]
        cells.append(student)
    out.cells = cells
    return out


def structure_problems(notebook) -> list[str]:
    """Ce qui ne suit pas les règles des exercices (liste vide si tout va bien)."""
    problems = []
    state = None  # None, "exercise", "solution", "check"
    for index, cell in enumerate(notebook.cells, start=1):
        cell_tags = tags(cell) - {HIDE}
        where = f"cellule {index}"
        if EXERCISE in cell_tags:
            if cell.cell_type != "markdown" or not _EXERCISE_TITLE.match(cell.source):
                problems.append(f"{where} : un énoncé (exercise) est une cellule Markdown qui commence "
                                "par « **Exercice N (…).** »")
            if state == "exercise":
                problems.append(f"{where} : l'exercice précédent n'a pas de solution")
            state = "exercise"
        elif SOLUTION in cell_tags:
            if state not in ("exercise", "solution"):
                problems.append(f"{where} : une solution doit suivre l'énoncé de son exercice")
            state = "solution"
        elif CHECK in cell_tags:
            if cell.cell_type != "code" or state != "solution":
                problems.append(f"{where} : une vérification (check) est une cellule de code qui suit "
                                "une solution")
            state = "check"
        elif HIDE not in tags(cell):
            if state == "exercise":
                problems.append(f"cellule {index - 1} : l'exercice n'a pas de solution")
            state = None
    if state == "exercise":
        problems.append("dernière cellule : l'exercice n'a pas de solution")
    return problems
