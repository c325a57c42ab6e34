"""Storage throughput: add 100,000 deals in units of work of 1,000, load
them all back, and query them by owner, on MemoryStore and SQLiteStore.

Run: ``python -m benchmarks.storage`` (``--deals N`` for a quicker run).
Target: SQLiteStore at least 20,000 deals per second each way.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from accountcore.pipeline import Deal
from accountcore.storage import MemoryStore, Query, SQLiteStore, Store
from accountcore.testing.contract import make_deal
from benchmarks._common import decimal_add_seconds, report

UNIT = 1_000
OWNERS = 50


def _deals(count: int) -> list[Deal]:
    """``count`` deals: open, won and lost ones, over ``OWNERS`` owners."""
    templates = [make_deal(n) for n in range(100)]
    return [
        attrs.evolve(templates[n % 100], id=f"D-{n:06d}", owner=f"am-{n % OWNERS:02d}")
        for n in range(count)
    ]


def _clock(run: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    items = run()
    return time.perf_counter() - start, items


def _measure(store: Store, deals: list[Deal]) -> dict[str, tuple[float, int]]:
    def add() -> int:
        for start in range(0, len(deals), UNIT):
            with store.unit_of_work() as uow:
                repository = uow.deals
                for deal in deals[start : start + UNIT]:
                    repository.add(deal)
                uow.commit()
        return len(deals)

    def load_all() -> int:
        with store.unit_of_work() as uow:
            return len(uow.deals.select(Query()))

    def get_each() -> int:
        with store.unit_of_work() as uow:
            repository = uow.deals
            for deal in deals:
                repository.get(deal.id)
        return len(deals)

    def by_owner() -> int:
        with store.unit_of_work() as uow:
            return sum(len(uow.deals.by_owner(f"am-{n:02d}")) for n in range(OWNERS))

    return {
        "add (units of 1,000)": _clock(add),
        "load all (one select)": _clock(load_all),
        "get each by id": _clock(get_each),
        f"query by owner ({OWNERS} owners)": _clock(by_owner),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=100_000)
    count = parser.parse_args(argv).deals
    deals = _deals(count)
    decimal_add = decimal_add_seconds()
    results = {}
    with (
        tempfile.TemporaryDirectory() as directory,
        SQLiteStore(Path(directory) / "bench.sqlite3") as sqlite,
    ):
        results["SQLiteStore"] = _measure(sqlite, deals)
    results["MemoryStore"] = _measure(MemoryStore(), deals)
    print(f"{count:,} deals; units of work of {UNIT:,}; rates in deals per second")
    for store, figures in results.items():
        for name, (seconds, items) in figures.items():
            print(report(f"{store}: {name}", seconds / items, decimal_add))
    print()
    for name in results["SQLiteStore"]:
        sqlite_rate = results["SQLiteStore"][name][1] / results["SQLiteStore"][name][0]
        memory_rate = results["MemoryStore"][name][1] / results["MemoryStore"][name][0]
        print(
            f"{name:<32} SQLiteStore / MemoryStore = {sqlite_rate / memory_rate:6.2f}"
        )
    for name in ("add (units of 1,000)", "load all (one select)"):
        seconds, items = results["SQLiteStore"][name]
        verdict = "meets" if items / seconds >= 20_000 else "MISSES"
        print(
            f"SQLiteStore {name}: {items / seconds:,.0f} deals/s {verdict} the 20,000/s target"
        )


if __name__ == "__main__":
    main()
