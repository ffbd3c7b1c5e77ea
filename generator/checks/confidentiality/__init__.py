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
  (recorded by :func:`record_audience_findings` when a build chooses its audience).
* ``symlinks``: AP510/AP511, nothing is read or published through a symbolic link (process
  files, municipality folders, attachment folders and files); refused when the catalogue is loaded.
* ``attachment_types``: AP512-AP514, the allow-list of attachment types, checked by extension
  and content, and the size limit.
* ``rules``: the rule texts; ``paths``: where a value sits in the file.

The rules are part of the one rule table (``generator.checks.rules``) and the checks are listed
in ``generator.checks.run`` with the others; importing this package registers nothing. A
process with an AP5xx error is never published (``generator.audience``).
"""
