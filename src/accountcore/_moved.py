"""The names and modules that moved, still reachable for one release.

accountcore's top level holds only the nouns a user meets first; every other
public name has one home, its domain's package. The names that used to be
importable from ``accountcore`` itself resolve there for one more release,
with a :class:`DeprecationWarning` naming the new home (see :func:`resolve`,
called by the package's ``__getattr__``). The modules that became part of a
package (``accountcore.deals`` is now ``accountcore.pipeline.deal``) import
under their old path the same way, through one finder on ``sys.meta_path``
(see :func:`install`).

>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     band = resolve("Band")
>>> band.__module__, str(caught[0].message).split(";")[0]
('accountcore.commissions.modifiers', 'accountcore.Band moved to accountcore.commissions.Band')
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import Any

__all__ = ["MOVED_MODULES", "MOVED_NAMES", "install", "resolve"]

# Each new home and the names that left the top level for it.
_HOMES: dict[str, str] = {
    "accountcore.analytics": (
        "AbcAnalysis AbcClass AbcRow AbcXyzMatrix ChurnRisk ChurnRow Conversion "
        "Coverage Forecast ForecastLine KeyAccountCandidate MatrixCell Order "
        "RfmScore SalesVelocity Slip Slippage StaleDeal WinRate XyzAnalysis "
        "XyzClass XyzRow abc_analysis abc_xyz_matrix average_sales_cycle "
        "category_message churn_risk forecast key_account_candidates "
        "pipeline_coverage rfm_scores sales_velocity slippage stage_conversion "
        "stale_deals win_rate xyz_analysis"
    ),
    "accountcore.analytics.errors": ("AnalyticsInputError NotInAnalysisError"),
    "accountcore.clients": ("ClientAction ClientChange validate_clients"),
    "accountcore.clients.errors": ("ClientCollectionError ClientLifecycleError"),
    "accountcore.commissions": (
        "Accelerator AttainmentBonus Band BaseSalary Basis BonusLevel "
        "Cap ClawbackMode ClawbackRule ClientHeld ClientServedBonus Component "
        "CreditFilter CurvePoint DealIds DealPay Draw DrawKind FeedbackBonus "
        "FlatRate Gate HeldRate LineKind Mode NewClientBonus PayCurve "
        "PerClientHeld Scope Spiff SpiffUnit Tier Tiered register_component"
    ),
    "accountcore.commissions.errors": (
        "ClawbackError CreditedToDateError LedgerMismatchError "
        "LedgerMissingError MissingQuotaError PlanDefinitionError "
        "YearToDateCreditsError"
    ),
    "accountcore.discounts": (
        "AmountOff ApprovalLevel BuyGetFree Conditions FixedPrice PercentOff "
        "Policy VolumeTier VolumeTiers"
    ),
    "accountcore.discounts.errors": (
        "ClientFactsError QuoteLineError SchemeDefinitionError"
    ),
    "accountcore.errors": (
        "AmountTypeError InvalidAllocationError InvalidAmountError "
        "InvalidLocaleError InvalidPeriodError MessageParameterError "
        "MissingRateError PrecisionError StructureError UnknownMessageError"
    ),
    "accountcore.i18n": ("LANGUAGES translate"),
    "accountcore.money": ("CURRENCIES minor_units register_currency"),
    "accountcore.periods": ("YearNaming prorate"),
    "accountcore.pipeline": (
        "AmountChange CloseDateChange ContactChange DealEvent ForecastChange "
        "Move OwnerChange PipelineChange ProbabilityChange ProbabilitySource "
        "REQUIREMENTS Reopen Requirement RequirementRegistry SplitChange "
        "migrate"
    ),
    "accountcore.pipeline.errors": (
        "DealChangeError HistoryEventError PipelineDefinitionError "
        "UnknownRequirementError UnknownStageError"
    ),
    "accountcore.quotas": (
        "Attainment QuotaStanding RampStep ReviewPolicy Standing distribute quota_for"
    ),
    "accountcore.quotas.errors": ("QuotaDefinitionError QuotaPeriodError"),
    "accountcore.reliability": (
        "AltmanModel AltmanScore AltmanZone BandTerms CreditPolicy "
        "ExposureCheck Factor FactorResult FactorWeight FinancialStatements "
        "FinancialStrength Finding MaterialSecurity PaymentBehaviour "
        "PaymentRecord ReliabilityBand ScoreChange Stability WarningSigns "
        "altman_z compare_scores payment_index register_factor"
    ),
    "accountcore.reliability.errors": ("InvalidProfileError ScoreComparisonError"),
    "accountcore.reports": (
        "AccountRow ClosedDeal NewClient OwnerResult QuarterForecast StageMove"
    ),
    "accountcore.reports.errors": ("ReportInputError"),
    "accountcore.storage": (
        "Collection Index MemoryStore Query Range Repository Store UnitOfWork Versioned"
    ),
    "accountcore.storage.errors": (
        "ConcurrencyError CorruptDocumentError DuplicateError InvalidQueryError "
        "NotFoundError SchemaVersionError StoreBusyError"
    ),
}

#: Every name dropped from ``accountcore``, with the module that is its home.
MOVED_NAMES: dict[str, str] = {
    name: home for home, names in _HOMES.items() for name in names.split()
}

#: Every module that moved into a package: old path -> new path.
MOVED_MODULES: dict[str, str] = {
    "accountcore.deals": "accountcore.pipeline.deal",
    "accountcore.deal_events": "accountcore.pipeline.history",
    "accountcore.stages": "accountcore.pipeline.stages",
    "accountcore.requirements": "accountcore.pipeline.requirements",
    "accountcore.refusals": "accountcore.pipeline.refusals",
    "accountcore.pipeline_messages": "accountcore.pipeline.messages",
    "accountcore.quota_review": "accountcore.quotas.review",
}

# Subpackages that ``import accountcore`` no longer loads, still reachable as
# attributes of the package (loaded on first use, without a warning).
_LAZY_MODULES = frozenset({"storage"})

_GOES = "(the old home goes in the next release)"


def resolve(name: str) -> Any:
    """The value of ``accountcore.<name>`` for a name that is not defined
    there: a moved name (with a warning), an old module path, or a subpackage
    loaded on first use. Anything else raises :class:`AttributeError`."""
    home = MOVED_NAMES.get(name)
    if home is not None:
        warnings.warn(
            f"accountcore.{name} moved to {home}.{name}; import it from there {_GOES}",
            DeprecationWarning,
            stacklevel=3,
        )
        return getattr(importlib.import_module(home), name)
    full = f"accountcore.{name}"
    if full in MOVED_MODULES or name in _LAZY_MODULES:
        return importlib.import_module(full)
    raise AttributeError(f"module 'accountcore' has no attribute {name!r}")


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old module path as its new module, with a warning.

    The module object is the new one itself (the loader puts it in
    ``sys.modules`` under the old name), so both paths share every object.
    """

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED_MODULES:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module, replaced in exec_module

    def exec_module(self, module: ModuleType) -> None:
        old = module.__name__
        new = MOVED_MODULES[old]
        warnings.warn(
            f"the module {old} moved to {new}; import from there {_GOES}",
            DeprecationWarning,
            stacklevel=2,
        )
        sys.modules[old] = importlib.import_module(new)


def install() -> None:
    """Put the finder of moved modules on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
        sys.meta_path.append(_MovedModules())
