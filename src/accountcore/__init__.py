"""accountcore: exact, explainable domain logic for account management.

>>> import accountcore
>>> accountcore.Money("100.00", "EUR").allocate([1, 1, 1])
(Money('33.34', 'EUR'), Money('33.33', 'EUR'), Money('33.33', 'EUR'))
"""

from importlib.metadata import version as _version

# clients and deals
from accountcore.clients import (
    Client,
    ClientAction,
    ClientChange,
    ClientKind,
    ClientStatus,
    ClientTier,
    validate_clients,
)
from accountcore.deals import (
    AmountChange,
    CloseDateChange,
    ContactChange,
    Deal,
    DealEvent,
    ForecastChange,
    OwnerChange,
    PipelineChange,
    ProbabilityChange,
    ProbabilitySource,
    Split,
    SplitChange,
    StageChange,
)

# money and time
# errors
from accountcore.errors import (
    AccountcoreError,
    AmountTypeError,
    ClientCollectionError,
    ClientLifecycleError,
    ConcurrencyError,
    CorruptDocumentError,
    CurrencyMismatchError,
    DealChangeError,
    DefinitionError,
    DuplicateError,
    InvalidAllocationError,
    InvalidAmountError,
    InvalidLocaleError,
    InvalidPeriodError,
    InvalidQueryError,
    MissingRateError,
    NaiveDatetimeError,
    NotFoundError,
    PipelineDefinitionError,
    PrecisionError,
    RuleViolation,
    SchemaVersionError,
    StoreBusyError,
    StructureError,
    TransitionError,
    UnknownCurrencyError,
    UnknownRequirementError,
    UnknownStageError,
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
from accountcore.pipeline import (
    Move,
    Pipeline,
    Reopen,
    TransitionPolicy,
    Verdict,
    migrate,
)
from accountcore.requirements import REQUIREMENTS, Requirement, RequirementRegistry
from accountcore.stages import ForecastCategory, Outcome, Stage

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
    "InvalidLocaleError",
    "InvalidPeriodError",
    "InvalidQueryError",
    "MissingRateError",
    "NaiveDatetimeError",
    "NotFoundError",
    "PrecisionError",
    "RuleViolation",
    "SchemaVersionError",
    "StoreBusyError",
    "StructureError",
    "UnknownCurrencyError",
    # clients and deals
    "AmountChange",
    "Client",
    "ClientAction",
    "ClientChange",
    "ClientKind",
    "ClientStatus",
    "ClientTier",
    "CloseDateChange",
    "ContactChange",
    "Deal",
    "DealEvent",
    "ForecastCategory",
    "ForecastChange",
    "Move",
    "Outcome",
    "OwnerChange",
    "Pipeline",
    "PipelineChange",
    "ProbabilityChange",
    "ProbabilitySource",
    "REQUIREMENTS",
    "Reopen",
    "Requirement",
    "RequirementRegistry",
    "Split",
    "SplitChange",
    "Stage",
    "StageChange",
    "TransitionPolicy",
    "Verdict",
    "migrate",
    "validate_clients",
    # errors of clients and deals
    "ClientCollectionError",
    "ClientLifecycleError",
    "DealChangeError",
    "PipelineDefinitionError",
    "TransitionError",
    "UnknownRequirementError",
    "UnknownStageError",
    # metadata
    "__version__",
]
