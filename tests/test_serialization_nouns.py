"""Every noun of issues 19-21 travels as plain data and comes back equal,
through the one converter (accountcore.serialization): to JSON text and
back, and the text read back writes the same text again.

One table: each row a noun with its fields spread (optional fields set and
unset, enums, Money, dates, aware datetimes with their zone)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pendulum
import pytest

from accountcore.account_plans import AccountPlan, Initiative, Objective
from accountcore.clients import Contact, DealContact
from accountcore.commissions import CreditFilter
from accountcore.commissions.overrides import Override, OverrideOf
from accountcore.commissions.payout import (
    Adjustment,
    DeferredBonus,
    Hold,
    Invoice,
    Payment,
    PayOn,
    Payout,
    PayoutLedger,
    RewardInKind,
)
from accountcore.competitors import CodedReason, Competitor, DealCompetition
from accountcore.complaints import (
    Complaint,
    ComplaintWorkflow,
    Resolution,
    ResolutionKind,
    Severity,
)
from accountcore.discounts import ClientFacts, Conditions
from accountcore.discounts.loyalty import LoyaltyLevel, LoyaltyProgram
from accountcore.discounts.rebates import Purchase, Rebate, RebateMethod, RebateTier
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import BillingPeriod, Contract, RenewalTerms
from accountcore.relationship import (
    AccountTeam,
    Activity,
    Delegation,
    Hierarchy,
    RhythmPolicy,
    TeamMember,
)
from accountcore.serialization import from_json, to_json
from accountcore.testing.samples import (
    make_account_plan,
    make_activity,
    make_complaint,
    make_contact,
    make_contract,
    make_dispute,
    make_expense,
    make_expense_budget,
    make_reporting_line,
)

AT = pendulum.datetime(2026, 3, 2, 9, 30, tz="Europe/Tallinn")
JAN = Period.month(2026, 1)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _resolved_complaint() -> Complaint:
    flow = ComplaintWorkflow.default()
    c = flow.receive(
        "K-9",
        client_id="C-1",
        category="quality",
        owner="anna",
        severity=Severity.CRITICAL,
        description="broken seals",
        at=AT,
        by="desk",
    )
    c = flow.advance(c, "acknowledged", at=AT.add(hours=1), by="anna")
    c = flow.advance(c, "investigating", at=AT.add(hours=2), by="anna")
    return flow.resolve(
        c,
        Resolution(ResolutionKind.CREDIT_NOTE, eur("120.00")),
        at=AT.add(days=1),
        by="anna",
    )


NOUNS: list[tuple[str, object]] = [
    # issue 19: the relationship
    ("Activity", make_activity(0)),
    ("Activity planned, no deal", make_activity(1)),
    (
        "Activity in its own zone",
        Activity("A-9", "meeting", "C-1", "anna", AT, contact_id="P-1", notes="é"),
    ),
    ("Contact", make_contact(0)),
    ("Contact with email", make_contact(5)),
    (
        "Contact departed",
        Contact("P-9", "C-1", "Mari", roles=("finance",), phone="+372", active=False),
    ),
    ("DealContact", DealContact("P-1", "decision_maker")),
    ("AccountTeam", AccountTeam("anna", (TeamMember("boris", "deputy"),))),
    (
        "Delegation",
        Delegation(
            "anna",
            "boris",
            dt.date(2026, 7, 1),
            dt.date(2026, 7, 14),
            clients=("C-1",),
            reason="leave",
        ),
    ),
    ("RhythmPolicy", RhythmPolicy({"key": 14, "vip": 7})),
    ("Contract on notice", make_contract(0)),
    ("Contract without terms", make_contract(1)),
    (
        "Contract from a deal",
        Contract(
            "K-9",
            "C-1",
            "anna",
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
            eur("12000.00"),
            per=BillingPeriod.QUARTER,
            renewal=RenewalTerms.AUTOMATIC,
            deal_id="D-1",
        ),
    ),
    ("AccountPlan with objectives and initiatives", make_account_plan(0)),
    ("AccountPlan with one objective", make_account_plan(1)),
    (
        "AccountPlan contracted, initiative done",
        AccountPlan(
            "AP-9",
            "C-1",
            "anna",
            Period.year(2026),
            objectives=[
                Objective(
                    "O-1", "Contract", "contracted", eur("30000"), dt.date(2026, 12, 31)
                )
            ],
            initiatives=[
                Initiative(
                    "I-1",
                    "QBR",
                    "anna",
                    dt.date(2026, 3, 31),
                    objective_id="O-1",
                    status="done",
                )
            ],
        ),
    ),
    # issue 20: after the sale and against the market
    ("Complaint received", make_complaint(0)),
    ("Complaint resolved with money", _resolved_complaint()),
    ("Competitor", Competitor("Nordline", eur("9500.00"), "10 % cheaper")),
    (
        "DealCompetition lost",
        DealCompetition(
            "D-1",
            (Competitor("Nordline", eur("9500.00")), Competitor("Baltix")),
            lost_reason=CodedReason("price", "could not match"),
            lost_to="Nordline",
        ),
    ),
    ("DealCompetition open", DealCompetition("D-2")),
    (
        "Rebate marginal",
        Rebate(
            "annual",
            "EUR",
            [RebateTier(eur("100000"), 2), RebateTier(eur("250000"), "3.5")],
        ),
    ),
    (
        "Rebate whole amount",
        Rebate(
            "flat",
            "EUR",
            [RebateTier(eur("1000"), 10)],
            method=RebateMethod.WHOLE_AMOUNT,
        ),
    ),
    ("Purchase", Purchase("C-1", dt.date(2026, 6, 1), Money("2000", "USD"))),
    (
        "LoyaltyProgram",
        LoyaltyProgram(
            "EUR",
            [
                LoyaltyLevel("silver", eur("10000")),
                LoyaltyLevel("gold", eur("50000"), min_years=3),
                LoyaltyLevel("platinum", min_years=10),
            ],
        ),
    ),
    ("Conditions on loyalty", Conditions(loyalty_levels=["gold", "platinum"])),
    ("ClientFacts with loyalty", ClientFacts(tier="key", loyalty="gold")),
    ("Expense approved", make_expense(0)),
    ("Expense in yen", make_expense(3)),
    ("ExpenseBudget", make_expense_budget(4)),
    # issue 20: managers and pay when the client pays
    ("ReportingLine", make_reporting_line(1)),
    ("ReportingLine at the top", make_reporting_line(0)),
    (
        "Hierarchy",
        Hierarchy([make_reporting_line(n) for n in range(6)]),
    ),
    ("Dispute open", make_dispute(1)),
    ("Dispute resolved", make_dispute(4)),
    (
        "Adjustment",
        Adjustment(eur("-12.50"), "double credit", "mia", dt.date(2026, 2, 1)),
    ),
    ("Override of commission", Override("override", "0.10", OverrideOf.COMMISSION)),
    ("Override of credit, two levels", Override("o2", "0.005", "credit", levels=2)),
    ("Payout pro rata", Payout(PayOn.PRO_RATA)),
    ("Payout default", Payout()),
    ("Invoice", Invoice("I-1", "D-1", eur("3000"), JAN.start)),
    ("Payment", Payment("I-1", eur("1000"), dt.date(2026, 1, 20))),
    (
        "Hold",
        Hold("I-1", "D-1", JAN, eur("100.00"), eur("25.00"), eur("1000")),
    ),
    ("PayoutLedger opening", PayoutLedger.opening("ana", "EUR")),
    (
        "PayoutLedger holding",
        PayoutLedger(
            "ana",
            "EUR",
            (Hold("I-1", "D-1", JAN, eur("100.00"), eur("25.00"), eur("1000")),),
            frozenset({"DX-1"}),
            dt.date(2026, 1, 31),
            frozenset({"B-1"}),
        ),
    ),
    (
        "DeferredBonus on a condition",
        DeferredBonus(
            "B-1",
            "ana",
            eur("500"),
            JAN.last_day,
            vests_on=dt.date(2026, 2, 1),
            condition="Q1 quota met",
        ),
    ),
    (
        "DeferredBonus met",
        DeferredBonus(
            "B-2", "ana", eur("500"), JAN.last_day, condition="Q1 quota met"
        ).met(dt.date(2026, 3, 2)),
    ),
    (
        "RewardInKind",
        RewardInKind(
            "R-1", "ana", "weekend trip to Riga", eur("800"), dt.date(2026, 1, 30)
        ),
    ),
    # issue 19: credits select by deal type
    ("CreditFilter by deal type", CreditFilter(deal_types=["renewal", "upsell"])),
]


@pytest.mark.parametrize(("noun", "value"), NOUNS, ids=[n for n, _ in NOUNS])
def test_a_noun_round_trips_through_json(noun: str, value: object) -> None:
    text = to_json(value)
    back = from_json(text, type(value))

    assert back == value
    assert to_json(back) == text  # the text read back writes the same text
    assert isinstance(json.loads(text), dict)


def test_amounts_travel_as_text_never_as_floats() -> None:
    document = json.loads(to_json(make_dispute(4)), parse_float=Decimal)
    assert document["amount"] == {"amount": "104.00", "currency": "EUR"}
    assert document["adjustment"]["amount"] == {"amount": "4.50", "currency": "EUR"}


def test_an_activity_keeps_its_zone() -> None:
    back = from_json(to_json(NOUNS[2][1]), Activity)
    assert back.at.tzinfo.name == "Europe/Tallinn"  # type: ignore[union-attr]
