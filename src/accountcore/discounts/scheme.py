"""A discount scheme: rules, a policy, limits, approvals; it prices quotes.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.discounts import PercentOff, QuoteLine, ClientFacts
>>> from accountcore.discounts import Conditions
>>> rules = [
...     PercentOff("key", 10, when=Conditions(tiers=["key"])),
...     PercentOff("spring", 20, when=Conditions(codes=["SPRING"])),
... ]
>>> line = [QuoteLine("widget", 1, Money("100.00", "EUR"))]
>>> for policy in (Policy.ADDITIVE, Policy.SEQUENTIAL, Policy.BEST):
...     scheme = DiscountScheme("demo", "EUR", rules, policy=policy)
...     q = scheme.quote(line, client=ClientFacts(tier="key"), on=datetime.date(2026, 5, 4), code="SPRING")
...     print(policy.value, q.total)
additive 70.00 EUR
sequential 72.00 EUR
best 80.00 EUR

Additive: 100.00 x (1 - (10 + 20) / 100) = 70.00; sequential: 100.00 x 0.90
= 90.00, then 90.00 x 0.80 = 72.00; best: the larger saving, 20.00, so 80.00.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

import attrs

from accountcore.clients import Client
from accountcore.discounts.approvals import ApprovalLevel, required_approval
from accountcore.discounts.conditions import (
    ClientFacts,
    Conditions,
    Context,
    relationship_years,
)
from accountcore.discounts.quote import (
    AppliedRule,
    LineQuote,
    PriceQuote,
    QuoteLine,
    RejectedRule,
)
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import (
    AmountOff,
    DiscountRule,
    Effect,
    PercentOff,
    Scope,
    Subject,
)
from accountcore.errors import QuoteLineError, SchemeDefinitionError
from accountcore.money import Money, _make, minor_units, to_decimal
from accountcore.periods import FiscalCalendar, as_date

__all__ = ["DiscountScheme", "Policy"]

_HUNDRED = Decimal(100)
_QUANTA: dict[str, Decimal] = {}


def _quantum(currency: str) -> Decimal:
    quantum = _QUANTA[currency] = Decimal(1).scaleb(-minor_units(currency))
    return quantum


_CENT_PERCENT = Decimal("0.01")


class Policy(enum.Enum):
    """How a scheme resolves several matching rules of the same scope.

    * ``BEST``: the single largest saving for the client; ties go to the
      higher priority, then to the rule name (alphabetical).
    * ``PRIORITY``: the highest priority wins (equal priorities that can
      match the same line are a definition fault).
    * ``ADDITIVE``: percentages add up on the list price; amounts add up
      separately; the two sums are combined only as money.
    * ``SEQUENTIAL``: in priority order (then name), each rule applies to
      the price the previous ones left.

    >>> Policy("sequential")
    <Policy.SEQUENTIAL: 'sequential'>
    """

    BEST = "best"
    PRIORITY = "priority"
    ADDITIVE = "additive"
    SEQUENTIAL = "sequential"


def _rank(rule: DiscountRule) -> tuple[int, str]:
    return (-rule.priority, rule.name)


def _rule_tuple(rules: Iterable[DiscountRule]) -> tuple[DiscountRule, ...]:
    return tuple(rules)


def _approval_tuple(levels: Iterable[ApprovalLevel]) -> tuple[ApprovalLevel, ...]:
    return tuple(levels)


def _max_discount_percent(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "max_discount_percent")


def _margin_floor_percent(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "margin_floor_percent")


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
            found = tuple(sorted(pool, key=_rank))
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


@attrs.frozen
class DiscountScheme:
    """Rules, a :class:`Policy`, limits and approval levels, in one currency.

    ``max_discount_percent`` caps each line's discount at that percent of
    its list amount; ``margin_floor_percent`` keeps each line's net unit
    price at least ``unit_cost * (1 + floor / 100)`` when the line gives a
    cost. Clamps are reported as warnings on the quote. ``approvals`` are
    :class:`ApprovalLevel` in increasing order. ``timezone`` places an aware
    ``on`` datetime on a date for the rules' validity.

    Built schemes are checked; every fault is listed at once:

    >>> DiscountScheme("bad", "EUR", [PercentOff("a", 120), PercentOff("b", 5, when=Conditions(min_quantity=9, max_quantity=1))])
    Traceback (most recent call last):
    ...
    accountcore.errors.SchemeDefinitionError: DiscountScheme 'bad' is invalid (2 faults):
      - rule 'a': percent 120 is outside [0, 100]
      - rule 'b': min_quantity 9 is above max_quantity 1
    """

    name: str
    currency: str
    rules: tuple[DiscountRule, ...] = attrs.field(converter=_rule_tuple)
    policy: Policy = attrs.field(default=Policy.BEST, kw_only=True, converter=Policy)
    max_discount_percent: Decimal | None = attrs.field(
        default=None, kw_only=True, converter=_max_discount_percent
    )
    margin_floor_percent: Decimal | None = attrs.field(
        default=None, kw_only=True, converter=_margin_floor_percent
    )
    approvals: tuple[ApprovalLevel, ...] = attrs.field(
        default=(), kw_only=True, converter=_approval_tuple
    )
    timezone: str = attrs.field(default="UTC", kw_only=True)
    _line_index: _Indexed = attrs.field(init=False, repr=False, eq=False)
    _order_rules: tuple[tuple[DiscountRule, Conditions], ...] = attrs.field(
        init=False, repr=False, eq=False
    )
    _calendar: FiscalCalendar = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        faults = self._faults()
        if faults:
            raise SchemeDefinitionError(f"DiscountScheme {self.name!r}", faults)
        ordered = tuple(sorted(self.rules, key=_rank))
        object.__setattr__(self, "rules", ordered)
        object.__setattr__(
            self,
            "_line_index",
            _Indexed.build(r for r in ordered if r.scope is Scope.LINE),
        )
        object.__setattr__(
            self,
            "_order_rules",
            tuple(
                (r, attrs.evolve(r.when, products=None, categories=None))
                for r in ordered
                if r.scope is Scope.ORDER
            ),
        )
        object.__setattr__(self, "_calendar", FiscalCalendar(timezone=self.timezone))

    # --- definition checks -----------------------------------------------------

    def _faults(self) -> list[str]:
        out: list[str] = []
        if not isinstance(self.name, str) or not self.name:
            out.append(f"name must be a non-empty string, got {self.name!r}")
        try:
            minor_units(self.currency)
        except ValueError:
            out.append(f"currency {self.currency!r} is not a known currency code")
        try:
            FiscalCalendar(timezone=self.timezone)
        except ValueError:
            out.append(f"timezone {self.timezone!r} is not an IANA timezone name")
        for label, value in (
            ("max_discount_percent", self.max_discount_percent),
            ("margin_floor_percent", self.margin_floor_percent),
        ):
            if value is not None and value < 0:
                out.append(f"{label} {value} is negative")
        if (
            self.max_discount_percent is not None
            and self.max_discount_percent > _HUNDRED
        ):
            out.append(f"max_discount_percent {self.max_discount_percent} is above 100")
        out.extend(self._approval_faults())
        rules = [rule for rule in self.rules if _is_rule(rule)]
        out.extend(
            f"{rule!r} is not a DiscountRule (name, priority, exclusive, when, "
            "scope, evaluate, faults)"
            for rule in self.rules
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
            own = rule.faults(self.currency) + rule.when.faults(self.currency)
            out.extend(f"rule {rule.name!r}: {fault}" for fault in own)
            if not own:
                sound.append(rule)
        # Conflicts between the rules that are sound on their own.
        out.extend(self._conflicts(sorted(sound, key=_rank)))
        return out

    def _approval_faults(self) -> list[str]:
        out: list[str] = []
        previous: Decimal | None = None
        names: set[str] = set()
        for level in self.approvals:
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

    def _conflicts(self, ranked: Sequence[DiscountRule]) -> list[str]:
        out: list[str] = []
        shadowed: set[str] = set()
        for i, first in enumerate(ranked):
            for second in ranked[i + 1 :]:
                if first.scope is not second.scope or not _may_meet(
                    first.when, second.when
                ):
                    continue
                if (
                    self.policy is Policy.PRIORITY
                    and first.priority == second.priority
                    and first.when.overlaps(second.when)
                ):
                    out.append(
                        f"rules {first.name!r} and {second.name!r} have the same "
                        f"priority {first.priority} and can match the same line; "
                        "under PRIORITY one must rank above the other"
                    )
                if second.name not in shadowed and _shadows(self.policy, first, second):
                    shadowed.add(second.name)
                    out.append(
                        f"rule {second.name!r} can never apply: {first.name!r} "
                        "matches every line it matches and always wins under "
                        f"{self.policy.name}"
                    )
        return out

    # --- quoting ------------------------------------------------------------

    def quote(
        self,
        lines: Iterable[QuoteLine | Mapping[str, object]],
        *,
        client: Client | ClientFacts,
        on: _dt.date,
        code: str | None = None,
    ) -> PriceQuote:
        """Price ``lines`` for ``client`` on ``on`` (a date, or an aware
        datetime placed in the scheme's timezone), with an optional
        promotion ``code``. Every line is checked before any is priced.

        ``client`` is a :class:`~accountcore.clients.Client` (its tier,
        kind, status and segment; a prospect counts as a new client) or
        :class:`ClientFacts`, which also carries the first won deal's date
        for rules on relationship length: ``ClientFacts.of(client,
        first_won_on=...)``.

        >>> import datetime
        >>> from accountcore.money import Money
        >>> scheme = DiscountScheme("s", "EUR", [])
        >>> scheme.quote([QuoteLine("x", -1, Money("5", "EUR"))], client=ClientFacts(), on=datetime.date(2026, 1, 1))
        Traceback (most recent call last):
        ...
        accountcore.errors.QuoteLineError: Line 1: quantity=Decimal('-1') is invalid: a quantity must be positive.
        """
        day = (
            self._calendar.date_of(on)
            if isinstance(on, _dt.datetime)
            else as_date(on, "on")
        )
        if isinstance(client, Client):
            facts = ClientFacts.of(client)
        elif isinstance(client, ClientFacts):
            facts = client
        else:
            raise TypeError(f"client must be a Client or ClientFacts, got {client!r}.")
        if code is not None and not isinstance(code, str):
            raise TypeError(f"code must be a str or None, got {code!r}.")
        checked = [self._checked(number, line) for number, line in enumerate(lines, 1)]
        years = relationship_years(facts.first_won_on, day)
        zero = _make(Decimal(0), self.currency)
        shared = Context(facts, years, day, code, None, None, Decimal(0), zero)
        static: dict[int, Reason | None] = {}
        states = [self._price_line(n, line, shared, static) for n, line in checked]
        order_applied, order_rejected, order_hints = self._price_order(states, shared)
        warnings: list[Reason] = []
        results = [self._finish(state, warnings) for state in states]
        listed = taken = left = zero.amount
        for result in results:
            listed += result.list_amount.amount
            taken += result.discount.amount
            left += result.total.amount
        subtotal = _make(listed, self.currency)
        discount = _make(taken, self.currency)
        total = _make(left, self.currency)
        percent = (
            (discount.amount / subtotal.amount * _HUNDRED).quantize(_CENT_PERCENT)
            if subtotal.amount
            else Decimal("0.00")
        )
        approval = required_approval(self.approvals, percent)
        if approval is not None and not approval.allowed:
            warnings.append(
                Reason(
                    "approval_not_allowed",
                    {"percent": str(percent), "level": approval.name},
                )
            )
        return PriceQuote(
            scheme=self.name,
            currency=self.currency,
            on=day,
            code=code,
            lines=tuple(results),
            order_applied=tuple(order_applied),
            order_rejected=tuple(order_rejected),
            hints=tuple(order_hints),
            subtotal=subtotal,
            discount=discount,
            total=total,
            effective_percent=percent,
            approval=approval,
            warnings=tuple(warnings),
        )

    def _checked(self, number: int, line: object) -> tuple[int, QuoteLine]:
        if isinstance(line, Mapping):
            line = QuoteLine.from_mapping(line, line=number)
        if not isinstance(line, QuoteLine):
            raise QuoteLineError(
                number, "line", line, "expected a QuoteLine or a mapping"
            )
        if not isinstance(line.product, str) or not line.product:
            raise QuoteLineError(
                number, "product", line.product, "a product is a non-empty string"
            )
        if line.quantity <= 0:
            raise QuoteLineError(
                number, "quantity", line.quantity, "a quantity must be positive"
            )
        self._check_price(number, "unit_price", line.unit_price)
        if line.unit_cost is not None:
            self._check_price(number, "unit_cost", line.unit_cost)
        return number, line

    def _check_price(self, number: int, label: str, price: object) -> None:
        if type(price) is not Money and not isinstance(price, Money):
            raise QuoteLineError(number, label, price, "expected Money")
        if price.currency != self.currency:
            raise QuoteLineError(
                number, label, price, f"the scheme prices in {self.currency}"
            )
        if price.amount < 0:
            raise QuoteLineError(number, label, price, "a price cannot be negative")

    def _price_line(
        self,
        number: int,
        line: QuoteLine,
        shared: Context,
        static: dict[int, Reason | None],
    ) -> _LineState:
        """Price one line; ``static`` caches, per quote, each rule's verdict
        on the facets that are the same for every line (client, date, code)."""
        # Rounding point 1: the line's list amount, unit price x quantity.
        currency = self.currency
        quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
        list_amount = _make(
            (line.unit_price.amount * line.quantity).quantize(quantum, ROUND_HALF_UP),
            currency,
        )
        state = _LineState(number, line, list_amount)
        candidates = self._line_index.candidates(line.product, line.category)
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
            key = id(rule)
            if key in static:
                reason = static[key]
            else:
                reason = static[key] = rule.when.check_client(ctx)
            if reason is None:
                reason = rule.when.check_line(ctx)
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
            kept = self._resolve(
                passed,
                lambda _, effect: _saving(effect, list_amount).rounded(),
                state.rejected,
            )
            if len(kept) == 1:
                rule, effect = kept[0]
                amounts = [
                    (rule, effect.percent, _wanted(effect, list_amount).rounded())
                ]
            elif self.policy is Policy.ADDITIVE:
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
        self,
        passed: list[tuple[DiscountRule, Effect]],
        saving_of: Callable[[DiscountRule, Effect], Money],
        rejected: list[RejectedRule],
    ) -> list[tuple[DiscountRule, Effect]]:
        """Which of the rules that passed apply, by policy (``passed`` is in
        rank order: priority, then name); the others are rejected."""
        if len(passed) == 1:
            return passed
        policy = self.policy
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

    def _price_order(
        self,
        states: list[_LineState],
        shared: Context,
    ) -> tuple[list[AppliedRule], list[RejectedRule], list[Reason]]:
        applied: list[AppliedRule] = []
        rejected: list[RejectedRule] = []
        hints: list[Reason] = []
        if not self._order_rules or not states:
            return applied, rejected, hints
        passed: list[tuple[DiscountRule, Effect]] = []
        eligible_of: dict[str, list[_LineState]] = {}
        for rule, rest in self._order_rules:
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
            amount = _make(sum((s.net for s in eligible), Decimal(0)), self.currency)
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
                sum((s.net for s in eligible_of[rule.name]), Decimal(0)), self.currency
            )
            for rule, _ in passed
        }
        kept = self._resolve(
            passed,
            lambda rule, effect: _saving(effect, bases[rule.name]).rounded(),
            rejected,
        )
        for rule, effect in kept:
            eligible = eligible_of[rule.name]
            if self.policy is Policy.SEQUENTIAL:
                base = _make(sum((s.net for s in eligible), Decimal(0)), self.currency)
            else:
                base = bases[rule.name]
            # Rounding point 3: each order-level discount, to the cent.
            amount = _wanted(
                effect, _make(max(base.amount, Decimal(0)), self.currency)
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

    # --- clamps and totals -------------------------------------------------

    def _finish(self, state: _LineState, warnings: list[Reason]) -> LineQuote:
        line = state.line
        list_amount = state.list_amount
        currency = self.currency
        wanted = list_amount.amount - state.net
        limit = list_amount.amount
        cause = "negative_capped"
        params: dict[str, str] = {}
        quantum = _QUANTA[currency] if currency in _QUANTA else _quantum(currency)
        if self.max_discount_percent is not None:
            # Rounding point 5a: the most a line may lose, rounded down.
            cap = (list_amount.amount * self.max_discount_percent / _HUNDRED).quantize(
                quantum, rounding=ROUND_FLOOR
            )
            if cap < limit:
                limit, cause = cap, "max_discount_clamped"
                params = {
                    "percent": str(self.max_discount_percent),
                    "list_amount": str(list_amount),
                }
        if self.margin_floor_percent is not None and line.unit_cost is not None:
            # Rounding point 5b: the floor unit price, rounded up to the cent.
            floor_unit = (
                line.unit_cost.amount
                * (_HUNDRED + self.margin_floor_percent)
                / _HUNDRED
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
                        "percent": str(self.margin_floor_percent),
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
        net_unit = _make(
            (total / line.quantity).quantize(quantum, ROUND_HALF_UP), currency
        )
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


def _may_meet(first: Conditions, second: Conditions) -> bool:
    """A cheap pre-check: disjoint product or category lists never meet."""
    for mine, theirs in (
        (first.products, second.products),
        (first.categories, second.categories),
    ):
        if mine is not None and theirs is not None and set(mine).isdisjoint(theirs):
            return False
    return True


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
