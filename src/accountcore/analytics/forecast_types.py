"""The forecast broken down by deal type: new business, upsell, cross-sell,
renewal and repeat order.

:func:`forecast_by_deal_type` runs :func:`~accountcore.analytics.forecast`
on each type's deals and keeps the whole forecast's total beside them. The
types always add up to that total, to the cent: each figure is rounded per
owner and type, and where that rounding leaves the types a cent or two off
the whole, the difference goes to the type with the largest figure (the
first such type in :class:`~accountcore.pipeline.DealType` order).

>>> import datetime as dt, pendulum
>>> from accountcore.money import Money
>>> from accountcore.pipeline import Pipeline
>>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
>>> def deal(id, amount, kind):
...     d = p.new_deal(id, client_id="C", owner="anna", at=t0, by="anna", deal_type=kind,
...                    amount=Money(amount, "EUR"), expected_close=dt.date(2026, 3, 20))
...     return p.advance(d, "negotiation", at=t0.add(days=1), by="anna")
>>> deals = [deal("D-1", 10_000, "new_business"), deal("D-2", 4_000, "renewal")]
>>> result = forecast_by_deal_type(deals, period=Period.quarter(2026, 1), currency="EUR")
>>> # new business 10,000 × 0.80 = 8,000; renewal 4,000 × 0.80 = 3,200
>>> [(row.deal_type.value, str(row.line.weighted.amount)) for row in result.lines if row.line.deals]
[('new_business', '8000.00'), ('renewal', '3200.00')]
>>> result.total.weighted
Money('11200.00', 'EUR')
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from accountcore.analytics.forecast import _FIELDS, ForecastLine, forecast
from accountcore.errors import check_items, check_type
from accountcore.i18n import Message
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, DealType, deal_type_label

__all__ = ["DealTypeLine", "ForecastByDealType", "forecast_by_deal_type"]

# the figures rounded on their own; open_total is their sum, set after
_ROUNDED = ("weighted", "commit", "best_case", "pipeline", "closed_won", "omitted")


@attrs.frozen
class DealTypeLine:
    """One deal type's forecast (``line.owner`` is ``None``).

    >>> zero = Money("0.00", "EUR")
    >>> DealTypeLine(DealType.RENEWAL, ForecastLine(None, 0, *[zero] * 7)).label.render("et_EE")
    'Lepingu pikendamine'
    """

    deal_type: DealType
    line: ForecastLine

    @property
    def label(self) -> Message:
        """The type's name, through the catalog (``pipeline.deal_type.*``)."""
        return deal_type_label(self.deal_type)


@attrs.frozen
class ForecastByDealType:
    """A period's forecast per deal type: one line per type, every type in
    :class:`~accountcore.pipeline.DealType` order (a type without deals has
    a line of zeros), and ``total``, the whole forecast's total, which the
    lines add up to.

    >>> empty = forecast_by_deal_type([], period=Period.month(2026, 1), currency="EUR")
    >>> [row.deal_type.value for row in empty.lines][:2], empty.of("renewal").weighted
    (['new_business', 'upsell'], Money('0.00', 'EUR'))
    """

    period: Period
    currency: str
    lines: tuple[DealTypeLine, ...]
    total: ForecastLine

    def of(self, deal_type: DealType | str) -> ForecastLine:
        """The line of ``deal_type`` (a type or its value)."""
        kind = DealType(deal_type)
        return next(row.line for row in self.lines if row.deal_type is kind)


def forecast_by_deal_type(
    deals: Iterable[Deal],
    *,
    period: Period,
    currency: str,
    calendar: FiscalCalendar | None = None,
    by_splits: bool = True,
) -> ForecastByDealType:
    """The forecast of ``period`` per deal type, with the same rules and
    arguments as :func:`~accountcore.analytics.forecast`; the types add up
    to the whole forecast's total to the cent (see the module's text).
    """
    deals = check_items("deals", deals, Deal)
    check_type("period", period, Period)
    groups: dict[DealType, list[Deal]] = {kind: [] for kind in DealType}
    for deal in deals:
        groups[deal.deal_type].append(deal)

    def total(group: Iterable[Deal]) -> ForecastLine:
        return forecast(
            group,
            period=period,
            currency=currency,
            calendar=calendar,
            by_splits=by_splits,
        ).total

    whole = total(deals)
    parts = _reconciled([total(groups[kind]) for kind in DealType], whole)
    lines = tuple(
        DealTypeLine(kind, line) for kind, line in zip(DealType, parts, strict=True)
    )
    return ForecastByDealType(period, currency, lines, whole)


def _reconciled(parts: list[ForecastLine], whole: ForecastLine) -> list[ForecastLine]:
    """The type lines with any rounding difference to ``whole`` moved onto
    the type with the largest figure, field by field; each line's open
    total is then the sum of its commit, best case and pipeline, as in
    :func:`~accountcore.analytics.forecast`."""
    figures = [{name: getattr(line, name) for name in _FIELDS} for line in parts]
    for name in _ROUNDED:
        values: list[Money] = [row[name] for row in figures]
        gap = getattr(whole, name) - sum(values[1:], values[0])
        if gap.amount:
            largest = max(range(len(values)), key=lambda i: (abs(values[i].amount), -i))
            figures[largest][name] = values[largest] + gap
    out = []
    for line, row in zip(parts, figures, strict=True):
        row["open_total"] = row["commit"] + row["best_case"] + row["pipeline"]
        out.append(attrs.evolve(line, **row))
    return out
