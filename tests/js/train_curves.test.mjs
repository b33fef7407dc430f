// Journal et tracés des courbes d'entraînement (docs/assets/labs/train/curves.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TrainingLog, movingAverage, niceCeiling, svgPath } from '../../docs/assets/labs/train/curves.js';

test('movingAverage : moyenne des `window` dernières valeurs', () => {
  assert.deepEqual(movingAverage([2, 4, 6, 8], 2), [2, 3, 5, 7]);
  assert.deepEqual(movingAverage([1, 2, 3], 10), [1, 1.5, 2]);
  assert.deepEqual(movingAverage([], 3), []);
});

test('TrainingLog : position des lots en époques, points de test par époque', () => {
  const log = new TrainingLog(4);
  for (let i = 0; i < 8; i += 1) log.addBatch(2 - i * 0.2, i / 8);
  log.addEpoch(1, 0.8, 3.2);
  log.addEpoch(2, 0.9, 3.1);
  const s = log.series(1);
  assert.equal(s.loss.length, 8);
  assert.deepEqual(s.loss[0], [0.25, 2]);
  assert.deepEqual(s.loss[7].map((v) => Number(v.toFixed(6))), [2, 0.6]);
  assert.deepEqual(s.test, [[1, 0.8], [2, 0.9]]);
});

test('svgPath : met les points à l\'échelle, y vers le haut, valeurs ramenées au bord', () => {
  const box = { width: 100, height: 50, xMax: 2, yMin: 0, yMax: 1 };
  assert.equal(svgPath([], box), '');
  assert.equal(svgPath([[0, 0], [1, 0.5], [2, 1]], box), 'M0.0 50.0 L50.0 25.0 L100.0 0.0');
  assert.equal(svgPath([[3, 2], [-1, -1]], box), 'M100.0 0.0 L0.0 50.0');
});

test('niceCeiling : un plafond rond au-dessus de la valeur', () => {
  assert.equal(niceCeiling(2.3), 2.5);
  assert.equal(niceCeiling(0.42), 0.5);
  assert.equal(niceCeiling(7), 10);
  assert.equal(niceCeiling(1), 1);
  assert.equal(niceCeiling(0), 1);
});
