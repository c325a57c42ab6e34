"""Commissions on columns: ``accountcore.frames.calculate_team`` against
pandas with floats, a hand-written polars ``Decimal`` version and the object
path, all checked against the same independent reference.

The workload, plan and reference are :mod:`benchmarks.commissions`'s
(1,000,000 credits over 10,000 owners, then 10,000,000 over 100,000; one
quarter; base salary, tiers on attainment, an accelerator, a cap, a bonus per
new client). Every contender starts from what a table-holding user already
has, built once and not timed:

- the *prepared frame*: a polars ``DataFrame`` of the rows with
  ``Decimal(38, 2)`` amounts and the canonical credit columns, and the
  quota table (``owner``, ``target``, decimals) that both polars contenders
  read;
- the pandas float frame of the same rows (and the targets as a dict).

The contenders:

- ``columns``: :func:`accountcore.frames.calculate_team` on the prepared
  frame and the quota table, default arguments;
- ``pandas``: :func:`benchmarks.commissions.pandas_payouts_of` on the pandas
  frame (floats, a group-by);
- ``polars``: :func:`polars_payouts`, the same plan written by hand in polars
  on the prepared frame, exact decimals rounded half away from zero;
- ``objects``: today's object path from the same rows, building the
  ``Credit`` objects included (:func:`benchmarks.commissions.credits_of`,
  then :func:`accountcore.calculate_team`).

Timing: the contenders take turns over ``FRAMES_ROUNDS`` rounds (default 3)
and each keeps its best wall and CPU time (GC off during a call). polars runs
on every core, so CPU time counts its threads; the ratios use **wall time**,
what the user waits for, and print the CPU ratio beside it. Above
``FRAMES_OBJECTS_ONCE`` credits (default 2,000,000) the object path takes
minutes and gigabytes: it runs once, in its memory process, and that one run
is its figure.

Memory: each contender also runs once in a fresh process
(``python -m benchmarks.frames --one NAME COUNT DIR``) that loads its input
from a file written by this one; its peak is the process's peak resident
size after the call minus the same right after loading the input
(``VmHWM`` on Linux, where ``ru_maxrss`` of a child starts at its parent's
size; ``ru_maxrss`` elsewhere), printed beside the prepared frame's
``estimated_size()``.

Run: ``python -m benchmarks.frames`` (1,000,000 then 10,000,000 credits, and
the time growth between them), or ``FRAMES_CREDITS=100000`` for one smaller
size. Needs polars and pandas (``make bench``).
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from accountcore import calculate_team as object_team
from accountcore.frames import calculate_team as column_team
from benchmarks._common import report
from benchmarks.commissions import (
    _ADDITIONS,
    CAP,
    HIGH,
    KICK,
    KICK_AT,
    LOW,
    NEW_CLIENT,
    PERIOD,
    SALARY,
    _cents,
    _clock,
    _decimal_additions,
    _differing,
    credits_of,
    pandas_frame,
    pandas_payouts_of,
    plan,
    quotas,
    reference_totals,
    rows,
)

Rows = list[tuple[str, str, str, str, int, bool]]

NAMES = ("columns", "pandas", "polars", "objects")
LABELS = {
    "columns": "accountcore.frames.calculate_team (columns)",
    "pandas": "pandas with floats, hand-written",
    "polars": "polars Decimal, hand-written",
    "objects": "object path from rows (Credits built)",
}
# (contender, the column path is at least this many times its speed)
SPEED_TARGETS = {"pandas": 3.0, "polars": 0.8, "objects": 10.0}
GROWTH_TARGET = 11.0
PEAK_TARGET = 3.0


# --- the inputs, built once and not timed -------------------------------------


def polars_frame(data: Rows) -> Any:
    """The prepared frame: the rows as canonical credit columns, amounts
    ``Decimal(38, 2)`` parsed from their text by polars."""
    import polars as pl

    owner, deal, client, amount, day, new = zip(*data, strict=True)
    frame = pl.DataFrame(
        {
            "deal_id": deal,
            "client_id": client,
            "owner": owner,
            "amount": pl.Series(amount, dtype=pl.String).str.to_decimal(scale=2),
            "day": pl.Series(day, dtype=pl.Int32),
            "is_new_client": pl.Series(new, dtype=pl.Boolean),
        }
    )
    return frame.select(
        "deal_id",
        "client_id",
        "owner",
        "amount",
        currency=pl.lit("EUR"),
        credited_on=pl.lit(PERIOD.start) + pl.duration(days=pl.col("day")),
        is_new_client="is_new_client",
    )


def targets_frame(owners_targets: dict[str, Decimal]) -> Any:
    import polars as pl

    return pl.DataFrame(
        {"owner": list(owners_targets), "target": list(owners_targets.values())},
        schema={"owner": pl.String, "target": pl.Decimal(38, 2)},
    )


# --- the hand-written polars version ----------------------------------------------


def polars_payouts(frame: Any, targets: Any) -> Any:
    """The benchmark plan in polars by hand: ``owner`` and ``total``.

    polars 2 multiplies two decimals at the larger of their scales, rounding;
    every product here casts one side first to the sum of both scales, so
    products are exact, and each line is rounded half away from zero to the
    cent (Python's ``ROUND_HALF_UP``), as the reference rounds.
    """
    import polars as pl

    def dec(scale: int) -> Any:
        return pl.Decimal(38, scale)

    def cents(expr: Any) -> Any:
        return expr.round(2, mode="half_away_from_zero").cast(dec(2))

    def lit(value: Decimal) -> Any:
        return pl.lit(value, dec(-value.as_tuple().exponent))  # type: ignore[operator]

    sums = frame.group_by("owner").agg(credited=pl.col("amount").sum())
    news = (
        frame.filter("is_new_client")
        .group_by("owner", "client_id")
        .agg(net=pl.col("amount").sum())
        .filter(pl.col("net") > 0)
        .group_by("owner")
        .agg(new=pl.len())
    )
    credited, target = pl.col("credited"), pl.col("target")
    # tiers: 4 % up to the target, 7 % above it (rates have 2 places)
    low = cents(pl.min_horizontal(credited, target).cast(dec(4)) * lit(LOW))
    high = cents((credited - target).clip(lower_bound=0).cast(dec(4)) * lit(HIGH))
    # the accelerator: commission × (credited − 1.2 × target) × 0.25 / credited
    above = credited - target.cast(dec(3)) * lit(KICK_AT)
    share = pl.col("commission").cast(dec(5)) * above
    kicker = (
        pl.when((above > 0) & (credited > 0))
        .then(
            cents(
                (share.cast(dec(7)) * lit(KICK - 1)).cast(dec(16))
                / credited.cast(dec(16))
            )
        )
        .otherwise(lit(Decimal("0.00")))
    )
    variable = pl.min_horizontal(pl.col("commission") + kicker, lit(CAP))
    bonus = pl.col("new").fill_null(0).cast(dec(0)) * lit(NEW_CLIENT)
    return (
        sums.join(targets, on="owner", how="left")
        .join(news, on="owner", how="left")
        .with_columns(commission=low + high)
        .select("owner", total=lit(SALARY) + variable + bonus)
    )


# --- the contenders ---------------------------------------------------------------


class Inputs:
    """Everything the contenders start from, built once."""

    def __init__(self, count: int) -> None:
        owners_n = max(count // 100, 1)
        self.count = count
        self.data = rows(count, owners_n)
        self.owners = sorted({r[0] for r in self.data})
        self.quotas = quotas(self.owners)
        self.exact_targets = {q.owner: q.target.amount for q in self.quotas}  # type: ignore[union-attr]
        self.float_targets = {o: float(t) for o, t in self.exact_targets.items()}
        self.targets = targets_frame(self.exact_targets)
        self.plan = plan()
        self.frame = polars_frame(self.data)
        self.pandas = pandas_frame(self.data)


def job(name: str, inputs: Inputs) -> Callable[[], Any]:
    """One call of contender ``name`` on ``inputs``, returning its result."""
    if name == "columns":
        return lambda: column_team(
            inputs.plan, inputs.frame, period=PERIOD, quotas=inputs.targets
        )
    if name == "pandas":
        return lambda: pandas_payouts_of(inputs.pandas, inputs.float_targets)
    if name == "polars":
        return lambda: polars_payouts(inputs.frame, inputs.targets)
    if name == "objects":
        return lambda: object_team(
            inputs.plan, credits_of(inputs.data), period=PERIOD, quotas=inputs.quotas
        )
    raise SystemExit(f"unknown contender {name!r}: one of {', '.join(NAMES)}")


def totals(name: str, result: Any, owners: list[str]) -> dict[str, Decimal]:
    """Every owner's total from contender ``name``'s result."""
    if name in {"columns", "polars"}:
        table = result.summary if name == "columns" else result
        return dict(table.select("owner", "total").iter_rows())
    if name == "pandas":
        return {o: _cents(Decimal(repr(float(result[o])))) for o in owners}
    return {owner: s.total.amount for owner, s in result.items()}


# --- memory: one contender in a fresh process ---------------------------------------


def _maxrss() -> int:
    """This process's peak resident size so far, in bytes.

    On Linux ``ru_maxrss`` of a process started by ``fork``/``exec`` begins
    at its parent's resident size (the high-water mark survives ``exec``),
    so a child of a big parent reads the parent's figure: the peak of this
    process's own memory, ``VmHWM``, is read instead where there is one.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _write_inputs(inputs: Inputs, where: Path, reference: dict[str, Decimal]) -> None:
    inputs.frame.write_parquet(where / "frame.parquet")
    inputs.targets.write_parquet(where / "targets.parquet")
    inputs.pandas.to_pickle(where / "pandas.pickle")
    with open(where / "rows.pickle", "wb") as out:
        pickle.dump(inputs.data, out, protocol=pickle.HIGHEST_PROTOCOL)
    with open(where / "reference.pickle", "wb") as out:
        pickle.dump(reference, out, protocol=pickle.HIGHEST_PROTOCOL)


def one(name: str, count: int, where: Path) -> dict[str, Any]:
    """Run contender ``name`` once on the input in ``where`` (this process
    holds nothing else): its peak memory above the loaded input, its time,
    and the owners whose total differs from the reference."""
    import pandas as pd
    import polars as pl

    inputs = Inputs.__new__(Inputs)
    inputs.count = count
    inputs.plan = plan()
    if name in {"columns", "polars"}:
        inputs.frame = pl.read_parquet(where / "frame.parquet")
        inputs.targets = pl.read_parquet(where / "targets.parquet")
        inputs.owners = inputs.targets.get_column("owner").to_list()
    elif name == "pandas":
        inputs.pandas = pd.read_pickle(where / "pandas.pickle")
        inputs.owners = sorted(inputs.pandas["owner"].unique())
    else:
        with open(where / "rows.pickle", "rb") as source:
            inputs.data = pickle.load(source)
        inputs.owners = sorted({r[0] for r in inputs.data})
    inputs.quotas = quotas(inputs.owners)
    inputs.float_targets = {q.owner: float(q.target.amount) for q in inputs.quotas}  # type: ignore[union-attr]
    run_it = job(name, inputs)
    gc.collect()
    before = _maxrss()
    out: dict[str, Any] = {}
    cpu, wall = _clock(lambda: out.setdefault("result", run_it()))
    peak = _maxrss() - before
    with open(where / "reference.pickle", "rb") as source:
        reference = pickle.load(source)
    off = _differing(totals(name, out["result"], inputs.owners), reference)
    return {"peak": peak, "cpu": cpu, "wall": wall, "off": off}


def _in_fresh_process(name: str, count: int, where: Path) -> dict[str, Any]:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.frames", "--one", name, str(count), where],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"the {name} process failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


# --- one size -----------------------------------------------------------------------


def _best(jobs: dict[str, Callable[[], Any]], rounds: int) -> dict[str, Any]:
    """Each job's best CPU and wall time over interleaved rounds, and its
    last result; one Decimal addition's best times likewise."""
    cpu = dict.fromkeys(jobs, float("inf"))
    wall = dict.fromkeys(jobs, float("inf"))
    add_cpu = add_wall = float("inf")
    results: dict[str, Any] = {}
    for _ in range(rounds):
        spent, elapsed = _clock(_decimal_additions)
        add_cpu = min(add_cpu, spent / _ADDITIONS)
        add_wall = min(add_wall, elapsed / _ADDITIONS)
        for name, call in jobs.items():
            # the previous round's result is freed here, outside the timing
            results.pop(name, None)
            spent, elapsed = _clock(
                lambda call=call, name=name: results.update({name: call()})
            )  # type: ignore[misc]
            cpu[name] = min(cpu[name], spent)
            wall[name] = min(wall[name], elapsed)
    return {
        "cpu": cpu,
        "wall": wall,
        "results": results,
        "add_cpu": add_cpu,
        "add_wall": add_wall,
    }


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def run(count: int) -> dict[str, float]:
    """Time, check and measure one size; the wall time of each contender."""
    import polars as pl

    inputs = Inputs(count)
    rounds = int(os.environ.get("FRAMES_ROUNDS", "3"))
    objects_once = count > int(os.environ.get("FRAMES_OBJECTS_ONCE", "2000000"))
    timed = [n for n in NAMES if not (objects_once and n == "objects")]
    best = _best({n: job(n, inputs) for n in timed}, rounds)
    reference = reference_totals(inputs.data, inputs.exact_targets)
    off = {
        n: _differing(totals(n, best["results"][n], inputs.owners), reference)
        for n in timed
    }
    best["results"].clear()
    size = inputs.frame.estimated_size()
    with tempfile.TemporaryDirectory(prefix="bench-frames-") as folder:
        _write_inputs(inputs, Path(folder), reference)
        del inputs.data, inputs.pandas
        memory = {n: _in_fresh_process(n, count, Path(folder)) for n in NAMES}
    cpu, wall = best["cpu"], best["wall"]
    if objects_once:
        cpu["objects"] = memory["objects"]["cpu"]
        wall["objects"] = memory["objects"]["wall"]
        off["objects"] = memory["objects"]["off"]

    print(f"{count:,} credits over {len(inputs.owners):,} owners, one quarter")
    print(
        f"the prepared frame: polars, {inputs.frame.width} columns, amounts "
        f"{inputs.frame.schema['amount']}, estimated_size {size / 1e6:,.1f} MB "
        f"(pl {pl.__version__}, {pl.thread_pool_size()} threads); the pandas "
        "float frame from the same rows; neither is timed"
    )
    print(
        f"best of {rounds} interleaved rounds, GC off; one Decimal addition: "
        f"{best['add_wall'] * 1e9:.1f} ns wall, {best['add_cpu'] * 1e9:.1f} ns CPU"
    )
    if objects_once:
        print(
            "the object path is timed ONCE here (minutes, gigabytes), in its "
            "memory process"
        )
    print("wall time (what the user waits for):")
    for n in NAMES:
        print("  " + report(LABELS[n], wall[n] / count, best["add_wall"]))
    print("CPU time (all threads):")
    for n in NAMES:
        print("  " + report(LABELS[n], cpu[n] / count, best["add_cpu"]))
    print("ratios: the column path's speed against each (wall time; CPU in brackets)")
    for n, target in SPEED_TARGETS.items():
        ratio = wall[n] / wall["columns"]
        print(
            f"  vs {LABELS[n]:<40} {ratio:>7.2f}x ({cpu[n] / cpu['columns']:.2f}x CPU)"
            f"  target >= {target:g}x: {_met(ratio >= target)}"
        )
    print(
        f"owners whose total differs from the plain-Decimal reference "
        f"(of {len(inputs.owners):,}):"
    )
    for n in NAMES:
        note = f"  target 0: {_met(off[n] == 0)}" if n == "columns" else ""
        print(f"  {LABELS[n]:<46} {off[n]:>7,}{note}")
    print(
        f"peak memory above the loaded input, one run in a fresh process "
        f"(input frame {size / 1e6:,.1f} MB):"
    )
    for n in NAMES:
        peak = memory[n]["peak"]
        note = (
            f"  target <= {PEAK_TARGET:g}x: {_met(peak <= PEAK_TARGET * size)}"
            if n == "columns"
            else ""
        )
        print(
            f"  {LABELS[n]:<46} {peak / 1e6:>9,.1f} MB "
            f"{peak / size:>6.2f}x the frame{note}"
        )
    return wall


def growth(walls: dict[int, dict[str, float]]) -> None:
    """The time growth from the smallest size to the largest, per contender."""
    small, large = min(walls), max(walls)
    print(f"\ntime growth from {small:,} to {large:,} credits (wall time):")
    for n in NAMES:
        ratio = walls[large][n] / walls[small][n]
        note = (
            f"  target <= {GROWTH_TARGET:g}x: {_met(ratio <= GROWTH_TARGET)}"
            if n == "columns"
            else ""
        )
        print(f"  {LABELS[n]:<46} {ratio:>6.2f}x{note}")


def main(argv: list[str] | None = None) -> None:
    """1,000,000 then 10,000,000 credits, or one size (``FRAMES_CREDITS``)."""
    args = list(argv or [])
    if args[:1] == ["--one"] and len(args) == 4:
        print(json.dumps(one(args[1], int(args[2]), Path(args[3]))))
        return
    if args:
        raise SystemExit(
            f"unknown arguments {args}: none (FRAMES_CREDITS, FRAMES_ROUNDS "
            "and FRAMES_OBJECTS_ONCE are read from the environment)"
        )
    chosen = os.environ.get("FRAMES_CREDITS")
    sizes = [int(chosen)] if chosen else [1_000_000, 10_000_000]
    walls: dict[int, dict[str, float]] = {}
    for index, count in enumerate(sizes):
        if index:
            print()
        walls[count] = run(count)
    if len(walls) > 1:
        growth(walls)


if __name__ == "__main__":
    main(sys.argv[1:])
