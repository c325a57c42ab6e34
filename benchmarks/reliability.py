"""Reliability scoring throughput: profiles with 24 payment records and full
financials, scored by the default scorecard.

The issue names no peer library, so the peer is a plain-Decimal loop written
by hand that computes the same score (same payment index, Z'', security,
stability and warning-sign points and weights) without explanation, reasons,
hints or validation. The ratio says what the explained, typed score costs.

Run: ``python -m benchmarks.reliability`` (target: 20,000 profiles/s).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

from accountcore.money import Money
from accountcore.reliability import (
    ClientProfile,
    FinancialStatements,
    PaymentRecord,
    Scorecard,
    WarningSign,
)
from benchmarks._common import decimal_add_seconds, report, timed

ON = dt.date(2026, 6, 30)
COUNT = 2_000


def _profile(seed: int) -> ClientProfile:
    def eur(amount: int) -> Money:
        return Money(amount, "EUR")

    payments = []
    for month in range(24):
        issued = dt.date(2024, 6, 1) + dt.timedelta(days=30 * month)
        due = issued + dt.timedelta(days=30)
        delay = (seed * 7 + month * 13) % 50 - 10
        paid = None if month == 23 else due + dt.timedelta(days=delay)
        if paid is not None and paid < issued:
            paid = issued
        payments.append(
            PaymentRecord(eur(1000 + (seed * month) % 9000), issued, due, paid)
        )
    base = 1_000_000 + seed * 1000
    return ClientProfile(
        "EUR",
        client_id=f"c-{seed}",
        founded=dt.date(2000 + seed % 25, 1 + seed % 12, 1),
        employees=5 + seed % 400,
        annual_revenue=eur(base * 2),
        financials=FinancialStatements(
            current_assets=eur(base * 4 // 10),
            current_liabilities=eur(base * 25 // 100),
            total_assets=eur(base),
            total_liabilities=eur(base * 55 // 100),
            retained_earnings=eur(base * (seed % 30) // 100),
            ebit=eur(base * (seed % 12) // 100),
            book_equity=eur(base * 45 // 100),
            sales=eur(base * 2),
            tangible_net_worth=eur(base * 40 // 100),
        ),
        payments=payments,
        open_receivables=eur(20_000 + seed * 10),
        unbilled_orders=eur(5_000),
        collateral=eur(1_000),
        warning_signs=[WarningSign.LITIGATION] if seed % 5 == 0 else [],
    )


# --- the peer: the same score, hand-written over plain Decimals ------------------

_CENT = Decimal("0.01")
_W = (
    Decimal("0.35"),
    Decimal("0.25"),
    Decimal("0.10"),
    Decimal("0.10"),
    Decimal("0.20"),
)
_PENALTY = {WarningSign.LITIGATION: Decimal(25)}


def _plain_score(p: ClientProfile) -> Decimal:
    weighted = Decimal(0)
    total = Decimal(0)
    count = 0
    for r in p.payments:
        if r.issued > ON:
            continue
        if r.paid is not None and r.paid <= ON:
            days = (r.paid - r.due).days
        elif r.due < ON:
            days = (ON - r.due).days
        else:
            continue
        weighted += r.amount.amount * days
        total += r.amount.amount
        count += 1
    d = weighted / total
    if d <= 0:
        index = 80 - d * 2 / 3
    elif d <= 30:
        index = 80 - d
    else:
        index = 50 - (d - 30) / 3
    index = max(Decimal(1), min(Decimal(100), index)).quantize(_CENT, ROUND_HALF_EVEN)
    f = p.financials
    assert f is not None
    ta, tl = f.total_assets.amount, f.total_liabilities.amount  # type: ignore[union-attr]
    z = (
        Decimal("6.56") * (f.current_assets.amount - f.current_liabilities.amount) / ta  # type: ignore[union-attr]
        + Decimal("3.26") * f.retained_earnings.amount / ta  # type: ignore[union-attr]
        + Decimal("6.72") * f.ebit.amount / ta  # type: ignore[union-attr]
        + Decimal("1.05") * f.book_equity.amount / tl  # type: ignore[union-attr]
    )
    low, high = Decimal("1.10"), Decimal("2.60")
    if z <= 0:
        fin = Decimal(0)
    elif z < low:
        fin = 30 * z / low
    elif z <= high:
        fin = 30 + 40 * (z - low) / (high - low)
    else:
        fin = min(Decimal(100), 70 + 30 * (z - high) / (high - low))
    fin = fin.quantize(_CENT, ROUND_HALF_EVEN)
    net = p.open_receivables.amount + p.unbilled_orders.amount - p.collateral.amount  # type: ignore[union-attr]
    ratio = net / f.tangible_net_worth.amount  # type: ignore[union-attr]
    sec = (
        Decimal(100)
        if ratio <= Decimal("0.10")
        else max(Decimal(0), 100 * (1 - ratio) / Decimal("0.90")).quantize(
            _CENT, ROUND_HALF_EVEN
        )
    )
    years = (
        ON.year
        - p.founded.year
        - ((ON.month, ON.day) < (p.founded.month, p.founded.day))
    )  # type: ignore[union-attr]
    age = next(
        pts
        for floor, pts in ((10, 100), (5, 80), (2, 60), (1, 30), (0, 10))
        if years >= floor
    )
    size = next(
        pts
        for floor, pts in ((250, 100), (50, 85), (10, 65), (0, 40))
        if p.employees >= floor
    )  # type: ignore[operator]
    stab = Decimal(age + size) / 2
    warn = Decimal(100) - sum((_PENALTY[s] for s in p.warning_signs), Decimal(0))
    value = _W[0] * index + _W[1] * fin + _W[2] * sec + _W[3] * stab + _W[4] * warn
    return value.quantize(_CENT, ROUND_HALF_EVEN)


def main() -> None:
    profiles = [_profile(seed) for seed in range(COUNT)]
    card = Scorecard.default()
    for p in profiles[:200]:  # the peer computes the same value
        ours, theirs = card.score(p, on=ON).value, _plain_score(p)
        if ours != theirs:
            raise SystemExit(f"peer disagrees on {p.client_id}: {ours} != {theirs}")

    def ours() -> None:
        for p in profiles:
            card.score(p, on=ON)

    def peer() -> None:
        for p in profiles:
            _plain_score(p)

    # the machine is shared and noisy: alternate the two, keep the best of each
    add = decimal_add_seconds()
    t_ours = t_peer = float("inf")
    for _ in range(5):
        t_ours = min(t_ours, timed(ours, repeat=2) / COUNT)
        t_peer = min(t_peer, timed(peer, repeat=2) / COUNT)
        add = min(add, decimal_add_seconds())
    print(
        f"reliability scoring, {COUNT} profiles x 24 payment records + full financials"
    )
    print(report("accountcore Scorecard.score", t_ours, add))
    print(report("plain-Decimal hand-written loop (peer)", t_peer, add))
    print(f"ratio accountcore / plain loop: {t_ours / t_peer:.2f}x")
    verdict = "meets" if 1 / t_ours >= 20_000 else "misses"
    print(f"target 20,000 profiles/s: {verdict} ({1 / t_ours:,.0f}/s)")


if __name__ == "__main__":
    main()
