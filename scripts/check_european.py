"""Le modèle lit-il les chiffres écrits à l'européenne ? Mesure sur des chiffres tracés au trait.

    python scripts/check_european.py                  # rendu Python, modèles Keras de models/
    python scripts/check_european.py --browser        # tracés à la souris dans la vraie démo
    python scripts/check_european.py --browser --touch   # … au doigt (événements tactiles)

Les chiffres viennent de la « seconde main » de ``digitlab.demo_model.strokes`` (``CHECK_STYLES``) : des
gabarits jamais vus à l'entraînement — 1 à longue attaque, 7 barré, 9 à queue courbe, 8 en deux
ronds… —, déformés au hasard (inclinaison, proportions, tremblement). En mode ``--browser``, chaque
chiffre est tracé avec la souris sur le pad de la page ``/demo/`` du site construit (taille et
position tirées au hasard), et on lit ``data-prediction`` : toute la chaîne de la démo est mesurée.

Les chiffres sont imprimés et écrits dans ``docs/assets/benchmarks/european.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitlab.demo_model.paths import BENCHMARKS_DIR, KINDS, keras_path  # noqa: E402
from digitlab.demo_model.strokes import check_strokes, render  # noqa: E402

OUTPUT = BENCHMARKS_DIR / "european.json"
SEED = 4242


def summarize(items, predictions):
    by_style, by_digit = defaultdict(list), defaultdict(list)
    for (digit, style, _), pred in zip(items, predictions):
        by_style[style].append(pred == digit)
        by_digit[digit].append(pred == digit)
    correct = [p == d for (d, _, _), p in zip(items, predictions)]
    confusions = defaultdict(int)
    for (digit, _, _), pred in zip(items, predictions):
        if pred != digit:
            confusions[f"{digit}→{pred}"] += 1
    return {"accuracy": float(np.mean(correct)), "count": len(items),
            "by_style": {s: round(float(np.mean(v)), 4) for s, v in sorted(by_style.items())},
            "by_digit": {str(d): round(float(np.mean(v)), 4) for d, v in sorted(by_digit.items())},
            "confusions": dict(sorted(confusions.items(), key=lambda kv: -kv[1]))}


def python_predictions(items, seed):
    import tf_keras

    from digitlab.preprocess import preprocess

    rng = np.random.default_rng(seed)
    x = np.stack([preprocess(render(strokes, ratio=rng.uniform(0.08, 0.18))) for _, _, strokes in items])[..., None]
    out = {}
    for kind in KINDS:
        model = tf_keras.models.load_model(keras_path(kind), compile=False)
        out[kind] = model.predict(x, verbose=0).argmax(axis=1).tolist()
    return out


def browser_predictions(items, seed, site_dir, touch=False):
    from playwright.sync_api import sync_playwright

    from sitetools.browser import draw_strokes, launch, static_server

    rng = np.random.default_rng(seed)
    predictions, latencies = [], []
    with static_server(site_dir) as url, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True) \
            if touch else browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/demo/")
        root = page.locator("[data-demo]").first
        pad = root.locator("[data-demo-pad]")
        result = root.locator("[data-demo-result]")
        page.wait_for_function("() => !/chargement/i.test(document.querySelector('[data-demo-status]').textContent)",
                               timeout=30000)
        for _, _, strokes in items:
            root.locator("[data-demo-clear]").click()
            page.wait_for_function("(el) => el.dataset.prediction === ''", arg=result.element_handle())
            size = rng.uniform(0.45, 0.8)
            box = (rng.uniform(0.05, 0.95 - size), rng.uniform(0.05, 0.95 - size), size)
            before = result.get_attribute("data-probabilities")
            start = time.perf_counter()
            draw_strokes(page, pad, strokes, box=box, touch=touch)
            page.wait_for_function(
                "([el, before]) => el.dataset.prediction !== '' && el.dataset.probabilities !== before",
                arg=[result.element_handle(), before], timeout=2000)
            latencies.append(time.perf_counter() - start)
            predictions.append(int(result.get_attribute("data-prediction")))
        browser.close()
    return {"cnn": predictions}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=30, help="chiffres par classe")
    parser.add_argument("--browser", action="store_true", help="tracer dans la vraie démo (Chromium)")
    parser.add_argument("--touch", action="store_true", help="avec --browser : au doigt plutôt qu'à la souris")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="site construit (mkdocs build)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    items = check_strokes(args.per_class, SEED)
    if args.browser:
        if not (args.site / "demo" / "index.html").exists():
            parser.error(f"site construit introuvable dans {args.site} : lancez d'abord « mkdocs build ».")
        preds = browser_predictions(items, SEED, args.site, touch=args.touch)
        mode = "navigateur, " + ("doigt (tactile)" if args.touch else "souris")
    else:
        preds = python_predictions(items, SEED)
        mode = "Python (rendu PIL, modèles Keras)"
    results = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    key = "browser_touch" if args.browser and args.touch else ("browser_mouse" if args.browser else "python")
    results[key] = {"mode": mode, "date": datetime.now(UTC).isoformat(timespec="seconds"),
                    **{kind: summarize(items, p) for kind, p in preds.items()}}
    for kind in preds:
        s = results[key][kind]
        print(f"{kind.upper()} ({mode}) : {s['accuracy']:.1%} de {s['count']} chiffres lus correctement")
        for style, acc in s["by_style"].items():
            print(f"   {style:22s} {acc:6.1%}")
        if s["confusions"]:
            print("   confusions :", ", ".join(f"{k} ×{v}" for k, v in s["confusions"].items()))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Écrit : {args.output}")


if __name__ == "__main__":
    main()
