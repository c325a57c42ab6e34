"""Shared test configuration: Hypothesis profiles and golden files.

CI (``CI=true``) runs derandomised so a run is reproducible; locally the
default profile explores new examples each time.

Golden files (``tests/golden``) hold text formatted with babel's CLDR data,
which moves between babel releases. They are pinned by the lock:
``tests/golden/CLDR`` records the babel release and CLDR version they were
made with. With the locked babel (``make test``, CI) they are compared byte
for byte, and a lock that moved without regenerating them (``make golden``)
fails. With another babel (``nox -s lowest latest``) whose CLDR differs,
the report is still rendered, and only the byte comparison is skipped.
"""

import os
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import babel
import babel.core
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# make mutation: the same examples for every mutant, and no example database
# filled with the failures of mutants.
settings.register_profile(
    "mutation",
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("ACCOUNTCORE_HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI") else "default")
)

# tests/typing holds code for mypy only (lines that must not type-check).
collect_ignore = ["typing"]


GOLDEN = Path(__file__).parent / "golden"
STAMP = GOLDEN / "CLDR"
REGENERATE = os.environ.get("ACCOUNTCORE_REGENERATE_GOLDEN") == "1"


def _locked_babel() -> str:
    lock = tomllib.loads((Path(__file__).parent.parent / "uv.lock").read_text())
    return next(p["version"] for p in lock["package"] if p["name"] == "babel")


def _cldr() -> str:
    # babel.core.get_cldr_version() is newer than babel 2.16: there, the
    # release stands for its data.
    version = getattr(babel.core, "get_cldr_version", None)
    return f"CLDR {version()}" if version else f"CLDR of babel {babel.__version__}"


def _stamp() -> str:
    return f"babel {babel.__version__}, {_cldr()}"


@pytest.fixture
def golden() -> Callable[[Path, str], None]:
    """Compare ``text`` with the golden file at ``path`` (or rewrite it)."""

    def check(path: Path, text: str) -> None:
        if REGENERATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            STAMP.write_text(_stamp() + "\n", encoding="utf-8")
        made_with = STAMP.read_text(encoding="utf-8").strip()
        if babel.__version__ == _locked_babel():
            assert made_with == _stamp(), (
                f"golden files were made with {made_with}, the lock has "
                f"{_stamp()}: run `make golden` and read the diff"
            )
        elif made_with.split(", ")[1] != _cldr():
            pytest.skip(f"golden files hold {made_with} text, not {_stamp()}")
        assert text == path.read_text(encoding="utf-8")

    return check


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local[2] Spark session for a module that needs one, stopped at its
    end (the JVM stays up: the next module's session starts in it, and a
    docs example that stops its own session cannot stop this one); its
    workers run this Python, its warehouse and scratch live in a temporary
    folder."""
    import sys

    from pyspark.sql import SparkSession

    folder = tmp_path_factory.mktemp("spark")
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("accountcore-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.warehouse.dir", str(folder / "warehouse"))
        .config("spark.local.dir", str(folder / "scratch"))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        if before is None:
            os.environ.pop("PYSPARK_PYTHON", None)
        else:
            os.environ["PYSPARK_PYTHON"] = before
