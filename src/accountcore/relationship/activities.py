"""Activities: the calls, e-mails, meetings, presentations, visits and
tasks of the account manager, done or planned, and what they tell.

An :class:`Activity` belongs to a client and, where known, a deal and a
contact person. A *planned* activity (outcome ``planned``) is a next step
due at its ``at``; the others took place then. From a list of activities:

- :func:`last_activities` and :func:`next_activities`: the last activity
  that took place and the next one planned, per client or per deal;
- :func:`overdue_next_steps`: each deal's next step whose due day has
  passed on a date.

>>> import pendulum
>>> t = pendulum.datetime(2026, 3, 2, 10, tz="UTC")
>>> done = Activity("A-1", "call", "C-1", "anna", t, deal_id="D-1", outcome="done")
>>> plan = Activity("A-2", "meeting", "C-1", "anna", t.add(days=7), deal_id="D-1", outcome="planned")
>>> last_activities([done, plan])["C-1"].id, next_activities([done, plan], per="deal")["D-1"].id
('A-1', 'A-2')
>>> [(s.activity.id, s.days_overdue) for s in overdue_next_steps([done, plan], on=pendulum.date(2026, 3, 12))]
[('A-2', 3)]
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable

import attrs

from accountcore.errors import check_choice, check_items, check_type
from accountcore.i18n import Message
from accountcore.periods import FiscalCalendar, as_date, require_aware
from accountcore.pipeline import Deal, Outcome
from accountcore.relationship._checks import a_str, nonblank, optional_nonblank
from accountcore.relationship.errors import RelationshipInputError

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityOutcome",
    "OverdueStep",
    "last_activities",
    "next_activities",
    "overdue_next_steps",
]

_UTC = FiscalCalendar()


class ActivityKind(enum.Enum):
    """What kind of contact an activity is.

    >>> ActivityKind("visit").label.render("uk_UA")
    'візит'
    """

    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    PRESENTATION = "presentation"
    VISIT = "visit"
    TASK = "task"

    @property
    def label(self) -> Message:
        """The kind's name, as a message to render in any locale."""
        return Message.of(f"relationship.activity.{self.value}")


class ActivityOutcome(enum.Enum):
    """How an activity ended: ``planned`` (not yet done: a next step),
    ``done`` (it took place and the client was reached), ``no_reply`` (it
    was tried, nobody answered or came) or ``cancelled``.

    >>> ActivityOutcome.NO_REPLY.label.render("en"), ActivityOutcome.DONE.took_place
    ('no reply', True)
    """

    PLANNED = "planned"
    DONE = "done"
    NO_REPLY = "no_reply"
    CANCELLED = "cancelled"

    @property
    def label(self) -> Message:
        """The outcome's name, as a message to render in any locale."""
        return Message.of(f"relationship.outcome.{self.value}")

    @property
    def took_place(self) -> bool:
        """Whether the activity happened (done, or tried without reply)."""
        return self in {ActivityOutcome.DONE, ActivityOutcome.NO_REPLY}


def _kind(value: object) -> ActivityKind:
    return check_choice("kind", value, ActivityKind)


def _outcome(value: object) -> ActivityOutcome:
    return check_choice("outcome", value, ActivityOutcome)


def _moment(value: object) -> _dt.datetime:
    return require_aware(check_type("at", value, _dt.datetime), "at")


@attrs.frozen
class Activity:
    """One contact with a client: its ``kind``, the client, the ``owner``
    who did it (or will), when (``at``, an aware datetime: when it took
    place, or for a planned one when it is due), and where known the deal
    and the contact person, the ``outcome`` (``done`` unless given) and free
    ``notes``.

    >>> import pendulum
    >>> a = Activity("A-1", "email", "C-1", "anna", pendulum.datetime(2026, 3, 2, tz="UTC"))
    >>> a.kind, a.outcome, a.planned
    (<ActivityKind.EMAIL: 'email'>, <ActivityOutcome.DONE: 'done'>, False)
    >>> Activity("A-1", "fax", "C-1", "anna", pendulum.datetime(2026, 3, 2, tz="UTC"))
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidChoiceError: kind='fax' is not a valid choice: expected one of 'call', 'email', 'meeting', 'presentation', 'task', 'visit'.
    """

    id: str = attrs.field(validator=nonblank)
    kind: ActivityKind = attrs.field(converter=_kind)
    client_id: str = attrs.field(validator=nonblank)
    owner: str = attrs.field(validator=nonblank)
    at: _dt.datetime = attrs.field(converter=_moment)
    deal_id: str | None = attrs.field(default=None, validator=optional_nonblank)
    contact_id: str | None = attrs.field(default=None, validator=optional_nonblank)
    outcome: ActivityOutcome = attrs.field(
        default=ActivityOutcome.DONE, converter=_outcome
    )
    notes: str = attrs.field(default="", validator=a_str)

    @property
    def planned(self) -> bool:
        """Whether the activity is still to be done (a next step)."""
        return self.outcome is ActivityOutcome.PLANNED

    def day(self, calendar: FiscalCalendar | None = None) -> _dt.date:
        """The calendar day of ``at`` (in ``calendar``'s timezone, UTC if
        none): the day it took place, or its due day.

        >>> import pendulum
        >>> a = Activity("A-1", "call", "C-1", "anna", pendulum.datetime(2026, 3, 2, 23, tz="UTC"))
        >>> a.day(), a.day(FiscalCalendar(timezone="Europe/Tallinn"))
        (datetime.date(2026, 3, 2), datetime.date(2026, 3, 3))
        """
        return (calendar or _UTC).date_of(self.at)


_PER = ("client", "deal")


def _keyed(activities: Iterable[Activity], per: str) -> Iterable[tuple[str, Activity]]:
    if per not in _PER:
        raise RelationshipInputError("per", per, "give 'client' or 'deal'")
    for activity in check_items("activities", activities, Activity):
        key = activity.client_id if per == "client" else activity.deal_id
        if key is not None:
            yield key, activity


def last_activities(
    activities: Iterable[Activity],
    *,
    per: str = "client",
    at: _dt.datetime | None = None,
) -> dict[str, Activity]:
    """The last activity that took place (``done`` or ``no_reply``) per
    client (``per="client"``) or per deal (``per="deal"``), up to ``at``
    when given; the later ``at`` wins, then the larger id.

    >>> import pendulum
    >>> t = pendulum.datetime(2026, 3, 2, tz="UTC")
    >>> acts = [Activity("A-1", "call", "C-1", "anna", t),
    ...         Activity("A-2", "visit", "C-1", "anna", t.add(days=5)),
    ...         Activity("A-3", "call", "C-1", "anna", t.add(days=9), outcome="cancelled")]
    >>> last_activities(acts)["C-1"].id, last_activities(acts, at=t.add(days=1))["C-1"].id
    ('A-2', 'A-1')
    >>> last_activities(acts, per="contact")
    Traceback (most recent call last):
    ...
    accountcore.relationship.errors.RelationshipInputError: per='contact' is invalid: give 'client' or 'deal'.
    """
    until = None if at is None else require_aware(at, "at")
    found: dict[str, Activity] = {}
    for key, activity in _keyed(activities, per):
        if not activity.outcome.took_place or (
            until is not None and activity.at > until
        ):
            continue
        best = found.get(key)
        if best is None or (activity.at, activity.id) > (best.at, best.id):
            found[key] = activity
    return found


def next_activities(
    activities: Iterable[Activity], *, per: str = "client"
) -> dict[str, Activity]:
    """The next planned activity per client or per deal: the planned one
    due first (then the smaller id), overdue or not. A deal's next
    activity is its *next step*.

    >>> import pendulum
    >>> t = pendulum.datetime(2026, 3, 2, tz="UTC")
    >>> acts = [Activity("A-1", "call", "C-1", "anna", t.add(days=4), outcome="planned"),
    ...         Activity("A-2", "task", "C-1", "anna", t.add(days=2), outcome="planned")]
    >>> next_activities(acts)["C-1"].id
    'A-2'
    """
    found: dict[str, Activity] = {}
    for key, activity in _keyed(activities, per):
        if not activity.planned:
            continue
        best = found.get(key)
        if best is None or (activity.at, activity.id) < (best.at, best.id):
            found[key] = activity
    return found


@attrs.frozen
class OverdueStep:
    """A deal's next step whose due day has passed: the planned activity,
    its due day and the whole days since then.

    >>> import pendulum
    >>> a = Activity("A-1", "call", "C-1", "anna", pendulum.datetime(2026, 3, 2, tz="UTC"), deal_id="D-1", outcome="planned")
    >>> OverdueStep(a, pendulum.date(2026, 3, 2), 4).deal_id
    'D-1'
    """

    activity: Activity
    due: _dt.date
    days_overdue: int

    @property
    def deal_id(self) -> str:
        """The deal the step belongs to."""
        return self.activity.deal_id or ""


def overdue_next_steps(
    activities: Iterable[Activity],
    *,
    on: _dt.date,
    deals: Iterable[Deal] | None = None,
    calendar: FiscalCalendar | None = None,
) -> tuple[OverdueStep, ...]:
    """Each deal's next step (:func:`next_activities` per deal) that was due
    before ``on`` and is still planned, the most overdue first, then by deal
    id. A step due on ``on`` itself is not yet overdue. Given ``deals``,
    only the steps of those deals still open are judged (a won or lost deal
    needs no next step).

    >>> import pendulum
    >>> t = pendulum.datetime(2026, 3, 2, 15, tz="UTC")
    >>> steps = [Activity("A-1", "call", "C-1", "anna", t, deal_id="D-1", outcome="planned"),
    ...          Activity("A-2", "call", "C-2", "anna", t.add(days=3), deal_id="D-2", outcome="planned")]
    >>> # D-1 due 2 March: on 5 March it is 5 - 2 = 3 days overdue; D-2 is due 5 March itself
    >>> [(s.deal_id, str(s.due), s.days_overdue) for s in overdue_next_steps(steps, on=pendulum.date(2026, 3, 5))]
    [('D-1', '2026-03-02', 3)]
    """
    day = as_date(on, "on")
    open_ids: set[str] | None = None
    if deals is not None:
        open_ids = {
            d.id for d in check_items("deals", deals, Deal) if d.outcome is Outcome.OPEN
        }
    found = []
    for deal_id, step in next_activities(activities, per="deal").items():
        if open_ids is not None and deal_id not in open_ids:
            continue
        due = step.day(calendar)
        if due < day:
            found.append(OverdueStep(step, due, (day - due).days))
    found.sort(key=lambda s: (-s.days_overdue, s.deal_id))
    return tuple(found)
