"""A rule that applies when the order holds other goods: buy a drill, the
bits are 20 % off.

:class:`Linked` wraps any line rule with an :class:`OrderCondition`: what
the *whole order* must hold (lines of some products or groups, at least so
many units or so much list amount between them) for the rule to apply to
its own lines. The condition is checked once per quote, on the lines as
given (list amounts, quantities in base units), before any discount; when it
fails, each line the rule concerns shows why, with a near-miss hint.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.discounts import ClientFacts, Conditions, DiscountScheme, PercentOff, QuoteLine
>>> bits = Linked(PercentOff("bits with a drill", 20, when=Conditions(products=["bits"])),
...               needs=OrderCondition(products=["drill"], min_quantity=1))
>>> scheme = DiscountScheme("tools", "EUR", [bits])
>>> q = scheme.quote([QuoteLine("drill", 1, Money("120.00", "EUR")), QuoteLine("bits", 2, Money("15.00", "EUR"))],
...                  client=ClientFacts(), on=datetime.date(2026, 5, 4))
>>> [str(line.discount) for line in q.lines]   # 30.00 x 20 % = 6.00 off the bits
['0.00 EUR', '6.00 EUR']
>>> alone = scheme.quote([QuoteLine("bits", 2, Money("15.00", "EUR"))], client=ClientFacts(), on=datetime.date(2026, 5, 4))
>>> alone.lines[0].rejected[0].reason.text
'the order holds 0 units of drill; it needs 1'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.discounts.conditions import Conditions
from accountcore.discounts.errors import SchemeDefinitionError
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import (
    DependsOn,
    DiscountRule,
    Effect,
    Scope,
    Subject,
    declared_dependence,
    register_rule,
)
from accountcore.i18n import Message
from accountcore.money import Money, _make, to_decimal

__all__ = ["Linked", "OrderCondition"]

_ANY = Message.of("discounts.names.any")


def _names(value: object, parameter: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise SchemeDefinitionError(
            "OrderCondition",
            [f"{parameter} must be a collection of names, got {value!r}"],
        )
    items = tuple(sorted(set(value)))
    if not all(isinstance(item, str) and item for item in items):
        raise SchemeDefinitionError(
            "OrderCondition", [f"{parameter} must hold non-empty names, got {value!r}"]
        )
    return items


def _products(value: object) -> tuple[str, ...] | None:
    return _names(value, "products")


def _categories(value: object) -> tuple[str, ...] | None:
    return _names(value, "categories")


def _min_quantity(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "min_quantity")


def _min_amount(value: object) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    raise SchemeDefinitionError(
        "OrderCondition", [f"min_amount must be Money, got {value!r}"]
    )


@attrs.frozen
class OrderCondition:
    """What the order must hold: lines of ``products`` and of
    ``categories`` (``None``: any; with a catalogue a group counts its
    subgroups and a template its variants), with at least ``min_quantity``
    units (base units) or ``min_amount`` list amount between them. With
    neither minimum, one such line is enough.

    >>> OrderCondition(categories=["tools"], min_quantity=10).min_quantity
    Decimal('10')
    """

    products: tuple[str, ...] | None = attrs.field(default=None, converter=_products)
    categories: tuple[str, ...] | None = attrs.field(
        default=None, converter=_categories
    )
    min_quantity: Decimal | None = attrs.field(default=None, converter=_min_quantity)
    min_amount: Money | None = attrs.field(default=None, converter=_min_amount)

    def faults(self, currency: str) -> list[str]:
        """Every reason this condition is ill-defined.

        >>> OrderCondition(products=[], min_quantity=0).faults("EUR")
        ['needs: products is empty: no line can match', 'needs: min_quantity 0 must be positive']
        """
        out = [
            f"needs: {facet} is empty: no line can match"
            for facet in ("products", "categories")
            if getattr(self, facet) == ()
        ]
        if self.min_quantity is not None and self.min_quantity <= 0:
            out.append(f"needs: min_quantity {self.min_quantity} must be positive")
        if self.min_amount is not None:
            if self.min_amount.currency != currency:
                out.append(
                    f"needs: min_amount {self.min_amount} is not in the scheme's "
                    f"currency {currency}"
                )
            elif self.min_amount.amount <= 0:
                out.append(f"needs: min_amount {self.min_amount} must be positive")
        return out

    def items(self) -> Message | str:
        """What the condition counts, as the explanations name it.

        >>> OrderCondition(products=["drill"], categories=["saws"]).items()
        'drill, saws'
        """
        names = (*(self.products or ()), *(self.categories or ()))
        return ", ".join(names) if names else _ANY

    def check(
        self, quantity: Decimal, amount: Money, target: Message | None = None
    ) -> Reason | None:
        """``None`` when ``quantity`` units worth ``amount`` (what the order
        holds of the items counted) meet the condition, else why not (with
        the gap, for the near-miss hint).

        >>> OrderCondition(categories=["tools"], min_amount=Money("500", "EUR")).check(
        ...     Decimal(3), Money("420.00", "EUR")).text
        'the order holds 420.00 EUR of tools; it needs 500 EUR'
        """
        minimum = self.min_quantity
        if minimum is None and self.min_amount is None:
            minimum = Decimal(1)
        extra: dict[str, object] = {} if target is None else {"target": target}
        if minimum is not None and quantity < minimum:
            return Reason.of(
                "order_quantity_short",
                quantity=quantity,
                items=self.items(),
                minimum=minimum,
                units_gap=minimum - quantity,
                **extra,
            )
        if self.min_amount is not None and amount.amount < self.min_amount.amount:
            return Reason.of(
                "order_amount_short",
                amount=amount,
                items=self.items(),
                minimum=self.min_amount,
                amount_gap=_make(
                    self.min_amount.amount - amount.amount, amount.currency
                ),
                **extra,
            )
        return None

    def counts(self, when: Conditions) -> Conditions:
        """The lines counted, as line conditions (to widen by a catalogue).

        >>> OrderCondition(products=["drill"]).counts(Conditions()).products
        ('drill',)
        """
        return attrs.evolve(when, products=self.products, categories=self.categories)


@attrs.frozen
class Linked:
    """``rule`` (a line rule), applied only when the order meets ``needs``.
    Its name, priority, exclusivity, conditions and scope are ``rule``'s.

    >>> from accountcore.discounts import PercentOff
    >>> Linked(PercentOff("x", 5), needs=OrderCondition(products=["y"])).name
    'x'
    """

    rule: DiscountRule
    needs: OrderCondition = attrs.field(kw_only=True)

    @property
    def name(self) -> str:
        """The wrapped rule's name."""
        return self.rule.name

    @property
    def priority(self) -> int:
        """The wrapped rule's priority."""
        return self.rule.priority

    @property
    def exclusive(self) -> bool:
        """Whether the wrapped rule is exclusive."""
        return self.rule.exclusive

    @property
    def when(self) -> Conditions:
        """The wrapped rule's own conditions (on its line)."""
        return self.rule.when

    @property
    def scope(self) -> Scope:
        """The wrapped rule's scope (``LINE``)."""
        return self.rule.scope

    @property
    def depends_on(self) -> DependsOn:
        """What the wrapped rule's outcome depends on."""
        return declared_dependence(self.rule)

    def evaluate(self, subject: Subject) -> Effect | Reason:
        return self.rule.evaluate(subject)

    def faults(self, currency: str) -> list[str]:
        out = list(self.rule.faults(currency))
        if self.rule.scope is not Scope.LINE:
            out.append(
                "a linked rule discounts lines; an order rule already counts the "
                "lines it names (Conditions on the order)"
            )
        if isinstance(self.rule, Linked):
            out.append("a linked rule cannot wrap another; give one OrderCondition")
        return out + self.needs.faults(currency)


register_rule("linked", Linked)
