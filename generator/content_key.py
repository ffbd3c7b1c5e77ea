"""The content key of a published process: one short hash that changes whenever the process as published does.

The outputs that reuse work between incremental builds (the page cache, the exports' fragments) key each
process by what it shows. Dumping the whole model to JSON for that costs about as much as rendering a
cached page, and three outputs did it for every process. The publication already knows, for each file,
the hash of the bytes the check read (``batch.digest``): the process is made from those bytes alone by the
generator's code (``checks.schema.validate_document``, no lists, no date, no path). The process *as
published* then depends only on who the build is for: whether the audience owns it (else
``Audience.shield`` blanks its confidential fields) and which of its relations point to processes the
build holds (``audience._cut_relations``). So the key is a hash of

* the code and the libraries that turn bytes into a process (the generator's source, Python, pydantic,
  the YAML parsers),
* the file's place and the hash of its bytes,
* the audience's name, whether it owns the process, and the relations left after the cut.

A process without a known file hash (made in memory, or read by a command that keeps no hashes) is keyed
by its JSON dump instead, as before. The two kinds of key can never be equal (each names its kind).
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from generator.model import Process

VERSION = "autoproces-content-key-1"  # changes when what a key covers changes
_PARSERS = ("pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "PyYAML")


@lru_cache(maxsize=1)
def _code() -> bytes:
    """What turns a file's bytes into a process: the generator's source and the versions of its parsers."""
    from generator.checks.cache import code_version

    versions = []
    for name in _PARSERS:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}: none")
    return hashlib.sha256(f"{VERSION}\0{sys.version}\0{versions!r}\0{code_version()}".encode()).digest()


def file_key(path: Path, file_digest: str, audience: str, owned: bool, process: Process) -> str:
    """The key of the process read from the file at ``path`` (whose bytes hash to ``file_digest``), as
    published for ``audience``; ``process`` is the published one (its relations after the cut)."""
    digest = hashlib.blake2b(_code(), digest_size=20)
    relations = (tuple(process.umbrellas), process.derived_from)
    digest.update(repr(("file", str(path), file_digest, audience, owned, relations)).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def dump_key(process: Process) -> str:
    """The key of a process known only as a model: a hash of its JSON dump."""
    digest = hashlib.blake2b(_code(), digest_size=20)
    digest.update(b"dump\0" + process.model_dump_json().encode())
    return digest.hexdigest()


__all__ = ["dump_key", "file_key"]
