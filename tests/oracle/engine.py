"""The oracle's rules: one function per component, exact fractions throughout.

Written from ``docs/commissions.md`` and issue 13's shared semantics, not
from the library's code. Each rule quotes (or paraphrases) the sentence it
implements. Where the docs are silent, the choice is written down as
``ASSUMED`` so that a mismatch can be judged.

Numbers: every amount is a :class:`~fractions.Fraction`; money is rounded
half up (away from zero, as :data:`decimal.ROUND_HALF_UP`) to the
currency's minor unit once per line (:func:`round_half_up`). Nothing else is
ever rounded: a slice, a share, a ratio stays exact until its line.

>>> round_half_up(Fraction(3914995, 1000), "EUR"), round_half_up(Fraction(-5, 1000), "EUR")
(Fraction(3915, 1), Fraction(-1, 100))
>>> allocate(Fraction(1000), [Fraction(1), Fraction(1), Fraction(1)], "JPY")
[Fraction(334, 1), Fraction(333, 1), Fraction(333, 1)]
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from accountcore.commissions import (
    Accelerator,
    AttainmentBonus,
    BaseSalary,
    Cap,
    ClientServedBonus,
    DiscountRates,
    Draw,
    FeedbackBonus,
    FixedPay,
    FlatRate,
    Gate,
    NewClientBonus,
    PayCurve,
    PerClientHeld,
    RateRules,
    Sections,
    Spiff,
    Tiered,
)
from accountcore.money import CURRENCIES

__all__ = [
    "DealRecord",
    "Line",
    "OracleError",
    "OracleLedger",
    "OracleStatement",
    "allocate",
    "calculate_team",
    "decimal_of",
    "fits",
    "is_half_unit",
    "round_half_up",
]

ZERO = Fraction(0)
ONE = Fraction(1)

# line kinds, as the library's LineKind values
FIXED = "fixed"
VARIABLE = "variable"
PERIODIC = "periodic"
TRUE_UP = "true_up"
DRAW = "draw"
RECOVERABLE_DRAW = "recoverable_draw"
CLAWBACK = "clawback"
EARNED = (VARIABLE, PERIODIC, TRUE_UP, CLAWBACK)

S1_HALF_UNIT = "S1: a pay curve or accelerator line exactly on half a minor unit"
S2_RATIO = "S2: attainment tiers whose ratio does not fit 28 digits"
NR_DRAW_ON_LOSS = "non-recoverable draw on negative earnings"
TARGET_OF_ONE = "filtered attainment tiers against a money target of exactly 1"
TERSE_ZERO_BASIS = "attainment tiers on a zero basis with credits and no quota"
FLAGS = (S1_HALF_UNIT, S2_RATIO, NR_DRAW_ON_LOSS, TARGET_OF_ONE, TERSE_ZERO_BASIS)
"""Edges where the library is known to disagree with the oracle: the
library divides before it multiplies (S1, S2 of issue 13), or disagrees with
its docs (found by the oracle, reported; tests/test_commissions_oracle.py
has a reproducer for each). A statement meeting one carries the flag, and
the differential tests that must pass today leave that owner out; the tests
marked for the fix take them in."""
"""What draws settle against: earned variable pay (a clawback is variable
pay taken back, so it counts)."""

Span = tuple[dt.date, dt.date]
"""A half-open range of days ``[start, end)``."""


class OracleError(Exception):
    """The oracle refuses the calculation; ``expected`` names the library
    error class that should be raised (``None``: any AccountcoreError);
    ``flags`` the known edges the refusal met (see ``FLAGS``)."""

    def __init__(
        self, expected: str | None, why: str, flags: frozenset[str] = frozenset()
    ) -> None:
        self.expected = expected
        self.why = why
        self.flags = flags
        super().__init__(f"{expected or 'an error'}: {why}")


# --- numbers ---------------------------------------------------------------------


def exact(value: object) -> Fraction:
    """A Decimal, int or numeric str as an exact fraction."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int | Decimal):
        return Fraction(value)
    if isinstance(value, str):
        return Fraction(Decimal(value))
    raise TypeError(f"not a number: {value!r}")


def money(value: Any) -> Fraction:
    """The amount of a Money (its ``amount`` attribute), exactly."""
    return exact(value.amount)


def units(currency: str) -> int:
    return CURRENCIES[currency]


def decimal_of(value: Fraction) -> Decimal:
    """A fraction whose denominator divides a power of ten, as the exact
    Decimal (for reading and for comparing with the library).

    >>> decimal_of(Fraction(783, 200))
    Decimal('3.915')
    """
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
        if places > 60:
            raise ValueError(f"{value} is not a decimal fraction")
    return Decimal((value * 10**places).numerator).scaleb(-places)


def is_half_unit(value: Fraction, currency: str) -> bool:
    """Whether ``value`` lies exactly on half a minor unit (where rounding
    decides)."""
    return (value * 10 ** units(currency)).denominator == 2


def fits(value: Fraction, digits: int = 28) -> bool:
    """Whether ``value`` is a decimal of at most ``digits`` significant
    digits (what a Decimal quotient in the default context keeps exactly)."""
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
        if places > digits + 40:
            return False
    whole = abs((value * 10**places).numerator)
    return len(str(whole).rstrip("0") or "0") <= digits


def round_half_up(value: Fraction, currency: str) -> Fraction:
    """``value`` rounded to the minor unit, halves away from zero."""
    scale = 10 ** units(currency)
    scaled = abs(value) * scale
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Fraction(whole if value >= 0 else -whole, scale)


def allocate(
    amount: Fraction, weights: Sequence[Fraction], currency: str
) -> list[Fraction]:
    """``amount`` (already on the minor unit) split by ``weights`` with the
    largest remainder: each part gets the floor of its exact share in minor
    units, the units left over go one each to the largest remainders, ties
    to the earlier weight; a negative amount is split as its absolute value.
    """
    scale = 10 ** units(currency)
    total_units = amount * scale
    assert total_units.denominator == 1, "allocate money on the minor unit"
    sign = -1 if total_units < 0 else 1
    count = abs(total_units.numerator)
    total_weight = sum(weights, ZERO)
    shares = [count * w / total_weight for w in weights]
    floors = [s.numerator // s.denominator for s in shares]
    left = count - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [Fraction(sign * f, scale) for f in floors]


# --- dates -----------------------------------------------------------------------


def span_of(period: Any) -> Span:
    """A library Period (read through ``start`` and ``end``) as a span."""
    return (period.start, period.end)


def inside(day: dt.date, span: Span) -> bool:
    return span[0] <= day < span[1]


def days(span: Span) -> int:
    return (span[1] - span[0]).days


def fiscal_year(day: dt.date, start_month: int) -> Span:
    """The fiscal year (starting on the 1st of ``start_month``) holding ``day``."""
    year = day.year if day.month >= start_month else day.year - 1
    return (dt.date(year, start_month, 1), dt.date(year + 1, start_month, 1))


# --- ledger and statement ----------------------------------------------------------


@dataclass(frozen=True)
class DealRecord:
    """What one deal earned (issue 13, S4): the weighted credited amount that
    counted, the variable pay attributed to it, and the period it was paid in."""

    credited: Fraction
    earned: Fraction
    period: Span


@dataclass(frozen=True)
class OracleLedger:
    """The oracle's own ledger, carried between its statements."""

    owner: str
    currency: str
    draw_balance: Fraction = ZERO
    paid_to_date: Fraction = ZERO
    credited_to_date: Fraction = ZERO
    year: Span | None = None
    through: dt.date | None = None
    deals: Mapping[str, DealRecord] = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    """One statement line: its component, kind (a LineKind value), rounded
    amount, and for a flat rate or a tier on money bounds the exact money
    basis it was paid on (``None`` where the basis is a share or a ratio)."""

    component: str
    kind: str
    amount: Fraction
    basis: Fraction | None = None
    note: str = ""


@dataclass(frozen=True)
class OracleStatement:
    owner: str
    period: Span
    currency: str
    lines: tuple[Line, ...]
    ledger: OracleLedger
    credited: Fraction
    attainment: Fraction | None
    flags: frozenset[str] = frozenset()
    """Edges this statement met where the library is known to disagree with
    the docs (see ``FLAGS``); a test may leave such examples out."""

    @property
    def total(self) -> Fraction:
        """The sum of the rounded lines."""
        return sum((line.amount for line in self.lines), ZERO)


# --- what one owner's statement sees ----------------------------------------------


@dataclass
class Facts:
    """One owner's figures for one statement."""

    owner: str
    currency: str
    period: Span
    window: Span
    year: Span
    credits: list[Any]  # the credits in the basis (library Credit objects)
    amount: Fraction  # the credited basis, weighted
    ratio: Fraction | None  # attainment, capped
    target: Fraction | None  # the money target (None: no quota or a count quota)
    cap: Fraction | None  # the plan's attainment cap
    weights: Mapping[str, Fraction]
    activity: Any
    ledger: OracleLedger
    summed: bool  # fed a sum (ledger) for the credits before the period
    flags: set[str] = field(default_factory=set)

    def value(self, credit: Any) -> Fraction:
        """A credit's amount times its tier weight ("tier_weights makes a VIP
        credit count 1.2 times")."""
        weight = self.weights.get(credit.client_tier.value, ONE)
        return money(credit.amount) * weight

    def need_ratio(self, component: str) -> Fraction:
        if self.ratio is None:
            raise OracleError(
                "MissingQuotaError",
                f"{component} needs attainment",
                frozenset(self.flags),
            )
        return self.ratio

    def need_credits(self, component: str) -> None:
        if self.summed:
            raise OracleError(
                None,
                f"{component} needs every credit since the fiscal year's start, "
                "not the ledger's sum",
            )


def matches(where: Any, credit: Any) -> bool:
    """A CreditFilter: every non-empty field must hold the credit's value,
    and "a credit any of [the exclusions] matches is left out"."""
    return (
        (not where.products or credit.product in where.products)
        and (not where.categories or credit.category in where.categories)
        and (not where.tiers or credit.client_tier.value in where.tiers)
        and (not where.kinds or credit.client_kind.value in where.kinds)
        and (not where.deal_types or credit.deal_type.value in where.deal_types)
        and not any(matches(excluded, credit) for excluded in where.exclude)
    )


def everything(where: Any) -> bool:
    return (
        not (
            where.products
            or where.categories
            or where.tiers
            or where.kinds
            or where.deal_types
        )
        and not where.exclude
    )


def variable_sum(lines: Sequence[Line]) -> Fraction:
    return sum((ln.amount for ln in lines if ln.kind == VARIABLE), ZERO)


# --- components --------------------------------------------------------------------


def salary(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """Salary: "a fixed amount per period, prorated by the days active": amount ×
    active days / days of the period (one division, last)."""
    active = facts.activity.active if facts.activity is not None else None
    period = facts.period
    if active is None:
        share_days = days(period)
    else:
        start, end = max(period[0], active.start), min(period[1], active.end)
        share_days = max((end - start).days, 0)
    pay = money(c.amount) * share_days / days(period)
    return [Line(c.name, FIXED, round_half_up(pay, facts.currency))]


def basis_of(where: Any, facts: Facts, component: str) -> tuple[Fraction, bool]:
    """The credited basis a rate component pays on, and whether any credit
    fed it (a component with neither adds no line)."""
    if everything(where):
        return facts.amount, bool(facts.credits)
    facts.need_credits(component)
    chosen = [c for c in facts.credits if matches(where, c)]
    return sum((facts.value(c) for c in chosen), ZERO), bool(chosen)


def flat_rate(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """Flat rate: "a rate on the credited amount, optionally filtered"."""
    basis, fed = basis_of(c.where, facts, c.name)
    if not basis and not fed:
        return []
    rate = exact(c.rate)
    return [Line(c.name, VARIABLE, round_half_up(basis * rate, facts.currency), basis)]


def tier_holding(tiers: Sequence[Any], value: Fraction, scale: Fraction) -> int:
    """Half-open tiers: "an amount exactly on a boundary belongs to the tier
    above"; the last tier holds everything beyond."""
    for index, tier in enumerate(tiers):
        if tier.upper is None or value < exact(tier.upper) * scale:
            return index
    return len(tiers) - 1


def money_slices(
    tiers: Sequence[Any], retroactive: bool, basis: Fraction, scale: Fraction
) -> list[tuple[int, Fraction]]:
    """(tier, slice of money) for a basis with money bounds bound × scale.

    Marginal: "each slice of the basis at its own tier's rate"; retroactive:
    "the whole basis at the rate of the tier it reaches"; "below zero
    (clawbacks larger than credits) the first tier's rate applies".
    """
    if basis < 0:
        return [(0, basis)]
    if basis == 0:
        return []
    if retroactive:
        return [(tier_holding(tiers, basis, scale), basis)]
    out = []
    for index, tier in enumerate(tiers):
        low = exact(tier.lower) * scale
        if basis <= low:
            break
        high = basis if tier.upper is None else min(basis, exact(tier.upper) * scale)
        out.append((index, high - low))
    return out


def tiered(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """Tiers on amount, or on attainment.

    On attainment with a money quota of target T, a tier [lo, hi) is the
    money range [lo×T, hi×T) (exact products, issue 13 S2), and the plan's
    attainment cap c limits the credit that earns to c×T. Otherwise (a count
    quota, a zero target, or a filter whose credits are not the whole basis)
    the basis is shared out in proportion to attainment, as before issue 13:
    the share of tier [lo, hi) is (min(r, hi) − lo) / r of the basis.
    """
    basis, fed = basis_of(c.where, facts, c.name)
    if not basis and not fed:
        return []
    tiers = c.tiers
    retroactive = c.mode.value == "retroactive"
    cur = facts.currency
    if c.basis.value == "amount":
        pieces = money_slices(tiers, retroactive, basis, ONE)
    else:
        if not basis and facts.ratio is None:
            # with explain_deals=False the library sees no deals here and
            # adds no line instead of refusing: flagged, reported
            facts.flags.add(TERSE_ZERO_BASIS)
        ratio = facts.need_ratio(c.name)
        target = facts.target
        # ASSUMED (docs silent on filtered attainment tiers): a filter whose
        # credits make the whole basis is no filter; any other filtered basis
        # is shared out in proportion, like a count quota.
        if (
            target is not None
            and target > 0
            and (everything(c.where) or basis == facts.amount)
        ):
            earning = basis if facts.cap is None else min(basis, facts.cap * target)
            if not fits(facts.amount / target) and (
                facts.cap is None or facts.amount / target <= facts.cap
            ):
                facts.flags.add(S2_RATIO)
            pieces = money_slices(tiers, retroactive, earning, target)
        else:
            if target == 1:
                facts.flags.add(TARGET_OF_ONE)
            return proportional_tiers(c, facts, basis, ratio)
    return [
        Line(
            c.name,
            VARIABLE,
            round_half_up(part * exact(tiers[index].rate), cur),
            part,
            f"tier {index}",
        )
        for index, part in pieces
    ]


def proportional_tiers(
    c: Any, facts: Facts, basis: Fraction, ratio: Fraction
) -> list[Line]:
    tiers = c.tiers
    cur = facts.currency
    if c.mode.value == "retroactive" or ratio <= 0 or basis <= 0:
        # ASSUMED: the tier reached by attainment (0 when below zero) pays
        # the whole basis, as before issue 13
        index = tier_holding(tiers, max(ratio, ZERO), ONE)
        rate = exact(tiers[index].rate)
        return [Line(c.name, VARIABLE, round_half_up(basis * rate, cur))]
    out = []
    for index, tier in enumerate(tiers):
        low = exact(tier.lower)
        high = ratio if tier.upper is None else min(ratio, exact(tier.upper))
        if high <= low:
            continue
        part = basis * (high - low) / ratio
        rate = exact(tier.rate)
        if is_half_unit(part * rate, cur):
            facts.flags.add(S2_RATIO)
        out.append(
            Line(
                c.name,
                VARIABLE,
                round_half_up(part * rate, cur),
                None,
                f"share {index}",
            )
        )
    return out


def pay_curve(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """A pay curve "pays nothing below its first point, interpolates linearly between
    points, and holds the last point's payout beyond it" × target incentive."""
    ratio = facts.need_ratio(c.name)
    points = [(exact(p.attainment), exact(p.payout)) for p in c.points]
    if ratio < points[0][0]:
        factor = ZERO
    else:
        factor = points[-1][1]
        for (a0, p0), (a1, p1) in itertools.pairwise(points):
            if ratio < a1:
                factor = p0 + (p1 - p0) * (ratio - a0) / (a1 - a0)
                break
    pay = factor * money(c.target_incentive)
    if is_half_unit(pay, facts.currency):
        facts.flags.add(S1_HALF_UNIT)
    return [Line(c.name, VARIABLE, round_half_up(pay, facts.currency))]


def band_part(
    facts: Facts, lower: Fraction, upper: Fraction | None, basis: Fraction
) -> Fraction:
    """The part of the credited basis that lies in the attainment band
    [lower, upper): money min(credited, c×T, upper×T) − lower×T with a money
    quota; else the basis in proportion to attainment."""
    ratio = facts.ratio
    assert ratio is not None
    target = facts.target
    if target is not None and target > 0:
        reach = basis if facts.cap is None else min(basis, facts.cap * target)
        high = reach if upper is None else min(reach, upper * target)
        return max(high - lower * target, ZERO)
    high = ratio if upper is None else min(ratio, upper)
    if high <= lower:
        return ZERO
    return basis * (high - lower) / ratio


def accelerator(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """An accelerator pays "the multiplied components' pay × the share of the credit that lies in
    the band × (multiplier − 1)" (multiply first: pay × part × (m − 1) / basis)."""
    ratio = facts.need_ratio(c.name)
    chosen = [
        ln for ln in lines if ln.kind == VARIABLE and (not c.of or ln.component in c.of)
    ]
    paid = sum((ln.amount for ln in chosen), ZERO)
    basis = facts.amount
    if not paid or basis <= 0 or ratio <= 0:
        return []
    out = []
    for band in c.bands:
        multiplier = exact(band.multiplier)
        if multiplier == 1:
            continue
        upper = None if band.upper is None else exact(band.upper)
        part = band_part(facts, exact(band.lower), upper, basis)
        if not part:
            continue
        extra = paid * part * (multiplier - 1) / basis
        if is_half_unit(extra, facts.currency):
            facts.flags.add(S1_HALF_UNIT)
        out.append(Line(c.name, VARIABLE, round_half_up(extra, facts.currency)))
    return out


def gate(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """A gate "withholds the variable pay before it when attainment is below a
    threshold"."""
    ratio = facts.need_ratio(c.name)
    paid = variable_sum(lines)
    if ratio >= exact(c.threshold) or not paid:
        return []
    return [Line(c.name, VARIABLE, -paid)]


def cap(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """A cap "limits the variable pay before it" (per period; per year to date in
    a year-to-date plan). The line is rounded like every line."""
    excess = variable_sum(lines) - money(c.limit)
    if excess <= 0:
        return []
    return [Line(c.name, VARIABLE, round_half_up(-excess, facts.currency))]


def attainment_bonus(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """The highest level reached, or every level reached when cumulative."""
    ratio = facts.need_ratio(c.name)
    reached = [lv for lv in c.levels if ratio >= exact(lv.threshold)]
    if not reached:
        return []
    paid = reached if c.cumulative else reached[-1:]
    return [
        Line(c.name, VARIABLE, round_half_up(money(lv.amount), facts.currency))
        for lv in paid
    ]


def new_client_bonus(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """Per client acquired in the window: "a new client whose credits net to
    zero or less (clawed back) does not count"."""
    facts.need_credits(c.name)
    net: dict[str, Fraction] = {}
    # a clawback reversed from the ledger is not counted again here: what
    # the deal earned (its share of this bonus included) is taken back on its
    # own line
    for credit in facts.credits:
        if credit.is_new_client and matches(c.where, credit):
            net[credit.client_id] = net.get(credit.client_id, ZERO) + money(
                credit.amount
            )
    count = sum(1 for value in net.values() if value > 0)
    if not count:
        return []
    pay = count * money(c.amount)
    return [Line(c.name, VARIABLE, round_half_up(pay, facts.currency))]


def clients_served(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """Per distinct client served in the period (activity), never cumulated."""
    served = len(set(facts.activity.clients_served)) if facts.activity else 0
    if not served:
        return []
    pay = served * money(c.amount)
    return [Line(c.name, PERIODIC, round_half_up(pay, facts.currency))]


def feedback(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """The feedback bonus "pays the highest level reached by the average rating; no ratings, no
    bonus"."""
    ratings = [exact(r) for r in facts.activity.feedback] if facts.activity else []
    if not ratings:
        return []
    average = sum(ratings, ZERO) / len(ratings)
    reached = [lv for lv in c.levels if average >= exact(lv.threshold)]
    if not reached:
        return []
    pay = money(reached[-1].amount)
    return [Line(c.name, PERIODIC, round_half_up(pay, facts.currency))]


def spiff(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """A SPIF "pays per unit or per deal of matching credits credited inside its
    window"; clawbacks count negatively."""
    facts.need_credits(c.name)
    window = span_of(c.window)
    count = 0
    per_deal: dict[str, int] = {}
    for credit in facts.credits:  # reversed clawbacks: see new_client_bonus
        if inside(credit.credited_on, window) and matches(c.where, credit):
            sign = -1 if credit.amount.amount < 0 else 1
            count += sign * credit.quantity
            per_deal[credit.deal_id] = per_deal.get(credit.deal_id, 0) + sign
    if c.per.value == "deal":
        count = sum(1 for net in per_deal.values() if net > 0)
    if not count:
        return []
    pay = count * money(c.amount)
    return [Line(c.name, VARIABLE, round_half_up(pay, facts.currency))]


def per_client_held(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """Per client held: "pays each held client once per matching rate" (a client is one id)."""
    held = (
        {h.client_id: h for h in facts.activity.clients_held} if facts.activity else {}
    )
    out = []
    for rate in c.rates:
        count = sum(
            1
            for h in held.values()
            if (rate.tier is None or h.tier.value == rate.tier)
            and (rate.kind is None or h.kind.value == rate.kind)
        )
        if count:
            pay = count * money(rate.amount)
            out.append(Line(c.name, PERIODIC, round_half_up(pay, facts.currency)))
    return out


def draw(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """The four kinds, as docs/commissions.md reads them. E: the period's
    earned variable pay; B: the balance owed from earlier periods.

    * recoverable draw: recovers R = min(B, E × limit) then advances D: pays
      E − R + D, leaves B − R + D owed;
    * non-recoverable draw: "pays max(E, D)";
    * non-recoverable guarantee: "pays max(E, G)";
    * recoverable guarantee: tops up to G (owed), recovers only from
      earnings above G: R = min(B, (E − G)⁺ × limit).
    """
    cur = facts.currency
    earned = sum((ln.amount for ln in lines if ln.kind in EARNED), ZERO)
    amount = money(c.amount)
    balance = facts.ledger.draw_balance
    limit = exact(c.recovery_limit)
    kind = c.kind.value
    out: list[Line] = []

    def add(line_kind: str, value: Fraction) -> None:
        rounded = round_half_up(value, cur)
        if rounded:
            out.append(Line(c.name, line_kind, rounded))

    if kind == "non_recoverable":
        if earned < 0:
            facts.flags.add(NR_DRAW_ON_LOSS)
        add(DRAW, amount)
        # E + D − settled = max(E, D)
        add(DRAW, -(amount - (max(earned, amount) - earned)))
    elif kind == "recoverable":
        add(RECOVERABLE_DRAW, -min(balance, max(earned, ZERO) * limit))
        add(RECOVERABLE_DRAW, amount)
    else:
        recoverable = kind == "recoverable_guarantee"
        if recoverable:
            add(RECOVERABLE_DRAW, -min(balance, max(earned - amount, ZERO) * limit))
        add(RECOVERABLE_DRAW if recoverable else DRAW, max(amount - earned, ZERO))
    return out


def fixed_pay(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """FixedPay "pays the amount for every deal (or every credit, one line of
    an order) the filter matches": per line a negative credit counts −1; per
    deal +1 when its lines net above 0, −1 below, 0 when they cancel out."""
    net: dict[str, int] = {}
    for credit in facts.credits:
        if matches(c.where, credit):
            sign = -1 if credit.amount.amount < 0 else 1
            net[credit.deal_id] = net.get(credit.deal_id, 0) + sign
    if c.per.value == "line":
        count = sum(net.values())
    else:
        count = sum((n > 0) - (n < 0) for n in net.values())
    if not count:
        return []
    return [
        Line(c.name, VARIABLE, round_half_up(count * money(c.amount), facts.currency))
    ]


def specificity(where: Any) -> int:
    """ "a product rule over a category rule over any other"."""
    return 2 if where.products else 1 if where.categories else 0


def rate_rules(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """RateRules: every matching rule pays ("every"), or "each credit is paid
    by its most specific matching rule only" ("most_specific")."""
    most = c.precedence.value == "most_specific"
    out = []
    for rule in c.rules:
        if everything(rule.where) and not most:
            basis, fed = facts.amount, bool(facts.credits)
        else:
            facts.need_credits(c.name)
            chosen = [
                credit
                for credit in facts.credits
                if matches(rule.where, credit)
                and not (
                    most
                    and any(
                        specificity(other.where) > specificity(rule.where)
                        and matches(other.where, credit)
                        for other in c.rules
                    )
                )
            ]
            basis, fed = sum((facts.value(x) for x in chosen), ZERO), bool(chosen)
        if basis or fed:
            rate = exact(rule.rate)
            pay = round_half_up(basis * rate, facts.currency)
            out.append(Line(c.name, VARIABLE, pay, basis))
    return out


def sections(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """Sections: "pay the whole amount at the rate of the section that holds
    it" (both bounds inside), nothing in a gap; "a basis below 0 ... at the
    rate of the section that holds its size"."""
    basis, fed = basis_of(c.where, facts, c.name)
    if not basis and not fed:
        return []
    size = abs(basis)
    for section in c.sections:
        low, high = exact(section.lower), section.upper
        if low <= size and (high is None or size <= exact(high)):
            rate = exact(section.rate)
            return [Line(c.name, VARIABLE, round_half_up(basis * rate, facts.currency))]
    return [Line(c.name, VARIABLE, ZERO, basis)]


def band_of_discount(c: Any, credit: Any) -> int | None:
    """The band a sale's discount d of list amount L falls in: the first
    whose bound b has d < b × L ("a band holds its lower end and not its
    upper one"), or d ≤ b × L with ``upper_inside`` ("up to 10 %" holds
    10 %); an open band holds every deeper discount; ``None`` beyond the
    table."""
    if credit.list_amount is None or credit.discount is None:
        raise OracleError("MissingDiscountError", f"{credit.deal_id} has no sale")
    given, listed = money(credit.discount), money(credit.list_amount)
    for index, band in enumerate(c.bands):
        if band.to is None:
            return index
        reach = exact(band.to) * listed
        if given < reach or (c.upper_inside and given == reach):
            return index
    return None


def discount_rates(c: Any, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """DiscountRates: "each credit is paid at the rate of the band its
    sale's discount falls in"; "one line per band paid, and one of 0 for
    discounts deeper than the table reaches" (bands in table order, the one
    beyond last); a credit the filter matches without a sale is refused; a
    clawback is read at its sale's discount (its own value, negative)."""
    facts.need_credits(c.name)
    paid: dict[int | None, Fraction] = {}
    for credit in facts.credits:
        if matches(c.where, credit):
            index = band_of_discount(c, credit)
            paid[index] = paid.get(index, ZERO) + facts.value(credit)
    out = []
    for index in sorted(paid, key=lambda i: len(c.bands) if i is None else i):
        rate = ZERO if index is None else exact(c.bands[index].rate)
        basis = paid[index]
        out.append(
            Line(c.name, VARIABLE, round_half_up(basis * rate, facts.currency), basis)
        )
    return out


RULES = (
    (BaseSalary, salary),
    (FlatRate, flat_rate),
    (Tiered, tiered),
    (PayCurve, pay_curve),
    (Accelerator, accelerator),
    (Gate, gate),
    (Cap, cap),
    (AttainmentBonus, attainment_bonus),
    (NewClientBonus, new_client_bonus),
    (ClientServedBonus, clients_served),
    (FeedbackBonus, feedback),
    (Spiff, spiff),
    (PerClientHeld, per_client_held),
    (Draw, draw),
    (FixedPay, fixed_pay),
    (RateRules, rate_rules),
    (Sections, sections),
    (DiscountRates, discount_rates),
)

NEEDS_CREDITS = (NewClientBonus, Spiff, FixedPay)


def rule_of(component: Any) -> Any:
    for kind, rule in RULES:
        if type(component) is kind:
            return rule
    raise NotImplementedError(f"the oracle does not know {type(component).__name__}")


# --- quotas ------------------------------------------------------------------------


def quota_target(quotas: Sequence[Any], needed: Span, owner: str) -> tuple[Any, str]:
    """The target for ``needed``: the quotas inside it must tile it exactly
    (one, or consecutive sub-periods), and are summed (issue 13 S5). Each
    quota's target is its target less its reliefs, never below zero.
    Returns (target, measure value); target is a Fraction for money, an int
    for counts."""
    inner = sorted(
        (
            q
            for q in quotas
            if needed[0] <= q.period.start and q.period.end <= needed[1]
        ),
        key=lambda q: q.period.start,
    )
    at = needed[0]
    for quota in inner:
        if quota.period.start != at:
            break
        at = quota.period.end
    if not inner or at != needed[1] or len({q.measure.value for q in inner}) != 1:
        raise OracleError(
            "QuotaPeriodError",
            f"{owner}'s quotas {[span_of(q.period) for q in quotas]} do not tile {needed}",
        )
    measure = inner[0].measure.value
    if measure in ("revenue", "gross_margin"):
        total: Any = ZERO
        for quota in inner:
            relief = sum((money(r.amount) for r in quota.reliefs), ZERO)
            total += max(money(quota.target) - relief, ZERO)
    else:
        total = 0
        for quota in inner:
            total += max(quota.target - sum(r.amount for r in quota.reliefs), 0)
    return total, measure


def achieved(credits: Sequence[Any], measure: str) -> int:
    """Deals won, or new clients acquired, net of clawbacks (net above 0)."""
    net: dict[str, Fraction] = {}
    for credit in credits:
        if measure == "deals_won":
            key = credit.deal_id
        elif credit.is_new_client:
            key = credit.client_id
        else:
            continue
        net[key] = net.get(key, ZERO) + money(credit.amount)
    return sum(1 for value in net.values() if value > 0)


# --- one owner's statement ---------------------------------------------------------


def statement(
    plan: Any,
    owner: str,
    credits: Sequence[Any],
    *,
    period: Span,
    quotas: Sequence[Any],
    ledger: OracleLedger | None,
    activity: Any,
) -> OracleStatement:
    cur = plan.currency
    year = fiscal_year(period[0], plan.calendar.start_month)
    to_date = plan.scope.value == "year_to_date"
    if to_date and period[1] > year[1]:
        raise OracleError(None, "a year-to-date period runs past its fiscal year")
    window = (year[0], period[1]) if to_date else period
    if ledger is not None:
        if ledger.owner != owner or ledger.currency != cur:
            raise OracleError("LedgerMismatchError", "another owner's or currency's")
        if ledger.through is not None and period[0] < ledger.through:
            raise OracleError("LedgerMismatchError", "period already calculated")
    elif to_date and period[0] != year[0]:
        raise OracleError(
            "LedgerMissingError", f"{owner} has no ledger for a later YTD period"
        )
    opening = ledger or OracleLedger(owner, cur)
    same_year = opening.year == year
    paid_before = opening.paid_to_date if same_year else ZERO
    credited_before = opening.credited_to_date if same_year else ZERO
    weights = {tier: exact(w) for tier, w in plan.tier_weights.items()}

    mine = [c for c in credits if c.owner == owner and inside(c.credited_on, window)]
    for credit in mine:
        if credit.amount.currency != cur:
            raise NotImplementedError("the oracle takes credits in the plan's currency")
    # S4: "a clawback credit is a negative credit with original_on set"; if
    # original_on lies inside the window it nets in the basis, otherwise the
    # deal was paid in an earlier statement and the clawback reverses it.
    rule = getattr(plan, "clawback", "reverse")
    reverse = getattr(rule, "value", rule) == "reverse"

    def reversed_(credit: Any) -> bool:
        return (
            reverse
            and credit.amount.amount < 0
            and credit.original_on is not None
            and not inside(credit.original_on, window)
        )

    reversals = [c for c in mine if reversed_(c)]
    basis_credits = [c for c in mine if not reversed_(c)]
    if reversals and to_date:
        raise NotImplementedError(
            "a YTD reversal of an earlier fiscal year's deal: issue 13 leaves how "
            "it meets the true-up of later periods open"
        )

    facts = Facts(
        owner=owner,
        currency=cur,
        period=period,
        window=window,
        year=year,
        credits=basis_credits,
        amount=ZERO,
        ratio=None,
        target=None,
        cap=None if plan.attainment_cap is None else exact(plan.attainment_cap),
        weights=weights,
        activity=activity,
        ledger=opening,
        summed=False,
    )
    amount = sum((facts.value(c) for c in basis_credits), ZERO)
    if to_date and period[0] != year[0]:
        # S5: credits before the period must agree with the ledger; with
        # none, the ledger's credited_to_date stands for them (feeding b)
        before = [c for c in basis_credits if c.credited_on < period[0]]
        if before:
            summed_before = sum((facts.value(c) for c in before), ZERO)
            if summed_before != credited_before:
                raise OracleError(
                    "LedgerMismatchError",
                    f"credits before the period sum to {summed_before}, the ledger "
                    f"says {credited_before}",
                )
        else:
            amount += credited_before
            facts.summed = credited_before != 0
    facts.amount = amount

    if quotas:
        needed = window if to_date else period
        target, measure = quota_target(quotas, needed, owner)
        if isinstance(target, Fraction):
            facts.target = target
            ratio = amount / target if target else ONE
        else:
            facts.need_credits("a count quota")
            count = achieved(mine, measure)
            ratio = Fraction(count, target) if target else ONE
        if facts.cap is not None:
            ratio = min(ratio, facts.cap)
        facts.ratio = ratio

    lines: list[Line] = []
    settled = False

    def settle() -> None:
        # the true-up (YTD) and the clawbacks (S4) come after the earning
        # components and modifiers, before the draws that settle against them
        if to_date and paid_before:
            lines.append(Line("true-up", TRUE_UP, -paid_before))
        lines.extend(clawback_lines)

    records = dict(opening.deals)
    clawback_lines = reverse_clawbacks(reversals, facts, records)
    for component in plan.components:
        if type(component) is Draw and not settled:
            settle()
            settled = True
        if isinstance(component, NEEDS_CREDITS):
            facts.need_credits(component.name)
        lines.extend(rule_of(component)(component, facts, lines))
    if not settled:
        settle()

    variable = sum((ln.amount for ln in lines if ln.kind in (VARIABLE, CLAWBACK)), ZERO)
    balance = opening.draw_balance + sum(
        (ln.amount for ln in lines if ln.kind == RECOVERABLE_DRAW), ZERO
    )
    attribute(lines, facts, records, paid_before if to_date else ZERO)
    kept = {
        deal: rec
        for deal, rec in records.items()
        if fiscal_year(rec.period[0], plan.calendar.start_month)[0]
        >= dt.date(year[0].year - 1, year[0].month, 1)
    }
    next_ledger = OracleLedger(
        owner,
        cur,
        balance,
        variable if to_date else paid_before + variable,
        amount if to_date else credited_before + amount,
        year,
        period[1],
        kept,
    )
    return OracleStatement(
        owner,
        period,
        cur,
        tuple(lines),
        next_ledger,
        amount,
        facts.ratio,
        frozenset(facts.flags),
    )


def reverse_clawbacks(
    reversals: Sequence[Any], facts: Facts, records: dict[str, DealRecord]
) -> list[Line]:
    """S4: a clawback of a deal paid in an earlier statement takes back
    earned_remaining × |amount| / credited_remaining (a full reversal takes
    back exactly what remains), and the record is reduced accordingly."""
    # docs/commissions.md: several clawbacks of one deal in one statement
    # give one line for their sum; lines in deal id order
    backs: dict[str, Fraction] = {}
    for credit in reversals:
        backs[credit.deal_id] = backs.get(credit.deal_id, ZERO) - facts.value(credit)
    out = []
    for deal in sorted(backs):
        record = records.get(deal)
        if record is None:
            raise OracleError("ClawbackError", f"no record of {deal} for {facts.owner}")
        back = backs[deal]
        if back >= record.credited:  # docs: all that remains, exactly
            taken, left = record.earned, ZERO
        else:
            taken = round_half_up(
                record.earned * back / record.credited, facts.currency
            )
            left = record.credited - back
        taken = max(taken, ZERO)  # docs: a clawback never pays
        records[deal] = replace(record, credited=left, earned=record.earned - taken)
        out.append(Line("clawback", CLAWBACK, -taken, back, deal))
    return out


def attribute(
    lines: Sequence[Line],
    facts: Facts,
    records: dict[str, DealRecord],
    paid_before: Fraction,
) -> None:
    """S4: the period's variable pay (variable lines; for a YTD plan, less
    what was paid before) is allocated over the deals with a positive credit
    in the period, pro rata to their credited amounts, largest remainder.

    ASSUMED: a deal's credited amount is the net weighted value of its
    credits dated in the period (that entered the basis); deals are taken in
    deal id order (which decides ties of the largest remainder)."""
    pay = variable_sum(lines) - paid_before
    net: dict[str, Fraction] = {}
    for credit in facts.credits:
        if inside(credit.credited_on, facts.period):
            net[credit.deal_id] = net.get(credit.deal_id, ZERO) + facts.value(credit)
    deals = sorted(d for d, value in net.items() if value > 0)
    if not deals:
        return
    # a deal never earns less than nothing (the library's documented rule)
    parts = allocate(max(pay, ZERO), [net[d] for d in deals], facts.currency)
    for deal, part in zip(deals, parts, strict=True):
        record = records.get(deal)
        if record is None:
            records[deal] = DealRecord(net[deal], part, facts.period)
        else:
            records[deal] = replace(
                record,
                credited=record.credited + net[deal],
                earned=record.earned + part,
            )


# --- a team ------------------------------------------------------------------------


def calculate_team(
    plan: Any,
    credits: Iterable[Any],
    *,
    period: Any,
    quotas: Iterable[Any] | Mapping[str, Any] = (),
    ledgers: Iterable[OracleLedger] | Mapping[str, OracleLedger] = (),
    activities: Mapping[str, Any] | None = None,
    owners: Iterable[str] = (),
) -> dict[str, OracleStatement]:
    """One statement per owner with credits in the window, a quota, a ledger,
    an activity, or named in ``owners``, sorted by owner. ``quotas`` may hold
    several quotas per owner (a schedule)."""
    items = list(credits)
    span = span_of(period)
    year = fiscal_year(span[0], plan.calendar.start_month)
    window = (year[0], span[1]) if plan.scope.value == "year_to_date" else span
    quota_lists: dict[str, list[Any]] = {}
    for quota in quotas.values() if isinstance(quotas, Mapping) else quotas:
        quota_lists.setdefault(quota.owner, []).append(quota)
    ledger_of = (
        dict(ledgers)
        if isinstance(ledgers, Mapping)
        else {ledger.owner: ledger for ledger in ledgers}
    )
    activity_of = dict(activities or {})
    everyone = (
        {c.owner for c in items if inside(c.credited_on, window)}
        | set(quota_lists)
        | set(ledger_of)
        | set(activity_of)
        | set(owners)
    )
    return {
        owner: statement(
            plan,
            owner,
            items,
            period=span,
            quotas=quota_lists.get(owner, []),
            ledger=ledger_of.get(owner),
            activity=activity_of.get(owner),
        )
        for owner in sorted(everyone)
    }
