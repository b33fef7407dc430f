// Tests du prétraitement JavaScript (node --test tests/js/).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';

import {
  BOX, SIZE, areaWeights, borderPixels, centerOfMass, compositeBackground, fittedSize, grayToInk, inkBBox,
  makeImage, median, placeByMass, preprocess, quantile, resizeArea, rgbaToGray, roundHalfUp,
} from '../../docs/assets/demo/preprocess.js';

const FIXTURES = new URL('../fixtures/preprocess/', import.meta.url);
const TOLERANCE = 2 / 255;
// Un centre de masse pile sur une demi-valeur se place à 0,5 pixel du centre (plus les erreurs d'arrondi).
const HALF = 0.5 + 1e-6;

function fromRows(rows) {
  return makeImage(rows[0].length, rows.length, Float64Array.from(rows.flat()));
}

function bboxOfPositive(out) {
  return inkBBox(makeImage(SIZE, SIZE, Float64Array.from(out)), 0);
}

test('chaque fixture : la sortie JS suit la sortie Python à 2/255 près', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 10, `trop peu de fixtures (${files.length})`);
  for (const file of files) {
    const fx = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
    const pixels = inflateSync(Buffer.from(fx.pixels_zlib, 'base64'));
    assert.equal(pixels.length, fx.width * fx.height, fx.name);
    const img = makeImage(fx.width, fx.height, Float64Array.from(pixels, (v) => v / 255));
    const out = preprocess(fx.kind === 'gray' ? grayToInk(img) : img);
    if (fx.expected === null) {
      assert.equal(out, null, `${fx.name} : rien à lire attendu`);
      continue;
    }
    assert.ok(out !== null, `${fx.name} : sortie vide`);
    let worst = 0;
    for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i] - fx.expected[i]));
    assert.ok(worst <= TOLERANCE, `${fx.name} : écart ${worst}`);
  }
});

test('roundHalfUp arrondit les moitiés vers le haut, même avec une erreur flottante', () => {
  assert.equal(roundHalfUp(2.5), 3);
  assert.equal(roundHalfUp(-2.5), -2);
  assert.equal(roundHalfUp(2.4999999999999), 3); // erreur d'arrondi sur une moitié
  assert.equal(roundHalfUp(2.49), 2);
  assert.equal(roundHalfUp(4.5 - 1e-15), 5);
});

test('areaWeights : chaque ligne somme à 1 et couvre le bon intervalle', () => {
  for (const [nIn, nOut] of [[57, 20], [3, 20], [20, 20], [41, 7]]) {
    const rows = areaWeights(nIn, nOut);
    assert.equal(rows.length, nOut);
    for (const { start, weights } of rows) {
      const s = weights.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(s - 1) < 1e-12, `somme ${s}`);
      assert.ok(start >= 0 && start + weights.length <= nIn);
    }
  }
});

test('resizeArea : un facteur entier donne la moyenne des blocs', () => {
  const rows = [];
  for (let y = 0; y < 6; y++) rows.push(Array.from({ length: 4 }, (_, x) => (y * 4 + x) % 7));
  const out = resizeArea(fromRows(rows), 3, 2);
  for (let oy = 0; oy < 3; oy++) {
    for (let ox = 0; ox < 2; ox++) {
      const [top, bottom] = [rows[2 * oy], rows[2 * oy + 1]];
      const block = [top[2 * ox], top[2 * ox + 1], bottom[2 * ox], bottom[2 * ox + 1]];
      const mean = block.reduce((a, b) => a + b) / 4;
      assert.ok(Math.abs(out.data[oy * 2 + ox] - mean) < 1e-12);
    }
  }
});

test('resizeArea conserve la moyenne de l\'image', () => {
  const img = makeImage(33, 17);
  for (let i = 0; i < img.data.length; i++) img.data[i] = Math.sin(i) ** 2;
  const out = resizeArea(img, 20, 9);
  const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
  assert.ok(Math.abs(mean(img.data) - mean(out.data)) < 1e-12);
});

test('fittedSize garde les proportions, plus grand côté = 20', () => {
  assert.deepEqual(fittedSize(100, 50), [20, 10]);
  assert.deepEqual(fittedSize(50, 100), [10, 20]);
  assert.deepEqual(fittedSize(200, 1), [20, 1]);
  assert.deepEqual(fittedSize(40, 21), [20, 11]); // 10,5 → 11
});

test('placeByMass met le centre de masse en (14, 14) à un demi-pixel près', () => {
  const small = makeImage(5, 20);
  for (let y = 0; y < 20; y++) small.data[y * 5 + 4] = 1 + y / 10; // masse à droite, vers le bas
  const out = placeByMass(small);
  const [cy, cx] = centerOfMass(out);
  assert.ok(Math.abs(cy - 14) <= HALF && Math.abs(cx - 14) <= HALF, `${cy}, ${cx}`);
});

test('preprocess : plus grand côté 20, maximum 1, centre de masse au centre', () => {
  const img = makeImage(90, 60);
  for (let y = 10; y < 55; y++) {
    for (let x = 30 + Math.floor(y / 3); x < 38 + Math.floor(y / 3); x++) img.data[y * 90 + x] = 1;
  }
  const out = preprocess(img);
  const box = bboxOfPositive(out);
  assert.equal(Math.max(box.bottom - box.top, box.right - box.left), BOX);
  assert.ok(Math.abs(Math.max(...out) - 1) < 1e-6);
  const [cy, cx] = centerOfMass(makeImage(SIZE, SIZE, Float64Array.from(out)));
  assert.ok(Math.abs(cy - 14) <= HALF && Math.abs(cx - 14) <= HALF, `${cy}, ${cx}`);
});

test('preprocess : invariant par translation et par agrandissement entier', () => {
  const base = makeImage(12, 15);
  for (let y = 2; y < 13; y++) base.data[y * 12 + 3 + (y % 4)] = 0.3 + (y % 3) / 3;
  const shifted = makeImage(40, 30);
  for (let y = 0; y < 15; y++) for (let x = 0; x < 12; x++) shifted.data[(y + 9) * 40 + x + 21] = base.data[y * 12 + x];
  const big = makeImage(36, 45);
  for (let y = 0; y < 45; y++) {
    for (let x = 0; x < 36; x++) big.data[y * 36 + x] = base.data[Math.floor(y / 3) * 12 + Math.floor(x / 3)];
  }
  const a = preprocess(base), b = preprocess(shifted), c = preprocess(big);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) < 1e-6);
    assert.ok(Math.abs(a[i] - c[i]) < 1e-6);
  }
});

test('preprocess : rien à lire → null ; dimensions incohérentes → erreur', () => {
  assert.equal(preprocess(makeImage(10, 10)), null);
  const faint = makeImage(10, 10);
  faint.data.fill(0.05); // sous le seuil d'encre
  assert.equal(preprocess(faint), null);
  assert.throws(() => preprocess({ width: 3, height: 3, data: new Float64Array(4) }), /Image invalide/);
});

test('median et quantile suivent numpy (effectif pair : moyenne des deux centrales)', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(quantile([5, 1, 4, 2, 3], 0.5), 3);
  assert.equal(quantile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9), 90);
});

test('borderPixels : haut, bas, gauche, droite, coins deux fois', () => {
  const img = fromRows([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(borderPixels(img), [1, 2, 3, 4, 5, 6, 1, 4, 3, 6]);
});

test('grayToInk : encre sombre sur papier clair inversée, fond clair effacé', () => {
  const gray = makeImage(20, 20);
  gray.data.fill(0.9);
  for (let y = 5; y < 15; y++) gray.data[y * 20 + 10] = 0.1;
  const ink = grayToInk(gray);
  assert.equal(ink.data[0], 0);
  assert.ok(Math.abs(ink.data[7 * 20 + 10] - 1) < 1e-12);
});

test('grayToInk : encre claire sur fond sombre gardée telle quelle', () => {
  const gray = makeImage(20, 20);
  gray.data.fill(0.1);
  for (let y = 5; y < 15; y++) gray.data[y * 20 + 10] = 0.95;
  const ink = grayToInk(gray);
  assert.equal(ink.data[0], 0);
  assert.ok(Math.abs(ink.data[7 * 20 + 10] - 1) < 1e-12);
});

test('grayToInk : image uniforme → aucune encre', () => {
  const gray = makeImage(12, 8);
  gray.data.fill(0.7);
  assert.ok(grayToInk(gray).data.every((v) => v === 0));
  assert.equal(preprocess(grayToInk(gray)), null);
});

test('grayToInk : le grain du papier est effacé, le trait reste', () => {
  const gray = makeImage(40, 40);
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < gray.data.length; i++) gray.data[i] = 0.8 + 0.08 * (rand() - 0.5);
  for (let y = 10; y < 30; y++) for (let x = 18; x < 21; x++) gray.data[y * 40 + x] = 0.15;
  const box = inkBBox(grayToInk(gray));
  assert.deepEqual(box, { top: 10, left: 18, bottom: 30, right: 21 });
});

test('rgbaToGray : composé sur le fond demandé, luminance Rec. 601', () => {
  const rgba = Uint8ClampedArray.from([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 255, 0, 0, 255]);
  const g = rgbaToGray(rgba, 4, 1, 1).data;
  assert.equal(g[0], 0);
  assert.equal(g[1], 1);
  assert.equal(g[2], 1); // transparent → fond blanc
  assert.ok(Math.abs(g[3] - 0.299) < 1e-12);
  assert.equal(rgbaToGray(rgba, 4, 1, 0).data[2], 0); // transparent → fond noir
  const half = rgbaToGray(Uint8ClampedArray.from([255, 255, 255, 51]), 1, 1, 0).data[0];
  assert.ok(Math.abs(half - 0.2) < 1e-12); // 20 % de blanc sur du noir
});

/** Image RGBA w × h : fond (r, g, b, a), et une colonne d'encre (encre RGBA) au milieu. */
function rgbaWithColumn(w, h, background, ink, margin = 0) {
  const rgba = new Uint8ClampedArray(4 * w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inMargin = x < margin || y < margin || x >= w - margin || y >= h - margin;
      let px = inMargin ? [0, 0, 0, 0] : background;
      if (!inMargin && x >= w / 2 - 1 && x <= w / 2 && y >= margin + 3 && y < h - margin - 3) px = ink;
      rgba.set(px, 4 * (y * w + x));
    }
  }
  return rgba;
}

test('encre blanche sur fond transparent : composée sur noir, le trait est lu', () => {
  const rgba = rgbaWithColumn(30, 30, [0, 0, 0, 0], [255, 255, 255, 255]);
  assert.equal(compositeBackground(rgba, 30, 30), 0);
  const out = preprocess(grayToInk(rgbaToGray(rgba, 30, 30)));
  assert.notEqual(out, null);
  const box = inkBBox(makeImage(28, 28, Float64Array.from(out)));
  assert.equal(box.bottom - box.top, BOX); // la colonne, pas le fond, remplit la boîte
});

test('encre noire (ou colorée sombre) sur fond transparent : composée sur blanc', () => {
  for (const ink of [[0, 0, 0, 255], [20, 40, 120, 255], [0, 0, 0, 200]]) {
    const rgba = rgbaWithColumn(30, 30, [0, 0, 0, 0], ink);
    assert.equal(compositeBackground(rgba, 30, 30), 1, String(ink));
    const out = preprocess(grayToInk(rgbaToGray(rgba, 30, 30)));
    const box = inkBBox(makeImage(28, 28, Float64Array.from(out)));
    assert.equal(box.bottom - box.top, BOX, String(ink));
  }
});

test('papier opaque à marges transparentes : les marges prennent la couleur du papier', () => {
  // Papier clair, encre sombre : marges blanches.
  const light = rgbaWithColumn(40, 40, [235, 235, 235, 255], [10, 10, 10, 255], 4);
  assert.equal(compositeBackground(light, 40, 40), 1);
  // Tableau noir, craie blanche : marges noires.
  const dark = rgbaWithColumn(40, 40, [15, 15, 15, 255], [250, 250, 250, 255], 4);
  assert.equal(compositeBackground(dark, 40, 40), 0);
  for (const rgba of [light, dark]) {
    const out = preprocess(grayToInk(rgbaToGray(rgba, 40, 40)));
    const box = inkBBox(makeImage(28, 28, Float64Array.from(out)));
    assert.equal(box.bottom - box.top, BOX);
    assert.ok(box.right - box.left < 8, JSON.stringify(box)); // une colonne, pas un cadre
  }
});

test('une image sans transparence ou toute transparente : fond blanc, comme avant', () => {
  assert.equal(compositeBackground(rgbaWithColumn(10, 10, [0, 0, 0, 255], [255, 255, 255, 255]), 10, 10), 1);
  assert.equal(compositeBackground(new Uint8ClampedArray(4 * 25), 5, 5), 1);
});
