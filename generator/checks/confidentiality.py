"""Confidentiality and personal-data rules (AP5xx). Filled in by the confidentiality work."""
