"""Quotas from a table: one row per owner and period.

Quotas are few (one per owner and month or quarter), so each row is read
into a :class:`~accountcore.quotas.Quota` by the quota's own checks; every
bad row is reported at once.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from accountcore.errors import AccountcoreError
from accountcore.frames import _read
from accountcore.frames._polars import polars
from accountcore.frames.errors import BadRowsError
from accountcore.money import CURRENCIES, Money
from accountcore.periods import Period
from accountcore.quotas import Quota

__all__ = ["Targets", "has_periods", "read_quotas", "read_targets"]

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{2}))?$")


def _period(text: object) -> Period | str:
    """``2026`` (a year), ``2026-Q1`` (a quarter) or ``2026-01`` (a month),
    or why the text is none of them."""
    found = _PERIOD.match(str(text).strip()) if text is not None else None
    if found is None:
        return "not a period: expected 2026, 2026-Q1 or 2026-01"
    year, quarter, month = found.groups()
    if quarter:
        return Period.quarter(int(year), int(quarter))
    if month:
        if not 1 <= int(month) <= 12:
            return "not a month: expected 01 to 12"
        return Period.month(int(year), int(month))
    return Period.year(int(year))


def _dates(start: object, end: object) -> Period | str:
    if not isinstance(start, _dt.date) or not isinstance(end, _dt.date):
        return "period_start and period_end must be dates (YYYY-MM-DD)"
    try:
        return Period(start, end)
    except AccountcoreError as error:
        return str(error)


def _target(value: object, currency: object) -> Money | str:
    if isinstance(value, float):
        return "a float: write the target as a decimal number or as text"
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return "not a decimal number"
    try:
        return Money(amount, str(currency))
    except AccountcoreError as error:
        return str(error)


def read_quotas(
    table: object,
    *,
    columns: Mapping[str, str] | None = None,
    currency: str | None = None,
) -> list[Quota]:
    """The money quotas of ``table``: columns ``owner``, ``target``,
    ``currency`` (or ``currency=`` for every row) and the period, as
    ``period`` text (``2026``, ``2026-Q1``, ``2026-01``) or as
    ``period_start`` and ``period_end`` dates (the end excluded).
    ``columns`` maps a canonical name to the table's.

    >>> import polars as pl
    >>> table = pl.DataFrame({"owner": ["ana", "ana"], "target": ["40000", "45000.50"],
    ...                       "period": ["2026-01", "2026-Q2"]})
    >>> [(q.owner, str(q.period), str(q.target)) for q in read_quotas(table, currency="EUR")]
    [('ana', '2026-01', '40000 EUR'), ('ana', '2026-Q2', '45000.50 EUR')]
    >>> read_quotas(pl.DataFrame({"owner": ["bob"], "target": ["1e3x"], "period": ["2026-13"]}),
    ...             currency="EUR")
    Traceback (most recent call last):
    ...
    accountcore.frames.errors.BadRowsError: quotas has 1 bad row:
      - row 0, column 'target', value '1e3x': not a decimal number
      - row 0, column 'period', value '2026-13': not a month: expected 01 to 12
    """
    pl = polars()
    frame, back = _read.prepare(table, "quotas", columns, money=("target",))
    if currency is not None and "currency" not in frame.columns:
        frame = frame.with_columns(currency=pl.lit(currency))
    by_dates = "period" not in frame.columns
    _read.require(
        frame,
        "quotas",
        ("owner", "target", "currency")
        + (("period_start", "period_end") if by_dates else ("period",)),
    )
    _read.refuse_floats(frame, "quotas", ("target",), back)
    return _quotas(frame, back, by_dates)


def _quotas(frame: Any, back: Mapping[str, str], by_dates: bool) -> list[Quota]:
    pl = polars()
    faults: list[tuple[int, str, str, str]] = []
    out: list[Quota] = []
    names = ["owner", "target", "currency"]
    names += ["period_start", "period_end"] if by_dates else ["period"]
    for index, row in enumerate(frame.select(names).iter_rows()):
        owner, target, code, *when = row
        money = _target(target, code)
        period = _dates(*when) if by_dates else _period(when[0])
        if isinstance(money, str):
            faults.append((index, back.get("target", "target"), str(target), money))
        if isinstance(period, str):
            column = "period_start" if by_dates else "period"
            faults.append((index, back.get(column, column), str(when[0]), period))
        if isinstance(money, str) or isinstance(period, str):
            continue
        try:
            out.append(Quota(owner, period, money))
        except AccountcoreError as error:
            faults.append((index, back.get("owner", "owner"), str(owner), str(error)))
    if faults:
        rows = pl.DataFrame(
            faults,
            schema={
                "row": pl.Int64,
                "column": pl.String,
                "value": pl.String,
                "reason": pl.String,
            },
            orient="row",
        )
        raise BadRowsError("quotas", faults, rows)
    return out


def has_periods(table: object, columns: Mapping[str, str] | None) -> bool:
    """Whether a quota table names its periods (else each row is the
    owner's quota for the statement's span)."""
    frame, _ = _read.prepare(table, "quotas", columns, money=("target",))
    return "period" in frame.columns or "period_start" in frame.columns


def read_targets(
    table: object,
    *,
    columns: Mapping[str, str] | None = None,
    currency: str | None = None,
) -> Any:
    """A quota table without periods, read in columns: one row per owner
    (``owner``, ``target``, ``currency`` or ``currency=``), each the
    owner's quota for the statement's span. A polars frame of owner,
    target (decimal) and currency; every bad row at once (a second row for
    an owner is one: without periods, a table holds one quota per owner).

    >>> import polars as pl
    >>> read_targets(pl.DataFrame({"owner": ["ana", "bob"], "target": ["80000", "60000.50"]}),
    ...              currency="EUR").rows()
    [('ana', Decimal('80000.00'), 'EUR'), ('bob', Decimal('60000.50'), 'EUR')]
    """
    pl = polars()
    frame, back = _read.prepare(table, "quotas", columns, money=("target",))
    if currency is not None and "currency" not in frame.columns:
        frame = frame.with_columns(currency=pl.lit(currency, pl.String))
    _read.require(frame, "quotas", ("owner", "target", "currency"))
    _read.refuse_floats(frame, "quotas", ("target",), back)
    schema = frame.schema
    frame = frame.with_row_index(_read.ROW)
    target, target_why, scale, stages = _read.decimal("target", schema["target"])
    for stage in stages:
        frame = frame.with_columns(stage)
    owner, owner_why = _read.text("owner", schema["owner"])
    below = _read.decimal_or_null("target", schema["target"]) < Decimal(0)
    second = pl.col("owner").is_duplicated() & pl.col("owner").is_not_null()
    reasons = {
        "owner": pl.coalesce(
            owner_why,
            pl.when(second).then(
                pl.lit("a second row for this owner: without periods, one per owner")
            ),
        ),
        "target": pl.coalesce(
            target_why, pl.when(below).then(pl.lit("a target below 0"))
        ),
        "currency": _read.currency_code("currency", schema["currency"])[1],
    }
    values = {
        "owner": owner,
        "target": target,
        "currency": _read.currency_code("currency", schema["currency"])[0],
        "\x00scale": scale,
    }
    good = _read.collect("quotas", frame, reasons, back, values)
    places = good.get_column("\x00scale").max()
    minor = [CURRENCIES[c] for c in good.get_column("currency").unique()]
    fine = max([*minor, 0 if places is None else int(places)])
    return good.select(
        pl.col("owner"),
        _read.decimal_at("target", schema["target"], fine).alias("target"),
        pl.col("currency"),
    )


class Targets(Mapping[str, Quota]):
    """The quotas of a table without periods, as :class:`Quota` objects
    made when one is asked for (a run reads most of them as a column)."""

    def __init__(self, frame: Any, span: Period) -> None:
        self.frame = frame
        self.span = span
        self._owners: list[str] = frame.get_column("owner").to_list()
        self._rows: dict[str, tuple[Any, ...]] | None = None

    def __getitem__(self, owner: str) -> Quota:
        if self._rows is None:
            self._rows = {row[0]: row for row in self.frame.iter_rows()}
        _, target, currency = self._rows[owner]
        return Quota(owner, self.span, Money(target, currency))

    def __iter__(self) -> Iterator[str]:
        return iter(self._owners)

    def __len__(self) -> int:
        return len(self._owners)
