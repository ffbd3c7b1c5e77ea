"""Fixtures of the search tests: search data of a small catalogue, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.search.helpers import build_data, query_catalogue, run_node


@pytest.fixture(scope="session")
def query_data(tmp_path_factory) -> Path:
    """``soeg/data`` of the five-process query catalogue."""
    return build_data(query_catalogue(), tmp_path_factory.mktemp("search-site"))


@pytest.fixture(scope="session")
def ask(query_data):
    """Search the query catalogue with the browser's engine (in Node): ``ask("borgere")`` -> answer."""

    def _ask(q: str = "", selection: dict | None = None, sort: str = "", indexes=("kort", "fuld")) -> dict:
        query = {"q": q, "selection": selection or {}, "sort": sort, "indexes": list(indexes)}
        return run_node({"data": str(query_data), "queries": [query]})[0]  # type: ignore[index]

    return _ask
