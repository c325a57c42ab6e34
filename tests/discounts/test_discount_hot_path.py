"""The hot path's caches of issue 21 change no result.

A line's candidates are cached by the product and category only when rules
name them (the many products without rules of their own share their
category's entry), and under ``MOST_SPECIFIC`` each candidate's level comes
with them, the rejection of each loser kept on its winner. The plain path
(no index, nothing kept, each level worked out on its line) must give the
same quotes, reason for reason, whatever products, groups and rule order.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore.discounts import (
    AmountOff,
    Catalog,
    ClientFacts,
    Conditions,
    ContractPrice,
    DiscountScheme,
    Linked,
    Markup,
    OrderCondition,
    PercentOff,
    Policy,
    Product,
    ProductGroup,
    QuoteLine,
    Scope,
    VolumeTier,
    VolumeTiers,
)
from accountcore.discounts._index import _Indexed
from tests.helpers import eur

ON = dt.date(2026, 5, 4)
KEY = ClientFacts(tier="key", client="C-1")

CATALOG = Catalog(
    [
        ProductGroup("tools"),
        ProductGroup("power tools", parent="tools"),
        ProductGroup("drills", parent="power tools"),
        ProductGroup("fixings"),
    ],
    [
        Product("drill", group="drills"),
        Product("drill-red", template="drill"),
        Product("saw", group="power tools"),
        Product("hammer", group="tools"),
        Product("screws", group="fixings"),
        Product("nails", group="fixings"),
    ],
)

RULES = [
    PercentOff("everyone", 2),
    PercentOff("key", 5, when=Conditions(tiers=["key"])),
    PercentOff("acme", 1, when=Conditions(clients=["C-1"])),
    VolumeTiers("bulk", [VolumeTier(10, 3), VolumeTier(50, 6)]),
    PercentOff("tools", 20, when=Conditions(categories=["tools"]), priority=1),
    PercentOff("drills", 12, when=Conditions(categories=["drills"])),
    AmountOff(
        "fixings", eur("0.10"), when=Conditions(categories=["fixings"], min_quantity=5)
    ),
    PercentOff("drill", 10, when=Conditions(products=["drill"])),
    PercentOff("red drill", 15, when=Conditions(products=["drill-red"])),
    Linked(
        PercentOff("saw with screws", 8, when=Conditions(products=["saw"])),
        needs=OrderCondition(products=["screws"]),
    ),
]
PRICES = [
    ContractPrice(
        "contract", eur("80.00"), priority=1, when=Conditions(products=["hammer"])
    ),
    Markup("fixings markup", 3, places=4, when=Conditions(categories=["fixings"])),
]
# products of the catalogue, and products it does not hold (no rule names them)
PRODUCTS = ("drill", "drill-red", "saw", "hammer", "screws", "nails", "glue", "tape")


def plain(scheme: DiscountScheme) -> DiscountScheme:
    """``scheme`` priced the plain way: no index, nothing kept, no levels."""
    copy = attrs.evolve(scheme)
    line_rules = [copy._widened(r) for r in copy.rules if r.scope is Scope.LINE]
    index = _Indexed.build(line_rules, index=False, compiled=False)
    object.__setattr__(copy, "_line_index", index)
    # the linked rule's order verdict goes to its candidate in this index
    # (one linked rule: its place in the scheme's lookup stays 0)
    object.__setattr__(copy, "_linked", copy._linked_candidates(index))
    return copy


LINES = st.lists(
    st.builds(
        QuoteLine,
        product=st.sampled_from(PRODUCTS),
        quantity=st.integers(1, 60),
        unit_price=st.integers(1, 20_000).map(lambda n: eur(f"{n / 100:.2f}")),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60)
@given(
    st.permutations(RULES),
    st.sampled_from([Policy.MOST_SPECIFIC, Policy.ADDITIVE, Policy.BEST]),
    st.lists(st.tuples(LINES, st.sampled_from([KEY, ClientFacts()])), max_size=4),
)
def test_the_kept_levels_and_candidates_give_the_plain_paths_quotes(
    rules: list[PercentOff],
    policy: Policy,
    quotes: list[tuple[list[QuoteLine], ClientFacts]],
) -> None:
    # Several quotes on one scheme: the later ones meet what the earlier kept.
    scheme = DiscountScheme(
        "s", "EUR", rules, policy=policy, catalog=CATALOG, prices=PRICES
    )
    reference = plain(scheme)
    for lines, client in quotes:
        fast = scheme.quote(lines, client=client, on=ON)
        slow = reference.quote(lines, client=client, on=ON)

        assert fast == slow
        assert fast.explain("en") == slow.explain("en")


def test_a_loser_names_the_rule_more_specific_on_every_line() -> None:
    scheme = DiscountScheme(
        "s", "EUR", RULES, policy=Policy.MOST_SPECIFIC, catalog=CATALOG
    )
    lines = [
        QuoteLine("drill-red", 1, eur("100.00")),
        QuoteLine("drill", 1, eur("50.00")),
    ]

    first, second = scheme.quote(lines, client=KEY, on=ON).lines

    # drill-red: its own rule, 15 % of 100.00 = 15.00; drill: 10 % of 50.00 = 5.00
    assert (first.discount, second.discount) == (eur("15.00"), eur("5.00"))
    # every other rule that passed lost to the line's own, which it names
    losers = {"everyone", "key", "acme", "tools", "drills"}
    assert {(r.rule, r.reason.text) for r in first.rejected if r.rule != "bulk"} == {
        (name, "'red drill' is more specific for this line")
        for name in losers | {"drill"}
    }
    assert {(r.rule, r.reason.text) for r in second.rejected if r.rule != "bulk"} == {
        (name, "'drill' is more specific for this line") for name in losers
    }


def test_products_no_rule_names_share_their_categorys_cached_candidates() -> None:
    scheme = DiscountScheme(
        "s",
        "EUR",
        [
            PercentOff("all", 5),
            PercentOff("paint", 10, when=Conditions(categories=["paint"])),
            PercentOff("one", 20, when=Conditions(products=["p1"])),
        ],
        policy=Policy.ADDITIVE,
    )
    lines = [
        QuoteLine(f"p{n}", 1, eur("1.00"), category="paint" if n % 2 else "glue")
        for n in range(100)
    ]

    quote = scheme.quote(lines, client=ClientFacts(), on=ON)

    # p1: 5 + 10 + 20 = 35 % of 1.00; other paint: 15 %; glue: 5 %
    assert [line.discount for line in quote.lines[:4]] == [
        eur("0.05"),
        eur("0.35"),
        eur("0.05"),
        eur("0.15"),
    ]
    # three entries: (p1, paint), (none named, paint), (none named, none named)
    assert len(scheme._line_index.cache) == 3
