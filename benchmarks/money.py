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


def _allocate_case(n: int) -> Case:
    weights = [1, 1, 1]
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


def main(n: int = 20_000) -> int:
    """Run every case and print the table; returns the exit code."""
    peers = _peers()
    libraries: dict[str, type] = {"accountcore": Money, **peers}
    decimal_add = decimal_add_seconds()
    print(f"one Decimal addition: {decimal_add * 1e9:.1f} ns (n={n} per case)\n")

    operations: dict[str, dict[str, float | None]] = {}
    for op in ("Money + Money", "Money * Decimal", "allocate into 3", "format"):
        times: dict[str, float | None] = {}
        for lib, cls in libraries.items():
            case: Case | None
            count = n
            if op == "Money + Money":
                case = _add_case(cls, n)
            elif op == "Money * Decimal":
                case = _mul_case(cls, n)
            elif op == "allocate into 3":
                case = _allocate_case(n) if lib == "accountcore" else None
            else:
                count = n // 10
                if lib in {"accountcore", "py-moneyed"}:
                    case = _format_case(lib, cls, count)
                else:
                    case = None  # prices has no localised formatting
            times[lib] = None if case is None else timed(case) / count
        operations[op] = times

    for op, times in operations.items():
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

    add = operations["Money + Money"]
    allocate = operations["allocate into 3"]["accountcore"]
    verdicts = []
    if add.get("py-moneyed") and add["accountcore"]:
        ratio = add["py-moneyed"] / add["accountcore"]  # type: ignore[operator]
        verdicts.append(f"Money+Money vs py-moneyed {ratio:.2f}x (target >= 2)")
    if add.get("prices") and add["accountcore"]:
        ratio = add["prices"] / add["accountcore"]  # type: ignore[operator]
        verdicts.append(f"Money+Money vs prices {ratio:.2f}x (target >= 1)")
    if allocate is not None:
        verdicts.append(
            f"allocate into 3 = {allocate / decimal_add:.1f} Decimal additions (target <= 60)"
        )
    print("targets: " + "; ".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
