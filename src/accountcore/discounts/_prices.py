"""The price stage of a quote: which price rule sets a line's price.

A scheme indexes its price rules (:class:`_PriceIndex`) by product, by
category and those for any product, as it does its line rules; for each
line :func:`line_price` walks the candidates in rank order: the first whose
conditions hold and that gives a price sets it, the rules ranked above it
are rejected with their reason, those below it as outranked.
"""

from __future__ import annotations

from collections.abc import Iterable

from accountcore.discounts.conditions import Context
from accountcore.discounts.policy import rank
from accountcore.discounts.prices import AppliedPrice, PriceRule, PriceSubject
from accountcore.discounts.quote import QuoteLine, RejectedRule
from accountcore.discounts.reasons import Reason
from accountcore.money import Money

__all__: list[str] = []

_CACHE_SIZE = 4096


class _PriceIndex:
    """Price rules by product, by category, and those for any product; the
    candidates of a (product, category) pair are cached in rank order."""

    __slots__ = ("anywhere", "by_category", "by_product", "cache", "used")

    def __init__(self, rules: Iterable[PriceRule]) -> None:
        self.by_product: dict[str, list[PriceRule]] = {}
        self.by_category: dict[str, list[PriceRule]] = {}
        self.anywhere: list[PriceRule] = []
        self.cache: dict[tuple[str | None, str | None], tuple[PriceRule, ...]] = {}
        for rule in rules:
            when = rule.when
            if when.products is not None:
                for product in when.products:
                    self.by_product.setdefault(product, []).append(rule)
            elif when.categories is not None:
                for category in when.categories:
                    self.by_category.setdefault(category, []).append(rule)
            else:
                self.anywhere.append(rule)
        # whether there is any price rule (most schemes have none)
        self.used = bool(self.by_product or self.by_category or self.anywhere)

    def candidates(self, product: str, category: str | None) -> tuple[PriceRule, ...]:
        """The price rules that can concern a line, in rank order."""
        # cached by the product and category only when rules name them
        key = (
            product if product in self.by_product else None,
            category if category in self.by_category else None,
        )
        found = self.cache.get(key)
        if found is None:
            pool = list(self.by_product.get(product, ()))
            if category is not None:
                pool.extend(self.by_category.get(category, ()))
            pool.extend(self.anywhere)
            found = tuple(sorted(pool, key=rank))  # type: ignore[arg-type]
            if len(self.cache) >= _CACHE_SIZE:
                self.cache.clear()
            self.cache[key] = found
        return found


def line_price(
    index: _PriceIndex,
    line: QuoteLine,
    list_amount: Money,
    shared: Context,
    *,
    static: dict[int, Reason | None],
    rejected: list[RejectedRule],
) -> AppliedPrice | None:
    """The price rule that sets ``line``'s unit price (``None``: the list
    price stands); rules considered and not applied go to ``rejected``.
    ``static`` keeps, per quote, each rule's verdict on the client, date and
    code facets (by the rule's ``id``)."""
    candidates = index.candidates(line.product, line.category)
    if not candidates:
        return None
    ctx: Context | None = None
    winner: PriceRule | None = None
    found: AppliedPrice | None = None
    for rule in candidates:
        if winner is not None:
            reason = Reason.of(
                "outranked",
                priority=rule.priority,
                winner=repr(winner.name),
                winner_priority=winner.priority,
            )
            rejected.append(RejectedRule(rule.name, reason))
            continue
        key = id(rule)
        if key in static:
            failed = static[key]
        else:
            failed = static[key] = rule.when.check_client(shared)
        if failed is None:
            if ctx is None:
                ctx = Context(
                    shared.client,
                    shared.years,
                    shared.on,
                    shared.code,
                    line.product,
                    line.category,
                    line.quantity,
                    list_amount,
                )
            failed = rule.when.check_line(ctx)
        if failed is None:
            result = rule.unit_price(
                PriceSubject(line.quantity, line.unit_price, line.unit_cost)
            )
            if isinstance(result, Money):
                winner = rule
                found = AppliedPrice(rule.name, line.unit_price, result)
                continue
            failed = result
        rejected.append(RejectedRule(rule.name, failed))
    return found
