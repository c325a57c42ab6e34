"""A quote stored before percentages were Percent values still reads with
its "%": the reasons held a plain number of percent (10 for 10 %) and the
templates wrote the sign; read back, each gets its Percent (and an approval
level its label), so it explains itself as a quote made today does."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from helpers import eur

from accountcore.discounts import (
    ApprovalLevel,
    ClientFacts,
    Conditions,
    DiscountScheme,
    PercentOff,
    Policy,
    PriceQuote,
    QuoteLine,
    Reason,
    VolumeTier,
    VolumeTiers,
)
from accountcore.i18n import LANGUAGES, Percent
from accountcore.serialization import from_json, structure

STORED = Path(__file__).parents[1] / "golden" / "stored"
LOCALES = ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")
assert {locale[:2] for locale in LOCALES} == set(LANGUAGES)


def _quote_today() -> PriceQuote:
    """The quote the stored document holds, made again."""
    scheme = DiscountScheme(
        "stored-before-percent",
        "EUR",
        [
            VolumeTiers("bulk", [VolumeTier(10, 5), VolumeTier(20, "12.5")]),
            PercentOff("key", 8, when=Conditions(tiers=["key"])),
        ],
        policy=Policy.ADDITIVE,
        max_discount_percent=10,
        margin_floor_percent=10,
        approvals=[ApprovalLevel("board", 3, allowed=False)],
    )
    return scheme.quote(
        [
            QuoteLine("drill", 12, eur("50.00")),
            QuoteLine("saw", 3, eur("100.00"), unit_cost=eur("85.00")),
        ],
        client=ClientFacts(tier="key"),
        on=datetime.date(2026, 5, 4),
    )


def _stored() -> PriceQuote:
    text = (STORED / "price-quote-before-percent.json").read_text("utf-8")
    return from_json(text, PriceQuote)


def test_the_stored_document_holds_plain_numbers_of_percent() -> None:
    text = (STORED / "price-quote-before-percent.json").read_text("utf-8")

    # as the release before wrote it: 10 for 10 %, the level as its code
    assert '"percent":{"decimal":"10"}' in text
    assert '"percent":{"decimal":"12.5"}' in text
    assert '"level":{"str":"board"}' in text
    assert '"ratio"' not in text


def test_a_quote_stored_before_the_percent_change_reads_with_its_percent_sign() -> None:
    quote = _stored()

    english = "\n".join(quote.explain("en_US"))
    # the cap: 10 % of the list amount 600.00 = 60.00
    assert "cut to €60.00, the maximum of 10% of €600.00" in english
    # the margin floor: cost 85.00 + 10 % = 93.50 a unit
    assert "(cost €85.00 + 10%)" in english
    # 12 of 20 units: 8 more reach the 12.5 % tier
    assert "8 more to reach the 12.5% tier of “bulk”" in english
    assert "needs approval at level “board”" in english
    latvian = "\n".join(quote.explain("lv_LV"))
    assert "12,5%" in latvian
    assert "valde" in latvian
    assert "board" not in latvian


def test_a_quote_stored_before_the_percent_change_equals_the_quote_made_today() -> None:
    stored, today = _stored(), _quote_today()

    assert stored == today
    for locale in LOCALES:
        assert stored.explain(locale) == today.explain(locale), locale


def test_only_the_percent_of_the_messages_that_had_one_becomes_a_percent() -> None:
    # an old reason of another kind keeps its number; a level of the user's
    # own keeps its name; a text that is no number stays a text
    other = structure(
        {
            "code": "quantity_short",
            "args": {
                "id": "discounts.reason.quantity_short",
                "params": {"quantity": {"decimal": "5"}, "minimum": {"int": 10}},
            },
        },
        Reason,
    )
    own = structure(
        {
            "code": "approval_not_allowed",
            "args": {
                "id": "discounts.reason.approval_not_allowed",
                "params": {"percent": {"int": 35}, "level": {"str": "CFO"}},
            },
        },
        Reason,
    )
    oldest = structure(
        {
            "code": "max_discount_clamped",
            "params": {
                "line": "1",
                "wanted": "a",
                "allowed": "b",
                "percent": "7.5",
                "list_amount": "c",
            },
        },
        Reason,
    )

    assert other.args.params == (("minimum", 10), ("quantity", 5))
    assert dict(own.args.params) == {
        "level": "CFO",
        "percent": Percent(Decimal("0.35")),
    }
    # 7.5 % stored as the text "7.5" in the first shape of all
    assert oldest.render("en_US").endswith("the maximum of 7.5% of c")
