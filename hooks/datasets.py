"""Greffon MkDocs : l'extrait de MNIST du « réseau entraîné dans la page », fabriqué à la construction.

Le dépôt ne contient pas MNIST : après chaque construction, on écrit dans le site
``assets/data/mnist-lab.bin`` (6 000 images d'entraînement et 1 000 de test, 4 bits par pixel,
≈ 2,7 Mo ; format décrit dans :mod:`sitetools.lab_data`), toujours identique d'une construction à
l'autre. MNIST est lu comme partout ailleurs (:func:`digitlab.data.load_mnist`).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.datasets")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # le dépôt d'abord : ses paquets, pas une copie installée ailleurs
    sys.path.insert(0, str(ROOT))

from digitlab.data import MnistError  # noqa: E402
from sitetools import lab_data  # noqa: E402


def on_post_build(config, **kwargs):
    target = Path(config["site_dir"]) / lab_data.SITE_PATH
    try:
        data = lab_data.build()
    except (MnistError, lab_data.LabDataError) as exc:
        raise PluginError(f"Extrait de MNIST pour l'entraînement dans la page impossible : {exc}") from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    log.info("Extrait de MNIST écrit : %s (%d octets).", lab_data.SITE_PATH, len(data))
