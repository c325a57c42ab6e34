"""An account plan's contracted-value objective measured from Contract
objects: their contracted revenue from the plan's first day to the due
date, as contracted_revenue counts it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from accountcore.account_plans import (
    AccountPlan,
    AccountPlanError,
    Objective,
    ObjectiveState,
    plan_progress,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import BillingPeriod, Contract, contracted_revenue

DUE = dt.date(2026, 12, 31)
PLAN = AccountPlan(
    "AP-1",
    "C-1",
    "anna",
    Period.year(2026),
    objectives=[
        Objective("O-1", "Contract 30k", "contracted", Money("30000", "EUR"), DUE),
        Objective("O-2", "Three deals", "deals_won", 3, DUE),
    ],
)
YEARLY = Contract(
    "K-1",
    "C-1",
    "anna",
    dt.date(2026, 1, 1),
    dt.date(2026, 12, 31),
    Money("12000.00", "EUR"),
    per=BillingPeriod.YEAR,
)
MONTHLY = Contract(
    "K-2",
    "C-1",
    "anna",
    dt.date(2026, 2, 15),
    dt.date(2027, 2, 14),
    Money("450.00", "EUR"),
)
OTHER = Contract(
    "K-9",
    "C-2",
    "anna",
    dt.date(2026, 1, 1),
    dt.date(2026, 12, 31),
    Money("999.00", "EUR"),
)


def test_contracted_value_is_the_contracts_revenue_to_the_due_date() -> None:
    status = plan_progress(
        PLAN, on=dt.date(2026, 6, 30), contracts=[YEARLY, MONTHLY, OTHER]
    )
    row = status.objectives[0]
    # K-1: 12 × 1000.00 = 12000.00; K-2: February 450.00 × 14 / 28 = 225.00,
    # March to December 10 × 450.00 = 4500.00; C-2's K-9 left out:
    # 12000.00 + 225.00 + 4500.00 = 16725.00 of 30000: 0.5575;
    # 1 January to 30 June is 181 of 365 days: 0.4959 expected, on track
    assert row.actual == Money("16725.00", "EUR")
    assert row.share == Decimal("0.5575")
    assert row.expected == Decimal("0.4959")
    assert row.state is ObjectiveState.ON_TRACK


def test_it_agrees_with_contracted_revenue() -> None:
    row = plan_progress(
        PLAN, on=dt.date(2026, 6, 30), contracts=[YEARLY, MONTHLY]
    ).objectives[0]
    assert {"anna": row.actual} == contracted_revenue(
        [YEARLY, MONTHLY], Period.year(2026)
    )


def test_no_contract_of_the_client_is_zero_not_unknown() -> None:
    row = plan_progress(PLAN, on=dt.date(2026, 6, 30), contracts=[OTHER]).objectives[0]
    assert row.actual == Money("0.00", "EUR")
    assert row.state is ObjectiveState.BEHIND


def test_the_other_measures_are_unchanged_by_contracts() -> None:
    with_contracts = plan_progress(PLAN, on=dt.date(2026, 6, 30), contracts=[YEARLY])
    without = plan_progress(PLAN, on=dt.date(2026, 6, 30))
    assert with_contracts.objectives[1] == without.objectives[1]
    assert without.objectives[0].state is ObjectiveState.UNKNOWN


def test_the_plain_value_still_works() -> None:
    row = plan_progress(
        PLAN, on=dt.date(2026, 6, 30), contracted=Money("30000.00", "EUR")
    ).objectives[0]
    assert row.state is ObjectiveState.ACHIEVED


def test_the_value_and_the_contracts_together_are_refused() -> None:
    with pytest.raises(AccountPlanError) as caught:
        plan_progress(
            PLAN,
            on=dt.date(2026, 6, 30),
            contracted=Money("100.00", "EUR"),
            contracts=[YEARLY],
        )
    assert "100.00" in str(caught.value)
    assert "not both" in str(caught.value)


def test_contracts_in_another_currency_than_the_target_are_refused() -> None:
    usd = Contract(
        "K-5",
        "C-1",
        "anna",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        Money("10", "USD"),
    )
    with pytest.raises(AccountPlanError) as caught:
        plan_progress(PLAN, on=dt.date(2026, 6, 30), contracts=[usd])
    assert "USD" in str(caught.value)
    assert "EUR" in str(caught.value)
