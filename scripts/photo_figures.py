"""Les images de la page de la démo qui montrent comment une photo devient l'entrée 28 × 28.

    python scripts/photo_figures.py

Une photo est fabriquée par ``sitetools.school_photos`` (graine fixe : un 7 au stylo bleu sur
Seyès, l'ombre d'une main sur un coin), puis lue par le jumeau Python de la page
(``digitlab.photo``, ``digitlab.segment``) ; chaque étape est enregistrée en WebP dans
``docs/assets/demo/photo/`` :

1. ``1_photo.webp`` : la photo, réduite comme dans la page ;
2. ``2_papier.webp`` : la noirceur une fois le papier et la lumière retirés (ombre partie, lignes restées) ;
3. ``3_reglures.webp`` : les réglures retirées ;
4. ``4_zone.webp`` : la zone trouvée, encadrée sur la photo ;
5. ``5_trait.webp`` : le chiffre, son trait épaissi comme celui du pad ;
6. ``6_entree.webp`` : l'image 28 × 28 que reçoit le réseau (agrandie).

Les textes de remplacement (en français) sont dans ``docs/demo/index.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitlab.photo import read_photo  # noqa: E402
from digitlab.segment import digit_inputs, normalize_stroke, split_ink  # noqa: E402
from sitetools.school_photos import make_photo  # noqa: E402

OUT = ROOT / "docs" / "assets" / "demo" / "photo"
SEED = 7070


def gray(values, invert=True):
    """Image en niveaux de gris : noirceur 0 → blanc, 1 → noir (comme de l'encre sur du papier)."""
    v = np.clip(values, 0, 1)
    return Image.fromarray(np.round(255 * (1 - v if invert else v)).astype(np.uint8))


def save(img, name):
    OUT.mkdir(parents=True, exist_ok=True)
    img.save(OUT / name, format="WEBP", quality=82, method=6)
    print(f"{name} : {img.size[0]} × {img.size[1]}, {(OUT / name).stat().st_size // 1024} Kio")


def main(argv=None):
    # Pas d'option : --help l'explique, au lieu de réécrire les images sans prévenir.
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    photo = make_photo(np.random.default_rng(SEED), "seyes", "blue", "ballpoint", "7", size=(960, 720),
                       shadow_probability=1.0, show_through_probability=0.0)
    r = read_photo(photo.rgb)
    assert r["found"], "la photo de démonstration doit être lue"
    rgb = Image.fromarray(np.round(r["rgb"] * 255).astype(np.uint8))
    save(rgb, "1_photo.webp")
    save(gray(np.clip(2 * r["dark"], 0, 1)), "2_papier.webp")  # noirceur doublée : les lignes se voient
    save(gray(np.clip(2 * r["cleaned"], 0, 1)), "3_reglures.webp")
    boxed = rgb.copy()
    d = ImageDraw.Draw(boxed)
    d.rectangle(r["work_box"], outline=(216, 67, 21), width=4)
    save(boxed, "4_zone.webp")
    digit = split_ink(r["ink"])[0]["ink"]
    thick = normalize_stroke(digit)
    side = 224
    save(gray(thick).resize((side * thick.shape[1] // max(thick.shape), side * thick.shape[0] // max(thick.shape)),
                            Image.LANCZOS), "5_trait.webp")
    (_, image), = digit_inputs(r["ink"])
    save(gray(image, invert=False).resize((224, 224), Image.NEAREST), "6_entree.webp")


if __name__ == "__main__":
    main()
