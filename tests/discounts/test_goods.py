"""Issue 21, points 3, 4, 6, 7, 8: free goods on top, linked rules, product
groups and variants, units of measure, "most specific wins".

ERP behaviour compared (public docs, behaviour only):
- ERPNext "Pricing Rule", product discount with "Is Recursive": the free
  quantity is given for every multiple of the minimum quantity
  (https://docs.erpnext.com/docs/user/manual/en/pricing-rule): our
  ``FreeGoods(repeat=True)``; without it, once.
- Odoo pricelists resolve the item applied on a line by "Apply On":
  product variant, then product, then product category, then all products
  (https://www.odoo.com/documentation/17.0/applications/sales/sales/products_prices/prices/pricing.html):
  our ``Policy.MOST_SPECIFIC``; a rule on a category covers its child
  categories, as ``Catalog`` groups do.
"""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountcore.discounts import (
    BuyGetFree,
    Catalog,
    ClientFacts,
    Conditions,
    DiscountScheme,
    FreeGoods,
    Linked,
    OrderCondition,
    PercentOff,
    Policy,
    PriceQuote,
    Product,
    ProductGroup,
    QuoteLine,
    Scope,
    Unit,
    VolumeTier,
    VolumeTiers,
)
from accountcore.discounts.errors import QuoteLineError, SchemeDefinitionError
from accountcore.errors import UnknownKeyError
from accountcore.money import Money
from accountcore.serialization import from_json, to_json

ON = datetime.date(2026, 5, 4)
ANYONE = ClientFacts()


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def quote(scheme: DiscountScheme, *lines: QuoteLine) -> PriceQuote:
    return scheme.quote(list(lines), client=ANYONE, on=ON)


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
        Product(
            "screws", group="fixings", units=[Unit("box", 100), Unit("pallet", 4800)]
        ),
        Product("bits", group="tools"),
    ],
)


# --- 3. free goods on top ------------------------------------------------------


def test_free_goods_on_top_give_one_more_for_every_five_recursively() -> None:
    scheme = DiscountScheme("promo", "EUR", [FreeGoods("5+1", buy=5, get=1)])

    q = quote(scheme, QuoteLine("filter", 12, eur("4.00")))

    paid, free = q.lines
    assert (paid.total, paid.discount) == (
        eur("48.00"),
        eur("0.00"),
    )  # 12 x 4.00, untouched
    # 12 // 5 = 2 sets, 2 x 1 free; worth 2 x 4.00 = 8.00
    assert (free.number, free.product, free.quantity) == (2, "filter", Decimal(2))
    assert (free.list_amount, free.discount, free.total) == (
        eur("8.00"),
        eur("8.00"),
        eur("0.00"),
    )
    assert q.total == eur("48.00")
    assert q.subtotal == eur("56.00")  # 48.00 + 8.00 given


def test_without_repeat_the_goods_come_once() -> None:
    scheme = DiscountScheme(
        "promo", "EUR", [FreeGoods("first", buy=5, get=1, repeat=False)]
    )

    assert quote(scheme, QuoteLine("filter", 12, eur("4.00"))).lines[1].quantity == 1


def test_in_line_buy_get_free_is_kept_and_differs_from_on_top() -> None:
    # BuyGetFree: of 12 units in sets of 6 (5 + 1), 2 cost nothing: pays 10 x 4.00
    inside = DiscountScheme("in", "EUR", [BuyGetFree("5+1", 5, 1)])
    q = quote(inside, QuoteLine("filter", 12, eur("4.00")))
    assert (len(q.lines), q.total) == (1, eur("40.00"))


def test_another_item_is_given_at_its_list_price_in_its_catalogue_group() -> None:
    rule = FreeGoods(
        "case with a drill",
        buy=1,
        get=1,
        item="bits",
        item_price=eur("15.00"),
        when=Conditions(products=["drill"]),
    )
    scheme = DiscountScheme("promo", "EUR", [rule], catalog=CATALOG)

    q = quote(scheme, QuoteLine("drill-red", 2, eur("120.00")))  # a variant of drill

    free = q.lines[1]
    assert (free.product, free.category, free.quantity) == ("bits", "tools", Decimal(2))
    assert free.list_amount == eur("30.00")  # 2 x 15.00
    assert q.total == eur("240.00")


def test_order_level_free_goods_count_the_group_across_lines() -> None:
    rule = FreeGoods(
        "mug per 10 tools",
        buy=10,
        get=1,
        item="mug",
        item_price=eur("5.00"),
        scope=Scope.ORDER,
        when=Conditions(categories=["tools"]),
    )
    scheme = DiscountScheme("promo", "EUR", [rule], catalog=CATALOG)

    q = quote(
        scheme, QuoteLine("drill", 4, eur("100.00")), QuoteLine("saw", 7, eur("50.00"))
    )

    # 4 drills + 7 saws = 11 units of tools (drills and power tools are under tools): 1 mug
    assert [(line.product, line.quantity) for line in q.lines][-1] == ("mug", 1)
    assert q.order_applied[0].amount == eur("5.00")
    short = quote(scheme, QuoteLine("drill", 4, eur("100.00")))
    assert short.order_rejected[0].reason.text == "4 units, needs 10 to get 1 free"
    assert short.hints[0].text == "6 more to reach 1 free of “mug per 10 tools”"


def test_free_goods_explain_themselves_in_six_languages() -> None:
    scheme = DiscountScheme("promo", "EUR", [FreeGoods("5+1", buy=5, get=1)])
    q = quote(scheme, QuoteLine("filter", 5, eur("4.00")))
    for locale in ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV"):
        assert any("5+1" in text for text in q.explain(locale))


@pytest.mark.parametrize(
    ("kwargs", "fault"),
    [
        ({"buy": 0, "get": 1}, "buy 0 must be positive"),
        ({"buy": 5, "get": -1}, "get -1 must be positive"),
        ({"buy": 5, "get": 1, "item": "mug"}, "item and item_price go together"),
        (
            {"buy": 5, "get": 1, "scope": "order"},
            "an order-level free goods rule names its item",
        ),
        (
            {"buy": 5, "get": 1, "item": "mug", "item_price": Money("1", "USD")},
            "item_price 1 USD is not in",
        ),
        ({"buy": 5, "get": 1, "exclusive": True}, "they cannot be exclusive"),
    ],
)
def test_free_goods_are_checked_when_the_scheme_is_built(
    kwargs: dict[str, object], fault: str
) -> None:
    with pytest.raises(SchemeDefinitionError) as error:
        DiscountScheme("bad", "EUR", [FreeGoods("g", **kwargs)])  # type: ignore[arg-type]
    assert fault in str(error.value)
    assert "'g'" in str(error.value)


@given(
    quantity=st.integers(1, 200),
    buy=st.integers(1, 12),
    get=st.integers(1, 4),
    cents=st.integers(1, 10_000),
    repeat=st.booleans(),
)
def test_free_goods_never_reduce_the_paid_amount_below_what_the_rule_allows(
    quantity: int, buy: int, get: int, cents: int, repeat: bool
) -> None:
    price = Money(Decimal(cents) / 100, "EUR")
    line = QuoteLine("p", quantity, price)
    on_top = quote(
        DiscountScheme("s", "EUR", [FreeGoods("g", buy=buy, get=get, repeat=repeat)]),
        line,
    )
    # on top: every bought unit is paid; the free units cost nothing more
    assert on_top.total == price * quantity
    sets = quantity // buy if repeat else min(1, quantity // buy)
    assert sum((free.quantity for free in on_top.lines[1:]), Decimal(0)) == sets * get
    # inside the line: the paid units are never fewer than the rule leaves
    inside = quote(
        DiscountScheme("s", "EUR", [BuyGetFree("g", buy, get, repeat=repeat)]), line
    )
    groups = quantity // (buy + get) if repeat else min(1, quantity // (buy + get))
    assert inside.total >= price * (quantity - groups * get)


# --- 4. a condition on one line discounts another -----------------------------


BITS = Linked(
    PercentOff("bits with a drill", 20, when=Conditions(products=["bits"])),
    needs=OrderCondition(products=["drill"], min_quantity=1),
)


def test_buy_a_drill_and_the_bits_are_20_percent_off() -> None:
    scheme = DiscountScheme("tools", "EUR", [BITS], catalog=CATALOG)

    q = quote(
        scheme,
        QuoteLine("drill-red", 1, eur("120.00")),
        QuoteLine("bits", 3, eur("15.00")),
    )

    assert q.lines[1].discount == eur("9.00")  # 3 x 15.00 = 45.00, 20 % = 9.00
    assert q.lines[0].discount == eur("0.00")  # the drill itself is not discounted


def test_without_the_drill_the_bits_line_says_why_and_how_close() -> None:
    scheme = DiscountScheme("tools", "EUR", [BITS])

    line = quote(scheme, QuoteLine("bits", 3, eur("15.00"))).lines[0]

    assert (
        line.rejected[0].reason.text == "the order holds 0 units of drill; it needs 1"
    )
    assert line.hints[0].text == "1 more to reach its discount of “bits with a drill”"
    assert line.rejected[0].reason.render("uk_UA").startswith("у замовленні 0 од.")


def test_an_order_condition_counts_the_amount_across_the_lines_of_a_group() -> None:
    rule = Linked(
        PercentOff("tools over 500", 5, when=Conditions(categories=["tools"])),
        needs=OrderCondition(categories=["tools"], min_amount=eur("500")),
    )
    scheme = DiscountScheme("tools", "EUR", [rule], catalog=CATALOG)

    met = quote(
        scheme, QuoteLine("drill", 3, eur("100.00")), QuoteLine("saw", 4, eur("60.00"))
    )
    # 300.00 + 240.00 = 540.00 of tools >= 500: 5 % of each line, 15.00 + 12.00
    assert [line.discount for line in met.lines] == [eur("15.00"), eur("12.00")]
    short = quote(scheme, QuoteLine("drill", 3, eur("100.00")))
    assert short.lines[0].rejected[0].reason.text == (
        "the order holds 300.00 EUR of tools; it needs 500 EUR"
    )


def test_linked_rules_are_checked_when_built() -> None:
    with pytest.raises(SchemeDefinitionError) as error:
        DiscountScheme(
            "bad",
            "EUR",
            [
                Linked(
                    PercentOff("o", 5, scope="order"),
                    needs=OrderCondition(products=[], min_quantity=0),
                )
            ],
        )
    text = str(error.value)
    assert "rule 'o': a linked rule discounts lines" in text
    assert "needs: products is empty" in text
    assert "needs: min_quantity 0 must be positive" in text


# --- 6. product hierarchy -----------------------------------------------------


def test_a_rule_on_a_group_applies_to_its_subgroups_and_variants_inherit() -> None:
    scheme = DiscountScheme(
        "h",
        "EUR",
        [PercentOff("tools", 10, when=Conditions(categories=["tools"]))],
        catalog=CATALOG,
    )

    q = quote(
        scheme,
        QuoteLine("drill-red", 1, eur("80.00")),
        QuoteLine("screws", 1, eur("2.00")),
    )

    # drill-red -> template drill -> drills -> power tools -> tools: 10 % of 80.00
    assert q.lines[0].category == "drills"
    assert q.lines[0].discount == eur("8.00")
    assert q.lines[1].discount == eur("0.00")  # fixings are not tools


def test_a_catalogue_is_checked_when_built() -> None:
    with pytest.raises(SchemeDefinitionError) as error:
        Catalog(
            [ProductGroup("a", parent="nowhere"), ProductGroup("all")],
            [
                Product("v", template="t"),
                Product("w", template="v2"),
                Product("v2", template="x"),
            ],
        )
    text = str(error.value)
    assert "group 'a': parent 'nowhere' is unknown" in text
    assert "group 'all' is the root" in text
    assert "product 'v': template 't' is not in the catalogue" in text


def test_an_unknown_product_is_named() -> None:
    with pytest.raises(UnknownKeyError, match="'nail'"):
        CATALOG.product("nail")


# --- 7. units of measure ------------------------------------------------------


def test_a_line_in_boxes_meets_a_threshold_in_pieces_and_keeps_its_money() -> None:
    scheme = DiscountScheme(
        "u",
        "EUR",
        [
            VolumeTiers(
                "bulk", [VolumeTier(250, 5)], when=Conditions(products=["screws"])
            )
        ],
        catalog=CATALOG,
    )

    line = quote(scheme, QuoteLine("screws", 3, eur("12.00"), unit="box")).lines[0]

    # 3 boxes x 100 = 300 pieces >= 250: 5 % of 3 x 12.00 = 36.00 -> 1.80
    assert (line.quantity, line.unit_price, line.list_amount) == (
        Decimal(3),
        eur("12.00"),
        eur("36.00"),
    )
    assert line.discount == eur("1.80")


def test_a_unit_needs_a_catalogue_and_a_known_unit() -> None:
    plain = DiscountScheme("u", "EUR", [])
    with pytest.raises(
        QuoteLineError, match="unit='box' is invalid: a line in a unit needs"
    ):
        quote(plain, QuoteLine("screws", 3, eur("12.00"), unit="box"))
    with pytest.raises(
        QuoteLineError,
        match="unit='crate' is invalid: expected one of box, pallet, piece",
    ):
        quote(
            DiscountScheme("u", "EUR", [], catalog=CATALOG),
            QuoteLine("screws", 1, eur("1"), unit="crate"),
        )
    with pytest.raises(SchemeDefinitionError, match="unit 'box' has factor -1"):
        Catalog([], [Product("p", units=[Unit("box", -1)])])


@given(
    boxes=st.integers(1, 500),
    cents=st.integers(1, 1_000_000),
    unit=st.sampled_from(["box", "pallet", None]),
)
def test_unit_conversion_conserves_quantity_and_money(
    boxes: int, cents: int, unit: str | None
) -> None:
    price = Money(Decimal(cents) / 100, "EUR")
    pieces = CATALOG.to_base("screws", boxes, unit)
    assert CATALOG.convert("screws", pieces, None, unit) == boxes  # there and back
    scheme = DiscountScheme("u", "EUR", [], catalog=CATALOG)
    line = quote(scheme, QuoteLine("screws", boxes, price, unit=unit)).lines[0]
    assert line.list_amount == price * boxes  # the stated money, to the cent
    assert line.total == price * boxes


# --- 8. most specific wins ----------------------------------------------------


SPECIFIC_RULES = [
    PercentOff("everything", 5),
    PercentOff("tools", 20, when=Conditions(categories=["tools"])),
    PercentOff("drills", 12, when=Conditions(categories=["drills"])),
    PercentOff("drill", 10, when=Conditions(products=["drill"])),
    PercentOff("red drill", 15, when=Conditions(products=["drill-red"])),
]


def test_most_specific_wins_variant_then_product_then_group_then_all() -> None:
    scheme = DiscountScheme(
        "s", "EUR", SPECIFIC_RULES, policy=Policy.MOST_SPECIFIC, catalog=CATALOG
    )

    q = quote(
        scheme,
        QuoteLine("drill-red", 1, eur("100.00")),  # its own rule: 15 %
        QuoteLine("drill", 1, eur("100.00")),  # the product: 10 %
        QuoteLine("saw", 1, eur("100.00")),  # power tools -> tools: 20 %
        QuoteLine("screws", 1, eur("100.00")),  # nothing named: 5 %
    )

    assert [line.discount for line in q.lines] == [
        eur("15.00"),
        eur("10.00"),
        eur("20.00"),
        eur("5.00"),
    ]
    assert (
        q.lines[0].rejected[0].reason.text
        == "'red drill' is more specific for this line"
    )


def test_a_group_nearer_the_line_wins_over_a_farther_one() -> None:
    scheme = DiscountScheme(
        "s", "EUR", SPECIFIC_RULES[:3], policy=Policy.MOST_SPECIFIC, catalog=CATALOG
    )
    # drills (distance 0) over tools (distance 2), though tools gives more
    assert quote(scheme, QuoteLine("drill", 1, eur("100.00"))).lines[0].discount == eur(
        "12.00"
    )


@given(
    st.permutations(SPECIFIC_RULES),
    st.sampled_from(["drill-red", "drill", "saw", "screws", "bits"]),
)
def test_most_specific_is_independent_of_the_order_rules_are_listed_in(
    rules: list[PercentOff], product: str
) -> None:
    listed = DiscountScheme(
        "s", "EUR", SPECIFIC_RULES, policy=Policy.MOST_SPECIFIC, catalog=CATALOG
    )
    shuffled = DiscountScheme(
        "s", "EUR", rules, policy=Policy.MOST_SPECIFIC, catalog=CATALOG
    )
    line = QuoteLine(product, 2, eur("30.00"))
    assert quote(listed, line) == quote(shuffled, line)


def test_equal_specificity_goes_to_priority_then_name() -> None:
    for rules in itertools.permutations(
        [
            PercentOff("b", 5, when=Conditions(products=["p"])),
            PercentOff("a", 7, when=Conditions(products=["p"])),
        ]
    ):
        scheme = DiscountScheme("s", "EUR", rules, policy=Policy.MOST_SPECIFIC)
        assert (
            quote(scheme, QuoteLine("p", 1, eur("100.00"))).lines[0].applied[0].rule
            == "a"
        )


# --- serialization ------------------------------------------------------------


def test_catalogue_and_new_rules_round_trip_through_json() -> None:
    scheme = DiscountScheme(
        "rt",
        "EUR",
        [
            *SPECIFIC_RULES,
            BITS,
            FreeGoods(
                "mug", buy=10, get=1, item="bits", item_price=eur("5.00"), scope="order"
            ),
        ],
        policy=Policy.MOST_SPECIFIC,
        catalog=CATALOG,
    )
    back = from_json(to_json(scheme), DiscountScheme)
    assert back == scheme
    lines = [QuoteLine("drill", 10, eur("50.00")), QuoteLine("bits", 2, eur("3.00"))]
    q = quote(back, *lines)
    assert q == quote(scheme, *lines)
    assert from_json(to_json(q), PriceQuote) == q
