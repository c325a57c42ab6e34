"""The forecast and the pipeline metrics over real deals."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_FLOOR, Decimal

import pendulum
import pytest
from helpers import Q1, eur
from helpers import SALES as PIPELINE
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore.analytics import (
    category_message,
    forecast,
    pipeline_coverage,
    sales_velocity,
    slippage,
    stage_conversion,
    stale_deals,
    win_rate,
)
from accountcore.analytics.errors import AnalyticsInputError
from accountcore.errors import (
    CurrencyMismatchError,
    NaiveDatetimeError,
    UnknownKeyError,
)
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, ForecastCategory
from accountcore.testing.analytics import moved_deals

T0 = pendulum.datetime(2026, 1, 5, 9, tz="UTC")


def deal(
    id: str,
    amount: int | str,
    stage: str | None = None,
    *,
    owner: str = "anna",
    close: dt.date = dt.date(2026, 3, 15),
    days: int = 10,
) -> Deal:
    new = PIPELINE.new_deal(
        id,
        client_id="C-1",
        owner=owner,
        at=T0,
        by=owner,
        amount=eur(amount),
        expected_close=close,
        contact="Mari",
    )
    if stage is None:
        return new
    return PIPELINE.advance(new, stage, at=T0.add(days=days), by=owner, reason="test")


# --- forecast -----------------------------------------------------------------


def test_the_forecast_weights_each_open_deal_by_its_stage_probability() -> None:
    deals = [
        deal("D-1", "10000", "negotiation"),  # commit, 0.80
        deal("D-2", "4000", "objections"),  # best case, 0.60
        deal("D-3", "2500.50", "contact"),  # pipeline, 0.20
        deal("D-4", "7000", "contract_signed"),  # won on 15 January
        deal("D-5", "9000", "lost"),  # lost: not in the forecast
        deal("D-6", "5000", "negotiation", close=dt.date(2026, 4, 2)),  # Q2
    ]

    result = forecast(deals, period=Q1, currency="EUR")

    # weighted: 10,000 × 0.80 + 4,000 × 0.60 + 2,500.50 × 0.20
    #         = 8,000 + 2,400 + 500.10 = 10,900.10
    line = result.total
    assert line.weighted == eur("10900.10")
    assert line.open_total == eur("16500.50")  # 10,000 + 4,000 + 2,500.50
    assert (line.commit, line.best_case, line.pipeline) == (
        eur(10000),
        eur(4000),
        eur("2500.50"),
    )
    assert line.closed_won == eur(7000)
    assert line.commit_forecast == eur(17000)  # 7,000 won + 10,000 commit
    assert line.best_case_forecast == eur(21000)  # + 4,000 best case
    assert line.deals == 4


def test_split_deals_credit_each_owner_its_share() -> None:
    shared = deal("D-1", "1000", "negotiation").with_splits(
        {"anna": "0.6", "bert": "0.4"}, at=T0.add(days=11), by="anna"
    )

    result = forecast([shared], period=Q1, currency="EUR")

    # anna: 600 open, 600 × 0.80 = 480 weighted; bert: 400 and 320
    assert [(x.owner, x.open_total, x.weighted) for x in result.owners] == [
        ("anna", eur(600), eur(480)),
        ("bert", eur(400), eur(320)),
    ]
    assert result.total.weighted == eur(800)


def test_the_total_is_the_sum_of_the_rounded_owner_lines() -> None:
    deals = [
        deal("D-1", "0.05", "objections", owner="anna"),  # 0.05 × 0.60 = 0.03
        deal("D-2", "0.05", "objections", owner="bert"),  # 0.03
    ]

    result = forecast(deals, period=Q1, currency="EUR")

    # each owner rounds 0.030 to 0.03; the total is 0.06 (not round(0.06))
    assert result.total.weighted == eur("0.06")
    assert sum((x.weighted for x in result.owners), eur(0)) == result.total.weighted


def test_deals_without_a_close_date_or_an_amount_are_counted_not_forecast() -> None:
    undated = PIPELINE.new_deal("D-1", client_id="C", owner="anna", at=T0, by="anna")
    unpriced = PIPELINE.new_deal(
        "D-2",
        client_id="C",
        owner="anna",
        at=T0,
        by="anna",
        expected_close=dt.date(2026, 2, 1),
    )

    result = forecast([undated, unpriced], period=Q1, currency="EUR")

    assert (result.undated, result.unpriced, result.owners) == (1, 1, ())
    assert result.of("anna").weighted == eur("0.00")


def test_a_won_deal_counts_in_the_period_of_its_close_in_the_calendar_zone() -> None:
    new = deal("D-1", "500")
    won = PIPELINE.advance(
        new, "contract_signed", at=pendulum.datetime(2026, 3, 31, 22, tz="UTC"), by="a"
    )
    tokyo = FiscalCalendar(timezone="Asia/Tokyo")

    in_utc = forecast([won], period=Q1, currency="EUR")
    in_tokyo = forecast([won], period=Q1, currency="EUR", calendar=tokyo)

    # 22:00 UTC on 31 March is 07:00 on 1 April in Tokyo: the next quarter
    assert (in_utc.total.closed_won, in_tokyo.total.closed_won) == (
        eur(500),
        eur(0),
    )


def test_the_forecast_refuses_a_deal_in_another_currency() -> None:
    other = PIPELINE.new_deal(
        "D-9",
        client_id="C",
        owner="a",
        at=T0,
        by="a",
        amount=Money(5, "USD"),
        expected_close=dt.date(2026, 2, 1),
    )

    with pytest.raises(CurrencyMismatchError, match="5 USD"):
        forecast([other], period=Q1, currency="EUR")


def test_forecast_categories_have_names_in_six_languages() -> None:
    names = [category_message(ForecastCategory.COMMIT).render(x) for x in ("et", "lv")]

    assert names == ["Kindel", "Droši"]


@settings(max_examples=40)
@given(moved_deals(), st.integers(min_value=0, max_value=10**6))
def test_the_weighted_forecast_never_exceeds_the_open_pipeline_and_order_does_not_matter(
    deals: list[Deal], seed: int
) -> None:
    shuffled = list(deals)
    random.Random(seed).shuffle(shuffled)
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 7, 1))

    result = forecast(deals, period=period, currency="EUR")

    assert result == forecast(shuffled, period=period, currency="EUR")
    for line in (*result.owners, result.total):
        assert line.weighted <= line.open_total
        assert line.open_total == line.commit + line.best_case + line.pipeline
    for name in ("weighted", "open_total", "closed_won", "omitted"):
        total = sum((getattr(x, name) for x in result.owners), eur(0))
        assert getattr(result.total, name) == total


# --- win rate, conversion, cycle, velocity, coverage ---------------------------


def test_win_rate_by_count_and_by_value() -> None:
    deals = [
        deal("D-1", "6000", "contract_signed"),
        deal("D-2", "1000", "lost"),
        deal("D-3", "3000", "lost"),
        deal("D-4", "8000", "negotiation"),  # open: not counted
    ]

    rate = win_rate(deals, period=Q1, currency="EUR")

    # by count 1 of 3; by value 6,000 / 10,000 = 0.6
    assert (rate.won, rate.lost) == (1, 2)
    assert rate.by_count == Decimal(1) / 3
    assert rate.by_value == Decimal("0.6")


def test_a_period_with_nothing_closed_has_no_win_rate() -> None:
    rate = win_rate([deal("D-1", "10")], period=Q1, currency="EUR")

    assert (rate.by_count, rate.by_value) == (None, None)


def test_a_skipped_stage_counts_as_passed_in_the_conversion_funnel() -> None:
    deals = [
        deal("D-1", "1", "needs"),  # skipped preparation and contact
        deal("D-2", "1", "preparation"),
        deal("D-3", "1"),
        deal("D-4", "1", "contract_signed"),  # won: passed every open stage
    ]

    funnel = {
        (c.from_stage, c.to_stage): c
        for c in stage_conversion(deals, pipeline=PIPELINE)
    }

    # appointment 4 → preparation 3 (D-1, D-2, D-4): 75 %
    assert funnel["appointment", "preparation"].rate == Decimal("0.75")
    # negotiation 1 (D-4) → contract_signed 1: 100 %
    assert funnel["negotiation", "contract_signed"].rate == 1
    assert len(funnel) == 7  # seven open stages, then the first won stage


def test_sales_velocity_multiplies_its_four_factors() -> None:
    deals = [
        deal("W-1", "4000", "contract_signed", days=20),
        deal("W-2", "6000", "contract_signed", days=40),
        deal("L-1", "9000", "lost", days=10),
        deal("L-2", "9000", "lost", days=10),
        *[deal(f"O-{n}", "1000") for n in range(10)],
    ]

    velocity = sales_velocity(deals, period=Q1, currency="EUR")

    # 10 open × 5,000 average won × 0.5 win rate ÷ 30 days = 833.333… → 833.33
    assert velocity.per_day == eur("833.33")
    assert velocity.cycle_days == 30  # (20 + 40) / 2


def test_coverage_is_open_pipeline_over_the_quota_not_yet_won() -> None:
    deals = [
        deal("W", "40000", "contract_signed"),
        deal("O-1", "90000", "negotiation"),
        deal("O-2", "30000"),
    ]

    coverage = pipeline_coverage(deals, period=Q1, quota=eur(100000))

    # remaining 100,000 − 40,000 = 60,000; open 120,000 → 2.0
    assert coverage.ratio == 2
    met = pipeline_coverage(deals, period=Q1, quota=eur(40000))
    assert met.ratio is None


def test_stale_deals_exceed_their_stage_norm_most_overdue_first() -> None:
    deals = [
        deal("D-1", "1", "needs", days=1),  # in needs since 6 January
        deal("D-2", "1", "needs", days=20),  # since 25 January
        deal("D-3", "1", "presentation", days=1),  # no norm given
    ]

    found = stale_deals(
        deals, at=pendulum.datetime(2026, 2, 14, tz="UTC"), norms={"needs": 14}
    )

    # D-1: 6 Jan → 14 Feb = 39 days, 25 over; D-2: 25 Jan → 14 Feb = 20 days, 6 over
    assert [(s.deal_id, s.days_in_stage, s.days_over) for s in found] == [
        ("D-1", 39, 25),
        ("D-2", 20, 6),
    ]


def test_stale_deals_refuse_a_bad_norm_and_a_naive_moment() -> None:
    with pytest.raises(AnalyticsInputError, match=r"norms\['needs'\]=-1"):
        stale_deals([], at=T0, norms={"needs": -1})
    with pytest.raises(NaiveDatetimeError, match="2026-02-14"):
        stale_deals([], at=dt.datetime(2026, 2, 14), norms={})


def test_slippage_counts_only_pushes_to_a_later_date_within_the_period() -> None:
    d = deal("D-1", "1", close=dt.date(2026, 2, 1))
    d = d.with_expected_close(dt.date(2026, 2, 15), at=T0.add(days=20), by="a")  # +14
    d = d.with_expected_close(
        dt.date(2026, 2, 10), at=T0.add(days=25), by="a"
    )  # pulled in
    d = d.with_expected_close(dt.date(2026, 3, 31), at=T0.add(days=35), by="a")  # +49
    late = deal("D-2", "1", close=dt.date(2026, 3, 1)).with_expected_close(
        dt.date(2026, 5, 1), at=pendulum.datetime(2026, 4, 2, tz="UTC"), by="a"
    )  # pushed in Q2: not in this period

    result = slippage([late, d], period=Q1)

    # 1 Feb → 15 Feb: 14 days; 10 Feb → 31 Mar: 49 days; 63 in total
    assert (result.deals, result.pushes, result.total_days) == (1, 2, 63)
    assert result.average_days == Decimal("31.5")


@settings(max_examples=150)
@given(
    st.integers(min_value=0, max_value=10**9),
    st.lists(st.integers(min_value=1, max_value=50), min_size=2, max_size=5),
)
def test_the_forecast_shares_split_deals_exactly_as_money_allocate(
    cents: int, weights: list[int]
) -> None:
    from accountcore.analytics.forecast import _split
    from accountcore.pipeline import Split

    # shares that sum to exactly 1, as the pipeline guarantees: each rounded
    # down to 6 places so that 1 minus their sum is exact (28-digit shares
    # such as 2/96 would make the "1 - sum" share off by a few 1e-29)
    total = sum(weights)
    shares = [
        (Decimal(w) / total).quantize(Decimal("0.000001"), rounding=ROUND_FLOOR)
        for w in weights[:-1]
    ]
    shares.append(1 - sum(shares))
    assert sum(shares) == 1
    money = Money(Decimal(cents).scaleb(-2), "EUR")
    splits = tuple(Split(f"o{i}", share) for i, share in enumerate(shares))

    parts = _split(money.amount, "EUR", splits)

    assert [part for _, part in parts] == [m.amount for m in money.allocate(shares)]


def test_the_message_of_an_unknown_forecast_category_lists_the_known_ones():
    with pytest.raises(UnknownKeyError) as caught:
        category_message(None)

    assert str(caught.value) == (
        "Unknown forecast category None: expected one of 'best_case', 'closed', "
        "'commit', 'omitted', 'pipeline'."
    )
    assert isinstance(caught.value, KeyError)
