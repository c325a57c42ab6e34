"""Issue 21, point 5 (second half): rules chosen by the quote's currency.

A scheme may quote in several currencies (``currencies=``, beside its
``currency``). A quote is in its lines' currency; a rule whose money is in
another currency is not a candidate for it (not even listed as rejected),
and a rule with no money in it (a percentage) applies in every currency.
The scheme says which rules apply to which currency, and refuses a rule
whose money fits none of them.
"""

from __future__ import annotations

import datetime

import pytest

from accountcore import definitions
from accountcore.discounts import (
    AmountOff,
    Basis,
    ClientFacts,
    Conditions,
    ContractPrice,
    DiscountScheme,
    PercentOff,
    Policy,
    PriceQuote,
    QuoteLine,
    Scope,
    VolumeTier,
    VolumeTiers,
)
from accountcore.discounts.errors import QuoteLineError, SchemeDefinitionError
from accountcore.errors import ArgumentTypeError
from accountcore.money import Money
from accountcore.serialization import from_json, to_json

ON = datetime.date(2026, 5, 4)
KEY = ClientFacts(tier="key", client="C-1")


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


EXPORT = DiscountScheme(
    "export",
    "EUR",
    [
        PercentOff("key accounts", 5, when=Conditions(tiers=["key"])),
        AmountOff("promo", eur("2.00")),
        AmountOff("promo us", usd("2.50")),
        PercentOff(
            "big order",
            3,
            scope=Scope.ORDER,
            when=Conditions(min_amount=usd("1000.00")),
        ),
    ],
    policy=Policy.ADDITIVE,
    prices=[
        ContractPrice(
            "acme drill",
            usd("48.00"),
            when=Conditions(products=["drill"], clients=["C-1"]),
        )
    ],
    currencies=["USD"],
)


def test_a_quote_in_dollars_is_priced_by_the_dollar_rules_and_those_without_money() -> (
    None
):
    q = EXPORT.quote([QuoteLine("drill", 10, usd("50.00"))], client=KEY, on=ON)

    line = q.lines[0]
    assert q.currency == "USD"
    # the contract price 48.00 replaces 50.00: 10 x 48.00 = 480.00; 5 % of it
    # is 24.00, 2.50 off each of 10 units is 25.00: 480.00 - 49.00 = 431.00
    assert line.list_amount == usd("480.00")
    assert [(a.rule, a.amount) for a in line.applied] == [
        ("key accounts", usd("24.00")),
        ("promo us", usd("25.00")),
    ]
    assert q.total == usd("431.00")
    # the euro promotion is no candidate: not even listed as rejected
    assert line.rejected == ()
    # the order rule counts dollars: 431.00 is 569.00 short of 1,000.00
    assert q.order_rejected[0].reason.render("en_US") == (
        "amount $431.00 is below the minimum $1,000.00"
    )


def test_the_same_lines_in_euros_meet_the_euro_rules_only() -> None:
    q = EXPORT.quote([QuoteLine("drill", 10, eur("50.00"))], client=KEY, on=ON)

    # no price rule in euros: 10 x 50.00 = 500.00; 5 % is 25.00 and 2.00 off
    # each of 10 units is 20.00: 500.00 - 45.00 = 455.00
    assert q.currency == "EUR"
    assert [(a.rule, a.amount) for a in q.lines[0].applied] == [
        ("key accounts", eur("25.00")),
        ("promo", eur("20.00")),
    ]
    assert q.total == eur("455.00")
    assert q.lines[0].price is None
    assert q.order_rejected == ()  # the dollar order rule is no candidate


def test_the_scheme_says_which_rules_apply_to_which_currency() -> None:
    assert EXPORT.rules_by_currency == {
        "EUR": ("key accounts", "promo"),
        "USD": ("acme drill", "big order", "key accounts", "promo us"),
    }
    single = DiscountScheme("s", "EUR", [PercentOff("key", 5)])
    assert single.rules_by_currency == {"EUR": ("key",)}


def test_a_rule_whose_money_fits_none_of_the_currencies_is_refused() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        DiscountScheme(
            "bad",
            "EUR",
            [
                AmountOff("pounds", Money("1.00", "GBP")),
                PercentOff("too much", 120),
                AmountOff("mixed", usd("1.00"), when=Conditions(min_amount=eur("5"))),
            ],
            currencies=["USD"],
        )

    assert caught.value.faults == (
        "rule 'pounds': its money fits none of the scheme's currencies EUR, USD "
        "(in EUR: amount 1.00 GBP is not in the scheme's currency EUR)",
        "rule 'too much': percent 120 is outside [0, 100]",
        "rule 'mixed': its money fits none of the scheme's currencies EUR, USD "
        "(in EUR: amount 1.00 USD is not in the scheme's currency EUR)",
    )


def test_the_currencies_must_be_known_and_distinct() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        DiscountScheme("bad", "EUR", [], currencies=["USD", "ABC", "EUR"])

    assert caught.value.faults == (
        "currencies: 'ABC' is not a known currency code",
        "currencies USD, ABC, EUR name a currency twice "
        "(the scheme's currency EUR counts too)",
    )
    with pytest.raises(
        ArgumentTypeError, match=r"currencies must be an iterable.*'USD'"
    ):
        DiscountScheme("bad", "EUR", [], currencies="USD")  # type: ignore[arg-type]


def test_a_conflict_within_one_currency_is_named_once() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        DiscountScheme(
            "bad",
            "EUR",
            [PercentOff("a", 5), PercentOff("b", 7)],
            policy=Policy.PRIORITY,
            currencies=["USD"],
        )

    assert len(caught.value.faults) == 1  # in EUR and in USD alike
    assert "rules 'a' and 'b' have the same priority 0" in caught.value.faults[0]


def test_a_quote_holds_one_currency_the_scheme_quotes_in() -> None:
    with pytest.raises(
        QuoteLineError, match=r"Line 1: unit_price=Money\('1.00', 'GBP'\).*EUR, USD"
    ):
        EXPORT.quote([QuoteLine("x", 1, Money("1.00", "GBP"))], client=KEY, on=ON)
    with pytest.raises(
        QuoteLineError,
        match=r"Line 2: unit_price=Money\('1.00', 'EUR'\).*in USD, its first line's",
    ):
        EXPORT.quote(
            [QuoteLine("x", 1, usd("1.00")), QuoteLine("y", 1, eur("1.00"))],
            client=KEY,
            on=ON,
        )


def test_mapping_lines_pick_their_currency_too() -> None:
    q = EXPORT.quote(
        [{"product": "bolt", "quantity": "4", "unit_price": usd("10.00")}],
        client=ClientFacts(),
        on=ON,
    )
    # 2.50 off each of 4 units: 40.00 - 10.00 = 30.00
    assert q.total == usd("30.00")


def test_a_scheme_in_several_currencies_round_trips() -> None:
    assert from_json(to_json(EXPORT), DiscountScheme) == EXPORT
    back = definitions.loads(definitions.dumps(EXPORT))
    assert back == EXPORT
    lines = [QuoteLine("drill", 30, usd("50.00"))]
    q = back.quote(lines, client=KEY, on=ON)
    assert q == EXPORT.quote(lines, client=KEY, on=ON)
    assert from_json(to_json(q), PriceQuote) == q


def test_amount_tiers_with_no_currency_are_named_and_can_be_tied_to_one() -> None:
    tiers = [VolumeTier(1000, 5)]
    scheme = DiscountScheme(
        "export",
        "EUR",
        [
            VolumeTiers("big", tiers, basis=Basis.AMOUNT),
            VolumeTiers(
                "big us",
                tiers,
                basis=Basis.AMOUNT,
                when=Conditions(min_amount=usd("0.00")),  # tied to USD
            ),
        ],
        currencies=["JPY", "USD"],
    )

    assert [w.render("en_US") for w in scheme.warnings] == [
        "rule 'big' has amount tiers with no currency: "
        "each quote counts them in its own currency (EUR, JPY, USD)"
    ]
    assert scheme.rules_by_currency == {
        "EUR": ("big",),
        "JPY": ("big",),
        "USD": ("big", "big us"),
    }
    (warning,) = scheme.warnings
    texts = {
        locale: warning.render(locale)
        for locale in ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")
    }
    assert all("'big'" in text and "EUR, JPY, USD" in text for text in texts.values())
    assert len(set(texts.values())) == 6  # each in its own language


def test_one_promotion_may_have_a_rule_of_the_same_name_in_each_currency() -> None:
    scheme = DiscountScheme(
        "s",
        "EUR",
        [AmountOff("promo", eur("2.00")), AmountOff("promo", usd("2.50"))],
        currencies=["USD"],
    )

    assert scheme.rules_by_currency == {"EUR": ("promo",), "USD": ("promo",)}
    q = scheme.quote([QuoteLine("x", 2, usd("10.00"))], client=KEY, on=ON)
    assert q.total == usd("15.00")  # 2 x 10.00 less 2 x 2.50
    with pytest.raises(SchemeDefinitionError, match="two rules are named 'promo'"):
        DiscountScheme(
            "s",
            "EUR",
            [AmountOff("promo", eur("2.00")), PercentOff("promo", 5)],
            currencies=["USD"],
        )
