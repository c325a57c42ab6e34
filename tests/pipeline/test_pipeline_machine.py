"""Random moves keep every invariant (stateful tests): one deal on the
default pipeline (``DealLife``), and several deals on several pipelines,
custom ones and new versions, reassigned, with automated and manual
probabilities, migrated between pipelines (``PipelinesLife``).

The size is ``stateful_settings`` (tests/helpers.py): small in CI, the long
profile through ``ACCOUNTCORE_STATEFUL_EXAMPLES`` / ``_STEPS``."""

from decimal import Decimal

import attrs
import pendulum
from helpers import JAN_5 as T0
from helpers import SALES, stateful_settings
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)

from accountcore import (
    Deal,
    ForecastCategory,
    Money,
    Outcome,
    TransitionError,
)
from accountcore.pipeline import Pipeline, Stage, migrate
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


DealLife.TestCase.settings = stateful_settings(60, 25)
test_random_moves_keep_the_invariants = DealLife.TestCase


# --- several deals on several pipelines ----------------------------------------------


def _stage(key: str, p: str, outcome: Outcome, category: ForecastCategory) -> Stage:
    return Stage(key, key.title(), Decimal(p), outcome, category)


F = ForecastCategory
SMALL = Pipeline(
    "small",
    "Small",
    (
        _stage("lead", "0.1", Outcome.OPEN, F.PIPELINE),
        _stage("demo", "0.5", Outcome.OPEN, F.BEST_CASE),
        _stage("closing", "0.8", Outcome.OPEN, F.COMMIT),
        _stage("won", "1", Outcome.WON, F.CLOSED),
        _stage("lost", "0", Outcome.LOST, F.OMITTED),
    ),
)
# a new version of the custom pipeline: "demo" renamed "trial", at 0.4
SMALL_V2 = attrs.evolve(
    SMALL,
    stages=tuple(
        _stage("trial", "0.4", Outcome.OPEN, F.BEST_CASE) if s.key == "demo" else s
        for s in SMALL.stages
    ),
    version=2,
)
SALES_V2 = attrs.evolve(SALES, version=2)
PIPELINES = {(p.id, p.version): p for p in (SALES, SALES_V2, SMALL, SMALL_V2)}
# how a stage maps when a deal moves between the two families of pipelines
TO_SMALL = {s.key: "lead" for s in SALES.stages if s.outcome is Outcome.OPEN} | {
    s.key: s.outcome.value for s in SALES.stages if s.outcome is not Outcome.OPEN
}
FROM_SMALL = {
    "lead": "new",
    "demo": "needs",
    "trial": "needs",
    "closing": "negotiation",
}
OWNERS = st.sampled_from(["anna", "boris", "carla"])
PROBABILITIES = st.none() | st.integers(0, 100).map(lambda n: Decimal(n) / 100)
MINUTES = st.integers(min_value=0, max_value=2 * 24 * 60)


def pipeline_of(deal: Deal) -> Pipeline:
    return PIPELINES[(deal.pipeline_id, deal.pipeline_version)]


class PipelinesLife(RuleBasedStateMachine):
    """Deals created, moved, reassigned, re-scored and migrated at random.

    The model keeps, per deal, its owner and its two probabilities (manual
    and automated); the deal must agree with it after every step."""

    deals = Bundle("deals")

    def __init__(self) -> None:
        super().__init__()
        self.now = T0
        self.count = 0
        self.live: dict[str, Deal] = {}
        self.owner: dict[str, str] = {}
        self.manual: dict[str, Decimal | None] = {}
        self.automated: dict[str, Decimal | None] = {}

    def _tick(self, minutes: int) -> pendulum.DateTime:
        self.now = self.now.add(minutes=minutes)
        return self.now

    def _keep(self, deal: Deal) -> str:
        self.live[deal.id] = deal
        return deal.id

    @rule(
        target=deals, pipeline=st.sampled_from(list(PIPELINES.values())), owner=OWNERS
    )
    def new_deal(self, pipeline: Pipeline, owner: str) -> str:
        self.count += 1
        deal = pipeline.new_deal(
            f"D-{self.count}", client_id="C-1", owner=owner, at=self._tick(1), by=owner
        )
        self.owner[deal.id], self.manual[deal.id] = owner, None
        self.automated[deal.id] = None
        return self._keep(deal)

    @rule(id=deals, data=st.data(), force=st.booleans(), minutes=MINUTES)
    def move(self, id: str, data: st.DataObject, force: bool, minutes: int) -> None:
        deal = self.live[id]
        pipeline = pipeline_of(deal)
        to = data.draw(st.sampled_from([s.key for s in pipeline.stages]), label="to")
        at = self._tick(minutes)
        verdict = pipeline.check(deal, to, at=at)
        try:
            moved = pipeline.advance(deal, to, at=at, by="anna", force=force)
        except TransitionError as error:
            unmet = error.unmet
        else:
            unmet = None
        if unmet is not None:
            assert unmet
            assert force or unmet == verdict.unmet
            event("move refused")
            return
        event("moved")
        assert force or verdict.allowed
        if moved.stage != deal.stage:
            self.manual[id] = None  # a stage change drops the manual override
        self._keep(moved)

    @rule(id=deals, owner=OWNERS, minutes=MINUTES)
    def reassign(self, id: str, owner: str, minutes: int) -> None:
        deal = self.live[id]
        moved = deal.reassign(owner, at=self._tick(minutes), by="lead")
        self.owner[id] = owner
        self._keep(moved)

    @rule(id=deals, value=PROBABILITIES, manual=st.booleans(), minutes=MINUTES)
    def score(self, id: str, value: Decimal | None, manual: bool, minutes: int) -> None:
        deal = self.live[id]
        at = self._tick(minutes)
        try:
            if manual:
                changed = deal.override_probability(value, at=at, by="anna")
            else:
                changed = deal.automate_probability(value, at=at, by="model")
        except DealChangeError:
            assert deal.outcome is not Outcome.OPEN  # only a closed deal refuses
            event("score refused")
            return
        event("scored")
        (self.manual if manual else self.automated)[id] = value
        self._keep(changed)

    @rule(
        id=deals,
        to=st.sampled_from(list(PIPELINES.values())),
        minutes=MINUTES,
    )
    def migrate(self, id: str, to: Pipeline, minutes: int) -> None:
        deal = self.live[id]
        mapping: dict[str, str] = {}
        if to.id != deal.pipeline_id:
            mapping = TO_SMALL if to.id == "small" else FROM_SMALL
        elif to.version == 2 and deal.pipeline_id == "small":
            mapping = {"demo": "trial"}
        elif deal.pipeline_id == "small":
            mapping = {"trial": "demo"}
        try:
            moved = migrate(deal, to, mapping, at=self._tick(minutes), by="ops")
        except TransitionError as error:
            unmet = error.unmet
        else:
            unmet = None
        if unmet is not None:
            assert unmet  # a refusal says why (the same pipeline, too)
            event("migration refused")
            return
        event("migrated")
        assert moved.outcome is deal.outcome
        assert (moved.pipeline_id, moved.pipeline_version) == (to.id, to.version)
        assert moved.history[-1].to_version == to.version
        self._keep(moved)

    @invariant()
    def every_deal_agrees_with_the_model(self) -> None:
        for id, deal in self.live.items():
            stage = pipeline_of(deal).stage(deal.stage)
            assert stage.outcome is deal.outcome
            assert (deal.closed_at is not None) == (deal.outcome is not Outcome.OPEN)
            assert deal.owner == self.owner[id]
            assert sum(split.share for split in deal.splits) == 1
            times = [event.at for event in deal.history]
            assert times == sorted(times)
            assert deal.probability_automated == self.automated[id]
            if deal.outcome is Outcome.WON:
                assert deal.probability == 1
            elif deal.outcome is Outcome.LOST:
                assert deal.probability == 0
            elif self.manual[id] is not None:
                assert deal.probability == self.manual[id]
            elif self.automated[id] is not None:
                assert deal.probability == self.automated[id]
            else:
                assert deal.probability == stage.probability
            assert state(deal.as_of(deal.updated_at)) == state(deal)


PipelinesLife.TestCase.settings = stateful_settings(40, 40)
test_several_deals_on_several_pipelines_keep_the_invariants = PipelinesLife.TestCase
