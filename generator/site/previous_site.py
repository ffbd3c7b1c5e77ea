"""The previous site's unchanged pages, reused by an incremental build as hard links instead of copies
(the manifest and the linking itself: ``generator.linked_files``).

After an incremental build has replaced its site folder, the build keeps a *manifest* beside the page
cache (``.autoproces-cache/sites/``): for every page filled outside mkdocs (``generator.site.bulk``) its path in the site, its page
cache key and the identity of the file written (device, inode, size, modification time in
nanoseconds). The next incremental build links the previous site's file into its staging folder
when the page's key is the one in the manifest and the file is still that very file: a regular file
(``lstat``, never a symbolic link) with the same identity. A file that was truncated, edited,
replaced or turned into a link has another identity and the page is rendered and written again.

Linking never changes the previous site: it stays complete until the new site is swapped in, and a
failed build leaves it as it was. A manifest that cannot be read is no manifest (nothing is reused).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.checks.confidentiality.symlinks import first_link
from generator.linked_files import Identity, PreviousSite, forget_manifest, identity, save_manifest
from generator.site.page_cache import CACHE_FOLDER


def manifest_path(project_dir: Path, target: Path) -> Path | None:
    """``<project>/.autoproces-cache/sites/<hash of target>.manifest``; None when a part is a symbolic link."""
    path = project_dir / CACHE_FOLDER / "sites" / f"{hashlib.sha256(os.fsencode(target)).hexdigest()[:16]}.manifest"
    return None if first_link(path, project_dir) is not None else path


__all__ = ["Identity", "PreviousSite", "forget_manifest", "identity", "manifest_path", "save_manifest"]
