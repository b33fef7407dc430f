"""Les chapitres, cellule par cellule : la page, le notebook complet et la version élève.

Un chapitre est un fichier jupytext (``docs/chapitres/NN_nom.py``). Quelques étiquettes de cellule
(``# %% tags=["…"]``) disent ce que chaque cellule devient :

==============  ===================================================================================
``hide``        exécutée à la construction (une assertion qui garde une phrase vraie, par exemple),
                absente de la page et des notebooks téléchargés ;
``exercise``    l'énoncé d'un exercice (cellule Markdown qui commence par « **Exercice N (…).** ») ;
``solution``    la solution (code exécuté à la construction, ou Markdown pour un exercice à la main),
                montrée sur la page dans un bloc « Solution » fermé ; dans la version élève, elle
                devient une cellule « À vous » qui propose les variables que la vérification lira ;
``check``       facultative, après une solution : des assertions aux messages en français qui disent
                à l'élève si sa réponse est juste (elle passe avec la solution) ; dans la version
                élève, elle attend d'abord la réponse (:mod:`digitlab.exercises`).
==============  ===================================================================================

:func:`complete_version` et :func:`student_version` fabriquent les deux téléchargements, que
:func:`for_jupyter` adapte à une lecture loin du site ;
:func:`structure_problems` vérifie qu'un chapitre suit ces règles (la construction échoue sinon).
"""

from __future__ import annotations

import ast
import copy
import re

import nbformat

HIDE, EXERCISE, SOLUTION, CHECK = "hide", "exercise", "solution", "check"
#: Le début de chaque cellule « À vous » de la version élève.
YOUR_TURN = "À vous"
#: Le début de chaque vérification de la version élève.
CHECK_TITLE = "Vérification"
STUDENT_SUFFIX = "_eleve"
_EXERCISE_TITLE = re.compile(r"^\s*\*\*Exercice\b")


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _new_cell(kind: str, source: str):
    return nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)


def _exercise_number(cell) -> str | None:
    """Le numéro d'un énoncé (« **Exercice 2 (avec le code).** » → « 2 »)."""
    match = re.search(r"Exercice\s+(\d+)", cell.source)
    return match.group(1) if match else None


def _module_nodes(tree):
    """Les nœuds du code au niveau du notebook : ni le corps d'une fonction ou d'une classe (ses
    variables y sont locales), ni celui d'une lambda ; la définition elle-même en fait partie."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _names(source: str, stored: bool) -> list[str]:
    """Les noms qu'un code affecte (``stored``) ou lit au niveau du notebook, dans l'ordre ; rien
    s'il ne se lit pas. Les variables d'une fonction, ou d'une compréhension
    (``[f(i) for i in …]``), n'en sont pas : elles n'existent que là."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    nodes = list(_module_nodes(tree))
    local = {name.id for node in nodes if isinstance(node, ast.comprehension)
             for name in ast.walk(node.target) if isinstance(name, ast.Name)}
    found = []
    for node in nodes:
        if stored and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = node.name
        elif stored and isinstance(node, (ast.Import, ast.ImportFrom)):
            found += _import_names(node)
            continue
        elif (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store if stored else ast.Load)
              and node.id not in local):
            name = node.id
        else:
            continue
        found.append(name)
    return list(dict.fromkeys(found))


def _import_names(node) -> list[str]:
    """Les noms qu'une instruction ``import`` définit (``import numpy as np`` → ``np``)."""
    return [(alias.asname or alias.name).split(".")[0] for alias in node.names]


def _imported(source: str) -> set[str]:
    """Les noms qu'un code importe."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
            for name in _import_names(node)}


def answer_names(solution_cells, check_cell, defined) -> list[str]:
    """Les variables qu'une vérification lit et que seule la solution définit (pas une cellule
    précédente, ``defined``, ni la vérification elle-même) : ce que l'élève doit écrire pour que
    la vérification le juge. Un nom que la solution importe n'en est pas : l'import est donné
    (:func:`given_imports`)."""
    imported = {name for line in given_imports(solution_cells, check_cell, defined)
                for name in _names(line, True)}
    return [name for name in _checked(solution_cells, check_cell) if name not in defined | imported]


def given_imports(solution_cells, check_cell, defined) -> list[str]:
    """Les instructions ``import`` de la solution dont la vérification lit un nom que rien avant ne
    définit (``from digitlab.conv import convolve`` pour une vérification qui appelle ``convolve``) :
    la cellule « À vous » les donne, pour ne pas demander une fonction du paquet comme une réponse."""
    read = set(_checked(solution_cells, check_cell)) - set(defined)
    lines = []
    for cell in solution_cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        lines += [ast.get_source_segment(cell.source, node) for node in tree.body
                  if isinstance(node, (ast.Import, ast.ImportFrom)) and read & set(_import_names(node))]
    return list(dict.fromkeys(lines))


def _checked(solution_cells, check_cell) -> list[str]:
    """Les variables que la solution définit et que la vérification lit sans les définir elle-même,
    dans l'ordre de la solution."""
    made = [name for cell in solution_cells if cell.cell_type == "code" for name in _names(cell.source, True)]
    read = set(_names(check_cell.source, False)) - set(_names(check_cell.source, True))
    return [name for name in dict.fromkeys(made) if name in read]


def _your_turn(kind: str, number: str | None, names: list[str], imports: list[str] = ()):
    """Une cellule « À vous » : en Markdown, une invite à rédiger ; en code, l'exercice, les imports
    que la vérification demande (:func:`given_imports`) et, s'il a une vérification, les variables
    qu'elle lira, à compléter."""
    if kind == "markdown":
        cell = _new_cell("markdown", f"**{YOUR_TURN} :** écrivez votre réponse ici.")
    else:
        head = f"# {YOUR_TURN} : exercice {number} (énoncé ci-dessus)." if number else f"# {YOUR_TURN} :"
        if imports:
            head += "\n" + "\n".join(imports)
        if names:
            head += "\n# La vérification qui suit lit ces variables : remplacez chaque ... par votre réponse.\n"
            head += "\n".join(f"{name} = ..." for name in names)
        cell = _new_cell("code", head + "\n")
    cell.metadata["tags"] = ["your-turn"]
    return cell


def _guarded(check_cell, number: str | None, names: list[str]):
    """La vérification de la version élève. Son code peut trahir ce qu'on attend : il arrive replié
    (``source_hidden``, que JupyterLab et Notebook respectent), sous une ligne qui invite à
    l'exécuter sans le lire. Tant que la réponse manque, :func:`digitlab.exercises.require_answer`
    le dit en français plutôt que par une erreur anglaise."""
    cell = copy.deepcopy(check_cell)
    what = f"l'exercice {number}" if number else "l'exercice"
    head = (f"# {CHECK_TITLE} de {what} : exécutez cette cellule, et ne lisez son code qu'après avoir "
            "cherché (il peut trahir la réponse).\n")
    if names:
        quoted = ", ".join(f'"{name}"' for name in names)
        head += ("from digitlab.exercises import require_answer\n"
                 f"require_answer(globals(), {quoted})  # votre réponse d'abord\n")
    cell.source = head + "\n" + cell.source
    cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return cell


# Un lien Markdown vers une autre page du site (« [glossaire](../../glossaire/#poids) »), image exclue.
_SITE_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((\.\./[^)\s]*)\)")
# Une image du site (« ![…](../assets/…) »).
_SITE_IMAGE = re.compile(r"(!\[[^\]]*\]\()(\.\./[^)\s]*)\)")
# Un labo ou le pad de la démo, que le JavaScript du site remplit.
_WIDGET = re.compile(r'<div data-(lab|demo)="[^"]*"></div>')
_WIDGET_NAMES = {"lab": "Labo interactif", "demo": "Pad de dessin"}


def _widget_note(kind: str, page_url: str | None) -> str:
    where = f"[la page web du chapitre]({page_url})" if page_url else "la page web de ce chapitre"
    return f"> **{_WIDGET_NAMES[kind]}.** Il tourne dans {where}, dans votre navigateur : Jupyter ne l'affiche pas."


#: Où la page d'accueil du site explique comment exécuter les chapitres chez soi.
RUN_SECTION = "#executer-les-chapitres-chez-soi"


def run_note(home_url: str | None) -> str:
    """La note placée avant la première cellule de code d'un notebook téléchargé : ce qu'il faut
    pour l'exécuter. Son lien mène à la page d'accueil du site (``home_url``, son adresse absolue),
    quelle que soit la profondeur du chapitre ; sans adresse connue, la section est nommée en clair."""
    section = "Exécuter les chapitres chez soi"
    where = f"[{section}]({home_url}{RUN_SECTION})" if home_url else section
    return ("**Avant d'exécuter ce notebook.** Il utilise `digitlab`, le paquet du projet : ouvrez-le dans "
            "une copie du dépôt où vous avez lancé `pip install -r requirements.txt && pip install -e .` "
            f"(la section {where} de la page d'accueil du site le détaille).")


def for_jupyter(notebook, page_url: str | None, home_url: str | None = None):
    """Le notebook tel qu'on le télécharge, lu dans Jupyter, loin du site : une note dit, avant la
    première cellule de code, ce qu'il faut pour l'exécuter (:func:`run_note`, avec un lien vers
    ``home_url``, l'adresse de la page d'accueil, si elle est connue) ; les liens vers les autres
    pages deviennent absolus quand l'adresse de la page est connue (``site_url`` de MkDocs), sinon
    leur texte seul (un chemin relatif ne mène nulle part dans Jupyter) ; un labo ou le pad, que
    seul le JavaScript du site sait remplir, devient une note qui dit où le trouver."""
    from urllib.parse import urljoin

    out = copy.deepcopy(notebook)
    first_code = next((i for i, cell in enumerate(out.cells) if cell.cell_type == "code"), None)
    if first_code is not None:
        out.cells.insert(first_code, _new_cell("markdown", run_note(home_url)))
    for cell in out.cells:
        if cell.cell_type != "markdown":
            continue
        source = _WIDGET.sub(lambda m: _widget_note(m.group(1), page_url), cell.source)
        if page_url:
            source = _SITE_LINK.sub(lambda m: f"[{m.group(1)}]({urljoin(page_url, m.group(2))})", source)
            source = _SITE_IMAGE.sub(lambda m: f"{m.group(1)}{urljoin(page_url, m.group(2))})", source)
        else:
            source = _SITE_LINK.sub(lambda m: m.group(1), source)
        cell.source = source
    return out


def complete_version(notebook):
    """Le notebook complet, tel qu'on le télécharge : toutes les cellules sauf les cellules ``hide``."""
    out = copy.deepcopy(notebook)
    out.cells = [cell for cell in out.cells if HIDE not in tags(cell)]
    return out


def _after_solutions(cells):
    """Parcourt ``cells`` (celles d'une version complète) comme la version élève les voit. Pour
    chaque cellule qui n'est pas une solution, donne ``(cellule, solution, numéro, définis)`` : les
    cellules de la solution qui la précède juste (liste vide sinon), le numéro de son exercice et
    les noms que le code d'avant définit (solutions exclues : l'élève ne les a pas). Un notebook qui
    finit par une solution donne encore ``(None, solution, numéro, définis)``."""
    run, number, defined = [], None, set()
    for cell in cells:
        if SOLUTION in tags(cell):
            run.append(cell)
            continue
        yield cell, run, number, defined
        run = []
        if EXERCISE in tags(cell):
            number = _exercise_number(cell)
        if cell.cell_type == "code":
            defined = defined | set(_names(cell.source, True))
    if run:
        yield None, run, number, defined


def student_version(notebook):
    """La version élève : le notebook complet où chaque solution devient des cellules « À vous ».

    Les cellules ``solution`` d'un exercice deviennent une cellule « À vous » par type présent, dans
    leur ordre : une invite à rédiger (Markdown) ; une cellule de code qui nomme l'exercice et, s'il
    est suivi d'une vérification, propose les variables qu'elle lira (:func:`answer_names`). Les
    cellules ``check`` restent, gardées par :func:`digitlab.exercises.require_answer`.
    """
    out = complete_version(notebook)
    cells = []
    for cell, run, number, defined in _after_solutions(out.cells):
        check = cell if cell is not None and CHECK in tags(cell) else None
        if run:
            names = answer_names(run, check, defined) if check is not None else []
            imports = given_imports(run, check, defined) if check is not None else []
            kinds = list(dict.fromkeys(code.cell_type for code in run))
            if names and "code" not in kinds:
                kinds.append("code")  # une réponse « à la main » que la vérification lit : une cellule de code
            cells.extend(_your_turn(kind, number, names, imports) for kind in kinds)
            if check is not None:
                cells.append(_guarded(check, number, names))
                continue
        if cell is not None:
            cells.append(cell)
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
    return problems + _stale_answers(notebook)


def _stale_answers(notebook) -> list[str]:
    """Une réponse qu'une cellule d'avant définit déjà : dans la version élève, la vérification
    jugerait cette ancienne valeur, et un élève qui n'a rien écrit serait déclaré juste."""
    problems = []
    for cell, run, number, defined in _after_solutions(complete_version(notebook).cells):
        if run and cell is not None and CHECK in tags(cell):
            # Une fonction ou un module que la solution importe de nouveau est le même objet : sans danger.
            imported = {name for code in run if code.cell_type == "code" for name in _imported(code.source)}
            problems += [f"exercice {number} : la vérification lit «\u00a0{name}\u00a0», qu'une cellule d'avant "
                         "définit déjà ; dans la version élève, elle jugerait cette ancienne valeur. Donnez à la "
                         "réponse un nom neuf" for name in _checked(run, cell) if name in defined - imported]
    return problems
