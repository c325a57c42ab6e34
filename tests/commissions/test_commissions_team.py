"""calculate_team over many owners: an empty activity changes no statement,
and explain_deals=False changes nothing but the deal ids on lines."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore.commissions import (
    Accelerator,
    Band,
    BaseSalary,
    Basis,
    Cap,
    CommissionPlan,
    Component,
    Credit,
    CreditFilter,
    CurvePoint,
    Draw,
    FlatRate,
    Gate,
    Mode,
    NewClientBonus,
    PayCurve,
    ServiceRecord,
    Tier,
    Tiered,
    calculate_team,
)
from accountcore.commissions.statement import CommissionStatement
from accountcore.errors import AccountcoreError
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.quotas import Measure, Quota
from accountcore.testing.commissions import rates, tier_tables

QUARTER = Period.quarter(2026, 1)
OWNERS = ("ana", "bob", "eve")


@st.composite
def plain_plans(draw: st.DrawFn) -> CommissionPlan:
    """Plans of rates, tiers, modifiers and a new-client bonus, none filtered."""
    components: list[Component] = []
    if draw(st.booleans()):
        components.append(BaseSalary("salary", Money("3000.00", "EUR")))
    if draw(st.booleans()):
        components.append(FlatRate("flat", draw(rates())))
    basis = draw(st.sampled_from(list(Basis)))
    table = draw(tier_tables(attainment=basis is Basis.ATTAINMENT))
    mode = draw(st.sampled_from(list(Mode)))
    components.append(Tiered("commission", table, basis=basis, mode=mode))
    if draw(st.booleans()):
        of = draw(st.sampled_from([(), ("commission",)]))
        bands = (
            Band("0", "0.5", draw(st.decimals(0, 1, places=2))),
            Band("1", None, draw(st.decimals(1, 3, places=2))),
        )
        components.append(Accelerator("kicker", bands, of))
    if draw(st.booleans()):
        components.append(Gate("gate", draw(st.decimals(0, 1, places=2))))
    if draw(st.booleans()):
        # some limits finer than the cent: the cap line is rounded as well
        limit = draw(st.integers(0, 50_000_000)) if draw(st.booleans()) else 0
        components.append(Cap("cap", Money(Decimal(limit).scaleb(-3), "EUR")))
    if draw(st.booleans()):
        components.append(NewClientBonus("hunter", Money("150.00", "EUR")))
    weights = draw(st.sampled_from([{}, {"vip": Decimal("1.2")}]))
    cap = draw(st.sampled_from([None, Decimal("1.5")]))
    return CommissionPlan(
        "generated", "EUR", components, tier_weights=weights, attainment_cap=cap
    )


credits = st.builds(
    lambda owner, deal, client, cents, day, tier, new: Credit(
        f"D-{deal}",
        f"C-{client}",
        owner,
        Money(Decimal(cents).scaleb(-2), "EUR"),
        QUARTER.start + _dt.timedelta(days=day),
        tier,
        is_new_client=new,
    ),
    st.sampled_from(OWNERS),
    st.integers(0, 200),
    st.integers(0, 5),
    st.integers(-2_000_000, 20_000_000),
    st.integers(-5, QUARTER.days + 5),  # some outside the quarter
    st.sampled_from(["standard", "vip"]),
    st.booleans(),
)

money_target = st.integers(0, 300_000).map(lambda n: Money(n, "EUR"))
quota_of = st.one_of(
    money_target,
    money_target,
    money_target,  # mostly money targets
    st.none(),
    st.just(3),  # a count quota
)


def _active(
    plan: CommissionPlan, items: list[Credit], quotas: list[Quota], explain: bool
) -> object:
    # ServiceRecord() says the owner was active the whole period, as no activity
    try:
        return calculate_team(
            plan,
            items,
            period=QUARTER,
            quotas=quotas,
            activities={owner: ServiceRecord() for owner in OWNERS},
            explain_deals=explain,
        )
    except AccountcoreError as error:
        return repr(error)


def _plain(
    plan: CommissionPlan, items: list[Credit], quotas: list[Quota], explain: bool
) -> object:
    try:
        return calculate_team(
            plan,
            items,
            period=QUARTER,
            quotas=quotas,
            owners=OWNERS,
            explain_deals=explain,
        )
    except AccountcoreError as error:
        return repr(error)


def _quotas(targets: list[Money | int | None]) -> list[Quota]:
    """One quarter's quota per owner with a target: money, or a deal count."""
    return [
        Quota(
            owner,
            QUARTER,
            target,
            Measure.REVENUE if isinstance(target, Money) else Measure.DEALS_WON,
        )
        for owner, target in zip(OWNERS, targets, strict=True)
        if target is not None
    ]


@settings(max_examples=150, deadline=None)
@given(
    plain_plans(),
    st.lists(credits, max_size=30),
    st.lists(quota_of, min_size=3, max_size=3),
    st.booleans(),
)
def test_an_empty_activity_changes_no_statement_line_for_line(
    plan: CommissionPlan,
    items: list[Credit],
    targets: list[Money | int | None],
    explain: bool,
) -> None:
    quotas = _quotas(targets)

    fast = _plain(plan, items, quotas, explain)
    plain = _active(plan, items, quotas, explain)

    assert fast == plain
    if isinstance(fast, dict):  # equal values, and equal texts to the digit
        for owner, statement in fast.items():
            other = plain[owner]  # type: ignore[index]
            assert [repr(line) for line in statement.lines] == [
                repr(line) for line in other.lines
            ]
            # a line's repr leaves its message out (its eq does not, but it
            # sees 0.05 == 0.050): compare the messages' reprs too
            assert [repr(line.message) for line in statement.lines] == [
                repr(line.message) for line in other.lines
            ]
            assert repr(statement.ledger) == repr(other.ledger)
            assert repr(statement.attainment) == repr(other.attainment)


@st.composite
def any_plans(draw: st.DrawFn) -> CommissionPlan:
    """Plain plans, some with filtered components, a pay curve or a draw."""
    plan = draw(plain_plans())
    first: list[Component] = []
    if draw(st.booleans()):
        first.append(FlatRate("standard", "0.01", CreditFilter(tiers="standard")))
    if draw(st.booleans()):
        first.append(
            Tiered(
                "vip tiers",
                (Tier("0", "1", "0.02"), Tier("1", None, "0.03")),
                basis=Basis.ATTAINMENT,
                where=CreditFilter(tiers="vip"),
            )
        )
    if draw(st.booleans()):
        first.append(
            PayCurve(
                "curve",
                (CurvePoint("0.5", "0"), CurvePoint("1.5", "1")),
                Money("999.99", "EUR"),
            )
        )
    last: list[Component] = []
    if draw(st.booleans()):
        kind = draw(
            st.sampled_from(
                [
                    "non_recoverable",
                    "recoverable",
                    "non_recoverable_guarantee",
                    "recoverable_guarantee",
                ]
            )
        )
        last.append(Draw("draw", kind, Money("500.00", "EUR")))
    return attrs.evolve(plan, components=(*first, *plan.components, *last))


@st.composite
def netting_credits(draw: st.DrawFn) -> list[Credit]:
    """Credits, some undone by a credit of the opposite amount (so that an
    owner's credits may net to exactly 0)."""
    items = draw(st.lists(credits, max_size=20))
    undone = draw(st.sets(st.integers(0, len(items) - 1))) if items else set()
    return items + [
        attrs.evolve(items[i], amount=Money(-items[i].amount.amount, "EUR"))
        for i in sorted(undone)
    ]


def _without_deals(
    result: object,
) -> object:
    if not isinstance(result, dict):
        return result  # an error's repr
    out: dict[str, CommissionStatement] = {}
    for owner, statement in result.items():
        lines = tuple(attrs.evolve(line, deals=()) for line in statement.lines)
        out[owner] = attrs.evolve(statement, lines=lines)
    return out


@settings(max_examples=150, deadline=None)
@given(
    any_plans(),
    netting_credits(),
    st.lists(quota_of, min_size=3, max_size=3),
    st.booleans(),
)
def test_explain_deals_changes_nothing_but_the_deal_ids_on_lines(
    plan: CommissionPlan,
    items: list[Credit],
    targets: list[Money | int | None],
    active: bool,
) -> None:
    quotas = _quotas(targets)
    path = _active if active else _plain

    explained = path(plan, items, quotas, True)
    terse = path(plan, items, quotas, False)

    # the same statements (lines, amounts, messages, ledgers) or the same
    # error; only the deal ids differ, and terse lines list none
    assert _without_deals(explained) == terse
    if isinstance(terse, dict):
        for statement in terse.values():
            assert all(line.deals == () for line in statement.lines)
