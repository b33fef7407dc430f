// Tests du moteur de calcul dit en mots (docs/assets/demo/backend.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { describeBackend } from '../../docs/assets/demo/backend.js';

test('describeBackend : les trois moteurs de la démo, en français', () => {
  assert.equal(describeBackend('wasm'), 'calcul en WebAssembly sur le processeur');
  assert.equal(describeBackend('cpu'), 'calcul en JavaScript sur le processeur');
  assert.equal(describeBackend('webgl'), 'calcul WebGL');
  assert.equal(describeBackend('webgl', ''), 'calcul WebGL');
});

test('describeBackend : WebGL logiciel (SwiftShader) dit qu\'il n\'y a pas de carte graphique', () => {
  assert.equal(describeBackend('webgl', 'Google SwiftShader'), 'calcul WebGL logiciel, sans carte graphique');
  assert.equal(describeBackend('webgl', 'ANGLE (Intel, Mesa Intel(R) UHD Graphics)'), 'calcul WebGL');
  assert.equal(describeBackend('webgl', null), 'calcul WebGL');
  assert.equal(describeBackend('wasm', 'SwiftShader'), 'calcul en WebAssembly sur le processeur');
});

test('describeBackend : un moteur inconnu est nommé, jamais pris pour un autre', () => {
  assert.equal(describeBackend('webgpu'), 'calcul WebGPU');
  assert.equal(describeBackend('tensorflow'), 'calcul par le moteur « tensorflow »');
});
