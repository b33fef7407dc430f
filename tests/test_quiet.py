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


def run(code, **env):
    base = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, env={**base, **env}, cwd=ROOT)


def test_keras_imports_without_tensorflow_noise():
    result = run(SCRIPT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "8"
    assert result.stderr.strip() == "apres-le-silence", result.stderr
    # Sans l'aide, le même chargement écrit bien quelque chose sur cette machine : le test
    # ci-dessus vérifie donc un vrai silence (sinon il serait sans objet, et on le dit).
    noisy = run("import tf_keras, tensorflow as tf; tf.config.list_physical_devices(); "
                "tf.constant(0.0) + 1", TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="3")
    assert noisy.returncode == 0, noisy.stderr
    if not noisy.stderr.strip():  # pragma: no cover - TensorFlow devenu silencieux
        import pytest
        pytest.skip("TensorFlow n'écrit plus rien au chargement : le silence n'a rien à prouver")


def test_silenced_stderr_hides_only_what_is_written_inside_the_block():
    result = run(textwrap.dedent("""
        import os, sys
        from digitlab.quiet import silenced_stderr
        os.write(2, b"avant\\n")
        with silenced_stderr():
            os.write(2, b"pendant (C)\\n")
            print("pendant (Python)", file=sys.stderr)
        os.write(2, b"apres (C)\\n")
        print("apres (Python)", file=sys.stderr)
    """))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["avant", "apres (C)", "apres (Python)"]


def test_importing_the_converter_prints_nothing():
    result = run(textwrap.dedent("""
        from digitlab.quiet import import_tensorflowjs
        tfjs = import_tensorflowjs()
        print("prêt", tfjs.__version__)
    """))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("prêt ") and len(result.stdout.splitlines()) == 1, result.stdout
    assert result.stderr == "", result.stderr
