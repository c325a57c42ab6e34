"""HTML for notebooks (private): the one place that escapes text and builds
the tables every result type shows in Jupyter (``_repr_html_``).

Every text goes through :func:`escape`; callers pass text already formatted
for a locale (``Money.format(locale)``), and column names as catalog keys
(:func:`label`), so a display is localised like the rest of the library.

>>> print(table(("Owner", "Total"), [("<b>ana</b>", "€1.00")], right=(False, True)))
<table><thead><tr><th style="text-align:left">Owner</th><th style="text-align:right">Total</th></tr></thead><tbody><tr><td style="text-align:left">&lt;b&gt;ana&lt;/b&gt;</td><td style="text-align:right">€1.00</td></tr></tbody></table>
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from accountcore.i18n import Message, format_number, format_percent

__all__ = ["block", "escape", "factors_table", "label", "table"]

_ALIGN = ('style="text-align:left"', 'style="text-align:right"')


def escape(value: object) -> str:
    """``value`` as text, safe inside an element or an attribute."""
    return html.escape(str(value), quote=True)


def label(key: str, locale: str) -> str:
    """The column name ``display.column.<key>`` in ``locale`` (not escaped)."""
    return Message.of(f"display.column.{key}").render(locale)


def _row(cells: Sequence[object], tag: str, right: Sequence[bool]) -> str:
    out = []
    for n, cell in enumerate(cells):
        align = _ALIGN[bool(right[n]) if n < len(right) else False]
        out.append(f"<{tag} {align}>{escape(cell)}</{tag}>")
    return "<tr>" + "".join(out) + "</tr>"


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    right: Sequence[bool] = (),
) -> str:
    """A ``<table>`` of ``rows`` under ``headers``, every cell escaped;
    ``right`` marks the right-aligned (numeric) columns."""
    body = "".join(_row(row, "td", right) for row in rows)
    return (
        f"<table><thead>{_row(headers, 'th', right)}</thead>"
        f"<tbody>{body}</tbody></table>"
    )


def block(title: str, lines: Iterable[str] = (), *parts: str) -> str:
    """A titled ``<div>``: the escaped ``title`` and ``lines`` (a list),
    then ``parts``, HTML already built here (tables, sub-blocks).

    >>> print(block("ana & bob", ["2 lines"]))
    <div class="accountcore"><strong>ana &amp; bob</strong><ul><li>2 lines</li></ul></div>
    """
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    listed = f"<ul>{items}</ul>" if items else ""
    return (
        f'<div class="accountcore"><strong>{escape(title)}</strong>'
        f"{listed}{''.join(parts)}</div>"
    )


def factors_table(parts: Iterable[Any], locale: str) -> str:
    """A score's factors as a table: code, weight, points (a dash when the
    factor had no data) and coverage, each through ``locale``'s formats
    (the reliability score and the account health show the same table).

    >>> from decimal import Decimal
    >>> from types import SimpleNamespace as Part
    >>> html = factors_table([Part(code="payment", weight=Decimal("0.5"), points=None, coverage=Decimal(0))], "en_US")
    >>> html.count("<th "), ">50.0%<" in html, ">–<" in html
    (4, True, True)
    """
    return table(
        [label(k, locale) for k in ("factor", "weight", "points", "coverage")],
        [
            (
                part.code,
                format_percent(part.weight, locale),
                "–" if part.points is None else format_number(part.points, locale),
                format_percent(part.coverage, locale),
            )
            for part in parts
        ],
        right=(False, True, True, True),
    )
