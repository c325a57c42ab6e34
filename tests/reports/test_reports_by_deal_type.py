"""The quarterly results and the annual forecast break down by deal type,
the types adding up to the report's totals."""

from __future__ import annotations

import datetime as dt

from accountcore.pipeline import Deal
from accountcore.quotas import Quota
from accountcore.reports import AnnualForecast, QuarterlyResults
from tests.helpers import JAN_5, Q1, SALES, eur


def won(id: str, amount: str, deal_type: str, owner: str = "anna") -> Deal:
    deal = SALES.new_deal(
        id, client_id="C-1", owner=owner, at=JAN_5, by=owner, amount=eur(amount),
        deal_type=deal_type,
    )  # fmt: skip
    return SALES.advance(
        deal, "contract_signed", at=JAN_5.add(days=10), by=owner, force=True,
        reason="signed",
    )  # fmt: skip


def open_deal(id: str, amount: str, deal_type: str, close: dt.date) -> Deal:
    deal = SALES.new_deal(
        id, client_id="C-1", owner="bert", at=JAN_5, by="bert", amount=eur(amount),
        deal_type=deal_type, expected_close=close, contact="Mari",
    )  # fmt: skip
    return SALES.advance(deal, "negotiation", at=JAN_5.add(days=1), by="bert")


DEALS = [
    won("D-1", "20000.00", "new_business"),
    won("D-2", "6000.00", "renewal"),
    won("D-3", "1500.00", "repeat_order", owner="bert"),
    won("D-4", "2500.00", "repeat_order", owner="bert"),
    open_deal("D-5", "10000.00", "upsell", dt.date(2026, 3, 20)),  # 0.80 in Q1
    open_deal("D-6", "5000.00", "renewal", dt.date(2026, 8, 31)),  # 0.80 in Q3
]


def test_the_quarter_per_deal_type_adds_up_to_the_teams_won_revenue() -> None:
    results = QuarterlyResults.of(
        DEALS, [Quota("anna", Q1, eur("30000"))], [], period=Q1, currency="EUR"
    )
    by_type = results.by_deal_type
    assert by_type is not None
    # won: new business 20,000; renewal 6,000; repeat orders 1,500 + 2,500 = 4,000
    assert by_type.of("new_business").closed_won == eur("20000.00")
    assert by_type.of("renewal").closed_won == eur("6000.00")
    assert by_type.of("repeat_order").closed_won == eur("4000.00")
    # upsell open in Q1: weighted 10,000 × 0.80 = 8,000
    assert by_type.of("upsell").weighted == eur("8000.00")
    # 20,000 + 6,000 + 4,000 = 30,000, the team's won revenue
    assert by_type.total.closed_won == results.total.won == eur("30000.00")

    text = results.render("en_US").splitlines()
    assert text[text.index("By deal type") + 2].split() == [
        "Deal", "type", "Won", "Weighted", "pipeline", "Open", "pipeline",
    ]  # fmt: skip
    assert "  Repeat order   €4,000.00              €0.00          €0.00" in text


def test_the_year_per_deal_type_adds_up_to_the_years_total() -> None:
    year = AnnualForecast.of(DEALS, fiscal_year=2026, currency="EUR")
    by_type = year.by_deal_type
    assert by_type is not None
    # renewal: won 6,000 in Q1, open 5,000 × 0.80 = 4,000 weighted in Q3
    assert by_type.of("renewal").closed_won == eur("6000.00")
    assert by_type.of("renewal").weighted == eur("4000.00")
    assert by_type.total == year.year.total
    # weighted: upsell 8,000 + renewal 4,000 = 12,000
    assert year.year.total.weighted == eur("12000.00")

    text = year.render("ro_RO", "markdown")
    assert "## Pe tip de tranzacție" in text
    assert "| Reînnoire de contract | 6.000,00\xa0EUR |" in text
