"""Mesure la rapidité de la démo dans Chromium sans écran (le Chromium de Debian).

    python scripts/benchmark_demo.py                     # construit le site dans un dossier temporaire
    python scripts/benchmark_demo.py --site site/        # ou mesure un site déjà construit

Deux chiffres :

- **chargement → première lecture possible** : du début de la navigation vers la page de démo
  au moment où le modèle est chargé et prêt (``data-state="ready"`` sur la démo), cache du
  navigateur vide (médiane de plusieurs chargements), et ce que la page a téléchargé jusque-là
  (octets reçus, sans compression du serveur local : TF.js, modèle, MathJax, le reste) ;
- **lever du stylo → chiffre affiché** : pour au moins 50 chiffres tracés à la souris, temps
  entre l'événement ``pointerup`` et la première image affichée (``requestAnimationFrame``)
  après que la démo a écrit la prédiction dans la page (médiane et 90e centile).

Les chiffres sont imprimés et écrits dans ``docs/assets/benchmarks/demo.json``, que la page de
la démo affiche.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from digitlab.demo_model.paths import BENCHMARKS_DIR
from digitlab.demo_model.provenance import model_digest
from digitlab.demo_model.writers import check_digits
from sitetools.browser import CHROMIUM, DOWNLOADS_JS, draw_strokes, group_downloads, launch, static_server

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = BENCHMARKS_DIR / "demo.json"

# Enregistre dans la page les instants utiles (horloge performance.now(), origine = début de
# la navigation) : démo prête, lever du stylo, prédiction écrite puis affichée.
INSTRUMENT = """
(() => {
  const t = window.__bench = { ready: null, lifts: [] };
  let pending = null;
  window.addEventListener('pointerup', (e) => {
    if (e.target.matches && e.target.matches('[data-demo-pad]')) {
      pending = { up: performance.now(), set: null, shown: null };
      t.lifts.push(pending);
    }
  }, true);
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target;
      if (r.attributeName === 'data-state' && el.dataset.state === 'ready' && t.ready === null) {
        t.ready = performance.now();
      }
      if (r.attributeName === 'data-prediction' && el.matches('[data-demo-result]') && pending
          && pending.set === null && el.dataset.prediction !== '') {
        const p = pending;
        p.set = performance.now();
        requestAnimationFrame(() => { p.shown = performance.now(); });
      }
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-state', 'data-prediction'] });
})();
"""


# Le moteur WebGL (« SwiftShader » : WebGL calculé par le processeur, sans carte graphique).
RENDERER = """() => {
  const gl = document.createElement('canvas').getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
}"""


def build_site(target: Path) -> Path:
    print("Construction du site (mkdocs build)…", flush=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["DIGITLAB_MODEL_BUILD"] = "never"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(target)],
                   cwd=ROOT, env=env, check=True)
    return target


def benchmark_digits(n, seed):
    """n chiffres de contrôle au trait (digitlab.demo_model.writers) : une série des dix chiffres
    par scripteur simulé, autant de scripteurs qu'il faut."""
    _, items = check_digits(count=math.ceil(n / 10), per_class=1, seed=seed)
    return [item["strokes"] for item in items][:n]


def measure_load(browser, url, runs):
    """Les temps de chargement (ms), le moteur TF.js, le moteur WebGL, et ce que la page a téléchargé
    jusqu'à sa première lecture possible (:func:`sitetools.browser.group_downloads`, au dernier
    chargement : le cache est vide à chacun)."""
    times, backend = [], None
    for _ in range(runs):
        context = browser.new_context()  # cache vide à chaque chargement
        page = context.new_page()
        page.add_init_script(INSTRUMENT)
        page.goto(url)
        page.wait_for_selector("[data-demo][data-state='ready']", timeout=60_000)
        times.append(page.evaluate("window.__bench.ready"))
        downloads = group_downloads(page.evaluate(DOWNLOADS_JS))
        backend = page.get_attribute("[data-demo]", "data-backend")
        renderer = page.evaluate(RENDERER)
        context.close()
    return times, backend, renderer, downloads


def measure_lifts(browser, url, n_strokes):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.add_init_script(INSTRUMENT)
    page.goto(url)
    page.wait_for_selector("[data-demo][data-state='ready']", timeout=60_000)
    pad = page.locator("[data-demo-pad]")
    for strokes in benchmark_digits(n_strokes, seed=31415):
        page.click("[data-demo-clear]")
        draw_strokes(page, pad, strokes)  # à la souris, dans le carré (0,15 ; 0,15 ; 0,7) du pad
        page.wait_for_function(
            "() => { const lifts = window.__bench.lifts; return lifts.length && lifts.at(-1).shown !== null; }",
            timeout=5_000)
    lifts = page.evaluate("window.__bench.lifts")
    context.close()
    return [lift["shown"] - lift["up"] for lift in lifts if lift["shown"] is not None]


def chromium_version():
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return "inconnue"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path,
                        help="site déjà construit (sinon : mkdocs build dans un dossier temporaire)")
    parser.add_argument("--strokes", type=int, default=60,
                        help="nombre de chiffres tracés (≥ 50 ; un chiffre en deux traits compte deux levers)")
    parser.add_argument("--loads", type=int, default=5, help="nombre de chargements de la page")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    if args.strokes < 50:
        parser.error("au moins 50 chiffres")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else build_site(Path(tmp) / "site")
        if not (site / "demo" / "index.html").is_file():
            sys.exit(f"{site} ne contient pas la page de démo (demo/index.html) : construisez le site.")
        with static_server(site) as base, sync_playwright() as p:
            url = f"{base}/demo/"
            browser = launch(p)
            print(f"Chargements de {url}…", flush=True)
            loads, backend, renderer, downloads = measure_load(browser, url, args.loads)
            print(f"{args.strokes} chiffres tracés à la souris…", flush=True)
            lifts = measure_lifts(browser, url, args.strokes)
            browser.close()

    result = {
        "description": "Démo mesurée dans Chromium sans écran par scripts/benchmark_demo.py",
        "date": time.strftime("%Y-%m-%d"),
        "model_digest": model_digest(),
        "machine": f"{os.cpu_count()} cœurs, {platform.machine()}",
        "chromium": chromium_version(),
        "backend": backend,
        "webgl_renderer": renderer,
        "load_to_ready_ms": round(statistics.median(loads), 1),
        "load_runs_ms": [round(v, 1) for v in loads],
        "download_to_ready": downloads,
        "pen_up_to_prediction_ms_median": round(statistics.median(lifts), 1),
        "pen_up_to_prediction_ms_p90": round(float(np.percentile(lifts, 90)), 1),
        "pen_up_to_prediction_ms_max": round(max(lifts), 1),
        "digits": args.strokes,
        "strokes": len(lifts),
    }
    print(f"Backend TF.js : {backend} (WebGL : {renderer})")
    print(f"Chargement → première lecture possible : {result['load_to_ready_ms']:.0f} ms (médiane de {len(loads)})")
    print(f"Téléchargé jusque-là : {downloads['total_bytes'] / 1000:.0f} ko en {downloads['files']} fichiers "
          f"(TF.js {downloads['tfjs_bytes'] / 1000:.0f} ko, modèle {downloads['model_bytes'] / 1000:.0f} ko, "
          f"MathJax {downloads['mathjax_bytes'] / 1000:.0f} ko, le reste {downloads['other_bytes'] / 1000:.0f} ko)")
    print(f"Lever du stylo → chiffre affiché : {result['pen_up_to_prediction_ms_median']:.1f} ms (médiane), "
          f"{result['pen_up_to_prediction_ms_p90']:.1f} ms (90e centile), {len(lifts)} tracés")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Écrit dans {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")


if __name__ == "__main__":
    main()
