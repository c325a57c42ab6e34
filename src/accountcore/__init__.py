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
    CurrencyMismatchError,
    DealChangeError,
    DefinitionError,
    InvalidAllocationError,
    InvalidAmountError,
    InvalidLocaleError,
    InvalidPeriodError,
    InvalidProfileError,
    MessageParameterError,
    MissingRateError,
    NaiveDatetimeError,
    PipelineDefinitionError,
    PrecisionError,
    RuleViolation,
    ScoreComparisonError,
    StructureError,
    TransitionError,
    UnknownCurrencyError,
    UnknownMessageError,
    UnknownRequirementError,
    UnknownStageError,
)

# localisation
from accountcore.i18n import LANGUAGES, Message, translate
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

# reliability
from accountcore.reliability import (
    AltmanModel,
    AltmanScore,
    AltmanZone,
    Band,
    BandTerms,
    ClientProfile,
    CreditPolicy,
    CreditTerms,
    ExposureCheck,
    Factor,
    FactorResult,
    FactorWeight,
    FinancialStatements,
    FinancialStrength,
    Finding,
    MaterialSecurity,
    PaymentBehaviour,
    PaymentRecord,
    ReliabilityScore,
    Scorecard,
    ScoreChange,
    Stability,
    WarningSign,
    WarningSigns,
    altman_z,
    compare_scores,
    payment_index,
    register_factor,
)
from accountcore.requirements import REQUIREMENTS, Requirement, RequirementRegistry
from accountcore.stages import ForecastCategory, Outcome, Stage

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
    # reliability
    "AltmanModel",
    "AltmanScore",
    "AltmanZone",
    "Band",
    "BandTerms",
    "ClientProfile",
    "CreditPolicy",
    "CreditTerms",
    "ExposureCheck",
    "Factor",
    "FactorResult",
    "FactorWeight",
    "FinancialStatements",
    "FinancialStrength",
    "Finding",
    "MaterialSecurity",
    "PaymentBehaviour",
    "PaymentRecord",
    "ReliabilityScore",
    "ScoreChange",
    "Scorecard",
    "Stability",
    "WarningSign",
    "WarningSigns",
    "altman_z",
    "compare_scores",
    "payment_index",
    "register_factor",
    # errors
    "AccountcoreError",
    "AmountTypeError",
    "CurrencyMismatchError",
    "DefinitionError",
    "InvalidAllocationError",
    "InvalidAmountError",
    "InvalidLocaleError",
    "InvalidPeriodError",
    "InvalidProfileError",
    "MissingRateError",
    "NaiveDatetimeError",
    "PrecisionError",
    "RuleViolation",
    "ScoreComparisonError",
    "StructureError",
    "UnknownCurrencyError",
    # errors: localisation
    "MessageParameterError",
    "UnknownMessageError",
    # localisation
    "LANGUAGES",
    "Message",
    "translate",
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
