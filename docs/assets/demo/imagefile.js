// Reconnaître un fichier image importé et lire ses dimensions dans son en-tête, avant de le
// décoder : on refuse ainsi une image de 50 mégapixels sans jamais la charger en mémoire.
// Module pur (aucun accès au DOM), testé par tests/js/imagefile.test.mjs.

/** Au-delà, l'image est refusée (le navigateur d'un téléphone pourrait ne pas la décoder). */
export const MAX_MEGAPIXELS = 20;

/** Formats acceptés, tels que les annonce l'attribut accept du champ de fichier. */
export const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** Octets à lire au début du fichier pour trouver les dimensions (en-têtes JPEG/EXIF compris). */
export const HEADER_BYTES = 1 << 20;

const u16be = (b, i) => (b[i] << 8) | b[i + 1];
const u32be = (b, i) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u16le = (b, i) => b[i] | (b[i + 1] << 8);
const u24le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const ascii = (b, i, n) => String.fromCharCode(...b.subarray(i, i + n));

function pngSize(b) {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function jpegSize(b) {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null; // flux abîmé
    const marker = b[i + 1];
    if (marker === 0xff) { i += 1; continue; } // octets de remplissage
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { width: u16be(b, i + 7), height: u16be(b, i + 5) };
    if (marker === 0xd9 || marker === 0xda) return null; // fin ou données avant toute dimension
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webpSize(b) {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const b0 = b[21], b1 = b[22], b2 = b[23], b3 = b[24];
    return { width: 1 + (b0 | ((b1 & 0x3f) << 8)), height: 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10)) };
  }
  if (chunk === 'VP8X') return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return null;
}

/**
 * Reconnaît le format d'après les premiers octets (et non d'après le nom du fichier).
 * Renvoie { format: "png" | "jpeg" | "webp", width, height } — width et height valent null
 * si l'en-tête ne les donne pas — ou null si ce n'est pas une image PNG, JPEG ou WebP.
 */
export function sniffImage(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let format = null, size = null;
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') { format = 'png'; size = pngSize(b); }
  else if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) { format = 'jpeg'; size = jpegSize(b); }
  else if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') { format = 'webp'; size = webpSize(b); }
  if (!format) return null;
  return { format, width: size ? size.width : null, height: size ? size.height : null };
}

/**
 * Vrai si le fichier est visiblement tronqué : un PNG qui ne finit pas par son bloc IEND, un
 * WebP plus court que la taille annoncée dans son en-tête RIFF. (Un navigateur décode sans
 * rien dire le début d'un fichier tronqué : l'image serait vide ou à moitié grise.)
 * header : les premiers octets ; tail : les 12 derniers ; size : la taille du fichier.
 */
export function isTruncated(format, header, tail, size) {
  if (format === 'png') return tail.length < 12 || ascii(tail, tail.length - 8, 4) !== 'IEND';
  if (format === 'webp') {
    const declared = (header[4] | (header[5] << 8) | (header[6] << 16) | (header[7] << 24)) >>> 0;
    return size < declared + 8;
  }
  return false;
}

/** Nombre de mégapixels, écrit à la française (« 24,6 »). */
export function formatMegapixels(width, height) {
  return ((width * height) / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
}

/** Message d'erreur en français si ces dimensions sont refusées, sinon null. */
export function sizeProblem(width, height) {
  if (!(width > 0 && height > 0)) return 'Cette image n\'a aucun pixel.';
  if (width * height > MAX_MEGAPIXELS * 1e6) {
    return `Image trop grande : ${formatMegapixels(width, height)} mégapixels `
      + `(${width} × ${height}). Le maximum est de ${MAX_MEGAPIXELS} mégapixels : réduisez-la puis réessayez.`;
  }
  return null;
}

/** Message pour un fichier qui n'est pas une image acceptée (detail : précision facultative). */
export function notAnImageMessage(name, detail = '') {
  const who = name ? `« ${name} »` : 'Ce fichier';
  const why = detail ? ` (${detail})` : '';
  return `${who} n'est pas une image lisible${why}. Formats acceptés : PNG, JPEG ou WebP.`;
}

/** Taille (largeur, hauteur) réduite pour que le plus grand côté ne dépasse pas maxSide. */
export function fitWithin(width, height, maxSide) {
  const k = Math.min(1, maxSide / Math.max(width, height));
  return [Math.max(1, Math.round(width * k)), Math.max(1, Math.round(height * k))];
}
