"""accountcore: exact, explainable domain logic for account management.

>>> import accountcore
>>> accountcore.Money("100.00", "EUR").allocate([1, 1, 1])
(Money('33.34', 'EUR'), Money('33.33', 'EUR'), Money('33.33', 'EUR'))
"""

from importlib.metadata import version as _version

# money and time
# discounts
from accountcore.discounts import (
    AmountOff,
    ApprovalLevel,
    BuyGetFree,
    ClientFacts,
    Conditions,
    DiscountRule,
    DiscountScheme,
    FixedPrice,
    PercentOff,
    Policy,
    PriceQuote,
    QuoteLine,
    VolumeTier,
    VolumeTiers,
)

# errors
from accountcore.errors import (
    AccountcoreError,
    AmountTypeError,
    CurrencyMismatchError,
    DefinitionError,
    InvalidAllocationError,
    InvalidAmountError,
    InvalidPeriodError,
    MissingRateError,
    NaiveDatetimeError,
    QuoteLineError,
    RuleViolation,
    SchemeDefinitionError,
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
    # discounts
    "AmountOff",
    "ApprovalLevel",
    "BuyGetFree",
    "ClientFacts",
    "Conditions",
    "DiscountRule",
    "DiscountScheme",
    "FixedPrice",
    "PercentOff",
    "Policy",
    "PriceQuote",
    "QuoteLine",
    "VolumeTier",
    "VolumeTiers",
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
    "QuoteLineError",
    "RuleViolation",
    "SchemeDefinitionError",
    "StructureError",
    "UnknownCurrencyError",
    # metadata
    "__version__",
]
