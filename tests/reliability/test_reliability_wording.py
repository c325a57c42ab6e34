"""A reason never says "only 0" or "0 full years": no data is said as none."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import eur

from accountcore.i18n import LANGUAGES
from accountcore.reliability import (
    ClientProfile,
    PaymentBehaviour,
    PaymentRecord,
    Stability,
)

ON = dt.date(2026, 3, 31)
LOCALES = ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")


def _paid(count: int) -> list[PaymentRecord]:
    issued = dt.date(2025, 6, 2)
    due = issued + dt.timedelta(days=30)
    return [PaymentRecord(eur("100"), issued, due, due) for _ in range(count)]


def test_six_locales_cover_every_catalog_language() -> None:
    assert {locale[:2] for locale in LOCALES} == set(LANGUAGES)


def test_no_payment_history_is_said_as_none_yet_in_english() -> None:
    result = PaymentBehaviour().assess(ClientProfile("EUR"), ON)

    assert result.findings[0].text == (
        "No invoice with a known payment outcome yet; 3 are needed: scored neutral."
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_no_payment_history_never_counts_zero_invoices(locale: str) -> None:
    result = PaymentBehaviour().assess(ClientProfile("EUR"), ON)

    text = result.findings[0].message.render(locale)

    assert result.findings[0].message.id == "reliability.payment.none"
    assert "0" not in text  # no "0 invoices": only the 3 needed is a number
    assert "3" in text


def test_one_needed_invoice_is_singular() -> None:
    result = PaymentBehaviour(min_records=1, full_records=1).assess(
        ClientProfile("EUR"), ON
    )

    assert result.findings[0].text == (
        "No invoice with a known payment outcome yet; 1 is needed: scored neutral."
    )


def test_some_but_too_few_invoices_are_still_counted() -> None:
    profile = ClientProfile("EUR", payments=_paid(2))

    result = PaymentBehaviour().assess(profile, ON)

    assert result.findings[0].text == (
        "Only 2 invoices with a known payment outcome; 3 are needed: scored neutral."
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_a_company_younger_than_a_year_is_not_in_business_for_0_years(
    locale: str,
) -> None:
    profile = ClientProfile("EUR", founded=dt.date(2025, 10, 14))

    finding = Stability().assess(profile, ON).findings[0]

    assert finding.message.id == "reliability.stability.age_under_one"
    assert "0" not in finding.message.render(locale)


def test_a_company_younger_than_a_year_reads_less_than_a_full_year() -> None:
    profile = ClientProfile("EUR", founded=dt.date(2025, 10, 14))

    finding = Stability().assess(profile, ON).findings[0]

    assert finding.text == "In business for less than a full year."


def test_one_full_year_is_still_counted_in_the_singular() -> None:
    # 2025-03-31 to 2026-03-31: exactly one completed year
    profile = ClientProfile("EUR", founded=dt.date(2025, 3, 31))

    finding = Stability().assess(profile, ON).findings[0]

    assert finding.text == "In business for 1 full year."
