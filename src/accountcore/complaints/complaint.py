"""Complaints and claims: plain frozen data that a
:class:`~accountcore.complaints.ComplaintWorkflow` moves.

A :class:`Complaint` names the client, the deal or contract it is about, a
category (a code: :data:`DEFAULT_CATEGORIES` have catalog labels), a
:class:`Severity`, when it was received, what the client said and the
account manager who owns it. Its ``history`` records every status change
(:class:`StatusChange`); its :class:`Resolution` says how it was settled,
with money where there is money.

>>> import pendulum
>>> from accountcore.money import Money
>>> Resolution(ResolutionKind.REFUND, Money("120.00", "EUR")).amount
Money('120.00', 'EUR')
>>> Resolution(ResolutionKind.EXPLANATION, Money("5", "EUR"))
Traceback (most recent call last):
...
accountcore.complaints.errors.InvalidResolutionError: Invalid resolution 'explanation' with amount Money('5', 'EUR'): an explanation carries no amount.
"""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

from accountcore.complaints.errors import InvalidResolutionError
from accountcore.money import Money

__all__ = [
    "DEFAULT_CATEGORIES",
    "Complaint",
    "ComplaintStatus",
    "Resolution",
    "ResolutionKind",
    "Severity",
    "StatusChange",
]

DEFAULT_CATEGORIES: tuple[str, ...] = (
    "product_quality",
    "delivery",
    "billing",
    "service",
    "contract_terms",
    "other",
)
"""Complaint categories with catalog labels (``complaints.category.<code>``);
a category of your own is shown by its code."""


class Severity(enum.Enum):
    """How serious a complaint is; service targets are set per severity.

    >>> Severity("critical").rank > Severity.LOW.rank
    True
    """

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for low up to 3 for critical.

        >>> Severity.HIGH.rank
        2
        """
        return list(Severity).index(self)


class ComplaintStatus(enum.Enum):
    """Where a complaint stands in the default workflow.

    >>> ComplaintStatus("investigating").decided, ComplaintStatus.REJECTED.decided
    (False, True)
    """

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    INVESTIGATING = "investigating"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    CLOSED = "closed"

    @property
    def decided(self) -> bool:
        """``True`` once resolved or rejected (and when closed).

        >>> ComplaintStatus.CLOSED.decided
        True
        """
        return self in _DECIDED


_DECIDED = frozenset(
    {ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED, ComplaintStatus.CLOSED}
)


class ResolutionKind(enum.Enum):
    """How a complaint was settled.

    >>> ResolutionKind("credit_note").needs_amount
    True
    """

    REFUND = "refund"
    REPLACEMENT = "replacement"
    CREDIT_NOTE = "credit_note"
    EXPLANATION = "explanation"

    @property
    def needs_amount(self) -> bool:
        """A refund and a credit note are money: they need an amount.

        >>> ResolutionKind.REPLACEMENT.needs_amount
        False
        """
        return self in {ResolutionKind.REFUND, ResolutionKind.CREDIT_NOTE}


@attrs.frozen
class Resolution:
    """How a complaint was settled: a refund or a credit note with its
    (positive) amount, a replacement with its value when known, or an
    explanation (no money); ``note`` says more in free text.

    >>> Resolution(ResolutionKind.CREDIT_NOTE)
    Traceback (most recent call last):
    ...
    accountcore.complaints.errors.InvalidResolutionError: Invalid resolution 'credit_note' with amount None: a credit note needs a positive amount.
    """

    kind: ResolutionKind
    amount: Money | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        kind = self.kind
        if not isinstance(kind, ResolutionKind):
            raise InvalidResolutionError(
                str(kind), self.amount, "the kind must be a ResolutionKind"
            )
        amount = self.amount
        if amount is not None and not isinstance(amount, Money):
            raise InvalidResolutionError(
                kind.value, amount, "the amount must be Money or None"
            )
        if kind is ResolutionKind.EXPLANATION and amount is not None:
            raise InvalidResolutionError(
                kind.value, amount, "an explanation carries no amount"
            )
        if kind.needs_amount and (amount is None or amount.amount <= 0):
            words = kind.value.replace("_", " ")
            raise InvalidResolutionError(
                kind.value, amount, f"a {words} needs a positive amount"
            )
        if amount is not None and amount.amount <= 0:
            raise InvalidResolutionError(
                kind.value, amount, "a replacement's value must be positive"
            )


@attrs.frozen
class StatusChange:
    """One move of a complaint: when, by whom, from and to which status
    (``source`` is ``None`` when it was received), the reason given, and
    whether the move was forced past the workflow.

    >>> import pendulum
    >>> StatusChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "anna", None, "received").target
    'received'
    """

    at: _dt.datetime
    by: str
    source: str | None
    target: str
    reason: str | None = None
    forced: bool = False


@attrs.frozen
class Complaint:
    """A client's complaint or claim, with its whole history.

    Made by :meth:`ComplaintWorkflow.receive
    <accountcore.complaints.ComplaintWorkflow.receive>`, moved by its
    ``advance`` and ``resolve``. Complaints compare by value; ``status`` is
    a status key of the workflow (the default's are the values of
    :class:`ComplaintStatus`).

    >>> import pendulum
    >>> from accountcore.complaints import ComplaintWorkflow
    >>> at = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
    >>> c = ComplaintWorkflow.default().receive(
    ...     "K-1", client_id="C-1", category="delivery", severity=Severity.HIGH,
    ...     description="Half the pallets arrived wet", at=at, by="desk", owner="anna")
    >>> c.status, c.updated_at == at, c.decided_at
    ('received', True, None)
    """

    id: str
    client_id: str
    category: str
    severity: Severity
    received_at: _dt.datetime
    description: str
    owner: str | None
    status: str
    history: tuple[StatusChange, ...]
    deal_id: str | None = None
    contract_id: str | None = None
    resolution: Resolution | None = None
    workflow_id: str = "complaints"

    @property
    def updated_at(self) -> _dt.datetime:
        """When the complaint last moved (its receipt when it never has)."""
        return self.history[-1].at if self.history else self.received_at

    @property
    def previous_status(self) -> str | None:
        """The status before the current one (``None`` when just received)."""
        return self.history[-1].source if self.history else None

    def entered(self, status: str) -> _dt.datetime | None:
        """When the complaint first entered ``status`` (``None`` if never).

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> Complaint("K-2", "C-1", "other", Severity.LOW, at, "-", None, "received",
        ...           (StatusChange(at, "desk", None, "received"),)).entered("received") == at
        True
        """
        for change in self.history:
            if change.target == status:
                return change.at
        return None

    @property
    def decided_at(self) -> _dt.datetime | None:
        """When the complaint was last resolved or rejected, while it stands
        decided (resolved, rejected or closed); ``None`` while open."""
        if self.status not in _DECIDED_KEYS:
            return None
        for change in reversed(self.history):
            if change.target in {"resolved", "rejected"}:
                return change.at
        return None

    @property
    def is_open(self) -> bool:
        """``True`` until resolved, rejected or closed (again after a reopen)."""
        return self.status not in _DECIDED_KEYS


_DECIDED_KEYS = frozenset(s.value for s in _DECIDED)
