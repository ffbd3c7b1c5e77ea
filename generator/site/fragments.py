"""The small HTML pieces every process and browse page repeats many times: a link, a person, the value
of a row, a row of a process page's sections and fact card, a line of a process table.

They are built here, not by Jinja macros: a macro call per row and per link cost seconds per thousand
pages. The templates call them as functions (``{{ link(item) }}``, ``{{ sections_html(...) }}``, registered
in ``generator.site.templates``; the lines of ``process_row`` are given to the ``process_table`` macro). Every value is escaped with
markupsafe's ``escape``, as Jinja's autoescape does; only a row of kind ``html`` (Markdown sanitized by
``generator.sanitize.render_markdown``, a ``Markup``) is inserted as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from generator import formatting, labels

if TYPE_CHECKING:  # views imports templates, which registers these functions
    from generator.site.views import LinkView, ProcessRow, Row


def link(item: LinkView) -> Markup:
    """A link (or plain text when there is no address) and its note in parentheses."""
    text = escape(item.text)
    html = f'<a href="{escape(item.href)}">{text}</a>' if item.href else str(text)
    if item.note:
        html += f' <span class="ap-note">({escape(item.note)})</span>'
    return Markup(html)


def person(p) -> Markup:
    """A name, role, e-mail address (as a mailto link) and phone number."""
    html = f'<span class="ap-person">{escape(p.name)}'
    if p.role:
        html += f", {escape(p.role)}"
    if p.email:
        email = escape(p.email)
        html += f'<br><a href="mailto:{email}">{email}</a>'
    if p.phone:
        html += f"<br>Tlf. {escape(p.phone)}"
    return Markup(html + "</span>")


def value(row: Row) -> Markup:
    """The value of one row of a process page, shown as its ``kind`` says (see ``views.Row``)."""
    kind, shown = row.kind, row.value
    if kind == "links":
        if len(shown) == 1:
            return link(shown[0])
        return Markup('<ul class="ap-inline-list">' + "".join(f"<li>{link(item)}</li>" for item in shown) + "</ul>")
    if kind == "people":
        return Markup("<br>".join(person(p) for p in shown))
    if kind == "html":
        html = f'<div class="ap-text">{escape(shown)}</div>'
    elif kind == "multiline":
        html = f'<span class="ap-multiline">{escape(shown)}</span>'
    elif kind == "list":
        html = ", ".join(escape(item) for item in shown)
    else:
        html = escape(shown)
    return Markup(f"{html}\n")  # the other kinds end with a line break, as they always did


def fact(row: Row) -> Markup:
    """A row of the fact card at the top of a process page."""
    return Markup(f'<div class="ap-fact" data-fact="{escape(row.key)}"><dt>{escape(row.label)}</dt>'
                  f'<dd>{value(row)}</dd></div>')


def field(row: Row) -> Markup:
    """A row of a section of a process page: its label and its value."""
    return Markup(f'<div class="ap-field ap-field-{escape(row.kind)}" data-field="{escape(row.key)}">'
                  f'<dt>{escape(row.label)}</dt><dd>{value(row)}</dd></div>')


def sections_html(rows_by_section: dict[str, list[Row]], names: dict[str, str], ids: dict[str, str]) -> Markup:
    """Every section of a process page: a heading and its rows (one call instead of a template loop)."""
    out = []
    for key, rows in rows_by_section.items():
        out.append(f'<h2 id="{escape(ids[key])}">{escape(names[key])}</h2>\n'
                   f'<dl class="ap-fields ap-section-{escape(key)}">\n')
        out.extend(f"{field(row)}\n" for row in rows)
        out.append("</dl>\n")
    return Markup("".join(out))


_UPDATED = escape(labels.TABLE_UPDATED)
_HOURS = escape(labels.TABLE_HOURS)


def process_row(r: ProcessRow) -> Markup:
    """One line of a process table (browse pages, the front page)."""
    updated = formatting.date_iso(r.updated) if r.updated else ""
    when = f'<time datetime="{escape(updated)}">{escape(updated)}</time>' if r.updated else ""
    return Markup(
        f'<tr><td class="ap-cell-title">{link(r.title)}</td><td data-label="Organisation">{link(r.municipality)}</td>'
        f'<td data-label="Fase">{escape(r.phase)}</td><td data-label="Status">{escape(r.status)}</td>'
        f'<td data-label="{_UPDATED}">{when}</td>'
        f'<td class="ap-num" data-label="{_HOURS}">{escape(formatting.number_da(r.hours))}</td></tr>'
    )
