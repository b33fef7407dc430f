"""Les étiquettes des cellules : notebook complet, version élève, règles des exercices."""

import re
from pathlib import Path

import nbformat
import pytest

from sitetools.notebooks import (
    CHECK_TITLE,
    YOUR_TURN,
    complete_version,
    for_jupyter,
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
    your_turn = [c for c in student.cells if "your-turn" in c.metadata.get("tags", [])]
    assert [c.cell_type for c in your_turn] == ["markdown", "code"]
    assert your_turn[0].source.startswith(f"**{YOUR_TURN} :**")
    # Le code : l'exercice, puis la variable que la vérification lira (x vient d'une cellule d'avant).
    assert your_turn[1].source == (f"# {YOUR_TURN} : exercice 2 (énoncé ci-dessus).\n"
                                   "# La vérification qui suit lit ces variables : remplacez chaque ... "
                                   "par votre réponse.\ncarre = ...\n")
    # La vérification reste, juste après la cellule « À vous », gardée par require_answer ; son code,
    # qui contient la réponse attendue, arrive replié sous une ligne qui dit de l'exécuter.
    index = student.cells.index(your_turn[1])
    check = student.cells[index + 1]
    assert "check" in check.metadata["tags"]
    assert check.metadata["jupyter"] == {"source_hidden": True}
    lines = check.source.splitlines()
    assert lines[0].startswith(f"# {CHECK_TITLE} de l'exercice 2 : exécutez cette cellule, et ne lisez son code")
    assert lines[1:3] == ["from digitlab.exercises import require_answer",
                          'require_answer(globals(), "carre")  # votre réponse d\'abord']
    assert check.source.endswith(chapter.cells[9].source)
    assert "source_hidden" not in str(chapter.cells[9].metadata)  # l'original n'est pas modifié
    assert student.cells[-1].source == "## À suivre"
    nbformat.validate(student)


def run(cells, namespace):
    for cell in cells:
        if cell.cell_type == "code":
            exec(cell.source, namespace)


def test_a_student_who_has_not_answered_reads_what_to_write_in_french(chapter):
    """Exécutée telle quelle, la vérification dit quelle variable écrire (et non NameError) ;
    une réponse fausse reçoit le message de la vérification ; une juste passe."""
    from digitlab.exercises import AnswerMissing

    student = student_version(chapter)
    check_at = next(i for i, c in enumerate(student.cells) if "check" in c.metadata.get("tags", []))
    namespace = {}
    run(student.cells[:check_at], namespace)  # la cellule « À vous » telle quelle : carre = ...
    with pytest.raises(AnswerMissing) as err:
        run([student.cells[check_at]], namespace)
    assert str(err.value) == ("Réponse à compléter\u00a0: donnez une valeur à la variable «\u202fcarre\u202f» dans "
                              "la cellule «\u202fÀ vous\u202f» au-dessus, exécutez-la, puis relancez cette "
                              "vérification.")
    assert err.value._render_traceback_() == [f"AnswerMissing\u00a0: {err.value}"]  # Jupyter : le message seul
    namespace["carre"] = 42
    with pytest.raises(AssertionError, match="Ce n'est pas le carré de x."):
        run([student.cells[check_at]], namespace)
    namespace["carre"] = 1764
    run([student.cells[check_at]], namespace)


def test_an_answer_by_hand_that_a_check_reads_gets_a_code_cell():
    """Un exercice « à la main » dont la solution est du Markdown puis du code, suivi d'une
    vérification : l'élève a une cellule pour rédiger et une pour écrire la valeur vérifiée."""
    notebook = nbformat.v4.new_notebook(cells=[
        code("import numpy as np"),
        md("**Exercice 1 (à la main).** Où tombe le centre ? Écrivez `answer = (ligne, colonne)`.", "exercise"),
        md("Au milieu : (1,5 ; 1,5).", "solution"),
        code("answer = (1.5, 1.5)", "solution"),
        code("assert np.allclose(answer, (1.5, 1.5)), \"Ce n'est pas le centre.\"", "check"),
    ])
    student = student_version(notebook)
    your_turn = [c for c in student.cells if "your-turn" in c.metadata.get("tags", [])]
    assert [c.cell_type for c in your_turn] == ["markdown", "code"]
    assert your_turn[1].source.endswith("answer = ...\n")
    assert 'require_answer(globals(), "answer")' in student.cells[-1].source  # np vient d'avant : non demandé


@pytest.mark.parametrize("name", ["01_donnees", "04_convolution", "08_navigateur"])
def test_every_check_of_a_chapter_names_what_it_reads(name):
    """Dans les chapitres, chaque vérification de la version élève attend les variables que
    propose la cellule « À vous » juste avant elle, et rien que celles-là."""
    import jupytext

    from digitlab.data import PROJECT_ROOT

    student = student_version(jupytext.read(PROJECT_ROOT / "docs" / "chapitres" / f"{name}.py"))
    checks = [i for i, c in enumerate(student.cells) if "check" in c.metadata.get("tags", [])]
    assert checks
    for i in checks:
        proposed = [line.split(" = ...")[0] for cell in student.cells[:i][-3:]
                    if "your-turn" in cell.metadata.get("tags", []) and cell.cell_type == "code"
                    for line in cell.source.splitlines() if line.endswith(" = ...")]
        required = student.cells[i].source.splitlines()[2]
        assert proposed and required == ("require_answer(globals(), " + ", ".join(f'"{n}"' for n in proposed)
                                         + ")  # votre réponse d'abord")


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


def _numbers(text: str) -> set[str]:
    """Les nombres d'au moins deux chiffres d'un texte (« 18 496 », « 18\\,496 » → « 18496 »)."""
    joined = re.sub(r"(?<=\d)(?:[\s\u00a0\u202f]|\\,)(?=\d{3}\b)", "", text)
    return {m.replace(",", ".") for m in re.findall(r"\d+(?:[.,]\d+)?", joined) if len(m) >= 2}


@pytest.mark.parametrize("path", sorted((Path(__file__).parents[2] / "docs" / "chapitres").glob("*.py")),
                         ids=lambda p: p.stem)
def test_a_failed_check_gives_a_hint_not_the_answer(path):
    """Le message d'une vérification qui échoue aide à chercher ; il ne recopie pas un nombre que la
    solution trouve et que l'énoncé ne donnait pas (« On attend 50 186 paramètres. » ôtait tout
    l'intérêt de l'exercice)."""
    import ast

    import jupytext

    cells = jupytext.read(path).cells
    for index, cell in enumerate(cells):
        if "check" not in cell.metadata.get("tags", []):
            continue
        start = index
        while start > 0 and "solution" in cells[start - 1].metadata.get("tags", []):
            start -= 1
        solution = "\n".join(c.source for c in cells[start:index] if c.cell_type == "markdown")
        statement = cells[start - 1].source  # ce que l'énoncé donne, le message peut le redire
        messages = " ".join(node.msg.value if isinstance(node.msg, ast.Constant) else ast.unparse(node.msg)
                            for node in ast.walk(ast.parse(cell.source))
                            if isinstance(node, ast.Assert) and node.msg is not None)
        assert not (_numbers(messages) & _numbers(solution)) - _numbers(statement), (path.stem, cell.source)


def test_a_downloaded_notebook_points_to_the_site_not_to_nowhere():
    """Dans Jupyter, loin du site : un lien relatif vers une autre page devient absolu si l'adresse
    de la page est connue, son seul texte sinon ; un labo, que seul le site remplit, devient une note."""
    notebook = nbformat.v4.new_notebook(cells=[
        md("Voir le [**glossaire**](../../glossaire/#poids), la [démo](../../demo/) et\n"
           "![Un 7.](../../assets/sept.png) ; [ailleurs](https://example.org/) et [ici](#plus-bas)."),
        md("Dessinez :\n\n<div data-lab=\"convolution\"></div>\n\n<div data-demo=\"pad\"></div>"),
        code("x = '](../../demo/)'"),
    ])
    online = for_jupyter(notebook, "https://prof.example.fr/lire/chapitres/04_convolution/", "https://prof.example.fr/lire/")
    # Avant la première cellule de code, ce qu'il faut pour exécuter le notebook, lien compris.
    note = online.cells.pop(2).source
    assert note.startswith("**Avant d'exécuter ce notebook.** Il utilise `digitlab`")
    assert "](https://prof.example.fr/lire/#executer-les-chapitres-chez-soi)" in note
    assert online.cells[0].source == (
        "Voir le [**glossaire**](https://prof.example.fr/lire/glossaire/#poids), la "
        "[démo](https://prof.example.fr/lire/demo/) et\n![Un 7.](https://prof.example.fr/lire/assets/sept.png) ; "
        "[ailleurs](https://example.org/) et [ici](#plus-bas).")
    assert online.cells[1].source == (
        "Dessinez :\n\n> **Labo interactif.** Il tourne dans [la page web du chapitre]"
        "(https://prof.example.fr/lire/chapitres/04_convolution/), dans votre navigateur : Jupyter ne "
        "l'affiche pas.\n\n> **Pad de dessin.** Il tourne dans [la page web du chapitre]"
        "(https://prof.example.fr/lire/chapitres/04_convolution/), dans votre navigateur : Jupyter ne "
        "l'affiche pas.")
    # Le lien de la note mène à la page d'accueil quelle que soit la profondeur de la page.
    shallow = for_jupyter(notebook, "https://prof.example.fr/lire/mon_chapitre/", "https://prof.example.fr/lire/")
    assert shallow.cells[2].source == note
    offline = for_jupyter(notebook, None)
    assert "la section Exécuter les chapitres chez soi de la page d'accueil" in offline.cells.pop(2).source
    assert offline.cells[0].source.startswith("Voir le **glossaire**, la démo et\n![Un 7.](../../assets/sept.png)")
    assert "la page web de ce chapitre" in offline.cells[1].source and "<div" not in offline.cells[1].source
    assert online.cells[2].source == offline.cells[2].source == notebook.cells[2].source  # le code intact
    assert notebook.cells[0].source.startswith("Voir le [**glossaire**](../../")  # l'original non modifié


def test_a_comprehension_variable_is_never_asked_for():
    """La solution et la vérification comptent toutes deux avec « for i in … » : ``i`` n'existe
    que dans chaque compréhension, la cellule « À vous » ne le propose pas."""
    notebook = nbformat.v4.new_notebook(cells=[
        md("**Exercice 1 (avec le code).** Les carrés de 0 à 4 ?", "exercise"),
        code("squares = [i * i for i in range(5)]", "solution"),
        code('assert squares == [i ** 2 for i in range(5)], "Pas encore."', "check"),
    ])
    student = student_version(notebook)
    assert student.cells[1].source.endswith("\nsquares = ...\n")
    assert 'require_answer(globals(), "squares")  #' in student.cells[2].source


def test_an_answer_that_an_earlier_cell_already_defines_is_refused():
    """La solution recalcule ``levels``, que le chapitre a déjà défini : la vérification de la
    version élève jugerait l'ancienne valeur, et un élève qui n'a rien écrit passerait. Une
    variable locale d'une fonction du chapitre, elle, ne compte pas."""
    cells = [
        code("def quantize(bits):\n    levels = 2 ** bits\n    return levels"),
        md("**Exercice 1 (avec le code).** Combien de niveaux sur 3 bits ?", "exercise"),
        code("levels = quantize(3)", "solution"),
        code('assert levels == 8, "Pas encore."', "check"),
    ]
    assert structure_problems(nbformat.v4.new_notebook(cells=cells)) == []
    student = student_version(nbformat.v4.new_notebook(cells=cells))
    assert 'require_answer(globals(), "levels")' in student.cells[-1].source
    cells.insert(0, code("levels = 4"))
    problems = structure_problems(nbformat.v4.new_notebook(cells=cells))
    assert len(problems) == 1 and problems[0].startswith("exercice 1 : la vérification lit «\u00a0levels\u00a0»")
    # Importer de nouveau, dans la solution, un module que la vérification utilise est sans danger.
    cells[0] = code("import math")
    cells[3] = code("import math\nlevels = quantize(3)", "solution")
    cells[4] = code('assert levels == math.prod([2, 2, 2]), "Pas encore."', "check")
    assert structure_problems(nbformat.v4.new_notebook(cells=cells)) == []


def test_a_function_the_solution_imports_is_given_not_asked_for():
    """La solution importe une fonction du paquet que rien avant n'importe, et la vérification
    l'appelle : la cellule « À vous » donne l'import et ne demande que la réponse ; la fonction
    n'est pas présentée comme une variable à écrire."""
    notebook = nbformat.v4.new_notebook(cells=[
        code("import numpy as np"),
        md("**Exercice 1 (avec le code).** Moyenne des pixels ?", "exercise"),
        code("from statistics import fmean\nfrom math import pi\nmean = fmean([1, 2, 3])", "solution"),
        code('assert abs(mean - fmean([1, 2, 3])) < 1e-12 and np.isfinite(mean), "Pas encore."', "check"),
    ])
    student = student_version(notebook)
    turn = student.cells[2].source
    assert "from statistics import fmean\n" in turn and "pi" not in turn  # seul l'import que lit la vérification
    assert turn.endswith("\nmean = ...\n") and "fmean = ..." not in turn
    assert 'require_answer(globals(), "mean")' in student.cells[3].source
    # La cellule « À vous » remplie (son import gardé) passe la vérification.
    answer = turn.replace("mean = ...", "mean = 2.0")
    scope = {}
    for source in ("import numpy as np", answer, student.cells[3].source):
        exec(source, scope)
