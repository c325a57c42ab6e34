"""The commission components: salary, rates and tiers.

Pay curves and modifiers (accelerators, gates, caps) live in
:mod:`accountcore.commissions.modifiers` and are re-exported here.

Every component is a frozen attrs class following
:class:`~accountcore.commissions.context.Component`, validated when built
(every fault listed in one :class:`~accountcore.commissions.errors.PlanDefinitionError`).

Tiers are half-open ``[lower, upper)``: an amount exactly on a boundary
belongs to the tier *above* it. Marginal tiers pay each slice at its own
rate; retroactive tiers pay the whole amount at the rate of the tier it
reaches.

>>> from accountcore.money import Money
>>> tiers = (Tier("0", "100000", "0.05"), Tier("100000", None, "0.08"))
>>> Tiered("commission", tiers).pay(Decimal("130000"))  # 100,000 × 5 % + 30,000 × 8 %
Decimal('7400.00')
>>> Tiered("commission", tiers, mode=Mode.RETROACTIVE).pay(Decimal("130000"))  # 130,000 × 8 %
Decimal('10400.00')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal

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
from accountcore.commissions.credits import CreditFilter
from accountcore.commissions.errors import PlanDefinitionError
from accountcore.commissions.modifiers import (
    Accelerator,
    Band,
    Cap,
    CurvePoint,
    Gate,
    PayCurve,
)
from accountcore.commissions.statement import LineKind, StatementLine, _line
from accountcore.i18n import Message, Percent
from accountcore.money import Money, _make

__all__ = [
    "Accelerator",
    "Band",
    "BaseSalary",
    "Basis",
    "Cap",
    "CurvePoint",
    "FlatRate",
    "Gate",
    "Mode",
    "PayCurve",
    "Tier",
    "Tiered",
    "percent",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _shown(part: Decimal, context: Context) -> Decimal:
    """A slice as its description shows it: to the currency's minor unit
    (``48700.00``, not the exact ``48700.000``); the line's ``basis`` keeps
    the exact slice."""
    return _make(part, context.currency).rounded().amount


_TIER_IDS = {
    (False, False): "commissions.line.tier_slice",
    (False, True): "commissions.line.tier_slice_open",
    (True, False): "commissions.line.tier_all",
    (True, True): "commissions.line.tier_all_open",
}

_SHARE_IDS = {
    False: "commissions.line.tier_share",
    True: "commissions.line.tier_share_open",
}


def _same(value: Decimal) -> Decimal:
    return value


# --- salary and rates -----------------------------------------------------------


def _tiers(values: Iterable[Tier]) -> tuple[Tier, ...]:
    return tuple(values)


@register_component("base_salary")
@attrs.frozen
class BaseSalary:
    """Guaranteed pay per period, prorated by the days the owner was active.

    >>> BaseSalary("salary", Money("3000.00", "EUR")).amount
    Money('3000.00', 'EUR')
    """

    name: str
    amount: Money

    def __attrs_post_init__(self) -> None:
        check(
            f"BaseSalary {self.name!r}",
            name_faults(self.name) + money_faults("amount", self.amount),
        )

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        share = context.active_share
        if share == _ONE:  # active the whole period: no proration
            text, pay = "base salary", self.amount.amount
            message = Message.of("commissions.line.salary")
        else:
            # amount × days active / days of the period: one division, last
            period = context.period
            active = period.intersection(context.activity.active)  # type: ignore[arg-type]
            days = 0 if active is None else active.days
            text = f"base salary, {share:.4f} of period"
            pay = self.amount.amount * days / period.days
            message = Message.of(
                "commissions.line.salary_prorated", share=Percent(share, 1)
            )
        return [
            _line(
                self.name,
                LineKind.FIXED,
                text,
                context.money(pay),
                share,
                "share of period",
                None,
                (),
                message,
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: the same line for every owner (an owner of a
        table is active the whole period)."""
        if self.amount.currency != on.currency:
            return False
        on.line(
            self.name,
            LineKind.FIXED,
            on.flag("everyone"),
            on.money(on.constant(self.amount.amount)),
            on.constant(_ONE),
            "share of period",
            None,
            "commissions.line.salary",
        )
        return True


@register_component("flat_rate")
@attrs.frozen
class FlatRate:
    """A rate on the credited amount, optionally on matching credits only.

    A rate is a decimal: 0.05 is 5 %. A rate above 1 (100 %) is refused as
    a likely percentage typed as a number, unless the component is built
    with ``rate_above_one=True``.

    >>> FlatRate("commission", "-0.05")
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: FlatRate 'commission' is invalid (1 fault):
      - rate must not be below 0, got -0.05
    >>> FlatRate("commission", "5")
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: FlatRate 'commission' is invalid (1 fault):
      - rate 5 is 500 %: did you mean 0.05? A rate is a decimal (1 is 100 %); build the component with rate_above_one=True if 5 is meant
    >>> FlatRate("resale", "1.5", rate_above_one=True).rate
    Decimal('1.5')
    """

    name: str
    rate: Decimal = attrs.field(converter=lenient_decimal)
    where: CreditFilter = attrs.field(factory=CreditFilter)
    rate_above_one: bool = attrs.field(default=False, kw_only=True)
    """Accept a rate above 1 (100 %): off, so that 5 meant as 5 % is refused."""

    def __attrs_post_init__(self) -> None:
        check(
            f"FlatRate {self.name!r}",
            name_faults(self.name)
            + rate_faults("rate", self.rate, above_one=self.rate_above_one),
        )

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        basis, deals = context.basis(self.where)
        if not basis and not context.credited(self.where):
            return []
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"{percent(self.rate)} of credited amount"
                + ("" if self.where.is_everything else f" ({self.where.describe()})"),
                context.money(basis * self.rate),
                basis,
                context.currency,
                self.rate,
                deals,
                Message.of(
                    "commissions.line.flat_rate",
                    rate=Percent(self.rate),
                    basis=_make(basis, context.currency).rounded(),
                ),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: the rate on the basis of the credits the filter
        matches (every credit without one)."""
        basis = on.basis(self.where)
        on.line(
            self.name,
            LineKind.VARIABLE,
            on.credited(self.where) | ~basis.is_zero(),
            on.money(basis * self.rate),
            basis,
            on.currency,
            self.rate,
            "commissions.line.flat_rate",
            deals=on.deals(self.where),
        )
        return True


# --- tiers -------------------------------------------------------------------------


class Basis(enum.Enum):
    """What tier bounds measure: the credited amount or quota attainment.

    >>> Basis("attainment")
    <Basis.ATTAINMENT: 'attainment'>
    """

    AMOUNT = "amount"
    ATTAINMENT = "attainment"


class Mode(enum.Enum):
    """Marginal: each slice at its tier's rate. Retroactive: everything at
    the rate of the tier reached.

    >>> Mode("retroactive")
    <Mode.RETROACTIVE: 'retroactive'>
    """

    MARGINAL = "marginal"
    RETROACTIVE = "retroactive"


@attrs.frozen
class Tier:
    """``[lower, upper)`` paid at ``rate``; ``upper=None`` is open-ended.

    Bounds are amounts in the plan's currency (basis amount) or attainment
    ratios (basis attainment: 1 is 100 % of quota).

    >>> Tier("0", "1.0", "0.05").upper
    Decimal('1.0')
    """

    lower: Decimal = attrs.field(converter=lenient_decimal)
    upper: Decimal | None = attrs.field(converter=lenient_decimal)
    rate: Decimal = attrs.field(converter=lenient_decimal)


def tier_faults(tiers: Sequence[Tier], *, rate_above_one: bool = False) -> list[str]:
    """Every fault of a tier table: start, gaps, overlaps, order, rates
    (a rate above 1 only with ``rate_above_one``)."""
    faults: list[str] = []
    if not tiers:
        return ["at least one tier is needed"]
    previous: Decimal | None = None
    for index, tier in enumerate(tiers, start=1):
        own = decimal_faults(f"tier {index} lower", tier.lower, minimum=None)
        if tier.upper is not None:
            own += decimal_faults(f"tier {index} upper", tier.upper, minimum=None)
        faults += own + rate_faults(
            f"tier {index} rate", tier.rate, above_one=rate_above_one
        )
        if own:
            previous = None
            continue
        if index == 1 and tier.lower != 0:
            faults.append(f"tier 1 must start at 0, got {tier.lower}")
        if previous is not None and tier.lower > previous:
            faults.append(
                f"tier {index} starts at {tier.lower}, leaving a gap after {previous}"
            )
        elif previous is not None and tier.lower < previous:
            faults.append(
                f"tier {index} starts at {tier.lower}, overlapping the tier before "
                f"(which ends at {previous})"
            )
        if tier.upper is not None and tier.upper <= tier.lower:
            faults.append(
                f"tier {index} ends at {tier.upper}, not above its start {tier.lower}"
            )
        if tier.upper is None and index != len(tiers):
            faults.append(f"tier {index} is open-ended but is not the last tier")
        previous = tier.upper
    return faults


@register_component("tiered")
@attrs.frozen
class Tiered:
    """Rates by tiers of credited amount or of attainment, marginal or
    retroactive.

    On attainment of a money quota, a tier ``[lower, upper)`` is the money
    range ``[lower × target, upper × target)`` (exact products): a slice is
    money (``min(credited, upper × target) − lower × target``), rounded only
    in the line's amount; a retroactive tier is the one whose money range
    holds the credited amount. An ``attainment_cap`` on the plan stops the
    credit that earns at ``cap × target``. On attainment of a count quota
    the credited amount is split in proportion to the attainment.

    Below zero (clawbacks larger than credits) the first tier's rate applies.
    A rate above 1 (100 %) needs ``rate_above_one=True``.

    >>> Tiered("t", (Tier("0", "100", "0.05"), Tier("90", None, "0.08"), Tier("200", "150", "-1")))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: Tiered 't' is invalid (4 faults):
      - tier 2 starts at 90, overlapping the tier before (which ends at 100)
      - tier 2 is open-ended but is not the last tier
      - tier 3 rate must not be below 0, got -1
      - tier 3 ends at 150, not above its start 200
    >>> Tiered("t", (Tier("0", "1", "4"), Tier("1", None, "7")), basis="attainment")
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: Tiered 't' is invalid (2 faults):
      - tier 1 rate 4 is 400 %: did you mean 0.04? A rate is a decimal (1 is 100 %); build the component with rate_above_one=True if 4 is meant
      - tier 2 rate 7 is 700 %: did you mean 0.07? A rate is a decimal (1 is 100 %); build the component with rate_above_one=True if 7 is meant
    """

    name: str
    tiers: tuple[Tier, ...] = attrs.field(converter=_tiers)
    basis: Basis = attrs.field(default=Basis.AMOUNT, converter=Basis)
    mode: Mode = attrs.field(default=Mode.MARGINAL, converter=Mode)
    where: CreditFilter = attrs.field(factory=CreditFilter)
    rate_above_one: bool = attrs.field(default=False, kw_only=True)
    """Accept tier rates above 1 (100 %): off, so that 5 meant as 5 % is refused."""

    def __attrs_post_init__(self) -> None:
        check(
            f"Tiered {self.name!r}",
            name_faults(self.name)
            + tier_faults(self.tiers, rate_above_one=self.rate_above_one),
        )

    def tier_of(self, value: Decimal, scale: Decimal = _ONE) -> int:
        """The index of the tier ``value`` falls in (half-open bounds, each
        bound times ``scale``).

        >>> Tiered("t", (Tier("0", "100000", "0.05"), Tier("100000", None, "0.08"))).tier_of(Decimal("100000"))
        1
        """
        for index, tier in enumerate(self.tiers):
            if tier.upper is None or value < tier.upper * scale:
                return index
        return len(self.tiers) - 1

    def pay(self, amount: Decimal, scale: Decimal = _ONE) -> Decimal:
        """The exact (unrounded) pay on ``amount`` with bounds times ``scale``
        (the money target, for tiers on attainment).

        >>> Tiered("t", (Tier("0", "1000", "0.01"), Tier("1000", None, "0.02"))).pay(Decimal("1050"))
        Decimal('11.00')
        >>> attainment = Tiered("t", (Tier("0", "1", "0.04"), Tier("1", None, "0.07")), basis="attainment")
        >>> attainment.pay(Decimal("223843.50"), Decimal("167915.00"))  # 6,716.60 + 3,914.995
        Decimal('10631.5950')
        """
        return sum((pay for _, _, pay in self.slices(amount, scale)), _ZERO)

    def slices(
        self, amount: Decimal, scale: Decimal = _ONE
    ) -> list[tuple[int, Decimal, Decimal]]:
        """``(tier index, slice of amount, pay)`` for each tier reached, the
        bounds times ``scale`` (exact products, no division).

        >>> attainment = Tiered("t", (Tier("0", "1", "0.04"), Tier("1", None, "0.07")), basis="attainment")
        >>> attainment.slices(Decimal("223843.50"), Decimal("167915.00"))
        [(0, Decimal('167915.00'), Decimal('6716.6000')), (1, Decimal('55928.50'), Decimal('3914.9950'))]
        """
        tiers = self.tiers
        if amount <= 0:
            return [(0, amount, amount * tiers[0].rate)] if amount else []
        if self.mode is Mode.RETROACTIVE:
            index = self.tier_of(amount, scale)
            return [(index, amount, amount * tiers[index].rate)]
        out = []
        for index, tier in enumerate(tiers):
            low = tier.lower * scale
            if amount <= low:
                break
            high = amount if tier.upper is None else min(amount, tier.upper * scale)
            part = high - low
            out.append((index, part, part * tier.rate))
        return out

    def _bounds(self, tier: Tier) -> dict[str, object]:
        """A tier's bounds for its message: percentages of quota for an
        attainment basis, plain numbers for an amount basis."""
        show = Percent if self.basis is Basis.ATTAINMENT else _same
        bounds: dict[str, object] = {"lower": show(tier.lower)}
        if tier.upper is not None:
            bounds["upper"] = show(tier.upper)
        return bounds

    def _scale(self, context: Context) -> Decimal | None:
        """Bounds in money: 1 for amounts, the money target for attainment
        (``None`` when attainment must be split in proportion instead)."""
        if self.basis is Basis.AMOUNT:
            return _ONE
        context.require_attainment(self.name)
        if context.target is not None and context.target > 0:
            return context.target
        return None

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        basis, deals = context.basis(self.where)
        if not basis and not context.credited(self.where):
            return []
        scale = self._scale(context)
        on_attainment = self.basis is Basis.ATTAINMENT
        if scale is None or (on_attainment and basis != context.amount):
            return self._proportional(context, basis, deals)
        unit = context.currency
        if on_attainment:
            unit = "attainment"
            # the credit that earns: all of it, or cap × target under an
            # attainment cap on the plan (an exact product)
            basis = context.attainment_fraction(self.name)[0]
        out = []
        for index, part, pay in self.slices(basis, scale):
            tier = self.tiers[index]
            upper = "and above" if tier.upper is None else f"to {tier.upper}"
            how = "all credited" if self.mode is Mode.RETROACTIVE else "slice"
            out.append(
                _line(
                    self.name,
                    LineKind.VARIABLE,
                    f"{percent(tier.rate)} on {how} {_shown(part, context)} "
                    f"(tier {tier.lower} {upper} {unit})",
                    context.money(pay),
                    part,
                    context.currency,
                    tier.rate,
                    deals,
                    Message.of(
                        _TIER_IDS[self.mode is Mode.RETROACTIVE, tier.upper is None],
                        rate=Percent(tier.rate),
                        basis=_make(part, context.currency).rounded(),
                        **self._bounds(tier),
                    ),
                )
            )
        return out

    def columns(self, on: Columns) -> bool:
        """The column form: one line per tier an owner's basis reaches
        (marginal), or one at the tier it reaches (retroactive); a basis
        below 0 pays at the first tier. On attainment the bounds are money
        (bound × target) and the basis is what attainment counts."""
        on_attainment = self.basis is Basis.ATTAINMENT
        if on_attainment and not self.where.is_everything:
            return False  # a part of attainment: split in proportion
        amount = on.basis(self.where)
        active = on.credited(self.where) | ~amount.is_zero()
        basis, scale = amount, None
        if on_attainment:
            basis, scale = on.figure("reach"), on.figure("target")
        tops = [
            None
            if t.upper is None
            else (on.constant(t.upper) if scale is None else scale * t.upper)
            for t in self.tiers
        ]
        retroactive = self.mode is Mode.RETROACTIVE
        below = basis < _ZERO
        above = basis > _ZERO
        for index, tier in enumerate(self.tiers):
            top = tops[index]
            if retroactive:
                when = above
                for earlier in tops[:index]:
                    when = when & (basis >= earlier)
                if top is not None and index < len(self.tiers) - 1:
                    when = when & (basis < top)
                part = basis
            else:
                low = tier.lower if scale is None else scale * tier.lower
                when = above & (basis > low)
                part = (basis if top is None else on.smaller(basis, top)) - low
            if index == 0:  # a basis below 0 pays at the first tier
                when = when | below
                part = on.choose(below, basis, part)
            on.line(
                self.name,
                LineKind.VARIABLE,
                active & when,
                on.money(part * tier.rate),
                part,
                on.currency,
                tier.rate,
                _TIER_IDS[retroactive, tier.upper is None],
                lower=tier.lower,
                upper=tier.upper,
                deals=on.deals(self.where),
            )
        return True

    def _reached(self, context: Context) -> int:
        """The tier attainment reaches, compared as money (or counts):
        ``reach < upper × target``, no division."""
        for index, tier in enumerate(self.tiers):
            if tier.upper is None or not context.attains(tier.upper, self.name):
                return index
        return len(self.tiers) - 1

    def _proportional(
        self, context: Context, basis: Decimal, deals: Sequence[str]
    ) -> list[StatementLine]:
        ratio = context.require_attainment(self.name)
        if self.mode is Mode.RETROACTIVE or ratio <= 0 or basis <= 0:
            tier = self.tiers[self._reached(context)]
            return [
                _line(
                    self.name,
                    LineKind.VARIABLE,
                    f"{percent(tier.rate)} on all credited (attainment {ratio:.4f})",
                    context.money(basis * tier.rate),
                    basis,
                    context.currency,
                    tier.rate,
                    deals,
                    Message.of(
                        "commissions.line.tier_retroactive",
                        rate=Percent(tier.rate),
                        basis=_make(basis, context.currency).rounded(),
                        attainment=Percent(ratio, 1),
                    ),
                )
            ]
        out = []
        for tier in self.tiers:
            numerator, denominator = context.band_share(tier.lower, tier.upper, basis)
            if numerator:
                # basis × share × rate: multiplied first, divided once, last
                part = basis * numerator / denominator
                out.append(
                    _line(
                        self.name,
                        LineKind.VARIABLE,
                        f"{percent(tier.rate)} on the share of credit in attainment "
                        f"{tier.lower} to {tier.upper or 'above'}",
                        context.money(basis * numerator * tier.rate / denominator),
                        part,
                        context.currency,
                        tier.rate,
                        deals,
                        Message.of(
                            _SHARE_IDS[tier.upper is None],
                            rate=Percent(tier.rate),
                            basis=_make(part, context.currency).rounded(),
                            **self._bounds(tier),
                        ),
                    )
                )
        return out

    def deal_payouts(self, context: Context) -> tuple[tuple[str, Money], ...]:
        """Marginal pay per credit in credited order, rounded so that the parts
        add up to the rounded pay of the total (cumulative rounding).

        Each credit earns ``pay(cumulative after) − pay(cumulative before)``:
        a deal that crosses a tier boundary is paid part at each rate. On
        attainment the bounds are money (bound × target) and an attainment
        cap on the plan stops the cumulative credit at cap × target.
        """
        scale = self._scale(context) if self.basis is Basis.ATTAINMENT else _ONE
        if scale is None:
            raise PlanDefinitionError(
                f"Tiered {self.name!r}",
                [
                    "per-deal pay needs money bounds (basis amount, or "
                    "attainment of a money quota above zero)"
                ],
            )
        cap = context.attainment_cap if self.basis is Basis.ATTAINMENT else None
        limit = None if cap is None else cap * scale
        out = []
        cumulative = _ZERO
        paid = _ZERO
        for credit, value in context.ordered():
            if not self.where.matches(credit):
                continue
            cumulative += value
            earning = cumulative if limit is None else min(cumulative, limit)
            reached = context.money(self.pay(earning, scale)).amount
            out.append((credit.deal_id, _make(reached - paid, context.currency)))
            paid = reached
        return tuple(out)
