"""Shared helpers of the search tests: the query catalogue (made by tests/support/catalogue.py), the Node twin
of the browser engine."""

from __future__ import annotations

from tests.support.catalogue import lists_from

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

from generator.audience import Published
from generator.search.assets import ASSETS_DIR, ENGINE_SCRIPTS
from tests.support.catalogue import process, published  # noqa: F401  (the search tests' catalogues)

ROOT = Path(__file__).resolve().parents[2]
NODE_HARNESS = Path(__file__).with_name("search_node.js")
NODE = shutil.which("node")


def run_node(request: dict) -> object:
    """Ask the browser's engine (the scripts of ENGINE_SCRIPTS with the vendored lunr) in Node."""
    assert NODE, "node is required for the search tests (Debian package nodejs)"
    result = subprocess.run([NODE, str(NODE_HARNESS), str(ASSETS_DIR), *ENGINE_SCRIPTS], input=json.dumps(request),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def synthetic():
    """The synthetic catalogue module of ``benchmarks/synthetic.py``."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


PROCESS_URL = "../processer/{id}/"


def clean_search_data(catalogue: Published) -> dict[str, bytes]:
    """The search data files of a build without caches, as a new process makes them."""
    from generator.search import index
    from generator.search.output import build_search_data

    index._last_splitter.clear()
    return build_search_data(catalogue, lambda item: None, PROCESS_URL)


def cached_search_data(catalogue: Published, tokens: Path) -> dict[str, bytes]:
    """The search data files of an incremental build whose caches are kept beside ``tokens``."""
    from generator.search import index
    from generator.search.output import build_search_data

    index._last_splitter.clear()  # a new process: only the cache files carry anything over
    return build_search_data(catalogue, lambda item: None, PROCESS_URL, token_cache=tokens)


def with_process(catalogue: Published, number: int, **changes) -> Published:
    """The catalogue with process ``number`` changed (a model copy with ``changes``)."""
    from dataclasses import replace

    item = catalogue.processes[number]
    changed = replace(item, process=item.process.model_copy(update=changes))
    return replace(catalogue, processes=[*catalogue.processes[:number], changed, *catalogue.processes[number + 1:]])


def build_data(published_catalogue: Published, site_dir: Path, updated=None) -> Path:
    """Write the search files of a catalogue into ``site_dir``; returns ``site_dir/soeg/data``."""
    from generator.search import write_search_files

    write_search_files(published_catalogue, site_dir,
                       last_changed=updated or (lambda item: item.process.created))
    return site_dir / "soeg" / "data"


TAXONOMIES = {
    "municipalities": [{"code": "aabenraa", "title": "Aabenraa Kommune"},
                       {"code": "aarhus", "title": "Aarhus Kommune"},
                       {"code": "odense", "title": "Odense Kommune"}],
    "kle": [{"code": "27", "title": "Sundhed"}, {"code": "27.24", "title": "Sygepleje"},
            {"code": "27.24.00", "title": "Sygepleje i almindelighed"},
            {"code": "27.24.10", "title": "Hjemmesygepleje"},
            {"code": "32", "title": "Arbejdsmarked"}, {"code": "32.18", "title": "Sygedagpenge"},
            {"code": "32.18.00", "title": "Sygedagpenge i almindelighed"},
            {"code": "32.18.05", "title": "Opfølgning"}],
    "form": [{"code": "26", "title": "Social service og omsorg"}, {"code": "26.10.05.20"},
             {"code": "14", "title": "Arbejdsmarked"}, {"code": "14.40.10.10"}],
    "it_systems": [{"code": "kmd-nexus", "title": "KMD Nexus"}, {"code": "digital-post", "title": "Digital Post"}],
    "technologies": [{"code": "uipath", "title": "UiPath"}, {"code": "power-automate", "title": "Power Automate"}],
}


def query_catalogue() -> Published:
    """Five public processes chosen to exercise words, codes, spellings and every facet."""
    lists = lists_from(TAXONOMIES)
    return published({
        "aabenraa/boligstoette": process(
            title="Behandling af ansøgninger om boligstøtte", municipality="aabenraa",
            short_description="Borgerne søger digitalt, og en robot forbereder afgørelsen.",
            phase="operation", status="inprogress", domains=["social"], kle="27.24.00", form="26.10.05.20",
            kla="10.88.11", sep_mep=True, it_systems=["kmd-nexus"], technologies=["uipath"], run_period="daily",
            time_spend_occurrences=1000, time_spend_per_occurrence=60, time_spend_percentage_digital=50),
        "aarhus/laegeerklaeringer": process(
            title="Journalisering af lægeerklæringer", short_description="En robot journaliserer erklæringer.",
            phase="idea", domains=["employment"], kle="32.18.00", form="14.40.10.10",
            it_systems=["digital-post"],
            long_description="Erklæringerne ophobes i spidsbelastningsperioder, så sagerne venter i flere dage."),
        "odense/faelles-ydelser": process(
            title="Fælles automatisering af ydelser", short_description="Paraply for ydelsesområdet.",
            municipality="odense", type="parent", phase="preanalysis", domains=["employment", "economy"],
            kle="32.18"),
        "odense/kontrol-af-ydelser": process(
            title="Kontrol af samtidige ydelser", short_description="Robotten finder dobbelte udbetalinger.",
            municipality="odense", umbrellas=["odense/faelles-ydelser"], phase="operation",
            status="not_relevant", domains=["economy"], kle="32.18.05", technologies=["power-automate"],
            run_period="monthly", search_words=["ydelseskontrol"]),
        "aarhus/hjemmesygepleje": process(
            title="Planlægning af hjemmesygepleje", short_description="Ruterne lægges automatisk hver morgen.",
            phase="development", domains=["health"], kle="27.24.10", it_systems=["kmd-nexus"],
            technologies=["uipath", "power-automate"], run_period="daily",
            time_spend_occurrences=10000, time_spend_per_occurrence=30, time_spend_percentage_digital=80),
    }, lists)
