// Tests de la reconnaissance des fichiers image (node --test tests/js/).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  MAX_MEGAPIXELS, fitWithin, isTruncated, notAnImageMessage, sizeProblem, sniffImage,
} from '../../docs/assets/demo/imagefile.js';

const DIR = new URL('../fixtures/imagefile/', import.meta.url);
const read = (name) => new Uint8Array(readFileSync(new URL(name, DIR)));

test('PNG, JPEG (EXIF, progressif) et WebP (avec perte, sans perte, avec alpha) : format et taille', () => {
  const files = readdirSync(DIR).filter((f) => /\.(png|jpg|webp)$/.test(f));
  assert.ok(files.length >= 6);
  for (const file of files) {
    const [, w, h] = file.match(/_(\d+)x(\d+)\./);
    const info = sniffImage(read(file));
    const format = { png: 'png', jpg: 'jpeg', webp: 'webp' }[file.split('.').pop()];
    assert.deepEqual(info, { format, width: Number(w), height: Number(h) }, file);
  }
});

test('un fichier texte, vide ou tronqué n\'est pas pris pour une image', () => {
  assert.equal(sniffImage(read('not_an_image.txt')), null);
  assert.equal(sniffImage(new Uint8Array(0)), null);
  assert.equal(sniffImage(new TextEncoder().encode('GIF89a......')), null);
  const truncated = read('gray_37x23.png').slice(0, 12);
  assert.deepEqual(sniffImage(truncated), { format: 'png', width: null, height: null });
});

test('sizeProblem refuse au-delà de 20 mégapixels, avec un message français', () => {
  assert.equal(MAX_MEGAPIXELS, 20);
  assert.equal(sizeProblem(5000, 4000), null); // 20 Mpx tout juste
  const msg = sizeProblem(6000, 4100);
  assert.match(msg, /^Image trop grande : 24,6 mégapixels \(6000 × 4100\)/);
  assert.match(sizeProblem(0, 10), /aucun pixel/);
});

test('notAnImageMessage nomme le fichier entre guillemets français', () => {
  assert.equal(notAnImageMessage('notes.txt'),
    '« notes.txt » n\'est pas une image lisible. Formats acceptés : PNG, JPEG ou WebP.');
  assert.equal(notAnImageMessage('', 'le fichier semble abîmé'),
    'Ce fichier n\'est pas une image lisible (le fichier semble abîmé). Formats acceptés : PNG, JPEG ou WebP.');
});

test('fitWithin réduit sans jamais agrandir', () => {
  assert.deepEqual(fitWithin(28, 28, 512), [28, 28]);
  assert.deepEqual(fitWithin(4000, 3000, 512), [512, 384]);
  assert.deepEqual(fitWithin(10, 5000, 500), [1, 500]);
});

test('isTruncated : PNG sans IEND, WebP plus court que annoncé', () => {
  for (const file of ['gray_37x23.png', 'lossy_33x21.webp', 'lossless_35x17.webp', 'alpha_29x31.webp', 'photo_41x19.jpg']) {
    const b = read(file);
    const { format } = sniffImage(b);
    assert.equal(isTruncated(format, b.subarray(0, 64), b.subarray(b.length - 12), b.length), false, file);
    const cut = b.subarray(0, b.length - 20);
    const expected = format !== 'jpeg'; // un JPEG tronqué n'est pas détecté ici
    assert.equal(isTruncated(format, cut.subarray(0, 64), cut.subarray(cut.length - 12), cut.length), expected, file);
  }
});
