// Mélange, mini-lots, codage « un parmi dix » et exactitude (docs/assets/labs/train/batches.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  accuracyFromProbabilities, batchRanges, gatherBatch, mulberry32, oneHot, shuffledIndices,
} from '../../docs/assets/labs/train/batches.js';

test('mulberry32 : même graine, même suite ; dans [0, 1) ; à peu près uniforme', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const c = mulberry32(43);
  const xs = Array.from({ length: 10000 }, () => a());
  assert.deepEqual(Array.from({ length: 10000 }, () => b()), xs);
  assert.notDeepEqual(Array.from({ length: 5 }, () => c()), xs.slice(0, 5));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `moyenne ${mean}`);
  const firstDecile = xs.filter((x) => x < 0.1).length / xs.length;
  assert.ok(Math.abs(firstDecile - 0.1) < 0.015, `premier décile ${firstDecile}`);
});

test('shuffledIndices : une permutation, reproductible, différente selon la graine', () => {
  const order = shuffledIndices(1000, 7);
  assert.deepEqual(Array.from(order).sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
  assert.deepEqual(shuffledIndices(1000, 7), order);
  assert.notDeepEqual(shuffledIndices(1000, 8), order);
  const fixed = Array.from(order).filter((v, i) => v === i).length;
  assert.ok(fixed < 10, `${fixed} éléments restés en place : ce n'est pas mélangé`);
});

test('shuffledIndices : chaque position reçoit chaque valeur à peu près aussi souvent', () => {
  const counts = Array.from({ length: 4 }, () => new Array(4).fill(0));
  for (let seed = 0; seed < 4000; seed += 1) shuffledIndices(4, seed).forEach((v, i) => { counts[i][v] += 1; });
  for (const row of counts) for (const c of row) assert.ok(Math.abs(c - 1000) < 120, JSON.stringify(counts));
});

test('batchRanges couvre tout, dans l\'ordre, le dernier lot plus court', () => {
  assert.deepEqual(batchRanges(10, 4), [[0, 4], [4, 8], [8, 10]]);
  assert.deepEqual(batchRanges(8, 4), [[0, 4], [4, 8]]);
  assert.deepEqual(batchRanges(0, 4), []);
  assert.throws(() => batchRanges(10, 0), RangeError);
});

test('gatherBatch copie les bonnes images et étiquettes', () => {
  const pixels = 3;
  const images = Float32Array.from({ length: 5 * pixels }, (_, i) => i);
  const labels = Uint8Array.from([9, 8, 7, 6, 5]);
  const order = Uint32Array.from([4, 0, 2, 1, 3]);
  const batch = gatherBatch(images, labels, pixels, order, 1, 4);
  assert.equal(batch.size, 3);
  assert.deepEqual(Array.from(batch.labels), [9, 7, 8]);
  assert.deepEqual(Array.from(batch.x), [0, 1, 2, 6, 7, 8, 3, 4, 5]);
});

test('oneHot et accuracyFromProbabilities', () => {
  assert.deepEqual(Array.from(oneHot([2, 0], 3)), [0, 0, 1, 1, 0, 0]);
  const probs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6]);
  assert.equal(accuracyFromProbabilities(probs, [1, 0, 0], 3), 2 / 3);
  assert.equal(accuracyFromProbabilities(new Float32Array(0), [], 3), 0);
});
