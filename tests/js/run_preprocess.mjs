// Pont pour tests/test_preprocess_parity.py : lit sur l'entrée standard une liste JSON
// d'images { kind: "ink" | "gray", width, height, pixels (octets 0…255) } et écrit sur la
// sortie standard la liste des sorties 28 × 28 de preprocess.js (null quand rien à lire).
import { grayToInk, makeImage, preprocess } from '../../docs/assets/demo/preprocess.js';

export function run(item) {
  const img = makeImage(item.width, item.height, Float64Array.from(item.pixels, (v) => v / 255));
  const ink = item.kind === 'gray' ? grayToInk(img) : img;
  const out = preprocess(ink);
  return out === null ? null : Array.from(out);
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(run)));
});
