"""Price rules: the price a line starts from, before any discount.

A scheme's ``prices`` decide each line's price before its discount rules
run: a :class:`ContractPrice` replaces the list price (below it *or above
it*: a contract price for one client, a price list per segment), a
:class:`Markup` raises the list price, or the unit cost, by a percent and
an amount (cost-plus). Of the price rules that match a line the
highest-ranked one (priority, then name) sets its price; the others are
rejected as outranked. Discounts, the limits and the approvals then work
from that price: it is the client's list price.

:class:`~accountcore.discounts.FixedPrice` stays what it was: a price shown
as a *discount* off the list price (refused above it), which counts toward
the maximum discount and the approvals. A contract price that should count
so is a ``FixedPrice``; one that is the client's own list price is a
``ContractPrice``.

A unit price may have more decimals than the currency (``0.1234 EUR``):
it is kept exact and the line amount is rounded to the currency once
(rounding point 1); a rule with ``places`` rounds the unit price it sets
to that many decimals first.

>>> from accountcore.money import Money
>>> markup = Markup("cost plus", 25, on=MarkupBase.COST, amount=Money("0.50", "EUR"))
>>> markup.unit_price(PriceSubject(Decimal(3), Money("10", "EUR"), Money("6.00", "EUR")))
Money('8.00', 'EUR')

(6.00 x 1.25 = 7.50, then + 0.50.)
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol, runtime_checkable

import attrs

from accountcore.discounts.conditions import Conditions
from accountcore.discounts.errors import SchemeDefinitionError
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import _integer as _whole
from accountcore.discounts.rules import _money as _of_money
from accountcore.discounts.rules import _money_faults
from accountcore.money import Money, _make, to_decimal

__all__ = [
    "PRICE_KINDS",
    "AppliedPrice",
    "ContractPrice",
    "Markup",
    "MarkupBase",
    "PriceRule",
    "PriceSubject",
    "price_kind",
    "register_price_rule",
]

_HUNDRED = Decimal(100)
_MOST_PLACES = 10


class MarkupBase(enum.Enum):
    """What a :class:`Markup` raises: the list price, or the line's unit
    cost (cost-plus pricing).

    >>> MarkupBase("cost")
    <MarkupBase.COST: 'cost'>
    """

    LIST = "list"
    COST = "cost"


@attrs.frozen
class PriceSubject:
    """What a price rule prices: a line's quantity, its list unit price and
    its unit cost (``None`` when the line gives none).

    >>> PriceSubject(Decimal(2), Money("10", "EUR"), None).list_price
    Money('10', 'EUR')
    """

    quantity: Decimal
    list_price: Money
    unit_cost: Money | None


@attrs.frozen
class AppliedPrice:
    """The price rule that set a line's price: ``price`` per unit instead of
    the ``list_price`` the line was given.

    >>> AppliedPrice("acme contract", Money("10.00", "EUR"), Money("10.50", "EUR")).price
    Money('10.50', 'EUR')
    """

    rule: str
    list_price: Money
    price: Money


@runtime_checkable
class PriceRule(Protocol):
    """The shape of a price rule: a ``name``, a ``priority`` (higher wins),
    its :class:`~accountcore.discounts.Conditions` (``when``) and two
    methods: :meth:`unit_price`, the line's new unit price or why none (a
    :class:`~accountcore.discounts.Reason`), and :meth:`faults`, its own
    definition check.

    >>> isinstance(ContractPrice("acme", Money("9", "EUR")), PriceRule)
    True
    """

    @property
    def name(self) -> str: ...
    @property
    def priority(self) -> int: ...
    @property
    def when(self) -> Conditions: ...

    def unit_price(self, subject: PriceSubject) -> Money | Reason:
        """The unit price of the line (conditions already met), or why none."""
        ...

    def faults(self, currency: str) -> list[str]:
        """Every fault of this rule's own definition (not of its conditions)."""
        ...


def _integer(value: object) -> int:
    return _whole(value, "price rule")


def _places(value: object) -> int | None:
    return None if value is None else _integer(value)


def _money(value: object) -> Money:
    return _of_money(value, "price rule")


def _optional_money(value: object) -> Money | None:
    return None if value is None else _money(value)


def _optional_percent(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "percent")


def _places_faults(places: int | None) -> list[str]:
    if places is not None and not 0 <= places <= _MOST_PLACES:
        return [f"places {places} is outside [0, {_MOST_PLACES}]"]
    return []


def _round(amount: Decimal, places: int | None) -> Decimal:
    """``amount`` rounded half-up to ``places`` decimals (``None``: exact)."""
    if places is None:
        return amount
    return amount.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


@attrs.frozen
class ContractPrice:
    """``price`` per unit instead of the list price, below or above it.

    >>> ContractPrice("acme", Money("10.5000", "EUR")).unit_price(PriceSubject(Decimal(4), Money("10", "EUR"), None))
    Money('10.5000', 'EUR')
    """

    name: str
    price: Money = attrs.field(converter=_money)
    priority: int = attrs.field(default=0, kw_only=True, converter=_integer)
    when: Conditions = attrs.field(factory=Conditions, kw_only=True)

    def unit_price(self, subject: PriceSubject) -> Money | Reason:
        return self.price

    def faults(self, currency: str) -> list[str]:
        return _money_faults(self.price, "price", currency)


@attrs.frozen
class Markup:
    """The list price (or the unit cost, ``on=MarkupBase.COST``) raised by
    ``percent`` and then by ``amount`` per unit; ``places`` rounds the
    raised price (before the amount is added) to that many decimals.

    >>> rule = Markup("handling", 10, amount=Money("0.25", "EUR"), places=2)
    >>> rule.unit_price(PriceSubject(Decimal(1), Money("3.33", "EUR"), None))  # 3.663 -> 3.66, + 0.25
    Money('3.91', 'EUR')
    >>> Markup("cost plus", 20, on="cost").unit_price(PriceSubject(Decimal(1), Money("5", "EUR"), None)).text
    'the line gives no unit cost to mark up'
    """

    name: str
    percent: Decimal | None = attrs.field(default=None, converter=_optional_percent)
    amount: Money | None = attrs.field(
        default=None, kw_only=True, converter=_optional_money
    )
    on: MarkupBase = attrs.field(
        default=MarkupBase.LIST, kw_only=True, converter=MarkupBase
    )
    places: int | None = attrs.field(default=None, kw_only=True, converter=_places)
    priority: int = attrs.field(default=0, kw_only=True, converter=_integer)
    when: Conditions = attrs.field(factory=Conditions, kw_only=True)

    def unit_price(self, subject: PriceSubject) -> Money | Reason:
        base = subject.list_price if self.on is MarkupBase.LIST else subject.unit_cost
        if base is None:
            return Reason.of("no_cost")
        price = base.amount
        if self.percent is not None:
            price = price * (_HUNDRED + self.percent) / _HUNDRED
        price = _round(price, self.places)
        if self.amount is not None:
            price += self.amount.amount
        return _make(price, base.currency)

    def faults(self, currency: str) -> list[str]:
        out: list[str] = []
        if self.percent is None and self.amount is None:
            out.append("has neither a percent nor an amount")
        if self.percent is not None and self.percent < 0:
            out.append(f"percent {self.percent} is negative (a markup raises)")
        if self.amount is not None:
            out.extend(_money_faults(self.amount, "amount", currency))
        return out + _places_faults(self.places)


PRICE_KINDS: dict[str, type[PriceRule]] = {
    "contract_price": ContractPrice,
    "markup": Markup,
}
"""Price rule classes by the name they serialise under (attrs classes only).

>>> PRICE_KINDS["markup"].__name__
'Markup'
"""


def register_price_rule(kind: str, cls: type[PriceRule]) -> None:
    """Let schemes holding ``cls`` price rules serialise, under ``kind``.

    >>> register_price_rule("markup", ContractPrice)
    Traceback (most recent call last):
    ...
    accountcore.discounts.errors.SchemeDefinitionError: register_price_rule is invalid (1 fault):
      - kind 'markup' is already registered for Markup
    """
    known = PRICE_KINDS.get(kind)
    if known is not None and known is not cls:
        raise SchemeDefinitionError(
            "register_price_rule",
            [f"kind {kind!r} is already registered for {known.__name__}"],
        )
    if not attrs.has(cls):
        raise SchemeDefinitionError(
            "register_price_rule",
            [f"{cls!r} is not an attrs class; it cannot serialise"],
        )
    PRICE_KINDS[kind] = cls  # type: ignore[assignment]


def price_kind(rule: PriceRule) -> str:
    """The registered kind of ``rule``'s class.

    >>> price_kind(Markup("m", 5))
    'markup'
    """
    for kind, cls in PRICE_KINDS.items():
        if type(rule) is cls:
            return kind
    raise SchemeDefinitionError(
        "serialization",
        [
            f"price rule {rule!r} has an unregistered class; "
            "call register_price_rule(kind, cls)"
        ],
    )
