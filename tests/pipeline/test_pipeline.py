"""The pipeline: moves, refusals, policies, definitions and migration."""

import datetime as dt
import re
from decimal import Decimal

import attrs
import pendulum
import pytest
from helpers import SALES, T0
from hypothesis import given, settings

from accountcore import (
    Deal,
    ForecastCategory,
    Money,
    NaiveDatetimeError,
    Outcome,
    Pipeline,
    Stage,
    StageChange,
    TransitionError,
    TransitionPolicy,
)
from accountcore.errors import MessageParameterError, UnknownKeyError
from accountcore.pipeline import REQUIREMENTS, Move, Refusal, Reopen, migrate
from accountcore.pipeline.errors import PipelineDefinitionError, UnknownStageError
from accountcore.serialization import (
    from_json,
    structure,
    structure_pipeline,
    to_json,
    unstructure,
)
from accountcore.testing.pipeline import deals, pipelines

OPEN, W, L = Outcome.OPEN, Outcome.WON, Outcome.LOST
F = ForecastCategory


def day(n: int) -> pendulum.DateTime:
    return T0.add(days=n)


def ready_deal(id: str = "D-1") -> Deal:
    """A deal with everything the default pipeline asks for."""
    return SALES.new_deal(
        id,
        client_id="C-1",
        owner="anna",
        at=T0,
        by="anna",
        amount=Money("12000.00", "EUR"),
        expected_close=dt.date(2026, 4, 30),
        contact="Mari Maasikas",
    )


def won_deal() -> Deal:
    deal = SALES.advance(ready_deal(), "negotiation", at=day(1), by="anna")
    return SALES.advance(deal, "contract_signed", at=day(2), by="anna")


def lost_deal() -> Deal:
    deal = SALES.advance(ready_deal(), "needs", at=day(1), by="anna")
    return SALES.advance(deal, "lost", at=day(2), by="anna", reason="no budget")


# --- the happy path -------------------------------------------------------------


def test_a_deal_walks_the_whole_work_cycle_to_completion():
    deal = ready_deal()
    path = [
        "preparation",
        "contact",
        "needs",
        "presentation",
        "objections",
        "negotiation",
        "contract_signed",
        "fulfilment",
        "completed",
    ]

    for n, stage in enumerate(path, start=1):
        deal = SALES.advance(deal, stage, at=day(n), by="anna")

    assert deal.stage == "completed"
    assert deal.outcome is W
    assert deal.closed_at == day(7)  # signed on day 7; fulfilment keeps the date
    assert [c.to_stage for c in deal.stage_changes] == ["appointment", *path]
    assert deal.probability == 1
    assert deal.forecast_category is F.CLOSED


def test_each_stage_change_records_the_probability_and_forecast_in_force():
    deal = SALES.advance(ready_deal(), "negotiation", at=day(1), by="anna")

    change = deal.history[-1]

    assert change == StageChange(
        day(1), "anna", "appointment", "negotiation", OPEN, Decimal("0.80"), F.COMMIT
    )


def test_a_move_leaves_the_original_deal_untouched():
    deal = ready_deal()

    SALES.advance(deal, "needs", at=day(1), by="anna")

    assert deal.stage == "appointment"
    assert len(deal.history) == 1


def test_losing_sets_closed_at_and_reopening_clears_it():
    lost = lost_deal()

    reopened = SALES.advance(lost, "needs", at=day(3), by="anna")

    assert lost.closed_at == day(2)
    assert lost.close_reason == "no budget"
    assert lost.probability == 0
    assert reopened.closed_at is None
    assert reopened.outcome is OPEN


def test_cancelling_a_won_deal_moves_it_to_a_lost_outcome():
    deal = won_deal()

    cancelled = SALES.advance(deal, "cancelled", at=day(5), by="anna", reason="void")

    assert cancelled.outcome is L
    assert cancelled.closed_at == day(5)
    assert cancelled.close_reason == "void"


def test_check_and_allowed_targets_agree_with_advance():
    deal = SALES.advance(ready_deal(), "needs", at=day(1), by="anna")

    targets = SALES.allowed_targets(deal, at=day(2))

    assert targets == (
        "appointment",
        "preparation",
        "contact",
        "presentation",
        "objections",
        "negotiation",
        "contract_signed",
    )
    for stage in targets:
        assert SALES.advance(deal, stage, at=day(2), by="anna").stage == stage
    assert SALES.check(deal, "lost", at=day(2)).unmet == (
        "a reason is required to move to 'lost'",
    )


def test_force_moves_past_the_policy_and_is_recorded_as_forced():
    deal = won_deal()

    back = SALES.advance(
        deal, "negotiation", at=day(3), by="lead", reason="signed in error", force=True
    )

    assert back.stage == "negotiation"
    assert back.history[-1].forced is True
    assert back.history[-1].reason == "signed in error"
    assert back.closed_at is None


# --- refusals: each names the deal, the stages and every reason -----------------


def refusal(deal: Deal, to: object, **kwargs: object) -> TransitionError:
    kwargs.setdefault("at", day(10))
    kwargs.setdefault("by", "anna")
    with pytest.raises(TransitionError) as caught:
        SALES.advance(deal, to, **kwargs)  # type: ignore[arg-type]
    error = caught.value
    assert f"Deal {deal.id!r}" in str(error)
    assert f"from {deal.stage!r}" in str(error)
    assert f"to {to!r}" in str(error)
    if str(kwargs["by"]).strip():  # check() has no author to refuse
        assert SALES.check(deal, to, at=kwargs["at"]).allowed is False  # type: ignore[arg-type]
    return error


def test_a_forbidden_move_is_refused():
    policy = attrs.evolve(
        SALES.policy, forbidden_moves=(Move("appointment", "negotiation"),)
    )
    strict = attrs.evolve(SALES, policy=policy, id="strict")
    deal = strict.new_deal("D-9", client_id="C", owner="a", at=T0, by="a")

    with pytest.raises(
        TransitionError,
        match=re.escape(
            "Deal 'D-9' cannot move from 'appointment' to 'negotiation': "
            "the move appointment -> negotiation is forbidden by the pipeline; "
            "amount is missing; expected close date is missing."
        ),
    ):
        strict.advance(deal, "negotiation", at=day(1), by="a")


def test_reopening_is_refused_when_the_policy_says_never():
    never = attrs.evolve(
        SALES, policy=attrs.evolve(SALES.policy, reopen=Reopen.NEVER), id="never"
    )
    deal = never.new_deal("D-8", client_id="C", owner="a", at=T0, by="a")
    deal = never.advance(deal, "lost", at=day(1), by="a", reason="silence")

    with pytest.raises(
        TransitionError,
        match=re.escape(
            "Deal 'D-8' cannot move from 'lost' to 'appointment': "
            "the pipeline never reopens a lost deal."
        ),
    ):
        never.advance(deal, "appointment", at=day(2), by="a")


def test_a_lost_deal_reopens_only_to_the_stage_it_was_lost_from():
    error = refusal(lost_deal(), "presentation")

    assert error.unmet == (
        "a lost deal reopens only to the stage it was lost from ('needs')",
    )


def test_a_won_deal_cannot_move_back_to_an_open_stage():
    error = refusal(won_deal(), "negotiation")

    assert error.unmet == ("a won deal cannot move back to an open stage",)


def test_won_stages_move_forward_only():
    deal = SALES.advance(won_deal(), "fulfilment", at=day(3), by="anna")

    error = refusal(deal, "contract_signed")

    assert error.unmet == ("won stages move forward only",)


def test_only_a_won_deal_can_be_cancelled():
    error = refusal(ready_deal(), "cancelled", reason="void")

    assert error.unmet == ("only a won deal can be cancelled to 'cancelled'",)


def test_an_unknown_stage_is_refused_with_the_known_ones():
    error = refusal(ready_deal(), "signed")

    assert error.unmet[0].startswith(
        "unknown stage 'signed' (the stages are appointment"
    )
    with pytest.raises(UnknownStageError, match="has no stage 'signed'"):
        SALES.stage("signed")


def test_time_going_backwards_is_refused():
    deal = SALES.advance(ready_deal(), "needs", at=day(5), by="anna")

    error = refusal(deal, "presentation", at=day(4))

    assert error.unmet == (
        "at=2026-03-06T09:00:00+02:00 is earlier than the deal's last change "
        "at 2026-03-07T09:00:00+02:00",
    )


def test_every_missing_requirement_is_named_not_just_the_first():
    deal = SALES.new_deal("D-2", client_id="C", owner="a", at=T0, by="a")
    deal = deal.with_amount(Money("-5.00", "EUR"), at=T0, by="a")

    error = refusal(deal, "contract_signed")

    assert error.unmet == (
        "amount must be positive, got -5.00 EUR",
        "contact is missing",
    )


def test_losing_without_a_reason_is_refused():
    error = refusal(ready_deal(), "lost", reason="  ")

    assert error.unmet == ("a reason is required to move to 'lost'",)


def test_force_without_a_reason_is_refused():
    error = refusal(won_deal(), "negotiation", force=True)

    assert error.unmet == ("force=True needs a reason",)


def test_moving_to_the_current_stage_is_refused():
    error = refusal(ready_deal(), "appointment")

    assert error.unmet == ("the deal is already in 'appointment'",)


def test_a_move_needs_an_author_and_an_aware_time():
    deal = ready_deal()

    error = refusal(deal, "needs", by="")
    with pytest.raises(NaiveDatetimeError, match="2026-03-05T00:00:00"):
        SALES.advance(deal, "needs", at=dt.datetime(2026, 3, 5), by="anna")

    assert error.unmet == ("by must name who moves the deal, got ''",)
    assert refusal(deal, "needs", by="  ").unmet == (
        "by must name who moves the deal, got '  '",
    )


def test_a_deal_of_another_pipeline_version_must_be_migrated_first():
    v2 = attrs.evolve(SALES, version=2)

    with pytest.raises(
        TransitionError, match="follows pipeline 'default' v1, not 'default' v2"
    ):
        v2.advance(ready_deal(), "needs", at=day(1), by="anna")


def test_a_deal_is_created_only_in_a_creation_stage():
    with pytest.raises(TransitionError, match="not in 'negotiation'"):
        SALES.new_deal(
            "D-3", client_id="C", owner="a", at=T0, by="a", stage="negotiation"
        )
    with pytest.raises(TransitionError, match="owner must be a non-blank text, got ''"):
        SALES.new_deal("D-3", client_id="C", owner="", at=T0, by="a")


# --- policies --------------------------------------------------------------------


def stage(key: str, p: str, outcome: Outcome, category: ForecastCategory) -> Stage:
    return Stage(key, key.title(), Decimal(p), outcome, category)


SMALL = (
    stage("lead", "0.1", OPEN, F.PIPELINE),
    stage("demo", "0.5", OPEN, F.BEST_CASE),
    stage("closing", "0.8", OPEN, F.COMMIT),
    stage("won", "1", W, F.CLOSED),
    stage("lost", "0", L, F.OMITTED),
)


def test_without_skipping_a_deal_goes_through_every_stage():
    pipeline = Pipeline(
        "small", "Small", SMALL, policy=TransitionPolicy(skip_forward=False)
    )
    deal = pipeline.new_deal("D", client_id="C", owner="a", at=T0, by="a")

    with pytest.raises(TransitionError, match="does not allow skipping stages"):
        pipeline.advance(deal, "closing", at=T0, by="a")
    with pytest.raises(
        TransitionError, match="a deal enters 'won' only from 'closing'"
    ):
        pipeline.advance(deal, "won", at=T0, by="a")
    assert pipeline.allowed_targets(deal, at=T0) == ("demo", "lost")


def test_reopen_first_sends_a_lost_deal_back_to_the_start():
    pipeline = Pipeline(
        "small", "Small", SMALL, policy=TransitionPolicy(reopen=Reopen.FIRST)
    )
    deal = pipeline.new_deal("D", client_id="C", owner="a", at=T0, by="a")
    deal = pipeline.advance(deal, "closing", at=T0, by="a")
    deal = pipeline.advance(deal, "lost", at=T0, by="a")

    assert pipeline.allowed_targets(deal, at=T0) == ("lead",)


def test_an_extra_move_brings_its_own_requirements():
    policy = TransitionPolicy(extra_moves=(Move("won", "closing", ("has_contact",)),))
    pipeline = Pipeline("small", "Small", SMALL, policy=policy)
    deal = pipeline.new_deal("D", client_id="C", owner="a", at=T0, by="a")
    deal = pipeline.advance(deal, "won", at=T0, by="a")

    with pytest.raises(TransitionError, match="contact is missing"):
        pipeline.advance(deal, "closing", at=T0, by="a")
    deal = deal.with_contact("Mari", at=T0, by="a")
    assert pipeline.advance(deal, "closing", at=T0, by="a").stage == "closing"


def test_a_move_requirement_applies_to_that_move_only():
    pipeline = Pipeline(
        "small",
        "Small",
        SMALL,
        move_requirements=(Move("lead", "won", ("has_amount",)),),
    )
    deal = pipeline.new_deal("D", client_id="C", owner="a", at=T0, by="a")
    deal_at_demo = pipeline.advance(deal, "demo", at=T0, by="a")

    assert pipeline.check(deal, "won", at=T0).unmet == ("amount is missing",)
    assert pipeline.check(deal_at_demo, "won", at=T0).allowed


def test_user_registered_requirements_are_found_by_name():
    @attrs.frozen
    class NotOnSunday:
        name: str = "not_on_sunday"

        def unmet(self, deal: Deal, target: Stage, reason: str | None) -> str | None:
            return (
                "no deals are signed on Sunday"
                if deal.updated_at.isoweekday() == 7
                else None
            )

    registry = REQUIREMENTS.with_(NotOnSunday())
    stages = (*SMALL[:3], attrs.evolve(SMALL[3], requires=("not_on_sunday",)), SMALL[4])
    pipeline = Pipeline("small", "Small", stages, registry=registry)
    sunday = pendulum.datetime(2026, 3, 1, tz="UTC")
    deal = pipeline.new_deal("D", client_id="C", owner="a", at=sunday, by="a")

    verdict = pipeline.check(deal, "won", at=sunday)
    again = structure_pipeline(unstructure(pipeline), registry)

    assert verdict.unmet == ("no deals are signed on Sunday",)
    assert again == pipeline
    assert again.check(deal, "won", at=sunday) == verdict


# --- invalid pipelines ---------------------------------------------------------------


def test_an_invalid_pipeline_names_every_fault_at_once():
    stages = (
        stage("lead", "0.1", OPEN, F.PIPELINE),
        stage("lead", "0.2", OPEN, F.PIPELINE),
        Stage("demo", "Demo", 0.5, OPEN, F.BEST_CASE),  # type: ignore[arg-type]
        stage("won", "0.9", W, F.COMMIT),
        stage("gone", "0.1", L, F.PIPELINE),
        Stage("odd", "Odd", Decimal("1.5"), OPEN, F.CLOSED, ("has_budget",)),
    )
    policy = TransitionPolicy(
        creation_stages=("won",),
        extra_moves=(Move("lead", "nowhere"),),
        cancellation_stages=("lead",),
    )

    with pytest.raises(PipelineDefinitionError) as caught:
        Pipeline("broken", "Broken", stages, policy=policy, version=0)

    assert caught.value.faults == (
        "version must be an int of 1 or more, got 0",
        "stage 'lead': the key is used twice",
        "stage 'demo': probability must be a finite Decimal, got 0.5",
        "stage 'won': a won stage has probability 1, got Decimal('0.9')",
        "stage 'won': a won stage is in forecast category closed, got commit",
        "stage 'gone': a lost stage has probability 0, got Decimal('0.1')",
        "stage 'gone': a lost stage is in forecast category omitted, got pipeline",
        "stage 'odd': probability 1.5 is not in [0, 1]",
        "stage 'odd': an open stage cannot be in forecast category closed",
        "stage 'odd': unknown requirement 'has_budget'",
        "cancellation stage 'lead' is not a lost stage",
        "creation stage 'won' is not an open stage",
        "extra move lead -> nowhere names unknown stage 'nowhere'",
    )
    assert "Pipeline 'broken' is invalid (13 faults)" in str(caught.value)


def test_a_pipeline_needs_open_won_and_lost_stages():
    with pytest.raises(
        PipelineDefinitionError, match="there is no won stage"
    ) as caught:
        Pipeline("p", "P", (SMALL[0], SMALL[4]))

    assert "open stage 'lead' cannot reach a won stage" not in caught.value.faults


def test_every_open_stage_must_reach_a_won_and_a_lost_stage():
    policy = TransitionPolicy(
        lose_from_open=False, extra_moves=(Move("lead", "lost"),), move_backward=False
    )

    with pytest.raises(PipelineDefinitionError) as caught:
        Pipeline("p", "P", SMALL, policy=policy)

    assert caught.value.faults == (
        "open stage 'demo' cannot reach a lost stage",
        "open stage 'closing' cannot reach a lost stage",
    )


def test_a_move_requirement_on_a_move_the_policy_refuses_is_a_fault():
    with pytest.raises(
        PipelineDefinitionError, match="names a move the policy does not allow"
    ):
        Pipeline(
            "p", "P", SMALL, move_requirements=(Move("won", "lead", ("has_amount",)),)
        )


def test_a_move_both_extra_and_forbidden_is_a_fault():
    policy = TransitionPolicy(
        extra_moves=(Move("won", "lead"),), forbidden_moves=(Move("won", "lead"),)
    )

    with pytest.raises(PipelineDefinitionError, match="both extra and forbidden"):
        Pipeline("p", "P", SMALL, policy=policy)


@settings(max_examples=50)
@given(pipelines())
def test_generated_pipelines_build_and_round_trip(pipeline):
    again = from_json(to_json(pipeline), Pipeline)

    assert again == pipeline
    assert again.moves() == pipeline.moves()


# --- diagram, migration, serialization ----------------------------------------------


def test_the_diagram_lists_every_stage_and_move():
    text = SMALL_PIPELINE.to_mermaid()

    assert text.splitlines()[:7] == [
        "stateDiagram-v2",
        '    state "Lead (10 %)" as lead',
        '    state "Demo (50 %)" as demo',
        '    state "Closing (80 %)" as closing',
        '    state "Won (100 %)" as won',
        '    state "Lost (0 %)" as lost',
        "    [*] --> lead",
    ]
    assert "    lost --> demo: reopen if lost from here" in text
    assert text.count("-->") == 1 + len(SMALL_PIPELINE.moves())


SMALL_PIPELINE = Pipeline("small", "Small", SMALL)


def test_migration_maps_the_stage_and_records_the_change():
    v2_stages = tuple(
        attrs.evolve(s, key="discovery", name="Discovery") if s.key == "needs" else s
        for s in SALES.stages
    )
    v2 = attrs.evolve(SALES, stages=v2_stages, version=2)
    deal = SALES.advance(ready_deal(), "needs", at=day(1), by="anna")

    moved = migrate(deal, v2, {"needs": "discovery"}, at=day(2), by="ops")

    assert (moved.pipeline_id, moved.pipeline_version, moved.stage) == (
        "default",
        2,
        "discovery",
    )
    assert (
        v2.advance(moved, "presentation", at=day(3), by="anna").stage == "presentation"
    )
    assert moved.as_of(day(1)).pipeline_version == 1
    assert moved.as_of(day(1)).stage == "needs"


def test_migration_keeps_the_outcome():
    with pytest.raises(
        TransitionError, match="a migration keeps the outcome: open cannot become won"
    ):
        migrate(
            ready_deal(),
            attrs.evolve(SALES, version=2),
            {"appointment": "completed"},
            at=day(1),
            by="ops",
        )


def test_the_default_pipeline_round_trips_through_json():
    again = from_json(to_json(SALES), Pipeline)

    assert again == SALES
    assert again.moves() == SALES.moves()


def test_a_deal_with_every_kind_of_event_round_trips_through_json():
    deal = won_deal()
    deal = deal.with_splits({"anna": "0.7", "boris": "0.3"}, at=day(3), by="lead")
    deal = deal.automate_probability("0.5", at=day(3), by="model")
    deal = deal.reassign("carla", at=day(4), by="lead")
    deal = migrate(deal, attrs.evolve(SALES, version=2), {}, at=day(5), by="ops")

    again = from_json(to_json(deal), Deal)

    assert attrs.astuple(again, recurse=False) == attrs.astuple(deal, recurse=False)
    assert unstructure(deal)["history"][0]["kind"] == "stage_change"


def test_bad_deal_data_names_every_bad_field():
    data = unstructure(ready_deal())
    data["stage_probability"] = 0.5
    data["history"][0]["kind"] = "telepathy"

    with pytest.raises(Exception, match="stage_probability") as caught:
        structure(data, Deal)

    assert "history" in str(caught.value)


@settings(max_examples=50)
@given(deals())
def test_generated_deals_round_trip(deal):
    again = from_json(to_json(deal), Deal)

    assert attrs.astuple(again, recurse=False) == attrs.astuple(deal, recurse=False)


def test_an_unknown_refusal_code_names_it_and_the_built_in_codes():
    with pytest.raises(
        UnknownKeyError,
        match=r"Unknown refusal code 'nope': expected one of 'already_in'",
    ):
        Refusal.of("nope")


def test_a_refusal_without_its_parameters_names_the_missing_ones():
    with pytest.raises(
        MessageParameterError, match=r"takes \{amount\}: missing amount"
    ):
        Refusal.of("amount_not_positive")
