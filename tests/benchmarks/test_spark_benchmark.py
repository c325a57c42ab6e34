"""The Spark benchmark runs, and Spark agrees with the column engine.

A smoke test at a tiny size, in this process on the tests' local Spark
session (``spark`` in tests/conftest.py: the JVM starts once per test run,
each module's session in it): the figures are
not checked (tests never assert on timing), only that one size of
``python -m benchmarks.spark`` completes and reports 0 owners off.
"""

import importlib.util
import os
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pyspark") is None and not os.environ.get("CI"),
    reason="pyspark is not installed (the test group has it; CI requires it)",
)


def test_one_tiny_size_reports_both_contenders_and_no_owner_off(
    spark: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks.spark import run

    # 2,000 credits over 20 owners, in 2 owner partitions
    walls = run(spark, 2_000, 2, 1)

    output = capsys.readouterr().out
    assert output.startswith("2,000 credits over 20 owners")
    assert "target <= 3x" in output
    assert sorted(walls) == ["frames", "spark"]
    off = output.split("owners whose total differs", 1)[1].split()[0]
    assert off == "0"
