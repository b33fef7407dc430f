// Tests des phrases de la démo pour un nombre (node --test tests/js/) : view.js n'utilise le DOM
// que dans ses fonctions d'affichage ; celles-ci sont pures.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  PAD_HELP, PHOTO_HINT, describe, describeAll, numberOf, ordinal, resultText, showPhotoHint, usePadHelp,
} from '../../docs/assets/demo/view.js';

const sure = (d, p = 0.97) => Float32Array.from({ length: 10 }, (_, k) => (k === d ? p : (1 - p) / 9));
const unsure = (d1, d2) => Float32Array.from({ length: 10 }, (_, k) => (k === d1 ? 0.5 : k === d2 ? 0.3 : 0.025));
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

test('ordinal : 1er, 2e, 3e…', () => {
  assert.deepEqual([1, 2, 3, 10].map(ordinal), ['1er', '2e', '3e', '10e']);
});

test('numberOf : les chiffres les plus probables, de gauche à droite', () => {
  assert.equal(numberOf([sure(2), sure(0), sure(2), sure(4)]), '2024');
  assert.equal(numberOf([]), '');
});

test('describeAll : un chiffre, comme avant ; un nombre sûr ; un nombre où le réseau hésite', () => {
  assert.equal(describeAll([sure(7)]), describe(sure(7)));
  assert.equal(plain(describeAll([sure(1), sure(9, 0.8)])),
    'Le réseau lit le nombre 19 (2 chiffres, confiance la plus faible : 80 %).');
  assert.equal(plain(describeAll([sure(1, 0.999), sure(9, 0.998)])),
    'Le réseau lit le nombre 19 (2 chiffres, confiance la plus faible : > 99 %).');
  assert.equal(plain(describeAll([sure(1), unsure(7, 1), sure(8)])),
    'Le réseau lit plutôt le nombre 178, mais il hésite sur le 2e chiffre : plutôt un 7 (50 %), peut-être un 1 (30 %).');
});

test('resultText : ce que lit un lecteur d\'écran dans l\'encadré, chiffre compris', () => {
  assert.equal(plain(resultText(null)), 'Chiffre lu : aucun');
  assert.equal(plain(resultText([])), 'Chiffre lu : aucun');
  assert.equal(plain(resultText([sure(7, 0.98)])), 'Chiffre lu : 7, confiance 98 %');
  assert.equal(plain(resultText([sure(2), sure(0), sure(2), sure(4)], 1)),
    'Nombre lu : 2024, 2e chiffre : 0, confiance 97 %');
  assert.ok(resultText([sure(7)]).includes('lu\u00a0:'), 'espace insécable avant « : »');
});

test('usePadHelp : l\'aide au clavier du pad suit ce qu\'il montre (dessin ou photo)', () => {
  const attrs = {};
  const ui = {
    pad: { setAttribute: (k, v) => { attrs[k] = v; } },
    help: { id: 'd-help' },
    photoHint: { id: 'd-photohint' },
  };
  usePadHelp(ui, true);
  assert.equal(attrs['aria-describedby'], 'd-photohint');
  usePadHelp(ui, false);
  assert.equal(attrs['aria-describedby'], 'd-help');
});

test('PAD_HELP : l\'aide au clavier du dessin, partagée par la démo et les laboratoires', () => {
  assert.match(PAD_HELP, /Espace ou Entrée pose ou lève le stylo/);
});

test('showPhotoHint : l\'aide de la photo ne parle du cadre orange que s\'il est dessiné', () => {
  const ui = { photoHint: { textContent: '', hidden: true } };
  showPhotoHint(ui, true);
  assert.equal(ui.photoHint.hidden, false);
  assert.match(plain(ui.photoHint.textContent), /^Le cadre orange montre la zone lue\./);
  showPhotoHint(ui, false);
  assert.doesNotMatch(ui.photoHint.textContent, /cadre orange/);
  assert.match(plain(ui.photoHint.textContent), /aucune écriture .* faites glisser un rectangle autour de lui/);
  // Espaces fines insécables avant « ; » et dans les guillemets : le texte passe par frenchSpaces.
  assert.match(ui.photoHint.textContent, /\u202f;/);
  assert.match(ui.photoHint.textContent, /«\u202fEffacer\u202f»/);
  assert.deepEqual(Object.keys(PHOTO_HINT), ['framed', 'unframed']);
});
