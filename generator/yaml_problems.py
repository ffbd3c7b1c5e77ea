"""Danish explanations of what the YAML parser and the file system report."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError

_PROBLEMS_DA = [
    ("mapping values are not allowed here",
     "der står et kolon midt i en værdi; sæt anførselstegn om teksten, hvis kolonet hører til teksten"),
    ("could not find expected ':'", "der mangler et kolon efter feltnavnet"),
    ("expected <block end>, but found", "indrykningen passer ikke med linjerne over"),
    ("did not find expected key", "indrykningen passer ikke, eller der mangler et kolon efter feltnavnet"),
    ("did not find expected '-' indicator", "et punkt i listen er ikke indrykket som de andre"),
    ("found unexpected end of stream", "filen slutter midt i en tekst i anførselstegn"),
    ("found character '\\t' that cannot start any token", "der er en tabulator, hvor YAML kun tillader mellemrum"),
    ("found character '@' that cannot start any token",
     "en værdi må ikke begynde med '@'; sæt anførselstegn om teksten"),
    ("found character '`' that cannot start any token",
     "en værdi må ikke begynde med '`'; sæt anførselstegn om teksten"),
    ("expected ',' or ']'", "en liste i [ ] er ikke lukket korrekt"),
    ("expected ',' or '}'", "en samling i { } er ikke lukket korrekt"),
    ("expected the node content, but found", "der mangler en værdi, eller en liste eller samling er ikke lukket"),
    ("found undefined alias", "en værdi begynder med '*'; sæt anførselstegn om teksten"),
    ("found unknown escape character",
     "teksten i dobbelte anførselstegn har en ukendt \\-kode; brug enkelte anførselstegn"),
    ("found a tab character that violates indentation", "der er en tabulator, hvor YAML kun tillader mellemrum"),
]


def yaml_problem_da(exc: "MarkedYAMLError") -> str:
    problem = str(exc.problem or exc.context or "ugyldig YAML").strip()
    for english, danish in _PROBLEMS_DA:
        if english in problem:
            return danish
    return problem


def os_error_da(exc: OSError) -> str:
    import errno

    known = {
        errno.ENOENT: "filen findes ikke",
        errno.EACCES: "du har ikke adgang til at læse filen",
        errno.EPERM: "du har ikke adgang til at læse filen",
        errno.EISDIR: "det er en mappe, ikke en fil",
        errno.ELOOP: "filen er et symbolsk link, der peger på sig selv",
    }
    return known.get(exc.errno or 0, exc.strerror or str(exc))
