"""Every path of the commission engine pays what an independent oracle pays,
to the cent.

The oracle (``tests/oracle``) is a plain, exact (``Fraction``) reading of
docs/commissions.md and of issue 13's decisions; it shares no code with
``accountcore.commissions``. Each test draws plans, credits, quotas and
sequences of periods (``tests/strategies.py``) and runs every path of the
library: ``calculate_team`` as given, with an empty activity for every owner,
and without deal ids, and ``plan.calculate`` per owner
(``oracle.compare.PATHS``).

Examples per test: CI-sized by default; ``ACCOUNTCORE_ORACLE_EXAMPLES=5000``
runs that many per test (see CONTRIBUTING.md).

The oracle still flags the edges where the library was wrong when the
oracle was written (``oracle.engine.FLAGS``: S1, S2, a non-recoverable draw
on a loss, a target of exactly 1, a zero basis without deal ids); every bug
behind them is fixed, so no test tolerates a flag any more: each flagged
edge is compared like any other, and the tests below the "found by the
oracle" line keep each finding as a regression test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from helpers import Q1
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from oracle.compare import Mismatch, compare, run_library, run_oracle, run_sequence
from oracle.engine import (
    FLAGS,
    S1_HALF_UNIT,
    S2_RATIO,
    OracleError,
    OracleLedger,
    allocate,
    decimal_of,
)
from strategies import (
    AGGREGATE,
    MODIFIERS,
    PeriodRun,
    Scenario,
    dividing_targets,
    money_targets,
    scenarios,
    sequences,
)

from accountcore.commissions import (
    Accelerator,
    Band,
    Basis,
    Cap,
    CommissionPlan,
    Credit,
    CreditFilter,
    CurvePoint,
    Draw,
    FlatRate,
    Ledger,
    PayCurve,
    Scope,
    Tier,
    Tiered,
    calculate_team,
)
from accountcore.commissions.errors import MissingQuotaError
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.quotas import Quota

LONG = int(os.environ.get("ACCOUNTCORE_ORACLE_EXAMPLES", "0"))


def examples(ci: int) -> settings:
    """``ci`` examples, or ACCOUNTCORE_ORACLE_EXAMPLES when set."""
    return settings(
        max_examples=LONG or ci,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


Q2 = Period.quarter(2026, 2)
FEB = dt.date(2026, 2, 10)


def check(scenario: Scenario, tolerate: frozenset[str] = frozenset()) -> None:
    """The oracle and every library path agree on ``scenario``."""
    plan, period = scenario.plan, scenario.period
    year = plan.calendar.year(plan.calendar.fiscal_year_of(period.start))
    theirs, ours = {}, {}
    for owner, (balance, paid) in scenario.ledgers.items():
        theirs[owner] = Ledger(
            owner,
            plan.currency,
            draw_balance=Money(balance, plan.currency),
            paid_to_date=Money(paid, plan.currency),
            year=year,
            through=period.start,
        )
        ours[owner] = OracleLedger(
            owner,
            plan.currency,
            Fraction(balance),
            Fraction(paid),
            year=(year.start, year.end),
            through=period.start,
        )
    arguments = {
        "period": period,
        "quotas": scenario.quotas,
        "activities": scenario.activities,
        "owners": scenario.owners,
    }
    expected = run_oracle(plan, scenario.credits, ledgers=ours, **arguments)
    results = run_library(plan, scenario.credits, ledgers=theirs, **arguments)
    compare(expected, results, tolerate=tolerate)


def but(flag: str) -> frozenset[str]:
    """Every flag tolerated except ``flag``: the test of that bug."""
    return frozenset(FLAGS) - {flag}


def targets_of_both_kinds(currency: str) -> st.SearchStrategy[Decimal]:
    return st.one_of(dividing_targets(currency), money_targets(currency))


# --- what must hold today -----------------------------------------------------------


@examples(120)
@given(scenarios())
def test_every_path_pays_what_the_oracle_pays_for_one_period(
    scenario: Scenario,
) -> None:
    check(scenario)


@examples(40)
@given(
    scenarios(
        kinds=sorted(AGGREGATE),
        max_owners=40,
        currencies=("EUR", "JPY"),
        money_only=True,
        quota_kinds=("money",),  # one owner without a quota refuses the team
        targets=targets_of_both_kinds,
    )
)
def test_many_owners_on_plans_of_aggregates_are_paid_like_the_oracle(
    scenario: Scenario,
) -> None:
    check(scenario)


@examples(40)
@given(sequences())
def test_a_ledger_carried_over_periods_pays_like_the_oracle(run: PeriodRun) -> None:
    run_sequence(run)


@examples(40)
@given(sequences(scope=Scope.YEAR_TO_DATE, later_clawbacks=True))
def test_year_to_date_true_up_pays_like_the_oracle(run: PeriodRun) -> None:
    # every credit since the fiscal year's start, the ledger carried, one
    # quota for the year to date: feeding (a) of issue 13; a clawback of a
    # deal credited earlier in the year nets in the year-to-date basis
    run_sequence(run)


@examples(30)
@given(
    sequences(
        kinds=("flat", "commission", *MODIFIERS, "draw"),
        targets=lambda _: st.just(Decimal(0)),
    )
)
def test_a_zero_target_reads_as_full_attainment_like_the_oracle(run: PeriodRun) -> None:
    run_sequence(run)


def test_the_oracle_pays_the_issue_example_to_the_cent() -> None:
    # 4 % × 167,915.00 = 6,716.60; 7 % × 55,928.50 = 3,914.995 -> 3,915.00
    plan = CommissionPlan(
        "p",
        "EUR",
        (
            Tiered(
                "commission",
                (Tier("0", "1", "0.04"), Tier("1", None, "0.07")),
                basis="attainment",
            ),
        ),
    )
    credit = Credit("D-1", "C-1", "ana", Money("223843.50", "EUR"), FEB)

    result = run_oracle(
        plan,
        [credit],
        period=Q1,
        quotas=[Quota("ana", Q1, Money("167915.00", "EUR"))],
        ledgers={},
        activities={},
        owners=("ana",),
    )

    assert not isinstance(result, OracleError)
    lines = [
        (decimal_of(ln.amount), decimal_of(ln.basis)) for ln in result["ana"].lines
    ]  # type: ignore[arg-type]
    assert lines == [
        (Decimal("6716.6"), Decimal("167915")),
        (Decimal("3915"), Decimal("55928.5")),
    ]
    assert decimal_of(result["ana"].total) == Decimal("10631.6")


def _oracle_run(run: PeriodRun) -> list[list[tuple[str, Decimal]]]:
    """The oracle's lines, period after period, its ledger carried."""
    ledgers: dict[str, OracleLedger] = {}
    out = []
    for index, period in enumerate(run.periods):
        result = run_oracle(
            run.plan,
            run.credits_for(index),
            period=period,
            quotas=run.quotas[index],
            ledgers=ledgers,
            activities={},
            owners=run.owners,
        )
        if isinstance(result, OracleError):
            raise result
        out.append(
            [(ln.component, decimal_of(ln.amount)) for ln in result["ana"].lines]
        )
        ledgers = {owner: s.ledger for owner, s in result.items()}
    return out


def test_the_oracle_reverses_a_clawback_at_the_pay_it_earned() -> None:
    # Q1: D-x earns 8 % × 10,000 = 800.00; Q2: 5 % × 30,000 = 1,500.00 and
    # D-x is cancelled: -800.00, whatever Q2's rate
    q1_lines, q2_lines = _oracle_run(_clawed_in_q2())

    assert q1_lines == [("commission", Decimal(800))]
    assert q2_lines == [("commission", Decimal(1500)), ("clawback", Decimal(-800))]


def test_the_oracle_takes_back_a_partial_refund_pro_rata() -> None:
    # 30 % of the 10,000 refunded: 800.00 × 3,000 / 10,000 = 240.00
    run = _clawed_in_q2()
    sale, more, cancel = run.credits
    refund = attrs.evolve(cancel, amount=Money("-3000", "EUR"))

    _, q2_lines = _oracle_run(dataclasses.replace(run, credits=(sale, more, refund)))

    assert q2_lines[-1] == ("clawback", Decimal(-240))


def test_the_oracle_pays_a_year_to_date_quarter_once_whichever_way_it_is_fed() -> None:
    # YTD: 200,000 against 200,000 -> 5 % × 200,000 = 10,000.00, less the
    # 5,000.00 paid in Q1: Q2 pays 5,000.00
    for fed_by_period in (False, True):
        run = _year_to_date(schedule=True, fed_by_period=fed_by_period)

        q1_lines, q2_lines = _oracle_run(run)

        assert q1_lines == [("commission", Decimal(5000))]
        assert q2_lines == [
            ("commission", Decimal(10000)),
            ("true-up", Decimal(-5000)),
        ]


def test_the_oracle_refuses_a_year_to_date_quota_of_the_quarter_alone() -> None:
    run = _year_to_date(schedule=False, fed_by_period=False)

    with pytest.raises(OracleError) as caught:
        _oracle_run(run)

    assert caught.value.expected == "QuotaPeriodError"


def test_the_oracle_reads_the_recoverable_draw_of_the_docs() -> None:
    # "a recoverable draw of 100 with 200 earned pays 300 and leaves a
    # balance of 100"
    plan = CommissionPlan(
        "draw",
        "EUR",
        (
            FlatRate("commission", "1"),
            Draw("draw", "recoverable", Money("100", "EUR")),
        ),
    )
    credit = Credit("D-1", "C-1", "ana", Money("200", "EUR"), dt.date(2026, 1, 9))

    result = run_oracle(
        plan,
        [credit],
        period=Period.month(2026, 1),
        quotas=(),
        ledgers={},
        activities={},
        owners=("ana",),
    )

    assert not isinstance(result, OracleError)
    assert decimal_of(result["ana"].total) == Decimal(300)
    assert decimal_of(result["ana"].ledger.draw_balance) == Decimal(100)


def test_the_oracle_allocates_by_largest_remainder_ties_to_the_earlier() -> None:
    # 1,000 JPY in three: 333 each and the one left to the first
    parts = allocate(Fraction(1000), [Fraction(1)] * 3, "JPY")

    assert parts == [334, 333, 333]


def test_a_mismatch_names_the_path_the_owner_and_both_lines() -> None:
    plan = CommissionPlan("p", "EUR", (FlatRate("flat", "0.1"),))
    credit = Credit("D-1", "C-1", "ana", Money("100", "EUR"), FEB)
    expected = run_oracle(
        plan, [credit], period=Q1, quotas=(), ledgers={}, activities={}, owners=("ana",)
    )
    other = calculate_team(
        CommissionPlan("p", "EUR", (FlatRate("flat", "0.2"),)), [credit], period=Q1
    )

    with pytest.raises(Mismatch) as caught:
        compare(expected, {"team": other})

    assert "[team] ana: lines differ" in str(caught.value)
    assert "10" in str(caught.value)
    assert "20" in str(caught.value)


# --- known bugs, fixed on other branches of issue 13 --------------------------------


ISSUE_EXAMPLE = Scenario(
    CommissionPlan(
        "issue 13",
        "EUR",
        (
            Tiered(
                "commission",
                (Tier("0", "1", "0.04"), Tier("1", None, "0.07")),
                basis="attainment",
            ),
        ),
    ),
    Q1,
    (Credit("D-1", "C-1", "ana", Money("223843.50", "EUR"), FEB),),
    (Quota("ana", Q1, Money("167915.00", "EUR")),),
    owners=("ana",),
)


@examples(60)
@example(ISSUE_EXAMPLE)
@given(
    scenarios(
        kinds=("commission", "flat", "kicker", "gate", "cap", "salary"),
        attainment_tiers=True,
        quota_kinds=("money", "money", "money", "count"),
    )
)
def test_attainment_tiers_pay_exact_money_slices(scenario: Scenario) -> None:
    check(scenario, tolerate=but(S2_RATIO))


ACCELERATED = Scenario(
    CommissionPlan(
        "accelerated",
        "EUR",
        (FlatRate("flat", "0.05"), Accelerator("kicker", (Band("1", None, "1.1"),))),
    ),
    Q1,
    # paid 5 % × 365,839 = 18,291.95; the band holds 65,839 of the credit:
    # 18,291.95 × 65,839 × 0.1 / 365,839 = 329.195 exactly -> 329.20
    (Credit("D-1", "C-1", "ana", Money("365839", "EUR"), FEB),),
    (Quota("ana", Q1, Money("300000", "EUR")),),
    owners=("ana",),
)
CURVED = Scenario(
    CommissionPlan(
        "curved",
        "EUR",
        (
            PayCurve(
                "curve",
                (CurvePoint("0", "0"), CurvePoint("1", "1")),
                Money("7500", "EUR"),
            ),
        ),
    ),
    Q1,
    # 7,500 × 39,601 / 300,000 = 990.025 exactly -> 990.03
    (Credit("D-1", "C-1", "ana", Money("39601", "EUR"), FEB),),
    (Quota("ana", Q1, Money("300000", "EUR")),),
    owners=("ana",),
)


@examples(60)
@example(ACCELERATED)
@example(CURVED)
@given(scenarios(kinds=("flat", "curve", "kicker", "cap")))
def test_accelerators_and_pay_curves_multiply_first(scenario: Scenario) -> None:
    check(scenario, tolerate=but(S1_HALF_UNIT))


def _clawed_in_q2() -> PeriodRun:
    # retroactive tiers on amount: 8 % below 15,000, 5 % from 15,000. Q1:
    # D-x, 10,000 at 8 %, earns 800.00. Q2: 30,000 more at 5 % = 1,500.00,
    # and D-x is cancelled inside the window: the clawback takes back the
    # 800.00 paid (re-rated at Q2's 5 % it would take back 500.00)
    plan = CommissionPlan(
        "clawed",
        "EUR",
        (
            Tiered(
                "commission",
                (Tier("0", "15000", "0.08"), Tier("15000", None, "0.05")),
                mode="retroactive",
            ),
        ),
    )
    sale = Credit("D-x", "C-1", "ana", Money("10000", "EUR"), FEB)
    cancel = Credit(
        "D-x",
        "C-1",
        "ana",
        Money("-10000", "EUR"),
        dt.date(2026, 5, 4),
        original_on=FEB,
    )
    more = Credit("D-y", "C-2", "ana", Money("30000", "EUR"), dt.date(2026, 4, 20))
    return PeriodRun(plan, (Q1, Q2), (sale, more, cancel), ((), ()), ("ana",))


@examples(40)
@example(_clawed_in_q2())
@given(sequences(later_clawbacks=True))
def test_a_clawback_in_a_later_period_reverses_what_was_paid(run: PeriodRun) -> None:
    run_sequence(run, deals=True)


def _year_to_date(*, schedule: bool, fed_by_period: bool) -> PeriodRun:
    # issue 13: 5 % to 100 % of quota, 8 % above; 100,000 credited in each
    # quarter; quarterly quotas of 100,000. Q2 pays 5,000.00, never 8,000.00,
    # 10,000.00 or -3,000.00.
    plan = CommissionPlan(
        "ytd",
        "EUR",
        (
            Tiered(
                "commission",
                (Tier("0", "1", "0.05"), Tier("1", None, "0.08")),
                basis=Basis.ATTAINMENT,
            ),
        ),
        scope=Scope.YEAR_TO_DATE,
    )
    credits = (
        Credit("D-1", "C-1", "ana", Money("100000", "EUR"), FEB),
        Credit("D-2", "C-2", "ana", Money("100000", "EUR"), dt.date(2026, 5, 5)),
    )
    q1 = Quota("ana", Q1, Money("100000", "EUR"))
    q2 = Quota("ana", Q2, Money("100000", "EUR"))
    quotas = ((q1,), (q1, q2) if schedule else (q2,))
    return PeriodRun(plan, (Q1, Q2), credits, quotas, ("ana",), fed_by_period)


@examples(40)
@example(_year_to_date(schedule=True, fed_by_period=False))
@example(_year_to_date(schedule=True, fed_by_period=True))
@example(_year_to_date(schedule=False, fed_by_period=False))
@given(
    st.booleans().flatmap(
        lambda by_period: sequences(
            scope=Scope.YEAR_TO_DATE,
            kinds=("salary", "flat", "commission", "curve", "club", *MODIFIERS, "draw"),
            schedule=True,
            fed_by_period=by_period,
        )
    )
)
def test_year_to_date_is_fed_right_or_refused(run: PeriodRun) -> None:
    run_sequence(run)


def test_a_later_year_to_date_period_without_a_ledger_is_refused() -> None:
    run = _year_to_date(schedule=True, fed_by_period=False)
    expected = run_oracle(
        run.plan,
        run.credits,
        period=Q2,
        quotas=run.quotas[1],
        ledgers={},
        activities={},
        owners=("ana",),
    )
    results = run_library(
        run.plan,
        run.credits,
        period=Q2,
        quotas=run.quotas[1],
        ledgers={},
        activities={},
        owners=("ana",),
    )

    assert isinstance(expected, OracleError)
    assert expected.expected == "LedgerMissingError"
    compare(expected, results)


MONTHS_OF_Q1 = tuple(
    Quota("ana", Period.month(2026, m), Money(t, "EUR"))
    for m, t in ((1, "30000"), (2, "30000"), (3, "40000"))
)


@pytest.mark.parametrize(
    ("quotas", "total"),
    [
        # a schedule of months that tiles the quarter: 100,000 in all, so
        # 130,000 credited is 5 % × 100,000 + 8 % × 30,000 = 7,400.00
        (MONTHS_OF_Q1, Decimal("7400")),
        # a quota of another quarter is refused, not used
        ((Quota("ana", Q2, Money("100000", "EUR")),), None),
    ],
    ids=["monthly-schedule", "other-quarter"],
)
def test_a_period_statement_uses_the_quotas_that_tile_its_period(
    quotas: tuple[Quota, ...], total: Decimal | None
) -> None:
    plan = CommissionPlan(
        "q",
        "EUR",
        (
            Tiered(
                "commission",
                (Tier("0", "1", "0.05"), Tier("1", None, "0.08")),
                basis=Basis.ATTAINMENT,
            ),
        ),
    )
    scenario = Scenario(
        plan,
        Q1,
        (Credit("D-1", "C-1", "ana", Money("130000", "EUR"), FEB),),
        quotas,
        owners=("ana",),
    )
    expected = run_oracle(
        plan,
        scenario.credits,
        period=Q1,
        quotas=quotas,
        ledgers={},
        activities={},
        owners=("ana",),
    )
    if total is None:
        assert isinstance(expected, OracleError)
        assert expected.expected == "QuotaPeriodError"
    else:
        assert not isinstance(expected, OracleError)
        assert decimal_of(expected["ana"].total) == total

    check(scenario)


# --- found by the oracle, reported ------------------------------------------------


def test_a_non_recoverable_draw_pays_the_larger_of_earnings_and_draw() -> None:
    # 10 % of -500.00 = -50.00 earned; a non-recoverable draw of 100.00:
    # docs: pays max(-50.00, 100.00) = 100.00; the library pays 50.00
    plan = CommissionPlan(
        "draw",
        "EUR",
        (
            FlatRate("commission", "0.1"),
            Draw("draw", "non_recoverable", Money("100.00", "EUR")),
        ),
    )
    scenario = Scenario(
        plan,
        Q1,
        (Credit("D-1", "C-1", "ana", Money("-500.00", "EUR"), FEB),),
        owners=("ana",),
    )

    check(scenario, tolerate=())


def test_filtered_attainment_tiers_against_a_target_of_one() -> None:
    # quota 1 EUR; credits 3 EUR (vip) + 1 EUR: attainment 4; the vip basis
    # 3 EUR is shared out by attainment: 3 × 1/4 at 4 % + 3 × 3/4 at 12 %
    # = 0.03 + 0.27 (the library: 1 at 4 % + 2 at 12 % = 0.04 + 0.24)
    plan = CommissionPlan(
        "one",
        "EUR",
        (
            Tiered(
                "t",
                (Tier("0", "1", "0.04"), Tier("1", None, "0.12")),
                basis="attainment",
                where=CreditFilter(tiers="vip"),
            ),
        ),
    )
    scenario = Scenario(
        plan,
        Q1,
        (
            Credit("D-1", "C-1", "ana", Money("3", "EUR"), FEB, "vip"),
            Credit("D-2", "C-2", "ana", Money("1", "EUR"), FEB),
        ),
        (Quota("ana", Q1, Money("1", "EUR")),),
        owners=("ana",),
    )

    check(scenario, tolerate=())


def test_a_cap_line_is_rounded_like_every_line() -> None:
    # 10 % × 200.00 = 20.00, capped at 10.005: the line is -9.995 -> -10.00
    plan = CommissionPlan(
        "cap",
        "EUR",
        (FlatRate("commission", "0.1"), Cap("cap", Money("10.005", "EUR"))),
    )
    scenario = Scenario(
        plan,
        Q1,
        (Credit("D-1", "C-1", "ana", Money("200.00", "EUR"), FEB),),
        owners=("ana",),
    )

    check(scenario, tolerate=())


def test_calculate_for_one_owner_leaves_other_owners_credits_out() -> None:
    # docs: "Credits of other owners, or dated outside the window, are left out"
    plan = CommissionPlan(
        "p",
        "EUR",
        (Tiered("t", (Tier("0", None, "0.05"),), basis="attainment"),),
    )
    credits = [
        Credit("D-1", "C-1", "ana", Money("100", "EUR"), FEB),
        Credit("D-2", "C-2", "bob", Money("100", "EUR"), FEB),
    ]

    statement = plan.calculate(
        credits, period=Q1, quota=Quota("ana", Q1, Money("1000", "EUR")), owner="ana"
    )

    assert statement.total == Money("5.00", "EUR")


def test_explain_deals_does_not_change_whether_a_missing_quota_is_refused() -> None:
    # +100 and -100: a basis of 0, no quota. The default path refuses
    # (the tiers need attainment); explain_deals=False must refuse too.
    plan = CommissionPlan(
        "p",
        "EUR",
        (Tiered("t", (Tier("0", None, "0.05"),), basis="attainment"),),
    )
    credits = [
        Credit("D-1", "C-1", "ana", Money("100", "EUR"), FEB),
        Credit("D-2", "C-2", "ana", Money("-100", "EUR"), FEB),
    ]
    with pytest.raises(MissingQuotaError):
        calculate_team(plan, credits, period=Q1)

    with pytest.raises(MissingQuotaError):
        calculate_team(plan, credits, period=Q1, explain_deals=False)
