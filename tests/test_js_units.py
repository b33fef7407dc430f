"""Les tests unitaires JavaScript (modules purs de la démo), lancés par le test runner de Node.

Ainsi « python -m pytest » lance toute la suite, JavaScript compris.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).parent / "js"


def test_node_test_runner_passes():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js est introuvable : installez Node 20 ou plus récent.")
    files = sorted(str(p) for p in JS_TESTS.glob("*.test.mjs"))
    assert files, "aucun test JavaScript trouvé dans tests/js/"
    result = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=300)
    print(result.stdout[-5000:])
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
