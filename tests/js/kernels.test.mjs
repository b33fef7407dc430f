// Tests des noyaux prédéfinis et de l'écriture des valeurs (docs/assets/labs/kernels.js).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  KERNELS, SIZES, formatKernelValue, parseKernelValue, presetKernel, resizeKernel,
} from '../../docs/assets/labs/kernels.js';

const PYTHON = JSON.parse(readFileSync(new URL('../fixtures/conv/kernels.json', import.meta.url), 'utf8'));

test('les noyaux prédéfinis sont ceux de digitlab.conv.KERNELS', () => {
  assert.deepEqual(Object.keys(KERNELS).sort(), Object.keys(PYTHON).sort());
  for (const [name, spec] of Object.entries(PYTHON)) {
    assert.equal(KERNELS[name].label, spec.label);
    for (const size of SIZES) {
      const js = presetKernel(name, size);
      const py = spec.sizes[String(size)];
      js.forEach((row, i) => row.forEach((v, j) => {
        assert.ok(Math.abs(v - py[i][j]) < 1e-15, `${name} ${size} × ${size} [${i}][${j}] : ${v} ≠ ${py[i][j]}`);
      }));
    }
  }
});

test('le laplacien 3 × 3 : 8 au milieu, −1 autour', () => {
  assert.deepEqual(presetKernel('laplacian', 3), [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]);
});

test('une valeur affichée se relit exactement (chaque case de chaque noyau)', () => {
  for (const name of Object.keys(KERNELS)) {
    for (const size of SIZES) {
      for (const v of presetKernel(name, size).flat()) {
        assert.equal(parseKernelValue(formatKernelValue(v)), v, `${name} : ${formatKernelValue(v)}`);
      }
    }
  }
  for (const v of [0.35, -1.5, 1 / 3, -2 / 7, 0.123456789, 12.5, 1e-7]) {
    const back = parseKernelValue(formatKernelValue(v));
    assert.ok(Math.abs(back - v) <= 1e-6 * Math.max(1, Math.abs(v)), `${v} → ${formatKernelValue(v)} → ${back}`);
  }
});

test('écriture à la française', () => {
  assert.equal(formatKernelValue(-1), '\u22121');
  assert.equal(formatKernelValue(0.5), '0,5');
  assert.equal(formatKernelValue(1 / 9), '1/9');
  assert.equal(formatKernelValue(-1 / 25), '\u22120,04');
  assert.equal(formatKernelValue(49 / 25), '1,96');
});

test('lecture de ce que tape le lecteur', () => {
  const ok = { '2': 2, ' -1 ': -1, '\u22121': -1, '0,5': 0.5, '0.5': 0.5, '-,5': -0.5, '1/9': 1 / 9, '−1/8': -1 / 8, '+3': 3, '1,5/3': 0.5 };
  for (const [text, value] of Object.entries(ok)) assert.equal(parseKernelValue(text), value, text);
  for (const text of ['', 'abc', '1/0', '1/2/3', '1e3', '--1', '0,5,2', '1 2']) {
    assert.equal(parseKernelValue(text), null, `« ${text} » n'est pas un nombre`);
  }
});

test('changer la taille d\'un noyau garde son centre', () => {
  const k3 = presetKernel('laplacian', 3);
  const k5 = resizeKernel(k3, 5);
  assert.deepEqual(k5[0], [0, 0, 0, 0, 0]);
  assert.deepEqual(k5[2], [0, -1, 8, -1, 0]);
  assert.deepEqual(resizeKernel(k5, 3), k3);
  assert.throws(() => presetKernel('laplacian', 7), /existe en 3 × 3 et 5 × 5/);
});
