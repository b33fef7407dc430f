// Tests de la lecture des photos (node --test tests/js/) : chaque étape sur une image dont on
// connaît la réponse, ou contre une référence écrite ici autrement (répétition puis moyenne de
// blocs, tri, parcours en largeur). La parité avec Python est vérifiée par tests/test_photo_parity.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  chooseRegion, componentStats, darkness, downscale, findRuling, inkPeak, inkThresholds, isFrameShadow, isInk,
  isLineRemnant, labelComponents, LINE_U_WIDTH, lineCoordinate, lineWidths, MIN_COMPONENT_AREA, onlyPaper,
  paperBackground, quantileOf, readPhoto, readPhotoSteps, readRegion, removeRuling, selectKth, workSize, zoomWindow,
  cropPixels,
} from '../../docs/assets/demo/photo.js';

/** Générateur pseudo-aléatoire reproductible (LCG). */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Noirceur d'une famille de lignes fines de pente slope + convergence × u (comme dans test_photo.py). */
function ruled(w, h, slope, convergence, { spacing = 12, level = 0.3, vertical = false, phase = 0 } = {}) {
  const data = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const cx = x - (w - 1) / 2, cy = y - (h - 1) / 2;
      const a = vertical ? cy : cx, c = vertical ? cx : cy;
      const u = (c - slope * a) / (1 + convergence * a) - phase;
      const m = ((u + spacing / 2) % spacing + spacing) % spacing;
      const d = Math.abs(m - spacing / 2);
      data[y * w + x] = level * Math.min(1, Math.max(0, 1.5 - d));
    }
  }
  return { width: w, height: h, data };
}

test('workSize : plus grand côté 640 au plus, proportions gardées, jamais agrandie', () => {
  assert.deepEqual(workSize(960, 720), [640, 480]);
  assert.deepEqual(workSize(720, 960), [480, 640]);
  assert.deepEqual(workSize(300, 200), [300, 200]);
});

test('downscale : moyenne exacte des surfaces (chaque pixel répété 8 × 8, puis blocs de 25 × 25)', () => {
  const rand = rng(1);
  const w = 75, h = 50;
  const rgb = Uint8Array.from({ length: w * h * 3 }, () => Math.floor(rand() * 256));
  const out = downscale(rgb, w, h, 24, 3);
  assert.equal(out.width, 24);
  assert.equal(out.height, 16);
  for (let oy = 0; oy < 16; oy++) {
    for (let ox = 0; ox < 24; ox++) {
      let acc = 0;
      for (let fy = oy * 25; fy < (oy + 1) * 25; fy++) {
        for (let fx = ox * 25; fx < (ox + 1) * 25; fx++) acc += rgb[(Math.floor(fy / 8) * w + Math.floor(fx / 8)) * 3];
      }
      assert.ok(Math.abs(out.r[oy * 24 + ox] - acc / 625 / 255) < 1e-12);
    }
  }
  assert.throws(() => downscale(new Uint8Array(10), 4, 4), /Photo invalide/);
});

test('selectKth et quantileOf : la valeur du tableau trié', () => {
  const rand = rng(2);
  for (let n = 1; n < 300; n += 37) {
    const values = Float64Array.from({ length: n }, () => Math.round(rand() * 20) / 4);
    const sorted = Float64Array.from(values).sort();
    for (const k of [0, Math.floor(n / 2), n - 1]) assert.equal(selectKth(Float64Array.from(values), k), sorted[k]);
    assert.equal(quantileOf(values, 0.9), sorted[Math.floor(0.9 * (n - 1) + 0.5 + 1e-9)]);
  }
});

test('paperBackground + darkness : la lumière inégale disparaît, l\'encre reste', () => {
  const w = 320, h = 240;
  const rgba = new Uint8ClampedArray(w * h * 4);
  const light = (x, y) => 0.45 + 0.4 * x / w + 0.08 * Math.sin(y / 60);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let refl = y % 10 === 0 ? 0.75 : 1;
      if (y >= 100 && y < 180 && x >= 150 && x < 156) refl = 0.1;
      const v = Math.round(light(x, y) * refl * 255);
      rgba.set([v, v, v, 255], 4 * (y * w + x));
    }
  }
  const rgb = downscale(rgba, w, h);
  const bg = paperBackground(rgb);
  let worst = 0;
  for (let y = 20; y < h - 20; y++) {
    for (let x = 20; x < w - 20; x++) worst = Math.max(worst, Math.abs(bg.r[y * w + x] - light(x, y)));
  }
  assert.ok(worst < 0.05, `fond mal estimé : écart ${worst}`);
  const dark = darkness(rgb, bg);
  assert.ok(dark.data[140 * w + 153] > 0.8);
  assert.ok(quantileOf(dark.data, 0.5) < 0.03);
});

for (const [slope, convergence] of [[0, 0], [0.12, 0], [-0.07, 1.5e-4]]) {
  for (const vertical of [false, true]) {
    test(`findRuling : pente ${slope}, convergence ${convergence}, ${vertical ? 'verticales' : 'horizontales'}`, () => {
      const w = 320, h = 240;
      const found = findRuling(ruled(w, h, slope, convergence, { vertical }), vertical);
      const extent = vertical ? w : h, length = vertical ? h : w;
      for (const u of [-extent / 2, 0, extent / 2]) {
        const err = Math.abs((slope + convergence * u) - (found.slope + found.convergence * u)) * length / 2;
        assert.ok(err < 1, `écart de ${err.toFixed(2)} pixel à u = ${u}`);
      }
    });
  }
}

test('findRuling : de grands carreaux, leurs verticales à cheval sur les bandes de la recherche', () => {
  // Comme dans test_photo.py : aucune bande ne voit une ligne entière, l'image entière si.
  const w = 480, h = 640, slope = 0.07;
  const lines = ruled(w, h, slope, 0, { vertical: true, spacing: 160, phase: 80 });
  const across = ruled(w, h, -0.05, 0, { spacing: 160 });
  const dark = { width: w, height: h, data: lines.data.map((v, i) => v + across.data[i]) };
  const found = findRuling(dark, true);
  for (const u of [-w / 2, 0, w / 2]) {
    const err = Math.abs(found.slope + found.convergence * u - slope) * h / 2;
    assert.ok(err < 1, `écart de ${err.toFixed(2)} pixel à u = ${u}`);
  }
});

for (const [slope, convergence, spacing, phase] of [
  [0.07, -3e-4, 120, 0], [-0.12, 3e-4, 46, 0], [-0.12, 3e-4, 54, 17], [0.0643, -2.18e-4, 46, 17],
  [-0.0565, -1.94e-4, 120, 0],
]) {
  test(`findRuling : verticales pâles en forte perspective (pente ${slope}, convergence ${convergence}, pas ${spacing})`, () => {
    // Comme dans test_photo.py : pente et convergence fausses ensemble arrêtaient la recherche par
    // grille (2 à 6 pixels de dérive d'un côté) ; le suivi des lignes les corrige ensemble.
    const w = 640, h = 480;
    const found = findRuling(ruled(w, h, slope, convergence, { vertical: true, spacing, level: 0.1, phase }), true);
    for (const u of [-w / 2, 0, w / 2]) {
      const err = Math.abs(found.slope + found.convergence * u - (slope + convergence * u)) * h / 2;
      assert.ok(err < 0.5, `écart de ${err.toFixed(2)} pixel à u = ${u}`);
    }
  });
}

test('removeRuling : un grand « 1 » tout droit sur papier blanc n\'est pas une ligne (pente quasi nulle)', () => {
  const w = 400, h = 300;
  const data = new Float64Array(w * h);
  for (let y = 60; y < 240; y++) for (let x = 190; x < 205; x++) data[y * w + x] = 0.85;
  const dark = { width: w, height: h, data };
  const families = [{ slope: -0.00594, convergence: 4.8898e-5 }, { slope: 0, convergence: 0 }, findRuling(dark, true)];
  for (const family of families) {
    const cleaned = removeRuling(dark, family, true);
    let sum = 0;
    for (let y = 60; y < 240; y++) for (let x = 190; x < 205; x++) sum += cleaned.data[y * w + x];
    assert.ok(sum / (180 * 15) > 0.8, JSON.stringify(family));
  }
});

test('removeRuling : les lignes partent, l\'encre qui les croise reste', () => {
  const w = 320, h = 240;
  const lines = ruled(w, h, 0.05, 0);
  const total = { width: w, height: h, data: Float64Array.from(lines.data) };
  for (let y = 60; y < 180; y++) {
    for (let x = 158; x < 164; x++) total.data[y * w + x] = 1 - (1 - lines.data[y * w + x]) * 0.1;
  }
  const cleaned = removeRuling(total, findRuling(total, false), false);
  const onLines = [];
  for (let i = 0; i < w * h; i++) {
    if (lines.data[i] > 0.25 && (i % w < 158 || i % w >= 164)) onLines.push(cleaned.data[i]);
  }
  assert.ok(quantileOf(onLines, 0.95) < 0.08);
  for (let y = 60; y < 180; y++) for (let x = 159; x < 163; x++) assert.ok(cleaned.data[y * w + x] > 0.85);
});

test('removeRuling : un « 1 » écrit le long d\'une verticale du papier reste entier', () => {
  const w = 320, h = 240;
  const total = ruled(w, h, 0, 0, { spacing: 20, vertical: true });
  for (let y = 60; y < 168; y++) for (let x = 178; x < 182; x++) total.data[y * w + x] = 0.9;
  const cleaned = removeRuling(total, findRuling(total, true), true);
  for (let y = 60; y < 168; y++) for (let x = 179; x < 181; x++) assert.ok(cleaned.data[y * w + x] > 0.85);
});

/** Référence : composantes 8-connexes par parcours en largeur, dans l'ordre de lecture. */
function bfsLabels(mask, w, h) {
  const labels = new Int32Array(w * h);
  let n = 0;
  for (let i = 0; i < w * h; i++) {
    if (!mask[i] || labels[i]) continue;
    labels[i] = ++n;
    const queue = [i];
    while (queue.length) {
      const j = queue.pop();
      const y = Math.floor(j / w), x = j % w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const ny = y + dy, nx = x + dx, k = ny * w + nx;
          if (ny >= 0 && ny < h && nx >= 0 && nx < w && mask[k] && !labels[k]) { labels[k] = n; queue.push(k); }
        }
      }
    }
  }
  return { labels, count: n };
}

test('labelComponents : comme un parcours en largeur', () => {
  const rand = rng(7);
  for (let t = 0; t < 5; t++) {
    const w = 50, h = 40;
    const mask = Uint8Array.from({ length: w * h }, () => (rand() < 0.35 ? 1 : 0));
    const got = labelComponents(mask, w, h);
    const ref = bfsLabels(mask, w, h);
    assert.equal(got.count, ref.count);
    assert.deepEqual(Array.from(got.labels), Array.from(ref.labels));
  }
});

test('componentStats : sommes et boîtes', () => {
  const w = 12, h = 10;
  const values = new Float64Array(w * h);
  for (let y = 2; y < 5; y++) for (let x = 3; x < 7; x++) values[y * w + x] = 0.5;
  values[3 * w + 4] = 0.9;
  for (let x = 9; x < 12; x++) values[7 * w + x] = 0.5;
  const mask = values.map((v) => (v > 0 ? 1 : 0));
  const { labels, count } = labelComponents(mask, w, h);
  const comps = componentStats(labels, count, values, w, h, 0.6);
  assert.deepEqual(comps.map((c) => c.box), [[3, 2, 7, 5], [9, 7, 12, 8]]);
  assert.deepEqual(comps.map((c) => c.area), [12, 3]);
  assert.ok(Math.abs(comps[0].mass - (11 * 0.5 + 0.9)) < 1e-12);
  assert.deepEqual(comps.map((c) => c.strong), [1, 0]);
  assert.deepEqual(comps.map((c) => c.frame), [0, 2]);
});

test('isFrameShadow / isInk : un liseré le long du cadre n\'est pas un chiffre, un chiffre coupé par le cadre si', () => {
  const w = 480, h = 640;
  const labels = new Int32Array(w * h);
  for (let y = 58; y < 210; y++) for (let x = w - 2; x < w; x++) labels[y * w + x] = 1;
  for (let y = 58; y < 60; y++) for (let x = w - 14; x < w - 2; x++) labels[y * w + x] = 1;
  for (let y = 300; y < 420; y++) for (let x = 0; x < 12; x++) labels[y * w + x] = 2;
  const values = Float64Array.from(labels, (k) => (k ? 0.8 : 0));
  const comps = componentStats(labels, 2, values, w, h, 0.4);
  assert.deepEqual(comps.map((c) => [c.frame, c.area]), [[304, 328], [240, 1440]]);
  assert.deepEqual(comps.map(isFrameShadow), [true, false]);
  for (const c of comps) { c.peak = 0.8; c.lineWidth = 20; }
  assert.deepEqual(comps.map((c) => isInk(c, MIN_COMPONENT_AREA, w, h)), [false, true]);
});

test('lineWidths : √12 × l\'écart type de u, pour la famille la plus proche (référence : une passe directe)', () => {
  const w = 80, h = 60, next = rng(12);
  const labels = new Int32Array(w * h).map(() => (next() < 0.3 ? 1 + Math.floor(next() * 3) : 0));
  const families = { horizontal: { slope: 0.1, convergence: 2e-4 }, vertical: { slope: -0.05, convergence: -1e-4 } };
  const got = lineWidths(labels, 3, w, h, families);
  for (let k = 1; k <= 3; k++) {
    const ref = [0, 1].map((f) => {
      const us = [];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (labels[y * w + x] !== k) continue;
          const cx = x - (w - 1) / 2, cy = y - (h - 1) / 2;
          us.push(f === 0 ? lineCoordinate(cx, cy, 0.1, 2e-4) : lineCoordinate(cy, cx, -0.05, -1e-4));
        }
      }
      const mean = us.reduce((a, b) => a + b, 0) / us.length;
      return Math.sqrt(12 * us.reduce((a, b) => a + (b - mean) ** 2, 0) / us.length);
    });
    assert.ok(Math.abs(got[k - 1] - Math.min(...ref)) < 1e-9 * Math.min(...ref), `composante ${k}`);
  }
});

test('isLineRemnant : un bout de grosse réglure au bord, oui ; un trait épais au bord ou une barre loin du bord, non', () => {
  const w = 640, h = 480;
  const families = { horizontal: { slope: 0.18, convergence: 0 }, vertical: { slope: -0.18, convergence: 0 } };
  const labels = new Int32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = (y - (h - 1) / 2) - 0.18 * (x - (w - 1) / 2);
      if (Math.abs(u - 150) < 3 && x > 480) labels[y * w + x] = 1;
      if (y >= 100 && y < 220 && x >= 300 && x < 306) labels[y * w + x] = 2;
      if (Math.abs(u + 150) < 5 && x < 100) labels[y * w + x] = 3;
    }
  }
  const widths = lineWidths(labels, 3, w, h, families);
  assert.ok(widths[0] <= LINE_U_WIDTH && LINE_U_WIDTH < widths[2] && widths[2] < 20 && 20 < widths[1]);
  const comps = componentStats(labels, 3, Float64Array.from(labels, (k) => (k ? 0.8 : 0)), w, h, 0.4);
  comps.forEach((c, k) => { c.lineWidth = widths[k]; });
  assert.deepEqual(comps.map((c) => isLineRemnant(c, w, h)), [true, false, false]);
});

const comp = (label, box, area, mass, strongMass = mass) => ({
  label, box, area, mass, strong: strongMass ? 1 : 0, strongMass,
});

test('chooseRegion : les morceaux du chiffre, pas la réglure, ni le verso, ni la poussière', () => {
  const comps = [
    comp(1, [300, 100, 340, 260], 900, 700),
    comp(2, [280, 150, 360, 160], 200, 150),
    comp(3, [0, 300, 640, 302], 700, 200),
    comp(4, [420, 120, 500, 250], 600, 80, 10),
    comp(5, [600, 20, 603, 23], 9, 5),
  ];
  assert.deepEqual(chooseRegion(comps, 640, 480), { chosen: [1, 2], box: [280, 100, 360, 260] });
  assert.deepEqual(chooseRegion([], 640, 480), { chosen: null, reason: 'empty' });
  assert.deepEqual(chooseRegion([comp(1, [10, 10, 30, 20], 120, 60)], 640, 480), { chosen: null, reason: 'small' });
});

test('inkThresholds : le quart et la moitié de l\'encre la plus sombre', () => {
  const cleaned = { width: 100, height: 100, data: new Float64Array(10000) };
  for (let y = 40; y < 60; y++) cleaned.data[y * 100 + 50] = 0.8;
  const [low, high, level] = inkThresholds(cleaned);
  assert.ok(Math.abs(level - 0.8) < 1e-12 && Math.abs(high - 0.4) < 1e-12 && Math.abs(low - 0.2) < 1e-12);
});

/** Une « photo » RVBA : papier crème sous une lumière en pente, réglure lilas, un 7 bleu. */
function syntheticPhoto(w, h, withDigit) {
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const light = 0.7 + 0.25 * x / w;
      let [r, g, b] = [0.96, 0.94, 0.88];
      if (Math.abs(((y - 0.03 * x) % 14 + 14) % 14 - 7) < 0.8) [r, g, b] = [r * 0.75, g * 0.72, b * 0.92];
      const inBar = y >= 80 && y < 85 && x >= 130 && x < 200;
      const inStem = y >= 80 && y < 200 && Math.abs(x - (200 - (y - 80) * 0.5)) < 2.5;
      if (withDigit && (inBar || inStem)) [r, g, b] = [0.15, 0.22, 0.6];
      rgba.set([r * light * 255, g * light * 255, b * light * 255, 255], 4 * (y * w + x));
    }
  }
  return rgba;
}

test('readPhoto : trouve le chiffre sur une feuille lignée, rien sur une page vide', () => {
  const w = 320, h = 240;
  const r = readPhoto(syntheticPhoto(w, h, true), w, h);
  assert.equal(r.found, true);
  const [left, top, right, bottom] = r.box;
  assert.ok(left >= 125 && left <= 145 && right >= 198 && right <= 205, `boîte ${r.box}`);
  assert.ok(top >= 76 && top <= 82 && bottom >= 196 && bottom <= 204, `boîte ${r.box}`);
  assert.equal(r.ink.width, r.workBox[2] - r.workBox[0]);
  const empty = readPhoto(syntheticPhoto(w, h, false), w, h);
  assert.equal(empty.found, false);
  assert.ok(['empty', 'small'].includes(empty.reason));
});

test('onlyPaper : une feuille unie est vide ; une trace trop petite pour être lue ne l\'est pas', () => {
  const w = 320, h = 240;
  const paper = (dots) => {
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([236, 232, 220, 255], 4 * i);
    for (const [x, y] of dots) rgba.set([40, 50, 120, 255], 4 * (y * w + x));
    return rgba;
  };
  const blank = readPhoto(paper([]), w, h);
  assert.equal(blank.found, false);
  assert.equal(onlyPaper(blank), true);
  // Un point de 2 × 2 pixels : plus sombre que le papier, trop petit pour un chiffre.
  const dot = readPhoto(paper([[150, 100], [151, 100], [150, 101], [151, 101]]), w, h);
  assert.equal(dot.found, false);
  assert.equal(onlyPaper(dot), false);
  assert.equal(onlyPaper(readPhoto(syntheticPhoto(w, h, true), w, h)), false);
});

test('readPhotoSteps rend la main entre les étapes et finit comme readPhoto', () => {
  const w = 320, h = 240;
  const pixels = syntheticPhoto(w, h, true);
  const steps = readPhotoSteps(pixels, w, h);
  const names = [];
  let last;
  for (;;) {
    const { value, done } = steps.next();
    if (done) { last = value; break; }
    names.push(value);
  }
  assert.deepEqual(names, ['paper', 'ruling', 'ruling', 'region']);
  assert.deepEqual(last.workBox, readPhoto(pixels, w, h).workBox);
});

test('readRegion : la zone choisie par le lecteur, rien ailleurs', () => {
  const w = 320, h = 240;
  const reading = readPhoto(syntheticPhoto(w, h, true), w, h);
  const inside = readRegion(reading, [120, 70, 210, 210]);
  assert.equal(inside.found, true);
  assert.deepEqual(inside.workBox, [120, 70, 210, 210]);
  let ink = 0;
  for (const v of inside.ink.data) ink += v;
  assert.ok(ink > 100);
  assert.deepEqual(readRegion(reading, [10, 10, 60, 60]), { found: false, reason: 'empty', box: null, workBox: null, ink: null });
  assert.equal(readRegion(reading, [50, 50, 50.5, 90]).found, false);
});

test('inkPeak : la plus forte moyenne sur 3 × 3 pixels (un pixel isolé ne suffit pas)', () => {
  const spike = { width: 20, height: 20, data: new Float64Array(400) };
  spike.data[10 * 20 + 10] = 1;
  assert.ok(Math.abs(inkPeak(spike) - 1 / 9) < 1e-15);
  for (let y = 5; y < 15; y++) for (let x = 9; x < 12; x++) spike.data[y * 20 + x] = 0.6;
  assert.ok(Math.abs(inkPeak(spike) - 0.6) < 1e-12);
});

test('zoomWindow : une petite zone et son voisinage, coupés au bord ; rien quand il n\'y a rien à gagner', () => {
  assert.deepEqual(zoomWindow([770, 570, 830, 630], 1600, 1200), [700, 500, 900, 700]); // 200 au moins
  assert.deepEqual(zoomWindow([700, 500, 850, 600], 1600, 1200), [550, 325, 1000, 775]); // 3 × 150
  assert.deepEqual(zoomWindow([0, 0, 40, 40], 1600, 1200), [0, 0, 120, 120]);
  assert.equal(zoomWindow([500, 300, 900, 700], 1600, 1200), null);
  assert.equal(zoomWindow([300, 200, 340, 240], 960, 720), null);
});

test('cropPixels : les pixels de la fenêtre, ligne par ligne', () => {
  const width = 5, height = 4, channels = 2;
  const pixels = Uint8ClampedArray.from({ length: width * height * channels }, (_, i) => i);
  const crop = cropPixels(pixels, width, channels, [1, 2, 4, height]);
  const expected = [];
  for (let y = 2; y < height; y++) {
    for (let x = 1; x < 4; x++) {
      for (let c = 0; c < channels; c++) expected.push((y * width + x) * channels + c);
    }
  }
  assert.deepEqual(Array.from(crop), expected);
});

