"""De quel modèle parle une mesure ? L'identité des modèles commités, et les mesures périmées.

Les scripts de ``scripts/`` mesurent les modèles de ``models/`` (exactitude des scripteurs simulés,
temps dans la page, photos…) et écrivent leurs chiffres dans ``docs/assets/benchmarks/``. Après un
réentraînement, ces chiffres parleraient d'un modèle qui n'existe plus. Chaque script écrit donc,
à côté de ses mesures, :func:`model_digest` : l'empreinte des fichiers des modèles qu'il a mesurés.
:func:`stale_benchmarks` compare ces empreintes à celle des modèles présents et dit, pour chaque
mesure périmée, le script qui la refait. Le greffon ``hooks/models.py`` l'écrit dans le journal de
construction et sur la page « Le modèle » ; un test le vérifie sur les fichiers commités.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .paths import BENCHMARKS_DIR, KINDS, MODELS_DIR, keras_path, tfjs_dir

#: La clé sous laquelle chaque mesure enregistre l'empreinte des modèles mesurés.
KEY = "model_digest"


def model_digest(root: Path = MODELS_DIR) -> str:
    """L'empreinte des modèles de ``root`` : SHA-256 (16 premiers chiffres hexadécimaux) du
    ``keras.h5`` et des fichiers TF.js des deux modèles. Deux entraînements, même avec la même
    configuration, donnent des poids différents, donc des empreintes différentes."""
    h = hashlib.sha256()
    for kind in KINDS:
        files = [keras_path(kind, root)] + sorted(p for p in tfjs_dir(kind, root).iterdir() if p.is_file())
        for path in files:
            h.update(f"{kind}/{path.name}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Measure:
    """Une mesure qui porte sur les modèles commités : son fichier, la partie du fichier qui la
    contient (``None`` : tout le fichier) et la commande qui la refait."""

    file: str
    part: str | None
    command: str

    @property
    def name(self) -> str:
        return f"{self.file} ({self.part})" if self.part else self.file


MEASURES = (
    Measure("model.json", None, "python scripts/benchmark_model.py"),
    Measure("demo.json", None, "python scripts/benchmark_demo.py"),
    Measure("writers.json", "python", "python scripts/check_writers.py"),
    Measure("writers.json", "python_demo_pen", "python scripts/check_writers.py --pen demo"),
    Measure("writers.json", "browser_mouse", "python scripts/check_writers.py --browser"),
    Measure("writers.json", "browser_touch", "python scripts/check_writers.py --browser --touch"),
    Measure("tta.json", None, "python scripts/measure_tta.py"),
    Measure("photos.json", "python", "python scripts/benchmark_photos.py"),
    Measure("photos.json", "browser", "python scripts/benchmark_photos.py --browser-only"),
    Measure("methods.json", None, "python scripts/compare_methods.py --demo-only"),
    Measure("mnist_only.json", "project", "python scripts/mnist_only_cnn.py"),
)


def recorded_digest(measure: Measure, bench_dir: Path = BENCHMARKS_DIR):
    """L'empreinte enregistrée par une mesure ; ``None`` si elle n'en a pas ; l'exception
    :class:`LookupError` si la mesure n'existe pas (fichier ou partie absents)."""
    path = Path(bench_dir) / measure.file
    if not path.exists():
        raise LookupError(measure.name)
    data = json.loads(path.read_text(encoding="utf-8"))
    if measure.part is not None:
        if measure.part not in data:
            raise LookupError(measure.name)
        data = data[measure.part]
    return data.get(KEY)


def stale_benchmarks(digest: str, bench_dir: Path = BENCHMARKS_DIR) -> list[Measure]:
    """Les mesures présentes dans ``bench_dir`` qui ne portent pas sur les modèles d'empreinte
    ``digest`` (ou qui ne disent pas sur lesquels) ; une mesure absente n'est pas périmée."""
    stale = []
    for measure in MEASURES:
        try:
            if recorded_digest(measure, bench_dir) != digest:
                stale.append(measure)
        except LookupError:
            continue
    return stale


def describe(stale: list[Measure]) -> str:
    """Une phrase française : quelles mesures sont périmées et comment les refaire."""
    if not stale:
        return "Toutes les mesures portent sur les modèles présents."
    items = " ; ".join(f"{m.name} : « {m.command} »" for m in stale)
    count, says = ("Une mesure porte", "ne dit") if len(stale) == 1 else (f"{len(stale)} mesures portent", "ne disent")
    return (f"{count} sur d'autres modèles que ceux de models/ (ou {says} pas sur lesquels) ; "
            f"pour les refaire : {items}.")
