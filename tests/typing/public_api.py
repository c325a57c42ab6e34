"""Lines of the public API that must type-check under ``mypy --strict``, and
lines that must NOT, each marked ``# type: ignore[<code>]``.

``tests/test_typing.py`` runs mypy on this file. Strict mode warns about an
unused ignore, so a bad line that stops being an error fails the test as
surely as a good line that becomes one. Nothing here runs: the checks live in
functions that are never called.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pendulum

import accountcore
from accountcore import (
    AccountcoreError,
    ExchangeRate,
    ExchangeRates,
    FiscalCalendar,
    FixedRates,
    Grain,
    Money,
    Period,
)
from accountcore.money import minor_units
from accountcore.periods import YearNaming, prorate
from accountcore.serialization import from_json, structure, to_json, unstructure


def must_type_check() -> None:
    price = Money("19.99", "EUR")
    other = Money(Decimal("5"), "EUR")
    count = Money(3, "JPY")

    total: Money = price + other - Money.zero("EUR")
    summed: Money = sum([price, other], Money.zero("EUR"))
    scaled: Money = price * Decimal("1.5") * 2
    scaled_left: Money = 2 * price
    half: Money = price / 2
    ratio: Decimal = price / other
    negated: Money = -abs(price)
    smaller: bool = price < other
    rounded: Money = price.rounded("ROUND_HALF_EVEN")
    units: int = count.to_minor()
    parts: tuple[Money, ...] = price.allocate([1, Decimal("2"), "0.5"])
    shown: str = price.format("et_EE")
    from_units: Money = Money.from_minor(1999, "EUR")
    places: int = minor_units("BHD")
    amount: Decimal = price.amount
    code: str = price.currency

    rates: ExchangeRates = FixedRates(
        [ExchangeRate("EUR", "USD", _dt.date(2026, 1, 1), "1.08")], inverse=True
    )
    rate: Decimal = rates.rate("EUR", "USD", _dt.date(2026, 2, 1))
    converted: Money = price.convert("USD", rates, _dt.date(2026, 2, 1))

    calendar = FiscalCalendar(
        start_month=4, timezone="Asia/Tokyo", year_named_by=YearNaming.START
    )
    moment = pendulum.datetime(2026, 3, 31, 23, 30, tz="UTC")
    quarter: Period = calendar.period_of(moment, Grain.QUARTER)
    month: Period = calendar.period_of(moment, "month")
    fiscal: tuple[int, int] = calendar.fiscal_quarter_of(moment)
    start: pendulum.DateTime = calendar.start_of(quarter)
    share: Decimal = prorate(
        Period.month(2026, 6), Period(_dt.date(2026, 6, 16), _dt.date(2027, 1, 1))
    )
    days: int = Period.quarter(2026, 1).days
    months: list[Period] = list(Period.year(2026).months())

    data: object = unstructure(price)
    back: Money = structure({"amount": "1", "currency": "EUR"}, Money)
    text: str = to_json(calendar)
    again: FiscalCalendar = from_json(text, FiscalCalendar)
    version: str = accountcore.__version__

    try:
        price.allocate([0])
    except AccountcoreError as error:
        message: str = error.message

    del total, summed, scaled, scaled_left, half, ratio, negated, smaller, rounded
    del units, parts, shown, from_units, places, amount, code, rate, converted
    del month, fiscal, start, share, days, months, data, back, again, version, message


def must_not_type_check() -> None:
    price = Money("19.99", "EUR")

    Money(0.1, "EUR")  # type: ignore[arg-type]
    Money("1", 978)  # type: ignore[arg-type]
    price + 1  # type: ignore[operator]
    price * price  # type: ignore[operator]
    price * 1.5  # type: ignore[operator]
    _ = price < 0  # type: ignore[operator]
    wrong_ratio: Decimal = price / 2  # type: ignore[assignment]
    wrong_money: Money = price / price  # type: ignore[assignment]
    price.amount = Decimal(0)  # type: ignore[misc]
    price.allocate(3)  # type: ignore[arg-type]
    price.allocate([1.5, 1])  # type: ignore[list-item]
    price.format()  # type: ignore[call-arg]
    Money.from_minor("1999", "EUR")  # type: ignore[arg-type]
    minor_units(978)  # type: ignore[arg-type]
    FixedRates([]).rate("EUR", "USD")  # type: ignore[call-arg]
    not_rates: ExchangeRates = object()  # type: ignore[assignment]
    Period.month(2026, "1")  # type: ignore[arg-type]
    FiscalCalendar(start_month="4")  # type: ignore[arg-type]
    FiscalCalendar().period_of(_dt.date(2026, 1, 1))  # type: ignore[call-arg]
    prorate(Period.year(2026), _dt.date(2026, 1, 1))  # type: ignore[arg-type]
    wrong_period: Period = structure({}, Money)  # type: ignore[assignment]

    del wrong_ratio, wrong_money, not_rates, wrong_period
