"""Importer TensorFlow sans bruit (digitlab.quiet) : le bruit disparaît, les vraies erreurs restent."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(code):
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_silenced_stderr_hides_only_what_is_written_inside_the_block():
    result = run("""
        import os, sys
        from digitlab.quiet import silenced_stderr
        os.write(2, b"avant\\n")
        with silenced_stderr():
            os.write(2, b"pendant (C)\\n")
            print("pendant (Python)", file=sys.stderr)
        os.write(2, b"apres (C)\\n")
        print("apres (Python)", file=sys.stderr)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["avant", "apres (C)", "apres (Python)"]


def test_importing_keras_writes_nothing_but_later_errors_still_show():
    result = run("""
        from digitlab.quiet import import_keras
        tf, keras = import_keras()
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        model.predict(tf.zeros((1, 3)), verbose=0)
        import sys
        print("erreur visible", file=sys.stderr)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "erreur visible", result.stderr


def test_importing_the_converter_prints_nothing():
    result = run("""
        from digitlab.quiet import import_tensorflowjs
        tfjs = import_tensorflowjs()
        print("prêt", tfjs.__version__)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("prêt ") and len(result.stdout.splitlines()) == 1, result.stdout
    assert result.stderr == "", result.stderr
