"""Entraîne le CNN et le MLP de la démo, les évalue, les exporte vers TF.js et écrit metrics.json.

    python scripts/train.py            # tout (≈ 30 min sur 2 cœurs)
    python scripts/train.py --epochs 1 --out /tmp/essai   # essai rapide, hors de models/
    python scripts/train.py --only cnn --out /tmp/essai    # un seul des deux modèles, hors de models/

L'empreinte (données, code, configuration) n'est écrite dans metrics.json qu'une fois les deux
modèles entraînés en entier : un essai court ou un entraînement interrompu ne passe jamais pour
à jour. Pour la même raison, --epochs et --only exigent --out (un dossier hors de models/).

Le code est dans le paquet (digitlab.demo_model : training, architecture, export) ; ce script
ne fait que l'enchaîner. ``mkdocs build`` l'appelle quand les artefacts sont absents ou périmés.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digitlab.data import load_mnist, validation_split  # noqa: E402
from digitlab.demo_model import export, paths, training  # noqa: E402
from digitlab.demo_model.architecture import CNN_INSPECT  # noqa: E402
from digitlab.demo_model.calibration import reliability  # noqa: E402
from digitlab.demo_model.fingerprint import fingerprint  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=paths.MODELS_DIR, help="dossier des artefacts")
    parser.add_argument("--epochs", type=int, default=None, help="nombre d'époques (essais)")
    parser.add_argument("--only", choices=paths.KINDS, default=None)
    args = parser.parse_args(argv)
    if (args.epochs is not None or args.only) and args.out.resolve() == paths.MODELS_DIR.resolve():
        parser.error("--epochs et --only sont des essais : indiquez un dossier hors de models/ avec --out "
                     "(les modèles de la démo ne s'entraînent qu'en entier)")

    mnist = load_mnist()
    (x_train, y_train), (x_test, y_test) = mnist
    (x_tr, y_tr), (x_val, y_val) = validation_split(x_train, y_train)
    print("Préparation des données (MNIST + formes européennes + chiffres tracés)…", flush=True)
    x, y = training.training_data(x_tr, y_tr)
    print(f"  {len(x)} images d'entraînement, {len(x_val)} de validation.", flush=True)
    checks = training.validation_sets(x_val, y_val)
    x_st, y_st, styles = checks["traits"]

    metrics_path = args.out / paths.METRICS_PATH.name
    metrics = json.loads(metrics_path.read_text()) if metrics_path.exists() else {}
    # L'empreinte d'avant est retirée pendant l'entraînement, et la nouvelle écrite seulement à la fin.
    metrics.pop("fingerprint", None)
    stamp = fingerprint(mnist)  # calculée avant l'entraînement : celle du code qui entraîne
    metrics.update({"versions": training.versions(),
                    "config": training.CONFIG, "date": datetime.now(UTC).isoformat(timespec="seconds")})
    for kind in ([args.only] if args.only else paths.KINDS):
        print(f"\n=== Entraînement du modèle « {kind} » ===", flush=True)
        load_before = os.getloadavg()
        model, history, seconds = training.train_model(kind, x, y, x_val, y_val, epochs=args.epochs)
        load_after = os.getloadavg()
        # Confiance réglée sur la validation MNIST et les chiffres tracés de validation (jamais le test).
        temperature = training.calibrate_temperature(model, np.concatenate([x_val, x_st]), np.concatenate([y_val,
                                                                                                           y_st]))
        dtype, quant_scores = export.choose_quantization(model, x_val, y_val)
        export.apply_quantization(model, dtype)
        paths.model_dir(kind, args.out).mkdir(parents=True, exist_ok=True)
        model.save(paths.keras_path(kind, args.out), include_optimizer=False)
        sizes = export.export_tfjs(model, paths.tfjs_dir(kind, args.out), dtype, CNN_INSPECT if kind == "cnn" else None)
        start = time.perf_counter()
        test = training.evaluate(model, x_test, y_test)
        calibration = reliability(model.predict(training.to_float(x_test), batch_size=1000, verbose=0), y_test)
        strokes_eval = training.evaluate(model, x_st, y_st)
        pred = model.predict(training.to_float(x_st), verbose=0).argmax(axis=1)
        by_style = {s: round(float((pred[styles == s] == y_st[styles == s]).mean()), 4)
                    for s in sorted(set(styles))}
        metrics[kind] = {
            "test": test,
            "validation_accuracy": training.evaluate(model, x_val, y_val)["accuracy"],
            "strokes_validation": {"accuracy": strokes_eval["accuracy"], "by_style": by_style},
            "quantization": {"dtype": dtype, "validation_accuracy": quant_scores},
            "parameters": int(model.count_params()),
            "tfjs": sizes,
            "training_seconds": round(seconds, 1),
            # La machine est partagée : la charge moyenne (1, 5, 15 min) dit si le temps est gonflé.
            "machine": {"cpus": os.cpu_count(), "load_before": [round(v, 2) for v in load_before],
                        "load_after": [round(v, 2) for v in load_after]},
            "calibration": calibration,
            "temperature": round(temperature, 4),
            "epochs": len(history["loss"]),
            "best_epoch": history["best_epoch"],
            "history": history,
            "evaluation_seconds": round(time.perf_counter() - start, 1),
        }
        print(f"{kind} : test {test['accuracy']:.4%} ({test['errors']} erreurs), "
              f"traits européens (validation) {strokes_eval['accuracy']:.2%}, "
              f"TF.js {sizes['total_bytes'] / 1000:.0f} ko ({dtype}), {seconds / 60:.1f} min, "
              f"ECE {calibration['ece']:.4f}", flush=True)
        metrics_path.write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.epochs is None and not args.only:
        # Les deux modèles sont entraînés en entier : ils sont à jour pour ces données, ce code, cette
        # configuration. L'empreinte vient en tête de metrics.json, comme avant.
        metrics = {"fingerprint": stamp, **metrics}
        metrics_path.write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nÉcrit : {metrics_path}")


if __name__ == "__main__":
    main()
