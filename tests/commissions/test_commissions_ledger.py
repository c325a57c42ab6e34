"""The ledger remembers what each deal earned, so a clawback takes back what
was paid; a year-to-date plan is fed right (a schedule of quotas, the ledger
carried from the period before) or refused with an error naming the fault."""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs
import pytest
from helpers import eur
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import (
    CommissionPlan,
    CommissionStatement,
    Credit,
    ExchangeRate,
    FixedRates,
    Ledger,
    Measure,
    Money,
    Period,
    Quota,
    calculate_team,
)
from accountcore.commissions import (
    Accelerator,
    Band,
    BaseSalary,
    Basis,
    Cap,
    ClawbackRule,
    Component,
    CreditFilter,
    DealPay,
    Draw,
    FlatRate,
    LineKind,
    NewClientBonus,
    Scope,
    ServiceRecord,
    Tier,
    Tiered,
)
from accountcore.commissions.errors import (
    ClawbackError,
    CreditedToDateError,
    LedgerMismatchError,
    LedgerMissingError,
    YearToDateCreditsError,
)
from accountcore.errors import AccountcoreError
from accountcore.quotas import quota_for
from accountcore.quotas.errors import QuotaPeriodError
from accountcore.serialization import from_json, to_json
from accountcore.testing.commissions import monotone_plans, rates, tier_tables

Q1, Q2 = Period.quarter(2026, 1), Period.quarter(2026, 2)
WON = datetime.date(2026, 2, 3)
CANCELLED = datetime.date(2026, 4, 10)


def won(
    amount: str, deal: str = "D-x", on: datetime.date = WON, owner: str = "ana"
) -> Credit:
    return Credit(deal, "C-1", owner, eur(amount), on)


def clawed(
    amount: str,
    deal: str = "D-x",
    on: datetime.date = CANCELLED,
    original: datetime.date = WON,
    owner: str = "ana",
) -> Credit:
    return Credit(deal, "C-1", owner, eur(amount), on, original_on=original)


def flat(rate: str, *more: Component, **options: object) -> CommissionPlan:
    return CommissionPlan(
        "flat", "EUR", (FlatRate("commission", rate), *more), **options
    )  # type: ignore[arg-type]


def month(n: int) -> Period:
    return Period.month(2026, n)


# --- clawbacks reverse what was paid ---------------------------------------------------


def test_a_clawback_takes_back_what_the_deal_earned_not_todays_rate() -> None:
    # ana's Q1 rate is 8 %, her Q2 rate 5 %
    q1 = flat("0.08").calculate([won("10000")], period=Q1)

    q2 = flat("0.05").calculate([clawed("-10000")], period=Q2, ledger=q1.ledger)

    # Q1: 8 % × 10,000 = 800.00 paid, all of it earned by D-x
    assert q1.total == eur("800.00")
    assert q1.ledger.deals == {"D-x": DealPay(eur("10000"), eur("800.00"), Q1)}
    # Q2 takes back the 800.00 paid (re-rated at 5 % it would be 500.00)
    (line,) = q2.lines
    assert (line.kind, line.amount, line.deals) == (
        LineKind.CLAWBACK,
        eur("-800.00"),
        ("D-x",),
    )
    assert line.description == "clawback of deal D-x, paid in 2026-Q1"
    assert line.describe("en_US") == line.description
    assert q2.total == eur("-800.00")
    assert q2.ledger.deals["D-x"] == DealPay(eur("0"), eur("0.00"), Q1)
    assert q2.ledger.paid_to_date == eur("0.00")  # 800.00 paid, 800.00 back


def test_one_plan_whose_rate_fell_still_takes_back_what_was_paid() -> None:
    tiers = (Tier("0", "50000", "0.05"), Tier("50000", None, "0.08"))
    plan = CommissionPlan(
        "volume", "EUR", (Tiered("commission", tiers, mode="retroactive"),)
    )
    q1 = plan.calculate([won("10000"), won("50000", "D-big")], period=Q1)
    q2_credits = [won("20000", "D-new", on=CANCELLED), clawed("-10000")]

    q2 = plan.calculate(q2_credits, period=Q2, ledger=q1.ledger)
    rerated = attrs.evolve(plan, clawback="rerate").calculate(
        q2_credits, period=Q2, ledger=q1.ledger
    )

    # Q1: 60,000 reaches 8 % on all: 4,800.00, D-x's share 10,000 / 60,000 of it
    assert q1.ledger.deals["D-x"].earned == eur("800.00")
    assert q1.ledger.deals["D-big"].earned == eur("4000.00")
    # Q2: 20,000 at 5 % = 1,000.00, less the 800.00 D-x earned
    assert [line.amount for line in q2.lines] == [eur("1000.00"), eur("-800.00")]
    assert q2.total == eur("200.00")
    # re-rated: (20,000 − 10,000) × 5 % = 500.00, i.e. only 500.00 taken back
    assert rerated.total == eur("500.00")
    assert not rerated.lines_of("clawback")


def test_a_partial_refund_takes_back_its_share_of_what_was_earned() -> None:
    q1 = flat("0.08").calculate([won("10000")], period=Q1)

    q2 = flat("0.05").calculate([clawed("-3000")], period=Q2, ledger=q1.ledger)

    # 30 % refunded: 800.00 × 3,000 / 10,000 = 240.00
    assert q2.lines_of("clawback")[0].amount == eur("-240.00")
    assert q2.ledger.deals["D-x"] == DealPay(eur("7000"), eur("560.00"), Q1)


def test_repeated_partial_refunds_add_up_to_exactly_what_was_earned() -> None:
    plan = flat("0.10")
    ledger = plan.calculate(
        [won("1000.00", on=datetime.date(2026, 1, 9))], period=month(1)
    ).ledger
    taken = []
    for n, part in ((2, "-333.33"), (3, "-333.33"), (4, "-333.34")):
        refund = clawed(
            part, on=datetime.date(2026, n, 9), original=datetime.date(2026, 1, 9)
        )
        statement = plan.calculate([refund], period=month(n), ledger=ledger)
        taken.append(statement.total)
        ledger = statement.ledger

    # 100.00 earned. Feb: 100.00 × 333.33 / 1,000.00 = 33.333 → 33.33;
    # Mar: 66.67 × 333.33 / 666.67 = 33.3345 → 33.33; Apr: the rest, 33.34
    assert taken == [eur("-33.33"), eur("-33.33"), eur("-33.34")]
    assert sum(taken, eur("0")) == eur("-100.00")
    assert ledger.deals["D-x"].earned == eur("0.00")


def test_a_refund_of_an_exact_half_cent_rounds_half_up_and_the_rest_follows() -> None:
    plan = flat("0.005")
    jan = plan.calculate([won("10.00", on=datetime.date(2026, 1, 9))], period=month(1))
    original = datetime.date(2026, 1, 9)
    feb = plan.calculate(
        [clawed("-5.00", on=datetime.date(2026, 2, 9), original=original)],
        period=month(2),
        ledger=jan.ledger,
    )
    mar = plan.calculate(
        [clawed("-5.00", on=datetime.date(2026, 3, 9), original=original)],
        period=month(3),
        ledger=feb.ledger,
    )

    # 0.5 % × 10.00 = 0.05 earned; half back: 0.025 → 0.03; then the 0.02 left
    assert (jan.total, feb.total, mar.total) == (
        eur("0.05"),
        eur("-0.03"),
        eur("-0.02"),
    )


def test_a_clawback_beyond_what_was_credited_takes_nothing_more() -> None:
    q1 = flat("0.08").calculate([won("10000")], period=Q1)
    q2 = flat("0.08").calculate([clawed("-10000")], period=Q2, ledger=q1.ledger)
    july = datetime.date(2026, 7, 2)

    q3 = flat("0.08").calculate(
        [clawed("-10000", on=july)], period=Period.quarter(2026, 3), ledger=q2.ledger
    )

    assert q2.total == eur("-800.00")
    assert q3.total == eur("0.00")  # all 800.00 was already taken back
    assert str(q3.lines[0].amount) == "0.00 EUR"


def test_a_clawback_in_another_currency_is_converted_at_the_original_date() -> None:
    rates = FixedRates(
        [
            ExchangeRate("USD", "EUR", datetime.date(2026, 1, 1), "0.9"),
            ExchangeRate("USD", "EUR", datetime.date(2026, 4, 1), "0.5"),
        ]
    )
    sold = Credit("D-x", "C-1", "ana", Money("10000", "USD"), WON)
    refund = Credit(
        "D-x", "C-1", "ana", Money("-5000", "USD"), CANCELLED, original_on=WON
    )
    q1 = flat("0.08").calculate([sold], period=Q1, rates=rates)

    q2 = flat("0.05").calculate([refund], period=Q2, ledger=q1.ledger, rates=rates)

    # Q1: 10,000 USD × 0.9 = 9,000 EUR at 8 % = 720.00; half refunded, at
    # the win's rate (4,500 EUR of 9,000): 360.00 back
    assert q1.ledger.deals["D-x"] == DealPay(eur("9000.0"), eur("720.00"), Q1)
    assert q2.total == eur("-360.00")


def test_a_vip_weight_counts_in_what_is_clawed_back_as_in_what_was_credited() -> None:
    weighted = flat("0.10", tier_weights={"vip": "1.2"})
    sold = Credit("D-x", "C-1", "ana", eur("1000"), WON, client_tier="vip")
    refund = Credit(
        "D-x", "C-1", "ana", eur("-500"), CANCELLED, client_tier="vip", original_on=WON
    )
    q1 = weighted.calculate([sold], period=Q1)

    q2 = weighted.calculate([refund], period=Q2, ledger=q1.ledger)

    # Q1: 1,000 × 1.2 = 1,200 counted at 10 % = 120.00; half of it back: 60.00
    assert q1.ledger.deals["D-x"].credited == eur("1200.0")
    assert q2.total == eur("-60.00")


def test_a_clawback_of_a_credit_inside_the_window_nets_in_the_basis() -> None:
    march = datetime.date(2026, 3, 10)

    statement = flat("0.08").calculate(
        [won("10000"), clawed("-3000", on=march)], period=Q1
    )

    # the deal was not paid yet: (10,000 − 3,000) × 8 % = 560.00, no clawback line
    assert statement.total == eur("560.00")
    assert not statement.lines_of("clawback")
    assert statement.ledger.deals["D-x"] == DealPay(eur("7000"), eur("560.00"), Q1)


def test_a_clawback_with_no_record_of_the_deal_is_refused_naming_it() -> None:
    other = flat("0.08").calculate([won("500", "D-other")], period=Q1).ledger

    with pytest.raises(ClawbackError) as without_ledger:
        flat("0.05").calculate([clawed("-10000")], period=Q2)
    with pytest.raises(ClawbackError) as without_record:
        flat("0.05").calculate([clawed("-10000")], period=Q2, ledger=other)

    for raised in (without_ledger, without_record):
        message = str(raised.value)
        assert "deal 'D-x'" in message
        assert "owner 'ana'" in message
        assert "on 2026-04-10" in message
        assert 'clawback="rerate"' in message
        assert raised.value.deal == "D-x"
        assert raised.value.on == CANCELLED
        assert raised.value.original_on == WON


def test_rerate_prices_a_clawback_at_the_period_rates_without_a_ledger() -> None:
    plan = flat("0.05", clawback=ClawbackRule.RERATE)

    statement = plan.calculate(
        [won("20000", "D-new", on=CANCELLED), clawed("-10000")], period=Q2
    )

    # (20,000 − 10,000) × 5 % = 500.00
    assert statement.total == eur("500.00")


def test_a_clawback_lowers_the_earned_pay_the_draws_settle_against() -> None:
    guarantee = Draw("guarantee", "non_recoverable_guarantee", eur("500"))
    plan = flat("0.10", guarantee)
    q1 = plan.calculate([won("10000")], period=Q1)

    q2 = plan.calculate(
        [won("2000", "D-y", on=CANCELLED), clawed("-10000")],
        period=Q2,
        ledger=q1.ledger,
    )

    # earned: 200.00 − 1,000.00 = −800.00; topped up to 500.00: +1,300.00
    assert [(line.component, line.amount) for line in q2.lines] == [
        ("commission", eur("200.00")),
        ("clawback", eur("-1000.00")),
        ("guarantee", eur("1300.00")),
    ]
    assert q2.earned == eur("-800.00")
    assert q2.total == eur("500.00")


def test_the_period_pay_after_modifiers_is_attributed_pro_rata_to_the_cent() -> None:
    plan = flat("0.10", Cap("cap", eur("10.00")))
    credits = [won("100.00", deal) for deal in ("D-1", "D-2", "D-3")]

    statement = plan.calculate(credits, period=Q1)

    # 30.00 earned, capped at 10.00; 10.00 / 3 = 3.333…: the odd cent goes to
    # the first deal (largest remainder, ties to the earlier)
    assert {deal: pay.earned for deal, pay in statement.ledger.deals.items()} == {
        "D-1": eur("3.34"),
        "D-2": eur("3.33"),
        "D-3": eur("3.33"),
    }


def test_a_deal_that_nets_to_nothing_in_the_period_gets_no_record() -> None:
    march = datetime.date(2026, 3, 10)
    credits = [won("1000", "D-1"), won("500", "D-2"), clawed("-500", "D-2", on=march)]

    statement = flat("0.10").calculate(credits, period=Q1)

    assert dict(statement.ledger.deals) == {
        "D-1": DealPay(eur("1000"), eur("100.00"), Q1)
    }


def test_deal_records_older_than_the_previous_fiscal_year_are_dropped() -> None:
    q4_2024, q4_2025 = Period.quarter(2024, 4), Period.quarter(2025, 4)
    carried = attrs.evolve(
        Ledger.opening("ana", "EUR"),
        year=Period.year(2025),
        through=datetime.date(2026, 1, 1),
        deals={
            "D-24": DealPay(eur("100"), eur("8.00"), q4_2024),
            "D-25": DealPay(eur("100"), eur("8.00"), q4_2025),
        },
    )

    statement = flat("0.10").calculate([], period=Q1, ledger=carried, owner="ana")

    assert set(statement.ledger.deals) == {"D-25"}


def test_the_ledger_carries_what_was_credited_in_the_fiscal_year() -> None:
    plan = flat("0.10")
    q1 = plan.calculate([won("1000")], period=Q1)
    q2 = plan.calculate([won("500", "D-2", on=CANCELLED)], period=Q2, ledger=q1.ledger)
    next_year = plan.calculate(
        [won("200", "D-3", on=datetime.date(2027, 1, 5))],
        period=Period.quarter(2027, 1),
        ledger=attrs.evolve(q2.ledger, through=datetime.date(2027, 1, 1)),
    )

    assert (q1.ledger.credited_to_date, q2.ledger.credited_to_date) == (
        eur("1000"),
        eur("1500"),
    )
    assert next_year.ledger.credited_to_date == eur(
        "200"
    )  # a new year starts from zero
    assert set(next_year.ledger.deals) == {"D-x", "D-2", "D-3"}


def test_a_team_carries_deal_records_and_reverses_clawbacks_per_owner() -> None:
    plan = flat("0.10")
    q1 = calculate_team(
        plan,
        [won("100", "D-1"), won("300", "D-2"), won("1000", "D-3", owner="bob")],
        period=Q1,
        explain_deals=False,
    )
    ledgers = [statement.ledger for statement in q1.values()]

    q2 = calculate_team(
        plan,
        [clawed("-300", "D-2"), clawed("-500", "D-3", owner="bob")],
        period=Q2,
        ledgers=ledgers,
    )

    assert q1["ana"].ledger.deals["D-2"].earned == eur("30.00")  # 10 % of 300
    # bob's D-3 earned 100.00; half of it refunded: 50.00 back
    assert {owner: s.total for owner, s in q2.items()} == {
        "ana": eur("-30.00"),
        "bob": eur("-50.00"),
    }


def test_ledgers_with_deal_records_round_trip_through_json() -> None:
    q1 = flat("0.08").calculate([won("10000")], period=Q1)
    q2 = flat("0.05").calculate([clawed("-3000")], period=Q2, ledger=q1.ledger)

    for statement in (q1, q2):
        assert from_json(to_json(statement.ledger), Ledger) == statement.ledger
        assert from_json(to_json(statement), CommissionStatement) == statement
    assert (
        from_json(to_json(flat("0.1", clawback="rerate")), CommissionPlan).clawback
        is ClawbackRule.RERATE
    )


def test_a_ledger_stored_before_deal_records_existed_still_reads() -> None:
    stored = (
        '{"owner": "ana", "currency": "EUR", "draw_balance": {"amount": "0", "currency": "EUR"},'
        ' "paid_to_date": {"amount": "12.00", "currency": "EUR"}, "year": null, "through": null}'
    )

    ledger = from_json(stored, Ledger)

    assert (ledger.credited_to_date, dict(ledger.deals)) == (eur("0"), {})


# --- properties: clawbacks --------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 10**9),
    rates(),
    st.lists(st.integers(1, 10**9), min_size=1, max_size=10),
)
def test_repeated_partial_refunds_take_back_what_was_earned_never_more(
    cents: int, rate: Decimal, refunds: list[int]
) -> None:
    plan = flat(str(rate))
    day = datetime.date(2026, 1, 9)
    first = plan.calculate(
        [won(str(Decimal(cents).scaleb(-2)), on=day)], period=month(1)
    )
    earned = first.ledger.deals["D-x"].earned if first.total else eur("0.00")
    ledger = first.ledger
    taken = Decimal(0)
    refunded = 0
    for n, part in enumerate(refunds, start=2):
        refund = clawed(
            str(Decimal(-part).scaleb(-2)), on=datetime.date(2026, n, 9), original=day
        )
        statement = plan.calculate([refund], period=month(n), ledger=ledger)
        ledger = statement.ledger
        line = statement.total.amount
        refunded += part

        assert line <= 0  # a clawback never pays
        taken -= line
        assert taken <= earned.amount  # never more than was earned
        if refunded >= cents:  # all of the credit refunded: all of the pay back
            assert taken == earned.amount


@st.composite
def months_of_deals(draw: st.DrawFn) -> list[list[Credit]]:
    """Four months of won deals for ana, and later refunds of earlier ones."""
    months: list[list[Credit]] = []
    deals: list[tuple[str, datetime.date, int]] = []
    for n in range(1, 5):
        credits: list[Credit] = []
        for k in range(draw(st.integers(0, 3))):
            cents = draw(st.integers(1, 5_000_000))
            day = datetime.date(2026, n, draw(st.integers(1, 28)))
            deal = f"D-{n}{k}"
            credits.append(
                Credit(deal, f"C-{k}", "ana", eur(str(Decimal(cents).scaleb(-2))), day)
            )
            deals.append((deal, day, cents))
        for deal, day, cents in deals:
            if day.month < n and draw(st.integers(0, 4)) == 0:
                part = draw(st.integers(1, cents))
                refund = Credit(
                    deal,
                    "C-0",
                    "ana",
                    eur(str(Decimal(-part).scaleb(-2))),
                    datetime.date(2026, n, 28),
                    original_on=day,
                )
                credits.append(refund)
        months.append(credits)
    return months


@settings(max_examples=80, deadline=None)
@given(monotone_plans(), months_of_deals(), st.integers(10_000, 500_000))
def test_a_deals_earned_amounts_add_up_to_the_variable_pay_paid(
    plan: CommissionPlan, months: list[list[Credit]], target: int
) -> None:
    schedule = [Quota("ana", month(n), eur(target)) for n in range(1, 13)]
    ledger = Ledger.opening("ana", "EUR")
    paid = Decimal(0)
    for n, credits in enumerate(months, start=1):
        statement = plan.calculate(
            credits, period=month(n), quota=schedule, ledger=ledger, owner="ana"
        )
        ledger = statement.ledger
        paid += sum(
            (
                line.amount.amount
                for line in statement.lines
                if line.kind in (LineKind.VARIABLE, LineKind.CLAWBACK)
            ),
            Decimal(0),
        )

        records = sum((pay.earned.amount for pay in ledger.deals.values()), Decimal(0))
        assert records == paid == ledger.paid_to_date.amount
        assert all(pay.credited.amount >= 0 for pay in ledger.deals.values())


# --- an empty activity: same statements, same deal records -----------------------------

OWNERS = ("ana", "bob", "eve")


@st.composite
def clawback_credits(draw: st.DrawFn) -> Credit:
    """Credits of the quarter, some reversing a credit of Q1 (inside the
    window) or of the quarter before (outside it)."""
    cents = draw(st.integers(-2_000_000, 20_000_000))
    day = Q1.start + datetime.timedelta(days=draw(st.integers(0, Q1.days - 1)))
    original = draw(st.sampled_from([None, None, Q1.start, datetime.date(2025, 11, 3)]))
    return Credit(
        f"D-{draw(st.integers(0, 30))}",
        "C-1",
        draw(st.sampled_from(OWNERS)),
        eur(str(Decimal(cents).scaleb(-2))),
        day,
        draw(st.sampled_from(["standard", "vip"])),
        original_on=original,
    )


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(list(ClawbackRule)),
    tier_tables(attainment=True),
    st.lists(clawback_credits(), max_size=25),
    st.sampled_from([{}, {"vip": Decimal("1.2")}]),
    st.booleans(),
)
def test_an_empty_activity_gives_the_same_statements_and_records(
    rule: ClawbackRule,
    table: tuple[Tier, ...],
    items: list[Credit],
    weights: dict[str, Decimal],
    explain: bool,
) -> None:
    plan = CommissionPlan(
        "team",
        "EUR",
        (
            BaseSalary("salary", eur("100")),
            Tiered("commission", table, basis=Basis.ATTAINMENT),
            Cap("cap", eur("9000")),
        ),
        tier_weights=weights,
        clawback=rule,
    )
    quotas = [Quota(owner, Q1, eur("100000")) for owner in OWNERS]

    def run(**extra: object) -> object:
        try:
            return calculate_team(
                plan, items, period=Q1, quotas=quotas, explain_deals=explain, **extra
            )  # type: ignore[arg-type]
        except AccountcoreError as error:
            return repr(error)

    fast = run(owners=OWNERS)
    plain = run(activities={owner: ServiceRecord() for owner in OWNERS})

    assert fast == plain
    if isinstance(fast, dict):
        for owner, statement in fast.items():
            assert repr(statement.ledger) == repr(plain[owner].ledger)  # type: ignore[index]


# --- year to date: fed right, or refused ------------------------------------------------

YTD_TIERS = (Tier("0", "1", "0.05"), Tier("1", None, "0.08"))


def ytd_plan(*more: Component) -> CommissionPlan:
    return CommissionPlan(
        "ytd",
        "EUR",
        (Tiered("commission", YTD_TIERS, basis=Basis.ATTAINMENT), *more),
        scope=Scope.YEAR_TO_DATE,
    )


QUARTERLY = [Quota("ana", Period.quarter(2026, n), eur("100000")) for n in (1, 2, 3, 4)]
IN_Q1 = won("100000", "D-1", on=datetime.date(2026, 2, 1))
IN_Q2 = won("100000", "D-2", on=datetime.date(2026, 5, 1))


def test_a_year_to_date_plan_pays_the_same_however_it_is_fed() -> None:
    plan = ytd_plan()
    q1 = plan.calculate([IN_Q1], period=Q1, quota=QUARTERLY[0])

    everything = plan.calculate(
        [IN_Q1, IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger
    )
    this_period = plan.calculate([IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger)

    # Q1: 100,000 of 100,000 at 5 % = 5,000.00. Q2 to date: 200,000 of the
    # quotas Q1 + Q2 = 200,000: 5 % = 10,000.00, less 5,000.00 paid = 5,000.00
    assert q1.total == eur("5000.00")
    assert everything.total == this_period.total == eur("5000.00")
    assert everything == this_period
    assert everything.lines[0].deals == ("D-2",)  # the period's deals
    assert everything.ledger.credited_to_date == eur("200000")
    assert everything.lines_of("true-up")[0].amount == eur("-5000.00")


def test_a_year_to_date_plan_given_only_the_quarters_quota_is_refused() -> None:
    plan = ytd_plan()
    q1 = plan.calculate([IN_Q1], period=Q1, quota=QUARTERLY[0])

    # attainment would read 200,000 / 100,000 = 2 and pay 8,000.00
    with pytest.raises(QuotaPeriodError) as raised:
        plan.calculate([IN_Q1, IN_Q2], period=Q2, quota=QUARTERLY[1], ledger=q1.ledger)

    message = str(raised.value)
    assert "owner 'ana'" in message
    assert "2026-01-01..2026-06-30" in message  # the span needed
    assert "given 2026-Q2" in message
    assert "2026-Q1 is not covered" in message
    assert raised.value.needed == Period(Q1.start, Q2.end)
    assert raised.value.given == (Q2,)


def test_a_year_to_date_statement_after_the_first_period_needs_a_ledger() -> None:
    plan = ytd_plan()

    # without the Q1 ledger it would pay 10,000.00 with no true-up
    with pytest.raises(LedgerMissingError) as raised:
        plan.calculate([IN_Q1, IN_Q2], period=Q2, quota=QUARTERLY)

    message = str(raised.value)
    assert "owner 'ana'" in message
    assert "for 2026-Q2" in message
    assert "Ledger.opening('ana', 'EUR')" in message
    assert (raised.value.owner, raised.value.period) == ("ana", Q2)


def test_an_opening_ledger_says_nothing_was_paid_before() -> None:
    plan = ytd_plan()

    statement = plan.calculate(
        [IN_Q2], period=Q2, quota=QUARTERLY, ledger=Ledger.opening("ana", "EUR")
    )

    # a hire in April: 100,000 of 200,000 to date at 5 %, nothing to deduct
    assert statement.total == eur("5000.00")


def test_credits_before_the_period_that_disagree_with_the_ledger_are_refused() -> None:
    plan = ytd_plan()
    q1 = plan.calculate([IN_Q1], period=Q1, quota=QUARTERLY[0])
    late = won(
        "25000", "D-late", on=datetime.date(2026, 3, 30)
    )  # not in Q1's statement

    with pytest.raises(CreditedToDateError) as raised:
        plan.calculate(
            [IN_Q1, late, IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger
        )

    message = str(raised.value)
    assert "owner 'ana'" in message
    assert "before 2026-04-01 add up to 125000 EUR" in message
    assert "carried 100000 EUR" in message
    assert "a difference of 25000 EUR" in message
    assert isinstance(raised.value, LedgerMismatchError)
    assert raised.value.difference == eur("25000")


def test_a_component_needing_each_earlier_credit_refuses_only_this_periods_credits() -> (
    None
):
    plan = ytd_plan(NewClientBonus("hunter", eur("100")))
    q1 = plan.calculate([IN_Q1], period=Q1, quota=QUARTERLY[0])

    fine = plan.calculate([IN_Q1, IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger)
    with pytest.raises(YearToDateCreditsError) as raised:
        plan.calculate([IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger)

    assert fine.total == eur("5000.00")
    message = str(raised.value)
    assert "Component 'hunter'" in message
    assert "owner 'ana'" in message
    assert "pass all credits since 2026-01-01" in message


def test_a_count_quota_refuses_only_this_periods_credits_naming_the_quota() -> None:
    plan = ytd_plan()
    counted = [
        Quota("ana", Period.quarter(2026, n), 1, Measure.DEALS_WON) for n in (1, 2)
    ]
    q1 = plan.calculate([IN_Q1], period=Q1, quota=counted[0])

    with pytest.raises(YearToDateCreditsError, match="'deals_won quota' needs each"):
        plan.calculate([IN_Q2], period=Q2, quota=counted, ledger=q1.ledger)


def test_a_year_to_date_ledger_that_skips_a_period_is_refused() -> None:
    plan = ytd_plan()
    monthly = [Quota("ana", month(n), eur("30000")) for n in (1, 2, 3)]
    jan = plan.calculate(
        [won("100", on=datetime.date(2026, 1, 9))], period=month(1), quota=monthly
    )

    # February was never calculated: March cannot deduct what it paid
    with pytest.raises(LedgerMismatchError) as raised:
        plan.calculate([], period=month(3), quota=monthly, ledger=jan.ledger)

    message = str(raised.value)
    assert "through=datetime.date(2026, 2, 1)" in message
    assert "the period just before it (through 2026-03-01)" in message


def test_a_clawback_of_last_years_deal_is_paid_once_and_the_true_up_does_not_repay_it() -> (
    None
):
    plan = ytd_plan()
    december = datetime.date(2025, 12, 1)
    last_year = flat("0.10").calculate(
        [won("10000", "D-old", on=december)], period=Period.quarter(2025, 4)
    )
    refund = clawed("-10000", "D-old", on=datetime.date(2026, 2, 10), original=december)
    q1 = plan.calculate(
        [IN_Q1, refund], period=Q1, quota=QUARTERLY[0], ledger=last_year.ledger
    )

    q2 = plan.calculate(
        [IN_Q1, refund, IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger
    )

    # Q1: 5,000.00 earned less the 1,000.00 D-old earned last year
    assert [line.amount for line in q1.lines] == [eur("5000.00"), eur("-1000.00")]
    assert q1.ledger.paid_to_date == eur("5000.00")  # what the true-up deducts
    # Q2: 10,000.00 to date less 5,000.00 paid; the refund is not reversed again
    assert q2.total == eur("5000.00")


def test_a_clawback_inside_the_year_is_repriced_by_the_true_up() -> None:
    plan = ytd_plan()
    q1 = plan.calculate([IN_Q1], period=Q1, quota=QUARTERLY[0])
    refund = clawed(
        "-40000", "D-1", on=datetime.date(2026, 5, 2), original=IN_Q1.credited_on
    )

    q2 = plan.calculate([refund, IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger)

    # to date: 160,000 of 200,000 at 5 % = 8,000.00, less 5,000.00 paid
    assert q2.total == eur("3000.00")
    assert not q2.lines_of("clawback")


@st.composite
def year_to_date_plans(draw: st.DrawFn) -> CommissionPlan:
    """Plans whose components work on the credited sum (no filter, no
    per-credit bonus), in a year-to-date scope."""
    base = draw(monotone_plans())
    components = [c for c in base.components if not isinstance(c, NewClientBonus)]
    if draw(st.booleans()):
        components.append(
            Draw(
                "draw",
                draw(st.sampled_from(["recoverable", "non_recoverable_guarantee"])),
                eur("1000"),
            )
        )
    return CommissionPlan("ytd", "EUR", components, scope=Scope.YEAR_TO_DATE)


@st.composite
def quarter_credits(draw: st.DrawFn, quarter: Period, refunds: bool) -> list[Credit]:
    out = []
    for k in range(draw(st.integers(0, 4))):
        cents = draw(st.integers(-500_000, 8_000_000))
        day = quarter.start + datetime.timedelta(
            days=draw(st.integers(0, quarter.days - 1))
        )
        original = None
        if refunds and cents < 0 and draw(st.booleans()):
            original = Q1.start  # a refund of a Q1 credit: inside the window
        out.append(
            Credit(
                f"D-{quarter.start.month}{k}",
                "C-1",
                "ana",
                eur(str(Decimal(cents).scaleb(-2))),
                day,
                original_on=original,
            )
        )
    return out


@settings(max_examples=100, deadline=None)
@given(
    year_to_date_plans(),
    quarter_credits(Q1, refunds=False),
    quarter_credits(Q2, refunds=True),
    st.integers(10_000, 500_000),
)
def test_feeding_all_credits_or_this_periods_credits_gives_equal_statements(
    plan: CommissionPlan, first: list[Credit], second: list[Credit], target: int
) -> None:
    quotas = [Quota("ana", Period.quarter(2026, n), eur(target)) for n in (1, 2)]
    q1 = plan.calculate(first, period=Q1, quota=quotas, owner="ana")

    everything = plan.calculate(
        [*first, *second], period=Q2, quota=quotas, ledger=q1.ledger, owner="ana"
    )
    this_period = plan.calculate(
        second, period=Q2, quota=quotas, ledger=q1.ledger, owner="ana"
    )

    assert everything == this_period
    assert [repr(line.message) for line in everything.lines] == [
        repr(line.message) for line in this_period.lines
    ]
    assert repr(everything.ledger) == repr(this_period.ledger)


# --- quota schedules ----------------------------------------------------------------------


def test_monthly_quotas_are_summed_for_a_quarter() -> None:
    monthly = [Quota("ana", month(n), eur("30000")) for n in range(1, 13)]
    plan = CommissionPlan(
        "t", "EUR", (Tiered("commission", YTD_TIERS, basis=Basis.ATTAINMENT),)
    )

    statement = plan.calculate([won("100000")], period=Q1, quota=monthly)

    # Q1's quota: 3 × 30,000 = 90,000; 90,000 × 5 % + 10,000 × 8 % = 5,300.00
    assert statement.total == eur("5300.00")
    assert statement.attainment == Decimal("100000") / Decimal("90000")


def test_a_schedule_of_quarterly_quotas_gives_each_quarter_its_own() -> None:
    plan = CommissionPlan(
        "t", "EUR", (Tiered("commission", YTD_TIERS, basis=Basis.ATTAINMENT),)
    )

    team = calculate_team(plan, [IN_Q2], period=Q2, quotas=QUARTERLY)

    assert team["ana"].attainment == 1  # Q2's 100,000; the other quarters ignored


def test_a_quota_of_another_period_is_refused_naming_both_periods() -> None:
    plan = CommissionPlan(
        "t", "EUR", (Tiered("commission", YTD_TIERS, basis=Basis.ATTAINMENT),)
    )

    with pytest.raises(
        QuotaPeriodError, match=r"do not cover 2026-01 exactly: given 2026-Q1"
    ):
        plan.calculate(
            [won("100", on=datetime.date(2026, 1, 9))],
            period=month(1),
            quota=QUARTERLY[0],
        )
    with pytest.raises(
        QuotaPeriodError, match=r"do not cover 2026-Q1 exactly: given 2026-Q2"
    ):
        calculate_team(plan, [], period=Q1, quotas={"ana": QUARTERLY[1]})


def test_overlapping_quotas_and_gaps_are_refused_naming_the_fault() -> None:
    overlap = [Quota("ana", month(n), eur("1")) for n in (1, 2, 3)] + [
        Quota("ana", Period(datetime.date(2026, 2, 1), Q1.end), eur("1"))
    ]
    gap = [Quota("ana", month(n), eur("1")) for n in (1, 3)]

    with pytest.raises(
        QuotaPeriodError, match=r"2026-02-01\.\.2026-03-31 overlaps 2026-02"
    ):
        quota_for(overlap, Q1, owner="ana")
    with pytest.raises(QuotaPeriodError, match="2026-02 is not covered"):
        quota_for(gap, Q1, owner="ana")


def test_a_schedule_mixing_measures_is_refused() -> None:
    mixed = [
        Quota("ana", month(1), eur("1")),
        Quota("ana", month(2), 3, "deals_won"),
        Quota("ana", month(3), eur("1")),
    ]

    with pytest.raises(
        QuotaPeriodError, match="they mix measures deals_won and revenue"
    ):
        quota_for(mixed, Q1, owner="ana")


def test_a_quota_for_the_exact_span_wins_over_a_schedule_inside_it() -> None:
    both = [
        Quota("ana", Q1, eur("90000")),
        *[Quota("ana", month(n), eur("1")) for n in (1, 2, 3)],
    ]

    assert quota_for(both, Q1, owner="ana") == both[0]
    assert quota_for(both, Q1, owner="bob") is None


def test_reliefs_are_taken_off_each_quota_of_a_schedule() -> None:
    monthly = [Quota("ana", month(n), eur("30000")) for n in (1, 2, 3)]
    monthly[1] = monthly[1].with_relief(eur("10000"), "parental leave")

    assert quota_for(monthly, Q1, owner="ana") == Quota("ana", Q1, eur("80000"))


def test_filters_still_see_each_credit_when_all_credits_are_given() -> None:
    plan = CommissionPlan(
        "ytd",
        "EUR",
        (
            FlatRate("pumps", "0.1", CreditFilter(products="pump")),
            Accelerator("kicker", (Band("1", None, "2"),)),
        ),
        scope="year_to_date",
    )
    pump = Credit(
        "D-1", "C-1", "ana", eur("1000"), datetime.date(2026, 2, 1), product="pump"
    )
    q1 = plan.calculate([pump], period=Q1, quota=QUARTERLY[0])

    q2 = plan.calculate([pump, IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger)
    with pytest.raises(YearToDateCreditsError, match="Component 'pumps'"):
        plan.calculate([IN_Q2], period=Q2, quota=QUARTERLY, ledger=q1.ledger)

    assert q2.total == eur("0.00")  # 10 % of the 1,000 of pumps to date, paid in Q1
