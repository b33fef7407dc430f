"""Greffon MkDocs : les modèles de la démo, reconstruits par ``mkdocs build`` quand il le faut.

Avant la construction, on compare l'empreinte enregistrée dans ``models/metrics.json`` à celle du
code d'entraînement, de sa configuration et des données (:func:`digitlab.demo_model.fingerprint.fingerprint`) :

- artefacts présents et à jour → réutilisés (quelques secondes) ;
- absents ou périmés → réentraînés et réexportés par ``scripts/train.py`` (progression affichée).

La variable d'environnement ``DIGITLAB_MODEL_BUILD`` change ce comportement :
``auto`` (défaut), ``always`` (réentraîner quoi qu'il arrive), ``never`` (ne jamais entraîner :
la construction échoue, avec un message clair, si les artefacts manquent ou sont périmés — c'est
le réglage de l'intégration continue).

Les mesures de ``docs/assets/benchmarks/`` faites sur d'autres modèles (après un réentraînement)
sont signalées dans le journal et en tête des chiffres de la page « Le modèle », avec les commandes
qui les refont (:mod:`digitlab.demo_model.provenance`).

Après la construction, les fichiers TF.js et ``metrics.json`` sont copiés dans le site, sous
``models/`` : la démo les charge depuis le site lui-même.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.models")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # le dépôt d'abord : ses paquets, pas une copie installée ailleurs
    sys.path.insert(0, str(ROOT))

from digitlab.data import MnistError  # noqa: E402
from digitlab.demo_model.paths import KINDS, METRICS_PATH, MODELS_DIR, tfjs_dir  # noqa: E402
from digitlab.fmt import plural_form  # noqa: E402

#: Le dossier des artefacts (remplaçable par les tests, qui travaillent sur une copie).
MODELS = MODELS_DIR
MODES = ("auto", "always", "never")


def artifact_problems() -> list[str]:
    """Ce qui ne va pas dans ``models/`` (liste vide si tout est présent et à jour)."""
    from digitlab.demo_model.fingerprint import fingerprint

    metrics_path = MODELS / METRICS_PATH.name
    missing = [str(p.relative_to(MODELS.parent)) for p in
               [metrics_path] + [tfjs_dir(k, MODELS) / "model.json" for k in KINDS] if not p.exists()]
    if missing:
        return [f"{plural_form(len(missing), 'fichier absent', 'fichiers absents')} : {', '.join(missing)}"]
    recorded = json.loads(metrics_path.read_text(encoding="utf-8")).get("fingerprint", {})
    try:
        expected = fingerprint()  # l'empreinte des données lit MNIST
    except MnistError as exc:
        raise PluginError(f"Impossible de vérifier que les modèles de models/ sont à jour : {exc}") from exc
    stale = [part for part in ("config", "code", "data") if recorded.get(part) != expected[part]]
    labels = {"config": "la configuration", "code": "le code d'entraînement", "data": "les données"}
    return [f"{labels[p]} a changé depuis l'entraînement" for p in stale]


def stale_measures(config, digest=None):
    """Les mesures de ``docs/assets/benchmarks/`` qui ne portent pas sur les modèles de ``MODELS``."""
    from digitlab.demo_model.provenance import model_digest, stale_benchmarks

    docs = Path(config.get("docs_dir") or ROOT / "docs")
    return stale_benchmarks(digest or model_digest(MODELS), docs / "assets" / "benchmarks")


def warn_about_stale_measures(config):
    from digitlab.demo_model.provenance import describe

    stale = stale_measures(config)
    if stale:
        log.warning("Mesures périmées : %s", describe(stale))


def on_pre_build(config, **kwargs):
    mode = os.environ.get("DIGITLAB_MODEL_BUILD", "auto").strip().lower()
    if mode not in MODES:
        raise PluginError(f"DIGITLAB_MODEL_BUILD={mode!r} : valeurs possibles {', '.join(MODES)}.")
    start = time.perf_counter()
    problems = ["reconstruction demandée (DIGITLAB_MODEL_BUILD=always)"] if mode == "always" else artifact_problems()
    if not problems:
        log.info("Modèles à jour dans models/ (vérifié en %.1f s) : réutilisés.", time.perf_counter() - start)
        warn_about_stale_measures(config)
        return
    reason = " ; ".join(problems)
    if mode == "never":
        raise PluginError(
            f"Les modèles de models/ ne sont pas utilisables : {reason}. L'entraînement est interdit "
            "ici (DIGITLAB_MODEL_BUILD=never) : lancez « python scripts/train.py » sur une machine de "
            "développement, puis commitez models/.")
    log.warning("Modèles à reconstruire : %s. Entraînement en cours (≈ 30 min sur 2 cœurs)…", reason)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "train.py")], cwd=ROOT)
    if result.returncode != 0:
        raise PluginError(f"L'entraînement des modèles a échoué (code {result.returncode}) : la raison est dans "
                          "les messages ci-dessus.")
    remaining = artifact_problems()
    if remaining:
        raise PluginError("Après l'entraînement, les modèles ne sont toujours pas à jour : " + " ; ".join(remaining))
    warn_about_stale_measures(config)


def on_post_build(config, **kwargs):
    site = Path(config["site_dir"]) / "models"
    for kind in KINDS:
        target = site / kind
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(tfjs_dir(kind, MODELS), target)
    shutil.copy2(MODELS / METRICS_PATH.name, site / METRICS_PATH.name)


#: Les paragraphes d'autres pages que leur script remplit avec une mesure (la page de la démo).
MEASURE_SLOTS = {"<p data-demo-benchmark>": "demo.json", "<p data-photo-benchmark>": "photos.json"}


def flag_stale_slots(markdown, config):
    """Devant chaque paragraphe de :data:`MEASURE_SLOTS` dont la mesure est périmée, un avertissement
    qui le dit, avec la commande qui la refait."""
    slots = [(slot, file) for slot, file in MEASURE_SLOTS.items() if slot in markdown]
    if not slots:
        return markdown
    stale = stale_measures(config)
    for slot, file in slots:
        commands = [f"« {m.command} »" for m in stale if m.file == file]
        if commands:
            warning = ("!!! warning \"Mesures d'un modèle précédent\"\n\n"
                       "    Les chiffres ci-dessous ont été mesurés sur un autre modèle que celui de la démo "
                       f"(réentraîné depuis) ; pour les refaire : {' ; '.join(commands)}.\n\n")
            markdown = markdown.replace(slot, warning + slot, 1)
    return markdown


def on_page_markdown(markdown, page, config, files, **kwargs):
    """Remplace le marqueur de ``docs/modele.md`` par les tableaux tirés des fichiers de chiffres ;
    ailleurs, signale les mesures périmées (:func:`flag_stale_slots`)."""
    from digitlab.demo_model.provenance import model_digest
    from sitetools import model_report as report

    if report.MARKER not in markdown:
        return flag_stale_slots(markdown, config)
    bench_dir = Path(config["docs_dir"]) / "assets" / "benchmarks"
    digest = model_digest(MODELS)

    def read(path):
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    text = report.model_report(read(MODELS / METRICS_PATH.name), read(bench_dir / "model.json"),
                               read(bench_dir / "demo.json"), read(bench_dir / "writers.json"),
                               read(bench_dir / "tta.json"), stale=stale_measures(config, digest), digest=digest)
    return markdown.replace(report.MARKER, text)
