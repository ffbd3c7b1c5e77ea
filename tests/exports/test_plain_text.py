"""The plain text of the spreadsheets and the search: the shortcut for text Markdown would leave alone
gives exactly what the Markdown converter and the cleaner give."""

from __future__ import annotations

import sys

import pytest

from generator.model import PROCESS_FIELDS
from generator.sanitize import markdown_plain_text, plain_text
from tests.conftest import ROOT

TEXTS = [
    "Linje et\nlinje to\n\nNyt afsnit med spørgsmål? (ja) 50 % / år; slut.",
    "'citat' og \"dobbelt\" – tankestreg og bindestreg-ord",
    "1. første\n2. anden", " 3) tre", "- punkt", "+ punkt", "* punkt", "# Overskrift", "> citat",
    "tekst\n===", "tekst\n---", "a  \nb", "    kode linje\n    mere", "Fed **tekst**", "_kursiv_",
    "a & b", "x < y", "<b>fed</b>", "NBSP\u00a0x", "tab\there", "[link](https://example.org)",
    "https://example.org/sti?x=1", "Slut med mellemrum   \n\n\n", "2025. Et år", "\n\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_shortcut_gives_what_markdown_gives(text):
    assert plain_text(text) == markdown_plain_text(text)


def test_exact_plain_texts():
    assert plain_text("Linje et\nlinje to\n\nNyt afsnit.") == "Linje et linje to Nyt afsnit."
    assert plain_text("1. første\n2. anden") == "første anden"
    assert plain_text("Fed **tekst** & <b>mere</b>") == "Fed tekst & mere"


def test_every_text_of_the_synthetic_catalogue_is_the_same_both_ways():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_processes

    texts = [value for _, process in synthetic_processes(300, seed=3) for key, info in PROCESS_FIELDS.items()
             if info.is_text and isinstance(value := getattr(process, key), str) and value]
    assert len(texts) > 600
    assert [plain_text(t) for t in texts] == [markdown_plain_text(t) for t in texts]
