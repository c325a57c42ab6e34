"""The domain collections and their typed repositories.

:data:`CLIENTS` and :data:`DEALS` say how clients and deals are stored and
indexed; :class:`Clients` and :class:`Deals` add the queries a CRM needs to
any generic repository of them (ours, or a CRM's own), each with the stable
order and the ``limit``/``offset`` paging of :class:`~accountcore.storage.Query`.

>>> import pendulum
>>> from accountcore.pipeline import Pipeline
>>> from accountcore.storage import MemoryStore
>>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
>>> deal = Pipeline.default().new_deal("D-1", client_id="C-1", owner="anna", at=at, by="anna")
>>> with MemoryStore().unit_of_work() as uow:
...     uow.deals.add(deal)
...     [d.id for d in uow.deals.by_owner("anna")]
1
['D-1']
"""

from __future__ import annotations

import datetime as _dt
from typing import Generic, TypeVar

from accountcore.clients import Client, ClientStatus, ClientTier
from accountcore.periods import FiscalCalendar, Period, require_aware
from accountcore.pipeline import Deal, Outcome
from accountcore.storage.protocols import (
    Collection,
    Index,
    IndexValue,
    Query,
    Range,
    Repository,
    Selection,
    Versioned,
)

__all__ = ["CLIENTS", "DEALS", "Clients", "Deals", "instant_key"]

T = TypeVar("T")


def instant_key(moment: _dt.datetime | None) -> str | None:
    """An aware instant as index text that sorts in time order (UTC, fixed width).

    >>> import pendulum
    >>> instant_key(pendulum.datetime(2026, 3, 2, 9, 30, tz="Europe/Tallinn"))
    '2026-03-02T07:30:00.000000Z'
    """
    if moment is None:
        return None
    offset = moment.utcoffset()
    if offset is None:  # naive: refused (checked only here, it runs per row)
        offset = require_aware(moment, "moment").utcoffset() or _dt.timedelta(0)
    wall = _dt.datetime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=_dt.UTC,
    )
    return f"{(wall - offset).isoformat(timespec='microseconds')[:26]}Z"


CLIENTS: Collection[Client] = Collection(
    "clients",
    Client,
    lambda client: client.id,
    (
        Index("owner", lambda client: client.owner),
        Index("tier", lambda client: client.tier.value),
        Index("status", lambda client: client.status.value),
    ),
)
"""Clients, indexed by owner, tier and status."""

DEALS: Collection[Deal] = Collection(
    "deals",
    Deal,
    lambda deal: deal.id,
    (
        Index("owner", lambda deal: deal.owner),
        Index("client", lambda deal: deal.client_id),
        Index("stage", lambda deal: deal.stage),
        Index("outcome", lambda deal: deal.outcome.value),
        Index("closed_at", lambda deal: instant_key(deal.closed_at), sparse=True),
    ),
)
"""Deals, indexed by owner, client, stage, outcome and closing instant."""


class _Typed(Generic[T]):
    """A repository that forwards the generic contract to another one."""

    __slots__ = ("_inner",)

    def __init__(self, inner: Repository[T]) -> None:
        self._inner = inner

    @property
    def collection(self) -> Collection[T]:
        """The collection stored."""
        return self._inner.collection

    def get(self, id: str) -> T:
        """The entity ``id``; ``NotFoundError`` if absent."""
        return self._inner.get(id)

    def find(self, id: str) -> T | None:
        """The entity ``id`` or ``None``."""
        return self._inner.find(id)

    def load(self, id: str) -> Versioned[T]:
        """The entity ``id`` with its stored version."""
        return self._inner.load(id)

    def add(self, entity: T) -> int:
        """Store a new entity at version 1."""
        return self._inner.add(entity)

    def save(self, entity: T, *, expected_version: int) -> int:
        """Replace the entity if its stored version is ``expected_version``."""
        return self._inner.save(entity, expected_version=expected_version)

    def delete(self, id: str, *, expected_version: int | None = None) -> None:
        """Remove the entity ``id``."""
        self._inner.delete(id, expected_version=expected_version)

    def select(self, query: Query) -> list[T]:
        """The page of entities matching ``query``."""
        return self._inner.select(query)

    def select_readable(self, query: Query) -> Selection[T]:
        """The page of ``query``, collecting rows that do not read back."""
        return self._inner.select_readable(query)

    def count(self, query: Query) -> int:
        """How many entities match ``query``."""
        return self._inner.count(query)

    def _where(
        self, name: str, value: IndexValue, limit: int | None, offset: int
    ) -> list[T]:
        return self._inner.select(
            Query(equals={name: value}, limit=limit, offset=offset)
        )


class Clients(_Typed[Client]):
    """The client repository: the generic contract plus the CRM's queries,
    each in id order.

    >>> import pendulum
    >>> from accountcore.clients import ClientKind
    >>> from accountcore.storage import MemoryStore
    >>> at = pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> with MemoryStore().unit_of_work() as uow:
    ...     _ = uow.clients.add(Client.existing("C-1", "Acme", kind=ClientKind.CORPORATE,
    ...                                         owner="anna", at=at, tier=ClientTier.KEY))
    ...     [c.id for c in uow.clients.by_tier(ClientTier.KEY)]
    ['C-1']
    """

    __slots__ = ()

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Client]:
        """Clients whose account manager is ``owner``."""
        return self._where("owner", owner, limit, offset)

    def by_tier(
        self, tier: ClientTier, *, limit: int | None = None, offset: int = 0
    ) -> list[Client]:
        """Clients of ``tier`` (standard, key, VIP)."""
        return self._where("tier", ClientTier(tier).value, limit, offset)

    def by_status(
        self, status: ClientStatus, *, limit: int | None = None, offset: int = 0
    ) -> list[Client]:
        """Clients in ``status`` (prospect, active, dormant, churned)."""
        return self._where("status", ClientStatus(status).value, limit, offset)


class Deals(_Typed[Deal]):
    """The deal repository: the generic contract plus the CRM's queries.

    The ``by_…`` queries are in id order; :meth:`closed_in` in closing order
    (then id).
    """

    __slots__ = ()

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Deal]:
        """Deals owned by ``owner`` (the deal's owner, not its split owners)."""
        return self._where("owner", owner, limit, offset)

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Deal]:
        """Deals with client ``client_id``."""
        return self._where("client", client_id, limit, offset)

    def by_stage(
        self, stage: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Deal]:
        """Deals currently in stage ``stage`` (a stage key)."""
        return self._where("stage", stage, limit, offset)

    def by_outcome(
        self, outcome: Outcome, *, limit: int | None = None, offset: int = 0
    ) -> list[Deal]:
        """Deals whose current stage has ``outcome`` (open, won, lost)."""
        return self._where("outcome", Outcome(outcome).value, limit, offset)

    def closed_in(
        self,
        period: Period,
        *,
        calendar: FiscalCalendar | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Deal]:
        """Deals closed (won or lost) inside ``period``, read in the
        ``calendar``'s timezone (UTC by default), in closing order."""
        return self._inner.select(
            self.closed_query(period, calendar=calendar, limit=limit, offset=offset)
        )

    @staticmethod
    def closed_query(
        period: Period,
        *,
        calendar: FiscalCalendar | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Query:
        """The query behind :meth:`closed_in` (to count or page it yourself).

        >>> from accountcore.periods import Period
        >>> Deals.closed_query(Period.month(2026, 3), calendar=FiscalCalendar(timezone="Asia/Tokyo")).range
        Range(index='closed_at', start='2026-02-28T15:00:00.000000Z', end='2026-03-31T15:00:00.000000Z')
        """
        zone = calendar or FiscalCalendar()
        bounds = Range(
            "closed_at",
            instant_key(zone.start_of(period)),
            instant_key(zone.end_of(period)),
        )
        return Query(range=bounds, order_by="closed_at", limit=limit, offset=offset)
