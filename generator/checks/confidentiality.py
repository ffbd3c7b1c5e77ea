"""Confidentiality, personal data and hostile text (AP5xx).

* AP501: a CPR number anywhere in the file (any text, nested fields, comments) is an error.
  The message masks the number.
* AP502: a personal e-mail address in a public process (see :func:`is_personal_email`).
* AP503/AP504: HTML that the sanitizer removes (Markdown fields) or that is shown as plain
  text (all other fields).
* AP505: a link that is not a plain ``http(s)://`` address.
* AP506/AP507: attachments must be regular files in ``<municipality>/bilag/`` next to the
  process file (no symlinks out of that folder).
* AP508: a ``municipality`` or ``personal`` process in the shared repository, which may be
  public: such processes belong in the municipality's private overlay.
* AP509: an overlay file for another municipality than the one a private site is built for
  (recorded by :func:`record_audience_findings` when a build chooses its audience).
* AP510: a process file that is a symbolic link out of its folder.

A process with an AP5xx error is never published (``generator.audience``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from generator.checks.rules import Rule, register
from generator.checks.run import register_document_check, register_process_check
from generator.diagnostics import ERROR, WARNING, Finding
from generator.model import PROCESS_FIELDS, Visibility, describe_fields
from generator.model.process import Attachment, Link, Person
from generator.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, is_safe_href, markdown_to_html

if TYPE_CHECKING:
    from generator.audience import Audience
    from generator.catalogue import Catalogue, Entry

ATTACHMENT_FOLDER = "bilag"

for _rule in (
    Rule("AP501", ERROR, "CPR-nummer i teksten",
         "{where} ser ud til at indeholde et CPR-nummer ({masked}).",
         "Borgeres og medarbejderes personoplysninger hører aldrig hjemme i kataloget. Slet nummeret, eller "
         "skriv et tænkt eksempel som 'ddmmåå-xxxx'. Er nummeret allerede gemt i Git, så bed en administrator "
         "om at fjerne det fra historikken.",
         "long_description: Robotten fandt fejl i sagen for 010190-1234."),
    Rule("AP502", WARNING, "Personlig e-mailadresse",
         "{where} indeholder '{email}', som ligner en persons egen e-mailadresse, og processen er synlig for alle.",
         "Brug en funktionspostkasse, som ikke afhænger af én medarbejder: tilføj fx "
         "'other_contact_email: {example}' (Anden kontaktinformation). Så vises postkassen for andre "
         "organisationer, og kontaktpersonens egen e-mail og telefon vises kun i egen organisation.",
         "visibility: public\ncontact:\n  name: Anne Jensen\n  email: anne.jensen@kommune.dk\n"
         "# other_contact_email mangler"),
    Rule("AP503", WARNING, "HTML fjernes fra teksten",
         "{where} indeholder HTML, som fjernes, når siden bygges: {removed}.",
         "Skriv teksten i Markdown: **fed**, *kursiv*, lister med '- ' og links som [tekst](https://...). "
         "Scripts, billeder, iframes, formularer, style- og on...-attributter og links, der ikke begynder med "
         "https:// eller mailto:, fjernes altid.",
         "long_description: Se <a href=\"javascript:alert(1)\">her</a> <script>...</script>"),
    Rule("AP504", WARNING, "HTML i et tekstfelt",
         "{where} indeholder HTML ({tag}), som vises som almindelig tekst med vinkelparenteser.",
         "Feltet er almindelig tekst uden formatering. Slet HTML-koden.",
         "title: <b>Ansøgning</b> om boligstøtte"),
    Rule("AP505", ERROR, "Usikkert link",
         "Linket '{url}' i {where} er ikke en almindelig webadresse: {problem}.",
         "Brug en fuld adresse, der begynder med https:// (eller mailto: for e-mail), uden '\\', '..', "
         "brugernavn eller adgangskode. Links til lokale filer og netværksdrev virker ikke for andre; læg "
         "filen som bilag i stedet.",
         "links:\n  - url: https://intranet\\\\fællesdrev\\dokument.docx"),
    Rule("AP506", ERROR, "Bilaget findes ikke",
         "Bilaget '{file}' findes ikke i mappen {folder}.",
         "Læg filen i {folder}, eller ret filnavnet i attachments (store og små bogstaver tæller).",
         "attachments:\n  - file: procesdiagram.pdf  # men filen mangler i bilag/"),
    Rule("AP507", ERROR, "Bilaget peger uden for mappen",
         "Bilaget '{file}' er {problem} og kan ikke udgives.",
         "Et bilag skal være en almindelig fil i {folder}. Kopiér selve filen derind i stedet for et "
         "symbolsk link eller en genvej.",
         "attachments:\n  - file: notat.pdf  # et symbolsk link til /home/bruger/notat.pdf"),
    Rule("AP508", WARNING, "Ikke-offentlig proces i det fælles katalog",
         "Processen har synligheden '{visibility}' ({label}), men ligger i det fælles katalog, som kan være "
         "offentligt på GitHub.",
         "{advice}",
         "# i processes/aarhus/\nvisibility: municipality"),
    Rule("AP509", ERROR, "Overlay-fil for en anden organisation",
         "Filen ligger i en privat overlay-mappe og hører til '{municipality}', men sitet bygges for {audience}.",
         "En overlay-mappe må kun indeholde den organisations egne processer, som sitet bygges for. Flyt filen "
         "til {municipality}s egen overlay-mappe, eller til processes/{municipality}/, hvis den er offentlig.",
         "# autoproces build --audience aarhus --overlay privat/\n# privat/odense/proces.yaml"),
    Rule("AP510", ERROR, "Procesfilen er et symbolsk link",
         "Procesfilen er et symbolsk link til {target}, uden for mappen {folder}.",
         "Kopiér selve filen ind i mappen i stedet for et link; så kan ingen fil uden for kataloget blive "
         "udgivet ved en fejl.",
         "processes/aarhus/proces.yaml -> /home/bruger/privat.yaml"),
):
    register(_rule)


# --- where a value sits -------------------------------------------------------------------

_SUB_FIELDS = {"contact": Person, "owner": Person, "reporter": Person, "users": Person,
               "links": Link, "attachments": Attachment}
_SUB_INFO = {key: describe_fields(model) for key, model in _SUB_FIELDS.items()}


def describe_path(path: tuple[str | int, ...]) -> str:
    """'Feltet Links (nr. 2) › Titel (links[2].title)' for a path into the YAML data."""
    if not path:
        return "Filen"
    top = str(path[0])
    info = PROCESS_FIELDS.get(top)
    label = info.label if info else top
    key = top
    rest = list(path[1:])
    if rest and isinstance(rest[0], int):
        index = rest.pop(0)
        label += f" (nr. {index + 1})"
        key += f"[{index + 1}]"
    if rest:
        sub = str(rest[0])
        sub_info = _SUB_INFO.get(top, {}).get(sub)
        label += f" › {sub_info.label if sub_info else sub}"
        key += f".{sub}"
    return f"Feltet {label} ({key})"


def _walk(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text in the YAML data with its path (keys and values of nested mappings and lists)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))


def _finding(rule: str, entry: "Entry", path: tuple[str | int, ...], *, key: bool = False, **params: Any) -> Finding:
    pos = entry.document.position(path, key=key)
    return Finding.make(rule, entry.path, pos.line, pos.column, where=describe_path(path), **params)


# --- AP501: CPR numbers -------------------------------------------------------------------

# DDMMYY-XXXX or DDMMYYXXXX, not glued to other digits, letters, slashes or decimals, so that
# case numbers (23/104512), KLE codes (27.24.00), dates (01-02-2024) and phone numbers
# (+45 87 13 40 00, 87134000) do not match.
_CPR = re.compile(r"(?<![\w/])(?<!\d[.,-])(\d{2})(\d{2})(\d{2})(-?)(\d{4})(?![\w/]|[.,-]\d)")
# Ten digits in a row are also P-numbers, account numbers and EAN numbers when they say so.
_NOT_CPR_CONTEXT = re.compile(r"(p-?n(?:umme)?r|konto|ean|gln|tlf|telefon|faktura|ordre)\W{0,3}(?:nr\W{0,3})?$",
                              re.IGNORECASE)


def _valid_date(day: int, month: int, year: int) -> bool:
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def _cpr_matches(text: str) -> Iterator[re.Match[str]]:
    for match in _CPR.finditer(text):
        day, month, year, dash, _ = match.groups()
        if not _valid_date(int(day), int(month), int(year)):
            continue
        if not dash and _NOT_CPR_CONTEXT.search(text[max(0, match.start() - 20):match.start()]):
            continue
        yield match


def find_cpr_numbers(text: str) -> list[tuple[int, str]]:
    """(offset, masked number) of every CPR-like number in ``text``."""
    return [(m.start(), mask_cpr(m.group())) for m in _cpr_matches(text)]


def mask_cpr(number: str) -> str:
    """'010190-1234' -> '01xxxx-xxxx': enough to find it, too little to identify anyone."""
    return number[:2] + "xxxx-xxxx"


def _path_at(entry: "Entry", line: int, column: int) -> tuple[str | int, ...] | None:
    """The field whose key or value starts last before (line, column)."""
    doc = entry.document
    best: tuple[tuple[int, int], tuple[str | int, ...]] | None = None
    for table in (doc.key_positions, doc.value_positions):
        for path, pos in table.items():
            if path and (pos.line, pos.column) <= (line, column) and (best is None or (pos.line, pos.column) > best[0]):
                best = ((pos.line, pos.column), path)
    return best[1] if best else None


def check_cpr(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    """Every CPR number in the file's text (values, comments), with its exact position.

    The raw text is searched line by line, so that a number in a comment or in a multi-line
    text is reported where it stands; the values are searched as well, for numbers the raw
    text only holds in escaped form.
    """
    try:
        raw = entry.path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        raw = ""
    seen: set[str] = set()
    for number, line in enumerate(raw.split("\n"), start=1):
        for match in _cpr_matches(line):
            seen.add(re.sub(r"\D", "", match.group()))
            column = match.start() + 1
            path = None if line.lstrip().startswith("#") else _path_at(entry, number, column)
            where = describe_path(path) if path else f"En kommentar i linje {number}"
            yield Finding.make("AP501", entry.path, number, column, where=where, masked=mask_cpr(match.group()))
    for path, text in _walk(entry.document.data):
        for match in _cpr_matches(text):
            if re.sub(r"\D", "", match.group()) not in seen:
                yield _finding("AP501", entry, path, masked=mask_cpr(match.group()))


# --- AP502: personal e-mail addresses -------------------------------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-æøåÆØÅ]+@[A-Za-z0-9\-æøåÆØÅ]+(?:\.[A-Za-z0-9\-æøåÆØÅ]+)+")
# Words of functional mailboxes: a part of the local part starting with a short one, or
# containing a long one, makes the address functional.
_FUNCTIONAL_PREFIXES = (
    "post", "mail", "info", "team", "rpa", "robot", "admin", "borger", "job", "enhed", "kontor", "it", "hr",
    "data", "drift", "noreply", "donotreply", "help", "hjaelp", "sekr", "ledelse", "direktion", "kommune",
)
_FUNCTIONAL_WORDS = (
    "kontakt", "service", "support", "digital", "sekretariat", "center", "centre", "afdeling", "udvikling",
    "automat", "teamet", "postkasse", "funktion", "sagsbehandl", "noreply", "no-reply",
)
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)  # an '@' in a URL is no e-mail address
_NAME_PARTS = re.compile(r"^[a-z]{2,}(?:[._-][a-z]{1,})+$")
_FOLD_LONG = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})
_FOLD_SHORT = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})


def _ascii(text: str, table: dict[int, str]) -> str:
    text = text.lower().translate(table)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _looks_functional(text: str) -> bool:
    segments = [s for s in re.split(r"[^a-z]+", text) if s]
    return any(word in text for word in _FUNCTIONAL_WORDS) or any(s.startswith(_FUNCTIONAL_PREFIXES) for s in segments)


def _name_tokens(names: Iterable[str]) -> tuple[set[str], set[str]]:
    """Name parts of 3+ letters (both Danish foldings) and initials of every person named."""
    tokens: set[str] = set()
    initials: set[str] = set()
    for name in names:
        if _looks_functional(_ascii(name, _FOLD_LONG)):
            continue  # a team named as contact ("Digitaliseringsenheden") is no person
        for table in (_FOLD_LONG, _FOLD_SHORT):
            parts = [p for p in re.split(r"[^a-z]+", _ascii(name, table)) if p]
            tokens.update(p for p in parts if len(p) >= 3)
            if len(parts) >= 2:
                initials.add("".join(p[0] for p in parts))
                initials.add(parts[0][0] + parts[-1][0])
    return tokens, initials


def is_personal_email(address: str, names: Iterable[str] = ()) -> bool:
    """The heuristic behind AP502.

    An address is personal when its local part (before ``@``, without ``+tag``)

    * has a part that starts with a name (3+ letters) of a person named in the file or ends
      with one (4+ letters), or equals their initials (``mka`` for Mette Kjær Andersen), or
    * looks like ``firstname.lastname`` (words joined by ``.``, ``_`` or ``-``) and holds
      none of the words typical of a functional mailbox (post, kontakt, digital, rpa, ...).

    Functional mailboxes such as ``digitalisering@``, ``rpa-teamet@`` and ``post@`` are not
    personal; neither are bare initials of someone the file does not name. A "person" whose
    name is itself functional ("Digitaliseringsenheden") contributes no name parts.
    """
    local = _ascii(address.split("@", 1)[0].split("+", 1)[0], _FOLD_LONG)
    tokens, initials = _name_tokens(names)
    letters = re.sub(r"[^a-z]", "", local)
    if letters in initials:
        return True
    segments = [s for s in re.split(r"[^a-z]+", local) if s]
    if any(s.startswith(t) or (len(t) >= 4 and s.endswith(t)) for s in segments for t in tokens):
        return True
    if _looks_functional(local):
        return False
    return bool(_NAME_PARTS.match(local))


def _suggested_mailbox(address: str) -> str:
    domain = address.split("@", 1)[1] if "@" in address else "kommune.dk"
    return f"digitalisering@{domain}"


def check_personal_email(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    if process.visibility != Visibility.PUBLIC:
        return
    people = [p for p in (process.contact, process.owner, process.reporter, *process.users) if p]
    names = [p.name for p in people]
    data = entry.document.data or {}
    for path, text in _walk(data):
        top = str(path[0]) if path else ""
        info = PROCESS_FIELDS.get(top)
        if info is None or info.confidential:
            continue
        if top == "contact" and process.other_contact_email:
            continue  # the contact's own address is not published when a mailbox is given
        if top in ("links", "attachments") and len(path) > 1:
            item = data.get(top, [])[path[1]] if isinstance(path[1], int) else None
            if isinstance(item, dict) and item.get("visibility", "public" if top == "links" else "municipality") != "public":
                continue
        for match in _EMAIL.finditer(_URL.sub(" ", text)):
            address = match.group()
            if is_personal_email(address, names):
                yield _finding("AP502", entry, path, email=address, example=_suggested_mailbox(address))


# --- AP503/AP504: HTML in text fields -------------------------------------------------------

_ALLOWED_ATTRS = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}


class _HtmlAudit(HTMLParser):
    """Collects what the sanitizer removes from rendered Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []

    def _note(self, item: str) -> None:
        if item not in self.removed:
            self.removed.append(item)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._note(f"<{tag}>")
            return
        for name, value in attrs:
            if name not in _ALLOWED_ATTRS.get(tag, set()):
                self._note(f"{name}-attributten" if not name.startswith("on") else f"{name}=...")
            elif name == "href" and not is_safe_href(value or ""):
                self._note(f"linket '{(value or '')[:60]}'")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self._note("HTML-kommentarer")


_TAG_LIKE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")


def html_removed(markdown_text: str) -> list[str]:
    """What rendering ``markdown_text`` removes (tags, attributes, links), in order."""
    audit = _HtmlAudit()
    audit.feed(markdown_to_html(markdown_text))
    audit.close()
    return [item for item in audit.removed if item.strip("<>") not in ("h1", "h2")]


def check_html(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    for path, text in _walk(entry.document.data):
        if "<" not in text and "](" not in text:
            continue
        info = PROCESS_FIELDS.get(str(path[0])) if path else None
        if info is not None and info.markdown and len(path) == 1:
            removed = html_removed(text)
            if removed:
                shown = ", ".join(removed[:5]) + (" ..." if len(removed) > 5 else "")
                yield _finding("AP503", entry, path, removed=shown)
        else:
            tags = sorted({f"<{m.group(1).lower()}>" for m in _TAG_LIKE.finditer(text)})
            if tags:
                yield _finding("AP504", entry, path, tag=", ".join(tags[:5]))


# --- AP505: links -------------------------------------------------------------------------

_LOCAL_HOSTS = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\])(?::\d+)?$", re.IGNORECASE)


def link_problem(url: str) -> str | None:
    """A Danish description of what is unsafe about a link, or None."""
    lowered = url.strip().lower()
    if not lowered.startswith(("http://", "https://")):
        return "kun adresser, der begynder med http:// eller https://, er tilladt"
    if "\\" in url:
        return "adressen indeholder '\\' (en sti til et netværksdrev eller en lokal fil)"
    if "%2e%2e" in lowered or "/../" in lowered or lowered.endswith("/.."):
        return "adressen indeholder '..' og peger uden for sin mappe"
    if any(ord(ch) < 32 or ch.isspace() for ch in url):
        return "adressen indeholder mellemrum eller usynlige tegn"
    authority = lowered.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "@" in authority:
        return "adressen indeholder et brugernavn eller en adgangskode før '@'"
    if _LOCAL_HOSTS.match(authority):
        return "adressen peger på den lokale maskine"
    if not authority:
        return "adressen mangler et domæne"
    return None


def check_links(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    targets: list[tuple[tuple[str | int, ...], str]] = []
    if process.code_repository_url:
        targets.append((("code_repository_url",), process.code_repository_url))
    targets += [(("links", i, "url"), link.url) for i, link in enumerate(process.links)]
    for path, url in targets:
        problem = link_problem(url)
        if problem:
            yield _finding("AP505", entry, path, url=url[:120], problem=problem)


# --- AP506/AP507: attachments ---------------------------------------------------------------


def attachment_folder(entry: "Entry") -> Path:
    return entry.path.parent / ATTACHMENT_FOLDER


def check_attachments(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    folder = attachment_folder(entry)
    shown_folder = f"{entry.folder or process.municipality}/{ATTACHMENT_FOLDER}/"
    for index, attachment in enumerate(process.attachments):
        path = ("attachments", index, "file")
        name = attachment.file
        candidate = folder / name
        if "/" in name or "\\" in name or name in (".", "..") or "%2e" in name.lower():
            yield _finding("AP507", entry, path, file=name, problem="en sti uden for bilagsmappen",
                           folder=shown_folder)
            continue
        if candidate.is_symlink():
            try:
                target = candidate.resolve(strict=True)
                inside = target.parent == folder.resolve()
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                yield _finding("AP507", entry, path, file=name, folder=shown_folder,
                               problem="et symbolsk link, der peger uden for bilagsmappen")
                continue
        if not candidate.exists():
            yield _finding("AP506", entry, path, file=name, folder=shown_folder)
        elif not candidate.is_file():
            yield _finding("AP507", entry, path, file=name, folder=shown_folder,
                           problem="ikke en almindelig fil (en mappe eller en speciel fil)")


# --- AP508: private processes in the shared repository --------------------------------------


def check_shared_visibility(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    if entry.overlay or process.visibility == Visibility.PUBLIC:
        return
    municipality = process.municipality
    if process.visibility == Visibility.PERSONAL:
        advice = ("Processer med synligheden 'personal' er kladder og udgives aldrig, heller ikke på "
                  "organisationens private site. Gem kladden i organisationens private overlay-mappe "
                  f"(<overlay>/{municipality}/{entry.slug}.yaml), eller sæt 'visibility: public', når den er klar.")
    else:
        advice = ("Processen vises kun på organisationens private site, men selve filen kan læses af alle, der kan "
                  "læse repositoriet. Flyt den til organisationens private overlay-mappe "
                  f"(<overlay>/{municipality}/{entry.slug}.yaml) i et privat repositorium, og byg det private site med "
                  f"'autoproces build --audience {municipality} --overlay <overlay>'.")
    yield _finding("AP508", entry, ("visibility",), visibility=process.visibility.value,
                   label=Visibility(process.visibility).label, advice=advice)


# --- AP510: process files that are symlinks -------------------------------------------------


def check_process_symlink(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    if not entry.path.is_symlink():
        return
    folder = entry.path.parent
    try:
        target = entry.path.resolve(strict=True)
        inside = target.parent == folder.resolve()
    except (OSError, RuntimeError):
        target, inside = Path("(et link, der ikke kan følges)"), False
    if not inside:
        shown = f"{entry.folder}/" if entry.folder else folder.name + "/"
        yield Finding.make("AP510", entry.path, 1, 1, target=target.name, folder=shown)


# --- AP509: overlay files for another audience ----------------------------------------------


def audience_findings(catalogue: "Catalogue", audience: "Audience") -> list[tuple["Entry", Finding]]:
    """AP509 for every overlay file that does not belong to the audience a site is built for."""
    found = []
    shown_audience = "alle (public)" if audience.is_public else f"'{audience.name}'"
    for entry in catalogue.entries:
        if not entry.overlay:
            continue
        owner = entry.process.municipality if entry.process is not None else entry.folder
        if entry.process is not None and audience.owns_entry(entry):
            continue
        if entry.process is None and owner == audience.name:
            continue  # a broken file of the audience's own: its schema errors say enough
        finding = Finding.make("AP509", entry.path, 1, 1, municipality=owner or entry.folder or "?",
                               audience=shown_audience)
        found.append((entry, finding))
    return found


def record_audience_findings(catalogue: "Catalogue", audience: "Audience") -> list[Finding]:
    """Add AP509 findings to the entries they concern (once) and return them."""
    added = []
    for entry, finding in audience_findings(catalogue, audience):
        if finding not in entry.findings:
            entry.findings.append(finding)
            entry.findings.sort(key=Finding.sort_key)
            added.append(finding)
    return added


for _check in (check_cpr, check_html, check_process_symlink):
    register_document_check(_check)
for _check in (check_personal_email, check_links, check_attachments, check_shared_visibility):
    register_process_check(_check)
