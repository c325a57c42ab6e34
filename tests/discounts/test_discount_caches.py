"""The pricing hot path's index and kept outcomes change no result.

A scheme indexes its line rules by product and category, keeps each rule's
outcome by quantity when the rule's class declares that it depends on the
quantity alone (``DependsOn``), and caches the candidates of a (product,
category) pair. The plain path (no index, nothing kept) must give the same
quotes, reason for reason and cent for cent, and the same explanations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore.discounts import (
    AmountOff,
    ApprovalLevel,
    Basis,
    BuyGetFree,
    ClientFacts,
    Conditions,
    DependsOn,
    DiscountRule,
    DiscountScheme,
    Effect,
    FixedPrice,
    Per,
    PercentOff,
    Policy,
    QuoteLine,
    Reason,
    Scope,
    Subject,
    VolumeTier,
    VolumeTiers,
    _index,
    declared_dependence,
    register_rule,
)
from accountcore.discounts._index import _CACHE_SIZE, _Indexed
from accountcore.money import Money

PRODUCTS = ("anvil", "bolt", "crate", "drill", "easel")
CATEGORIES = ("hardware", "tools", "paint")
CODES = ("SPRING", "VIP")
SEGMENTS = ("builders", "retail")
START, END = dt.date(2025, 1, 1), dt.date(2027, 12, 31)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _cents(low: int, high: int) -> st.SearchStrategy[Money]:
    return st.integers(low, high).map(lambda n: Money(Decimal(n).scaleb(-2), "EUR"))


def _subset(pool: tuple[str, ...]) -> st.SearchStrategy[frozenset[str] | None]:
    return st.none() | st.frozensets(st.sampled_from(pool), min_size=1)


# Quantities that are whole, decimal, or the same number written two ways
# (5 and 5.0 read differently in the reasons: they must not share an outcome).
QUANTITIES = st.one_of(
    st.integers(1, 40).map(Decimal),
    st.integers(1, 400).map(lambda n: Decimal(n).scaleb(-1)),
    st.sampled_from([Decimal("5"), Decimal("5.0"), Decimal("10"), Decimal("1E+1")]),
)


@st.composite
def conditions(draw: st.DrawFn) -> Conditions:
    """Any facet, set or not: client, years, products, categories,
    quantity and amount ranges, validity and codes."""
    low_q = draw(st.none() | st.integers(0, 20))
    high_q = draw(st.none() | st.integers(0, 40))
    low_a = draw(st.none() | st.integers(0, 50_000))
    high_a = draw(st.none() | st.integers(0, 200_000))
    start = draw(st.none() | st.dates(START, END))
    until = draw(st.none() | st.dates(START, END))
    return Conditions(
        tiers=draw(_subset(("standard", "key", "vip"))),
        kinds=draw(_subset(("individual", "corporate"))),
        statuses=draw(_subset(("prospect", "active", "dormant"))),
        segments=draw(_subset(SEGMENTS)),
        new_client=draw(st.none() | st.booleans()),
        min_years=draw(st.none() | st.integers(0, 6)),
        max_years=draw(st.none() | st.integers(0, 12)),
        products=draw(_subset(PRODUCTS)),
        categories=draw(_subset(CATEGORIES)),
        min_quantity=low_q,
        max_quantity=high_q,
        min_amount=None if low_a is None else Money(Decimal(low_a).scaleb(-2), "EUR"),
        max_amount=None if high_a is None else Money(Decimal(high_a).scaleb(-2), "EUR"),
        valid_from=start,
        valid_until=until,
        codes=draw(_subset(CODES)),
    )


PERCENTS = st.integers(0, 10_000).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def rules(draw: st.DrawFn, name: str) -> DiscountRule:
    """A rule of any built-in kind, scope, per and basis."""
    common = {
        "priority": draw(st.integers(0, 3)),
        "exclusive": draw(st.booleans()),
        "when": draw(st.just(Conditions()) | conditions()),
    }
    kind = draw(st.sampled_from(["percent", "amount", "fixed", "tiers", "buy"]))
    if kind == "percent":
        scope = draw(st.sampled_from(Scope))
        return PercentOff(name, draw(PERCENTS), scope=scope, **common)
    if kind == "amount":
        per = draw(st.sampled_from(Per))
        return AmountOff(name, draw(_cents(0, 5_000)), per=per, **common)
    if kind == "fixed":
        return FixedPrice(name, draw(_cents(0, 20_000)), **common)
    if kind == "tiers":
        basis = draw(st.sampled_from(Basis))
        high = 50 if basis is Basis.QUANTITY else 100_000
        ats = draw(st.lists(st.integers(0, high), min_size=1, max_size=3, unique=True))
        tiers = [VolumeTier(at, draw(PERCENTS)) for at in ats]
        scope = draw(st.sampled_from(Scope))
        return VolumeTiers(name, tiers, basis=basis, scope=scope, **common)
    buy, get = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    return BuyGetFree(name, buy, get, repeat=draw(st.booleans()), **common)


def _valid(**args: object) -> DiscountScheme | None:
    try:
        return DiscountScheme(**args)  # type: ignore[arg-type]
    except ValueError:  # SchemeDefinitionError: shadowed, overlapping, empty
        return None


@st.composite
def schemes(draw: st.DrawFn) -> DiscountScheme:
    """A valid scheme: any policy, rules, limits and approval levels (rules
    are dropped from the end until the definition checks pass)."""
    drawn = [draw(rules(f"r{i}")) for i in range(draw(st.integers(0, 8)))]
    args: dict[str, object] = {
        "name": "drawn",
        "currency": "EUR",
        "policy": draw(st.sampled_from(Policy)),
        "max_discount_percent": draw(st.none() | PERCENTS),
        "margin_floor_percent": draw(st.none() | PERCENTS),
        "approvals": [
            ApprovalLevel("manager", 10),
            ApprovalLevel("board", 40, allowed=draw(st.booleans())),
        ],
    }
    while (scheme := _valid(rules=drawn, **args)) is None:
        drawn = drawn[:-1]
    return scheme


CLIENTS = st.builds(
    ClientFacts,
    tier=st.sampled_from(("standard", "key", "vip")),
    kind=st.sampled_from(("individual", "corporate")),
    status=st.sampled_from(("prospect", "active", "dormant")),
    segment=st.none() | st.sampled_from(SEGMENTS),
    is_new=st.booleans(),
    first_won_on=st.none() | st.dates(dt.date(2012, 1, 1), dt.date(2027, 1, 1)),
)

LINES = st.lists(
    st.builds(
        QuoteLine,
        product=st.sampled_from(PRODUCTS),
        quantity=QUANTITIES,
        unit_price=_cents(0, 50_000),
        category=st.none() | st.sampled_from(CATEGORIES),
        unit_cost=st.none() | _cents(0, 40_000),
    ),
    min_size=1,
    max_size=6,
)

QUOTES = st.lists(
    st.tuples(LINES, CLIENTS, st.dates(START, END), st.none() | st.sampled_from(CODES)),
    min_size=1,
    max_size=4,
)


def plain(scheme: DiscountScheme) -> DiscountScheme:
    """A copy of ``scheme`` priced the plain way: no index, nothing kept."""
    copy = attrs.evolve(scheme)
    line_rules = [rule for rule in scheme.rules if rule.scope is Scope.LINE]
    index = _Indexed.build(line_rules, index=False, compiled=False)
    object.__setattr__(copy, "_line_index", index)
    return copy


@settings(max_examples=150)
@given(schemes(), QUOTES)
def test_the_indexed_and_plain_paths_give_the_same_quotes(
    scheme: DiscountScheme,
    quotes: list[tuple[list[QuoteLine], ClientFacts, dt.date, str | None]],
) -> None:
    # Several quotes on one scheme: the later ones meet the kept outcomes
    # and cached candidates of the earlier ones.
    reference = plain(scheme)
    for lines, client, on, code in quotes:
        fast = scheme.quote(lines, client=client, on=on, code=code)
        slow = reference.quote(lines, client=client, on=on, code=code)

        assert fast == slow
        assert fast.explain("en") == slow.explain("en")


@settings(max_examples=50)
@given(schemes(), QUOTES)
def test_the_unindexed_scan_with_kept_outcomes_gives_the_same_quotes(
    scheme: DiscountScheme,
    quotes: list[tuple[list[QuoteLine], ClientFacts, dt.date, str | None]],
) -> None:
    # The benchmark's peer: every rule scanned on every line, outcomes kept.
    scanned = attrs.evolve(scheme)
    line_rules = [rule for rule in scheme.rules if rule.scope is Scope.LINE]
    object.__setattr__(scanned, "_line_index", _Indexed.build(line_rules, index=False))
    for lines, client, on, code in quotes:
        assert scanned.quote(lines, client=client, on=on, code=code) == scheme.quote(
            lines, client=client, on=on, code=code
        )


def test_rules_for_other_products_are_never_listed_as_rejected_on_either_path() -> None:
    scheme = DiscountScheme(
        "s",
        "EUR",
        [
            PercentOff("anvils", 10, when=Conditions(products=["anvil"])),
            PercentOff("paint", 5, when=Conditions(categories=["paint"])),
        ],
    )
    lines = [QuoteLine("bolt", 1, eur("10.00"), category="tools")]

    for priced in (scheme, plain(scheme)):
        quote = priced.quote(lines, client=ClientFacts(), on=dt.date(2026, 1, 1))
        assert quote.lines[0].rejected == ()


# --- what a rule's outcome depends on ----------------------------------------


def test_the_built_in_rules_declare_what_their_outcome_depends_on() -> None:
    assert declared_dependence(PercentOff("p", 5)) is DependsOn.NOTHING
    assert declared_dependence(AmountOff("u", eur("1"))) is DependsOn.QUANTITY
    assert declared_dependence(AmountOff("l", eur("1"), per="line")) is (
        DependsOn.NOTHING
    )
    assert declared_dependence(VolumeTiers("q", [VolumeTier(5, 1)])) is (
        DependsOn.QUANTITY
    )
    amount_tiers = VolumeTiers("a", [VolumeTier(5, 1)], basis="amount")
    assert declared_dependence(amount_tiers) is DependsOn.LINE
    # a fixed price and buy-get-free take off a share of the unit price
    assert declared_dependence(FixedPrice("f", eur("1"))) is DependsOn.LINE
    assert declared_dependence(BuyGetFree("b", 2, 1)) is DependsOn.LINE


@attrs.frozen
class TenthOfPrice:
    """A custom rule: 10 % of the unit price off each unit (as an amount),
    declaring nothing about what its outcome depends on."""

    name: str
    priority: int = 0
    exclusive: bool = False
    when: Conditions = attrs.field(factory=Conditions)
    scope: Scope = Scope.LINE

    def evaluate(self, subject: Subject) -> Effect | Reason:
        assert subject.unit_price is not None
        off = subject.unit_price.amount / 10 * subject.quantity
        return Effect(amount=Money(off, subject.unit_price.currency))

    def faults(self, currency: str) -> list[str]:
        return []


@attrs.frozen
class TenthOfPriceClaimingNothing(PercentOff):
    """A subclass of PercentOff that prices by the unit price: it inherits
    PercentOff's ``depends_on`` without declaring its own."""

    def evaluate(self, subject: Subject) -> Effect | Reason:
        assert subject.unit_price is not None
        off = subject.unit_price.amount * self.percent / 100 * subject.quantity
        return Effect(amount=Money(off, subject.unit_price.currency))


@pytest.fixture
def registered() -> Iterator[None]:
    from accountcore.discounts.rules import RULE_KINDS

    register_rule("tenth_of_price", TenthOfPrice)
    register_rule("tenth_claiming_nothing", TenthOfPriceClaimingNothing)
    yield
    del RULE_KINDS["tenth_of_price"], RULE_KINDS["tenth_claiming_nothing"]


@pytest.mark.usefixtures("registered")
@pytest.mark.parametrize(
    "rule", [TenthOfPrice("tenth"), TenthOfPriceClaimingNothing("tenth", 10)]
)
def test_a_rule_that_declares_nothing_is_evaluated_on_every_line(
    rule: DiscountRule,
) -> None:
    scheme = DiscountScheme("custom", "EUR", [rule])
    # Same quantity, different unit prices: 10 % of 2 x 10.00 = 2.00 and of
    # 2 x 30.00 = 6.00; a kept outcome by quantity would give 2.00 twice.
    lines = [QuoteLine("a", 2, eur("10.00")), QuoteLine("b", 2, eur("30.00"))]

    quote = scheme.quote(lines, client=ClientFacts(), on=dt.date(2026, 1, 1))

    assert declared_dependence(rule) is DependsOn.LINE
    assert [line.discount for line in quote.lines] == [eur("2.00"), eur("6.00")]


@attrs.frozen
class CountedPerUnit:
    """A custom rule declaring that its outcome depends on the quantity only;
    it counts its evaluations."""

    name: str
    calls: list[Decimal] = attrs.field(factory=list, eq=False)
    priority: int = 0
    exclusive: bool = False
    when: Conditions = attrs.field(factory=Conditions)
    scope: Scope = Scope.LINE
    depends_on = DependsOn.QUANTITY

    def evaluate(self, subject: Subject) -> Effect | Reason:
        self.calls.append(subject.quantity)
        return Effect(amount=Money(subject.quantity, subject.amount.currency))

    def faults(self, currency: str) -> list[str]:
        return []


def test_a_rule_that_declares_quantity_is_worked_out_once_per_quantity() -> None:
    rule = CountedPerUnit("counted")
    scheme = DiscountScheme("custom", "EUR", [rule])
    lines = [
        QuoteLine("a", 2, eur("10.00")),
        QuoteLine("b", 2, eur("30.00")),
        QuoteLine("c", 3, eur("30.00")),
    ]

    for _ in range(2):
        quote = scheme.quote(lines, client=ClientFacts(), on=dt.date(2026, 1, 1))
        # 1.00 off per unit: 2.00, 2.00, 3.00
        assert [line.discount for line in quote.lines] == [
            eur("2.00"),
            eur("2.00"),
            eur("3.00"),
        ]

    assert rule.calls == [Decimal(2), Decimal(3)]  # kept across lines and quotes


# --- the candidate cache is bounded --------------------------------------------


def test_the_candidate_cache_holds_at_most_its_bound() -> None:
    scheme = DiscountScheme("s", "EUR", [PercentOff("all", 5)])
    lines = [QuoteLine(f"p{n}", 1, eur("1.00")) for n in range(_CACHE_SIZE + 10)]

    quote = scheme.quote(lines, client=ClientFacts(), on=dt.date(2026, 1, 1))

    assert all(line.discount == eur("0.05") for line in quote.lines)  # 5 % of 1.00
    assert 0 < len(scheme._line_index.cache) <= _CACHE_SIZE


def test_a_memo_holds_at_most_its_bound() -> None:
    scheme = DiscountScheme("s", "EUR", [AmountOff("unit", eur("0.01"))])
    count = _index._MEMO_SIZE + 10
    lines = [QuoteLine("p", n, eur("1.00")) for n in range(1, count + 1)]

    quote = scheme.quote(lines, client=ClientFacts(), on=dt.date(2026, 1, 1))

    # 0.01 off each unit: the last line, of `count` units, has count cents off
    assert quote.lines[-1].discount == Money(Decimal(count).scaleb(-2), "EUR")
    (candidate,) = scheme._line_index.anywhere
    assert candidate.memo is not None
    assert 0 < len(candidate.memo) <= _index._MEMO_SIZE


def test_five_and_five_point_zero_keep_their_own_outcomes() -> None:
    scheme = DiscountScheme("s", "EUR", [VolumeTiers("bulk", [VolumeTier(10, 5)])])
    lines = [QuoteLine("p", "5", eur("1.00")), QuoteLine("p", "5.0", eur("1.00"))]

    quote = scheme.quote(lines, client=ClientFacts(), on=dt.date(2026, 1, 1))

    assert [line.rejected[0].reason.text for line in quote.lines] == [
        "quantity 5 is below the first tier at 10",
        "quantity 5.0 is below the first tier at 10",
    ]
