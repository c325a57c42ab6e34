"""The account manager's reports: figures from the domain APIs, documents in
six languages, golden files compared byte for byte.

Regenerate the golden files after an intended change (or a lock that moved
babel) with ``make golden``, then read the diff (``git diff tests/golden``)
before committing it; tests/conftest.py says how they are pinned.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from accountcore import (
    AccountStatus,
    AnnualForecast,
    Money,
    MonthlyReport,
    Period,
    QuarterlyResults,
    Quota,
)
from accountcore.cli.demo_data import Quarter, build_quarter
from accountcore.reports.errors import ReportInputError

GOLDEN = Path(__file__).parents[1] / "golden" / "reports"
LOCALES = ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")
FORMATS = {"text": "txt", "markdown": "md"}
MARCH = Period.month(2026, 3)


@pytest.fixture(scope="module")
def quarter() -> Quarter:
    return build_quarter()


def _monthly(q: Quarter) -> MonthlyReport:
    return MonthlyReport.of(
        q.deals, q.clients, period=MARCH, currency="EUR", calendar=q.calendar
    )


def _quarterly(q: Quarter) -> QuarterlyResults:
    return QuarterlyResults.of(
        q.deals,
        q.quotas,
        q.statements.values(),
        period=q.period,
        currency="EUR",
        calendar=q.calendar,
    )


def _annual(q: Quarter) -> AnnualForecast:
    return AnnualForecast.of(
        q.deals, fiscal_year=2026, currency="EUR", calendar=q.calendar
    )


def _accounts(q: Quarter) -> AccountStatus:
    return AccountStatus.of(
        q.clients,
        q.deals,
        scores=q.scores,
        period=q.period,
        at=q.at,
        currency="EUR",
        calendar=q.calendar,
    )


REPORTS = {
    "monthly": _monthly,
    "quarterly": _quarterly,
    "annual": _annual,
    "accounts": _accounts,
}


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", list(REPORTS))
def test_each_report_renders_exactly_as_its_golden_file(
    quarter: Quarter,
    name: str,
    locale: str,
    fmt: str,
    golden: Callable[[Path, str], None],
) -> None:
    path = GOLDEN / f"{name}.{locale.split('_', maxsplit=1)[0]}.{FORMATS[fmt]}"

    text = REPORTS[name](quarter).render(locale, fmt)

    golden(path, text)


@pytest.mark.parametrize("name", list(REPORTS))
def test_reports_do_not_depend_on_the_order_of_their_inputs(
    quarter: Quarter, name: str
) -> None:
    rng = random.Random(7)
    mixed = attrs.evolve(
        quarter,
        deals=tuple(rng.sample(quarter.deals, len(quarter.deals))),
        clients=tuple(rng.sample(quarter.clients, len(quarter.clients))),
        scores=tuple(reversed(quarter.scores)),
    )

    assert REPORTS[name](mixed) == REPORTS[name](quarter)


def test_quarterly_results_add_up_to_the_team(quarter: Quarter) -> None:
    results = _quarterly(quarter)

    anna, mart = results.owners
    # anna won D-101 48,000 + D-102 61,000 + D-103 27,500 = 136,500 of 100,000
    assert anna.won == Money("136500.00", "EUR")
    assert anna.attainment == Decimal("1.365")
    # team: 136,500 + 31,000 = 167,500 of 180,000 = 93.06 %
    assert results.total.won == anna.won + mart.won
    assert results.total.quota == Money("180000.00", "EUR")
    assert results.total.commission == quarter.statements["anna"].total + (
        quarter.statements["mart"].total
    )


def test_the_monthly_report_gives_the_lost_deal_and_its_reason(
    quarter: Quarter,
) -> None:
    report = _monthly(quarter)

    assert [(d.deal_id, d.reason) for d in report.lost] == [("D-203", "price")]
    assert [c.referred_by for c in report.referrals] == ["Baltic Build AS"]
    assert report.won_total == report.win_rate.won_value


def test_the_annual_total_is_the_sum_of_its_quarters_and_of_its_owners(
    quarter: Quarter,
) -> None:
    year = _annual(quarter)

    by_quarter = sum((q.line.weighted for q in year.quarters), Money("0.00", "EUR"))
    by_owner = sum((o.weighted for o in year.year.owners), Money("0.00", "EUR"))
    assert by_quarter == by_owner == year.year.total.weighted


def test_account_status_lists_vip_then_key_then_standard(quarter: Quarter) -> None:
    status = _accounts(quarter)

    tiers = [row.tier.value for row in status.accounts]
    assert tiers[:2] == ["vip", "key"]
    assert {row.band for row in status.accounts if row.band} == {"A", "B", "C"}


def test_an_unknown_format_is_refused_by_name(quarter: Quarter) -> None:
    with pytest.raises(ReportInputError, match="format='pdf'"):
        _monthly(quarter).render("en_US", "pdf")


def test_a_quota_of_another_period_is_refused_by_name(quarter: Quarter) -> None:
    other = Quota("anna", Period.quarter(2026, 2), Money("1", "EUR"))

    with pytest.raises(ReportInputError, match="2026-Q2"):
        QuarterlyResults.of(
            quarter.deals, [other], [], period=quarter.period, currency="EUR"
        )


def test_a_statement_of_another_period_is_refused_by_name(quarter: Quarter) -> None:
    statement = quarter.statements["mart"]
    shifted = type(statement)(
        statement.owner, MARCH, statement.currency, statement.lines, statement.ledger
    )

    with pytest.raises(ReportInputError, match="statements='mart'"):
        QuarterlyResults.of(
            quarter.deals, [], [shifted], period=quarter.period, currency="EUR"
        )


def test_a_count_in_a_table_follows_the_locale_like_the_amounts_beside_it(
    quarter: Quarter,
) -> None:
    results = _quarterly(quarter)
    busy = attrs.evolve(results.owners[0], won_deals=1250)
    report = attrs.evolve(results, owners=(busy, *results.owners[1:]))

    en, lv = report.render("en_US"), report.render("lv_LV")

    assert "1,250" in en
    assert "1\xa0250" in lv


@pytest.mark.parametrize(
    ("locale", "label"),
    [
        ("en_US", "Price"),
        ("et_EE", "Hind"),
        ("uk_UA", "Ціна"),
        ("ja_JP", "価格"),
        ("ro_RO", "Preț"),
        ("lv_LV", "Cena"),
    ],
)
def test_a_coded_lost_reason_is_shown_by_its_label_never_its_code(
    quarter: Quarter, locale: str, label: str
) -> None:
    text = _monthly(quarter).render(locale)

    row = [line for line in text.splitlines() if "D-203" in line][-1]  # lost table
    assert row.rstrip().endswith(label)
    assert "price" not in row


def test_a_free_text_lost_reason_stays_as_typed_and_a_code_of_ones_own_is_labelled(
    quarter: Quarter,
) -> None:
    from accountcore.competitors import LOST_REASONS

    report = _monthly(quarter)
    mine = LOST_REASONS.with_code(
        "tender_rules",
        {
            "en": "Tender rules",
            "et": "Hanke tingimused",
            "uk": "Умови тендеру",
            "ja": "入札条件",
            "ro": "Regulile licitației",
            "lv": "Iepirkuma noteikumi",
        },
    )
    own = MonthlyReport.of(
        quarter.deals,
        quarter.clients,
        period=MARCH,
        currency="EUR",
        calendar=quarter.calendar,
        reasons=mine,
    )

    assert report.reason_text("chose a cheaper rival", "lv_LV") == (
        "chose a cheaper rival"
    )
    assert report.reason_text("tender_rules", "lv_LV") == "tender_rules"  # not a code
    assert own.reason_text("tender_rules", "lv_LV") == "Iepirkuma noteikumi"
    assert report.reason_text(None, "en_US") == report.reason_text(" ", "en_US")


def test_a_report_refuses_a_reason_list_that_is_not_one(quarter: Quarter) -> None:
    with pytest.raises(TypeError) as caught:
        MonthlyReport.of(
            [],
            [],
            period=MARCH,
            currency="EUR",
            reasons=("price",),  # type: ignore[arg-type]
        )

    assert "reasons" in str(caught.value)
    assert "('price',)" in str(caught.value)
