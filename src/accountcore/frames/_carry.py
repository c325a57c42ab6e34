"""The ledgers a column run carries to the next period, as tables (private).

An owner on the column path had an opening ledger (none was given) in a
period-scope plan, so the ledger it carries is: the draw balance its
recoverable draw lines leave (an opening balance of 0 plus their amounts),
the period's variable pay paid to date, the period's credit credited to date,
and the variable pay attributed to the deals with a positive credit in the
period, pro rata to their credit, in minor units by the largest remainder,
ties to the earlier deal id: exactly what :meth:`Money.allocate` gives, here
in integer columns. A pay of 0 or below attributes 0 to each deal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from accountcore.commissions import CommissionPlan, CommissionStatement, Ledger
from accountcore.frames._allocate import PART, largest_remainder
from accountcore.frames._num import scale_of
from accountcore.frames._polars import polars
from accountcore.money import _QUANTUM
from accountcore.periods import Period

__all__ = [
    "LEDGER_SCHEMA",
    "RECORD_SCHEMA",
    "deal_records",
    "ledger_rows",
    "object_ledgers",
]

_ZERO = Decimal(0)


def _money(digits: int) -> Any:
    return polars().Decimal(38, digits)


def LEDGER_SCHEMA(digits: int, credited: int) -> dict[str, Any]:  # noqa: N802
    """The ledgers table's columns."""
    pl = polars()
    return {
        "owner": pl.String,
        "currency": pl.String,
        "draw_balance": _money(digits),
        "paid_to_date": _money(digits),
        "year_start": pl.Date,
        "year_end": pl.Date,
        "through": pl.Date,
        "credited_to_date": _money(credited),
    }


def RECORD_SCHEMA(digits: int, credited: int) -> dict[str, Any]:  # noqa: N802
    """The deal records table's columns."""
    pl = polars()
    return {
        "owner": pl.String,
        "deal_id": pl.String,
        "credited": _money(credited),
        "earned": _money(digits),
        "period_start": pl.Date,
        "period_end": pl.Date,
    }


def _integer(expr: Any, places: int) -> Any:
    """A decimal column at ``places`` as integers of its last place."""
    pl = polars()
    return (
        expr.cast(pl.Decimal(38, places)) * pl.lit(10**places, pl.Decimal(38, 0))
    ).cast(pl.Int128)


def ledger_rows(
    owners: Any, plan: CommissionPlan, period: Period, year: Period, credited: int
) -> Any:
    """The column owners' ledgers: ``owners`` has owner, amount, variable
    and draw_balance (what the recoverable draw lines leave)."""
    pl = polars()
    digits = scale_of(_QUANTUM[plan.currency])
    schema = LEDGER_SCHEMA(digits, credited)
    return owners.select(
        pl.col("owner"),
        pl.lit(plan.currency).alias("currency"),
        pl.col("draw_balance").cast(schema["draw_balance"]),
        pl.col("variable").cast(schema["paid_to_date"]).alias("paid_to_date"),
        pl.lit(year.start).alias("year_start"),
        pl.lit(year.end).alias("year_end"),
        pl.lit(period.end).alias("through"),
        pl.col("amount").cast(schema["credited_to_date"]).alias("credited_to_date"),
    )


def deal_records(
    rows: Any, owners: Any, plan: CommissionPlan, period: Period, credited: int
) -> Any | None:
    """The column owners' deal records (``rows``: their credits in the
    period, each with its ``value``; ``owners``: owner and variable pay), or ``None`` when a product
    of minor units and credit could leave the integers (the caller then
    takes the object path's records)."""
    pl = polars()
    digits = scale_of(_QUANTUM[plan.currency])
    deals = (
        rows.group_by("owner", "deal_id")
        .agg(credited=pl.col("value").sum())
        .filter(pl.col("credited") > _ZERO)
        .join(owners.lazy().select("owner", "variable"), on="owner")
        .collect()
    )
    weight = _integer(pl.col("credited").cast(_money(credited)), credited)
    units = _integer(pl.max_horizontal(pl.col("variable"), pl.lit(_ZERO)), digits)
    deals = largest_remainder(
        deals.with_columns(weight=weight, units=units),
        ["owner"],
        ["deal_id"],
        "units",
        "weight",
    )
    if deals is None:
        return None
    part = pl.col(PART)
    schema = RECORD_SCHEMA(digits, credited)
    return deals.select(
        pl.col("owner"),
        pl.col("deal_id"),
        pl.col("credited").cast(schema["credited"]),
        (
            part.cast(pl.Decimal(38, 0))
            * pl.lit(_QUANTUM[plan.currency], schema["earned"])
        )
        .cast(schema["earned"])
        .alias("earned"),
        pl.lit(period.start).alias("period_start"),
        pl.lit(period.end).alias("period_end"),
    )


def _finest(ledger: Ledger) -> int:
    """The places of a ledger's finest credited amount (at most 18)."""
    amounts = [ledger.credited_to_date.amount]
    amounts += [pay.credited.amount for pay in ledger.deals.values()]
    return min(max(scale_of(amount) for amount in amounts), 18)


def object_ledgers(
    statements: dict[str, CommissionStatement], digits: int, credited: int
) -> tuple[Any, Any]:
    """The ledgers and deal records that statements of the object path
    carry; the credited amounts have ``credited`` places, or more when a
    statement's are finer (tier weights: up to 18)."""
    pl = polars()
    credited = max([credited, *(_finest(s.ledger) for s in statements.values())])
    ledgers, records = [], []
    for owner, statement in statements.items():
        ledger = statement.ledger
        year = ledger.year
        ledgers.append(
            (
                owner,
                ledger.currency,
                ledger.draw_balance.amount,
                ledger.paid_to_date.amount,
                None if year is None else year.start,
                None if year is None else year.end,
                ledger.through,
                ledger.credited_to_date.amount,
            )
        )
        for deal, pay in sorted(ledger.deals.items()):
            records.append(
                (
                    owner,
                    deal,
                    pay.credited.amount,
                    pay.earned.amount,
                    pay.period.start,
                    pay.period.end,
                )
            )
    return (
        pl.DataFrame(ledgers, schema=LEDGER_SCHEMA(digits, credited), orient="row"),
        pl.DataFrame(records, schema=RECORD_SCHEMA(digits, credited), orient="row"),
    )
