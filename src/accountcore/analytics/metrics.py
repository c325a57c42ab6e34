"""Pipeline metrics: win rate, stage conversion, sales cycle, velocity,
coverage, stale deals and slippage.

Every function reads real :class:`~accountcore.pipeline.Deal` values (their
outcome, amounts and history) and takes the period or moment as a
parameter; dates of aware moments are taken in the ``calendar``'s timezone
(UTC by default).

>>> import datetime as dt, pendulum
>>> from accountcore.money import Money
>>> from accountcore.pipeline import Pipeline
>>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
>>> d = p.new_deal("D-1", client_id="C", owner="anna", at=t0, by="anna",
...                amount=Money(900, "EUR"), contact="Mari")
>>> won = p.advance(d, "contract_signed", at=t0.add(days=30), by="anna")
>>> average_sales_cycle([won], period=Period.quarter(2026, 1))
Decimal('30')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from accountcore.analytics._checks import deal_args
from accountcore.analytics.errors import AnalyticsInputError
from accountcore.analytics.forecast import _instants
from accountcore.errors import CurrencyMismatchError, check_type
from accountcore.money import Money, _make
from accountcore.periods import FiscalCalendar, Period, require_aware
from accountcore.pipeline import (
    CloseDateChange,
    Deal,
    ForecastCategory,
    Outcome,
    Pipeline,
)
from accountcore.relationship.activities import Activity, last_activities

__all__ = [
    "Conversion",
    "Coverage",
    "SalesVelocity",
    "Slip",
    "Slippage",
    "StaleDeal",
    "WinRate",
    "average_sales_cycle",
    "pipeline_coverage",
    "sales_velocity",
    "slippage",
    "stage_conversion",
    "stale_deals",
    "win_rate",
]

_OPEN, _WON, _LOST = Outcome.OPEN, Outcome.WON, Outcome.LOST
_ZERO = Decimal(0)
_UTC = FiscalCalendar()


def _closed_in(
    deals: Iterable[Deal], period: Period, calendar: FiscalCalendar | None
) -> list[Deal]:
    low, high = _instants(calendar or _UTC, period)
    return [
        deal
        for deal in deals
        if deal.outcome is not _OPEN
        and deal.closed_at is not None
        and low <= deal.closed_at < high
    ]


def _amount(deal: Deal, currency: str) -> Decimal:
    money = deal.amount
    if money is None:
        return _ZERO
    if money.currency != currency:
        raise CurrencyMismatchError("add", Money.zero(currency), money)
    return money.amount


# --- win rate -----------------------------------------------------------------


@attrs.frozen
class WinRate:
    """Deals won and lost in a period, by count and by value.

    ``by_count`` is won ÷ (won + lost); ``by_value`` is the won amount ÷ the
    won and lost amounts (deals without an amount count in the count only).
    Both are ``None`` when nothing closed.

    >>> WinRate(1, 3, Money(600, "EUR"), Money(400, "EUR"), Decimal("0.25"), Decimal("0.6")).by_value
    Decimal('0.6')
    """

    won: int
    lost: int
    won_value: Money
    lost_value: Money
    by_count: Decimal | None
    by_value: Decimal | None


def win_rate(
    deals: Iterable[Deal],
    *,
    period: Period,
    currency: str,
    calendar: FiscalCalendar | None = None,
) -> WinRate:
    """The win rate of the deals closed in ``period``.

    >>> import pendulum
    >>> from accountcore.pipeline import Pipeline
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> def closed(id, amount, to):
    ...     d = p.new_deal(id, client_id="C", owner="a", at=t0, by="a",
    ...                    amount=Money(amount, "EUR"), contact="Mari")
    ...     return p.advance(d, to, at=t0.add(days=9), by="a", reason="price")
    >>> deals = [closed("D-1", 6000, "contract_signed"), closed("D-2", 1000, "lost"),
    ...          closed("D-3", 3000, "lost")]
    >>> rate = win_rate(deals, period=Period.quarter(2026, 1), currency="EUR")
    >>> # by count 1 / 3; by value 6,000 / (6,000 + 1,000 + 3,000) = 0.6
    >>> str(rate.by_count)[:6], rate.by_value
    ('0.3333', Decimal('0.6'))
    """
    deals = deal_args(deals, period=period, calendar=calendar, currency=currency)
    won = lost = 0
    won_value = lost_value = _ZERO
    for deal in _closed_in(deals, period, calendar):
        amount = _amount(deal, currency)
        if deal.outcome is _WON:
            won += 1
            won_value += amount
        else:
            lost += 1
            lost_value += amount
    closed_value = won_value + lost_value
    return WinRate(
        won,
        lost,
        _make(won_value, currency),
        _make(lost_value, currency),
        Decimal(won) / (won + lost) if won + lost else None,
        won_value / closed_value if closed_value else None,
    )


# --- conversion ---------------------------------------------------------------


@attrs.frozen
class Conversion:
    """How many deals that reached ``from_stage`` went on to ``to_stage``.

    >>> Conversion("needs", "presentation", 10, 4, Decimal("0.4")).rate
    Decimal('0.4')
    """

    from_stage: str
    to_stage: str
    reached: int
    advanced: int
    rate: Decimal | None


def stage_conversion(
    deals: Iterable[Deal], *, pipeline: Pipeline
) -> tuple[Conversion, ...]:
    """Stage-to-stage conversion along ``pipeline``'s open stages and then
    its first won stage.

    A deal *reached* a stage if it ever entered it or any later stage of
    that sequence (a skipped stage counts as passed). Conversion from one
    stage to the next is reached(next) ÷ reached(this). Pass the cohort you
    want measured (for instance the deals created in a quarter).

    >>> import pendulum
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> def moved(id, *stages):
    ...     d = p.new_deal(id, client_id="C", owner="a", at=t0, by="a",
    ...                    amount=Money(100, "EUR"), contact="Mari",
    ...                    expected_close=t0.date())
    ...     for n, stage in enumerate(stages, 1):
    ...         d = p.advance(d, stage, at=t0.add(days=n), by="a", reason="x")
    ...     return d
    >>> deals = [moved("D-1", "preparation"), moved("D-2", "preparation", "contact"),
    ...          moved("D-3", "needs"), moved("D-4")]
    >>> first = stage_conversion(deals, pipeline=p)[:3]
    >>> # appointment 4; preparation 3 (D-3 skipped it: counts); contact 2; needs 1
    >>> [(c.from_stage, c.to_stage, c.reached, c.advanced, str(c.rate)[:4]) for c in first]
    [('appointment', 'preparation', 4, 3, '0.75'), ('preparation', 'contact', 3, 2, '0.66'), ('contact', 'needs', 2, 1, '0.5')]
    """
    deals = deal_args(deals, pipeline=pipeline)
    open_keys = [s.key for s in pipeline.stages if s.outcome is _OPEN]
    won_keys = [s.key for s in pipeline.stages if s.outcome is _WON]
    sequence = open_keys + won_keys[:1]
    index = {key: i for i, key in enumerate(open_keys)}
    top = len(sequence) - 1
    for key in won_keys:
        index[key] = top
    reached = [0] * len(sequence)
    for deal in deals:
        furthest = -1
        for stage in deal.history.stages():
            position = index.get(stage, -1)
            furthest = max(furthest, position)
        for i in range(furthest + 1):
            reached[i] += 1
    return tuple(
        Conversion(
            sequence[i],
            sequence[i + 1],
            reached[i],
            reached[i + 1],
            Decimal(reached[i + 1]) / reached[i] if reached[i] else None,
        )
        for i in range(top)
    )


# --- sales cycle, velocity, coverage ------------------------------------------


def average_sales_cycle(
    deals: Iterable[Deal],
    *,
    period: Period,
    calendar: FiscalCalendar | None = None,
) -> Decimal | None:
    """The mean number of days from creation to the win, over the deals won
    in ``period`` (``None`` if none). Days are counted between calendar
    dates in the ``calendar``'s timezone.

    >>> import pendulum
    >>> from accountcore.pipeline import Pipeline
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> def won(id, days):
    ...     d = p.new_deal(id, client_id="C", owner="a", at=t0, by="a",
    ...                    amount=Money(1000, "EUR"), contact="Mari")
    ...     return p.advance(d, "contract_signed", at=t0.add(days=days), by="a")
    >>> # won after 10 and 25 days: (10 + 25) / 2 = 17.5
    >>> average_sales_cycle([won("D-1", 10), won("D-2", 25)], period=Period.quarter(2026, 1))
    Decimal('17.5')
    """
    deals = deal_args(deals, period=period, calendar=calendar)
    date_of = (calendar or _UTC).date_of
    days = [
        (date_of(deal.closed_at) - date_of(deal.created_at)).days  # type: ignore[arg-type]
        for deal in _closed_in(deals, period, calendar)
        if deal.outcome is _WON
    ]
    return Decimal(sum(days)) / len(days) if days else None


@attrs.frozen
class SalesVelocity:
    """Sales velocity and its four factors.

    ``per_day`` = ``open_deals`` × ``average_won`` × ``win_rate`` ÷
    ``cycle_days``, rounded to the currency's minor unit; ``None`` when a
    factor is unknown (nothing won or closed in the period).

    >>> SalesVelocity(3, None, None, None, None).per_day is None
    True
    """

    open_deals: int
    average_won: Money | None
    win_rate: Decimal | None
    cycle_days: Decimal | None
    per_day: Money | None


def sales_velocity(
    deals: Iterable[Deal],
    *,
    period: Period,
    currency: str,
    calendar: FiscalCalendar | None = None,
) -> SalesVelocity:
    """How much revenue the pipeline produces per day: open opportunities
    (all open deals given) × the average won deal × the win rate by count
    × (1 ÷ the average sales cycle), the last three measured on the deals
    closed in ``period``.

    >>> import pendulum
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> def deal(id, amount, to=None, days=0):
    ...     d = p.new_deal(id, client_id="C", owner="a", at=t0, by="a",
    ...                    amount=Money(amount, "EUR"), contact="Mari")
    ...     return p.advance(d, to, at=t0.add(days=days), by="a", reason="x") if to else d
    >>> deals = [deal("W-1", 4000, "contract_signed", 20), deal("W-2", 6000, "contract_signed", 40),
    ...          deal("L-1", 9000, "lost", 10), deal("L-2", 9000, "lost", 10)]
    >>> deals += [deal(f"O-{n}", 1000) for n in range(10)]
    >>> v = sales_velocity(deals, period=Period.quarter(2026, 1), currency="EUR")
    >>> # 10 open × 5,000 average won × 2/4 win rate ÷ 30 days = 833.33 per day
    >>> v.open_deals, v.average_won, v.win_rate, v.cycle_days, v.per_day
    (10, Money('5000', 'EUR'), Decimal('0.5'), Decimal('30'), Money('833.33', 'EUR'))
    """
    deals = deal_args(deals, period=period, calendar=calendar, currency=currency)
    pool = list(deals)
    open_deals = sum(1 for deal in pool if deal.outcome is _OPEN)
    rate = win_rate(pool, period=period, currency=currency, calendar=calendar)
    cycle = average_sales_cycle(pool, period=period, calendar=calendar)
    average = _make(rate.won_value.amount / rate.won, currency) if rate.won else None
    per_day = None
    if average is not None and rate.by_count is not None and cycle:
        per_day = _make(
            open_deals * average.amount * rate.by_count / cycle, currency
        ).rounded()
    return SalesVelocity(open_deals, average, rate.by_count, cycle, per_day)


@attrs.frozen
class Coverage:
    """Open pipeline against what is left of the quota.

    ``ratio`` = ``open_pipeline`` ÷ ``remaining``; ``None`` once the quota
    is met (nothing remains to cover).

    >>> eur = Money(0, "EUR")
    >>> Coverage(eur, eur, eur, eur, None).ratio is None
    True
    """

    open_pipeline: Money
    won: Money
    quota: Money
    remaining: Money
    ratio: Decimal | None


def pipeline_coverage(
    deals: Iterable[Deal],
    *,
    period: Period,
    quota: Money,
    calendar: FiscalCalendar | None = None,
) -> Coverage:
    """Pipeline coverage of ``period``: the open deals expected to close in
    it (forecast category not omitted) over the quota not yet won.

    >>> import datetime as dt, pendulum
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> def deal(id, amount, won=False):
    ...     d = p.new_deal(id, client_id="C", owner="a", at=t0, by="a", contact="Mari",
    ...                    amount=Money(amount, "EUR"), expected_close=dt.date(2026, 3, 1))
    ...     return p.advance(d, "contract_signed", at=t0.add(days=5), by="a") if won else d
    >>> deals = [deal("W", 40_000, won=True), deal("O-1", 90_000), deal("O-2", 30_000)]
    >>> c = pipeline_coverage(deals, period=Period.quarter(2026, 1), quota=Money(100_000, "EUR"))
    >>> # remaining 100,000 − 40,000 = 60,000; open 120,000 → 2× coverage
    >>> c.remaining, c.ratio
    (Money('60000', 'EUR'), Decimal('2'))
    """
    deals = deal_args(deals, period=period, calendar=calendar)
    check_type("quota", quota, Money)
    currency = quota.currency
    start, end = period.start, period.end
    pool = list(deals)
    open_total = _ZERO
    for deal in pool:
        close = deal.expected_close
        if (
            deal.outcome is _OPEN
            and close is not None
            and start <= close < end
            and deal.forecast_category is not ForecastCategory.OMITTED
        ):
            open_total += _amount(deal, currency)
    won = sum(
        (
            _amount(deal, currency)
            for deal in _closed_in(pool, period, calendar)
            if deal.outcome is _WON
        ),
        _ZERO,
    )
    remaining = quota.amount - won
    return Coverage(
        _make(open_total, currency),
        _make(won, currency),
        quota,
        _make(remaining, currency),
        open_total / remaining if remaining > 0 else None,
    )


# --- stale deals and slippage -------------------------------------------------


@attrs.frozen
class StaleDeal:
    """An open deal that has stayed in its stage longer than the norm.

    >>> StaleDeal("D-1", "anna", "needs", _dt.date(2026, 1, 6), 39, 14, 25).days_over
    25
    """

    deal_id: str
    owner: str
    stage: str
    since: _dt.date
    days_in_stage: int
    norm: int
    days_over: int
    last_activity: _dt.date | None = None


def stale_deals(
    deals: Iterable[Deal],
    *,
    at: _dt.datetime,
    norms: Mapping[str, int],
    calendar: FiscalCalendar | None = None,
    activities: Iterable[Activity] | None = None,
) -> tuple[StaleDeal, ...]:
    """Open deals whose days in their current stage exceed the stage's norm
    (``norms``: stage key → days; stages without a norm are not judged),
    the most overdue first, then by deal id.

    Given ``activities``, a deal worked on is not stale: one whose last
    activity that took place (up to ``at``, see
    :func:`~accountcore.relationship.last_activities`) is within the norm
    of days is left out, and each stale deal carries the day of its last
    activity (``None``: none).

    >>> import pendulum
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> d = p.new_deal("D-1", client_id="C", owner="anna", at=t0, by="anna")
    >>> d = p.advance(d, "needs", at=t0.add(days=2), by="anna")
    >>> [(s.deal_id, s.days_in_stage, s.days_over) for s in stale_deals([d], at=t0.add(days=30), norms={"needs": 14})]
    [('D-1', 28, 14)]
    """
    deals = deal_args(deals, calendar=calendar)
    check_type("norms", norms, Mapping, "a mapping of stage key to days")
    moment = require_aware(at, "at")
    for stage, days in norms.items():
        if type(days) is not int or days < 0:
            raise AnalyticsInputError(
                f"norms[{stage!r}]", days, "give whole days, 0 or more"
            )
    date_of = (calendar or _UTC).date_of
    today = date_of(moment)
    worked = (
        None
        if activities is None
        else {
            deal_id: date_of(activity.at)
            for deal_id, activity in last_activities(
                activities, per="deal", at=moment
            ).items()
        }
    )
    found = []
    for deal in deals:
        if deal.outcome is not _OPEN or deal.stage not in norms:
            continue
        since = date_of(_entered_stage(deal))
        days = (today - since).days
        norm = norms[deal.stage]
        last = None if worked is None else worked.get(deal.id)
        if days > norm and (last is None or (today - last).days > norm):
            found.append(
                StaleDeal(
                    deal.id,
                    deal.owner,
                    deal.stage,
                    since,
                    days,
                    norm,
                    days - norm,
                    last,
                )
            )
    found.sort(key=lambda s: (-s.days_over, s.deal_id))
    return tuple(found)


def _entered_stage(deal: Deal) -> _dt.datetime:
    moved = deal.history.moved_at()
    return deal.created_at if moved is None else moved


@attrs.frozen
class Slip:
    """One push of a deal's expected close date to a later date.

    >>> import pendulum
    >>> Slip("D-1", "anna", pendulum.datetime(2026, 1, 25, tz="UTC"),
    ...      _dt.date(2026, 2, 1), _dt.date(2026, 2, 15), 14).days
    14
    """

    deal_id: str
    owner: str
    at: _dt.datetime
    before: _dt.date
    after: _dt.date
    days: int


@attrs.frozen
class Slippage:
    """Close dates pushed back during a period.

    ``deals`` counts distinct deals pushed, ``pushes`` the pushes,
    ``total_days`` their days; ``average_days`` is per push.

    >>> Slippage((), 0, 0, 0, None).average_days is None
    True
    """

    slips: tuple[Slip, ...]
    deals: int
    pushes: int
    total_days: int
    average_days: Decimal | None


def slippage(
    deals: Iterable[Deal],
    *,
    period: Period,
    calendar: FiscalCalendar | None = None,
) -> Slippage:
    """Every change of an expected close date *to a later date* made during
    ``period`` (changes setting a first date, clearing it or pulling it in
    are not slips), in time order, then by deal id.

    >>> import datetime as dt, pendulum
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> d = p.new_deal("D-1", client_id="C", owner="anna", at=t0, by="anna",
    ...                expected_close=dt.date(2026, 2, 1))
    >>> d = d.with_expected_close(dt.date(2026, 2, 15), at=t0.add(days=20), by="anna")
    >>> d = d.with_expected_close(dt.date(2026, 3, 31), at=t0.add(days=35), by="anna")
    >>> s = slippage([d], period=Period.quarter(2026, 1))
    >>> # 1 Feb → 15 Feb: 14 days; 15 Feb → 31 Mar: 44 days
    >>> s.deals, s.pushes, s.total_days, s.average_days
    (1, 2, 58, Decimal('29'))
    """
    deals = deal_args(deals, period=period, calendar=calendar)
    date_of = (calendar or _UTC).date_of
    start, end = period.start, period.end
    slips = []
    for deal in deals:
        for event in deal.history.of_kind(CloseDateChange):
            before, after = event.before, event.after
            if (
                before is not None
                and after is not None
                and after > before
                and start <= date_of(event.at) < end
            ):
                slips.append(
                    Slip(
                        deal.id,
                        deal.owner,
                        event.at,
                        before,
                        after,
                        (after - before).days,
                    )
                )
    slips.sort(key=lambda s: (s.at, s.deal_id))
    total = sum(s.days for s in slips)
    return Slippage(
        tuple(slips),
        len({s.deal_id for s in slips}),
        len(slips),
        total,
        Decimal(total) / len(slips) if slips else None,
    )
