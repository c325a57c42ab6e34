"""Activities and contact persons: collections and typed repositories.

:data:`ACTIVITIES` stores each :class:`~accountcore.relationship.Activity`
by its id, indexed by client, deal, owner, outcome and instant;
:data:`CONTACTS` each :class:`~accountcore.clients.Contact` by its id,
indexed by client. :class:`Activities` and :class:`Contacts` add the
queries a CRM needs, in a stable order with ``limit``/``offset`` paging.

>>> import pendulum
>>> from accountcore.relationship import Activity
>>> from accountcore.storage import MemoryStore
>>> at = pendulum.datetime(2026, 3, 2, 10, tz="UTC")
>>> with MemoryStore().unit_of_work() as uow:
...     uow.activities.add(Activity("A-1", "call", "C-1", "anna", at))
...     [a.id for a in uow.activities.by_client("C-1")]
1
['A-1']
"""

from __future__ import annotations

from accountcore.clients import Contact
from accountcore.relationship import Activity
from accountcore.storage.protocols import Collection, Index, Query
from accountcore.storage.repositories import _Typed, instant_key

__all__ = ["ACTIVITIES", "CONTACTS", "Activities", "Contacts"]

ACTIVITIES: Collection[Activity] = Collection(
    "activities",
    Activity,
    lambda activity: activity.id,
    (
        Index("client", lambda activity: activity.client_id),
        Index("deal", lambda activity: activity.deal_id, sparse=True),
        Index("owner", lambda activity: activity.owner),
        Index("outcome", lambda activity: activity.outcome.value),
        Index("at", lambda activity: instant_key(activity.at)),
    ),
)
"""Activities, indexed by client, deal (when they have one), owner, outcome
and instant."""

CONTACTS: Collection[Contact] = Collection(
    "contacts",
    Contact,
    lambda contact: contact.id,
    (Index("client", lambda contact: contact.client_id),),
)
"""Contact persons, indexed by client."""


def _page(
    equals: dict[str, str], order_by: str, limit: int | None, offset: int
) -> Query:
    return Query(equals=equals, order_by=order_by, limit=limit, offset=offset)


class Activities(_Typed[Activity]):
    """The activity repository: a client's, a deal's and an owner's
    activities, in time order (then id)."""

    __slots__ = ()

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Activity]:
        """The activities with ``client_id``, oldest first."""
        return self.select(_page({"client": client_id}, "at", limit, offset))

    def by_deal(
        self, deal_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Activity]:
        """The activities of ``deal_id``, oldest first."""
        return self.select(_page({"deal": deal_id}, "at", limit, offset))

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Activity]:
        """The activities of ``owner``, oldest first."""
        return self.select(_page({"owner": owner}, "at", limit, offset))

    def planned(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Activity]:
        """The activities ``owner`` still has to do (outcome ``planned``),
        the one due first first."""
        query = _page({"owner": owner, "outcome": "planned"}, "at", limit, offset)
        return self.select(query)


class Contacts(_Typed[Contact]):
    """The contact repository: a client's contact persons, by id."""

    __slots__ = ()

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Contact]:
        """The contact persons of ``client_id``, by id."""
        return self.select(
            Query(equals={"client": client_id}, limit=limit, offset=offset)
        )
