"""Ledgers from tables: what a run carries to the next period, read back.

:attr:`TeamResult.ledgers <accountcore.frames.TeamResult>` (one row per
owner) and :attr:`TeamResult.deal_records
<accountcore.frames.TeamResult>` (one row per owner and deal paid) are the
tables a run carries; :func:`read_ledgers` reads them (or tables of the
same columns from elsewhere) into :class:`~accountcore.commissions.Ledger`
objects, checked in columns, every bad row of a table reported at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from accountcore.commissions import DealPay, Ledger
from accountcore.frames import _read
from accountcore.frames._polars import polars
from accountcore.money import Money
from accountcore.periods import Period

__all__ = ["read_ledgers"]

_LEDGER_MONEY = ("draw_balance", "paid_to_date", "credited_to_date")
_RECORD_MONEY = ("credited", "earned")
_LEDGER_COLUMNS = (
    "owner",
    "currency",
    "draw_balance",
    "paid_to_date",
    "year_start",
    "year_end",
    "through",
    "credited_to_date",
)
_RECORD_COLUMNS = (
    "owner",
    "deal_id",
    "credited",
    "earned",
    "period_start",
    "period_end",
)
_TOGETHER = "year_start and year_end are given together, or both left null"


def read_ledgers(
    ledgers: object,
    deal_records: object | None = None,
    *,
    columns: Mapping[str, str] | None = None,
) -> list[Ledger]:
    """The :class:`~accountcore.commissions.Ledger` of each row of
    ``ledgers``, in its order, each holding its owner's rows of
    ``deal_records`` as :class:`~accountcore.commissions.DealPay`.

    ``ledgers`` has the columns ``owner``, ``currency``, ``draw_balance``
    and ``paid_to_date``, and optionally ``year_start`` and ``year_end``
    (the fiscal year, both or neither; null for none), ``through`` (null:
    nothing calculated yet) and ``credited_to_date`` (0 when left out);
    one row per owner. ``deal_records`` has ``owner``, ``deal_id``,
    ``credited``, ``earned``, ``period_start`` and ``period_end``, in the
    currency of the owner's ledger; one row per owner and deal. These are
    the columns of :attr:`TeamResult.ledgers
    <accountcore.frames.TeamResult>` and :attr:`TeamResult.deal_records
    <accountcore.frames.TeamResult>`; ``columns`` maps a canonical name to
    a table's name for it (in both tables).

    Amounts are decimals (Decimal columns, ints, or decimal text) and
    dates dates (or ``YYYY-MM-DD`` text), read as
    :func:`~accountcore.frames.read_credits` reads them. A missing column is
    a :class:`~accountcore.frames.MissingColumnError`, a money column of
    floats a :class:`~accountcore.frames.FloatMoneyError`, and the bad rows
    of a table, all of them, a :class:`~accountcore.frames.BadRowsError`
    (the ledgers are checked first): a second row for an owner (or for an
    owner's deal), a period or year that does not end after it starts, and
    a deal record of an owner without a ledger row are bad rows too.

    >>> import datetime as dt
    >>> import polars as pl
    >>> ledgers = pl.DataFrame({"owner": ["ana"], "currency": ["EUR"],
    ...     "draw_balance": ["0"], "paid_to_date": ["410.00"],
    ...     "through": [dt.date(2026, 4, 1)]})
    >>> records = pl.DataFrame({"owner": ["ana"], "deal_id": ["D-1"],
    ...     "credited": ["8200.00"], "earned": ["410.00"],
    ...     "period_start": ["2026-01-01"], "period_end": ["2026-04-01"]})
    >>> (ledger,) = read_ledgers(ledgers, records)
    >>> ledger.paid_to_date, ledger.through, ledger.deals["D-1"].earned
    (Money('410.00', 'EUR'), datetime.date(2026, 4, 1), Money('410.00', 'EUR'))
    >>> read_ledgers(ledgers, records.with_columns(owner=pl.lit("bob")))
    Traceback (most recent call last):
    ...
    accountcore.frames.errors.BadRowsError: deal_records has 1 bad row:
      - row 0, column 'owner', value 'bob': no row for this owner in ledgers
    """
    frame, back = _read.prepare(ledgers, "ledgers", columns, money=_LEDGER_MONEY)
    _read.require(frame, "ledgers", ("owner", "currency", *_LEDGER_MONEY[:2]))
    if "year_start" in frame.columns or "year_end" in frame.columns:
        _read.require(frame, "ledgers", ("year_start", "year_end"))
    _read.refuse_floats(frame, "ledgers", _LEDGER_MONEY, back)
    good = _checked_ledgers(frame, back)
    owners = good.get_column("owner").to_list()
    currencies = good.get_column("currency").to_list()
    deals: dict[str, dict[str, DealPay]] = {owner: {} for owner in owners}
    if deal_records is not None:
        records, named = _read.prepare(
            deal_records, "deal_records", columns, money=_RECORD_MONEY
        )
        _read.require(records, "deal_records", _RECORD_COLUMNS)
        _read.refuse_floats(records, "deal_records", _RECORD_MONEY, named)
        _deal_pays(
            _checked_records(records, named, owners),
            dict(zip(owners, currencies, strict=True)),
            deals,
        )
    return _built(good, deals)


def _money_read(frame: Any, names: Sequence[str]) -> tuple[Any, dict[str, Any]]:
    """``frame`` with what reading the money columns ``names`` needs made
    first, and each column's (value, reason). A column of decimal text is
    read in stages of its own, so several can be read in one frame."""
    pl = polars()
    read: dict[str, Any] = {}
    for index, name in enumerate(names):
        value, why, _, stages = _read.decimal(name, frame.schema[name])
        if stages:
            side = frame.select(pl.col(name))
            for stage in stages:
                side = side.with_columns(stage)
            made = (f"\x00money{index}", f"\x00money{index}why")
            side = side.select(value.alias(made[0]), why.alias(made[1]))
            frame = frame.hstack(side.get_columns())
            value, why = pl.col(made[0]), pl.col(made[1])
        read[name] = (value, why)
    return frame, read


def _second(key: Sequence[str], what: str) -> Any:
    """Why a row repeats the ``key`` of an earlier row (null when not)."""
    pl = polars()
    first = pl.col(_read.ROW).min().over(key)
    return pl.when(pl.all_horizontal(pl.col(k).is_not_null() for k in key)).then(
        pl.when(pl.col(_read.ROW) != first).then(
            pl.format(f"a second row for {what} (the first is row {{}})", first)
        )
    )


def _ends_after(start: Any, end: Any, name: str, what: str) -> Any:
    """Why a span's ``end`` does not end after its ``start`` (null when it
    does, or when either is null)."""
    pl = polars()
    return pl.when(start.is_not_null() & end.is_not_null() & (end <= start)).then(
        pl.format(f"{what} ends after it starts ({name}={{}})", start.cast(pl.String))
    )


def _checked_ledgers(frame: Any, back: Mapping[str, str]) -> Any:
    """The ledgers' columns read and checked: owner, currency, the three
    amounts, year_start, year_end, through."""
    pl = polars()
    frame = frame.with_row_index(_read.ROW)
    schema = frame.schema
    money = [name for name in _LEDGER_MONEY if name in schema]
    frame, read = _money_read(frame, money)
    read["owner"] = _read.text("owner", schema["owner"])
    read["currency"] = _read.currency_code("currency", schema["currency"])
    for name in ("year_start", "year_end", "through"):
        if name in schema:
            read[name] = _read.day(name, schema[name], required=False)
        else:
            read[name] = (pl.lit(None, pl.Date), pl.lit(None, pl.String))
    if "credited_to_date" not in schema:
        read["credited_to_date"] = (pl.lit(0, pl.Decimal(38, 0)), pl.lit(None))
    start, end = read["year_start"][0], read["year_end"][0]
    year = pl.coalesce(
        read["year_end"][1],
        pl.when(start.is_null() != end.is_null()).then(pl.lit(_TOGETHER)),
        _ends_after(start, end, "year_start", "a year"),
    )
    reasons = {
        "owner": pl.coalesce(read["owner"][1], _second(["owner"], "this owner")),
        **{name: read[name][1] for name in ("currency", *money)},
        "year_start": read["year_start"][1],
        "year_end": year,
        "through": read["through"][1],
    }
    values = {name: value for name, (value, _) in read.items()}
    return _read.collect("ledgers", frame, reasons, back, values)


def _checked_records(frame: Any, back: Mapping[str, str], owners: list[str]) -> Any:
    """The deal records' columns read and checked, each owner one of
    ``owners``."""
    pl = polars()
    frame = frame.with_row_index(_read.ROW)
    schema = frame.schema
    frame, read = _money_read(frame, _RECORD_MONEY)
    for name in ("owner", "deal_id"):
        read[name] = _read.text(name, schema[name])
    for name in ("period_start", "period_end"):
        read[name] = _read.day(name, schema[name])
    known = pl.Series(owners, dtype=pl.String).implode()  # one list, even empty
    owner = read["owner"][0]
    orphan = pl.when(owner.is_not_null() & owner.is_in(known).not_()).then(
        pl.lit("no row for this owner in ledgers")
    )
    start, end = read["period_start"][0], read["period_end"][0]
    reasons = {
        "owner": pl.coalesce(read["owner"][1], orphan),
        "deal_id": pl.coalesce(
            read["deal_id"][1], _second(["owner", "deal_id"], "this owner's deal")
        ),
        **{name: read[name][1] for name in _RECORD_MONEY},
        "period_start": read["period_start"][1],
        "period_end": pl.coalesce(
            read["period_end"][1],
            _ends_after(start, end, "period_start", "a period"),
        ),
    }
    values = {name: value for name, (value, _) in read.items()}
    return _read.collect("deal_records", frame, reasons, back, values)


def _decimal(value: Decimal | str | int) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def _deal_pays(
    good: Any, currency_of: Mapping[str, str], deals: dict[str, dict[str, DealPay]]
) -> None:
    """Each checked record as a :class:`DealPay` in its owner's ``deals``."""
    periods: dict[tuple[Any, Any], Period] = {}
    for owner, deal, credited, earned, start, end in good.select(
        _RECORD_COLUMNS
    ).iter_rows():
        currency = currency_of[owner]
        period = periods.get((start, end))
        if period is None:
            period = periods[start, end] = Period(start, end)
        deals[owner][deal] = DealPay(
            Money(_decimal(credited), currency),
            Money(_decimal(earned), currency),
            period,
        )


def _built(good: Any, deals: Mapping[str, Mapping[str, DealPay]]) -> list[Ledger]:
    """Each checked ledger row as a :class:`Ledger` holding its deals."""
    out = []
    for row in good.select(_LEDGER_COLUMNS).iter_rows():
        owner, currency, draw, paid, start, end, through, credited = row
        out.append(
            Ledger(
                owner,
                currency,
                Money(_decimal(draw), currency),
                Money(_decimal(paid), currency),
                None if start is None else Period(start, end),
                through,
                Money(_decimal(credited), currency),
                deals[owner],
            )
        )
    return out
