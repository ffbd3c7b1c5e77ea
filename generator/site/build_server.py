"""The warm process that builds the live preview (``autoproces serve``): one build per request, each in
a fork of its own.

A build of the preview is ``autoproces build --incremental``. Run as a fresh program, each such build
first imports the generator, mkdocs and the theme (about a second) and parses every line of the
results cache into a process again (about a second and a half at 10,000 processes). This process
does both once: it imports everything, reads, verifies and parses the results cache ahead
(``generator.checks.results_ahead``), and then, for each ``build`` line on its standard input, forks a
child that runs the very command line of ``autoproces build --incremental`` (``generator.cli.main``)
and exits. The child reads and verifies every process file as that command does; the cache's lines
verified ahead stand in for reading the cache file only while that file is unchanged, and a line
parsed ahead stands in for its parsing only when its bytes are those of the verified line. What a
build does to the objects it inherits stays in its own fork, so every build starts from the same
state. After each build the lines that changed are parsed (the others are kept).

Protocol: one line ``build`` in; one frame out on standard output, ``<exit code> <length>\\n`` and then
that many bytes of the build's output (its standard output and error, in order). The frame carries its
length, so nothing the build prints (which quotes the files) can pass for the end of a frame.

Run: ``python -m generator.site.build_server [global options] build --incremental ...``; its standard
error is the preview's.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import BinaryIO, Sequence

from generator.site.preview import REQUEST  # the protocol is the preview's


def _warm() -> None:
    """Import what every build imports, so no build pays for it."""
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401

    from generator.site.build import lunr_py_left_out

    with lunr_py_left_out():  # as a build loads it
        import material.plugins.search.plugin  # noqa: F401

    import generator.exports  # noqa: F401
    import generator.search  # noqa: F401
    import generator.site.build  # noqa: F401
    import generator.site.plugin  # noqa: F401


def _parse_ahead(argv: Sequence[str]) -> None:
    """Read, verify and parse the project's results cache as the last build left it, for the next fork
    (``generator.checks.results_ahead``)."""
    from generator.audience import remembered_texts
    from generator.checks.results_ahead import PARSED_AHEAD, VERIFIED_AHEAD
    from generator.checks.results_cache import Untrusted, open_cache, parsed_line
    from generator.cli import build_parser

    args = build_parser("build").parse_args(list(argv))
    cache = open_cache(Path(args.config).resolve().parent, Path(args.taxonomies).resolve(), remembered_texts)
    if cache is None or not cache.trusted:
        VERIFIED_AHEAD.forget()
        PARSED_AHEAD.refresh({}, parsed_line, Untrusted)
    else:
        if not cache.from_ahead:
            VERIFIED_AHEAD.remember(cache.path, cache.header, cache.identity, cache.read_at, cache.stored)
        PARSED_AHEAD.refresh(cache.stored, parsed_line, Untrusted)
    gc.collect()
    gc.freeze()  # what the forks inherit is never collected there: their pages stay shared


def _run_build(argv: Sequence[str]) -> tuple[int, bytes]:
    """One build in a fork; its exit code and everything it printed."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the build, printing into the pipe
        code = 1
        try:
            os.close(read_end)
            os.dup2(write_end, 1)
            os.dup2(write_end, 2)
            os.close(write_end)
            from generator.cli import main

            code = main(list(argv))
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 - the child must end here, whatever happened
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    with os.fdopen(read_end, "rb") as output:
        while chunk := output.read(65536):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks)


def serve_requests(argv: Sequence[str], requests: BinaryIO, frames: BinaryIO) -> None:
    """Answer each ``build`` line of ``requests`` with a frame on ``frames``, until ``requests`` ends."""
    _warm()
    _parse_ahead(argv)
    for request in requests:
        if request != REQUEST:
            continue
        code, output = _run_build(argv)
        frames.write(b"%d %d\n" % (code, len(output)) + output)
        frames.flush()
        _parse_ahead(argv)


def main(argv: Sequence[str]) -> int:
    frames = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever else this process prints goes to standard error, never between the frames
    try:
        serve_requests(argv, sys.stdin.buffer, frames)
    except (KeyboardInterrupt, BrokenPipeError):  # the preview stops (Ctrl+C) or is gone
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover - run by generator.site.preview
    os._exit(main(sys.argv[1:]))
