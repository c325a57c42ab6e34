"""The arrows of docs/design.md: no module of accountcore imports, even
lazily inside a function, a module that imports it back.

import-linter (`lint-imports`, run by `make test`) checks the layers and the
circles between sibling packages; this test checks circles at the level of
single modules, where a package's ``__init__`` counts as a module (a
submodule that imports its own package's ``__init__`` closes a circle)."""

from __future__ import annotations

import pytest

grimp = pytest.importorskip("grimp")  # a development tool (the dev group)


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_circle_finder_finds_a_circle_through_a_package_init() -> None:
    graph = {"p": {"p.a"}, "p.a": {"p"}, "p.b": {"p.a"}}

    assert _circles(graph) == [["p", "p.a"]]


def test_no_module_of_accountcore_is_in_an_import_circle() -> None:
    imports = grimp.build_graph("accountcore", cache_dir=None)
    graph = {
        module: set(imports.find_modules_directly_imported_by(module))
        for module in imports.modules
    }

    assert _circles(graph) == []


def test_no_function_of_the_library_is_longer_than_a_reader_can_hold() -> None:
    # tools/long_functions.py: lines from ``def`` to the last statement,
    # docstrings left out (ours carry examples)
    import pathlib
    import runpy

    root = pathlib.Path(__file__).resolve().parents[1]
    tool = runpy.run_path(str(root / "tools" / "long_functions.py"))

    long = tool["long_functions"](root / "src" / "accountcore", 60)

    assert long == []
