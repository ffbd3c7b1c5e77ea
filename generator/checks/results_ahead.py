"""What a warm process knows of the results cache before a build asks: empty in every other process.

The preview's build process (``generator.site.build_server``) outlives its builds, each of which runs in
a fork of it. Between two builds it reads the results cache (``results_cache``) the last build wrote,
verifies it as a build does, and keeps two things here for the next fork to inherit:

- :data:`VERIFIED_AHEAD`: the file's lines, with the file's identity (device, inode, size, change
  and modification times) taken before it was read. A build whose file has that very identity uses
  those lines instead of reading and verifying the file again. The identity is only kept for a file
  unchanged for :data:`SETTLED_SECONDS` before it was read: any later write gives it a later change
  time, which no one but the kernel sets, so the same identity means the same, verified bytes.
- :data:`PARSED_AHEAD`: each line parsed into its findings, process, shown texts and confidential
  values. A build uses a parsed line only when its bytes are those of the line it verified under the
  same key.

Neither is ever written to disk, and a fork changes only its own copy.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Mapping

SETTLED_SECONDS = 2.0  # far above the kernel's clock tick, and any step of the clock a build would meet

Identity = tuple[int, int, int, int, int]


def identity(path: Path) -> Identity | None:
    """What changes whenever the file does (its change time, set only by the kernel, included)."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


class VerifiedLines:
    """The lines of a results cache file as read and verified, by file, header and identity."""

    def __init__(self) -> None:
        self.found: tuple[Path, bytes, Identity, Mapping[str, bytes]] | None = None

    def remember(self, path: Path, header: bytes, before: Identity | None, read_at: float,
                 lines: Mapping[str, bytes]) -> None:
        """Keep ``lines``, read (and verified) at ``read_at`` from ``path`` whose identity before the read
        was ``before``; nothing when the file had changed less than :data:`SETTLED_SECONDS` before."""
        settled = before is not None and before[4] < (read_at - SETTLED_SECONDS) * 1e9
        self.found = (path, header, before, lines) if settled else None  # type: ignore[assignment]

    def forget(self) -> None:
        self.found = None

    def lines_for(self, path: Path, header: bytes) -> Mapping[str, bytes] | None:
        """The lines kept for ``path`` with ``header`` when the file is still the one that was read."""
        if self.found is None:
            return None
        kept_path, kept_header, kept_identity, lines = self.found
        if kept_path != path or kept_header != header or identity(path) != kept_identity:
            return None
        return lines


class ParsedLines:
    """Cache lines parsed ahead of a build, by key, with the bytes each was parsed from."""

    def __init__(self) -> None:
        self.by_key: dict[str, tuple[bytes, Any]] = {}

    def get(self, key: str, line: bytes) -> Any | None:
        found = self.by_key.get(key)
        return found[1] if found is not None and found[0] == line else None

    def refresh(self, lines: Mapping[str, bytes], parse: Callable[[bytes], Any], invalid: type[Exception]) -> None:
        """Parse the ``lines`` not parsed before (a line ``parse`` refuses with ``invalid`` is left out);
        forget the others."""
        kept: dict[str, tuple[bytes, Any]] = {}
        for key, line in lines.items():
            found = self.by_key.get(key)
            if found is None or found[0] != line:
                try:
                    found = (line, parse(line))
                except invalid:
                    continue
            kept[key] = found
        self.by_key = kept


VERIFIED_AHEAD = VerifiedLines()
PARSED_AHEAD = ParsedLines()
