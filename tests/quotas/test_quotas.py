"""Quotas: targets, ramps, proration, relief, distribution, attainment, review."""

import datetime
from decimal import Decimal

import pytest
from helpers import Q1, eur
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import (
    Measure,
    Money,
    Period,
    Quota,
    QuotaReview,
    RampSchedule,
    attainment,
)
from accountcore.errors import ArgumentTypeError
from accountcore.quotas import ReviewPolicy, Standing, distribute
from accountcore.quotas.errors import QuotaDefinitionError


def test_attainment_is_achieved_over_target_with_what_remains():
    quota = Quota("ana", Q1, eur("100000"))

    result = attainment(quota, eur("75000"))

    assert result.ratio == Decimal("0.75")
    assert result.remaining == eur("25000")


def test_a_count_quota_measures_deals_won():
    quota = Quota("ana", Q1, 8, Measure.DEALS_WON)

    result = attainment(quota, 10)

    assert (result.ratio, result.remaining) == (Decimal("1.25"), 0)


def test_relief_lowers_the_target_and_keeps_its_reason():
    quota = Quota("ana", Q1, eur("100000"))

    relieved = quota.with_relief(eur("20000"), "key account moved to Bob")

    assert relieved.effective_target == eur("80000")
    assert relieved.reliefs[0].reason == "key account moved to Bob"
    assert quota.reliefs == ()


def test_a_fully_relieved_quota_counts_as_met():
    quota = Quota("ana", Q1, eur("1000")).with_relief(eur("1500"), "leave")

    assert attainment(quota, eur("0")).ratio == 1


def test_ramp_pays_half_then_three_quarters_then_full_quota():
    ramp = RampSchedule.of((2, "0.5"), (2, "0.75"))
    hired = datetime.date(2026, 1, 1)

    shares = [ramp.share(Period.month(2026, m), hired_on=hired) for m in range(1, 6)]

    assert shares == [
        Decimal("0.5"),
        Decimal("0.5"),
        Decimal("0.75"),
        Decimal("0.75"),
        1,
    ]


def test_proration_counts_the_days_the_owner_was_active():
    quota = Quota("ana", Period.month(2026, 4), eur("3000.00"))

    # 20 of April's 30 days: 3,000 × 20 / 30 = 2,000.00
    prorated = quota.prorated(
        Period(datetime.date(2026, 4, 11), datetime.date(2027, 1, 1))
    )

    assert prorated.target == eur("2000.00")


def test_an_annual_quota_spreads_over_quarters_to_the_cent():
    quarters = [Period.quarter(2026, q) for q in (1, 2, 3, 4)]

    parts = distribute(eur("100000.01"), quarters, ["0.25"] * 4, owner="ana")

    assert sum((q.target for q in parts), eur("0")) == eur("100000.01")
    assert [q.period for q in parts] == quarters


@settings(max_examples=100)
@given(
    st.integers(0, 10**9),
    st.lists(st.integers(1, 100), min_size=1, max_size=12),
)
def test_distribution_conserves_the_annual_quota(cents, raw):
    total = sum(raw)
    weights = [Decimal(w) / total for w in raw]
    weights[-1] = 1 - sum(weights[:-1], Decimal(0))
    months = [Period.month(2026, m % 12 + 1) for m in range(len(weights))]

    parts = distribute(
        Money(Decimal(cents).scaleb(-2), "EUR"), months, weights, owner="a"
    )

    assert sum((p.target.amount for p in parts), Decimal(0)) == Decimal(cents).scaleb(
        -2
    )


def test_distribution_refuses_weights_not_summing_to_one_naming_the_sum():
    with pytest.raises(
        QuotaDefinitionError, match=r"weights sum to 0\.9, not exactly 1"
    ):
        distribute(eur("100"), [Q1, Period.quarter(2026, 2)], ["0.5", "0.4"], owner="a")


def test_distribution_lists_every_fault():
    with pytest.raises(QuotaDefinitionError) as raised:
        distribute(eur("-1"), [Q1], ["-0.5", "1.5"], owner="a")

    assert len(raised.value.faults) == 3
    assert "weight 0 is negative (-0.5)" in raised.value.faults


def test_a_money_measure_refuses_a_count_target_naming_it():
    with pytest.raises(
        QuotaDefinitionError, match="target must be Money for measure revenue, got 5"
    ):
        Quota("ana", Q1, 5)


def test_a_relief_in_another_currency_is_refused():
    with pytest.raises(
        QuotaDefinitionError, match="1 USD is not in the target's currency EUR"
    ):
        Quota("ana", Q1, eur("100")).with_relief(Money("1", "USD"), "fx")


def test_a_ramp_step_with_no_months_is_refused():
    with pytest.raises(
        QuotaDefinitionError, match="step 0 months must be at least 1, got 0"
    ):
        RampSchedule.of((0, "0.5"))


def test_attainment_refuses_money_in_another_currency():
    with pytest.raises(ValueError, match="5 USD"):
        attainment(Quota("ana", Q1, eur("100")), Money("5", "USD"))


def run(*ratios: str) -> list:
    return [
        attainment(Quota("ana", Period.month(2026, m), eur("100")), eur(r))
        for m, r in enumerate(ratios, start=1)
    ]


def test_one_miss_warns_and_two_in_a_row_put_the_owner_on_probation():
    review = QuotaReview(ReviewPolicy(miss_below="0.9"))

    assert review.assess(run("85")).standing is Standing.WARNING
    assert review.assess(run("85", "80")).standing is Standing.PROBATION


def test_misses_on_probation_lead_to_a_dismissal_recommendation_with_reasons():
    review = QuotaReview(ReviewPolicy(miss_below="0.9"))

    verdict = review.assess(run("50", "50", "95", "50", "60"))

    assert verdict.standing is Standing.DISMISSAL_RECOMMENDED
    assert verdict.reasons[-1].endswith("dismissal recommended")


def test_met_periods_end_probation():
    review = QuotaReview(ReviewPolicy(probation_ends_after=2))

    verdict = review.assess(run("50", "50", "100", "120"))

    assert verdict.standing is Standing.GOOD
    assert verdict.reasons[-1].endswith("the improvement period ends")


def test_the_review_reads_periods_in_time_order_whatever_the_input_order():
    review = QuotaReview()
    periods = run("50", "50", "100")

    assert review.assess(reversed(periods)) == review.assess(periods)


def test_a_review_policy_lists_every_fault():
    with pytest.raises(
        QuotaDefinitionError, match="miss_below must be positive, got 0"
    ) as raised:
        ReviewPolicy(miss_below="0", probation_ends_after=0)

    assert len(raised.value.faults) == 2


def test_attainment_names_an_achievement_of_the_wrong_kind():
    money = Quota("ana", Period.month(2026, 1), Money("200", "EUR"))

    with pytest.raises(
        ArgumentTypeError,
        match=r"achieved must be Money for a money quota, not int \(5\)",
    ):
        attainment(money, 5)
    with pytest.raises(ArgumentTypeError, match=r"quota must be a Quota, not NoneType"):
        attainment(None, 5)
