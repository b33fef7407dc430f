"""Les deux modules de mise en forme à la française disent la même chose : digitlab/fmt.py (et
sitetools/typography.py pour les espaces) côté Python, docs/assets/demo/fmt.js côté page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from digitlab import fmt
from sitetools.typography import french_spacing

BRIDGE = Path(__file__).resolve().parent / "js" / "run_fmt.mjs"
NODE = shutil.which("node")

# (fonction JavaScript, fonction Python, arguments). Pas de demi exact en binaire (0,125 à deux
# décimales) : Python arrondit au pair, JavaScript vers le haut — aucun nombre affiché n'en est un.
CASES = [
    ("formatDecimal", fmt.format_decimal, args) for args in
    [(0.07153,), (0.07153, 2), (-0.25, 2), (3.14159, 0), (12345.678, 1), (-0.001, 2), (0.0, 3),
     (0.17, 2, True), (-0.02, 2, True), (0, 1, True)]
] + [
    ("formatInteger", fmt.format_integer, args) for args in [(0,), (7,), (999,), (1000,), (17190,), (-1234567,)]
] + [
    ("formatPercent", fmt.format_percent, args) for args in [(0.9771,), (0.99671, 2), (1.0, 0), (0.0001, 2)]
] + [
    ("formatNumber", fmt.format_number, args) for args in [(0.002,), (2.0,), (1.05,), (-0.5,), (123456.75,)]
] + [
    ("formatCount", fmt.format_count, args) for args in
    [(0, "erreur"), (1, "chiffre"), (2, "chiffre"), (17190, "image"), (-3, "point"), (1, "œil", "yeux"),
     (5, "œil", "yeux"), (2, "autre case", "autres cases")]
] + [
    ("pluralForm", fmt.plural_form, args) for args in [(1, "case"), (2, "case"), (2, "travail", "travaux")]
] + [
    ("formatKilobytes", fmt.format_kilobytes, (n,)) for n in [0, 294_259, 400_000, 3_508_687, 999]
] + [
    ("formatList", fmt.format_list, (items,)) for items in
    [[], ["15 %"], ["15 %", "3 %"], ["15 %", "8 %", "5 %", "3 %"], [1, 2, 3]]
] + [
    ("frenchSpaces", french_spacing, (text,)) for text in
    ["Pourquoi ? Voilà : « oui » ; non !", "«mot»", "un mot\n?", "http://exemple.org/?a=1", "12:30",
     "déjà insécable\u00a0:", "fin.»"]
]


@pytest.mark.skipif(NODE is None, reason="Node.js est nécessaire")
def test_python_and_javascript_agree():
    calls = [[js, *args] for js, _, args in CASES]
    proc = subprocess.run([NODE, str(BRIDGE)], input=json.dumps(calls), capture_output=True, text=True,
                          timeout=60, check=True)
    results = json.loads(proc.stdout)
    differ = [f"{js}{args} : Python {py(*args)!r}, JavaScript {got!r}"
              for (js, py, args), got in zip(CASES, results) if py(*args) != got]
    assert not differ, "\n".join(differ)
