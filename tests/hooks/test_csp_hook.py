"""Le greffon MkDocs de la politique de sécurité : chaque script en ligne est autorisé par son
empreinte, et rien d'autre. (Que Chromium accepte ces empreintes, et refuse un script ajouté,
est vérifié sur le site construit par tests/browser/test_isolation.py.)"""

import base64
import hashlib
from pathlib import Path

import pytest
from hookfile import load_hook
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
META = ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        'script-src \'self\' \'wasm-unsafe-eval\'; object-src \'none\'">')


@pytest.fixture(scope="module")
def csp():
    module = load_hook("csp")
    return module


def page(body, meta=META):
    return f"<!doctype html><html><head>{meta}</head><body>{body}</body></html>"


def script_src(html):
    policy = html.split('content="')[1].split('"')[0]
    return next(d.split()[1:] for d in policy.split(";") if d.split()[:1] == ["script-src"])


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_each_executed_inline_script_gets_its_hash(csp):
    body = ('<script>var a = "é";</script>'
            '<script type="module">import "./x.js";</script>'
            '<script id="__config" type="application/json">{"a": 1}</script>'
            '<script src="assets/x.js"></script>'
            '<script>var a = "é";</script>')  # deux fois le même : une seule empreinte
    allowed = script_src(csp.with_script_hashes(page(body), "p.md"))
    assert allowed == ["'self'", "'wasm-unsafe-eval'", *sorted([sha256('var a = "é";'), sha256('import "./x.js";')])]
    assert sha256('{"a": 1}') not in allowed  # un bloc JSON n'est pas exécuté


def test_line_endings_are_hashed_as_the_browser_reads_them(csp):
    allowed = script_src(csp.with_script_hashes(page("<script>a = 1;\r\nb = 2;</script>"), "p.md"))
    assert sha256("a = 1;\nb = 2;") in allowed


def test_the_rest_of_the_policy_is_untouched(csp):
    out = csp.with_script_hashes(page("<script>x()</script>"), "p.md")
    assert "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-" in out
    assert out.endswith("; object-src 'none'\"></head><body><script>x()</script></body></html>")


@pytest.mark.parametrize("body, words", [
    ('<button onclick="go()">Go</button>', "gestionnaire d'événement"),
    ('<a href="javascript:go()">Go</a>', "javascript:"),
])
def test_inline_handlers_and_javascript_links_fail_the_build(csp, body, words):
    with pytest.raises(PluginError, match=words):
        csp.with_script_hashes(page(body), "p.md")


def test_escaped_html_in_a_code_block_is_not_a_handler(csp):
    csp.with_script_hashes(page('<pre><code>&lt;button onclick="go()"&gt;</code></pre>'), "p.md")


@pytest.mark.parametrize("meta, words", [
    ("", "aucune balise Content-Security-Policy au lieu d.une"),
    (META + META, "2 balises Content-Security-Policy"),
    (META.replace("'self' 'wasm", "'self' 'unsafe-inline' 'wasm"), "unsafe-inline"),
    (META.replace("script-src 'self' 'wasm-unsafe-eval'; ", ""), "pas de directive script-src"),
])
def test_a_missing_or_loose_policy_fails_the_build(csp, meta, words):
    with pytest.raises(PluginError, match=words):
        csp.with_script_hashes(page("<script>x()</script>", meta), "p.md")


def test_only_html_templates_are_touched(csp):
    sitemap = "<?xml version='1.0'?><urlset></urlset>"
    assert csp.on_post_template(sitemap, template_name="sitemap.xml", config={}) == sitemap
