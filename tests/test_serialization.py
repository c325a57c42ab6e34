"""One converter: every serialisable type round-trips, decimals travel as text,
bad data lists every bad field."""

from __future__ import annotations

import datetime as _dt
import json
import re
import zoneinfo
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import ExchangeRate, FiscalCalendar, Grain, Money, Period
from accountcore.errors import StructureError
from accountcore.periods import YearNaming
from accountcore.serialization import from_json, structure, to_json, unstructure
from accountcore.testing.money import (
    amounts,
    bounded_decimals,
    currencies,
    money,
    periods,
)

ZONES = ["UTC", "Europe/Tallinn", "Europe/Kyiv", "Asia/Tokyo", "America/New_York"]

aware_datetimes = st.datetimes(
    min_value=_dt.datetime(1971, 1, 1),
    max_value=_dt.datetime(2100, 12, 31),
    timezones=st.timezones(),
)
calendars = st.builds(
    FiscalCalendar,
    start_month=st.integers(min_value=1, max_value=12),
    timezone=st.sampled_from(ZONES),
    year_named_by=st.sampled_from(YearNaming),
)
exchange_rates = st.builds(
    ExchangeRate,
    base=currencies(),
    quote=currencies(),
    effective=st.dates(),
    rate=st.decimals(min_value=Decimal("0.000001"), max_value=10**6, places=6),
)


def _round_trip(value: Any, cls: type) -> Any:
    data = unstructure(value)
    text = json.dumps(data)
    assert "e+" not in text.lower() or isinstance(value, str)  # nothing went float
    back = structure(json.loads(text), cls)
    assert unstructure(back) == data
    assert from_json(to_json(value), cls) == back
    return back


@given(money())
def test_money_round_trips(value: Money) -> None:
    back = _round_trip(value, Money)

    assert back == value
    assert str(back.amount) == str(value.amount)


@given(st.one_of(amounts(), bounded_decimals()))
def test_decimals_round_trip_as_text_digit_for_digit(value: Decimal) -> None:
    data = unstructure(value)

    assert isinstance(data, str)
    assert structure(data, Decimal).as_tuple() == value.as_tuple()


@given(st.dates())
def test_dates_round_trip(value: _dt.date) -> None:
    assert _round_trip(value, _dt.date) == value


@settings(max_examples=150)
@given(aware_datetimes)
def test_aware_datetimes_round_trip_with_their_zone(value: _dt.datetime) -> None:
    # a wall time that does not exist (a DST gap) is read as its real instant
    value = value.astimezone(_dt.UTC).astimezone(value.tzinfo)

    back = _round_trip(value, _dt.datetime)

    # the same instant (== would be False across zones for an ambiguous time)
    assert back.astimezone(_dt.UTC) == value.astimezone(_dt.UTC)
    assert back.utcoffset() == value.utcoffset()
    assert back.replace(tzinfo=None) == value.replace(tzinfo=None)  # same wall time
    zone = getattr(value.tzinfo, "key", None)
    if zone:
        assert unstructure(value).endswith(f"[{zone}]")


def test_a_zone_name_survives_the_round_trip() -> None:
    moment = pendulum.datetime(2026, 10, 25, 3, 30, tz="Europe/Tallinn")

    text = unstructure(moment)
    back = structure(text, _dt.datetime)

    assert text == "2026-10-25T03:30:00+02:00[Europe/Tallinn]"
    assert back.tzinfo.name == "Europe/Tallinn"  # type: ignore[union-attr]
    # a day later the zone, not the offset, decides: +02:00 stays winter time
    assert (back + _dt.timedelta(days=200)).utcoffset() == _dt.timedelta(hours=3)


def test_a_wall_time_in_a_dst_gap_keeps_its_instant() -> None:
    # 03:30 on 29 March 2026 does not exist in Tallinn (03:00 jumps to 04:00);
    # zoneinfo reads it with the winter offset, +02:00, i.e. 01:30 UTC.
    gap = _dt.datetime(2026, 3, 29, 3, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Tallinn"))

    back = structure(unstructure(gap), _dt.datetime)

    assert back.astimezone(_dt.UTC) == _dt.datetime(2026, 3, 29, 1, 30, tzinfo=_dt.UTC)
    assert back.isoformat() == "2026-03-29T04:30:00+03:00"


def test_zone_names_without_a_slash_are_kept_too() -> None:
    moment = _dt.datetime(2026, 3, 1, tzinfo=zoneinfo.ZoneInfo("Japan"))

    assert unstructure(moment) == "2026-03-01T00:00:00+09:00[Japan]"


def test_a_fixed_offset_travels_as_an_offset_only() -> None:
    moment = _dt.datetime(2026, 3, 1, 12, tzinfo=_dt.timezone(_dt.timedelta(hours=2)))

    assert unstructure(moment) == "2026-03-01T12:00:00+02:00"
    assert structure("2026-03-01T12:00:00+02:00", _dt.datetime) == moment


@given(periods())
def test_periods_round_trip(value: Period) -> None:
    assert _round_trip(value, Period) == value


@given(calendars)
def test_fiscal_calendars_round_trip(value: FiscalCalendar) -> None:
    assert _round_trip(value, FiscalCalendar) == value


@given(exchange_rates)
def test_exchange_rates_round_trip(value: ExchangeRate) -> None:
    assert _round_trip(value, ExchangeRate) == value


def test_enums_travel_by_value() -> None:
    assert unstructure(Grain.QUARTER) == "quarter"
    assert structure("start", YearNaming) is YearNaming.START


def test_json_is_deterministic_and_sorted() -> None:
    calendar = FiscalCalendar(start_month=4, timezone="Asia/Tokyo")

    assert to_json(calendar) == (
        '{"start_month":4,"timezone":"Asia/Tokyo","year_named_by":"end"}'
    )


@attrs.frozen
class _Line:
    """A plain attrs class built from library field types: no hook needed."""

    amount: Money
    on: _dt.date
    at: _dt.datetime
    share: Decimal
    period: Period


def test_a_new_attrs_class_of_library_types_round_trips_with_no_extra_hook() -> None:
    line = _Line(
        amount=Money("12.50", "EUR"),
        on=_dt.date(2026, 1, 5),
        at=pendulum.datetime(2026, 1, 5, 9, tz="Europe/Riga"),
        share=Decimal("0.125"),
        period=Period.quarter(2026, 1),
    )

    assert _round_trip(line, _Line) == line


# --- bad data --------------------------------------------------------------------------


def test_every_bad_field_is_listed_at_once() -> None:
    data = {
        "amount": {"amount": 1.5, "currency": "EUR"},
        "on": "2026-02-30",
        "at": "2026-01-05T09:00:00",
        "share": "abc",
        "period": {"start": "2026-01-01", "end": "2025-01-01"},
    }

    with pytest.raises(StructureError) as raised:
        structure(data, _Line)

    text = str(raised.value)
    assert "(5 bad fields)" in text
    assert "$.amount: expected a decimal string for amount, got float 1.5" in text
    assert "$.on: invalid date '2026-02-30'" in text
    assert "naive 2026-01-05T09:00:00" in text
    assert "got 'abc'" in text
    assert "end=datetime.date(2025, 1, 1)" in text


@pytest.mark.parametrize(
    ("data", "cls", "shown"),
    [
        ({"amount": "1", "currency": "EURO"}, Money, "'EURO'"),
        ({"amount": "1", "currency": "EUR", "note": "x"}, Money, "extra ['note']"),
        ({"amount": "1"}, Money, "missing ['currency']"),
        ("12.5", Money, "got '12.5'"),
        (1.5, Decimal, "float 1.5"),
        ("NaN", Decimal, "got 'NaN'"),
        (20260401, _dt.date, "got int 20260401"),
        ("2026-01-05T09:00:00+02:00[Mars/Olympus]", _dt.datetime, "'Mars/Olympus'"),
        ("yesterday", _dt.datetime, "'yesterday'"),
        ({"start_month": 4, "zone": "UTC"}, FiscalCalendar, "unknown fields ['zone']"),
        ({"start_month": 13}, FiscalCalendar, "got 13"),
        ({"start": "2026-01-01"}, Period, "$.end: required field missing"),
    ],
)
def test_bad_data_raises_a_structure_error_naming_the_value(
    data: object, cls: type, shown: str
) -> None:
    with pytest.raises(StructureError, match=re.escape(shown)):
        structure(data, cls)


def test_bad_json_text_is_a_structure_error() -> None:
    with pytest.raises(StructureError, match="not JSON"):
        from_json('{"amount": ', Money)


def test_a_naive_datetime_cannot_be_written() -> None:
    with pytest.raises(Exception, match="naive 2026-01-05T09:00:00"):
        unstructure(_dt.datetime(2026, 1, 5, 9))


# --- untrusted documents: only StructureError, naming the field, bounded -------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('"abc"', "got 'abc' (a string)"),
        ("[1, 2]", "got [1, 2] (an array)"),
        ("null", "got None (null)"),
    ],
)
def test_a_document_of_the_wrong_shape_says_an_object_belongs_there(
    text: str, shown: str
) -> None:
    with pytest.raises(StructureError) as raised:
        from_json(text, Period)

    assert "$: expected a JSON object (mapping) for Period" in str(raised.value)
    assert shown in str(raised.value)


def test_deep_nesting_is_refused_without_recursion() -> None:
    # 100,000 nested arrays: far past Python's recursion limit (1,000)
    text = '{"start":' + "[" * 100_000 + "]" * 100_000 + ',"end":"2026-01-01"}'

    with pytest.raises(StructureError, match="nested more than 64 levels deep"):
        from_json(text, Period)


def test_nesting_of_65_levels_is_refused_and_64_reaches_the_hooks() -> None:
    # the object itself is level 1, so 63 arrays inside make 64 levels
    def nested(arrays: int) -> str:
        return '{"start":' + "[" * arrays + "]" * arrays + ',"end":"2026-01-01"}'

    with pytest.raises(StructureError, match="nested more than 64"):
        from_json(nested(64), Period)
    with pytest.raises(StructureError, match=r"\$\.start: expected an ISO 8601 date"):
        from_json(nested(63), Period)


def test_an_integer_of_5000_digits_is_refused_before_it_is_converted() -> None:
    text = '{"amount":' + "1" * 5000 + ',"currency":"EUR"}'

    with pytest.raises(StructureError, match="an integer of 5000 digits") as raised:
        from_json(text, Money)

    assert "at most 40" in str(raised.value)


def test_bad_utf8_names_the_byte_and_its_position() -> None:
    text = b'{"amount":"\xff","currency":"EUR"}'

    with pytest.raises(StructureError, match=r"not UTF-8 \(byte 0xff at position 11\)"):
        from_json(text, Money)


def test_utf8_bytes_are_read_like_text() -> None:
    assert from_json(b'{"amount":"1.50","currency":"EUR"}', Money) == Money(
        "1.50", "EUR"
    )


def test_a_key_given_twice_is_refused_not_silently_the_last() -> None:
    text = '{"amount":"1","amount":"2","currency":"EUR"}'

    with pytest.raises(StructureError, match="the key 'amount' appears twice"):
        from_json(text, Money)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(constant: str) -> None:
    with pytest.raises(StructureError, match=f"{constant} is not a JSON value"):
        from_json(f'{{"amount":{constant},"currency":"EUR"}}', Money)


def test_a_document_that_is_not_text_is_a_structure_error() -> None:
    with pytest.raises(StructureError, match=r"expected JSON text \(str or bytes\)"):
        from_json(12, Money)  # type: ignore[arg-type]


def test_a_10_mb_bad_value_is_shown_cut_with_its_length() -> None:
    huge = "x" * 10_000_000
    text = '{"start":"' + huge + '","end":"2026-01-01"}'

    with pytest.raises(StructureError) as raised:
        from_json(text, Period)

    message = str(raised.value)
    assert "$.start: invalid date 'xxxx" in message
    assert "(10000000 characters)" in message
    assert len(message) < 400


def test_a_huge_python_int_is_described_by_its_size() -> None:
    # its repr would raise ValueError (more than 4,300 digits)
    with pytest.raises(StructureError, match="got int an int of about 5001 digits"):
        structure(10**5000, _dt.date)


def test_a_document_with_thousands_of_bad_fields_lists_twenty() -> None:
    # 5,000 bad rates: 19 listed, then one line counting the other 4,981
    data = [{"base": "EUR", "quote": "USD", "effective": "x", "rate": "1"}] * 5000

    with pytest.raises(StructureError) as raised:
        structure(data, list[ExchangeRate])

    assert len(raised.value.errors) == 20
    assert raised.value.errors[-1] == "… and 4981 more bad fields"
