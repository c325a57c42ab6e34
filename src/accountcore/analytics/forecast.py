"""The forecast for a period: weighted pipeline and forecast categories.

Open deals count in the period of their expected close date, won deals in
the period of their close (in the calendar's timezone). Each deal's amount
goes to its owners through its splits.

>>> import datetime as dt, pendulum
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.pipeline import Pipeline
>>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
>>> deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna",
...                   amount=Money(10_000, "EUR"), expected_close=dt.date(2026, 2, 27))
>>> deal = p.advance(deal, "negotiation", at=t0.add(days=3), by="anna")
>>> result = forecast([deal], period=Period.quarter(2026, 1), currency="EUR")
>>> result.total.weighted, result.total.commit   # 10,000 × 0.80 in negotiation
(Money('8000.00', 'EUR'), Money('10000.00', 'EUR'))
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

import attrs

from accountcore.analytics._checks import deal_args
from accountcore.analytics.clientbase import _EXACT
from accountcore.errors import CurrencyMismatchError, UnknownKeyError
from accountcore.i18n import N_, Message
from accountcore.money import _QUANTUM, Money, _make
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, ForecastCategory, Outcome, Split

__all__ = ["Forecast", "ForecastLine", "category_message", "forecast"]

_OPEN, _WON = Outcome.OPEN, Outcome.WON
_ZERO = Decimal(0)
_FIELDS = (
    "open_total",
    "weighted",
    "commit",
    "best_case",
    "pipeline",
    "closed_won",
    "omitted",
)
# slot of each forecast category among the accumulators (open deals)
_SLOT = {
    ForecastCategory.COMMIT: 2,
    ForecastCategory.BEST_CASE: 3,
    ForecastCategory.PIPELINE: 4,
    ForecastCategory.CLOSED: 5,
    ForecastCategory.OMITTED: 6,
}
_CATEGORY_MESSAGES = {
    ForecastCategory.COMMIT: N_("analytics.forecast.category.commit"),
    ForecastCategory.BEST_CASE: N_("analytics.forecast.category.best_case"),
    ForecastCategory.PIPELINE: N_("analytics.forecast.category.pipeline"),
    ForecastCategory.CLOSED: N_("analytics.forecast.category.closed_won"),
    ForecastCategory.OMITTED: N_("analytics.forecast.category.omitted"),
}


def category_message(category: ForecastCategory) -> Message:
    """The name of a forecast category, as a message for any locale.

    >>> category_message(ForecastCategory.BEST_CASE).render("ja_JP")
    '最善達成予測'
    >>> category_message(None)
    Traceback (most recent call last):
    ...
    accountcore.errors.UnknownKeyError: Unknown forecast category None: expected one of 'best_case', 'closed', 'commit', 'omitted', 'pipeline'.
    """
    found = (
        _CATEGORY_MESSAGES.get(category)
        if isinstance(category, ForecastCategory)
        else None
    )
    if found is None:
        raise UnknownKeyError(
            "forecast category", category, [c.value for c in _CATEGORY_MESSAGES]
        )
    return Message.of(found)


@attrs.frozen
class ForecastLine:
    """One owner's forecast (or the total, ``owner=None``), rounded to the
    currency's minor unit.

    Each open deal's amount is in exactly one of ``commit``, ``best_case``,
    ``pipeline`` or ``omitted``; ``open_total`` is the open amount not
    omitted and ``weighted`` its sum of amount × probability. ``closed_won``
    is what was won in the period. The usual cumulative views are
    :attr:`commit_forecast` and :attr:`best_case_forecast`.

    >>> m = lambda n: Money(n, "EUR")
    >>> line = ForecastLine("anna", 3, m(150), m(90), m(100), m(50), m(0), m(70), m(0))
    >>> line.commit_forecast, line.best_case_forecast
    (Money('170', 'EUR'), Money('220', 'EUR'))
    """

    owner: str | None
    deals: int
    open_total: Money
    weighted: Money
    commit: Money
    best_case: Money
    pipeline: Money
    closed_won: Money
    omitted: Money

    @property
    def commit_forecast(self) -> Money:
        """Won so far plus the committed deals."""
        return self.closed_won + self.commit

    @property
    def best_case_forecast(self) -> Money:
        """Won so far plus the committed and the best-case deals."""
        return self.closed_won + self.commit + self.best_case


@attrs.frozen
class Forecast:
    """The forecast of a period: one line per owner (sorted) and the total.

    The total of every figure is the sum of the owners' rounded figures.
    ``undated`` counts open deals without an expected close date (they
    cannot be placed in a period); ``unpriced`` counts deals of the period
    without an amount. Neither is in the figures.

    >>> empty = forecast([], period=Period.month(2026, 1), currency="EUR")
    >>> empty.owners, empty.total.weighted, empty.of("anna").weighted
    ((), Money('0.00', 'EUR'), Money('0.00', 'EUR'))
    """

    period: Period
    currency: str
    owners: tuple[ForecastLine, ...]
    total: ForecastLine
    undated: int
    unpriced: int

    def of(self, owner: str) -> ForecastLine:
        """The line of ``owner`` (all zero if the owner has nothing)."""
        for line in self.owners:
            if line.owner == owner:
                return line
        zero = Money.zero(self.currency).rounded()
        return ForecastLine(owner, 0, *([zero] * len(_FIELDS)))


def forecast(
    deals: Iterable[Deal],
    *,
    period: Period,
    currency: str,
    calendar: FiscalCalendar | None = None,
    by_splits: bool = True,
) -> Forecast:
    """Weighted pipeline and forecast categories of ``period``, per owner
    and in total.

    An open deal counts when its expected close date is in ``period``, a
    won deal when it closed in ``period`` (the close moment taken in the
    ``calendar``'s timezone, UTC by default). Amounts go to owners by the
    deal's splits (``by_splits=False`` gives each deal wholly to its owner).
    Every deal must be in ``currency``.

    >>> import datetime as dt, pendulum
    >>> from accountcore.pipeline import Pipeline
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> def deal(id, owner, amount, stage):
    ...     d = p.new_deal(id, client_id="C", owner=owner, at=t0, by=owner,
    ...                    amount=Money(amount, "EUR"), expected_close=dt.date(2026, 3, 20),
    ...                    contact="Mari")
    ...     return p.advance(d, stage, at=t0.add(days=1), by=owner)
    >>> deals = [deal("D-1", "anna", 10_000, "negotiation"),   # commit, 0.80
    ...          deal("D-2", "anna", 5_000, "presentation"),   # best case, 0.45
    ...          deal("D-3", "bert", 8_000, "needs"),          # pipeline, 0.30
    ...          deal("D-4", "bert", 3_000, "contract_signed")]  # won on 6 January
    >>> result = forecast(deals, period=Period.quarter(2026, 1), currency="EUR")
    >>> # anna: weighted 10,000 × 0.80 + 5,000 × 0.45 = 8,000 + 2,250 = 10,250
    >>> # bert: weighted 8,000 × 0.30 = 2,400; closed won 3,000
    >>> [(line.owner, str(line.weighted.amount), str(line.closed_won.amount)) for line in result.owners]
    [('anna', '10250.00', '0.00'), ('bert', '2400.00', '3000.00')]
    >>> result.total.weighted, result.total.open_total, result.total.best_case_forecast
    (Money('12650.00', 'EUR'), Money('23000.00', 'EUR'), Money('18000.00', 'EUR'))
    """
    deals = deal_args(deals, period=period, calendar=calendar, currency=currency)
    calendar = calendar if calendar is not None else FiscalCalendar()
    start, end = period.start, period.end
    low, high = _instants(calendar, period)
    sums: dict[str, list[Decimal]] = {}
    counts: dict[str, int] = {}
    undated = unpriced = 0
    for deal in deals:
        outcome = deal.outcome
        if outcome is _OPEN:
            close = deal.expected_close
            if close is None:
                undated += 1
                continue
            if not start <= close < end:
                continue
        elif outcome is _WON:
            closed = deal.closed_at
            if closed is None or not low <= closed < high:
                continue
        else:
            continue
        money = deal.amount
        if money is None:
            unpriced += 1
            continue
        if money.currency is not currency and money.currency != currency:
            raise CurrencyMismatchError("forecast", Money.zero(currency), money)
        amount = money.amount
        probability: Decimal | None = None
        if outcome is _WON:
            slot = 5
        else:
            slot = _SLOT[deal.forecast_category]
            if slot != 6:
                probability = deal.probability
        for owner, part in _parts(deal, amount, currency, by_splits):
            row = sums.get(owner)
            if row is None:
                row = sums[owner] = [_ZERO] * 7
                counts[owner] = 0
            counts[owner] += 1
            row[slot] += part
            if probability is not None:
                row[1] += part * probability
    lines = tuple(
        _line(owner, counts[owner], sums[owner], currency) for owner in sorted(sums)
    )
    return Forecast(period, currency, lines, _total(lines, currency), undated, unpriced)


def _instants(calendar: FiscalCalendar, period: Period) -> tuple[_dt.datetime, ...]:
    """The period's first and end instants in the calendar's zone, as UTC
    datetimes: comparing instants is cheaper than converting every moment."""
    return tuple(
        _dt.datetime.fromtimestamp(moment.timestamp(), tz=_dt.UTC)
        for moment in (calendar.start_of(period), calendar.end_of(period))
    )


def _parts(
    deal: Deal, amount: Decimal, currency: str, by_splits: bool
) -> tuple[tuple[str, Decimal], ...]:
    """Who the deal's ``amount`` goes to: its owners by its splits (or its
    owner alone without ``by_splits``), each with their part."""
    splits = deal.splits if by_splits else ()
    if len(splits) <= 1:
        return ((splits[0].owner if splits else deal.owner, amount),)
    # to the cent, largest remainder: the parts add up to the deal
    return _split(amount, currency, splits)


def _split(
    amount: Decimal, currency: str, splits: tuple[Split, ...]
) -> tuple[tuple[str, Decimal], ...]:
    """The amount shared by the splits to the minor unit, largest remainder
    first, ties to the earlier split: what ``Money.allocate`` does, on the
    ``Decimal`` shares directly (the forecast's hot path)."""
    unit = _QUANTUM[currency]
    whole = amount.quantize(unit, rounding=ROUND_HALF_UP)
    with localcontext(_EXACT):  # products and remainders without rounding
        exact = [whole * split.share for split in splits]
        parts = [value.quantize(unit, rounding=ROUND_FLOOR) for value in exact]
        left = int((whole - sum(parts, _ZERO)) / unit)
        remainders = [part - value for part, value in zip(parts, exact, strict=True)]
    if left:
        order = sorted(range(len(parts)), key=lambda i: (remainders[i], i))
        for i in order[:left]:
            parts[i] += unit
    return tuple((split.owner, part) for split, part in zip(splits, parts, strict=True))


def _line(owner: str, count: int, row: list[Decimal], currency: str) -> ForecastLine:
    _, weighted, commit, best, pipeline, won, omitted = (
        _make(value, currency).rounded() for value in row
    )
    open_total = commit + best + pipeline  # the sum of its rounded parts
    return ForecastLine(
        owner, count, open_total, weighted, commit, best, pipeline, won, omitted
    )


def _total(lines: tuple[ForecastLine, ...], currency: str) -> ForecastLine:
    zero = Money.zero(currency).rounded()
    figures = [sum((getattr(line, name) for line in lines), zero) for name in _FIELDS]
    return ForecastLine(None, sum(line.deals for line in lines), *figures)
