"""What both stores share: the repository rules on top of a small backend.

A store's unit of work implements the seven backend primitives below (lock,
version, read, insert, put, remove, select, count); :class:`_Repository` turns them
into the repository contract (``get``/``find``/``add``/``save``/``delete``
with their errors), so the rules are written once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from accountcore.storage.account_plans import ACCOUNT_PLANS, AccountPlans
from accountcore.storage.compensation import (
    LEDGERS,
    PLANS,
    QUOTAS,
    STATEMENTS,
    Ledgers,
    Plans,
    Quotas,
    Statements,
)
from accountcore.storage.complaints import COMPLAINTS, Complaints
from accountcore.storage.contracts import CONTRACTS, Contracts
from accountcore.storage.errors import (
    ConcurrencyError,
    CorruptDocumentError,
    DuplicateError,
    InvalidIdError,
    NotFoundError,
    WrongEntityError,
)
from accountcore.storage.expenses import (
    EXPENSE_BUDGETS,
    EXPENSES,
    ExpenseBudgets,
    Expenses,
)
from accountcore.storage.managers import (
    DISPUTES,
    REPORTING_LINES,
    Disputes,
    ReportingLines,
)
from accountcore.storage.protocols import Collection, Query, Selection, Versioned
from accountcore.storage.relationship import (
    ACTIVITIES,
    CONTACTS,
    Activities,
    Contacts,
)
from accountcore.storage.repositories import CLIENTS, DEALS, Clients, Deals

T = TypeVar("T")


class _Backend(ABC):
    """Primitives of one unit of work; writes happen after :meth:`lock`."""

    @abstractmethod
    def lock(self, collection: Collection[Any], id: str) -> None:
        """Take the store's write lock (once per transaction) or raise
        :class:`~accountcore.storage.errors.StoreBusyError`."""

    @abstractmethod
    def version(self, collection: Collection[Any], id: str) -> int | None:
        """The stored version of ``id`` as this unit sees it, or ``None``."""

    @abstractmethod
    def read(self, collection: Collection[T], id: str) -> Versioned[T] | None:
        """The stored entity and version, or ``None``."""

    @abstractmethod
    def insert(self, collection: Collection[T], id: str, entity: T) -> int | None:
        """Write a new ``entity`` at version 1 and return ``None``, or return
        the version already stored under ``id`` and write nothing."""

    @abstractmethod
    def put(self, collection: Collection[T], id: str, entity: T, version: int) -> None:
        """Replace the stored ``id`` by ``entity`` at ``version``."""

    @abstractmethod
    def remove(self, collection: Collection[Any], id: str) -> None:
        """Delete ``id``."""

    @abstractmethod
    def select(self, collection: Collection[T], query: Query) -> list[T]:
        """The page of entities matching a checked ``query``."""

    def select_readable(
        self, collection: Collection[T], query: Query
    ) -> tuple[list[T], list[CorruptDocumentError]]:
        """The page as :meth:`select` reads it, with the rows that do not
        read back collected apart (a store that cannot hold a corrupt row
        has none)."""
        return self.select(collection, query), []

    @abstractmethod
    def count(self, collection: Collection[Any], query: Query) -> int:
        """How many entities match a checked ``query``."""


class _Repository(Generic[T]):
    """The repository contract for one collection over a backend."""

    __slots__ = ("_backend", "_collection")

    def __init__(self, collection: Collection[T], backend: _Backend) -> None:
        self._collection = collection
        self._backend = backend

    @property
    def collection(self) -> Collection[T]:
        return self._collection

    def _id(self, id: object) -> str:
        """``id`` if it is a str, else :class:`InvalidIdError` naming it."""
        if type(id) is not str:
            raise InvalidIdError(self._collection.name, id)
        return id

    def _id_of(self, entity: T) -> str:
        """The id of ``entity``, refusing an entity of another type."""
        if not isinstance(entity, self._collection.entity):
            raise WrongEntityError(
                self._collection.name, self._collection.entity.__name__, entity
            )
        return self._id(self._collection.id_of(entity))

    def get(self, id: str) -> T:
        return self.load(id).entity

    def find(self, id: str) -> T | None:
        found = self._backend.read(self._collection, self._id(id))
        return None if found is None else found.entity

    def load(self, id: str) -> Versioned[T]:
        found = self._backend.read(self._collection, self._id(id))
        if found is None:
            raise NotFoundError(self._collection.name, id)
        return found

    def add(self, entity: T) -> int:
        id = self._id_of(entity)
        self._backend.lock(self._collection, id)
        current = self._backend.insert(self._collection, id, entity)
        if current is not None:
            raise DuplicateError(self._collection.name, id, current)
        return 1

    def save(self, entity: T, *, expected_version: int) -> int:
        id = self._id_of(entity)
        current = self._checked(id, expected_version)
        self._backend.put(self._collection, id, entity, current + 1)
        return current + 1

    def delete(self, id: str, *, expected_version: int | None = None) -> None:
        self._checked(self._id(id), expected_version)
        self._backend.remove(self._collection, id)

    def _checked(self, id: str, expected: int | None) -> int:
        """Lock, then the current version if it is ``expected`` (or any)."""
        self._backend.lock(self._collection, id)
        current = self._backend.version(self._collection, id)
        if current is None:
            raise NotFoundError(self._collection.name, id)
        if expected is not None and current != expected:
            raise ConcurrencyError(
                self._collection.name, id, expected=expected, actual=current
            )
        return current

    def select(self, query: Query) -> list[T]:
        return self._backend.select(self._collection, self._collection.check(query))

    def select_readable(self, query: Query) -> Selection[T]:
        checked = self._collection.check(query)
        found, corrupt = self._backend.select_readable(self._collection, checked)
        return Selection(tuple(found), tuple(corrupt))

    def count(self, query: Query) -> int:
        return self._backend.count(self._collection, self._collection.check(query))


class _UnitOfWork(_Backend):
    """The unit-of-work surface shared by the stores."""

    def __init__(self) -> None:
        self._repositories: dict[str, _Repository[Any]] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.rollback()
        self._close()

    def repository(self, collection: Collection[T]) -> _Repository[T]:
        """The repository of ``collection`` in this unit of work."""
        known = self._repositories.get(collection.name)
        if known is None or known.collection is not collection:
            self._prepare(collection)
            known = _Repository(collection, self)
            self._repositories[collection.name] = known
        repository: _Repository[T] = known
        return repository

    @property
    def clients(self) -> Clients:
        """The clients."""
        return Clients(self.repository(CLIENTS))

    @property
    def deals(self) -> Deals:
        """The deals."""
        return Deals(self.repository(DEALS))

    @property
    def quotas(self) -> Quotas:
        """The quotas."""
        return Quotas(self.repository(QUOTAS))

    @property
    def plans(self) -> Plans:
        """The commission plans."""
        return Plans(self.repository(PLANS))

    @property
    def ledgers(self) -> Ledgers:
        """The ledgers."""
        return Ledgers(self.repository(LEDGERS))

    @property
    def statements(self) -> Statements:
        """The commission statements."""
        return Statements(self.repository(STATEMENTS))

    @property
    def complaints(self) -> Complaints:
        """The complaints."""
        return Complaints(self.repository(COMPLAINTS))

    @property
    def activities(self) -> Activities:
        """The activities."""
        return Activities(self.repository(ACTIVITIES))

    @property
    def contacts(self) -> Contacts:
        """The contact persons."""
        return Contacts(self.repository(CONTACTS))

    @property
    def contracts(self) -> Contracts:
        """The contracts."""
        return Contracts(self.repository(CONTRACTS))

    @property
    def expenses(self) -> Expenses:
        """The representation expenses."""
        return Expenses(self.repository(EXPENSES))

    @property
    def expense_budgets(self) -> ExpenseBudgets:
        """The expense budgets."""
        return ExpenseBudgets(self.repository(EXPENSE_BUDGETS))

    @property
    def account_plans(self) -> AccountPlans:
        """The account plans."""
        return AccountPlans(self.repository(ACCOUNT_PLANS))

    @property
    def reporting_lines(self) -> ReportingLines:
        """The reporting lines."""
        return ReportingLines(self.repository(REPORTING_LINES))

    @property
    def disputes(self) -> Disputes:
        """The disputes."""
        return Disputes(self.repository(DISPUTES))

    def _prepare(self, collection: Collection[Any]) -> None:
        """Hook: make sure the store can hold ``collection``."""

    def _close(self) -> None:
        """Hook: release what the unit holds."""

    @abstractmethod
    def commit(self) -> None:
        """Make every write since the last commit durable and visible."""

    @abstractmethod
    def rollback(self) -> None:
        """Forget every write since the last commit."""
