"""The curated surface: every public name imports, each group of ``__all__``
is sorted, nothing private leaks, every public name documents itself."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import accountcore
from accountcore._moved import MOVED_MODULES, MOVED_NAMES

INIT = Path(accountcore.__file__)


def _all_groups() -> dict[str, list[str]]:
    """The comment-headed groups of ``__all__`` in ``accountcore/__init__.py``."""
    source = INIT.read_text(encoding="utf-8")
    body = re.search(r"^__all__ = \[\n(.*?)^\]", source, re.DOTALL | re.MULTILINE)
    assert body, "accountcore/__init__.py has no literal __all__ list"
    groups: dict[str, list[str]] = {}
    current = None
    for line in body.group(1).splitlines():
        text = line.strip()
        if text.startswith("#"):
            current = text.lstrip("# ").strip()
            groups[current] = []
        elif text:
            assert current is not None, f"{text} comes before any group comment"
            groups[current].append(ast.literal_eval(text.rstrip(",")))
    return groups


def test_every_name_in_all_imports() -> None:
    for name in accountcore.__all__:
        assert getattr(accountcore, name) is not None, name

    namespace: dict[str, object] = {}
    exec("from accountcore import *", namespace)
    assert set(accountcore.__all__) <= set(namespace)


def test_all_has_no_duplicates() -> None:
    assert len(accountcore.__all__) == len(set(accountcore.__all__))


@pytest.mark.parametrize("group", list(_all_groups()))
def test_each_group_of_all_is_sorted(group: str) -> None:
    names = _all_groups()[group]

    assert names, f"group {group!r} is empty"
    assert names == sorted(names), f"group {group!r} is not sorted"


def test_the_groups_are_exactly_all() -> None:
    listed = [name for names in _all_groups().values() for name in names]

    assert listed == list(accountcore.__all__)


def test_nothing_private_leaks() -> None:
    assert [n for n in accountcore.__all__ if n.startswith("_")] == ["__version__"]
    public = {
        name
        for name, value in vars(accountcore).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert public <= set(accountcore.__all__), public - set(accountcore.__all__)


def test_every_public_name_has_a_docstring_with_an_example() -> None:
    undocumented = []
    for name in accountcore.__all__:
        value = getattr(accountcore, name)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        if ">>>" not in (inspect.getdoc(value) or ""):
            undocumented.append(name)

    assert undocumented == []


def test_each_module_all_names_what_it_defines() -> None:
    for info in pkgutil.walk_packages(accountcore.__path__, "accountcore."):
        if ".storage" in info.name:
            continue  # adapters may need optional drivers
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            assert hasattr(module, name), f"{info.name}.__all__ lists missing {name}"


def test_the_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    assert accountcore.__version__ == version("accountcore")


# The curated surface ---------------------------------------------------------

#: The nouns a user meets first, and nothing else (DESIGN.md, "Public names").
INTENDED = {
    # money and time
    "ExchangeRate", "ExchangeRates", "FiscalCalendar", "FixedRates", "Grain",
    "Money", "Period",
    # clients
    "Client", "ClientKind", "ClientStatus", "ClientTier", "Contact",
    # pipeline
    "Deal", "DealHistory", "ForecastCategory", "Outcome", "Pipeline", "Refusal",
    "Split", "Stage", "StageChange", "TransitionPolicy", "Verdict",
    # quotas
    "Measure", "Quota", "QuotaReview", "RampSchedule", "Relief", "attainment",
    # relationship
    "Activity",
    # commissions
    "CommissionPlan", "CommissionStatement", "Credit", "Ledger", "StatementLine",
    "calculate_team", "credits_from",
    # discounts
    "ClientFacts", "DiscountRule", "DiscountScheme", "PriceQuote", "QuoteLine",
    # reliability
    "ClientProfile", "CreditTerms", "ReliabilityScore", "Scorecard", "WarningSign",
    # reports
    "AccountStatus", "AnnualForecast", "MonthlyReport", "QuarterlyResults",
    # localisation
    "Message",
    # errors: the root, its two branches, the leaves a user catches first
    "AccountcoreError", "DefinitionError", "RuleViolation",
    "CurrencyMismatchError", "NaiveDatetimeError", "TransitionError",
    "UnknownCurrencyError",
    # metadata
    "__version__",
}  # fmt: skip


def test_the_surface_is_the_intended_one_and_small() -> None:
    assert len(accountcore.__all__) <= 80
    assert set(accountcore.__all__) == INTENDED


def test_no_top_level_name_is_ambiguous() -> None:
    # Names that mean different things in two domains stay in their packages.
    assert {"Scope", "Basis", "Policy", "Context", "Reason", "Tier"}.isdisjoint(
        accountcore.__all__
    )


def test_each_top_level_name_is_its_homes_object() -> None:
    for name in INTENDED - {"__version__"}:
        value = getattr(accountcore, name)
        home = importlib.import_module(value.__module__)
        package = home.__name__.rpartition(".")[0]
        owner = importlib.import_module(package) if package != "accountcore" else home
        if name not in getattr(owner, "__all__", ()):
            owner = home  # an errors module is its own home
        assert getattr(owner, name) is value, name
        assert name in owner.__all__, f"{name} has no home besides the top level"


@pytest.mark.parametrize("name", sorted(MOVED_NAMES))
def test_a_dropped_name_warns_and_is_its_homes_object(name: str) -> None:
    home = MOVED_NAMES[name]

    with pytest.warns(DeprecationWarning, match=re.escape(f"{home}.{name};")) as caught:
        value = getattr(accountcore, name)

    assert str(caught[0].message).startswith(
        f"accountcore.{name} moved to {home}.{name}; import it from there"
    )
    assert caught[0].filename == __file__  # the warning points at the caller
    module = importlib.import_module(home)
    assert value is getattr(module, name)
    assert name in module.__all__
    assert name not in accountcore.__all__
    assert name not in dir(accountcore)


def test_a_dropped_name_warns_in_a_from_import() -> None:
    from accountcore.commissions import Scope

    with pytest.warns(DeprecationWarning, match=r"accountcore\.commissions\.Scope"):
        from accountcore import Scope as OldScope

    assert OldScope is Scope


def test_the_dropped_names_and_the_surface_are_the_old_surface() -> None:
    # 250 names before the cut (with __version__): each is kept or moved, none lost;
    # since then Contact joined, and Activity names the CRM activity (the old
    # commissions record is accountcore.commissions.ServiceRecord).
    assert len(INTENDED | set(MOVED_NAMES)) == 250 + 1
    assert INTENDED.isdisjoint(MOVED_NAMES)


def test_activity_is_the_crm_activity_and_the_old_record_warns() -> None:
    from accountcore.commissions import ServiceRecord
    from accountcore.relationship import Activity

    assert accountcore.Activity is Activity
    with pytest.warns(
        DeprecationWarning, match=r"commissions\.ServiceRecord"
    ) as caught:
        from accountcore.commissions import Activity as Old

    assert Old is ServiceRecord
    assert "accountcore.commissions.Activity is renamed" in str(caught[0].message)


def test_an_unknown_name_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="'NoSuchThing'"):
        accountcore.NoSuchThing


def _forget(old: str) -> None:
    sys.modules.pop(old, None)
    vars(accountcore).pop(old.rpartition(".")[2], None)


@pytest.mark.parametrize("old", sorted(MOVED_MODULES))
def test_an_old_module_path_warns_and_is_the_new_module(old: str) -> None:
    new = MOVED_MODULES[old]
    _forget(old)

    with pytest.warns(DeprecationWarning, match=re.escape(new)) as caught:
        module = importlib.import_module(old)

    assert str(caught[0].message).startswith(f"the module {old} moved to {new};")
    assert module is importlib.import_module(new)
    for name in module.__all__:
        assert getattr(module, name) is getattr(sys.modules[new], name)


def test_an_old_module_path_works_in_from_imports() -> None:
    from accountcore.pipeline import Deal, StageChange

    _forget("accountcore.deals")
    _forget("accountcore.deal_events")
    with pytest.warns(DeprecationWarning, match=r"accountcore\.pipeline\.deal\b"):
        from accountcore.deals import Deal as OldDeal  # type: ignore[import-not-found]
    with pytest.warns(DeprecationWarning, match=r"accountcore\.pipeline\.history"):
        from accountcore import deal_events

    assert OldDeal is Deal
    assert deal_events.StageChange is StageChange


def test_an_old_module_path_is_an_attribute_of_the_package() -> None:
    _forget("accountcore.quota_review")

    with pytest.warns(DeprecationWarning, match=r"accountcore\.quotas\.review"):
        module = accountcore.quota_review

    assert module.QuotaReview is accountcore.QuotaReview


def test_the_old_pipeline_module_names_still_import() -> None:
    from accountcore.pipeline import Verdict
    from accountcore.pipeline.refusals import Verdict as HomeVerdict

    assert Verdict is HomeVerdict


def test_importing_accountcore_does_not_load_storage() -> None:
    script = (
        "import sys, warnings; warnings.simplefilter('error'); import accountcore;"
        "assert 'accountcore.storage' not in sys.modules, 'storage loaded';"
        "assert accountcore.storage.MemoryStore"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


# One public home -------------------------------------------------------------

#: Public names of helpers shared between a package's modules, not meant for
#: users (no ``__all__`` lists them).
INTERNAL_HELPERS = {
    "accountcore.commissions.components.tier_faults",
    "accountcore.commissions.context.achieved_count",
    "accountcore.commissions.context.credit_value",
    "accountcore.commissions.context.kind_of",
    "accountcore.commissions.ledger.DealBook",
    "accountcore.discounts.quote.approval_label",
    "accountcore.pipeline.deal.closed_at_after",
    "accountcore.pipeline.history.pack",
    "accountcore.pipeline.history.stage_mark",
}


def _public_modules() -> dict[str, ModuleType]:
    modules = {"accountcore": accountcore}
    for info in pkgutil.walk_packages(accountcore.__path__, "accountcore."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            modules[info.name] = importlib.import_module(info.name)
    return modules


def _home(defining: str, name: str, modules: dict[str, ModuleType]) -> str:
    """The defining module's package if it lists the name, else the module."""
    package = defining.rpartition(".")[0]
    if package != "accountcore" and name in getattr(modules[package], "__all__", ()):
        return package
    return defining


def test_every_public_class_and_function_has_exactly_one_home() -> None:
    """A class or function defined in a public module of accountcore:
    - is listed in the ``__all__`` of its home: the package of its defining
      module (``accountcore.commissions`` for ``commissions/plan.py``), or the
      defining module itself when that is the home (``accountcore.money``,
      ``accountcore.pipeline.errors``, ``accountcore.serialization``);
    - no other package lists it, and no module outside its own package does
      (a sibling module may re-export it: ``testing.contract`` re-exports the
      samples of ``testing.samples``); the top level ``accountcore`` may list
      it too: that is the curated surface, not a second home."""
    modules = _public_modules()
    faults = []
    for defining, module in modules.items():
        for name, value in vars(module).items():
            if name.startswith("_") or not (
                inspect.isclass(value) or inspect.isfunction(value)
            ):
                continue
            if value.__module__ != defining or f"{defining}.{name}" in INTERNAL_HELPERS:
                continue
            home = _home(defining, name, modules)
            package = defining.rpartition(".")[0]
            own = defining if package == "accountcore" else package
            listers = {
                lister
                for lister, other in modules.items()
                if lister != "accountcore"
                and name in getattr(other, "__all__", ())
                and getattr(other, name) is value
            }
            if home not in listers:
                faults.append(f"{defining}.{name} is in no __all__")
            for lister in listers - {home, defining}:
                is_package = hasattr(modules[lister], "__path__")
                if is_package or not lister.startswith(own + "."):
                    faults.append(f"{defining}.{name} also listed by {lister}")

    assert faults == [], "\n".join(faults)
