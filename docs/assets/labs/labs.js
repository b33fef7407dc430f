// Point d'entrée des labos, chargé sur toutes les pages (extra_javascript de mkdocs.yml) : leur
// code (app.js et ses modules) ne se télécharge que sur une page qui a un labo. Voir app.js pour
// placer un labo dans une page.

import { loadWhenPresent } from '../demo/lazy.js';

loadWhenPresent('[data-lab]', () => import('./app.js'),
  'Ce labo n\'a pas pu se charger (connexion interrompue\u00a0?)\u00a0: rechargez la page.');
