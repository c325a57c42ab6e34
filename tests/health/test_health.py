"""Account health: each factor's points by hand, the whole score, missing
data, the bands and every refused input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest

from accountcore.complaints import ComplaintWorkflow, Severity
from accountcore.errors import ArgumentTypeError, DefinitionError
from accountcore.health import (
    AccountHealth,
    AccountProfile,
    ContactRecency,
    OpenComplaints,
    RenewalProximity,
    RevenueTrend,
    Satisfaction,
    SatisfactionRating,
    health_scorecard,
)
from accountcore.money import Money
from accountcore.pipeline import Deal, Pipeline
from accountcore.relationship import Activity, RhythmPolicy
from accountcore.reliability import ClientProfile, PaymentRecord, Scorecard
from accountcore.reliability.errors import InvalidProfileError
from accountcore.serialization import from_json, to_json

ON = dt.date(2026, 6, 30)
SALES = Pipeline.default()


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def won(id: str, amount: str, day: dt.date, client_id: str = "C-1") -> Deal:
    at = pendulum.datetime(day.year, day.month, day.day, 12, tz="UTC")
    deal = SALES.new_deal(id, client_id=client_id, owner="anna", at=at, by="anna")
    deal = deal.with_amount(Money(amount, "EUR"), at=at, by="anna")
    return SALES.advance(
        deal, "contract_signed", at=at, by="anna", force=True, reason="signed"
    )


def call(day: dt.date, outcome: str = "done", client_id: str = "C-1") -> Activity:
    at = pendulum.datetime(day.year, day.month, day.day, 10, tz="UTC")
    return Activity(f"A-{day}", "call", client_id, "anna", at, outcome=outcome)


def complaint(id: str, severity: Severity, day: dt.date):  # type: ignore[no-untyped-def]
    return ComplaintWorkflow.default().receive(
        id,
        client_id="C-1",
        category="delivery",
        severity=severity,
        description="late",
        at=pendulum.datetime(day.year, day.month, day.day, tz="UTC"),
        by="desk",
    )


def profile(**parts: object) -> AccountProfile:
    return AccountProfile("EUR", client_id="C-1", tier="key", **parts)  # type: ignore[arg-type]


# --- contact recency ------------------------------------------------------------


def test_a_contact_within_the_rhythm_costs_nothing() -> None:
    # key accounts every 14 days: 16 June to 30 June is 14 days, still in rhythm
    result = ContactRecency().assess(
        profile(activities=[call(dt.date(2026, 6, 16))]), ON
    )
    assert result.points == Decimal("100")


def test_days_over_the_rhythm_cost_their_share_of_the_limit() -> None:
    # 9 June to 30 June is 21 days: 7 over 14, 100 * 7 / 14 = 50 lost
    result = ContactRecency().assess(
        profile(activities=[call(dt.date(2026, 6, 9))]), ON
    )
    assert result.points == Decimal("50.00")
    assert "21 days since then" in result.findings[0].text


def test_twice_the_limit_or_more_loses_every_point() -> None:
    result = ContactRecency().assess(
        profile(activities=[call(dt.date(2026, 5, 1))]), ON
    )
    assert result.points == Decimal("0")


def test_only_done_contacts_of_the_client_count() -> None:
    activities = [
        call(dt.date(2026, 6, 9)),
        call(dt.date(2026, 6, 29), outcome="no_reply"),
        call(dt.date(2026, 6, 29), client_id="C-2"),
        call(dt.date(2026, 7, 1)),  # after the day: not yet known
    ]
    result = ContactRecency().assess(profile(activities=activities), ON)
    assert result.points == Decimal("50.00")


def test_never_contacted_counts_from_the_day_it_became_a_client() -> None:
    # client since 2 June: 28 days, 14 over 14 -> all 100 lost
    result = ContactRecency().assess(
        profile(activities=[], client_since=dt.date(2026, 6, 2)), ON
    )
    assert result.points == Decimal("0")
    assert "since Jun 2, 2026" in result.findings[0].text


def test_never_contacted_and_no_start_loses_every_point() -> None:
    result = ContactRecency().assess(profile(activities=[]), ON)
    assert result.points == Decimal("0")
    assert result.findings[0].code == "contact.none"


def test_unknown_activities_or_an_unjudged_tier_is_missing_data() -> None:
    assert ContactRecency().assess(profile(), ON).is_missing
    standard_only = ContactRecency(policy=RhythmPolicy({"standard": 90}))
    result = standard_only.assess(profile(activities=[]), ON)
    assert result.is_missing
    assert "No contact rhythm" in result.findings[0].text


# --- revenue trend --------------------------------------------------------------


def test_a_fall_in_won_revenue_costs_twice_its_share() -> None:
    # 10,000 before, 8,000 in the last 180 days: down 20 %, 2 * 20 = 40 lost
    deals = [
        won("D-1", "10000", dt.date(2025, 10, 15)),
        won("D-2", "8000", dt.date(2026, 3, 10)),
    ]
    result = RevenueTrend().assess(profile(deals=deals), ON)
    assert result.points == Decimal("60.00")
    assert "fell by 20.0%" in result.findings[0].text


def test_the_windows_meet_without_a_gap_or_overlap() -> None:
    # the last 180 days run 2 Jan to 30 Jun; 1 Jan belongs to the 180 before
    deals = [
        won("D-1", "1000", dt.date(2026, 1, 1)),
        won("D-2", "1000", dt.date(2026, 1, 2)),
    ]
    result = RevenueTrend().assess(profile(deals=deals), ON)
    assert result.points == Decimal("100")  # 1,000 against 1,000: held


def test_revenue_held_grown_or_new_keeps_every_point() -> None:
    grown = [
        won("D-1", "1000", dt.date(2025, 10, 15)),
        won("D-2", "3000", dt.date(2026, 3, 10)),
    ]
    new = [won("D-2", "3000", dt.date(2026, 3, 10))]
    assert RevenueTrend().assess(profile(deals=grown), ON).points == Decimal("100")
    assert RevenueTrend().assess(profile(deals=new), ON).points == Decimal("100")


def test_a_fall_of_half_or_more_loses_every_point() -> None:
    deals = [
        won("D-1", "10000", dt.date(2025, 10, 15)),
        won("D-2", "4000", dt.date(2026, 3, 10)),
    ]
    assert RevenueTrend().assess(profile(deals=deals), ON).points == Decimal("0")


def test_no_revenue_in_either_window_or_unknown_deals_is_missing() -> None:
    old = [won("D-1", "10000", dt.date(2024, 10, 15))]
    assert RevenueTrend().assess(profile(deals=old), ON).is_missing
    assert RevenueTrend().assess(profile(), ON).is_missing


# --- open complaints -------------------------------------------------------------


def test_each_open_complaint_costs_points_by_severity() -> None:
    # medium 20 + critical 60 = 80 lost
    found = [
        complaint("K-1", Severity.MEDIUM, dt.date(2026, 6, 1)),
        complaint("K-2", Severity.CRITICAL, dt.date(2026, 6, 2)),
        complaint("K-3", Severity.HIGH, dt.date(2026, 7, 2)),  # after the day
    ]
    result = OpenComplaints().assess(profile(complaints=found), ON)
    assert result.points == Decimal("20")
    assert [f.lost for f in result.findings] == [Decimal(20), Decimal(60)]


def test_complaints_never_cost_more_than_every_point() -> None:
    found = [
        complaint(f"K-{n}", Severity.CRITICAL, dt.date(2026, 6, n)) for n in (1, 2)
    ]
    assert OpenComplaints().assess(profile(complaints=found), ON).points == Decimal(0)


def test_no_open_complaint_keeps_every_point_and_unknown_is_missing() -> None:
    assert OpenComplaints().assess(profile(complaints=[]), ON).points == Decimal(100)
    assert OpenComplaints().assess(profile(), ON).is_missing


def test_a_penalty_table_missing_a_severity_is_refused_naming_it() -> None:
    with pytest.raises(DefinitionError, match="severity 'critical' has no penalty"):
        OpenComplaints(penalties={"low": 1, "medium": 2, "high": 3})


# --- renewal proximity -----------------------------------------------------------


@pytest.mark.parametrize(
    ("renewal", "points"),
    [
        (dt.date(2026, 10, 1), Decimal(100)),  # 93 days: beyond the 90-day window
        (dt.date(2026, 9, 28), Decimal(100)),  # 90 days: 50 * 0 / 90 = 0 lost
        (dt.date(2026, 7, 30), Decimal("66.67")),  # 30 left: 50 * 60 / 90 = 33.33
        (ON, Decimal(50)),  # on the day: 50 * 90 / 90 = 50 lost
        (dt.date(2026, 6, 29), Decimal(0)),  # passed unrenewed: all lost
    ],
)
def test_renewal_points_fall_inside_the_window(
    renewal: dt.date, points: Decimal
) -> None:
    assert RenewalProximity().assess(profile(renewal=renewal), ON).points == points


def test_no_renewal_date_is_missing() -> None:
    assert RenewalProximity().assess(profile(), ON).is_missing


# --- satisfaction ----------------------------------------------------------------


def test_satisfaction_is_ten_times_the_average_rating_of_the_year() -> None:
    # (8 + 7 + 9) / 3 = 8 -> 80 points; the rating of June 2025 is over a year old
    ratings = [
        SatisfactionRating(dt.date(2025, 6, 30), 0),
        *(
            SatisfactionRating(dt.date(2026, m, 1), s)
            for m, s in ((2, 8), (4, 7), (6, 9))
        ),
    ]
    result = Satisfaction().assess(profile(ratings=ratings), ON)
    assert result.points == Decimal("80.00")
    assert result.coverage == 1
    assert (
        result.findings[0].text == "Average satisfaction 8.00 out of 10 from 3 ratings."
    )


def test_one_rating_covers_a_third() -> None:
    result = Satisfaction().assess(profile(ratings=[SatisfactionRating(ON, 6)]), ON)
    # 6 * 10 = 60 points; 1 of the 3 ratings that make full coverage: 0.33
    assert (result.points, result.coverage) == (Decimal("60.00"), Decimal("0.33"))


def test_no_recent_rating_is_missing() -> None:
    assert Satisfaction().assess(profile(ratings=[]), ON).is_missing
    assert Satisfaction().assess(profile(), ON).is_missing


# --- the whole score -------------------------------------------------------------


def full_profile() -> AccountProfile:
    late = [
        PaymentRecord(
            eur("100"), dt.date(2026, 1, d), dt.date(2026, 2, d), dt.date(2026, 3, d)
        )
        for d in (1, 2, 3)
    ]
    return profile(
        activities=[call(dt.date(2026, 6, 9))],
        deals=[
            won("D-1", "10000", dt.date(2025, 10, 15)),
            won("D-2", "8000", dt.date(2026, 3, 10)),
        ],
        payments=late,
        complaints=[complaint("K-1", Severity.MEDIUM, dt.date(2026, 6, 20))],
        ratings=[
            SatisfactionRating(dt.date(2026, m, 1), s)
            for m, s in ((2, 8), (4, 7), (6, 9))
        ],
        renewal=dt.date(2026, 7, 30),
    )


def test_the_worked_example_of_the_guide() -> None:
    health = AccountHealth.assess(full_profile(), on=ON)
    # 0.2*50 + 0.2*60 + 0.2*52 + 0.15*80 + 0.15*80 + 0.1*66.67 = 63.067
    assert (health.value, health.band) == (Decimal("63.07"), "amber")
    # 0.2 + 0.2 + 0.2*0.25 + 0.15 + 0.15 + 0.1 = 0.85
    assert health.confidence == Decimal("0.85")
    assert [(r.code, r.points) for r in health.reasons] == [
        ("contact.recency", Decimal("10.00")),
        ("payment.days_beyond_terms", Decimal("9.60")),
        ("revenue.trend", Decimal("8.00")),
        ("renewal.near", Decimal("3.33")),
        ("complaints.open", Decimal("3.00")),
    ]
    # green at 70 is 6.93 away: the contact's 10 is enough
    assert [h.code for h in health.hints] == ["contact.recency"]


def test_nothing_known_is_neutral_with_no_confidence() -> None:
    health = AccountHealth.assess(AccountProfile("EUR"), on=ON)
    assert (health.value, health.band, health.confidence) == (
        Decimal("50.00"),
        "amber",
        Decimal("0.00"),
    )


def test_a_healthy_account_is_green_and_needs_no_hint() -> None:
    healthy = profile(
        activities=[call(dt.date(2026, 6, 25))],
        deals=[won("D-2", "8000", dt.date(2026, 3, 10))],
        complaints=[],
        ratings=[SatisfactionRating(dt.date(2026, 6, 1), 10)],
        renewal=dt.date(2027, 3, 31),
    )
    health = AccountHealth.assess(healthy, on=ON)
    # payment missing: 0.2 * 50 neutral = 10 of the 20; the rest all: 90.00
    assert (health.value, health.band, health.hints) == (Decimal("90.00"), "green", ())
    assert health.band_label.render("ja_JP") == "良好"


def test_health_factors_read_a_plain_client_profile_as_missing() -> None:
    for factor in (
        ContactRecency(),
        RevenueTrend(),
        OpenComplaints(),
        RenewalProximity(),
        Satisfaction(),
    ):
        assert factor.assess(ClientProfile("EUR"), ON).is_missing


def test_the_health_scorecard_round_trips_with_its_fingerprint() -> None:
    card = health_scorecard()
    back = from_json(to_json(card), Scorecard)
    assert back == card
    assert back.fingerprint == card.fingerprint


def test_the_health_explains_itself_in_every_language() -> None:
    health = AccountHealth.assess(full_profile(), on=ON)
    for locale in ("en", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV"):
        lines = health.explain(locale)
        assert len(lines) == 7
        assert "{" not in "".join(lines)
    assert health.explain("et_EE")[0] == (
        "Kliendisuhte tervis 63,07 punkti 100-st, klass: vajab tähelepanu, kindlus 85%."
    )
    assert health.to_records()[0]["points"] == Decimal("50.00")
    assert "<table" in health.to_html("uk_UA")


# --- refused inputs ---------------------------------------------------------------


def test_a_rating_outside_0_to_10_is_refused_naming_it() -> None:
    with pytest.raises(InvalidProfileError, match="score=-1 is invalid"):
        SatisfactionRating(ON, -1)


def test_an_unknown_tier_is_refused_naming_it() -> None:
    with pytest.raises(InvalidProfileError, match="tier='gold'"):
        AccountProfile("EUR", tier="gold")


def test_a_deal_in_another_currency_is_refused_naming_it() -> None:
    deal = won("D-1", "100", ON)
    usd = (
        Pipeline.default()
        .new_deal(
            "D-9",
            client_id="C-1",
            owner="anna",
            at=pendulum.datetime(2026, 6, 1, tz="UTC"),
            by="anna",
        )
        .with_amount(
            Money("5", "USD"), at=pendulum.datetime(2026, 6, 1, tz="UTC"), by="anna"
        )
    )
    with pytest.raises(InvalidProfileError, match=r"deals\[1\].amount=5 USD"):
        AccountProfile("EUR", deals=[deal, usd])


def test_a_wrong_item_in_a_list_is_refused_naming_its_place() -> None:
    with pytest.raises(InvalidProfileError, match=r"ratings\[0\]='x'"):
        AccountProfile("EUR", ratings=["x"])
    with pytest.raises(InvalidProfileError, match="activities='call'"):
        AccountProfile("EUR", activities="call")


def test_bad_windows_are_refused_naming_them() -> None:
    with pytest.raises(DefinitionError, match="days=0 must be whole days"):
        RevenueTrend(days=0)
    with pytest.raises(DefinitionError, match="window=-5 must be whole days"):
        RenewalProximity(window=-5)


def test_assess_needs_an_account_profile() -> None:
    with pytest.raises(ArgumentTypeError, match="profile"):
        AccountHealth.assess(ClientProfile("EUR"), on=ON)  # type: ignore[arg-type]
