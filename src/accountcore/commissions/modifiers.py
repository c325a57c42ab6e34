"""Pay curves and modifiers: components that act on attainment or on the
variable pay before them.

A :class:`PayCurve` pays a target incentive times a factor read off a curve
of attainment; an :class:`Accelerator` multiplies earlier pay in attainment
bands (a decelerator below 1); a :class:`Gate` withholds variable pay below a
threshold; a :class:`Cap` limits it.

>>> from accountcore.money import Money
>>> Cap("cap", Money("12000", "EUR")).limit
Money('12000', 'EUR')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from accountcore.commissions._checks import (
    _deals_of,
    check,
    decimal_faults,
    lenient_decimal,
    money_faults,
    name_faults,
    percent,
    variable_total,
)
from accountcore.commissions.context import Columns, Context, register_component
from accountcore.commissions.statement import LineKind, StatementLine, _line
from accountcore.i18n import Message, Percent
from accountcore.money import Money, _make

__all__ = ["Accelerator", "Band", "Cap", "CurvePoint", "Gate", "PayCurve"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _points(values: Iterable[CurvePoint]) -> tuple[CurvePoint, ...]:
    return tuple(values)


def _bands(values: Iterable[Band]) -> tuple[Band, ...]:
    return tuple(values)


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


# --- pay curve -----------------------------------------------------------------------


@attrs.frozen
class CurvePoint:
    """At ``attainment``, the curve pays ``payout`` times the target incentive.

    >>> CurvePoint("1.5", "2")
    CurvePoint(attainment=Decimal('1.5'), payout=Decimal('2'))
    """

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
    accountcore.commissions.errors.PlanDefinitionError: PayCurve 'curve' is invalid (1 fault):
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
        numerator, denominator = self.fraction(attainment)
        return numerator / denominator

    def fraction(self, reach: Decimal, of: Decimal = _ONE) -> tuple[Decimal, Decimal]:
        """The payout factor at attainment ``reach / of`` as ``(numerator,
        denominator)``, both exact: points compared as ``reach`` against
        ``attainment × of`` and the interpolation multiplied out, so that the
        pay (target incentive × numerator ÷ denominator) divides once, last.

        >>> curve = PayCurve("curve", (CurvePoint("0.5", "0.25"), CurvePoint("1", "1")), Money("10000", "EUR"))
        >>> curve.fraction(Decimal("150000"), Decimal("200000"))  # 75 % of quota
        (Decimal('62500.000'), Decimal('100000.0'))
        """
        points = self.points
        if reach < points[0].attainment * of:
            return _ZERO, _ONE
        for left, right in itertools.pairwise(points):
            if reach < right.attainment * of:
                span = right.attainment - left.attainment
                # left + (right − left) × (reach / of − left_at) / span
                return (
                    left.payout * span * of
                    + (right.payout - left.payout) * (reach - left.attainment * of),
                    span * of,
                )
        return points[-1].payout, _ONE

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        ratio = context.require_attainment(self.name)
        numerator, denominator = self.fraction(*context.attainment_fraction(self.name))
        factor = numerator / denominator
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"pay curve at attainment {ratio:.4f}: {factor:.4f} × target incentive "
                f"{self.target_incentive}",
                context.money(numerator * self.target_incentive.amount / denominator),
                ratio,
                "attainment",
                factor,
                context.deal_ids(),
                Message.of(
                    "commissions.line.pay_curve",
                    attainment=Percent(ratio, 1),
                    factor=Percent(factor, 1),
                    target=self.target_incentive,
                ),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: :meth:`fraction` at reach ÷ target on every
        owner's row (the segment reach falls in chosen row by row), the pay
        the target incentive × numerator ÷ denominator, divided last."""
        if self.target_incentive.currency != on.currency:
            return False
        reach, of = on.figure("reach"), on.figure("target")
        points = self.points
        # beyond the last point: its payout; then each segment, the first
        # whose right end reach is below winning; below the first point: 0
        numerator, denominator = on.constant(points[-1].payout), on.constant(_ONE)
        for left, right in reversed(list(itertools.pairwise(points))):
            span = right.attainment - left.attainment
            inside = reach < of * right.attainment
            numerator = on.choose(
                inside,
                of * (left.payout * span)
                + (reach - of * left.attainment) * (right.payout - left.payout),
                numerator,
            )
            denominator = on.choose(inside, of * span, denominator)
        below = reach < of * points[0].attainment
        numerator = on.choose(below, on.constant(_ZERO), numerator)
        denominator = on.choose(below, on.constant(_ONE), denominator)
        on.line(
            self.name,
            LineKind.VARIABLE,
            on.flag("everyone"),
            on.money(numerator * self.target_incentive.amount / denominator),
            on.figure("ratio"),
            "attainment",
            numerator / denominator,
            "commissions.line.pay_curve",
            deals="all",
        )
        return True


# --- modifiers ---------------------------------------------------------------------


@attrs.frozen
class Band:
    """An attainment band ``[lower, upper)`` where rates are multiplied.

    >>> Band("1.2", None, "1.25")
    Band(lower=Decimal('1.2'), upper=None, multiplier=Decimal('1.25'))
    """

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
        of = self.of
        variable = LineKind.VARIABLE
        chosen = [
            ln for ln in lines if ln.kind is variable and (not of or ln.component in of)
        ]
        paid = _ZERO
        for ln in chosen:
            paid += ln.amount.amount
        basis = context.amount
        if not paid or basis <= 0 or ratio <= 0:
            return []
        deals = _deals_of(chosen) if context.explain_deals else ()
        out = []
        for band in self.bands:
            if band.multiplier == _ONE:
                continue
            # the share of the credit in the band, as a fraction: the pay is
            # paid × numerator × (multiplier − 1) ÷ denominator, one division
            numerator, denominator = context.band_share(band.lower, band.upper, basis)
            if not numerator:
                continue
            share = numerator / denominator
            upper = "and above" if band.upper is None else f"to {percent(band.upper)}"
            out.append(
                _line(
                    self.name,
                    LineKind.VARIABLE,
                    f"×{band.multiplier} on pay for attainment {percent(band.lower)} "
                    f"{upper} ({share:.4f} of credit)",
                    context.money(
                        paid * numerator * (band.multiplier - _ONE) / denominator
                    ),
                    paid * numerator / denominator,
                    context.currency,
                    band.multiplier,
                    deals,
                    Message.of(
                        "commissions.line.accelerator"
                        + ("_open" if band.upper is None else ""),
                        multiplier=band.multiplier,
                        lower=Percent(band.lower),
                        share=Percent(share, 1),
                        **(
                            {} if band.upper is None else {"upper": Percent(band.upper)}
                        ),
                    ),
                )
            )
        return out

    def columns(self, on: Columns) -> bool:
        """The column form: per band that changes pay, the chosen pay ×
        the credit in the band × (multiplier − 1) ÷ the credit, divided
        last; no line at or below the band's lower bound."""
        target, reach = on.figure("target"), on.figure("reach")
        paid, basis = on.variable_of(self.of), on.figure("amount")
        some = ~paid.is_zero() & (basis > _ZERO)
        # divided where there is no line too: by 1 there, not by a basis of 0
        basis = on.choose(basis > _ZERO, basis, on.constant(_ONE))
        for band in self.bands:
            if band.multiplier == _ONE:
                continue
            low = target * band.lower
            high = reach
            if band.upper is not None:
                high = on.smaller(reach, target * band.upper)
            width = high - low
            on.line(
                self.name,
                LineKind.VARIABLE,
                some & (high > low),
                on.money(paid * width * (band.multiplier - _ONE) / basis),
                paid * width / basis,
                on.currency,
                band.multiplier,
                "commissions.line.accelerator"
                + ("_open" if band.upper is None else ""),
                lower=band.lower,
                upper=band.upper,
                share=width / basis,
                deals="variable",
                of=self.of,
            )
        return True


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
        if not paid or context.attains(self.threshold, self.name):
            return []
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"gate: attainment {percent(ratio.quantize(Decimal('0.0001')))} is "
                f"below {percent(self.threshold)}, variable pay withheld",
                _make(-paid, context.currency),
                ratio,
                "attainment",
                self.threshold,
                (),
                Message.of(
                    "commissions.line.gate",
                    attainment=Percent(ratio, 1),
                    threshold=Percent(self.threshold),
                ),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: the variable pay so far withheld where reach
        is below threshold × target."""
        paid = on.variable_of(())
        on.line(
            self.name,
            LineKind.VARIABLE,
            ~paid.is_zero()
            & (on.figure("reach") < on.figure("target") * self.threshold),
            on.constant(_ZERO) - paid,
            on.figure("ratio"),
            "attainment",
            self.threshold,
            "commissions.line.gate",
        )
        return True


@register_component("cap")
@attrs.frozen
class Cap:
    """Limits the variable pay so far in the plan to ``limit`` per period
    (per year to date in a year-to-date plan).

    >>> Cap("cap", Money("-1", "EUR"))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: Cap 'cap' is invalid (1 fault):
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
        # rounded like every line: a limit finer than the minor unit would
        # leave a line of 10.005 − 20.00 = −9.995 (and a cut of less than
        # half a unit, no line)
        cut = context.money(self.limit.amount - paid)
        if cut.amount >= 0:
            return []
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"cap: variable pay {_make(paid, context.currency)} limited to {self.limit}",
                cut,
                paid,
                context.currency,
                None,
                (),
                Message.of(
                    "commissions.line.cap",
                    paid=_make(paid, context.currency),
                    limit=self.limit,
                ),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: the variable pay so far cut down to the limit
        (the cut rounded like every line)."""
        if self.limit.currency != on.currency:
            return False
        paid = on.variable_of(())
        cut = on.money(on.constant(self.limit.amount) - paid)
        on.line(
            self.name,
            LineKind.VARIABLE,
            cut < _ZERO,
            cut,
            paid,
            on.currency,
            None,
            "commissions.line.cap",
        )
        return True
