"""L'empreinte des modèles : ce qui, s'il change, oblige à réentraîner.

Trois parties, chacune un SHA-256 :

- ``config`` : la configuration d'entraînement (:data:`digitlab.demo_model.training.CONFIG`) ;
- ``code`` : le code qui fabrique les poids, et lui seul. On part des points d'entrée de
  l'entraînement (:data:`ENTRY_POINTS`) et on suit, dans les fichiers du paquet, chaque fonction,
  classe ou constante qu'ils utilisent, de proche en proche. On hache l'arbre syntaxique de ces
  définitions, sans commentaires ni docstrings : reformuler une explication ne périme pas le
  modèle, changer un seuil du prétraitement, si. Une fonction que l'entraînement n'appelle pas
  (l'import d'images de la démo, les chiffres de contrôle) n'y compte pas ;
- ``data`` : le contenu de MNIST (les tableaux, pas le fichier : la copie de Keras diffère octet à
  octet de celle du projet, pour le même contenu).

Tout se lit dans les fichiers, sans importer TensorFlow : le contrôle de ``mkdocs build`` reste
instantané.
"""

from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

import numpy as np

#: La racine du paquet ``digitlab`` : les modules sont nommés par leur chemin pointé sous elle
#: (``demo_model.training``, ``preprocess``…).
PACKAGE = Path(__file__).resolve().parent.parent
# (module, nom) : ce que scripts/train.py appelle pour produire les poids et les fichiers exportés.
ENTRY_POINTS = (("demo_model.training", "training_data"), ("demo_model.training", "train_model"),
                ("demo_model.training", "to_float"), ("demo_model.training", "calibrate_temperature"),
                ("data", "validation_split"),
                ("demo_model.export", "choose_quantization"), ("demo_model.export", "apply_quantization"),
                ("demo_model.export", "export_tfjs"), ("demo_model.architecture", "CNN_INSPECT"))


def _source(module: str) -> Path:
    """Le fichier d'un module nommé par son chemin pointé sous ``digitlab/``."""
    return PACKAGE.joinpath(*module.split(".")).with_suffix(".py")


def _strip_docstrings(tree):
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            body.pop(0)
    return tree


class _Module:
    """Les définitions de premier niveau d'un module du paquet, et ses imports internes."""

    def __init__(self, name: str):
        self.name = name
        tree = _strip_docstrings(ast.parse(_source(name).read_text(encoding="utf-8")))
        self.definitions: dict[str, ast.AST] = {}
        self.aliases: dict[str, tuple[str, str | None]] = {}  # nom local → (module, nom ou None)
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.definitions[node.name] = node
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.definitions[target.id] = node
            elif isinstance(node, ast.ImportFrom):
                self.aliases.update(_internal_imports(node, name))


def _internal_imports(node: ast.ImportFrom, current: str):
    """Les imports de ``digitlab`` vus depuis le module ``current`` (chemin pointé).

    Dans ``demo_model.training`` : ``from . import augment`` → {augment: (demo_model.augment, None)} ;
    ``from ..preprocess import preprocess`` → {preprocess: (preprocess, preprocess)} ;
    ``from digitlab.network import sigmoid`` → {sigmoid: (network, sigmoid)}.
    """
    if node.level == 0:
        if not (node.module or "").startswith("digitlab."):
            return {}
        package = node.module.removeprefix("digitlab.")
    else:
        parts = current.split(".")[:-node.level]  # le paquet de départ de l'import relatif
        package = ".".join(parts + ([node.module] if node.module else []))
    out = {}
    for alias in node.names:
        local = alias.asname or alias.name
        if node.module is None:  # ``from . import module``
            out[local] = (f"{package}.{alias.name}".strip("."), None)
        else:
            out[local] = (package, alias.name)
    return out


def _references(node, module: _Module, modules):
    """Les définitions du paquet qu'utilise ``node`` : paires ``(module, nom)``."""
    aliases = dict(module.aliases)
    for sub in ast.walk(node):  # imports à l'intérieur d'une fonction (``from .model import …``)
        if isinstance(sub, ast.ImportFrom):
            aliases.update(_internal_imports(sub, module.name))
    refs = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            if sub.id in module.definitions:
                refs.add((module.name, sub.id))
            elif sub.id in aliases and aliases[sub.id][1] is not None:
                refs.add(aliases[sub.id])
        elif isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
            target = aliases.get(sub.value.id)
            if target is not None and target[1] is None:
                refs.add((target[0], sub.attr))
    return {(m, n) for m, n in refs if _source(m).exists()}


def code_closure(entry_points=ENTRY_POINTS):
    """Toutes les définitions atteintes depuis ``entry_points`` : ``{(module, nom): nœud}``."""
    modules: dict[str, _Module] = {}

    def module(name):
        if name not in modules:
            modules[name] = _Module(name)
        return modules[name]

    seen, todo = {}, list(entry_points)
    while todo:
        mod_name, name = todo.pop()
        if (mod_name, name) in seen:
            continue
        mod = module(mod_name)
        node = mod.definitions.get(name)
        if node is None:
            continue
        seen[(mod_name, name)] = node
        todo.extend(_references(node, mod, modules))
    return seen


def code_digest(entry_points=ENTRY_POINTS) -> str:
    closure = code_closure(entry_points)
    text = "\n".join(f"{m}.{n}: {ast.dump(closure[(m, n)])}" for m, n in sorted(closure))
    return hashlib.sha256(text.encode()).hexdigest()


def data_digest(arrays) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


def fingerprint(mnist=None) -> dict:
    """L'empreinte attendue des artefacts : configuration, code et données."""
    from ..data import load_mnist
    from .training import CONFIG

    if mnist is None:
        mnist = load_mnist()
    (x_train, y_train), (x_test, y_test) = mnist
    return {
        "config": hashlib.sha256(json.dumps(CONFIG, sort_keys=True).encode()).hexdigest(),
        "code": code_digest(),
        "data": data_digest([x_train, y_train, x_test, y_test]),
    }
