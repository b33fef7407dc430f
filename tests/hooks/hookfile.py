"""Charger un greffon de ``hooks/`` comme le fait MkDocs : un fichier Python, pas un module d'un
paquet (chaque chargement donne un module neuf, que le test peut modifier sans toucher aux autres)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_hook(name: str):
    """Le greffon ``hooks/<name>.py``, chargé."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
