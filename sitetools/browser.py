"""Chromium piloté par Playwright, pour les tests et les mesures dans un vrai navigateur.

On utilise le Chromium de Debian (``apt install chromium``), jamais un navigateur téléchargé par
Playwright : ces machines n'ont pas d'accès à Internet. Les pages sont servies en local par
:func:`static_server` ; :func:`tfjs_lab` prépare un dossier où le code de la démo, TF.js (la
copie du site) et les modèles de ``models/`` sont servis ensemble, pour tester et mesurer les
modèles exactement comme la démo les charge, sans construire le site. :func:`draw_strokes`
trace des chiffres au trait sur le pad de la démo, à la souris ou au doigt ; :func:`group_downloads`
fait le compte de ce qu'une page a téléchargé.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import math
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from digitlab.data import PROJECT_ROOT
from digitlab.demo_model.paths import KINDS, MODELS_DIR, tfjs_dir

CHROMIUM = os.environ.get("DIGITLAB_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
                      ".bin": "application/octet-stream", ".wasm": "application/wasm",
                      ".ipynb": "application/x-ipynb+json"}

    def log_message(self, *args):  # pas de journal à chaque requête
        pass


@contextlib.contextmanager
def static_server(directory):
    """Sert ``directory`` sur 127.0.0.1 (port libre) ; renvoie l'URL de base, sans « / » final."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Lance le Chromium de Debian, sans GPU ni accès réseau de fond."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"Chromium introuvable ({CHROMIUM}) : installez-le avec « apt install chromium ».")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


LAB_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Banc d'essai TF.js</title>
<script type="module">
  // Le module de la démo lui-même : même chargement de TF.js, même choix de moteur, mêmes modèles.
  import * as demoModel from './assets/demo/model.js';
  window.demoModel = demoModel;
  window.labReady = true;
</script></head><body><p>Banc d'essai des modèles TF.js.</p></body></html>
"""

# Dans la page du banc : charge un modèle (« cnn » ou « mlp ») par le module de la démo,
# le garde dans window.model et renvoie le moteur TF.js choisi (wasm, webgl ou cpu).
LOAD_MODEL_JS = """async (kind) => {
  await new Promise(r => { const w = () => window.labReady ? r() : setTimeout(w, 10); w(); });
  const m = window.demoModel;
  window.model = await m.loadModel(kind === 'cnn' ? m.CNN_URL : m.MLP_URL);
  return await m.backendName();
}"""


@contextlib.contextmanager
def tfjs_lab(models_dir=MODELS_DIR, extra_files=None):
    """Un dossier temporaire servi en local, disposé comme le site construit : ``index.html``,
    ``assets/demo/`` (le code de la démo), ``assets/vendor/tfjs/`` (TF.js) et ``models/<nom>/``.

    On teste et on mesure ainsi les modèles avec le code même de la démo, sans construire le site.
    ``extra_files`` : ``{nom: octets}`` écrits à la racine (par exemple des images de test).
    Renvoie l'URL de base.
    """
    docs_assets = PROJECT_ROOT / "docs" / "assets"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "index.html").write_text(LAB_PAGE, encoding="utf-8")
        shutil.copytree(docs_assets / "demo", tmp / "assets" / "demo")
        shutil.copytree(docs_assets / "vendor" / "tfjs", tmp / "assets" / "vendor" / "tfjs")
        for kind in KINDS:
            if (tfjs_dir(kind, models_dir) / "model.json").exists():
                shutil.copytree(tfjs_dir(kind, models_dir), tmp / "models" / kind)
        for name, content in (extra_files or {}).items():
            (tmp / name).write_bytes(content)
        with static_server(tmp) as url:
            yield url


LAB_SITE_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Banc d'essai des laboratoires</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/demo/demo.css">
<link rel="stylesheet" href="assets/labs/train/train.css">
<script type="module" src="assets/labs/labs.js"></script>
</head><body>{body}</body></html>
"""


@contextlib.contextmanager
def lab_site(body: str, data: bytes | None = None):
    """Un dossier temporaire servi en local, disposé comme le site construit, avec une seule page
    (``index.html``) dont le corps est ``body`` : le code de la démo et des laboratoires
    (``assets/demo/``, ``assets/labs/``), TF.js, les modèles de ``models/`` et l'extrait de MNIST
    des laboratoires (``data``, sinon fabriqué par :func:`sitetools.lab_data.build`).

    Pour mesurer ou essayer un laboratoire sans construire tout le site. Renvoie l'URL de base.
    """
    from sitetools import lab_data

    docs_assets = PROJECT_ROOT / "docs" / "assets"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "index.html").write_text(LAB_SITE_PAGE.replace("{body}", body), encoding="utf-8")
        for part in ("demo", "labs", "vendor/tfjs"):
            shutil.copytree(docs_assets / part, tmp / "assets" / part)
        for kind in KINDS:
            shutil.copytree(tfjs_dir(kind), tmp / "models" / kind)
        target = tmp / lab_data.SITE_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if data is not None else lab_data.build())
        with static_server(tmp) as url:
            yield url


def densify(points, step=8.0):
    """Ajoute des points intermédiaires tous les ``step`` pixels environ, comme une vraie main :
    la souris ou le doigt passe par des points rapprochés, pas d'un bout du trait à l'autre."""
    out = [tuple(points[0])]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1)]
    return out


def stroke_points(rect, stroke, box=(0.15, 0.15, 0.7), step=8.0):
    """Un trait en coordonnées du carré unité (y vers le bas) → points de la page, densifiés.

    ``rect`` : la boîte du canvas (``bounding_box()`` de Playwright) ; ``box = (gauche, haut,
    taille)`` en fractions du canvas : où et à quelle taille écrire.
    """
    left, top, size = box
    points = [(rect["x"] + (left + x * size) * rect["width"], rect["y"] + (top + y * size) * rect["height"])
              for x, y in stroke]
    return densify(points, step)


def press_along(page, points):
    """Pose la souris sur ``points[0]``, bouton enfoncé, et la mène par tous les ``points``.
    Le bouton reste enfoncé : à l'appelant de le relâcher (``page.mouse.up()``)."""
    page.mouse.move(*points[0])
    page.mouse.down()
    for pt in points[1:]:
        page.mouse.move(*pt)


def draw_strokes(page, pad, strokes, box=(0.15, 0.15, 0.7), step=8.0, touch=False):
    """Trace ``strokes`` (coordonnées du carré unité, y vers le bas) sur le canvas ``pad``.

    ``box = (gauche, haut, taille)`` en fractions du canvas : où et à quelle taille écrire ;
    ``step`` : écart en pixels entre deux points successifs du tracé (voir :func:`densify`).
    Souris par défaut (``page.mouse``) ; avec ``touch=True``, des événements tactiles CDP, comme un
    doigt sur un téléphone (la page doit venir d'un contexte ``has_touch=True``).
    """
    rect = pad.bounding_box()
    cdp = page.context.new_cdp_session(page) if touch else None

    def touch_event(kind, pt=None):
        cdp.send("Input.dispatchTouchEvent",
                 {"type": kind, "touchPoints": [] if pt is None else [{"x": pt[0], "y": pt[1]}]})

    for stroke in strokes:
        points = stroke_points(rect, stroke, box, step)
        if touch:
            touch_event("touchStart", points[0])
            for pt in points[1:]:
                touch_event("touchMove", pt)
            touch_event("touchEnd")
        else:
            press_along(page, points)
            page.mouse.up()
    if cdp is not None:
        cdp.detach()


#: Ce que la page a téléchargé depuis son ouverture (la page elle-même comprise), d'après l'API
#: Resource Timing du navigateur : adresse et taille du contenu reçu, en octets.
DOWNLOADS_JS = """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .map((e) => ({ url: e.name, bytes: e.encodedBodySize }))"""

#: Les parts d'un téléchargement, reconnues au chemin de l'adresse.
DOWNLOAD_PARTS = {"tfjs": "/assets/vendor/tfjs/", "model": "/models/", "mathjax": "/assets/vendor/mathjax/"}


def group_downloads(entries) -> dict:
    """Les octets téléchargés par une page (``DOWNLOADS_JS``), en tout et par part : TensorFlow.js,
    le modèle, MathJax, et le reste (la page, ses styles, ses scripts, ses images). Une adresse vue
    deux fois (une requête refaite) ne compte qu'une fois."""
    sizes = {}
    for e in entries:
        url = e["url"].split("#")[0]
        sizes[url] = max(sizes.get(url, 0), int(e["bytes"]))
    out = {f"{part}_bytes": 0 for part in [*DOWNLOAD_PARTS, "other"]}
    for url, size in sizes.items():
        path = urlsplit(url).path
        part = next((name for name, prefix in DOWNLOAD_PARTS.items() if prefix in path), "other")
        out[f"{part}_bytes"] += size
    return {"total_bytes": sum(sizes.values()), **out, "files": len(sizes)}
