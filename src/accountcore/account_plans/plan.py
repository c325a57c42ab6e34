"""An account plan for a key account: objectives with targets and due
dates, and the initiatives that serve them.

An :class:`Objective` is measured by an :class:`ObjectiveMeasure`: won
revenue or contracted value (a :class:`~accountcore.money.Money` target),
deals won or activities done (a count, activities optionally of one kind).
An :class:`Initiative` has an owner, a due date and an
:class:`InitiativeStatus`. :class:`AccountPlan` holds both for one client
over its ``span`` (a :class:`~accountcore.periods.Period`); its progress on
a day is :mod:`accountcore.account_plans.progress`.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> plan = AccountPlan(
...     "AP-1", "C-1", "anna", Period.year(2026),
...     objectives=[Objective("O-1", "Grow the account", "revenue", Money("50000", "EUR"), dt.date(2026, 12, 31))],
...     initiatives=[Initiative("I-1", "Meet the new CFO", "anna", dt.date(2026, 3, 31), objective_id="O-1")],
... )
>>> plan.objectives[0].measure.label.render("et_EE"), plan.initiatives[0].status.label.render("en")
('võidetud tehingute käive', 'planned')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable

import attrs

from accountcore.account_plans.errors import AccountPlanError
from accountcore.errors import check_choice, check_type
from accountcore.i18n import Message
from accountcore.money import Money
from accountcore.periods import Period, as_date
from accountcore.relationship import ActivityKind

__all__ = [
    "AccountPlan",
    "Initiative",
    "InitiativeStatus",
    "Objective",
    "ObjectiveMeasure",
]


class ObjectiveMeasure(enum.Enum):
    """What an objective counts: won revenue, deals won, activities done or
    contracted value.

    >>> ObjectiveMeasure("deals_won").is_money
    False
    """

    REVENUE = "revenue"
    """Revenue of the client's deals won in the plan's span (money)."""
    DEALS_WON = "deals_won"
    """The client's deals won in the plan's span (a count)."""
    ACTIVITIES = "activities"
    """Activities done with the client in the span (a count)."""
    CONTRACTED = "contracted"
    """Contract value signed with the client in the span (money, given)."""

    @property
    def is_money(self) -> bool:
        """Whether the target is an amount (else a count)."""
        return self in (ObjectiveMeasure.REVENUE, ObjectiveMeasure.CONTRACTED)

    @property
    def label(self) -> Message:
        """The measure's name in six languages."""
        return Message.of(f"account_plans.measure.{self.value}")


class InitiativeStatus(enum.Enum):
    """Where an initiative stands.

    >>> InitiativeStatus("in_progress").is_finished
    False
    """

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_finished(self) -> bool:
        """Done or cancelled: never overdue."""
        return self in (InitiativeStatus.DONE, InitiativeStatus.CANCELLED)

    @property
    def label(self) -> Message:
        """The status's name in six languages."""
        return Message.of(f"account_plans.status.{self.value}")


def _text(name: str, value: object) -> None:
    if type(value) is not str or not value.strip():
        raise AccountPlanError(name, value, "give a non-blank text")


def _day(name: str, value: object) -> _dt.date:
    return as_date(value, name)


def _measure(value: object) -> ObjectiveMeasure:
    return check_choice("measure", value, ObjectiveMeasure)


def _kind(value: object) -> ActivityKind | None:
    return None if value is None else check_choice("activity_kind", value, ActivityKind)


def _status(value: object) -> InitiativeStatus:
    return check_choice("status", value, InitiativeStatus)


@attrs.frozen
class Objective:
    """A target the plan aims at by ``due``: ``measure``, ``target`` (Money
    for revenue and contracted value, a whole count of 1 or more for deals
    and activities), a ``title`` in the account manager's words and, for
    activities, the ``activity_kind`` counted (every kind if ``None``).

    >>> import datetime as dt
    >>> Objective("O-1", "Ten meetings", "activities", 10, dt.date(2026, 6, 30), activity_kind="meeting").activity_kind
    <ActivityKind.MEETING: 'meeting'>
    >>> Objective("O-1", "More revenue", "revenue", 10, dt.date(2026, 6, 30))
    Traceback (most recent call last):
    ...
    accountcore.account_plans.errors.AccountPlanError: target=10 is invalid: objective 'O-1' measures revenue: give an amount (Money) above zero.
    """

    id: str
    title: str
    measure: ObjectiveMeasure = attrs.field(converter=_measure)
    target: Money | int
    due: _dt.date
    activity_kind: ActivityKind | None = attrs.field(default=None, converter=_kind)

    def __attrs_post_init__(self) -> None:
        _text("id", self.id)
        _text("title", self.title)
        _day("due", self.due)
        target = self.target
        if self.measure.is_money:
            if not isinstance(target, Money) or target.amount <= 0:
                raise AccountPlanError(
                    "target",
                    target,
                    f"objective {self.id!r} measures {self.measure.value}: "
                    "give an amount (Money) above zero",
                )
        elif type(target) is not int or target < 1:
            raise AccountPlanError(
                "target",
                target,
                f"objective {self.id!r} measures {self.measure.value}: "
                "give a whole count of 1 or more",
            )
        if (
            self.activity_kind is not None
            and self.measure is not ObjectiveMeasure.ACTIVITIES
        ):
            raise AccountPlanError(
                "activity_kind",
                self.activity_kind.value,
                f"objective {self.id!r} measures {self.measure.value}; "
                "only an activities objective counts a kind",
            )


@attrs.frozen
class Initiative:
    """A step of the plan: a ``title``, its ``owner``, a ``due`` date, its
    ``status`` (planned unless given) and the objective it serves, if any.

    >>> import datetime as dt
    >>> Initiative("I-1", "Workshop", "anna", dt.date(2026, 4, 30), status="done").status
    <InitiativeStatus.DONE: 'done'>
    """

    id: str
    title: str
    owner: str
    due: _dt.date
    status: InitiativeStatus = attrs.field(
        default=InitiativeStatus.PLANNED, converter=_status
    )
    objective_id: str | None = None

    def __attrs_post_init__(self) -> None:
        _text("id", self.id)
        _text("title", self.title)
        _text("owner", self.owner)
        _day("due", self.due)
        if self.objective_id is not None:
            _text("objective_id", self.objective_id)

    def days_overdue(self, on: _dt.date) -> int:
        """Days past ``due`` on ``on`` while unfinished (0 when not overdue).

        >>> import datetime as dt
        >>> Initiative("I-1", "Workshop", "anna", dt.date(2026, 4, 30)).days_overdue(dt.date(2026, 5, 3))
        3
        """
        if self.status.is_finished:
            return 0
        return max(0, (as_date(on, "on") - self.due).days)


def _objectives(values: Iterable[Objective]) -> tuple[Objective, ...]:
    return tuple(values)


def _initiatives(values: Iterable[Initiative]) -> tuple[Initiative, ...]:
    return tuple(values)


@attrs.frozen
class AccountPlan:
    """The plan for one client over ``span``: its ``owner`` (the account
    manager), its objectives and its initiatives. Ids are unique within the
    plan, every objective is due inside the span and an initiative serves
    an objective of the plan; each broken rule is refused naming the value.

    >>> import datetime as dt
    >>> from accountcore.periods import Period
    >>> AccountPlan("AP-1", "C-1", "anna", Period.year(2026),
    ...             objectives=[Objective("O-1", "Deals", "deals_won", 3, dt.date(2027, 1, 31))])
    Traceback (most recent call last):
    ...
    accountcore.account_plans.errors.AccountPlanError: objectives[0].due=datetime.date(2027, 1, 31) is invalid: it falls outside the plan's span 2026-01-01 to 2026-12-31.
    """

    id: str
    client_id: str
    owner: str
    span: Period
    objectives: tuple[Objective, ...] = attrs.field(default=(), converter=_objectives)
    initiatives: tuple[Initiative, ...] = attrs.field(
        default=(), converter=_initiatives
    )

    def __attrs_post_init__(self) -> None:
        for name in ("id", "client_id", "owner"):
            _text(name, getattr(self, name))
        check_type("span", self.span, Period)
        seen: set[str] = set()
        for n, objective in enumerate(self.objectives):
            check_type(f"objectives[{n}]", objective, Objective)
            if objective.id in seen:
                raise AccountPlanError(
                    f"objectives[{n}].id", objective.id, "an objective id is used twice"
                )
            seen.add(objective.id)
            if not self.span.start <= objective.due <= self.span.last_day:
                raise AccountPlanError(
                    f"objectives[{n}].due",
                    objective.due,
                    f"it falls outside the plan's span {self.span.start} to "
                    f"{self.span.last_day}",
                )
        ids: set[str] = set()
        for n, initiative in enumerate(self.initiatives):
            check_type(f"initiatives[{n}]", initiative, Initiative)
            if initiative.id in ids:
                raise AccountPlanError(
                    f"initiatives[{n}].id",
                    initiative.id,
                    "an initiative id is used twice",
                )
            ids.add(initiative.id)
            if (
                initiative.objective_id is not None
                and initiative.objective_id not in seen
            ):
                raise AccountPlanError(
                    f"initiatives[{n}].objective_id",
                    initiative.objective_id,
                    "no objective of the plan has that id; give one of "
                    + (
                        ", ".join(repr(i) for i in sorted(seen))
                        or "none (the plan has no objectives)"
                    ),
                )

    def objective(self, id: str) -> Objective | None:
        """The objective with ``id``, if the plan has it."""
        for objective in self.objectives:
            if objective.id == id:
                return objective
        return None
