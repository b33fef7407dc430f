"""Le texte que lit une personne accorde ses mots au nombre : « 3 chiffres », pas « chiffre(s) ».

On cherche la tournure « mot(s) » dans les chaînes du code Python (chapitres, leçons, scripts,
outillage du site, crochets) et dans les modules JavaScript de la démo et des labos. Pour
accorder : ``digitlab.fmt.format_count`` / ``plural_form`` et leurs jumeaux ``formatCount`` /
``pluralForm`` de ``docs/assets/demo/fmt.js``.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = [p for folder in ("digitlab", "sitetools", "hooks", "scripts", "docs/chapitres")
          for p in sorted((ROOT / folder).rglob("*.py"))]
JAVASCRIPT = [p for folder in ("docs/assets/demo", "docs/assets/labs") for p in sorted((ROOT / folder).rglob("*.js"))]
HEDGE = re.compile(r"[A-Za-zÀ-ÿ]\(s\)(?!\s*=>)")


def hedges_in_python(source: str):
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.STRING and HEDGE.search(t.string)]


def test_the_check_finds_a_hedged_plural_and_only_in_text():
    assert hedges_in_python('print(f"{n} erreur(s)")\n') == [(1, 'f"{n} erreur(s)"')]
    assert hedges_in_python("real = [s for s in strokes if side(s) > 0]\n") == []
    assert HEDGE.search("`${n} époque(s).`") and not HEDGE.search("strokes.filter((s) => s.length)")


def test_python_strings_agree_with_their_number():
    found = [f"{path.relative_to(ROOT)}:{line} {text}" for path in PYTHON
             for line, text in hedges_in_python(path.read_text(encoding="utf-8"))]
    assert not found, "Accordez au nombre (digitlab.fmt.format_count) :\n" + "\n".join(found)


def test_javascript_modules_agree_with_their_number():
    assert JAVASCRIPT
    found = [f"{path.relative_to(ROOT)}:{k} {line.strip()}" for path in JAVASCRIPT
             for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if HEDGE.search(line)]
    assert not found, "Accordez au nombre (formatCount de fmt.js) :\n" + "\n".join(found)
