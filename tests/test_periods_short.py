"""Half months, two weeks and half years (issue 21, point 15): settlement
and quota periods as ERPs and payrolls cut them, in the fiscal calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import eur
from hypothesis import given
from hypothesis import strategies as st

from accountcore import FiscalCalendar, Grain, Period
from accountcore.commissions import CommissionPlan, Credit, FlatRate, Tier, Tiered
from accountcore.errors import InvalidPeriodError
from accountcore.quotas import Quota


def test_a_month_has_two_halves_the_first_to_the_15th():
    first, second = Period.half_month(2026, 2, 1), Period.half_month(2026, 2, 2)

    # 1-15 February is 15 days, 16-28 February 13: together the month's 28
    assert (first.days, second.days) == (15, 13)
    assert (first.start, first.last_day) == (dt.date(2026, 2, 1), dt.date(2026, 2, 15))
    assert (second.start, second.last_day) == (
        dt.date(2026, 2, 16),
        dt.date(2026, 2, 28),
    )


def test_a_half_is_one_or_two_and_the_error_names_it():
    with pytest.raises(InvalidPeriodError, match="half=3 is invalid: a half"):
        Period.half_month(2026, 2, 3)
    with pytest.raises(InvalidPeriodError, match="half=0 is invalid"):
        FiscalCalendar().half_year(2026, 0)


def test_half_years_follow_the_fiscal_year():
    april = FiscalCalendar(start_month=4)

    # fiscal 2027 runs April 2026 to March 2027: H1 April-September, H2 October-March
    assert april.half_year(2027, 1) == Period(dt.date(2026, 4, 1), dt.date(2026, 10, 1))
    assert april.half_year(2027, 2) == Period(dt.date(2026, 10, 1), dt.date(2027, 4, 1))
    assert april.period_of(dt.date(2027, 1, 15), Grain.HALF_YEAR) == april.half_year(
        2027, 2
    )


def test_two_weeks_are_counted_from_an_anchor_both_ways():
    cal = FiscalCalendar()
    anchor = dt.date(2026, 1, 5)  # a Monday, the first day of a pay fortnight

    # 5-18 January, 19 January-1 February; 4 January is in 22 December-4 January
    assert cal.fortnight(dt.date(2026, 1, 18), anchor) == Period(
        dt.date(2026, 1, 5), dt.date(2026, 1, 19)
    )
    assert cal.period_of(dt.date(2026, 1, 19), "two_weeks", anchor=anchor).start == (
        dt.date(2026, 1, 19)
    )
    assert cal.fortnight(dt.date(2026, 1, 4), anchor).start == dt.date(2025, 12, 22)


def test_two_weeks_without_an_anchor_are_refused_saying_what_to_pass():
    with pytest.raises(InvalidPeriodError, match="pass anchor="):
        FiscalCalendar().period_of(dt.date(2026, 1, 4), Grain.TWO_WEEKS)


def test_an_unknown_grain_is_refused_listing_every_grain():
    with pytest.raises(InvalidPeriodError) as raised:
        FiscalCalendar().period_of(dt.date(2026, 1, 4), "week")
    assert "'week'" in str(raised.value)
    assert "'half_month', 'two_weeks', 'half_year'" in str(raised.value)


def test_the_period_of_a_moment_is_in_the_calendars_timezone():
    import pendulum

    tokyo = FiscalCalendar(timezone="Asia/Tokyo")
    late = pendulum.datetime(2026, 1, 15, 16, tz="UTC")  # 16 January, 01:00 in Tokyo

    assert tokyo.period_of(late, "half_month") == Period.half_month(2026, 1, 2)


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)),
    st.sampled_from(["half_month", "two_weeks", "half_year"]),
    st.integers(1, 12),
)
def test_every_day_falls_in_exactly_the_period_found_for_it(day, grain, start_month):
    cal = FiscalCalendar(start_month=start_month)
    anchor = dt.date(2024, 1, 1)

    period = cal.period_of(day, grain, anchor=anchor)

    assert day in period
    # the next period starts where this one ends
    assert cal.period_of(period.end, grain, anchor=anchor).start == period.end
    shortest = {"half_month": 13, "two_weeks": 14, "half_year": 181}[grain]
    assert (
        shortest <= period.days <= {"half_month": 16, "two_weeks": 14}.get(grain, 184)
    )


def test_a_half_month_settles_against_a_half_month_quota():
    h1 = Period.half_month(2026, 1, 1)
    plan = CommissionPlan(
        "AM",
        "EUR",
        (
            Tiered(
                "c",
                (Tier("0", "1", "0.04"), Tier("1", None, "0.07")),
                basis="attainment",
            ),
        ),
    )
    credits = [
        Credit("D-1", "C-1", "ana", eur("12000.00"), dt.date(2026, 1, 15)),
        Credit(
            "D-2", "C-1", "ana", eur("5000.00"), dt.date(2026, 1, 16)
        ),  # the next half
    ]

    statement = plan.calculate(
        credits, period=h1, quota=Quota("ana", h1, eur("10000.00"))
    )

    # 12,000 credited in 1-15 January against 10,000: 10,000 × 4 % + 2,000 × 7 %
    # = 400.00 + 140.00 = 540.00
    assert statement.total == eur("540.00")
    assert statement.credited == eur("12000.00")


def test_a_flat_rate_settles_each_half_of_the_month_apart():
    credits = [
        Credit("D-1", "C-1", "ana", eur("1000.00"), dt.date(2026, 1, 15)),
        Credit("D-2", "C-1", "ana", eur("3000.00"), dt.date(2026, 1, 16)),
    ]
    plan = CommissionPlan("AM", "EUR", (FlatRate("c", "0.05"),))

    totals = [
        plan.calculate(credits, period=Period.half_month(2026, 1, half)).total
        for half in (1, 2)
    ]

    # 1,000 × 5 % = 50.00 in the first half, 3,000 × 5 % = 150.00 in the second
    assert totals == [eur("50.00"), eur("150.00")]
