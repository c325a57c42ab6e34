"""Commissions on Spark (``accountcore.spark.calculate_team`` on
``local[2]``) against the column engine in one process
(``accountcore.frames.calculate_team``) on the same data.

The workload is :mod:`benchmarks.frames`' (the benchmark plan, 1,000,000
credits over 10,000 owners, then 10,000,000 over 100,000; one quarter):
the prepared credits frame and the quota table are written once to parquet
(not timed); each contender then reads them and computes every owner's
statement:

- ``frames``: ``pl.read_parquet`` and ``frames.calculate_team``; the lines
  and deal records are made (they are lazy);
- ``spark``: ``spark.read.parquet`` and ``spark.calculate_team``, the cached
  pass made and each of the four tables counted.

A warm-up run of 10,000 credits comes first (a session is long-lived; its
first job pays the JVM's start). Each size then runs the two in turn,
frames, Spark, frames, Spark (two rounds), so that the machine's drift
reaches both, and each one's best time counts: on a shared machine a run
is as often slowed by its neighbours as by a process's first use of its
memory. Exactness: every owner's total must be equal in both, every round.
Prints every wall time, the best of each, their ratio (target: Spark on
``local[2]`` at most 3× the single process at 10M credits), the time per
credit as a multiple of one ``Decimal`` addition timed in the same run,
and the time growth from 1M to 10M credits.

Run: ``python -m benchmarks.spark`` (``SPARK_CREDITS=100000`` for one
size, ``SPARK_PARTITIONS`` for the owner partitions, default 8,
``SPARK_ROUNDS`` for the rounds, default 2; ``SPARK_MAX_BYTES_PER_BATCH``
sets Spark's ``spark.sql.execution.arrow.maxBytesPerBatch``, see
docs/spark.md). Needs pyspark and Java 17.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks._common import decimal_add_seconds
from benchmarks.commissions import PERIOD, plan, quotas, rows
from benchmarks.frames import polars_frame, targets_frame

RATIO_TARGET = 3.0
TARGET_AT = 10_000_000  # the size the ratio target is set at


def _write(count: int, folder: Path) -> None:
    data = rows(count, max(count // 100, 1))
    owners = sorted({r[0] for r in data})
    polars_frame(data).write_parquet(folder / "credits.parquet")
    targets = {q.owner: q.target.amount for q in quotas(owners)}  # type: ignore[union-attr]
    targets_frame(targets).write_parquet(folder / "targets.parquet")


def _frames(folder: Path) -> tuple[float, dict[str, Decimal]]:
    import polars as pl

    from accountcore.frames import calculate_team

    start = time.perf_counter()
    team = calculate_team(
        plan(),
        pl.read_parquet(folder / "credits.parquet"),
        period=PERIOD,
        quotas=pl.read_parquet(folder / "targets.parquet"),
    )
    _ = team.lines.height + team.deal_records.height
    wall = time.perf_counter() - start
    return wall, dict(team.summary.select("owner", "total").iter_rows())


def _spark(
    spark: Any, folder: Path, partitions: int
) -> tuple[float, dict[str, Decimal]]:
    from accountcore.spark import calculate_team

    start = time.perf_counter()
    team = calculate_team(
        plan(),
        spark.read.parquet(str(folder / "credits.parquet")),
        period=PERIOD,
        quotas=spark.read.parquet(str(folder / "targets.parquet")),
        partitions=partitions,
    )
    for table in (team.summary, team.lines, team.ledgers, team.deal_records):
        table.count()
    wall = time.perf_counter() - start
    totals = dict(team.summary.select("owner", "total").collect())
    team.unpersist()
    return wall, totals


def run(spark: Any, count: int, partitions: int, rounds: int) -> dict[str, float]:
    """One size: ``rounds`` runs of each contender in turn (frames, Spark,
    frames, Spark…, so that a drift of the machine's speed reaches both),
    each one's best wall time, printed with their ratio."""
    walls: dict[str, list[float]] = {"frames": [], "spark": []}
    off = 0
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as name:
        folder = Path(name)
        _write(count, folder)
        for _ in range(rounds):
            frames_wall, expected = _frames(folder)
            spark_wall, got = _spark(spark, folder, partitions)
            walls["frames"].append(frames_wall)
            walls["spark"].append(spark_wall)
            off = max(off, _differing(expected, got))
    best = {name: min(times) for name, times in walls.items()}
    ratio = best["spark"] / best["frames"]
    verdict = (
        ("met" if ratio <= RATIO_TARGET else "MISSED")
        if count >= TARGET_AT
        else f"set at {TARGET_AT:,} credits"
    )
    add = decimal_add_seconds()

    def seen(name: str) -> str:
        return ", ".join(f"{w:.2f}" for w in walls[name])

    print(f"{count:,} credits over {len(expected):,} owners, one quarter")
    print(f"  Decimal addition (this run)            {add * 1e9:8.1f} ns")
    for name, label in (
        ("frames", "frames.calculate_team, one process     "),
        ("spark", f"spark.calculate_team, local[2], {partitions} parts "),
    ):
        per = best[name] / count
        print(
            f"  {label}{best[name]:8.2f} s  best of {seen(name)};"
            f" {per * 1e6:.2f} µs = {per / add:.0f} Decimal additions per credit"
        )
    print(
        f"  ratio spark / frames (best / best)     {ratio:8.2f}x  target <= {RATIO_TARGET:g}x: {verdict}"
    )
    print(
        f"  owners whose total differs             {off:8,}  target 0: {'met' if off == 0 else 'MISSED'}"
    )
    return best


def _differing(expected: dict[str, Decimal], got: dict[str, Decimal]) -> int:
    """The owners whose totals differ, or that only one contender has."""
    return sum(1 for o, t in expected.items() if got.get(o) != t) + len(
        set(got) - set(expected)
    )


def main() -> None:
    """1,000,000 then 10,000,000 credits, or one size (``SPARK_CREDITS``)."""
    if importlib.util.find_spec("pyspark") is None:
        print("pyspark is not installed: pip install 'accountcore[spark]'")
        return
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "4g"))
        .getOrCreate()
    )
    max_bytes = os.environ.get("SPARK_MAX_BYTES_PER_BATCH")
    if max_bytes:  # Spark's default unless asked (docs/spark.md)
        spark.conf.set("spark.sql.execution.arrow.maxBytesPerBatch", max_bytes)
    spark.sparkContext.setLogLevel("ERROR")
    partitions = int(os.environ.get("SPARK_PARTITIONS", "8"))
    rounds = int(os.environ.get("SPARK_ROUNDS", "2"))
    chosen = os.environ.get("SPARK_CREDITS")
    sizes = [int(chosen)] if chosen else [1_000_000, 10_000_000]
    walls = {}
    try:
        print("warm-up (the JVM's first job and the Python workers, not counted):")
        run(spark, 10_000, partitions, 1)
        print()
        for count in sizes:
            walls[count] = run(spark, count, partitions, rounds)
            print()
    finally:
        spark.stop()
    if len(walls) > 1:
        small, large = min(walls), max(walls)
        print(f"time growth from {small:,} to {large:,} credits:")
        for name in ("frames", "spark"):
            print(f"  {name:<8} {walls[large][name] / walls[small][name]:6.2f}x")


if __name__ == "__main__":
    main()
