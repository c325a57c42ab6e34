"""Complaints: their collection and typed repository.

A complaint is keyed by its id and indexed by client, owner, status,
severity, category and the instant it was received (UTC text that sorts in
time order).

>>> import pendulum
>>> from accountcore.complaints import ComplaintWorkflow, Severity
>>> from accountcore.storage import MemoryStore
>>> at = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
>>> c = ComplaintWorkflow.default().receive("K-1", client_id="C-1", category="delivery",
...     severity=Severity.HIGH, description="Wet pallets", at=at, by="desk", owner="anna")
>>> with MemoryStore().unit_of_work() as uow:
...     uow.complaints.add(c)
...     [k.id for k in uow.complaints.open_of_owner("anna")]
1
['K-1']
"""

from __future__ import annotations

from accountcore.complaints import Complaint, ComplaintStatus
from accountcore.storage.protocols import Collection, Index, Query
from accountcore.storage.repositories import _Typed, instant_key

__all__ = ["COMPLAINTS", "Complaints"]

_DECIDED = frozenset(
    {ComplaintStatus.RESOLVED.value, ComplaintStatus.REJECTED.value, "closed"}
)

COMPLAINTS: Collection[Complaint] = Collection(
    "complaints",
    Complaint,
    lambda complaint: complaint.id,
    (
        Index("client", lambda complaint: complaint.client_id),
        Index("owner", lambda complaint: complaint.owner),
        Index("status", lambda complaint: complaint.status),
        Index("severity", lambda complaint: complaint.severity.value),
        Index("category", lambda complaint: complaint.category),
        Index("received_at", lambda complaint: instant_key(complaint.received_at)),
    ),
)
"""Complaints, indexed by client, owner, status, severity, category and
the instant received."""


class Complaints(_Typed[Complaint]):
    """The complaint repository: the generic contract plus the queries an
    account manager needs (in the order received, then id; paged)."""

    __slots__ = ()

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Complaint]:
        """The complaints of client ``client_id``."""
        return self._received("client", client_id, limit, offset)

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Complaint]:
        """The complaints ``owner`` answers for."""
        return self._received("owner", owner, limit, offset)

    def by_status(
        self, status: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Complaint]:
        """The complaints in ``status``."""
        return self._received("status", status, limit, offset)

    def open_of_owner(self, owner: str) -> list[Complaint]:
        """The open complaints of ``owner`` (not resolved, rejected or closed)."""
        return [c for c in self.by_owner(owner) if c.status not in _DECIDED]

    def _received(
        self, index: str, value: str, limit: int | None, offset: int
    ) -> list[Complaint]:
        query = Query(
            equals={index: value}, order_by="received_at", limit=limit, offset=offset
        )
        return self.select(query)
