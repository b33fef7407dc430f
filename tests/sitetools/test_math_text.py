"""Les formules TeX en texte lisible, pour les aperçus de la recherche (sitetools.math_text)."""

import json
import re
from pathlib import Path

import pytest

from sitetools.math_text import MATH, MATH_ELEMENTS, readable, readable_formulas, unknown_commands
from sitetools.search_index import searchable_html

MATHJAX_CONFIG = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "javascripts" / "mathjax-config.js"


@pytest.mark.parametrize("tex, text", [
    # Formules des pages du site
    (r"y = \sigma\left(\sum_{i=1}^{784} w_i \, x_i + b\right),", "y = σ(∑ᵢ₌₁⁷⁸⁴ wᵢ xᵢ + b),"),
    (r"784 = 28 \times 28", "784 = 28 × 28"),
    (r"\sigma(z) = 1 / (1 + e^{-z})", "σ(z) = 1 / (1 + e⁻ᶻ)"),
    (r"\frac{1}{2} \sum_k (a_k - y_k)^2", "1/2 ∑ₖ (aₖ − yₖ)²"),
    (r"0{,}955", "0,955"),
    (r"\eta = 3", "η = 3"),
    (r"\max(0, z)", "max(0, z)"),
    (r"-\ln p_c", "−ln p_c"),  # pas de « c » en indice dans Unicode
    (r"p_k = e^{z_k} / \sum_j e^{z_j}", "pₖ = e^(zₖ) / ∑ⱼ e^(zⱼ)"),
    (r"\dfrac{\partial C}{\partial w_{jk}^{l}}", "∂C/∂wⱼₖˡ"),
    (r"\frac{a + b}{2}", "(a + b)/2"),
    (r"\delta^l = (W^{l+1})^\top \delta^{l+1} \odot \sigma'(z^l)", "δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ'(zˡ)"),
    (r"\lfloor (n + 2p - k)/s \rfloor + 1", "⌊ (n + 2p − k)/s ⌋ + 1"),
    (r"\hat{y} = \operatorname{argmax}_k p_k", "ŷ = argmaxₖ pₖ"),
    (r"\sqrt{\hat{v}} + \varepsilon", "√v̂ + ε"),
    (r"\text{softmax}(z)_k", "softmax(z)ₖ"),
    (r"x \in \mathbb{R}^{784}", "x ∈ ℝ⁷⁸⁴"),
    (r"\begin{aligned} a &= b \\ c &= d \end{aligned}", "a = b c = d"),
    (r"x^2y", "x²y"),  # l'exposant est le seul « 2 »
])
def test_formulas_read_like_text(tex, text):
    assert readable(tex) == text
    assert not unknown_commands(tex)


def test_an_unknown_command_loses_its_backslash_and_is_reported():
    assert readable(r"\foo + 1") == "foo + 1"
    assert unknown_commands(r"\foo + \sigma") == {"foo"}


def test_only_delimited_formulas_change():
    assert readable_formulas(r"Avec $z_k$, \(\eta = 3\) et $$\sum_i x_i$$.") == "Avec zₖ, η = 3 et ∑ᵢ xᵢ."
    assert readable_formulas("Aucune formule ici.") == "Aucune formule ici."


def test_the_math_elements_and_delimiters_are_those_of_mathjax():
    config = MATHJAX_CONFIG.read_text(encoding="utf-8")
    elements = json.loads(re.search(r"elements: (\[.*?\])", config).group(1).replace("'", '"'))
    assert tuple(elements) == MATH_ELEMENTS
    for kind in ("inlineMath", "displayMath"):
        pairs = json.loads(re.search(kind + r": (\[\[.*?\]\])", config).group(1).replace("'", '"'))
        for opening, closing in pairs:
            assert MATH.fullmatch(f"{opening}x{closing}"), (opening, closing)


def test_search_reads_formulas_as_text_but_leaves_code_and_other_dollars_alone():
    html = ('<p>Le <span class="arithmatex">\\(\\sigma(z)\\)</span> de 5 $ et 3 $.</p>'
            '<div class="jp-RenderedMarkdown"><p>La somme $\\sum_i w_i x_i$, puis <code>$HOME</code>.</p></div>'
            '<div class="highlight"><pre>print("$x$")</pre></div>')
    out = searchable_html(html)
    assert "σ(z)" in out and "∑ᵢ wᵢ xᵢ" in out
    assert "5 $ et 3 $" in out and "<code>$HOME</code>" in out and 'print("$x$")' in out
