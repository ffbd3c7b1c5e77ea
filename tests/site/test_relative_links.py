"""Relative links between pages (generator.urls.relative) are posixpath.relpath's links, also for
addresses the site never makes (hostile ids with ``..``, ``.``, empty segments, leading slashes)."""

from __future__ import annotations

import itertools
import posixpath
import random

import pytest

from generator import urls


def reference(from_url: str, to_url: str) -> str:
    """The link as posixpath.relpath makes it (the definition ``relative`` must keep)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    link = posixpath.relpath(to_url.rstrip("/") or ".", base.rstrip("/") or ".")
    if to_url.endswith("/") or not to_url:
        link = "./" if link == "." else link + "/"
    return link


SITE_SHAPES = [
    "", "kle/", "kle/32.18/", "kle/32.18.00/", "organisationer/aarhus/", "processer/aarhus/loen-og-ferie/",
    "processer/aarhus/loen-og-ferie/index.html", "processer/aarhus/loen-og-ferie/bilag/plan.pdf",
    "index.html", "kle/index.html", "kle/32.18/index.html", "soeg/", "api/processes.json", "assets/x.css",
    "processer/aarhus/loen/", "processer/aarhus/loen-og/", "processer/aalborg/loen-og-ferie/",
]
HOSTILE = [
    "processer/../../etc/", "processer/aarhus/../x/", "processer/./aarhus/", "processer//aarhus/",
    "/processer/aarhus/", "/", "//", ".", "./", "..", "../", "../../x", "a/./b", "a/b/..", "a//b/c",
    "processer/aarhus/..%2f../", "processer/aarhus/ x /", "processer/aarhus/æøå/", "...", ".../x/",
    "a/.hidden/", "a/..b/", "a/b../", "processer/aarhus/slug/index.html/", "kle//", "kle///32/",
]


@pytest.mark.parametrize(("from_url", "to_url"), list(itertools.product(SITE_SHAPES + HOSTILE, repeat=2)))
def test_every_link_is_the_link_relpath_makes(from_url, to_url):
    assert urls.relative(from_url, to_url) == reference(from_url, to_url)


def test_random_addresses_give_the_links_relpath_makes():
    rng = random.Random(14)
    segments = ["a", "b", "ab", ".", "..", "", "kle", "32.18", "x.html", "index.html", "...", " "]
    for _ in range(20000):
        left, right = ("/".join(rng.choice(segments) for _ in range(rng.randint(0, 5))) for _ in range(2))
        assert urls.relative(left, right) == reference(left, right), (left, right)


def test_links_between_the_sites_pages():
    assert urls.relative("processer/aarhus/loen/", "kle/32.18/") == "../../../kle/32.18/"
    assert urls.relative("kle/32.18/", "processer/aarhus/loen/") == "../../processer/aarhus/loen/"
    assert urls.relative("kle/32.18/", "kle/32.18/") == "./"
    assert urls.relative("", "kle/") == "kle/"
    assert urls.relative("kle/", "") == "../"
    assert urls.relative("processer/aarhus/loen/index.html", "api/processes.json") == "../../../api/processes.json"
    assert urls.relative("processer/aarhus/loen/", "processer/aarhus/loen/bilag/plan.pdf") == "bilag/plan.pdf"
