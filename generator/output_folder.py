"""Where a build may write the site, and the file modes of what it wrote.

``autoproces build`` replaces its site folder as a whole, so ``--site-dir processes`` would replace
the catalogue and ``--site-dir .`` the project with its ``.git``. A folder is accepted only when it
does not exist, is empty, or carries the marker file that an earlier build wrote; never when it is,
contains or lies inside one of the project's sources, and never when it is a file.

Staging folders (``.<site>.new-<pid>-*``, ``.<site>.old-<pid>``) of a build that was interrupted are
removed by the next build; the pid in the name tells them from those of a build that still runs.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from pathlib import Path
from typing import Iterable

from generator.files import process_alive, staging_directory, write_text_atomic

MARKER = ".autoproces-site"
MARKER_TEXT = ("Denne mappe er skrevet af 'autoproces build'. Den erstattes helt, når websitet bygges igen;\n"
               "læg ikke andre filer her.\n")
DIRECTORY_MODE, FILE_MODE = 0o755, 0o644


class OutputFolderError(Exception):
    """The site folder cannot be used; ``str(error)`` is a Danish message that says what to do."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _shown(path: Path) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in str(path))


def site_folder_problem(target: Path, sources: Iterable[Path], option: str = "--site-dir") -> str | None:
    """Why ``target`` may not be (re)written by a build, in Danish, or None when it may.

    ``option`` is the command-line option that chose the folder (named in the advice)."""
    shown = _shown(target)
    if os.path.lexists(target) and not target.is_dir():
        return (f"'{shown}' er en fil og ikke en mappe. Vælg en anden mappe med {option}, "
                "eller slet filen, hvis den ikke skal bruges.")
    real = _real(target)
    for source in sources:
        source_real = _real(source)
        if not os.path.lexists(source):
            continue
        if real == source_real:
            relation = "er"
        elif source_real.is_relative_to(real):
            relation = "indeholder"
        elif real.is_relative_to(source_real):
            relation = "ligger inde i"
        else:
            continue
        return (f"Mappen '{shown}' {relation} projektets kilder ({_shown(source)}), som en build ville slette. "
                f"Vælg en mappe uden for kilderne med {option}, fx 'site'.")
    if real.is_dir() and any(real.iterdir()) and not (real / MARKER).is_file():
        return (f"Mappen '{shown}' er ikke tom og er ikke skrevet af en tidligere 'autoproces build' "
                f"(filen {MARKER} mangler), så den erstattes ikke. Vælg en tom eller ny mappe med {option}, "
                "eller slet mappen selv, hvis den kun indeholder et gammelt website.")
    return None


def prepare_parent(target: Path) -> Path:
    """Create the folder that will hold the site folder; a Danish OutputFolderError when that fails."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        if not os.access(parent, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "Permission denied", str(parent))
    except OSError as error:
        raise OutputFolderError(f"Mappen '{_shown(parent)}' til websitet kan ikke oprettes eller skrives i: "
                                f"{_os_problem(error)}. Vælg en anden mappe med --site-dir.") from None
    return parent


def _os_problem(error: OSError) -> str:
    known = {
        errno.EACCES: "du har ikke adgang til den",
        errno.EPERM: "du har ikke adgang til den",
        errno.EEXIST: "en del af stien er en fil og ikke en mappe",
        errno.ENOTDIR: "en del af stien er en fil og ikke en mappe",
        errno.EROFS: "filsystemet kan kun læses",
        errno.ENOSPC: "disken er fuld",
        errno.ENOENT: "mappen findes ikke, eller der kan ikke oprettes mapper i den",
    }
    return known.get(error.errno or 0, error.strerror or type(error).__name__)


_STAGING = re.compile(r"^\.(?P<site>.+)\.(?:new|old)-(?:(?P<pid>\d+)(?:-.*)?|.*)$")


def remove_stale_staging(target: Path) -> list[Path]:
    """Remove staging folders of earlier, interrupted builds of ``target``; returns what was removed."""
    removed = []
    try:
        entries = sorted(target.parent.iterdir())
    except OSError:
        return removed
    for path in entries:
        match = _STAGING.match(path.name)
        if match is None or match["site"] != target.name or path.is_symlink() or not path.is_dir():
            continue
        if match["pid"] and process_alive(int(match["pid"])):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def make_staging(target: Path) -> Path:
    """A fresh, empty folder beside ``target`` for the new site (named with this process's id)."""
    try:
        return staging_directory(target)
    except OSError as error:
        raise OutputFolderError(f"Mappen '{_shown(target.parent)}' til websitet kan ikke skrives i: "
                                f"{_os_problem(error)}. Vælg en anden mappe med --site-dir.") from None


def fresh_staging(target: Path) -> Path:
    """The folder that will hold the site made, earlier builds' leftovers removed, a new staging folder."""
    prepare_parent(target)
    remove_stale_staging(target)
    return make_staging(target)


def mark_site_folder(folder: Path) -> None:
    """Write the marker that lets the next build replace this folder."""
    write_text_atomic(folder / MARKER, MARKER_TEXT)


def finish_site(folder: Path) -> None:
    """Write the marker and give every folder mode 0755 and every file 0644 (any web server can serve it)."""
    mark_site_folder(folder)
    folders = [os.fspath(folder)]
    while folders:  # every real folder below (a symbolic link is neither followed nor changed)
        current = folders.pop()
        os.chmod(current, DIRECTORY_MODE)
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file(follow_symlinks=False) \
                        and stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) != FILE_MODE:
                    os.chmod(entry.path, FILE_MODE)  # most are written 0644 already


def project_sources(config_file: Path, *folders: Path) -> list[Path]:
    """What a build must never overwrite: the given source folders, the configuration and the
    project's ``.git`` beside it, and the generator's own code."""
    import generator

    base = config_file.resolve().parent
    return [*folders, config_file, base / ".git", Path(generator.__file__).resolve().parent]
