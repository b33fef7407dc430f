// Le décodeur du petit extrait de MNIST que sert le site (format « DLAB », version 1). Module pur :
// ni DOM, ni TensorFlow.js ; testé par Node (tests/js/train_dataset.test.mjs) sur la fixture que
// le jumeau Python (sitetools/lab_data.py) a écrite.
//
// En-tête de 16 octets : « DLAB », version, bits par pixel (4 ou 8), hauteur, largeur, n_train et
// n_test (uint32 petit-boutiste) ; puis les étiquettes (un octet chacune), puis les pixels. Sur
// 4 bits, deux pixels par octet, le premier dans les 4 bits de poids fort.

import { formatCount, formatInteger } from '../../demo/fmt.js';

export const MAGIC = 'DLAB';
export const VERSION = 1;
export const HEADER_BYTES = 16;

/** Fichier de données invalide, avec un message en français pour le lecteur. */
export class DatasetError extends Error {
  constructor(message) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** Octets occupés par `count` images de `pixels` pixels sur `bits` bits. */
export function packedSize(count, pixels, bits) {
  return Math.ceil((count * pixels * bits) / 8);
}

/** Les pixels d'une partie du fichier → Float32Array de `count × pixels` valeurs dans [0, 1]. */
function unpack(bytes, count, pixels, bits) {
  const n = count * pixels;
  const out = new Float32Array(n);
  if (bits === 8) {
    for (let i = 0; i < n; i += 1) out[i] = bytes[i] / 255;
    return out;
  }
  for (let i = 0; i < n; i += 1) {
    const byte = bytes[i >> 1];
    out[i] = ((i & 1) === 0 ? byte >> 4 : byte & 15) / 15;
  }
  return out;
}

/**
 * Décode un fichier DLAB (ArrayBuffer ou Uint8Array). Renvoie
 * { bits, height, width, train: { images, labels, count }, test: { … } }, où `images` est un
 * Float32Array (image après image, ligne après ligne, encre entre 0 et 1) et `labels` un
 * Uint8Array. Lève une DatasetError au message français si le fichier est abîmé.
 */
export function decodeDataset(buffer) {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length < HEADER_BYTES) {
    throw new DatasetError('Fichier de données trop court : l\'en-tête est incomplet.');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MAGIC) {
    throw new DatasetError('Ce n\'est pas un fichier de données du site (signature DLAB absente).');
  }
  const version = bytes[4];
  if (version !== VERSION) {
    throw new DatasetError(`Version ${version} du fichier de données inconnue (attendu : ${VERSION}).`);
  }
  const bits = bytes[5];
  if (bits !== 4 && bits !== 8) throw new DatasetError(`${formatCount(bits, 'bit')} par pixel : valeur impossible.`);
  const height = bytes[6];
  const width = bytes[7];
  const nTrain = view.getUint32(8, true);
  const nTest = view.getUint32(12, true);
  const pixels = height * width;
  const expected = HEADER_BYTES + nTrain + nTest
    + packedSize(nTrain, pixels, bits) + packedSize(nTest, pixels, bits);
  if (bytes.length !== expected) {
    throw new DatasetError(`Fichier de données tronqué ou abîmé : ${formatCount(bytes.length, 'octet')} au lieu de `
      + `${formatInteger(expected)}.`);
  }
  let offset = HEADER_BYTES;
  const labels = bytes.slice(offset, offset + nTrain + nTest);
  if (labels.some((l) => l > 9)) throw new DatasetError('Étiquette hors de 0 à 9 dans le fichier de données.');
  offset += nTrain + nTest;
  const parts = {};
  for (const [name, count, start] of [['train', nTrain, 0], ['test', nTest, nTrain]]) {
    const size = packedSize(count, pixels, bits);
    parts[name] = {
      images: unpack(bytes.subarray(offset, offset + size), count, pixels, bits),
      labels: labels.slice(start, start + count),
      count,
    };
    offset += size;
  }
  return { bits, height, width, ...parts };
}
