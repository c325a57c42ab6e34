"""Random moves on the default pipeline keep every invariant (stateful test)."""

import attrs
import pendulum
from helpers import JAN_5 as T0
from helpers import SALES
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from accountcore import (
    Deal,
    ForecastCategory,
    Money,
    Outcome,
    TransitionError,
)
from accountcore.pipeline.errors import DealChangeError

TARGETS = [s.key for s in SALES.stages] + ["nowhere"]
STEPS = st.integers(min_value=-120, max_value=3 * 24 * 60)  # minutes; may go back
REASONS = st.sampled_from([None, "", "client chose a rival", "budget frozen"])


def state(deal: Deal) -> tuple[object, ...]:
    return attrs.astuple(deal, recurse=False)


class DealLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.deal = SALES.new_deal(
            "D-1", client_id="C-1", owner="anna", at=T0, by="anna"
        )
        self.now = T0
        # the deal right after the last event at each instant
        self.after: dict[pendulum.DateTime, tuple[object, ...]] = {T0: state(self.deal)}

    def _record(self, deal: Deal) -> None:
        self.deal = deal
        self.now = deal.updated_at
        self.after[deal.updated_at] = state(deal)

    @rule(
        to=st.sampled_from(TARGETS), minutes=STEPS, reason=REASONS, force=st.booleans()
    )
    def move(self, to: str, minutes: int, reason: str | None, force: bool) -> None:
        before = state(self.deal)
        at = self.now.add(minutes=minutes)
        verdict = SALES.check(self.deal, to, at=at)
        refused: TransitionError | None = None
        try:
            moved = SALES.advance(
                self.deal, to, at=at, by="anna", reason=reason, force=force
            )
        except TransitionError as error:
            refused = error
        if refused is not None:
            assert state(self.deal) == before  # a refusal changes nothing
            assert refused.deal_id == "D-1"
            assert refused.current == self.deal.stage
            assert refused.unmet
            if reason is None and not force:
                assert refused.unmet == verdict.unmet
        else:
            if reason is None and not force:
                assert verdict.allowed
            assert moved.stage == to
            assert moved.history[-1].forced is force
            self._record(moved)

    @rule(
        cents=st.none() | st.integers(min_value=-1000, max_value=10**8), minutes=STEPS
    )
    def change_amount(self, cents: int | None, minutes: int) -> None:
        amount = None if cents is None else Money.from_minor(cents, "EUR")
        self._change(
            lambda at: self.deal.with_amount(amount, at=at, by="anna"), minutes
        )

    @rule(contact=st.sampled_from([None, "Mari", "Jaan"]), minutes=STEPS)
    def change_contact(self, contact: str | None, minutes: int) -> None:
        self._change(
            lambda at: self.deal.with_contact(contact, at=at, by="anna"), minutes
        )

    @rule(days=st.none() | st.integers(min_value=0, max_value=90), minutes=STEPS)
    def change_close_date(self, days: int | None, minutes: int) -> None:
        on = None if days is None else T0.date().add(days=days)
        self._change(
            lambda at: self.deal.with_expected_close(on, at=at, by="anna"), minutes
        )

    @rule(percent=st.none() | st.integers(min_value=0, max_value=100), minutes=STEPS)
    def override(self, percent: int | None, minutes: int) -> None:
        value = None if percent is None else f"{percent / 100:.2f}"
        self._change(
            lambda at: self.deal.override_probability(value, at=at, by="anna"), minutes
        )

    @rule(category=st.none() | st.sampled_from(list(ForecastCategory)), minutes=STEPS)
    def override_forecast(
        self, category: ForecastCategory | None, minutes: int
    ) -> None:
        self._change(
            lambda at: self.deal.override_forecast(category, at=at, by="anna"), minutes
        )

    @rule(share=st.integers(min_value=1, max_value=100), minutes=STEPS)
    def split(self, share: int, minutes: int) -> None:
        splits = {"anna": f"{share / 100:.2f}"}
        if share < 100:
            splits["boris"] = f"{(100 - share) / 100:.2f}"
        self._change(
            lambda at: self.deal.with_splits(splits, at=at, by="lead"), minutes
        )

    def _change(self, change, minutes: int) -> None:  # type: ignore[no-untyped-def]
        before = state(self.deal)
        at = self.now.add(minutes=minutes)
        try:
            changed = change(at)
        except DealChangeError:
            assert state(self.deal) == before
        else:
            if changed is not self.deal:
                self._record(changed)

    @invariant()
    def history_is_time_ordered(self) -> None:
        times = [event.at for event in self.deal.history]
        assert times == sorted(times)

    @invariant()
    def closed_at_is_set_exactly_when_won_or_lost(self) -> None:
        assert (self.deal.closed_at is not None) == (
            self.deal.outcome is not Outcome.OPEN
        )

    @invariant()
    def the_stage_is_one_of_the_pipeline(self) -> None:
        stage = SALES.stage(self.deal.stage)
        assert stage.outcome is self.deal.outcome
        assert self.deal.probability == stage.probability or (
            self.deal.outcome is Outcome.OPEN
        )

    @invariant()
    @precondition(lambda self: len(self.deal.history) > 1)
    def as_of_any_event_gives_the_deal_right_after_it(self) -> None:
        for moment, expected in self.after.items():
            assert state(self.deal.as_of(moment)) == expected


DealLife.TestCase.settings = settings(
    max_examples=60, stateful_step_count=25, deadline=None
)
test_random_moves_keep_the_invariants = DealLife.TestCase
