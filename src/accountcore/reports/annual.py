"""The annual forecast: the fiscal year quarter by quarter and per owner."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from accountcore.analytics import (
    Forecast,
    ForecastByDealType,
    ForecastLine,
    forecast,
    forecast_by_deal_type,
)
from accountcore.errors import check_items, check_type
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal
from accountcore.reports._document import Section, Table, money, render, span, t

__all__ = ["AnnualForecast", "QuarterForecast"]

_UTC = FiscalCalendar()


@attrs.frozen
class QuarterForecast:
    """One fiscal quarter of the year and its forecast totals.

    >>> from accountcore.money import Money
    >>> zero = Money("0.00", "EUR")
    >>> QuarterForecast(1, Period.quarter(2026, 1), ForecastLine(None, 0, *[zero] * 7)).number
    1
    """

    number: int
    period: Period
    line: ForecastLine


@attrs.frozen
class AnnualForecast:
    """A fiscal year's forecast: won so far, commit and best-case forecasts
    and the weighted pipeline, per quarter and per owner.

    Every figure comes from :func:`accountcore.analytics.forecast`: the
    quarters from four calls on the fiscal quarters, the owners from one call
    on the whole year. The year's total is that call's total, so it equals
    both the sum of the owners and the sum of the quarters.
    ``by_deal_type`` is the year per deal type
    (:func:`~accountcore.analytics.forecast_by_deal_type`), adding up to the
    same total.

    >>> import datetime as dt, pendulum
    >>> from accountcore.money import Money
    >>> from accountcore.pipeline import Pipeline
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna",
    ...                   amount=Money("10000", "EUR"), expected_close=dt.date(2026, 8, 31))
    >>> deal = p.advance(deal, "negotiation", at=t0.add(days=3), by="anna")
    >>> year = AnnualForecast.of([deal], fiscal_year=2026, currency="EUR")
    >>> [str(q.line.weighted) for q in year.quarters]    # 10,000 × 0.80 in Q3
    ['0.00 EUR', '0.00 EUR', '8000.00 EUR', '0.00 EUR']
    >>> year.by_deal_type.of("new_business").weighted
    Money('8000.00', 'EUR')
    """

    fiscal_year: int
    period: Period
    currency: str
    quarters: tuple[QuarterForecast, ...]
    year: Forecast
    by_deal_type: ForecastByDealType | None = None

    @classmethod
    def of(
        cls,
        deals: Iterable[Deal],
        *,
        fiscal_year: int,
        currency: str,
        calendar: FiscalCalendar | None = None,
    ) -> AnnualForecast:
        """The forecast of ``fiscal_year`` in ``calendar`` (UTC calendar
        years by default) from every deal (any order)."""
        deals = check_items("deals", deals, Deal)
        check_type("fiscal_year", fiscal_year, int)
        check_type("currency", currency, str, "a currency code (a str)")
        cal = calendar or _UTC
        deal_list = list(deals)
        quarters = []
        for number in range(1, 5):
            period = cal.quarter(fiscal_year, number)
            result = forecast(deal_list, period=period, currency=currency, calendar=cal)
            quarters.append(QuarterForecast(number, period, result.total))
        year = cal.year(fiscal_year)
        whole = forecast(deal_list, period=year, currency=currency, calendar=cal)
        by_type = forecast_by_deal_type(
            deal_list, period=year, currency=currency, calendar=cal
        )
        return cls(fiscal_year, year, currency, tuple(quarters), whole, by_type)

    def __repr__(self) -> str:
        """Short: what the report covers and how much is in it."""
        return f"<AnnualForecast {self.fiscal_year}: {len(self.quarters)} quarters, {self.currency}>"

    def to_html(self, locale: str = "en_US") -> str:
        """The report as HTML for ``locale`` (:meth:`render` as ``"html"``),
        every text escaped: what a notebook shows."""
        return self.render(locale, "html")

    def _repr_html_(self) -> str:
        return self.to_html("en_US")

    def render(self, locale: str, format: str = "text") -> str:
        """The forecast as a document in ``locale``: ``"text"``,
        ``"markdown"`` or ``"html"``."""
        title = t("reports.annual.title", locale, year=str(self.fiscal_year))
        total = self.year.total
        lines = [
            t("reports.period.covers", locale, span=span(self.period, locale)),
            t("reports.annual.won", locale, amount=total.closed_won),
            t("reports.annual.commit", locale, amount=total.commit_forecast),
            t("reports.annual.best_case", locale, amount=total.best_case_forecast),
            t("reports.annual.weighted", locale, amount=total.weighted),
        ]
        if self.year.undated:
            lines.append(t("reports.annual.undated", locale, deals=self.year.undated))
        headers = (
            t("reports.column.won_revenue", locale),
            t("reports.column.commit", locale),
            t("reports.column.best_case", locale),
            t("reports.column.weighted", locale),
            t("reports.column.open_total", locale),
        )
        right = (False, True, True, True, True, True)
        by_quarter = Table(
            (t("reports.column.quarter", locale), *headers),
            (
                *tuple(
                    _row(
                        t(
                            "reports.period.quarter_short",
                            locale,
                            quarter=str(q.number),
                        ),
                        q.line,
                        locale,
                    )
                    for q in self.quarters
                ),
                _row(t("reports.total", locale), total, locale),
            ),
            right,
        )
        by_owner = Table(
            (t("reports.column.owner", locale), *headers),
            (
                *tuple(
                    _row(line.owner or "", line, locale) for line in self.year.owners
                ),
                _row(t("reports.total", locale), total, locale),
            ),
            right,
        )
        sections = [
            Section(t("reports.annual.summary", locale), tuple(lines)),
            Section(t("reports.annual.by_quarter", locale), (), by_quarter),
            Section(t("reports.annual.by_owner", locale), (), by_owner),
        ]
        if self.by_deal_type is not None:
            sections.append(_by_type_section(self.by_deal_type, headers, locale))
        return render(title, sections, format)


def _by_type_section(
    by_type: ForecastByDealType, headers: tuple[str, ...], locale: str
) -> Section:
    """The year per deal type, every type in its order and the total, with
    the same figures as the other tables."""
    table = Table(
        (t("analytics.dimension.deal_type", locale), *headers),
        (
            *tuple(
                _row(row.label.render(locale), row.line, locale)
                for row in by_type.lines
            ),
            _row(t("reports.total", locale), by_type.total, locale),
        ),
        (False, True, True, True, True, True),
    )
    return Section(t("reports.by_deal_type", locale), (), table)


def _row(label: str, line: ForecastLine, locale: str) -> tuple[str, ...]:
    return (
        label,
        money(line.closed_won, locale),
        money(line.commit_forecast, locale),
        money(line.best_case_forecast, locale),
        money(line.weighted, locale),
        money(line.open_total, locale),
    )
