"""Service targets per severity and the breaches of a complaint on a date.

A :class:`ServiceTargets` holds, for every :class:`Severity`, how many hours
the company has to acknowledge a complaint and to decide it (resolve or
reject), counted in calendar hours from its receipt. :meth:`breaches` says,
at an instant, which targets a complaint missed, each a :class:`Breach` with
its reason as a catalog message: late (met after the target) or overdue
(still not met at that instant). A reopened complaint runs against the same
resolve target from its receipt: while reopened it is open, so it is overdue
once past it. Late and overdue time is shown in whole hours, rounded up (10
minutes late is 1 hour late).

>>> import pendulum
>>> from accountcore.complaints import ComplaintWorkflow
>>> flow, targets = ComplaintWorkflow.default(), ServiceTargets.default()
>>> at = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
>>> c = flow.receive("K-1", client_id="C-1", category="delivery", severity=Severity.HIGH,
...                  description="Wet pallets", at=at, by="desk", owner="anna")
>>> targets.for_severity(Severity.HIGH)
ServiceTarget(severity=<Severity.HIGH: 'high'>, acknowledge_hours=4, resolve_hours=72)
>>> [b.reason.render("en_US") for b in targets.breaches(c, at=at.add(hours=5, minutes=30))]
['not acknowledged, overdue by 2 hours (target: 4 hours)']
"""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

from accountcore.complaints.complaint import Complaint, Severity
from accountcore.errors import DefinitionError, check_type
from accountcore.i18n import Message
from accountcore.periods import require_aware

__all__ = ["Breach", "BreachKind", "ServiceTarget", "ServiceTargets"]

_HOUR = _dt.timedelta(hours=1)
_HOUR_US = 3_600_000_000


class BreachKind(enum.Enum):
    """Which service target a breach misses.

    >>> BreachKind("resolve")
    <BreachKind.RESOLVE: 'resolve'>
    """

    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"


@attrs.frozen
class ServiceTarget:
    """Hours to acknowledge and to decide a complaint of one severity.

    >>> ServiceTarget(Severity.LOW, 24, 240).resolve_hours
    240
    """

    severity: Severity
    acknowledge_hours: int
    resolve_hours: int


@attrs.frozen
class Breach:
    """A service target a complaint missed: which one, when it was due,
    when it was met (``None``: still not met, overdue), how many whole hours
    late (rounded up) against a target of how many hours, and why in words.

    >>> import pendulum
    >>> due = pendulum.datetime(2026, 3, 2, 13, tz="UTC")
    >>> Breach("K-1", BreachKind.ACKNOWLEDGE, due, None, 2, 4).reason.render("et_EE")
    'kinnitamata, tähtaeg ületatud: 2 tundi (eesmärk: 4 tundi)'
    """

    complaint_id: str
    kind: BreachKind
    due: _dt.datetime
    met_at: _dt.datetime | None
    late_hours: int
    target_hours: int

    @property
    def overdue(self) -> bool:
        """``True`` while the target is still not met."""
        return self.met_at is None

    @property
    def reason(self) -> Message:
        """Why, as a catalog message (``complaints.breach.<kind>_late`` or
        ``_overdue``)."""
        state = "overdue" if self.met_at is None else "late"
        return Message.of(
            f"complaints.breach.{self.kind.value}_{state}",
            late=Message.of("complaints.hours", count=self.late_hours),
            target=Message.of("complaints.hours", count=self.target_hours),
        )


@attrs.frozen
class ServiceTargets:
    """The service targets of every severity, checked when built (every
    severity once, hours positive, acknowledging no later than deciding).

    >>> ServiceTargets((ServiceTarget(Severity.LOW, 48, 24),))
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: ServiceTargets is invalid (4 faults):
      - severity low: acknowledge_hours 48 is more than resolve_hours 24
      - severity medium has no target
      - severity high has no target
      - severity critical has no target
    """

    targets: tuple[ServiceTarget, ...]

    def __attrs_post_init__(self) -> None:
        faults: list[str] = []
        seen: set[Severity] = set()
        for target in self.targets:
            if not isinstance(target, ServiceTarget):
                faults.append(f"{target!r} is not a ServiceTarget")
                continue
            label = f"severity {getattr(target.severity, 'value', target.severity)}"
            if target.severity in seen:
                faults.append(f"{label} has two targets")
            seen.add(target.severity)
            for name in ("acknowledge_hours", "resolve_hours"):
                hours = getattr(target, name)
                if type(hours) is not int or hours < 1:
                    faults.append(
                        f"{label}: {name} must be an int of 1 or more, got {hours!r}"
                    )
            if (
                type(target.acknowledge_hours) is int
                and type(target.resolve_hours) is int
                and target.acknowledge_hours > target.resolve_hours
            ):
                faults.append(
                    f"{label}: acknowledge_hours {target.acknowledge_hours} is more "
                    f"than resolve_hours {target.resolve_hours}"
                )
        faults.extend(
            f"severity {s.value} has no target" for s in Severity if s not in seen
        )
        if faults:
            raise DefinitionError("ServiceTargets", faults)

    @classmethod
    def default(cls) -> ServiceTargets:
        """Low 24 h / 10 days, medium 8 h / 5 days, high 4 h / 3 days,
        critical 1 h / 1 day.

        >>> ServiceTargets.default().for_severity(Severity.CRITICAL).resolve_hours
        24
        """
        return _DEFAULT

    def for_severity(self, severity: Severity) -> ServiceTarget:
        """The target of ``severity``.

        >>> ServiceTargets.default().for_severity(Severity.MEDIUM).acknowledge_hours
        8
        """
        check_type("severity", severity, Severity)
        return next(t for t in self.targets if t.severity is severity)

    def breaches(self, complaint: Complaint, *, at: _dt.datetime) -> tuple[Breach, ...]:
        """The targets ``complaint`` missed as it stood at ``at``:
        acknowledging first, then deciding (moves after ``at`` are not yet
        known).

        >>> import pendulum
        >>> from accountcore.complaints import ComplaintWorkflow
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> c = ComplaintWorkflow.default().receive("K-2", client_id="C-1",
        ...     category="billing", severity=Severity.LOW, description="-", at=at, by="desk")
        >>> ServiceTargets.default().breaches(c, at=at.add(hours=24))
        ()
        """
        check_type("complaint", complaint, Complaint)
        moment = require_aware(at, "at")
        target = self.for_severity(complaint.severity)
        known = [c for c in complaint.history if c.at <= moment]
        acknowledged = next((c.at for c in known if c.target == "acknowledged"), None)
        decided: _dt.datetime | None = None
        for change in known:
            if change.target in {"resolved", "rejected"}:
                decided = change.at
            elif change.source in {
                "resolved",
                "rejected",
                "closed",
            } and change.target not in {
                "resolved",
                "rejected",
                "closed",
            }:
                decided = None  # reopened: open again
        found = [
            _breach(
                complaint,
                BreachKind.ACKNOWLEDGE,
                target.acknowledge_hours,
                acknowledged,
                moment,
            ),
            _breach(
                complaint, BreachKind.RESOLVE, target.resolve_hours, decided, moment
            ),
        ]
        return tuple(b for b in found if b is not None)


def _breach(
    complaint: Complaint,
    kind: BreachKind,
    hours: int,
    met: _dt.datetime | None,
    at: _dt.datetime,
) -> Breach | None:
    """The breach of one target (``None`` when met in time or not yet due)."""
    due = complaint.received_at + hours * _HOUR
    end = at if met is None else met
    if end <= due:
        return None
    delta = end - due
    micro = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    late = -(-micro // _HOUR_US)  # whole hours, rounded up
    return Breach(complaint.id, kind, due, met, late, hours)


_DEFAULT = ServiceTargets(
    (
        ServiceTarget(Severity.LOW, 24, 240),
        ServiceTarget(Severity.MEDIUM, 8, 120),
        ServiceTarget(Severity.HIGH, 4, 72),
        ServiceTarget(Severity.CRITICAL, 1, 24),
    )
)
