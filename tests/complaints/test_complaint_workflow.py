"""The complaint workflow: the second definition on the pipeline's engine.

Refused moves name every unmet requirement at once and leave the complaint
untouched, like the pipeline's."""

import datetime

import attrs
import pendulum
import pytest

from accountcore.complaints import (
    ComplaintStatus,
    ComplaintWorkflow,
    ReopenPolicy,
    Resolution,
    ResolutionKind,
    Severity,
)
from accountcore.complaints.errors import (
    ComplaintTransitionError,
    InvalidResolutionError,
)
from accountcore.errors import AccountcoreError, DefinitionError
from accountcore.money import Money
from accountcore.pipeline import Move, Refusal
from accountcore.pipeline.refusals import BUILTIN_CODES

FLOW = ComplaintWorkflow.default()
T0 = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")


def received(owner: str | None = "anna"):
    return FLOW.receive(
        "K-1",
        client_id="C-1",
        category="delivery",
        severity=Severity.HIGH,
        description="Half the pallets arrived wet",
        at=T0,
        by="desk",
        owner=owner,
    )


def investigating():
    c = FLOW.advance(received(), "acknowledged", at=T0.add(hours=1), by="anna")
    return FLOW.advance(c, "investigating", at=T0.add(hours=2), by="anna")


def test_a_complaint_goes_received_acknowledged_investigating_resolved_closed():
    refund = Resolution(ResolutionKind.REFUND, Money("450.00", "EUR"), "wet pallets")

    c = FLOW.resolve(investigating(), refund, at=T0.add(days=1), by="anna")
    c = FLOW.advance(c, "closed", at=T0.add(days=2), by="anna")

    assert [h.target for h in c.history] == [
        s.value for s in ComplaintStatus if s is not ComplaintStatus.REJECTED
    ]
    assert c.resolution == refund
    assert not c.is_open
    assert c.decided_at == T0.add(days=1)


def test_a_refused_move_names_every_unmet_requirement_and_changes_nothing():
    c = received(owner=None)
    before = attrs.evolve(c)

    with pytest.raises(ComplaintTransitionError) as raised:
        FLOW.advance(c, "resolved", at=T0.subtract(minutes=5), by=" ")

    assert [r.code for r in raised.value.refusals] == [
        "complaint_move_not_allowed",
        "complaint_earlier_than_last",
        "complaint_by_missing",
        "complaint_resolution_missing",
    ]
    assert "'K-1'" in str(raised.value)
    assert "'resolved'" in str(raised.value)
    assert c == before
    assert isinstance(raised.value, AccountcoreError)
    assert isinstance(raised.value, ValueError)


def test_acknowledging_needs_an_owner_and_check_says_so_without_raising():
    verdict = FLOW.check(received(owner=None), "acknowledged", at=T0.add(hours=1))

    assert not verdict
    assert verdict.unmet == ("the complaint has no owner",)
    assert verdict.render("uk_UA") == ["у скарги немає відповідального"]


def test_rejecting_needs_a_reason():
    c = investigating()

    with pytest.raises(
        ComplaintTransitionError, match="a reason is required to move to 'rejected'"
    ):
        FLOW.advance(c, "rejected", at=T0.add(days=1), by="anna")
    rejected = FLOW.advance(
        c, "rejected", at=T0.add(days=1), by="anna", reason="outside warranty"
    )

    assert rejected.status == "rejected"


def test_refusals_render_in_every_catalog_language_with_status_labels():
    verdict = FLOW.check(received(), "closed", at=T0)

    assert verdict.render("et_EE") == [
        "kaebuse saab olekust „Vastu võetud“ viia ainult olekusse „Kinnitatud“"
    ]
    assert verdict.render("ja_JP") == [
        "苦情は「受付済み」から「受領確認済み」にのみ移せます"
    ]


def test_a_decided_complaint_reopens_to_investigating_with_a_reason_within_30_days():
    refund = Resolution(ResolutionKind.CREDIT_NOTE, Money("200.00", "EUR"))
    decided = FLOW.resolve(investigating(), refund, at=T0.add(days=1), by="anna")

    until = decided.decided_at + datetime.timedelta(days=30)

    reopened = FLOW.advance(
        decided, "investigating", at=until, by="anna", reason="wet again"
    )
    late = FLOW.check(
        decided, "investigating", at=until + datetime.timedelta(seconds=1)
    )

    # decided on day 1; 30 days (of 24 hours, across the change to summer
    # time) to reopen, the last instant included
    assert reopened.status == "investigating"
    assert reopened.is_open
    assert [r.code for r in late.refusals] == [
        "complaint_reopen_expired",
        "complaint_reason_required",
    ]


def test_a_workflow_that_never_reopens_keeps_closed_final():
    flow = ComplaintWorkflow(reopen=ReopenPolicy.never())
    c = flow.advance(received(), "acknowledged", at=T0, by="anna")
    c = flow.advance(c, "investigating", at=T0, by="anna")
    c = flow.advance(c, "rejected", at=T0, by="anna", reason="duplicate")
    c = flow.advance(c, "closed", at=T0, by="anna")

    verdict = flow.check(c, "investigating", at=T0)

    assert [r.code for r in verdict.refusals] == ["complaint_final"]
    assert verdict.unmet == ("no move leaves 'closed'",)


def test_force_skips_moves_and_requirements_but_needs_a_reason():
    with pytest.raises(ComplaintTransitionError, match="force=True needs a reason"):
        FLOW.advance(received(), "closed", at=T0, by="boss", force=True)

    c = FLOW.advance(
        received(), "closed", at=T0, by="boss", force=True, reason="withdrawn"
    )

    assert c.status == "closed"
    assert c.history[-1].forced


def test_an_unknown_status_is_named_with_the_known_ones():
    verdict = FLOW.check(received(), "escalated", at=T0)

    assert verdict.unmet == (
        "unknown status 'escalated' (the statuses are received, acknowledged, "
        "investigating, resolved, rejected, closed)",
    )


def test_receiving_refuses_every_bad_field_at_once():
    with pytest.raises(ComplaintTransitionError) as raised:
        FLOW.receive(
            "K-2",
            client_id="",
            category=" ",
            severity="high",
            description="x",
            at=T0,
            by="desk",
        )

    assert raised.value.unmet == (
        "client_id must be a non-blank text, got ''",
        "category must be a non-blank text, got ' '",
        "severity must be a Severity, got 'high'",
    )


def test_a_workflow_definition_lists_every_fault():
    with pytest.raises(DefinitionError) as raised:
        ComplaintWorkflow(
            ("received", "received", "done"),
            (Move("received", "gone"),),
            ReopenPolicy(reopen_from=(), within=None),
        )

    assert str(raised.value).splitlines()[1:] == [
        "  - status 'received' is listed twice",
        "  - move received -> gone names unknown status 'gone'",
        "  - status 'done' cannot be reached from 'received'",
    ]


@pytest.mark.parametrize(
    ("kind", "amount", "why"),
    [
        (ResolutionKind.REFUND, None, "a refund needs a positive amount"),
        (
            ResolutionKind.CREDIT_NOTE,
            Money("0", "EUR"),
            "a credit note needs a positive amount",
        ),
        (
            ResolutionKind.EXPLANATION,
            Money("1", "EUR"),
            "an explanation carries no amount",
        ),
        (
            ResolutionKind.REPLACEMENT,
            Money("-5", "EUR"),
            "a replacement's value must be positive",
        ),
    ],
)
def test_a_resolution_carries_money_only_where_there_is_money(kind, amount, why):
    with pytest.raises(InvalidResolutionError, match=why) as raised:
        Resolution(kind, amount)

    assert raised.value.amount == amount
    assert kind.value in str(raised.value)


def test_complaint_codes_stay_apart_from_the_pipeline_builtin_codes():
    assert "complaint_owner_missing" not in BUILTIN_CODES
    assert Refusal.of("complaint_owner_missing").message.id == (
        "complaints.refusal.complaint_owner_missing"
    )
