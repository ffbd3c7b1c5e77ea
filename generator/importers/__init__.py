"""Importers that turn another system's processes into process files.

``autoproces import os2autoproces`` reads OS2autoproces's REST API (HAL JSON pages, from files or
fetched page by page) or its Excel export. Each reader produces the same neutral records
(:mod:`generator.importers.records`); the mapping turns a record into the fields of a process file,
the plan decides where each file goes, and the writer writes the files atomically.
"""
