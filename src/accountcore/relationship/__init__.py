"""The relationship: activities with clients, the contact rhythm, the
account team, cover during absence and the hand-over of a portfolio.

- :mod:`accountcore.relationship.activities`: :class:`Activity` (a call,
  e-mail, meeting, presentation, visit or task, done or planned), the last
  and next activity per client and deal, overdue next steps;
- :mod:`accountcore.relationship.rhythm`: :class:`RhythmPolicy` (the most
  days between contacts per client tier) and :func:`neglected_clients`,
  each with its reason;
- :mod:`accountcore.relationship.team`: :class:`AccountTeam`,
  :class:`Delegation` and who acts for whom on a day, :func:`hand_over`;
- :mod:`accountcore.relationship.hierarchy`: :class:`Hierarchy` of dated
  :class:`ReportingLine` (who reports to whom, and since when);
- :mod:`accountcore.relationship.errors`: the errors of these.

Contact persons and their roles live with the client
(:mod:`accountcore.clients.contacts`).

>>> import pendulum
>>> a = Activity("A-1", "meeting", "C-1", "anna", pendulum.datetime(2026, 3, 2, tz="UTC"))
>>> a.kind.label.render("ro_RO")
'întâlnire'
"""

from accountcore.relationship.activities import (
    Activity,
    ActivityKind,
    ActivityOutcome,
    OverdueStep,
    last_activities,
    next_activities,
    overdue_next_steps,
)
from accountcore.relationship.hierarchy import Hierarchy, ReportingLine
from accountcore.relationship.rhythm import Neglect, RhythmPolicy, neglected_clients
from accountcore.relationship.team import (
    AccountTeam,
    Delegation,
    Handover,
    TeamMember,
    TeamRole,
    acting_for,
    hand_over,
    responsible_on,
)

__all__ = [
    "AccountTeam",
    "Activity",
    "ActivityKind",
    "ActivityOutcome",
    "Delegation",
    "Handover",
    "Neglect",
    "OverdueStep",
    "RhythmPolicy",
    "TeamMember",
    "TeamRole",
    "acting_for",
    "hand_over",
    "last_activities",
    "neglected_clients",
    "next_activities",
    "overdue_next_steps",
    "responsible_on",
    "Hierarchy",
    "ReportingLine",
]
