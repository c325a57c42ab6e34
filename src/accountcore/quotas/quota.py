"""Quotas: targets per owner and period, ramps, relief, attainment, review.

A :class:`Quota` is a target for one owner over one period, in money
(revenue, gross margin) or in a count (deals won, new clients acquired).

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> q1 = Quota("ana", Period.quarter(2026, 1), Money("100000", "EUR"))
>>> attainment(q1, Money("130000", "EUR")).ratio
Decimal('1.3')

New hires ramp up, quotas are relieved for a reason, and an annual quota is
spread over months or quarters to the cent:

>>> ramp = RampSchedule.of((2, "0.5"), (2, "0.75"))
>>> q1.ramped(ramp, hired_on=datetime.date(2026, 1, 1)).effective_target
Money('58611.11', 'EUR')
>>> q1.with_relief(Money("10000", "EUR"), "territory moved").effective_target
Money('90000', 'EUR')
>>> [str(q.target) for q in distribute(Money("100000.00", "EUR"), [Period.quarter(2026, n) for n in (1, 2, 3, 4)], ["0.2", "0.3", "0.3", "0.2"], owner="ana")]
['20000.00 EUR', '30000.00 EUR', '30000.00 EUR', '20000.00 EUR']
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal

import attrs

from accountcore.errors import check_type
from accountcore.money import Money, _make, to_decimal
from accountcore.periods import Period
from accountcore.quotas.errors import QuotaDefinitionError, QuotaPeriodError

__all__ = [
    "Attainment",
    "Measure",
    "Quota",
    "RampSchedule",
    "RampStep",
    "Relief",
    "attainment",
    "distribute",
    "quota_for",
]

_EXACT = Context(prec=34)
_ONE = Decimal(1)
_ZERO = Decimal(0)

Target = Money | int
"""A quota target: money for revenue and margin, an ``int`` for counts."""


class Measure(enum.Enum):
    """What a quota counts.

    >>> Measure("deals_won").is_money, Measure.REVENUE.is_money
    (False, True)
    """

    REVENUE = "revenue"
    GROSS_MARGIN = "gross_margin"
    DEALS_WON = "deals_won"
    NEW_CLIENTS = "new_clients"

    @property
    def is_money(self) -> bool:
        """Whether the target is money (else a count of deals or clients)."""
        return self in (Measure.REVENUE, Measure.GROSS_MARGIN)


def _target_faults(name: str, value: object, measure: Measure) -> list[str]:
    if measure.is_money:
        if not isinstance(value, Money):
            return [f"{name} must be Money for measure {measure.value}, got {value!r}"]
        if value.amount < 0:
            return [f"{name} must not be negative, got {value}"]
        return []
    if isinstance(value, bool) or not isinstance(value, int):
        return [
            f"{name} must be an int count for measure {measure.value}, got {value!r}"
        ]
    if value < 0:
        return [f"{name} must not be negative, got {value}"]
    return []


def _scale(target: Target, share: Decimal) -> Target:
    """``target`` times ``share``: money to the cent, counts to a whole number
    (half up)."""
    if isinstance(target, Money):
        return (target * share).rounded()
    return int((Decimal(target) * share).quantize(_ONE, rounding=ROUND_HALF_UP))


@attrs.frozen
class Relief:
    """A reduction of a quota target, with the reason it was granted.

    >>> Relief(Money("5000", "EUR"), "maternity leave").reason
    'maternity leave'
    """

    amount: Money | int
    reason: str


def _reliefs(values: Iterable[Relief]) -> tuple[Relief, ...]:
    return tuple(values)


def _steps(values: Iterable[RampStep]) -> tuple[RampStep, ...]:
    return tuple(values)


def _share(value: object) -> Decimal:
    return to_decimal(value, "share")


@attrs.frozen
class Quota:
    """A target for ``owner`` over ``period``, measured by ``measure``.

    The target is checked when the quota is built; every fault is listed:

    >>> Quota("", Period.month(2026, 1), 5, Measure.REVENUE)
    Traceback (most recent call last):
    ...
    accountcore.quotas.errors.QuotaDefinitionError: Quota is invalid (2 faults):
      - owner must be a non-empty str, got ''
      - target must be Money for measure revenue, got 5
    """

    owner: str
    period: Period
    target: Money | int
    measure: Measure = attrs.field(default=Measure.REVENUE, converter=Measure)
    reliefs: tuple[Relief, ...] = attrs.field(default=(), converter=_reliefs)

    def __attrs_post_init__(self) -> None:
        faults: list[str] = []
        if not isinstance(self.owner, str) or not self.owner:
            faults.append(f"owner must be a non-empty str, got {self.owner!r}")
        if not isinstance(self.period, Period):
            faults.append(f"period must be a Period, got {self.period!r}")
        faults += _target_faults("target", self.target, self.measure)
        for index, relief in enumerate(self.reliefs):
            if not isinstance(relief, Relief):
                faults.append(f"relief {index} must be a Relief, got {relief!r}")
                continue
            faults += _target_faults(
                f"relief {index} amount", relief.amount, self.measure
            )
            if (
                isinstance(relief.amount, Money)
                and isinstance(self.target, Money)
                and relief.amount.currency != self.target.currency
            ):
                faults.append(
                    f"relief {index} amount {relief.amount} is not in the "
                    f"target's currency {self.target.currency}"
                )
            if not isinstance(relief.reason, str) or not relief.reason.strip():
                faults.append(f"relief {index} needs a reason, got {relief.reason!r}")
        if faults:
            raise QuotaDefinitionError("Quota", faults)

    @property
    def effective_target(self) -> Target:
        """The target less every relief, never below zero.

        >>> q = Quota("ana", Period.month(2026, 1), 10, Measure.DEALS_WON, [Relief(12, "reorg")])
        >>> q.effective_target
        0
        """
        target = self.target
        if not self.reliefs:
            return target
        if isinstance(target, Money):
            amount = target.amount - sum(
                (r.amount.amount for r in self.reliefs if isinstance(r.amount, Money)),
                _ZERO,
            )
            return _make(max(amount, _ZERO), target.currency)
        count = target - sum(
            r.amount for r in self.reliefs if isinstance(r.amount, int)
        )
        return max(count, 0)

    def with_relief(self, amount: Target, reason: str) -> Quota:
        """A new quota with one more relief (the old one is untouched).

        >>> q = Quota("ana", Period.month(2026, 1), Money("1000", "EUR"))
        >>> q.with_relief(Money("1500", "EUR"), "").reliefs
        Traceback (most recent call last):
        ...
        accountcore.quotas.errors.QuotaDefinitionError: Quota is invalid (1 fault):
          - relief 0 needs a reason, got ''
        """
        return attrs.evolve(self, reliefs=(*self.reliefs, Relief(amount, reason)))

    def scaled(self, share: Decimal | int | str) -> Quota:
        """A new quota with the target times ``share`` (money to the cent,
        counts half up to a whole number); reliefs are kept.

        >>> Quota("ana", Period.month(2026, 1), 5, "deals_won").scaled("0.5").target
        3
        """
        factor = to_decimal(share, "share")
        return attrs.evolve(self, target=_scale(self.target, factor))

    def prorated(self, active: Period) -> Quota:
        """The quota for an owner active only during ``active`` (day-based).

        >>> import datetime
        >>> q = Quota("ana", Period.month(2026, 6), Money("3000", "EUR"))
        >>> q.prorated(Period(datetime.date(2026, 6, 16), datetime.date(2027, 1, 1))).target
        Money('1500.00', 'EUR')
        """
        from accountcore.periods import prorate

        return self.scaled(prorate(self.period, active))

    def ramped(self, schedule: RampSchedule, *, hired_on: _dt.date) -> Quota:
        """The quota scaled by the ramp share of a hire on ``hired_on``.

        >>> import datetime
        >>> ramp = RampSchedule.of((2, "0.5"), (2, "0.75"))
        >>> q = Quota("ana", Period.month(2026, 5), Money("1000", "EUR"))
        >>> q.ramped(ramp, hired_on=datetime.date(2026, 1, 1)).target
        Money('1000.00', 'EUR')
        """
        return self.scaled(schedule.share(self.period, hired_on=hired_on))


@attrs.frozen
class RampStep:
    """``months`` months of tenure at ``share`` of the full quota.

    >>> RampStep(2, Decimal("0.5")).share
    Decimal('0.5')
    """

    months: int
    share: Decimal = attrs.field(converter=_share)


def _ramp_faults(steps: Sequence[RampStep]) -> list[str]:
    faults = []
    for index, step in enumerate(steps):
        if isinstance(step.months, bool) or not isinstance(step.months, int):
            faults.append(f"step {index} months must be an int, got {step.months!r}")
        elif step.months < 1:
            faults.append(f"step {index} months must be at least 1, got {step.months}")
        if not _ZERO <= step.share <= _ONE:
            faults.append(f"step {index} share must be 0 to 1, got {step.share}")
    return faults


@attrs.frozen
class RampSchedule:
    """Shares of the full quota for a new hire's first months; 100 % after.

    Month 1 of tenure runs from the hire date to the same day next month.
    For a period, the share is the average over its days on or after the
    hire date (days before the hire are proration's business, not the
    ramp's).

    >>> ramp = RampSchedule.of((2, "0.5"), (2, "0.75"))
    >>> [ramp.share_in_month(n) for n in (1, 2, 3, 4, 5)]
    [Decimal('0.5'), Decimal('0.5'), Decimal('0.75'), Decimal('0.75'), Decimal('1')]
    >>> RampSchedule.of((0, "1.5"))
    Traceback (most recent call last):
    ...
    accountcore.quotas.errors.QuotaDefinitionError: RampSchedule is invalid (2 faults):
      - step 0 months must be at least 1, got 0
      - step 0 share must be 0 to 1, got 1.5
    """

    steps: tuple[RampStep, ...] = attrs.field(converter=_steps)

    def __attrs_post_init__(self) -> None:
        faults = _ramp_faults(self.steps)
        if faults:
            raise QuotaDefinitionError("RampSchedule", faults)

    @classmethod
    def of(cls, *steps: tuple[int, Decimal | int | str]) -> RampSchedule:
        """A schedule from ``(months, share)`` pairs."""
        return cls(
            tuple(
                RampStep(months, to_decimal(share, "share")) for months, share in steps
            )
        )

    def share_in_month(self, month: int) -> Decimal:
        """The share in tenure month ``month`` (1-based)."""
        reached = 0
        for step in self.steps:
            reached += step.months
            if month <= reached:
                return step.share
        return _ONE

    def share(self, period: Period, *, hired_on: _dt.date) -> Decimal:
        """The day-weighted ramp share over ``period`` for a hire on ``hired_on``.

        >>> import datetime
        >>> ramp = RampSchedule.of((2, "0.5"), (2, "0.75"))
        >>> ramp.share(Period.quarter(2026, 1), hired_on=datetime.date(2026, 1, 1))  # 59 days at 50 %, 31 at 75 %
        Decimal('0.5861111111111111111111111111111111')
        """
        total = _ZERO
        days = 0
        day = max(period.start, hired_on)
        one = _dt.timedelta(days=1)
        while day < period.end:
            months = (day.year - hired_on.year) * 12 + day.month - hired_on.month
            if day.day < hired_on.day:
                months -= 1
            total += self.share_in_month(months + 1)
            days += 1
            day += one
        if not days:
            return _ZERO
        return _EXACT.divide(total, Decimal(days))


def distribute(
    target: Target,
    periods: Sequence[Period],
    weights: Sequence[Decimal | int | str],
    *,
    owner: str,
    measure: Measure | str = Measure.REVENUE,
) -> tuple[Quota, ...]:
    """Spread an annual ``target`` over ``periods`` by ``weights`` summing to
    exactly 1; the parts add up to the target to the cent (or unit).

    >>> distribute(10, [Period.month(2026, m) for m in (1, 2, 3)], ["0.5", "0.25", "0.2"], owner="ana", measure="deals_won")
    Traceback (most recent call last):
    ...
    accountcore.quotas.errors.QuotaDefinitionError: Quota distribution is invalid (1 fault):
      - weights sum to 0.95, not exactly 1
    """
    faults: list[str] = []
    decimals: list[Decimal] = []
    for index, weight in enumerate(weights):
        try:
            value = to_decimal(weight, "weight")
        except (TypeError, ValueError) as error:
            faults.append(f"weight {index}: {error}")
            continue
        if value < 0:
            faults.append(f"weight {index} is negative ({value})")
        decimals.append(value)
    if len(weights) != len(periods):
        faults.append(f"{len(weights)} weights for {len(periods)} periods")
    if len(decimals) == len(weights) and sum(decimals, _ZERO) != _ONE:
        faults.append(f"weights sum to {sum(decimals, _ZERO)}, not exactly 1")
    kind = Measure(measure)
    faults += _target_faults("target", target, kind)
    if faults:
        raise QuotaDefinitionError("Quota distribution", faults)
    if isinstance(target, Money):
        parts: Iterable[Target] = target.allocate(decimals)
    else:
        units = Money(target, "JPY").allocate(decimals)  # whole units, same rule
        parts = [int(part.amount) for part in units]
    return tuple(
        Quota(owner, period, part, kind)
        for period, part in zip(periods, parts, strict=True)
    )


def quota_for(quotas: Iterable[Quota], span: Period, *, owner: str) -> Quota | None:
    """``owner``'s quota for ``span`` from a schedule of quotas.

    A quota whose period is ``span`` is used as it is. Otherwise the quotas
    whose periods lie inside ``span`` must tile it exactly (no gap, no
    overlap, one measure): their effective targets are summed into one quota
    for ``span``. Quotas of other owners, and quotas outside ``span``, are
    left out. ``None`` when ``owner`` has no quota at all; when the quotas
    do not cover ``span`` exactly, :class:`~accountcore.quotas.errors.QuotaPeriodError`
    names the span, the periods given and what is wrong.

    >>> schedule = [Quota("ana", Period.quarter(2026, n), Money("100000", "EUR")) for n in (1, 2, 3, 4)]
    >>> quota_for(schedule, Period(Period.year(2026).start, Period.quarter(2026, 2).end), owner="ana").target
    Money('200000', 'EUR')
    >>> quota_for(schedule[1:], Period(Period.year(2026).start, Period.quarter(2026, 2).end), owner="ana")
    Traceback (most recent call last):
    ...
    accountcore.quotas.errors.QuotaPeriodError: Quotas of owner 'ana' do not cover 2026-01-01..2026-06-30 exactly: given 2026-Q2, 2026-Q3, 2026-Q4, and 2026-Q1 is not covered. Pass one quota for 2026-01-01..2026-06-30, or quotas whose periods tile it (one per month or quarter, none overlapping).
    """
    mine = [quota for quota in quotas if quota.owner == owner]
    return _tiled(mine, span, owner) if mine else None


def _tiled(mine: Sequence[Quota], span: Period, owner: str) -> Quota:
    """One owner's quotas (``mine``, at least one) for ``span``: see
    :func:`quota_for`."""
    inside: list[Quota] = []
    for quota in mine:
        period = quota.period
        if period == span:
            return quota
        if span.start <= period.start and period.end <= span.end:
            inside.append(quota)
    given = [quota.period for quota in mine]
    if not inside:
        raise QuotaPeriodError(owner, span, given, "none of them lies within it")
    inside.sort(key=lambda quota: (quota.period.start, quota.period.end))
    reached = span.start
    before: Period | None = None
    for quota in inside:
        period = quota.period
        if period.start < reached:
            raise QuotaPeriodError(owner, span, given, f"{period} overlaps {before}")
        if period.start > reached:
            raise QuotaPeriodError(
                owner, span, given, f"{Period(reached, period.start)} is not covered"
            )
        reached = period.end
        before = period
    if reached < span.end:
        raise QuotaPeriodError(
            owner, span, given, f"{Period(reached, span.end)} is not covered"
        )
    measures = sorted({quota.measure.value for quota in inside})
    if len(measures) > 1:
        raise QuotaPeriodError(
            owner, span, given, f"they mix measures {' and '.join(measures)}"
        )
    total: Target = inside[0].effective_target
    for quota in inside[1:]:
        target = quota.effective_target
        if isinstance(total, Money) and isinstance(target, Money):
            total = total + target  # another currency raises CurrencyMismatchError
        elif isinstance(total, int) and isinstance(target, int):
            total = total + target
    return Quota(owner, span, total, inside[0].measure)


@attrs.frozen
class Attainment:
    """How far an owner got: achieved, target, ratio and what remains.

    A target of zero (fully relieved) counts as met: the ratio is 1.

    >>> a = attainment(Quota("ana", Period.month(2026, 1), 4, "deals_won"), 3)
    >>> a.ratio, a.remaining
    (Decimal('0.75'), 1)
    """

    achieved: Money | int
    target: Money | int
    ratio: Decimal
    remaining: Money | int
    period: Period | None = None


def attainment(quota: Quota, achieved: Target) -> Attainment:
    """The attainment of ``quota`` by ``achieved`` (after relief).

    >>> attainment(Quota("ana", Period.month(2026, 1), Money("200", "EUR")), Money("50", "EUR"))
    Attainment(achieved=Money('50', 'EUR'), target=Money('200', 'EUR'), ratio=Decimal('0.25'), remaining=Money('150', 'EUR'), period=Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 2, 1)))
    """
    target = check_type("quota", quota, Quota).effective_target
    if isinstance(target, Money):
        achieved = check_type("achieved", achieved, Money, "Money for a money quota")
        if achieved.currency != target.currency:
            from accountcore.errors import CurrencyMismatchError

            raise CurrencyMismatchError("compare", achieved, target)
        ratio = _EXACT.divide(achieved.amount, target.amount) if target.amount else _ONE
        remaining: Target = _make(
            max(target.amount - achieved.amount, _ZERO), target.currency
        )
    else:
        achieved = check_type(
            "achieved", achieved, int, "an int count for a count quota"
        )
        ratio = _EXACT.divide(Decimal(achieved), Decimal(target)) if target else _ONE
        remaining = max(target - achieved, 0)
    return Attainment(achieved, target, ratio.normalize(), remaining, quota.period)
