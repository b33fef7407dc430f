// Le décodeur du fichier DLAB (docs/assets/labs/train/dataset.js), sur la fixture écrite par le
// jumeau Python (sitetools/lab_data.py, tests/fixtures/lab_data/make_fixture.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { DatasetError, decodeDataset, packedSize } from '../../docs/assets/labs/train/dataset.js';

const fixture = (name) => new URL(`../fixtures/lab_data/${name}`, import.meta.url);

for (const bits of [4, 8]) {
  test(`décode la fixture Python sur ${bits} bits`, () => {
    const expected = JSON.parse(readFileSync(fixture(`small${bits}.json`), 'utf8'));
    const data = decodeDataset(readFileSync(fixture(`small${bits}.bin`)));
    assert.equal(data.bits, bits);
    assert.equal(data.height, expected.height);
    assert.equal(data.width, expected.width);
    for (const split of ['train', 'test']) {
      assert.deepEqual(Array.from(data[split].labels), expected[split].labels);
      assert.equal(data[split].count, expected[split].labels.length);
      const flat = expected[split].images.flat();
      assert.equal(data[split].images.length, flat.length);
      flat.forEach((v, i) => assert.ok(Math.abs(data[split].images[i] - v) < 1e-6, `${split}[${i}]`));
    }
  });
}

test('accepte un ArrayBuffer comme un Uint8Array', () => {
  const bytes = readFileSync(fixture('small4.bin'));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.deepEqual(decodeDataset(buffer).test.images, decodeDataset(new Uint8Array(bytes)).test.images);
});

test('deux pixels par octet, le premier en poids fort', () => {
  const bytes = new Uint8Array([68, 76, 65, 66, 1, 4, 1, 3, 1, 0, 0, 0, 0, 0, 0, 0, 4, 0xf1, 0x00]);
  const data = decodeDataset(bytes);
  assert.deepEqual(Array.from(data.train.images), [1, 1 / 15, 0].map(Math.fround));
  assert.equal(data.test.count, 0);
  assert.equal(packedSize(1, 3, 4), 2);
});

const damaged = [
  ['en-tête incomplet', (b) => b.slice(0, 10), /en-tête est incomplet/],
  ['mauvaise signature', (b) => { const c = b.slice(); c[0] = 88; return c; }, /signature DLAB absente/],
  ['version inconnue', (b) => { const c = b.slice(); c[4] = 2; return c; }, /Version 2/],
  ['bits impossibles', (b) => { const c = b.slice(); c[5] = 3; return c; }, /3 bits par pixel/],
  ['fichier tronqué', (b) => b.slice(0, b.length - 1), /tronqué ou abîmé/],
  ['étiquette hors limites', (b) => { const c = b.slice(); c[16] = 12; return c; }, /Étiquette hors de 0 à 9/],
];
for (const [name, damage, message] of damaged) {
  test(`fichier abîmé (${name}) : message en français`, () => {
    const bytes = new Uint8Array(readFileSync(fixture('small4.bin')));
    assert.throws(() => decodeDataset(damage(bytes)),
      (err) => err instanceof DatasetError && message.test(err.message));
  });
}

test('les nombres des messages sont écrits à la française : singulier à 1, milliers séparés', () => {
  const header = (bits, nTrain) => {
    const b = new Uint8Array(16);
    b.set([68, 76, 65, 66, 1, bits, 28, 28]);
    new DataView(b.buffer).setUint32(8, nTrain, true);
    return b;
  };
  assert.throws(() => decodeDataset(header(1, 0)), (err) => err.message === '1 bit par pixel : valeur impossible.');
  const short = new Uint8Array(1000);
  short.set(header(8, 2));
  assert.throws(() => decodeDataset(short), (err) => err instanceof DatasetError
    && err.message === 'Fichier de données tronqué ou abîmé : 1\u202f000 octets au lieu de 1\u202f586.');
});
