"""Pages of OS2autoproces's REST API (Spring Data REST, HAL JSON, projection ``extended``) to records.

A page looks like ``{"_embedded": {"processes": [...]}, "_links": {"next": {"href": ...}},
"page": {"size", "totalElements", "totalPages", "number"}}``; ``GET /api/processes/{id}`` gives one
process object, which is read too. Nested objects of the extended projection (``contact``,
``itSystems``, ``children`` ...) are reduced to the neutral record (:mod:`.records`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.importers.records import ReadError, SourceRecord

MAX_PAGE_BYTES = 50_000_000
_SELF_ID = re.compile(r"/processes/(\d+)(?:\{.*\})?$")


def parse_page(raw: bytes, name: str) -> tuple[list[SourceRecord], str | None]:
    """The records of one page and its ``next`` link; ReadError when the page is not such a page."""
    data = _decode(raw, name)
    if isinstance(data, dict) and "_embedded" in data:
        embedded = data.get("_embedded")
        items = embedded.get("processes") if isinstance(embedded, dict) else None
        if not isinstance(items, list):
            raise ReadError(f"{name}: siden har ingen liste '_embedded.processes'")
        number = _page_number(data)
        prefix = f"{name}, side {number + 1}" if number is not None else name
        records = [_record(item, f"{prefix}, post {i + 1}") for i, item in enumerate(items)]
        return records, _next_link(data)
    if isinstance(data, dict) and "title" in data and "id" in data:
        return [_record(data, name)], None
    if isinstance(data, dict) and "page" in data and "_embedded" not in data:
        return [], None  # an empty result: Spring Data REST leaves out _embedded
    raise ReadError(f"{name}: filen er ikke en side fra OS2autoproces' API (/api/processes?projection=extended)")


def _decode(raw: bytes, name: str) -> Any:
    if len(raw) > MAX_PAGE_BYTES:
        raise ReadError(f"{name}: filen fylder {len(raw):,} byte; højst {MAX_PAGE_BYTES:,} byte kan læses"
                        .replace(",", "."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{name}: filen er ikke UTF-8 (byte {exc.start + 1})") from None

    def refuse_constant(constant: str) -> Any:
        raise ValueError(f"{constant} er ikke tilladt i JSON")

    try:
        return json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise ReadError(f"{name}: ugyldig JSON i linje {exc.lineno}, kolonne {exc.colno} ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise ReadError(f"{name}: ugyldig JSON ({exc})") from None


def _page_number(data: dict) -> int | None:
    page = data.get("page")
    number = page.get("number") if isinstance(page, dict) else None
    return number if isinstance(number, int) and not isinstance(number, bool) and number >= 0 else None


def _next_link(data: dict) -> str | None:
    links = data.get("_links")
    nxt = links.get("next") if isinstance(links, dict) else None
    href = nxt.get("href") if isinstance(nxt, dict) else None
    return href if isinstance(href, str) and href else None


def _record(item: Any, origin: str) -> SourceRecord:
    if not isinstance(item, dict):
        return SourceRecord(origin=origin, values={})
    values = {k: v for k, v in item.items() if not isinstance(v, (dict, list)) and not k.startswith("_")}
    values["contact"] = _user(item.get("contact"))
    values["owner"] = _user(item.get("owner"))
    values["reporter"] = _user(item.get("reporter"))
    values["users"] = [u for u in map(_user, _list(item.get("users"))) if u]
    values["orgUnits"] = [_name(o) for o in _list(item.get("orgUnits")) if _name(o)]
    values["itSystems"] = [_system(s) for s in _list(item.get("itSystems")) if isinstance(s, dict)]
    values["technologies"] = [_name(t) for t in _list(item.get("technologies")) if _name(t)]
    values["services"] = [_name(s) for s in _list(item.get("services")) if _name(s)]
    values["domains"] = [d for d in _list(item.get("domains")) if isinstance(d, str)]
    values["links"] = [{"url": link.get("url"), "internal": link.get("internal") is True}
                       for link in _list(item.get("links")) if isinstance(link, dict)]
    values["children"] = [i for i in map(_process_id, _list(item.get("children"))) if i]
    values["parents"] = [i for i in map(_process_id, _list(item.get("parents"))) if i]
    if isinstance(values.get("id"), bool) or not isinstance(values.get("id"), int):
        values["id"] = _process_id(item)
    return SourceRecord(origin=origin, values=values)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _name(value: Any) -> str | None:
    name = value.get("name") if isinstance(value, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def _user(value: Any) -> dict | None:
    if not isinstance(value, dict) or not _name(value):
        return None
    return {"name": _name(value), "email": value.get("email"), "active": value.get("active")}


def _system(value: dict) -> dict:
    uuid = value.get("kitosUUID") or value.get("kitosUuid") or value.get("uuid")
    return {"name": _name(value), "uuid": uuid if isinstance(uuid, str) else None,
            "vendor": value.get("vendor") if isinstance(value.get("vendor"), str) else None,
            "from_kitos": value.get("fromKitos") if isinstance(value.get("fromKitos"), bool) else None}


def _process_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("id"), int) and not isinstance(value.get("id"), bool) and value["id"] > 0:
        return value["id"]
    links = value.get("_links")
    self_link = links.get("self") if isinstance(links, dict) else None
    href = self_link.get("href") if isinstance(self_link, dict) else None
    match = _SELF_ID.search(href) if isinstance(href, str) else None
    return int(match.group(1)) if match else None
