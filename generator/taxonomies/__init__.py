"""Official and curated reference lists (KLE, FORM, KLA, KITOS IT-systems, municipalities, technologies).

``lookup`` answers questions about the cached lists; ``build`` (from the source files) and
``refresh`` (from the official APIs) produce them and are never imported by the checks.
"""

from generator.taxonomies.lookup import LIST_NAMES, Taxonomies, Term, TaxonomyList, lists_version, load_taxonomies

__all__ = ["LIST_NAMES", "Taxonomies", "Term", "TaxonomyList", "lists_version", "load_taxonomies"]
