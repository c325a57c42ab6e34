"""Complaint figures per client, owner or category, as they stood on a date.

:func:`complaint_figures` counts, for each group, the complaints received
(up to ``at``), how many are open, resolved, rejected, how many breached a
service target, and what the resolutions cost in money, one amount per
currency (refunds, credit notes and replacements with a value; never mixed
across currencies).

>>> import pendulum
>>> from accountcore.complaints import ComplaintWorkflow, Severity
>>> flow = ComplaintWorkflow.default()
>>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
>>> a = flow.receive("K-1", client_id="C-1", category="delivery", owner="anna",
...                  severity=Severity.LOW, description="-", at=at, by="desk")
>>> [(f.key, f.received, f.open) for f in complaint_figures([a], by="owner", at=at)]
[('anna', 1, 1)]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from accountcore.complaints.complaint import Complaint
from accountcore.complaints.service import ServiceTargets
from accountcore.errors import InvalidChoiceError, check_type
from accountcore.money import Money
from accountcore.periods import require_aware

__all__ = ["ComplaintFigures", "complaint_figures"]

_GROUPS = ("client", "owner", "category")
_UNASSIGNED = "(unassigned)"


@attrs.frozen
class ComplaintFigures:
    """The figures of one group (a client id, an owner or a category code;
    ``"(unassigned)"`` for complaints without an owner).

    >>> ComplaintFigures("anna", 0, 0, 0, 0, 0, ()).received
    0
    """

    key: str
    received: int
    open: int
    resolved: int
    rejected: int
    breached: int
    cost: tuple[Money, ...]


def complaint_figures(
    complaints: Iterable[Complaint],
    *,
    by: str,
    at: _dt.datetime,
    targets: ServiceTargets | None = None,
) -> tuple[ComplaintFigures, ...]:
    """The figures per ``by`` (``"client"``, ``"owner"`` or ``"category"``)
    of the complaints received up to ``at``, each complaint as it stood
    then; groups sorted by key, costs by currency. ``targets`` defaults to
    :meth:`ServiceTargets.default`.

    >>> import pendulum
    >>> complaint_figures([], by="segment", at=pendulum.datetime(2026, 3, 2, tz="UTC"))
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidChoiceError: by='segment' is not a valid choice: expected one of 'category', 'client', 'owner'.
    """
    if by not in _GROUPS:
        raise InvalidChoiceError("by", by, _GROUPS)
    moment = require_aware(at, "at")
    service = ServiceTargets.default() if targets is None else targets
    groups: dict[str, list[Complaint]] = {}
    for complaint in complaints:
        check_type("complaints[]", complaint, Complaint)
        if complaint.received_at > moment:
            continue
        groups.setdefault(_key(complaint, by), []).append(_as_of(complaint, moment))
    return tuple(_figures(key, groups[key], service, moment) for key in sorted(groups))


def _key(complaint: Complaint, by: str) -> str:
    if by == "client":
        return complaint.client_id
    if by == "owner":
        return complaint.owner or _UNASSIGNED
    return complaint.category


def _as_of(complaint: Complaint, at: _dt.datetime) -> Complaint:
    """``complaint`` as it stood at ``at`` (its later moves left out; a
    resolution counts once it was resolved by then)."""
    history = tuple(c for c in complaint.history if c.at <= at)
    if len(history) == len(complaint.history):
        return complaint
    resolved = any(c.target == "resolved" for c in history)
    return attrs.evolve(
        complaint,
        status=history[-1].target,
        history=history,
        resolution=complaint.resolution if resolved else None,
    )


def _figures(
    key: str, complaints: list[Complaint], targets: ServiceTargets, at: _dt.datetime
) -> ComplaintFigures:
    costs: dict[str, Money] = {}
    for complaint in complaints:
        resolution = complaint.resolution
        if resolution is not None and resolution.amount is not None:
            amount = resolution.amount
            costs[amount.currency] = (
                costs.get(amount.currency, Money.zero(amount.currency)) + amount
            )
    decided = [c for c in complaints if not c.is_open]
    return ComplaintFigures(
        key,
        len(complaints),
        sum(1 for c in complaints if c.is_open),
        sum(1 for c in decided if _last_decision(c) == "resolved"),
        sum(1 for c in decided if _last_decision(c) == "rejected"),
        sum(1 for c in complaints if targets.breaches(c, at=at)),
        tuple(costs[c] for c in sorted(costs)),
    )


def _last_decision(complaint: Complaint) -> str | None:
    for change in reversed(complaint.history):
        if change.target in {"resolved", "rejected"}:
            return change.target
    return None
