"""La démo lit-elle chaque scripteur ? Contrôle sur des scripteurs simulés, jamais vus à l'entraînement.

    python scripts/check_writers.py                       # rendu Python, CNN de models/, 44 × 250 chiffres
    python scripts/check_writers.py --browser             # tracés à la souris dans la vraie démo (échantillon)
    python scripts/check_writers.py --browser --touch     # … au doigt (événements tactiles)

Les chiffres viennent de :mod:`digitlab.demo_model.writers` : 44 scripteurs simulés au style
cohérent (7 barrés au haut crocheté ou ondulé, 1 à longue attaque, 9 à petite boucle et queue
courbe, 4 d'un seul trait, 3 au haut plat, tracés pauvres en points…), un générateur distinct de
celui de l'entraînement. Mode Python : traits → pinceau (``strokes.render``, épaisseur de plume du
scripteur) → prétraitement « à la MNIST » → le CNN de ``models/cnn/keras.h5``. Mode ``--browser`` :
chaque chiffre est tracé dans la page ``/demo/`` du site construit, à la taille habituelle du
scripteur, et on lit ``data-prediction`` : toute la chaîne de la démo est mesurée.

On imprime l'exactitude globale, par chiffre, par variante et par scripteur (le pire d'abord), et
on l'écrit dans ``docs/assets/benchmarks/writers.json`` (la page « Le modèle » l'affiche).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitlab.demo_model import writer_check, writers  # noqa: E402
from digitlab.demo_model.paths import BENCHMARKS_DIR, keras_path  # noqa: E402
from digitlab.demo_model.provenance import model_digest  # noqa: E402
from digitlab.demo_model.writer_check import same_digits_in_python, subset_indices  # noqa: E402
from digitlab.fmt import format_count, format_percent  # noqa: E402

OUTPUT = BENCHMARKS_DIR / "writers.json"
#: Le sous-ensemble que recalculent les tests : les premières séries de chaque scripteur.
TEST_SERIES = 5


def digest(images: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(images).tobytes()).hexdigest()


def python_run(all_writers, items, per_class, pen, model_file):
    import tf_keras

    start = time.perf_counter()
    x = writer_check.images(all_writers, items, pen)
    model = tf_keras.models.load_model(model_file, compile=False)
    probs = writer_check.predict(model, x)
    subset = subset_indices(items, per_class, TEST_SERIES)
    extra = {"pen": pen, "images_sha256": digest(x), "test_subset": {"series": TEST_SERIES, "count": len(subset),
                                                                       "images_sha256": digest(x[subset])},
             "seconds": round(time.perf_counter() - start, 1)}
    return probs, extra


def browser_run(all_writers, items, site_dir, seed, touch=False):
    """Trace chaque chiffre dans la vraie démo ; renvoie les probabilités lues dans la page, et les
    tracés arrivés vides au pad puis retracés."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from sitetools.browser import draw_strokes, launch, static_server

    rng = np.random.default_rng(seed)
    probs, lost = [], []
    with static_server(site_dir) as url, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True) \
            if touch else browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/demo/")
        root = page.locator("[data-demo]").first
        pad = root.locator("[data-demo-pad]")
        result = root.locator("[data-demo-result]")
        page.wait_for_selector("[data-demo][data-state='ready']", timeout=60_000)
        for k, item in enumerate(items):
            size = float(np.clip(all_writers[item["writer"]].size * np.exp(rng.normal(0, 0.1)), 0.25, 0.9))
            room = max(0.9 - size, 0.0)  # 0,95 - 0,9 n'est pas exactement 0,05 en virgule flottante
            box = (0.05 + rng.uniform(0.0, room), 0.05 + rng.uniform(0.0, room), size)
            for attempt in range(2):
                root.locator("[data-demo-clear]").click()
                page.wait_for_function("(el) => el.dataset.prediction === ''", arg=result.element_handle())
                draw_strokes(page, pad, item["strokes"], box=box, touch=touch)
                try:
                    page.wait_for_function("(el) => el.dataset.prediction !== ''", arg=result.element_handle(),
                                           timeout=5000)
                    break
                except PlaywrightTimeout:
                    # Rien n'est lu : le tracé n'est pas arrivé au pad. C'est arrivé au doigt, quand le
                    # bouton « Retour en haut » de Material couvrait le haut du pad (le doigt le
                    # touchait, la page défilait) ; topbutton.js le cache désormais. Si cela se
                    # reproduit, on retrace une fois, à la même place, et on le dit (« redrawn ») ;
                    # une seconde perte arrête la mesure.
                    status = root.locator("[data-demo-status]").text_content()
                    if attempt:
                        raise SystemExit(f"Chiffre {k} jamais lu après deux tracés (état : « {status} »).") from None
                    lost.append({"index": k, "writer": item["writer"], "digit": item["digit"], "status": status})
                    print(f"  chiffre {k} : rien de lu (« {status} »), retracé", flush=True)
            probs.append(json.loads(result.get_attribute("data-probabilities")))
        browser.close()
    return np.array(probs, dtype=np.float64), lost


def report(summary, mode):
    pct = lambda x: format_percent(x, 1)  # noqa: E731
    print(f"CNN ({mode}) : {pct(summary['accuracy'])} de {summary['count']} chiffres lus correctement, "
          f"{summary['writers']} scripteurs")
    print("  par chiffre : " + ", ".join(f"{d} : {pct(a)}" for d, a in summary["per_class"].items()))
    wa = summary["writer_accuracy"]
    print(f"  par scripteur : pire {pct(wa['min'])}, médiane {pct(wa['median'])}, meilleur {pct(wa['max'])}")
    for w in summary["by_writer"][:5]:
        errors = ", ".join(f"{k} ×{v}" for k, v in list(w["errors"].items())[:4]) or "aucune erreur"
        print(f"    {w['name']} : {pct(w['accuracy'])} ({errors})")
    hard = {v: s for v, s in summary["per_variant"].items() if v in writers.HARD_FORMS}
    print("  formes difficiles : " + ", ".join(f"{v} {pct(s['accuracy'])}" for v, s in hard.items()))
    print("  confusions : " + ", ".join(f"{k} ×{v}" for k, v in list(summary["confusions"].items())[:8]))
    if "calibration" in summary:
        print(f"  calibration : ECE {format_percent(summary['calibration']['ece'], 2)}, "
              f"{summary['confident_errors']} erreurs à confiance ≥ 90 %")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=writers.CHECK_WRITERS, help="nombre de scripteurs")
    parser.add_argument("--per-class", type=int, default=writers.CHECK_PER_CLASS,
                        help="chiffres par classe et par scripteur")
    parser.add_argument("--seed", type=int, default=writers.CHECK_SEED)
    parser.add_argument("--pen", choices=("writer", "demo"), default="writer",
                        help="épaisseur : celle du scripteur, ou celle du pad (BRUSH_RATIO)")
    parser.add_argument("--model", type=Path, default=keras_path("cnn"), help="modèle Keras (mode Python)")
    parser.add_argument("--browser", action="store_true", help="tracer dans la vraie démo (Chromium)")
    parser.add_argument("--touch", action="store_true", help="avec --browser : au doigt plutôt qu'à la souris")
    parser.add_argument("--series", type=int, default=1,
                        help="avec --browser : séries de dix chiffres tracées par scripteur (1 : 440 chiffres)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="site construit (mkdocs build)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    all_writers, all_items = writers.check_digits(args.writers, args.per_class, args.seed)
    items = all_items
    setup = {"seed": args.seed, "per_writer_and_class": args.per_class}
    if args.browser:
        if not (args.site / "demo" / "index.html").exists():
            parser.error(f"site construit introuvable dans {args.site} : lancez d'abord « mkdocs build ».")
        subset = subset_indices(all_items, args.per_class, min(args.series, args.per_class))
        items = [all_items[k] for k in subset]
        setup["series"] = args.series
        probs, lost = browser_run(all_writers, items, args.site, args.seed, touch=args.touch)
        key = "browser_touch" if args.touch else "browser_mouse"
        mode = "navigateur, " + ("doigt (tactile)" if args.touch else "souris")
        extra = {"redrawn": lost}  # tracés arrivés vides au pad, retracés une fois (voir browser_run)
    else:
        probs, extra = python_run(all_writers, items, args.per_class, args.pen, args.model)
        key = "python" if args.pen == "writer" else "python_demo_pen"
        mode = "Python (pinceau du scripteur)" if args.pen == "writer" else "Python (pinceau du pad)"
    predictions = probs.argmax(axis=1)
    summary = writer_check.summarize(all_writers, items, predictions, probs)
    report(summary, mode)
    results = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    if args.browser:
        extra["python_on_same_digits"] = same_digits_in_python(
            results, {"seed": args.seed, "per_writer_and_class": args.per_class, "writers": args.writers},
            all_items, subset, predictions)
        if extra["python_on_same_digits"]:
            same = extra["python_on_same_digits"]
            print(f"  mêmes chiffres en Python : {format_percent(same['accuracy'], 1)} ; "
                  f"{format_count(same['disagreements'], 'réponse différente', 'réponses différentes')} de la page")
    model = args.model.resolve()
    results[key] = {"mode": mode, "date": datetime.now(UTC).isoformat(timespec="seconds"),
                    "model": "models/cnn (la démo)" if args.browser else
                    str(model.relative_to(ROOT) if model.is_relative_to(ROOT) else args.model),
                    # Les modèles de models/ (la page les charge) ; aucun pour un autre modèle Keras.
                    "model_digest": model_digest() if args.browser or model == keras_path("cnn").resolve() else None,
                    **setup, **extra, **summary,
                    "predictions": "".join(str(int(p)) for p in predictions)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Écrit : {args.output}")


if __name__ == "__main__":
    main()
