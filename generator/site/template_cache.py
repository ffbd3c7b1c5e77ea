"""Compiled templates kept between incremental builds (``build --incremental``, ``serve``).

Jinja compiles every template a build uses (about 50: mkdocs-material's and ours) from its source on
first use, which costs half a second a build. Jinja can keep the compiled code (``BytecodeCache``), but
compiled code is code: loading it runs nothing, yet what it holds runs when the page renders. The
folder is hostile input (a restored CI cache, a pull request that commits it), so each entry is a
cache file of ``generator.verified_cache``, signed with the user's own key: an entry written anywhere
else does not verify and the template is compiled from its source. Jinja itself rejects an entry of
another template source or another Python or Jinja version; the folder's name covers what the
compiled code depends on besides the source (the generator's code, which sets the environment's
options, and the versions of mkdocs and the theme).

A full build neither reads nor writes this cache, like every cache of the incremental builds.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2

from generator.checks.cache import code_version
from generator.checks.confidentiality.symlinks import first_link
from generator.verified_cache import FOLDER, read_verified_bytes, user_key, write_verified

FORMAT = 1
MAX_ENTRY_BYTES = 4_000_000  # the largest compiled template is about 200 kB


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def folder_name(kind: str) -> str:
    """The cache folder of one environment (``kind``: ``theme`` or ``pages``) for this code."""
    parts = (kind, code_version(), jinja2.__version__, _package_version("mkdocs"), _package_version("mkdocs-material"))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


class SignedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in ``<project>/.autoproces-cache/templates/<folder>/``, signed."""

    def __init__(self, project_dir: Path, kind: str, key: bytes):
        self.root = Path(project_dir)
        self.folder = self.root / FOLDER / "templates" / folder_name(kind)
        self.key = key

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.bin"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        body = read_verified_bytes(self._path(bucket), fmt=FORMAT, max_bytes=MAX_ENTRY_BYTES, root=self.root,
                                   key=self.key)
        if body is not None:
            bucket.bytecode_from_string(body)  # Jinja resets the bucket when source or versions differ

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if first_link(self.folder, self.root) is not None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        write_verified(self._path(bucket), bucket.bytecode_to_string(), fmt=FORMAT, root=self.root, key=self.key,
                       sync=False, writer="autoproces build")


def bytecode_cache(project_dir: Path, kind: str) -> SignedBytecodeCache | None:
    """The compiled templates of ``kind`` for an incremental build; None without a signing key."""
    key = user_key()
    return None if key is None else SignedBytecodeCache(project_dir, kind, key)
