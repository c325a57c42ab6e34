"""Timing helpers shared by the benchmarks (standard library only).

Every benchmark reports its time per item twice: in absolute units for a
machine like ours, and as a multiple of one ``Decimal`` addition timed in the
same run, the floor of exact money in CPython, which holds across machines.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from decimal import Decimal

__all__ = ["decimal_add_seconds", "per_item", "report", "timed"]


def timed(func: Callable[[], object], *, repeat: int = 5) -> float:
    """The best wall time of ``repeat`` calls of ``func`` (seconds), GC off."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            func()
            best = min(best, time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return best


def decimal_add_seconds(n: int = 200_000) -> float:
    """Seconds for one ``Decimal + Decimal`` (loop overhead included, as in
    any real code), measured now."""
    a, b = Decimal("1234.56"), Decimal("7.89")
    pairs = [(a, b)] * n

    def run() -> None:
        for x, y in pairs:
            x + y

    return timed(run) / n


def per_item(seconds: float, items: int) -> float:
    return seconds / items


def report(name: str, seconds_per_item: float, decimal_add: float) -> str:
    """One line: items per second, µs per item, and Decimal-additions per item."""
    return (
        f"{name:<48} {1 / seconds_per_item:>14,.0f} /s  "
        f"{seconds_per_item * 1e6:>9.3f} µs  "
        f"{seconds_per_item / decimal_add:>8.1f} Decimal additions"
    )
