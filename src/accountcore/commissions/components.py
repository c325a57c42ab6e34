"""The commission components: salary, rates, tiers, curves and modifiers.

Every component is a frozen attrs class following
:class:`~accountcore.commissions.context.Component`, validated when built
(every fault listed in one :class:`~accountcore.errors.PlanDefinitionError`).

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
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

import attrs

from accountcore.commissions.context import Context, register_component
from accountcore.commissions.credits import CreditFilter
from accountcore.commissions.statement import LineKind, StatementLine
from accountcore.errors import PlanDefinitionError
from accountcore.money import Money, _make, to_decimal

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


def lenient_decimal(value: object) -> object:
    """A Decimal when ``value`` makes one; else the raw value, which the
    class's validation then reports with the other faults."""
    if value is None or isinstance(value, Decimal):
        return value
    try:
        return to_decimal(value, "value")
    except (TypeError, ValueError):
        return value


def decimal_faults(
    label: str, value: object, *, minimum: Decimal | None = _ZERO
) -> list[str]:
    """Faults of a number field: not a Decimal, or below ``minimum``."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return [f"{label} must be a decimal number (not a float), got {value!r}"]
    if minimum is not None and value < minimum:
        return [f"{label} must not be below {minimum}, got {value}"]
    return []


def money_faults(label: str, value: object) -> list[str]:
    """Faults of a money field."""
    if not isinstance(value, Money):
        return [f"{label} must be Money, got {value!r}"]
    return []


def name_faults(value: object) -> list[str]:
    """Faults of a component name."""
    if not isinstance(value, str) or not value.strip():
        return [f"name must be a non-empty str, got {value!r}"]
    return []


def check(subject: str, faults: Iterable[str]) -> None:
    """Raise :class:`PlanDefinitionError` when there are faults."""
    listed = list(faults)
    if listed:
        raise PlanDefinitionError(subject, listed)


@lru_cache(maxsize=1024)
def percent(rate: Decimal) -> str:
    """A rate as a percentage for statement lines.

    >>> percent(Decimal("0.075")), percent(Decimal("1.5"))
    ('7.5%', '150%')
    """
    text = f"{rate * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def variable_total(lines: Sequence[StatementLine]) -> Decimal:
    """The sum of the variable lines so far."""
    total = _ZERO
    for line in lines:
        if line.kind is LineKind.VARIABLE:
            total += line.amount.amount
    return total


def _deals_of(lines: Sequence[StatementLine]) -> tuple[str, ...]:
    """The deals behind ``lines`` (shared tuples are reused, not re-sorted)."""
    tuples = {id(ln.deals): ln.deals for ln in lines}
    if len(tuples) == 1:
        return next(iter(tuples.values()))
    return tuple(sorted({d for ln in lines for d in ln.deals}))


# --- salary and rates -----------------------------------------------------------


def _tiers(values: Iterable[Tier]) -> tuple[Tier, ...]:
    return tuple(values)


def _points(values: Iterable[CurvePoint]) -> tuple[CurvePoint, ...]:
    return tuple(values)


def _bands(values: Iterable[Band]) -> tuple[Band, ...]:
    return tuple(values)


def _names(values: Iterable[str]) -> tuple[str, ...]:
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
        text = "base salary" if share == _ONE else f"base salary, {share:.4f} of period"
        return [
            StatementLine(
                self.name,
                LineKind.FIXED,
                text,
                context.money(self.amount.amount * share),
                share,
                "share of period",
                None,
            )
        ]


@register_component("flat_rate")
@attrs.frozen
class FlatRate:
    """A rate on the credited amount, optionally on matching credits only.

    >>> FlatRate("commission", "-0.05")
    Traceback (most recent call last):
    ...
    accountcore.errors.PlanDefinitionError: FlatRate 'commission' is invalid (1 fault):
      - rate must not be below 0, got -0.05
    """

    name: str
    rate: Decimal = attrs.field(converter=lenient_decimal)
    where: CreditFilter = attrs.field(factory=CreditFilter)

    def __attrs_post_init__(self) -> None:
        check(
            f"FlatRate {self.name!r}",
            name_faults(self.name) + decimal_faults("rate", self.rate),
        )

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        basis, deals = context.basis(self.where)
        if not basis and not deals:
            return []
        return [
            StatementLine(
                self.name,
                LineKind.VARIABLE,
                f"{percent(self.rate)} of credited amount"
                + ("" if self.where.is_everything else f" ({self.where.describe()})"),
                context.money(basis * self.rate),
                basis,
                context.currency,
                self.rate,
                deals,
            )
        ]


# --- tiers -------------------------------------------------------------------------


class Basis(enum.Enum):
    """What tier bounds measure: the credited amount or quota attainment."""

    AMOUNT = "amount"
    ATTAINMENT = "attainment"


class Mode(enum.Enum):
    """Marginal: each slice at its tier's rate. Retroactive: everything at
    the rate of the tier reached."""

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


def tier_faults(tiers: Sequence[Tier]) -> list[str]:
    """Every fault of a tier table: start, gaps, overlaps, order, rates."""
    faults: list[str] = []
    if not tiers:
        return ["at least one tier is needed"]
    previous: Decimal | None = None
    for index, tier in enumerate(tiers, start=1):
        own = decimal_faults(f"tier {index} lower", tier.lower, minimum=None)
        if tier.upper is not None:
            own += decimal_faults(f"tier {index} upper", tier.upper, minimum=None)
        faults += own + decimal_faults(f"tier {index} rate", tier.rate)
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

    Below zero (clawbacks larger than credits) the first tier's rate applies.

    >>> Tiered("t", (Tier("0", "100", "0.05"), Tier("90", None, "0.08"), Tier("200", "150", "-1")))
    Traceback (most recent call last):
    ...
    accountcore.errors.PlanDefinitionError: Tiered 't' is invalid (4 faults):
      - tier 2 starts at 90, overlapping the tier before (which ends at 100)
      - tier 2 is open-ended but is not the last tier
      - tier 3 rate must not be below 0, got -1
      - tier 3 ends at 150, not above its start 200
    """

    name: str
    tiers: tuple[Tier, ...] = attrs.field(converter=_tiers)
    basis: Basis = attrs.field(default=Basis.AMOUNT, converter=Basis)
    mode: Mode = attrs.field(default=Mode.MARGINAL, converter=Mode)
    where: CreditFilter = attrs.field(factory=CreditFilter)

    def __attrs_post_init__(self) -> None:
        check(f"Tiered {self.name!r}", name_faults(self.name) + tier_faults(self.tiers))

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
        """The exact (unrounded) pay on ``amount`` with bounds times ``scale``.

        >>> Tiered("t", (Tier("0", "1000", "0.01"), Tier("1000", None, "0.02"))).pay(Decimal("1050"))
        Decimal('11.00')
        """
        return sum((pay for _, _, pay in self.slices(amount, scale)), _ZERO)

    def slices(
        self, amount: Decimal, scale: Decimal = _ONE
    ) -> list[tuple[int, Decimal, Decimal]]:
        """``(tier index, slice of amount, pay)`` for each tier reached."""
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
        if not basis and not deals:
            return []
        scale = self._scale(context)
        if scale is None or (scale != _ONE and basis != context.amount):
            return self._proportional(context, basis, deals)
        unit = context.currency
        if self.basis is Basis.ATTAINMENT:
            unit = "attainment"
            # an attainment cap on the plan limits the credit that earns
            basis = min(basis, context.require_attainment(self.name) * scale)
        out = []
        for index, part, pay in self.slices(basis, scale):
            tier = self.tiers[index]
            upper = "and above" if tier.upper is None else f"to {tier.upper}"
            how = "all credited" if self.mode is Mode.RETROACTIVE else "slice"
            out.append(
                StatementLine(
                    self.name,
                    LineKind.VARIABLE,
                    f"{percent(tier.rate)} on {how} {part} (tier {tier.lower} {upper} {unit})",
                    context.money(pay),
                    part,
                    context.currency,
                    tier.rate,
                    deals,
                )
            )
        return out

    def _proportional(
        self, context: Context, basis: Decimal, deals: tuple[str, ...]
    ) -> list[StatementLine]:
        ratio = context.require_attainment(self.name)
        if self.mode is Mode.RETROACTIVE or ratio <= 0 or basis <= 0:
            tier = self.tiers[self.tier_of(max(ratio, _ZERO))]
            return [
                StatementLine(
                    self.name,
                    LineKind.VARIABLE,
                    f"{percent(tier.rate)} on all credited (attainment {ratio:.4f})",
                    context.money(basis * tier.rate),
                    basis,
                    context.currency,
                    tier.rate,
                    deals,
                )
            ]
        out = []
        for tier in self.tiers:
            part = context.band_slice(tier.lower, tier.upper, basis)
            if part:
                out.append(
                    StatementLine(
                        self.name,
                        LineKind.VARIABLE,
                        f"{percent(tier.rate)} on the share of credit in attainment "
                        f"{tier.lower} to {tier.upper or 'above'}",
                        context.money(part * tier.rate),
                        part,
                        context.currency,
                        tier.rate,
                        deals,
                    )
                )
        return out

    def deal_payouts(self, context: Context) -> tuple[tuple[str, Money], ...]:
        """Marginal pay per credit in credited order, rounded so that the parts
        add up to the rounded pay of the total (cumulative rounding).

        Each credit earns ``pay(cumulative after) − pay(cumulative before)``:
        a deal that crosses a tier boundary is paid part at each rate.
        """
        scale = self._scale(context) if self.basis is Basis.ATTAINMENT else _ONE
        if scale is None:
            raise ValueError(
                f"Tiered {self.name!r}: per-deal pay needs money bounds "
                "(basis amount, or attainment of a money quota)"
            )
        out = []
        cumulative = _ZERO
        paid = _ZERO
        for credit, value in context.ordered():
            if not self.where.matches(credit):
                continue
            cumulative += value
            reached = context.money(self.pay(cumulative, scale)).amount
            out.append((credit.deal_id, _make(reached - paid, context.currency)))
            paid = reached
        return tuple(out)


# --- pay curve -----------------------------------------------------------------------


@attrs.frozen
class CurvePoint:
    """At ``attainment``, the curve pays ``payout`` times the target incentive."""

    attainment: Decimal = attrs.field(converter=lenient_decimal)
    payout: Decimal = attrs.field(converter=lenient_decimal)


@register_component("pay_curve")
@attrs.frozen
class PayCurve:
    """Payout by attainment: straight lines between points, nothing below the
    first point, and the last point as the cap.

    >>> curve = PayCurve("curve", (CurvePoint("0.5", "0.25"), CurvePoint("1", "1"), CurvePoint("1.5", "2")), Money("10000", "EUR"))
    >>> curve.factor(Decimal("0.75")), curve.factor(Decimal("0.4")), curve.factor(Decimal("3"))
    (Decimal('0.625'), Decimal('0'), Decimal('2'))
    >>> PayCurve("curve", (CurvePoint("1", "1"), CurvePoint("0.5", "0.25")), Money("1", "EUR"))
    Traceback (most recent call last):
    ...
    accountcore.errors.PlanDefinitionError: PayCurve 'curve' is invalid (1 fault):
      - point 2 attainment 0.5 is not above point 1's 1: a curve ascends in attainment
    """

    name: str
    points: tuple[CurvePoint, ...] = attrs.field(converter=_points)
    target_incentive: Money

    def __attrs_post_init__(self) -> None:
        faults = name_faults(self.name) + money_faults(
            "target_incentive", self.target_incentive
        )
        if not self.points:
            faults.append("at least one point is needed")
        previous: Decimal | None = None
        for index, point in enumerate(self.points, start=1):
            own = decimal_faults(f"point {index} attainment", point.attainment)
            own += decimal_faults(f"point {index} payout", point.payout)
            faults += own
            if own:
                continue
            if previous is not None and point.attainment <= previous:
                faults.append(
                    f"point {index} attainment {point.attainment} is not above point "
                    f"{index - 1}'s {previous}: a curve ascends in attainment"
                )
            previous = point.attainment
        check(f"PayCurve {self.name!r}", faults)

    def factor(self, attainment: Decimal) -> Decimal:
        """The payout factor at ``attainment`` (interpolated, capped)."""
        points = self.points
        if attainment < points[0].attainment:
            return _ZERO
        for left, right in itertools.pairwise(points):
            if attainment < right.attainment:
                span = right.attainment - left.attainment
                return (
                    left.payout
                    + (right.payout - left.payout)
                    * (attainment - left.attainment)
                    / span
                )
        return points[-1].payout

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        ratio = context.require_attainment(self.name)
        factor = self.factor(ratio)
        return [
            StatementLine(
                self.name,
                LineKind.VARIABLE,
                f"pay curve at attainment {ratio:.4f}: {factor:.4f} × target incentive "
                f"{self.target_incentive}",
                context.money(factor * self.target_incentive.amount),
                ratio,
                "attainment",
                factor,
                context.deal_ids(),
            )
        ]


# --- modifiers ---------------------------------------------------------------------


@attrs.frozen
class Band:
    """An attainment band ``[lower, upper)`` where rates are multiplied."""

    lower: Decimal = attrs.field(converter=lenient_decimal)
    upper: Decimal | None = attrs.field(converter=lenient_decimal)
    multiplier: Decimal = attrs.field(converter=lenient_decimal)


@register_component("accelerator")
@attrs.frozen
class Accelerator:
    """Multiplies the rate of earlier components on the credit that falls in
    attainment bands; a multiplier below 1 is a decelerator.

    ``of`` names the components it multiplies (empty: every variable line
    before it). The extra pay for a band is the multiplied components' pay
    times the share of the credit in that band times ``multiplier − 1``.

    >>> Accelerator("kicker", (Band("1", None, "1.5"),)).bands[0].multiplier
    Decimal('1.5')
    """

    name: str
    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    of: tuple[str, ...] = attrs.field(default=(), converter=_names)

    def __attrs_post_init__(self) -> None:
        faults = name_faults(self.name)
        if not self.bands:
            faults.append("at least one band is needed")
        previous: Decimal | None = None
        for index, band in enumerate(self.bands, start=1):
            own = decimal_faults(f"band {index} lower", band.lower)
            own += decimal_faults(f"band {index} multiplier", band.multiplier)
            if band.upper is not None:
                own += decimal_faults(f"band {index} upper", band.upper)
            faults += own
            if own:
                continue
            if previous is not None and band.lower < previous:
                faults.append(
                    f"band {index} starts at {band.lower}, overlapping {previous}"
                )
            if band.upper is not None and band.upper <= band.lower:
                faults.append(
                    f"band {index} ends at {band.upper}, not above {band.lower}"
                )
            if band.upper is None and index != len(self.bands):
                faults.append(f"band {index} is open-ended but is not the last band")
            previous = band.upper
        check(f"Accelerator {self.name!r}", faults)

    @property
    def decelerates(self) -> bool:
        """Whether any band multiplies by less than 1."""
        return any(band.multiplier < _ONE for band in self.bands)

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        ratio = context.require_attainment(self.name)
        chosen = [
            ln
            for ln in lines
            if ln.kind is LineKind.VARIABLE
            and (ln.component in self.of if self.of else True)
        ]
        paid = sum((ln.amount.amount for ln in chosen), _ZERO)
        basis = context.amount
        if not paid or basis <= 0 or ratio <= 0:
            return []
        deals = _deals_of(chosen)
        out = []
        for band in self.bands:
            if band.multiplier == _ONE:
                continue
            share = context.band_slice(band.lower, band.upper, basis) / basis
            if not share:
                continue
            upper = "and above" if band.upper is None else f"to {percent(band.upper)}"
            out.append(
                StatementLine(
                    self.name,
                    LineKind.VARIABLE,
                    f"×{band.multiplier} on pay for attainment {percent(band.lower)} "
                    f"{upper} ({share:.4f} of credit)",
                    context.money(paid * share * (band.multiplier - _ONE)),
                    paid * share,
                    context.currency,
                    band.multiplier,
                    deals,
                )
            )
        return out


@register_component("gate")
@attrs.frozen
class Gate:
    """No variable pay (so far in the plan) below an attainment threshold.

    >>> Gate("gate", "0.5").threshold
    Decimal('0.5')
    """

    name: str
    threshold: Decimal = attrs.field(converter=lenient_decimal)

    def __attrs_post_init__(self) -> None:
        check(
            f"Gate {self.name!r}",
            name_faults(self.name) + decimal_faults("threshold", self.threshold),
        )

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        ratio = context.require_attainment(self.name)
        paid = variable_total(lines)
        if ratio >= self.threshold or not paid:
            return []
        return [
            StatementLine(
                self.name,
                LineKind.VARIABLE,
                f"gate: attainment {percent(ratio.quantize(Decimal('0.0001')))} is "
                f"below {percent(self.threshold)}, variable pay withheld",
                _make(-paid, context.currency),
                ratio,
                "attainment",
                self.threshold,
            )
        ]


@register_component("cap")
@attrs.frozen
class Cap:
    """Limits the variable pay so far in the plan to ``limit`` per period
    (per year to date in a year-to-date plan).

    >>> Cap("cap", Money("-1", "EUR"))
    Traceback (most recent call last):
    ...
    accountcore.errors.PlanDefinitionError: Cap 'cap' is invalid (1 fault):
      - limit must not be negative, got -1 EUR
    """

    name: str
    limit: Money

    def __attrs_post_init__(self) -> None:
        faults = name_faults(self.name) + money_faults("limit", self.limit)
        if isinstance(self.limit, Money) and self.limit.amount < 0:
            faults.append(f"limit must not be negative, got {self.limit}")
        check(f"Cap {self.name!r}", faults)

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        paid = variable_total(lines)
        excess = paid - self.limit.amount
        if excess <= 0:
            return []
        return [
            StatementLine(
                self.name,
                LineKind.VARIABLE,
                f"cap: variable pay {_make(paid, context.currency)} limited to {self.limit}",
                _make(-excess, context.currency),
                paid,
                context.currency,
                None,
            )
        ]
