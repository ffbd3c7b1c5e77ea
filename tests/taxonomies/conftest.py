"""Shared fixtures: the real sources built once, and a local HTTP server with recorded responses."""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.taxonomies.build import build_all

ROOT = Path(__file__).resolve().parents[2]
TAXONOMIES = ROOT / "taxonomies"
RECORDED = Path(__file__).parent / "recorded"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The committed sources built into a fresh directory."""
    out = tmp_path_factory.mktemp("built")
    build_all(TAXONOMIES / "sources", out)
    return out


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` by relative path, to prove that nothing changed."""
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture
def small_taxonomies(tmp_path) -> Path:
    """A taxonomies dir with the committed provenance, curated lists and municipalities but no KLE/FORM
    sources, built once: the starting point of the refresh tests."""
    directory = tmp_path / "taxonomies"
    sources = directory / "sources"
    for name in ["provenance.yaml", "curated", "municipalities"]:
        source = TAXONOMIES / "sources" / name
        if source.is_dir():
            shutil.copytree(source, sources / name)
        else:
            sources.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, sources / name)
    build_all(sources, directory)
    return directory


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    delay: float = 0.0
    truncate: bool = False          # announce the full length, send half, close
    token: str | None = None        # answer 401 unless "Authorization: Bearer <token>"
    chunked: bool = False           # stream the body in chunks without a Content-Length


@dataclass
class RecordedServer:
    url: str
    routes: dict[str, Reply] = field(default_factory=dict)
    requests: list[tuple[str, str, dict]] = field(default_factory=list)

    def serve(self, path: str, body: bytes | str | Path = b"", **kwargs) -> None:
        if isinstance(body, Path):
            body = body.read_bytes()
        elif isinstance(body, str):
            body = body.encode()
        self.routes[path] = Reply(body, **kwargs)


class _Handler(BaseHTTPRequestHandler):
    server_state: RecordedServer

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _answer(self) -> None:
        state = self.server.state  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        state.requests.append((self.command, self.path, {"headers": dict(self.headers), "body": body}))
        reply = state.routes.get(self.path)
        if reply is None:
            reply = Reply(b"not found", status=404, content_type="text/plain")
        if reply.delay:
            time.sleep(reply.delay)
        if reply.token is not None and self.headers.get("Authorization") != f"Bearer {reply.token}":
            reply = Reply(b'{"msg":"Unauthorized"}', status=401, content_type="application/json")
        try:
            if reply.chunked:
                self._stream(reply)
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(reply.body[: len(reply.body) // 2] if reply.truncate else reply.body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def _stream(self, reply: Reply) -> None:
        self.protocol_version = "HTTP/1.1"  # chunked transfer coding is HTTP/1.1
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        for start in range(0, len(reply.body), 16 * 1024):
            piece = reply.body[start:start + 16 * 1024]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        self.close_connection = True

    do_GET = _answer
    do_POST = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:  # a client that timed out is expected
        pass


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 answering from ``server.routes``."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    state = RecordedServer(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
