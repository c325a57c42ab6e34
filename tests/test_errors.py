"""The error family: one root, two branches, leaves that are also builtins,
messages that name the value, and errors that survive pickling."""

from __future__ import annotations

import ast
import builtins
import copy
import datetime as _dt
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

from accountcore import errors
from accountcore.analytics import errors as analytics_errors
from accountcore.clients import errors as clients_errors
from accountcore.commissions import errors as commissions_errors
from accountcore.discounts import errors as discounts_errors
from accountcore.errors import (
    AccountcoreError,
    AmountTypeError,
    CurrencyMismatchError,
    DefinitionError,
    InvalidAllocationError,
    InvalidAmountError,
    InvalidLocaleError,
    InvalidPeriodError,
    MissingRateError,
    NaiveDatetimeError,
    PrecisionError,
    RuleViolation,
    StructureError,
    UnknownCurrencyError,
    UntranslatedLocaleError,
)
from accountcore.pipeline import errors as pipeline_errors
from accountcore.quotas import errors as quotas_errors
from accountcore.reliability import errors as reliability_errors
from accountcore.reports import errors as reports_errors
from accountcore.storage import errors as storage_errors

# errors.py keeps the root, the branches and the errors many domains share;
# each domain owns the leaves of its own errors
ERROR_MODULES = (
    errors,
    analytics_errors,
    clients_errors,
    commissions_errors,
    discounts_errors,
    pipeline_errors,
    quotas_errors,
    reliability_errors,
    reports_errors,
    storage_errors,
)
EVERY_ERROR = {
    name: getattr(module, name)
    for module in ERROR_MODULES
    for name in module.__all__
    if isinstance(getattr(module, name), type)
}

SAMPLES: list[tuple[AccountcoreError, str]] = [
    (AccountcoreError("plain"), "plain"),
    (DefinitionError("Plan 'x'", ["tier gap at 100", "rate -1"]), "tier gap at 100"),
    (AmountTypeError("amount", 0.1), "0.1"),
    (AmountTypeError("units", "12", expected="an int"), "'12'"),
    (InvalidAmountError("amount", "12,50", "use a dot"), "'12,50'"),
    (UnknownCurrencyError("EURO"), "'EURO'"),
    (CurrencyMismatchError("add", "1.00 EUR", "2.00 USD"), "2.00 USD"),
    (InvalidAllocationError([0, 0], "at least one weight must be positive"), "[0, 0]"),
    (MissingRateError("EUR", "JPY", _dt.date(2026, 1, 5)), "2026-01-05"),
    (NaiveDatetimeError("at", _dt.datetime(2026, 1, 5, 9, 30)), "2026-01-05T09:30:00"),
    (InvalidPeriodError("quarter", 5, "a quarter is 1 to 4"), "quarter=5"),
    (StructureError("Money", ["$.amount: bad", "$.currency: bad"]), "$.currency: bad"),
    (PrecisionError(Decimal("1E+30"), "EUR", 2, 28), "1E+30 EUR"),
    (InvalidLocaleError("xx_XX"), "'xx_XX'"),
    (UntranslatedLocaleError("de_DE", ("en", "et")), "'de_DE'"),
    (
        commissions_errors.ClawbackError(
            "D-7", "ana", _dt.date(2026, 4, 10), _dt.date(2026, 1, 9)
        ),
        "deal 'D-7' for owner 'ana' on 2026-04-10",
    ),
    (
        quotas_errors.QuotaPeriodError(
            "ana", "2026-Q1", ("2026-Q2",), "2026-Q1 is not covered"
        ),
        "cover 2026-Q1 exactly: given 2026-Q2",
    ),
    (
        commissions_errors.LedgerMissingError("ana", "2026-Q2", "2026-01-01", "EUR"),
        "for 2026-Q2",
    ),
    (
        commissions_errors.CreditedToDateError(
            "ana", "2026-04-01", "9.00 EUR", "5.00 EUR", "4.00 EUR"
        ),
        "add up to 9.00 EUR, but the ledger carried 5.00 EUR",
    ),
    (errors.ArgumentTypeError("period", None, "a Period"), "NoneType (None)"),
    (errors.ArgumentTypeError("note", "x" * 500, "an int"), "(500 characters)"),
    (errors.UnknownKeyError("factor kind", "x", ["payment"]), "'x': expected one"),
    (errors.InvalidChoiceError("measure", "y", ["revenue"]), "measure='y'"),
    (commissions_errors.InvalidCreditError("deal_id", "", "a str"), "deal_id=''"),
    (commissions_errors.MissingMarginError("D-7", ["D-1"]), "won deal 'D-7'"),
    (commissions_errors.ManyOwnersError(["ana", "bob"]), "found 'ana', 'bob'"),
    (pipeline_errors.HistoryIndexError(5, 3), "history index 5"),
    (
        commissions_errors.YearToDateCreditsError(
            "hunter", "ana", "2026-01-01", "2026-Q2"
        ),
        "Component 'hunter' needs each of owner 'ana''s credits",
    ),
]


@pytest.mark.parametrize(("error", "shown"), SAMPLES)
def test_every_message_names_the_value_that_caused_it(
    error: AccountcoreError, shown: str
) -> None:
    assert shown in str(error)
    assert str(error) == error.message


@pytest.mark.parametrize(("error", "shown"), SAMPLES)
def test_errors_survive_pickling_and_copying_with_their_values(
    error: AccountcoreError, shown: str
) -> None:
    for clone in (
        pickle.loads(pickle.dumps(error)),
        copy.copy(error),
        copy.deepcopy(error),
    ):
        assert type(clone) is type(error)
        assert str(clone) == str(error)
        assert clone.args == error.args
        assert vars(clone) == vars(error)


def test_leaves_are_also_the_builtin_they_are() -> None:
    assert issubclass(AmountTypeError, TypeError)
    assert issubclass(MissingRateError, KeyError)
    for leaf in (
        InvalidAmountError,
        UnknownCurrencyError,
        CurrencyMismatchError,
        InvalidAllocationError,
        NaiveDatetimeError,
        InvalidPeriodError,
        StructureError,
        InvalidLocaleError,
        UntranslatedLocaleError,
        DefinitionError,
    ):
        assert issubclass(leaf, ValueError), leaf
    assert issubclass(PrecisionError, ArithmeticError)


def test_every_error_is_in_one_of_the_two_branches() -> None:
    leaves = [
        error
        for name, error in EVERY_ERROR.items()
        if name not in {"AccountcoreError", "DefinitionError", "RuleViolation"}
    ]

    for leaf in leaves:
        assert issubclass(leaf, DefinitionError | RuleViolation), leaf


def test_a_key_error_leaf_prints_its_message_unquoted() -> None:
    error = MissingRateError("EUR", "JPY", _dt.date(2026, 1, 5))

    # builtin KeyError would print "'No exchange rate…'" with quotes
    assert str(error) == "No exchange rate EUR->JPY on or before 2026-01-05."


def test_a_definition_error_lists_every_fault_and_counts_them() -> None:
    error = DefinitionError("Scheme 'vip'", ["discount 120 % is over 100 %"])

    assert error.faults == ("discount 120 % is over 100 %",)
    assert str(error).startswith("Scheme 'vip' is invalid (1 fault):")


def test_each_error_has_one_home_in_its_domain_package() -> None:
    for module in ERROR_MODULES:
        for name in module.__all__:
            assert getattr(module, name).__module__ == module.__name__, name


def test_an_error_moved_to_its_domain_still_imports_from_errors_with_a_warning() -> (
    None
):
    with pytest.warns(DeprecationWarning, match=r"accountcore\.pipeline\.errors"):
        moved = errors.TransitionError  # type: ignore[attr-defined]

    assert moved is pipeline_errors.TransitionError


def test_a_name_errors_never_had_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchError"):
        errors.NoSuchError  # type: ignore[attr-defined]


def test_errors_py_imports_nothing_from_the_package() -> None:
    import ast
    import pathlib

    tree = ast.parse(pathlib.Path(errors.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]

    assert not [name for name in imported if name.startswith("accountcore")]


# --- one error family, enforced -----------------------------------------------

SRC = Path(errors.__file__).parent
BUILTIN_ERRORS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
# The only bare builtin raises the library keeps, each because a protocol of
# Python itself asks for exactly that builtin: (file, function, exception).
PROTOCOL_RAISES = {
    # a module's __getattr__ must raise AttributeError for a name it does
    # not have (hasattr, `from m import x`, the moved names of one release)
    ("_moved.py", "resolve", "AttributeError"),  # accountcore.__getattr__
    ("errors.py", "__getattr__", "AttributeError"),
    ("discounts/__init__.py", "__getattr__", "AttributeError"),
    ("discounts/reasons.py", "__getattr__", "AttributeError"),
    ("storage/__init__.py", "__getattr__", "AttributeError"),
    ("commissions/__init__.py", "__getattr__", "AttributeError"),
    # an immutable object refuses assignment as attrs' frozen classes do
    ("commissions/statement.py", "DealIds.__setattr__", "AttributeError"),
    ("commissions/statement.py", "DealIds.__delattr__", "AttributeError"),
    # `python -m accountcore` exits with the CLI's status
    ("__main__.py", "<module>", "SystemExit"),
    # the demo's own data proves itself (unreachable: pragma no cover)
    ("cli/demo_data.py", "_deals", "AssertionError"),
}


def _bare_raises(root: Path = SRC) -> list[tuple[str, int, str, str]]:
    """Every ``raise`` of a builtin exception class under ``root``: (file,
    line, enclosing function, exception). ``raise`` alone and ``raise error``
    (a caught or built instance) are not listed."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scopes: dict[ast.AST, str] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                name = scopes.get(node, "<module>")
                if isinstance(
                    child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
                ):
                    name = child.name if name == "<module>" else f"{name}.{child.name}"
                scopes[child] = name
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = (
                target.id
                if isinstance(target, ast.Name)
                else target.attr
                if isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "builtins"
                else None
            )
            if name in BUILTIN_ERRORS:
                found.append((relative, node.lineno, scopes[node], name))
    return sorted(found)


def _listed(raises: list[tuple[str, int, str, str]]) -> list[str]:
    return [
        f"src/accountcore/{f}:{line}: raise {name} in {fn}"
        for f, line, fn, name in raises
    ]


def test_the_library_raises_only_its_own_errors() -> None:
    bare = [
        item
        for item in _bare_raises()
        if (item[0], item[2], item[3]) not in PROTOCOL_RAISES
    ]

    assert _listed(bare) == []


def test_every_protocol_raise_still_exists() -> None:
    # an entry whose raise is gone must leave the list with it
    kept = {(f, fn, name) for f, _, fn, name in _bare_raises()}

    assert PROTOCOL_RAISES - kept == set()


def test_the_bare_raise_finder_finds_each_form(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "import builtins\n"
        "def f():\n"
        "    raise ValueError('x')\n"
        "class C:\n"
        "    def g(self):\n"
        "        raise builtins.KeyError\n"
        "    def h(self, error):\n"
        "        raise error\n"
        "def k():\n"
        "    try:\n"
        "        pass\n"
        "    except OSError:\n"
        "        raise\n"
        "raise SystemExit(1)\n",
        encoding="utf-8",
    )

    assert _bare_raises(tmp_path) == [
        ("m.py", 3, "f", "ValueError"),
        ("m.py", 6, "C.g", "KeyError"),
        ("m.py", 14, "<module>", "SystemExit"),
    ]


def test_a_long_value_is_named_shortened_not_copied_whole() -> None:
    error = errors.ArgumentTypeError("note", "x" * 10_000_000, "an int")

    assert len(str(error)) < 200
    assert "(10000000 characters)" in str(error)


def test_a_long_list_of_known_keys_is_cut() -> None:
    error = errors.UnknownKeyError("stage", "x", [f"s{n:03}" for n in range(100)])

    assert "'s019' and 80 more." in str(error)


def test_check_items_names_the_first_bad_item_whichever_path_checks_it() -> None:
    # no int among the kinds: the items are checked in C first, then the
    # loop names the bad one; with int among them, the loop alone (a bool
    # is not an int here)
    import datetime as dt

    days = [dt.date(2026, 1, n) for n in range(1, 4)]

    assert errors.check_items("days", days, dt.date) == tuple(days)
    with pytest.raises(errors.ArgumentTypeError, match=r"days\[2\] must be a date"):
        errors.check_items("days", [*days[:2], "2026-01-03"], dt.date)
    with pytest.raises(errors.ArgumentTypeError, match=r"counts\[1\] must be an int"):
        errors.check_items("counts", [1, True], int)
