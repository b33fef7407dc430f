"""Le style commun des figures des chapitres, et leur affichage avec une description.

Deux fonctions, appelées par chaque chapitre :

- :func:`use_style` règle une fois pour toutes l'allure des figures : taille, encre noire sur fond
  blanc pour les chiffres, et surtout **la virgule décimale** sur les graduations des axes
  (« 0,25 » et non « 0.25 »), sans dépendre d'une locale française installée sur la machine ;
- :func:`show` affiche une figure avec sa **description en français** (le texte alternatif que
  lit un lecteur d'écran), puis la ferme. Une figure sans description est refusée.
"""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import ticker

#: Une description trop courte ne dit pas ce qu'il faut remarquer dans la figure.
MIN_ALT_LENGTH = 20

STYLE = {
    "figure.dpi": 100,
    "image.cmap": "gray_r",  # l'encre en noir sur fond blanc, comme sur du papier
    "axes.formatter.use_locale": True,  # active french_decimal (voir plus bas)
    "axes.unicode_minus": True,
}

_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def french_decimal(text: str, math_text: bool = False) -> str:
    """« 0.25 » → « 0,25 » : la virgule décimale, entre deux chiffres seulement.

    En mode mathtext, la virgule s'écrit ``{,}`` pour que TeX ne l'espace pas comme une ponctuation.
    """
    return _DECIMAL_POINT.sub("{,}" if math_text else ",", text)


def _format_with_french_decimal(self, fmt, arg):
    """Remplace ``ScalarFormatter._format_maybe_minus_and_locale`` : « locale » veut dire ici
    « à la française », quelle que soit la locale de la machine (souvent absente)."""
    text = fmt % arg
    if self._useLocale:
        text = french_decimal(text, self._useMathText)
    return self.fix_minus(text)


def use_style() -> None:
    """Applique le style des chapitres aux figures qui suivent (à appeler une fois, au début)."""
    matplotlib.rcParams.update(STYLE)
    # Matplotlib ne sait mettre une virgule décimale qu'à travers la locale du système, souvent
    # absente (machines d'intégration, conteneurs). Les graduations passent toutes par cette
    # méthode de ScalarFormatter : on la remplace, une fois, pour tout le processus.
    ticker.ScalarFormatter._format_maybe_minus_and_locale = _format_with_french_decimal


def figure_html(fig, alt: str) -> str:
    """Le HTML d'une figure : une image PNG intégrée, avec ``alt`` pour texte alternatif."""
    if not isinstance(alt, str) or len(alt.strip()) < MIN_ALT_LENGTH:
        raise ValueError("Chaque figure a besoin d'une description en français (texte alternatif) "
                         f"d'au moins {MIN_ALT_LENGTH} caractères : dites ce qu'elle montre et "
                         "ce qu'il faut y remarquer.")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img class="dl-figure" src="data:image/png;base64,{data}" '
            f'alt="{html.escape(alt.strip(), quote=True)}">')


def show(fig, alt: str) -> None:
    """Affiche ``fig`` avec sa description ``alt`` (obligatoire), puis la ferme.

    Dans un notebook, la sortie est une image HTML qui porte ``alt`` : la page du site la reprend
    telle quelle, et un lecteur d'écran lit la description. Hors notebook, la figure est
    simplement fermée.
    """
    markup = figure_html(fig, alt)
    plt.close(fig)
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - IPython est installé avec Jupyter
        return
    if get_ipython() is not None:
        display(HTML(markup))
