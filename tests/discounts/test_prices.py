"""Price rules as the ERPs write them (issue 21, points 1, 2, 5, 9, 10).

Where an ERP's semantics are cited, it is their public documentation, read
for behaviour only:

- ERPNext, Pricing Rule (docs.erpnext.com, "Pricing Rule"): a rule gives a
  *rate* that replaces the price list rate, or a *margin* (a percentage or
  an amount) on the price list rate; of several matching rules the higher
  priority number wins. accountcore's ``ContractPrice``, ``Markup`` and
  rank (higher ``priority`` first) do the same.
- Odoo, Pricelists (odoo.com/documentation, Sales, "Pricing"): a formula
  rule computes from the sales price or the cost, applies its percentage,
  rounds the result, and adds the extra fee after rounding; ``Markup``
  (``on=MarkupBase.COST``, ``places``, ``amount``) follows that order. Odoo
  may also show a pricelist's lower price as a discount off the public
  price: that is ``FixedPrice``, kept as it was.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pendulum
import pytest
from helpers import eur
from hypothesis import given
from hypothesis import strategies as st

from accountcore.clients import Client, ClientKind
from accountcore.definitions import dumps, loads
from accountcore.discounts import (
    AppliedPrice,
    ClientFacts,
    Conditions,
    ContractPrice,
    DiscountScheme,
    FixedPrice,
    Markup,
    MarkupBase,
    PercentOff,
    Policy,
    PriceQuote,
    QuoteLine,
    price_kind,
    register_price_rule,
)
from accountcore.discounts.errors import SchemeDefinitionError
from accountcore.money import Money
from accountcore.serialization import from_json, structure, to_json, unstructure

ON = datetime.date(2026, 5, 4)
ACME = ClientFacts(tier="key", client="C-1")


def quote(
    scheme: DiscountScheme, *lines: QuoteLine, client: ClientFacts = ACME
) -> PriceQuote:
    return scheme.quote(lines, client=client, on=ON)


# --- 1. a price that replaces the list price ---------------------------------


def test_a_contract_price_above_the_list_price_replaces_it() -> None:
    scheme = DiscountScheme(
        "contracts",
        "EUR",
        [PercentOff("key", 10, when=Conditions(tiers=["key"]))],
        prices=[ContractPrice("acme", eur("101.00"), when=Conditions(clients=["C-1"]))],
    )

    line = quote(scheme, QuoteLine("pump", 3, eur("100.00"))).lines[0]

    # 3 x 101.00 = 303.00; the 10 % works from it: 30.30; 303.00 - 30.30
    assert line.price == AppliedPrice("acme", eur("100.00"), eur("101.00"))
    assert (line.unit_price, line.list_amount) == (eur("101.00"), eur("303.00"))
    assert (line.discount, line.total) == (eur("30.30"), eur("272.70"))


def test_fixed_price_stays_a_discount_refused_above_the_list_price() -> None:
    scheme = DiscountScheme("fixed", "EUR", [FixedPrice("acme", eur("101.00"))])

    line = quote(scheme, QuoteLine("pump", 3, eur("100.00"))).lines[0]

    assert line.total == eur("300.00")
    assert line.rejected[0].reason.text == (
        "fixed price 101.00 EUR is not below the list price 100.00 EUR"
    )


def test_a_contract_price_below_list_counts_no_discount_for_approvals() -> None:
    # FixedPrice shows 8.00 as 2.00 off 10.00 (20 %); ContractPrice makes
    # 8.00 the client's list price: nothing off, no approval needed.
    as_discount = DiscountScheme("a", "EUR", [FixedPrice("acme", eur("8.00"))])
    as_price = DiscountScheme("b", "EUR", [], prices=[ContractPrice("acme", eur("8"))])
    line = QuoteLine("pump", 5, eur("10.00"))

    shown = quote(as_discount, line)
    priced = quote(as_price, line)

    assert (shown.total, shown.effective_percent) == (eur("40.00"), Decimal("20.00"))
    assert (priced.total, priced.effective_percent) == (eur("40.00"), Decimal("0.00"))


def test_the_highest_ranked_price_rule_wins_and_the_others_are_outranked() -> None:
    scheme = DiscountScheme(
        "lists",
        "EUR",
        [],
        prices=[
            ContractPrice(
                "builders list", eur("9.00"), when=Conditions(segments=["b"])
            ),
            ContractPrice(
                "acme", eur("8.50"), priority=5, when=Conditions(clients=["C-1"])
            ),
        ],
    )
    acme = ClientFacts(segment="b", client="C-1")

    line = quote(scheme, QuoteLine("pump", 2, eur("10.00")), client=acme).lines[0]

    assert line.total == eur("17.00")  # 2 x 8.50
    assert [(r.rule, r.reason.text) for r in line.rejected] == [
        ("builders list", "priority 0 is below 'acme' (priority 5)")
    ]


# --- 2. markups ------------------------------------------------------------------


def test_a_cost_plus_markup_raises_the_cost_then_discounts_apply() -> None:
    scheme = DiscountScheme(
        "cost plus",
        "EUR",
        [PercentOff("spring", 5)],
        prices=[Markup("cost+25", 25, amount=eur("0.50"), on=MarkupBase.COST)],
    )

    line = quote(
        scheme, QuoteLine("pump", 4, eur("9.00"), unit_cost=eur("6.00"))
    ).lines[0]

    # 6.00 x 1.25 = 7.50, + 0.50 = 8.00; 4 x 8.00 = 32.00; 5 % = 1.60
    assert line.unit_price == eur("8.00")
    assert (line.list_amount, line.total) == (eur("32.00"), eur("30.40"))


def test_a_markup_on_the_list_price() -> None:
    scheme = DiscountScheme("up", "EUR", [], prices=[Markup("freight", 12)])

    line = quote(scheme, QuoteLine("pump", 3, eur("12.50"))).lines[0]

    # 12.50 x 1.12 = 14.00; 3 x 14.00 = 42.00
    assert (line.unit_price, line.total) == (eur("14.00"), eur("42.00"))


def test_a_markup_on_cost_without_a_cost_leaves_the_list_price() -> None:
    scheme = DiscountScheme("up", "EUR", [], prices=[Markup("m", 20, on="cost")])

    line = quote(scheme, QuoteLine("pump", 2, eur("10.00"))).lines[0]

    assert (line.price, line.total) == (None, eur("20.00"))
    assert line.rejected[0].reason.text == "the line gives no unit cost to mark up"


# --- 10. unit prices with more decimals; rounding to stated places -------------


def test_a_four_decimal_unit_price_is_rounded_only_at_the_line_total() -> None:
    scheme = DiscountScheme("b2b", "EUR", [PercentOff("ten", 10)])

    screws, washers = quote(
        scheme,
        QuoteLine("screw", 1000, eur("0.1234")),
        QuoteLine("washer", 7, eur("0.1234")),
    ).lines

    # 1000 x 0.1234 = 123.40, 10 % = 12.34 -> 111.06
    assert (screws.list_amount, screws.total) == (eur("123.40"), eur("111.06"))
    # 7 x 0.1234 = 0.8638 -> 0.86; 10 % = 0.086 -> 0.09; 0.86 - 0.09 = 0.77
    assert (washers.list_amount, washers.total) == (eur("0.86"), eur("0.77"))


def test_places_round_the_marked_up_price_before_the_amount() -> None:
    exact = DiscountScheme("e", "EUR", [], prices=[Markup("m", 10, amount=eur("0.25"))])
    stated = DiscountScheme(
        "s", "EUR", [], prices=[Markup("m", 10, amount=eur("0.25"), places=2)]
    )
    line = QuoteLine("pump", 3, eur("3.33"))

    # exact: 3.33 x 1.10 = 3.663, + 0.25 = 3.913; 3 x 3.913 = 11.739 -> 11.74
    assert quote(exact, line).total == eur("11.74")
    # places=2: 3.663 -> 3.66, + 0.25 = 3.91; 3 x 3.91 = 11.73
    assert quote(stated, line).total == eur("11.73")


def test_four_decimal_prices_are_shown_with_their_decimals() -> None:
    scheme = DiscountScheme(
        "b2b", "EUR", [], prices=[ContractPrice("acme", eur("0.1150"))]
    )

    lines = quote(scheme, QuoteLine("screw", 1000, eur("0.1234"))).explain("et_EE")

    # 1000 x 0.1150 = 115.00
    assert lines[:2] == [
        "Rida 1: screw, 1\xa0000 × 0,115\xa0€ = 115,00\xa0€",
        "  Hind 0,115\xa0€ reeglist acme hinnakirjahinna 0,1234\xa0€ asemel",
    ]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_US", "  Price €101.00 by acme instead of the list price €100.00"),
        (
            "et_EE",
            "  Hind 101,00\xa0€ reeglist acme hinnakirjahinna 100,00\xa0€ asemel",
        ),
        (
            "uk_UA",
            "  Ціна 101,00\xa0EUR за правилом acme замість прайсової ціни 100,00\xa0EUR",
        ),
        ("ja_JP", "  ルールacmeにより価格€101.00（定価€100.00の代わり）"),
        (
            "ro_RO",
            "  Preț 101,00\xa0EUR conform regulii acme în loc de prețul de listă 100,00\xa0EUR",
        ),
        (
            "lv_LV",
            "  Cena 101,00\xa0€ pēc noteikuma acme cenrāža cenas 100,00\xa0€ vietā",
        ),
    ],
)
def test_the_price_rule_is_explained_in_six_languages(
    locale: str, expected: str
) -> None:
    scheme = DiscountScheme("c", "EUR", [], prices=[ContractPrice("acme", eur("101"))])

    lines = quote(scheme, QuoteLine("pump", 1, eur("100.00"))).explain(locale)

    assert lines[1] == expected


# --- 5. rules for one named client ---------------------------------------------------


def test_a_rule_for_one_named_client() -> None:
    scheme = DiscountScheme(
        "named", "EUR", [PercentOff("acme deal", 7, when=Conditions(clients=["C-1"]))]
    )
    acme = Client.existing(
        "C-1",
        "Acme",
        kind=ClientKind.CORPORATE,
        owner="anna",
        at=pendulum.datetime(2020, 1, 1, tz="UTC"),
    )
    line = QuoteLine("pump", 2, eur("50.00"))

    ours = scheme.quote([line], client=acme, on=ON).lines[0]
    other = quote(scheme, line, client=ClientFacts(client="C-2")).lines[0]

    assert ours.total == eur("93.00")  # 100.00 - 7 %
    assert other.rejected[0].reason.text == "client C-2 is not one of C-1"
    assert other.rejected[0].reason.render("lv_LV") == "klients: C-2; atļauts: C-1"


def test_an_empty_client_list_is_a_fault() -> None:
    with pytest.raises(SchemeDefinitionError, match="clients is empty: no client"):
        DiscountScheme("x", "EUR", [PercentOff("p", 5, when=Conditions(clients=[]))])


# --- 9. a baseline with an override ----------------------------------------------------


def test_a_baseline_with_an_override_at_higher_priority_is_sound() -> None:
    rules = [
        PercentOff("everyone", 10, priority=1),
        PercentOff("builders", 20, priority=2, when=Conditions(segments=["b"])),
    ]
    scheme = DiscountScheme("o", "EUR", rules, policy=Policy.PRIORITY)
    line = QuoteLine("pump", 1, eur("100.00"))

    assert scheme.warnings == ()
    assert quote(scheme, line, client=ClientFacts(segment="b")).total == eur("80.00")
    assert quote(scheme, line, client=ClientFacts()).total == eur("90.00")


def test_an_override_ranked_below_its_baseline_is_a_warning_not_a_fault() -> None:
    rules = [
        PercentOff("everyone", 10, priority=2),
        PercentOff("builders", 20, priority=1, when=Conditions(segments=["b"])),
    ]

    scheme = DiscountScheme("o", "EUR", rules, policy=Policy.PRIORITY)

    (warning,) = scheme.warnings
    assert warning.code == "shadowed"
    assert warning.text == (
        "rule 'builders' can never apply: 'everyone' matches every line it "
        "matches and always wins (policy: highest priority)"
    )
    assert warning.render("uk_UA") == (
        "правило 'builders' ніколи не застосовується: 'everyone' підходить до "
        "кожного рядка, що й воно, і завжди перемагає (політика: найвищий пріоритет)"
    )


def test_equal_priorities_under_priority_stay_a_true_contradiction() -> None:
    rules = [
        PercentOff("everyone", 10),
        PercentOff("builders", 20, when=Conditions(segments=["b"])),
    ]

    with pytest.raises(
        SchemeDefinitionError, match="rules 'builders' and 'everyone' have the same"
    ):
        DiscountScheme("o", "EUR", rules, policy=Policy.PRIORITY)


def test_a_price_rule_always_outranked_is_a_warning() -> None:
    scheme = DiscountScheme(
        "p",
        "EUR",
        [],
        prices=[
            ContractPrice("all", eur("9"), priority=2),
            Markup("tools", 10, when=Conditions(categories=["tools"])),
        ],
    )

    assert [w.text for w in scheme.warnings] == [
        "rule 'tools' can never apply: 'all' matches every line it matches and "
        "always wins (policy: highest priority)"
    ]


# --- definition faults, each naming the bad value ------------------------------------


def test_price_rule_faults_are_listed_at_once() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        DiscountScheme(
            "bad",
            "EUR",
            [PercentOff("twice", 5)],
            prices=[
                Markup("empty"),
                Markup("down", -5, places=11),
                ContractPrice("dollars", Money("9", "USD")),
                ContractPrice("twice", eur("9"), priority=1),
                ContractPrice("a", eur("9"), priority=3),
                ContractPrice("b", eur("8"), priority=3),
                "cheap",  # type: ignore[list-item]
            ],
        )

    assert caught.value.faults == (
        "'cheap' is not a PriceRule (name, priority, when, unit_price, faults)",
        "price rule 'empty': has neither a percent nor an amount",
        "price rule 'down': percent -5 is negative (a markup raises)",
        "price rule 'down': places 11 is outside [0, 10]",
        "price rule 'dollars': price 9 USD is not in the scheme's currency EUR",
        "two rules are named 'twice'",
        "price rules 'a' and 'b' have the same priority 3 and can price the "
        "same line; one must rank above the other",
    )


def test_a_price_that_is_not_money_is_refused_naming_it() -> None:
    with pytest.raises(SchemeDefinitionError, match=r"expected Money, got '9\.00'"):
        ContractPrice("acme", "9.00")  # type: ignore[arg-type]


def test_places_that_are_not_whole_are_refused_naming_them() -> None:
    with pytest.raises(
        SchemeDefinitionError, match=r"expected a whole number, got 2\.5"
    ):
        Markup("m", 5, places=2.5)  # type: ignore[arg-type]


# --- serialization and definition files --------------------------------------------------


def _scheme() -> DiscountScheme:
    return DiscountScheme(
        "contracts",
        "EUR",
        [PercentOff("key", 10, when=Conditions(tiers=["key"]))],
        prices=[
            ContractPrice(
                "acme", eur("101.0000"), priority=1, when=Conditions(clients=["C-1"])
            ),
            Markup("cost plus", 25, on=MarkupBase.COST, amount=eur("0.50"), places=4),
        ],
    )


def test_schemes_with_price_rules_and_their_quotes_round_trip() -> None:
    scheme = _scheme()
    priced = quote(scheme, QuoteLine("pump", 3, eur("100.00")))

    assert from_json(to_json(scheme), DiscountScheme) == scheme
    assert from_json(to_json(priced), PriceQuote) == priced
    assert unstructure(scheme)["prices"][1]["kind"] == "markup"


def test_a_scheme_with_price_rules_round_trips_through_a_definition_file() -> None:
    scheme = _scheme()

    text = dumps(scheme)

    assert 'kind = "contract_price"' in text
    assert loads(text) == scheme


def test_an_unknown_price_rule_kind_is_refused_naming_it() -> None:
    data = unstructure(_scheme())
    data["prices"][0]["kind"] = "rebate"

    with pytest.raises(Exception, match="unknown price rule kind 'rebate'"):
        structure(data, DiscountScheme)


def test_an_unregistered_price_rule_class_cannot_serialise() -> None:
    class Own(ContractPrice):
        pass

    with pytest.raises(SchemeDefinitionError, match="call register_price_rule"):
        price_kind(Own("own", eur("1")))
    with pytest.raises(SchemeDefinitionError, match="'contract_price' is already"):
        register_price_rule("contract_price", Own)


# --- the order rules are listed in does not change a quote ------------------------------


_RULES = [
    PercentOff("everyone", 10, priority=1),
    PercentOff("builders", 20, priority=3, when=Conditions(segments=["b"])),
    PercentOff("bulk", 15, priority=2, when=Conditions(min_quantity=10)),
]
_PRICES = [
    ContractPrice("acme", eur("9.50"), priority=4, when=Conditions(clients=["C-1"])),
    Markup("cost plus", 30, on="cost", priority=2),
    Markup("freight", 5, priority=1),
]


@given(
    rules=st.permutations(_RULES),
    prices=st.permutations(_PRICES),
    quantity=st.integers(1, 30),
    client=st.sampled_from(
        [ClientFacts(), ClientFacts(segment="b"), ClientFacts(client="C-1")]
    ),
    cost=st.sampled_from([None, eur("6.00")]),
)
def test_the_order_rules_are_listed_in_does_not_change_a_quote(
    rules: list[PercentOff],
    prices: list[ContractPrice | Markup],
    quantity: int,
    client: ClientFacts,
    cost: Money | None,
) -> None:
    listed = DiscountScheme("l", "EUR", _RULES, prices=_PRICES, policy=Policy.PRIORITY)
    shuffled = DiscountScheme("l", "EUR", rules, prices=prices, policy=Policy.PRIORITY)
    line = QuoteLine("pump", quantity, eur("10.00"), unit_cost=cost)

    assert quote(shuffled, line, client=client) == quote(listed, line, client=client)
