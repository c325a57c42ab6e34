"""A deal's history: a packed sequence that reads exactly like the tuple of
events it was given."""

from __future__ import annotations

import datetime as _dt
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from helpers import T0
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import (
    DealHistory,
    ForecastCategory,
    Money,
    Outcome,
    Pipeline,
    StageChange,
)
from accountcore.errors import ArgumentTypeError
from accountcore.pipeline import AmountChange, ContactChange, DealEvent, PipelineChange
from accountcore.pipeline.errors import HistoryEventError, HistoryIndexError
from accountcore.serialization import structure, unstructure

STAGES = ["needs", "presentation", "won", "lost"]
OUTCOMES = [Outcome.OPEN, Outcome.OPEN, Outcome.WON, Outcome.LOST]


@st.composite
def event_lists(draw: Any, max_size: int = 12) -> list[DealEvent]:
    """Up to 12 (``max_size``) events of several kinds, plain stage changes
    (from the stage the history is in, no reason, not forced) and irregular
    ones mixed."""
    events: list[DealEvent] = []
    stage: str | None = None
    at = T0
    for _ in range(draw(st.integers(0, max_size))):
        at = at + _dt.timedelta(hours=draw(st.integers(0, 30)))
        kind = draw(st.integers(0, 4))
        who = draw(st.sampled_from(["anna", "boris"]))
        if kind <= 1:
            index = draw(st.integers(0, len(STAGES) - 1))
            regular = kind == 0
            events.append(
                StageChange(
                    at,
                    who,
                    stage if regular else draw(st.sampled_from([None, "x", stage])),
                    STAGES[index],
                    OUTCOMES[index],
                    draw(
                        st.sampled_from([Decimal("0.1"), Decimal("0.10"), Decimal(1)])
                    ),
                    draw(st.sampled_from(list(ForecastCategory))),
                    None if regular else draw(st.sampled_from([None, "why"])),
                    False if regular else draw(st.booleans()),
                )
            )
            stage = STAGES[index]
        elif kind == 2:
            events.append(
                PipelineChange(
                    at,
                    who,
                    "sales",
                    1,
                    "sales",
                    2,
                    stage or "needs",
                    "discovery",
                    Outcome.OPEN,
                    Decimal("0.2"),
                    ForecastCategory.PIPELINE,
                )
            )
            stage = "discovery"
        elif kind == 3:
            events.append(AmountChange(at, who, None, Money("10.50", "EUR")))
        else:
            events.append(ContactChange(at, who, None, "Mari"))
    return events


@given(event_lists())
def test_a_history_gives_back_the_very_events_it_was_given(
    events: list[DealEvent],
) -> None:
    history = DealHistory(events)

    # repr shows what == hides: Decimal digits ("0.10" is not "0.1") and zones
    assert repr(tuple(history)) == repr(tuple(events))
    assert len(history) == len(events)
    assert history == tuple(events)
    assert bool(history) is bool(events)


@given(event_lists(), st.data())
def test_indexing_and_slicing_read_like_a_tuple(
    events: list[DealEvent], data: st.DataObject
) -> None:
    history = DealHistory(events)
    size = len(events)
    start = data.draw(st.integers(-size - 1, size + 1))
    stop = data.draw(st.integers(-size - 1, size + 1))

    for index in range(-size, size):
        assert repr(history[index]) == repr(events[index])
    assert history[start:stop] == tuple(events[start:stop])
    assert list(reversed(history)) == list(reversed(events))
    with pytest.raises(IndexError):
        history[size]


@settings(max_examples=40)
@given(event_lists(max_size=150), st.booleans())
def test_indexing_agrees_with_iteration_at_every_position(
    events: list[DealEvent], one_by_one: bool
) -> None:
    # Long histories too: a plain move packs into three items, so 150 events
    # reach past the 256 items a one-byte offset can point at.
    history = DealHistory(events)
    if one_by_one:
        history = DealHistory()
        for event in events:
            history = history.appended(event)
    read = list(history)

    assert len(history) == len(read) == len(events)
    for index, event in enumerate(read):
        assert repr(history[index]) == repr(event)
        assert repr(history[index - len(read)]) == repr(event)  # the same, from the end


@given(event_lists(), st.data())
def test_negative_indices_and_slices_behave_like_a_tuple(
    events: list[DealEvent], data: st.DataObject
) -> None:
    history = DealHistory(events)
    size = len(events)
    bound = st.one_of(st.none(), st.integers(-size - 2, size + 2))
    start, stop = data.draw(bound), data.draw(bound)
    step = data.draw(st.one_of(st.none(), st.integers(-3, 3).filter(bool)))

    assert history[start:stop:step] == tuple(events)[start:stop:step]
    assert isinstance(history[start:stop:step], DealHistory)
    for index in (-size - 1, size):
        with pytest.raises(IndexError):
            history[index]
    with pytest.raises(TypeError, match="not str"):
        history["0"]  # type: ignore[call-overload]


@given(event_lists())
def test_appending_one_by_one_packs_as_building_at_once(
    events: list[DealEvent],
) -> None:
    built = DealHistory()
    for event in events:
        built = built.appended(event)

    assert built == DealHistory(events)
    assert hash(built) == hash(DealHistory(events)) == hash(tuple(events))
    assert DealHistory() + events == DealHistory(events)


@given(event_lists())
def test_latest_and_of_kind_agree_with_a_scan_of_the_events(
    events: list[DealEvent],
) -> None:
    history = DealHistory(events)
    moves = [e for e in events if isinstance(e, StageChange | PipelineChange)]
    amounts = [e for e in events if isinstance(e, AmountChange)]

    assert history.latest(StageChange, PipelineChange) == (moves[-1] if moves else None)
    assert history.latest() == (events[-1] if events else None)
    assert list(history.of_kind(AmountChange)) == amounts
    assert list(history.of_kind(StageChange)) == [
        e for e in events if isinstance(e, StageChange)
    ]
    assert history.last_at == (events[-1].at if events else None)


@given(event_lists())
def test_a_history_survives_pickle_and_serialization(events: list[DealEvent]) -> None:
    history = DealHistory(events)

    assert pickle.loads(pickle.dumps(history)) == history
    assert structure(unstructure(history), DealHistory) == history


def test_a_plain_walk_keeps_no_stage_change_objects() -> None:
    # Memory (issue 3): a move with no reason and no force costs a deal three
    # references (a shared record of the stage, the moment, the author).
    pipeline = Pipeline.default()
    deal = pipeline.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")
    deal = deal.with_amount(Money("100", "EUR"), at=T0, by="anna")
    deal = deal.with_expected_close(_dt.date(2026, 4, 30), at=T0, by="anna")
    deal = deal.with_contact("Mari", at=T0, by="anna")

    for days, stage in enumerate(["preparation", "contact", "needs"], start=1):
        deal = pipeline.advance(deal, stage, at=T0.add(days=days), by="anna")

    packed = deal.history._packed
    assert not any(isinstance(item, StageChange) for item in packed)
    assert [e.to_stage for e in deal.stage_changes] == [
        "appointment",
        "preparation",
        "contact",
        "needs",
    ]
    assert deal.history[-1].from_stage == "contact"


def test_a_move_with_a_reason_is_kept_whole() -> None:
    pipeline = Pipeline.default()
    deal = pipeline.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")

    lost = pipeline.advance(deal, "lost", at=T0, by="anna", reason="no budget")

    assert lost.history[-1] == StageChange(
        T0,
        "anna",
        "appointment",
        "lost",
        Outcome.LOST,
        Decimal(0),
        ForecastCategory.OMITTED,
        "no budget",
    )
    assert lost.close_reason == "no budget"
    assert lost.previous_stage == "appointment"


def test_a_history_refuses_what_is_not_an_event_naming_it() -> None:
    with pytest.raises(HistoryEventError, match=r"history\[1\].*str \('moved on'\)"):
        DealHistory([ContactChange(T0, "anna", None, "Mari"), "moved on"])  # type: ignore[list-item]


def test_appending_what_is_not_an_event_is_refused_naming_it() -> None:
    history = DealHistory([ContactChange(T0, "anna", None, "Mari")])

    with pytest.raises(HistoryEventError, match=r"history\[1\].*int \(42\)"):
        history.appended(42)  # type: ignore[arg-type]


def test_a_deal_built_with_a_tuple_of_events_holds_a_history() -> None:
    pipeline = Pipeline.default()
    deal = pipeline.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")
    change = ContactChange(T0, "anna", None, "Mari")

    rebuilt = attrs.evolve(deal, history=(*deal.history, change))

    assert isinstance(rebuilt.history, DealHistory)
    assert rebuilt.history == deal.history.appended(change)


@given(event_lists())
def test_stages_lists_the_target_of_every_stage_change(
    events: list[DealEvent],
) -> None:
    history = DealHistory(events)

    assert history.stages() == tuple(
        e.to_stage for e in events if isinstance(e, StageChange)
    )


@given(event_lists())
def test_moved_at_is_the_time_of_the_last_stage_or_pipeline_change(
    events: list[DealEvent],
) -> None:
    history = DealHistory(events)
    moves = [e for e in events if isinstance(e, StageChange | PipelineChange)]

    assert history.moved_at() == (moves[-1].at if moves else None)


def test_an_index_past_the_history_names_it_and_the_valid_range():
    history = DealHistory([])

    with pytest.raises(HistoryIndexError) as caught:
        history[2]

    assert str(caught.value) == (
        "history index 2 is out of range: the history holds 0 events "
        "(no index is valid)."
    )
    assert isinstance(caught.value, IndexError)


def test_an_index_that_is_not_an_int_names_its_type():
    with pytest.raises(
        ArgumentTypeError, match=r"index must be an int or a slice, not str"
    ):
        DealHistory([])["0"]
