// Pont pour tests/test_pad.py : lit sur l'entrée standard une liste JSON de dessins (listes de
// traits, chaque trait une liste de points [x, y]) et écrit, pour chacun, ce que calcule
// strokes.js : les traits retenus, le plan de rendu et le chemin lissé de chaque trait.
import { meaningfulStrokes, renderPlan, smoothPath } from '../../docs/assets/demo/strokes.js';

export function run(strokes) {
  const kept = meaningfulStrokes(strokes);
  const plan = renderPlan(kept);
  return { kept: kept.length, plan, paths: kept.map((s) => smoothPath(s, plan)) };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(run)));
});
