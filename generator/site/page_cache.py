"""The page cache of an incremental build: a filled page is reused while its inputs are unchanged.

A page's key is the SHA-256 of everything its HTML is made from: the build's common inputs (the
generator's code, the templates, the reference lists, the settings, the installed packages) and
the shell of its kind (theme, navigation, configuration), plus the page's own inputs
(``GeneratedPage.inputs``: its record, the titles it links to, its history, ...). An entry is a
file named by the key that holds the SHA-256 of the page and the page; an entry whose content does
not match its hash (corrupted, cut off, edited) is not used: the page is rendered and stored again.
Entries not used by a build are removed afterwards, so the cache holds one site per namespace.
Pages mkdocs renders itself whose inputs are small summaries (a reference list's usage counts, a
browse index's groups) keep their body here too (:func:`cached_body`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Iterable

from generator.checks.confidentiality.symlinks import first_link
from generator.code_digest import installed_packages, source_hash
from generator.files import write_bytes_atomic
from generator.site.templates import Rendered

CACHE_FOLDER = ".autoproces-cache"
VERSION = b"autoproces-pages-1"


def _digest_files(paths: Iterable[Path], root: Path) -> bytes:
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def common_inputs(*, templates: Path, taxonomies: Path, settings: tuple) -> bytes:
    """The inputs every page shares (computed once per build)."""
    digest = hashlib.sha256(VERSION)
    digest.update(source_hash().encode())
    digest.update(_digest_files(templates.rglob("*"), templates) if templates.is_dir() else b"")
    if taxonomies.is_dir():
        lists = [*taxonomies.glob("*.json"), *(taxonomies / "sources" / "curated").glob("*")]
        digest.update(_digest_files(lists, taxonomies))
    digest.update(repr((sys.version, list(installed_packages()), settings)).encode())
    return digest.digest()


class PageCache:
    """Entries ``<folder>/<key[:2]>/<key>``: 64 hex digits of the page's SHA-256, a newline, the page."""

    def __init__(self, folder: Path, common: bytes):
        self.folder = folder
        self.common = common

    def key(self, kind: str, shell_digest: bytes, inputs: tuple) -> str:
        digest = hashlib.sha256(self.common)
        digest.update(kind.encode() + b"\0" + shell_digest + b"\0" + repr(inputs).encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        """The cached page, or None when there is none or it does not match its hash."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        header, _, page = data.partition(b"\n")
        if header.decode("ascii", "replace") != hashlib.sha256(page).hexdigest():
            return None
        return page

    def put(self, key: str, page: bytes) -> None:
        header = hashlib.sha256(page).hexdigest().encode()
        write_bytes_atomic(self._path(key), header + b"\n" + page, sync=False)

    def prune(self, used: set[str]) -> None:
        """Remove every entry this build did not use."""
        if not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            if not shard.is_dir() or shard.is_symlink():
                continue
            for entry in shard.iterdir():
                if entry.name not in used:
                    entry.unlink(missing_ok=True)


def cached_body(cache: PageCache, src_uri: str, inputs: tuple, render) -> tuple[Rendered, str]:
    """A page body mkdocs renders itself (a reference list, a browse index), reused while its inputs
    are unchanged; the body and its key (so the build keeps the entry)."""
    key = cache.key("body", b"", (src_uri, inputs))
    data = cache.get(key)
    if data is not None:
        try:
            stored = json.loads(data)
            return Rendered(stored["html"], [(anchor, name) for anchor, name in stored["toc"]]), key
        except (ValueError, KeyError, TypeError):
            pass  # not a body of this kind: rendered again below
    rendered = render()
    cache.put(key, json.dumps({"html": rendered.html, "toc": rendered.toc}, ensure_ascii=False).encode())
    return rendered, key


def cache_folder(project_dir: Path, namespace: str) -> Path | None:
    """``<project>/.autoproces-cache/pages/<namespace>``; None when a part of it is a symbolic link."""
    folder = project_dir / CACHE_FOLDER / "pages" / hashlib.sha256(namespace.encode()).hexdigest()[:16]
    return None if first_link(folder, project_dir) is not None else folder


def shell_digest(htmls: Iterable[str]) -> bytes:
    digest = hashlib.sha256()
    for html in htmls:
        digest.update(html.encode() + b"\0")
    return digest.digest()


__all__ = ["CACHE_FOLDER", "PageCache", "cache_folder", "cached_body", "common_inputs", "shell_digest"]
