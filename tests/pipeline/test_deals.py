"""Deals: plain data with their history; probability, splits, time travel."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from helpers import SALES, T0
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import Deal, ForecastCategory, Money, Split
from accountcore.pipeline import AmountChange, CloseDateChange, ProbabilitySource
from accountcore.pipeline.errors import DealChangeError
from accountcore.testing.pipeline import shares


def new_deal() -> Deal:
    return SALES.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")


def test_probability_is_the_override_else_the_automated_value_else_the_stage():
    deal = new_deal()  # appointment: stage default 0.05

    automated = deal.automate_probability("0.12", at=T0, by="model")
    overridden = automated.override_probability("0.30", at=T0, by="anna")
    cleared = overridden.override_probability(None, at=T0, by="anna")

    assert deal.probability == Decimal("0.05")
    assert automated.probability == Decimal("0.12")
    assert overridden.probability == Decimal("0.30")
    assert overridden.probability_automated == Decimal("0.12")  # kept apart
    assert cleared.probability == Decimal("0.12")
    assert [e.source for e in cleared.history[1:]] == [
        ProbabilitySource.AUTOMATED,
        ProbabilitySource.OVERRIDE,
        ProbabilitySource.OVERRIDE,
    ]


def test_won_and_lost_deals_have_probability_one_and_zero_whatever_the_override():
    deal = new_deal().override_probability("0.5", at=T0, by="anna")
    deal = deal.automate_probability("0.4", at=T0, by="model")

    lost = SALES.advance(deal, "lost", at=T0, by="anna", reason="rival")

    assert lost.probability == 0
    assert lost.forecast_category is ForecastCategory.OMITTED


def test_a_stage_change_clears_the_overrides_but_keeps_the_automated_value():
    deal = new_deal().override_probability("0.5", at=T0, by="anna")
    deal = deal.override_forecast(ForecastCategory.COMMIT, at=T0, by="anna")
    deal = deal.automate_probability("0.2", at=T0, by="model")

    moved = SALES.advance(deal, "needs", at=T0.add(days=1), by="anna")

    assert moved.probability_override is None
    assert moved.forecast_override is None
    assert moved.probability == Decimal("0.2")
    assert moved.forecast_category is ForecastCategory.PIPELINE


def test_close_date_changes_are_kept_for_slippage():
    deal = new_deal()

    deal = deal.with_expected_close(dt.date(2026, 3, 31), at=T0, by="anna")
    deal = deal.with_expected_close(dt.date(2026, 4, 30), at=T0.add(days=20), by="anna")

    slips = [e for e in deal.history if isinstance(e, CloseDateChange)]
    assert [(e.before, e.after) for e in slips] == [
        (None, dt.date(2026, 3, 31)),
        (dt.date(2026, 3, 31), dt.date(2026, 4, 30)),
    ]


def test_setting_the_same_value_again_records_nothing():
    deal = new_deal().with_amount(Money("10.00", "EUR"), at=T0, by="anna")

    again = deal.with_amount(Money("10.00", "EUR"), at=T0, by="anna")

    assert again is deal


def test_a_change_cannot_be_earlier_than_the_last_event():
    deal = new_deal()

    with pytest.raises(DealChangeError, match="is earlier than the deal's last change"):
        deal.with_amount(Money("1", "EUR"), at=T0.subtract(minutes=1), by="anna")


def test_splits_are_sorted_by_owner_and_must_sum_to_exactly_one():
    deal = new_deal()

    split = deal.with_splits({"carla": "0.25", "anna": "0.75"}, at=T0, by="lead")

    assert split.splits == (
        Split("anna", Decimal("0.75")),
        Split("carla", Decimal("0.25")),
    )
    with pytest.raises(DealChangeError, match=r"shares sum to 1\.1, not 1"):
        deal.with_splits({"anna": "0.6", "boris": "0.5"}, at=T0, by="lead")
    with pytest.raises(DealChangeError, match=r"share 0 of 'boris' is not in \(0, 1\]"):
        deal.with_splits({"anna": "1", "boris": "0"}, at=T0, by="lead")
    with pytest.raises(DealChangeError, match="not float"):
        deal.with_splits({"anna": 1.0}, at=T0, by="lead")  # type: ignore[dict-item]
    with pytest.raises(DealChangeError, match="at least one owner is needed"):
        deal.with_splits({}, at=T0, by="lead")


@settings(max_examples=100)
@given(st.integers(min_value=1, max_value=6).flatmap(shares))
def test_any_shares_summing_to_one_are_accepted_as_splits(parts):
    deal = new_deal()
    owners = {f"am{i}": share for i, share in enumerate(parts)}

    split = deal.with_splits(owners, at=T0, by="lead")

    assert sum(s.share for s in split.splits) == 1


def test_reassigning_moves_the_whole_credit_only_when_one_owner_held_it():
    deal = new_deal()
    shared = deal.with_splits({"anna": "0.5", "boris": "0.5"}, at=T0, by="lead")

    moved = deal.reassign("carla", at=T0, by="lead")
    moved_shared = shared.reassign("carla", at=T0, by="lead")

    assert moved.splits == (Split("carla", Decimal(1)),)
    assert moved_shared.splits == shared.splits


def test_probability_and_forecast_overrides_are_checked():
    deal = new_deal()

    with pytest.raises(
        DealChangeError, match=r"cannot change automated probability to 0\.5"
    ):
        deal.automate_probability(0.5, at=T0, by="model")  # type: ignore[arg-type]
    with pytest.raises(DealChangeError, match=r"'-0\.1'"):
        deal.override_probability("-0.1", at=T0, by="anna")
    won = SALES.advance(
        deal, "contract_signed", at=T0, by="boss", force=True, reason="fair"
    )
    with pytest.raises(DealChangeError, match="the deal is won"):
        won.override_forecast(ForecastCategory.COMMIT, at=T0, by="anna")


def test_a_contact_and_an_amount_must_have_the_right_shape():
    deal = new_deal()

    with pytest.raises(DealChangeError, match="cannot change contact to ' '"):
        deal.with_contact(" ", at=T0, by="anna")
    with pytest.raises(DealChangeError, match="cannot change amount to '10'"):
        deal.with_amount("10", at=T0, by="anna")  # type: ignore[arg-type]
    with pytest.raises(DealChangeError, match="cannot change owner to ''"):
        deal.reassign("", at=T0, by="lead")


def test_as_of_rebuilds_every_field_as_it_stood():
    deal = new_deal()
    deal = deal.with_amount(Money("100.00", "EUR"), at=T0.add(hours=1), by="anna")
    deal = SALES.advance(deal, "needs", at=T0.add(hours=2), by="anna")
    deal = deal.with_amount(Money("150.00", "EUR"), at=T0.add(hours=3), by="anna")

    then = deal.as_of(T0.add(hours=2, minutes=30))

    assert (then.stage, then.amount) == ("needs", Money("100.00", "EUR"))
    assert attrs.astuple(deal.as_of(T0), recurse=False) == attrs.astuple(
        new_deal(), recurse=False
    )
    assert isinstance(deal.history[-1], AmountChange)
    assert deal.as_of(T0.add(days=9)) is deal


def test_as_of_before_the_deal_existed_is_refused():
    with pytest.raises(
        DealChangeError, match="the deal was created at 2026-03-02T09:00:00"
    ):
        new_deal().as_of(T0.subtract(seconds=1))


def test_deals_compare_by_id():
    deal = new_deal()

    moved = SALES.advance(deal, "needs", at=T0, by="anna")

    assert deal == moved
    assert {deal, moved} == {deal}
    assert deal != SALES.new_deal(
        "D-2", client_id="C-1", owner="anna", at=T0, by="anna"
    )
