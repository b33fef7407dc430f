"""Mesure les modèles TF.js dans Chromium (headless) sur cette machine, et écrit les chiffres.

    python scripts/benchmark_model.py [--digits 300]

Les modèles sont chargés par le module de la démo (même moteur TF.js : WASM d'abord). Pour chaque
modèle (CNN, MLP) : temps de chargement (TF.js et son moteur, model.json + poids, jusqu'au modèle
prêt et réchauffé), temps médian d'une prédiction à chaud sur des chiffres de test MNIST (un à la fois,
comme dans la démo), taille des fichiers, et l'exactitude de test enregistrée dans metrics.json.
Les chiffres sont imprimés et écrits dans ``docs/assets/benchmarks/model.json`` (la page « Le
modèle » les affiche).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitlab.data import load_mnist  # noqa: E402
from digitlab.demo_model.export import tfjs_sizes  # noqa: E402
from digitlab.demo_model.paths import BENCHMARKS_DIR, KINDS, METRICS_PATH, tfjs_dir  # noqa: E402
from digitlab.demo_model.provenance import model_digest  # noqa: E402
from sitetools.browser import LOAD_MODEL_JS, launch, tfjs_lab  # noqa: E402

OUTPUT = BENCHMARKS_DIR / "model.json"

MEASURE_JS = """async ([kind, count]) => {
  const t0 = performance.now();
  const backend = await (LOAD_MODEL)(kind);  // TF.js, moteur et modèle, par le module de la démo
  const loadMs = performance.now() - t0;
  const model = window.model;
  const bytes = new Uint8Array(await (await fetch('digits.bin')).arrayBuffer());
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const pixels = bytes.subarray(i * 784, (i + 1) * 784);
    const out = tf.tidy(() => model.predict(tf.tensor4d(pixels, [1, 28, 28, 1], 'float32').div(255)));
    await out.data();
    out.dispose();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const q = p => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return {backend, load_ms: loadMs, predict_ms_median: q(0.5), predict_ms_p90: q(0.9), count};
}""".replace("LOAD_MODEL", LOAD_MODEL_JS)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digits", type=int, default=300, help="nombre de chiffres prédits (≥ 200)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    _, (x_test, _) = load_mnist()
    metrics = json.loads(METRICS_PATH.read_text(encoding="utf-8"))
    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"),
               "machine": f"{platform.machine()}, {platform.processor() or 'processeur'}, Chromium headless",
               "model_digest": model_digest(), "models": {}}
    with tfjs_lab(extra_files={"digits.bin": x_test[: args.digits].tobytes()}) as url, sync_playwright() as p:
        browser = launch(p)
        results["chromium"] = browser.version
        for kind in KINDS:
            page = browser.new_page()
            page.goto(f"{url}/index.html")
            r = page.evaluate(MEASURE_JS, [kind, args.digits])
            page.close()
            r["tfjs_bytes"] = tfjs_sizes(tfjs_dir(kind))["total_bytes"]
            r["test_accuracy"] = metrics[kind]["test"]["accuracy"]
            r["parameters"] = metrics[kind]["parameters"]
            results["models"][kind] = r
            print(f"{kind.upper():4s} backend {r['backend']:5s} | chargement {r['load_ms']:7.1f} ms | "
                  f"prédiction médiane {r['predict_ms_median']:6.2f} ms (p90 {r['predict_ms_p90']:.2f}) "
                  f"sur {r['count']} chiffres | {r['tfjs_bytes'] / 1000:.0f} ko | "
                  f"test {r['test_accuracy']:.2%}")
        browser.close()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Écrit : {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")


if __name__ == "__main__":
    main()
