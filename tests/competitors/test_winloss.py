"""Win/loss: win rate against each competitor, lost value by reason,
segment and owner, over a period; coded reasons with six-language labels."""

import datetime
from decimal import Decimal

import pendulum
import pytest

from accountcore.competitors import (
    CHURN_REASONS,
    LOST_REASONS,
    CodedReason,
    Competitor,
    DealCompetition,
    ReasonCodes,
    win_loss,
)
from accountcore.competitors.errors import CompetitionError
from accountcore.errors import CurrencyMismatchError, DefinitionError, UnknownKeyError
from accountcore.money import ExchangeRate, FixedRates, Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Pipeline

SALES = Pipeline.default()
T0 = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
MARCH = Period.month(2026, 3)
CAL = FiscalCalendar(timezone="Europe/Tallinn")


def closed(id, owner, client, amount, won, *, days=10):
    deal = SALES.new_deal(
        id,
        client_id=client,
        owner=owner,
        at=T0,
        by=owner,
        amount=amount,
        contact="Mari",
    )
    at = T0.add(days=days)
    if won:
        return SALES.advance(deal, "contract_signed", at=at, by=owner)
    return SALES.advance(deal, "lost", at=at, by=owner, reason="see the coded reason")


def test_win_rate_against_each_competitor_and_lost_value_by_reason_segment_owner():
    deals = [
        closed("D-1", "anna", "C-1", Money("10000", "EUR"), won=True),
        closed("D-2", "anna", "C-2", Money("8000", "EUR"), won=False),
        closed("D-3", "ben", "C-3", Money("4500.50", "EUR"), won=False),
        closed("D-4", "ben", "C-1", Money("3000", "EUR"), won=True),
        closed("D-5", "ben", "C-2", Money("999", "EUR"), won=False, days=40),  # April
    ]
    nordline, baltic = (
        Competitor("Nordline", Money("9500", "EUR")),
        Competitor("Baltic Supply"),
    )
    competition = [
        DealCompetition("D-1", (nordline,)),
        DealCompetition(
            "D-2",
            (nordline, baltic),
            lost_reason=CodedReason("price", "15 % below us"),
            lost_to="Nordline",
        ),
        DealCompetition("D-3", (nordline,), lost_reason=CodedReason("no_budget")),
        DealCompetition("D-4", (baltic,)),
    ]

    report = win_loss(
        deals,
        competition,
        period=MARCH,
        calendar=CAL,
        currency="EUR",
        segments={"C-1": "retail", "C-2": "retail", "C-3": "industry"},
    )

    # March: 2 won (D-1, D-4), 2 lost (D-2, D-3); D-5 closed in April
    assert (report.won, report.lost, report.win_rate) == (2, 2, Decimal("0.5"))
    # Nordline on D-1 (won), D-2 and D-3 (lost): 1 / 3; lost 8000 + 4500.50
    # Baltic Supply on D-2 (lost) and D-4 (won): 1 / 2; lost 8000
    assert [(r.competitor, r.won, r.lost, r.lost_value) for r in report.against] == [
        ("Baltic Supply", 1, 1, Money("8000.00", "EUR")),
        ("Nordline", 1, 2, Money("12500.50", "EUR")),
    ]
    assert report.against[1].win_rate == Decimal(1) / Decimal(3)
    assert [(v.key, v.deals, v.value) for v in report.by_reason] == [
        ("no_budget", 1, Money("4500.50", "EUR")),
        ("price", 1, Money("8000.00", "EUR")),
    ]
    assert [(v.key, v.value) for v in report.by_segment] == [
        ("industry", Money("4500.50", "EUR")),
        ("retail", Money("8000.00", "EUR")),
    ]
    assert [(v.key, v.value) for v in report.by_owner] == [
        ("anna", Money("8000.00", "EUR")),
        ("ben", Money("4500.50", "EUR")),
    ]


def test_amounts_in_another_currency_convert_at_the_rate_of_the_closing_day():
    deal = closed("D-1", "anna", "C-1", Money("1000", "USD"), won=False)
    rates = FixedRates(
        [ExchangeRate("USD", "EUR", datetime.date(2026, 3, 1), "0.9250")]
    )

    report = win_loss(
        [deal], [], period=MARCH, calendar=CAL, currency="EUR", rates=rates
    )

    # 1000 USD x 0.9250 = 925.00 EUR; no competition: reason and segment None
    assert [(v.key, v.value) for v in report.by_reason] == [
        (None, Money("925.00", "EUR"))
    ]
    assert report.by_segment[0].key is None
    with pytest.raises(CurrencyMismatchError, match="USD"):
        win_loss([deal], [], period=MARCH, calendar=CAL, currency="EUR")


def test_a_lost_reason_outside_the_code_list_is_named():
    deal = closed("D-1", "anna", "C-1", Money("1000", "EUR"), won=False)
    competition = [DealCompetition("D-1", lost_reason=CodedReason("weather"))]

    with pytest.raises(UnknownKeyError, match="'weather'"):
        win_loss([deal], competition, period=MARCH, calendar=CAL, currency="EUR")


def test_built_in_reasons_have_labels_in_six_languages_and_never_show_their_code():
    shown = {
        loc: LOST_REASONS.label("no_decision").render(loc)
        for loc in ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")
    }

    assert shown == {
        "en_US": "No decision",
        "et_EE": "Otsust ei tehtud",
        "uk_UA": "Рішення не ухвалено",
        "ja_JP": "意思決定なし",
        "ro_RO": "Nicio decizie",
        "lv_LV": "Lēmums netika pieņemts",
    }
    assert CHURN_REASONS.label("business_closed").render("ro_RO") == "Afacere închisă"


def test_a_code_of_your_own_needs_its_label_in_all_six_languages():
    with pytest.raises(DefinitionError) as raised:
        LOST_REASONS.with_code("tender", {"en": "Tender", "et": " "})

    assert "code 'tender': labels missing for et, ja, lv, ro, uk" in str(raised.value)


def test_an_unknown_reason_kind_is_named():
    with pytest.raises(UnknownKeyError, match="'refund'"):
        ReasonCodes.default("refund")


def test_a_deal_is_lost_only_to_a_competitor_listed_on_it():
    with pytest.raises(CompetitionError, match="lost_to='Acme'") as raised:
        DealCompetition("D-9", (Competitor("Nordline"),), lost_to="Acme")

    assert raised.value.deal_id == "D-9"
    with pytest.raises(CompetitionError, match="listed twice"):
        DealCompetition("D-9", (Competitor("Nordline"), Competitor("Nordline")))
