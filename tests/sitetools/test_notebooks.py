"""Les étiquettes des cellules : notebook complet, version élève, règles des exercices."""

import nbformat
import pytest

from sitetools.notebooks import (
    YOUR_TURN,
    complete_version,
    structure_problems,
    student_version,
)


def code(source, *tags):
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def md(source, *tags):
    cell = nbformat.v4.new_markdown_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


@pytest.fixture
def chapter():
    return nbformat.v4.new_notebook(cells=[
        md("# Un chapitre"),
        code("x = 21 * 2"),
        md("Le résultat vaut 42."),
        code('assert x == 42, "« Le résultat vaut 42 » n\'est plus vrai"', "hide"),
        md("**Exercice 1 (à la main).** Combien font **3 × 4** ?", "exercise"),
        md("3 × 4 = 12.", "solution"),
        md("**Exercice 2 (avec le code).** Rangez le carré de `x` dans `carre`.", "exercise"),
        code("carre = x ** 2", "solution"),
        code("print(carre)", "solution"),
        code('assert carre == 1764, "Ce n\'est pas le carré de x."', "check"),
        md("## À suivre"),
    ])


def test_complete_version_drops_only_hidden_cells(chapter):
    complete = complete_version(chapter)
    assert len(complete.cells) == len(chapter.cells) - 1
    assert not any("hide" in c.metadata.get("tags", []) for c in complete.cells)
    assert any(c.source == "carre = x ** 2" for c in complete.cells)
    assert len(chapter.cells) == 11  # l'original n'est pas modifié


def test_student_version_has_no_solution_and_a_your_turn_cell_per_exercise(chapter):
    student = student_version(chapter)
    sources = [c.source for c in student.cells]
    for solution in ("3 × 4 = 12.", "carre = x ** 2", "print(carre)"):
        assert solution not in sources
    your_turn = [c for c in student.cells if c.source.lstrip("#* ").startswith(YOUR_TURN)]
    assert [c.cell_type for c in your_turn] == ["markdown", "code"]
    assert "Rangez le carré de `x` dans `carre`" in your_turn[1].source  # l'énoncé, sans le gras
    assert "**" not in your_turn[1].source
    assert all(line.startswith("# ") for line in your_turn[1].source.splitlines())
    # La vérification reste, juste après la cellule « À vous ».
    index = student.cells.index(your_turn[1])
    assert "check" in student.cells[index + 1].metadata["tags"]
    assert student.cells[-1].source == "## À suivre"
    nbformat.validate(student)


def test_a_well_formed_chapter_has_no_problem(chapter):
    assert structure_problems(chapter) == []


@pytest.mark.parametrize("cells, message", [
    ([code("y = 1", "solution")], "doit suivre l'énoncé"),
    ([md("**Exercice 1 (à la main).** …", "exercise"), md("Texte")], "n'a pas de solution"),
    ([md("**Exercice 1.** …", "exercise")], "n'a pas de solution"),
    ([md("Exercice sans titre", "exercise"), md("Réponse", "solution")], "commence par"),
    ([code("assert True", "check")], "vérification"),
])
def test_malformed_exercises_are_reported(cells, message):
    notebook = nbformat.v4.new_notebook(cells=cells)
    problems = structure_problems(notebook)
    assert problems and any(message in p for p in problems), problems
