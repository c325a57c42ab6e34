"""Calendar periods and fiscal calendars.

A :class:`Period` is a half-open range of days ``[start, end)``: it contains
its start and not its end, so consecutive periods meet without overlapping.

>>> q1 = Period.quarter(2026, 1)
>>> q1
Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 4, 1))
>>> q1.last_day, q1.days
(datetime.date(2026, 3, 31), 90)
>>> [str(m) for m in q1.months()]
['2026-01', '2026-02', '2026-03']

A :class:`FiscalCalendar` places aware instants in periods in its own
timezone: 23:30 UTC on 31 March is already April in Tallinn.

>>> import pendulum
>>> tallinn = FiscalCalendar(timezone="Europe/Tallinn")
>>> moment = pendulum.datetime(2026, 3, 31, 23, 30, tz="UTC")
>>> str(tallinn.period_of(moment, "month")), str(tallinn.period_of(moment, "quarter"))
('2026-04', '2026-Q2')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterator
from decimal import Context, Decimal
from functools import lru_cache

import attrs
import pendulum

from accountcore.errors import (
    DefinitionError,
    InvalidPeriodError,
    NaiveDatetimeError,
    check_type,
)

__all__ = [
    "FiscalCalendar",
    "Grain",
    "Period",
    "YearNaming",
    "as_date",
    "prorate",
    "require_aware",
]

# 34 significant digits (IEEE decimal128): a fraction of days multiplied by
# any realistic amount still rounds to the right cent.
_FRACTION = Context(prec=34)


class Grain(enum.Enum):
    """The size of a reporting period.

    >>> Grain("quarter")
    <Grain.QUARTER: 'quarter'>
    """

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    HALF_MONTH = "half_month"
    """The 1st to the 15th, or the 16th to the month's end."""
    TWO_WEEKS = "two_weeks"
    """Fourteen days, counted from an anchor day (see :meth:`FiscalCalendar.fortnight`)."""
    HALF_YEAR = "half_year"
    """Six months from the fiscal year's start, or the six after them."""


class YearNaming(enum.Enum):
    """Which calendar year names a fiscal year that does not start in January.

    ``END`` (the default) names it by the year it ends in, as the US federal
    and most corporate calendars do (FY2027 = Oct 2026 – Sep 2027). ``START``
    names it by the year it starts in, as Japan's April–March year does
    (FY2026 = Apr 2026 – Mar 2027).

    >>> YearNaming("start")
    <YearNaming.START: 'start'>
    """

    END = "end"
    START = "start"


def as_date(value: object, parameter: str) -> _dt.date:
    """Check that ``value`` is a calendar date (not a datetime) and return it.

    >>> as_date(_dt.date(2026, 1, 1), "on")
    datetime.date(2026, 1, 1)
    >>> as_date("2026-01-01", "on")
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidPeriodError: on='2026-01-01' is invalid: a datetime.date is expected, not str.
    """
    if isinstance(value, _dt.datetime):
        raise InvalidPeriodError(
            parameter,
            value,
            "a calendar date is expected, not a datetime; place the instant in "
            "a calendar with FiscalCalendar.date_of first",
        )
    if not isinstance(value, _dt.date):
        raise InvalidPeriodError(
            parameter, value, f"a datetime.date is expected, not {type(value).__name__}"
        )
    return value


def require_aware(value: object, parameter: str) -> _dt.datetime:
    """Check that ``value`` is a timezone-aware datetime and return it.

    >>> require_aware(pendulum.datetime(2026, 1, 1, tz="UTC"), "at").year
    2026
    >>> require_aware(_dt.datetime(2026, 1, 1), "at")
    Traceback (most recent call last):
    ...
    accountcore.errors.NaiveDatetimeError: at must be a timezone-aware datetime, got naive 2026-01-01T00:00:00; attach a timezone, e.g. pendulum.datetime(..., tz='Europe/Tallinn').
    """
    if not isinstance(value, _dt.datetime):
        raise InvalidPeriodError(
            parameter,
            value,
            f"an aware datetime is expected, not {type(value).__name__}",
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(parameter, value)
    return value


def _check_date(_: object, attribute: attrs.Attribute[_dt.date], value: object) -> None:
    as_date(value, attribute.name)


def _month_start(year: int, month: int) -> _dt.date:
    """The first day of ``month`` counted from January of ``year`` (may roll)."""
    check_type("year", year, int)
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if not 1 <= year <= 9999:
        raise InvalidPeriodError("year", year, "a year is 1 to 9999")
    return _dt.date(year, month, 1)


def _check_int(parameter: str, value: object, low: int, high: int, what: str) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not low <= value <= high
    ):
        raise InvalidPeriodError(
            parameter, value, f"{what} is an int from {low} to {high}"
        )
    return value


@attrs.frozen(order=True)
class Period:
    """A half-open range of days ``[start, end)``.

    >>> p = Period(_dt.date(2026, 1, 10), _dt.date(2026, 1, 20))
    >>> p.contains(_dt.date(2026, 1, 10)), p.contains(_dt.date(2026, 1, 20))
    (True, False)
    >>> Period(_dt.date(2026, 1, 20), _dt.date(2026, 1, 10))
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidPeriodError: end=datetime.date(2026, 1, 10) is invalid: a period ends after it starts (start=2026-01-20).
    """

    start: _dt.date = attrs.field(validator=_check_date)
    end: _dt.date = attrs.field(validator=_check_date)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidPeriodError(
                "end", self.end, f"a period ends after it starts (start={self.start})"
            )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Calendar month ``month`` of ``year``.

        >>> Period.month(2026, 2).days
        28
        """
        _check_int("month", month, 1, 12, "a month")
        return cls(_month_start(year, month), _month_start(year, month + 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Calendar quarter ``quarter`` (1–4) of ``year``.

        >>> Period.quarter(2026, 4).last_day
        datetime.date(2026, 12, 31)
        >>> Period.quarter(2026, 5)
        Traceback (most recent call last):
        ...
        accountcore.errors.InvalidPeriodError: quarter=5 is invalid: a quarter is an int from 1 to 4.
        """
        _check_int("quarter", quarter, 1, 4, "a quarter")
        first = 3 * (quarter - 1) + 1
        return cls(_month_start(year, first), _month_start(year, first + 3))

    @classmethod
    def half_month(cls, year: int, month: int, half: int) -> Period:
        """Half ``half`` of calendar month ``month``: the 1st to the 15th
        (half 1), or the 16th to the month's last day (half 2).

        >>> str(Period.half_month(2026, 2, 1)), str(Period.half_month(2026, 2, 2))
        ('2026-02-01..2026-02-15', '2026-02-16..2026-02-28')
        """
        _check_int("month", month, 1, 12, "a month")
        _check_int("half", half, 1, 2, "a half (1 or 2)")
        first = _month_start(year, month)
        middle = first.replace(day=16)
        if half == 1:
            return cls(first, middle)
        return cls(middle, _month_start(year, month + 1))

    @classmethod
    def year(cls, year: int) -> Period:
        """Calendar year ``year``.

        >>> Period.year(2028).days
        366
        """
        return cls(_month_start(year, 1), _month_start(year, 13))

    @property
    def last_day(self) -> _dt.date:
        """The last day inside the period (``end`` minus one day).

        >>> Period.month(2026, 2).last_day
        datetime.date(2026, 2, 28)
        """
        return self.end - _dt.timedelta(days=1)

    @property
    def days(self) -> int:
        """How many days the period holds.

        >>> Period.year(2026).days
        365
        """
        return (self.end - self.start).days

    def contains(self, day: _dt.date) -> bool:
        """Whether ``day`` (a date) falls inside the period.

        >>> Period.month(2026, 1).contains(_dt.date(2026, 1, 31))
        True
        """
        as_date(day, "day")
        return self.start <= day < self.end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, _dt.date) and self.contains(day)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        >>> Period.month(2026, 1).overlaps(Period.month(2026, 2))
        False
        >>> Period.quarter(2026, 1).overlaps(Period.month(2026, 3))
        True
        """
        return self.start < other.end and other.start < self.end

    def intersection(self, other: Period) -> Period | None:
        """The days both periods share, or ``None``.

        >>> Period.quarter(2026, 1).intersection(Period(_dt.date(2026, 3, 15), _dt.date(2026, 5, 1)))
        Period(start=datetime.date(2026, 3, 15), end=datetime.date(2026, 4, 1))
        """
        start = max(self.start, other.start)
        end = min(self.end, other.end)
        return Period(start, end) if start < end else None

    def months(self) -> Iterator[Period]:
        """The calendar months the period touches, each clipped to the period.

        >>> [str(m) for m in Period(_dt.date(2026, 1, 15), _dt.date(2026, 3, 2)).months()]
        ['2026-01-15..2026-01-31', '2026-02', '2026-03-01..2026-03-01']
        """
        cursor = self.start
        while cursor < self.end:
            following = _month_start(cursor.year, cursor.month + 1)
            yield Period(cursor, min(following, self.end))
            cursor = following

    def __str__(self) -> str:
        start, end = self.start, self.end
        if start.day == 1 and end.day == 1:
            months = (end.year - start.year) * 12 + end.month - start.month
            if months == 1:
                return f"{start.year:04d}-{start.month:02d}"
            if months == 3 and start.month % 3 == 1:
                return f"{start.year:04d}-Q{start.month // 3 + 1}"
            if months == 12 and start.month == 1:
                return f"{start.year:04d}"
        return f"{start.isoformat()}..{self.last_day.isoformat()}"


def prorate(period: Period, active: Period) -> Decimal:
    """The share of ``period``'s days that fall inside ``active``.

    Exact to 34 significant digits, day-based: a hire on 16 June is active for
    15 of June's 30 days.

    >>> prorate(Period.month(2026, 6), Period(_dt.date(2026, 6, 16), _dt.date(2027, 1, 1)))
    Decimal('0.5')
    >>> prorate(Period.month(2026, 1), Period(_dt.date(2026, 1, 1), _dt.date(2026, 1, 11)))
    Decimal('0.3225806451612903225806451612903226')
    >>> prorate(Period.month(2026, 1), Period.month(2026, 2))
    Decimal('0')
    """
    check_type("period", period, Period)
    check_type("active", active, Period)
    shared = period.intersection(active)
    if shared is None:
        return Decimal(0)
    if shared == period:
        return Decimal(1)
    return _FRACTION.divide(Decimal(shared.days), Decimal(period.days))


@lru_cache(maxsize=128)
def _zone(name: str) -> _dt.tzinfo:
    return pendulum.timezone(name)


def _timezone_fault(value: object) -> str | None:
    if not isinstance(value, str):
        return f"timezone must be an IANA name, got {value!r}"
    try:
        _zone(value)
    except Exception:
        return (
            f"timezone {value!r} is not an IANA timezone name (e.g. 'Europe/Tallinn')"
        )
    return None


def _year_naming(value: object) -> YearNaming:
    """Converter: a YearNaming or its value; anything else is kept for the
    definition check to report with the other faults."""
    try:
        return YearNaming(value)
    except ValueError:
        return value  # type: ignore[return-value]


@attrs.frozen
class FiscalCalendar:
    """A fiscal year that starts in ``start_month``, kept in ``timezone``.

    Fiscal years are named by the calendar year they end in unless
    ``year_named_by=YearNaming.START``. Quarters are counted from the start of
    the fiscal year.

    >>> fy = FiscalCalendar(start_month=10, timezone="America/New_York")
    >>> fy.year(2027)
    Period(start=datetime.date(2026, 10, 1), end=datetime.date(2027, 10, 1))
    >>> fy.quarter(2027, 1)
    Period(start=datetime.date(2026, 10, 1), end=datetime.date(2027, 1, 1))
    >>> japan = FiscalCalendar(start_month=4, timezone="Asia/Tokyo", year_named_by=YearNaming.START)
    >>> str(japan.year(2026))
    '2026-04-01..2027-03-31'

    Every fault of a calendar is listed at once:

    >>> FiscalCalendar(start_month=13, timezone="Mars/Olympus")
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: FiscalCalendar is invalid (2 faults):
      - start_month must be an int from 1 to 12, got 13
      - timezone 'Mars/Olympus' is not an IANA timezone name (e.g. 'Europe/Tallinn')
    """

    start_month: int = 1
    timezone: str = "UTC"
    year_named_by: YearNaming = attrs.field(
        default=YearNaming.END, converter=_year_naming
    )

    def __attrs_post_init__(self) -> None:
        faults = []
        month: object = self.start_month
        if (
            isinstance(month, bool)
            or not isinstance(month, int)
            or not 1 <= month <= 12
        ):
            faults.append(f"start_month must be an int from 1 to 12, got {month!r}")
        zone_fault = _timezone_fault(self.timezone)
        if zone_fault:
            faults.append(zone_fault)
        if not isinstance(self.year_named_by, YearNaming):
            faults.append(
                f"year_named_by must be 'end' or 'start', got {self.year_named_by!r}"
            )
        if faults:
            raise DefinitionError("FiscalCalendar", faults)

    @property
    def tzinfo(self) -> _dt.tzinfo:
        """The calendar's timezone object.

        >>> FiscalCalendar(timezone="Asia/Tokyo").tzinfo
        Timezone('Asia/Tokyo')
        """
        return _zone(self.timezone)

    def date_of(self, moment: _dt.date) -> _dt.date:
        """The calendar date of ``moment`` in this calendar's timezone.

        A ``date`` is taken as already local; a naive datetime is refused.

        >>> FiscalCalendar(timezone="Asia/Tokyo").date_of(pendulum.datetime(2026, 1, 1, 16, tz="UTC"))
        datetime.date(2026, 1, 2)
        """
        if isinstance(moment, _dt.datetime):
            require_aware(moment, "moment")
            local = moment.astimezone(_zone(self.timezone))
            return _dt.date(local.year, local.month, local.day)
        return as_date(moment, "moment")

    def _first_year(self, fiscal_year: int) -> int:
        """Calendar year in which fiscal year ``fiscal_year`` starts."""
        if self.start_month == 1 or self.year_named_by is YearNaming.START:
            return fiscal_year
        return fiscal_year - 1

    def fiscal_year_of(self, moment: _dt.date) -> int:
        """The fiscal year ``moment`` falls in.

        >>> FiscalCalendar(start_month=4).fiscal_year_of(_dt.date(2026, 3, 31))
        2026
        >>> FiscalCalendar(start_month=4).fiscal_year_of(_dt.date(2026, 4, 1))
        2027
        """
        day = self.date_of(moment)
        started = day.year if day.month >= self.start_month else day.year - 1
        if self.start_month == 1 or self.year_named_by is YearNaming.START:
            return started
        return started + 1

    def fiscal_quarter_of(self, moment: _dt.date) -> tuple[int, int]:
        """The fiscal year and quarter (1–4) ``moment`` falls in.

        >>> FiscalCalendar(start_month=4).fiscal_quarter_of(_dt.date(2027, 1, 15))
        (2027, 4)
        """
        day = self.date_of(moment)
        return self.fiscal_year_of(day), (day.month - self.start_month) % 12 // 3 + 1

    def year(self, fiscal_year: int) -> Period:
        """Fiscal year ``fiscal_year`` as a period."""
        first = self._first_year(fiscal_year)
        return Period(
            _month_start(first, self.start_month),
            _month_start(first, self.start_month + 12),
        )

    def quarter(self, fiscal_year: int, quarter: int) -> Period:
        """Fiscal quarter ``quarter`` (1–4) of ``fiscal_year``."""
        _check_int("quarter", quarter, 1, 4, "a quarter")
        first = self._first_year(fiscal_year)
        month = self.start_month + 3 * (quarter - 1)
        return Period(_month_start(first, month), _month_start(first, month + 3))

    def month(self, fiscal_year: int, month: int) -> Period:
        """Fiscal month ``month`` (1–12, counted from the fiscal year's start).

        >>> FiscalCalendar(start_month=4).month(2027, 1)
        Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 5, 1))
        """
        _check_int("month", month, 1, 12, "a fiscal month")
        first = self._first_year(fiscal_year)
        index = self.start_month + month - 1
        return Period(_month_start(first, index), _month_start(first, index + 1))

    def half_year(self, fiscal_year: int, half: int) -> Period:
        """Half ``half`` (1 or 2) of ``fiscal_year``: its first six months or
        its last six.

        >>> str(FiscalCalendar(start_month=4).half_year(2027, 2))
        '2026-10-01..2027-03-31'
        """
        _check_int("half", half, 1, 2, "a half (1 or 2)")
        first = self._first_year(fiscal_year)
        month = self.start_month + 6 * (half - 1)
        return Period(_month_start(first, month), _month_start(first, month + 6))

    def fortnight(self, moment: _dt.date, anchor: _dt.date) -> Period:
        """The two weeks ``moment`` falls in, counted every fourteen days
        from ``anchor`` (the first day of any of them, before or after
        ``moment``): a biweekly pay calendar.

        >>> cal = FiscalCalendar()
        >>> str(cal.fortnight(_dt.date(2026, 1, 20), anchor=_dt.date(2026, 1, 5)))
        '2026-01-19..2026-02-01'
        >>> str(cal.fortnight(_dt.date(2026, 1, 4), anchor=_dt.date(2026, 1, 5)))
        '2025-12-22..2026-01-04'
        """
        day = self.date_of(moment)
        start = as_date(anchor, "anchor")
        # floor division: a moment before the anchor lands in an earlier fortnight
        steps = (day - start).days // 14
        first = start + _dt.timedelta(days=14 * steps)
        return Period(first, first + _dt.timedelta(days=14))

    def period_of(
        self, moment: _dt.date, grain: Grain | str, *, anchor: _dt.date | None = None
    ) -> Period:
        """The fiscal month, quarter, year, half month, half year or two
        weeks (from ``anchor``: see :meth:`fortnight`) that ``moment`` falls in.

        >>> FiscalCalendar().period_of(_dt.date(2026, 2, 20), "half_month")
        Period(start=datetime.date(2026, 2, 16), end=datetime.date(2026, 3, 1))
        >>> FiscalCalendar().period_of(_dt.date(2026, 2, 20), "two_weeks")
        Traceback (most recent call last):
        ...
        accountcore.errors.InvalidPeriodError: anchor=None is invalid: two weeks are counted from an anchor: pass anchor= (the first day of any of them).

        >>> FiscalCalendar(start_month=4).period_of(_dt.date(2026, 5, 20), Grain.QUARTER)
        Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 7, 1))
        >>> FiscalCalendar().period_of(_dt.date(2026, 5, 20), "week")
        Traceback (most recent call last):
        ...
        accountcore.errors.InvalidPeriodError: grain='week' is invalid: a grain is one of 'month', 'quarter', 'year', 'half_month', 'two_weeks', 'half_year'.
        """
        try:
            size = Grain(grain)
        except ValueError:
            names = ", ".join(repr(g.value) for g in Grain)
            raise InvalidPeriodError(
                "grain", grain, f"a grain is one of {names}"
            ) from None
        day = self.date_of(moment)
        if size is Grain.MONTH:
            return Period.month(day.year, day.month)
        if size is Grain.HALF_MONTH:
            return Period.half_month(day.year, day.month, 1 if day.day < 16 else 2)
        if size is Grain.TWO_WEEKS:
            if anchor is None:
                raise InvalidPeriodError(
                    "anchor",
                    anchor,
                    "two weeks are counted from an anchor: pass anchor= (the "
                    "first day of any of them)",
                )
            return self.fortnight(day, anchor)
        offset = (day.month - self.start_month) % 12
        span = {Grain.QUARTER: 3, Grain.HALF_YEAR: 6}.get(size, 12)
        first_month = day.month - offset % span
        return Period(
            _month_start(day.year, first_month),
            _month_start(day.year, first_month + span),
        )

    def start_of(self, period: Period) -> pendulum.DateTime:
        """The instant ``period`` begins: local midnight of its first day.

        >>> FiscalCalendar(timezone="Europe/Tallinn").start_of(Period.month(2026, 7)).isoformat()
        '2026-07-01T00:00:00+03:00'
        """
        day = period.start
        return pendulum.datetime(day.year, day.month, day.day, tz=self.timezone)

    def end_of(self, period: Period) -> pendulum.DateTime:
        """The instant ``period`` ends (exclusive): local midnight after its last day."""
        day = period.end
        return pendulum.datetime(day.year, day.month, day.day, tz=self.timezone)

    def contains(self, period: Period, moment: _dt.date) -> bool:
        """Whether ``moment`` (aware instant or local date) falls in ``period``.

        >>> cal = FiscalCalendar(timezone="Asia/Tokyo")
        >>> cal.contains(Period.month(2026, 1), pendulum.datetime(2025, 12, 31, 20, tz="UTC"))
        True
        """
        return period.start <= self.date_of(moment) < period.end
