"""The definition checks of a discount scheme: every fault at once.

A scheme calls :func:`scheme_faults` when it is built. Beyond each rule's
own faults and its conditions', it looks for conflicts between rules: two
rules of equal priority that can match the same line under ``PRIORITY`` (a
true contradiction: a fault). A rule that can never apply because another
always wins over it (a baseline ranked above its override) is no fault:
:func:`scheme_warnings` names it and the rule that shadows it.

>>> from accountcore.discounts import Conditions, PercentOff
>>> _may_meet(Conditions(products=["a"]), Conditions(products=["b"]))
False
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from accountcore.discounts.approvals import ApprovalLevel
from accountcore.discounts.conditions import (
    Conditions,
)
from accountcore.discounts.freegoods import FreeGoods
from accountcore.discounts.policy import Policy, rank
from accountcore.discounts.prices import ContractPrice, Markup, MarkupBase, PriceRule
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import (
    AmountOff,
    DiscountRule,
    PercentOff,
    Scope,
)
from accountcore.i18n import Message
from accountcore.money import minor_units
from accountcore.periods import FiscalCalendar

__all__ = ["scheme_faults", "scheme_warnings"]

_HUNDRED = Decimal(100)


class _Definition(Protocol):
    """What the checks read of a :class:`~accountcore.discounts.DiscountScheme`
    (named by its shape: the scheme's module imports this one)."""

    @property
    def name(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def rules(self) -> tuple[DiscountRule, ...]: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def max_discount_percent(self) -> Decimal | None: ...
    @property
    def margin_floor_percent(self) -> Decimal | None: ...
    @property
    def approvals(self) -> tuple[ApprovalLevel, ...]: ...
    @property
    def timezone(self) -> str: ...
    @property
    def prices(self) -> tuple[PriceRule, ...]: ...


def _is_rule(rule: object) -> bool:
    return (
        isinstance(rule, DiscountRule)
        and isinstance(getattr(rule, "name", None), str)
        and isinstance(getattr(rule, "priority", None), int)
        and isinstance(getattr(rule, "when", None), Conditions)
        and isinstance(getattr(rule, "scope", None), Scope)
    )


def _always_applies(rule: DiscountRule) -> bool:
    """Rules whose effect never rejects once their conditions hold."""
    return type(rule) in (PercentOff, AmountOff)


def _shadows(policy: Policy, first: DiscountRule, second: DiscountRule) -> bool:
    """Whether ``first`` (ranked before ``second``) keeps ``second`` from
    ever applying."""
    if first.scope is not second.scope or not _always_applies(first):
        return False
    if policy is Policy.MOST_SPECIFIC or _gives_goods(second):
        return False  # a more specific rule wins; free goods come on top
    if not first.when.covers(second.when):
        return False
    if policy is Policy.PRIORITY:
        return first.priority > second.priority
    if policy is Policy.BEST:
        if type(first) is PercentOff and type(second) is PercentOff:
            return first.percent >= second.percent
        if type(first) is AmountOff and type(second) is AmountOff:
            return (
                first.per is second.per and first.amount.amount >= second.amount.amount
            )
        return False
    return first.exclusive


def _gives_goods(rule: DiscountRule) -> bool:
    """Free goods come on top of the price rules: no policy resolves them."""
    return isinstance(rule, FreeGoods)


def _may_meet(first: Conditions, second: Conditions) -> bool:
    """A cheap pre-check: disjoint product or category lists never meet."""
    for mine, theirs in (
        (first.products, second.products),
        (first.categories, second.categories),
    ):
        if mine is not None and theirs is not None and set(mine).isdisjoint(theirs):
            return False
    return True


def scheme_faults(scheme: _Definition) -> list[str]:
    """Every fault of ``scheme``'s definition (empty when it is sound)."""
    out: list[str] = []
    if not isinstance(scheme.name, str) or not scheme.name:
        out.append(f"name must be a non-empty string, got {scheme.name!r}")
    try:
        minor_units(scheme.currency)
    except ValueError:
        out.append(f"currency {scheme.currency!r} is not a known currency code")
    try:
        FiscalCalendar(timezone=scheme.timezone)
    except ValueError:
        out.append(f"timezone {scheme.timezone!r} is not an IANA timezone name")
    for label, value in (
        ("max_discount_percent", scheme.max_discount_percent),
        ("margin_floor_percent", scheme.margin_floor_percent),
    ):
        if value is not None and value < 0:
            out.append(f"{label} {value} is negative")
    if (
        scheme.max_discount_percent is not None
        and scheme.max_discount_percent > _HUNDRED
    ):
        out.append(f"max_discount_percent {scheme.max_discount_percent} is above 100")
    out.extend(_approval_faults(scheme))
    rules = [rule for rule in scheme.rules if _is_rule(rule)]
    out.extend(
        f"{rule!r} is not a DiscountRule (name, priority, exclusive, when, "
        "scope, evaluate, faults)"
        for rule in scheme.rules
        if not _is_rule(rule)
    )
    seen: set[str] = set()
    sound: list[DiscountRule] = []
    for rule in rules:
        if not rule.name:
            out.append(f"rule {rule!r} has an empty name")
        if rule.name in seen:
            out.append(f"two rules are named {rule.name!r}")
        seen.add(rule.name)
        own = rule.faults(scheme.currency) + rule.when.faults(scheme.currency)
        out.extend(f"rule {rule.name!r}: {fault}" for fault in own)
        if not own:
            sound.append(rule)
    # Conflicts between the rules that are sound on their own.
    out.extend(_conflicts(scheme, sorted(sound, key=rank)))
    out.extend(_price_faults(scheme, seen))
    return out


def _is_price_rule(rule: object) -> bool:
    return (
        isinstance(rule, PriceRule)
        and isinstance(getattr(rule, "name", None), str)
        and isinstance(getattr(rule, "priority", None), int)
        and isinstance(getattr(rule, "when", None), Conditions)
    )


def _sound_prices(scheme: _Definition) -> list[PriceRule]:
    """The price rules sound on their own, in rank order."""
    sound = [
        rule
        for rule in scheme.prices
        if _is_price_rule(rule)
        and not rule.faults(scheme.currency)
        and not rule.when.faults(scheme.currency)
    ]
    return sorted(sound, key=rank)  # type: ignore[arg-type]


def _price_faults(scheme: _Definition, seen: set[str]) -> list[str]:
    """The faults of the price rules: their own, their conditions', a name
    taken twice (by a price rule or a discount rule: a line lists both), and
    two of equal priority that can price the same line."""
    out = [
        f"{rule!r} is not a PriceRule (name, priority, when, unit_price, faults)"
        for rule in scheme.prices
        if not _is_price_rule(rule)
    ]
    for rule in scheme.prices:
        if not _is_price_rule(rule):
            continue
        if not rule.name:
            out.append(f"price rule {rule!r} has an empty name")
        if rule.name in seen:
            out.append(f"two rules are named {rule.name!r}")
        seen.add(rule.name)
        own = rule.faults(scheme.currency) + rule.when.faults(scheme.currency)
        out.extend(f"price rule {rule.name!r}: {fault}" for fault in own)
    ranked = _sound_prices(scheme)
    for i, first in enumerate(ranked):
        for second in ranked[i + 1 :]:
            if first.priority != second.priority:
                break
            if _may_meet(first.when, second.when) and first.when.overlaps(second.when):
                out.append(
                    f"price rules {first.name!r} and {second.name!r} have the "
                    f"same priority {first.priority} and can price the same "
                    "line; one must rank above the other"
                )
    return out


def _approval_faults(scheme: _Definition) -> list[str]:
    out: list[str] = []
    previous: Decimal | None = None
    names: set[str] = set()
    for level in scheme.approvals:
        if not isinstance(level, ApprovalLevel):
            out.append(f"approval {level!r} is not an ApprovalLevel")
            continue
        if not _HUNDRED >= level.above_percent >= 0:
            out.append(
                f"approval {level.name!r}: above_percent {level.above_percent} "
                "is outside [0, 100]"
            )
        if previous is not None and level.above_percent <= previous:
            out.append(
                f"approval {level.name!r}: above_percent {level.above_percent} "
                f"must be above the previous level's {previous}"
            )
        if level.name in names:
            out.append(f"two approval levels are named {level.name!r}")
        names.add(level.name)
        previous = level.above_percent
    return out


def _conflicts(scheme: _Definition, ranked: Sequence[DiscountRule]) -> list[str]:
    out: list[str] = []
    if scheme.policy is not Policy.PRIORITY:
        return out
    for i, first in enumerate(ranked):
        for second in ranked[i + 1 :]:
            if first.priority != second.priority:
                break  # ranked: no later rule has this priority either
            if (
                not _gives_goods(first)
                and not _gives_goods(second)
                and first.scope is second.scope
                and _may_meet(first.when, second.when)
                and first.when.overlaps(second.when)
            ):
                out.append(
                    f"rules {first.name!r} and {second.name!r} have the same "
                    f"priority {first.priority} and can match the same line; "
                    "under PRIORITY one must rank above the other"
                )
    return out


_POLICY_NAMES = {
    Policy.BEST: Message.of("discounts.policy.best"),
    Policy.PRIORITY: Message.of("discounts.policy.priority"),
    Policy.ADDITIVE: Message.of("discounts.policy.additive"),
    Policy.SEQUENTIAL: Message.of("discounts.policy.sequential"),
}


def scheme_warnings(scheme: _Definition) -> list[Reason]:
    """The rules of ``scheme`` that can never apply, each named with the
    rule that shadows it (a ``shadowed`` reason), in rank order. Such a
    scheme is built: a baseline ranked above its override is a mistake to
    show, not a contradiction to refuse.

    >>> from accountcore.discounts import Conditions, DiscountScheme, PercentOff, Policy
    >>> scheme = DiscountScheme("s", "EUR", [PercentOff("everyone", 10, priority=2),
    ...     PercentOff("builders", 20, priority=1, when=Conditions(segments=["builders"]))],
    ...     policy=Policy.PRIORITY)
    >>> [w.text for w in scheme_warnings(scheme)]
    ["rule 'builders' can never apply: 'everyone' matches every line it matches and always wins (policy: highest priority)"]
    """
    ranked = sorted(
        (r for r in scheme.rules if _is_rule(r) and not r.faults(scheme.currency)),
        key=rank,
    )
    out: list[Reason] = []
    shadowed: set[str] = set()
    for i, first in enumerate(ranked):
        for second in ranked[i + 1 :]:
            if second.name in shadowed or not _may_meet(first.when, second.when):
                continue
            if _shadows(scheme.policy, first, second):
                shadowed.add(second.name)
                out.append(
                    Reason.of(
                        "shadowed",
                        rule=repr(second.name),
                        by=repr(first.name),
                        policy=_POLICY_NAMES[scheme.policy],
                    )
                )
    return out + _price_warnings(scheme)


def _always_prices(rule: PriceRule) -> bool:
    """Price rules that give a price whenever their conditions hold."""
    return type(rule) is ContractPrice or (
        type(rule) is Markup and rule.on is MarkupBase.LIST
    )


def _price_warnings(scheme: _Definition) -> list[Reason]:
    """The price rules that can never set a price: a higher-ranked one
    always prices every line they match."""
    out: list[Reason] = []
    ranked = _sound_prices(scheme)
    for i, second in enumerate(ranked):
        for first in ranked[:i]:
            if (
                first.priority > second.priority
                and _always_prices(first)
                and first.when.covers(second.when)
            ):
                out.append(
                    Reason.of(
                        "shadowed",
                        rule=repr(second.name),
                        by=repr(first.name),
                        policy=_POLICY_NAMES[Policy.PRIORITY],
                    )
                )
                break
    return out
