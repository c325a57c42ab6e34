"""An account plan's progress on a day, measured from deals, activities
and contracts.

For each objective, the ``actual`` counted from the plan's first day to the
day (or the objective's due date, if earlier), both included, days read in
the calendar's timezone (UTC if none): won revenue and deals won from the
client's deals closed won; activities done with the client (of the
objective's kind, if it names one); contracted value from the client's
:class:`~accountcore.pipeline.Contract` objects (their contracted revenue
from the plan's first day to the objective's due date, as
:func:`~accountcore.pipeline.contracted_revenue` counts it, rounded once)
or, instead, as a value the caller gives. Its ``share`` of the target and the ``expected``
share (the part of the time to the due date gone by, both days included)
give its :class:`ObjectiveState`: achieved once the share reaches 1, missed
once the due date has passed short of it, on track while the share keeps
up with the time, behind otherwise. An initiative unfinished after its due
date is overdue.

>>> import datetime as dt
>>> from accountcore.periods import Period
>>> from accountcore.account_plans.plan import AccountPlan, Objective
>>> plan = AccountPlan("AP-1", "C-1", "anna", Period.year(2026),
...                    objectives=[Objective("O-1", "Four deals", "deals_won", 4, dt.date(2026, 12, 31))])
>>> status = plan_progress(plan, on=dt.date(2026, 3, 31))
>>> row = status.objectives[0]
>>> # 1 Jan to 31 Mar is 90 of 365 days: 0.2466 of the year expected, none won yet
>>> row.actual, row.share, row.expected, row.state.value
(0, Decimal('0.0000'), Decimal('0.2466'), 'behind')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from accountcore.account_plans.errors import AccountPlanError
from accountcore.account_plans.plan import (
    AccountPlan,
    Initiative,
    Objective,
    ObjectiveMeasure,
)
from accountcore.errors import check_items, check_type
from accountcore.i18n import Message
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period, as_date
from accountcore.pipeline import Contract, Deal, Outcome
from accountcore.relationship import Activity, ActivityOutcome

__all__ = [
    "InitiativeProgress",
    "ObjectiveProgress",
    "ObjectiveState",
    "PlanProgress",
    "plan_progress",
]

_UTC = FiscalCalendar()
_SHARE = Decimal("0.0001")


def _ratio(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole).quantize(_SHARE, rounding=ROUND_HALF_EVEN)


class ObjectiveState(enum.Enum):
    """Where an objective stands on a day.

    >>> ObjectiveState.ON_TRACK.label.render("ro_RO")
    'în grafic'
    """

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    MISSED = "missed"
    UNKNOWN = "unknown"
    """Not measurable: the contracted value was not given."""

    @property
    def label(self) -> Message:
        """The state's name in six languages."""
        return Message.of(f"account_plans.state.{self.value}")


@attrs.frozen
class ObjectiveProgress:
    """One objective on a day: the ``actual`` (Money or a count; ``None``
    when not measurable), its ``share`` of the target and the ``expected``
    share by then (ratios, four decimals, half-even), and the ``state``."""

    objective: Objective
    actual: Money | int | None
    share: Decimal | None
    expected: Decimal
    state: ObjectiveState


@attrs.frozen
class InitiativeProgress:
    """One initiative on a day: its status and the days it is overdue (0
    when it is not)."""

    initiative: Initiative
    days_overdue: int

    @property
    def overdue(self) -> bool:
        """Unfinished after its due date."""
        return self.days_overdue > 0


@attrs.frozen
class PlanProgress:
    """A plan's progress on ``on``: each objective and each initiative.

    >>> import datetime as dt
    >>> from accountcore.periods import Period
    >>> PlanProgress(AccountPlan("AP-1", "C-1", "anna", Period.year(2026)), dt.date(2026, 3, 31), (), ()).achieved
    0
    """

    plan: AccountPlan
    on: _dt.date
    objectives: tuple[ObjectiveProgress, ...]
    initiatives: tuple[InitiativeProgress, ...]

    def count(self, state: ObjectiveState) -> int:
        """How many objectives are in ``state``."""
        return sum(1 for row in self.objectives if row.state is state)

    @property
    def achieved(self) -> int:
        """How many objectives are achieved."""
        return self.count(ObjectiveState.ACHIEVED)

    @property
    def initiatives_done(self) -> int:
        """How many initiatives are done."""
        return sum(
            1 for row in self.initiatives if row.initiative.status.value == "done"
        )

    @property
    def initiatives_overdue(self) -> int:
        """How many initiatives are overdue."""
        return sum(1 for row in self.initiatives if row.overdue)


def plan_progress(
    plan: AccountPlan,
    *,
    on: _dt.date,
    deals: Iterable[Deal] = (),
    activities: Iterable[Activity] = (),
    contracted: Money | None = None,
    calendar: FiscalCalendar | None = None,
    contracts: Iterable[Contract] | None = None,
) -> PlanProgress:
    """``plan``'s progress on ``on`` (see the module): deals, activities and
    contracts of other clients are left out. A contracted-value objective
    counts the contracted revenue of ``contracts`` (those signed by ``on``)
    from the plan's first day to its due date; or ``contracted``, a value
    the caller gives instead (the contract value signed with the client in
    the span so far). With neither (``None``) it is ``unknown``.

    >>> import datetime as dt
    >>> from accountcore.periods import Period
    >>> from accountcore.account_plans.plan import Objective
    >>> plan = AccountPlan("AP-1", "C-1", "anna", Period.year(2026), objectives=[
    ...     Objective("O-1", "Contract 24k", "contracted", Money("24000", "EUR"), dt.date(2026, 12, 31))])
    >>> k = Contract("K-1", "C-1", "anna", dt.date(2026, 7, 1), dt.date(2027, 6, 30), Money("2000.00", "EUR"))
    >>> row = plan_progress(plan, on=dt.date(2026, 6, 30), contracts=[k]).objectives[0]
    >>> row.actual, row.share  # July to December: 6 × 2000.00 = 12000.00 of 24000
    (Money('12000.00', 'EUR'), Decimal('0.5000'))
    """
    check_type("plan", plan, AccountPlan)
    day = as_date(on, "on")
    cal = calendar or _UTC
    if contracted is not None:
        check_type("contracted", contracted, Money)
    own: tuple[Contract, ...] | None = None
    if contracts is not None:
        if contracted is not None:
            raise AccountPlanError(
                "contracted",
                contracted,
                "give the contracted value or the contracts, not both",
            )
        own = tuple(
            k
            for k in check_items("contracts", contracts, Contract)
            if k.client_id == plan.client_id
        )
    won = [
        (cal.date_of(d.closed_at), d)
        for d in check_items("deals", deals, Deal)
        if d.client_id == plan.client_id
        and d.outcome is Outcome.WON
        and d.closed_at is not None
    ]
    done = [
        (a.day(cal), a)
        for a in check_items("activities", activities, Activity)
        if a.client_id == plan.client_id and a.outcome is ActivityOutcome.DONE
    ]
    objectives = tuple(
        _objective(
            plan,
            objective,
            day,
            won=won,
            done=done,
            contracted=contracted if own is None else _contracted(own, plan, objective),
        )
        for objective in plan.objectives
    )
    initiatives = tuple(
        InitiativeProgress(initiative, initiative.days_overdue(day))
        for initiative in plan.initiatives
    )
    return PlanProgress(plan, day, objectives, initiatives)


def _contracted(
    contracts: tuple[Contract, ...], plan: AccountPlan, objective: Objective
) -> Money | None:
    """The contracted revenue of ``contracts`` from the plan's first day to
    a contracted-value objective's due date (both included), summed
    unrounded and rounded once (zero in the target's currency when no
    contract runs then); ``None`` for the other measures."""
    target = objective.target
    if objective.measure is not ObjectiveMeasure.CONTRACTED:
        return None
    assert isinstance(target, Money)
    window = Period(plan.span.start, objective.due + _dt.timedelta(days=1))
    total: Money | None = None
    for contract in contracts:
        part = contract.revenue_in(window)
        total = part if total is None else total + part
    return (Money.zero(target.currency) if total is None else total).rounded()


def _objective(
    plan: AccountPlan,
    objective: Objective,
    on: _dt.date,
    *,
    won: list[tuple[_dt.date, Deal]],
    done: list[tuple[_dt.date, Activity]],
    contracted: Money | None,
) -> ObjectiveProgress:
    """One objective measured from the plan's first day to ``on`` (or its
    due date, if earlier)."""
    first = plan.span.start
    last = min(on, objective.due)
    total_days = (objective.due - first).days + 1
    gone = max(0, min((last - first).days + 1, total_days))
    expected = _ratio(Decimal(gone), Decimal(total_days))
    target = objective.target
    actual: Money | int | None
    measure = objective.measure
    if measure is ObjectiveMeasure.REVENUE:
        assert isinstance(target, Money)
        actual = Money.zero(target.currency)
        for closed, deal in won:
            if first <= closed <= last and deal.amount is not None:
                actual += deal.amount
        actual = actual.rounded()
    elif measure is ObjectiveMeasure.DEALS_WON:
        actual = sum(1 for closed, _ in won if first <= closed <= last)
    elif measure is ObjectiveMeasure.ACTIVITIES:
        kind = objective.activity_kind
        actual = sum(
            1
            for day, activity in done
            if first <= day <= last and (kind is None or activity.kind is kind)
        )
    else:
        actual = contracted
    if actual is None:
        return ObjectiveProgress(
            objective, None, None, expected, ObjectiveState.UNKNOWN
        )
    if isinstance(actual, Money):
        assert isinstance(target, Money)
        if actual.currency != target.currency:
            raise AccountPlanError(
                "contracted",
                actual,
                f"objective {objective.id!r} has its target in {target.currency}",
            )
        share = _ratio(actual.amount, target.amount)
    else:
        share = _ratio(Decimal(actual), Decimal(int(target)))  # type: ignore[arg-type]
    if share >= 1:
        state = ObjectiveState.ACHIEVED
    elif on > objective.due:
        state = ObjectiveState.MISSED
    elif share >= expected:
        state = ObjectiveState.ON_TRACK
    else:
        state = ObjectiveState.BEHIND
    return ObjectiveProgress(objective, actual, share, expected, state)
