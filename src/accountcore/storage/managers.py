"""Reporting lines and disputes: the managers' nouns, their collections and
typed repositories.

:data:`REPORTING_LINES` stores each
:class:`~accountcore.relationship.ReportingLine` by its id
(``member@since``), indexed by member, manager (when there is one) and the
day it holds from; :meth:`ReportingLines.hierarchy` reads them back as one
checked :class:`~accountcore.relationship.Hierarchy`. :data:`DISPUTES`
stores each :class:`~accountcore.commissions.Dispute` by its id, indexed by
owner, the first day of the disputed statement's period, whether it is open
and the day it was raised.

>>> import datetime as dt
>>> from accountcore.relationship import ReportingLine
>>> from accountcore.storage import MemoryStore
>>> with MemoryStore().unit_of_work() as uow:
...     uow.reporting_lines.add(ReportingLine("mia", None, dt.date(2026, 1, 1)))
...     uow.reporting_lines.add(ReportingLine("ana", "mia", dt.date(2026, 1, 1)))
...     uow.reporting_lines.hierarchy().team_of("mia", dt.date(2026, 2, 1))
1
1
('ana',)
"""

from __future__ import annotations

from accountcore.commissions.payout import Dispute
from accountcore.periods import Period
from accountcore.relationship import Hierarchy, ReportingLine
from accountcore.storage.protocols import Collection, Index, IndexValue, Query
from accountcore.storage.repositories import _Typed

__all__ = ["DISPUTES", "REPORTING_LINES", "Disputes", "ReportingLines"]

REPORTING_LINES: Collection[ReportingLine] = Collection(
    "reporting_lines",
    ReportingLine,
    lambda line: line.id,
    (
        Index("member", lambda line: line.member),
        Index("manager", lambda line: line.manager),
        Index("since", lambda line: line.since),
    ),
)
"""Reporting lines, indexed by member, manager (unset at the top) and the
day each holds from."""

DISPUTES: Collection[Dispute] = Collection(
    "disputes",
    Dispute,
    lambda dispute: dispute.id,
    (
        Index("owner", lambda dispute: dispute.owner),
        Index("period", lambda dispute: dispute.period.start),
        Index("state", lambda dispute: "open" if dispute.is_open else "resolved"),
        Index("raised_on", lambda dispute: dispute.raised_on),
    ),
)
"""Disputes, indexed by owner, the disputed statement's first day, state
(``open`` or ``resolved``) and the day raised."""


def _page(
    equals: dict[str, IndexValue], order_by: str, limit: int | None, offset: int
) -> Query:
    return Query(equals=equals, order_by=order_by, limit=limit, offset=offset)


class ReportingLines(_Typed[ReportingLine]):
    """The reporting-line repository: a member's lines, a manager's direct
    reports' lines (each by the day it holds from, then id) and the whole
    hierarchy."""

    __slots__ = ()

    def of_member(
        self, member: str, *, limit: int | None = None, offset: int = 0
    ) -> list[ReportingLine]:
        """The lines of ``member``, the earliest first."""
        return self.select(_page({"member": member}, "since", limit, offset))

    def to_manager(
        self, manager: str, *, limit: int | None = None, offset: int = 0
    ) -> list[ReportingLine]:
        """The lines that name ``manager`` (whoever reported to them at some
        time), the earliest first."""
        return self.select(_page({"manager": manager}, "since", limit, offset))

    def hierarchy(self) -> Hierarchy:
        """Every stored line as one :class:`~accountcore.relationship.Hierarchy`
        (checked as it is built: no circle on any day)."""
        return Hierarchy(self.select(Query()))


class Disputes(_Typed[Dispute]):
    """The dispute repository: an owner's disputes, a statement's and the
    open ones (by the day raised, then id)."""

    __slots__ = ()

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Dispute]:
        """The disputes ``owner``'s statements received, the earliest raised
        first."""
        return self.select(_page({"owner": owner}, "raised_on", limit, offset))

    def of_statement(self, owner: str, period: Period) -> list[Dispute]:
        """The disputes of ``owner``'s statement for ``period`` (its lines),
        the earliest raised first."""
        query = _page({"owner": owner, "period": period.start}, "raised_on", None, 0)
        return [d for d in self.select(query) if d.period == period]

    def open_of_owner(self, owner: str) -> list[Dispute]:
        """The disputes of ``owner`` still waiting for their resolution."""
        return self.select(
            _page({"owner": owner, "state": "open"}, "raised_on", None, 0)
        )
