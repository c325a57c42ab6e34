"""Storage throughput: add 100,000 deals in units of work of 1,000, load
them all back, and query them by owner, on MemoryStore and SQLiteStore.

The peer is the floor under SQLiteStore: the same deals written with
``to_json`` into a bare sqlite3 table (id, document) and read back with
``from_json``, measured in the same run, so the ratio shows what the store
adds (versions, index columns, checks) over serialisation and SQLite alone.

Run: ``python -m benchmarks.storage`` (``--deals N`` for a quicker run).
Target: SQLiteStore at least 20,000 deals per second each way.
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs

from accountcore.pipeline import Deal
from accountcore.serialization import from_json, to_json
from accountcore.storage import MemoryStore, Query, SQLiteStore, Store
from accountcore.testing.contract import make_deal
from benchmarks._common import decimal_add_seconds, report

UNIT = 1_000
OWNERS = 50
REPEAT = 3


def _deals(count: int) -> list[Deal]:
    """``count`` deals (open, won and lost ones) over ``OWNERS`` owners."""
    templates = [make_deal(n) for n in range(100)]
    return [
        attrs.evolve(templates[n % 100], id=f"D-{n:06d}", owner=f"am-{n % OWNERS:02d}")
        for n in range(count)
    ]


def _best(run: Callable[[], int], repeat: int = REPEAT) -> float:
    """Best seconds per item over ``repeat`` runs, with the garbage collector
    off as in ``benchmarks._common.timed`` (a load of 100,000 deals would
    otherwise mostly time the collector's passes over the growing heap)."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            items = run()
            best = min(best, (time.perf_counter() - start) / items)
            gc.collect()
    finally:
        if enabled:
            gc.enable()
    return best


def _add_all(store: Store, deals: list[Deal]) -> int:
    for start in range(0, len(deals), UNIT):
        with store.unit_of_work() as uow:
            repository = uow.deals
            for deal in deals[start : start + UNIT]:
                repository.add(deal)
            uow.commit()
    return len(deals)


@contextmanager
def _sqlite_store() -> Iterator[Store]:
    with (
        tempfile.TemporaryDirectory() as directory,
        SQLiteStore(Path(directory) / "bench.sqlite3") as store,
    ):
        yield store


def _measure(
    make: Callable[[], Store], deals: list[Deal], name: str
) -> dict[str, float]:
    """Seconds per deal for each operation on a store made by ``make``."""

    def add_fresh() -> int:
        with _fresh(make) as store:
            return _add_all(store, deals)

    figures = {f"{name}: add, units of 1,000": _best(add_fresh)}
    with _fresh(make) as store:
        _add_all(store, deals)

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
                owners = (f"am-{n:02d}" for n in range(OWNERS))
                return sum(len(uow.deals.by_owner(owner)) for owner in owners)

        figures[f"{name}: load all"] = _best(load_all)
        figures[f"{name}: get each by id"] = _best(get_each)
        figures[f"{name}: query by owner"] = _best(by_owner)
    return figures


@contextmanager
def _fresh(make: Callable[[], Store]) -> Iterator[Store]:
    made = make()
    if isinstance(made, SQLiteStore):
        made.close()
        with _sqlite_store() as store:
            yield store
    else:
        yield made


def _floor(deals: list[Deal]) -> dict[str, float]:
    """Bare sqlite3 + to_json / from_json, same durability settings."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "floor.sqlite3"

        def add() -> int:
            path.unlink(missing_ok=True)
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("CREATE TABLE deals (id TEXT PRIMARY KEY, document TEXT)")
            for start in range(0, len(deals), UNIT):
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT INTO deals VALUES (?, ?)",
                    ((d.id, to_json(d)) for d in deals[start : start + UNIT]),
                )
                db.execute("COMMIT")
            db.close()
            return len(deals)

        def load() -> int:
            db = sqlite3.connect(path, isolation_level=None)
            rows = db.execute("SELECT document FROM deals ORDER BY id")
            count = len([from_json(text, Deal) for (text,) in rows])
            db.close()
            return count

        return {
            "sqlite3 + JSON floor: add": _best(add),
            "sqlite3 + JSON floor: load": _best(load),
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=100_000)
    count = parser.parse_args(argv).deals
    deals = _deals(count)
    decimal_add = decimal_add_seconds()
    figures = _measure(lambda: SQLiteStore(":memory:"), deals, "SQLiteStore")
    figures |= _floor(deals)
    figures |= _measure(MemoryStore, deals, "MemoryStore")
    print(f"{count:,} deals, units of work of {UNIT:,}, best of {REPEAT}; deals/s")
    for name, seconds in figures.items():
        print(report(name, seconds, decimal_add))
    print()
    for way, floor in (("add, units of 1,000", "add"), ("load all", "load")):
        ours = figures[f"SQLiteStore: {way}"]
        bare = figures[f"sqlite3 + JSON floor: {floor}"]
        verdict = "meets" if 1 / ours >= 20_000 else "MISSES"
        print(
            f"SQLiteStore {way}: {1 / ours:,.0f} deals/s ({verdict} the 20,000/s "
            f"target); {ours / bare:.2f}x the time of the bare sqlite3 + JSON floor"
        )


if __name__ == "__main__":
    main()
