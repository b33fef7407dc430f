"""Comparer toutes les méthodes du chapitre « Comparer les méthodes » sur les mêmes images.

    python scripts/compare_methods.py            # tout : ≈ 20 min sur 2 cœurs
    python scripts/compare_methods.py --quick    # petits sous-ensembles : vérifier que tout marche
    python scripts/compare_methods.py --demo-only   # après scripts/train.py : les deux lignes de la démo

Règles du jeu, les mêmes pour chaque méthode :

- apprentissage sur les 55 000 images d'entraînement de MNIST, les 5 000 autres servant de
  validation (:func:`digitlab.data.validation_split`, la séparation des chapitres et de la démo) ;
- les réglages (le k des plus proches voisins, la pondération) sont choisis sur la validation ;
- les 10 000 images de test ne servent qu'une fois, à la fin ; s'y ajoutent les chiffres de
  contrôle européens (:func:`digitlab.methods.check_images`) ;
- temps d'apprentissage mesuré ici (sauf pour les deux modèles de la démo, entraînés par
  ``scripts/train.py`` : leur temps vient de ``models/metrics.json``) ; temps de lecture d'un
  chiffre : médiane sur des appels d'une image à la fois.

Les chiffres sont imprimés et écrits dans ``docs/assets/benchmarks/methods.json``, que le chapitre
lit et affiche.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from digitlab import methods  # noqa: E402
from digitlab.data import load_mnist, validation_split  # noqa: E402
from digitlab.demo_model.paths import BENCHMARKS_DIR, KINDS, METRICS_PATH, keras_path  # noqa: E402
from digitlab.demo_model.provenance import model_digest  # noqa: E402
from digitlab.demo_model.writers import CHECK_SEED  # noqa: E402
from digitlab.network import Network, to_vectors  # noqa: E402

OUTPUT = BENCHMARKS_DIR / "methods.json"
K_VALUES = (1, 2, 3, 4, 5, 6, 7, 8, 10)
READ_SAMPLES = 30


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def record(key, name, family, train_seconds, read_seconds, test_pred, y_test, check_pred, y_check, **details):
    entry = {
        "key": key, "name": name, "family": family,
        "train_seconds": round(float(train_seconds), 2),
        "read_seconds": float(f"{read_seconds:.3g}"),
        "test_accuracy": methods.accuracy(test_pred, y_test),
        "test_errors": int(np.sum(np.asarray(test_pred) != y_test)),
        "check_accuracy": methods.accuracy(check_pred, y_check),
        **details,
    }
    log(f"{name} : test {entry['test_accuracy']:.2%}, contrôle {entry['check_accuracy']:.2%}, "
        f"apprentissage {entry['train_seconds']:.1f} s, lecture {1000 * entry['read_seconds']:.2f} ms")
    return entry


def smooth(values, window=50, points=120):
    """Moyenne glissante, réduite à ``points`` valeurs (pour tracer une courbe sans tout stocker)."""
    values = np.asarray(values, dtype=float)
    if len(values) < window:
        return {"iterations": list(range(1, len(values) + 1)), "values": values.round(4).tolist()}
    moving = np.convolve(values, np.ones(window) / window, mode="valid")
    picks = np.unique(np.linspace(0, len(moving) - 1, points).round().astype(int))
    return {"iterations": (picks + window).tolist(), "values": moving[picks].round(4).tolist()}


def keras_reader(model):
    return lambda batch: model(np.asarray(batch, np.float32).reshape(-1, 28, 28, 1), training=False)


def train_keras(model, x, y, x_val, y_val, epochs, seed):
    import tf_keras as keras

    keras.utils.set_random_seed(seed)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    start = time.perf_counter()
    history = model.fit(x.reshape(-1, 28, 28, 1), y, batch_size=128, epochs=epochs, verbose=2,
                        validation_data=(x_val.reshape(-1, 28, 28, 1), y_val))
    return time.perf_counter() - start, [round(float(v), 4) for v in history.history["val_accuracy"]]


def demo_records(x_test, y_test, x_check, y_check):
    """Les lignes des deux modèles de la démo (``models/``), entraînés par ``scripts/train.py``."""
    import tf_keras as keras

    demo_metrics = json.loads(METRICS_PATH.read_text(encoding="utf-8"))
    rows = []
    for kind, name, family in (("mlp", "MLP Keras de la démo (784-256-128-10)", "réseau dense"),
                               ("cnn", "CNN du projet (la démo)", "convolutif")):
        model = keras.models.load_model(keras_path(kind), compile=False)
        read = keras_reader(model)
        test_pred = model.predict(x_test.reshape(-1, 28, 28, 1), batch_size=500, verbose=0).argmax(axis=1)
        check_pred = model.predict(x_check.reshape(-1, 28, 28, 1), verbose=0).argmax(axis=1)
        rows.append(record(f"demo_{kind}", name, family, demo_metrics[kind]["training_seconds"],
                           methods.seconds_per_digit(read, x_test, READ_SAMPLES), test_pred, y_test,
                           check_pred, y_check, trained_by="scripts/train.py", epochs=demo_metrics[kind]["epochs"],
                           parameters=int(model.count_params()), extra_training_data=True))
    return rows


def refresh_demo_rows(output: Path, x_test, y_test, x_check, y_check):
    """Après un réentraînement de la démo : remplace ses deux lignes dans ``output``, sans refaire
    les autres méthodes (qui ne dépendent pas de ``models/``)."""
    payload = json.loads(output.read_text(encoding="utf-8"))
    keys = {row["key"] for row in payload.get("methods", [])}
    missing = sorted({f"demo_{kind}" for kind in KINDS} - keys)
    if missing or payload.get("quick"):
        raise SystemExit(f"{output} n'est pas une comparaison complète (lignes {', '.join(missing) or 'présentes'}, "
                         f"quick = {payload.get('quick')}) : relancez le script sans --demo-only.")
    fresh = {row["key"]: row for row in demo_records(x_test, y_test, x_check, y_check)}
    payload["methods"] = [fresh.get(row["key"], row) for row in payload["methods"]]
    payload["demo_date"] = datetime.now(UTC).isoformat(timespec="seconds")
    payload["model_digest"] = model_digest()
    output.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"Écrit : {output} (lignes de la démo seulement)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="petits sous-ensembles, pour essayer le script")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--demo-only", action="store_true",
                        help="ne refaire que les lignes des modèles de la démo, après scripts/train.py")
    args = parser.parse_args(argv)
    if args.demo_only and (args.quick or not args.output.exists()):
        parser.error("--demo-only met à jour un fichier complet existant ; il ne va pas avec --quick.")
    warnings.filterwarnings("ignore", category=UserWarning)
    from sklearn.exceptions import ConvergenceWarning

    warnings.filterwarnings("ignore", category=ConvergenceWarning)

    (train_images, train_labels), (test_images, y_test) = load_mnist()
    (tr_images, y_train), (val_images, y_val) = validation_split(train_images, train_labels)
    check, y_check, check_styles = methods.check_images()
    if args.quick:
        tr_images, y_train = tr_images[:3000], y_train[:3000]
        val_images, y_val = val_images[:500], y_val[:500]
        test_images, y_test = test_images[:1000], y_test[:1000]
    x_train, x_val, x_test, x_check = (to_vectors(a) for a in (tr_images, val_images, test_images, check))
    if args.demo_only:
        refresh_demo_rows(args.output, x_test, y_test, x_check, y_check)
        return
    scale = 0.1 if args.quick else 1.0
    results, extra = [], {}

    # 1. Le chiffre moyen et les gabarits ------------------------------------------------------
    for key, name, reader in (("nearest_mean", "Chiffre moyen le plus proche", methods.NearestMean()),
                              ("template", "Gabarits glissants (corrélation, ± 2 pixels)",
                               methods.TemplateMatcher(max_shift=2))):
        _, train_s = methods.timed(reader.fit, x_train, y_train)
        results.append(record(key, name, "gabarit", train_s,
                              methods.seconds_per_digit(reader.predict, x_test, READ_SAMPLES),
                              reader.predict(x_test), y_test, reader.predict(x_check), y_check))

    # 2. Les k plus proches voisins : k et pondération choisis sur la validation ----------------
    from sklearn.neighbors import KNeighborsClassifier

    k_max = max(K_VALUES)
    (val_d, val_i), val_s = methods.timed(methods.knn_neighbors, x_train, x_val, k_max)
    by_k = {w: [methods.accuracy(methods.knn_vote(val_d, val_i, y_train, k, w), y_val) for k in K_VALUES]
            for w in ("uniform", "distance")}
    best_w, best_k = max(((w, k) for w in by_k for k in K_VALUES),
                         key=lambda wk: (by_k[wk[0]][K_VALUES.index(wk[1])], -wk[1]))
    log(f"k plus proches voisins : validation {by_k} ; choix k = {best_k}, {best_w} ({val_s:.0f} s)")
    extra["knn_validation"] = {"k": list(K_VALUES), "uniform": by_k["uniform"], "distance": by_k["distance"],
                               "chosen_k": best_k, "chosen_weights": best_w}
    test_d, test_i = methods.knn_neighbors(x_train, x_test, k_max)
    check_d, check_i = methods.knn_neighbors(x_train, x_check, k_max)
    extra["knn_test_by_k"] = {w: [methods.accuracy(methods.knn_vote(test_d, test_i, y_train, k, w), y_test)
                                  for k in K_VALUES] for w in ("uniform", "distance")}
    for w in ("uniform", "distance"):
        k = max(K_VALUES, key=lambda kk: (by_k[w][K_VALUES.index(kk)], -kk))
        knn = KNeighborsClassifier(n_neighbors=k, weights=w, algorithm="brute")
        _, fit_s = methods.timed(knn.fit, x_train, y_train)
        label = "uniforme" if w == "uniform" else "pondéré par la distance"
        results.append(record(f"knn_{w}", f"k plus proches voisins (k = {k}, {label})", "voisins", fit_s,
                              methods.seconds_per_digit(knn.predict, x_test, READ_SAMPLES),
                              methods.knn_vote(test_d, test_i, y_train, k, w), y_test,
                              methods.knn_vote(check_d, check_i, y_train, k, w), y_check, k=k, weights=w))

    # 3. Les mêmes voisins, avec des copies décalées et tournées --------------------------------
    (aug_images, aug_labels), aug_s = methods.timed(methods.augment_copies, tr_images, y_train)
    x_aug = to_vectors(aug_images)
    factor = len(x_aug) // len(x_train)
    log(f"Augmentation ×{factor} : {len(x_aug)} images ({aug_s:.0f} s)")
    (aug_test_d, aug_test_i), search_s = methods.timed(methods.knn_neighbors, x_aug, x_test, best_k)
    aug_check_d, aug_check_i = methods.knn_neighbors(x_aug, x_check, best_k)
    knn = KNeighborsClassifier(n_neighbors=best_k, weights=best_w, algorithm="brute").fit(x_aug, aug_labels)
    results.append(record("knn_augmented", f"k plus proches voisins + copies décalées et tournées (×{factor})",
                          "voisins", aug_s, methods.seconds_per_digit(knn.predict, x_test, 10),
                          methods.knn_vote(aug_test_d, aug_test_i, aug_labels, best_k, best_w), y_test,
                          methods.knn_vote(aug_check_d, aug_check_i, aug_labels, best_k, best_w), y_check,
                          k=best_k, weights=best_w, factor=factor, shifts=[list(s) for s in methods.AUGMENT_SHIFTS],
                          angles=list(methods.AUGMENT_ANGLES), search_seconds=round(search_s, 1)))
    del x_aug, aug_images, knn

    # 4. Régression softmax, réseaux denses ---------------------------------------------------
    def numpy_net(key, name, sizes, epochs, batch_size, eta, activation="relu", loss="cross_entropy",
                  record_epochs=False):
        net = Network(sizes, activation=activation, loss=loss, seed=0, dtype=np.float32)
        epochs = max(1, int(round(epochs * scale))) if args.quick else epochs
        start, curve = time.perf_counter(), []
        history = None
        for epoch in range(epochs):
            h = net.train(x_train, y_train, epochs=1, batch_size=batch_size, learning_rate=eta, seed=epoch)
            history = history or h
            curve.append({"epoch": epoch + 1, "seconds": round(time.perf_counter() - start, 1),
                          "val_accuracy": round(net.evaluate(x_val, y_val)[1], 4)})
            if record_epochs:
                log(f"  {name}, époque {epoch + 1} : validation {curve[-1]['val_accuracy']:.2%} "
                    f"({curve[-1]['seconds']:.0f} s)")
        train_s = time.perf_counter() - start - 0.0
        details = {"sizes": sizes, "epochs": epochs, "batch_size": batch_size, "learning_rate": eta,
                   "activation": activation, "loss": loss, "epochs_curve": curve,
                   "first_epoch_batch_accuracy": smooth(history.batch_accuracy)}
        return record(key, name, "réseau dense", train_s, methods.seconds_per_digit(net.predict, x_test, READ_SAMPLES),
                      net.predict(x_test), y_test, net.predict(x_check), y_check, **details)

    results.append(numpy_net("softmax", "Régression softmax (784 → 10, NumPy)", [784, 10], 10, 32, 0.1))
    results.append(numpy_net("numpy_ch3", "Réseau NumPy du chapitre 3 (784-128-10, ReLU)", [784, 128, 10],
                             10, 32, 0.1))
    results.append(numpy_net("classic_mse", "784-392-196-10, sigmoïde, coût quadratique, η = 3",
                             [784, 392, 196, 10], 30, 10, 3.0, activation="sigmoid", loss="mse", record_epochs=True))
    ce = Network([784, 392, 196, 10], activation="sigmoid", loss="cross_entropy", seed=0, dtype=np.float32)
    ce_history = ce.train(x_train, y_train, epochs=1, batch_size=10, learning_rate=0.5, seed=0)
    extra["classic_cross_entropy_first_epoch"] = {
        "learning_rate": 0.5, "batch_accuracy": smooth(ce_history.batch_accuracy),
        "val_accuracy": round(ce.evaluate(x_val, y_val)[1], 4)}

    from sklearn.neural_network import MLPClassifier

    from digitlab.network import single_threaded_blas

    mlp = MLPClassifier(hidden_layer_sizes=(128,), max_iter=20 if not args.quick else 3, random_state=0)
    with single_threaded_blas():  # comme le réseau NumPy : sur une machine chargée, plusieurs fils s'attendent
        _, mlp_s = methods.timed(mlp.fit, x_train, y_train)
    results.append(record("sklearn_mlp", "MLPClassifier de scikit-learn (784-128-10, Adam)", "réseau dense", mlp_s,
                          methods.seconds_per_digit(mlp.predict, x_test, READ_SAMPLES), mlp.predict(x_test), y_test,
                          mlp.predict(x_check), y_check, epochs=int(mlp.n_iter_)))

    results.extend(demo_records(x_test, y_test, x_check, y_check))

    # 5. Le CNN en bandes, et son jumeau qui voit l'image entière ------------------------------
    epochs = 1 if args.quick else 5
    for key, name, model in (
            ("split_cnn", "CNN en bandes (haut, milieu, bas lus séparément)", methods.build_split_cnn()),
            ("whole_cnn", "Le même CNN, une seule bande : l'image entière",
             methods.build_split_cnn(bands=((0, 28),), hidden=3 * 32))):
        train_s, curve = train_keras(model, x_train, y_train, x_val, y_val, epochs, seed=0)
        read = keras_reader(model)
        results.append(record(key, name, "convolutif", train_s, methods.seconds_per_digit(read, x_test, READ_SAMPLES),
                              model.predict(x_test.reshape(-1, 28, 28, 1), verbose=0).argmax(axis=1), y_test,
                              model.predict(x_check.reshape(-1, 28, 28, 1), verbose=0).argmax(axis=1), y_check,
                              epochs=epochs, parameters=int(model.count_params()), val_accuracy_by_epoch=curve))

    payload = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": bool(args.quick),
        "model_digest": model_digest(),  # les lignes « démo » : les modèles de models/
        # La charge moyenne de la machine à la fin : sur une machine partagée, les temps en dépendent.
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average": [round(v, 1) for v in os.getloadavg()]},
        "protocol": {"train": len(x_train), "validation": len(x_val), "test": len(x_test),
                     "check": len(x_check), "check_seed": CHECK_SEED,
                     "check_styles": sorted(set(check_styles.tolist()))},
        "methods": results,
        **extra,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"Écrit : {args.output}")


if __name__ == "__main__":
    main()
