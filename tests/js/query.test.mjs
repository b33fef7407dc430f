// Ce que tape le lecteur, tel que la recherche le lit (overrides/assets/javascripts/query.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { straightApostrophes } from '../../overrides/assets/javascripts/query.js';

test('les apostrophes courbes des téléphones deviennent l\'apostrophe droite du site', () => {
  assert.equal(straightApostrophes('d\u2019apprentissage'), 'd\'apprentissage');
  assert.equal(straightApostrophes('l\u2018entropie aujourd\u02bchui qu\u2032est'), 'l\'entropie aujourd\'hui qu\'est');
});

test('le reste de la requête ne change pas, ni sa longueur (le curseur reste à sa place)', () => {
  for (const text of ['réseau', 'd\'apprentissage', '« taux »', '', 'np.argmax', 'a\u2019b\u2019c']) {
    assert.equal(straightApostrophes(text).length, text.length);
  }
  assert.equal(straightApostrophes('réseau « taux »'), 'réseau « taux »');
  assert.equal(straightApostrophes('d\'apprentissage'), 'd\'apprentissage');
});
