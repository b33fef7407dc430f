// Le dernier geste du lecteur gagne. Chaque geste (un trait commencé, Effacer, Annuler, un
// fichier choisi) ouvre une nouvelle génération ; un travail lent (lire et décoder une image)
// note la génération où il a commencé, et son résultat n'est appliqué que si aucun geste n'a
// suivi entre-temps. Ainsi une image qui finit de se décoder n'efface pas un tracé commencé, et
// un fichier lent choisi d'abord ne remplace pas un fichier rapide choisi ensuite.
// Module pur (aucun accès au DOM), testé par tests/js/generation.test.mjs.

export class Generations {
  constructor() {
    this.current = 0;
  }

  /** Un nouveau geste : tout travail commencé avant est périmé. Renvoie le ticket du geste. */
  next() {
    this.current += 1;
    return this.current;
  }

  /** Vrai si aucun geste n'a suivi celui de ce ticket. */
  isCurrent(ticket) {
    return ticket === this.current;
  }
}
