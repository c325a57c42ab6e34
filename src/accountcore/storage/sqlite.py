"""SQLiteStore: the reference adapter on a real database (stdlib ``sqlite3``).

One table per collection: ``id`` (primary key), ``version``, ``document``
(the entity as JSON text from :func:`accountcore.serialization.to_json`) and
one column per index, with an SQL index on ``(column, id)`` so every query
is an index range scan in a total order. Values always travel as SQL
parameters; table and column names come from a validated
:class:`~accountcore.storage.protocols.Collection`, never from data.

The database runs in WAL mode with ``synchronous=FULL``. A unit of work has
its own connection; it reads the latest committed data until its first
write, which opens ``BEGIN IMMEDIATE`` (the database's single write lock),
so version checks and writes happen under that lock and two processes
writing at once are safe: the second waits (up to ``timeout``) and then
sees the first's version, so one of them gets ``ConcurrencyError``.

>>> import attrs
>>> from accountcore.storage.protocols import Collection, Index
>>> @attrs.frozen
... class Note:
...     id: str
...     author: str
>>> NOTES = Collection("notes", Note, lambda n: n.id, (Index("author", lambda n: n.author),))
>>> with SQLiteStore(":memory:") as store:
...     with store.unit_of_work() as uow:
...         uow.repository(NOTES).add(Note("n-1", "ana"))
...         uow.commit()
...     with store.unit_of_work() as uow:
...         uow.repository(NOTES).load("n-1")
1
Versioned(entity=Note(id='n-1', author='ana'), version=1)
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from accountcore._convert import shown
from accountcore.errors import StructureError
from accountcore.serialization import from_json, to_json
from accountcore.storage._documents import _UnitOfWork
from accountcore.storage.errors import (
    CorruptDocumentError,
    DatabaseOpenError,
    InvalidQueryError,
    SchemaVersionError,
    StoreBusyError,
)
from accountcore.storage.protocols import (
    Collection,
    IndexValue,
    Query,
    Versioned,
    index_value_fault,
)

__all__ = ["SCHEMA_VERSION", "SQLiteStore", "SQLiteUnitOfWork"]

T = TypeVar("T")

_Migration = Callable[[sqlite3.Connection], None]


def _create_registry(connection: sqlite3.Connection) -> None:
    """1: the registry of collection tables and the entity type each holds."""
    connection.execute(
        "CREATE TABLE accountcore_collections "
        "(name TEXT PRIMARY KEY NOT NULL, entity TEXT NOT NULL)"
    )


def _sparse_closed_at(connection: sqlite3.Connection) -> None:
    """2: the deals' closing-instant index only holds closed deals (partial)."""
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'deals__closed_at'"
    ).fetchone()
    if found is not None:
        connection.execute('DROP INDEX "deals__closed_at"')
        connection.execute(
            'CREATE INDEX "deals__closed_at" ON "deals" ("closed_at", id) '
            'WHERE "closed_at" IS NOT NULL'
        )


_MIGRATIONS: tuple[_Migration, ...] = (_create_registry, _sparse_closed_at)
"""Forward migrations of the store's own schema; migration ``n`` (1-based)
brings a database from version ``n - 1`` to ``n``. Never edit one that has
shipped: append a new one."""

SCHEMA_VERSION = len(_MIGRATIONS)
"""The schema version this accountcore writes."""


def _quote(name: str) -> str:
    return f'"{name}"'


def _migrate(connection: sqlite3.Connection, database: str) -> None:
    """Bring the store's schema up to :data:`SCHEMA_VERSION`, in one transaction."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS accountcore_schema (version INTEGER NOT NULL)"
        )
        row = connection.execute(
            "SELECT max(version) FROM accountcore_schema"
        ).fetchone()
        found = row[0] or 0
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(database, found, SCHEMA_VERSION)
        for migration in _MIGRATIONS[found:]:
            migration(connection)
        if found < SCHEMA_VERSION:
            connection.execute("DELETE FROM accountcore_schema")
            connection.execute(
                "INSERT INTO accountcore_schema (version) VALUES (?)", (SCHEMA_VERSION,)
            )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


class SQLiteStore:
    """A store in an SQLite database file (``":memory:"`` for a throwaway one).

    ``":memory:"`` makes a database file in a private temporary directory,
    removed by :meth:`close` (or when the store is garbage-collected): units
    of work need separate connections to one database, which SQLite's own
    in-memory databases do not give with WAL isolation. It skips ``fsync``
    (``synchronous=OFF``): nothing of it outlives the process anyway. ``timeout`` is how
    long (seconds) a writer waits for another one before
    :class:`~accountcore.storage.errors.StoreBusyError`.

    >>> store = SQLiteStore(":memory:")
    >>> store.schema_version()
    2
    >>> store.close()
    """

    def __init__(self, path: str | Path, *, timeout: float = 5.0) -> None:
        self.timeout = timeout
        self._ready: set[str] = set()
        self._cleanup: Callable[[], None] = lambda: None
        self._pid = os.getpid()
        self._synchronous = "FULL"
        if not isinstance(path, str | Path) or not str(path):
            raise DatabaseOpenError(
                str(path) if isinstance(path, str | Path) else repr(path),
                "an empty path names no file"
                if isinstance(path, str | Path)
                else f"a path is a str or a Path, not {type(path).__name__}",
            )
        if str(path) == ":memory:":
            self._synchronous = "OFF"  # a throwaway database needs no fsync
            directory = tempfile.mkdtemp(prefix="accountcore-")
            self._cleanup = weakref.finalize(self, shutil.rmtree, directory, True)
            path = Path(directory) / "store.sqlite3"
        self.path = Path(path)
        # The store keeps one connection open: closing the last connection to
        # a database checkpoints its WAL, which each unit of work would pay.
        try:
            self._keeper = self._connect()
        except sqlite3.Error as error:
            self._cleanup()
            raise DatabaseOpenError(str(self.path), str(error)) from None
        try:
            self._keeper.execute("PRAGMA journal_mode = WAL")
            _migrate(self._keeper, str(self.path))
        except sqlite3.Error as error:
            self._keeper.close()
            self._cleanup()
            raise DatabaseOpenError(str(self.path), str(error)) from None
        except BaseException:
            self._keeper.close()
            self._cleanup()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the store's own connection (and delete a ``":memory:"``
        database); units of work still open keep theirs."""
        if self._pid == os.getpid():  # a forked child leaves the parent's alone
            self._keeper.close()
        self._cleanup()

    def unit_of_work(self) -> SQLiteUnitOfWork:
        """A new unit of work, with a connection of its own."""
        return SQLiteUnitOfWork(self, self._connect())

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        connection = self._connect()
        try:
            row = connection.execute(
                "SELECT max(version) FROM accountcore_schema"
            ).fetchone()
            return int(row[0])
        finally:
            connection.close()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path,
            timeout=self.timeout,
            isolation_level=None,
        )
        try:
            connection.execute(f"PRAGMA synchronous = {self._synchronous}")
        except BaseException:
            connection.close()  # a file that is not a database: let go of it
            raise
        return connection


class _Statements:
    """The SQL of one collection, built once from its validated names."""

    def __init__(self, collection: Collection[Any]) -> None:
        table = _quote(collection.name)
        columns = [_quote(name) for name in collection.index_names]
        self.table = table
        self.version = f"SELECT version FROM {table} WHERE id = ?"
        self.read = f"SELECT version, document FROM {table} WHERE id = ?"
        names = ", ".join(["id", "version", "document", *columns])
        marks = ", ".join("?" * (3 + len(columns)))
        self.insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        sets = ", ".join(f"{c} = ?" for c in ["version", "document", *columns])
        self.update = f"UPDATE {table} SET {sets} WHERE id = ?"
        self.delete = f"DELETE FROM {table} WHERE id = ?"
        self._extractors = tuple(index.extract for index in collection.indexes)

    def indexed(self, entity: Any) -> list[_Column]:
        """The values of the index columns for ``entity``, in column order."""
        return [_column(extract(entity)) for extract in self._extractors]


class SQLiteUnitOfWork(_UnitOfWork):
    """A unit of work on a :class:`SQLiteStore`: one connection, one
    transaction opened by the first write (use it in a ``with`` block)."""

    def __init__(self, store: SQLiteStore, connection: sqlite3.Connection) -> None:
        super().__init__()
        self._store = store
        self._connection = connection
        self._writing = False
        self._sql: dict[str, _Statements] = {}

    def commit(self) -> None:
        """Commit the transaction: every write since the last commit lands."""
        if self._writing:
            self._connection.execute("COMMIT")
            self._writing = False

    def rollback(self) -> None:
        """Roll the transaction back: no write since the last commit lands."""
        if self._writing:
            self._connection.execute("ROLLBACK")
            self._writing = False

    def _close(self) -> None:
        self._connection.close()

    def _prepare(self, collection: Collection[Any]) -> None:
        self._sql[collection.name] = _Statements(collection)
        if collection.name in self._store._ready:
            return
        if _has_columns(self._connection, collection):  # no lock needed to read
            self._store._ready.add(collection.name)
            return
        if self._writing:
            _ensure_table(self._connection, collection)
            return
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            _ensure_table(self._connection, collection)
            self._connection.execute("COMMIT")
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._store._ready.add(collection.name)

    def lock(self, collection: Collection[Any], id: str) -> None:
        if self._writing:
            return
        try:
            self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            raise StoreBusyError(collection.name, id, self._store.timeout) from None
        self._writing = True

    def version(self, collection: Collection[Any], id: str) -> int | None:
        row = self._connection.execute(self._sql[collection.name].version, (id,))
        found = row.fetchone()
        return None if found is None else _version(collection, id, found[0])

    def read(self, collection: Collection[T], id: str) -> Versioned[T] | None:
        cursor = self._connection.execute(self._sql[collection.name].read, (id,))
        found = cursor.fetchone()
        if found is None:
            return None
        version = _version(collection, id, found[0])
        return Versioned(_decode(collection, id, found[1]), version)

    def insert(self, collection: Collection[T], id: str, entity: T) -> int | None:
        sql = self._sql[collection.name]
        row = (id, 1, to_json(entity), *sql.indexed(entity))
        try:
            self._connection.execute(sql.insert, row)
        except sqlite3.IntegrityError:
            return self.version(collection, id)
        return None

    def put(self, collection: Collection[T], id: str, entity: T, version: int) -> None:
        sql = self._sql[collection.name]
        row = (version, to_json(entity), *sql.indexed(entity), id)
        self._connection.execute(sql.update, row)

    def remove(self, collection: Collection[Any], id: str) -> None:
        self._connection.execute(self._sql[collection.name].delete, (id,))

    def _rows(self, collection: Collection[Any], query: Query) -> sqlite3.Cursor:
        where, parameters = _where(query)
        order = "id" if query.order_by is None else f"{_quote(query.order_by)}, id"
        sql = (
            f"SELECT id, document FROM {self._sql[collection.name].table}{where} "
            f"ORDER BY {order} LIMIT ? OFFSET ?"
        )
        limit = -1 if query.limit is None else query.limit
        return self._connection.execute(sql, (*parameters, limit, query.offset))

    def select(self, collection: Collection[T], query: Query) -> list[T]:
        return [
            _decode(collection, id, text) for id, text in self._rows(collection, query)
        ]

    def select_readable(
        self, collection: Collection[T], query: Query
    ) -> tuple[list[T], list[CorruptDocumentError]]:
        found: list[T] = []
        corrupt: list[CorruptDocumentError] = []
        for id, text in self._rows(collection, query):
            try:
                found.append(_decode(collection, id, text))
            except CorruptDocumentError as error:
                corrupt.append(error)
        return found, corrupt

    def count(self, collection: Collection[Any], query: Query) -> int:
        where, parameters = _where(query)
        sql = f"SELECT count(*) FROM {self._sql[collection.name].table}{where}"
        return int(self._connection.execute(sql, parameters).fetchone()[0])


def _where(query: Query) -> tuple[str, list[Any]]:
    """The WHERE clause of ``query`` (names already checked) and its parameters."""
    clauses: list[str] = []
    parameters: list[Any] = []
    for name, value in query.equals:
        if value is None:
            clauses.append(f"{_quote(name)} IS NULL")
        else:
            clauses.append(f"{_quote(name)} = ?")
            parameters.append(_column(value))
    bounds = query.range
    if bounds is not None:
        clauses.append(f"{_quote(bounds.index)} IS NOT NULL")
        if bounds.start is not None:
            clauses.append(f"{_quote(bounds.index)} >= ?")
            parameters.append(_column(bounds.start))
        if bounds.end is not None:
            clauses.append(f"{_quote(bounds.index)} < ?")
            parameters.append(_column(bounds.end))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), parameters


_Column = str | int | None
"""What an index column holds."""

_EXPONENT = 10**6
"""Decimal index keys write the adjusted exponent offset by this, in 7 digits."""


def _column(value: IndexValue) -> _Column:
    """The column value of an index value, in an order SQLite keeps: text
    and integers as they are, dates as their day numbers
    (``date.toordinal``), Decimals as text keys that sort by value (see
    :func:`_decimal_key`)."""
    if type(value) is Decimal:
        return _decimal_key(value)
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.toordinal()  # an int: a text like '2026-01-10' never equals it
    fault = index_value_fault(value)
    if fault is not None:
        raise InvalidQueryError("index", "value", value, fault)
    return value  # type: ignore[return-value]


def _decimal_key(value: Decimal) -> str:
    """Text that sorts as the finite Decimals sort: ``0`` then the inverted
    exponent and digits for negatives, ``1`` for zero, ``2`` then the
    exponent and digits for positives (trailing zeros dropped, so equal
    values have equal keys).

    >>> keys = [_decimal_key(Decimal(v)) for v in ["-10", "-9.5", "0", "0.01", "2", "10.0"]]
    >>> keys == sorted(keys)
    True
    """
    fault = index_value_fault(value)
    if fault is not None:
        raise InvalidQueryError("index", "value", value, fault)
    if value.is_zero():
        return "1"
    sign, digits, _ = value.normalize().as_tuple()
    exponent = value.adjusted()
    text = "".join(map(str, digits))
    if not sign:
        return f"2{exponent + _EXPONENT:07d}{text}"
    inverted = "".join(str(9 - d) for d in digits)
    return f"0{_EXPONENT - exponent:07d}{inverted}~"


def _version(collection: Collection[Any], id: str, stored: object) -> int:
    """The version column of a row: a whole number ≥ 1, or
    :class:`CorruptDocumentError` naming the row."""
    if type(stored) is int and stored >= 1:
        return stored
    raise CorruptDocumentError(
        collection.name,
        id,
        collection.entity.__name__,
        [f"version column: expected a whole number ≥ 1, got {shown(stored)}"],
    )


def _decode(collection: Collection[T], id: str, text: object) -> T:
    """The entity in ``text``, or :class:`CorruptDocumentError` naming the row."""
    target = collection.entity.__name__
    if not isinstance(text, str | bytes):
        raise CorruptDocumentError(
            collection.name,
            id,
            target,
            [f"document column: expected JSON text, got {shown(text)}"],
        )
    try:
        entity = from_json(text, collection.entity)
    except StructureError as error:
        raise CorruptDocumentError(collection.name, id, target, error.errors) from None
    stored_id = collection.id_of(entity)
    if stored_id != id:
        raise CorruptDocumentError(
            collection.name, id, target, [f"$: the document is for id {stored_id!r}"]
        )
    return entity


def _has_columns(connection: sqlite3.Connection, collection: Collection[Any]) -> bool:
    """Whether the collection's table exists with a column for every index
    (its SQL indexes are created in the same transaction as the columns)."""
    table = _quote(collection.name)
    columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
    return bool(columns) and set(collection.index_names) <= columns


def _ensure_table(connection: sqlite3.Connection, collection: Collection[Any]) -> None:
    """Create the collection's table, or add the columns of new indexes and
    fill them from the stored documents (a forward migration)."""
    table = _quote(collection.name)
    columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
    if not columns:
        indexed = "".join(f", {_quote(name)}" for name in collection.index_names)
        connection.execute(
            f"CREATE TABLE {table} (id TEXT PRIMARY KEY NOT NULL, "
            f"version INTEGER NOT NULL, document TEXT NOT NULL{indexed})"
        )
    missing = [name for name in collection.index_names if name not in columns]
    if columns and missing:
        for name in missing:
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {_quote(name)}")
        _backfill(connection, collection, missing)
    for index in collection.indexes:
        column = _quote(index.name)
        partial = f" WHERE {column} IS NOT NULL" if index.sparse else ""
        connection.execute(
            f"CREATE INDEX IF NOT EXISTS {_quote(collection.name + '__' + index.name)} "
            f"ON {table} ({column}, id){partial}"
        )
    connection.execute(
        "INSERT OR IGNORE INTO accountcore_collections (name, entity) VALUES (?, ?)",
        (collection.name, collection.entity.__qualname__),
    )


def _backfill(
    connection: sqlite3.Connection, collection: Collection[Any], names: Iterable[str]
) -> None:
    table = _quote(collection.name)
    wanted = list(names)
    sets = ", ".join(f"{_quote(name)} = ?" for name in wanted)
    rows = connection.execute(f"SELECT id, document FROM {table}").fetchall()
    for id, text in rows:
        values = collection.index_values(_decode(collection, id, text))
        connection.execute(
            f"UPDATE {table} SET {sets} WHERE id = ?",
            (*(_column(values[name]) for name in wanted), id),
        )
