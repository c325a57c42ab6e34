"""Loyalty levels reached by revenue or years, and what they grant in the
discount schemes (issue 20, point 3)."""

from __future__ import annotations

import datetime as _dt

import pytest

from accountcore.discounts import (
    ClientFacts,
    Conditions,
    DiscountScheme,
    LoyaltyLevel,
    LoyaltyProgram,
    PercentOff,
    QuoteLine,
    loyalty_label,
)
from accountcore.discounts.errors import ClientFactsError, SchemeDefinitionError
from accountcore.errors import ArgumentTypeError, CurrencyMismatchError
from accountcore.money import Money
from accountcore.serialization import from_json, to_json
from tests.helpers import eur

PROGRAM = LoyaltyProgram.default("EUR")
ON = _dt.date(2026, 5, 4)


@pytest.mark.parametrize(
    ("revenue", "years", "level"),
    [
        ("24999.99", 1, None),
        ("25000", 0, "silver"),  # revenue reaches the threshold: at least, not above
        ("0", 2, "silver"),
        ("99999.99", 4, "silver"),
        ("100000", 0, "gold"),
        ("0", 5, "gold"),
        ("1000", 10, "platinum"),
        ("250000", 0, "platinum"),
    ],
)
def test_a_client_holds_the_highest_level_it_reaches_by_revenue_or_years(
    revenue: str, years: int, level: str | None
) -> None:
    assert PROGRAM.standing(revenue=eur(revenue), years=years).level == level


def test_the_standing_says_why_and_what_reaches_the_next_level() -> None:
    standing = PROGRAM.standing(revenue=eur("120000"), years=6)

    # gold by both; platinum needs 250,000 - 120,000 = 130,000 or 10 - 6 = 4 years
    assert standing.level == "gold"
    assert standing.render("en") == [
        "revenue €120,000.00 reaches €100,000.00 for Gold",
        "6 years as a client reach 5 years for Gold",
        "€130,000.00 more revenue, or 4 years more as a client, reach Platinum",
    ]


def test_the_standing_reads_in_six_languages_with_plural_years() -> None:
    standing = PROGRAM.standing(revenue=eur("0"), years=21)

    assert standing.level == "platinum"
    assert standing.next_level is None
    assert standing.render("uk_UA") == [
        "співпраця 21 рік досягає вимоги 10 років для рівня Платиновий"
    ]
    assert standing.render("ro_RO") == [
        "vechimea de client de 21 de ani atinge pragul de 10 ani pentru nivelul Platină"
    ]
    assert standing.render("ja_JP") == [
        "取引期間21年がプラチナの基準10年に達しています"
    ]


def test_an_entry_level_is_held_by_every_client() -> None:
    program = LoyaltyProgram(
        "EUR", [LoyaltyLevel("member"), LoyaltyLevel("vip", eur("1000"))]
    )

    standing = program.standing(revenue=eur("0"), years=0)

    assert standing.level == "member"
    assert standing.render("en") == [
        "member: the entry level, held by every client",
        "€1,000.00 more revenue reaches vip",
    ]


def test_the_level_is_a_condition_a_discount_rule_selects_on() -> None:
    scheme = DiscountScheme(
        "loyalty",
        "EUR",
        [
            PercentOff(
                "gold and up", 3, when=Conditions(loyalty_levels=["gold", "platinum"])
            )
        ],
    )
    line = [QuoteLine("drill", 10, eur("50.00"))]
    # first won deal in 2020: 6 whole years on 4 May 2026 -> gold by years
    gold = PROGRAM.facts(
        ClientFacts(tier="key", first_won_on=_dt.date(2020, 3, 1)),
        revenue=eur("0"),
        on=ON,
    )
    silver = PROGRAM.facts(ClientFacts(), revenue=eur("30000"), on=ON)

    won = scheme.quote(line, client=gold, on=ON)
    lost = scheme.quote(line, client=silver, on=ON)

    # 500.00 x 3 % = 15.00 off
    assert gold.loyalty == "gold"
    assert won.total == eur("485.00")
    assert lost.total == eur("500.00")
    assert lost.lines[0].rejected[0].reason.text == (
        "loyalty level: Silver; the rule is for Gold, Platinum"
    )


def test_a_client_without_a_level_is_told_which_levels_the_rule_is_for() -> None:
    scheme = DiscountScheme(
        "loyalty",
        "EUR",
        [PercentOff("gold", 3, when=Conditions(loyalty_levels=["gold"]))],
    )

    quote = scheme.quote(
        [QuoteLine("drill", 1, eur("50"))], client=ClientFacts(), on=ON
    )

    reason = quote.lines[0].rejected[0].reason
    assert reason.text == "the client has no loyalty level; the rule is for Gold"
    assert reason.render("et_EE") == (
        "kliendil pole lojaalsustaset; reegel kehtib tasemetele: Kuld"
    )


def test_grants_lists_per_level_the_rules_that_select_on_it() -> None:
    rules = [
        PercentOff("all", 1),
        PercentOff(
            "silver+", 2, when=Conditions(loyalty_levels=["silver", "gold", "platinum"])
        ),
        PercentOff("platinum", 5, when=Conditions(loyalty_levels=["platinum"])),
    ]

    assert dict(PROGRAM.grants(rules)) == {
        "silver": ("silver+",),
        "gold": ("silver+",),
        "platinum": ("silver+", "platinum"),
    }


def test_conditions_on_levels_combine_and_an_empty_set_is_a_fault() -> None:
    both = Conditions(loyalty_levels=["gold", "platinum"]) & Conditions(
        loyalty_levels=["platinum", "silver"]
    )

    assert both.loyalty_levels == ("platinum",)
    assert Conditions(loyalty_levels=[]).faults() == [
        "loyalty_levels is empty: no client can match"
    ]


def test_labels_of_built_in_levels_and_own_names() -> None:
    assert loyalty_label("gold").render("uk_UA") == "Золотий"  # type: ignore[union-attr]
    assert loyalty_label("diamond") == "diamond"


def test_a_program_lists_every_fault_at_once() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        LoyaltyProgram(
            "EUR",
            [
                LoyaltyLevel("gold", eur("100000"), 5),
                LoyaltyLevel("silver", eur("25000"), 2),
            ],
        )

    assert caught.value.faults == (
        "level 'silver': min_revenue 25000 EUR is below the level before it (100000 EUR)",
        "level 'silver': min_years 2 is below the level before it (5)",
    )


def test_an_empty_program_and_bad_levels_are_refused_with_their_values() -> None:
    with pytest.raises(SchemeDefinitionError, match="levels is empty"):
        LoyaltyProgram("EUR", [])
    with pytest.raises(
        SchemeDefinitionError, match=r"min_years must be a whole number, got '5'"
    ):
        LoyaltyLevel("gold", min_years="5")  # type: ignore[arg-type]
    with pytest.raises(
        SchemeDefinitionError, match=r"min_revenue must be Money, got 100"
    ):
        LoyaltyLevel("gold", 100)  # type: ignore[arg-type]


def test_standing_names_a_bad_revenue_or_years() -> None:
    with pytest.raises(CurrencyMismatchError, match=r"revenue 10 USD.*EUR"):
        PROGRAM.standing(revenue=Money("10", "USD"), years=1)
    with pytest.raises(ArgumentTypeError, match=r"revenue must be Money.*'10'"):
        PROGRAM.standing(revenue="10", years=1)  # type: ignore[arg-type]
    with pytest.raises(ClientFactsError, match=r"years=-1 is invalid"):
        PROGRAM.standing(revenue=eur("1"), years=-1)


def test_a_program_round_trips_through_json() -> None:
    assert from_json(to_json(PROGRAM), LoyaltyProgram) == PROGRAM
    facts = ClientFacts(tier="key", loyalty="gold")
    assert from_json(to_json(facts), ClientFacts) == facts
