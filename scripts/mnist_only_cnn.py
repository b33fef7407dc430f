"""Un CNN qui n'a vu que MNIST lit-il les chiffres écrits à l'européenne ?

    python scripts/mnist_only_cnn.py               # ≈ 5 min sur 2 cœurs
    python scripts/mnist_only_cnn.py --epochs 2    # plus court

On entraîne **la même architecture avec la même recette** que le CNN de la démo
(:func:`digitlab.demo_model.training.train_model` : Adam, taux d'apprentissage en cosinus,
lissage des étiquettes, déformations à chaque époque, meilleure époque sur la validation), mais
sur les seules images de MNIST : sans les 1 à attaque et les 7 barrés fabriqués à partir de
MNIST, sans les chiffres tracés au trait. Moins d'époques que la démo (30) pour tenir en quelques
minutes : l'exactitude sur le test de MNIST, écrite à côté, montre qu'il n'est pas pour autant
un mauvais lecteur de MNIST.

Les deux modèles lisent ensuite les mêmes chiffres de contrôle européens
(:func:`digitlab.methods.check_images`, gabarits jamais vus à l'entraînement par aucun des deux).
Résultats imprimés et écrits dans ``docs/assets/benchmarks/mnist_only.json`` (lu par le chapitre
« Du modèle au navigateur »).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from digitlab.data import load_mnist, validation_split  # noqa: E402
from digitlab.demo_model.paths import BENCHMARKS_DIR, METRICS_PATH, keras_path  # noqa: E402
from digitlab.demo_model.provenance import model_digest  # noqa: E402
from digitlab.demo_model.training import to_float, train_model  # noqa: E402
from digitlab.demo_model.writers import CHECK_SEED  # noqa: E402
from digitlab.methods import check_images  # noqa: E402

OUTPUT = BENCHMARKS_DIR / "mnist_only.json"
CHECK_PER_CLASS = 60


def summary(pred, digits, styles):
    by_style, by_digit = defaultdict(list), defaultdict(list)
    for p, d, s in zip(pred, digits, styles):
        by_style[str(s)].append(bool(p == d))
        by_digit[str(int(d))].append(bool(p == d))
    return {"accuracy": float(np.mean(pred == digits)),
            "by_style": {s: round(float(np.mean(v)), 4) for s, v in sorted(by_style.items())},
            "by_digit": {d: round(float(np.mean(v)), 4) for d, v in sorted(by_digit.items())},
            "predictions": [int(p) for p in pred]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6,
                        help="époques d'apprentissage, suivies d'autant d'époques de finition (au plus)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    import tf_keras as keras

    (x_train, y_train), (x_test, y_test) = load_mnist()
    (x_tr, y_tr), (x_val, y_val) = validation_split(x_train, y_train)
    model, history, seconds = train_model("cnn", x_tr, y_tr, x_val, y_val, epochs=args.epochs, verbose=2)
    project = keras.models.load_model(keras_path("cnn"), compile=False)
    images, digits, styles = check_images(CHECK_PER_CLASS)
    results = {}
    for name, net in (("mnist_only", model), ("project", project)):
        test_pred = net.predict(to_float(x_test), batch_size=500, verbose=0).argmax(axis=1)
        check_pred = net.predict(to_float(images), verbose=0).argmax(axis=1)
        results[name] = {"test_accuracy": float(np.mean(test_pred == y_test)),
                         "check": summary(check_pred, digits, styles)}
        print(f"{name} : test MNIST {results[name]['test_accuracy']:.2%}, "
              f"contrôle européen {results[name]['check']['accuracy']:.2%}")
        for style, acc in results[name]["check"]["by_style"].items():
            print(f"   {style:22s} {acc:6.1%}")
    payload = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "mnist_only": {"epochs": len(history["loss"]), "best_epoch": history["best_epoch"],
                       "train_seconds": round(seconds, 1), "train_images": int(len(x_tr)), **results["mnist_only"]},
        "project": {"epochs": json.loads(METRICS_PATH.read_text(encoding="utf-8"))["cnn"]["epochs"],
                    "model_digest": model_digest(),
                    **results["project"]},
        "check": {"per_class": CHECK_PER_CLASS, "seed": CHECK_SEED, "count": int(len(digits))},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Écrit : {args.output}")


if __name__ == "__main__":
    main()
