"""Credits carry their deal's type; components select by it (a lower rate
on renewals is the usual case)."""

from __future__ import annotations

import datetime as dt

import pytest

from accountcore.commissions import CommissionPlan, Credit, CreditFilter, credits_from
from accountcore.commissions.components import FlatRate
from accountcore.errors import InvalidChoiceError
from accountcore.periods import FiscalCalendar
from accountcore.pipeline import DealType
from tests.helpers import JAN, JAN_5, Q1, SALES, eur

TALLINN = FiscalCalendar(timezone="Europe/Tallinn")
DAY = dt.date(2026, 1, 20)


def test_credits_from_deals_carry_the_deal_type() -> None:
    deal = SALES.new_deal(
        "D-1", client_id="C-1", owner="ana", at=JAN_5, by="ana", deal_type="upsell"
    ).with_amount(eur("100.00"), at=JAN_5, by="ana")
    won = SALES.advance(
        deal, "contract_signed", at=JAN_5.add(days=1), by="ana", force=True, reason="x"
    )

    [credit] = credits_from([won], period=JAN, calendar=TALLINN)

    assert credit.deal_type is DealType.UPSELL


def test_a_lower_rate_on_renewals() -> None:
    plan = CommissionPlan(
        "renewals pay less",
        "EUR",
        (
            FlatRate(
                "new and expansion",
                "0.10",
                CreditFilter(deal_types=("new_business", "upsell", "cross_sell")),
            ),
            FlatRate("renewals", "0.04", CreditFilter(deal_types=DealType.RENEWAL)),
        ),
    )
    credits = [
        Credit("D-1", "C-1", "ana", eur("20000.00"), DAY),
        Credit("D-2", "C-2", "ana", eur("5000.00"), DAY, deal_type="cross_sell"),
        Credit("D-3", "C-3", "ana", eur("12000.00"), DAY, deal_type="renewal"),
        # a repeat order: in neither component
        Credit("D-4", "C-1", "ana", eur("800.00"), DAY, deal_type="repeat_order"),
    ]

    statement = plan.calculate(credits, period=Q1, owner="ana")

    # (20 000.00 + 5 000.00) × 10 % = 2 500.00; 12 000.00 × 4 % = 480.00
    assert statement.total == eur("2980.00")


def test_the_filter_describes_and_matches_deal_types() -> None:
    where = CreditFilter(deal_types=["renewal", DealType.UPSELL])
    renewal = Credit("D-1", "C-1", "ana", eur("1"), DAY, deal_type="renewal")
    new = Credit("D-2", "C-1", "ana", eur("1"), DAY)

    assert where.deal_types == ("renewal", "upsell")
    assert (where.matches(renewal), where.matches(new)) == (True, False)
    assert not where.is_everything
    assert where.describe() == "deal type renewal/upsell"


def test_an_unknown_deal_type_in_a_filter_or_credit_is_refused_naming_it() -> None:
    with pytest.raises(InvalidChoiceError) as in_filter:
        CreditFilter(deal_types="resale")
    with pytest.raises(InvalidChoiceError) as in_credit:
        Credit("D-1", "C-1", "ana", eur("1"), DAY, deal_type="resale")

    assert "'resale'" in str(in_filter.value)
    assert "'renewal'" in str(in_filter.value)
    assert "'resale'" in str(in_credit.value)
