"""The core is pure: no module outside ``storage/``, ``cli/`` and
``definitions/`` (the file readers) imports I/O
modules or reads the clock. Checked statically on the source (AST)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import accountcore

ROOT = Path(accountcore.__file__).parent
OUTSIDE_THE_CORE = {"storage", "cli", "definitions"}
# Single modules outside the core that do I/O by design: the file writers and
# readers of accountcore.frames (the only I/O of that package).
IO_MODULES = {"frames/files.py"}
FORBIDDEN_MODULES = {"os", "sqlite3", "socket", "pathlib", "urllib", "subprocess"}
CLOCK_CALLS = {"now", "today", "utcnow", "utctoday"}
TIME_CALLS = {"time", "time_ns", "monotonic", "perf_counter", "localtime", "gmtime"}


def _core_modules() -> list[Path]:
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in OUTSIDE_THE_CORE or "/".join(parts) in IO_MODULES:
            continue
        files.append(path)
    return files


def violations(source: str) -> list[str]:
    """Every forbidden import or clock call in ``source``, as ``line: what``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FORBIDDEN_MODULES:
                    found.append(f"{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")[0]
            if node.level == 0 and module in FORBIDDEN_MODULES:
                found.append(f"{node.lineno}: from {node.module} import …")
            if module == "time" and any(a.name in TIME_CALLS for a in node.names):
                found.append(f"{node.lineno}: from time import a clock")
            if any(a.name in CLOCK_CALLS for a in node.names):
                found.append(f"{node.lineno}: imports a clock function")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                if func.attr in CLOCK_CALLS:
                    found.append(f"{node.lineno}: calls .{func.attr}()")
                elif (
                    func.attr in TIME_CALLS
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "time"
                ):
                    found.append(f"{node.lineno}: calls time.{func.attr}()")
            elif isinstance(func, ast.Name) and func.id in CLOCK_CALLS:
                found.append(f"{node.lineno}: calls {func.id}()")
    return found


def test_the_core_has_modules_to_check() -> None:
    names = {p.name for p in _core_modules()}

    assert {"money.py", "periods.py", "errors.py", "serialization.py"} <= names


@pytest.mark.parametrize(
    "path", _core_modules(), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_core_module_does_io_or_reads_the_clock(path: Path) -> None:
    found = violations(path.read_text(encoding="utf-8"))

    assert found == [], f"{path.relative_to(ROOT)}: {found}"


@pytest.mark.parametrize(
    "path", _core_modules(), ids=lambda p: str(p.relative_to(ROOT))
)
def test_every_core_module_imports(path: Path) -> None:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = [p for p in relative.parts if p != "__init__"]

    importlib.import_module(".".join(["accountcore", *parts]))


@pytest.mark.parametrize(
    "source",
    [
        "import os",
        "import os.path as p",
        "from pathlib import Path",
        "import urllib.request",
        "import subprocess, sys",
        "from socket import socket",
        "import sqlite3",
        "import datetime\ndatetime.datetime.now()",
        "import datetime\ndatetime.date.today()",
        "import pendulum\npendulum.now('UTC')",
        "import datetime\ndatetime.datetime.utcnow()",
        "import time\ntime.time()",
        "from time import time",
        "from pendulum import now",
    ],
)
def test_the_guard_catches_each_kind_of_violation(source: str) -> None:
    assert violations(source) != []


def test_the_guard_lets_pure_code_pass() -> None:
    source = (
        "import datetime\nfrom decimal import Decimal\nx = datetime.date(2026, 1, 1)"
    )

    assert violations(source) == []
