"""The published website: an mkdocs plugin that turns the filtered catalogue into pages and exports.

The plugin (``plugin.py``) is glue only. Page families live in ``pages_*.py`` and render Jinja
templates from ``site_templates/``; exports (``exports.py``, ``feed.py``) and the git history
(``history.py``) are plain modules that read a :class:`generator.audience.Published` and nothing else.
``build.py`` is what ``autoproces build`` calls.
"""
