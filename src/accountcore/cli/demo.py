"""The demo: the library's main job on embedded data, told as text.

Each section is a pure function ``(locale) -> list[str]``; :func:`render_demo`
joins them. Nothing here reads a file, the clock or the network: every date
and amount is embedded.

>>> print(render_demo("en_US").splitlines()[0])
accountcore demo (locale en_US)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import pendulum
from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from accountcore.cli.demo_reliability import reliability_section
from accountcore.cli.demo_storage import storage_section
from accountcore.money import ExchangeRate, FixedRates, Money
from accountcore.periods import FiscalCalendar, Period, prorate

__all__ = ["LOCALES", "SECTIONS", "render_demo"]

LOCALES = ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")


def _money_section(locale: str) -> list[str]:
    invoice = Money("1234567.891", "EUR")
    lines = ["== Money: exact, in every currency =="]
    lines.append(f"One invoice, {invoice} (unrounded), shown in each locale:")
    for code in LOCALES:
        lines.append(f"  {code:6} {invoice.format(code)}")
    lines.append(
        f"Yen and dinar keep their own minor units: {Money('1500', 'JPY').format(locale)}, "
        f"{Money('10.125', 'BHD').rounded().format(locale)}"
    )
    pot = Money("100.00", "EUR")
    parts = pot.allocate([1, 1, 1])
    shown = " + ".join(p.format(locale) for p in parts)
    lines.append(
        f"A bonus pool of {pot.format(locale)} split three ways: {shown} = "
        f"{sum(parts, Money.zero('EUR')).format(locale)} (no cent lost)"
    )
    rates = FixedRates(
        [ExchangeRate("EUR", "USD", _dt.date(2026, 10, 1), "1.0850")], inverse=True
    )
    usd = Money("2500", "USD").convert("EUR", rates, _dt.date(2026, 11, 2)).rounded()
    lines.append(
        f"2,500 USD in EUR at the rate in force on 2026-11-02: {usd.format(locale)}"
    )
    return lines


def _periods_section(locale: str) -> list[str]:
    calendar = FiscalCalendar(start_month=4, timezone="Europe/Tallinn")
    moment = pendulum.datetime(2026, 12, 31, 22, 30, tz="UTC")
    quarter = calendar.period_of(moment, "quarter")
    fiscal_year, number = calendar.fiscal_quarter_of(moment)
    first, last = (
        format_date(d, format="long", locale=locale)
        for d in (quarter.start, quarter.last_day)
    )
    lines = ["", "== Periods: a fiscal year from April, in Tallinn =="]
    lines.append(
        f"A deal closed at {moment.isoformat()} (UTC) is on "
        f"{format_date(calendar.date_of(moment), format='long', locale=locale)} in Tallinn,"
    )
    lines.append(
        f"so it counts in fiscal year {fiscal_year}, quarter {number}: {first} – {last}."
    )
    hire = Period(_dt.date(2026, 11, 16), _dt.date(2027, 1, 1))
    share = prorate(Period.month(2026, 11), hire)
    salary = (Money("3000.00", "EUR") * share).rounded()
    lines.append(
        f"An account manager hired on 16 November earns {share} of a month: "
        f"{salary.format(locale)} of {Money('3000.00', 'EUR').format(locale)}."
    )
    return lines


SECTIONS: list[Callable[[str], list[str]]] = [
    _money_section,
    _periods_section,
    reliability_section,
    storage_section,
]
"""The demo's sections, in order; later features add theirs here."""


def render_demo(locale: str = "en_US") -> str:
    """The whole demo as text in ``locale``.

    >>> render_demo("xx_XX")
    Traceback (most recent call last):
    ...
    ValueError: Unknown locale 'xx_XX': try one of en_US, et_EE, uk_UA, ja_JP, ro_RO, lv_LV.
    """
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise ValueError(
            f"Unknown locale {locale!r}: try one of {', '.join(LOCALES)}."
        ) from None
    lines = [f"accountcore demo (locale {locale})", ""]
    for section in SECTIONS:
        lines.extend(section(locale))
    return "\n".join(lines) + "\n"
