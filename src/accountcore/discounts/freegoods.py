"""Free goods given on top of the order: buy 5, get 1 more.

Two kinds of "free" exist, and accountcore offers both:

- :class:`~accountcore.discounts.BuyGetFree` counts the free units *inside*
  the line: of 6 units on a "buy 5 get 1" line, 1 costs nothing (the client
  orders 6, pays 5);
- :class:`FreeGoods` adds them *on top*: on a line of 5 it adds a new line
  of 1 more unit at 100 % off (the client orders 5, pays 5, receives 6), as
  the ERPs' product discounts do. It gives the same item, another item
  (``item`` at its list price ``item_price``), or, with ``scope=ORDER``,
  an item for what the order's eligible lines hold together. ``repeat``
  (the ERPs' "recursive") gives ``get`` per complete ``buy``: 2 free for 10;
  without it, ``get`` once.

Free lines come after the priced lines, numbered on: their list amount is
the value given, their discount all of it, their total zero. The scheme's
limits (maximum discount, margin floor) do not clamp them, and they never
change what the other lines cost; they do count in the quote's subtotal
and discount, so the effective discount and the approval needed show the
value given away. Free-goods rules are not resolved by the scheme's policy
(they take nothing off a price): every one that matches gives its goods.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.discounts import ClientFacts, DiscountScheme, QuoteLine
>>> scheme = DiscountScheme("promo", "EUR", [FreeGoods("5+1", buy=5, get=1)])
>>> q = scheme.quote([QuoteLine("filter", 10, Money("4.00", "EUR"))], client=ClientFacts(),
...                  on=datetime.date(2026, 5, 4))
>>> [(x.product, str(x.quantity), str(x.total)) for x in q.lines]   # 10 // 5 x 1 = 2 free
[('filter', '10', '40.00 EUR'), ('filter', '2', '0.00 EUR')]
>>> q.subtotal, q.discount, q.total   # 2 x 4.00 = 8.00 given on top of 40.00
(Money('48.00', 'EUR'), Money('8.00', 'EUR'), Money('40.00', 'EUR'))
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Protocol

import attrs

from accountcore.discounts._index import _hint
from accountcore.discounts.conditions import Conditions, Context
from accountcore.discounts.errors import SchemeDefinitionError
from accountcore.discounts.quote import AppliedRule, LineQuote, QuoteLine, RejectedRule
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import Effect, Scope, Subject, _integer, register_rule
from accountcore.i18n import Message
from accountcore.money import Money, _make, minor_units, to_decimal

__all__ = ["FreeGoods"]

_HUNDRED = Decimal(100)
_ANY = Message.of("discounts.names.any")


def _count(value: object) -> Decimal:
    return to_decimal(value, "quantity")


def _price(value: object) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    raise SchemeDefinitionError("rule", [f"expected Money or None, got {value!r}"])


@attrs.frozen
class FreeGoods:
    """For every ``buy`` units (or once, without ``repeat``), ``get`` units
    free on top: of the same product, or of ``item`` at ``item_price``;
    ``scope=ORDER`` counts the units of the eligible lines together (and
    names its ``item``). Quantities count in base units with a catalogue.

    >>> FreeGoods("5+1", buy=5, get=1).free(Decimal(14))
    Decimal('2')
    >>> FreeGoods("first order", buy=5, get=1, repeat=False).free(Decimal(14))
    Decimal('1')
    """

    name: str
    buy: Decimal = attrs.field(converter=_count, kw_only=True)
    get: Decimal = attrs.field(converter=_count, kw_only=True)
    item: str | None = attrs.field(default=None, kw_only=True)
    item_price: Money | None = attrs.field(default=None, kw_only=True, converter=_price)
    repeat: bool = attrs.field(default=True, kw_only=True)
    scope: Scope = attrs.field(default=Scope.LINE, kw_only=True, converter=Scope)
    priority: int = attrs.field(default=0, kw_only=True, converter=_integer)
    exclusive: bool = attrs.field(default=False, kw_only=True)
    when: Conditions = attrs.field(factory=Conditions, kw_only=True)

    def free(self, quantity: Decimal) -> Decimal:
        """The units given free for ``quantity`` bought."""
        if self.buy <= 0:
            return Decimal(0)
        sets = (quantity / self.buy).to_integral_value(ROUND_FLOOR)
        if not self.repeat:
            sets = min(sets, Decimal(1))
        return sets * self.get

    def evaluate(self, subject: Subject) -> Effect | Reason:
        """Nothing off ``subject`` itself (the goods come on top), or why
        no goods are given."""
        quantity = subject.quantity
        if not self.free(quantity):
            return Reason.of(
                "buy_get_short",
                quantity=quantity,
                needed=self.buy,
                free=self.get,
                units_gap=self.buy - quantity,
                target=Message.of("discounts.target.free", free=self.get),
            )
        return Effect(amount=_make(Decimal(0), subject.amount.currency))

    def faults(self, currency: str) -> list[str]:
        out = []
        if self.buy <= 0:
            out.append(f"buy {self.buy} must be positive")
        if self.get <= 0:
            out.append(f"get {self.get} must be positive")
        if self.item is not None and (not isinstance(self.item, str) or not self.item):
            out.append(f"item {self.item!r} must be a product name")
        if (self.item is None) != (self.item_price is None):
            out.append(
                "item and item_price go together: another item is given at its "
                "list price (the same item: neither)"
            )
        if self.item_price is not None:
            if self.item_price.currency != currency:
                out.append(
                    f"item_price {self.item_price} is not in the scheme's currency "
                    f"{currency}"
                )
            if self.item_price.amount < 0:
                out.append(f"item_price {self.item_price} is negative")
        if self.scope is Scope.ORDER and self.item is None:
            out.append("an order-level free goods rule names its item")
        if self.exclusive:
            out.append(
                "free goods are given on top of the price rules; they cannot be "
                "exclusive"
            )
        return out


class _Line(Protocol):
    """What giving reads of a priced line (``_pricing._LineState``)."""

    number: int
    line: QuoteLine
    stated: QuoteLine
    rejected: list[RejectedRule]
    hints: list[Reason]


def _give(
    rules: Sequence[FreeGoods],
    states: Sequence[_Line],
    shared: Context,
    *,
    currency: str,
    group_of: dict[str, str | None],
    order: tuple[list[AppliedRule], list[RejectedRule], list[Reason]],
) -> list[LineQuote]:
    """The free lines ``rules`` give on the priced lines ``states`` (in
    rank order, then line order); rejections and hints go on the lines,
    and for order rules on ``order`` (applied, rejected, hints).
    ``group_of`` gives another item's group, when known."""
    giving = _Giving(states, shared, currency, group_of, order)
    for rule in rules:
        if rule.scope is Scope.LINE:
            giving.on_lines(rule)
        else:
            giving.on_order(rule)
    return giving.out


class _Giving:
    """Free goods being given on one quote (private)."""

    def __init__(
        self,
        states: Sequence[_Line],
        shared: Context,
        currency: str,
        group_of: dict[str, str | None],
        order: tuple[list[AppliedRule], list[RejectedRule], list[Reason]],
    ) -> None:
        self.states = states
        self.shared = shared
        self.currency = currency
        self.group_of = group_of
        self.order = order
        self.quantum = Decimal(1).scaleb(-minor_units(currency))
        self.out: list[LineQuote] = []
        self.by_product: dict[str, list[_Line]] = {}
        for state in states:
            self.by_product.setdefault(state.line.product, []).append(state)

    def _line(self, rule: FreeGoods, state: _Line, quantity: Decimal) -> LineQuote:
        free = _free_line(
            rule,
            len(self.states) + len(self.out) + 1,
            state,
            rule.free(quantity),
            quantum=self.quantum,
            group_of=self.group_of,
        )
        self.out.append(free)
        return free

    def on_lines(self, rule: FreeGoods) -> None:
        """``rule`` on each line it concerns."""
        when, currency, quantum = rule.when, self.currency, self.quantum
        states = self.states
        if when.products is not None:  # only the lines of its products
            by_product = self.by_product
            states = [s for p in when.products for s in by_product.get(p, ())]
            states.sort(key=lambda state: state.number)
        for state in states:
            line = state.line
            if not _offered(when, line.product, line.category):
                continue
            ctx = _context(self.shared, line, _list(state.stated, quantum, currency))
            failed = when.check(ctx) or _short(rule, line.quantity, currency)
            if failed is None:
                self._line(rule, state, line.quantity)
                continue
            state.rejected.append(RejectedRule(rule.name, failed))
            hint = _hint(rule, failed)
            if hint is not None:
                state.hints.append(hint)

    def on_order(self, rule: FreeGoods) -> None:
        """``rule`` on what its eligible lines hold together."""
        when, currency, quantum = rule.when, self.currency, self.quantum
        applied, rejected, hints = self.order
        eligible = [
            s for s in self.states if _offered(when, s.line.product, s.line.category)
        ]
        if not eligible:
            reason = Reason.of(
                "no_eligible_line",
                products=_ANY if when.products is None else ", ".join(when.products),
                categories=_ANY
                if when.categories is None
                else ", ".join(when.categories),
            )
            rejected.append(RejectedRule(rule.name, reason))
            return
        quantity = sum((s.line.quantity for s in eligible), Decimal(0))
        amount = sum(
            (_list(s.stated, quantum, currency).amount for s in eligible), Decimal(0)
        )
        shared = self.shared
        ctx = Context(
            shared.client,
            shared.years,
            shared.on,
            shared.code,
            None,
            None,
            quantity,
            _make(amount, currency),
        )
        rest = attrs.evolve(when, products=None, categories=None)
        failed = rest.check(ctx) or _short(rule, quantity, currency)
        if failed is None:
            free = self._line(rule, eligible[0], quantity)
            applied.append(AppliedRule(rule.name, Scope.ORDER, free.discount, _HUNDRED))
            return
        rejected.append(RejectedRule(rule.name, failed))
        hint = _hint(rule, failed)
        if hint is not None:
            hints.append(hint)


def _offered(when: Conditions, product: str, category: str | None) -> bool:
    return (when.products is None or product in when.products) and (
        when.categories is None or category in when.categories
    )


def _list(line: QuoteLine, quantum: Decimal, currency: str) -> Money:
    return _make(
        (line.unit_price.amount * line.quantity).quantize(quantum, ROUND_HALF_UP),
        currency,
    )


def _context(shared: Context, line: QuoteLine, amount: Money) -> Context:
    return Context(
        shared.client,
        shared.years,
        shared.on,
        shared.code,
        line.product,
        line.category,
        line.quantity,
        amount,
    )


def _short(rule: FreeGoods, quantity: Decimal, currency: str) -> Reason | None:
    result = rule.evaluate(Subject(quantity, _make(Decimal(0), currency), None))
    return result if isinstance(result, Reason) else None


def _free_line(
    rule: FreeGoods,
    number: int,
    state: _Line,
    quantity: Decimal,
    *,
    quantum: Decimal,
    group_of: dict[str, str | None],
) -> LineQuote:
    """The free line ``rule`` gives: ``quantity`` of its item (or of the
    line's product, at its list price per base unit: rounding point 7, to
    the currency's minor unit when the line was given in another unit)."""
    line = state.line
    if rule.item is not None and rule.item_price is not None:
        product, price = rule.item, rule.item_price
        category = group_of.get(product)
    else:
        product, price, category = line.product, line.unit_price, line.category
        if state.stated is not line:
            price = _make(price.amount.quantize(quantum, ROUND_HALF_UP), price.currency)
    value = _make(
        (price.amount * quantity).quantize(quantum, ROUND_HALF_UP), price.currency
    )
    zero = _make(quantum * 0, price.currency)
    return LineQuote(
        number,
        product,
        category,
        quantity,
        price,
        value,
        (AppliedRule(rule.name, rule.scope, value, _HUNDRED),),
        (),
        (),
        zero,
        value,
        zero,
        zero,
    )


register_rule("free_goods", FreeGoods)
