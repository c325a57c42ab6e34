"""Money against its peers: py-moneyed and prices, measured in the same run.

``python -m benchmarks.money`` (the peers come with ``pip install -e
'.[dev,bench]'``). For each operation it prints operations per second for
every library, the time per operation as a multiple of one ``Decimal``
addition, and accountcore's speed as a ratio of each peer's (above 1 means
accountcore is faster). A peer without the operation shows ``n/a``.

Targets (issue 2): ``Money + Money`` at least 2x py-moneyed and no slower
than prices; ``allocate`` into 3 parts in at most 60 Decimal additions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal

from accountcore import Money
from benchmarks._common import decimal_add_seconds, report, timed

LOCALES = ("et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")

Case = Callable[[], object]


def _peers() -> dict[str, type]:
    found: dict[str, type] = {}
    try:
        import moneyed

        found["py-moneyed"] = moneyed.Money
    except ImportError:  # pragma: no cover - bench extra missing
        pass
    try:
        import prices

        found["prices"] = prices.Money
    except ImportError:  # pragma: no cover - bench extra missing
        pass
    return found


def _add_case(cls: type, n: int) -> Case:
    pairs = [
        (cls(Decimal("1234.56"), "EUR"), cls(Decimal(f"{i % 97}.25"), "EUR"))
        for i in range(n)
    ]

    def run() -> None:
        for x, y in pairs:
            x + y

    return run


def _mul_case(cls: type, n: int) -> Case:
    factor = Decimal("1.075")
    pairs = [(cls(Decimal(f"{i % 97}.25"), "EUR"), factor) for i in range(n)]

    def run() -> None:
        for x, y in pairs:
            x * y

    return run


def _allocate_case(n: int, weights: list[int]) -> Case:
    items = [(Money(Decimal(f"{100 + i % 97}.00"), "EUR"), weights) for i in range(n)]

    def run() -> None:
        for x, w in items:
            x.allocate(w)

    return run


def _format_case(lib: str, cls: type, n: int) -> Case:
    amounts = [Decimal(f"{1234567 + i % 97}.5") for i in range(n)]
    if lib == "accountcore":
        items = [
            (Money(a, "EUR"), locale)
            for a, locale in zip(
                amounts, LOCALES * (n // len(LOCALES) + 1), strict=False
            )
        ]

        def run() -> None:
            for x, locale in items:
                x.format(locale)

        return run
    from moneyed.l10n import format_money

    peer_items = [
        (cls(a, "EUR"), locale)
        for a, locale in zip(amounts, LOCALES * (n // len(LOCALES) + 1), strict=False)
    ]

    def run_peer() -> None:
        for x, locale in peer_items:
            format_money(x, locale=locale)

    return run_peer


def _row(name: str, seconds: float | None, decimal_add: float) -> str:
    if seconds is None:
        return f"{name:<48} {'n/a':>14}"
    return report(name, seconds, decimal_add)


def _cases(lib: str, cls: type, n: int) -> dict[str, tuple[Case | None, int]]:
    """Each operation's case for one library, with its item count (slower
    operations get fewer items, so every batch takes well under a
    millisecond)."""
    ours = lib == "accountcore"
    few, fewest = n // 10, n // 50
    return {
        "Money + Money": (_add_case(cls, n), n),
        "Money * Decimal": (_mul_case(cls, n), n),
        "allocate into 3": (_allocate_case(few, [1, 1, 1]) if ours else None, few),
        "allocate into 3 (1:2:3)": (
            _allocate_case(few, [1, 2, 3]) if ours else None,
            few,
        ),
        "format": (
            _format_case(lib, cls, fewest) if lib != "prices" else None,
            fewest,
        ),
    }


def main(n: int = 2_000, rounds: int = 61) -> int:
    """Run every case and print the table; returns the exit code.

    The machine is shared and noisy, so the libraries take turns: each round
    times every library once per operation (and a Decimal addition) over a
    batch short enough to run between two preemptions, and the best round of
    each is kept.
    """
    peers = _peers()
    libraries: dict[str, type] = {"accountcore": Money, **peers}
    cases = {lib: _cases(lib, cls, n) for lib, cls in libraries.items()}
    operations = list(cases["accountcore"])
    best: dict[str, dict[str, float | None]] = {
        op: dict.fromkeys(libraries) for op in operations
    }
    decimal_add = float("inf")
    for _ in range(rounds):
        decimal_add = min(decimal_add, decimal_add_seconds(10 * n))
        for op in operations:
            for lib in libraries:
                case, count = cases[lib][op]
                if case is None:
                    continue
                seconds = timed(case, repeat=1) / count
                known = best[op][lib]
                best[op][lib] = seconds if known is None else min(known, seconds)
    print(
        f"one Decimal addition: {decimal_add * 1e9:.1f} ns (n={n}, best of {rounds} rounds)\n"
    )

    for op, times in best.items():
        label = op if op != "format" else f"format in {', '.join(LOCALES)}"
        print(f"-- {label}")
        for lib, seconds in times.items():
            print("  " + _row(lib, seconds, decimal_add))
        ours = times["accountcore"]
        for lib in peers:
            theirs = times[lib]
            if ours is None or theirs is None:
                print(f"  accountcore vs {lib}: n/a")
            else:
                print(f"  accountcore vs {lib}: {theirs / ours:.2f}x as fast")
        print()

    add = best["Money + Money"]
    ours = add["accountcore"]
    allocate = best["allocate into 3"]["accountcore"]
    uneven = best["allocate into 3 (1:2:3)"]["accountcore"]
    verdicts = []
    for lib, target in (("py-moneyed", 2), ("prices", 1)):
        theirs = add.get(lib)
        if theirs is not None and ours is not None:
            verdicts.append(
                f"Money+Money vs {lib} {theirs / ours:.2f}x (target >= {target})"
            )
    if allocate is not None and uneven is not None:
        verdicts.append(
            f"allocate into 3 = {allocate / decimal_add:.1f} Decimal additions, "
            f"1:2:3 = {uneven / decimal_add:.1f} (target <= 60)"
        )
    print("targets: " + "; ".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
