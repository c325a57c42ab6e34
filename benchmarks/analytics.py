"""Analytics at scale: the forecast and pipeline metrics over 10^4 … 10^6
deals, ABC/XYZ over 100,000 clients × 24 months.

Prints items per second, the time per item as a multiple of one Decimal
addition, and how the time grows from 10^4 to 10^6 (linear growth gives a
ratio of about 10 per decade).

    python -m benchmarks.analytics            # full sizes
    python -m benchmarks.analytics --quick    # 10^3 … 10^5, 10,000 clients
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal

from accountcore.analytics import abc_analysis, abc_xyz_matrix, xyz_analysis
from accountcore.money import Money
from benchmarks._common import decimal_add_seconds, report, timed

MONTHS = 24


def _revenue_pool(seed: int) -> list[Money]:
    rng = random.Random(seed)
    return [
        Money(Decimal(rng.randint(0, 2_000_000)).scaleb(-2), "EUR") for _ in range(4096)
    ]


def client_base(clients: int, seed: int = 7) -> dict[str, list[Money]]:
    """``clients`` × 24 months of revenue, amounts shared from a pool (memory)."""
    rng = random.Random(seed)
    pool = _revenue_pool(seed)
    zero = Money("0.00", "EUR")
    base: dict[str, list[Money]] = {}
    for i in range(clients):
        steady = rng.random() < 0.5
        first = pool[rng.randrange(len(pool))]
        base[f"C{i:07d}"] = [
            first
            if steady
            else (pool[rng.randrange(len(pool))] if rng.random() < 0.8 else zero)
            for _ in range(MONTHS)
        ]
    return base


def _client_base_section(clients: int, decimal_add: float) -> None:
    base = client_base(clients)
    totals = {client: sum(series[1:], series[0]) for client, series in base.items()}
    print(f"client base: {clients:,} clients × {MONTHS} months")
    seconds = timed(lambda: abc_analysis(totals), repeat=3)
    print(report(f"ABC over {clients:,} client totals", seconds / clients, decimal_add))
    seconds = timed(lambda: xyz_analysis(base), repeat=3)
    print(
        report(
            f"XYZ over {clients:,} clients (per client)", seconds / clients, decimal_add
        )
    )
    print(
        report(
            f"XYZ over {clients * MONTHS:,} client-months (per month)",
            seconds / (clients * MONTHS),
            decimal_add,
        )
    )
    seconds = timed(lambda: abc_xyz_matrix(base), repeat=3)
    print(
        report(
            f"ABC×XYZ matrix, {clients:,} clients (per client)",
            seconds / clients,
            decimal_add,
        )
    )


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    quick = "--quick" in args
    decimal_add = decimal_add_seconds()
    print(f"one Decimal addition: {decimal_add * 1e9:.1f} ns")
    _client_base_section(10_000 if quick else 100_000, decimal_add)


if __name__ == "__main__":
    main()
