"""Win/loss analysis over a period: win rate against each competitor, lost
value by reason, by segment and by owner.

The deals counted are those closed (won or lost) in the period, placed in it
by the calendar's timezone. Amounts are converted to one ``currency`` at the
rate of the day each deal closed (``rates``; a deal in another currency
without rates is a :class:`~accountcore.errors.CurrencyMismatchError`), and
the sums are rounded once, at the end, to the currency's minor unit. A deal
without an amount counts as a deal, with no value.

>>> import pendulum
>>> from accountcore.money import Money
>>> from accountcore.periods import FiscalCalendar, Period
>>> from accountcore.pipeline import Pipeline
>>> from accountcore.competitors import CodedReason, Competitor, DealCompetition
>>> p, at = Pipeline.default(), pendulum.datetime(2026, 3, 2, tz="UTC")
>>> lost = p.new_deal("D-1", client_id="C-1", owner="anna", at=at, by="anna",
...                   amount=Money("8000", "EUR"))
>>> lost = p.advance(lost, "lost", at=at.add(days=9), by="anna", reason="price")
>>> report = win_loss([lost], [DealCompetition("D-1", (Competitor("Nordline"),),
...     lost_reason=CodedReason("price"), lost_to="Nordline")],
...     period=Period.month(2026, 3), calendar=FiscalCalendar(), currency="EUR")
>>> report.against[0]
CompetitorRecord(competitor='Nordline', won=0, lost=1, lost_value=Money('8000.00', 'EUR'), win_rate=Decimal('0'))
>>> report.by_reason
(LostValue(key='price', deals=1, value=Money('8000.00', 'EUR')),)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from accountcore.competitors.competitor import DealCompetition
from accountcore.competitors.reasons import LOST_REASONS, ReasonCodes
from accountcore.errors import CurrencyMismatchError, check_type
from accountcore.money import ExchangeRates, Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, Outcome

__all__ = ["CompetitorRecord", "LostValue", "WinLoss", "win_loss"]


@attrs.frozen
class CompetitorRecord:
    """Deals met against one competitor in the period: won, lost, the value
    lost, and the win rate won / (won + lost) (``None`` without deals).

    >>> CompetitorRecord("Nordline", 3, 1, Money("100.00", "EUR"), Decimal("0.75")).win_rate
    Decimal('0.75')
    """

    competitor: str
    won: int
    lost: int
    lost_value: Money
    win_rate: Decimal | None


@attrs.frozen
class LostValue:
    """Lost deals of one group (a reason code, a segment or an owner;
    ``None`` when the deal has none) and the value lost.

    >>> LostValue(None, 2, Money("0.00", "EUR")).key is None
    True
    """

    key: str | None
    deals: int
    value: Money


@attrs.frozen
class WinLoss:
    """The win/loss analysis of one period (see :func:`win_loss`): deals
    won and lost, the overall win rate, the records against each
    competitor, and the lost value by reason, segment and owner.

    >>> import pendulum
    >>> from accountcore.periods import FiscalCalendar
    >>> empty = win_loss([], [], period=Period.month(2026, 3),
    ...                  calendar=FiscalCalendar(), currency="EUR")
    >>> empty.won, empty.lost, empty.win_rate, empty.by_reason
    (0, 0, None, ())
    """

    period: Period
    currency: str
    won: int
    lost: int
    win_rate: Decimal | None
    against: tuple[CompetitorRecord, ...]
    by_reason: tuple[LostValue, ...]
    by_segment: tuple[LostValue, ...]
    by_owner: tuple[LostValue, ...]


def win_loss(
    deals: Iterable[Deal],
    competition: Iterable[DealCompetition],
    *,
    period: Period,
    calendar: FiscalCalendar,
    currency: str,
    rates: ExchangeRates | None = None,
    segments: Mapping[str, str] | None = None,
    reasons: ReasonCodes = LOST_REASONS,
) -> WinLoss:
    """Win/loss over the deals closed in ``period``. ``competition`` gives
    each deal's competitors and lost reason (by deal id; a deal without one
    met no known competitor and has no coded reason); ``segments`` maps a
    client id to its segment; lost reasons are checked against ``reasons``.
    Groups are sorted by key (``None`` first), competitors by name.

    >>> from accountcore.periods import FiscalCalendar
    >>> win_loss([], [], period=Period.month(2026, 3), calendar=FiscalCalendar(),
    ...          currency="EUR").currency
    'EUR'
    """
    check_type("period", period, Period)
    check_type("calendar", calendar, FiscalCalendar)
    known = {c.deal_id: c for c in competition}
    segment_of = {} if segments is None else dict(segments)
    zero = Money.zero(currency)
    total = _Tally(zero)
    against: dict[str, _Tally] = {}
    groups: dict[str, dict[str | None, _Tally]] = {
        "reason": {},
        "segment": {},
        "owner": {},
    }
    for deal in deals:
        check_type("deals[]", deal, Deal)
        closed = deal.closed_at
        if closed is None or deal.outcome is Outcome.OPEN:
            continue
        if calendar.contains(period, closed):
            value = _value(deal, closed, currency, rates, calendar)
            facts = known.get(deal.id)
            total.add(deal.outcome is Outcome.WON, value)
            _count(deal, value, facts, against, groups, segment_of, reasons, zero)
    return WinLoss(
        period,
        zero.currency,
        total.won,
        total.lost,
        total.rate,
        tuple(
            CompetitorRecord(
                name,
                against[name].won,
                against[name].lost,
                against[name].value.rounded(),
                against[name].rate,
            )
            for name in sorted(against)
        ),
        *(_lost_values(groups[name]) for name in ("reason", "segment", "owner")),
    )


def _count(  # noqa: PLR0917
    deal: Deal,
    value: Money | None,
    facts: DealCompetition | None,
    against: dict[str, _Tally],
    groups: dict[str, dict[str | None, _Tally]],
    segment_of: Mapping[str, str],
    reasons: ReasonCodes,
    zero: Money,
) -> None:
    """Count one closed deal against its competitors and, when lost, in its
    reason's, segment's and owner's groups."""
    won = deal.outcome is Outcome.WON
    for name in () if facts is None else facts.names:
        against.setdefault(name, _Tally(zero)).add(won, value)
    if won:
        return
    reason = None if facts is None else facts.lost_reason
    code = None if reason is None else reasons.check(reason.code)
    for name, key in (
        ("reason", code),
        ("segment", segment_of.get(deal.client_id)),
        ("owner", deal.owner),
    ):
        groups[name].setdefault(key, _Tally(zero)).add(won, value)


class _Tally:
    """Deals won and lost, and the value lost (unrounded)."""

    __slots__ = ("lost", "value", "won")

    def __init__(self, zero: Money) -> None:
        self.won = 0
        self.lost = 0
        self.value = zero

    def add(self, won: bool, value: Money | None) -> None:
        if won:
            self.won += 1
            return
        self.lost += 1
        if value is not None:
            self.value = self.value + value

    @property
    def rate(self) -> Decimal | None:
        if self.won + self.lost == 0:
            return None
        return Decimal(self.won) / Decimal(self.won + self.lost)


def _value(
    deal: Deal,
    closed: _dt.datetime,
    currency: str,
    rates: ExchangeRates | None,
    calendar: FiscalCalendar,
) -> Money | None:
    """The deal's amount in ``currency`` at the rate of the day it closed."""
    amount = deal.amount
    if amount is None or amount.currency == currency:
        return amount
    if rates is None:
        raise CurrencyMismatchError("win_loss", amount, Money.zero(currency))
    return amount.convert(currency, rates, calendar.date_of(closed))


def _lost_values(group: dict[str | None, _Tally]) -> tuple[LostValue, ...]:
    ordered = sorted(group, key=lambda key: (key is not None, key or ""))
    return tuple(
        LostValue(key, group[key].lost, group[key].value.rounded()) for key in ordered
    )
