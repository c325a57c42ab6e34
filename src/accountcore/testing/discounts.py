"""Hypothesis strategies for discount schemes, rules, clients and lines.

Schemes drawn here are valid by construction (they never trip the
definition checks), so property tests can price with them directly.

>>> from hypothesis import given, settings
>>> import datetime
>>> @settings(max_examples=10)
... @given(schemes(currency="EUR"), quote_lines("EUR"), client_facts())
... def test_totals_add_up(scheme, lines, client):
...     quote = scheme.quote(lines, client=client, on=datetime.date(2026, 5, 4))
...     assert quote.total == sum(line.total for line in quote.lines)
>>> test_totals_add_up()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from accountcore.discounts import (
    AmountOff,
    ApprovalLevel,
    BuyGetFree,
    ClientFacts,
    Conditions,
    DiscountRule,
    DiscountScheme,
    FixedPrice,
    Per,
    PercentOff,
    Policy,
    QuoteLine,
    Scope,
    VolumeTier,
    VolumeTiers,
)
from accountcore.money import Money, minor_units

__all__ = [
    "PRODUCTS",
    "CATEGORIES",
    "client_facts",
    "conditions",
    "discount_rules",
    "percents",
    "quote_lines",
    "schemes",
]

PRODUCTS = ("anvil", "bolt", "crate", "drill")
"""The product names the strategies draw from (small, so rules meet lines)."""

CATEGORIES = ("hardware", "tools")
"""The category names the strategies draw from."""

_TIERS = ("standard", "key", "vip")


def percents() -> st.SearchStrategy[Decimal]:
    """Percentages in [0, 100] with up to two decimals."""
    return st.integers(min_value=0, max_value=10_000).map(
        lambda n: Decimal(n).scaleb(-2)
    )


def _money(
    currency: str, low: int = 0, high: int = 100_000
) -> st.SearchStrategy[Money]:
    exponent = -minor_units(currency)
    return st.integers(min_value=low, max_value=high).map(
        lambda units: Money(Decimal(units).scaleb(exponent), currency)
    )


def client_facts() -> st.SearchStrategy[ClientFacts]:
    """Clients of any tier, new or not, with or without a first won deal."""
    return st.builds(
        ClientFacts,
        tier=st.sampled_from(_TIERS),
        kind=st.sampled_from(("individual", "corporate")),
        is_new=st.booleans(),
        first_won_on=st.none() | st.dates(_dt.date(2015, 1, 1), _dt.date(2026, 1, 1)),
    )


def conditions() -> st.SearchStrategy[Conditions]:
    """Satisfiable conditions on tier, product, category and quantity."""
    return st.builds(
        Conditions,
        tiers=st.none() | st.sets(st.sampled_from(_TIERS), min_size=1),
        products=st.none() | st.sets(st.sampled_from(PRODUCTS), min_size=1),
        categories=st.none() | st.sets(st.sampled_from(CATEGORIES), min_size=1),
        min_quantity=st.none() | st.integers(min_value=1, max_value=20),
    )


def discount_rules(
    currency: str = "EUR", name: str = "r"
) -> st.SearchStrategy[DiscountRule]:
    """One built-in rule of any kind, named ``name``, in ``currency``."""
    common = {
        "priority": st.integers(min_value=0, max_value=3),
        "exclusive": st.booleans(),
        "when": conditions(),
    }
    tiers = st.lists(
        st.tuples(st.integers(min_value=1, max_value=50), percents()),
        min_size=1,
        max_size=3,
        unique_by=lambda t: t[0],
    ).map(lambda pairs: [VolumeTier(at, p) for at, p in pairs])
    return st.one_of(
        st.builds(
            PercentOff,
            st.just(name),
            percents(),
            scope=st.sampled_from(Scope),
            **common,
        ),
        st.builds(
            AmountOff,
            st.just(name),
            _money(currency, 0, 5_000),
            per=st.sampled_from(Per),
            **common,
        ),
        st.builds(FixedPrice, st.just(name), _money(currency, 0, 20_000), **common),
        st.builds(VolumeTiers, st.just(name), tiers, **common),
        st.builds(
            BuyGetFree,
            st.just(name),
            st.integers(min_value=1, max_value=4),
            st.integers(min_value=1, max_value=2),
            repeat=st.booleans(),
            **common,
        ),
    )


def _valid(scheme_args: dict[str, object]) -> DiscountScheme | None:
    try:
        return DiscountScheme(**scheme_args)  # type: ignore[arg-type]
    except ValueError:
        return None


@st.composite
def schemes(
    draw: st.DrawFn,
    currency: str = "EUR",
    policy: Policy | None = None,
    max_rules: int = 6,
) -> DiscountScheme:
    """A valid scheme of up to ``max_rules`` rules, any policy (or ``policy``),
    with or without a maximum discount and a margin floor."""
    count = draw(st.integers(min_value=0, max_value=max_rules))
    rules = [draw(discount_rules(currency, f"r{i}")) for i in range(count)]
    chosen = policy if policy is not None else draw(st.sampled_from(Policy))
    if chosen is Policy.PRIORITY:  # distinct priorities: no equal-priority overlap
        rules = [_with_priority(rule, i) for i, rule in enumerate(rules)]
    args: dict[str, object] = {
        "name": "drawn",
        "currency": currency,
        "rules": rules,
        "policy": chosen,
        "max_discount_percent": draw(st.none() | percents()),
        "margin_floor_percent": draw(st.none() | percents()),
        "approvals": [ApprovalLevel("manager", 10), ApprovalLevel("director", 20)],
    }
    scheme = _valid(args)
    while scheme is None and rules:  # drop shadowed rules until valid
        rules = rules[:-1]
        args["rules"] = rules
        scheme = _valid(args)
    if scheme is None:
        args["rules"] = []
        scheme = DiscountScheme(**args)  # type: ignore[arg-type]
    return scheme


def _with_priority(rule: DiscountRule, priority: int) -> DiscountRule:
    return attrs.evolve(rule, priority=priority)  # type: ignore[misc]


def quote_lines(
    currency: str = "EUR", max_lines: int = 5
) -> st.SearchStrategy[list[QuoteLine]]:
    """Lines on the strategies' products, with or without a unit cost."""
    line = st.builds(
        QuoteLine,
        product=st.sampled_from(PRODUCTS),
        quantity=st.integers(min_value=1, max_value=60),
        unit_price=_money(currency, 0, 50_000),
        category=st.none() | st.sampled_from(CATEGORIES),
        unit_cost=st.none() | _money(currency, 0, 40_000),
    )
    return st.lists(line, min_size=1, max_size=max_lines)
