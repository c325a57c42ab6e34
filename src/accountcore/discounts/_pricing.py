"""How a scheme prices a quote: rules by index, policies, clamps, rounding.

The functions here are the inside of :meth:`DiscountScheme.quote`; they
round at the named points documented in ``docs/discounts.md``.

>>> from decimal import Decimal
>>> from accountcore.money import Money
>>> _spread(Money("0.15", "EUR"), [Decimal(10), Decimal(5)])
[Money('0.10', 'EUR'), Money('0.05', 'EUR')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from accountcore.discounts.conditions import (
    Context,
)
from accountcore.discounts.policy import Policy, rank
from accountcore.discounts.quote import (
    AppliedRule,
    LineQuote,
    QuoteLine,
    RejectedRule,
)
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import (
    DiscountRule,
    Effect,
    Scope,
    Subject,
)
from accountcore.errors import QuoteLineError
from accountcore.money import Money, _make, minor_units

if TYPE_CHECKING:
    from accountcore.discounts.scheme import DiscountScheme

__all__ = ["checked_line", "finish", "price_line", "price_order"]

_HUNDRED = Decimal(100)
_UNSET: Any = object()
_QUANTA: dict[str, Decimal] = {}


def _quantum(currency: str) -> Decimal:
    quantum = _QUANTA[currency] = Decimal(1).scaleb(-minor_units(currency))
    return quantum


@attrs.frozen
class _Indexed:
    """Rules by product, by category, and those for any product."""

    by_product: dict[str, tuple[DiscountRule, ...]]
    by_category: dict[str, tuple[DiscountRule, ...]]
    anywhere: tuple[DiscountRule, ...]
    cache: dict[tuple[str, str | None], tuple[DiscountRule, ...]]

    @classmethod
    def build(cls, rules: Iterable[DiscountRule]) -> _Indexed:
        by_product: dict[str, list[DiscountRule]] = {}
        by_category: dict[str, list[DiscountRule]] = {}
        anywhere: list[DiscountRule] = []
        for rule in rules:
            when = rule.when
            if when.products is not None:
                for product in when.products:
                    by_product.setdefault(product, []).append(rule)
            elif when.categories is not None:
                for category in when.categories:
                    by_category.setdefault(category, []).append(rule)
            else:
                anywhere.append(rule)
        return cls(
            {k: tuple(v) for k, v in by_product.items()},
            {k: tuple(v) for k, v in by_category.items()},
            tuple(anywhere),
            {},
        )

    def candidates(
        self, product: str, category: str | None
    ) -> tuple[DiscountRule, ...]:
        key = (product, category)
        found = self.cache.get(key)
        if found is None:
            pool = list(self.by_product.get(product, ()))
            if category is not None:
                pool.extend(self.by_category.get(category, ()))
            pool.extend(self.anywhere)
            found = tuple(sorted(pool, key=rank))
            self.cache[key] = found
        return found


class _LineState:
    """A line being priced (private, mutable while the quote is built)."""

    __slots__ = ("applied", "hints", "line", "list_amount", "net", "number", "rejected")

    def __init__(self, number: int, line: QuoteLine, list_amount: Money) -> None:
        self.number = number
        self.line = line
        self.list_amount = list_amount
        self.applied: list[AppliedRule] = []
        self.rejected: list[RejectedRule] = []
        self.hints: list[Reason] = []
        # the list amount less the discounts so far (exact, on cents)
        self.net: Decimal = list_amount.amount


def checked_line(
    scheme: DiscountScheme, number: int, line: object
) -> tuple[int, QuoteLine]:
    if type(line) is not QuoteLine and isinstance(line, Mapping):
        line = QuoteLine.from_mapping(line, line=number)
    if not isinstance(line, QuoteLine):
        raise QuoteLineError(number, "line", line, "expected a QuoteLine or a mapping")
    if not isinstance(line.product, str) or not line.product:
        raise QuoteLineError(
            number, "product", line.product, "a product is a non-empty string"
        )
    if line.quantity <= 0:
        raise QuoteLineError(
            number, "quantity", line.quantity, "a quantity must be positive"
        )
    _check_price(scheme, number, "unit_price", line.unit_price)
    if line.unit_cost is not None:
        _check_price(scheme, number, "unit_cost", line.unit_cost)
    return number, line


def _check_price(
    scheme: DiscountScheme, number: int, label: str, price: object
) -> None:
    if type(price) is not Money and not isinstance(price, Money):
        raise QuoteLineError(number, label, price, "expected Money")
    if price.currency != scheme.currency:
        raise QuoteLineError(
            number, label, price, f"the scheme prices in {scheme.currency}"
        )
    if price.amount < 0:
        raise QuoteLineError(number, label, price, "a price cannot be negative")


def price_line(
    scheme: DiscountScheme,
    number: int,
    line: QuoteLine,
    shared: Context,
    static: dict[int, Reason | None],
) -> _LineState:
    """Price one line; ``static`` caches, per quote, each rule's verdict
    on the facets that are the same for every line (client, date, code)."""
    # Rounding point 1: the line's list amount, unit price x quantity.
    currency = scheme.currency
    quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
    list_amount = _make(
        (line.unit_price.amount * line.quantity).quantize(quantum, ROUND_HALF_UP),
        currency,
    )
    state = _LineState(number, line, list_amount)
    candidates = scheme._line_index.candidates(line.product, line.category)
    if not candidates:
        return state
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
    subject = Subject(line.quantity, list_amount, line.unit_price)
    passed: list[tuple[DiscountRule, Effect]] = []
    for rule in candidates:
        when = rule.when
        key = id(rule)
        reason = static.get(key, _UNSET)
        if reason is _UNSET:
            reason = static[key] = when.check_client(ctx)
        if reason is None:
            reason = when.check_line(ctx)
        if reason is None:
            result = rule.evaluate(subject)
            if isinstance(result, Effect):
                passed.append((rule, result))
                if result.hint is not None:
                    state.hints.append(result.hint)
                continue
            reason = result
        state.rejected.append(RejectedRule(rule.name, reason))
        hint = _hint(rule, reason)
        if hint is not None:
            state.hints.append(hint)
    if passed:
        kept = _resolve(
            scheme,
            passed,
            lambda _, effect: _saving(effect, list_amount).rounded(),
            state.rejected,
        )
        if len(kept) == 1:
            rule, effect = kept[0]
            amounts = [(rule, effect.percent, _wanted(effect, list_amount).rounded())]
        elif scheme.policy is Policy.ADDITIVE:
            amounts = _additive(kept, list_amount)
        else:
            amounts = _sequential(kept, list_amount)
        # Rounding point 2: every applied amount is a rounded Money.
        net = list_amount.amount
        applied = state.applied
        for rule, percent, amount in amounts:
            applied.append(AppliedRule(rule.name, Scope.LINE, amount, percent))
            net -= amount.amount
        state.net = net
    return state


def _resolve(
    scheme: DiscountScheme,
    passed: list[tuple[DiscountRule, Effect]],
    saving_of: Callable[[DiscountRule, Effect], Money],
    rejected: list[RejectedRule],
) -> list[tuple[DiscountRule, Effect]]:
    """Which of the rules that passed apply, by policy (``passed`` is in
    rank order: priority, then name); the others are rejected."""
    if len(passed) == 1:
        return passed
    policy = scheme.policy
    if policy in (Policy.ADDITIVE, Policy.SEQUENTIAL):
        exclusive = next((p for p in passed if p[0].exclusive), None)
        if exclusive is None:
            return passed
        reason = Reason("excluded", {"winner": repr(exclusive[0].name)})
        rejected.extend(
            RejectedRule(rule.name, reason)
            for rule, _ in passed
            if rule is not exclusive[0]
        )
        return [exclusive]
    if policy is Policy.PRIORITY:
        winner = passed[0][0]
        for rule, _ in passed[1:]:
            params = {
                "priority": str(rule.priority),
                "winner": repr(winner.name),
                "winner_priority": str(winner.priority),
            }
            rejected.append(RejectedRule(rule.name, Reason("outranked", params)))
        return passed[:1]
    savings = [saving_of(rule, effect) for rule, effect in passed]
    best = 0
    for index in range(1, len(passed)):
        if savings[index].amount > savings[best].amount:
            best = index
    winner = passed[best][0]
    for index, (rule, _) in enumerate(passed):
        if index != best:
            params = {
                "saving": str(savings[index]),
                "winner": repr(winner.name),
                "winner_saving": str(savings[best]),
            }
            rejected.append(RejectedRule(rule.name, Reason("not_best", params)))
    return [passed[best]]


def price_order(
    scheme: DiscountScheme,
    states: list[_LineState],
    shared: Context,
) -> tuple[list[AppliedRule], list[RejectedRule], list[Reason]]:
    applied: list[AppliedRule] = []
    rejected: list[RejectedRule] = []
    hints: list[Reason] = []
    if not scheme._order_rules or not states:
        return applied, rejected, hints
    passed: list[tuple[DiscountRule, Effect]] = []
    eligible_of: dict[str, list[_LineState]] = {}
    for rule, rest in scheme._order_rules:
        when = rule.when
        eligible = [
            s
            for s in states
            if (when.products is None or s.line.product in when.products)
            and (when.categories is None or s.line.category in when.categories)
        ]
        if not eligible:
            reason = Reason(
                "no_eligible_line",
                {
                    "products": ", ".join(when.products or ("any",)),
                    "categories": ", ".join(when.categories or ("any",)),
                },
            )
            rejected.append(RejectedRule(rule.name, reason))
            continue
        quantity = sum((s.line.quantity for s in eligible), Decimal(0))
        amount = _make(sum((s.net for s in eligible), Decimal(0)), scheme.currency)
        ctx = Context(
            shared.client,
            shared.years,
            shared.on,
            shared.code,
            None,
            None,
            quantity,
            amount,
        )
        failed = rest.check(ctx)
        if failed is None:
            result = rule.evaluate(Subject(quantity, amount, None))
            if isinstance(result, Effect):
                passed.append((rule, result))
                eligible_of[rule.name] = eligible
                if result.hint is not None:
                    hints.append(result.hint)
                continue
            failed = result
        rejected.append(RejectedRule(rule.name, failed))
        hint = _hint(rule, failed)
        if hint is not None:
            hints.append(hint)
    if not passed:
        return applied, rejected, hints
    bases = {
        rule.name: _make(
            sum((s.net for s in eligible_of[rule.name]), Decimal(0)), scheme.currency
        )
        for rule, _ in passed
    }
    kept = _resolve(
        scheme,
        passed,
        lambda rule, effect: _saving(effect, bases[rule.name]).rounded(),
        rejected,
    )
    for rule, effect in kept:
        eligible = eligible_of[rule.name]
        if scheme.policy is Policy.SEQUENTIAL:
            base = _make(sum((s.net for s in eligible), Decimal(0)), scheme.currency)
        else:
            base = bases[rule.name]
        # Rounding point 3: each order-level discount, to the cent.
        amount = _wanted(
            effect, _make(max(base.amount, Decimal(0)), scheme.currency)
        ).rounded()
        applied.append(AppliedRule(rule.name, Scope.ORDER, amount, effect.percent))
        if not amount.amount:
            continue
        weights = [max(s.net, Decimal(0)) for s in eligible]
        if not any(weights):
            weights = [Decimal(1)] * len(eligible)
        # Rounding point 4: shares by largest remainder, summing exactly.
        for state, share in zip(eligible, _spread(amount, weights), strict=True):
            if share.amount:
                state.applied.append(
                    AppliedRule(rule.name, Scope.ORDER, share, effect.percent)
                )
                state.net -= share.amount
    return applied, rejected, hints


def finish(
    scheme: DiscountScheme, state: _LineState, warnings: list[Reason]
) -> LineQuote:
    line = state.line
    list_amount = state.list_amount
    currency = scheme.currency
    wanted = list_amount.amount - state.net
    limit = list_amount.amount
    cause = "negative_capped"
    params: dict[str, str] = {}
    quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
    if scheme.max_discount_percent is not None:
        # Rounding point 5a: the most a line may lose, rounded down.
        cap = (list_amount.amount * scheme.max_discount_percent / _HUNDRED).quantize(
            quantum, rounding=ROUND_FLOOR
        )
        if cap < limit:
            limit, cause = cap, "max_discount_clamped"
            params = {
                "percent": str(scheme.max_discount_percent),
                "list_amount": str(list_amount),
            }
    if scheme.margin_floor_percent is not None and line.unit_cost is not None:
        # Rounding point 5b: the floor unit price, rounded up to the cent.
        floor_unit = (
            line.unit_cost.amount * (_HUNDRED + scheme.margin_floor_percent) / _HUNDRED
        ).quantize(quantum, rounding=ROUND_CEILING)
        floor_total = (floor_unit * line.quantity).quantize(
            quantum, rounding=ROUND_CEILING
        )
        cap = list_amount.amount - floor_total
        if cap < 0:
            cap = Decimal(0)
            if wanted > 0:
                warnings.append(
                    Reason(
                        "list_below_floor",
                        {
                            "line": str(state.number),
                            "list_price": str(line.unit_price),
                            "floor_price": str(_make(floor_unit, currency)),
                        },
                    )
                )
                cause = ""
        if cap < limit:
            limit = cap
            if cause:
                cause = "margin_floor_clamped"
                params = {
                    "floor_price": str(_make(floor_unit, currency)),
                    "cost": str(line.unit_cost),
                    "percent": str(scheme.margin_floor_percent),
                }
    clamped = quantum * 0
    if wanted > limit:
        clamped = wanted - limit
        if cause:
            params.update(
                line=str(state.number),
                wanted=str(_make(wanted, currency)),
                allowed=str(_make(limit, currency)),
            )
            warnings.append(Reason(cause, params))
    discount = wanted - clamped
    total = list_amount.amount - discount
    # Rounding point 6: the net unit price, for display only.
    net_unit = _make((total / line.quantity).quantize(quantum, ROUND_HALF_UP), currency)
    return LineQuote(
        number=state.number,
        product=line.product,
        category=line.category,
        quantity=line.quantity,
        unit_price=line.unit_price,
        list_amount=list_amount,
        applied=tuple(state.applied),
        rejected=tuple(state.rejected),
        hints=tuple(state.hints),
        clamped=_make(clamped, currency),
        discount=_make(discount, currency),
        total=_make(total, currency),
        net_unit_price=net_unit,
    )


def _wanted(effect: Effect, base: Money) -> Money:
    """What ``effect`` asks to take off ``base`` (unrounded; an amount may
    exceed ``base``: the limits then give the excess back, with a warning)."""
    if effect.percent is not None:
        return _make(base.amount * effect.percent / _HUNDRED, base.currency)
    if effect.amount is not None:
        return effect.amount
    return _make(Decimal(0), base.currency)


def _saving(effect: Effect, base: Money) -> Money:
    """What ``effect`` takes off ``base`` (unrounded, at most ``base``)."""
    if effect.percent is not None:
        return _make(base.amount * effect.percent / _HUNDRED, base.currency)
    if effect.amount is not None:
        return effect.amount if effect.amount.amount <= base.amount else base
    return _make(Decimal(0), base.currency)


def _additive(
    passed: list[tuple[DiscountRule, Effect]], base: Money
) -> list[tuple[DiscountRule, Decimal | None, Money]]:
    """Percentages add up on ``base``; amounts add up apart; rounded once
    each, the percent part spread back over its rules by largest remainder."""
    percent_rules: list[DiscountRule] = []
    percents: list[Decimal] = []
    amounts: list[tuple[DiscountRule, Decimal | None, Money]] = []
    total_percent = Decimal(0)
    for rule, effect in passed:
        percent = effect.percent
        if percent is not None:
            percent_rules.append(rule)
            percents.append(percent)
            total_percent += percent
        elif effect.amount is not None:
            amounts.append((rule, None, effect.amount.rounded()))
    out: list[tuple[DiscountRule, Decimal | None, Money]] = []
    if percents:
        currency = base.currency
        quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
        part = _make(
            (base.amount * total_percent / _HUNDRED).quantize(quantum, ROUND_HALF_UP),
            currency,
        )
        shares = _spread(part, percents)
        out.extend(zip(percent_rules, percents, shares, strict=True))
    out.extend(amounts)
    return out


def _spread(total: Money, weights: Sequence[Decimal]) -> list[Money]:
    """``total`` (rounded, not negative) split by non-negative ``weights`` by
    largest remainder, ties to the earlier weight: the arithmetic of
    :meth:`Money.allocate` on integer minor units, without its input checks
    (the weights here are percents and cent amounts already checked)."""
    if len(weights) == 1:
        return [total]
    currency = total.currency
    digits = minor_units(currency)
    units = int(total.amount.scaleb(digits))
    ints = [int(weight) for weight in weights]
    if sum(ints) != sum(weights):  # some weight has decimals: scale them all
        shift = 0
        for weight in weights:
            exponent = weight.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > shift:
                shift = -exponent
        ints = [int(weight.scaleb(shift)) for weight in weights]
    whole = sum(ints)
    if not whole:
        return [_make(total.amount * 0, currency) for _ in weights]
    parts = [units * share // whole for share in ints]
    left = units - sum(parts)
    if left:
        remainders = [units * share % whole for share in ints]
        ranked = sorted(range(len(ints)), key=remainders.__getitem__, reverse=True)
        for index in ranked[:left]:
            parts[index] += 1
    exponent = -digits
    return [_make(Decimal(part).scaleb(exponent), currency) for part in parts]


def _sequential(
    passed: list[tuple[DiscountRule, Effect]], base: Money
) -> list[tuple[DiscountRule, Decimal | None, Money]]:
    """Each rule on what the previous left, rounded at each step."""
    remaining = base.amount
    out: list[tuple[DiscountRule, Decimal | None, Money]] = []
    for rule, effect in passed:
        step = _wanted(effect, _make(max(remaining, Decimal(0)), base.currency))
        step = step.rounded()
        remaining -= step.amount
        out.append((rule, effect.percent, step))
    return out


def _hint(rule: DiscountRule, reason: Reason) -> Reason | None:
    params = reason.params
    target = params.get("target", "its discount")
    if "units_gap" in params:
        return Reason(
            "more_units",
            {"units": params["units_gap"], "target": target, "rule": repr(rule.name)},
        )
    if "amount_gap" in params:
        return Reason(
            "more_amount",
            {"amount": params["amount_gap"], "target": target, "rule": repr(rule.name)},
        )
    return None
