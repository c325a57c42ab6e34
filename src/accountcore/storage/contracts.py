"""Contracts: their collection and typed repository.

A contract is keyed by its id and indexed by owner, client and the day to
act on its renewal (:attr:`~accountcore.pipeline.Contract.decide_by`), so
the renewals due in a window are one range query.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.pipeline import Contract
>>> from accountcore.storage import MemoryStore
>>> k = Contract("K-1", "C-1", "anna", dt.date(2026, 1, 1), dt.date(2026, 6, 30), Money("500", "EUR"))
>>> with MemoryStore().unit_of_work() as uow:
...     uow.contracts.add(k)
...     [c.id for c in uow.contracts.deciding_in(Period.quarter(2026, 2))]
1
['K-1']
"""

from __future__ import annotations

from accountcore.periods import Period
from accountcore.pipeline import Contract
from accountcore.storage.protocols import Collection, Index, Query, Range
from accountcore.storage.repositories import _Typed

__all__ = ["CONTRACTS", "Contracts"]

CONTRACTS: Collection[Contract] = Collection(
    "contracts",
    Contract,
    lambda contract: contract.id,
    (
        Index("owner", lambda contract: contract.owner),
        Index("client", lambda contract: contract.client_id),
        Index("decide_by", lambda contract: contract.decide_by),
    ),
)
"""Contracts, indexed by owner, client and the day to act on the renewal."""


class Contracts(_Typed[Contract]):
    """The contract repository: the generic contract plus a CRM's queries."""

    __slots__ = ()

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Contract]:
        """The contracts of ``owner``, by the day to act (then id)."""
        query = Query(equals={"owner": owner}, order_by="decide_by")
        return self.select(_page(query, limit, offset))

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Contract]:
        """The contracts of a client, by the day to act (then id)."""
        query = Query(equals={"client": client_id}, order_by="decide_by")
        return self.select(_page(query, limit, offset))

    def deciding_in(
        self, period: Period, *, limit: int | None = None, offset: int = 0
    ) -> list[Contract]:
        """The contracts whose renewal must be acted on inside ``period``
        (as :func:`~accountcore.pipeline.renewals_due` finds them)."""
        window = Range("decide_by", period.start, period.end)
        return self.select(
            Query(range=window, order_by="decide_by", limit=limit, offset=offset)
        )


def _page(query: Query, limit: int | None, offset: int) -> Query:
    return Query(
        equals=query.equals, order_by=query.order_by, limit=limit, offset=offset
    )
