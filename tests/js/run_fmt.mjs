// Pont pour tests/test_fmt_parity.py : lit sur l'entrée standard une liste JSON d'appels
// [nom, arguments…] et écrit la liste des résultats de fmt.js.
import * as fmt from '../../docs/assets/demo/fmt.js';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const calls = JSON.parse(input);
  process.stdout.write(JSON.stringify(calls.map(([name, ...args]) => fmt[name](...args))));
});
