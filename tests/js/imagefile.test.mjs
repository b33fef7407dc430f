// Tests de la reconnaissance des fichiers image (node --test tests/js/).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  MAX_MEGAPIXELS, blockReader, fitWithin, inspectImage, notAnImageMessage, shortName, sizeProblem,
  sniffFormat, unsupportedFormatMessage,
} from '../../docs/assets/demo/imagefile.js';

const DIR = new URL('../fixtures/imagefile/', import.meta.url);
const read = (name) => new Uint8Array(readFileSync(new URL(name, DIR)));
const IMAGES = readdirSync(DIR).filter((f) => /\.(png|jpg|webp)$/.test(f));

/** Un lecteur sur des octets en mémoire, qui compte ce qu'il lit (petits blocs : les bords de
 * bloc sont exercés). */
function reader(bytes, blockBytes = 64) {
  const stats = { calls: 0, bytes: 0 };
  const r = blockReader(async (start, end) => {
    stats.calls += 1;
    stats.bytes += end - start;
    return bytes.slice(start, end);
  }, bytes.length, blockBytes);
  r.stats = stats;
  return r;
}

const inspect = (bytes, blockBytes) => inspectImage(reader(bytes, blockBytes));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) { out.set(p, i); i += p.length; }
  return out;
};

/** Un segment JPEG de métadonnées (APP15) de 65 533 octets utiles : la taille maximale. */
const bigSegment = () => concat(Uint8Array.of(0xff, 0xef, 0xff, 0xff), new Uint8Array(65533));

/** Le JPEG avec ses dimensions remplacées dans l'en-tête de trame (SOF0). */
function withFrameSize(jpeg, width, height) {
  const out = jpeg.slice();
  for (let i = 2; i < out.length;) {
    const marker = out[i + 1];
    if (marker === 0xc0 || marker === 0xc2) {
      out[i + 5] = height >> 8; out[i + 6] = height & 0xff;
      out[i + 7] = width >> 8; out[i + 8] = width & 0xff;
      return out;
    }
    i += 2 + ((out[i + 2] << 8) | out[i + 3]);
  }
  throw new Error('pas de SOF');
}

test('PNG, JPEG (EXIF, progressif) et WebP (avec perte, sans perte, avec alpha) : format et taille', async () => {
  assert.ok(IMAGES.length >= 6);
  for (const file of IMAGES) {
    const [, w, h] = file.match(/_(\d+)x(\d+)\./);
    const format = { png: 'png', jpg: 'jpeg', webp: 'webp' }[file.split('.').pop()];
    assert.equal(sniffFormat(read(file)), format, file);
    for (const block of [7, 64, 1 << 20]) {
      const expected = { format, width: Number(w), height: Number(h), damaged: false };
      assert.deepEqual(await inspect(read(file), block), expected,
        `${file}, blocs de ${block} octets`);
    }
  }
});

test('un fichier texte, vide ou GIF n\'est pas pris pour une image', async () => {
  for (const bytes of [read('not_an_image.txt'), new Uint8Array(0), new TextEncoder().encode('GIF89a......')]) {
    assert.equal(sniffFormat(bytes), null);
    assert.equal(await inspect(bytes), null);
  }
});

// photo_64x48.heic (libheif, par pillow-heif 1.8) et photo_64x48.avif (Pillow 13) : de vraies
// photos HEIF, comme celles d'un iPhone copiées sur un ordinateur.
test('une photo HEIC ou AVIF est reconnue et dite non lue, sans être prise pour autre chose', async () => {
  for (const [file, format] of [['photo_64x48.heic', 'heic'], ['photo_64x48.avif', 'avif']]) {
    assert.equal(sniffFormat(read(file)), format, file);
    for (const block of [7, 64]) {
      assert.deepEqual(await inspect(read(file), block), { format, unsupported: true }, file);
    }
  }
  // Une autre boîte ftyp (une vidéo MP4) n'est pas une photo HEIF.
  const mp4 = concat(Uint8Array.of(0, 0, 0, 24), new TextEncoder().encode('ftypisom\0\0\x02\0isomiso2'));
  assert.equal(sniffFormat(mp4), null);
  assert.equal(await inspect(mp4), null);
});

test('unsupportedFormatMessage nomme le format et dit quoi faire, en français', () => {
  assert.equal(unsupportedFormatMessage('IMG_0042.HEIC', 'heic'),
    '« IMG_0042.HEIC » est une photo HEIC, le format des iPhone, que la démo ne sait pas lire. '
    + 'Enregistrez-la en JPEG (ou faites-en une capture d\'écran), puis réessayez. '
    + 'Formats acceptés : PNG, JPEG ou WebP.');
  assert.match(unsupportedFormatMessage('', 'avif'), /^Cette photo est une image AVIF, que la démo/);
});

test('tout fichier coupé avant sa fin est dit abîmé, JPEG compris (fin d\'image absente)', async () => {
  for (const file of IMAGES) {
    const b = read(file);
    for (const keep of [12, 40, Math.floor(b.length / 2), b.length - 20, b.length - 1]) {
      const info = await inspect(b.subarray(0, keep));
      // Dès 40 octets, la signature et l'en-tête sont là : le fichier est reconnu, et dit abîmé
      // (le lecteur lit « le fichier semble abîmé », pas « ce n'est pas une image »).
      if (keep >= 40) assert.equal(info?.damaged, true, `${file} coupé à ${keep} octets : ${JSON.stringify(info)}`);
      else assert.ok(info === null || info.damaged === true, `${file} coupé à ${keep} octets : ${JSON.stringify(info)}`);
    }
  }
});

test('des octets après la fin d\'un PNG ou d\'un JPEG sont acceptés, comme le font les navigateurs', async () => {
  const trailer = concat(new Uint8Array(100), new TextEncoder().encode('données en trop'));
  for (const file of ['gray_37x23.png', 'photo_41x19.jpg', 'progressive_45x30.jpg']) {
    const info = await inspect(concat(read(file), trailer));
    assert.equal(info.damaged, false, file);
    assert.ok(info.width > 0, file);
  }
});

test('JPEG : l\'en-tête de trame est trouvé derrière plus de 1 Mio de métadonnées, sans les lire', async () => {
  const photo = read('photo_41x19.jpg');
  const segments = Array.from({ length: 20 }, bigSegment); // 1,25 Mio
  const hostile = withFrameSize(concat(photo.subarray(0, 2), ...segments, photo.subarray(2)), 20000, 20000);
  assert.ok(hostile.length > 1.25 * 2 ** 20);
  const r = reader(hostile, 1 << 20);
  const info = await inspectImage(r);
  assert.deepEqual(info, { format: 'jpeg', width: 20000, height: 20000, damaged: false });
  assert.match(sizeProblem(info.width, info.height), /^Image trop grande : 400 mégapixels \(20\u202f000 × 20\u202f000\)/);
  assert.ok(r.stats.bytes <= hostile.length + 2 ** 20, `lu ${r.stats.bytes} octets`);
  // Avec de petits blocs, on saute par-dessus les métadonnées : on lit bien moins que le fichier.
  const small = reader(hostile, 64);
  await inspectImage(small);
  assert.ok(small.stats.bytes < 20000, `lu ${small.stats.bytes} octets`);
});

test('JPEG : sans en-tête de trame (dimensions inconnues), le fichier est refusé comme abîmé', async () => {
  const photo = read('photo_41x19.jpg');
  const cut = [];
  for (let i = 2; i < photo.length;) { // tous les segments sauf le SOF
    const marker = photo[i + 1];
    const end = i + 2 + ((photo[i + 2] << 8) | photo[i + 3]);
    if (marker === 0xda) { cut.push(photo.subarray(i)); break; }
    if (marker !== 0xc0) cut.push(photo.subarray(i, end));
    i = end;
  }
  const noFrame = concat(photo.subarray(0, 2), ...cut);
  assert.deepEqual(await inspect(noFrame), { format: 'jpeg', width: null, height: null, damaged: true });
  // Que des métadonnées, jusqu'à la fin du fichier.
  const onlyMetadata = concat(photo.subarray(0, 2), bigSegment(), bigSegment());
  assert.equal((await inspect(onlyMetadata)).damaged, true);
  // Une longueur de segment qui dépasse la fin du fichier.
  const overlong = concat(photo.subarray(0, 2), Uint8Array.of(0xff, 0xe1, 0xff, 0x00), new Uint8Array(10));
  assert.equal((await inspect(overlong)).damaged, true);
});

test('WebP plus court que la taille annoncée dans son en-tête RIFF : abîmé', async () => {
  const b = read('lossy_33x21.webp');
  assert.equal((await inspect(b.subarray(0, b.length - 20))).damaged, true);
  assert.equal((await inspect(concat(b, new Uint8Array(10)))).damaged, false);
});

test('blockReader : lectures à cheval sur deux blocs et en fin de fichier', async () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
  const r = reader(bytes, 16);
  assert.deepEqual(Array.from(await r.read(14, 5)), [14, 15, 16, 17, 18]);
  assert.deepEqual(Array.from(await r.read(97, 10)), [97, 98, 99]);
  assert.equal((await r.read(100, 4)).length, 0);
});

test('sizeProblem accepte les photos des téléphones et refuse au-delà de 50 mégapixels, en français', () => {
  assert.equal(MAX_MEGAPIXELS, 50);
  assert.equal(sizeProblem(4284, 5712), null); // 24,5 Mpx : un iPhone 15 ou plus récent, par défaut
  assert.equal(sizeProblem(8064, 6048), null); // 48,8 Mpx : mode pleine définition
  assert.equal(sizeProblem(10000, 5000), null); // 50 Mpx tout juste
  const msg = sizeProblem(16320, 12240); // le mode 200 Mpx de certains téléphones
  assert.match(msg, /^Image trop grande : 199,8 mégapixels \(16\u202f320 × 12\u202f240\)\. Le maximum est de 50 mégapixels/);
  assert.match(sizeProblem(0, 10), /aucun pixel/);
});

test('notAnImageMessage nomme le fichier entre guillemets français', () => {
  assert.equal(notAnImageMessage('notes.txt'),
    '« notes.txt » n\'est pas une image lisible. Formats acceptés : PNG, JPEG ou WebP.');
  assert.equal(notAnImageMessage('', 'le fichier semble abîmé'),
    'Ce fichier n\'est pas une image lisible (le fichier semble abîmé). Formats acceptés : PNG, JPEG ou WebP.');
  const long = `${'très-long-nom-de-photo-'.repeat(10)}.png`;
  assert.ok(notAnImageMessage(long).startsWith(`« ${shortName(long)} »`));
});

test('shortName raccourcit un long nom au milieu, en gardant le début et l\'extension', () => {
  assert.equal(shortName('chiffre.png'), 'chiffre.png');
  assert.equal(shortName('x'.repeat(40)), 'x'.repeat(40));
  const long = `${'a'.repeat(100)}_scan_du_cahier_de_Lea.jpeg`;
  const short = shortName(long);
  assert.ok(Array.from(short).length <= 40, short);
  assert.ok(short.startsWith('aaaa'), short);
  assert.ok(short.endsWith('Lea.jpeg'), short);
  assert.ok(short.includes('…'), short);
  // Pas de caractère coupé en deux (émoji hors du plan de base) ni d'espace de part et d'autre de « … ».
  const emoji = shortName(`${'😀'.repeat(50)}.png`);
  assert.ok(emoji.isWellFormed() && emoji.endsWith('.png'), emoji);
  assert.equal(shortName(`${'mot '.repeat(20)}.png`, 20).includes(' …'), false);
  assert.equal(shortName(''), '');
});

test('fitWithin réduit sans jamais agrandir', () => {
  assert.deepEqual(fitWithin(28, 28, 512), [28, 28]);
  assert.deepEqual(fitWithin(4000, 3000, 512), [512, 384]);
  assert.deepEqual(fitWithin(10, 5000, 500), [1, 500]);
});
