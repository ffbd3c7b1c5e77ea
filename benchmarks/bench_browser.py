"""The reader's side of the search, in Debian's Chromium through Playwright, on a built site served on
127.0.0.1: what a word query downloads before its first results, and how fast each keystroke is answered."""

from __future__ import annotations

import gzip
import math
import os
import re
import statistics
from pathlib import Path

from tests.support.server import serve_directory  # the test suite's 127.0.0.1 server (ROOT is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("AUTOPROCES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SEARCH_PATHS = ("/assets/search/", "/soeg/data/")
PAYLOAD_QUERIES = ("borgere", "sagsbehandling", "kontanthjælp")
TYPED_QUERIES = ("borgere", "ansøgning om boligstøtte", "journalisering", "sygedagpenge")
READY = '#ap-search[data-state="ready"]'
RESULTS = '#ap-search[data-results="shown"]'  # the results are on the page (the facets may follow)
# Timestamps of every input event and of every time the results are shown ("ready").
RECORDER = """() => {
  const root = document.querySelector('#ap-search');
  window.__bench = {inputs: [], ready: []};
  document.querySelector('#ap-search-q').addEventListener('input', () => window.__bench.inputs.push(performance.now()));
  new MutationObserver(() => {
    if (root.getAttribute('data-state') === 'ready') window.__bench.ready.push(performance.now());
  }).observe(root, {attributes: true, attributeFilter: ['data-state']});
}"""


def debounce_ms() -> int:
    """The pause the search page waits after a keystroke before it searches (from search-ui.js)."""
    script = (ROOT / "site_templates" / "assets" / "search" / "search-ui.js").read_text(encoding="utf-8")
    match = re.search(r"DEBOUNCE_MS = (\d+)", script)
    return int(match[1]) if match else 0


def _payload(browser, url: str, query: str) -> dict:
    """Bytes (gzip, level 9) of every response between focusing the field and the first results of ``query``
    (the facets, which follow the results, are not counted unless they came first)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{url}soeg/")
        page.wait_for_load_state("networkidle")
        responses: list = []
        page.on("response", lambda response: responses.append(response))
        page.focus("#ap-search-q")
        page.wait_for_selector(RESULTS, timeout=60_000)
        page.fill("#ap-search-q", query)
        page.wait_for_selector(RESULTS, timeout=60_000)
        shown = [r for r in responses if r.ok]  # what came before the results (reading the bodies takes a while; later ones wait)
        sizes = [(kind_of(r.url), len(gzip.compress(r.body(), compresslevel=9))) for r in shown]
        by_kind: dict[str, int] = {}
        for kind, size in sizes:
            by_kind[kind] = by_kind.get(kind, 0) + size
        return {"query": query, "files": len(shown), "bytes": sum(len(r.body()) for r in shown),
                "gzip_bytes": sum(size for _, size in sizes),
                "by_kind": dict(sorted(by_kind.items(), key=lambda item: (-item[1], item[0])))}
    finally:
        context.close()


def kind_of(url: str) -> str:
    """What a downloaded file is, for the payload's breakdown: its family (``kort``, ``fuld``, ``ord``,
    ``dok``, ``facetter``, ``sortering``), ``manifest``, ``search-bundle`` (the scripts), or the file
    name of anything else (``search.css``, ``favicon.png``)."""
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    family = re.fullmatch(r"([a-z]+)-\d+-[0-9a-f]+\.json", name)
    return family[1] if family else {"manifest.json": "manifest", "search-bundle.js": "search-bundle"}.get(name, name)


def _keystrokes(browser, url: str) -> list[float]:
    """Milliseconds from each keystroke to its results shown, typing the queries one key at a time."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{url}soeg/")
        page.focus("#ap-search-q")
        page.wait_for_selector(READY, timeout=60_000)
        page.evaluate(RECORDER)
        latencies = []
        for query in TYPED_QUERIES:
            page.fill("#ap-search-q", "")
            page.wait_for_selector(READY, timeout=60_000)
            for key in query:
                shown = page.evaluate("window.__bench.ready.length")
                page.keyboard.type(key)
                page.wait_for_function(f"window.__bench.ready.length > {shown} && "
                                       f"document.querySelector('#ap-search').dataset.state === 'ready'",
                                       timeout=60_000)
                record = page.evaluate("window.__bench")
                latencies.append(record["ready"][-1] - record["inputs"][-1])
        return latencies
    finally:
        context.close()


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure_search(site: Path) -> dict:
    """The search payload (largest of :data:`PAYLOAD_QUERIES`) and the keystroke latencies, in a fresh browser."""
    from playwright.sync_api import sync_playwright

    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            payloads = [_payload(browser, url, query) for query in PAYLOAD_QUERIES]
            latencies = _keystrokes(browser, url)
        finally:
            browser.close()
    pause = debounce_ms()
    return {
        "payloads": payloads,
        "payload_gzip_bytes": max(p["gzip_bytes"] for p in payloads),
        "keystrokes": len(latencies),
        "debounce_ms": pause,
        "keystroke_p95_ms": round(percentile(latencies, 0.95) - pause, 1),
        "keystroke_median_ms": round(statistics.median(latencies) - pause, 1),
        "keystroke_max_ms": round(max(latencies) - pause, 1),
    }
