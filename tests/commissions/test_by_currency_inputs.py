"""One statement per currency (issue 21, point 16) takes what a team
calculation takes: ``activities`` and ``rates`` reach
:func:`calculate_by_currency`, and a plan paying in each sale's currency is
refused by ``calculate`` under its own name."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from helpers import JAN, eur

from accountcore.commissions import (
    ClientServedBonus,
    CommissionPlan,
    Context,
    Credit,
    FlatRate,
    LineKind,
    ServiceRecord,
    StatementLine,
    calculate_by_currency,
)
from accountcore.commissions.errors import SaleCurrencyPlanError
from accountcore.errors import AccountcoreError
from accountcore.money import ExchangeRate, FixedRates, Money

DAY = datetime.date(2026, 1, 12)
SALES = [
    Credit("D-1", "C-1", "ana", eur("1000.00"), DAY),
    Credit("D-2", "C-2", "ana", Money("500.00", "USD"), DAY),
]
PER_SALE = CommissionPlan("AM", "EUR", (FlatRate("commission", "0.1"),), pay_in="sale")


@attrs.frozen
class PerServed:
    """A component of the user's own: ``rate`` of the basis per client
    served (no money amount of its own, so a sale-currency plan takes it)."""

    name: str
    rate: Decimal

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        served = len(context.activity.clients_served)
        pay = context.amount * self.rate * served
        return [
            StatementLine(self.name, LineKind.PERIODIC, "served", context.money(pay))
        ]


def test_calculate_refuses_a_sale_currency_plan_naming_calculate():
    with pytest.raises(SaleCurrencyPlanError) as info:
        PER_SALE.calculate(SALES, period=JAN, owner="ana")

    message = str(info.value)
    assert message.startswith(
        "Plan 'AM' pays in each sale's currency: calculate cannot be used"
    )
    assert "calculate_team" not in message
    assert "calculate_by_currency" in message
    assert info.value.what == "calculate"


def test_an_owners_activity_reaches_each_currency_the_owner_sells_in():
    plan = CommissionPlan(
        "AM", "EUR", (PerServed("served", Decimal("0.01")),), pay_in="sale"
    )
    served = ServiceRecord(clients_served=("C-1", "C-2", "C-3"))

    out = calculate_by_currency(
        plan, SALES, period=JAN, activities={"ana": served, "bob": served}
    )

    # 1,000.00 EUR × 1 % × 3 clients = 30.00 EUR; 500.00 USD × 1 % × 3 = 15.00 USD;
    # bob sells nothing: one statement in the plan's currency, 0 × 1 % × 3 = 0
    assert {key: str(s.total) for key, s in out.items()} == {
        ("ana", "EUR"): "30.00 EUR",
        ("ana", "USD"): "15.00 USD",
        ("bob", "EUR"): "0.00 EUR",
    }


def test_an_owner_with_only_an_activity_gets_the_plans_currency():
    plan = CommissionPlan(
        "AM", "EUR", (PerServed("served", Decimal("0.01")),), pay_in="sale"
    )
    usd_only = [SALES[1]]

    out = calculate_by_currency(
        plan, usd_only, period=JAN, activities={"bob": ServiceRecord()}, owners=["cy"]
    )

    # ana: 500.00 USD × 1 % × 0 clients; bob (an activity) and cy (named): EUR
    assert sorted(out) == [("ana", "USD"), ("bob", "EUR"), ("cy", "EUR")]


def test_a_plan_in_its_own_currency_takes_activities_and_rates():
    plan = CommissionPlan(
        "AM",
        "EUR",
        (FlatRate("commission", "0.1"), ClientServedBonus("service", eur("20.00"))),
    )
    rates = FixedRates([ExchangeRate("USD", "EUR", datetime.date(2026, 1, 1), "0.9")])
    served = ServiceRecord(clients_served=("C-1", "C-2"))

    out = calculate_by_currency(
        plan, SALES, period=JAN, activities={"ana": served}, rates=rates
    )

    # (1,000.00 + 500.00 USD × 0.9 = 450.00) × 10 % = 145.00; 2 clients × 20.00
    assert out["ana", "EUR"].total == eur("185.00")
    assert list(out) == [("ana", "EUR")]


def test_rates_reach_a_sale_currency_calculation_though_nothing_is_converted():
    rates = FixedRates([ExchangeRate("USD", "EUR", datetime.date(2026, 1, 1), "0.9")])

    out = calculate_by_currency(PER_SALE, SALES, period=JAN, rates=rates)

    # 1,000.00 × 10 %; 500.00 USD × 10 %, in USD
    assert {key: str(s.total) for key, s in out.items()} == {
        ("ana", "EUR"): "100.00 EUR",
        ("ana", "USD"): "50.00 USD",
    }


@pytest.mark.parametrize(
    ("activities", "shown"),
    [(["ana"], "['ana']"), ({"ana": "busy"}, "'busy'")],
    ids=["not a mapping", "not a record"],
)
def test_bad_activities_are_refused_naming_the_value(activities, shown):
    with pytest.raises(AccountcoreError) as info:
        calculate_by_currency(PER_SALE, SALES, period=JAN, activities=activities)

    assert isinstance(info.value, TypeError)
    assert "activities" in str(info.value)
    assert shown in str(info.value)
