"""L'augmentation au test aiderait-elle le CNN de la démo ? Mesure sur le modèle commité.

    python scripts/measure_tta.py

Pour chaque combinaison de copies fixée d'avance (:data:`digitlab.demo_model.tta.CANDIDATES`) :
les erreurs sur la validation MNIST (5 000 images, le découpage de l'entraînement), sur le test
(10 000 images) et l'exactitude sur les 11 000 chiffres des scripteurs simulés (plume de chaque
scripteur, comme ``check_writers.py``), avec le pire scripteur. La combinaison retenue est
choisie sur la validation seule (:func:`~digitlab.demo_model.tta.choose`).

Écrit ``docs/assets/benchmarks/tta.json`` (la page « Le modèle » l'affiche), avec les indices des
images de test mal lues par chaque combinaison (les tests en revérifient une partie). Quelques
minutes sur deux cœurs ; aucun entraînement.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitlab.data import load_mnist, validation_split  # noqa: E402
from digitlab.demo_model import tta, writer_check, writers  # noqa: E402
from digitlab.demo_model.paths import BENCHMARKS_DIR, keras_path  # noqa: E402
from digitlab.demo_model.provenance import model_digest  # noqa: E402
from digitlab.fmt import format_count, format_percent  # noqa: E402

OUTPUT = BENCHMARKS_DIR / "tta.json"


def view_probabilities(model, images):
    """Les probabilités du modèle pour chaque copie utilisée par une combinaison."""
    names = sorted({name for candidate in tta.CANDIDATES for name in candidate})
    return {name: model.predict(tta.view(images, name), batch_size=1000, verbose=0) for name in names}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    import tf_keras

    start = time.perf_counter()
    model = tf_keras.models.load_model(keras_path("cnn"), compile=False)
    (x_train, y_train), (x_test, y_test) = load_mnist()
    _, (x_val, y_val) = validation_split(x_train, y_train)
    all_writers, items = writers.check_digits(writers.CHECK_WRITERS, writers.CHECK_PER_CLASS, writers.CHECK_SEED)
    x_writers = writer_check.images(all_writers, items, "writer")

    views = {name: view_probabilities(model, x) for name, x in
             (("validation", x_val), ("test", x_test), ("writers", x_writers))}
    rows = []
    for candidate in tta.CANDIDATES:
        def predict(which, candidate=candidate):
            return tta.combine([views[which][name] for name in candidate]).argmax(axis=1)

        val_pred, test_pred, writer_pred = predict("validation"), predict("test"), predict("writers")
        summary = writer_check.summarize(all_writers, items, writer_pred)
        rows.append({"views": list(candidate), "label": tta.describe(candidate),
                     "validation_errors": int((val_pred != y_val).sum()),
                     "test_errors": int((test_pred != y_test).sum()),
                     "test_accuracy": float((test_pred == y_test).mean()),
                     "test_misread": [int(k) for k in np.flatnonzero(test_pred != y_test)],
                     "writers_accuracy": summary["accuracy"],
                     "worst_writer": summary["writer_accuracy"]["min"]})
    chosen = tta.choose([row["validation_errors"] for row in rows])
    result = {"date": datetime.now(UTC).isoformat(timespec="seconds"),
              "model": "models/cnn (la démo)", "model_digest": model_digest(),
              "validation_count": int(len(y_val)), "test_count": int(len(y_test)),
              "writers_count": len(items), "chosen": chosen, "candidates": rows,
              "seconds": round(time.perf_counter() - start, 1)}

    pct = lambda x: format_percent(x, 2)  # noqa: E731
    for k, row in enumerate(rows):
        mark = "→" if k == chosen else " "
        print(f"{mark} {row['label']} : validation {format_count(row['validation_errors'], 'erreur')}, "
              f"test {pct(row['test_accuracy'])} ({format_count(row['test_errors'], 'erreur')}), "
              f"scripteurs {pct(row['writers_accuracy'])}, pire {format_percent(row['worst_writer'], 1)}")
    print(f"Retenue sur la validation : {rows[chosen]['label']}.")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Écrit : {args.output}")


if __name__ == "__main__":
    main()
