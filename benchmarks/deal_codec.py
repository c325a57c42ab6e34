"""Deal serialisation: the converter's hand-written Deal hooks against the
generic cattrs hooks they replaced (the peer), in the same run, on the
storage benchmark's 100 sample deals (open, won and lost ones).

Run: ``python -m benchmarks.deal_codec``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accountcore.pipeline import Deal
from accountcore.pipeline._codec import GENERIC
from accountcore.serialization import converter
from accountcore.testing.samples import make_deal
from benchmarks._common import decimal_add_seconds, report, timed

ROUNDS = 20


def _per_deal(run: Callable[[], Any], count: int) -> float:
    return timed(run, repeat=7) / count


def main() -> None:
    deals = [make_deal(n) for n in range(100)] * ROUNDS
    documents = [converter.unstructure(deal) for deal in deals]
    count = len(deals)
    generic_out, generic_in = GENERIC["unstructure Deal"], GENERIC["structure Deal"]
    decimal_add = decimal_add_seconds()
    figures = {
        "unstructure Deal, generic cattrs": _per_deal(
            lambda: [generic_out(d) for d in deals], count
        ),
        "unstructure Deal, hand-written": _per_deal(
            lambda: [converter.unstructure(d) for d in deals], count
        ),
        "structure Deal, generic cattrs": _per_deal(
            lambda: [generic_in(x, Deal) for x in documents], count
        ),
        "structure Deal, hand-written": _per_deal(
            lambda: [converter.structure(x, Deal) for x in documents], count
        ),
    }
    for name, seconds in figures.items():
        print(report(name, seconds, decimal_add))
    for way in ("unstructure", "structure"):
        ratio = (
            figures[f"{way} Deal, generic cattrs"]
            / figures[f"{way} Deal, hand-written"]
        )
        print(f"{way}: hand-written is {ratio:.1f}x faster than generic cattrs")


if __name__ == "__main__":
    main()
