// Point d'entrée de la démo, chargé sur toutes les pages (extra_javascript de mkdocs.yml) : le code
// de la démo (app.js et ses modules, TensorFlow.js ensuite) ne se télécharge que sur une page qui a
// une démo ou des mesures à afficher. Voir app.js pour placer une démo dans une page.

import { loadWhenPresent } from './lazy.js';

loadWhenPresent('[data-demo], [data-demo-benchmark], [data-photo-benchmark]', () => import('./app.js'),
  'La démo n\'a pas pu se charger (connexion interrompue\u00a0?)\u00a0: rechargez la page.');
