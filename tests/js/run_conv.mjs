// Pont pour tests/test_conv_parity.py : lit sur l'entrée standard une liste JSON d'opérations
// et écrit sur la sortie standard la liste de leurs résultats, calculés par les modules des
// labos (docs/assets/labs/conv.js, kernels.js). Une opération qui lève une erreur donne
// { error: message }.
//
//   { op: "conv", input, kernel, stride, padding, relu }      → carte de sortie
//   { op: "explainConv", input, kernel, row, col, stride, padding, relu } → explication
//   { op: "pool", input, kind, window, stride }               → carte de sortie
//   { op: "explainPool", input, row, col, kind, window, stride } → explication
//   { op: "shift", input, dy, dx }                            → carte décalée
//   { op: "change", before, after }                           → nombre
//   { op: "size", n, k, stride, padding }                     → [taille, [avant, après]]
//   { op: "kernel", name, size }                              → noyau prédéfini
import {
  changeRatio, conv2d, explainConv, explainPool, outputSize, paddingAmounts, pool2d, shift,
} from '../../docs/assets/labs/conv.js';
import { presetKernel } from '../../docs/assets/labs/kernels.js';

const OPS = {
  conv: (o) => conv2d(o.input, o.kernel, o),
  explainConv: (o) => explainConv(o.input, o.kernel, o.row, o.col, o),
  pool: (o) => pool2d(o.input, o),
  explainPool: (o) => explainPool(o.input, o.row, o.col, o),
  shift: (o) => shift(o.input, o.dy, o.dx),
  change: (o) => changeRatio(o.before, o.after),
  size: (o) => [outputSize(o.n, o.k, o.stride, o.padding), paddingAmounts(o.n, o.k, o.stride, o.padding)],
  kernel: (o) => presetKernel(o.name, o.size),
};

export function run(item) {
  try {
    return OPS[item.op](item);
  } catch (err) {
    return { error: err.message };
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(run)));
});
