// Assemble les labos : chaque élément [data-lab] de la page devient un labo. Chargé par labs.js,
// et seulement sur une page qui a un labo ; labs.js appelle mountAll à chaque page.
//
// Pour placer un labo dans une page Markdown ou une cellule Markdown de chapitre :
//
//     <div data-lab="convolution"></div>   noyau modifiable sur votre dessin
//     <div data-lab="pooling"></div>       max, moyenne, L2 sur votre dessin, décalage
//     <div data-lab="train"></div>         entraîner un petit réseau dans la page (TF.js)

import { frenchSpaces } from '../demo/fmt.js';
import { ConvolutionLab } from './convlab.js';
import { CANNOT_START } from './labui.js';
import { PoolingLab } from './poollab.js';
import { TrainLab } from './train/lab.js';

const LABS = { convolution: ConvolutionLab, pooling: PoolingLab, train: TrainLab };

/** « convolution, pooling ou train » : les noms possibles de data-lab. */
function labNames() {
  const names = Object.keys(LABS);
  return `${names.slice(0, -1).join(', ')} ou ${names[names.length - 1]}`;
}

/** Monte un labo dans chaque élément [data-lab] pas encore monté. */
export function mountAll(scope = document) {
  for (const root of scope.querySelectorAll('[data-lab]')) {
    if (root.dataset.labMounted) continue;
    root.dataset.labMounted = 'true';
    const Lab = Object.hasOwn(LABS, root.dataset.lab) ? LABS[root.dataset.lab] : null;
    if (!Lab) {
      // Une erreur de la page (pas du navigateur) : on dit laquelle, en français.
      console.error(`Laboratoire inconnu : data-lab="${root.dataset.lab}"`);
      root.dataset.state = 'error';
      root.textContent = frenchSpaces(`Laboratoire inconnu « ${root.dataset.lab} » : les laboratoires possibles `
        + `sont ${labNames()}.`);
      continue;
    }
    try {
      root.lab = new Lab(root);
    } catch (err) {
      console.error('Laboratoire :', err);
      root.dataset.state = 'error';
      root.textContent = frenchSpaces(CANNOT_START);
    }
  }
}
