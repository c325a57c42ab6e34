"""Analytics at scale: the forecast and pipeline metrics over 10^4 … 10^6
deals, ABC/XYZ over 100,000 clients × 24 months.

Prints items per second, the time per item as a multiple of one Decimal
addition, and how the time grows from 10^4 to 10^6 (linear growth gives a
ratio of about 10 per decade).

    python -m benchmarks.analytics            # full sizes
    python -m benchmarks.analytics --quick    # 10^3 … 10^5, 10,000 clients
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import Decimal

import pendulum

from accountcore.analytics import (
    abc_analysis,
    abc_xyz_matrix,
    forecast,
    pipeline_coverage,
    sales_velocity,
    slippage,
    stage_conversion,
    stale_deals,
    win_rate,
    xyz_analysis,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import Deal, Pipeline
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


PIPELINE = Pipeline.default()
T0 = pendulum.datetime(2026, 1, 5, 9, tz="UTC")
Q1 = Period.quarter(2026, 1)
_TARGETS = [s.key for s in PIPELINE.stages if s.outcome.value == "open"] + [
    "contract_signed",
    "lost",
]


def deal_pool(size: int = 20_000, seed: int = 11) -> list[Deal]:
    """``size`` distinct deals in every stage, a fifth of them split 60/40,
    some with their close date pushed. Larger inputs repeat these objects
    (the analytics read deals, they never look at identity): 10^6 distinct
    deals with their histories would need about a gigabyte."""
    rng = random.Random(seed)
    owners = ["anna", "bert", "cleo", "dora", "emil"]
    pool = []
    for n in range(size):
        owner = owners[n % len(owners)]
        deal = PIPELINE.new_deal(
            f"D-{n}",
            client_id=f"C-{n % 997}",
            owner=owner,
            at=T0,
            by=owner,
            amount=Money(Decimal(rng.randint(100, 10_000_000)).scaleb(-2), "EUR"),
            expected_close=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(150)),
            contact="Mari",
        )
        if n % 5 == 0:
            deal = deal.with_splits({owner: "0.6", "zoe": "0.4"}, at=T0, by=owner)
        if n % 7 == 0 and deal.expected_close is not None:
            later = deal.expected_close + dt.timedelta(days=rng.randrange(1, 40))
            deal = deal.with_expected_close(later, at=T0.add(days=3), by=owner)
        target = _TARGETS[rng.randrange(len(_TARGETS))]
        if target != deal.stage:
            deal = PIPELINE.advance(
                deal, target, at=T0.add(days=rng.randrange(4, 80)), by=owner, reason="x"
            )
        pool.append(deal)
    return pool


def pipeline_metrics(deals: list[Deal]) -> None:
    """Every pipeline metric of one quarter, each over all the deals."""
    win_rate(deals, period=Q1, currency="EUR")
    stage_conversion(deals, pipeline=PIPELINE)
    sales_velocity(deals, period=Q1, currency="EUR")
    pipeline_coverage(deals, period=Q1, quota=Money(10_000_000, "EUR"))
    stale_deals(deals, at=T0.add(days=60), norms={"needs": 14, "negotiation": 21})
    slippage(deals, period=Q1)


def _deals_section(sizes: list[int], decimal_add: float) -> None:
    pool = deal_pool()
    per: dict[str, list[float]] = {"forecast": [], "pipeline metrics": []}
    for size in sizes:
        deals = (pool * (size // len(pool) + 1))[:size]
        seconds = timed(
            lambda d=deals: forecast(d, period=Q1, currency="EUR"), repeat=3
        )
        per["forecast"].append(seconds)
        print(report(f"forecast, {size:,} deals", seconds / size, decimal_add))
        seconds = timed(
            lambda d=deals: pipeline_metrics(d), repeat=1 if size >= 10**6 else 3
        )
        per["pipeline metrics"].append(seconds)
        print(
            report(f"pipeline metrics (6), {size:,} deals", seconds / size, decimal_add)
        )
    for name, times in per.items():
        growth = ", ".join(
            f"x{times[i + 1] / times[i]:.1f} for x{sizes[i + 1] // sizes[i]}"
            for i in range(len(times) - 1)
        )
        print(f"{name}: time grows {growth} (linear is x10 per x10)")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    quick = "--quick" in args
    decimal_add = decimal_add_seconds()
    print(f"one Decimal addition: {decimal_add * 1e9:.1f} ns")
    sizes = [10**3, 10**4, 10**5] if quick else [10**4, 10**5, 10**6]
    _deals_section(sizes, decimal_add)
    print("forecast target: at least 500,000 deals/s")
    _client_base_section(10_000 if quick else 100_000, decimal_add)


if __name__ == "__main__":
    main()
