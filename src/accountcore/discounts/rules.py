"""Discount rules: one small protocol, five built-in rules, a registry.

A rule is anything that follows :class:`DiscountRule`: a ``name``, a
``priority`` (higher wins), an ``exclusive`` flag, its :class:`Conditions`
(``when``), a :class:`Scope` (a line, or the whole order) and two methods:
:meth:`DiscountRule.evaluate`, which says what it takes off a
:class:`Subject` (an :class:`Effect`: a percentage *or* an amount, never a
bare number) or why not (a :class:`Reason`), and
:meth:`DiscountRule.faults`, its own definition check.

Percentages are ``Decimal`` percents in ``[0, 100]`` (``10`` is 10 %),
everywhere in the discounts package.

>>> from accountcore.money import Money
>>> from decimal import Decimal
>>> rule = VolumeTiers("bulk", [VolumeTier(10, 5), VolumeTier(50, 10)])
>>> effect = rule.evaluate(Subject(Decimal(12), Money("120", "EUR"), Money("10", "EUR")))
>>> effect.percent, effect.hint.text
(Decimal('5'), '38 more to reach the 10% tier of “bulk”')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import ClassVar, Protocol, runtime_checkable

import attrs

from accountcore.discounts.conditions import Conditions
from accountcore.discounts.errors import SchemeDefinitionError
from accountcore.discounts.reasons import Reason
from accountcore.i18n import Message, Percent
from accountcore.money import Money, _make, to_decimal

__all__ = [
    "AmountOff",
    "Basis",
    "BuyGetFree",
    "DependsOn",
    "DiscountRule",
    "Effect",
    "FixedPrice",
    "Per",
    "PercentOff",
    "RULE_KINDS",
    "Scope",
    "Subject",
    "VolumeTier",
    "VolumeTiers",
    "declared_dependence",
    "register_rule",
    "rule_kind",
]

_HUNDRED = Decimal(100)


class Scope(enum.Enum):
    """What a rule discounts: one line, or the whole order (spread over the
    eligible lines by largest remainder).

    >>> Scope("order")
    <Scope.ORDER: 'order'>
    """

    LINE = "line"
    ORDER = "order"


class Per(enum.Enum):
    """What an :class:`AmountOff` amount is for: each unit, the line, the order.

    >>> Per("unit")
    <Per.UNIT: 'unit'>
    """

    UNIT = "unit"
    LINE = "line"
    ORDER = "order"


class Basis(enum.Enum):
    """What :class:`VolumeTiers` thresholds count: units or list amount.

    >>> Basis("amount")
    <Basis.AMOUNT: 'amount'>
    """

    QUANTITY = "quantity"
    AMOUNT = "amount"


class DependsOn(enum.Enum):
    """What a line rule's outcome (:meth:`DiscountRule.evaluate` on a line)
    depends on, as its class declares it in a ``depends_on`` attribute or
    property of its own (see :func:`declared_dependence`).

    A scheme keeps the outcome of a rule that depends on ``NOTHING`` or on
    the ``QUANTITY`` alone, and works it out once (per quantity) instead of
    on every line. ``LINE``, the default, means the whole line (unit price,
    amount): the rule is evaluated on every line.

    >>> DependsOn("quantity")
    <DependsOn.QUANTITY: 'quantity'>
    """

    NOTHING = "nothing"
    QUANTITY = "quantity"
    LINE = "line"


def declared_dependence(rule: object) -> DependsOn:
    """What ``rule``'s outcome on a line depends on, as declared by its own
    class (a ``depends_on`` class attribute or property holding a
    :class:`DependsOn`). A class that declares nothing, or a subclass that
    inherits a declaration without repeating it (it may evaluate otherwise),
    depends on the whole ``LINE``: that is always correct, only slower.

    >>> declared_dependence(PercentOff("p", 5)), declared_dependence(FixedPrice("f", Money("1", "EUR")))
    (<DependsOn.NOTHING: 'nothing'>, <DependsOn.LINE: 'line'>)
    >>> class Bigger(PercentOff): pass
    >>> declared_dependence(Bigger("b", 5))
    <DependsOn.LINE: 'line'>
    """
    declared = vars(type(rule)).get("depends_on")
    if isinstance(declared, property):
        declared = declared.__get__(rule, type(rule))
    return declared if isinstance(declared, DependsOn) else DependsOn.LINE


@attrs.frozen
class Subject:
    """What a rule prices: a line (quantity, list amount, list unit price) or
    the order (total quantity and amount of the eligible lines after line
    discounts; no unit price).

    >>> Subject(Decimal(2), Money("20", "EUR"), Money("10", "EUR")).quantity
    Decimal('2')
    """

    quantity: Decimal
    amount: Money
    unit_price: Money | None


@attrs.frozen
class Effect:
    """What a rule takes off: ``percent`` of the price *or* an ``amount`` off
    the whole subject (not per unit), with an optional near-miss ``hint``.

    >>> Effect(percent=Decimal(10)).percent
    Decimal('10')
    """

    percent: Decimal | None = None
    amount: Money | None = None
    hint: Reason | None = None


@lru_cache(maxsize=1024)
def _percent_effect(percent: Decimal) -> Effect:
    """Effects are immutable: one per percentage is enough (the hot path)."""
    return Effect(percent=percent)


@runtime_checkable
class DiscountRule(Protocol):
    """The shape every discount rule has; add your own next to ours.

    A rule may also declare what its outcome on a line depends on
    (``depends_on``, a :class:`DependsOn`); without it, it is evaluated on
    every line.

    >>> isinstance(PercentOff("loyal", 5), DiscountRule)
    True
    """

    @property
    def name(self) -> str: ...
    @property
    def priority(self) -> int: ...
    @property
    def exclusive(self) -> bool: ...
    @property
    def when(self) -> Conditions: ...
    @property
    def scope(self) -> Scope: ...

    def evaluate(self, subject: Subject) -> Effect | Reason:
        """The effect on ``subject`` (conditions already met), or why none."""
        ...

    def faults(self, currency: str) -> list[str]:
        """Every fault of this rule's own definition (not of its conditions)."""
        ...


def _percent(value: object) -> Decimal:
    return to_decimal(value, "percent")


def _integer(value: object, what: str = "rule") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemeDefinitionError(what, [f"expected a whole number, got {value!r}"])
    return value


def _money(value: object, what: str = "rule") -> Money:
    if not isinstance(value, Money):
        raise SchemeDefinitionError(what, [f"expected Money, got {value!r}"])
    return value


def _percent_faults(percent: Decimal, label: str = "percent") -> list[str]:
    if not 0 <= percent <= _HUNDRED:
        return [f"{label} {percent} is outside [0, 100]"]
    return []


def _money_faults(value: Money, label: str, currency: str) -> list[str]:
    out = []
    if value.currency != currency:
        out.append(f"{label} {value} is not in the scheme's currency {currency}")
    if value.amount < 0:
        out.append(f"{label} {value} is negative")
    return out


@attrs.frozen
class PercentOff:
    """``percent`` off the list price of a line (or off the order).

    >>> PercentOff("spring", 10).evaluate(Subject(Decimal(1), Money("100", "EUR"), None))
    Effect(percent=Decimal('10'), amount=None, hint=None)
    """

    name: str
    percent: Decimal = attrs.field(converter=_percent)
    scope: Scope = attrs.field(default=Scope.LINE, kw_only=True, converter=Scope)
    priority: int = attrs.field(default=0, kw_only=True, converter=_integer)
    exclusive: bool = attrs.field(default=False, kw_only=True)
    when: Conditions = attrs.field(factory=Conditions, kw_only=True)
    depends_on: ClassVar[DependsOn] = DependsOn.NOTHING
    """The same percentage on every line."""

    def evaluate(self, subject: Subject) -> Effect | Reason:
        return _percent_effect(self.percent)

    def faults(self, currency: str) -> list[str]:
        return _percent_faults(self.percent)


@attrs.frozen
class AmountOff:
    """``amount`` off each unit, the line, or the order (:class:`Per`).

    >>> AmountOff("promo", Money("2", "EUR")).evaluate(Subject(Decimal(3), Money("30", "EUR"), Money("10", "EUR")))
    Effect(percent=None, amount=Money('6', 'EUR'), hint=None)
    """

    name: str
    amount: Money = attrs.field(converter=_money)
    per: Per = attrs.field(default=Per.UNIT, kw_only=True, converter=Per)
    priority: int = attrs.field(default=0, kw_only=True, converter=_integer)
    exclusive: bool = attrs.field(default=False, kw_only=True)
    when: Conditions = attrs.field(factory=Conditions, kw_only=True)

    @property
    def scope(self) -> Scope:
        """``ORDER`` for ``per=Per.ORDER``, else ``LINE``."""
        return Scope.ORDER if self.per is Per.ORDER else Scope.LINE

    @property
    def depends_on(self) -> DependsOn:
        """``QUANTITY`` per unit, ``NOTHING`` per line (or order)."""
        return DependsOn.QUANTITY if self.per is Per.UNIT else DependsOn.NOTHING

    def evaluate(self, subject: Subject) -> Effect | Reason:
        if self.per is Per.UNIT:
            return Effect(
                amount=_make(
                    self.amount.amount * subject.quantity, self.amount.currency
                )
            )
        return Effect(amount=self.amount)

    def faults(self, currency: str) -> list[str]:
        return _money_faults(self.amount, "amount", currency)


@attrs.frozen
class FixedPrice:
    """A fixed net unit price for the line (when below the list price).

    >>> FixedPrice("contract", Money("8", "EUR")).evaluate(Subject(Decimal(5), Money("50", "EUR"), Money("10", "EUR")))
    Effect(percent=None, amount=Money('10', 'EUR'), hint=None)
    """

    name: str
    price: Money = attrs.field(converter=_money)
    priority: int = attrs.field(default=0, kw_only=True, converter=_integer)
    exclusive: bool = attrs.field(default=False, kw_only=True)
    when: Conditions = attrs.field(factory=Conditions, kw_only=True)

    @property
    def scope(self) -> Scope:
        """Always ``LINE``."""
        return Scope.LINE

    def evaluate(self, subject: Subject) -> Effect | Reason:
        unit = subject.unit_price
        if unit is None or self.price.amount >= unit.amount:
            # an order has no unit price: a fixed price is for lines only
            list_price = "None" if unit is None else unit
            return Reason.of("fixed_not_lower", price=self.price, list_price=list_price)
        off = (unit.amount - self.price.amount) * subject.quantity
        return Effect(amount=_make(off, unit.currency))

    def faults(self, currency: str) -> list[str]:
        return _money_faults(self.price, "price", currency)


_BASIS_NAMES = {
    Basis.QUANTITY: Message.of("discounts.basis.quantity"),
    Basis.AMOUNT: Message.of("discounts.basis.amount"),
}
_SCOPE_NAMES = {
    Scope.LINE: Message.of("discounts.scope.line"),
    Scope.ORDER: Message.of("discounts.scope.order"),
}


def _tier_target(tier: VolumeTier) -> Message:
    """What a near miss of ``tier`` would reach: "the 10 % tier"."""
    return Message.of("discounts.target.tier", percent=Percent(tier.percent / 100))


def _at(value: object) -> Decimal:
    return to_decimal(value, "at")


@attrs.frozen
class VolumeTier:
    """From ``at`` (a quantity, or an amount in the scheme's currency) up,
    ``percent`` off.

    >>> VolumeTier(10, "2.5")
    VolumeTier(at=Decimal('10'), percent=Decimal('2.5'))
    """

    at: Decimal = attrs.field(converter=_at)
    percent: Decimal = attrs.field(converter=_percent)


def _tiers(value: Iterable[VolumeTier]) -> tuple[VolumeTier, ...]:
    return tuple(sorted(value, key=lambda tier: tier.at))


@attrs.frozen
class VolumeTiers:
    """Volume discount: the highest tier reached gives its percent to the
    whole line (retroactive, as price lists do), by quantity or list amount.

    >>> rule = VolumeTiers("bulk", [VolumeTier(10, 5)])
    >>> rule.evaluate(Subject(Decimal(7), Money("70", "EUR"), Money("10", "EUR"))).text
    'quantity 7 is below the first tier at 10'
    """

    name: str
    tiers: tuple[VolumeTier, ...] = attrs.field(converter=_tiers)
    basis: Basis = attrs.field(default=Basis.QUANTITY, kw_only=True, converter=Basis)
    scope: Scope = attrs.field(default=Scope.LINE, kw_only=True, converter=Scope)
    priority: int = attrs.field(default=0, kw_only=True, converter=_integer)
    exclusive: bool = attrs.field(default=False, kw_only=True)
    when: Conditions = attrs.field(factory=Conditions, kw_only=True)

    @property
    def depends_on(self) -> DependsOn:
        """``QUANTITY`` by quantity, the whole ``LINE`` by amount."""
        return DependsOn.QUANTITY if self.basis is Basis.QUANTITY else DependsOn.LINE

    def _hint(self, gap: Decimal, tier: VolumeTier, currency: str) -> Reason:
        target = _tier_target(tier)
        if self.basis is Basis.QUANTITY:
            return Reason.of("more_units", units=gap, target=target, rule=self.name)
        return Reason.of(
            "more_amount",
            amount=_make(gap, currency),
            target=target,
            rule=self.name,
        )

    def evaluate(self, subject: Subject) -> Effect | Reason:
        value = (
            subject.quantity if self.basis is Basis.QUANTITY else subject.amount.amount
        )
        currency = subject.amount.currency
        reached = None
        for tier in self.tiers:
            if value >= tier.at:
                reached = tier
                continue
            if reached is not None:
                return Effect(
                    percent=reached.percent,
                    hint=self._hint(tier.at - value, tier, currency),
                )
            gap = tier.at - value
            params: dict[str, object] = {
                "basis": _BASIS_NAMES[self.basis],
                "value": value,
                "threshold": tier.at,
                "target": _tier_target(tier),
            }
            if self.basis is Basis.QUANTITY:
                params["units_gap"] = gap
            else:
                params["amount_gap"] = _make(gap, currency)
            return Reason.of("tier_not_reached", **params)
        if reached is None:
            return Reason.of("nothing_off", scope=_SCOPE_NAMES[self.scope])
        return Effect(percent=reached.percent)

    def faults(self, currency: str) -> list[str]:
        out: list[str] = []
        if not self.tiers:
            out.append("has no tiers")
        seen: set[Decimal] = set()
        for tier in self.tiers:
            out.extend(_percent_faults(tier.percent, f"tier at {tier.at}: percent"))
            if tier.at < 0:
                out.append(f"tier at {tier.at}: threshold is negative")
            if tier.at in seen:
                out.append(f"two tiers at {tier.at}")
            seen.add(tier.at)
        return out


@attrs.frozen
class BuyGetFree:
    """Buy ``buy`` get ``get`` free: of every ``buy + get`` units on the line,
    ``get`` cost nothing (once, or per complete group when ``repeat``);
    partial groups are rounded down.

    >>> rule = BuyGetFree("3 for 2", buy=2, get=1)
    >>> rule.evaluate(Subject(Decimal(7), Money("70", "EUR"), Money("10", "EUR"))).amount
    Money('20', 'EUR')
    """

    name: str
    buy: int = attrs.field(converter=_integer)
    get: int = attrs.field(converter=_integer)
    repeat: bool = attrs.field(default=True, kw_only=True)
    priority: int = attrs.field(default=0, kw_only=True, converter=_integer)
    exclusive: bool = attrs.field(default=False, kw_only=True)
    when: Conditions = attrs.field(factory=Conditions, kw_only=True)

    @property
    def scope(self) -> Scope:
        """Always ``LINE``."""
        return Scope.LINE

    def evaluate(self, subject: Subject) -> Effect | Reason:
        group = self.buy + self.get
        quantity = subject.quantity
        sets = int(quantity // group)
        if not self.repeat:
            sets = min(sets, 1)
        unit = subject.unit_price
        if unit is None or sets == 0:
            return Reason.of(
                "buy_get_short",
                quantity=quantity,
                needed=group,
                free=self.get,
                units_gap=group - quantity,
                target=Message.of("discounts.target.free", free=self.get),
            )
        free = sets * self.get
        hint = None
        left = quantity - sets * group
        if self.repeat and left >= self.buy:
            hint = Reason.of(
                "more_units",
                units=group - left,
                target=Message.of("discounts.target.more_free", free=self.get),
                rule=self.name,
            )
        return Effect(amount=_make(unit.amount * free, unit.currency), hint=hint)

    def faults(self, currency: str) -> list[str]:
        out = []
        if self.buy < 1:
            out.append(f"buy {self.buy} must be at least 1")
        if self.get < 1:
            out.append(f"get {self.get} must be at least 1")
        return out


RULE_KINDS: dict[str, type[DiscountRule]] = {
    "percent_off": PercentOff,
    "amount_off": AmountOff,
    "fixed_price": FixedPrice,
    "volume_tiers": VolumeTiers,
    "buy_get_free": BuyGetFree,
}
"""Rule classes by the name they serialise under (attrs classes only).

>>> RULE_KINDS["percent_off"].__name__
'PercentOff'
"""


def register_rule(kind: str, cls: type[DiscountRule]) -> None:
    """Let schemes holding ``cls`` rules serialise, under ``kind``.

    ``cls`` must be an attrs class whose fields the converter can handle.

    >>> @attrs.frozen
    ... class Nothing:
    ...     name: str
    ...     priority: int = 0
    ...     exclusive: bool = False
    ...     when: Conditions = Conditions()
    ...     scope: Scope = Scope.LINE
    ...     def evaluate(self, subject): return Reason("nothing_off", {"scope": "line"})
    ...     def faults(self, currency): return []
    >>> register_rule("nothing", Nothing)
    >>> rule_kind(Nothing("n"))
    'nothing'
    >>> register_rule("percent_off", Nothing)
    Traceback (most recent call last):
    ...
    accountcore.discounts.errors.SchemeDefinitionError: register_rule is invalid (1 fault):
      - kind 'percent_off' is already registered for PercentOff
    """
    known = RULE_KINDS.get(kind)
    if known is not None and known is not cls:
        raise SchemeDefinitionError(
            "register_rule",
            [f"kind {kind!r} is already registered for {known.__name__}"],
        )
    if not attrs.has(cls):
        raise SchemeDefinitionError(
            "register_rule", [f"{cls!r} is not an attrs class; it cannot serialise"]
        )
    RULE_KINDS[kind] = cls  # type: ignore[assignment]


def rule_kind(rule: DiscountRule) -> str:
    """The registered kind of ``rule``'s class.

    >>> rule_kind(PercentOff("x", 1))
    'percent_off'
    """
    for kind, cls in RULE_KINDS.items():
        if type(rule) is cls:
            return kind
    raise SchemeDefinitionError(
        "serialization",
        [f"rule {rule!r} has an unregistered class; call register_rule(kind, cls)"],
    )
