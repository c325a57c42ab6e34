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
    InvalidLocaleError,
    InvalidPeriodError,
    MessageParameterError,
    MissingRateError,
    NaiveDatetimeError,
    RuleViolation,
    StructureError,
    UnknownCurrencyError,
    UnknownMessageError,
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
    # errors
    "AccountcoreError",
    "AmountTypeError",
    "CurrencyMismatchError",
    "DefinitionError",
    "InvalidAllocationError",
    "InvalidAmountError",
    "InvalidPeriodError",
    "MissingRateError",
    "NaiveDatetimeError",
    "RuleViolation",
    "StructureError",
    "UnknownCurrencyError",
    # errors: localisation
    "InvalidLocaleError",
    "MessageParameterError",
    "UnknownMessageError",
    # localisation
    "LANGUAGES",
    "Message",
    "translate",
    # metadata
    "__version__",
]
