"""OS2autoproces's REST API read page by page: ``GET {base}/api/processes?projection=extended``.

The API key goes in ``Authorization: Bearer <key>`` (the back end's ``ApiSecurityFilter`` accepts it
on every ``/api`` call). Pages are followed through ``_links.next`` only while they stay on the
same scheme, host and port as the base address, so the key is never sent elsewhere; redirects are
refused for the same reason. Every page is read before anything is written: a failure in the
middle of paging (an HTTP error, a broken connection, a page that is not JSON) stops the import
with one Danish message and nothing written.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.parse
import urllib.request

from generator.importers.hal_json import MAX_PAGE_BYTES, parse_page
from generator.importers.records import ReadError, SourceRecord

MAX_PAGES = 1000


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 - urllib's signature
        raise ReadError(f"{req.full_url}: serveren sendte videre til {newurl} (HTTP {code}); "
                        "angiv den endelige adresse med --url")


def first_page_url(base: str, page_size: int) -> str:
    parsed = urllib.parse.urlsplit(base.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ReadError(f"'{base}' er ikke en webadresse; skriv fx https://www.os2autoproces.eu/backend")
    root = base.strip().rstrip("/")
    return f"{root}/api/processes?projection=extended&page=0&size={page_size}"


def fetch_all(base: str, *, token: str | None, page_size: int = 100, timeout: float = 30.0) -> list[SourceRecord]:
    if not 1 <= page_size <= 2000:
        raise ReadError(f"--page-size skal være mellem 1 og 2000, ikke {page_size}")
    url: str | None = first_page_url(base, page_size)
    origin = _origin(url)
    opener = urllib.request.build_opener(_NoRedirects())
    records: list[SourceRecord] = []
    visited: set[str] = set()
    number = 0
    while url:
        number += 1
        if url in visited or number > MAX_PAGES:
            raise ReadError(f"side {number}: siderne henviser i ring eller er flere end {MAX_PAGES}")
        visited.add(url)
        body = _get(opener, url, token, timeout, number)
        page_records, url = parse_page(body, f"side {number} ({_shown(url)})")
        records += page_records
        if url is not None and _origin(url) != origin:
            raise ReadError(f"side {number}: næste side ligger på en anden server ({_shown(url)}); "
                            "API-nøglen sendes ikke dertil")
    return records


def _origin(url: str) -> tuple[str, str]:
    parsed = urllib.parse.urlsplit(url)
    return parsed.scheme.lower(), parsed.netloc.lower()


def _shown(url: str) -> str:
    return url if len(url) <= 160 else url[:159] + "…"


def _get(opener: urllib.request.OpenerDirector, url: str, token: str | None, timeout: float, number: int) -> bytes:
    headers = {"Accept": "application/hal+json, application/json", "User-Agent": "autoproces-import"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    where = f"side {number} ({_shown(url)})"
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            body = response.read(MAX_PAGE_BYTES + 1)
            announced = response.headers.get("Content-Length")
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise ReadError(f"{where}: API-nøglen blev afvist (HTTP {exc.code}); sæt en gyldig nøgle i "
                            "miljøvariablen OS2AUTOPROCES_API_KEY") from None
        raise ReadError(f"{where}: serveren svarede HTTP {exc.code}") from None
    except (http.client.IncompleteRead, ConnectionError, http.client.HTTPException) as exc:
        raise ReadError(f"{where}: forbindelsen blev afbrudt, før hele siden var hentet ({type(exc).__name__})") \
            from None
    except (socket.timeout, TimeoutError):
        raise ReadError(f"{where}: serveren svarede ikke inden for {timeout:g} sekunder") from None
    except urllib.error.URLError as exc:
        raise ReadError(f"{where}: serveren kan ikke nås ({exc.reason})") from None
    if announced and announced.isdigit() and int(announced) != len(body) and len(body) <= MAX_PAGE_BYTES:
        raise ReadError(f"{where}: forbindelsen blev afbrudt efter {len(body)} af {announced} byte")
    if len(body) > MAX_PAGE_BYTES:
        raise ReadError(f"{where}: siden er større end {MAX_PAGE_BYTES:,} byte".replace(",", "."))
    return body
