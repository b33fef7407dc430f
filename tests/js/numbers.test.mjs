// Tests de docs/assets/labs/numbers.js : les nombres des labos à la française.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { factor, formatNumber, formatPercent } from '../../docs/assets/labs/numbers.js';

test('virgule décimale et vrai signe moins', () => {
  assert.equal(formatNumber(-0.254), '\u22120,25');
  assert.equal(formatNumber(1.5, 1), '1,5');
  assert.equal(formatNumber(3, 0), '3');
  assert.equal(formatNumber(-0.001), '0,00'); // pas de « −0,00 »
});

test('pourcentages et facteurs', () => {
  assert.equal(formatPercent(0.234), '23\u202f%');
  assert.equal(formatPercent(0.2346, 1), '23,5\u202f%');
  assert.equal(factor(-1, 0), '(\u22121)');
  assert.equal(factor(0.5), '0,50');
  assert.equal(factor(-0.001), '0,00');
});
