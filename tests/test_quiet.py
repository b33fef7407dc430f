"""digitlab.quiet : Keras s'importe sans messages de TensorFlow, et la sortie d'erreur revient."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent("""
    import sys
    from digitlab.quiet import import_keras
    keras = import_keras()
    layer = keras.layers.Dense(2)
    layer.build((None, 3))
    print(layer.count_params())
    sys.stdout.flush()
    import os
    os.write(2, b"apres-le-silence\\n")  # le descripteur 2 est bien rétabli
""")


def test_keras_imports_without_tensorflow_noise():
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=300, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "8"
    assert result.stderr.strip() == "apres-le-silence", result.stderr


def test_without_the_helper_tensorflow_is_noisy():
    """Le test ci-dessus peut échouer : sans la redirection, ces messages existent bien ici."""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TF_USE_LEGACY_KERAS": "1",
           "TF_CPP_MIN_LOG_LEVEL": "3"}
    code = "import tf_keras, tensorflow as tf; tf.config.list_physical_devices(); tf.constant(0.0) + 1"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, env=env, cwd=ROOT)
    assert result.returncode == 0
    if not result.stderr.strip():  # pragma: no cover - TensorFlow devenu silencieux : rien à prouver
        import pytest
        pytest.skip("TensorFlow n'écrit plus rien au chargement sur cette machine")
