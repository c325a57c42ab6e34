"""The curated surface: every public name imports, each group of ``__all__``
is sorted, nothing private leaks, every public name documents itself."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import accountcore

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
