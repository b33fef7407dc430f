"""Le style du code : ruff pour le Python, ESLint pour le JavaScript (une seule longueur de ligne,
120 caractères, réglée dans pyproject.toml et eslint.config.js)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    return result.returncode, (result.stdout + result.stderr)[-6000:]


def test_python_style():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff est introuvable : pip install -r requirements.txt", pytrace=False)
    code, output = run([ruff, "check", "."])
    assert code == 0, output


def test_javascript_style():
    eslint = ROOT / "node_modules" / ".bin" / "eslint"
    if not eslint.exists():
        message = "ESLint est introuvable : lancez « npm ci » à la racine du dépôt."
        if os.environ.get("CI"):
            pytest.fail(message + " (variable CI définie : le style est vérifié)", pytrace=False)
        pytest.skip(message)
    code, output = run([str(eslint), "."])
    assert code == 0, output
