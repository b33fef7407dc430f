// Tests des générations de la démo : le dernier geste du lecteur gagne (node --test tests/js/).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Generations } from '../../docs/assets/demo/generation.js';

/** Un travail lent : résout après `ms` millisecondes. */
const after = (ms, value) => new Promise((resolve) => { setTimeout(() => resolve(value), ms); });

test('un fichier lent A puis un rapide B : B est gardé, A est abandonné', async () => {
  const gens = new Generations();
  const shown = [];
  const load = async (name, ms) => {
    const ticket = gens.next();
    const result = await after(ms, name);
    if (gens.isCurrent(ticket)) shown.push(result);
  };
  await Promise.all([load('A', 40), load('B', 5)]);
  assert.deepEqual(shown, ['B']);
});

test('un trait commencé pendant le décodage rend le décodage périmé', async () => {
  const gens = new Generations();
  const ticket = gens.next(); // un fichier est choisi
  const decoding = after(10, 'image');
  gens.next(); // le lecteur pose le stylo
  await decoding;
  assert.equal(gens.isCurrent(ticket), false);
});

test('sans autre geste, le travail reste d\'actualité', () => {
  const gens = new Generations();
  const ticket = gens.next();
  assert.equal(gens.isCurrent(ticket), true);
  assert.equal(gens.isCurrent(ticket - 1), false);
  assert.equal(gens.isCurrent(undefined), false);
});
