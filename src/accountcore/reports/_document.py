"""A report as a small document (a title, sections, tables) and its three
renderings: plain text with aligned columns, Markdown, and HTML (for
notebooks: every text escaped).

Text columns are aligned by display width, so Japanese (two columns per
character) lines up too.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Sequence

import attrs
from babel.dates import format_skeleton

from accountcore import _html
from accountcore.i18n import (
    Message,
    format_day,
    format_number,
    format_percent,
    message_ids,
)
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.reports.errors import ReportInputError

FORMATS = ("text", "markdown", "html")
_DASH = "–"


@attrs.frozen
class Table:
    """Rows of cells under headers; ``right`` marks right-aligned columns."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: tuple[bool, ...]


@attrs.frozen
class Section:
    """A heading, lines of prose, then an optional table."""

    title: str
    lines: tuple[str, ...] = ()
    table: Table | None = None


def width(text: str) -> int:
    """Display width: wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def render(title: str, sections: Sequence[Section], fmt: str) -> str:
    """The document as ``fmt`` (``"text"``, ``"markdown"`` or ``"html"``),
    ending in a newline."""
    if fmt == "text":
        return _text(title, sections)
    if fmt == "markdown":
        return _markdown(title, sections)
    if fmt == "html":
        return _html_document(title, sections)
    raise ReportInputError("format", fmt, "expected 'text', 'markdown' or 'html'")


def _html_document(title: str, sections: Sequence[Section]) -> str:
    parts = []
    for section in sections:
        table = section.table
        shown = (
            _html.table(table.headers, table.rows, right=table.right)
            if table is not None and table.rows
            else ""
        )
        parts.append(_html.block(section.title, section.lines, shown))
    return _html.block(title, (), *parts) + "\n"


def _text(title: str, sections: Sequence[Section]) -> str:
    out = [title, "=" * width(title)]
    for section in sections:
        out.extend(["", section.title, "-" * width(section.title)])
        out.extend(section.lines)
        table = section.table
        if table is None:
            continue
        if not table.rows:
            continue
        sizes = [
            max(width(row[n]) for row in (table.headers, *table.rows))
            for n in range(len(table.headers))
        ]
        for row in (table.headers, *table.rows):
            cells = [_pad(cell, sizes[n], table.right[n]) for n, cell in enumerate(row)]
            out.append(("  " + "  ".join(cells)).rstrip())
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _markdown(title: str, sections: Sequence[Section]) -> str:
    out = [f"# {title}"]
    for section in sections:
        out.extend(["", f"## {section.title}"])
        if section.lines:
            out.append("")
            out.extend(f"- {line}" for line in section.lines)
        table = section.table
        if table is None or not table.rows:
            continue
        out.append("")
        out.append("| " + " | ".join(_cell(h) for h in table.headers) + " |")
        out.append("|" + "|".join("---:" if r else "---" for r in table.right) + "|")
        out.extend(
            "| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows
        )
    return "\n".join(out) + "\n"


# --- shared labels ------------------------------------------------------------


def t(message_id: str, locale: str, /, **params: object) -> str:
    """A report label: the :class:`~accountcore.i18n.Message` ``message_id``
    with its typed ``params``, rendered in ``locale`` (the one shape every
    explanation of the library has)."""
    return Message.of(message_id, **params).render(locale)


def money(amount: Money | None, locale: str) -> str:
    """An amount for ``locale``, or a dash when there is none."""
    return _DASH if amount is None else amount.format(locale)


def percent(ratio: object, locale: str) -> str:
    """A ratio as a percentage for ``locale``, or a dash when there is none."""
    if ratio is None:
        return _DASH
    return format_percent(ratio, locale)  # type: ignore[arg-type]


def count(value: int, locale: str) -> str:
    """A count for ``locale`` (``1,250`` in en_US, ``1 250`` in lv_LV)."""
    return format_number(value, locale)


def day(value: _dt.date | None, locale: str) -> str:
    """A date for ``locale``, or a dash when there is none."""
    return _DASH if value is None else format_day(value, locale)


def span(period: Period, locale: str) -> str:
    """``period`` as its first and last day: ``1 Jan 2026 – 31 Mar 2026``."""
    return t("reports.period.span", locale, start=period.start, end=period.last_day)


def quarter_label(period: Period, calendar: FiscalCalendar, locale: str) -> str:
    """The fiscal quarter ``period`` starts in, named for ``locale``."""
    year, number = calendar.fiscal_quarter_of(period.start)
    return t("reports.period.quarter", locale, quarter=str(number), year=str(year))


def stage_name(key: str | None, locale: str) -> str:
    """A stage of the default pipeline by its translated name; another
    pipeline's stage by its key (its name is the user's own text)."""
    if key is None:
        return t("reports.stage.new", locale)
    message_id = f"reports.stage.{key}"
    if message_id in _stage_ids():
        return t(message_id, locale)
    return key


_STAGE_IDS: list[frozenset[str]] = []


def _stage_ids() -> frozenset[str]:
    if not _STAGE_IDS:
        _STAGE_IDS.append(
            frozenset(i for i in message_ids() if i.startswith("reports.stage."))
        )
    return _STAGE_IDS[0]


def month_label(period: Period, locale: str) -> str:
    """A calendar month named for ``locale`` (``March 2026``, ``2026年3月``);
    any other period as its span."""
    if period == Period.month(period.start.year, period.start.month):
        return format_skeleton("yMMMM", period.start, locale=locale)
    return span(period, locale)
