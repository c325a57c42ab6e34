"""Shared Hypothesis strategies for the commission tests: plans, credits,
quotas and whole scenarios that reach the edges.

The edges issue 13 asks for: slices that land exactly on half a minor unit,
attainment exactly on a tier bound (credited = bound × target), targets that
do not divide the credited amount (7, 3 × 10,000.01, ...), JPY (no decimals)
and BHD (three), negative credits and clawbacks, many owners.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5, database=None)
... @given(scenarios())
... def test_scenarios_hold_a_plan(scenario):
...     assert scenario.plan.components
>>> test_scenarios_hold_a_plan()
>>> half_unit_step(Decimal("0.07"), "EUR"), half_unit_step(Decimal("0.08"), "EUR")
(Decimal('0.50'), None)
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import attrs
from hypothesis import strategies as st

from accountcore.clients import ClientKind, ClientTier
from accountcore.commissions import (
    Accelerator,
    AttainmentBonus,
    Band,
    BaseSalary,
    Basis,
    BonusLevel,
    Cap,
    ClientHeld,
    ClientServedBonus,
    CommissionPlan,
    Component,
    Credit,
    CreditFilter,
    CurvePoint,
    DiscountBand,
    DiscountRates,
    Draw,
    DrawKind,
    FeedbackBonus,
    FixedPay,
    FlatRate,
    Gate,
    HeldRate,
    Mode,
    NewClientBonus,
    PayCurve,
    PayPer,
    PerClientHeld,
    Precedence,
    RateRule,
    RateRules,
    Scope,
    Section,
    Sections,
    ServiceRecord,
    Spiff,
    SpiffUnit,
    Tier,
    Tiered,
)
from accountcore.money import Money, minor_units
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import DealType
from accountcore.quotas import Measure, Quota

__all__ = [
    "EDGE_CURRENCIES",
    "Scenario",
    "PeriodRun",
    "amounts",
    "attainment_bounds",
    "credits",
    "discount_bands",
    "dividing_targets",
    "half_unit_step",
    "money_targets",
    "plans",
    "rates",
    "sales",
    "scenarios",
    "sequences",
    "tier_tables",
]

EDGE_CURRENCIES = ("EUR", "JPY", "BHD")
QUARTER = Period.quarter(2026, 1)
"""Two decimals, none, three."""

PRODUCTS = (None, "pump", "valve")
CATEGORIES = (None, "hardware", "service")


def units(currency: str, minimum: int, maximum: int) -> st.SearchStrategy[Decimal]:
    """Amounts on the minor unit of ``currency``, from ``minimum`` to
    ``maximum`` minor units."""
    places = minor_units(currency)
    return st.integers(minimum, maximum).map(lambda n: Decimal(n).scaleb(-places))


def amounts(
    currency: str, minimum: int = 0, maximum: int = 10**8
) -> st.SearchStrategy[Money]:
    """Money on the minor unit (``minimum``..``maximum`` minor units)."""
    return units(currency, minimum, maximum).map(lambda a: Money(a, currency))


def rates() -> st.SearchStrategy[Decimal]:
    """Rates from 0 to 1: four decimals, and the usual suspects (a half, an
    eighth, 7 %, a third written out)."""
    return st.one_of(
        st.decimals(min_value=0, max_value=Decimal("0.2"), places=4),
        st.sampled_from(
            [Decimal(r) for r in ("0", "0.05", "0.07", "0.125", "0.5", "0.333", "1")]
        ),
    )


def half_unit_step(rate: Decimal, currency: str) -> Decimal | None:
    """The smallest amount whose odd multiples, times ``rate``, land exactly
    on half a minor unit (``None``: no amount on the minor unit does).

    With rate p/q in lowest terms and a slice of c minor units, the pay is
    c·p/q minor units: half a unit exactly when 2·c·p/q is odd, so when q is
    even, p odd, and c an odd multiple of q/2.
    """
    exact = Fraction(rate)
    p, q = exact.numerator, exact.denominator
    if q % 2 or not p % 2:
        return None
    return Decimal(q // 2).scaleb(-minor_units(currency))


def money_targets(currency: str) -> st.SearchStrategy[Decimal]:
    """Quota targets: round ones, ones that do not divide anything nicely
    (a factor 3, 7, 11 or 13 in the minor units), and tiny ones."""
    places = minor_units(currency)
    return st.one_of(
        st.integers(1, 500).map(lambda n: Decimal(n * 1000)),
        st.tuples(st.integers(1, 300_000), st.sampled_from([3, 7, 11, 13, 21])).map(
            lambda t: Decimal(t[0] * t[1]).scaleb(-places)
        ),
        st.integers(1, 10**9).map(lambda n: Decimal(n).scaleb(-places)),
        st.sampled_from([Decimal(1), Decimal(3), Decimal(7)]),
    )


def dividing_targets(currency: str) -> st.SearchStrategy[Decimal]:
    """Targets that divide every credited amount within 28 digits (2^a·5^b
    minor units times a power of ten), and a zero target (attainment 1)."""
    places = minor_units(currency)
    return st.one_of(
        st.tuples(
            st.sampled_from([1, 2, 4, 5, 8, 16, 25, 32, 125]), st.integers(2, 8)
        ).map(lambda t: Decimal(t[0]).scaleb(t[1] - places)),
        st.just(Decimal(0)),
    )


ATTAINMENT_STEPS = [Decimal(s) for s in ("0.1", "0.25", "0.3", "0.5", "0.333", "1")]


@st.composite
def tier_tables(
    draw: st.DrawFn, *, attainment: bool, currency: str = "EUR"
) -> tuple[Tier, ...]:
    """Valid tables (from 0, no gap, no overlap, last open-ended); bounds are
    attainment ratios or money on the minor unit."""
    count = draw(st.integers(1, 4))
    found = draw(st.lists(rates(), min_size=count, max_size=count))
    tiers = []
    lower = Decimal(0)
    for index in range(count):
        if index == count - 1:
            upper = None
        elif attainment:
            upper = lower + draw(st.sampled_from(ATTAINMENT_STEPS))
        else:
            upper = lower + draw(units(currency, 1, 10**7))
        tiers.append(Tier(lower, upper, found[index]))
        lower = upper if upper is not None else lower
    return tuple(tiers)


@st.composite
def section_tables(draw: st.DrawFn, currency: str) -> tuple[Section, ...]:
    """Sections with inclusive bounds as an ERP writes them: ascending,
    some touching a cent apart, some with gaps, the last sometimes open."""
    places = minor_units(currency)
    cent = Decimal(1).scaleb(-places)
    sections = []
    lower = draw(st.sampled_from([Decimal(0), Decimal(0), Decimal(500)]))
    for index in range(draw(st.integers(1, 4))):
        width = draw(units(currency, 0, 10**9))
        upper = lower + width
        last = index == 3 or draw(st.booleans())
        open_ended = last and draw(st.booleans())
        sections.append(Section(lower, None if open_ended else upper, draw(rates())))
        if last:
            break
        lower = upper + draw(st.sampled_from([cent, cent, cent * 100, Decimal(1000)]))
    return tuple(sections)


def filters() -> st.SearchStrategy[CreditFilter]:
    """Mostly no filter; else a product, a category, a tier or a kind."""
    return st.one_of(
        st.just(CreditFilter()),
        st.just(CreditFilter()),
        st.sampled_from(
            [
                CreditFilter(products="pump"),
                CreditFilter(categories="service"),
                CreditFilter(tiers="vip"),
                CreditFilter(kinds="individual"),
                CreditFilter(deal_types="renewal"),
                CreditFilter(deal_types=("upsell", "cross_sell")),
                CreditFilter(products=("pump", "valve"), tiers=("key", "vip")),
                CreditFilter(exclude=CreditFilter(products="pump")),
                CreditFilter(
                    tiers=("key", "vip"),
                    exclude=(
                        CreditFilter(categories="service"),
                        CreditFilter(kinds="individual", products="valve"),
                    ),
                ),
            ]
        ),
    )


@st.composite
def bands(draw: st.DrawFn) -> tuple[Band, ...]:
    """Accelerator bands, ascending, maybe with gaps; multipliers around 1
    (below 1: a decelerator; exactly 1: no line)."""
    count = draw(st.integers(1, 3))
    out = []
    lower = draw(st.sampled_from([Decimal(0), Decimal("0.5"), Decimal("0.8")]))
    for index in range(count):
        upper = (
            None
            if index == count - 1 and draw(st.booleans())
            else lower + draw(st.sampled_from(ATTAINMENT_STEPS))
        )
        multiplier = draw(
            st.one_of(
                st.decimals(min_value=0, max_value=3, places=2),
                st.sampled_from([Decimal("1"), Decimal("1.5"), Decimal("0.5")]),
            )
        )
        out.append(Band(lower, upper, multiplier))
        if upper is None:
            break
        lower = upper + draw(st.sampled_from([Decimal(0), Decimal(0), Decimal("0.1")]))
    return tuple(out)


@st.composite
def curve_points(draw: st.DrawFn) -> tuple[CurvePoint, ...]:
    count = draw(st.integers(1, 4))
    at = draw(st.sampled_from([Decimal(0), Decimal("0.5")]))
    points = []
    for _ in range(count):
        points.append(
            CurvePoint(at, draw(st.decimals(min_value=0, max_value=3, places=2)))
        )
        at += draw(st.sampled_from(ATTAINMENT_STEPS))
    return tuple(points)


@st.composite
def levels(
    draw: st.DrawFn, currency: str, steps: Sequence[Decimal]
) -> tuple[BonusLevel, ...]:
    count = draw(st.integers(1, 3))
    at = draw(st.sampled_from(list(steps)))
    out = []
    for _ in range(count):
        out.append(BonusLevel(at, draw(amounts(currency, 0, 10**6))))
        at += draw(st.sampled_from(list(steps)))
    return tuple(out)


EARNING = (
    "salary",
    "flat",
    "flat-filtered",
    "commission",
    "curve",
    "club",
    "hunter",
    "service",
    "nps",
    "spiff",
    "portfolio",
    "fixed",
    "rules",
    "sections",
)
SALE_KINDS = ("discount",)
"""The kinds that read each credit's sale (list amount and discount): drawn
only when named in ``kinds``, their scenarios' credits then carry sales."""
MODIFIERS = ("kicker", "gate", "cap")
AGGREGATE = frozenset({"salary", "flat", "commission", "hunter", *MODIFIERS})
"""The kinds that need only each owner's aggregate (no filters, no pay
curve, no draws...): a team of many owners on the benchmark's kind of plan."""
NEEDS_ACTIVITY = frozenset({"service", "nps", "portfolio"})


@st.composite
def plans(
    draw: st.DrawFn,
    currency: str = "EUR",
    *,
    kinds: Sequence[str] = (*EARNING, *MODIFIERS, "draw"),
    scope: Scope = Scope.PERIOD,
    period: Period = QUARTER,
    attainment_tiers: bool | None = None,
    money_only: bool = False,
) -> CommissionPlan:
    """Valid plans of the components named in ``kinds`` (a random subset,
    in random order; modifiers after some earning component, a draw last).
    ``attainment_tiers`` forces the commission's tiers on attainment (True)
    or on amount (False). ``money_only`` leaves out filters."""
    earning = (*EARNING, *SALE_KINDS)
    chosen = [k for k in earning if k in kinds and draw(st.booleans())]
    if not chosen:
        chosen = [draw(st.sampled_from([k for k in earning if k in kinds]))]
    chosen = draw(st.permutations(chosen))
    if (
        "commission" in kinds
        and attainment_tiers is not None
        and "commission" not in chosen
    ):
        chosen = ["commission", *chosen]
    earning: list[Component] = []
    for kind in chosen:
        earning.append(
            draw(
                _component(
                    kind,
                    currency,
                    period=period,
                    attainment_tiers=attainment_tiers,
                    money_only=money_only,
                )
            )
        )
    components = list(earning)
    for kind in MODIFIERS:
        if kind in kinds and draw(st.booleans()):
            at = draw(st.integers(1, len(components)))
            before = [c.name for c in components[:at] if not isinstance(c, BaseSalary)]
            modifier = draw(_modifier(kind, currency, before))
            components.insert(at, modifier)
    if "draw" in kinds and draw(st.booleans()):
        components.append(
            Draw(
                "draw",
                draw(st.sampled_from(list(DrawKind))),
                draw(amounts(currency, 0, 10**6)),
                recovery_limit=draw(st.sampled_from(["1", "0.5", "0.3333"])),
            )
        )
    weights = draw(
        st.sampled_from(
            [
                {},
                {},
                {"vip": Decimal("1.2")},
                {"key": Decimal("0.5"), "vip": Decimal("1.25")},
                {"standard": Decimal(0)},
            ]
        )
    )
    cap = draw(st.sampled_from([None, None, Decimal("1.5"), Decimal("1")]))
    return CommissionPlan(
        "generated",
        currency,
        components,
        scope=scope,
        tier_weights=weights,
        attainment_cap=cap,
    )


@st.composite
def _component(
    draw: st.DrawFn,
    kind: str,
    currency: str,
    *,
    period: Period,
    attainment_tiers: bool | None,
    money_only: bool,
) -> Component:
    where = st.just(CreditFilter()) if money_only else filters()
    if kind == "salary":
        return BaseSalary("salary", draw(amounts(currency, 0, 10**7)))
    if kind == "flat":
        return FlatRate("flat", draw(rates()))
    if kind == "flat-filtered":
        return FlatRate("flat-filtered", draw(rates()), draw(where))
    if kind == "commission":
        on_attainment = (
            draw(st.booleans()) if attainment_tiers is None else attainment_tiers
        )
        return Tiered(
            "commission",
            draw(tier_tables(attainment=on_attainment, currency=currency)),
            basis=Basis.ATTAINMENT if on_attainment else Basis.AMOUNT,
            mode=draw(st.sampled_from(list(Mode))),
            where=draw(
                st.one_of(st.just(CreditFilter()), st.just(CreditFilter()), where)
            ),
        )
    if kind == "curve":
        incentive = draw(
            st.one_of(
                amounts(currency, 0, 10**7),
                st.sampled_from(["5000", "7500", "10000", "12000", "15000"]).map(
                    lambda a: Money(a, currency)
                ),
            )
        )
        return PayCurve("curve", draw(curve_points()), incentive)
    if kind == "club":
        return AttainmentBonus(
            "club", draw(levels(currency, ATTAINMENT_STEPS)), draw(st.booleans())
        )
    if kind == "hunter":
        return NewClientBonus(
            "hunter",
            draw(amounts(currency, 0, 10**6)),
            CreditFilter()
            if money_only
            else draw(st.one_of(st.just(CreditFilter()), where)),
        )
    if kind == "service":
        return ClientServedBonus("service", draw(amounts(currency, 0, 10**5)))
    if kind == "nps":
        return FeedbackBonus(
            "nps", draw(levels(currency, [Decimal("0.5"), Decimal(1), Decimal("0.25")]))
        )
    if kind == "spiff":
        start = draw(st.integers(0, period.days - 1))
        length = draw(st.integers(1, period.days))
        window = Period(
            period.start + dt.timedelta(days=start),
            period.start + dt.timedelta(days=start + length),
        )
        return Spiff(
            "spiff",
            draw(amounts(currency, 0, 10**5)),
            window,
            draw(
                st.sampled_from(
                    [CreditFilter(products="pump"), CreditFilter(tiers=("key", "vip"))]
                )
            ),
            draw(st.sampled_from(list(SpiffUnit))),
        )
    if kind == "fixed":
        return FixedPay(
            "fixed",
            draw(amounts(currency, 0, 10**5)),
            draw(st.sampled_from(list(PayPer))),
            draw(where),
        )
    if kind == "rules":
        return RateRules(
            "rules",
            [
                RateRule(draw(rates())),
                RateRule(draw(rates()), CreditFilter(categories="service")),
                RateRule(draw(rates()), CreditFilter(categories="hardware")),
                RateRule(
                    draw(rates()),
                    CreditFilter(products="pump", exclude=CreditFilter(tiers="vip")),
                ),
            ][: draw(st.integers(1, 4))],
            draw(st.sampled_from(list(Precedence))),
        )
    if kind == "sections":
        return Sections(
            "sections",
            draw(section_tables(currency)),
            draw(st.one_of(st.just(CreditFilter()), where)),
        )
    if kind == "discount":
        return DiscountRates(
            "discount",
            draw(discount_bands()),
            draw(st.one_of(st.just(CreditFilter()), where)),
            upper_inside=draw(st.booleans()),
        )
    assert kind == "portfolio"
    rates_held = draw(
        st.lists(
            st.builds(
                HeldRate,
                amounts(currency, 0, 10**5),
                st.sampled_from([None, "vip", "key"]),
                st.sampled_from([None, "individual"]),
            ),
            min_size=1,
            max_size=3,
        )
    )
    return PerClientHeld("portfolio", rates_held)


DISCOUNT_BOUNDS = [
    Decimal(b)
    for b in ("0.05", "0.1", "0.125", "0.15", "0.2", "0.3", "0.333", "0.5", "1")
]


@st.composite
def discount_bands(draw: st.DrawFn) -> tuple[DiscountBand, ...]:
    """Valid discount tables: ascending bounds (shares of the list amount up
    to 1), rates that never rise as the discount deepens, the last band
    sometimes open (else deeper discounts pay nothing)."""
    bounds = sorted(
        set(draw(st.lists(st.sampled_from(DISCOUNT_BOUNDS), min_size=1, max_size=4)))
    )
    paid = sorted(
        draw(st.lists(rates(), min_size=len(bounds) + 1, max_size=len(bounds) + 1)),
        reverse=True,
    )
    table: list[DiscountBand] = [
        DiscountBand(bound, rate) for bound, rate in zip(bounds, paid, strict=False)
    ]
    if draw(st.booleans()):
        table.append(DiscountBand(None, paid[-1]))
    return tuple(table)


@st.composite
def sales(
    draw: st.DrawFn, currency: str, amount: Money | None = None
) -> tuple[Money, Money]:
    """A sale's list amount and discount in ``currency``: the discount
    often exactly on a band's bound (bound × list amount), else anywhere
    from 0 to the list amount (a list amount of 0 now and then). With
    ``amount``, the list amount is often that amount plus the discount."""
    listed = draw(
        st.one_of(
            units(currency, 1, 10**8),
            units(currency, 1, 10**8),
            units(currency, 1, 10**5),
            st.just(Decimal(0)),  # a free sale: no share to read
        )
    )
    if draw(st.booleans()):
        share = draw(st.sampled_from([Decimal(0), *DISCOUNT_BOUNDS]))
        discount = share * listed
        if (
            amount is not None
            and amount.amount > 0
            and share < 1
            and draw(st.booleans())
        ):  # the price is the credit's amount: list = amount / (1 − share)
            whole = amount.amount / (1 - share)
            if whole == whole.quantize(Decimal(1).scaleb(-minor_units(currency))):
                listed, discount = whole, whole * share
    else:
        discount = draw(st.integers(0, 10**6)) * listed / 10**6
        discount = discount.quantize(Decimal(1).scaleb(-minor_units(currency) - 2))
        discount = min(discount, listed)
    return Money(listed, currency), Money(discount, currency)


@st.composite
def _with_sales(draw: st.DrawFn, found: Sequence[Credit]) -> list[Credit]:
    """``found``, each credit of a deal carrying that deal's sale (one per
    deal and currency, as credits_from gives them); now and then a credit
    left without one (a plan reading sales refuses it)."""
    bare = draw(st.integers(0, 19)) == 0
    sale_of: dict[tuple[str, str], tuple[Money, Money]] = {}
    out = []
    for index, credit in enumerate(found):
        if bare and index == 0:
            out.append(credit)
            continue
        key = (credit.deal_id, credit.amount.currency)
        if key not in sale_of:
            sale_of[key] = draw(sales(credit.amount.currency, credit.amount))
        listed, discount = sale_of[key]
        out.append(attrs.evolve(credit, list_amount=listed, discount=discount))
    return out


def reads_sales(plan: CommissionPlan) -> bool:
    """Whether ``plan`` holds a component reading each credit's sale."""
    return any(isinstance(c, DiscountRates) for c in plan.components)


@st.composite
def _modifier(
    draw: st.DrawFn, kind: str, currency: str, before: Sequence[str]
) -> Component:
    if kind == "kicker":
        of = draw(st.sampled_from([(), *[(name,) for name in before]]))
        return Accelerator("kicker", draw(bands()), of)
    if kind == "gate":
        threshold = draw(
            st.one_of(
                st.decimals(min_value=0, max_value=Decimal("1.2"), places=2),
                st.sampled_from(ATTAINMENT_STEPS),
            )
        )
        return Gate("gate", threshold)
    assert kind == "cap"
    return Cap("cap", draw(amounts(currency, 0, 10**7)))


def attainment_bounds(plan: CommissionPlan) -> list[Decimal]:
    """Every attainment ratio the plan treats as a bound (tiers on attainment,
    bands, gate, bonus levels, curve points)."""
    out: set[Decimal] = set()
    for c in plan.components:
        if isinstance(c, Tiered) and c.basis is Basis.ATTAINMENT:
            out.update(t.lower for t in c.tiers)
            out.update(t.upper for t in c.tiers if t.upper is not None)
        elif isinstance(c, Accelerator):
            out.update(b.lower for b in c.bands)
            out.update(b.upper for b in c.bands if b.upper is not None)
        elif isinstance(c, Gate):
            out.add(c.threshold)
        elif isinstance(c, AttainmentBonus):
            out.update(level.threshold for level in c.levels)
        elif isinstance(c, PayCurve):
            out.update(p.attainment for p in c.points)
    if plan.attainment_cap is not None:
        out.add(plan.attainment_cap)
    return sorted(out)


def _plan_rates(plan: CommissionPlan) -> list[Decimal]:
    out = []
    for c in plan.components:
        if isinstance(c, FlatRate):
            out.append(c.rate)
        elif isinstance(c, Tiered):
            out += [t.rate for t in c.tiers]
    return out


@st.composite
def credits(
    draw: st.DrawFn,
    owner: str,
    currency: str,
    period: Period,
    *,
    deal_ids: st.SearchStrategy[int] | None = None,
    outside: bool = True,
) -> Credit:
    """One credit of ``owner`` dated in ``period`` (sometimes just outside),
    mostly positive; a negative one is a clawback of a credit of the same
    period (``original_on`` in the period)."""
    places = minor_units(currency)
    amount = draw(
        st.one_of(
            st.integers(1, 10**8),
            st.integers(1, 10**8),
            st.integers(-(10**7), 0),
            st.sampled_from([1, 5, 50, 150, 10**5]),
        )
    )
    low, high = (-3, period.days + 2) if outside else (0, period.days - 1)
    day = period.start + dt.timedelta(days=draw(st.integers(low, high)))
    original = None
    if amount < 0 and day >= period.start and draw(st.booleans()):
        original = period.start + dt.timedelta(
            days=draw(st.integers(0, (day - period.start).days))
        )
    deal = draw(deal_ids if deal_ids is not None else st.integers(0, 40))
    # now and then an amount converted from another currency: finer than
    # the minor unit
    finer = draw(st.sampled_from([0] * 9 + [2]))
    return Credit(
        f"D-{deal}",
        f"C-{draw(st.integers(0, 8))}",
        owner,
        Money(Decimal(amount).scaleb(-places - finer), currency),
        day,
        draw(st.sampled_from(list(ClientTier))),
        draw(st.sampled_from(list(ClientKind))),
        draw(st.booleans()),
        draw(st.sampled_from(PRODUCTS)),
        draw(st.sampled_from(CATEGORIES)),
        draw(st.integers(1, 5)),
        original_on=original,
        deal_type=draw(st.sampled_from(list(DealType))),
    )


@dataclass(frozen=True)
class Scenario:
    """One calculation: a plan, a period, and every owner's inputs."""

    plan: CommissionPlan
    period: Period
    credits: tuple[Credit, ...]
    quotas: tuple[Quota, ...] = ()
    activities: dict[str, ServiceRecord] = field(default_factory=dict)
    owners: tuple[str, ...] = ()
    ledgers: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    """Owners who bring a ledger from the period before: (draw balance,
    variable pay paid so far this fiscal year)."""


PERIODS = (
    Period.quarter(2026, 1),
    Period.month(2026, 2),
    Period.month(2026, 7),
    Period.quarter(2026, 4),
)


def _edges(
    plan: CommissionPlan, target: Decimal | None
) -> list[tuple[Decimal, Decimal | None, bool]]:
    """Where an owner's total can sit on an edge of ``plan``: (where a rate
    starts to apply, the half-unit step of that rate or None, whether the
    rate applies to the whole total)."""
    quantum = Decimal(1).scaleb(-minor_units(plan.currency))
    out: list[tuple[Decimal, Decimal | None, bool]] = [(Decimal(0), None, False)]
    if target is not None:
        for bound in attainment_bounds(plan):
            if bound * target == (bound * target).quantize(quantum):
                out.append((bound * target, None, False))
    for c in plan.components:
        if isinstance(c, FlatRate):
            out.append((Decimal(0), half_unit_step(c.rate, plan.currency), True))
        elif isinstance(c, Tiered):
            scale = target if c.basis is Basis.ATTAINMENT else Decimal(1)
            if scale is None:
                continue
            for tier in c.tiers:
                low = tier.lower * scale
                if low == low.quantize(quantum):
                    step = half_unit_step(tier.rate, plan.currency)
                    out.append((low, step, c.mode is Mode.RETROACTIVE))
    return out


def _half_unit_totals(
    plan: CommissionPlan, target: Decimal | None, start: int
) -> list[Decimal]:
    """Totals that put a pay curve's pay, or an accelerator's extra pay on a
    flat rate, exactly on half a minor unit (found by a short search from
    ``start``; none when there is no money target)."""
    if target is None or target <= 0:
        return []
    unit = Fraction(1, 10 ** minor_units(plan.currency))
    whole = Fraction(target)
    out: list[Decimal] = []

    def decimal(value: Fraction) -> Decimal:
        return Decimal(int(value / unit)).scaleb(-minor_units(plan.currency))

    for c in plan.components:
        if isinstance(c, PayCurve) and c.target_incentive.amount:
            incentive = Fraction(c.target_incentive.amount)
            points = [(Fraction(p.attainment), Fraction(p.payout)) for p in c.points]
            for (a0, p0), (a1, p1) in itertools.pairwise(points):
                if p0 == p1:
                    continue
                span = int(abs(p1 - p0) * incentive / unit) or 1
                first = int(min(p0, p1) * incentive / unit) + start % span
                for j in range(first, first + 300):
                    pay = (2 * j + 1) * unit / 2
                    amount = whole * (
                        a0 + (pay / incentive - p0) * (a1 - a0) / (p1 - p0)
                    )
                    if (
                        a0 * whole <= amount < a1 * whole
                        and (amount / unit).denominator == 1
                    ):
                        out.append(decimal(amount))
                        break
    earlier = []
    for c in plan.components:
        if isinstance(c, Accelerator) and plan.attainment_cap is None:
            flats = [e for e in earlier if isinstance(e, FlatRate)]
            if (
                len(flats) != 1
                or not flats[0].where.is_everything
                or any(not isinstance(e, (FlatRate, BaseSalary)) for e in earlier)
            ):
                break
            rate = Fraction(flats[0].rate)
            for band in c.bands:
                if band.multiplier == 1:
                    continue
                low = Fraction(band.lower) * whole
                for j in range(start + 1, start + 400):
                    total = low + j * unit
                    high = (
                        total
                        if band.upper is None
                        else min(total, Fraction(band.upper) * whole)
                    )
                    paid = Fraction(round_half_up_units(total * rate / unit)) * unit
                    extra = (
                        paid * (high - low) * (Fraction(band.multiplier) - 1) / total
                    )
                    if (extra / unit).denominator == 2:
                        out.append(decimal(total))
                        break
            break
        earlier.append(c)
    return out


def round_half_up_units(value: Fraction) -> int:
    """``value`` rounded half away from zero to a whole number."""
    whole = abs(value.numerator) // value.denominator
    if abs(value) - whole >= Fraction(1, 2):
        whole += 1
    return whole if value >= 0 else -whole


@st.composite
def _edge_credits(
    draw: st.DrawFn,
    owner: str,
    plan: CommissionPlan,
    period: Period,
    target: Decimal | None,
) -> list[Credit]:
    """Credits whose total sits on an edge of the plan: exactly on an
    attainment bound (bound × target), or where a rate starts plus a slice
    that rate turns into exactly half a minor unit (for a rate on the whole
    total: an odd multiple of the half-unit step at or above the bound)."""
    currency = plan.currency
    places = minor_units(currency)
    edges = _edges(plan, target)
    if draw(st.booleans()):
        found = _half_unit_totals(plan, target, draw(st.integers(0, 10**6)))
        if found:
            edges = [(total, None, False) for total in found]
    low, step, whole = draw(st.sampled_from(edges))
    total = low
    if step is not None:
        odd = 2 * draw(st.integers(0, 20)) + 1
        if whole:  # the smallest odd multiple of step at or above low, and on
            first = -(-low // step)
            first += 1 - first % 2
            total = step * (first + odd - 1)
        else:
            total = low + step * odd
    if total <= 0:
        return []
    pieces = draw(st.integers(1, 3))
    cut = sorted(
        draw(
            st.lists(
                st.integers(0, int(total.scaleb(places))),
                min_size=pieces - 1,
                max_size=pieces - 1,
            )
        )
    )
    bounds = [0, *cut, int(total.scaleb(places))]
    day = period.start + dt.timedelta(days=draw(st.integers(0, period.days - 1)))
    return [
        Credit(
            f"E-{owner}-{i}",
            f"C-{i}",
            owner,
            Money(Decimal(b - a).scaleb(-places), currency),
            day,
        )
        for i, (a, b) in enumerate(itertools.pairwise(bounds))
        if b > a
    ]


@st.composite
def scenarios(
    draw: st.DrawFn,
    *,
    currencies: Sequence[str] = EDGE_CURRENCIES,
    kinds: Sequence[str] = (*EARNING, *MODIFIERS, "draw"),
    max_owners: int = 4,
    attainment_tiers: bool | None = None,
    quota_kinds: Sequence[str] = ("money",) * 20 + ("none",) + ("count",) * 3,
    money_only: bool = False,
    targets: Callable[[str], st.SearchStrategy[Decimal]] | None = None,
) -> Scenario:
    """A plan, a period and credits, quotas and activities for up to
    ``max_owners`` owners; with some luck an owner sits on an edge."""
    currency = draw(st.sampled_from(list(currencies)))
    period = draw(st.sampled_from(PERIODS))
    plan = draw(
        plans(
            currency,
            kinds=kinds,
            period=period,
            attainment_tiers=attainment_tiers,
            money_only=money_only,
        )
    )
    count = draw(st.integers(1, max_owners))
    owners = [f"o{n:02d}" for n in range(count)]
    found: list[Credit] = []
    quotas: list[Quota] = []
    activities: dict[str, ServiceRecord] = {}
    ledgers: dict[str, tuple[Decimal, Decimal]] = {}
    for owner in owners:
        kind = draw(st.sampled_from(list(quota_kinds)))
        target = None
        if kind == "money":
            target = draw((targets or money_targets)(currency))
            quota = Quota(owner, period, Money(target, currency))
            if target and draw(st.integers(0, 5)) == 0:  # relieved: less to reach
                relief = draw(
                    units(currency, 0, int(target.scaleb(minor_units(currency))))
                )
                quota = quota.with_relief(Money(relief, currency), "territory moved")
                target -= relief
            quotas.append(quota)
        elif kind == "count":
            measure = draw(st.sampled_from([Measure.DEALS_WON, Measure.NEW_CLIENTS]))
            quotas.append(Quota(owner, period, draw(st.integers(0, 6)), measure))
        most = 6 if count > 3 else 12
        if draw(st.booleans()):  # on an edge, alone or with a few others
            found += draw(_edge_credits(owner, plan, period, target))
            most = draw(st.sampled_from([0, 0, 2]))
        found += draw(st.lists(credits(owner, currency, period), max_size=most))
        if any(
            c.name in ("service", "nps", "portfolio", "salary") for c in plan.components
        ) and draw(st.booleans()):
            activities[owner] = draw(activity_in(period))
    if reads_sales(plan):
        found = draw(_with_sales(found))
    order = draw(st.permutations(range(len(found))))
    return Scenario(
        plan,
        period,
        tuple(found[i] for i in order),
        tuple(quotas),
        activities,
        tuple(owners),
        ledgers,
    )


@st.composite
def activity_in(draw: st.DrawFn, period: Period) -> ServiceRecord:
    """An activity: maybe a part of the period active, clients served,
    ratings and clients held."""
    active = None
    if draw(st.booleans()):
        start = period.start + dt.timedelta(days=draw(st.integers(-5, period.days)))
        end = start + dt.timedelta(days=draw(st.integers(1, period.days + 5)))
        active = Period(start, end)
    return ServiceRecord(
        active,
        draw(st.lists(st.sampled_from(["C-1", "C-2", "C-3"]), max_size=4)),
        draw(st.lists(st.sampled_from(["1", "3", "4.5", "5", "0.5"]), max_size=4)),
        draw(
            st.lists(
                st.builds(
                    ClientHeld,
                    st.sampled_from(["C-1", "C-2", "C-3", "C-4"]),
                    st.sampled_from(list(ClientTier)),
                    st.sampled_from(list(ClientKind)),
                ),
                max_size=4,
            )
        ),
    )


@dataclass(frozen=True)
class PeriodRun:
    """A plan calculated period after period, the ledger carried.

    ``quotas[i]`` are the quotas to pass for ``periods[i]``; ``credits`` are
    every credit of every period (a calculation passes them all, or with
    ``fed_by_period`` only those of its own period)."""

    plan: CommissionPlan
    periods: tuple[Period, ...]
    credits: tuple[Credit, ...]
    quotas: tuple[tuple[Quota, ...], ...]
    owners: tuple[str, ...]
    fed_by_period: bool = False

    def credits_for(self, index: int) -> list[Credit]:
        if not self.fed_by_period:
            return list(self.credits)
        period = self.periods[index]
        return [c for c in self.credits if period.start <= c.credited_on < period.end]


@st.composite
def sequences(
    draw: st.DrawFn,
    *,
    scope: Scope = Scope.PERIOD,
    currencies: Sequence[str] = EDGE_CURRENCIES,
    kinds: Sequence[str] = (*EARNING, *MODIFIERS, "draw"),
    later_clawbacks: bool = False,
    schedule: bool = False,
    fed_by_period: bool = False,
    targets: Callable[[str], st.SearchStrategy[Decimal]] | None = None,
) -> PeriodRun:
    """Two to four consecutive periods (months or quarters; a period plan may
    run from 2026 into 2027, a year-to-date plan starts its fiscal year) with
    credits for one or two owners and a money quota per owner and period.

    A period plan gets each period's quota. A year-to-date plan gets, per
    period, one quota for the fiscal year to the period's end, or with
    ``schedule`` the quota of each period so far (issue 13, S5).
    ``later_clawbacks``: some credits are clawed back in a later period
    (negative, ``original_on`` the original credit's date), fully or in part.
    """
    currency = draw(st.sampled_from(list(currencies)))
    monthly = draw(st.booleans())
    count = draw(st.integers(2, 4))
    step = 12 if monthly else 4
    calendar = FiscalCalendar()
    if scope is Scope.PERIOD:
        first = draw(st.integers(1, step))
    else:  # the first period starts the fiscal year (January or April)
        calendar = FiscalCalendar(start_month=draw(st.sampled_from([1, 4])))
        first = calendar.start_month if monthly else calendar.start_month // 3 + 1
    periods = tuple(
        (Period.month if monthly else Period.quarter)(
            2026 + (first + n - 1) // step, (first + n - 1) % step + 1
        )
        for n in range(count)
    )
    plan = attrs.evolve(
        draw(plans(currency, kinds=kinds, scope=scope, period=periods[0])),
        calendar=calendar,
    )
    owners = ("ana", "bob")[: draw(st.integers(1, 2))]
    found: list[Credit] = []
    own: dict[str, list[Quota]] = {owner: [] for owner in owners}
    quotas: list[tuple[Quota, ...]] = []
    year_start = periods[0].start
    deal = 0
    for period in periods:
        for owner in owners:
            target = draw((targets or money_targets)(currency))
            own[owner].append(Quota(owner, period, Money(target, currency)))
            fresh = draw(
                st.lists(
                    credits(
                        owner, currency, period, deal_ids=st.just(0), outside=False
                    ),
                    max_size=5,
                )
            )
            for credit in fresh:
                deal += 1
                found.append(_renamed(credit, f"D-{deal}"))
        if scope is Scope.PERIOD:
            quotas.append(tuple(own[owner][-1] for owner in owners))
        elif schedule:
            quotas.append(tuple(q for owner in owners for q in own[owner]))
        else:  # one quota per owner, for the fiscal year so far
            quotas.append(
                tuple(
                    Quota(
                        owner,
                        Period(year_start, period.end),
                        Money(sum(q.target.amount for q in own[owner]), currency),
                    )
                    for owner in owners
                )
            )
    if later_clawbacks:
        places = minor_units(currency)
        paid = [c for c in found if c.amount.amount > 0 and c.original_on is None]
        chosen = (
            draw(st.lists(st.sampled_from(paid), unique=True, max_size=3))
            if paid
            else []
        )
        for credit in chosen:
            later = [p for p in periods if p.start > credit.credited_on]
            if not later:
                continue
            when = draw(st.sampled_from(later))
            day = when.start + dt.timedelta(days=draw(st.integers(0, when.days - 1)))
            share = draw(st.sampled_from([Decimal(1), Decimal("0.3"), Decimal("0.5")]))
            back = (credit.amount.amount * share).quantize(Decimal(1).scaleb(-places))
            if back:
                found.append(
                    attrs.evolve(
                        credit,
                        amount=Money(-back, currency),
                        credited_on=day,
                        original_on=credit.credited_on,
                    )
                )
    if reads_sales(plan):
        found = draw(_with_sales(found))
    return PeriodRun(plan, periods, tuple(found), tuple(quotas), owners, fed_by_period)


def _renamed(credit: Credit, deal_id: str) -> Credit:
    return Credit(
        deal_id,
        credit.client_id,
        credit.owner,
        credit.amount,
        credit.credited_on,
        credit.client_tier,
        credit.client_kind,
        credit.is_new_client,
        credit.product,
        credit.category,
        credit.quantity,
        original_on=credit.original_on,
        list_amount=credit.list_amount,
        discount=credit.discount,
    )
