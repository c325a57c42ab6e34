"""Ledger objects as Spark tables (private): ``ledgers=`` given as
:class:`~accountcore.commissions.Ledger` objects travels as the two tables
:func:`accountcore.frames.read_ledgers` reads back into the same ledgers,
so that each owner's ledger reaches the task holding its owner."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from accountcore.commissions import Ledger
from accountcore.errors import ArgumentTypeError, check_type
from accountcore.frames._polars import polars

__all__ = ["ledger_tables"]


def _places(amounts: Iterable[Decimal]) -> int:
    """The places of the finest amount (0 for none): every amount fits."""
    exponents = [a.as_tuple().exponent for a in amounts]
    return max([0, *(-e for e in exponents if isinstance(e, int))])


def _listed(ledgers: object) -> list[Ledger]:
    """The Ledger objects given (a sequence, or a mapping owner → ledger)."""
    found = ledgers.values() if isinstance(ledgers, Mapping) else ledgers
    if not isinstance(found, Iterable) or isinstance(found, str | bytes):
        raise ArgumentTypeError(
            "ledgers", ledgers, "a Spark DataFrame or Ledger objects"
        )
    return [check_type("ledgers", ledger, Ledger) for ledger in found]


def ledger_tables(spark: Any, ledgers: object) -> tuple[Any, Any]:
    """The ledgers and deal-record rows of ``ledgers`` (Ledger objects) as
    Spark DataFrames, each money column at the places of its finest amount
    (nothing rounded)."""
    pl = polars()
    listed = _listed(ledgers)
    rows = [
        (
            ledger.owner,
            ledger.currency,
            ledger.draw_balance.amount,
            ledger.paid_to_date.amount,
            None if ledger.year is None else ledger.year.start,
            None if ledger.year is None else ledger.year.end,
            ledger.through,
            ledger.credited_to_date.amount,
        )
        for ledger in listed
    ]
    records = [
        (
            ledger.owner,
            deal,
            pay.credited.amount,
            pay.earned.amount,
            pay.period.start,
            pay.period.end,
        )
        for ledger in listed
        for deal, pay in sorted(ledger.deals.items())
    ]

    def money(table: list[tuple[Any, ...]], *at: int) -> Any:
        return pl.Decimal(38, _places(row[i] for row in table for i in at))

    ledger_schema = {
        "owner": pl.String,
        "currency": pl.String,
        "draw_balance": money(rows, 2, 3),
        "paid_to_date": money(rows, 2, 3),
        "year_start": pl.Date,
        "year_end": pl.Date,
        "through": pl.Date,
        "credited_to_date": money(rows, 7),
    }
    record_schema = {
        "owner": pl.String,
        "deal_id": pl.String,
        "credited": money(records, 2),
        "earned": money(records, 3),
        "period_start": pl.Date,
        "period_end": pl.Date,
    }

    def spark_table(table: list[tuple[Any, ...]], schema: dict[str, Any]) -> Any:
        frame = pl.DataFrame(table, schema=schema, orient="row")
        return spark.createDataFrame(frame.to_arrow())

    return spark_table(rows, ledger_schema), spark_table(records, record_schema)
