"""What the generator's caches are made by, worked out once per process: its source and the packages.

Every cache of a build (the check and results caches, the content keys, the history, the page and export
caches) is valid only for the code that made it, so each key covers a hash of the generator's source; the
page and export caches also cover the installed packages (Markdown, the HTML cleaner, the theme ...).
Hashing some 250 files and listing the installed packages costs tens of milliseconds each time, and a
build asks in several places and in the processes it forks: the answers are kept here, once per
process (a fork inherits them). They describe the code this process loaded: a warm process (the
preview's ``build_server``) that outlives an edit of the generator keeps running the code it imported,
and its caches say so.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # the ``generator`` folder


def tree_hash(files: list[Path], base: Path) -> str:
    """SHA-256 (hex) of the files in this order: each one's path below ``base`` and its bytes."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def source_hash() -> str:
    """:func:`tree_hash` of every module of the generator, sorted."""
    return tree_hash(sorted(PACKAGE.rglob("*.py")), PACKAGE)


@functools.lru_cache(maxsize=1)
def installed_packages() -> tuple[str, ...]:
    """``name==version`` of every installed distribution, sorted."""
    return tuple(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()))
