"""HTTP for the refresh: one function per request shape, every failure a one-line Danish TaxonomyError.

Only the standard library is used (``urllib``). The timeout is short and applies to connecting and to
each read; a body that ends before its ``Content-Length`` is refused as truncated. The body is read in
pieces and refused as soon as it passes ``MAX_BYTES``, also when the server sends no ``Content-Length``
(a chunked or endless stream), so a hostile or broken server cannot fill the memory.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.request
from typing import Any, Mapping

from generator.taxonomies.errors import TaxonomyError

MAX_BYTES = 200 * 1024 * 1024
_PIECE = 64 * 1024
USER_AGENT = "autoproces-taxonomies/1 (+https://github.com/)"


def fetch(url: str, source: str, *, timeout: float, method: str = "GET", body: bytes | None = None,
          headers: Mapping[str, str] | None = None, unauthorized: str | None = None) -> bytes:
    """The body of a 2xx response; anything else raises TaxonomyError naming ``source``.

    ``unauthorized`` replaces the standard message for HTTP 401 (a refused login is not an expired token).
    """
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > MAX_BYTES:
                raise TaxonomyError(_too_large(source))
            data = _read_body(response, source)
    except urllib.error.HTTPError as exc:
        if exc.code == 401 and unauthorized:
            raise TaxonomyError(f"{source}: {unauthorized} (HTTP 401)") from None
        raise TaxonomyError(_http_message(source, exc.code, url)) from None
    except (TimeoutError, socket.timeout):
        raise TaxonomyError(f"{source}: intet svar inden for {_seconds(timeout)} sekunder ({url})") from None
    except http.client.IncompleteRead as exc:
        raise TaxonomyError(f"{source}: svaret blev afbrudt efter {len(exc.partial)} byte "
                            f"(ufuldstændigt svar fra {url})") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise TaxonomyError(f"{source}: intet svar inden for {_seconds(timeout)} sekunder ({url})") from None
        raise TaxonomyError(f"{source}: kunne ikke forbinde til {url} ({_reason(reason)})") from None
    except (http.client.HTTPException, ConnectionError, OSError) as exc:
        raise TaxonomyError(f"{source}: forbindelsen til {url} fejlede ({_reason(exc)})") from None
    except ValueError as exc:
        raise TaxonomyError(f"{source}: ugyldig adresse {url!r} ({exc})") from None
    return data


def _read_body(response: http.client.HTTPResponse, source: str) -> bytes:
    """The whole body, at most MAX_BYTES; a body cut short of its Content-Length raises IncompleteRead."""
    pieces: list[bytes] = []
    total = 0
    while piece := response.read(min(_PIECE, MAX_BYTES + 1 - total)):
        total += len(piece)
        if total > MAX_BYTES:
            raise TaxonomyError(_too_large(source))
        pieces.append(piece)
    data = b"".join(pieces)
    if getattr(response, "length", None):  # bytes announced by Content-Length that never came
        raise http.client.IncompleteRead(data, response.length)
    return data


def _too_large(source: str) -> str:
    return f"{source}: svaret er større end {_megabytes(MAX_BYTES)} MB og afvises"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}".replace(".", ",")


def fetch_json(url: str, source: str, *, timeout: float, method: str = "GET", payload: Any = None,
               headers: Mapping[str, str] | None = None, unauthorized: str | None = None) -> Any:
    body = None
    all_headers = {"Accept": "application/json", **(headers or {})}
    if payload is not None:
        body = json.dumps(payload).encode()
        all_headers["Content-Type"] = "application/json"
    data = fetch(url, source, timeout=timeout, method=method, body=body, headers=all_headers,
                 unauthorized=unauthorized)
    try:
        return json.loads(data)
    except ValueError as exc:
        raise TaxonomyError(f"{source}: svaret er ikke gyldig JSON ({_json_position(exc)}); "
                            "det kan være afbrudt eller ødelagt") from None


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")  # Danish decimal comma


def _http_message(source: str, status: int, url: str) -> str:
    if status == 401:
        return f"{source}: adgang nægtet (HTTP 401): adgangsnøglen er ugyldig eller udløbet ({url})"
    if status == 403:
        return f"{source}: adgang nægtet (HTTP 403): brugeren har ikke adgang til {url}"
    if status == 404:
        return f"{source}: adressen findes ikke (HTTP 404): {url}"
    if status >= 500:
        return f"{source}: serverfejl hos kilden (HTTP {status}) ved {url}; prøv igen senere"
    return f"{source}: uventet svar (HTTP {status}) fra {url}"


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "forbindelsen blev afvist"
    if isinstance(reason, socket.gaierror):
        return "ukendt værtsnavn"
    return str(reason) or type(reason).__name__


def _json_position(exc: ValueError) -> str:
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    return f"linje {line}, kolonne {column}" if line is not None else str(exc)
