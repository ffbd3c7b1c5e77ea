"""The published website: an mkdocs plugin that turns the publication into pages, and nothing more.

The plugin (``plugin.py``) is glue only. Page families live in ``pages_*.py`` and render Jinja
templates from ``site_templates/``. Everything they show comes from a
:class:`generator.publication.Publication` made by ``generator.pipeline``; the exports
(``generator.exports``) and the search (``generator.search``) are written by the pipeline, not
here. ``build.py`` is what ``autoproces build`` calls.
"""
