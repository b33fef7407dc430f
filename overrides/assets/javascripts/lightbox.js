// Agrandir une figure : un toucher, un clic ou Entrée sur une figure d'un chapitre l'ouvre en
// plein écran (élément <dialog> natif : Échap, « Fermer » ou un clic la referment). La figure est
// celle de la page, sans copie : son texte alternatif la décrit aussi dans la vue agrandie.
// Chargé sur toutes les pages (mkdocs.yml) ; ne fait rien là où il n'y a pas de figure.

const FIGURES = '.md-typeset img.dl-figure';

function lightbox() {
  let dialog = document.querySelector('dialog.dl-lightbox');
  if (dialog) return dialog;
  dialog = document.createElement('dialog');
  dialog.className = 'dl-lightbox';
  dialog.setAttribute('aria-label', 'Figure agrandie');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'dl-lightbox__close';
  close.textContent = 'Fermer';
  const figure = document.createElement('figure');
  figure.className = 'dl-lightbox__figure';
  figure.append(document.createElement('img'));
  dialog.append(close, figure);
  dialog.addEventListener('click', () => dialog.close());
  document.body.append(dialog);
  return dialog;
}

function open(img) {
  const dialog = lightbox();
  const big = dialog.querySelector('img');
  big.src = img.currentSrc || img.src;
  big.alt = img.alt;
  dialog.showModal();
  dialog.querySelector('.dl-lightbox__close').focus();
}

/** Rend chaque figure de la page activable (un bouton qui l'enveloppe), une seule fois. */
export function enableZoom(scope = document) {
  for (const img of scope.querySelectorAll(FIGURES)) {
    if (img.closest('.dl-zoom')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'dl-zoom';
    button.setAttribute('aria-label', `Agrandir la figure\u00a0: ${img.alt}`);
    img.replaceWith(button);
    button.append(img);
    button.addEventListener('click', () => open(img));
  }
}

if (typeof window !== 'undefined') {
  // Navigation instantanée de Material : chaque nouvelle page arrive par document$.
  if (window.document$ && typeof window.document$.subscribe === 'function') {
    window.document$.subscribe(() => enableZoom());
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => enableZoom());
  else enableZoom();
}
