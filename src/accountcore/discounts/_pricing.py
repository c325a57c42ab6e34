"""How a scheme prices a quote: candidates, policies, clamps, rounding.

The functions here are the inside of :meth:`DiscountScheme.quote` (the line
rules come indexed and compiled from ``_index``); they round at the named
points documented in ``docs/discounts.md``. They read the scheme through
:class:`_Scheme` (what pricing needs of it), so this module does not import
the scheme's module, which imports this one.

>>> from decimal import Decimal
>>> from accountcore.money import Money
>>> _spread(Money("0.15", "EUR"), [Decimal(10), Decimal(5)])
[Money('0.10', 'EUR'), Money('0.05', 'EUR')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Protocol, TypeVar

from accountcore._fast import builder, setters
from accountcore.discounts._index import (
    _MEMO_SIZE,
    _Candidate,
    _client_verdict,
    _hint,
    _Indexed,
    _Outcome,
)
from accountcore.discounts._prices import _PriceIndex, line_price
from accountcore.discounts.conditions import Conditions, Context
from accountcore.discounts.errors import QuoteLineError
from accountcore.discounts.policy import Policy
from accountcore.discounts.prices import AppliedPrice
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
from accountcore.i18n import Message, Percent
from accountcore.money import Money, _make, minor_units

__all__ = ["checked_line", "finish", "price_line", "price_order"]

_HUNDRED = Decimal(100)
_ZERO_PERCENT = Decimal(0)
_QUANTA: dict[str, Decimal] = {}
_LINE, _ORDER = Scope.LINE, Scope.ORDER
_ANY = Message.of("discounts.names.any")
_applied_rule = builder(AppliedRule)
_line_quote = builder(LineQuote)
# the setters of _make and _applied_rule, for the one loop that inlines them
_new = object.__new__
_set_amount, _set_currency = setters(Money)
_set_rule, _set_scope, _set_money, _set_percent = setters(AppliedRule)


class _Scheme(Protocol):
    """What pricing reads of a :class:`~accountcore.discounts.DiscountScheme`."""

    @property
    def currency(self) -> str: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def max_discount_percent(self) -> Decimal | None: ...
    @property
    def margin_floor_percent(self) -> Decimal | None: ...
    @property
    def _line_index(self) -> _Indexed: ...
    @property
    def _order_rules(self) -> tuple[tuple[DiscountRule, Conditions], ...]: ...
    def _specificity(self, rule: str, product: str | None, group: str | None) -> int:
        """How specific ``rule`` is for a line (``MOST_SPECIFIC``)."""
        ...

    @property
    def _price_index(self) -> _PriceIndex: ...


def _applied(
    rule: str, scope: Scope, amount: Money, percent: Decimal | None
) -> AppliedRule:
    """``AppliedRule(rule, scope, amount, percent)`` for checked values,
    without ``__init__`` (the hot path: :func:`accountcore._fast.builder`)."""
    return _applied_rule(rule, scope, amount, percent)


def _quantum(currency: str) -> Decimal:
    quantum = _QUANTA[currency] = Decimal(1).scaleb(-minor_units(currency))
    return quantum


class _LineState:
    """A line being priced (private, mutable while the quote is built)."""

    __slots__ = (
        "applied",
        "hints",
        "line",
        "list_amount",
        "net",
        "number",
        "price",
        "rejected",
        "stated",
        "unit_price",
    )

    def __init__(
        self,
        number: int,
        line: QuoteLine,
        list_amount: Money,
        stated: QuoteLine | None = None,
    ) -> None:
        self.number = number
        # what the rules see (in base units with a catalogue) and the line
        # as given (what the quote shows, the list amount and the limits)
        self.line = line
        self.stated = line if stated is None else stated
        self.list_amount = list_amount
        # the unit price the discounts start from, and the rule that set it
        self.unit_price: Money = line.unit_price
        self.price: AppliedPrice | None = None
        self.applied: list[AppliedRule] = []
        self.rejected: list[RejectedRule] = []
        self.hints: list[Reason] = []
        # the list amount less the discounts so far (exact, on cents)
        self.net: Decimal = list_amount.amount


def checked_line(scheme: _Scheme, number: int, line: object) -> tuple[int, QuoteLine]:
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
    currency = scheme.currency
    price, cost = line.unit_price, line.unit_cost
    # the common case inline (the hot path): Money in the scheme's currency
    if not (type(price) is Money and price.currency == currency and price.amount >= 0):
        _check_price(scheme, number, "unit_price", price)
    if cost is not None and not (
        type(cost) is Money and cost.currency == currency and cost.amount >= 0
    ):
        _check_price(scheme, number, "unit_cost", cost)
    return number, line


def _check_price(scheme: _Scheme, number: int, label: str, price: object) -> None:
    if type(price) is not Money and not isinstance(price, Money):
        raise QuoteLineError(number, label, price, "expected Money")
    if price.currency != scheme.currency:
        raise QuoteLineError(
            number, label, price, f"the scheme prices in {scheme.currency}"
        )
    if price.amount < 0:
        raise QuoteLineError(number, label, price, "a price cannot be negative")


# --- a line -----------------------------------------------------------------


def price_line(
    scheme: _Scheme,
    number: int,
    line: QuoteLine,
    shared: Context,
    static: dict[_Candidate, _Outcome | None],
    *,
    stated: QuoteLine | None = None,
    price_static: dict[int, Reason | None] | None = None,
) -> _LineState:
    """Price one line; ``static`` caches, per quote, each rule's verdict
    on the facets that are the same for every line (client, date, code),
    ``price_static`` the same for the price rules. ``stated`` is the line
    as given when ``line`` is its view in base units (a catalogue's
    units): its list amount is the stated one."""
    # Rounding point 1: the line's list amount, unit price x quantity.
    currency = scheme.currency
    quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
    given = line if stated is None else stated
    list_amount = _make(
        (given.unit_price.amount * given.quantity).quantize(quantum, ROUND_HALF_UP),
        currency,
    )
    state = _LineState(number, line, list_amount, stated)
    index = scheme._price_index
    if (
        index.used
        and price_static is not None
        and index.candidates(line.product, line.category)
    ):
        _set_price(index, state, shared, price_static, quantum)
    candidates, levels = scheme._line_index.lookup(line.product, line.category)
    if candidates:
        passed = _line_outcomes(candidates, state, shared, static)
        if passed:
            _apply_line_rules(scheme, state, passed, levels)
    return state


def _set_price(
    index: _PriceIndex,
    state: _LineState,
    shared: Context,
    price_static: dict[int, Reason | None],
    quantum: Decimal,
) -> None:
    """The price stage: the price rule that wins sets the line's unit price
    and list amount (rounding point 1 again, on the new price)."""
    line = state.line
    price = line_price(
        index,
        line,
        state.list_amount,
        shared,
        static=price_static,
        rejected=state.rejected,
    )
    if price is None:
        return
    state.price = price
    state.unit_price = price.price
    amount = (price.price.amount * line.quantity).quantize(quantum, ROUND_HALF_UP)
    state.list_amount = _make(amount, state.list_amount.currency)
    state.net = amount


def _shown_price(state: _LineState, line: QuoteLine) -> Money:
    """The unit price a quote line shows, per unit of ``line`` (the line as
    given): the list price, or the price a price rule set, which is per
    base unit when a catalogue's units are in play (times the unit's
    factor, exact: the view's quantity is the stated one times it)."""
    if state.price is None:
        return line.unit_price
    if state.line is line:
        return state.unit_price
    factor = state.line.quantity / line.quantity
    return _make(state.unit_price.amount * factor, state.unit_price.currency)


def _line_outcomes(
    candidates: tuple[_Candidate, ...],
    state: _LineState,
    shared: Context,
    static: dict[_Candidate, _Outcome | None],
) -> list[tuple[_Candidate, Effect]]:
    """Each candidate rule's outcome on the line: the effects of those that
    passed, in rank order (their rejections and hints go on ``state``).
    Outcomes come from the per-quote cache, the rule's fixed outcome or its
    memo by quantity before the rule is evaluated."""
    line = state.line
    product, category, quantity = line.product, line.category, line.quantity
    list_amount, unit_price = state.list_amount, state.unit_price
    rejected, hints = state.rejected, state.hints
    key: str | None = None  # the quantity as memo key, made when needed
    passed: list[tuple[_Candidate, Effect]] = []
    for candidate in candidates:
        # The client, date and code facets: once per rule and quote.
        if candidate in static:
            outcome = static[candidate]
        else:
            outcome = static[candidate] = _client_verdict(candidate, shared)
        if outcome is None:  # met: the line decides
            outcome = candidate.fixed
            if outcome is None:
                memo = candidate.memo
                if candidate.constant:
                    outcome = candidate.fixed = candidate.outcome(
                        product, category, quantity, list_amount, unit_price
                    )
                elif memo is None:
                    outcome = candidate.outcome(
                        product, category, quantity, list_amount, unit_price
                    )
                else:
                    if key is None:
                        key = str(quantity)
                    outcome = memo.get(key)
                    if outcome is None:
                        if len(memo) >= _MEMO_SIZE:
                            memo.clear()
                        outcome = memo[key] = candidate.outcome(
                            product, category, quantity, list_amount, unit_price
                        )
        effect, rejection, hint = outcome
        if effect is not None:
            passed.append((candidate, effect))
        elif rejection is not None:
            rejected.append(rejection)
        if hint is not None:
            hints.append(hint)
    return passed


def _apply_line_rules(
    scheme: _Scheme,
    state: _LineState,
    passed: list[tuple[_Candidate, Effect]],
    levels: dict[_Candidate, int] | None = None,
) -> None:
    """Which of the rules that ``passed`` apply, by policy, and what each
    takes off the line: sets ``state``'s applied rules and net. ``levels``
    (``MOST_SPECIFIC``) says how specific each candidate is for the line."""
    list_amount = state.list_amount
    policy = scheme.policy
    if levels is not None and len(passed) > 1 and policy is Policy.MOST_SPECIFIC:
        kept = _most_specific_line(passed, levels, state.rejected)
    elif len(passed) > 1 and (
        policy is Policy.BEST
        or policy is Policy.PRIORITY
        or policy is Policy.MOST_SPECIFIC
        or (scheme._line_index.exclusive and any(c.exclusive for c, _ in passed))
    ):
        line = state.line
        kept = _resolve(
            scheme,
            passed,
            lambda _, effect: _saving(effect, list_amount).rounded(),
            state.rejected,
            lambda rule: scheme._specificity(rule.name, line.product, line.category),
        )
    else:  # additive or sequential, nothing exclusive: all apply
        kept = passed
    # Rounding point 2: every applied amount is a rounded Money.
    if len(kept) > 1 and policy is Policy.ADDITIVE:
        state.net = _apply_additive(kept, list_amount, state.applied)
        return
    if len(kept) == 1:
        rule, effect = kept[0]
        amounts = [(rule, effect.percent, _wanted(effect, list_amount).rounded())]
    else:
        amounts = _sequential(kept, list_amount)
    net = list_amount.amount
    applied = state.applied
    for rule, percent, amount in amounts:
        applied.append(_applied(rule.name, _LINE, amount, percent))
        net -= amount.amount
    state.net = net


# --- the policies -------------------------------------------------------------


class _Ranked(Protocol):
    """What a policy needs of a rule (a rule, or its compiled candidate)."""

    @property
    def name(self) -> str: ...
    @property
    def priority(self) -> int: ...
    @property
    def exclusive(self) -> bool: ...


_R = TypeVar("_R", bound=_Ranked)


def _resolve(
    scheme: _Scheme,
    passed: list[tuple[_R, Effect]],
    saving_of: Callable[[_R, Effect], Money],
    rejected: list[RejectedRule],
    specific_of: Callable[[_R], int],
) -> list[tuple[_R, Effect]]:
    """Which of the rules that passed apply, by policy (``passed`` is in
    rank order: priority, then name); the others are rejected.
    ``specific_of`` says how specific a rule is (``MOST_SPECIFIC``)."""
    if len(passed) == 1:
        return passed
    policy = scheme.policy
    if policy is Policy.MOST_SPECIFIC:
        return _most_specific(passed, specific_of, rejected)
    if policy is Policy.ADDITIVE or policy is Policy.SEQUENTIAL:
        for exclusive, _ in passed:
            if exclusive.exclusive:
                break
        else:
            return passed
        reason = Reason.of("excluded", winner=repr(exclusive.name))
        rejected.extend(
            RejectedRule(rule.name, reason)
            for rule, _ in passed
            if rule is not exclusive
        )
        return [p for p in passed if p[0] is exclusive]
    if policy is Policy.PRIORITY:
        winner = passed[0][0]
        for rule, _ in passed[1:]:
            params = {
                "priority": rule.priority,
                "winner": repr(winner.name),
                "winner_priority": winner.priority,
            }
            rejected.append(RejectedRule(rule.name, Reason.of("outranked", **params)))
        return passed[:1]
    savings = [saving_of(rule, effect) for rule, effect in passed]
    best = 0
    for index in range(1, len(passed)):
        if savings[index].amount > savings[best].amount:
            best = index
    winner = passed[best][0]
    for index, (rule, _) in enumerate(passed):
        if index != best:
            reason = Reason.of(
                "not_best",
                saving=savings[index],
                winner=repr(winner.name),
                winner_saving=savings[best],
            )
            rejected.append(RejectedRule(rule.name, reason))
    return [passed[best]]


@lru_cache(maxsize=4096)
def _less_specific(winner: str) -> Reason:
    """Why a rule lost to the more specific ``winner`` (reasons are
    immutable: one per winner serves every line)."""
    return Reason.of("less_specific", winner=repr(winner))


def _most_specific(
    passed: list[tuple[_R, Effect]],
    specific_of: Callable[[_R], int],
    rejected: list[RejectedRule],
) -> list[tuple[_R, Effect]]:
    """``MOST_SPECIFIC``: the most specific rule that passed, equal ones
    in rank order (priority, then name: never the order rules were listed
    in); the others are rejected, naming the winner."""
    levels = [specific_of(rule) for rule, _ in passed]
    best = min(range(len(passed)), key=lambda index: (levels[index], index))
    winner = passed[best][0]
    reason = _less_specific(winner.name)
    rejected.extend(
        RejectedRule(rule.name, reason)
        for index, (rule, _) in enumerate(passed)
        if index != best
    )
    return [passed[best]]


def _most_specific_line(
    passed: list[tuple[_Candidate, Effect]],
    levels: dict[_Candidate, int],
    rejected: list[RejectedRule],
) -> list[tuple[_Candidate, Effect]]:
    """:func:`_most_specific` on a line whose candidates' ``levels`` are
    known: the first of the most specific wins (``passed`` is in rank
    order); each loser's rejection is kept on the winner (the same object
    for every line where the winner beats it)."""
    best = 0
    best_level = levels[passed[0][0]]
    for index in range(1, len(passed)):
        level = levels[passed[index][0]]
        if level < best_level:
            best, best_level = index, level
    winner = passed[best][0]
    beaten = winner.beaten
    for index, (candidate, _) in enumerate(passed):
        if index != best:
            rejection = beaten.get(candidate.name)
            if rejection is None:
                rejection = beaten[candidate.name] = RejectedRule(
                    candidate.name, _less_specific(winner.name)
                )
            rejected.append(rejection)
    return [passed[best]]


# --- the order ----------------------------------------------------------------


def price_order(
    scheme: _Scheme,
    states: list[_LineState],
    shared: Context,
) -> tuple[list[AppliedRule], list[RejectedRule], list[Reason]]:
    """The order-level rules on the priced lines ``states``: each rule
    applied (its amount spread over its eligible lines, whose nets it
    lowers), each rejected with its reason, and the hints."""
    applied: list[AppliedRule] = []
    rejected: list[RejectedRule] = []
    hints: list[Reason] = []
    if not scheme._order_rules or not states:
        return applied, rejected, hints
    passed, eligible_of, bases = _order_outcomes(
        scheme, states, shared, rejected, hints
    )
    if not passed:
        return applied, rejected, hints
    kept = _resolve(
        scheme,
        passed,
        lambda rule, effect: _saving(effect, bases[rule.name]).rounded(),
        rejected,
        lambda rule: scheme._specificity(rule.name, None, None),
    )
    for rule, effect in kept:
        eligible = eligible_of[rule.name]
        if scheme.policy is Policy.SEQUENTIAL:
            base = _make(sum((s.net for s in eligible), Decimal(0)), scheme.currency)
        else:
            base = bases[rule.name]
        applied.append(_apply_order_rule(scheme, rule.name, effect, eligible, base))
    return applied, rejected, hints


def _order_outcomes(
    scheme: _Scheme,
    states: list[_LineState],
    shared: Context,
    rejected: list[RejectedRule],
    hints: list[Reason],
) -> tuple[
    list[tuple[DiscountRule, Effect]],
    dict[str, list[_LineState]],
    dict[str, Money],
]:
    """Each order rule checked and evaluated on its eligible lines (after
    their line discounts): the effects of those that passed, in rank order,
    with each one's eligible lines and the amount it applies to; rejections
    and hints are appended to ``rejected`` and ``hints``."""
    passed: list[tuple[DiscountRule, Effect]] = []
    eligible_of: dict[str, list[_LineState]] = {}
    bases: dict[str, Money] = {}  # what each rule that passed applies to
    for rule, rest in scheme._order_rules:
        eligible = _eligible(rule.when, states)
        if not eligible:
            rejected.append(RejectedRule(rule.name, _no_eligible_line(rule.when)))
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
                bases[rule.name] = amount  # no line's net changes before the spread
                if result.hint is not None:
                    hints.append(result.hint)
                continue
            failed = result
        rejected.append(RejectedRule(rule.name, failed))
        hint = _hint(rule, failed)
        if hint is not None:
            hints.append(hint)
    return passed, eligible_of, bases


def _eligible(when: Conditions, states: list[_LineState]) -> list[_LineState]:
    """The lines an order rule counts: those of its products and categories."""
    if when.products is None and when.categories is None:
        return states
    return [
        s
        for s in states
        if (when.products is None or s.line.product in when.products)
        and (when.categories is None or s.line.category in when.categories)
    ]


def _no_eligible_line(when: Conditions) -> Reason:
    """Why an order rule with no eligible line is rejected."""
    return Reason.of(
        "no_eligible_line",
        products=_ANY if when.products is None else ", ".join(when.products),
        categories=_ANY if when.categories is None else ", ".join(when.categories),
    )


def _apply_order_rule(
    scheme: _Scheme,
    name: str,
    effect: Effect,
    eligible: list[_LineState],
    base: Money,
) -> AppliedRule:
    """The order rule ``name`` applied to ``base``: its rounded amount,
    spread over the ``eligible`` lines by their nets (each line gets its
    share as an applied rule)."""
    currency = scheme.currency
    # Rounding point 3: each order-level discount, to the cent.
    amount = _wanted(effect, _make(max(base.amount, Decimal(0)), currency)).rounded()
    if amount.amount:
        weights = [max(s.net, Decimal(0)) for s in eligible]
        if not any(weights):
            weights = [Decimal(1)] * len(eligible)
        # Rounding point 4: shares by largest remainder, summing exactly.
        for state, share in zip(eligible, _spread(amount, weights), strict=True):
            if share.amount:
                state.applied.append(_applied(name, _ORDER, share, effect.percent))
                state.net -= share.amount
    return _applied(name, _ORDER, amount, effect.percent)


# --- the limits ---------------------------------------------------------------


def finish(scheme: _Scheme, state: _LineState, warnings: list[Reason]) -> LineQuote:
    """The quote of a priced line: its discount within the scheme's limits
    (each clamp appends a warning to ``warnings``), total and net unit price."""
    line = state.stated
    list_amount = state.list_amount
    currency = scheme.currency
    quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
    wanted = list_amount.amount - state.net
    limit, cause, params = _limit(scheme, state, wanted, quantum, warnings)
    clamped = quantum * 0
    if wanted > limit:
        clamped = wanted - limit
        if cause:
            params.update(
                line=state.number,
                wanted=_make(wanted, currency),
                allowed=_make(limit, currency),
            )
            warnings.append(Reason.of(cause, **params))
    discount = wanted - clamped
    total = list_amount.amount - discount
    # Rounding point 6: the net unit price, for display only.
    net_unit = _make((total / line.quantity).quantize(quantum, ROUND_HALF_UP), currency)
    return _line_quote(  # every field, in order, from checked values
        state.number,
        line.product,
        line.category,
        line.quantity,
        _shown_price(state, line),
        list_amount,
        tuple(state.applied),
        tuple(state.rejected),
        tuple(state.hints),
        _make(clamped, currency),
        _make(discount, currency),
        _make(total, currency),
        net_unit,
        state.price,
    )


def _limit(
    scheme: _Scheme,
    state: _LineState,
    wanted: Decimal,
    quantum: Decimal,
    warnings: list[Reason],
) -> tuple[Decimal, str, dict[str, object]]:
    """The most the line may lose, the code of the warning a clamp to it
    gives (``negative_capped``: the list amount itself;
    ``max_discount_clamped``; ``margin_floor_clamped``; ``""`` when the list
    price is already below the margin floor, warned here as
    ``list_below_floor``) and that warning's parameters so far."""
    list_amount = state.list_amount
    limit = list_amount.amount
    cause = "negative_capped"
    params: dict[str, object] = {}
    percent = scheme.max_discount_percent
    if percent is not None:
        # Rounding point 5a: the most a line may lose, rounded down.
        cap = (list_amount.amount * percent / _HUNDRED).quantize(
            quantum, rounding=ROUND_FLOOR
        )
        if cap < limit:
            limit, cause = cap, "max_discount_clamped"
            params = {
                "percent": Percent(percent / _HUNDRED),
                "list_amount": list_amount,
            }
    floor = _margin_floor(scheme, state, quantum)
    if floor is None:
        return limit, cause, params
    floor_price, cap = floor
    if cap < 0:
        cap = Decimal(0)
        if wanted > 0:
            warnings.append(
                Reason.of(
                    "list_below_floor",
                    line=state.number,
                    list_price=(
                        state.unit_price
                        if state.price is not None
                        else state.stated.unit_price
                    ),
                    floor_price=floor_price,
                )
            )
            cause = ""
    if cap < limit:
        limit = cap
        if cause:
            cause = "margin_floor_clamped"
            params = {
                "floor_price": floor_price,
                "cost": state.stated.unit_cost,
                "percent": Percent(
                    (scheme.margin_floor_percent or _ZERO_PERCENT) / _HUNDRED
                ),
            }
    return limit, cause, params


def _margin_floor(
    scheme: _Scheme, state: _LineState, quantum: Decimal
) -> tuple[Money, Decimal] | None:
    """The line's floor unit price and the most it may lose keeping to it
    (negative when the list price is below the floor); ``None`` when the
    scheme has no margin floor or the line no cost."""
    floor = scheme.margin_floor_percent
    cost = state.stated.unit_cost
    if floor is None or cost is None:
        return None
    # Rounding point 5b: the floor unit price, rounded up to the cent.
    floor_unit = (cost.amount * (_HUNDRED + floor) / _HUNDRED).quantize(
        quantum, rounding=ROUND_CEILING
    )
    floor_total = (floor_unit * state.stated.quantity).quantize(
        quantum, rounding=ROUND_CEILING
    )
    return _make(floor_unit, cost.currency), state.list_amount.amount - floor_total


# --- the arithmetic -----------------------------------------------------------


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


def _apply_additive(
    kept: list[tuple[_Candidate, Effect]],
    list_amount: Money,
    applied: list[AppliedRule],
) -> Decimal:
    """``ADDITIVE`` on a line: percentages add up on the list amount, rounded
    once, that part spread back over its rules by largest remainder; amounts
    add up apart, each rounded. Appends to ``applied`` (the percent rules,
    then the amount rules, each in rank order); returns the net left."""
    currency = list_amount.currency
    net = list_amount.amount
    names: list[str] = []
    percents: list[Decimal] = []
    amounts: list[tuple[str, Money]] = []
    for candidate, effect in kept:
        percent = effect.percent
        if percent is not None:
            names.append(candidate.name)
            percents.append(percent)
        elif effect.amount is not None:
            amounts.append((candidate.name, effect.amount))
    if percents:
        quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
        total_percent, (ints, whole) = _percent_split(tuple(percents))
        part = (net * total_percent / _HUNDRED).quantize(quantum, ROUND_HALF_UP)
        if len(ints) == 1:
            shares = [part]
        elif not whole:  # every percent is 0
            shares = [part * 0 for _ in ints]
        else:
            shares = _split_units(part, quantum, ints, whole)
        for name, percent, share in zip(names, percents, shares, strict=True):
            # _applied_rule(name, _LINE, _make(share, currency), percent),
            # inlined (the hot path: two calls less per rule)
            money = _new(Money)
            _set_amount(money, share)
            _set_currency(money, currency)
            rule = _new(AppliedRule)
            _set_rule(rule, name)
            _set_scope(rule, _LINE)
            _set_money(rule, money)
            _set_percent(rule, percent)
            applied.append(rule)
        net -= part  # the shares sum to it exactly
    for name, amount in amounts:
        rounded = amount.rounded()
        applied.append(_applied_rule(name, _LINE, rounded, None))
        net -= rounded.amount
    return net


@lru_cache(maxsize=4096)
def _percent_split(
    percents: tuple[Decimal, ...],
) -> tuple[Decimal, tuple[tuple[int, ...], int]]:
    """The sum of ``percents`` and their integer weights (cached: a
    scheme's percentages come back in the same few groups)."""
    return sum(percents, Decimal(0)), _weights(percents)


def _spread(total: Money, weights: Sequence[Decimal]) -> list[Money]:
    """``total`` (rounded, not negative) split by non-negative ``weights`` by
    largest remainder, ties to the earlier weight: the arithmetic of
    :meth:`Money.allocate` on integer minor units, without its input checks
    (the weights here are percents and cent amounts already checked)."""
    if len(weights) == 1:
        return [total]
    currency = total.currency
    quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
    return _spread_units(total.amount, quantum, currency, _weights(weights))


def _weights(weights: Sequence[Decimal]) -> tuple[tuple[int, ...], int]:
    """``weights`` as integers in the same proportions, and their sum.

    Any common scale gives the same split, so amounts on cents (the order
    spreads) take the quick way: times 100, when that makes them whole.
    """
    ints = [int(weight) for weight in weights]
    total = sum(weights, Decimal(0))
    if sum(ints) == total:  # truncation only lowers: all were whole
        return tuple(ints), sum(ints)
    ints = [int(weight * 100) for weight in weights]
    if sum(ints) == total * 100:
        return tuple(ints), sum(ints)
    shift = 0
    for weight in weights:
        exponent = weight.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > shift:
            shift = -exponent
    ints = [int(weight.scaleb(shift)) for weight in weights]
    return tuple(ints), sum(ints)


def _spread_units(
    total: Decimal,
    quantum: Decimal,
    currency: str,
    weights: tuple[tuple[int, ...], int],
) -> list[Money]:
    """:func:`_spread` of ``total``, a whole number of ``quantum``, by the
    integer ``weights`` of :func:`_weights`."""
    ints, whole = weights
    if not whole:
        return [_make(total * 0, currency) for _ in ints]
    return [
        _make(share, currency) for share in _split_units(total, quantum, ints, whole)
    ]


def _split_units(
    total: Decimal, quantum: Decimal, ints: tuple[int, ...], whole: int
) -> list[Decimal]:
    """``total`` split by ``ints`` (summing to ``whole``, not 0) on integer
    minor units by largest remainder, ties to the earlier weight."""
    units = int(total / quantum)  # exact: total is a whole number of quanta
    parts: list[int] = []
    remainders: list[int] = []
    for share in ints:
        part, rest = divmod(units * share, whole)
        parts.append(part)
        remainders.append(rest)
    left = units - sum(parts)
    if left:
        ranked = sorted(range(len(ints)), key=remainders.__getitem__, reverse=True)
        for index in ranked[:left]:
            parts[index] += 1
    # Decimal(part) * quantum has quantum's exponent, as part.scaleb(-digits)
    return [Decimal(part) * quantum for part in parts]


def _sequential(
    passed: list[tuple[_R, Effect]], base: Money
) -> list[tuple[_R, Decimal | None, Money]]:
    """Each rule on what the previous left, rounded at each step."""
    remaining = base.amount
    out: list[tuple[_R, Decimal | None, Money]] = []
    for rule, effect in passed:
        step = _wanted(effect, _make(max(remaining, Decimal(0)), base.currency))
        step = step.rounded()
        remaining -= step.amount
        out.append((rule, effect.percent, step))
    return out
