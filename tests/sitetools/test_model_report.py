"""La page « Le modèle » (sitetools.model_report) : contrôle par scripteurs et calibration, tirés
des fichiers de chiffres."""

import json
import re

import numpy as np
import pytest

from digitlab.demo_model.calibration import reliability
from digitlab.demo_model.paths import METRICS_PATH
from sitetools import model_report as report


def fake_writer(name, accuracy):
    return {"name": name, "accuracy": accuracy, "variants": {str(d): f"forme_{d}" for d in range(10)},
            "slant_deg": 12.3, "density": 4.2, "errors": {"1→7": 3} if accuracy < 1 else {}}


@pytest.fixture
def writers_bench():
    rng = np.random.default_rng(0)
    probs = rng.dirichlet(np.ones(10) * 0.3, size=500)
    labels = np.where(rng.random(500) < 0.9, probs.argmax(axis=1), rng.integers(0, 10, 500))
    by_writer = [fake_writer("scripteur 07", 0.904), fake_writer("scripteur 02", 0.95),
                 fake_writer("scripteur 01", 1.0)]
    run = {"mode": "Python (pinceau du scripteur)", "date": "2026-11-30T10:00:00+00:00", "seed": 1, "writers": 3,
           "per_writer_and_class": 25, "count": 750, "accuracy": 0.9847,
           "writer_accuracy": {"min": 0.904, "median": 0.95, "max": 1.0},
           "per_class": {str(d): 0.99 for d in range(10)}, "by_writer": by_writer,
           "per_variant": {"un_longue_attaque": {"accuracy": 0.9, "count": 40},
                           "zero_ovale": {"accuracy": 1.0, "count": 50}},
           "confusions": {"1→7": 6}, "calibration": reliability(probs, labels)}
    return {"python": run, "browser_mouse": {**run, "mode": "navigateur, souris", "count": 440, "accuracy": 0.98,
                                             "series": 1, "python_on_same_digits": {"accuracy": 0.9977,
                                                                                    "disagreements": 3},
                                             "redrawn": [{"index": 147, "writer": 14, "digit": 9}]}}


@pytest.fixture
def metrics():
    m = json.loads(METRICS_PATH.read_text(encoding="utf-8"))
    rng = np.random.default_rng(1)
    probs = rng.dirichlet(np.ones(10) * 0.1, size=2000)
    m["cnn"]["calibration"] = reliability(probs, probs.argmax(axis=1))
    return m


def test_writers_section_lists_the_worst_first(metrics, writers_bench):
    text = report.model_report(metrics, writers_bench=writers_bench)
    assert "## Contrôle par scripteurs simulés" in text
    first, second = text.index("scripteur 07"), text.index("scripteur 02")
    assert first < second < text.index("scripteur 01")
    assert "**90,4\u00a0%**" in text  # virgule décimale, espace insécable
    assert "Dans la page, à la souris" in text and "Python\u00a0: pinceau du scripteur" in text
    assert "2026-11-30" in text and "3 scripteurs × 25 chiffres par classe" in text
    assert "chaque scripteur trace des séries de dix chiffres (un de chaque)" in text
    assert "- à la souris\u00a0: une série, soit 440 chiffres (une erreur coûte 10 points à un scripteur)" in text
    assert "le rendu Python en lit 99,8\u00a0% et répond autrement que la page pour 3 chiffres" in text
    assert "1 tracé sans effet (le pad est resté vide), retracé une fois" in text


def test_reliability_diagram_is_described_and_placed(metrics, writers_bench):
    text = report.model_report(metrics, writers_bench=writers_bench)
    svg = re.search(r"<svg[^>]*>.*?</svg>", text, re.S).group(0)
    label = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert 'role="img"' in svg and "Diagramme de fiabilité" in label and "<title>" in svg
    ece = report.pct(writers_bench["python"]["calibration"]["ece"], 2)
    assert ece in label and "," in ece
    # Chaque tranche est un point à (confiance, exactitude) dans le repère du dessin.
    size, pad = 300, 44
    inner = size - 64
    circles = [(float(cx), float(cy)) for cx, cy in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
    bins = metrics["cnn"]["calibration"]["bins"] + writers_bench["python"]["calibration"]["bins"]
    assert len(circles) == len(bins)
    for (cx, cy), b in zip(circles, bins):
        assert cx == pytest.approx(pad + b["confidence"] * inner, abs=0.06)
        assert cy == pytest.approx(size - pad - b["accuracy"] * inner, abs=0.06)


def test_page_without_writer_file_still_builds(metrics):
    text = report.model_report(metrics)
    assert "## La confiance est-elle honnête\u00a0?" in text and "Scripteurs simulés" not in text


def test_french_typography_in_the_generated_prose(metrics, writers_bench):
    text = report.model_report(metrics, writers_bench=writers_bench)
    for mark in (":", ";", "?", "%"):
        assert not re.search(rf" {re.escape(mark)}(\s|$)", text), mark
    assert "honnête\u00a0?" in text and "Ligne\u00a0: le vrai chiffre" in text


def tta_bench(validation_errors, test_errors, chosen):
    from digitlab.demo_model import tta

    rows = [{"views": list(c), "label": tta.describe(c), "validation_errors": v, "test_errors": t,
             "test_accuracy": 1 - t / 10000, "test_misread": [], "writers_accuracy": 0.988, "worst_writer": 0.924}
            for c, v, t in zip(tta.CANDIDATES, validation_errors, test_errors)]
    return {"candidates": rows, "chosen": chosen, "validation_count": 5000, "test_count": 10000}


def test_test_time_augmentation_section_says_what_validation_chose_and_what_test_found(metrics):
    bench = tta_bench([18, 18, 17, 16, 17, 17, 18], [44, 37, 45, 44, 39, 39, 38], chosen=3)
    text = report.model_report(metrics, tta_bench=bench).replace("\u00a0", " ").replace("\u202f", " ")
    assert "## Lire plusieurs copies du dessin ? Essayé, pas adopté" in text
    assert "| **l'image + 1 px vers le haut + 1 px vers le bas + 1 px à gauche + 1 px à droite** (choisie sur la " \
           "validation) | 16 | 99,56 % (44 erreurs) |" in text
    assert "(16 erreurs contre 18 pour l'image seule)" in text
    assert "lit 99,56 % (44 erreurs) contre 99,56 % (44) pour l'image seule : aucun gain, pour 5 fois plus" in text
    assert "jusqu'à 99,63 %, « l'image + 1 px à gauche + 1 px à droite »" in text
    assert "(de 16 à 18 erreurs sur 5 000 images)" in text


def test_test_time_augmentation_section_when_the_choice_helps_or_is_the_plain_image(metrics):
    helps = report.model_report(metrics, tta_bench=tta_bench([18, 16, 17, 17, 17, 17, 18],
                                                             [44, 41, 45, 44, 42, 43, 45], chosen=1))
    assert "3 images de mieux, pour 3 fois plus de calcul" in helps.replace("\u00a0", " ")
    assert "D'autres combinaisons font mieux au test" not in helps
    plain = report.model_report(metrics, tta_bench=tta_bench([16, 17, 17, 17, 17, 17, 18],
                                                             [44, 41, 45, 44, 42, 43, 45], chosen=0))
    assert "Aucune combinaison ne fait mieux que l'image seule sur la validation" in plain
    assert "jusqu'à 99,59 %" in plain.replace("\u00a0", " ")


def test_measures_of_an_earlier_model_are_flagged_where_they_are_shown(metrics, writers_bench):
    """Après un réentraînement, les sections tirées de mesures périmées le disent, et l'avertissement
    en tête donne la commande qui refait chacune ; sans mesure périmée, rien de tout cela."""
    from digitlab.demo_model.provenance import MEASURES

    bench = tta_bench([18, 18, 17, 16, 17, 17, 18], [44, 37, 45, 44, 39, 39, 38], chosen=3)
    fresh = report.model_report(metrics, writers_bench=writers_bench, tta_bench=bench, digest="0123456789abcdef")
    assert "modèle précédent" not in fresh and "!!! warning" not in fresh
    assert "Fichiers des modèles\u00a0: `0123456789abcdef`" in fresh
    stale = [m for m in MEASURES if m.file == "writers.json" and m.part == "python"]
    text = report.model_report(metrics, writers_bench=writers_bench, tta_bench=bench, stale=stale)
    plain = text.replace("\u00a0", " ")
    assert plain.index("!!! warning \"Des mesures portent sur un modèle précédent\"") < plain.index("| Exactitude sur")
    assert "writers.json (python) : « python scripts/check_writers.py »" in plain
    assert "## Contrôle par scripteurs simulés (modèle précédent)" in plain
    assert "## La confiance est-elle honnête ? (modèle précédent)" in plain
    assert "## Lire plusieurs copies du dessin ? Essayé, pas adopté\n" in plain


def test_file_sizes_are_in_decimal_kilobytes_like_the_chapters(metrics):
    """294 259 octets s'affichent « 294 ko » (1 ko = 1 000 octets), comme au chapitre 8."""
    metrics["cnn"]["tfjs"]["total_bytes"] = 294_259
    text = report.model_report(metrics)
    assert f"| 294\u00a0ko ({metrics['cnn']['quantization']['dtype']}) |" in text and "Kio" not in text


def test_demo_times_are_all_said_in_french():
    """Chaque champ de ``demo.json`` a son libellé (ou fait partie des conditions de la mesure) : la page
    montrait « pen_up_to_prediction_ms_p90 13,40 » et « digits 60,00 »."""
    from digitlab.demo_model.paths import BENCHMARKS_DIR

    bench = json.loads((BENCHMARKS_DIR / "demo.json").read_text(encoding="utf-8"))
    unknown = set(bench) - set(report.DEMO_TIMES) - set(report.DEMO_CONDITIONS)
    assert not unknown, f"champs de demo.json sans libellé dans sitetools.model_report : {sorted(unknown)}"
    text = report._demo(bench)
    prose = re.sub(r"`[^`]*`", "", text)
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", prose), text  # (x86_64, le nom de la machine, reste)
    p90 = report.num(bench["pen_up_to_prediction_ms_p90"], 0)
    assert f"| Du lever du stylo au chiffre affiché : 90ᵉ centile | {p90} ms |" in text
    assert f"{bench['digits']} chiffres tracés à la souris ({bench['strokes']} levers de stylo)" in text
    assert "built on" not in text and "Mesuré le " + bench["date"][:10] in text


def test_writer_habits_and_forms_are_named_in_french(metrics, writers_bench):
    """Les habitudes d'un scripteur et la table par forme disent « 1 à longue attaque », pas seulement
    l'identifiant ``un_longue_attaque`` du générateur ; chaque variante du générateur a son nom."""
    from digitlab.demo_model.writers import FORMS, LABELS

    assert set(LABELS) == {variant for forms in FORMS.values() for variant in forms}
    bench = writers_bench["python"]
    for w in bench["by_writer"]:
        w["variants"] = {"1": "un_longue_attaque", "4": "quatre_un_trait", "7": "sept_barre_crochet_haut",
                         "9": "neuf_tige"}
    text = report.model_report(metrics, writers_bench=writers_bench)
    assert "| 1 à longue attaque, 4 d'un seul trait, 7 barré à crochet en haut, 9 à tige droite |" in text
    assert "| 1 à longue attaque (`un_longue_attaque`) | 40 |" in text


def test_the_table_by_form_is_a_table_inside_its_details(metrics, writers_bench):
    """La table par forme, repliée sous « Exactitude par forme », est rendue en tableau : sans
    l'attribut markdown, md_in_html laissait le Markdown brut (« | Forme | Chiffres | … ») dans la page."""
    import markdown

    text = report.model_report(metrics, writers_bench=writers_bench)
    page = markdown.markdown(text, extensions=["md_in_html", "tables", "attr_list"])
    details = page[page.index("<details"):page.index("</details>")]
    assert "<table>" in details and "|---" not in details, details


def test_the_demo_download_is_said_in_kilobytes_by_part():
    """Ce que la page de démo télécharge avant sa première lecture (scripts/benchmark_demo.py) : en
    ko, par part ; MathJax seulement s'il en est (la page de démo n'a pas de formule)."""
    bench = {"date": "2026-12-04", "machine": "2 cœurs, x86_64", "backend": "wasm",
             "download_to_ready": {"total_bytes": 2_300_400, "tfjs_bytes": 1_500_000, "model_bytes": 294_259,
                                   "mathjax_bytes": 0, "other_bytes": 506_141, "files": 31}}
    text = report._demo(bench)
    assert ("la page de démo télécharge 2\u202f300\u00a0ko en 31 fichiers : TensorFlow.js 1\u202f500\u00a0ko, "
            "le modèle 294\u00a0ko et le reste (la page, ses styles, ses scripts, ses images) "
            "506\u00a0ko") in text, text
    assert "MathJax" not in text
    bench["download_to_ready"]["mathjax_bytes"] = 1_200_000
    assert "le modèle 294\u00a0ko, MathJax 1\u202f200\u00a0ko et le reste" in report._demo(bench)
