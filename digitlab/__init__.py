"""digitlab : le code partagé du site (données, prétraitement, réseau NumPy, modèle Keras).

Les chapitres, les scripts et les tests importent d'ici : une seule source pour chaque logique.
"""
