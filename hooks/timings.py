"""Greffon MkDocs : écrit dans le journal de construction le temps pris par chaque chapitre.

mkdocs-jupyter exécute un notebook au rendu de sa page, entre ``on_pre_page`` et
``on_page_content`` (MkDocs rend toutes les pages avant d'en écrire aucune : c'est bien ce
couple d'événements qui encadre le rendu d'une seule page). On chronomètre cet intervalle pour
chaque page de ``chapitres/``.
(Un chapitre inchangé depuis la construction précédente vient du cache de mkdocs-jupyter.)
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger("mkdocs.hooks.timings")
_started: dict[str, float] = {}
_total = {"seconds": 0.0}


def on_pre_build(config, **kwargs):
    _started.clear()
    _total["seconds"] = 0.0


def on_pre_page(page, config, files, **kwargs):
    _started[page.file.src_uri] = time.perf_counter()
    return page


def on_page_content(html, page, config, files, **kwargs):
    start = _started.pop(page.file.src_uri, None)
    if start is not None and page.file.src_uri.startswith("chapitres/"):
        seconds = time.perf_counter() - start
        _total["seconds"] += seconds
        log.info("Chapitre %s : %.1f s", page.file.src_uri, seconds)
    return html


def on_post_build(config, **kwargs):
    log.info("Chapitres : %.1f s au total", _total["seconds"])
