// Les boutons qui flottent au-dessus de la page (« Retour en haut » de Material) et les pads de
// dessin : un doigt posé sur un tel bouton ne dessine pas, il fait défiler la page ou remonte en
// haut. Ce module dit, sans DOM, quand un bouton flottant couvre un pad ; topbutton.js l'applique
// à la page.

/** Marge autour d'un pad (pixels CSS) : un bouton à moins de cette distance le gêne encore. */
export const PAD_MARGIN = 8;

/**
 * Vrai si le rectangle `button` chevauche l'un des rectangles `pads`, agrandis de `margin`.
 * Rectangles comme ceux de getBoundingClientRect : { left, top, right, bottom }. Un rectangle
 * vide (élément caché, sans taille) ne chevauche rien.
 */
export function coversAnyPad(button, pads, margin = PAD_MARGIN) {
  if (!button || button.right <= button.left || button.bottom <= button.top) return false;
  return pads.some((pad) => pad.right > pad.left && pad.bottom > pad.top
    && button.left < pad.right + margin && button.right > pad.left - margin
    && button.top < pad.bottom + margin && button.bottom > pad.top - margin);
}
