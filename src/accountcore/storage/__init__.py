"""Storage: the ports (protocols) and two adapters, memory and SQLite.

The core never imports this package; applications and CRMs pick a store and
pass entities in and out through units of work.

>>> from accountcore.storage import MemoryStore, SQLiteStore
>>> MemoryStore().unit_of_work().__class__.__name__
'MemoryUnitOfWork'
"""

from accountcore.storage.memory import MemoryStore, MemoryUnitOfWork
from accountcore.storage.protocols import (
    Collection,
    Index,
    IndexValue,
    Query,
    Range,
    Repository,
    Store,
    UnitOfWork,
    Versioned,
)
from accountcore.storage.sqlite import SCHEMA_VERSION, SQLiteStore, SQLiteUnitOfWork

__all__ = [
    "SCHEMA_VERSION",
    "Collection",
    "Index",
    "IndexValue",
    "MemoryStore",
    "MemoryUnitOfWork",
    "Query",
    "Range",
    "Repository",
    "SQLiteStore",
    "SQLiteUnitOfWork",
    "Store",
    "UnitOfWork",
    "Versioned",
]
