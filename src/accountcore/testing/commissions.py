"""Hypothesis strategies for quotas, credits and commission plans.

CRMs that embed accountcore reuse them to test their own storage of plans
and statements.

>>> from hypothesis import given
>>> @given(credits())
... def test_credits_are_dated(credit):
...     assert credit.credited_on.year == 2026
>>> test_credits_are_dated()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from accountcore.clients import ClientKind, ClientTier
from accountcore.commissions import (
    Accelerator,
    AttainmentBonus,
    Band,
    BaseSalary,
    Basis,
    BonusLevel,
    Cap,
    CommissionPlan,
    CommissionStatement,
    Component,
    Credit,
    FlatRate,
    Gate,
    Mode,
    NewClientBonus,
    Tier,
    Tiered,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.quotas import Quota
from accountcore.testing.i18n import messages

__all__ = [
    "credits",
    "monotone_plans",
    "quotas",
    "rates",
    "statements",
    "tier_tables",
]

QUARTER = Period.quarter(2026, 1)
"""The period the strategies date their credits in."""


def rates(maximum: str = "0.2") -> st.SearchStrategy[Decimal]:
    """Commission rates from 0 to ``maximum`` with up to 4 decimals."""
    return st.decimals(min_value=0, max_value=Decimal(maximum), places=4)


def credits(
    owner: str | st.SearchStrategy[str] = "ana",
    currency: str = "EUR",
    *,
    positive: bool = True,
) -> st.SearchStrategy[Credit]:
    """Credits in the first quarter of 2026 for ``owner`` (a name or a
    strategy of names), in ``currency``, to the cent."""
    owners = st.just(owner) if isinstance(owner, str) else owner
    low = 1 if positive else -1_000_000
    return st.builds(
        lambda who, deal, client, cents, day, tier, kind, new: Credit(
            f"D-{deal}",
            f"C-{client}",
            who,
            Money(Decimal(cents).scaleb(-2), currency),
            QUARTER.start + _dt.timedelta(days=day),
            tier,
            kind,
            new,
        ),
        owners,
        st.integers(0, 10_000),
        st.integers(0, 50),
        st.integers(low, 10_000_000),
        st.integers(0, QUARTER.days - 1),
        st.sampled_from(list(ClientTier)),
        st.sampled_from(list(ClientKind)),
        st.booleans(),
    )


@st.composite
def tier_tables(
    draw: st.DrawFn, *, ascending_rates: bool = False, attainment: bool = False
) -> tuple[Tier, ...]:
    """Valid tier tables (from 0, no gap, no overlap, last open-ended);
    bounds are money amounts, or attainment ratios with ``attainment``."""
    count = draw(st.integers(1, 4))
    step = Decimal("0.25") if attainment else Decimal(10_000)
    widths = draw(st.lists(st.integers(1, 8), min_size=count - 1, max_size=count - 1))
    found = draw(st.lists(rates(), min_size=count, max_size=count))
    if ascending_rates:
        found.sort()
    tiers = []
    lower = Decimal(0)
    for index in range(count):
        upper = None if index == count - 1 else lower + widths[index] * step
        tiers.append(Tier(lower, upper, found[index]))
        lower = upper if upper is not None else lower
    return tuple(tiers)


def quotas(owner: str = "ana", currency: str = "EUR") -> st.SearchStrategy[Quota]:
    """Revenue quotas for the strategies' quarter (10,000 to 500,000)."""
    return st.integers(10_000, 500_000).map(
        lambda amount: Quota(owner, QUARTER, Money(amount, currency))
    )


@st.composite
def monotone_plans(draw: st.DrawFn, currency: str = "EUR") -> CommissionPlan:
    """Plans with no decelerator and no clawback, whose pay never falls
    when credited revenue rises: salary, a flat rate or tiers with rising
    rates, maybe an accelerator, a gate, a cap and bonuses."""
    components: list[Component] = [BaseSalary("salary", Money("3000.00", currency))]
    basis = draw(st.sampled_from(list(Basis)))
    if draw(st.booleans()):
        components.append(FlatRate("commission", draw(rates())))
    else:
        table = draw(
            tier_tables(ascending_rates=True, attainment=basis is Basis.ATTAINMENT)
        )
        components.append(
            Tiered(
                "commission", table, basis=basis, mode=draw(st.sampled_from(list(Mode)))
            )
        )
    if draw(st.booleans()):
        multiplier = draw(st.decimals(min_value=1, max_value=3, places=2))
        components.append(Accelerator("kicker", (Band("1", None, multiplier),)))
    if draw(st.booleans()):
        components.append(
            Gate("gate", draw(st.decimals(min_value=0, max_value=1, places=2)))
        )
    if draw(st.booleans()):
        components.append(Cap("cap", Money(draw(st.integers(0, 50_000)), currency)))
    if draw(st.booleans()):
        components.append(
            AttainmentBonus("club", (BonusLevel("1", Money("500", currency)),))
        )
    if draw(st.booleans()):
        components.append(NewClientBonus("hunter", Money("100", currency)))
    return CommissionPlan("generated", currency, tuple(components))


@st.composite
def statements(draw: st.DrawFn, currency: str = "EUR") -> CommissionStatement:
    """Statements as a plan computes them (a :func:`monotone_plans` plan,
    :func:`credits` and a :func:`quotas` quota), some of whose lines carry a
    generated message instead of their own (:func:`accountcore.testing.i18n.messages`:
    every type a parameter may hold). For round trips through JSON and
    stores; the lines' amounts are the plan's.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(statements())
    ... def test_lines_explain_themselves(statement):
    ...     assert all(line.message is not None for line in statement.lines)
    >>> test_lines_explain_themselves()
    """
    plan = draw(monotone_plans(currency))
    statement = plan.calculate(
        draw(st.lists(credits(currency=currency), max_size=8)),
        period=QUARTER,
        quota=draw(quotas(currency=currency)),
        owner="ana",
    )
    lines = tuple(
        attrs.evolve(line, message=draw(messages())) if draw(st.booleans()) else line
        for line in statement.lines
    )
    return attrs.evolve(statement, lines=lines)
