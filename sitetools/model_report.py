"""Les chiffres des modèles, mis en tableaux Markdown pour la page « Le modèle ».

Le greffon ``hooks/models.py`` remplace le marqueur ``<!-- chiffres-modeles -->`` de
``docs/modele.md`` par :func:`model_report` : la page montre toujours les chiffres des fichiers
commités (``models/metrics.json``, ``docs/assets/benchmarks/*.json``), jamais des chiffres recopiés.
Le contrôle par scripteurs (``writers.json``, écrit par ``scripts/check_writers.py``) donne les
exactitudes par chiffre et par scripteur, le pire d'abord ; la calibration est dessinée en SVG
dans la page (:func:`reliability_svg`), avec sa description pour les lecteurs d'écran.
"""

from __future__ import annotations

import re
from html import escape

from digitlab.demo_model.paths import KINDS
from digitlab.demo_model.provenance import describe
from digitlab.demo_model.writers import LABELS as FORM_LABELS
from digitlab.fmt import (
    format_count,
    format_decimal,
    format_integer,
    format_kilobytes,
    format_list,
    format_percent,
    plural_form,
)

MARKER = "<!-- chiffres-modeles -->"
NAMES = {"cnn": "CNN (convolutions)", "mlp": "MLP (couches denses)"}


def pct(x, digits=2):
    return format_percent(x, digits)


def num(x, digits=1):
    return format_decimal(x, digits) if digits else format_integer(round(x))


def _summary(metrics):
    rows = ["| Mesure | " + " | ".join(NAMES[k] for k in KINDS) + " |", "|---|---|---|"]

    def row(label, fn):
        rows.append(f"| {label} | " + " | ".join(fn(metrics[k]) for k in KINDS) + " |")

    row("Exactitude sur les 10 000 images de test", lambda m: f"**{pct(m['test']['accuracy'])}**")
    row("Erreurs sur le test", lambda m: str(m["test"]["errors"]))
    row("Exactitude de validation (5 000 images MNIST)", lambda m: pct(m["validation_accuracy"]))
    row("Chiffres tracés à l'européenne (validation)", lambda m: pct(m["strokes_validation"]["accuracy"], 1))
    row("Paramètres", lambda m: num(m["parameters"], 0))
    row("Fichiers TF.js (model.json + poids)",
        lambda m: f"{format_kilobytes(m['tfjs']['total_bytes'])} ({m['quantization']['dtype']})")
    row("Entraînement", lambda m: f"{num(m['training_seconds'] / 60)} min, {m['epochs']} époques "
                                  f"(meilleure : {m['best_epoch']})")
    return "\n".join(rows)


def _per_class(metrics):
    head = "| Chiffre | " + " | ".join(str(d) for d in range(10)) + " |"
    rows = [head, "|---" * 11 + "|"]
    for kind in KINDS:
        cells = " | ".join(pct(a, 1) for a in metrics[kind]["test"]["per_class_accuracy"])
        rows.append(f"| {NAMES[kind]} | {cells} |")
    return "\n".join(rows)


def _confusion(matrix):
    rows = ["| vrai ↓ / prédit → | " + " | ".join(str(d) for d in range(10)) + " |", "|---" * 11 + "|"]
    for d, line in enumerate(matrix):
        cells = [f"**{v}**" if i == d else (str(v) if v else "·") for i, v in enumerate(line)]
        rows.append(f"| **{d}** | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _styles(metrics):
    styles = metrics["cnn"]["strokes_validation"]["by_style"]
    rows = ["| Style | CNN | MLP |", "|---|---|---|"]
    for style in sorted(styles):
        mlp = metrics["mlp"]["strokes_validation"]["by_style"].get(style)
        rows.append(f"| `{style}` | {pct(styles[style], 0)} | {pct(mlp, 0) if mlp is not None else '—'} |")
    return "\n".join(rows)


def _browser(bench):
    rows = ["| Modèle | Moteur TF.js | Chargement | Prédiction (médiane) | 90ᵉ centile | Chiffres |",
            "|---|---|---|---|---|---|"]
    for kind, r in bench["models"].items():
        rows.append(f"| {NAMES[kind]} | {r['backend']} | {num(r['load_ms'], 0)} ms | "
                    f"{num(r['predict_ms_median'], 2)} ms | {num(r['predict_ms_p90'], 2)} ms | {r['count']} |")
    where = f"Chromium {bench.get('chromium', '')} headless ({bench['machine']})"
    return "\n".join(rows) + f"\n\nMesuré le {bench['date'][:10]} dans {where}."


#: Les champs de ``demo.json`` (scripts/benchmark_demo.py) que la page montre, et ce qu'elle en dit. Un
#: champ que le script ajouterait sans l'écrire ici n'est pas affiché sous son nom anglais : le test
#: de ce module échoue d'abord.
DEMO_TIMES = {
    "load_to_ready_ms": "De l'ouverture de la page à la première lecture possible (médiane des chargements, "
                        "cache vide)",
    "pen_up_to_prediction_ms_median": "Du lever du stylo au chiffre affiché : médiane",
    "pen_up_to_prediction_ms_p90": "Du lever du stylo au chiffre affiché : 90ᵉ centile",
    "pen_up_to_prediction_ms_max": "Du lever du stylo au chiffre affiché : le plus long",
}
DEMO_CONDITIONS = ("description", "date", "model_digest", "machine", "chromium", "backend", "webgl_renderer",
                   "load_runs_ms", "digits", "strokes", "download_to_ready")


def _demo(bench):
    lines = ["| Mesure | Temps |", "|---|---|"]
    lines += [f"| {label} | {num(bench[key], 0)} ms |" for key, label in DEMO_TIMES.items() if key in bench]
    # « Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm) » : la version suffit.
    browser = re.sub(r"\s+built on .*", "", bench.get("chromium") or "Chromium")
    counted = []
    if "load_runs_ms" in bench:
        counted.append(f"{format_count(len(bench['load_runs_ms']), 'chargement')} de la page")
    if "digits" in bench and "strokes" in bench:
        counted.append(f"{format_count(bench['digits'], 'chiffre')} tracés à la souris "
                       f"({format_count(bench['strokes'], 'lever de stylo', 'levers de stylo')})")
    on = f", sur {format_list(counted)}" if counted else ""
    text = ("\n".join(lines) + f"\n\nMesuré le {bench['date'][:10]} dans {browser} sans écran ({bench['machine']}, "
            f"moteur TF.js `{bench['backend']}`){on} : `scripts/benchmark_demo.py`.")
    d = bench.get("download_to_ready")
    if d:
        parts = [f"TensorFlow.js {format_kilobytes(d['tfjs_bytes'])}",
                 f"le modèle {format_kilobytes(d['model_bytes'])}"]
        if d.get("mathjax_bytes"):
            parts.append(f"MathJax {format_kilobytes(d['mathjax_bytes'])}")
        parts.append(f"le reste (la page, ses styles, ses scripts, ses images) {format_kilobytes(d['other_bytes'])}")
        text += (f" Avant sa première lecture, la page de démo télécharge {format_kilobytes(d['total_bytes'])} en "
                 f"{format_count(d['files'], 'fichier')} : {format_list(parts)} ; c'est sans compression : un "
                 "serveur qui compresse ses fichiers, comme GitHub Pages, en envoie moins.")
    return text


def _tta(bench):
    """L'augmentation au test : la table des combinaisons, ce qu'en dit la validation, puis le test."""
    rows = bench["candidates"]
    chosen, single = rows[bench["chosen"]], rows[0]
    validation = format_integer(bench["validation_count"])

    def errors(n):
        return format_count(n, "erreur")

    table = [f"| Copies lues | Erreurs de validation (sur {validation}) | Test | Scripteurs simulés | Pire scripteur |",
             "|---|---|---|---|---|"]
    for k, row in enumerate(rows):
        label = f"**{row['label']}** (choisie sur la validation)" if k == bench["chosen"] else row["label"]
        table.append(f"| {label} | {row['validation_errors']} | {pct(row['test_accuracy'])} "
                     f"({errors(row['test_errors'])}) | {pct(row['writers_accuracy'])} | "
                     f"{pct(row['worst_writer'], 1)} |")
    text = ["L'**augmentation au test** fait lire au réseau, en plus de l'image, quelques copies à peine "
            "transformées (décalées d'un pixel, tournées de quelques degrés, réduites ou agrandies) et moyenne "
            "leurs réponses ; chaque copie coûte une lecture de plus. Les combinaisons ont été fixées avant la "
            "mesure, et l'on choisit celle qui se trompe le moins sur la validation "
            "(`scripts/measure_tta.py`, `digitlab/demo_model/tta.py`).", "\n".join(table)]
    if bench["chosen"] == 0:
        text.append("Aucune combinaison ne fait mieux que l'image seule sur la validation : la démo lit chaque "
                    "dessin une seule fois.")
    else:
        gain = single["test_errors"] - chosen["test_errors"]
        verdict = f"{format_count(gain, 'image')} de mieux" if gain > 0 else "aucun gain"
        text.append(f"La validation choisit « {chosen['label']} » ({errors(chosen['validation_errors'])} contre "
                    f"{single['validation_errors']} pour l'image seule). Au test, cette combinaison lit "
                    f"{pct(chosen['test_accuracy'])} ({errors(chosen['test_errors'])}) contre "
                    f"{pct(single['test_accuracy'])} ({single['test_errors']}) pour l'image seule : {verdict}, "
                    f"pour {len(chosen['views'])} fois plus de calcul. La démo lit chaque dessin une seule fois.")
    best = min(rows, key=lambda row: row["test_errors"])
    if best["test_errors"] < chosen["test_errors"]:
        spread = [row["validation_errors"] for row in rows]
        text.append(f"D'autres combinaisons font mieux au test (jusqu'à {pct(best['test_accuracy'])}, "
                    f"« {best['label']} »), mais on ne le voit qu'en regardant le test : les choisir ainsi "
                    "reviendrait à régler le modèle sur les images qui doivent le juger. La validation ne les "
                    f"distinguait pas (de {min(spread)} à {max(spread)} erreurs sur {validation} images).")
    return "\n\n".join(text)


#: Les habitudes montrées pour un scripteur : les chiffres dont la forme fait la différence.
HABIT_DIGITS = ("1", "4", "7", "9")


def _form(variant):
    """« 1 à longue attaque » pour la variante ``un_longue_attaque`` du générateur de scripteurs."""
    return FORM_LABELS.get(variant, f"`{variant}`")
WRITER_MODES = (("python", "Python : pinceau du scripteur"), ("python_demo_pen", "Python : pinceau du pad"),
                ("browser_mouse", "Dans la page, à la souris"), ("browser_touch", "Dans la page, au doigt"))


def _date(run):
    return run["date"][:10]


def _writers(bench, worst=8):
    """Le contrôle par scripteurs : les modes mesurés, puis, pour le mode Python, par chiffre,
    par forme difficile et par scripteur (le pire d'abord)."""
    main = bench["python"]
    parts = []
    rows = ["| Mesure | Chiffres | Scripteurs | Exactitude | Pire scripteur | Médiane des scripteurs | Date |",
            "|---|---|---|---|---|---|---|"]
    for key, label in WRITER_MODES:
        run = bench.get(key)
        if run:
            wa = run["writer_accuracy"]
            rows.append(f"| {label} | {format_integer(run['count'])} | {run['writers']} | "
                        f"**{pct(run['accuracy'], 1)}** | "
                        f"{pct(wa['min'], 1)} | {pct(wa['median'], 1)} | {_date(run)} |")
    parts.append("\n".join(rows))
    in_page = []
    for key, _ in WRITER_MODES:
        run = bench.get(key)
        if key.startswith("browser") and run and run.get("series"):
            series = "une série" if run["series"] == 1 else f"{run['series']} séries"
            item = (f"- {'au doigt' if key.endswith('touch') else 'à la souris'} : {series}, soit "
                    f"{format_integer(run['count'])} chiffres (une erreur coûte "
                    f"{num(100 / (10 * run['series']), 0)} points à un scripteur)")
            same = run.get("python_on_same_digits")
            if same:
                item += (f" ; sur ces mêmes chiffres, le rendu Python en lit {pct(same['accuracy'], 1)} et répond "
                         f"autrement que la page pour {format_count(same['disagreements'], 'chiffre')}")
            redrawn = len(run.get("redrawn", []))
            if redrawn:
                item += (f" ; {format_count(redrawn, 'tracé')} sans effet (le pad est resté vide), "
                         f"{plural_form(redrawn, 'retracé')} une fois à la même place")
            in_page.append(item + ".")
    if in_page:
        parts.append("Dans la page, chaque scripteur trace des séries de dix chiffres (un de chaque) :\n\n"
                     + "\n".join(in_page))
    head = "| Chiffre | " + " | ".join(main["per_class"]) + " |"
    parts.append("\n".join([head, "|---" * (len(main["per_class"]) + 1) + "|",
                            "| Exactitude | " + " | ".join(pct(a, 1) for a in main["per_class"].values()) + " |"]))
    parts.append(f"**Les {worst} scripteurs les moins bien lus** (mode Python, sur {len(main['by_writer'])} "
                 "scripteurs ; habitudes : la forme de leurs 1, 4, 7 et 9) :")
    rows = ["| Scripteur | Exactitude | Habitudes | Inclinaison | Points par unité de trait "
            "| Erreurs les plus fréquentes |",
            "|---|---|---|---|---|---|"]
    for w in main["by_writer"][:worst]:
        habits = ", ".join(_form(w["variants"][d]) for d in HABIT_DIGITS)
        errors = ", ".join(f"{k} × {v}" for k, v in list(w["errors"].items())[:3]) or "—"
        rows.append(f"| {w['name']} | **{pct(w['accuracy'], 1)}** | {habits} | {num(w['slant_deg'], 0)}° | "
                    f"{num(w['density'], 0)} | {errors} |")
    parts.append("\n".join(rows))
    rows = ["| Forme | Chiffres | Exactitude |", "|---|---|---|"]
    for variant, stats in sorted(main["per_variant"].items(), key=lambda kv: kv[1]["accuracy"]):
        rows.append(f"| {_form(variant)} (`{variant}`) | {stats['count']} | {pct(stats['accuracy'], 1)} |")
    parts.append("<details class=\"note\" markdown><summary>Exactitude par forme "
                 "(toutes les variantes du générateur)</summary>\n\n"
                 + "\n".join(rows) + "\n\n</details>")
    confusions = ", ".join(f"{k} × {v}" for k, v in list(main["confusions"].items())[:6])
    parts.append(f"Confusions les plus fréquentes : {confusions}. Mesuré le {_date(main)} ({main['mode']}, "
                 f"graine {main['seed']}, {main['writers']} scripteurs × "
                 f"{main['per_writer_and_class']} chiffres par classe).")
    return "\n\n".join(parts)


def reliability_svg(curves, size=300) -> str:
    """Le diagramme de fiabilité en SVG : pour chaque courbe ``(libellé, calibration, couleur)``,
    l'exactitude de chaque tranche de confiance (points reliés), et la diagonale de la calibration
    parfaite. ``calibration`` : le dictionnaire de :func:`digitlab.demo_model.calibration.reliability`."""
    pad, inner = 44, size - 64
    x = lambda v: pad + v * inner  # noqa: E731
    y = lambda v: size - pad - v * inner  # noqa: E731
    out = []
    for v in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
        label = num(v, 1)
        out.append(f'<line x1="{x(v):.1f}" y1="{y(0):.1f}" x2="{x(v):.1f}" y2="{y(0) + 4:.1f}" stroke="currentColor"/>'
                   f'<text x="{x(v):.1f}" y="{y(0) + 16:.1f}" text-anchor="middle" font-size="11" '
                   f'fill="currentColor">{label}</text>'
                   f'<line x1="{x(0) - 4:.1f}" y1="{y(v):.1f}" x2="{x(0):.1f}" y2="{y(v):.1f}" stroke="currentColor"/>'
                   f'<text x="{x(0) - 7:.1f}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" '
                   f'fill="currentColor">{label}</text>')
    out.append(f'<rect x="{x(0):.1f}" y="{y(1):.1f}" width="{inner}" height="{inner}" fill="none" '
               'stroke="currentColor" stroke-opacity="0.5"/>')
    out.append(f'<line x1="{x(0):.1f}" y1="{y(0):.1f}" x2="{x(1):.1f}" y2="{y(1):.1f}" stroke="currentColor" '
               'stroke-dasharray="4 4" stroke-opacity="0.6"/>')
    for k, (label, cal, color) in enumerate(curves):
        pts = [(b["confidence"], b["accuracy"], b["count"]) for b in cal["bins"]]
        path = " ".join(f"{x(c):.1f},{y(a):.1f}" for c, a, _ in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for c, a, n in pts:
            out.append(f'<circle cx="{x(c):.1f}" cy="{y(a):.1f}" r="{2.5 + min(4.0, n ** 0.25 / 2):.1f}" '
                       f'fill="{color}"/>')
        # La légende sous le graphique, pour ne cacher aucun point (voir legend_height).
        out.append(f'<rect x="{pad:.1f}" y="{size + 18 * k + 6:.1f}" width="12" height="4" fill="{color}"/>'
                   f'<text x="{pad + 16:.1f}" y="{size + 18 * k + 12:.1f}" font-size="12" fill="currentColor">'
                   f'{escape(label)} (ECE {pct(cal["ece"], 2)})</text>')
    out.append(f'<text x="{x(0.5):.1f}" y="{size - 4}" text-anchor="middle" font-size="12" fill="currentColor">'
               'confiance annoncée (probabilité du chiffre choisi)</text>')
    out.append(f'<text x="12" y="{y(0.5):.1f}" text-anchor="middle" font-size="12" fill="currentColor" '
               f'transform="rotate(-90 12 {y(0.5):.1f})">exactitude réelle</text>')
    return "".join(out)


def legend_height(curves) -> int:
    """La hauteur ajoutée sous le diagramme par sa légende (une ligne par courbe)."""
    return 18 * len(curves) + 8


def _calibration(metrics, bench):
    """La section « calibration » : le diagramme (SVG décrit) et le tableau des tranches."""
    curves = []
    if "calibration" in metrics["cnn"]:
        curves.append(("MNIST, test", metrics["cnn"]["calibration"], "#1e88e5"))
    if bench and "calibration" in bench.get("python", {}):
        curves.append(("Scripteurs simulés", bench["python"]["calibration"], "#e65100"))
    if not curves:
        return None
    long_names = {"MNIST, test": "MNIST, 10 000 images de test",
                  "Scripteurs simulés": "scripteurs simulés"}
    eces = " ; ".join(f"{long_names.get(label, label)} : erreur de calibration attendue "
                      f"{pct(cal['ece'], 2)}, confiance moyenne {pct(cal['mean_confidence'], 1)} "
                      f"pour une exactitude de {pct(cal['accuracy'], 1)}"
                      for label, cal, _ in curves)
    description = ("Diagramme de fiabilité du CNN : pour chaque tranche de confiance annoncée (axe horizontal), "
                   "l'exactitude réelle des prédictions de cette tranche (axe vertical). La diagonale en pointillés "
                   "est la calibration parfaite ; un point sous la diagonale signale un excès de confiance, "
                   f"au-dessus, un excès de prudence. {eces}.")
    height = 300 + legend_height(curves)
    svg = (f'<figure class="reliability"><svg role="img" aria-label="{escape(description)}" '
           f'viewBox="0 0 300 {height}" width="300" height="{height}" xmlns="http://www.w3.org/2000/svg">'
           f'<title>{escape(description)}</title>'
           f"{reliability_svg(curves)}</svg><figcaption>{escape(description)}</figcaption></figure>")
    rows = ["| Tranche de confiance | " + " | ".join(f"{label} : prédictions, confiance, exactitude" for label, _,
                                                     _ in curves) + " |",
            "|---" * (len(curves) + 1) + "|"]
    edges = sorted({(b["lower"], b["upper"]) for _, cal, _ in curves for b in cal["bins"]})
    for lower, upper in edges:
        cells = []
        for _, cal, _ in curves:
            b = next((b for b in cal["bins"] if b["lower"] == lower), None)
            cells.append(f"{format_integer(b['count'])}, {pct(b['confidence'], 1)}, {pct(b['accuracy'], 1)}"
                         if b else "—")
        rows.append(f"| {num(lower, 1)} à {num(upper, 1)} | " + " | ".join(cells) + " |")
    return svg + "\n\n" + "\n".join(rows)


def typography(text: str) -> str:
    """Espaces insécables à la française : avant « : ; ! ? % » et à l'intérieur des guillemets."""
    text = re.sub(r" ([:;!?%])(?=[\s<\"]|$)", "\u00a0\\1", text, flags=re.M)
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def _stale_warning(stale) -> str:
    """L'avertissement en tête des chiffres quand des mesures portent sur d'autres modèles."""
    return ("!!! warning \"Des mesures portent sur un modèle précédent\"\n\n"
            f"    {describe(stale)} Les sections marquées « modèle précédent » montrent ces anciennes mesures ; "
            "les chiffres tirés de `models/metrics.json` (le résumé, le test, les tracés européens) sont "
            "ceux des modèles présents.")


def model_report(metrics, model_bench=None, demo_bench=None, writers_bench=None, tta_bench=None, stale=(),
                 digest=None) -> str:
    """Le Markdown de la page « Le modèle », à partir des fichiers de chiffres. ``stale`` : les
    mesures qui portent sur d'autres modèles (:func:`digitlab.demo_model.provenance.stale_benchmarks`),
    signalées en tête et dans leur section ; ``digest`` : l'empreinte des fichiers des modèles présents."""
    old = {measure.file for measure in stale}

    def title(text, file):
        return f"{text} (modèle précédent)" if file in old else text

    parts = ["## Les chiffres"] + ([_stale_warning(stale)] if stale else []) + [_summary(metrics),
             "## Exactitude par chiffre (test)", _per_class(metrics),
             "## Matrice de confusion du CNN (test)",
             "Ligne : le vrai chiffre ; colonne : ce que le CNN a lu. La diagonale compte les bonnes réponses.",
             _confusion(metrics["cnn"]["test"]["confusion_matrix"]),
             "## Chiffres tracés à l'européenne",
             "Exactitude sur des chiffres tracés au trait par `digitlab.demo_model.strokes` (graine distincte de "
             "l'entraînement), par style. Ces images ne sont pas MNIST : elles vérifient que le modèle lit "
             "les formes que MNIST n'a presque pas.",
             _styles(metrics)]
    if writers_bench and "python" in writers_bench:
        parts += [title("## Contrôle par scripteurs simulés", "writers.json"),
                  "Des chiffres qu'aucun entraînement n'a vus, écrits par des scripteurs simulés au style cohérent "
                  "(`digitlab.demo_model.writers`, voir plus haut), passés par la chaîne de la démo. Une moyenne peut "
                  "cacher une personne mal lue : on donne aussi l'exactitude de chaque scripteur, le pire d'abord.",
                  _writers(writers_bench)]
    calibration = _calibration(metrics, writers_bench)
    if calibration:
        parts += [title("## La confiance est-elle honnête ?", "writers.json"),
                  "Quand le réseau annonce 95 %, a-t-il raison 95 fois sur 100 ? On range ses réponses par tranche de "
                  "confiance et on compare, dans chaque tranche, la confiance moyenne à l'exactitude réelle. "
                  "L'erreur de calibration attendue (ECE) est la moyenne de ces écarts, pondérée par le nombre de "
                  "réponses de chaque tranche.", calibration]
    if tta_bench:
        parts += [title("## Lire plusieurs copies du dessin ? Essayé, pas adopté", "tta.json"), _tta(tta_bench)]
    if model_bench:
        parts += [title("## Vitesse dans le navigateur", "model.json"), _browser(model_bench)]
    if demo_bench:
        parts += [title("## La démo", "demo.json"), _demo(demo_bench)]
    v = metrics["versions"]
    parts += ["## Provenance",
              f"Entraîné le {metrics['date'][:10]} avec TensorFlow {v['tensorflow']}, "
              f"tf_keras {v['tf_keras']}, tensorflowjs {v['tensorflowjs']}, NumPy {v['numpy']} "
              f"(Python {v['python']}). Empreinte : configuration `{metrics['fingerprint']['config'][:12]}`, "
              f"code `{metrics['fingerprint']['code'][:12]}`, données `{metrics['fingerprint']['data'][:12]}`."
              + (f" Fichiers des modèles : `{digest}` (chaque mesure de `docs/assets/benchmarks/` enregistre "
                 "l'empreinte des modèles qu'elle a mesurés)." if digest else "")]
    return typography("\n\n".join(parts) + "\n")
