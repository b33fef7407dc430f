"""Fixtures du navigateur : le Chromium de Debian piloté par Playwright.

- ``browser`` (session) : Chromium sans tête. Jamais « playwright install » : on utilise
  ``/usr/bin/chromium`` (paquet Debian ``chromium``).
- ``page`` (par test) : une page dans un contexte neuf, avec deux listes que chaque test
  vérifie lui-même :

  * ``page.console_errors`` : messages console de type « error » et exceptions JavaScript non
    rattrapées (``pageerror``) ;
  * ``page.external_requests`` : URL de toute requête vers un autre hôte que le serveur local ;
    ces requêtes sont bloquées.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitetools.browser import CHROMIUM, launch


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = (f"Chromium introuvable ({CHROMIUM}). Installez le paquet Debian : "
                   "« sudo apt-get install chromium ».")
        if os.environ.get("CI"):
            pytest.fail(message + " (variable CI définie : les tests du navigateur sont "
                        "obligatoires)", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.external_requests = []
    local_host = urlsplit(site_url).netloc

    def on_console(message):
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            page.console_errors.append(f"{message.text} [{where or page.url}]")

    def on_page_error(error):
        page.console_errors.append(f"Exception JavaScript : {error} [{page.url}]")

    def block_other_hosts(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != local_host:
            page.external_requests.append(url)
            route.abort()
        else:
            route.continue_()

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    context.route("**/*", block_other_hosts)
    try:
        yield page
    finally:
        context.close()
