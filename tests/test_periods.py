"""Periods and fiscal calendars: half-open ranges of days, fiscal years named
by a stated rule, instants placed in the calendar's own timezone."""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountcore import (
    DefinitionError,
    FiscalCalendar,
    Grain,
    NaiveDatetimeError,
    Period,
)
from accountcore.errors import InvalidPeriodError
from accountcore.periods import YearNaming, as_date, prorate, require_aware
from accountcore.testing.money import periods

d = _dt.date


# --- Period ---------------------------------------------------------------------------


def test_a_period_contains_its_start_and_not_its_end() -> None:
    january = Period.month(2026, 1)

    assert january.contains(d(2026, 1, 1))
    assert january.contains(d(2026, 1, 31))
    assert not january.contains(d(2026, 2, 1))
    assert d(2026, 1, 15) in january
    assert "2026-01-15" not in january


def test_named_periods_have_the_calendar_lengths() -> None:
    assert Period.month(2028, 2).days == 29  # 2028 is a leap year
    assert Period.month(2026, 2).days == 28
    assert Period.quarter(2026, 1).days == 90  # 31 + 28 + 31
    assert Period.quarter(2026, 3).days == 92  # 31 + 31 + 30
    assert Period.year(2026).days == 365
    assert Period.year(2026).last_day == d(2026, 12, 31)


def test_consecutive_months_meet_without_overlapping() -> None:
    january, february = Period.month(2026, 1), Period.month(2026, 2)

    assert january.end == february.start
    assert not january.overlaps(february)
    assert january.intersection(february) is None
    assert Period.quarter(2026, 1).overlaps(february)


def test_months_of_a_period_are_clipped_to_it() -> None:
    stay = Period(d(2026, 11, 16), d(2027, 1, 11))

    months = list(stay.months())

    assert [str(m) for m in months] == [
        "2026-11-16..2026-11-30",
        "2026-12",
        "2027-01-01..2027-01-10",
    ]
    assert sum(m.days for m in months) == stay.days  # 15 + 31 + 10 = 56


@given(periods())
def test_a_period_is_exactly_the_sum_of_its_months(period: Period) -> None:
    months = list(period.months())

    assert months[0].start == period.start
    assert months[-1].end == period.end
    assert sum(m.days for m in months) == period.days
    assert all(a.end == b.start for a, b in itertools.pairwise(months))


def test_periods_print_by_their_calendar_names() -> None:
    assert str(Period.month(2026, 3)) == "2026-03"
    assert str(Period.quarter(2026, 4)) == "2026-Q4"
    assert str(Period.year(2026)) == "2026"
    assert str(Period(d(2026, 2, 1), d(2026, 5, 1))) == "2026-02-01..2026-04-30"


@pytest.mark.parametrize(
    ("build", "shown"),
    [
        (lambda: Period(d(2026, 1, 2), d(2026, 1, 2)), "end=datetime.date(2026, 1, 2)"),
        (lambda: Period(d(2026, 1, 2), d(2026, 1, 1)), "start=2026-01-02"),
        (lambda: Period("2026-01-01", d(2026, 2, 1)), "start='2026-01-01'"),
        (
            lambda: Period(_dt.datetime(2026, 1, 1, tzinfo=_dt.UTC), d(2026, 2, 1)),
            "not a datetime",
        ),
        (lambda: Period.month(2026, 13), "month=13"),
        (lambda: Period.month(2026, True), "month=True"),
        (lambda: Period.quarter(2026, 0), "quarter=0"),
        (lambda: Period.year(10000), "year=10000"),
        (lambda: Period.month(2026, 1).contains("2026-01-01"), "day='2026-01-01'"),
    ],
)
def test_a_bad_period_is_refused_naming_the_value(build: object, shown: str) -> None:
    with pytest.raises(InvalidPeriodError, match=re.escape(shown)):
        build()  # type: ignore[operator]


# --- proration ------------------------------------------------------------------------


def test_a_mid_month_hire_is_prorated_by_days() -> None:
    june = Period.month(2026, 6)
    employed = Period(d(2026, 6, 16), d(2027, 1, 1))

    share = prorate(june, employed)

    # active 16–30 June: 15 of June's 30 days = 0.5
    assert share == Decimal("0.5")


def test_proration_of_a_leap_february() -> None:
    # 10 of 29 days in February 2028 = 0.3448275862…, exact to 34 digits
    share = prorate(Period.month(2028, 2), Period(d(2028, 2, 20), d(2028, 3, 1)))

    assert share == Decimal("0.3448275862068965517241379310344828")


def test_no_overlap_prorates_to_zero_and_full_overlap_to_one() -> None:
    assert prorate(Period.month(2026, 1), Period.month(2026, 2)) == 0
    assert prorate(Period.month(2026, 1), Period.year(2026)) == 1


@given(periods(), periods())
def test_proration_is_a_share_between_zero_and_one(
    period: Period, active: Period
) -> None:
    share = prorate(period, active)

    assert 0 <= share <= 1
    shared = period.intersection(active)
    expected_days = shared.days if shared else 0
    assert abs(share * period.days - expected_days) < Decimal("1e-30")


# --- fiscal calendars -------------------------------------------------------------------


def test_a_fiscal_year_from_april_is_named_by_the_year_it_ends_by_default() -> None:
    calendar = FiscalCalendar(start_month=4)

    # April 2026 – March 2027 ends in 2027: FY2027
    assert calendar.year(2027) == Period(d(2026, 4, 1), d(2027, 4, 1))
    assert calendar.fiscal_year_of(d(2026, 4, 1)) == 2027
    assert calendar.fiscal_year_of(d(2026, 3, 31)) == 2026


def test_japan_names_an_april_year_by_the_year_it_starts() -> None:
    calendar = FiscalCalendar(start_month=4, year_named_by=YearNaming.START)

    # April 2026 – March 2027 starts in 2026: FY2026 (令和8年度)
    assert calendar.year(2026) == Period(d(2026, 4, 1), d(2027, 4, 1))
    assert calendar.fiscal_year_of(d(2027, 3, 31)) == 2026
    assert calendar.fiscal_quarter_of(d(2027, 1, 15)) == (2026, 4)


def test_an_october_year_follows_the_us_federal_naming() -> None:
    calendar = FiscalCalendar(start_month=10, timezone="America/New_York")
    by_start = FiscalCalendar(start_month=10, year_named_by="start")

    # FY2027 = 1 Oct 2026 – 30 Sep 2027; Q1 is October–December 2026
    assert calendar.year(2027).last_day == d(2027, 9, 30)
    assert calendar.quarter(2027, 1) == Period(d(2026, 10, 1), d(2027, 1, 1))
    assert calendar.fiscal_quarter_of(d(2026, 10, 5)) == (2027, 1)
    assert by_start.fiscal_quarter_of(d(2026, 10, 5)) == (2026, 1)
    assert by_start.year(2026) == calendar.year(2027)


def test_a_calendar_year_is_named_by_itself_either_way() -> None:
    for naming in YearNaming:
        calendar = FiscalCalendar(start_month=1, year_named_by=naming)

        assert calendar.year(2026) == Period.year(2026)
        assert calendar.fiscal_year_of(d(2026, 12, 31)) == 2026


def test_a_quarter_may_cross_the_turn_of_the_year() -> None:
    calendar = FiscalCalendar(start_month=11)

    # Q1 of FY2027 = November 2026 – January 2027
    quarter = calendar.period_of(d(2027, 1, 20), Grain.QUARTER)

    assert quarter == Period(d(2026, 11, 1), d(2027, 2, 1))
    assert calendar.quarter(2027, 1) == quarter
    assert calendar.fiscal_quarter_of(d(2027, 1, 20)) == (2027, 1)
    assert calendar.month(2027, 3) == Period.month(2027, 1)


@pytest.mark.parametrize(
    ("grain", "expected"),
    [
        ("month", Period.month(2026, 5)),
        (Grain.MONTH, Period.month(2026, 5)),
        ("quarter", Period(d(2026, 4, 1), d(2026, 7, 1))),
        (Grain.YEAR, Period(d(2026, 4, 1), d(2027, 4, 1))),
    ],
)
def test_period_of_finds_the_fiscal_period_of_each_grain(
    grain: Grain | str, expected: Period
) -> None:
    calendar = FiscalCalendar(start_month=4)

    assert calendar.period_of(d(2026, 5, 20), grain) == expected


@given(st.integers(min_value=1, max_value=12), st.dates(d(2000, 1, 1), d(2090, 12, 31)))
def test_every_day_is_in_its_fiscal_year_and_quarter(
    start_month: int, day: _dt.date
) -> None:
    calendar = FiscalCalendar(start_month=start_month)

    fiscal_year, number = calendar.fiscal_quarter_of(day)

    assert calendar.year(fiscal_year).contains(day)
    assert calendar.quarter(fiscal_year, number).contains(day)
    assert calendar.period_of(day, "quarter") == calendar.quarter(fiscal_year, number)
    assert calendar.period_of(day, "year") == calendar.year(fiscal_year)


@pytest.mark.parametrize(
    ("zone", "local_day", "month"),
    [
        ("UTC", d(2026, 3, 31), "2026-03"),
        ("Europe/Tallinn", d(2026, 4, 1), "2026-04"),  # UTC+3 in summer: 02:30
        ("Asia/Tokyo", d(2026, 4, 1), "2026-04"),  # UTC+9: 08:30
        ("America/New_York", d(2026, 3, 31), "2026-03"),  # UTC-4: 19:30
    ],
)
def test_half_past_eleven_utc_is_placed_in_the_calendars_own_zone(
    zone: str, local_day: _dt.date, month: str
) -> None:
    calendar = FiscalCalendar(timezone=zone)
    moment = pendulum.datetime(2026, 3, 31, 23, 30, tz="UTC")

    assert calendar.date_of(moment) == local_day
    assert str(calendar.period_of(moment, "month")) == month
    assert calendar.contains(Period.month(2026, 4), moment) == (month == "2026-04")


def test_a_month_with_the_spring_dst_change_is_an_hour_short() -> None:
    calendar = FiscalCalendar(timezone="Europe/Tallinn")
    march = Period.month(2026, 3)

    start, end = calendar.start_of(march), calendar.end_of(march)

    # clocks go forward on 29 March 2026: 31 days x 24 h - 1 h = 743 h
    assert start.isoformat() == "2026-03-01T00:00:00+02:00"
    assert end.isoformat() == "2026-04-01T00:00:00+03:00"
    assert (end - start).total_seconds() == 743 * 3600


def test_an_instant_in_the_dst_gap_hour_still_has_one_local_day() -> None:
    calendar = FiscalCalendar(timezone="Europe/Tallinn")
    # 01:30 UTC on 29 March 2026 is 04:30 EEST, just after the 03:00 jump
    moment = pendulum.datetime(2026, 3, 29, 1, 30, tz="UTC")

    assert calendar.date_of(moment) == d(2026, 3, 29)


def test_the_local_date_of_a_plain_date_is_itself() -> None:
    assert FiscalCalendar(timezone="Asia/Tokyo").date_of(d(2026, 1, 1)) == d(2026, 1, 1)


def test_a_naive_datetime_is_refused_naming_it() -> None:
    calendar = FiscalCalendar()

    with pytest.raises(
        NaiveDatetimeError, match=r"moment .* naive 2026-01-05T09:30:00"
    ):
        calendar.period_of(_dt.datetime(2026, 1, 5, 9, 30), "month")


def test_an_unknown_grain_is_refused_naming_it() -> None:
    with pytest.raises(InvalidPeriodError, match="grain='week'"):
        FiscalCalendar().period_of(d(2026, 1, 1), "week")


def test_a_bad_calendar_lists_every_fault_at_once() -> None:
    with pytest.raises(DefinitionError) as raised:
        FiscalCalendar(start_month=0, timezone="Mars/Olympus", year_named_by="middle")  # type: ignore[arg-type]

    assert raised.value.faults == (
        "start_month must be an int from 1 to 12, got 0",
        "timezone 'Mars/Olympus' is not an IANA timezone name (e.g. 'Europe/Tallinn')",
        "year_named_by must be 'end' or 'start', got 'middle'",
    )


@pytest.mark.parametrize(("month", "zone"), [(True, "UTC"), ("4", "UTC"), (4, 3)])
def test_calendar_arguments_of_the_wrong_type_are_named(
    month: object, zone: object
) -> None:
    with pytest.raises(
        DefinitionError, match=re.escape(repr(month if zone == "UTC" else zone))
    ):
        FiscalCalendar(start_month=month, timezone=zone)  # type: ignore[arg-type]


def test_fiscal_quarter_and_month_numbers_are_checked() -> None:
    calendar = FiscalCalendar(start_month=4)

    with pytest.raises(InvalidPeriodError, match="quarter=5"):
        calendar.quarter(2027, 5)
    with pytest.raises(InvalidPeriodError, match="month=0"):
        calendar.month(2027, 0)


def test_as_date_and_require_aware_name_the_parameter() -> None:
    with pytest.raises(InvalidPeriodError, match="on='2026-01-01'"):
        as_date("2026-01-01", "on")
    with pytest.raises(NaiveDatetimeError, match=r"^at must be a timezone-aware"):
        require_aware(_dt.datetime(2026, 1, 1), "at")
    with pytest.raises(InvalidPeriodError, match=r"at=datetime.date\(2026, 1, 1\)"):
        require_aware(d(2026, 1, 1), "at")
    assert require_aware(pendulum.datetime(2026, 1, 1, tz="Asia/Tokyo"), "at").hour == 0


def test_a_period_of_a_year_that_is_not_an_int_names_it() -> None:
    from accountcore.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError, match=r"year must be an int, not NoneType"):
        Period.month(None, 1)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"year must be an int, not str"):
        Period.quarter("2026", 1)  # type: ignore[arg-type]


def test_prorating_what_is_not_a_period_names_the_argument() -> None:
    from accountcore.errors import ArgumentTypeError

    with pytest.raises(
        ArgumentTypeError, match=r"period must be a Period, not NoneType"
    ):
        prorate(None, Period.month(2026, 1))  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"active must be a Period, not str"):
        prorate(Period.month(2026, 1), "2026-01")  # type: ignore[arg-type]
