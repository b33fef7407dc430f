"""La démo lit-elle un chiffre photographié sur une feuille d'écolier ? Et un nombre entier ?

    python scripts/benchmark_photos.py                    # jumeau Python de la page, modèle Keras
    python scripts/benchmark_photos.py --per-cell 10      # plus court (10 photos par papier et encre)
    python scripts/benchmark_photos.py --browser          # + un échantillon importé dans la vraie page
    python scripts/benchmark_photos.py --browser --site site/   # … d'un site déjà construit
    python scripts/benchmark_photos.py --browser-only --site site/   # seulement l'échantillon dans la page

Les photos sont fabriquées par ``sitetools.school_photos`` (graine fixe) : papier blanc, Seyès ou
petits carreaux, encre bleue ou noire au stylo à bille ou au feutre, un chiffre de 25 à 45 % de la
hauteur d'une photo de 960 × 720 ou plus, lumière inégale, parfois l'ombre d'une main ou l'écriture
du verso, flou, bruit, JPEG de qualité 70 à 90. Chacune est lue comme la page la lit, par le jumeau
Python (``digitlab.photo`` → ``digitlab.segment`` → le CNN de ``models/cnn/keras.h5``) :

- **chiffres** : exactitude par papier, par encre, par stylo ; à côté, celle des mêmes traits
  dessinés dans le pad (ce que le réseau sait lire de cette écriture, sans la photo) ;
- **nombres** (2 à 5 chiffres) photographiés : le nombre entier exact ;
- **nombres tracés dans le pad** : traits regroupés (``group_strokes``), le nombre entier exact ;
- **pages sans chiffre** : la page doit dire qu'elle ne trouve rien ;
- **pages bombées** d'un cahier ouvert (``school_photos.bent_page``), dont les lignes se courbent de
  5 à 11 pixels sur 720 : un chiffre, ou rien d'écrit ;
- **chiffres pris de loin** (``school_photos.far_photo``) : un chiffre qui n'occupe que 15, 8, 5 ou
  3 % de la hauteur d'une photo de 1 600 × 1 200 (une page entière, à 3 %). Lu seul, puis dans la
  zone qu'un lecteur tracerait autour de lui (sa boîte, plus 30 % de marge), relue de plus près
  comme dans la page (``digitlab.photo.read_region_closer``) : la page montre la photo même quand
  elle n'y trouve aucune écriture, pour qu'on puisse entourer un chiffre écrit trop fin, sauf si
  rien n'y est plus sombre que le papier (``digitlab.photo.only_paper``). Une zone de même taille
  tracée à côté, sur le papier vide, ne doit rien donner : les traits pâles qu'on garde dans une
  zone entourée (``digitlab.photo.CHOSEN_INK_PEAK``) ne doivent pas y faire lire le grain du papier.

En mode ``--browser``, un échantillon de ces photos est importé dans la page ``/demo/`` du site
construit (Chromium de Debian) : on lit ``data-number`` et on compare au jumeau Python, et l'on
mesure le temps de lecture d'une photo dans la page.

Les chiffres sont imprimés et écrits dans ``docs/assets/benchmarks/photos.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digitlab.demo_model.paths import BENCHMARKS_DIR, keras_path  # noqa: E402
from digitlab.demo_model.provenance import model_digest  # noqa: E402
from digitlab.demo_model.strokes import render  # noqa: E402
from digitlab.fmt import format_percent  # noqa: E402
from digitlab.pad import BRUSH_RATIO  # noqa: E402
from digitlab.photo import only_paper, read_photo, read_region_closer  # noqa: E402
from digitlab.preprocess import preprocess  # noqa: E402
from digitlab.segment import digit_inputs, group_strokes  # noqa: E402
from sitetools.school_photos import (  # noqa: E402
    FAR_SHARES,
    INKS,
    PAPERS,
    PENS,
    bent_page,
    empty_page,
    far_photo,
    pad_number,
    series_photo,
)

OUTPUT = BENCHMARKS_DIR / "photos.json"
SEED = 20261130
#: Sous ce seuil, la page dit que le réseau hésite : une réponse n'est alors jamais présentée comme sûre.
CONFIDENT = 0.6
#: Série des pages vides (graines ``[SEED, EMPTY_SERIES, papier, n]``). Les séries 99 puis 98 ont servi
#: à corriger la lecture (leurs pages ratées sont devenues des tests dans ``tests/test_photo.py``) : on
#: mesure sur une série que personne n'a regardée en réglant la lecture. À changer de nouveau si l'on
#: corrige la lecture d'après les ratés de celle-ci.
EMPTY_SERIES = 97


class Reader:
    """Le CNN de la démo (Keras), qui lit des lots d'images 28 × 28."""

    def __init__(self):
        import tf_keras

        self.model = tf_keras.models.load_model(keras_path("cnn"), compile=False)

    def __call__(self, images):
        if not images:
            return np.zeros((0, 10))
        return self.model.predict(np.stack(images)[..., None], verbose=0)


def region_probs(reader, region):
    """Les probabilités du réseau pour chaque chiffre de la zone lue (``read_photo``, ``read_region_closer``)."""
    inputs = digit_inputs(region["ink"]) if region["found"] else []
    return reader([image for _, image in inputs])


def digits_of(probs):
    return "".join(str(int(p.argmax())) for p in probs)


def read_text(reader, rgb):
    """Ce que la page lit d'une photo : (chiffres lus, probabilité de chacun, trouvé ?, ms)."""
    started = time.perf_counter()
    r = read_photo(rgb)
    probs = region_probs(reader, r)
    ms = 1000 * (time.perf_counter() - started)
    return digits_of(probs), [float(p.max()) for p in probs], r["found"], ms


def pad_reading(reader, strokes):
    """Les mêmes traits dessinés dans le pad (rendu à l'épaisseur BRUSH_RATIO, comme la page)."""
    groups = group_strokes([s.tolist() for s in strokes])
    images = [preprocess(render([strokes[i] for i in g], ratio=BRUSH_RATIO)) for g in groups]
    return digits_of(reader(images))


def elsewhere(box, width, height):
    """Une zone de la taille de ``box``, sur du papier sans écriture de la même photo : sa symétrique
    par rapport au centre de la photo, poussée de côté si elle touche encore ``box``."""
    w, h = box[2] - box[0], box[3] - box[1]
    left, top = width - box[2], height - box[3]
    if left < box[2] + w / 2 and box[0] - w / 2 < left + w and top < box[3] + h / 2 and box[1] - h / 2 < top + h:
        left = box[0] + 2 * w if box[0] + 3 * w <= width else box[0] - 2 * w
    return left, top, left + w, top + h


def read_far(reader, photo, margin=0.3):
    """Un chiffre pris de loin : (lu seul, lu dans la zone entourée, lu dans une zone vide). La zone
    est celle qu'un lecteur tracerait autour du chiffre (sa boîte, plus ``margin`` de son plus grand
    côté tout autour), relue de plus près comme dans la page, qui montre la photo même quand elle n'y
    trouve aucune écriture (un chiffre au stylo bille sur une page entière), sauf si rien n'y est
    plus sombre que le papier : on ne peut alors rien y entourer. La zone vide, de même taille,
    est tracée à côté, sur le papier (:func:`elsewhere`) : on doit n'y rien lire."""
    reading = read_photo(photo.rgb)
    x0, y0, x1, y1 = photo.boxes[0]
    m = margin * max(x1 - x0, y1 - y0)
    box = (x0 - m, y0 - m, x1 + m, y1 + m)
    if only_paper(reading):
        chosen = empty = ""
    else:
        chosen = digits_of(region_probs(reader, read_region_closer(photo.rgb, reading, box)))
        height, width = photo.rgb.shape[:2]
        empty = digits_of(region_probs(reader, read_region_closer(photo.rgb, reading,
                                                                  elsewhere(box, width, height))))
    return digits_of(region_probs(reader, reading)), chosen, empty


def rate(values):
    return {"accuracy": round(float(np.mean(values)), 4) if values else None, "count": len(values),
            "right": int(np.sum(values))}


def python_benchmark(args, reader, keep_photos):
    digits = defaultdict(list)
    reference = defaultdict(list)
    confident_wrong, times, failures = 0, [], []
    numbers, number_digits = defaultdict(list), []
    kept = []
    total = len(PAPERS) * len(INKS) * (args.per_cell + args.numbers) + len(PAPERS) * args.empty
    done = 0
    for p_i, paper in enumerate(PAPERS):
        for i_i, ink in enumerate(INKS):
            for n in range(args.per_cell + args.numbers):
                kind = "digit" if n < args.per_cell else "number"
                photo = series_photo(args.seed, paper, ink, n, kind)
                pen = photo.pen
                got, conf, found, ms = read_text(reader, photo.rgb)
                times.append(ms)
                ok = got == photo.text
                if kind == "digit":
                    for key in (f"paper:{paper}", f"ink:{ink}", f"pen:{pen}", f"cell:{paper}/{ink}", "all"):
                        digits[key].append(ok)
                    pad = pad_reading(reader, photo.strokes[0])
                    reference[f"paper:{paper}"].append(pad == photo.text)
                    reference["all"].append(pad == photo.text)
                    if not ok and conf and conf[0] >= CONFIDENT and len(got) == 1:
                        confident_wrong += 1
                else:
                    numbers[f"paper:{paper}"].append(ok)
                    numbers["all"].append(ok)
                    number_digits.append(len(got) == len(photo.text))
                if not ok:
                    failures.append({"rng": [args.seed, p_i, i_i, n], "kind": kind, "paper": paper, "ink": ink,
                                     "pen": pen, "written": photo.text,
                                     "read": got, "found": found, "params": {k: photo.params[k] for k in
                                                                             ("digit_mm", "px_per_mm", "shadow")}})
                if keep_photos(kind, n):
                    kept.append({"jpeg": photo.jpeg, "text": photo.text, "paper": paper, "ink": ink, "pen": pen,
                                 "python": got})
                done += 1
                if done % 20 == 0:
                    print(f"  {done}/{total} photos lues", flush=True)
    empty = defaultdict(list)
    for p_i, paper in enumerate(PAPERS):
        for n in range(args.empty):
            photo = empty_page(args.seed, EMPTY_SERIES, paper, n)
            got, _, found, _ = read_text(reader, photo.rgb)
            empty[f"paper:{paper}"].append(not found and got == "")
            empty["all"].append(not found and got == "")
            if found or got:
                failures.append({"rng": [args.seed, EMPTY_SERIES, p_i, n], "kind": "empty", "paper": paper,
                                 "ink": photo.ink, "pen": photo.pen, "written": "", "read": got, "found": found,
                                 "params": {k: photo.params[k] for k in ("px_per_mm", "shadow", "show_through")}})
            if n < 2:
                kept.append({"jpeg": photo.jpeg, "text": "", "paper": paper, "ink": "", "pen": "", "python": got})
    bent_digits, bent_empty = defaultdict(list), defaultdict(list)
    for p_i, paper in enumerate(PAPERS):
        for n in range(args.bent):
            for nothing_written in (False, True):
                photo = bent_page(args.seed, paper, n, nothing_written)
                got, _, found, _ = read_text(reader, photo.rgb)
                ok = (not found and got == "") if nothing_written else got == photo.text
                target = bent_empty if nothing_written else bent_digits
                target[f"paper:{paper}"].append(ok)
                target["all"].append(ok)
                if not ok:
                    failures.append({"rng": [args.seed, "bent", p_i, int(nothing_written), n],
                                     "kind": "bent_empty" if nothing_written
                                     else "bent_digit", "paper": paper, "ink": photo.ink, "pen": photo.pen,
                                     "written": photo.text, "read": got, "found": found,
                                     "params": {k: photo.params[k] for k in ("digit_mm", "px_per_mm", "shadow")}})
    far = []
    for share in FAR_SHARES:
        alone, chosen, empty_region = [], [], []
        for paper in PAPERS:
            for n in range(args.far):
                photo = far_photo(args.seed, paper, share, n)
                got_alone, got_chosen, got_empty = read_far(reader, photo)
                alone.append(got_alone == photo.text)
                chosen.append(got_chosen == photo.text)
                empty_region.append(got_empty == "")
                if got_empty:
                    failures.append({"rng": [args.seed, "far", share, n], "kind": "far_empty_region",
                                     "paper": paper, "ink": photo.ink, "pen": photo.pen, "written": "",
                                     "read": got_empty, "found": True, "params": {}})
        far.append({"share": share, "alone": rate(alone), "chosen_region": rate(chosen),
                    "empty_region_read_nothing": rate(empty_region)})
    pad_numbers, pad_digits = [], []
    for n in range(args.pad_numbers):
        text, strokes = pad_number(np.random.default_rng([args.seed, 7, n]))
        got = pad_reading(reader, strokes)
        pad_numbers.append(got == text)
        pad_digits.append(len(got) == len(text))
    result = {
        "mode": "Python (digitlab.photo, digitlab.segment, modèle Keras)",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "model_digest": model_digest(),
        "seed": args.seed,
        "digits": {key: rate(v) for key, v in sorted(digits.items())},
        "same_strokes_in_the_pad": {key: rate(v) for key, v in sorted(reference.items())},
        "wrong_but_confident": confident_wrong,
        "numbers": {key: rate(v) for key, v in sorted(numbers.items())},
        "numbers_right_count_of_digits": rate(number_digits),
        "pad_numbers": rate(pad_numbers),
        "pad_numbers_right_count_of_digits": rate(pad_digits),
        "empty_pages_found_nothing": {key: rate(v) for key, v in sorted(empty.items())},
        "bent_pages": {"digits": {key: rate(v) for key, v in sorted(bent_digits.items())},
                       "empty_found_nothing": {key: rate(v) for key, v in sorted(bent_empty.items())}},
        "far_digits": far,
        "python_ms_per_photo_median": round(statistics.median(times), 1) if times else None,
        "failures": failures,
    }
    return result, kept


# Dans la page : le temps entre l'import d'un fichier (événement change) et la fin de sa lecture (le
# message d'état n'est plus « Lecture de l'image… » : chiffres lus, page vide ou erreur).
INSTRUMENT = """
(() => {
  const t = window.__photos = [];
  document.addEventListener('change', (e) => {
    if (e.target.matches && e.target.matches('[data-demo-upload]')) t.push({ start: performance.now(), end: null });
  }, true);
  const watch = () => {
    const status = document.querySelector('[data-demo-status]');
    if (!status) return setTimeout(watch, 20);
    new MutationObserver(() => {
      const last = t[t.length - 1];
      const text = status.textContent;
      if (last && last.end === null && text && !text.startsWith('Lecture')) last.end = performance.now();
    }).observe(status, { childList: true, characterData: true, subtree: true });
  };
  watch();
})();
"""


def build_site(target: Path) -> Path:
    print("Construction du site (mkdocs build)…", flush=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["DIGITLAB_MODEL_BUILD"] = "never"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(target)], cwd=ROOT, env=env, check=True)
    return target


def browser_benchmark(args, kept):
    from playwright.sync_api import sync_playwright

    from sitetools.browser import launch, static_server

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = args.site.resolve() if args.site else build_site(tmp / "site")
        with static_server(site) as base, sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.add_init_script(INSTRUMENT)
            page.goto(f"{base}/demo/")
            page.wait_for_selector("[data-demo][data-state='ready']", timeout=60_000)
            backend = page.get_attribute("[data-demo]", "data-backend")
            for k, item in enumerate(kept):
                path = tmp / f"photo_{k:03d}.jpg"
                path.write_bytes(item["jpeg"])
                page.set_input_files("[data-demo-upload]", str(path))
                page.wait_for_function(
                    "n => window.__photos.length === n && window.__photos[n - 1].end !== null", arg=k + 1,
                    timeout=60_000)
                # Une page vide est refusée par un message d'erreur : rien n'est lu de ce fichier
                # (ce que le pad montrait avant reste affiché, comme après toute erreur d'import).
                refused = page.get_attribute("[data-demo-status]", "data-kind") == "error"
                got = "" if refused else page.get_attribute("[data-demo-result]", "data-number")
                ms = page.evaluate("n => window.__photos[n - 1].end - window.__photos[n - 1].start", k + 1)
                rows.append({**{key: item[key] for key in ("text", "paper", "ink", "pen", "python")},
                             "page": got, "ms": ms})
            browser.close()
    times = [r["ms"] for r in rows]
    agree = [r["page"] == r["python"] for r in rows]
    right = [r["page"] == r["text"] for r in rows if r["text"]]
    return {
        "mode": "Chromium (page /demo/ du site construit, photos importées)",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "model_digest": model_digest(),
        "machine": f"{os.cpu_count()} cœurs, {platform.machine()}",
        "backend": backend,
        "photos": len(rows),
        "same_as_python": rate(agree),
        "read_right": rate(right),
        "ms_per_photo_median": round(statistics.median(times), 1) if times else None,
        "ms_per_photo_p90": round(float(np.percentile(times, 90)), 1) if times else None,
        "disagreements": [r for r in rows if r["page"] != r["python"]],
    }


def pct(r):
    return "—" if r["accuracy"] is None else format_percent(r["accuracy"])


def report(result):
    d = result["digits"]
    print("\nChiffres photographiés (jumeau Python de la page) :")
    for paper in PAPERS:
        same = result["same_strokes_in_the_pad"][f"paper:{paper}"]
        print(f"  {paper:8s} {pct(d[f'paper:{paper}']):>8s} ({d[f'paper:{paper}']['right']}/"
              f"{d[f'paper:{paper}']['count']})   mêmes traits au pad : {pct(same)}")
    for ink in INKS:
        print(f"  encre {ink:6s} {pct(d[f'ink:{ink}']):>8s}")
    for pen in PENS:
        print(f"  stylo {pen:9s} {pct(d[f'pen:{pen}']):>8s}")
    print(f"  erreurs affichées avec confiance ≥ {int(100 * CONFIDENT)} % : {result['wrong_but_confident']}")
    print(f"Nombres photographiés, nombre exact : {pct(result['numbers']['all'])} "
          f"({result['numbers']['all']['right']}/{result['numbers']['all']['count']})")
    print(f"Nombres tracés dans le pad, nombre exact : {pct(result['pad_numbers'])} "
          f"({result['pad_numbers']['right']}/{result['pad_numbers']['count']})")
    e = result["empty_pages_found_nothing"]["all"]
    print(f"Pages sans chiffre, « aucun chiffre trouvé » : {pct(e)} ({e['right']}/{e['count']})")
    bent = result["bent_pages"]
    if bent["digits"]:
        print(f"Pages bombées : chiffres {pct(bent['digits']['all'])} ({bent['digits']['all']['right']}/"
              f"{bent['digits']['all']['count']}), pages vides {pct(bent['empty_found_nothing']['all'])} "
              f"({bent['empty_found_nothing']['all']['right']}/{bent['empty_found_nothing']['all']['count']})")
    for row in result["far_digits"]:
        print(f"Chiffre pris de loin, {format_percent(row['share'], 0)} de la hauteur : lu seul {pct(row['alone'])}, "
              f"dans la zone entourée {pct(row['chosen_region'])} ({row['alone']['count']} photos) ; "
              f"zone de même taille sur le papier vide : rien lu {pct(row['empty_region_read_nothing'])}")
    print(f"Temps Python par photo (médiane) : {result['python_ms_per_photo_median']:.0f} ms")
    for f in result["failures"]:
        if f["kind"] in ("empty", "bent_empty"):
            print(f"  raté : page vide {f['paper']} (graine {f['rng']}), lu « {f['read']} »")
        elif f["kind"] == "far_empty_region":
            print(f"  raté : zone vide entourée {f['paper']} (graine {f['rng']}), lu « {f['read']} »")
        else:
            print(f"  raté : {f['kind']} {f['paper']}/{f['ink']}/{f['pen']} "
                  f"écrit « {f['written']} », lu « {f['read']} »")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-cell", type=int, default=40, help="photos d'un chiffre par papier et par encre")
    parser.add_argument("--numbers", type=int, default=8, help="photos d'un nombre par papier et par encre")
    parser.add_argument("--empty", type=int, default=200, help="pages sans chiffre par papier")
    parser.add_argument("--pad-numbers", type=int, default=120, help="nombres tracés dans le pad")
    parser.add_argument("--bent", type=int, default=40,
                        help="pages bombées par papier (autant avec un chiffre que sans rien d'écrit)")
    parser.add_argument("--far", type=int, default=20,
                        help="photos d'un chiffre pris de loin par papier et par hauteur du chiffre")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--browser", action="store_true", help="importer aussi un échantillon dans la page")
    parser.add_argument("--browser-sample", type=int, default=4,
                        help="photos d'un chiffre par papier et encre importées dans la page (plus 1 nombre)")
    parser.add_argument("--browser-only", action="store_true",
                        help="ne fabriquer que l'échantillon et le lire dans la page ; "
                             "garder les mesures Python publiées")
    parser.add_argument("--site", type=Path,
                        help="site déjà construit (sinon : mkdocs build dans un dossier temporaire)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    reader = Reader()
    previous = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    if args.browser_only:
        if "python" not in previous:
            parser.error(f"{args.output} n'a pas encore de mesures Python : "
                         "lancez d'abord le script sans --browser-only")
        args.browser = True
        args.per_cell, args.numbers, args.empty, args.pad_numbers, args.bent, args.far = \
            args.browser_sample, 1, 2, 0, 0, 0

    def keep(kind, n):
        """Les photos gardées pour la page : les premières de chaque case, et le premier nombre."""
        return args.browser and (n < args.browser_sample or n == args.per_cell)

    print(f"Lecture de {len(PAPERS) * len(INKS) * (args.per_cell + args.numbers)} photos…", flush=True)
    result, kept = python_benchmark(args, reader, keep)
    if args.browser_only:
        result = previous["python"]
    else:
        report(result)
    out = {"python": result}
    if "browser" in previous:
        out["browser"] = previous["browser"]  # la dernière mesure dans le navigateur, jusqu'à la nouvelle
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.browser:
        print(f"\nImport de {len(kept)} photos dans la page…", flush=True)
        out["browser"] = browser_benchmark(args, kept)
        b = out["browser"]
        print(f"Page = jumeau Python sur {pct(b['same_as_python'])} des photos ({b['same_as_python']['right']}/"
              f"{b['same_as_python']['count']}) ; lues juste : {pct(b['read_right'])}")
        print(f"Temps de lecture d'une photo dans la page : {b['ms_per_photo_median']:.0f} ms (médiane), "
              f"{b['ms_per_photo_p90']:.0f} ms (90e centile)")
    args.output.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Écrit dans {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")


if __name__ == "__main__":
    main()
