"""MemoryStore: the default store, dict-backed, with the full contract.

Entities are frozen, so the store keeps the objects themselves (no copy, no
serialisation) next to their version and indexed values. Committed tables
are replaced, never mutated (copy on write), so a reader in another thread
always sees a whole commit. One unit of work at a time may write: it takes
the store's lock on its first write and keeps it until it commits or rolls
back; another writer waits up to ``timeout`` seconds, then gets
:class:`~accountcore.storage.errors.StoreBusyError` (a ``ConcurrencyError``).

>>> import attrs
>>> from accountcore.storage.protocols import Collection, Index, Query
>>> @attrs.frozen
... class Note:
...     id: str
...     author: str
>>> NOTES = Collection("notes", Note, lambda n: n.id, (Index("author", lambda n: n.author),))
>>> store = MemoryStore()
>>> with store.unit_of_work() as uow:
...     uow.repository(NOTES).add(Note("n-1", "ana"))
...     uow.commit()
1
>>> with store.unit_of_work() as uow:
...     uow.repository(NOTES).select(Query(equals={"author": "ana"}))
[Note(id='n-1', author='ana')]
"""

from __future__ import annotations

import threading
from typing import Any, TypeVar

from accountcore.storage._documents import _UnitOfWork
from accountcore.storage.errors import StoreBusyError
from accountcore.storage.protocols import Collection, IndexValue, Query, Versioned

__all__ = ["MemoryStore", "MemoryUnitOfWork"]

T = TypeVar("T")

_Row = tuple[int, Any, dict[str, IndexValue]]
"""version, entity, indexed values."""
_Table = dict[str, _Row]


class MemoryStore:
    """Entities in dictionaries, with versions and all-or-nothing units of work.

    ``timeout`` is how long (seconds) a writer waits for another unit of work
    holding the write lock.

    >>> MemoryStore().unit_of_work().__class__.__name__
    'MemoryUnitOfWork'
    """

    def __init__(self, *, timeout: float = 5.0) -> None:
        self.timeout = timeout
        self._tables: dict[str, _Table] = {}
        self._lock = threading.Lock()

    def unit_of_work(self) -> MemoryUnitOfWork:
        """A new unit of work on this store."""
        return MemoryUnitOfWork(self)

    def close(self) -> None:
        """Nothing to release (the store lives as long as the object)."""

    def _table(self, name: str) -> _Table:
        return self._tables.get(name, {})

    def _publish(self, changes: dict[str, dict[str, _Row | None]]) -> None:
        """Replace each changed table by a new dict holding the changes."""
        for name, rows in changes.items():
            table = dict(self._table(name))
            for id, row in rows.items():
                if row is None:
                    table.pop(id, None)
                else:
                    table[id] = row
            self._tables[name] = table


class MemoryUnitOfWork(_UnitOfWork):
    """A unit of work on a :class:`MemoryStore` (use it in a ``with`` block).

    Writes wait in a private overlay, read back by this unit only, and are
    published together by :meth:`commit`.
    """

    def __init__(self, store: MemoryStore) -> None:
        super().__init__()
        self._store = store
        self._pending: dict[str, dict[str, _Row | None]] = {}
        self._locked = False

    def commit(self) -> None:
        """Publish every pending write at once and release the write lock."""
        if self._locked:
            self._store._publish(self._pending)
        self.rollback()

    def rollback(self) -> None:
        """Drop every pending write and release the write lock."""
        self._pending = {}
        if self._locked:
            self._locked = False
            self._store._lock.release()

    def lock(self, collection: Collection[Any], id: str) -> None:
        if self._locked:
            return
        timeout = self._store.timeout
        if not self._store._lock.acquire(timeout=timeout if timeout > 0 else 0):
            raise StoreBusyError(collection.name, id, timeout)
        self._locked = True

    def _row(self, collection: Collection[Any], id: str) -> _Row | None:
        pending = self._pending.get(collection.name, {})
        if id in pending:
            return pending[id]
        return self._store._table(collection.name).get(id)

    def version(self, collection: Collection[Any], id: str) -> int | None:
        row = self._row(collection, id)
        return None if row is None else row[0]

    def read(self, collection: Collection[T], id: str) -> Versioned[T] | None:
        row = self._row(collection, id)
        return None if row is None else Versioned(row[1], row[0])

    def insert(self, collection: Collection[T], id: str, entity: T) -> int | None:
        current = self.version(collection, id)
        if current is None:
            self.put(collection, id, entity, 1)
        return current

    def put(self, collection: Collection[T], id: str, entity: T, version: int) -> None:
        row = (version, entity, collection.index_values(entity))
        self._pending.setdefault(collection.name, {})[id] = row

    def remove(self, collection: Collection[Any], id: str) -> None:
        self._pending.setdefault(collection.name, {})[id] = None

    def _matching(
        self, collection: Collection[Any], query: Query
    ) -> list[tuple[str, _Row]]:
        pending = self._pending.get(collection.name, {})
        committed = self._store._table(collection.name)
        found = [
            (id, row)
            for id, row in committed.items()
            if id not in pending and _matches(row[2], query)
        ]
        found.extend(
            (id, row)
            for id, row in pending.items()
            if row is not None and _matches(row[2], query)
        )
        return found

    def select(self, collection: Collection[T], query: Query) -> list[T]:
        found = self._matching(collection, query)
        name = query.order_by
        if name is None:
            found.sort(key=lambda item: item[0])
        else:
            found.sort(key=lambda item: _order_key(item[1][2][name], item[0]))
        stop = None if query.limit is None else query.offset + query.limit
        return [row[1] for _, row in found[query.offset : stop]]

    def count(self, collection: Collection[Any], query: Query) -> int:
        return len(self._matching(collection, query))


def _order_key(value: IndexValue, id: str) -> tuple[bool, IndexValue, str]:
    """Unset values first (as SQL orders NULL), then by value, then id."""
    return (value is not None, value, id)


def _matches(values: dict[str, IndexValue], query: Query) -> bool:
    for name, wanted in query.equals:
        if values[name] != wanted:
            return False
    bounds = query.range
    if bounds is None:
        return True
    value = values[bounds.index]
    if value is None:
        return False
    if bounds.start is not None and value < bounds.start:  # type: ignore[operator]
        return False
    return bounds.end is None or value < bounds.end  # type: ignore[operator]
