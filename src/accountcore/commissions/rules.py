"""Commission rules as the ERPs write them: a fixed amount per deal or per
sale line, rate rules where only the most specific one pays, and sections
with an inclusive upper bound and gaps that pay nothing.

Each is a component like any other (validated when built, explained line by
line, with a column form for :mod:`accountcore.frames`).

>>> import datetime
>>> from accountcore.commissions.plan import CommissionPlan
>>> from accountcore.commissions.credits import Credit
>>> from accountcore.periods import Period
>>> plan = CommissionPlan("AM", "EUR", (FixedPay("per deal", Money("25.00", "EUR")),))
>>> credits = [Credit(f"D-{n}", "C-1", "ana", Money("100", "EUR"), datetime.date(2026, 1, n)) for n in (1, 2)]
>>> plan.calculate(credits, period=Period.month(2026, 1)).total  # 2 deals × 25.00
Money('50.00', 'EUR')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from accountcore.commissions._checks import (
    check,
    decimal_faults,
    lenient_decimal,
    money_faults,
    name_faults,
    percent,
    rate_faults,
)
from accountcore.commissions.context import Columns, Context, register_component
from accountcore.commissions.credits import CreditFilter, _value_fields
from accountcore.commissions.statement import LineKind, StatementLine, _line
from accountcore.i18n import Message, Percent
from accountcore.money import Money, _make

__all__ = [
    "FixedPay",
    "PayPer",
    "Precedence",
    "RateRule",
    "RateRules",
    "Section",
    "Sections",
]

_ZERO = Decimal(0)


# --- a fixed amount per deal or per sale line ---------------------------------------


class PayPer(enum.Enum):
    """What a :class:`FixedPay` pays per: each deal, or each sale line (one
    credit: a product line of an order).

    >>> [per.value for per in PayPer]
    ['deal', 'line']
    """

    DEAL = "deal"
    LINE = "line"


_FIXED_IDS = {
    PayPer.DEAL: "commissions.line.fixed_per_deal",
    PayPer.LINE: "commissions.line.fixed_per_line",
}


@register_component("fixed_pay")
@attrs.frozen
class FixedPay:
    """``amount`` for every deal (or every sale line) the filter matches,
    whatever its value: a SPIF without a target or a window.

    A clawback takes the fixed pay back: per line, a negative credit counts
    −1; per deal, a deal counts +1 when its matching lines in the window net
    above 0 (one line or several), −1 when they net below 0 (a deal paid in
    an earlier period, cancelled in this one), 0 when they cancel out.

    >>> FixedPay("per line", Money("-5", "EUR"), per="line")
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: FixedPay 'per line' is invalid (1 fault):
      - amount must not be negative, got -5 EUR
    """

    name: str
    amount: Money
    per: PayPer = attrs.field(default=PayPer.DEAL, converter=PayPer)
    where: CreditFilter = attrs.field(factory=CreditFilter)

    def __attrs_post_init__(self) -> None:
        faults = name_faults(self.name) + money_faults("amount", self.amount)
        if not faults and self.amount.amount < 0:
            faults.append(f"amount must not be negative, got {self.amount}")
        check(f"FixedPay {self.name!r}", faults)

    def count(self, context: Context) -> tuple[int, tuple[str, ...]]:
        """The deals (or lines) paid, net of clawbacks, and the deals counted."""
        net: dict[str, int] = {}
        for credit in context.credits:
            if self.where.matches(credit):
                sign = -1 if credit.amount.amount < 0 else 1
                net[credit.deal_id] = net.get(credit.deal_id, 0) + sign
        if self.per is PayPer.LINE:
            return sum(net.values()), tuple(sorted(net))
        counted = {deal: (net > 0) - (net < 0) for deal, net in net.items()}
        deals = tuple(sorted(deal for deal, sign in counted.items() if sign))
        return sum(counted.values()), deals

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        count, deals = self.count(context)
        if not count:
            return []
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"fixed pay: {count} {self.per.value}s × {self.amount}"
                + ("" if self.where.is_everything else f" ({self.where.describe()})"),
                context.money(count * self.amount.amount),
                Decimal(count),
                f"{self.per.value}s",
                self.amount.amount,
                deals if context.explain_deals else (),
                Message.of(_FIXED_IDS[self.per], count=count, amount=self.amount),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: the net count of deals (or lines) the filter
        matches, times the amount."""
        if self.amount.currency != on.currency:
            return False
        count, deals = on.count(self.where, self.per.value)
        on.line(
            self.name,
            LineKind.VARIABLE,
            ~count.is_zero(),
            on.money(count * self.amount.amount),
            count,
            f"{self.per.value}s",
            self.amount.amount,
            _FIXED_IDS[self.per],
            deals=deals,
        )
        return True


# --- rate rules: every matching rule, or the most specific -------------------------


class Precedence(enum.Enum):
    """Which of several matching rate rules pays a credit: every one (each
    adds, accountcore's way for separate components), or only the most
    specific (a product rule over a category rule over a rule for all, the
    ERPs' way).

    >>> Precedence("most_specific")
    <Precedence.MOST_SPECIFIC: 'most_specific'>
    """

    EVERY = "every"
    MOST_SPECIFIC = "most_specific"


@attrs.frozen
class RateRule:
    """A rate on the credits ``where`` matches (every credit without one).

    >>> RateRule("0.08", CreditFilter(products="pump")).specificity
    2
    """

    rate: Decimal = attrs.field(converter=lenient_decimal)
    where: CreditFilter = attrs.field(factory=CreditFilter)

    @property
    def specificity(self) -> int:
        """2 for a rule naming products, 1 for one naming categories (and no
        product), 0 for any other."""
        if self.where.products:
            return 2
        return 1 if self.where.categories else 0


def _rules(values: Iterable[RateRule]) -> tuple[RateRule, ...]:
    return tuple(values)


def _may_overlap(left: CreditFilter, right: CreditFilter) -> bool:
    """Whether one credit could match both filters (their exclusions left
    aside): on every field, one side is open or the two share a value."""
    for name in _value_fields():
        mine, theirs = getattr(left, name), getattr(right, name)
        if mine and theirs and not set(mine) & set(theirs):
            return False
    return True


def _rule_faults(rules: Sequence[RateRule], precedence: Precedence) -> list[str]:
    faults: list[str] = []
    if not rules:
        return ["at least one rule is needed"]
    for index, rule in enumerate(rules, start=1):
        faults += rate_faults(f"rule {index} rate", rule.rate)
    if precedence is not Precedence.MOST_SPECIFIC:
        return faults
    for index, rule in enumerate(rules, start=1):
        for other_index, other in enumerate(rules[index:], start=index + 1):
            if rule.specificity == other.specificity and _may_overlap(
                rule.where, other.where
            ):
                faults.append(
                    f"rules {index} and {other_index} are as specific as each "
                    f"other and may both match a credit ({rule.where.describe()}; "
                    f"{other.where.describe()}): make them disjoint, or one of "
                    "them more specific"
                )
    return faults


@register_component("rate_rules")
@attrs.frozen
class RateRules:
    """Rates by rule, each on the credits its filter matches.

    With ``precedence="every"`` every matching rule pays (as separate
    :class:`~accountcore.commissions.components.FlatRate` components would).
    With ``"most_specific"`` a credit is paid by its most specific matching
    rule only: a product rule over a category rule over any other; two rules
    as specific as each other that could match the same credit are a
    definition fault, so the order the rules are listed in never matters.
    Each rule's line lists the credits it paid.

    >>> rules = (RateRule("0.05"), RateRule("0.03", CreditFilter(categories="service")),
    ...          RateRule("0.02", CreditFilter(categories=("service", "parts"))))
    >>> RateRules("commission", rules, precedence="most_specific")
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: RateRules 'commission' is invalid (1 fault):
      - rules 2 and 3 are as specific as each other and may both match a credit (category service; category parts/service): make them disjoint, or one of them more specific
    """

    name: str
    rules: tuple[RateRule, ...] = attrs.field(converter=_rules)
    precedence: Precedence = attrs.field(default=Precedence.EVERY, converter=Precedence)

    def __attrs_post_init__(self) -> None:
        check(
            f"RateRules {self.name!r}",
            name_faults(self.name) + _rule_faults(self.rules, self.precedence),
        )

    def paying(self) -> tuple[tuple[RateRule, CreditFilter], ...]:
        """Each rule with the filter of the credits it pays: its own, less
        (under ``most_specific``) the credits a more specific rule matches.

        >>> rules = RateRules("c", (RateRule("0.05"), RateRule("0.08", CreditFilter(products="pump"))), "most_specific")
        >>> rules.paying()[0][1].describe()
        'all credits except product pump'
        """
        if self.precedence is Precedence.EVERY:
            return tuple((rule, rule.where) for rule in self.rules)
        out = []
        for rule in self.rules:
            above = tuple(
                other.where
                for other in self.rules
                if other.specificity > rule.specificity
            )
            where = rule.where
            if above:
                where = attrs.evolve(where, exclude=(*where.exclude, *above))
            out.append((rule, where))
        return tuple(out)

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        out = []
        for rule, where in self.paying():
            basis, deals = context.basis(where)
            if not basis and not context.credited(where):
                continue
            out.append(
                _line(
                    self.name,
                    LineKind.VARIABLE,
                    f"{percent(rule.rate)} of credited amount ({where.describe()})",
                    context.money(basis * rule.rate),
                    basis,
                    context.currency,
                    rule.rate,
                    deals,
                    Message.of(
                        "commissions.line.flat_rate",
                        rate=Percent(rule.rate),
                        basis=_make(basis, context.currency).rounded(),
                    ),
                )
            )
        return out

    def columns(self, on: Columns) -> bool:
        """The column form: each rule's rate on the basis of the credits it
        pays, as :class:`~accountcore.commissions.components.FlatRate`."""
        for rule, where in self.paying():
            basis = on.basis(where)
            on.line(
                self.name,
                LineKind.VARIABLE,
                on.credited(where) | ~basis.is_zero(),
                on.money(basis * rule.rate),
                basis,
                on.currency,
                rule.rate,
                "commissions.line.flat_rate",
                deals=on.deals(where),
            )
        return True


# --- sections: inclusive upper bounds, gaps that pay nothing --------------------------


@attrs.frozen
class Section:
    """``[lower, upper]``, both bounds inside, paid at ``rate``; ``upper=None``
    is open-ended.

    >>> Section("1000", "4999.99", "0.05").upper
    Decimal('4999.99')
    """

    lower: Decimal = attrs.field(converter=lenient_decimal)
    upper: Decimal | None = attrs.field(converter=lenient_decimal)
    rate: Decimal = attrs.field(converter=lenient_decimal)

    def holds(self, value: Decimal) -> bool:
        """Whether ``value`` lies in the section, bounds included."""
        return self.lower <= value and (self.upper is None or value <= self.upper)


def _sections(values: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(values)


def _section_faults(
    sections: Sequence[Section], *, rate_above_one: bool = False
) -> list[str]:
    """Every fault of a section table: bounds, order, overlaps (a bound is
    inside both sections it would share), rates; gaps are allowed."""
    if not sections:
        return ["at least one section is needed"]
    faults: list[str] = []
    previous: Decimal | None = None
    for index, section in enumerate(sections, start=1):
        own = decimal_faults(f"section {index} lower", section.lower)
        if section.upper is not None:
            own += decimal_faults(f"section {index} upper", section.upper)
        faults += own + rate_faults(
            f"section {index} rate", section.rate, above_one=rate_above_one
        )
        if own:
            previous = None
            continue
        if previous is not None and section.lower <= previous:
            faults.append(
                f"section {index} starts at {section.lower}, not above the end "
                f"of the section before ({previous}, which it includes)"
            )
        if section.upper is not None and section.upper < section.lower:
            faults.append(
                f"section {index} ends at {section.upper}, below its start "
                f"{section.lower}"
            )
        if section.upper is None and index != len(sections):
            faults.append(f"section {index} is open-ended but is not the last")
        previous = section.upper
    return faults


@register_component("sections")
@attrs.frozen
class Sections:
    """The whole credited basis at the rate of the section that holds it,
    sections written as some ERPs write them: ``from`` and ``to`` both
    inside (``0–999.99``, ``1000–4999.99``, ``5000`` and above), with gaps
    allowed, where a basis in a gap (or below the first section) pays
    nothing, and says so on its line.

    Beside :class:`~accountcore.commissions.components.Tiered` (half-open
    ``[lower, upper)`` tiers, no gaps, marginal or retroactive), this is the
    retroactive reading with closed bounds. A basis below 0 (clawbacks
    larger than credits) is paid at the rate of the section holding its
    size, so a clawback takes back what the same credit earned.

    >>> Sections("commission", (Section("0", "1000", "0.03"), Section("1000", None, "0.05")))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: Sections 'commission' is invalid (1 fault):
      - section 2 starts at 1000, not above the end of the section before (1000, which it includes)
    """

    name: str
    sections: tuple[Section, ...] = attrs.field(converter=_sections)
    where: CreditFilter = attrs.field(factory=CreditFilter)
    rate_above_one: bool = attrs.field(default=False, kw_only=True)
    """Accept section rates above 1 (100 %)."""

    def __attrs_post_init__(self) -> None:
        check(
            f"Sections {self.name!r}",
            name_faults(self.name)
            + _section_faults(self.sections, rate_above_one=self.rate_above_one),
        )

    def section_of(self, value: Decimal) -> Section | None:
        """The section holding ``value``'s size, or ``None`` in a gap.

        >>> s = Sections("c", (Section("0", "999.99", "0.03"), Section("2000", None, "0.05")))
        >>> s.section_of(Decimal("999.99")).rate, s.section_of(Decimal("1500"))
        (Decimal('0.03'), None)
        """
        size = -value if value < 0 else value
        for section in self.sections:
            if section.holds(size):
                return section
        return None

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        basis, deals = context.basis(self.where)
        if not basis and not context.credited(self.where):
            return []
        shown = _make(basis, context.currency).rounded()
        section = self.section_of(basis)
        if section is None:
            return [
                _line(
                    self.name,
                    LineKind.VARIABLE,
                    f"no section holds {shown}: no commission",
                    context.money(_ZERO),
                    basis,
                    context.currency,
                    _ZERO,
                    deals,
                    Message.of("commissions.line.section_gap", basis=shown),
                )
            ]
        bounds: dict[str, object] = {"lower": section.lower}
        if section.upper is not None:
            bounds["upper"] = section.upper
        to = "and above" if section.upper is None else f"to {section.upper}"
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"{percent(section.rate)} on all credited {shown} "
                f"(section {section.lower} {to}, bounds included)",
                context.money(basis * section.rate),
                basis,
                context.currency,
                section.rate,
                deals,
                Message.of(
                    _SECTION_IDS[section.upper is None],
                    rate=Percent(section.rate),
                    basis=shown,
                    **bounds,
                ),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: one line at the section holding the basis's
        size, or the gap's line of 0."""
        basis = on.basis(self.where)
        active = on.credited(self.where) | ~basis.is_zero()
        size = on.choose(basis < _ZERO, -basis, basis)
        held: Any = None
        for section in self.sections:
            when = size >= section.lower
            if section.upper is not None:
                when = when & (size <= section.upper)
            held = when if held is None else held | when
            on.line(
                self.name,
                LineKind.VARIABLE,
                active & when,
                on.money(basis * section.rate),
                basis,
                on.currency,
                section.rate,
                _SECTION_IDS[section.upper is None],
                lower=section.lower,
                upper=section.upper,
                deals=on.deals(self.where),
            )
        on.line(
            self.name,
            LineKind.VARIABLE,
            active & ~held,
            on.money(basis * _ZERO),
            basis,
            on.currency,
            _ZERO,
            "commissions.line.section_gap",
            deals=on.deals(self.where),
        )
        return True


_SECTION_IDS = {
    False: "commissions.line.section",
    True: "commissions.line.section_open",
}
