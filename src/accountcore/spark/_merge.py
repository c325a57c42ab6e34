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
from accountcore.spark._pyspark import functions, types

__all__ = ["mergeable", "merged"]

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


def merged(parted: Any, credit_columns: list[str]) -> Any:
    """``parted`` (the tagged rows, partitioned by owner) with the credits
    rows of equal columns and sign merged, their amounts (and quantities)
    summed at their type; the other tables' rows are kept one by one."""
    f, t = functions(), types()
    summed = {
        f"credits__{c}": c
        for c in _SUMS
        if c in credit_columns and f"credits__{c}" in parted.columns
    }
    if "credits__amount" not in summed:
        return parted
    is_credit = f.col(_KIND) == "credits"
    amount = parted.schema["credits__amount"].dataType
    keyed = parted.withColumns(
        {
            "__negative": f.when(is_credit, f.col("credits__amount") < 0),
            "__row": f.when(~is_credit, f.monotonically_increasing_id()),
        }
    )
    keys = [c for c in keyed.columns if c not in summed]
    sums = [
        f.sum(name).cast(amount if name == "credits__amount" else t.LongType())
        for name in summed
    ]
    return (
        keyed.groupBy(*[f.col(f"`{k}`") for k in keys])
        .agg(*[s.alias(name) for s, name in zip(sums, summed, strict=True)])
        .select(*parted.columns)
    )
