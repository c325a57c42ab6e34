"""The frames benchmark runs, and its contenders agree with the reference.

A smoke test at a tiny size: the figures are not checked (tests never assert
on timing), only that one run of ``python -m benchmarks.frames`` completes,
with its memory processes, and reports 0 owners off for the exact contenders.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("polars")
pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[2]


def _run(credits: int) -> str:
    env = dict(os.environ, FRAMES_CREDITS=str(credits), FRAMES_ROUNDS="1")
    env["PYTHONWARNINGS"] = "error"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.frames"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _off(output: str, label: str) -> int:
    """The owners off the reference printed for ``label``."""
    section = output.split("owners whose total differs", 1)[1]
    found = re.search(rf"{re.escape(label)}\s+([\d,]+)", section)
    assert found, section
    return int(found.group(1).replace(",", ""))


def test_one_tiny_run_reports_every_figure_and_no_owner_off() -> None:
    # 2,000 credits over 20 owners: every contender runs once timed and once
    # in its own process for memory
    output = _run(2_000)

    assert output.startswith("2,000 credits over 20 owners")
    for heading in ("wall time", "CPU time", "ratios", "peak memory above"):
        assert heading in output
    for target in (">= 3x", ">= 0.8x", ">= 10x", "<= 3x"):
        assert f"target {target}" in output
    # the exact contenders agree with the plain-Decimal reference, owner by owner
    assert _off(output, "accountcore.frames.calculate_team (columns)") == 0
    assert _off(output, "polars Decimal, hand-written") == 0
    assert _off(output, "object path from rows (Credits built)") == 0


def test_an_unknown_argument_is_refused_naming_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.frames", "--bogus"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode != 0
    assert "--bogus" in done.stderr
