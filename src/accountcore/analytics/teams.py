"""Team roll-ups: forecast, results and attainment up the hierarchy.

:func:`roll_up` adds a manager's own figures and those of everyone below
them (the hierarchy of the period's last day): the forecast lines of
:func:`~accountcore.analytics.forecast.forecast`, the credited results of
the commission statements and the quota targets, exactly (sums of the
rounded per-owner figures). A manager's own call on the team's forecast,
a :class:`ForecastCall`, is kept beside the reps' figures, never in place
of them.

>>> import datetime as dt
>>> from accountcore.commissions.ledger import Ledger
>>> from accountcore.commissions.statement import CommissionStatement
>>> from accountcore.quotas import Quota
>>> from accountcore.relationship.hierarchy import Hierarchy, ReportingLine
>>> q1, day = Period.quarter(2026, 1), dt.date(2026, 1, 1)
>>> h = Hierarchy([ReportingLine("ana", "mia", day), ReportingLine("bob", "mia", day)])
>>> def stmt(owner, credited):
...     return CommissionStatement(owner, q1, "EUR", (), Ledger.opening(owner, "EUR"), None, Money(credited, "EUR"))
>>> quotas = [Quota("ana", q1, Money("100000", "EUR")), Quota("bob", q1, Money("150000", "EUR"))]
>>> team = roll_up("mia", h, period=q1, currency="EUR",
...                statements=[stmt("ana", "120000"), stmt("bob", "80000")], quotas=quotas)
>>> team.members, team.credited, team.target, team.attainment   # 200,000 / 250,000
(('ana', 'bob', 'mia'), Money('200000', 'EUR'), Money('250000', 'EUR'), Decimal('0.8'))
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.analytics.forecast import Forecast, ForecastLine
from accountcore.commissions.statement import CommissionStatement
from accountcore.errors import (
    CurrencyMismatchError,
    check_items,
    check_type,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.quotas import Quota
from accountcore.relationship.hierarchy import Hierarchy

__all__ = ["ForecastCall", "TeamRollup", "roll_up"]


@attrs.frozen
class ForecastCall:
    """A manager's own forecast for their team and a period (``amount``),
    with why, and when it was made; kept beside the reps' figures.

    >>> ForecastCall("mia", Period.quarter(2026, 1), Money("210000", "EUR"), "bob's renewal slips", _dt.date(2026, 2, 2)).amount
    Money('210000', 'EUR')
    """

    manager: str
    period: Period
    amount: Money
    reason: str
    made_on: _dt.date

    def __attrs_post_init__(self) -> None:
        check_type("manager", self.manager, str)
        check_type("period", self.period, Period)
        check_type("amount", self.amount, Money)
        check_type("reason", self.reason, str)
        check_type("made_on", self.made_on, _dt.date)


@attrs.frozen
class TeamRollup:
    """A manager's team figures for a period: who is in it (the manager
    too), the reps' forecast summed (``forecast``, owner = the manager; a
    zero line without a forecast), what was credited (``credited``), the
    quota targets (``target``; ``None`` without quotas), attainment (credited
    over target, exact), and the manager's latest ``call`` (or ``None``)
    with its difference to the reps' commit forecast (``call_gap``).

    >>> import datetime as dt
    >>> team = roll_up("mia", Hierarchy(), period=Period.month(2026, 1), currency="EUR")
    >>> team.members, team.attainment, team.call_gap
    (('mia',), None, None)
    """

    manager: str
    period: Period
    members: tuple[str, ...]
    forecast: ForecastLine
    credited: Money
    target: Money | None
    call: ForecastCall | None

    @property
    def attainment(self) -> Decimal | None:
        """Credited over target (``None`` without a target above zero)."""
        if self.target is None or not self.target.amount:
            return None
        return self.credited.amount / self.target.amount

    @property
    def call_gap(self) -> Money | None:
        """The manager's call less the reps' commit forecast."""
        if self.call is None:
            return None
        return self.call.amount - self.forecast.commit_forecast


def _summed(manager: str, lines: list[ForecastLine], currency: str) -> ForecastLine:
    zero = Money.zero(currency)
    sums = [zero] * 7
    deals = 0
    for line in lines:
        deals += line.deals
        figures = (
            line.open_total,
            line.weighted,
            line.commit,
            line.best_case,
            line.pipeline,
            line.closed_won,
            line.omitted,
        )
        sums = [total + figure for total, figure in zip(sums, figures, strict=True)]
    return ForecastLine(manager, deals, *sums)


def roll_up(
    manager: str,
    hierarchy: Hierarchy,
    *,
    period: Period,
    currency: str,
    forecast: Forecast | None = None,
    statements: Iterable[CommissionStatement] = (),
    quotas: Iterable[Quota] = (),
    calls: Iterable[ForecastCall] = (),
) -> TeamRollup:
    """``manager``'s team figures for ``period``: everything of the manager
    and of everyone below them on the period's last day (figures of others,
    or of other periods, are left out); the latest of the manager's
    ``calls`` for the period is kept beside.

    >>> roll_up("mia", Hierarchy(), period=Period.month(2026, 1), currency="EUR",
    ...         quotas=[Quota("mia", Period.month(2026, 1), Money("1", "USD"))])
    Traceback (most recent call last):
    ...
    accountcore.errors.CurrencyMismatchError: Cannot add up 0 EUR and 1 USD: currencies differ (EUR, USD); convert one with Money.convert first.
    """
    check_type("manager", manager, str)
    check_type("hierarchy", hierarchy, Hierarchy)
    check_type("period", period, Period)
    members = (*hierarchy.team_of(manager, period.last_day), manager)
    team = set(members)
    lines = []
    if forecast is not None:
        check_type("forecast", forecast, Forecast)
        if forecast.currency != currency or forecast.period != period:
            raise CurrencyMismatchError(
                "add up", Money.zero(currency), Money.zero(forecast.currency)
            )
        lines = [line for line in forecast.owners if line.owner in team]
    zero = Money.zero(currency)
    credited = zero
    for statement in check_items("statements", statements, CommissionStatement):
        got = statement.credited
        if statement.owner in team and statement.period == period and got is not None:
            credited = _add(credited, got)
    target: Money | None = None
    for quota in check_items("quotas", quotas, Quota):
        if quota.owner in team and quota.period == period:
            value = quota.effective_target
            if not isinstance(value, Money):
                continue  # a count quota: not a money target
            target = _add(zero if target is None else target, value)
    mine = [
        c
        for c in check_items("calls", calls, ForecastCall)
        if c.manager == manager and c.period == period
    ]
    call = max(mine, key=lambda c: c.made_on) if mine else None
    return TeamRollup(
        manager,
        period,
        tuple(sorted(members)),
        _summed(manager, lines, currency),
        credited,
        target,
        call,
    )


def _add(total: Money, value: Money) -> Money:
    if value.currency != total.currency:
        raise CurrencyMismatchError("add up", total, value)
    return total + value
