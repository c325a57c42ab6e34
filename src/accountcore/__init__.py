"""accountcore: exact, explainable domain logic for account management.

>>> import accountcore
>>> accountcore.Money("100.00", "EUR").allocate([1, 1, 1])
(Money('33.34', 'EUR'), Money('33.33', 'EUR'), Money('33.33', 'EUR'))
"""

from importlib.metadata import version as _version

# money and time
# errors
from accountcore.errors import (
    AccountcoreError,
    AmountTypeError,
    ConcurrencyError,
    CorruptDocumentError,
    CurrencyMismatchError,
    DefinitionError,
    DuplicateError,
    InvalidAllocationError,
    InvalidAmountError,
    InvalidPeriodError,
    InvalidQueryError,
    MissingRateError,
    NaiveDatetimeError,
    NotFoundError,
    RuleViolation,
    SchemaVersionError,
    StoreBusyError,
    StructureError,
    UnknownCurrencyError,
)
from accountcore.money import (
    CURRENCIES,
    ExchangeRate,
    ExchangeRates,
    FixedRates,
    Money,
    minor_units,
    register_currency,
)
from accountcore.periods import FiscalCalendar, Grain, Period, YearNaming, prorate

# storage (SQLiteStore is imported from accountcore.storage)
from accountcore.storage import (
    Collection,
    Index,
    MemoryStore,
    Query,
    Range,
    Repository,
    Store,
    UnitOfWork,
    Versioned,
)

__version__: str = _version("accountcore")

__all__ = [
    # money and time
    "CURRENCIES",
    "ExchangeRate",
    "ExchangeRates",
    "FiscalCalendar",
    "FixedRates",
    "Grain",
    "Money",
    "Period",
    "YearNaming",
    "minor_units",
    "prorate",
    "register_currency",
    # storage
    "Collection",
    "Index",
    "MemoryStore",
    "Query",
    "Range",
    "Repository",
    "Store",
    "UnitOfWork",
    "Versioned",
    # errors
    "AccountcoreError",
    "AmountTypeError",
    "ConcurrencyError",
    "CorruptDocumentError",
    "CurrencyMismatchError",
    "DefinitionError",
    "DuplicateError",
    "InvalidAllocationError",
    "InvalidAmountError",
    "InvalidPeriodError",
    "InvalidQueryError",
    "MissingRateError",
    "NaiveDatetimeError",
    "NotFoundError",
    "RuleViolation",
    "SchemaVersionError",
    "StoreBusyError",
    "StructureError",
    "UnknownCurrencyError",
    # metadata
    "__version__",
]
