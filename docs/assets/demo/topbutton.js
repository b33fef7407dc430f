// Le bouton « Retour en haut » de Material (.md-top, option navigation.top) apparaît quand on
// remonte dans la page, en haut de l'écran. Sur un téléphone, il tombe souvent sur le pad : le
// trait qui commence sous lui est perdu et la page défile. Tant qu'il couvre un pad, on le cache
// (classe dl-pad-under-top sur <html>, voir demo.css) ; ailleurs, il reste là.

import { coversAnyPad } from './floating.js';

const HIDDEN_CLASS = 'dl-pad-under-top';
const pads = new Set();
let listening = false;
let scheduled = false;

function update() {
  scheduled = false;
  for (const canvas of pads) if (!canvas.isConnected) pads.delete(canvas);
  const button = document.querySelector('.md-top');
  const hide = Boolean(button) && coversAnyPad(button.getBoundingClientRect(),
    [...pads].map((canvas) => canvas.getBoundingClientRect()));
  document.documentElement.classList.toggle(HIDDEN_CLASS, hide);
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(update);
}

/** Garde le bouton « Retour en haut » hors du pad `canvas`, tant que celui-ci est dans la page. */
export function keepTopButtonOff(canvas) {
  pads.add(canvas);
  if (!listening) {
    listening = true;
    // Capture : le défilement d'un conteneur intérieur compte aussi.
    window.addEventListener('scroll', schedule, { passive: true, capture: true });
    window.addEventListener('resize', schedule, { passive: true });
  }
  schedule();
}
