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
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

import attrs

from accountcore.clients import Client
from accountcore.discounts._checks import (
    _is_price_rule,
    _is_rule,
    scheme_faults,
    scheme_warnings,
)
from accountcore.discounts._currencies import currency_faults, fits, tiers_warnings
from accountcore.discounts._index import (
    _Candidate,
    _client_verdict,
    _hint,
    _Indexed,
    _Outcome,
)
from accountcore.discounts._prices import _PriceIndex
from accountcore.discounts._pricing import (
    _HUNDRED,
    _LineState,
    checked_line,
    finish,
    price_line,
    price_order,
)
from accountcore.discounts.approvals import ApprovalLevel, required_approval
from accountcore.discounts.catalog import Catalog, specificity
from accountcore.discounts.conditions import (
    ClientFacts,
    Conditions,
    Context,
    relationship_years,
)
from accountcore.discounts.errors import QuoteLineError, SchemeDefinitionError
from accountcore.discounts.freegoods import FreeGoods, _give
from accountcore.discounts.linked import Linked, OrderCondition
from accountcore.discounts.policy import Policy, rank
from accountcore.discounts.prices import PriceRule
from accountcore.discounts.quote import (
    AppliedRule,
    LineQuote,
    PriceQuote,
    QuoteLine,
    RejectedRule,
    approval_label,
)
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import (
    DiscountRule,
    Scope,
)
from accountcore.errors import (
    ArgumentTypeError,
    UnknownKeyError,
    check_iterable,
    check_type,
)
from accountcore.i18n import Percent
from accountcore.money import Money, _make, minor_units, to_decimal
from accountcore.periods import FiscalCalendar, as_date

__all__ = ["DiscountScheme", "Policy"]

_CENT_PERCENT = Decimal("0.01")


def _rule_tuple(rules: Iterable[DiscountRule]) -> tuple[DiscountRule, ...]:
    return check_iterable("rules", rules)


def _price_tuple(rules: Iterable[PriceRule]) -> tuple[PriceRule, ...]:
    return check_iterable("prices", rules)


def _currency_tuple(codes: Iterable[str]) -> tuple[str, ...]:
    return check_iterable("currencies", codes)


def _known_currency(code: object) -> bool:
    try:
        minor_units(code)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _approval_tuple(levels: Iterable[ApprovalLevel]) -> tuple[ApprovalLevel, ...]:
    return check_iterable("approvals", levels)


def _max_discount_percent(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "max_discount_percent")


def _margin_floor_percent(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "margin_floor_percent")


@attrs.frozen
class DiscountScheme:
    """Rules, a :class:`Policy`, limits and approval levels, in one currency.

    ``max_discount_percent`` caps each line's discount at that percent of
    its list amount; ``margin_floor_percent`` keeps each line's net unit
    price at least ``unit_cost * (1 + floor / 100)`` when the line gives a
    cost. Clamps are reported as warnings on the quote. ``approvals`` are
    :class:`ApprovalLevel` in increasing order. ``timezone`` places an aware
    ``on`` datetime on a date for the rules' validity.

    A rule that can never apply because another always wins over it (a
    baseline ranked above its override) does not stop the scheme: it is
    named in ``warnings`` (``shadowed`` reasons, which say which rule
    shadows which).

    Built schemes are checked; every fault is listed at once:

    >>> from accountcore.discounts import Conditions, PercentOff
    >>> DiscountScheme("bad", "EUR", [PercentOff("a", 120), PercentOff("b", 5, when=Conditions(min_quantity=9, max_quantity=1))])
    Traceback (most recent call last):
    ...
    accountcore.discounts.errors.SchemeDefinitionError: DiscountScheme 'bad' is invalid (2 faults):
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
    catalog: Catalog | None = attrs.field(default=None, kw_only=True)
    prices: tuple[PriceRule, ...] = attrs.field(
        default=(), kw_only=True, converter=_price_tuple
    )
    """Price rules (:mod:`~accountcore.discounts.prices`): the highest-ranked
    one that matches a line sets its price before the discounts."""
    currencies: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_currency_tuple
    )
    """The other currencies the scheme quotes in, beside ``currency``: a
    quote is in its lines' currency and only the rules whose money is in it
    (or that hold none) are its candidates (:attr:`rules_by_currency`)."""
    _line_index: _Indexed = attrs.field(init=False, repr=False, eq=False)
    warnings: tuple[Reason, ...] = attrs.field(init=False, repr=False, eq=False)
    """Rules that can never apply, each with the rule that shadows it."""
    _order_rules: tuple[tuple[DiscountRule, Conditions], ...] = attrs.field(
        init=False, repr=False, eq=False
    )
    _calendar: FiscalCalendar = attrs.field(init=False, repr=False, eq=False)
    _goods: tuple[FreeGoods, ...] = attrs.field(init=False, repr=False, eq=False)
    _linked: tuple[tuple[_Candidate, Conditions, OrderCondition], ...] = attrs.field(
        init=False, repr=False, eq=False
    )
    _originals: dict[str, Conditions] = attrs.field(init=False, repr=False, eq=False)
    _linked_by: tuple[dict[str, list[int]], tuple[int, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _specific: dict[tuple[str, str | None, str | None], int] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )
    _price_index: _PriceIndex = attrs.field(init=False, repr=False, eq=False)
    _by_currency: dict[str, DiscountScheme] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        if self.currencies:
            self._split_by_currency()
            return
        faults = scheme_faults(self)
        if self.catalog is not None and not isinstance(self.catalog, Catalog):
            faults.append(f"catalog {self.catalog!r} is not a Catalog")
        if faults:
            raise SchemeDefinitionError(f"DiscountScheme {self.name!r}", faults)
        object.__setattr__(self, "warnings", tuple(scheme_warnings(self)))
        ordered = tuple(sorted(self.rules, key=rank))
        object.__setattr__(self, "rules", ordered)
        object.__setattr__(self, "_originals", {r.name: r.when for r in ordered})
        # With a catalogue a group stands for its subgroups, a template for
        # its variants: the rules are indexed and checked widened so.
        priced = [self._widened(r) for r in ordered if not isinstance(r, FreeGoods)]
        index = _Indexed.build(
            (r for r in priced if r.scope is Scope.LINE),
            level_of=self._level if self.policy is Policy.MOST_SPECIFIC else None,
        )
        object.__setattr__(self, "_line_index", index)
        object.__setattr__(
            self,
            "_order_rules",
            tuple(
                (r, attrs.evolve(r.when, products=None, categories=None))
                for r in priced
                if r.scope is Scope.ORDER
            ),
        )
        object.__setattr__(
            self,
            "_goods",
            tuple(
                goods
                for goods in (self._widened(r) for r in ordered)
                if isinstance(goods, FreeGoods)
            ),
        )
        object.__setattr__(self, "_linked", self._linked_candidates(index))
        by_name: dict[str, list[int]] = {}
        anywhere: list[int] = []
        for number, (candidate, _, _) in enumerate(self._linked):
            when = candidate.rule.when
            if when.products is not None:
                for product in when.products:
                    by_name.setdefault(product, []).append(number)
            elif when.categories is not None:
                for category in when.categories:  # "\0": apart from products
                    by_name.setdefault("\0" + category, []).append(number)
            else:
                anywhere.append(number)
        object.__setattr__(self, "_linked_by", (by_name, tuple(anywhere)))
        object.__setattr__(self, "_calendar", FiscalCalendar(timezone=self.timezone))
        prices = tuple(sorted(self.prices, key=rank))  # type: ignore[arg-type]
        object.__setattr__(self, "prices", prices)
        object.__setattr__(self, "_price_index", _PriceIndex(prices))

    def _split_by_currency(self) -> None:
        """A scheme in several currencies: one scheme per currency, of the
        rules that fit it (:mod:`~accountcore.discounts._currencies`); every
        fault of any of them, and of the rules that fit none, at once."""
        every = (self.currency, *self.currencies)
        faults = [
            f"currencies: {code!r} is not a known currency code"
            for code in self.currencies
            if not _known_currency(code)
        ]
        if len(set(every)) < len(every):
            faults.append(
                f"currencies {', '.join(self.currencies)} name a currency twice "
                f"(the scheme's currency {self.currency} counts too)"
            )
        if faults:
            raise SchemeDefinitionError(f"DiscountScheme {self.name!r}", faults)
        fit: dict[int, tuple[str, ...]] = {}
        for label, rules in (("rule", self.rules), ("price rule", self.prices)):
            for rule in rules:
                if _is_rule(rule) or _is_price_rule(rule):
                    faults.extend(currency_faults(rule, every, label))
                    fit[id(rule)] = fits(rule, every)
        schemes: dict[str, DiscountScheme] = {}
        for code in every:
            try:
                schemes[code] = attrs.evolve(
                    self,
                    currency=code,
                    currencies=(),
                    rules=[r for r in self.rules if code in fit.get(id(r), every)],
                    prices=[r for r in self.prices if code in fit.get(id(r), every)],
                )
            except SchemeDefinitionError as error:  # the same fault once
                faults.extend(f for f in error.faults if f not in faults)
        if faults:
            raise SchemeDefinitionError(f"DiscountScheme {self.name!r}", faults)
        main = schemes[self.currency]
        warnings = tiers_warnings(self.rules, every)
        for scheme in schemes.values():
            warnings.extend(w for w in scheme.warnings if w not in warnings)
        object.__setattr__(self, "warnings", tuple(warnings))
        object.__setattr__(self, "rules", tuple(sorted(self.rules, key=rank)))
        object.__setattr__(self, "prices", tuple(sorted(self.prices, key=rank)))
        for field in (
            "_line_index",
            "_order_rules",
            "_calendar",
            "_goods",
            "_linked",
            "_originals",
            "_linked_by",
            "_price_index",
        ):  # the main currency's, so every private field is set
            object.__setattr__(self, field, getattr(main, field))
        object.__setattr__(self, "_by_currency", schemes)

    @property
    def rules_by_currency(self) -> dict[str, tuple[str, ...]]:
        """The rules (price rules, then discount rules, in rank order) that
        price a quote in each currency the scheme quotes in.

        >>> from accountcore.discounts import AmountOff, PercentOff
        >>> scheme = DiscountScheme("s", "EUR", [PercentOff("key", 5),
        ...     AmountOff("promo", Money("5.00", "EUR")),
        ...     AmountOff("promo us", Money("6.00", "USD"))], currencies=["USD"])
        >>> scheme.rules_by_currency
        {'EUR': ('key', 'promo'), 'USD': ('key', 'promo us')}
        """
        schemes = self._by_currency or {self.currency: self}
        return {
            code: tuple(
                [r.name for r in scheme.prices] + [r.name for r in scheme.rules]
            )
            for code, scheme in schemes.items()
        }

    def _widened(self, rule: DiscountRule) -> DiscountRule:
        """``rule`` with its conditions as the catalogue reads them."""
        catalog = self.catalog
        if catalog is None:
            return rule
        if isinstance(rule, Linked):
            return attrs.evolve(rule, rule=self._widened(rule.rule))
        kind = type(rule)
        if attrs.has(kind) and "when" in attrs.fields_dict(kind):
            widened: DiscountRule = attrs.evolve(
                rule,  # type: ignore[misc]
                when=catalog.widen(rule.when),
            )
            return widened
        return rule

    def _linked_candidates(
        self, index: _Indexed
    ) -> tuple[tuple[_Candidate, Conditions, OrderCondition], ...]:
        """The linked rules' candidates, each with the lines its order
        condition counts (widened by the catalogue) and the condition."""
        seen: dict[int, tuple[_Candidate, Conditions, OrderCondition]] = {}
        groups = (*index.by_product.values(), *index.by_category.values())
        for candidate in (*(c for g in groups for c in g), *index.anywhere):
            rule = candidate.rule
            if isinstance(rule, Linked) and id(candidate) not in seen:
                counted = rule.needs.counts(Conditions())
                if self.catalog is not None:
                    counted = self.catalog.widen(counted)
                seen[id(candidate)] = (candidate, counted, rule.needs)
        return tuple(seen.values())

    def _level(self, rule: str, product: str, group: str | None) -> int:
        """How specific ``rule`` is for a line of ``product`` in ``group``
        (uncached: the line index keeps it with the line's candidates)."""
        return specificity(self._originals[rule], product, group, self.catalog)

    def _specificity(self, rule: str, product: str | None, group: str | None) -> int:
        """How specific ``rule`` is for a line of ``product`` in ``group``
        (``None``, ``None``: for the order), as ``MOST_SPECIFIC`` ranks."""
        key = (rule, product, group)
        known = self._specific.get(key)
        if known is None:
            if len(self._specific) >= 65_536:
                self._specific.clear()  # a cache, bounded: lines come from outside
            when = self._originals[rule]
            known = self._specific[key] = specificity(
                when, product, group, self.catalog
            )
        return known

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
        accountcore.discounts.errors.QuoteLineError: Line 1: quantity=Decimal('-1') is invalid: a quantity must be positive.
        """
        if self._by_currency:
            given = self._as_lines(lines)
            scheme = self._by_currency[self._currency_of(given)]
            return scheme.quote(given, client=client, on=on, code=code)
        day = self._day(on)
        facts = _facts(client)
        if code is not None:
            check_type("code", code, str, "a str or None")
        checked = [
            checked_line(self, number, line)
            for number, line in enumerate(check_iterable("lines", lines), 1)
        ]
        years = relationship_years(facts.first_won_on, day)
        zero = _make(Decimal(0), self.currency)
        shared = Context(facts, years, day, code, None, None, Decimal(0), zero)
        states = self._priced(checked, shared)
        order_applied, order_rejected, order_hints = price_order(self, states, shared)
        free = self._free(states, shared, (order_applied, order_rejected, order_hints))
        warnings: list[Reason] = []
        results = [finish(self, state, warnings) for state in states]
        results.extend(free)
        subtotal, discount, total = self._totals(results)
        percent = (
            (discount.amount / subtotal.amount * _HUNDRED).quantize(_CENT_PERCENT)
            if subtotal.amount
            else Decimal("0.00")
        )
        approval = required_approval(self.approvals, percent)
        if approval is not None and not approval.allowed:
            warnings.append(
                Reason.of(
                    "approval_not_allowed",
                    percent=Percent(percent / _HUNDRED),
                    level=approval_label(approval.name),
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

    @staticmethod
    def _as_lines(lines: Iterable[QuoteLine | Mapping[str, object]]) -> list[QuoteLine]:
        """``lines`` as quote lines (mappings read as ``quote`` reads them)."""
        return [
            QuoteLine.from_mapping(line, line=number)
            if type(line) is not QuoteLine and isinstance(line, Mapping)
            else line
            for number, line in enumerate(check_iterable("lines", lines), 1)
        ]

    def _currency_of(self, lines: list[QuoteLine]) -> str:
        """The quote's currency: its first line's, which every line shares
        and the scheme quotes in (the scheme's own for no line)."""
        currency = self.currency
        for number, line in enumerate(lines, 1):
            price = getattr(line, "unit_price", None)
            if not isinstance(price, Money):
                continue  # the line's own check names it
            if number == 1:
                currency = price.currency
                if currency not in self._by_currency:
                    known = ", ".join(self._by_currency)
                    raise QuoteLineError(
                        1, "unit_price", price, f"the scheme quotes in {known}"
                    )
            elif price.currency != currency:
                raise QuoteLineError(
                    number,
                    "unit_price",
                    price,
                    f"the quote is in {currency}, its first line's currency",
                )
        return currency

    def _priced(
        self, checked: list[tuple[int, QuoteLine]], shared: Context
    ) -> list[_LineState]:
        """The lines priced by the line rules; with a catalogue each seen
        in its base unit, with linked rules after their order verdicts."""
        static: dict[_Candidate, _Outcome | None] = {}
        prices: dict[int, Reason | None] = {}
        if (
            self.catalog is None
            and not self._linked
            and all(line.unit is None for _, line in checked)
        ):
            return [
                price_line(self, n, line, shared, static, price_static=prices)
                for n, line in checked
            ]
        viewed = [(n, self._view(n, line), line) for n, line in checked]
        viewed = [(n, view, self._placed(line, view)) for n, view, line in viewed]
        self._order_verdicts(viewed, shared, static)
        return [
            price_line(
                self, n, view, shared, static, stated=stated, price_static=prices
            )
            for n, view, stated in viewed
        ]

    def _view(self, number: int, line: QuoteLine) -> QuoteLine:
        """``line`` as the rules see it: with its catalogue group, and in
        its product's base unit (quantity times the unit's factor, prices
        divided by it; the list amount stays the stated one)."""
        catalog = self.catalog
        if catalog is None:
            if line.unit is not None:
                raise QuoteLineError(
                    number,
                    "unit",
                    line.unit,
                    "a line in a unit needs a scheme with a catalogue (Catalog)",
                )
            return line
        try:
            factor = catalog.factor(line.product, line.unit)
        except UnknownKeyError as error:
            known = ", ".join(error.known)
            raise QuoteLineError(
                number, "unit", line.unit, f"expected one of {known}"
            ) from None
        category = line.category
        if category is None:
            category = catalog.group_of(line.product)
        if factor == 1:
            if category == line.category and line.unit is None:
                return line
            return attrs.evolve(line, category=category, unit=None)
        cost = line.unit_cost
        return QuoteLine(
            line.product,
            line.quantity * factor,
            _make(line.unit_price.amount / factor, line.unit_price.currency),
            category,
            None if cost is None else _make(cost.amount / factor, cost.currency),
        )

    @staticmethod
    def _placed(line: QuoteLine, view: QuoteLine) -> QuoteLine:
        """``line`` as given, with the group its view found."""
        if line.category == view.category:
            return line
        return attrs.evolve(line, category=view.category)

    def _order_verdicts(
        self,
        viewed: list[tuple[int, QuoteLine, QuoteLine]],
        shared: Context,
        static: dict[_Candidate, _Outcome | None],
    ) -> None:
        """Each linked rule's verdict on the order, kept in ``static`` as
        its verdict for every line: its order condition's rejection, or its
        client verdict when the order meets it."""
        quantum = Decimal(1).scaleb(-minor_units(self.currency))
        by_name, anywhere = self._linked_by
        concerned = set(anywhere)
        for _, view, _ in viewed:
            concerned.update(by_name.get(view.product, ()))
            if view.category is not None:
                concerned.update(by_name.get("\0" + view.category, ()))
        for index, (candidate, counted, needs) in enumerate(self._linked):
            if index not in concerned:
                continue  # no line of this quote meets it: nothing to explain
            quantity = amount = Decimal(0)
            for _, view, stated in viewed:
                if (counted.products is None or view.product in counted.products) and (
                    counted.categories is None or view.category in counted.categories
                ):
                    quantity += view.quantity
                    amount += (stated.unit_price.amount * stated.quantity).quantize(
                        quantum, ROUND_HALF_UP
                    )
            failed = needs.check(quantity, _make(amount, self.currency))
            if failed is None:
                static[candidate] = _client_verdict(candidate, shared)
            else:
                static[candidate] = (
                    None,
                    RejectedRule(candidate.name, failed),
                    _hint(candidate.rule, failed),
                )

    def _free(
        self,
        states: list[_LineState],
        shared: Context,
        order: tuple[list[AppliedRule], list[RejectedRule], list[Reason]],
    ) -> list[LineQuote]:
        """The free lines the free-goods rules give (none without them)."""
        if not self._goods:
            return []
        return _give(
            self._goods,
            states,
            shared,
            currency=self.currency,
            group_of=self._groups(),
            order=order,
        )

    def _groups(self) -> dict[str, str | None]:
        """The group of each free item the rules name (from the catalogue)."""
        catalog = self.catalog
        if catalog is None:
            return {}
        return {
            g.item: catalog.group_of(g.item) for g in self._goods if g.item is not None
        }

    def _day(self, on: _dt.date) -> _dt.date:
        """The quote's date: ``on`` itself, or an aware datetime placed on
        its date in the scheme's timezone."""
        if isinstance(on, _dt.datetime):
            return self._calendar.date_of(on)
        return as_date(on, "on")

    def _totals(self, results: list[LineQuote]) -> tuple[Money, Money, Money]:
        """The quote's subtotal, discount and total: the sums of its lines'."""
        listed = taken = left = Decimal(0)
        for result in results:
            listed += result.list_amount.amount
            taken += result.discount.amount
            left += result.total.amount
        currency = self.currency
        return _make(listed, currency), _make(taken, currency), _make(left, currency)


def _facts(client: Client | ClientFacts) -> ClientFacts:
    """What the rules need of ``client``: its :class:`ClientFacts`."""
    if isinstance(client, Client):
        return ClientFacts.of(client)
    if isinstance(client, ClientFacts):
        return client
    raise ArgumentTypeError("client", client, "a Client or ClientFacts")
