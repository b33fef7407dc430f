// Reconnaître un fichier image importé, lire ses dimensions et vérifier qu'il est entier, avant
// de le décoder : on refuse ainsi une image de 400 mégapixels (ou un fichier tronqué) sans jamais
// la charger en mémoire. Le fichier est lu par blocs, sans le charger tout entier.
// Module pur (aucun accès au DOM), testé par tests/js/imagefile.test.mjs.

import { formatInteger, formatNumber } from './fmt.js';

/**
 * Au-delà, l'image est refusée : le navigateur d'un téléphone pourrait ne pas la décoder. La limite
 * laisse passer les photos des téléphones actuels : 12 mégapixels, 24 (réglage par défaut des
 * iPhone depuis le 15), 48 ou 50 (modes pleine définition). Décoder une photo de 48,8 mégapixels
 * coûte à Chromium 1 à 2 s et 264 Mio de plus, sur 2 cœurs (scripts/measure_hostile_jpeg.py) ; le
 * fichier hostile de 400 mégapixels, lui, en coûterait plus de 1,5 Go.
 */
export const MAX_MEGAPIXELS = 50;

/** Formats acceptés, tels que les annonce l'attribut accept du champ de fichier. */
export const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** Taille des blocs lus dans le fichier pour en parcourir la structure (jamais tout d'un coup). */
export const BLOCK_BYTES = 1 << 20;

const u16be = (b, i) => (b[i] << 8) | b[i + 1];
const u32be = (b, i) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u16le = (b, i) => b[i] | (b[i + 1] << 8);
const u24le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32le = (b, i) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const ascii = (b, i, n) => String.fromCharCode(...b.subarray(i, i + n));

/**
 * Un lecteur de fichier par blocs de blockBytes octets, qui garde le dernier bloc lu.
 * readRange(start, end) : promesse des octets [start, end) du fichier (Uint8Array) ; size : la
 * taille du fichier. Renvoie { size, read(offset, length), block(offset) } : read rend au plus
 * length octets (moins en fin de fichier), block le bloc { start, bytes } qui contient offset.
 */
export function blockReader(readRange, size, blockBytes = BLOCK_BYTES) {
  let cached = null;
  async function block(offset) {
    const start = offset - (offset % blockBytes);
    if (!cached || cached.start !== start) {
      cached = { start, bytes: await readRange(start, Math.min(size, start + blockBytes)) };
    }
    return cached;
  }
  async function read(offset, length) {
    const end = Math.min(size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    const b = await block(offset);
    if (end <= b.start + b.bytes.length) return b.bytes.subarray(offset - b.start, end - b.start);
    return readRange(offset, end); // à cheval sur deux blocs
  }
  return { size, read, block };
}

/** Octets lus au début du fichier pour en reconnaître le format (la boîte ftyp d'une photo HEIF
 * y tient, avec sa liste de marques). */
export const SNIFF_BYTES = 64;

/** Formats reconnus mais non lus : les photos HEIF. HEIC est le format par défaut des iPhone
 * (un iPhone envoie du JPEG à une page web ; le HEIC arrive quand on a copié la photo sur un
 * ordinateur), AVIF celui de quelques téléphones et logiciels récents. On les nomme au lecteur
 * au lieu de lui dire que sa photo « n'est pas une image ». */
export const UNSUPPORTED_FORMATS = { heic: 'HEIC', avif: 'AVIF' };

// Marques de la boîte ftyp (ISO 14496-12) : AVIF d'abord, car une image AVIF annonce aussi mif1.
const AVIF_BRANDS = ['avif', 'avis'];
const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1'];

/** Les marques (majeure puis compatibles) d'une boîte ftyp en tête de fichier, ou null. */
function ftypBrands(b) {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return null;
  const end = Math.min(b.length, u32be(b, 0));
  const brands = [ascii(b, 8, 4)];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, 4));
  return brands;
}

/** Le format d'après les premiers octets (et non d'après le nom ou le type annoncé), ou null :
 * "png", "jpeg", "webp", ou l'un des formats reconnus mais non lus (UNSUPPORTED_FORMATS). */
export function sniffFormat(bytes) {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  const brands = ftypBrands(b);
  if (brands?.some((brand) => AVIF_BRANDS.includes(brand))) return 'avif';
  if (brands?.some((brand) => HEIF_BRANDS.includes(brand))) return 'heic';
  return null;
}

const damaged = (format, size = null) => ({
  format, width: size ? size.width : null, height: size ? size.height : null, damaged: true,
});
const whole = (format, size) => ({ format, width: size.width, height: size.height, damaged: false });

/**
 * PNG : l'en-tête IHDR donne la taille ; on suit les blocs (longueur, type, données, CRC)
 * jusqu'au bloc IEND. Un bloc qui dépasse la fin du fichier, ou pas d'IEND : abîmé. Des octets
 * après IEND sont ignorés, comme le font les navigateurs.
 */
async function inspectPng(reader) {
  const head = await reader.read(0, 24);
  if (head.length < 24 || ascii(head, 12, 4) !== 'IHDR') return damaged('png');
  const size = { width: u32be(head, 16), height: u32be(head, 20) };
  for (let pos = 8; ;) {
    const chunk = await reader.read(pos, 8);
    if (chunk.length < 8) return damaged('png', size);
    const end = pos + 12 + u32be(chunk, 0);
    if (end > reader.size) return damaged('png', size);
    if (ascii(chunk, 4, 4) === 'IEND') return whole('png', size);
    pos = end;
  }
}

/** WebP : la taille est au début ; le fichier est abîmé s'il est plus court que ne l'annonce RIFF. */
async function inspectWebp(reader) {
  const b = await reader.read(0, 30);
  if (b.length < 30) return damaged('webp');
  const chunk = ascii(b, 12, 4);
  let size = null;
  if (chunk === 'VP8 ') size = { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const b1 = b[22], b2 = b[23], b3 = b[24];
    size = { width: 1 + (b[21] | ((b1 & 0x3f) << 8)), height: 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10)) };
  }
  if (chunk === 'VP8X') size = { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  if (!size || reader.size < u32le(b, 4) + 8) return damaged('webp', size);
  return whole('webp', size);
}

/**
 * Position du prochain marqueur après des données compressées commencées à pos (dans ces
 * données, 0xFF est suivi de 0x00, d'un marqueur RSTn ou d'un autre 0xFF de remplissage), ou
 * -1 si le fichier finit avant : la compression a été coupée.
 */
async function nextMarkerAfterScan(reader, pos) {
  while (pos < reader.size) {
    const { start, bytes } = await reader.block(pos);
    const end = start + bytes.length;
    for (let i = bytes.indexOf(0xff, pos - start); i >= 0; i = bytes.indexOf(0xff, i + 1)) {
      if (start + i + 1 >= reader.size) return -1;
      const next = i + 1 < bytes.length ? bytes[i + 1] : (await reader.read(start + i + 1, 1))[0];
      if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return start + i;
    }
    pos = end;
  }
  return -1;
}

/**
 * JPEG : on suit les segments un à un (marqueur, longueur), quelle que soit leur taille, sans
 * lire les métadonnées : un en-tête de trame (SOF) placé après des mégaoctets d'EXIF est trouvé
 * sans rien décoder. Pas de SOF avant les données : abîmé (on ne décode jamais une image dont
 * on ignore la taille). Puis on traverse les données compressées jusqu'au marqueur de fin
 * d'image (EOI) : un fichier qui finit avant est tronqué. Des octets après EOI sont ignorés.
 */
async function inspectJpeg(reader) {
  let size = null;
  let scans = 0;
  for (let pos = 2; ;) {
    const b = await reader.read(pos, 4);
    if (b.length < 2 || b[0] !== 0xff) return damaged('jpeg', size);
    const marker = b[1];
    if (marker === 0xff) { pos += 1; continue; } // octet de remplissage
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { pos += 2; continue; } // sans longueur
    if (marker === 0xd9) return size && scans > 0 ? whole('jpeg', size) : damaged('jpeg', size);
    if (b.length < 4) return damaged('jpeg', size);
    const end = pos + 2 + u16be(b, 2);
    if (u16be(b, 2) < 2 || end > reader.size) return damaged('jpeg', size);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame && !size) {
      const f = await reader.read(pos + 5, 4);
      if (f.length < 4) return damaged('jpeg');
      size = { width: u16be(f, 2), height: u16be(f, 0) };
    }
    if (marker !== 0xda) { pos = end; continue; }
    if (!size) return damaged('jpeg'); // des données avant toute dimension
    scans += 1;
    pos = await nextMarkerAfterScan(reader, end);
    if (pos < 0) return damaged('jpeg', size);
  }
}

/**
 * Reconnaît une image PNG, JPEG ou WebP et vérifie sa structure sans la décoder, en lisant le
 * fichier par blocs (reader : voir blockReader). Renvoie { format: "png" | "jpeg" | "webp",
 * width, height, damaged } — damaged est vrai pour un fichier tronqué ou incohérent, width et
 * height valent alors null s'ils sont inconnus —, { format: "heic" | "avif", unsupported: true }
 * pour une photo HEIF, qu'on ne lit pas, ou null si ce n'est pas une image.
 * (Un navigateur décode sans rien dire le début d'un fichier tronqué : l'image serait vide,
 * à moitié grise, ou lue comme un autre chiffre.)
 */
export async function inspectImage(reader) {
  const format = sniffFormat(await reader.read(0, SNIFF_BYTES));
  if (format === 'png') return inspectPng(reader);
  if (format === 'jpeg') return inspectJpeg(reader);
  if (format === 'webp') return inspectWebp(reader);
  if (format in UNSUPPORTED_FORMATS) return { format, unsupported: true };
  return null;
}

/** Au-delà, un nom de fichier est raccourci dans les messages. */
export const MAX_NAME_LENGTH = 40;

/**
 * Un nom de fichier raccourci au milieu (« début…fin.png ») s'il dépasse max caractères : on
 * garde le début et la fin, extension comprise. Les caractères sont comptés entiers (un émoji
 * n'est jamais coupé en deux).
 */
export function shortName(name, max = MAX_NAME_LENGTH) {
  const chars = Array.from(String(name));
  if (chars.length <= max) return chars.join('');
  const tail = Math.max(8, Math.floor((max - 1) / 3));
  const head = max - 1 - tail;
  return `${chars.slice(0, head).join('').trimEnd()}…${chars.slice(chars.length - tail).join('').trimStart()}`;
}

/** Nombre de mégapixels, écrit à la française (« 24,6 »). */
export function formatMegapixels(width, height) {
  return formatNumber(Math.round((width * height) / 1e5) / 10);
}

/** Message d'erreur en français si ces dimensions sont refusées, sinon null. */
export function sizeProblem(width, height) {
  if (!(width > 0 && height > 0)) return 'Cette image n\'a aucun pixel.';
  if (width * height > MAX_MEGAPIXELS * 1e6) {
    return `Image trop grande : ${formatMegapixels(width, height)} mégapixels `
      + `(${formatInteger(width)} × ${formatInteger(height)}). Le maximum est de ${MAX_MEGAPIXELS} mégapixels : réduisez-la puis réessayez.`;
  }
  return null;
}

/** Message pour un fichier qui n'est pas une image acceptée (detail : précision facultative). */
export function notAnImageMessage(name, detail = '') {
  const who = name ? `« ${shortName(name)} »` : 'Ce fichier';
  const why = detail ? ` (${detail})` : '';
  return `${who} n'est pas une image lisible${why}. Formats acceptés : PNG, JPEG ou WebP.`;
}

/** Message pour une photo dans un format reconnu mais non lu (format : clé de UNSUPPORTED_FORMATS). */
export function unsupportedFormatMessage(name, format) {
  const who = name ? `« ${shortName(name)} »` : 'Cette photo';
  const kind = format === 'heic' ? 'une photo HEIC, le format des iPhone,' : `une image ${UNSUPPORTED_FORMATS[format]},`;
  return `${who} est ${kind} que la démo ne sait pas lire. Enregistrez-la en JPEG (ou faites-en `
    + 'une capture d\'écran), puis réessayez. Formats acceptés : PNG, JPEG ou WebP.';
}

/** Taille (largeur, hauteur) réduite pour que le plus grand côté ne dépasse pas maxSide. */
export function fitWithin(width, height, maxSide) {
  const k = Math.min(1, maxSide / Math.max(width, height));
  return [Math.max(1, Math.round(width * k)), Math.max(1, Math.round(height * k))];
}
