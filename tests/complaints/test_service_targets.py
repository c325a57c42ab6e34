"""Service targets per severity: breaches on a date, with reasons."""

import pendulum
import pytest

from accountcore.complaints import (
    BreachKind,
    ComplaintWorkflow,
    Resolution,
    ResolutionKind,
    ServiceTarget,
    ServiceTargets,
    Severity,
    complaint_figures,
)
from accountcore.errors import DefinitionError
from accountcore.money import Money

FLOW = ComplaintWorkflow.default()
TARGETS = ServiceTargets.default()
T0 = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")


def complaint(
    id="K-1", severity=Severity.HIGH, owner="anna", client="C-1", category="delivery"
):
    return FLOW.receive(
        id,
        client_id=client,
        category=category,
        severity=severity,
        description="-",
        at=T0,
        by="desk",
        owner=owner,
    )


def test_a_complaint_acknowledged_and_resolved_within_its_targets_has_no_breach():
    c = FLOW.advance(complaint(), "acknowledged", at=T0.add(hours=4), by="anna")
    c = FLOW.advance(c, "investigating", at=T0.add(hours=5), by="anna")
    c = FLOW.resolve(
        c, Resolution(ResolutionKind.EXPLANATION), at=T0.add(hours=72), by="anna"
    )

    # high: 4 h to acknowledge, 72 h to decide; both met on the hour
    assert TARGETS.breaches(c, at=T0.add(days=10)) == ()


def test_a_late_acknowledgement_and_an_overdue_decision_are_two_breaches():
    c = FLOW.advance(
        complaint(), "acknowledged", at=T0.add(hours=6, minutes=1), by="anna"
    )

    breaches = TARGETS.breaches(c, at=T0.add(hours=80))

    # acknowledged 6 h 1 min after receipt, target 4 h: 2 h 1 min late -> 3 h
    # undecided at 80 h, target 72 h: 8 h overdue
    assert [(b.kind, b.late_hours, b.overdue) for b in breaches] == [
        (BreachKind.ACKNOWLEDGE, 3, False),
        (BreachKind.RESOLVE, 8, True),
    ]
    assert [b.reason.render("en_US") for b in breaches] == [
        "acknowledged late by 3 hours (target: 4 hours)",
        "not decided, overdue by 8 hours (target: 72 hours)",
    ]
    assert breaches[1].reason.render("lv_LV") == (
        "lēmums nav pieņemts, termiņš pārsniegts: 8 stundas (mērķis: 72 stundas)"
    )


def test_breaches_read_the_complaint_as_it_stood_on_the_date():
    c = FLOW.advance(
        complaint(severity=Severity.CRITICAL),
        "acknowledged",
        at=T0.add(hours=3),
        by="anna",
    )

    # critical: 1 h to acknowledge; at 30 minutes nothing is due yet
    assert TARGETS.breaches(c, at=T0.add(minutes=30)) == ()
    assert TARGETS.breaches(c, at=T0.add(hours=2))[0].overdue


def test_service_targets_list_every_fault():
    with pytest.raises(DefinitionError) as raised:
        ServiceTargets(
            (ServiceTarget(Severity.LOW, 0, 24), ServiceTarget(Severity.LOW, 1, 2))
        )

    assert str(raised.value).splitlines()[1:] == [
        "  - severity low: acknowledge_hours must be an int of 1 or more, got 0",
        "  - severity low has two targets",
        "  - severity medium has no target",
        "  - severity high has no target",
        "  - severity critical has no target",
    ]


def test_figures_per_owner_count_open_decided_breached_and_cost_per_currency():
    refunded = FLOW.advance(
        complaint("K-1"), "acknowledged", at=T0.add(hours=1), by="anna"
    )
    refunded = FLOW.advance(refunded, "investigating", at=T0.add(hours=2), by="anna")
    refunded = FLOW.resolve(
        refunded,
        Resolution(ResolutionKind.REFUND, Money("450.00", "EUR")),
        at=T0.add(hours=30),
        by="anna",
    )
    credited = FLOW.advance(
        complaint("K-2"), "acknowledged", at=T0.add(hours=1), by="anna"
    )
    credited = FLOW.advance(credited, "investigating", at=T0.add(hours=2), by="anna")
    credited = FLOW.resolve(
        credited,
        Resolution(ResolutionKind.CREDIT_NOTE, Money("120.50", "EUR")),
        at=T0.add(hours=40),
        by="anna",
    )
    rejected = FLOW.advance(
        complaint("K-3", owner="ben"), "acknowledged", at=T0.add(hours=1), by="ben"
    )
    rejected = FLOW.advance(rejected, "investigating", at=T0.add(hours=2), by="ben")
    rejected = FLOW.advance(
        rejected, "rejected", at=T0.add(hours=3), by="ben", reason="duplicate"
    )
    waiting = complaint("K-4", owner=None)

    figures = complaint_figures(
        [refunded, credited, rejected, waiting], by="owner", at=T0.add(hours=50)
    )

    # anna: 450.00 + 120.50 = 570.50 EUR; K-4 unassigned and not acknowledged
    # after 50 h (target 4 h): breached
    assert [
        (f.key, f.received, f.open, f.resolved, f.rejected, f.breached, f.cost)
        for f in figures
    ] == [
        ("(unassigned)", 1, 1, 0, 0, 1, ()),
        ("anna", 2, 0, 2, 0, 0, (Money("570.50", "EUR"),)),
        ("ben", 1, 0, 0, 1, 0, ()),
    ]


def test_figures_leave_out_what_happened_after_the_date():
    c = FLOW.advance(complaint(), "acknowledged", at=T0.add(hours=1), by="anna")
    c = FLOW.advance(c, "investigating", at=T0.add(hours=2), by="anna")
    c = FLOW.resolve(
        c,
        Resolution(ResolutionKind.REFUND, Money("10", "EUR")),
        at=T0.add(hours=30),
        by="anna",
    )

    (before,) = complaint_figures([c], by="category", at=T0.add(hours=10))

    assert (before.key, before.open, before.resolved, before.cost) == (
        "delivery",
        1,
        0,
        (),
    )
