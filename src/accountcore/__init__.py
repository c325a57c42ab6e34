"""accountcore: exact, explainable domain logic for account management.

The top level holds the nouns a user meets first; everything else lives in
its domain's package, one home per name: :mod:`accountcore.money`,
:mod:`~accountcore.periods`, :mod:`~accountcore.clients`,
:mod:`~accountcore.pipeline`, :mod:`~accountcore.quotas`,
:mod:`~accountcore.relationship`,
:mod:`~accountcore.commissions`, :mod:`~accountcore.discounts`,
:mod:`~accountcore.reliability`, :mod:`~accountcore.analytics`,
:mod:`~accountcore.reports`, :mod:`~accountcore.i18n`, and each domain's
``errors`` module; :mod:`~accountcore.storage` and
:mod:`~accountcore.serialization` sit outside the core.

>>> import accountcore
>>> accountcore.Money("100.00", "EUR").allocate([1, 1, 1])
(Money('33.34', 'EUR'), Money('33.33', 'EUR'), Money('33.33', 'EUR'))
"""

from importlib.metadata import version as _version
from typing import Any as _Any

from accountcore import _moved
from accountcore.clients import (
    Client,
    ClientKind,
    ClientStatus,
    ClientTier,
    Contact,
)
from accountcore.commissions import (
    CommissionPlan,
    CommissionStatement,
    Credit,
    Ledger,
    StatementLine,
    calculate_team,
    credits_from,
)
from accountcore.discounts import (
    ClientFacts,
    DiscountRule,
    DiscountScheme,
    PriceQuote,
    QuoteLine,
)
from accountcore.errors import (
    AccountcoreError,
    CurrencyMismatchError,
    DefinitionError,
    NaiveDatetimeError,
    RuleViolation,
    UnknownCurrencyError,
)
from accountcore.i18n import Message
from accountcore.money import ExchangeRate, ExchangeRates, FixedRates, Money
from accountcore.periods import FiscalCalendar, Grain, Period
from accountcore.pipeline import (
    Deal,
    DealHistory,
    ForecastCategory,
    Outcome,
    Pipeline,
    Refusal,
    Split,
    Stage,
    StageChange,
    TransitionPolicy,
    Verdict,
)
from accountcore.pipeline.errors import TransitionError
from accountcore.quotas import (
    Measure,
    Quota,
    QuotaReview,
    RampSchedule,
    Relief,
    attainment,
)
from accountcore.relationship import Activity
from accountcore.reliability import (
    ClientProfile,
    CreditTerms,
    ReliabilityScore,
    Scorecard,
    WarningSign,
)
from accountcore.reports import (
    AccountStatus,
    AnnualForecast,
    MonthlyReport,
    QuarterlyResults,
)

__version__: str = _version("accountcore")

_moved.install()


def __getattr__(name: str) -> _Any:
    """A name that left the top level still resolves for one release, with
    a ``DeprecationWarning`` naming its new home (see ``accountcore._moved``)."""
    return _moved.resolve(name)


__all__ = [
    # money and time
    "ExchangeRate",
    "ExchangeRates",
    "FiscalCalendar",
    "FixedRates",
    "Grain",
    "Money",
    "Period",
    # clients
    "Client",
    "ClientKind",
    "ClientStatus",
    "ClientTier",
    "Contact",
    # pipeline
    "Deal",
    "DealHistory",
    "ForecastCategory",
    "Outcome",
    "Pipeline",
    "Refusal",
    "Split",
    "Stage",
    "StageChange",
    "TransitionPolicy",
    "Verdict",
    # quotas
    "Measure",
    "Quota",
    "QuotaReview",
    "RampSchedule",
    "Relief",
    "attainment",
    # relationship
    "Activity",
    # commissions
    "CommissionPlan",
    "CommissionStatement",
    "Credit",
    "Ledger",
    "StatementLine",
    "calculate_team",
    "credits_from",
    # discounts
    "ClientFacts",
    "DiscountRule",
    "DiscountScheme",
    "PriceQuote",
    "QuoteLine",
    # reliability
    "ClientProfile",
    "CreditTerms",
    "ReliabilityScore",
    "Scorecard",
    "WarningSign",
    # reports
    "AccountStatus",
    "AnnualForecast",
    "MonthlyReport",
    "QuarterlyResults",
    # localisation
    "Message",
    # errors
    "AccountcoreError",
    "CurrencyMismatchError",
    "DefinitionError",
    "NaiveDatetimeError",
    "RuleViolation",
    "TransitionError",
    "UnknownCurrencyError",
    # metadata
    "__version__",
]
