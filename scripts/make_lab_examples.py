"""Écrit les quelques chiffres MNIST que proposent les labos (« Prendre un exemple MNIST »).

    python scripts/make_lab_examples.py

Deux images de test par chiffre (les premières de chaque classe dans le jeu de test), 20 en tout,
dans ``docs/assets/labs/mnist_examples.json`` : indices, étiquettes et pixels (784 octets par
image, ligne par ligne, en base64). Jamais plus : le jeu de données lui-même n'est pas versionné.
``tests/test_lab_examples.py`` vérifie que le fichier dit vrai.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitlab.data import load_mnist  # noqa: E402

TARGET = ROOT / "docs" / "assets" / "labs" / "mnist_examples.json"
PER_DIGIT = 2


def examples(x_test, y_test, per_digit: int = PER_DIGIT):
    """Les indices des ``per_digit`` premières images de chaque chiffre, dans l'ordre du jeu."""
    chosen = sorted(int(i) for d in range(10) for i in np.flatnonzero(y_test == d)[:per_digit])
    return {
        "source": "MNIST, jeu de test (Yann LeCun, Corinna Cortes et Christopher Burges)",
        "size": 28,
        "indices": chosen,
        "labels": [int(y_test[i]) for i in chosen],
        "pixels": [base64.b64encode(x_test[i].astype(np.uint8).tobytes()).decode("ascii")
                   for i in chosen],
    }


def main(argv=None):
    # Pas d'option : --help l'explique, au lieu de réécrire le fichier sans prévenir.
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    (_, _), (x_test, y_test) = load_mnist()
    payload = examples(x_test, y_test)
    TARGET.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)} : {len(payload['indices'])} images "
          f"({TARGET.stat().st_size // 1024} Kio)")


if __name__ == "__main__":
    main()
