"""The forecast by deal type: each type's figures, and the types adding up
to the whole forecast to the cent."""

from __future__ import annotations

import datetime as dt

import pytest

from accountcore.analytics import forecast, forecast_by_deal_type
from accountcore.errors import ArgumentTypeError
from accountcore.pipeline import Deal, DealType
from tests.helpers import JAN_5, Q1, SALES, eur


def open_deal(
    id: str,
    amount: str,
    deal_type: str,
    stage: str = "presentation",
    splits: dict[str, str] | None = None,
) -> Deal:
    deal = SALES.new_deal(
        id, client_id="C-1", owner="anna", at=JAN_5, by="anna", amount=eur(amount),
        expected_close=dt.date(2026, 3, 20), deal_type=deal_type, contact="Mari",
    )  # fmt: skip
    if splits:
        deal = deal.with_splits(splits, at=JAN_5, by="anna")
    return SALES.advance(deal, stage, at=JAN_5.add(days=1), by="anna")


def won_deal(id: str, amount: str, deal_type: str) -> Deal:
    deal = SALES.new_deal(
        id, client_id="C-1", owner="bert", at=JAN_5, by="bert", amount=eur(amount),
        deal_type=deal_type,
    )  # fmt: skip
    return SALES.advance(
        deal, "contract_signed", at=JAN_5.add(days=9), by="bert", force=True,
        reason="signed",
    )  # fmt: skip


def test_each_type_has_the_forecast_of_its_own_deals() -> None:
    deals = [
        open_deal("D-1", "10000.00", "new_business", "negotiation"),  # commit 0.80
        open_deal("D-2", "5000.00", "upsell"),  # best case 0.45
        won_deal("D-3", "3000.00", "repeat_order"),
        won_deal("D-4", "2000.00", "repeat_order"),
    ]
    result = forecast_by_deal_type(deals, period=Q1, currency="EUR")
    # new business: weighted 10,000 × 0.80 = 8,000; commit 10,000
    assert result.of("new_business").weighted == eur("8000.00")
    assert result.of(DealType.NEW_BUSINESS).commit == eur("10000.00")
    # upsell: weighted 5,000 × 0.45 = 2,250; best case 5,000
    assert result.of("upsell").weighted == eur("2250.00")
    assert result.of("upsell").best_case == eur("5000.00")
    # repeat orders: won 3,000 + 2,000 = 5,000, two deals
    assert result.of("repeat_order").closed_won == eur("5000.00")
    assert result.of("repeat_order").deals == 2
    assert result.of("renewal").deals == 0
    assert result.of("renewal").open_total == eur("0.00")
    assert [row.deal_type for row in result.lines] == list(DealType)
    assert result.total == forecast(deals, period=Q1, currency="EUR").total


def test_rounding_differences_go_to_the_largest_type_so_the_types_add_up() -> None:
    deals = [
        open_deal("D-1", "10.01", "new_business"),  # 10.01 × 0.45 = 4.5045 -> 4.50
        open_deal("D-2", "20.01", "renewal"),  # 20.01 × 0.45 = 9.0045 -> 9.00
    ]
    result = forecast_by_deal_type(deals, period=Q1, currency="EUR")
    # whole: 4.5045 + 9.0045 = 13.509 -> 13.51; the types give 13.50, so the
    # cent goes to the renewal (the larger): 9.01
    assert result.total.weighted == eur("13.51")
    assert result.of("new_business").weighted == eur("4.50")
    assert result.of("renewal").weighted == eur("9.01")


def test_the_types_add_up_to_the_whole_for_every_figure() -> None:
    deals = [
        open_deal("D-1", "100.005", "new_business"),
        open_deal("D-2", "100.005", "cross_sell", "needs"),
        open_deal("D-3", "33.333", "renewal", "negotiation",
                  splits={"anna": "0.5", "cara": "0.5"}),
        won_deal("D-4", "0.015", "renewal"),
        won_deal("D-5", "0.015", "repeat_order"),
    ]  # fmt: skip
    result = forecast_by_deal_type(deals, period=Q1, currency="EUR")
    for name in ("open_total", "weighted", "commit", "best_case", "pipeline",
                 "closed_won", "omitted"):  # fmt: skip
        parts = [getattr(row.line, name) for row in result.lines]
        assert sum(parts[1:], parts[0]) == getattr(result.total, name), name
    for row in result.lines:
        line = row.line
        assert line.open_total == line.commit + line.best_case + line.pipeline


def test_a_type_is_shown_through_the_catalog() -> None:
    result = forecast_by_deal_type([], period=Q1, currency="EUR")
    assert [row.label.render("en") for row in result.lines] == [
        "New business", "Upsell", "Cross-sell", "Renewal", "Repeat order",
    ]  # fmt: skip


def test_deals_of_another_kind_are_refused_by_name() -> None:
    with pytest.raises(ArgumentTypeError, match="deals"):
        forecast_by_deal_type(["D-1"], period=Q1, currency="EUR")  # type: ignore[list-item]
