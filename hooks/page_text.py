"""Greffon MkDocs : le texte de chaque page, tel qu'un lecteur (ou son lecteur d'écran) le reçoit.

1. Espaces françaises : les auteurs tapent des espaces ordinaires ; après le rendu de chaque page
   (contenu, titre, navigation, table des matières), :func:`sitetools.typography.apply_to_html`
   pose les insécables avant « : ; ! ? » et dans les guillemets, hors code, sorties et formules.
2. Figures décrites : chaque image d'une page doit avoir un texte alternatif. nbconvert remplit une
   image sans description avec une phrase anglaise (« No description has been provided for this
   image ») : la construction échoue alors, en nommant la page. Les figures des chapitres passent
   par :func:`digitlab.plotting.show`, qui leur donne leur description en français.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from digitlab.fmt import format_count  # noqa: E402
from sitetools.typography import apply_to_html  # noqa: E402

#: Le texte que nbconvert met dans une image sans description.
NBCONVERT_FILLER = "No description has been provided for this image"


def undescribed_images(html: str) -> list[str]:
    """Les images sans texte alternatif utile (début de leur ``src``, pour le message)."""
    soup = BeautifulSoup(html, "html.parser")
    missing = []
    for img in soup.find_all("img"):
        alt = (img.get("alt") or "").strip()
        if not alt or alt == NBCONVERT_FILLER:
            missing.append((img.get("src") or "?")[:60])
    return missing


def on_page_content(html, page, config, files):
    missing = undescribed_images(html)
    if missing:
        raise PluginError(
            f"{page.file.src_path} : {format_count(len(missing), 'image')} sans description en français "
            f"({', '.join(missing[:3])}…). Affichez chaque figure avec "
            "digitlab.plotting.show(fig, \"description\"), et donnez un texte alternatif (alt) à "
            "chaque image Markdown.")
    return html


def on_post_page(output, page, config):
    return apply_to_html(output)


def on_post_template(output_content, template_name, config):
    """Les pages tirées d'un gabarit du thème (404.html) ont aussi leur navigation en français."""
    if template_name.endswith(".html"):
        return apply_to_html(output_content)
    return output_content
