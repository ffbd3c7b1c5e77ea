"""autoproces: a Git-native catalogue of Danish municipal work processes.

The core (loading, model, checks, taxonomies, catalogue, audience) never imports mkdocs, and
neither do the pipeline, the exports and the search; the site layer lives in ``generator.site``.
"""

__version__ = "0.1.0"
