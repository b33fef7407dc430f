"""Les conventions des chapitres (README, issues 8 et 15), vérifiées sur leurs sources jupytext.

Rapide (aucune exécution) : un chapitre qui oublie son encadré d'ouverture, « L'essentiel », la
description d'une figure ou le marquage de ses exercices est signalé avant même la construction.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

CHAPTERS = sorted((Path(__file__).resolve().parent.parent / "docs" / "chapitres").glob("*.py"))
EXERCISE = re.compile(r"^\*\*Exercice (\d+) \((à la main|avec le code)\)\.\*\*")


def cells(path):
    return jupytext.read(path).cells


def tags(cell):
    return set(cell.metadata.get("tags", []))


@pytest.fixture(params=CHAPTERS, ids=lambda path: path.stem)
def chapter(request):
    return request.param


def test_chapters_exist():
    assert len(CHAPTERS) >= 3


def test_opens_with_the_lesson_goals_box(chapter):
    first = cells(chapter)[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "un titre d'abord"
    assert 'class="admonition abstract lesson-goals"' in first.source
    for item in ("**Vous saurez**", "**Prérequis**", "**Durée**"):
        assert item in first.source, f"{chapter.name} : « {item} » manque dans l'encadré"
    assert re.search(r"\*\*Durée\*\* : environ \d+ min de lecture, \d+ (s|min) d'exécution",
                     first.source), "la durée dit le temps de lecture et le temps d'exécution"


def test_ends_like_a_lesson(chapter):
    markdown = "\n".join(c.source for c in cells(chapter) if c.cell_type == "markdown")
    headings = [h for h in re.findall(r"^## (.+)$", markdown, re.M)
                if h in ("L'essentiel", "Questions de révision", "Exercices", "À suivre")]
    assert headings == ["L'essentiel", "Questions de révision", "Exercices", "À suivre"], headings
    essentials = markdown.split("## L'essentiel", 1)[1].split("## Questions de révision", 1)[0]
    sentences = re.findall(r"[.!?](?:\s|$)", re.sub(r"\$[^$]*\$", "x", essentials))
    assert 5 <= len(sentences) <= 8, f"{chapter.name} : « L'essentiel » a {len(sentences)} phrases"


def test_figures_are_shown_with_a_description_and_numbers_written_in_french(chapter):
    code = "\n".join(c.source for c in cells(chapter) if c.cell_type == "code")
    assert "plt.show(" not in code, "chaque figure passe par show(fig, description)"
    assert "use_style()" in code
    assert '.replace(".", ",")' not in code, "les nombres passent par digitlab.fmt"
    assert "Durée d'exécution" not in code and "chapter_start" not in code


def test_exercises_are_tagged_and_solved_by_executed_cells(chapter):
    chapter_cells = cells(chapter)
    numbers = []
    for i, cell in enumerate(chapter_cells):
        if "exercise" not in tags(cell):
            continue
        assert cell.cell_type == "markdown"
        match = EXERCISE.match(cell.source.lstrip("# ").strip())
        assert match, f"{chapter.name} : énoncé mal formé : {cell.source[:60]!r}"
        numbers.append(int(match.group(1)))
        following = chapter_cells[i + 1]
        assert "solution" in tags(following), f"exercice {match.group(1)} sans solution"
        solution_cells = [c for c in chapter_cells[i + 1:i + 4] if "solution" in tags(c)]
        if match.group(2) == "avec le code":
            assert any(c.cell_type == "code" for c in solution_cells), \
                f"exercice {match.group(1)} : la solution doit être du code exécuté"
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 3, numbers
    assert "<details><summary>Solution</summary>" not in "".join(c.source for c in chapter_cells)


def test_hidden_assertions_name_their_sentence(chapter):
    hidden = [c for c in cells(chapter) if "hide" in tags(c)]
    assert hidden, f"{chapter.name} : aucune phrase n'est tenue par une assertion cachée"
    for cell in hidden:
        assert cell.cell_type == "code" and "assert" in cell.source
        for statement in re.split(r"(?m)^(?=assert )", cell.source):
            if statement.startswith("assert "):
                assert "«" in statement, \
                    f"{chapter.name} : le message cite la phrase tenue : {statement[:80]!r}"
        # Une cellule cachée qui avalerait la suite du texte (des lignes « # … » de Markdown)
        # retirerait ce texte de la page sans bruit.
        prose = [line for line in cell.source.splitlines() if re.match(r"#( #|$)", line)]
        assert not prose, f"{chapter.name} : du texte est pris dans une cellule cachée : {prose}"


def test_a_chapter_that_reads_the_demo_model_says_so_first(chapter):
    """Un chapitre qui lit les modèles ou les mesures du dépôt vérifie d'abord qu'ils sont là
    (require_project_files) : exécuté hors du dépôt, il le dit en français au lieu d'une erreur
    anglaise de Keras ou de pathlib."""
    code = "\n".join(c.source for c in cells(chapter) if c.cell_type == "code")
    reads = [m.start() for m in re.finditer(r"load_model\(keras_path|METRICS_PATH\.read_text|BENCHMARKS_DIR /", code)]
    if not reads:
        return
    check = code.find("require_project_files(")
    assert 0 <= check < min(reads), f"{chapter.name} lit les fichiers du dépôt sans require_project_files avant"
