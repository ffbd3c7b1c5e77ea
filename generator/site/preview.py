"""``autoproces serve`` (``./run serve``): a live preview that rebuilds incrementally when a source changes.

Each build is ``autoproces build --incremental``: the same pages, search files and exports as that
command, into the same site folder (``site`` unless ``--site-dir``), with the same caches, so a rebuild
after one changed file reuses everything else. It runs in a fork of a warm process of its own
(``generator.site.build_server``: imported once, the results cache parsed ahead), not here: this
process serves requests and watches files in threads, and a build forks its workers. A build that
fails leaves the last good site in place, as ``build`` always does.

mkdocs' ``LiveReloadServer`` serves the folder, waits with a request while a build runs, watches the
sources (the processes, the lists, the templates, the docs and ``mkdocs.yml``) and makes every open
page reload when a build has finished. While the last build failed, every page it is asked for is a
Danish page with the build's messages instead (escaped: they quote the files), which reloads by
itself when a later build succeeds.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

from markupsafe import escape

from generator.console import log_text

EXIT_OK, EXIT_FAILED = 0, 1
DEFAULT_ADDRESS = "127.0.0.1:8000"
REQUEST = b"build\n"  # asks the build process (``build_server``) for one build
CHANGES = frozenset({"created", "modified", "deleted", "moved"})  # watchdog's event types of a change


def build_arguments(args: argparse.Namespace) -> list[str]:
    """The command line (after ``autoproces``) of the ``build --incremental`` a preview runs, with this
    command's folders and options."""
    command = ["--processes", str(args.processes), "--taxonomies", str(args.taxonomies), "build", "--incremental",
               "--site-dir", str(args.site_dir), "--config", str(args.config), "--audience", str(args.audience)]
    for overlay in getattr(args, "overlay", None) or []:
        command += ["--overlay", str(overlay)]
    return command


def failure_page(output: str) -> bytes:
    """The page shown for every page while the last build failed: its messages, escaped."""
    return (
        "<!doctype html>\n<html lang=\"da\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Websitet kunne ikke bygges</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.5}"
        "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f5f5;padding:1rem;border-left:4px solid #b00020}"
        "</style></head>\n<body>\n<main>\n"
        "<h1>Websitet kunne ikke bygges</h1>\n"
        "<p>Ret fejlene nedenfor og gem filen. Siden opdateres af sig selv, når websitet er bygget igen.</p>\n"
        f"<pre>{escape(output)}</pre>\n</main>\n</body></html>\n"
    ).encode("utf-8")


class Builder:
    """Runs each build through the warm build process (``build_server``), and remembers whether the last
    one failed (and what it said). A build process that is gone is started again; when that fails too,
    the build runs as a program of its own."""

    def __init__(self, arguments: Sequence[str]):
        self.arguments = list(arguments)
        self.failure: bytes | None = None
        self.lock = threading.Lock()
        self.runs = 0
        self.server: subprocess.Popen | None = None

    def __call__(self) -> None:
        if self.runs:
            print("En kilde er ændret; websitet bygges igen ...", flush=True)
        self.runs += 1
        code, output = self._build()
        sys.stdout.write(output if output.endswith("\n") or not output else output + "\n")
        sys.stdout.flush()
        with self.lock:
            self.failure = failure_page(output) if code != 0 else None
        if code != 0:
            print("Forhåndsvisningen viser fejlene i stedet for siderne, indtil en build lykkes.", flush=True)

    def _build(self) -> tuple[int, str]:
        for _attempt in range(2):
            try:
                return self._through_server()
            except (OSError, ValueError):
                self.stop()
        completed = subprocess.run([sys.executable, "-m", "generator", *self.arguments], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        return completed.returncode, completed.stdout.decode("utf-8", "replace")

    def _through_server(self) -> tuple[int, str]:
        if self.server is None or self.server.poll() is not None:
            self.server = subprocess.Popen([sys.executable, "-m", "generator.site.build_server", *self.arguments],
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.server.stdin is not None and self.server.stdout is not None
        self.server.stdin.write(REQUEST)
        self.server.stdin.flush()
        code, length = self.server.stdout.readline().split()  # ValueError when the process is gone
        output = self.server.stdout.read(int(length))
        if len(output) != int(length):
            raise ValueError("cut short")
        return int(code), output.decode("utf-8", "replace")

    def stop(self) -> None:
        """End the build process (it ends by itself when its input closes)."""
        server, self.server = self.server, None
        if server is None:
            return
        try:
            if server.stdin is not None:
                server.stdin.close()
            server.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            server.kill()
            server.wait()


def _address(text: str) -> tuple[str, int] | None:
    host, _, port = text.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


def _server_class():
    """``LiveReloadServer`` that answers with the failure page while the last build failed."""
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        preview_builder: Builder | None = None

        def _serve_request(self, environ, start_response):
            builder = self.preview_builder
            path = environ.get("PATH_INFO", "")
            if builder is not None and not path.startswith("/livereload/") and (path.endswith("/") or path.endswith(".html")):
                with self._epoch_cond:
                    self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                    epoch = self._visible_epoch
                with builder.lock:
                    failure = builder.failure
                if failure is not None:
                    content = self._inject_js_into_html(failure, epoch)
                    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(content)))])
                    return [content]
            return super()._serve_request(environ, start_response)

        def run(self) -> None:
            """``serve`` without binding again or starting the observer (both done before the first build)."""
            self.server_activate()
            self.serve_thread.start()
            self._build_loop()

        def watch(self, path: str, func=None, *, recursive: bool = True) -> None:
            """As mkdocs' ``watch``, but only a change rebuilds: the system's file events also tell of
            every file a build opens and reads, which would start the next build without end."""
            import watchdog.events

            path = os.path.abspath(path)
            if path in self._watched_paths:
                return
            self._watched_paths[path] = 1

            def changed(event) -> None:
                if event.is_directory or event.event_type not in CHANGES:
                    return
                with self._rebuild_cond:
                    self._want_rebuild = True
                    self._rebuild_cond.notify_all()

            handler = watchdog.events.FileSystemEventHandler()
            handler.on_any_event = changed
            self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    return PreviewServer


def _watched(args: argparse.Namespace) -> list[Path]:
    """The sources a change in which rebuilds the site (the defaults when ``mkdocs.yml`` cannot be read)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.site.build import quiet_mkdocs_logging

    config_file = Path(args.config)
    base = config_file.resolve().parent
    docs, templates = base / "docs", base / "site_templates"
    try:
        with quiet_mkdocs_logging():
            config = load_config(str(config_file))
        docs = Path(config.docs_dir)
        plugin = config.plugins.get("autoproces")
        if plugin is not None:
            templates = Path(plugin.config["templates"])
            templates = templates if templates.is_absolute() else base / templates
    except (MkDocsException, OSError, SystemExit):  # the build says what is wrong with it
        pass
    paths = [Path(args.processes), Path(args.taxonomies), config_file, docs, templates]
    paths += [Path(o) for o in getattr(args, "overlay", None) or []]
    return [p.resolve() for p in paths if p.exists()]


def _watch(server, paths: list[Path]) -> None:
    """Watch ``paths`` through the system's file events (inotify), which cost nothing while nothing
    changes; mkdocs' own observer polls, and stats 10,000 files every half second (a quarter of a
    core). Where the events cannot be had (no inotify, its limit reached) it polls every 2 seconds."""
    import watchdog.observers
    import watchdog.observers.polling

    server.observer = watchdog.observers.Observer()
    try:
        for path in paths:
            server.watch(str(path))
    except OSError:
        for path in paths:
            server._watch_refs.pop(str(path), None)
            server._watched_paths.pop(str(path), None)
        server.observer = watchdog.observers.polling.PollingObserver(timeout=2.0)
        for path in paths:
            server.watch(str(path))


def _mount_path(config_file: Path) -> str:
    from generator.pipeline import read_settings

    return urlsplit(read_settings(config_file).site_url or "/").path or "/"


def serve(args: argparse.Namespace) -> int:
    """Build once, then serve the site on ``--dev-addr`` and build again after every change until Ctrl+C."""
    address = _address(args.dev_addr)
    if address is None:
        print(f"autoproces serve: adressen '{log_text(args.dev_addr)}' skal have formen vært:port, "
              f"fx {DEFAULT_ADDRESS}.", file=sys.stderr)
        return EXIT_FAILED
    if not Path(args.config).is_file():
        print(f"autoproces serve: konfigurationen '{log_text(args.config)}' findes ikke.", file=sys.stderr)
        return EXIT_FAILED
    builder = Builder(build_arguments(args))
    server = _server_class()(builder=builder, host=address[0], port=address[1],
                             root=str(Path(args.site_dir).resolve()), mount_path=_mount_path(Path(args.config)))
    server.preview_builder = builder
    server.error_handler = lambda code: _not_found(Path(args.site_dir), code)
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)  # its English lines; ours are below
    try:
        server.server_bind()
    except OSError as error:
        print(f"autoproces serve: {address[0]}:{address[1]} kan ikke bruges ({_bind_problem(error)}). "
              "Vælg en anden adresse med --dev-addr, fx 127.0.0.1:8001.", file=sys.stderr)
        server.server_close()
        return EXIT_FAILED
    try:
        _watch(server, _watched(args))
        server.observer.start()  # before the first build: a change while it runs builds again
        builder()
        print(f"Forhåndsvisningen kører på {server.url} og bygges igen, når en procesfil, en liste, en skabelon "
              "eller mkdocs.yml ændres. Stop den med Ctrl+C.", flush=True)
        server.run()
    except KeyboardInterrupt:
        print("Forhåndsvisningen er stoppet.", flush=True)
    finally:
        server.shutdown()
        builder.stop()
    return EXIT_OK


def _bind_problem(error: OSError) -> str:
    """Why the address cannot be used, in Danish."""
    reasons = {errno.EADDRINUSE: "adressen bruges allerede, måske af en anden forhåndsvisning",
               errno.EACCES: "porten kræver administratorrettigheder",
               errno.EADDRNOTAVAIL: "adressen findes ikke på denne maskine"}
    return reasons.get(error.errno or 0, log_text(error.strerror or error))


def _not_found(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 page, when it has one."""
    page = site_dir / f"{code}.html"
    try:
        return page.read_bytes() if code == 404 and page.is_file() and not page.is_symlink() else None
    except OSError:
        return None
