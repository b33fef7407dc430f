// Tests de la géométrie des traits (node --test tests/js/).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  BRUSH_RATIO, MIN_EXTENT, RENDER_SIZE, addPoint, brushWidth, clipStrokes, drawPath, drawStrokes, extentOf,
  isReadable, meaningfulStrokes, renderPlan, simplify, smoothPath, strokesBBox, transformPoint, undo,
} from '../../docs/assets/demo/strokes.js';

const close = (a, b, eps = 1e-9) => Math.abs(a - b) <= eps;

/** Contexte 2D factice : enregistre les appels et « peint » les points de passage. */
function recorder() {
  const calls = [];
  const ctx = { lineWidth: 4, strokeStyle: '#fff', fillStyle: '#000' };
  for (const m of ['beginPath', 'moveTo', 'lineTo', 'quadraticCurveTo', 'arc', 'stroke', 'fill']) {
    ctx[m] = (...args) => calls.push([m, ...args]);
  }
  return { ctx, calls };
}

test('BRUSH_RATIO vaut 0,13 (même valeur que digitlab.pad et digitlab.demo_model.strokes)', () => {
  assert.equal(BRUSH_RATIO, 0.13);
});

test('strokesBBox : boîte de tous les points, null sans point', () => {
  assert.equal(strokesBBox([]), null);
  assert.equal(strokesBBox([[]]), null);
  const box = strokesBBox([[[0.2, 0.3], [0.5, 0.1]], [[0.4, 0.9]]]);
  assert.deepEqual(box, { minX: 0.2, minY: 0.1, maxX: 0.5, maxY: 0.9, width: 0.3, height: 0.8 });
});

test('brushWidth : proportionnelle au plus grand côté, avec un minimum', () => {
  const tall = strokesBBox([[[0.1, 0.1], [0.2, 0.6]]]);
  assert.ok(close(brushWidth(tall), BRUSH_RATIO * 0.5));
  const wide = strokesBBox([[[0, 0], [0.8, 0.1]]]);
  assert.ok(close(brushWidth(wide), BRUSH_RATIO * 0.8));
  const dot = strokesBBox([[[0.5, 0.5]]]);
  assert.equal(extentOf(dot), MIN_EXTENT);
  assert.ok(close(brushWidth(dot), BRUSH_RATIO * MIN_EXTENT));
  assert.equal(extentOf(null), 0);
});

test('renderPlan : même rendu pour un chiffre petit ou grand, où qu\'il soit', () => {
  const small = [[[0.10, 0.10], [0.15, 0.30]], [[0.12, 0.2], [0.16, 0.2]]];
  const big = small.map((s) => s.map(([x, y]) => [0.3 + 3 * x, 0.05 + 3 * y]));
  const a = renderPlan(small), b = renderPlan(big);
  assert.equal(a.width, b.width);
  assert.equal(a.height, b.height);
  assert.ok(close(a.lineWidth, BRUSH_RATIO * RENDER_SIZE));
  assert.ok(close(b.lineWidth, BRUSH_RATIO * RENDER_SIZE));
  for (let i = 0; i < small.length; i++) {
    for (let j = 0; j < small[i].length; j++) {
      const pa = transformPoint(small[i][j], a), pb = transformPoint(big[i][j], b);
      assert.ok(close(pa[0], pb[0], 1e-9) && close(pa[1], pb[1], 1e-9));
    }
  }
});

test('renderPlan : le trait entier (bouts arrondis compris) tient dans la toile', () => {
  const strokes = [[[0.2, 0.1], [0.25, 0.8]], [[0.1, 0.5], [0.4, 0.5]]];
  const plan = renderPlan(strokes);
  const r = plan.lineWidth / 2;
  for (const s of strokes) {
    for (const p of s) {
      const [x, y] = transformPoint(p, plan);
      assert.ok(x - r >= 0 && y - r >= 0 && x + r <= plan.width && y + r <= plan.height);
    }
  }
  assert.ok(close(Math.max(plan.width, plan.height) - 2 * (Math.ceil(r) + 2), RENDER_SIZE, 1));
  assert.equal(renderPlan([]), null);
});

test('isReadable : un point ou un gribouillis minuscule ne se lit pas', () => {
  assert.equal(isReadable([]), false);
  assert.equal(isReadable([[[0.5, 0.5]]]), false);
  assert.equal(isReadable([[[0.5, 0.5], [0.51, 0.52]]]), false);
  assert.equal(isReadable([[[0.5, 0.2], [0.5, 0.6]]]), true);
});

test('addPoint et simplify écartent les points trop proches, gardent le dernier', () => {
  const s = [[0, 0]];
  assert.equal(addPoint(s, [0.0005, 0]), false);
  assert.equal(addPoint(s, [0.01, 0]), true);
  assert.equal(s.length, 2);
  const raw = [[0, 0], [0.0001, 0], [0.01, 0], [0.0101, 0], [0.0102, 0.0001]];
  const out = simplify(raw);
  assert.deepEqual(out[0], [0, 0]);
  assert.deepEqual(out[out.length - 1], [0.0102, 0.0001]);
  assert.equal(out.length, 2);
});

test('undo retire le dernier trait sans toucher l\'original', () => {
  const strokes = [[[0, 0], [1, 1]], [[0.5, 0.5]]];
  const after = undo(strokes);
  assert.equal(after.length, 1);
  assert.equal(strokes.length, 2);
  assert.deepEqual(undo([]), []);
});

test('smoothPath : courbes par les milieux, extrémités exactes', () => {
  const cmds = smoothPath([[0, 0], [10, 0], [10, 10], [0, 10]]);
  assert.deepEqual(cmds[0], ['move', 0, 0]);
  assert.deepEqual(cmds[1], ['quad', 10, 0, 10, 5]);
  assert.deepEqual(cmds[2], ['quad', 10, 10, 5, 10]);
  assert.deepEqual(cmds[3], ['line', 0, 10]);
  assert.deepEqual(smoothPath([[1, 2]]), [['dot', 1, 2]]);
  assert.deepEqual(smoothPath([[0, 0], [1, 1]]), [['move', 0, 0], ['line', 1, 1]]);
  assert.deepEqual(smoothPath([]), []);
  const t = smoothPath([[1, 1]], { scale: 2, offsetX: 3, offsetY: 4 });
  assert.deepEqual(t, [['dot', 5, 6]]);
});

test('drawPath / drawStrokes : un point devient un disque, un trait un chemin tracé', () => {
  const { ctx, calls } = recorder();
  drawPath(ctx, smoothPath([[5, 5]]));
  assert.deepEqual(calls.find((c) => c[0] === 'arc').slice(1, 4), [5, 5, 2]);
  assert.ok(calls.some((c) => c[0] === 'fill'));
  const rec = recorder();
  drawStrokes(rec.ctx, [[[0, 0], [1, 0], [1, 1]], [[2, 2], [3, 3]]], { scale: 10, offsetX: 0, offsetY: 0 });
  const names = rec.calls.map((c) => c[0]);
  assert.equal(names.filter((n) => n === 'stroke').length, 2);
  assert.deepEqual(rec.calls.find((c) => c[0] === 'quadraticCurveTo').slice(1), [10, 0, 10, 5]);
});

test('meaningfulStrokes écarte une tape isolée, sauf si le dessin n\'a que ça', () => {
  const one = [[0.5, 0.2], [0.5, 0.7]];
  const tap = [[0.9, 0.95]];
  const tinyWiggle = [[0.1, 0.1], [0.105, 0.102]];
  assert.deepEqual(meaningfulStrokes([one, tap, tinyWiggle]), [one]);
  assert.deepEqual(strokesBBox(meaningfulStrokes([tap, one])), strokesBBox([one]));
  assert.deepEqual(meaningfulStrokes([tap]), [tap]);
  assert.deepEqual(meaningfulStrokes([[], tap]), [tap]);
  const bar = [[0.3, 0.5], [0.6, 0.5]]; // la barre d'un 7 n'est pas une tape
  assert.equal(meaningfulStrokes([one, bar]).length, 2);
});

/** Compare deux dessins point à point, à 1e-12 près. */
function sameDrawing(a, b) {
  assert.equal(a.length, b.length, JSON.stringify(a));
  a.forEach((s, i) => {
    assert.equal(s.length, b[i].length, JSON.stringify(a));
    s.forEach((p, j) => assert.ok(close(p[0], b[i][j][0], 1e-12) && close(p[1], b[i][j][1], 1e-12), JSON.stringify(a)));
  });
}

test('clipStrokes : un trait qui sort du pad et y revient devient deux traits, coupés au bord', () => {
  const out = clipStrokes([[[0.5, 0.5], [1.5, 0.5], [1.5, 0.8], [0.5, 0.8]]], 1, 1);
  sameDrawing(out, [[[0.5, 0.5], [1, 0.5]], [[1, 0.8], [0.5, 0.8]]]);
});

test('clipStrokes : dedans, rien ne change ; dehors, rien ne reste', () => {
  const inside = [[[0.1, 0.1], [0.5, 0.9], [0.9, 0.2]], [[0.3, 0.3]]];
  sameDrawing(clipStrokes(inside, 1, 1), inside);
  assert.deepEqual(clipStrokes([[[1.2, 0.5], [1.8, 0.1], [1.3, -0.4]], [[-0.1, 0.5]]], 1, 1), []);
  assert.deepEqual(clipStrokes([], 1, 1), []);
  assert.deepEqual(clipStrokes([[]], 1, 1), []);
});

test('clipStrokes : un segment qui traverse le pad de part en part, points hors du pad', () => {
  sameDrawing(clipStrokes([[[-1, 0.5], [2, 0.5]]], 1, 1), [[[0, 0.5], [1, 0.5]]]);
  sameDrawing(clipStrokes([[[0.5, -1], [0.5, 3]]], 1, 1.5), [[[0.5, 0], [0.5, 1.5]]]);
  // Une diagonale qui ne fait que frôler le coin : un seul point, gardé comme un point.
  sameDrawing(clipStrokes([[[0.5, 1.5], [1.5, 0.5]]], 1, 1), [[[1, 1]]]);
});

test('clipStrokes : un pad plus haut que large garde ce qui est sous y = 1', () => {
  const s = [[[0.5, 0.5], [0.5, 1.4], [0.5, 1.8]]];
  sameDrawing(clipStrokes(s, 1, 1.5), [[[0.5, 0.5], [0.5, 1.4], [0.5, 1.5]]]);
});

test('clipStrokes : tout ce qui reste est dans le pad, et l\'original n\'est pas modifié', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 0.5; // de -0,5 à 1,5
  const strokes = Array.from({ length: 30 }, () => Array.from({ length: 12 }, () => [rand(), rand()]));
  const copy = JSON.stringify(strokes);
  const out = clipStrokes(strokes, 1, 1);
  assert.equal(JSON.stringify(strokes), copy);
  assert.ok(out.length > 0);
  for (const s of out) {
    assert.ok(s.length > 0);
    for (const [x, y] of s) assert.ok(x >= 0 && x <= 1 && y >= 0 && y <= 1, `${x}, ${y}`);
  }
});
