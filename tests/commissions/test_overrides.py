"""Manager override pay on the team's statements."""

from __future__ import annotations

import datetime as dt

import pytest

from accountcore.commissions import (
    CommissionPlan,
    Credit,
    FlatRate,
    Override,
    OverrideOf,
)
from accountcore.commissions.errors import PlanDefinitionError
from accountcore.errors import CurrencyMismatchError
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.relationship import Hierarchy, ReportingLine

Q1 = Period.quarter(2026, 1)
DAY = dt.date(2026, 1, 1)
PLAN = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
HIERARCHY = Hierarchy(
    [
        ReportingLine("mia", "vera", DAY),
        ReportingLine("ana", "mia", DAY),
        ReportingLine("bob", "mia", DAY),
        ReportingLine(
            "bob", "vera", dt.date(2026, 3, 15)
        ),  # moves before the quarter ends
    ]
)


def team_statements():  # type: ignore[no-untyped-def]
    credits = [
        Credit("D-1", "C-1", "ana", Money("120000", "EUR"), dt.date(2026, 2, 1)),
        Credit("D-2", "C-2", "bob", Money("80000", "EUR"), dt.date(2026, 2, 1)),
        Credit("D-3", "C-3", "mia", Money("10000", "EUR"), dt.date(2026, 2, 1)),
    ]
    return [PLAN.calculate(credits, period=Q1, owner=o) for o in ("ana", "bob", "mia")]


def test_override_on_commission_is_a_share_of_what_the_team_earned() -> None:
    # on 31 March mia's team is ana alone (bob moved to vera):
    # ana earned 5 % of 120,000 = 6,000.00; 10 % of it = 600.00
    line = Override("override", "0.10", OverrideOf.COMMISSION).line(
        "mia", HIERARCHY, team_statements()
    )

    assert line.amount == Money("600.00", "EUR")
    assert line.basis == Money("6000.00", "EUR").amount


def test_override_on_credit_counts_every_level_below() -> None:
    # vera's team on 31 March: mia, ana, bob: 10,000 + 120,000 + 80,000 =
    # 210,000 credited; 0.5 % = 1,050.00
    line = Override("override", "0.005", "credit").line(
        "vera", HIERARCHY, team_statements()
    )

    assert line.amount == Money("1050.00", "EUR")
    assert line.describe("en_US") == "0.5% of €210,000.00 credited to the team"


def test_override_on_the_first_level_only() -> None:
    # vera's direct reports on 31 March: mia (10,000) and bob (80,000); 1 % = 900.00
    line = Override("override", "0.01", "credit", levels=1).line(
        "vera", HIERARCHY, team_statements()
    )

    assert line.amount == Money("900.00", "EUR")


def test_a_rate_above_one_is_refused() -> None:
    with pytest.raises(
        PlanDefinitionError, match=r"rate must be between 0 and 1, got 1\.5"
    ):
        Override("o", "1.5")


def test_statements_in_two_currencies_are_refused() -> None:
    usd = CommissionPlan("usd", "USD", (FlatRate("commission", "0.05"),))
    other = usd.calculate(
        [Credit("D-9", "C-9", "bob", Money("1", "USD"), dt.date(2026, 2, 1))], period=Q1
    )

    with pytest.raises(CurrencyMismatchError, match="USD"):
        Override("o", "0.1").line(
            "mia",
            Hierarchy(
                [ReportingLine("ana", "mia", DAY), ReportingLine("bob", "mia", DAY)]
            ),
            [*team_statements()[:1], other],
        )
