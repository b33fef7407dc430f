"""Mesure ce que coûte à la démo un JPEG hostile : 20 000 × 20 000 pixels (400 mégapixels),
dont l'en-tête de trame (SOF, qui donne les dimensions) est placé après plus de 1 Mio de
segments de métadonnées ; et, pour comparer, de vraies photos de téléphone, que la démo doit lire.

    python scripts/measure_hostile_jpeg.py --site /tmp/site      # un site déjà construit

La démo doit refuser le fichier hostile (limite : 50 mégapixels) sans le décoder, et lire les
photos de 12, 24 et 48,8 mégapixels (iPhone : 24 par défaut depuis le 15, 48 en pleine
définition). Le script importe chaque fichier dans la page de la démo, dans Chromium sans écran,
et imprime :

- le temps entre le choix du fichier et le message affiché ;
- la mémoire vive supplémentaire de Chromium pendant ce temps (somme des processus, relevée
  toutes les 20 ms dans /proc : Linux seulement) ;
- si la page a appelé le décodeur du navigateur (createImageBitmap ou <img>.decode).

Un navigateur qui décode le fichier hostile fige l'onglet plusieurs secondes et alloue plus de
1 Go ; sur un téléphone, l'onglet meurt.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image

from sitetools.browser import launch, static_server
from sitetools.school_photos import PHONE_RESOLUTIONS, full_resolution_photo

SIDE = 20_000
METADATA_SEGMENTS = 20  # 20 × 64 Kio > 1 Mio : au-delà de ce que lisait l'ancien analyseur

# Compte les appels au décodeur du navigateur.
COUNT_DECODES = """(() => {
  window.__decodes = 0;
  const bitmap = window.createImageBitmap;
  window.createImageBitmap = function (...args) { window.__decodes += 1; return bitmap.apply(this, args); };
  const decode = HTMLImageElement.prototype.decode;
  HTMLImageElement.prototype.decode = function (...args) { window.__decodes += 1; return decode.apply(this, args); };
})()"""


def hostile_jpeg() -> bytes:
    """Un vrai JPEG de SIDE × SIDE (gris uni, donc petit), avec de grosses métadonnées avant la trame."""
    buffer = io.BytesIO()
    Image.new("L", (SIDE, SIDE), 255).save(buffer, format="JPEG", quality=50)
    data = buffer.getvalue()
    segment = b"\xff\xef" + (65535).to_bytes(2, "big") + bytes(65533)  # APP15, rempli de zéros
    return data[:2] + segment * METADATA_SEGMENTS + data[2:]


def descendants(pid: int) -> list[int]:
    """Les processus descendants de pid (lus dans /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        children = [p for p, parent in parents.items() if parent == current]
        found += children
        frontier += children
    return found


def rss_bytes(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def measure(site: Path, path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, static_server(site) as url:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.add_init_script(COUNT_DECODES)
            page.goto(f"{url}/demo/")
            page.wait_for_selector("[data-demo][data-state='ready']", timeout=60_000)
            time.sleep(1.0)
            pids = descendants(os.getpid())
            baseline = rss_bytes(pids)
            peak = [baseline]
            done = threading.Event()

            def sample():
                while not done.is_set():
                    peak[0] = max(peak[0], rss_bytes(pids))
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            start = time.perf_counter()
            page.set_input_files("[data-demo-upload]", str(path))
            page.wait_for_function(
                "() => !document.querySelector('[data-demo-status]').textContent.startsWith('Lecture')",
                timeout=120_000, polling=10)
            elapsed = time.perf_counter() - start
            done.set()
            sampler.join()
            return {
                "seconds": elapsed,
                "extra_memory_mb": (peak[0] - baseline) / 2**20,
                "decoder_calls": page.evaluate("window.__decodes"),
                "status": page.text_content("[data-demo-status]"),
            }
        finally:
            browser.close()


def decimal(x: float, digits: int) -> str:
    """Un nombre à virgule, écrit à la française : 1,39."""
    return f"{x:.{digits}f}".replace(".", ",")


def report(result: dict) -> None:
    print(f"  réponse en {decimal(result['seconds'], 2)} s ; "
          f"mémoire de Chromium : +{result['extra_memory_mb']:.0f} Mio ; "
          f"appels au décodeur : {result['decoder_calls']}.")
    print(f"  message : {result['status']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="dossier d'un site construit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.jpg"
        path.write_bytes(hostile_jpeg())
        print(f"Fichier hostile : {SIDE} × {SIDE} pixels, {decimal(path.stat().st_size / 2**20, 2)} Mio, trame après "
              f"{METADATA_SEGMENTS} segments de 64 Kio.")
        report(measure(args.site, path))
        for width, height in PHONE_RESOLUTIONS:
            path = Path(tmp) / f"photo_{width}x{height}.jpg"
            path.write_bytes(full_resolution_photo(width, height))
            print(f"Photo de téléphone : {width} × {height} pixels ({decimal(width * height / 1e6, 1)} mégapixels), "
                  f"{decimal(path.stat().st_size / 2**20, 2)} Mio.")
            report(measure(args.site, path))


if __name__ == "__main__":
    main()
