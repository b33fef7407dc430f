// Les mots proposés quand une recherche mal tapée ne trouve rien (overrides/assets/javascripts/suggest.js).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  allowedTypos, createSuggester, editDistance, fold,
} from '../../overrides/assets/javascripts/suggest.js';

const FOLD_CASES = JSON.parse(readFileSync(new URL('../fixtures/search/fold.json', import.meta.url), 'utf8')).cases;

// Un petit vocabulaire, comme l'écrit sitetools.search_index.vocabulary : [mot, occurrences, sans accents?].
const VOCABULARY = {
  words: [
    ['réseau', 284, 'reseau'], ['convolution', 90], ['apprentissage', 60], ['convolutions', 12],
    ['perceptron', 30], ['perceptrons', 3], ['rétropropagation', 25, 'retropropagation'], ['pooling', 40],
    ['gradient', 50], ['gardant', 1], ['cœur', 2, 'coeur'], ['avec', 338], ['perspective', 4],
  ],
};
const { suggest } = createSuggester(VOCABULARY);

test('fold retire accents et cédilles comme le jumeau Python', () => {
  for (const [text, folded] of FOLD_CASES) assert.equal(fold(text), folded, text);
});

test('distance d\'édition : ajout, retrait, substitution, deux lettres voisines inversées', () => {
  assert.equal(editDistance('convoluton', 'convolution'), 1);
  assert.equal(editDistance('convolution', 'convoluton'), 1);
  assert.equal(editDistance('perseptron', 'perceptron'), 1);
  assert.equal(editDistance('cnovolution', 'convolution'), 1); // inversion
  assert.equal(editDistance('gradiant', 'gradient'), 1);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  // Au-delà de la limite, le calcul s'arrête : limite + 1.
  assert.equal(editDistance('kitten', 'sitting', 1), 2);
  assert.equal(editDistance('a', 'abcdef', 2), 3);
});

test('les fautes tolérées grandissent avec le mot', () => {
  assert.deepEqual([3, 4, 7, 8, 15].map(allowedTypos), [0, 1, 1, 2, 2]);
});

test('un mot mal tapé reçoit les mots proches, le plus proche et le plus fréquent d\'abord', () => {
  assert.deepEqual(suggest('convoluton'), ['convolution', 'convolutions']);
  assert.deepEqual(suggest('perseptron'), ['perceptron', 'perceptrons']);
  assert.deepEqual(suggest('gradiant', 1), ['gradient']);
  // « gardant » est à deux fautes de « gradiant » : il ne vient pas après « gradient », à une faute.
  assert.deepEqual(suggest('gradiant'), ['gradient']);
  assert.deepEqual(suggest('gradaint'), ['gradient', 'gardant']); // ici, tous deux à deux fautes
});

test('accents et majuscules ne comptent pas ; on propose le mot tel que le site l\'écrit', () => {
  assert.deepEqual(suggest('retropropagaton'), ['rétropropagation']);
  assert.deepEqual(suggest('Rétroprogation'), ['rétropropagation']);
  assert.deepEqual(suggest('coeurr'), ['cœur']);
});

test('un mot pas fini de taper se compare au début des mots du site', () => {
  assert.deepEqual(suggest('persept')[0], 'perceptron');
  assert.deepEqual(suggest('aprentis'), ['apprentissage']);
});

test('seuls les mots inconnus sont corrigés, et le reste de la recherche est gardé', () => {
  assert.deepEqual(suggest("taux d'aprentissage"), ["taux d'apprentissage"]);
  assert.deepEqual(suggest('convoluton  perseptron'), ['convolution  perceptron']);
  // « réseau » trouve des résultats, mais pas la convolution : on corrige le mot inconnu, on garde l'autre.
  assert.deepEqual(suggest('réseau convoluton')[0], 'réseau convolution');
});

test('rien à proposer : mot connu ou début de mot connu, mot trop court, nombre, ou rien d\'assez proche', () => {
  assert.deepEqual(suggest('convolution'), []);
  assert.deepEqual(suggest('convol'), []);
  assert.deepEqual(suggest('reseau'), []); // sans accents : connu aussi
  assert.deepEqual(suggest('pol'), []);
  assert.deepEqual(suggest('2024'), []);
  assert.deepEqual(suggest('xqzwvk'), []);
  assert.deepEqual(suggest(''), []);
  assert.deepEqual(suggest('   '), []);
});
