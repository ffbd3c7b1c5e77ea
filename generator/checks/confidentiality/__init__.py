"""Confidentiality, personal data and hostile text (AP5xx).

One module per concern:

* ``cpr``: AP501, a CPR number anywhere in the file (any text, nested fields, comments) is an
  error. The message masks the number.
* ``emails``: AP502, a personal e-mail address in a public process (see :func:`is_personal_email`).
* ``html_audit``: AP503/AP504, HTML that the sanitizer removes (Markdown fields) or that is
  shown as plain text (all other fields).
* ``links``: AP505, a link that is not a plain ``http(s)://`` address.
* ``attachments``: AP506/AP507, attachments must be regular files in ``<municipality>/bilag/``
  next to the process file (no symlinks out of that folder).
* ``visibility``: AP508, a ``municipality`` or ``personal`` process in the shared repository;
  AP509, an overlay file for another municipality than the one a private site is built for
  (recorded by :func:`record_audience_findings` when a build chooses its audience); AP510, a
  process file that is a symbolic link out of its folder.
* ``rules``: the rule texts; ``paths``: where a value sits in the file.

Importing this package registers the rules and adds the checks to the pipeline
(``generator.checks.run``). A process with an AP5xx error is never published
(``generator.audience``).
"""

from __future__ import annotations

from generator.checks.confidentiality.attachments import ATTACHMENT_FOLDER, attachment_folder, check_attachments
from generator.checks.confidentiality.cpr import check_cpr, find_cpr_numbers, mask_cpr
from generator.checks.confidentiality.emails import check_personal_email, is_personal_email
from generator.checks.confidentiality.html_audit import check_html, html_removed
from generator.checks.confidentiality.links import check_links, link_problem
from generator.checks.confidentiality.paths import describe_path
from generator.checks.confidentiality.rules import CONFIDENTIALITY_RULES
from generator.checks.confidentiality.visibility import (
    audience_findings,
    check_process_symlink,
    check_shared_visibility,
    record_audience_findings,
)
from generator.checks.rules import register
from generator.checks.run import register_document_check, register_process_check

__all__ = [
    "ATTACHMENT_FOLDER",
    "CONFIDENTIALITY_RULES",
    "attachment_folder",
    "audience_findings",
    "check_attachments",
    "check_cpr",
    "check_html",
    "check_links",
    "check_personal_email",
    "check_process_symlink",
    "check_shared_visibility",
    "describe_path",
    "find_cpr_numbers",
    "html_removed",
    "is_personal_email",
    "link_problem",
    "mask_cpr",
    "record_audience_findings",
]

for _rule in CONFIDENTIALITY_RULES:
    register(_rule)

# Checks that need only the YAML data (they run even when the schema fails), then checks
# that need a schema-valid process; the order is the order of findings in the pipeline.
for _check in (check_cpr, check_html, check_process_symlink):
    register_document_check(_check)
for _check in (check_personal_email, check_links, check_attachments, check_shared_visibility):
    register_process_check(_check)
