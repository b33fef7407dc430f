"""Fixtures partagées : le site construit et un serveur HTTP local qui le sert.

- ``built_site`` : construit le site une fois par session (``mkdocs build --strict``) dans un
  dossier temporaire, ou réutilise celui que désigne la variable ``DIGITLAB_SITE_DIR``.
- ``site_url`` : sert ce dossier sur ``http://127.0.0.1:<port libre>`` (sans « / » final).
- ``mnist_data`` : MNIST complet, par le chargeur du paquet (copie partagée, ``DIGITLAB_MNIST``
  ou téléchargement) ; sauté s'il est introuvable, sauf en intégration continue (variable ``CI``),
  où un test sur MNIST qui ne tourne pas est une erreur.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitetools.browser import static_server

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT_S = 30 * 60


@pytest.fixture(scope="session")
def mnist_data():
    """``(x_train, y_train), (x_test, y_test)`` de MNIST (voir ``digitlab.data.load_mnist``)."""
    from digitlab.data import load_mnist

    try:
        return load_mnist()
    except Exception as exc:
        message = f"MNIST indisponible : {exc}"
        if os.environ.get("CI"):
            pytest.fail(message + " (variable CI définie : les tests sur MNIST ne sont jamais sautés)",
                        pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Le dossier du site construit par ``mkdocs build --strict``."""
    existing = os.environ.get("DIGITLAB_SITE_DIR")
    if existing:
        site = Path(existing).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"DIGITLAB_SITE_DIR={existing} ne contient pas de site construit "
                        "(index.html absent). Construisez-le avec « mkdocs build --strict "
                        "--site-dir … » ou retirez la variable.", pytrace=False)
        return site

    site = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # Les tests n'entraînent jamais le modèle : ils construisent avec celui du dépôt.
    env["DIGITLAB_MODEL_BUILD"] = "never"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    try:
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"mkdocs build n'a pas fini en {BUILD_TIMEOUT_S} s.\n{exc.stdout or ''}"
                    f"{exc.stderr or ''}", pytrace=False)
    if result.returncode != 0:
        pytest.fail(f"« {' '.join(command[2:])} » a échoué (code {result.returncode}).\n"
                    f"--- sortie standard ---\n{result.stdout}\n"
                    f"--- erreurs ---\n{result.stderr}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    """URL de base (``http://127.0.0.1:PORT``, sans « / » final) d'un serveur local du site."""
    with static_server(built_site) as url:
        yield url
