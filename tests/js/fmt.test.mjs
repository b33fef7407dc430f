// Les nombres et les espaces à la française (docs/assets/demo/fmt.js). Le jumeau Python est
// comparé sur les mêmes cas par tests/test_fmt_parity.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  formatCount, formatDecimal, formatInteger, formatList, formatMilliseconds, formatNumber, formatPercent, frenchSpaces,
  percent, pluralForm,
} from '../../docs/assets/demo/fmt.js';

test('les nombres ont la virgule décimale et le vrai signe moins', () => {
  assert.equal(formatDecimal(0.07153), '0,0715');
  assert.equal(formatDecimal(-0.25, 2), '\u22120,25');
  assert.equal(formatDecimal(0.17, 2, true), '+0,17');
  assert.equal(formatDecimal(-0.001, 2), '0,00'); // jamais « −0,00 »
  assert.equal(formatNumber(0.002), '0,002');
  assert.equal(formatNumber(2), '2');
});

test('les milliers et les pourcentages', () => {
  assert.equal(formatInteger(17190), '17\u202f190');
  assert.equal(formatInteger(1234567), '1\u202f234\u202f567');
  assert.equal(formatInteger(-999), '\u2212999');
  assert.equal(formatPercent(0.9771), '97,7\u00a0%');
  assert.equal(percent(0.984), '98\u202f%');
  assert.equal(percent(0.001), '<\u202f1\u202f%');
  assert.equal(percent(0), '0\u202f%');
  assert.equal(percent(0.997), '>\u202f99\u202f%'); // pas « 100 % » : le réseau n'est pas certain
  assert.equal(percent(1), '100\u202f%');
  assert.equal(formatMilliseconds(1234.5), '1\u202f235\u202fms');
});

test('les espaces insécables avant la ponctuation haute et dans les guillemets', () => {
  assert.equal(frenchSpaces('Pourquoi ? Voilà : « oui » ; non !'),
    'Pourquoi\u202f? Voilà\u00a0: «\u202foui\u202f»\u202f; non\u202f!');
  assert.equal(frenchSpaces('«mot»'), '«\u202fmot\u202f»');
  assert.equal(frenchSpaces('http://exemple.org/?a=1 12:30'), 'http://exemple.org/?a=1 12:30');
});

test('les mots s\'accordent au nombre, à la française', () => {
  assert.equal(formatCount(0, 'erreur'), '0 erreur');
  assert.equal(formatCount(1, 'chiffre'), '1 chiffre');
  assert.equal(formatCount(2, 'chiffre'), '2 chiffres');
  assert.equal(formatCount(17190, 'image'), '17\u202f190 images');
  assert.equal(formatCount(3, 'autre case', 'autres cases'), '3 autres cases');
  assert.equal(pluralForm(1, 'époque'), 'époque');
  assert.equal(pluralForm(4, 'époque'), 'époques');
});

test('les listes : des virgules, puis « et » avant le dernier', () => {
  assert.equal(formatList([]), '');
  assert.equal(formatList(['15 %']), '15 %');
  assert.equal(formatList(['15 %', '8 %', '5 %', '3 %']), '15 %, 8 %, 5 % et 3 %');
});
