"""Sharing through pull requests: the review report, ownership, peer validation, copies, the audit."""
