"""Storage: the ports (protocols) and two adapters, memory and SQLite.

The core never imports this package; applications and CRMs pick a store and
pass entities in and out through units of work. ``SQLiteStore`` is loaded on
first use, so ``import accountcore`` does not import ``sqlite3``.

>>> from accountcore.storage import MemoryStore, SQLiteStore
>>> MemoryStore().unit_of_work().__class__.__name__
'MemoryUnitOfWork'
"""

from typing import TYPE_CHECKING, Any

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
from accountcore.storage.memory import MemoryStore, MemoryUnitOfWork
from accountcore.storage.protocols import (
    AccountPlanRepository,
    ActivityRepository,
    ClientRepository,
    Collection,
    ComplaintRepository,
    ContactRepository,
    ContractRepository,
    DealRepository,
    DisputeRepository,
    ExpenseBudgetRepository,
    ExpenseRepository,
    Index,
    IndexValue,
    LedgerRepository,
    PlanRepository,
    Query,
    QuotaRepository,
    Range,
    ReportingLineRepository,
    Repository,
    Selection,
    StatementRepository,
    Store,
    UnitOfWork,
    Versioned,
)
from accountcore.storage.relationship import (
    ACTIVITIES,
    CONTACTS,
    Activities,
    Contacts,
)
from accountcore.storage.repositories import CLIENTS, DEALS, Clients, Deals

if TYPE_CHECKING:
    from accountcore.storage.sqlite import (
        SCHEMA_VERSION,
        SQLiteStore,
        SQLiteUnitOfWork,
    )

    def _conforms(memory: MemoryStore, sqlite: SQLiteStore) -> tuple[Store, Store]:
        """mypy proves both stores (and so their units of work and typed
        repositories) satisfy the protocols."""
        return memory, sqlite


__all__ = [
    "ACTIVITIES",
    "CLIENTS",
    "CONTACTS",
    "DEALS",
    "LEDGERS",
    "PLANS",
    "QUOTAS",
    "SCHEMA_VERSION",
    "STATEMENTS",
    "Activities",
    "ActivityRepository",
    "ClientRepository",
    "Clients",
    "Collection",
    "ContactRepository",
    "Contacts",
    "DealRepository",
    "Deals",
    "Index",
    "IndexValue",
    "LedgerRepository",
    "Ledgers",
    "MemoryStore",
    "MemoryUnitOfWork",
    "PlanRepository",
    "Plans",
    "Query",
    "QuotaRepository",
    "Quotas",
    "Range",
    "Repository",
    "SQLiteStore",
    "Selection",
    "SQLiteUnitOfWork",
    "StatementRepository",
    "Statements",
    "Store",
    "UnitOfWork",
    "Versioned",
    "COMPLAINTS",
    "ComplaintRepository",
    "Complaints",
    "CONTRACTS",
    "ContractRepository",
    "Contracts",
    "EXPENSES",
    "EXPENSE_BUDGETS",
    "ExpenseBudgetRepository",
    "ExpenseBudgets",
    "ExpenseRepository",
    "Expenses",
    "ACCOUNT_PLANS",
    "AccountPlanRepository",
    "AccountPlans",
    "DISPUTES",
    "DisputeRepository",
    "Disputes",
    "REPORTING_LINES",
    "ReportingLineRepository",
    "ReportingLines",
]

_LAZY = frozenset({"SCHEMA_VERSION", "SQLiteStore", "SQLiteUnitOfWork"})


def __getattr__(name: str) -> Any:
    """Load the SQLite adapter only when one of its names is asked for."""
    if name in _LAZY:
        from accountcore.storage import sqlite

        return getattr(sqlite, name)
    raise AttributeError(f"module 'accountcore.storage' has no attribute {name!r}")
