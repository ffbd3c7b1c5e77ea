"""The HTML of Markdown fields on the pages: the shortcut for plain paragraphs gives exactly what the
Markdown converter and the cleaner give, for hand-picked, random and synthetic texts."""

from __future__ import annotations

import random
import sys

import pytest

from generator.model import PROCESS_FIELDS
from generator.sanitize import _plain_only, _plain_paragraphs, converted_markdown, render_markdown
from tests.conftest import ROOT
from tests.exports.test_plain_text import TEXTS

MORE_TEXTS = [
    "a b\nc d\n", "a\n\nb\n", " a\n  b\n\n\n\nc", "a\n    b", "    a", "a\n \nb", "a\n\n\n", "\n\na",
    "æ ø\n\n \n\n", "a. b\n2010 x", "a:b", "a  ", "a \n b ", "a\n\n\nb", "Linje\n\n- punkt", "a\n1. b",
    "x\n(1) y", "x \"q\" it's 5 % a/b (c) – d-e", "ord\n\nord\n\nord\n", "a\r\nb", "a\tb", "x\u00a0y",
    "a\u2028b", "a\x00b", "tekst\n=", "tekst\n-", "ja/nej: 50%", "3 ) tre", "1984 var et år.",
]


@pytest.mark.parametrize("text", TEXTS + MORE_TEXTS)
def test_the_shortcut_gives_what_markdown_gives(text):
    assert render_markdown(text) == converted_markdown(text)


def test_exact_html_of_plain_paragraphs():
    assert render_markdown("Linje et\nlinje to\n\nNyt afsnit.\n") == "<p>Linje et\nlinje to</p>\n<p>Nyt afsnit.</p>"
    assert render_markdown("a  \nb") == "<p>a<br>\nb</p>"  # not a plain paragraph: the converter's line break
    assert _plain_paragraphs("a  \nb") is None
    assert _plain_paragraphs("To afsnit.\n\nAndet.\n") == ["To afsnit.", "Andet."]


def test_random_texts_give_what_markdown_gives():
    rng = random.Random(14)
    pieces = ["ord", "Ærø", "1984", " ", "  ", "\n", "\n\n", "\n\n\n", ".", ",", ";", ":", "?", "(", ")", "%", "/",
              "'", '"', "–", "-", "1.", "2)", "#", ">", "*", "+", "=", "_", "&", "<b>", "\t", "    "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(20000)]
    shortcut = [t for t in texts if _plain_paragraphs(t) is not None]
    assert len(shortcut) > 1500  # the shortcut is really taken
    assert [render_markdown(t) for t in texts] == [converted_markdown(t) for t in texts]


def test_every_markdown_text_of_the_synthetic_catalogue_is_the_same_both_ways():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_processes

    texts = [value for _, process in synthetic_processes(300, seed=3) for key, info in PROCESS_FIELDS.items()
             if info.markdown and isinstance(value := getattr(process, key), str) and value]
    assert len(texts) > 600
    assert [render_markdown(t) for t in texts] == [converted_markdown(t) for t in texts]
    assert all(_plain_paragraphs(t) is not None for t in texts)  # realistic text takes the shortcut


def test_plain_characters_are_letters_digits_and_the_listed_punctuation():
    listed = " \n.,;:?()%/'\"\u2013-"
    wrong = [hex(code) for code in range(0x110000)
             if _plain_only(chr(code)) != (chr(code).isalnum() or chr(code) in listed)]
    assert wrong == []
    assert _plain_only("Æble, pære og 2 × 3") is False  # × is neither a letter nor listed
    assert _plain_only("snake_case") is False
