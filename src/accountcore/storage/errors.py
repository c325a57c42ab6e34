"""The errors of storage: not found, duplicates, stale versions and busy stores, corrupt documents, bad queries, schema versions.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from collections.abc import Iterable

from accountcore._convert import shown
from accountcore.errors import AccountcoreError, RuleViolation, StructureError

__all__ = [
    "ConcurrencyError",
    "CorruptDocumentError",
    "DatabaseOpenError",
    "DuplicateError",
    "InvalidIdError",
    "WrongEntityError",
    "InvalidQueryError",
    "NotFoundError",
    "SchemaVersionError",
    "StoreBusyError",
]


class NotFoundError(RuleViolation, KeyError):
    """No entity with this id is stored in the collection.

    >>> print(NotFoundError("deals", "D-404"))
    No entity with id 'D-404' in deals.
    """

    collection: str
    id: str

    def __init__(self, collection: str, id: str) -> None:
        self.collection = collection
        self.id = id
        super().__init__(f"No entity with id {id!r} in {collection}.")


class DuplicateError(RuleViolation, ValueError):
    """``add`` of an id that is already stored.

    >>> print(DuplicateError("deals", "D-1", 3))
    Cannot add 'D-1' to deals: that id is already stored (version 3); load it and save instead.
    """

    collection: str
    id: str
    version: int

    def __init__(self, collection: str, id: str, version: int) -> None:
        self.collection = collection
        self.id = id
        self.version = version
        super().__init__(
            f"Cannot add {id!r} to {collection}: that id is already stored "
            f"(version {version}); load it and save instead."
        )


class ConcurrencyError(RuleViolation, ValueError):
    """The stored version moved on since the caller loaded the entity.

    ``actual`` is ``None`` when the entity was deleted meanwhile.

    >>> print(ConcurrencyError("deals", "D-1", expected=2, actual=3))
    Cannot write 'D-1' in deals: expected version 2 but the stored version is 3; another unit of work changed it first: load it again and retry.
    """

    collection: str
    id: str
    expected: int | None
    actual: int | None

    def __init__(
        self, collection: str, id: str, *, expected: int | None, actual: int | None
    ) -> None:
        self.collection = collection
        self.id = id
        self.expected = expected
        self.actual = actual
        stored = (
            "it is no longer stored"
            if actual is None
            else f"the stored version is {actual}"
        )
        super().__init__(
            f"Cannot write {id!r} in {collection}: expected version {expected} but "
            f"{stored}; another unit of work changed it first: load it again and retry."
        )


class StoreBusyError(ConcurrencyError):
    """Another unit of work held the write lock for longer than the timeout.

    >>> print(StoreBusyError("deals", "D-1", 5.0))
    Cannot write 'D-1' in deals: another unit of work held the store's write lock for more than 5.0 s; retry the unit of work.
    """

    waited: float

    def __init__(self, collection: str, id: str, waited: float) -> None:
        self.collection = collection
        self.id = id
        self.expected = None
        self.actual = None
        self.waited = waited
        AccountcoreError.__init__(
            self,
            f"Cannot write {id!r} in {collection}: another unit of work held the "
            f"store's write lock for more than {waited} s; retry the unit of work.",
        )


class CorruptDocumentError(StructureError):
    """A stored document does not structure into its entity type.

    Raised instead of returning a half-built object; ``errors`` lists every
    bad field (as :class:`StructureError` does).

    >>> print(CorruptDocumentError("deals", "D-1", "Deal", ["$.amount: required field missing"]))
    Stored document 'D-1' in table deals is corrupt or foreign: it does not structure into Deal (1 bad field):
      - $.amount: required field missing
    """

    table: str
    id: str

    def __init__(self, table: str, id: str, target: str, errors: Iterable[str]) -> None:
        self.table = table
        self.id = id
        self.target = target
        self.errors = tuple(errors)
        count = len(self.errors)
        noun = "field" if count == 1 else "fields"
        lines = "".join(f"\n  - {err}" for err in self.errors)
        AccountcoreError.__init__(
            self,
            f"Stored document {id!r} in table {table} is corrupt or foreign: it does "
            f"not structure into {target} ({count} bad {noun}):{lines}",
        )


class InvalidQueryError(RuleViolation, ValueError):
    """A query names an index the collection does not have, or pages badly.

    >>> print(InvalidQueryError("deals", "order_by", "ownr", "known indexes: owner, stage"))
    Invalid query on deals: order_by='ownr' (known indexes: owner, stage).
    """

    collection: str
    parameter: str
    value: object
    reason: str

    def __init__(
        self, collection: str, parameter: str, value: object, reason: str
    ) -> None:
        self.collection = collection
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(
            f"Invalid query on {collection}: {parameter}={value!r} ({reason})."
        )


class SchemaVersionError(RuleViolation, ValueError):
    """A database written by a newer accountcore than the one reading it.

    >>> print(SchemaVersionError("crm.db", 9, 1))
    Database crm.db has schema version 9, newer than the 1 this accountcore knows; upgrade accountcore to open it.
    """

    database: str
    found: int
    known: int

    def __init__(self, database: str, found: int, known: int) -> None:
        self.database = database
        self.found = found
        self.known = known
        super().__init__(
            f"Database {database} has schema version {found}, newer than the "
            f"{known} this accountcore knows; upgrade accountcore to open it."
        )


class InvalidIdError(RuleViolation, TypeError):
    """An id that is not a ``str`` (ids are text in every store).

    >>> print(InvalidIdError("deals", ["D-1"]))
    Invalid id ['D-1'] for deals: an id is a str, got list.
    """

    collection: str
    id: object

    def __init__(self, collection: str, id: object) -> None:
        self.collection = collection
        self.id = id
        super().__init__(
            f"Invalid id {shown(id)} for {collection}: an id is a str, "
            f"got {type(id).__name__}."
        )


class DatabaseOpenError(RuleViolation, ValueError):
    """A path that does not open as an SQLite store (no such directory, an
    empty path, a file that is not an SQLite database).

    >>> print(DatabaseOpenError("notes.txt", "file is not a database"))
    Cannot open 'notes.txt' as an SQLite store: file is not a database; give the path of an SQLite database file (a new one is created) or ':memory:'.
    """

    database: str
    reason: str

    def __init__(self, database: str, reason: str) -> None:
        self.database = database
        self.reason = reason
        super().__init__(
            f"Cannot open {shown(database)} as an SQLite store: {reason}; give the "
            "path of an SQLite database file (a new one is created) or ':memory:'."
        )


class WrongEntityError(RuleViolation, TypeError):
    """An entity handed to a repository of another collection's type.

    >>> print(WrongEntityError("deals", "Deal", "D-1"))
    Cannot store 'D-1' (str) in deals: it holds Deal.
    """

    collection: str
    expected: str
    entity: object

    def __init__(self, collection: str, expected: str, entity: object) -> None:
        self.collection = collection
        self.expected = expected
        self.entity = entity
        super().__init__(
            f"Cannot store {shown(entity)} ({type(entity).__name__}) in "
            f"{collection}: it holds {expected}."
        )
