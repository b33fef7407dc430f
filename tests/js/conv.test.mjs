// Tests du module des labos docs/assets/labs/conv.js (node --test tests/js/).
// Les fixtures (tests/fixtures/conv/) viennent du jumeau Python, digitlab/conv.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  LabError, changeRatio, conv2d, explainConv, explainPool, maxAbs, outputSize, paddingAmounts,
  pool2d, relu, shapeOf, shift, toRows,
} from '../../docs/assets/labs/conv.js';

const FIXTURES = new URL('../fixtures/conv/', import.meta.url);
const load = (name) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
const TOLERANCE = 1e-9;

function assertClose(got, expected, what) {
  assert.equal(got.length, expected.length, `${what} : ${got.length} lignes au lieu de ${expected.length}`);
  got.forEach((row, i) => {
    assert.equal(row.length, expected[i].length, `${what} : ligne ${i}`);
    row.forEach((v, j) => {
      assert.ok(Math.abs(v - expected[i][j]) <= TOLERANCE, `${what} [${i}][${j}] : ${v} au lieu de ${expected[i][j]}`);
    });
  });
}

test('tailles de sortie et marges : comme Python (règles de TensorFlow)', () => {
  const cases = load('sizes.json');
  assert.ok(cases.length > 100);
  for (const c of cases) {
    assert.equal(outputSize(c.n, c.k, c.stride, c.padding), c.size, JSON.stringify(c));
    assert.deepEqual(paddingAmounts(c.n, c.k, c.stride, c.padding), c.pad, JSON.stringify(c));
  }
});

test('tailles calculées à la main', () => {
  assert.equal(outputSize(28, 5), 24);
  assert.equal(outputSize(28, 5, 1, 'same'), 28);
  assert.equal(outputSize(28, 3, 2), 13);
  assert.equal(outputSize(28, 3, 2, 'same'), 14);
  assert.deepEqual(paddingAmounts(5, 4, 1, 'same'), [1, 2]); // le pixel en trop va après
});

test('convolution : chaque cas des fixtures, sortie et pixels expliqués', () => {
  const { inputs, cases } = load('conv.json');
  assert.ok(cases.length >= 50);
  for (const c of cases) {
    const options = { stride: c.stride, padding: c.padding, relu: c.relu };
    const image = inputs[c.input];
    assertClose(conv2d(image, c.kernel, options), c.expected, c.name);
    for (const e of c.explain) {
      const got = explainConv(image, c.kernel, e.row, e.col, options);
      assert.equal(got.top, e.top, `${c.name} (${e.row}, ${e.col}) : haut`);
      assert.equal(got.left, e.left, `${c.name} (${e.row}, ${e.col}) : gauche`);
      assertClose(got.values, e.values, `${c.name} fenêtre`);
      assertClose(got.products, e.products, `${c.name} produits`);
      assert.ok(Math.abs(got.sum - e.sum) <= TOLERANCE);
      assert.ok(Math.abs(got.value - c.expected[e.row][e.col]) <= TOLERANCE, `${c.name} valeur expliquée`);
    }
  }
});

test('pooling : chaque cas des fixtures, sortie et pixels expliqués', () => {
  const { inputs, cases } = load('pool.json');
  assert.ok(cases.length >= 30);
  for (const c of cases) {
    const options = { kind: c.kind, window: c.window, stride: c.stride };
    assertClose(pool2d(inputs[c.input], options), c.expected, c.name);
    for (const e of c.explain) {
      const got = explainPool(inputs[c.input], e.row, e.col, options);
      assert.deepEqual([got.top, got.left], [e.top, e.left], c.name);
      assertClose(got.values, e.values, `${c.name} fenêtre`);
      assert.ok(Math.abs(got.value - e.value) <= TOLERANCE, `${c.name} valeur`);
    }
  }
});

test('décalage et rapport de changement : comme Python', () => {
  const { inputs, cases } = load('shift.json');
  for (const c of cases) {
    const moved = shift(inputs[c.input], c.dy, c.dx);
    assertClose(moved, c.expected, c.name);
    assert.ok(Math.abs(changeRatio(inputs[c.input], moved) - c.change) <= TOLERANCE, c.name);
    const pooled = changeRatio(pool2d(inputs[c.input]), pool2d(moved));
    assert.ok(Math.abs(pooled - c.pooled_change) <= TOLERANCE, c.name);
  }
});

test('le noyau n\'est pas retourné (corrélation croisée, comme Keras)', () => {
  const image = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
  assert.deepEqual(conv2d(image, [[1, 0], [0, 0]]), [[0, 1], [3, 4]]);
});

test('ReLU : ne garde que le positif, dans conv2d comme à part', () => {
  const image = [[1, 0, 0], [0, 0, 0], [0, 0, 0]];
  const kernel = [[0, 0, 0], [0, -1, 0], [0, 0, 0]];
  assert.deepEqual(conv2d(image, kernel, { padding: 'same' })[0][0], -1);
  assert.deepEqual(conv2d(image, kernel, { padding: 'same', relu: true })[0][0], 0);
  assert.deepEqual(relu([[-2, 3]]), [[0, 3]]);
  assert.equal(explainConv(image, kernel, 0, 0, { padding: 'same', relu: true }).sum, -1);
  assert.equal(explainConv(image, kernel, 0, 0, { padding: 'same', relu: true }).value, 0);
});

test('pooling à la main sur une grille 4 × 4', () => {
  const grid = [[1, 3, 2, 0], [4, 2, 1, 1], [0, 1, 5, 6], [2, 2, 7, 8]];
  assert.deepEqual(pool2d(grid, { kind: 'max' }), [[4, 2], [2, 8]]);
  assert.deepEqual(pool2d(grid, { kind: 'average' }), [[2.5, 1], [1.25, 6.5]]);
  assert.deepEqual(pool2d(grid, { kind: 'l2' }), [[Math.sqrt(30), Math.sqrt(6)], [3, Math.sqrt(174)]]);
  assert.deepEqual(explainPool(grid, 1, 1, { kind: 'max' }).values, [[5, 6], [7, 8]]);
});

test('messages d\'erreur en français', () => {
  const image = [[0, 0, 0], [0, 0, 0]];
  assert.throws(() => conv2d(image, [[1, 1, 1], [1, 1, 1], [1, 1, 1]]), (e) => e instanceof LabError && /plus grand que l'entrée/.test(e.message));
  assert.throws(() => conv2d(image, [[1]], { padding: 'full' }), /Marge inconnue « full »/);
  assert.throws(() => conv2d(image, [[1]], { stride: 0 }), /Le pas doit être un entier/);
  assert.throws(() => pool2d(image, { kind: 'min' }), /Pooling inconnu « min »/);
  assert.throws(() => shapeOf([[1, 2], [3]]), /pas rectangulaire : toutes ses lignes doivent avoir 2 valeurs\./);
  assert.throws(() => outputSize(1, 3), /Le noyau \(3 pixels\) est plus grand que l'entrée \(1 pixel\)/);
  assert.throws(() => shapeOf([]), /vide/);
  assert.throws(() => shapeOf([[1, NaN]]), /nombre fini/);
  assert.throws(() => explainConv(image, [[1]], 2, 0), /La ligne 2 est hors de la carte de sortie \(2 × 3\)/);
  assert.throws(() => changeRatio([[1]], [[1, 2]]), /pas la même taille/);
});

test('utilitaires : toRows, maxAbs', () => {
  assert.deepEqual(toRows(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3), [[1, 2, 3], [4, 5, 6]]);
  assert.throws(() => toRows([1, 2, 3], 2, 2), /3 valeurs pour une carte de 2 × 2/);
  assert.throws(() => toRows([1], 2, 2), (e) => e.message === '1 valeur pour une carte de 2 × 2.'); // singulier
  assert.throws(() => shapeOf([[1], [2, 3]]), /doivent avoir 1 valeur\./);
  assert.equal(maxAbs([[1, -3], [2, 0]]), 3);
});
