"""Le modèle de la démo : de MNIST au réseau que votre navigateur exécute.

Ce sous-paquet fabrique les deux réseaux de la démo (un CNN et un MLP) et rien d'autre ; les
chapitres n'en ont pas besoin pour leurs propres calculs. Dans l'ordre du trajet :

- :mod:`.paths` : où vivent les artefacts (``models/``), une seule fois pour tout le projet ;
- :mod:`.architecture` : les deux réseaux Keras 2 (``tf_keras``) ;
- :mod:`.strokes` et :mod:`.augment` : les formes d'écriture européennes et les déformations
  ajoutées à MNIST pendant l'entraînement ;
- :mod:`.training` : l'entraînement, la validation et l'évaluation ;
- :mod:`.export` : la quantification et l'export vers TensorFlow.js ;
- :mod:`.fingerprint` : l'empreinte qui dit si les artefacts commités sont à jour.

``scripts/train.py`` enchaîne le tout ; ``hooks/models.py`` vérifie l'empreinte à chaque
``mkdocs build``.
"""
