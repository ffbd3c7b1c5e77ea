"""Symbolic links in the catalogue (AP510, AP511): nothing is read or published through a link.

A pull request can add a link anywhere: ``processes/aarhus/bilag -> /proc/self`` or ``-> ../../.git``
would publish the build machine's environment or the checkout's credentials. So the catalogue is
walked without following links, and every link found below a process root is refused *before*
anything is read through it:

* AP510: a process file (``*.yaml``) that is a symbolic link;
* AP511: any other link: a municipality folder, an attachment folder, an attachment file, or a
  folder on the path of a file named on the command line.

``check processes/`` and ``check processes/<m>/`` find the same links: a linked folder named on the
command line is refused just as the walk of its parent refuses it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from generator.diagnostics import Finding, display_path

YAML_SUFFIXES = (".yaml", ".yml")


def shown(text: str) -> str:
    """A file name or link target as one printable line (a name with a newline cannot forge output)."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:200]


def link_target(path: Path) -> str:
    try:
        return shown(os.readlink(path))
    except OSError:
        return "?"


def walk_catalogue(folder: Path) -> Iterator[Path]:
    """Every process file and every symbolic link below ``folder``, sorted; links are never followed."""
    return iter([folder.joinpath(*parts) for parts, _ in walk_parts(folder, os.path.abspath(folder))])


def walk_parts(folder: Path, located: str) -> list[tuple[tuple[str, ...], str]]:
    """What :func:`walk_catalogue` finds, as the parts of each path below ``folder`` (in the order of
    ``sorted``) with its absolute path, given the folder's own (``located``): no path is made or normalised."""
    found: list[tuple[tuple[str, ...], str]] = []
    pending: list[tuple[tuple[str, ...], str, str]] = [((), os.fspath(folder), located)]
    while pending:  # what os.walk(followlinks=False) visits, with the file types the listing already has
        parts, base, base_located = pending.pop()
        try:
            with os.scandir(base) as listing:
                items = list(listing)
        except OSError:
            continue
        for item in items:
            name = item.name
            if item.is_symlink():
                found.append((parts + (name,), base_located + os.sep + name))
            elif item.is_dir():
                pending.append((parts + (name,), base + os.sep + name, base_located + os.sep + name))
            elif os.path.splitext(name)[1].lower() in YAML_SUFFIXES and item.is_file():
                found.append((parts + (name,), base_located + os.sep + name))
    found.sort()
    return found


def is_refused_folder(path: Path, roots: Iterable[Path]) -> bool:
    """True for a folder named on the command line that is a link (a process root itself may be one)."""
    if not path.is_symlink():
        return False
    absolute = os.path.abspath(path)
    return not any(absolute == os.path.abspath(root) for root in roots) and path.name != "processes"


def first_link(path: Path, root: Path | None) -> Path | None:
    """The first symbolic link on the way from ``root`` (exclusive) down to ``path`` (inclusive)."""
    located = Path(os.path.abspath(path))
    base = Path(os.path.abspath(root)) if root is not None else None
    if base is None or not located.is_relative_to(base):
        return path if path.is_symlink() else None
    probe = base
    for part in located.relative_to(base).parts:
        probe = probe / part
        if probe.is_symlink():
            return probe
    return None


def refuse_linked_path(path: Path, root: Path | None) -> list[Finding]:
    """AP510/AP511 for a path that is, or lies below, a link; empty when the path may be read."""
    link = first_link(path, root)
    if link is None:
        return []
    target = link_target(link)
    same = os.path.abspath(link) == os.path.abspath(path)
    if same and path.suffix.lower() in YAML_SUFFIXES:
        folder = path.parent.name + "/"
        return [Finding.make("AP510", path, None, None, target=target, folder=folder)]
    if same:
        kind = "Mappen" if path.is_dir() else "Filen" if path.exists() else "Linket"
        what = f"{kind} '{shown(display_path(path))}'"
    else:
        what = f"Mappen '{shown(display_path(link))}', som filen ligger i,"
    return [Finding.make("AP511", path, None, None, item=what, target=target, link=shown(display_path(link)))]


def is_link_entry(path: Path) -> bool:
    """True for a refused path that is not a process file (a linked folder or other file)."""
    return path.is_symlink() and path.suffix.lower() not in YAML_SUFFIXES
