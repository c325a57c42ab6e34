"""The ports: what accountcore expects of any storage.

A *collection* describes how one entity type is stored: its name, its type,
how to read its id, and the few *indexed* fields the queries need, each
extracted from the entity by a plain function. A *repository* stores the
entities of one collection; a *unit of work* groups the writes to several
repositories so that they land together or not at all; a *store* hands out
units of work.

>>> import attrs
>>> @attrs.frozen
... class Note:
...     id: str
...     author: str
>>> NOTES = Collection("notes", Note, lambda note: note.id,
...                    (Index("author", lambda note: note.author),))
>>> NOTES.index_names
('author',)
>>> NOTES.index_values(Note("n-1", "ana"))
{'author': 'ana'}

Versions live in the store's envelope, beside the document, never on the
entity: see ``docs/storage.md`` for why.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar

import attrs

from accountcore.account_plans import AccountPlan
from accountcore.clients import Client, ClientStatus, ClientTier, Contact
from accountcore.commissions.ledger import Ledger
from accountcore.commissions.payout import Dispute
from accountcore.commissions.plan import CommissionPlan
from accountcore.commissions.statement import CommissionStatement
from accountcore.complaints import Complaint
from accountcore.errors import DefinitionError
from accountcore.expenses import Expense, ExpenseBudget
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Contract, Deal, Outcome
from accountcore.quotas import Measure, Quota
from accountcore.relationship import Activity, Hierarchy, ReportingLine
from accountcore.storage.errors import CorruptDocumentError, InvalidQueryError

__all__ = [
    "INDEX_INT_BOUND",
    "index_value_fault",
    "AccountPlanRepository",
    "ActivityRepository",
    "ExpenseRepository",
    "ExpenseBudgetRepository",
    "ContactRepository",
    "ClientRepository",
    "Collection",
    "DealRepository",
    "Index",
    "IndexValue",
    "LedgerRepository",
    "PlanRepository",
    "Query",
    "QuotaRepository",
    "Range",
    "Repository",
    "Selection",
    "StatementRepository",
    "Store",
    "UnitOfWork",
    "Versioned",
    "ContractRepository",
    "DisputeRepository",
    "ReportingLineRepository",
]

T = TypeVar("T")

IndexValue = str | int | Decimal | _dt.date | None
"""What an index extracts: text, an integer, a finite Decimal, a date, or
``None`` (not indexed). All values of one index have one type; every store
keeps that type and its order (integers and Decimals by value, dates in
time, text by code point)."""

INDEX_INT_BOUND = 2**63
"""Integer index values lie in ``[-2**63, 2**63)`` (SQL's 64-bit integers)."""


def index_value_fault(value: object) -> str | None:
    """Why ``value`` cannot be an index value, or ``None`` if it can.

    >>> index_value_fault(Decimal("NaN"))
    'a Decimal index value must be finite'
    >>> index_value_fault(True) is None
    False
    """
    if value is None or type(value) is str or type(value) is _dt.date:
        return None
    if type(value) is int:
        if -INDEX_INT_BOUND <= value < INDEX_INT_BOUND:
            return None
        return "an int index value must lie in [-2**63, 2**63)"
    if type(value) is Decimal:
        if not value.is_finite():
            return "a Decimal index value must be finite"
        if abs(value.adjusted()) >= 10**6:
            return "a Decimal index value's exponent must lie within ±999999"
        return None
    return (
        "an index value is a str, an int, a Decimal, a date or None, "
        f"not {type(value).__name__}"
    )


_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_RESERVED = frozenset({"id", "version", "document"})


@attrs.frozen
class Index(Generic[T]):
    """One indexed field of a collection: a name and how to extract it.

    Values of one index are all ``str``, all ``int``, all ``Decimal`` or
    all ``date`` (``None`` means "not set"); text sorts by code point, so
    write instants in a form that sorts in time order (ISO 8601 in UTC:
    :func:`~accountcore.storage.repositories.instant_key`).

    ``sparse=True`` says most entities leave the value unset (a deal's
    closing instant: most deals are open): SQL stores then index only the
    rows where it is set (a partial index), which makes writes cheaper;
    queries by a range or an equality on a set value still read the index.

    >>> Index("owner", lambda deal: deal.owner).name
    'owner'
    >>> Index("closed_at", lambda deal: None, sparse=True).sparse
    True
    """

    name: str
    extract: Callable[[T], IndexValue]
    sparse: bool = False


@attrs.frozen
class Collection(Generic[T]):
    """How one entity type is stored: name, type, id, indexes.

    The name and the index names become table and column names in SQL
    stores, so they are checked when the collection is built: lower-case
    letters, digits and ``_``, starting with a letter; index names unique and
    not ``id``, ``version`` or ``document``. Every fault is listed at once.

    >>> Collection("Deals!", object, str, (Index("id", str), Index("a", str), Index("a", str)))
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: Collection 'Deals!' is invalid (3 faults):
      - name 'Deals!' must be lower-case letters, digits and _, starting with a letter
      - index name 'id' is reserved (id, version, document are the envelope)
      - index name 'a' is used twice
    """

    name: str
    entity: type[T]
    id_of: Callable[[T], str]
    indexes: tuple[Index[T], ...] = ()

    def __attrs_post_init__(self) -> None:
        faults = []
        if not _NAME.match(self.name):
            faults.append(
                f"name {self.name!r} must be lower-case letters, digits and _, "
                "starting with a letter"
            )
        seen: set[str] = set()
        for index in self.indexes:
            if index.name in _RESERVED:
                faults.append(
                    f"index name {index.name!r} is reserved "
                    "(id, version, document are the envelope)"
                )
            elif not _NAME.match(index.name):
                faults.append(
                    f"index name {index.name!r} must be lower-case letters, "
                    "digits and _, starting with a letter"
                )
            if index.name in seen:
                faults.append(f"index name {index.name!r} is used twice")
            seen.add(index.name)
        if faults:
            raise DefinitionError(f"Collection {self.name!r}", faults)

    @property
    def index_names(self) -> tuple[str, ...]:
        """The index names, in definition order."""
        return tuple(index.name for index in self.indexes)

    def index_values(self, entity: T) -> dict[str, IndexValue]:
        """The indexed values of ``entity``, by index name."""
        return {index.name: index.extract(entity) for index in self.indexes}

    def check(self, query: Query) -> Query:
        """``query`` itself if every index it names exists here, else raise
        :class:`~accountcore.storage.errors.InvalidQueryError`."""
        known = set(self.index_names)
        names = [("equals", name) for name, _ in query.equals]
        if query.range is not None:
            names.append(("range", query.range.index))
        if query.order_by is not None:
            names.append(("order_by", query.order_by))
        for parameter, name in names:
            if name not in known:
                shown = ", ".join(sorted(known)) or "none"
                raise InvalidQueryError(
                    self.name, parameter, name, f"known indexes: {shown}"
                )
        return query


def _pairs(
    values: Mapping[str, IndexValue] | Iterable[tuple[str, IndexValue]],
) -> tuple[tuple[str, IndexValue], ...]:
    if isinstance(values, Mapping):
        items = list(values.items())
    elif isinstance(values, Iterable) and not isinstance(values, str | bytes):
        items = list(values)
    else:
        raise InvalidQueryError(
            "query", "equals", values, "a mapping or pairs of (index name, value)"
        )
    for item in items:
        if not (isinstance(item, tuple | list) and len(item) == 2):
            raise InvalidQueryError(
                "query", "equals", item, "each condition is a pair (index name, value)"
            )
        _check_name("equals", item[0])
        _check_value("equals", item[1])
    return tuple(sorted(((name, value) for name, value in items), key=_first))


def _first(pair: tuple[str, IndexValue]) -> str:
    return pair[0]


def _check_name(parameter: str, name: object) -> None:
    if type(name) is not str:
        raise InvalidQueryError("query", parameter, name, "an index name is a str")


def _check_value(parameter: str, value: object) -> None:
    fault = index_value_fault(value)
    if fault is not None:
        raise InvalidQueryError("query", parameter, value, fault)


def _check_order(query: Query, _: object, value: str | None) -> None:
    if value is not None:
        _check_name("order_by", value)


def _check_range(query: Query, _: object, value: Range | None) -> None:
    if value is not None and not isinstance(value, Range):
        raise InvalidQueryError("query", "range", value, "a Range or None")


def _check_limit(query: Query, _: object, value: int | None) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise InvalidQueryError("query", "limit", value, "a whole number ≥ 0 or None")


def _check_offset(query: Query, _: object, value: int) -> None:
    if type(value) is not int or value < 0:
        raise InvalidQueryError("query", "offset", value, "a whole number ≥ 0")


@attrs.frozen
class Range:
    """A half-open range ``[start, end)`` on one index; ``None`` is open-ended.

    Entities whose value is ``None`` are never inside a range.

    >>> Range("closed_at", "2026-01-01", "2026-04-01")
    Range(index='closed_at', start='2026-01-01', end='2026-04-01')
    """

    index: str = attrs.field()
    start: IndexValue = attrs.field(default=None)
    end: IndexValue = attrs.field(default=None)

    @index.validator
    def _check_index(self, _: object, value: object) -> None:
        _check_name("range", value)

    @start.validator
    def _check_start(self, _: object, value: object) -> None:
        _check_value("range start", value)

    @end.validator
    def _check_end(self, _: object, value: object) -> None:
        _check_value("range end", value)


@attrs.frozen
class Query:
    """Which entities to select, in which order, which page.

    All ``equals`` conditions must hold (``None`` matches an unset value) and
    the entity must lie in ``range``. Results are ordered by ``order_by``
    (unset values first) and then by id, so the order is total and stable;
    ``offset`` skips that many, ``limit`` caps the page (``None``: all).

    >>> query = Query(equals={"owner": "ana"}, order_by="closed_at", limit=50)
    >>> query.equals
    (('owner', 'ana'),)
    >>> query.next_page().offset
    50
    >>> Query(limit=-1)
    Traceback (most recent call last):
    ...
    accountcore.storage.errors.InvalidQueryError: Invalid query on query: limit=-1 (a whole number ≥ 0 or None).
    """

    equals: tuple[tuple[str, IndexValue], ...] = attrs.field(
        default=(), converter=_pairs
    )
    range: Range | None = attrs.field(default=None, validator=_check_range)
    order_by: str | None = attrs.field(default=None, validator=_check_order)
    limit: int | None = attrs.field(default=None, validator=_check_limit)
    offset: int = attrs.field(default=0, validator=_check_offset)

    def next_page(self) -> Query:
        """The same query, one page further (needs a ``limit``).

        >>> Query(limit=10, offset=20).next_page().offset
        30
        """
        if self.limit is None:
            raise InvalidQueryError(
                "query", "limit", None, "next_page needs a limit to step by"
            )
        return attrs.evolve(self, offset=self.offset + self.limit)


@attrs.frozen
class Versioned(Generic[T]):
    """An entity with the version the store holds it at.

    >>> Versioned("entity", 3).version
    3
    """

    entity: T
    version: int


@attrs.frozen
class Selection(Generic[T]):
    """What :meth:`Repository.select_readable` read: the entities of the page
    that structured, and an error for each stored row that did not.

    >>> Selection(("a", "b"), ()).entities
    ('a', 'b')
    """

    entities: tuple[T, ...]
    corrupt: tuple[CorruptDocumentError, ...]


class Repository(Protocol[T]):
    """The entities of one collection, seen through one unit of work.

    Versions start at 1 on ``add`` and grow by one on each ``save``.

    >>> from accountcore.storage import MemoryStore
    >>> TEXTS = Collection("texts", str, lambda text: text)
    >>> with MemoryStore().unit_of_work() as uow:
    ...     texts: Repository[str] = uow.repository(TEXTS)
    ...     texts.add("hello"), texts.save("hello", expected_version=1)
    (1, 2)
    """

    @property
    def collection(self) -> Collection[T]:
        """The collection this repository stores."""
        ...

    def get(self, id: str) -> T:
        """The entity ``id``; :class:`~accountcore.storage.errors.NotFoundError` if absent."""
        ...

    def find(self, id: str) -> T | None:
        """The entity ``id``, or ``None`` if absent."""
        ...

    def load(self, id: str) -> Versioned[T]:
        """The entity ``id`` with its stored version (read together)."""
        ...

    def add(self, entity: T) -> int:
        """Store a new entity at version 1; ``DuplicateError`` if the id exists."""
        ...

    def save(self, entity: T, *, expected_version: int) -> int:
        """Replace the stored entity and return its new version.

        ``ConcurrencyError`` when the stored version is not
        ``expected_version``; ``NotFoundError`` when nothing is stored.
        """
        ...

    def delete(self, id: str, *, expected_version: int | None = None) -> None:
        """Remove the entity ``id`` (checking its version when given)."""
        ...

    def select(self, query: Query) -> list[T]:
        """The entities matching ``query``, in its stable order, one page.

        A stored row that does not read back (a corrupt or foreign document)
        raises :class:`~accountcore.storage.errors.CorruptDocumentError`
        naming its table and id; :meth:`select_readable` reads around it.
        """
        ...

    def select_readable(self, query: Query) -> Selection[T]:
        """The page of ``query`` as :meth:`select` reads it, except that rows
        that do not read back are collected in ``corrupt`` instead of raising
        (the page is counted in rows, good and bad)."""
        ...

    def count(self, query: Query) -> int:
        """How many entities match ``query`` (ignoring its paging)."""
        ...


class ClientRepository(Repository[Client], Protocol):
    """The clients, with the queries a CRM needs (id order, paged)."""

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Client]:
        """Clients whose account manager is ``owner``."""
        ...

    def by_tier(
        self, tier: ClientTier, *, limit: int | None = None, offset: int = 0
    ) -> list[Client]:
        """Clients of ``tier``."""
        ...

    def by_status(
        self, status: ClientStatus, *, limit: int | None = None, offset: int = 0
    ) -> list[Client]:
        """Clients in ``status``."""
        ...


class DealRepository(Repository[Deal], Protocol):
    """The deals, with the queries a CRM needs (paged)."""

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Deal]:
        """Deals owned by ``owner``, in id order."""
        ...

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Deal]:
        """Deals of client ``client_id``, in id order."""
        ...

    def by_stage(
        self, stage: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Deal]:
        """Deals in stage ``stage``, in id order."""
        ...

    def by_outcome(
        self, outcome: Outcome, *, limit: int | None = None, offset: int = 0
    ) -> list[Deal]:
        """Deals whose stage has ``outcome``, in id order."""
        ...

    def closed_in(
        self,
        period: Period,
        *,
        calendar: FiscalCalendar | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Deal]:
        """Deals closed inside ``period`` (in the calendar's timezone), in
        closing order then id."""
        ...


class QuotaRepository(Repository[Quota], Protocol):
    """The quotas (keyed by owner, measure and period)."""

    def for_period(
        self, owner: str, period: Period, measure: Measure = Measure.REVENUE
    ) -> Quota | None:
        """The quota of ``owner`` for exactly ``period`` and ``measure``."""
        ...

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Quota]:
        """The quotas of ``owner``, by period start."""
        ...

    def starting_in(
        self, period: Period, *, limit: int | None = None, offset: int = 0
    ) -> list[Quota]:
        """The quotas whose period starts inside ``period``, by start."""
        ...


class PlanRepository(Repository[CommissionPlan], Protocol):
    """The commission plans (keyed by name)."""


class LedgerRepository(Repository[Ledger], Protocol):
    """The ledgers (keyed by owner and the date paid through)."""

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Ledger]:
        """The ledgers of ``owner``, oldest first."""
        ...

    def latest(self, owner: str) -> Ledger | None:
        """The ledger to carry into ``owner``'s next statement."""
        ...


class StatementRepository(Repository[CommissionStatement], Protocol):
    """The commission statements (keyed by owner and period)."""

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[CommissionStatement]:
        """The statements of ``owner``, by period start."""
        ...

    def starting_in(
        self, period: Period, *, limit: int | None = None, offset: int = 0
    ) -> list[CommissionStatement]:
        """The statements whose period starts inside ``period``."""
        ...


class ComplaintRepository(Repository[Complaint], Protocol):
    """The complaints, with the queries an account manager needs (paged)."""

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Complaint]:
        """Complaints of client ``client_id``, in the order received."""
        ...

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Complaint]:
        """Complaints ``owner`` answers for, in the order received."""
        ...

    def by_status(
        self, status: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Complaint]:
        """Complaints in ``status``, in the order received."""
        ...

    def open_of_owner(self, owner: str) -> list[Complaint]:
        """The open complaints of ``owner``."""
        ...


class ActivityRepository(Repository[Activity], Protocol):
    """The activities (keyed by id)."""

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Activity]:
        """The activities with ``client_id``, oldest first."""
        ...

    def by_deal(
        self, deal_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Activity]:
        """The activities of ``deal_id``, oldest first."""
        ...

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Activity]:
        """The activities of ``owner``, oldest first."""
        ...

    def planned(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Activity]:
        """The planned activities of ``owner``, the one due first first."""
        ...


class ContactRepository(Repository[Contact], Protocol):
    """The contact persons (keyed by id)."""

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Contact]:
        """The contact persons of ``client_id``, by id."""
        ...


class ContractRepository(Repository[Contract], Protocol):
    """The contracts (keyed by id; ``accountcore.storage.contracts.CONTRACTS``)."""

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Contract]:
        """The contracts of ``owner``, by the day to act (then id)."""
        ...

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Contract]:
        """The contracts of a client, by the day to act (then id)."""
        ...

    def deciding_in(
        self, period: Period, *, limit: int | None = None, offset: int = 0
    ) -> list[Contract]:
        """The contracts whose renewal must be acted on inside ``period``."""
        ...


class ExpenseRepository(Repository[Expense], Protocol):
    """The representation expenses (keyed by id), in the order spent."""

    def of_owner(
        self,
        owner: str,
        period: Period | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Expense]:
        """The expenses ``owner`` spent (on the days of ``period``)."""
        ...

    def of_client(
        self,
        client_id: str,
        period: Period | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Expense]:
        """The expenses spent on ``client_id`` (on the days of ``period``)."""
        ...

    def in_period(
        self, period: Period, *, limit: int | None = None, offset: int = 0
    ) -> list[Expense]:
        """Every expense on the days of ``period``."""
        ...


class ExpenseBudgetRepository(Repository[ExpenseBudget], Protocol):
    """The expense budgets (keyed by ``owner/start/end``)."""

    def for_period(self, owner: str, period: Period) -> ExpenseBudget | None:
        """The budget of ``owner`` for exactly ``period``, or ``None``."""
        ...

    def of_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[ExpenseBudget]:
        """The budgets of ``owner``, earliest period first."""
        ...


class AccountPlanRepository(Repository[AccountPlan], Protocol):
    """The account plans (keyed by id)."""

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[AccountPlan]:
        """The plans of ``client_id``, the earliest span first."""
        ...

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[AccountPlan]:
        """The plans ``owner`` is responsible for, the earliest span first."""
        ...


class ReportingLineRepository(Repository[ReportingLine], Protocol):
    """The reporting lines (keyed by ``member@since``)."""

    def of_member(
        self, member: str, *, limit: int | None = None, offset: int = 0
    ) -> list[ReportingLine]:
        """The lines of ``member``, the earliest first."""
        ...

    def to_manager(
        self, manager: str, *, limit: int | None = None, offset: int = 0
    ) -> list[ReportingLine]:
        """The lines that name ``manager``, the earliest first."""
        ...

    def hierarchy(self) -> Hierarchy:
        """Every stored line as one checked hierarchy."""
        ...


class DisputeRepository(Repository[Dispute], Protocol):
    """The disputes of statement lines (keyed by id)."""

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Dispute]:
        """The disputes of ``owner``'s statements, the earliest raised first."""
        ...

    def of_statement(self, owner: str, period: Period) -> list[Dispute]:
        """The disputes of ``owner``'s statement for ``period``."""
        ...

    def open_of_owner(self, owner: str) -> list[Dispute]:
        """The open disputes of ``owner``."""
        ...


class UnitOfWork(Protocol):
    """A context manager grouping writes: all land on ``commit()`` or none.

    Leaving the block without ``commit()`` (or by an exception) rolls back.
    After ``commit()`` the unit may go on with new writes, which need their
    own ``commit()``.

    >>> from accountcore.storage import MemoryStore
    >>> TEXTS = Collection("texts", str, lambda text: text)
    >>> store = MemoryStore()
    >>> with store.unit_of_work() as uow:
    ...     uow.repository(TEXTS).add("draft")  # no commit: rolled back
    1
    >>> with store.unit_of_work() as uow:
    ...     uow.repository(TEXTS).find("draft") is None
    True
    """

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...

    def repository(self, collection: Collection[T]) -> Repository[T]:
        """The repository of ``collection`` inside this unit of work."""
        ...

    @property
    def clients(self) -> ClientRepository:
        """The clients (``accountcore.storage.repositories.CLIENTS``)."""
        ...

    @property
    def deals(self) -> DealRepository:
        """The deals (``accountcore.storage.repositories.DEALS``)."""
        ...

    @property
    def quotas(self) -> QuotaRepository:
        """The quotas (``accountcore.storage.compensation.QUOTAS``)."""
        ...

    @property
    def plans(self) -> PlanRepository:
        """The commission plans (``accountcore.storage.compensation.PLANS``)."""
        ...

    @property
    def ledgers(self) -> LedgerRepository:
        """The ledgers (``accountcore.storage.compensation.LEDGERS``)."""
        ...

    @property
    def statements(self) -> StatementRepository:
        """The statements (``accountcore.storage.compensation.STATEMENTS``)."""
        ...

    @property
    def complaints(self) -> ComplaintRepository:
        """The complaints (``accountcore.storage.complaints.COMPLAINTS``)."""
        ...

    @property
    def activities(self) -> ActivityRepository:
        """The activities (``accountcore.storage.relationship.ACTIVITIES``)."""
        ...

    @property
    def contacts(self) -> ContactRepository:
        """The contact persons (``accountcore.storage.relationship.CONTACTS``)."""
        ...

    @property
    def contracts(self) -> ContractRepository:
        """The contracts (``accountcore.storage.contracts.CONTRACTS``)."""
        ...

    @property
    def expenses(self) -> ExpenseRepository:
        """The representation expenses (``accountcore.storage.expenses.EXPENSES``)."""
        ...

    @property
    def expense_budgets(self) -> ExpenseBudgetRepository:
        """The expense budgets (``accountcore.storage.expenses.EXPENSE_BUDGETS``)."""
        ...

    @property
    def account_plans(self) -> AccountPlanRepository:
        """The account plans (``accountcore.storage.account_plans.ACCOUNT_PLANS``)."""
        ...

    @property
    def reporting_lines(self) -> ReportingLineRepository:
        """The reporting lines (``accountcore.storage.managers.REPORTING_LINES``)."""
        ...

    @property
    def disputes(self) -> DisputeRepository:
        """The disputes (``accountcore.storage.managers.DISPUTES``)."""
        ...

    def commit(self) -> None:
        """Make every write since the last commit durable and visible."""
        ...

    def rollback(self) -> None:
        """Forget every write since the last commit."""
        ...


class Store(Protocol):
    """Where entities live; hands out units of work.

    >>> from accountcore.storage import MemoryStore
    >>> store: Store = MemoryStore()
    >>> with store.unit_of_work() as uow:
    ...     uow.deals.count(Query())
    0
    """

    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work (use it in a ``with`` block)."""
        ...

    def close(self) -> None:
        """Release what the store holds (connections, files); units of work
        already open may still finish."""
        ...
