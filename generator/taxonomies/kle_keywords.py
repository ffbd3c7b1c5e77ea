"""KLE keywords (stikord): the words municipal staff use for a subject, from OS2KLE.

``OS2KLE.txt`` holds one KLE subject per line with weighted keywords::

    KLENummer='00.01.00':KLETitel='...':Keywords[Weight]=Partistøtteloven §4[5];tilskud[5];ok01[1000];

The list ``kle_keywords`` has one item per subject: its code, title and keywords as ``[text, weight]``
pairs, highest weight first (source order among equals), each text once (compared without case).
The 2015 KLE XML of this repository (Emneplan version 2.0) holds no ``Stikord`` elements, only the
REST schema describes them; a KLE-Online download with ``EmneStikord`` would be a second source.
"""

from __future__ import annotations

import re

from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.kle import check_code

_LINE = re.compile(r"^KLENummer='([^']*)':KLETitel='(.*?)':Keywords\[Weight\]=(.*)$")
_KEYWORD = re.compile(r"(.+?)\[(\d+)\](?:;|$)")
MAX_KEYWORD_LENGTH = 200


def parse_keywords(data: bytes, source: str) -> list[dict]:
    """The keyword items of every subject in ``OS2KLE.txt`` (subjects without keywords are left out)."""
    items = []
    for number, line in enumerate(data.decode("utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise TaxonomyError(f"{source}: linje {number} har ikke formatet KLENummer='..':KLETitel='..'")
        code = check_code(match.group(1), 3, source)
        keywords = _keywords(match.group(3))
        if keywords:
            items.append({"code": code, "title": match.group(2), "status": "active", "replaced_by": [],
                          "keywords": keywords})
    if not items:
        raise TaxonomyError(f"{source}: ingen KLE-stikord")
    return items


def _keywords(text: str) -> list[list[object]]:
    seen: dict[str, tuple[int, int, str]] = {}
    for position, (word, weight) in enumerate(_KEYWORD.findall(text)):
        word = " ".join(word.split())[:MAX_KEYWORD_LENGTH]
        key = word.casefold()
        if not word:
            continue
        if key not in seen or int(weight) > seen[key][0]:
            seen[key] = (int(weight), seen[key][1] if key in seen else position, word)
    ordered = sorted(seen.values(), key=lambda entry: (-entry[0], entry[1]))
    return [[word, weight] for weight, _, word in ordered]
