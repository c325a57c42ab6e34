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
    CurrencyMismatchError,
    DefinitionError,
    InvalidAllocationError,
    InvalidAmountError,
    InvalidPeriodError,
    InvalidProfileError,
    MissingRateError,
    NaiveDatetimeError,
    RuleViolation,
    ScoreComparisonError,
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
    "InvalidPeriodError",
    "InvalidProfileError",
    "MissingRateError",
    "NaiveDatetimeError",
    "RuleViolation",
    "ScoreComparisonError",
    "StructureError",
    "UnknownCurrencyError",
    # metadata
    "__version__",
]
