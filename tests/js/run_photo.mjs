// Pont pour tests/test_photo_parity.py : lit sur l'entrée standard une liste JSON de photos
// { width, height, channels, pixels_b64 (octets RVB ou RVBA, en base64) } et écrit sur la sortie
// standard, pour chacune, ce qu'en tirent photo.js et segment.js : région trouvée (ou papier seul), familles de
// réglures, seuils, image d'encre de la région et images 28 × 28 des chiffres, de gauche à droite.
// Avec « region » ([gauche, haut, droite, bas] dans la photo), aussi la lecture de cette zone
// choisie par le lecteur (readRegion), dans « manual », et sa lecture de plus près
// (readRegionCloser), dans « closer ».
import { onlyPaper, readPhoto, readRegion, readRegionCloser } from '../../docs/assets/demo/photo.js';
import { digitInputs } from '../../docs/assets/demo/segment.js';

function summary(r) {
  const digits = r.found ? digitInputs(r.ink) : [];
  return {
    found: r.found, reason: r.reason, box: r.box, work_box: r.workBox,
    ink: r.ink ? { width: r.ink.width, height: r.ink.height, data: Array.from(r.ink.data) } : null,
    digits: digits.map((d) => ({ box: d.box, image: Array.from(d.image) })),
  };
}

function closer(r) {
  return { ...summary(r), scale: r.scale, offset: r.offset };
}

export function run(item) {
  const pixels = Uint8Array.from(Buffer.from(item.pixels_b64, 'base64'));
  const started = performance.now();
  const r = readPhoto(pixels, item.width, item.height, item.channels);
  const digits = r.found ? digitInputs(r.ink) : [];
  const ms = performance.now() - started;
  return {
    found: r.found,
    reason: r.reason,
    only_paper: onlyPaper(r),
    box: r.box,
    work_box: r.workBox,
    families: r.families,
    thresholds: r.thresholds,
    ink: r.ink ? { width: r.ink.width, height: r.ink.height, data: Array.from(r.ink.data) } : null,
    digits: digits.map((d) => ({ box: d.box, image: Array.from(d.image) })),
    ms,
    manual: item.region ? summary(readRegion(r, item.region)) : null,
    closer: item.region ? closer(readRegionCloser(pixels, item.width, item.height, item.channels, r, item.region))
      : null,
  };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(run)));
});
