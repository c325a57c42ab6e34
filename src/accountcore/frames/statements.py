"""Statements as tables, and a team's result as HTML for notebooks.

:func:`statements_frame` puts the lines of a team's statements (the object
path's :func:`accountcore.commissions.calculate_team`, or any mapping of
owner to statement) in one polars DataFrame, decimals as decimal columns.

>>> from accountcore.commissions.ledger import Ledger
>>> from accountcore.commissions.statement import CommissionStatement, LineKind, StatementLine
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> line = StatementLine("salary", LineKind.FIXED, "base salary", Money("3000.00", "EUR"))
>>> ana = CommissionStatement("ana", Period.month(2026, 1), "EUR", (line,), Ledger.opening("ana", "EUR"))
>>> statements_frame({"ana": ana}).select("owner", "component", "amount").rows()
[('ana', 'salary', Decimal('3000.00'))]
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from accountcore import _html, _records
from accountcore.commissions.statement import _LINE_COLUMNS, CommissionStatement
from accountcore.errors import check_type
from accountcore.i18n import Message, format_percent
from accountcore.money import Money

__all__ = ["statements_frame"]

_FIXED = ("owner", "credited", "target", "attainment", "total", "currency")


def statements_frame(statements: Mapping[str, CommissionStatement]) -> Any:
    """Every line of ``statements`` (owner to statement), owner by owner in
    the mapping's order, as one polars DataFrame with the columns of
    :meth:`CommissionStatement.to_records`.

    >>> statements_frame({}).columns[:3]
    ['owner', 'period', 'line']
    """
    check_type("statements", statements, Mapping)
    records = []
    for statement in statements.values():
        check_type("statements' values", statement, CommissionStatement)
        records.extend(statement.to_records())
    return _records.frame(records, _LINE_COLUMNS, "statements_frame")


def _money(value: Decimal | None, currency: str, locale: str) -> str:
    return "–" if value is None else Money(value, currency).format(locale)


def _team_html(summary: Any, title: str, currency: str, locale: str) -> str:
    """A team's summary table (a polars DataFrame, one row per owner) as an
    HTML block for ``locale``: owner, credited, target, attainment, each
    component and the total, amounts formatted in ``currency``."""
    components = [c for c in summary.columns if c not in _FIXED]
    headers = [
        _html.label("owner", locale),
        _html.label("credited", locale),
        Message.of("reports.column.quota").render(locale),
        _html.label("attainment", locale),
        *components,
        _html.label("total", locale),
    ]
    rows = []
    for row in summary.iter_rows(named=True):
        ratio = row["attainment"]
        rows.append(
            (
                row["owner"],
                _money(row["credited"], currency, locale),
                _money(row["target"], currency, locale),
                "–" if ratio is None else format_percent(ratio, locale),
                *(_money(row[c], currency, locale) for c in components),
                _money(row["total"], currency, locale),
            )
        )
    right = (False, *([True] * (len(headers) - 1)))
    return _html.block(title, (), _html.table(headers, rows, right=right))
