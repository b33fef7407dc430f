// Tests de la séparation des chiffres (node --test tests/js/) : regroupement des traits du pad
// (et la fixture partagée avec Python), morceaux d'encre d'une photo, épaisseur, dilatation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { preprocess } from '../../docs/assets/demo/preprocess.js';
import {
  STROKE_SIDE, digitInputs, dilate, diskOffsets, groupStrokes, mergeByOverlap, normalizeStroke, splitInk, strokeWidth,
} from '../../docs/assets/demo/segment.js';
import { BRUSH_RATIO } from '../../docs/assets/demo/strokes.js';

const SEVEN_BARRED = [[[0.1, 0.1], [0.5, 0.1], [0.3, 0.9]], [[0.22, 0.5], [0.46, 0.5]]];
const FOUR_TWO_STROKES = [[[0.5, 0.1], [0.1, 0.6], [0.6, 0.6]], [[0.45, 0.3], [0.45, 0.95]]];
const FIVE_WITH_FLAG = [[[0.2, 0.1], [0.18, 0.45], [0.4, 0.4], [0.45, 0.7], [0.2, 0.9]], [[0.2, 0.1], [0.5, 0.1]]];
const shifted = (strokes, dx) => strokes.map((s) => s.map(([x, y]) => [x + dx, y]));

test('les morceaux d\'un chiffre restent ensemble', () => {
  assert.deepEqual(groupStrokes(SEVEN_BARRED), [[0, 1]]);
  assert.deepEqual(groupStrokes(FOUR_TWO_STROKES), [[0, 1]]);
  assert.deepEqual(groupStrokes(FIVE_WITH_FLAG), [[0, 1]]);
  assert.deepEqual(groupStrokes([[[0.3, 0.2], [0.3, 0.8]]]), [[0]]);
  assert.deepEqual(groupStrokes([]), []);
});

test('des chiffres côte à côte, tracés dans le désordre, sont lus de gauche à droite', () => {
  const strokes = shifted(FIVE_WITH_FLAG, 1.2).concat(SEVEN_BARRED, shifted(FOUR_TWO_STROKES, 0.6));
  assert.deepEqual(groupStrokes(strokes), [[2, 3], [4, 5], [0, 1]]);
});

test('mergeByOverlap : une chaîne de recouvrements fait un seul groupe', () => {
  assert.deepEqual(mergeByOverlap([[0, 10], [5, 20], [15, 30], [40, 50]]), [[0, 1, 2], [3]]);
  assert.deepEqual(mergeByOverlap([[0, 10], [8, 20]]), [[0], [1]]); // 2 sur 10 : trop peu
});

test('fixture partagée : les mêmes groupes qu\'en Python, un par chiffre écrit', () => {
  const cases = JSON.parse(readFileSync(new URL('../fixtures/segment/numbers.json', import.meta.url), 'utf8'));
  assert.ok(cases.length >= 40);
  for (const { text, strokes, groups } of cases) {
    const got = groupStrokes(strokes);
    assert.deepEqual(got, groups, text);
    assert.equal(got.length, text.length, text);
  }
});

function image(w, h, fill) {
  const data = new Float64Array(w * h);
  fill((x0, x1, y0, y1, v = 1) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * w + x] = v;
  });
  return { width: w, height: h, data };
}

test('strokeWidth : 2 × surface / périmètre d\'une barre', () => {
  const bar = image(60, 40, (rect) => rect(5, 55, 10, 16));
  assert.ok(Math.abs(strokeWidth(bar) - (2 * 300) / (2 * (6 + 50))) < 1e-12);
  assert.equal(strokeWidth(image(5, 5, () => {})), 0);
});

test('dilate : le maximum sur un disque (référence : boucle directe sur le disque)', () => {
  let s = 3;
  const rand = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
  const ink = image(40, 30, () => {});
  for (let i = 0; i < ink.data.length; i++) ink.data[i] = rand() < 0.05 ? rand() : 0;
  for (const radius of [0.5, 1, 2.3, 3.7]) {
    const out = dilate(ink, radius);
    for (let y = 0; y < 30; y++) {
      for (let x = 0; x < 40; x++) {
        let m = 0;
        for (let yy = 0; yy < 30; yy++) {
          for (let xx = 0; xx < 40; xx++) {
            if ((yy - y) ** 2 + (xx - x) ** 2 <= radius * radius) m = Math.max(m, ink.data[yy * 40 + xx]);
          }
        }
        assert.equal(out.data[y * 40 + x], m);
      }
    }
    assert.equal(diskOffsets(radius).length > 0, true);
  }
});

test('normalizeStroke : une hampe fine, moyenne ou épaisse ressort avec la largeur du pad', () => {
  const target = BRUSH_RATIO * STROKE_SIDE;
  for (const width of [2, 4, 9, 14]) {
    const ink = image(140, 200, (rect) => { rect(60, 60 + width, 20, 180); rect(30, 110, 20, 20 + width); });
    const out = normalizeStroke(ink);
    const row = Math.floor(out.height / 2) + 5;
    let run = 0;
    for (let x = 0; x < out.width; x++) if (out.data[row * out.width + x] > 0.5) run++;
    assert.ok(Math.abs(run - target) <= 1.5, `largeur ${width} → ${run}, attendu ${target}`);
  }
});

test('splitInk : deux chiffres séparés, la poussière oubliée', () => {
  const ink = image(120, 60, (rect) => {
    rect(10, 14, 10, 50);
    rect(60, 90, 10, 14);
    rect(80, 84, 18, 50);
    rect(115, 116, 55, 56, 0.5);
  });
  const digits = splitInk(ink);
  assert.deepEqual(digits.map((d) => d.box), [[10, 10, 14, 50], [60, 10, 90, 50]]);
});

test('digitInputs : une image 28 × 28 par chiffre, de gauche à droite', () => {
  const ink = image(120, 60, (rect) => {
    rect(10, 14, 10, 50);
    rect(60, 90, 10, 14);
    rect(80, 84, 18, 50);
  });
  const inputs = digitInputs(ink);
  assert.equal(inputs.length, 2);
  assert.equal(inputs[0].image.length, 784);
  assert.deepEqual(Array.from(inputs[0].image), Array.from(preprocess(normalizeStroke(splitInk(ink)[0].ink))));
  assert.deepEqual(digitInputs(image(20, 20, () => {})), []);
});

test('un tiret ou un point n\'est pas un chiffre', () => {
  assert.deepEqual(groupStrokes(SEVEN_BARRED.concat([[[1.3, 0.5], [1.6, 0.52]]])), [[0, 1]]);
  const ink = image(120, 60, (rect) => { rect(10, 14, 10, 50); rect(40, 70, 30, 33); });
  assert.deepEqual(splitInk(ink).map((d) => d.box), [[10, 10, 14, 50]]);
});
