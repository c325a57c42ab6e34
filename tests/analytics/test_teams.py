"""Team roll-ups up the hierarchy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum

from accountcore.analytics import ForecastCall, forecast, roll_up
from accountcore.commissions import CommissionPlan, Credit, FlatRate
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import Pipeline
from accountcore.quotas import Quota
from accountcore.relationship import Hierarchy, ReportingLine

Q1 = Period.quarter(2026, 1)
DAY = dt.date(2026, 1, 1)
HIERARCHY = Hierarchy(
    [
        ReportingLine("mia", "vera", DAY),
        ReportingLine("ana", "mia", DAY),
        ReportingLine("bob", "mia", DAY),
    ]
)


def test_results_and_attainment_roll_up_to_every_level() -> None:
    plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
    credits = [
        Credit("D-1", "C-1", "ana", Money("120000", "EUR"), dt.date(2026, 2, 1)),
        Credit("D-2", "C-2", "bob", Money("80000", "EUR"), dt.date(2026, 2, 1)),
        Credit("D-3", "C-3", "mia", Money("10000", "EUR"), dt.date(2026, 2, 1)),
    ]
    statements = [
        plan.calculate(credits, period=Q1, owner=o) for o in ("ana", "bob", "mia")
    ]
    quotas = [
        Quota("ana", Q1, Money("100000", "EUR")),
        Quota("bob", Q1, Money("100000", "EUR")),
        Quota("mia", Q1, Money("50000", "EUR")),
    ]

    mia = roll_up(
        "mia",
        HIERARCHY,
        period=Q1,
        currency="EUR",
        statements=statements,
        quotas=quotas,
    )
    vera = roll_up(
        "vera",
        HIERARCHY,
        period=Q1,
        currency="EUR",
        statements=statements,
        quotas=quotas,
    )

    # 120,000 + 80,000 + 10,000 = 210,000 over 250,000 = 0.84 (vera has no quota)
    assert mia.credited == vera.credited == Money("210000", "EUR")
    assert mia.target == Money("250000", "EUR")
    assert mia.attainment == Decimal("0.84")
    assert vera.members == ("ana", "bob", "mia", "vera")


def test_the_managers_call_is_kept_beside_the_reps_forecast() -> None:
    p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    deals = [
        p.advance(
            p.new_deal(
                f"D-{n}",
                client_id="C-1",
                owner=owner,
                at=t0,
                by=owner,
                amount=Money(amount, "EUR"),
                expected_close=dt.date(2026, 3, 2),
            ),
            "negotiation",
            at=t0.add(days=1),
            by=owner,
        )
        for n, (owner, amount) in enumerate(
            [("ana", 10_000), ("bob", 30_000), ("zoe", 99_000)], 1
        )
    ]
    result = forecast(deals, period=Q1, currency="EUR")
    early = ForecastCall(
        "mia", Q1, Money("50000", "EUR"), "first call", dt.date(2026, 1, 10)
    )
    late = ForecastCall(
        "mia", Q1, Money("35000", "EUR"), "bob's deal slips", dt.date(2026, 2, 10)
    )

    team = roll_up(
        "mia",
        HIERARCHY,
        period=Q1,
        currency="EUR",
        forecast=result,
        calls=[late, early],
    )

    # the reps: 10,000 + 30,000 weighted at 0.80 = 32,000; commit 40,000 (zoe is not in the team)
    assert team.forecast.weighted == Money("32000.00", "EUR")
    assert team.forecast.commit_forecast == Money("40000.00", "EUR")
    assert team.call == late
    assert team.call_gap == Money("-5000.00", "EUR")  # 35,000 − 40,000
