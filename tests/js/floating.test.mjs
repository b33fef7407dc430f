// Tests du chevauchement bouton flottant / pad (node --test tests/js/) : floating.js est pur.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PAD_MARGIN, coversAnyPad } from '../../docs/assets/demo/floating.js';

const rect = (left, top, width, height) => ({ left, top, right: left + width, bottom: top + height });
// Un téléphone de 390 px : le pad fait 332 px de côté ; le bouton « Retour en haut » de Material
// est centré, 195 × 56 px, à 64 px du haut de l'écran.
const button = rect(97.5, 64, 195, 56);

test('le bouton sur le haut du pad le couvre', () => {
  assert.equal(coversAnyPad(button, [rect(29, 44, 332, 332)]), true);
});

test('un pad plus bas, ou déjà sorti par le haut, n\'est pas couvert', () => {
  assert.equal(coversAnyPad(button, [rect(29, 300, 332, 332)]), false);
  assert.equal(coversAnyPad(button, [rect(29, -400, 332, 332)]), false);
});

test('la marge compte : un pad à quelques pixels sous le bouton est couvert', () => {
  const below = (gap) => [rect(29, button.bottom + gap, 332, 332)];
  assert.equal(coversAnyPad(button, below(PAD_MARGIN - 1)), true);
  assert.equal(coversAnyPad(button, below(PAD_MARGIN + 1)), false);
  assert.equal(coversAnyPad(button, below(PAD_MARGIN - 1), 0), false);
});

test('plusieurs pads : il suffit d\'un seul ; un côté à côté, sur un grand écran, ne l\'est pas', () => {
  assert.equal(coversAnyPad(button, [rect(29, 600, 332, 332), rect(29, 0, 332, 200)]), true);
  assert.equal(coversAnyPad(rect(500, 64, 195, 56), [rect(29, 0, 332, 332)]), false);
});

test('un bouton ou un pad sans taille (display: none) ne couvre rien', () => {
  assert.equal(coversAnyPad(rect(0, 0, 0, 0), [rect(0, 0, 332, 332)]), false);
  assert.equal(coversAnyPad(button, [rect(0, 0, 0, 0)]), false);
  assert.equal(coversAnyPad(null, [rect(29, 44, 332, 332)]), false);
  assert.equal(coversAnyPad(button, []), false);
});
