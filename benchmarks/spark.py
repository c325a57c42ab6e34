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
first job pays the JVM's start). Exactness: every owner's total must be equal in both. Prints the wall time
of each, their ratio (target: Spark on ``local[2]`` at most 3× the single
process at 10M credits) and the time growth from 1M to 10M credits.

Run: ``python -m benchmarks.spark`` (``SPARK_CREDITS=100000`` for one
size, ``SPARK_PARTITIONS`` for the owner partitions, default 8). Needs
pyspark and Java 17.
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

from benchmarks.commissions import PERIOD, plan, quotas, rows
from benchmarks.frames import polars_frame, targets_frame

RATIO_TARGET = 3.0


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


def run(spark: Any, count: int, partitions: int) -> dict[str, float]:
    """One size: both contenders' wall times, printed with their ratio."""
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as name:
        folder = Path(name)
        _write(count, folder)
        frames_wall, expected = _frames(folder)
        spark_wall, got = _spark(spark, folder, partitions)
    off = sum(1 for o, t in expected.items() if got.get(o) != t) + len(
        set(got) - set(expected)
    )
    ratio = spark_wall / frames_wall
    verdict = "met" if ratio <= RATIO_TARGET else "MISSED"
    print(f"{count:,} credits over {len(expected):,} owners, one quarter")
    print(f"  frames.calculate_team, one process     {frames_wall:8.2f} s")
    print(f"  spark.calculate_team, local[2], {partitions} parts {spark_wall:8.2f} s")
    print(
        f"  ratio spark / frames                   {ratio:8.2f}x  target <= {RATIO_TARGET:g}x: {verdict}"
    )
    print(
        f"  owners whose total differs             {off:8,}  target 0: {'met' if off == 0 else 'MISSED'}"
    )
    return {"frames": frames_wall, "spark": spark_wall}


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
    spark.sparkContext.setLogLevel("ERROR")
    partitions = int(os.environ.get("SPARK_PARTITIONS", "8"))
    chosen = os.environ.get("SPARK_CREDITS")
    sizes = [int(chosen)] if chosen else [1_000_000, 10_000_000]
    walls = {}
    try:
        print("warm-up (the JVM's first job and the Python workers, not counted):")
        run(spark, 10_000, partitions)
        print()
        for count in sizes:
            walls[count] = run(spark, count, partitions)
    finally:
        spark.stop()
    if len(walls) > 1:
        small, large = min(walls), max(walls)
        print(f"time growth from {small:,} to {large:,} credits:")
        for name in ("frames", "spark"):
            print(f"  {name:<8} {walls[large][name] / walls[small][name]:6.2f}x")


if __name__ == "__main__":
    main()
