"""Reachability counts only the moves that can bring a deal to a stage for the
first time."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accountcore import ForecastCategory, Outcome, Pipeline, Stage, TransitionPolicy
from accountcore.pipeline import Move
from accountcore.pipeline.errors import PipelineDefinitionError

F = ForecastCategory


def stage(key: str, p: str, outcome: Outcome, category: ForecastCategory) -> Stage:
    return Stage(key, key.title(), Decimal(p), outcome, category)


SMALL = (
    stage("lead", "0.1", Outcome.OPEN, F.PIPELINE),
    stage("demo", "0.5", Outcome.OPEN, F.BEST_CASE),
    stage("closing", "0.8", Outcome.OPEN, F.COMMIT),
    stage("won", "1", Outcome.WON, F.CLOSED),
    stage("lost", "0", Outcome.LOST, F.OMITTED),
)
# lead may skip to closing but never go to demo, and nothing moves back: the
# only move into demo left is "reopen to the stage it was lost from", which
# needs a deal lost from demo, so a deal in demo before
NO_WAY_INTO_DEMO = TransitionPolicy(
    move_backward=False, forbidden_moves=(Move("lead", "demo"),)
)


def test_a_stage_reached_only_by_reopening_to_it_is_unreachable() -> None:
    with pytest.raises(PipelineDefinitionError) as caught:
        Pipeline("p", "P", SMALL, policy=NO_WAY_INTO_DEMO)

    assert caught.value.faults == (
        "stage 'demo' cannot be reached from a creation stage",
    )


def test_the_unreachable_stage_is_listed_with_every_other_fault() -> None:
    with pytest.raises(PipelineDefinitionError) as caught:
        Pipeline("p", "P", SMALL, policy=NO_WAY_INTO_DEMO, version=0)

    assert caught.value.faults == (
        "version must be an int of 1 or more, got 0",
        "stage 'demo' cannot be reached from a creation stage",
    )


def test_an_extra_move_from_lost_reaches_the_stage_for_the_first_time() -> None:
    policy = TransitionPolicy(
        move_backward=False,
        forbidden_moves=(Move("lead", "demo"),),
        extra_moves=(Move("lost", "demo"),),
    )

    pipeline = Pipeline("p", "P", SMALL, policy=policy)

    assert pipeline.version == 1
