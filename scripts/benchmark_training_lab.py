"""Combien de temps dure une époque du « réseau entraîné dans la page » ?

    python scripts/benchmark_training_lab.py              # 3 époques par réseau
    python scripts/benchmark_training_lab.py --epochs 1

On ouvre le laboratoire (``docs/assets/labs/train/``) dans Chromium sans tête, servi en local avec
l'extrait de MNIST du site (:mod:`sitetools.lab_data`), on lance l'entraînement de chaque réseau
comme le ferait un lecteur (clic sur « Entraîner ») et on relève, après chaque époque, sa durée
et l'exactitude sur les images de test servies (``data-seconds``, ``data-accuracy``). Le moteur
de TF.js est celui que choisit la démo (WebAssembly d'abord).

Chiffres imprimés et écrits dans ``docs/assets/benchmarks/training_lab.json`` (montrés dans le
chapitre « Le réseau convolutif avec Keras »).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitlab.demo_model.paths import BENCHMARKS_DIR  # noqa: E402
from sitetools import lab_data  # noqa: E402
from sitetools.browser import lab_site, launch  # noqa: E402

OUTPUT = BENCHMARKS_DIR / "training_lab.json"


def run(page, url, kind, epochs):
    page.goto(url)
    root = page.locator("[data-lab='train']")
    root.locator("[data-lab-model]").select_option(kind)
    root.locator("[data-lab-epochs]").select_option(str(epochs))
    root.locator("[data-lab-start]").click()
    progress = root.locator("[data-lab-progress]")
    per_epoch = []
    for epoch in range(1, epochs + 1):
        page.wait_for_function("([el, n]) => Number(el.dataset.epoch) >= n || "
                               "el.closest('[data-lab]').dataset.state === 'error'",
                               arg=[progress.element_handle(), epoch], timeout=600_000)
        if root.get_attribute("data-state") == "error":
            raise RuntimeError(root.locator("[data-lab-status]").text_content())
        per_epoch.append({"epoch": epoch, "seconds": float(progress.get_attribute("data-seconds")),
                          "test_accuracy": float(progress.get_attribute("data-accuracy"))})
        print(f"{kind} : époque {epoch} en {per_epoch[-1]['seconds']:.1f} s, "
              f"exactitude de test {per_epoch[-1]['test_accuracy']:.1%}", flush=True)
    backend = page.evaluate("() => window.tf ? window.tf.getBackend() : null")
    status = root.locator("[data-lab-status]").text_content()
    return {"backend": backend, "epochs": per_epoch, "status": status}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3, choices=range(1, 11), metavar="1…10",
                        help="époques à entraîner, comme le menu du laboratoire (1 à 10)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    data = lab_data.build()
    decoded = lab_data.decode(data)
    results = {}
    with lab_site('<div data-lab="train"></div>', data) as url, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for kind in ("cnn", "mlp"):
            results[kind] = run(page, url, kind, args.epochs)
        browser.close()
    if errors:
        raise SystemExit("Erreurs dans la page : " + " | ".join(errors))
    payload = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        # La charge moyenne de la machine pendant la mesure : sur une machine partagée, elle
        # explique bien des écarts.
        "machine": {"cpus": os.cpu_count(), "load_average": [round(v, 1) for v in os.getloadavg()]},
        "browser": "Chromium sans tête (Playwright)",
        "dataset": {"train": int(len(decoded["train"][1])), "test": int(len(decoded["test"][1])),
                    "bytes": len(data), "bits": decoded["bits"]},
        **results,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Écrit : {args.output}")


if __name__ == "__main__":
    main()
