"""autoproces: a Git-native catalogue of Danish municipal work processes.

The core (loading, model, checks, taxonomies, catalogue) never imports mkdocs;
the site layer lives in ``generator.site``.
"""

__version__ = "0.1.0"
