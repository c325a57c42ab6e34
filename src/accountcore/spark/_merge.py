"""Credits merged before the per-owner step (private): the rows of an
owner's credits that differ only in ``amount`` (and ``quantity``) and have
the same sign become one row of their sum, inside the owner partitions
(no second shuffle). A heavy owner's task then holds one row per deal,
day, client, flags and sign rather than one per credit.

The plan must allow it: every component must read credits only through
sums per owner, deal or client of same-sign rows (the built-in components
but :class:`~accountcore.commissions.Spiff`, which counts rows). A plan
with another component is left as it is.
"""

from __future__ import annotations

from typing import Any

from accountcore.commissions import (
    Accelerator,
    AttainmentBonus,
    BaseSalary,
    Cap,
    ClientServedBonus,
    CommissionPlan,
    Draw,
    FeedbackBonus,
    FlatRate,
    Gate,
    NewClientBonus,
    PayCurve,
    PerClientHeld,
    Tiered,
)
from accountcore.frames._polars import polars

__all__ = ["CREDITS", "compacted", "mergeable"]

#: The components whose figures are sums of credits per owner, deal or
#: client (same-sign rows merged give the same figures, lines and records).
_SUMMED = frozenset(
    {
        Accelerator,
        AttainmentBonus,
        BaseSalary,
        Cap,
        ClientServedBonus,
        Draw,
        FeedbackBonus,
        FlatRate,
        Gate,
        NewClientBonus,
        PayCurve,
        PerClientHeld,
        Tiered,
    }
)
_KIND = "__kind"
#: The tag (``__kind``) of a credits row.
CREDITS = 0
_SUMS = ("amount", "quantity")


def mergeable(plan: CommissionPlan) -> bool:
    """Whether ``plan`` gives the same statements on merged credits.

    >>> from accountcore.commissions import CreditFilter, Spiff
    >>> from accountcore.money import Money
    >>> from accountcore.periods import Period
    >>> mergeable(CommissionPlan("flat", "EUR", (FlatRate("c", "0.05"),)))
    True
    >>> spiff = Spiff("s", Money("50", "EUR"), Period.month(2026, 1),
    ...               CreditFilter(products=("X",)))
    >>> mergeable(CommissionPlan("spiff", "EUR", (spiff,)))
    False
    """
    return all(type(c) in _SUMMED for c in plan.components)


def compacted(frame: Any, heavy: int = 1) -> Any:
    """``frame`` (a task's tagged rows, polars) with the credits rows of
    equal columns and sign merged, their amounts (and quantities) summed at
    their type, for each owner holding at least ``heavy`` credits rows (the
    owners that make a partition heavy; the others' rows seldom merge and
    would only cost the grouping); the other tables' rows, and a credit
    with a null amount or quantity (the column engine refuses it), are kept
    one by one.

    >>> import polars as pl
    >>> rows = pl.DataFrame({"owner": ["ana"] * 4, "__kind": CREDITS,
    ...     "credits__deal_id": ["D-1", "D-1", "D-1", "D-2"],
    ...     "credits__amount": pl.Series(["10.00", "2.50", "-1.00", "4.00"]
    ...                                  ).str.to_decimal(scale=2)})
    >>> compacted(rows).sort("credits__deal_id", "credits__amount").rows()
    [('ana', 0, 'D-1', Decimal('-1.00')), ('ana', 0, 'D-1', Decimal('12.50')), ('ana', 0, 'D-2', Decimal('4.00'))]
    """
    pl = polars()
    sums = [c for c in (f"credits__{c}" for c in _SUMS) if c in frame.columns]
    if "credits__amount" not in sums:
        return frame
    credit = pl.col(_KIND) == CREDITS
    if heavy > 1:
        counts = frame.filter(credit).group_by("owner").len()
        owners = counts.filter(pl.col("len") >= heavy)["owner"]
        if owners.is_empty():
            return frame
        credit = credit & pl.col("owner").is_in(owners.implode())
    whole = pl.all_horizontal(credit, *[pl.col(c).is_not_null() for c in sums])
    keys = [c for c in frame.columns if c not in sums]
    sign = (pl.col("credits__amount") < 0).alias("__negative")
    merged = (
        frame.filter(whole)
        .group_by([*keys, sign])
        .agg([pl.col(c).sum().cast(frame.schema[c]) for c in sums])
        .select(frame.columns)
    )
    return pl.concat([frame.filter(~whole), merged])
