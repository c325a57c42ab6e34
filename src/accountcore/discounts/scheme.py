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
from decimal import Decimal

import attrs

from accountcore.clients import Client
from accountcore.discounts._checks import scheme_faults
from accountcore.discounts._index import _Candidate, _Indexed, _Outcome
from accountcore.discounts._pricing import (
    _HUNDRED,
    checked_line,
    finish,
    price_line,
    price_order,
)
from accountcore.discounts.approvals import ApprovalLevel, required_approval
from accountcore.discounts.conditions import (
    ClientFacts,
    Conditions,
    Context,
    relationship_years,
)
from accountcore.discounts.errors import SchemeDefinitionError
from accountcore.discounts.policy import Policy, rank
from accountcore.discounts.quote import (
    LineQuote,
    PriceQuote,
    QuoteLine,
    approval_label,
)
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import (
    DiscountRule,
    Scope,
)
from accountcore.errors import ArgumentTypeError, check_iterable, check_type
from accountcore.i18n import Percent
from accountcore.money import Money, _make, to_decimal
from accountcore.periods import FiscalCalendar, as_date

__all__ = ["DiscountScheme", "Policy"]

_CENT_PERCENT = Decimal("0.01")


def _rule_tuple(rules: Iterable[DiscountRule]) -> tuple[DiscountRule, ...]:
    return check_iterable("rules", rules)


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
    _line_index: _Indexed = attrs.field(init=False, repr=False, eq=False)
    _order_rules: tuple[tuple[DiscountRule, Conditions], ...] = attrs.field(
        init=False, repr=False, eq=False
    )
    _calendar: FiscalCalendar = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        faults = scheme_faults(self)
        if faults:
            raise SchemeDefinitionError(f"DiscountScheme {self.name!r}", faults)
        ordered = tuple(sorted(self.rules, key=rank))
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
        static: dict[_Candidate, _Outcome | None] = {}
        states = [price_line(self, n, line, shared, static) for n, line in checked]
        order_applied, order_rejected, order_hints = price_order(self, states, shared)
        warnings: list[Reason] = []
        results = [finish(self, state, warnings) for state in states]
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
