"""Le style des figures : virgule décimale sur les axes, description obligatoire."""

import html

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from digitlab.plotting import MIN_ALT_LENGTH, figure_html, french_decimal, use_style  # noqa: E402


def tick_labels(ax):
    ax.figure.canvas.draw()
    return [t.get_text() for t in ax.get_yticklabels() if t.get_text()]


def test_axis_ticks_use_the_decimal_comma():
    use_style()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 0.25])
    labels = tick_labels(ax)
    plt.close(fig)
    assert "0,25" in labels or "0,20" in labels, labels
    assert not any("." in label for label in labels), labels


def test_negative_ticks_keep_the_unicode_minus_and_integers_stay_plain():
    use_style()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [-1.5, 3000])
    labels = tick_labels(ax)
    plt.close(fig)
    assert any(label.startswith("\u2212") for label in labels), labels
    assert "1000" in labels, labels


def test_french_decimal_only_touches_decimal_points():
    assert french_decimal("0.25") == "0,25"
    assert french_decimal("fin. 3.5 et 10.") == "fin. 3,5 et 10."
    assert french_decimal("$0.5$", math_text=True) == "$0{,}5$"


def test_a_figure_needs_a_real_description():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="description en français"):
        figure_html(fig, "")
    with pytest.raises(ValueError):
        figure_html(fig, "x" * (MIN_ALT_LENGTH - 1))
    alt = 'Une courbe « en S » qui monte de 0 à 1 & c\'est "tout".'
    markup = figure_html(fig, alt)
    plt.close(fig)
    assert markup.startswith('<img class="dl-figure" src="data:image/png;base64,')
    assert f'alt="{html.escape(alt, quote=True)}"' in markup
