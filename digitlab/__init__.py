"""digitlab : le code des leçons, celui qu'importent les chapitres.

Les données (:mod:`.data`), le prétraitement « à la MNIST » (:mod:`.preprocess`) et le pad de
dessin (:mod:`.pad`) — jumeaux Python du code de la démo —, le neurone (:mod:`.neuron`), le
réseau écrit avec NumPy (:mod:`.network`), la convolution et le pooling (:mod:`.conv`), le style
des figures (:mod:`.plotting`) et les nombres à la française (:mod:`.fmt`). Les chapitres, les
scripts et les tests importent d'ici : une seule source pour chaque logique.

Le modèle de la démo a son propre sous-paquet, :mod:`digitlab.demo_model` ; l'outillage du site
et des tests vit à côté, dans ``sitetools/``.
"""
