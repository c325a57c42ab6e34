"""A deal's competition and a complaint travel as plain data and come back
equal (one converter, accountcore.serialization)."""

import pendulum

from accountcore.competitors import CodedReason, Competitor, DealCompetition
from accountcore.complaints import (
    Complaint,
    ComplaintWorkflow,
    Resolution,
    ResolutionKind,
    Severity,
)
from accountcore.money import Money
from accountcore.serialization import from_json, structure, to_json, unstructure


def test_a_deal_competition_round_trips_with_its_offers_and_coded_reason():
    competition = DealCompetition(
        "D-1",
        (Competitor("Nordline", Money("9500.00", "EUR"), "10 % cheaper"),),
        lost_reason=CodedReason("price", "could not match"),
        lost_to="Nordline",
    )

    assert structure(unstructure(competition), DealCompetition) == competition


def test_a_resolved_complaint_round_trips_through_json():
    flow = ComplaintWorkflow.default()
    at = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
    c = flow.receive(
        "K-1",
        client_id="C-1",
        category="delivery",
        owner="anna",
        severity=Severity.HIGH,
        description="wet",
        at=at,
        by="desk",
    )
    c = flow.advance(c, "acknowledged", at=at.add(hours=1), by="anna")
    c = flow.advance(c, "investigating", at=at.add(hours=2), by="anna")
    c = flow.resolve(
        c,
        Resolution(ResolutionKind.REFUND, Money("12.50", "EUR")),
        at=at.add(hours=3),
        by="anna",
    )

    back = from_json(to_json(c), Complaint)

    assert back == c
    assert back.received_at.tzinfo.name == "Europe/Tallinn"
