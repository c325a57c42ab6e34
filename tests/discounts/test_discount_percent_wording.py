"""A discount message shows a percentage the way its locale writes every
other one (format_percent): "10%" in English, "10 %" (no-break) in Romanian,
never "10 % tier" beside "(5%)"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accountcore.i18n import Message, Percent, format_percent
from accountcore.money import Money

LOCALES = ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")
EUR = Money("147.00", "EUR")

# every discounts message that shows a percentage: a Percent, formatted by babel
MESSAGES = [
    Message.of("discounts.target.tier", percent=Percent(Decimal("0.1"))),
    Message.of(
        "discounts.explain.applied_percent",
        rule="bulk",
        amount=EUR,
        percent=Percent(Decimal("0.1")),
    ),
    Message.of(
        "discounts.reason.approval_not_allowed",
        percent=Percent(Decimal("0.1")),
        level="x",
    ),
    Message.of(
        "discounts.reason.margin_floor_clamped",
        line=2,
        wanted=EUR,
        allowed=EUR,
        floor_price=EUR,
        cost=EUR,
        percent=Percent(Decimal("0.1")),
    ),
    Message.of(
        "discounts.reason.max_discount_clamped",
        line=2,
        wanted=EUR,
        allowed=EUR,
        percent=Percent(Decimal("0.1")),
        list_amount=EUR,
    ),
]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: m.id)
def test_a_discount_percentage_is_written_as_the_locale_writes_percentages(
    message: Message, locale: str
) -> None:
    ten = format_percent(Decimal("0.10"), locale, digits=0)  # 10 % of 1

    assert ten in message.render(locale)


def test_the_english_tier_reads_10_percent_without_a_space() -> None:
    assert MESSAGES[0].render("en_US") == "the 10% tier"
