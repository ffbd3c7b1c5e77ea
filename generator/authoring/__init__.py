"""Ways in for contributors who do not write YAML: ``autoproces lists`` and ``autoproces new``.

The core only: the reference lists, the model and the checks (no mkdocs, no site layer).
"""
