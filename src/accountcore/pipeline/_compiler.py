"""Validating and compiling a pipeline, explaining refusals, drawing it.

Private to :mod:`accountcore.pipeline.machine`: these run when a pipeline is
built or a move is refused, never on the happy path of a move. The compiled
tables hold :class:`Edge`\\ s. The compiler reads a pipeline through
:class:`Definition` (what a :class:`~accountcore.pipeline.machine.Pipeline`
is made of), so the arrows go one way: machine -> compiler -> policy.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from accountcore.pipeline.engine import PIPELINE_CODES, move_refusals, reach
from accountcore.pipeline.errors import PipelineDefinitionError
from accountcore.pipeline.history import _StageMark, stage_mark
from accountcore.pipeline.policy import Move, Reopen, TransitionPolicy
from accountcore.pipeline.refusals import Refusal, Verdict
from accountcore.pipeline.requirements import Requirement, RequirementRegistry
from accountcore.pipeline.stages import ForecastCategory, Outcome, Stage

if TYPE_CHECKING:
    from accountcore.pipeline.deal import Deal

_ONE = Decimal(1)
_ZERO = Decimal(0)
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
"""A stage key Mermaid takes as a state id as it is."""


def mark_of(source: str | None, stage: Stage) -> _StageMark:
    """The shared record a plain move from ``source`` to ``stage`` leaves
    in a history."""
    return stage_mark(
        source, stage.key, stage.outcome, stage.probability, stage.forecast_category
    )


class Edge:
    """A compiled move: the target stage, its requirements, a ready verdict."""

    __slots__ = ("mark", "previous_only", "requirements", "stage", "verdict")

    def __init__(
        self,
        source: str,
        stage: Stage,
        requirements: tuple[Requirement, ...],
        previous_only: bool,
    ) -> None:
        self.stage = stage
        self.mark = mark_of(source, stage)
        self.requirements = requirements
        self.previous_only = previous_only
        self.verdict = Verdict(source, stage.key)


class Definition(Protocol):
    """What the compiler reads of a pipeline (a
    :class:`~accountcore.pipeline.machine.Pipeline` is one); the tables it
    reads back when explaining a refusal are the ones it compiled."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def stages(self) -> tuple[Stage, ...]: ...
    @property
    def policy(self) -> TransitionPolicy: ...
    @property
    def move_requirements(self) -> tuple[Move, ...]: ...
    @property
    def registry(self) -> RequirementRegistry: ...
    @property
    def creation_stages(self) -> tuple[str, ...]: ...
    @property
    def _by_key(self) -> dict[str, Stage]: ...
    @property
    def _edges(self) -> dict[str, dict[str, Edge]]: ...
    def _unknown(self, key: object) -> Refusal: ...


Graph = dict[str, dict[str, bool]]
"""Moves as {source: {target: previous_only}}."""
Guards = dict[tuple[str, str], list[str]]
"""Requirement names by (source, target)."""
Tables = tuple[dict[str, Stage], dict[str, dict[str, Edge]], tuple[str, ...]]
"""What a pipeline is compiled into: its stages by key, its edges by source
and target, its creation stages."""


def _stage_faults(stages: object, registry_names: Iterable[str]) -> list[str]:
    """Every fault of the stages themselves, in their order."""
    if not isinstance(stages, tuple) or not stages:
        return [f"stages must be a non-empty tuple of Stage, got {stages!r}"]
    known = set(registry_names)
    faults: list[str] = []
    seen: set[str] = set()
    for index, stage in enumerate(stages):
        if not isinstance(stage, Stage):
            faults.append(f"stages[{index}] is not a Stage: {stage!r}")
            continue
        faults.extend(_key_faults(index, stage, seen))
        label = f"stage {stage.key!r}"
        if not isinstance(stage.name, str) or not stage.name.strip():
            faults.append(f"{label}: name must be a non-blank text, got {stage.name!r}")
        if not isinstance(stage.outcome, Outcome):
            faults.append(f"{label}: outcome must be an Outcome, got {stage.outcome!r}")
        faults.extend(_probability_faults(label, stage))
        faults.extend(_category_faults(label, stage))
        if not isinstance(stage.requires, tuple):
            faults.append(f"{label}: requires must be a tuple, got {stage.requires!r}")
        else:
            faults.extend(
                f"{label}: unknown requirement {name!r}"
                for name in stage.requires
                if name not in known
            )
    return faults


def _key_faults(index: int, stage: Stage, seen: set[str]) -> list[str]:
    """A blank or repeated key (``seen`` collects the keys so far)."""
    key = stage.key
    if not isinstance(key, str) or not key.strip():
        return [f"stages[{index}]: key must be a non-blank text, got {key!r}"]
    if key in seen:
        return [f"stage {key!r}: the key is used twice"]
    seen.add(key)
    return []


def _probability_faults(label: str, stage: Stage) -> list[str]:
    """A probability that is not a Decimal in [0, 1], or not the one its
    outcome fixes (1 when won, 0 when lost)."""
    probability, outcome = stage.probability, stage.outcome
    if type(probability) is not Decimal or not probability.is_finite():
        return [f"{label}: probability must be a finite Decimal, got {probability!r}"]
    if not _ZERO <= probability <= _ONE:
        return [f"{label}: probability {probability} is not in [0, 1]"]
    if outcome is Outcome.WON and probability != _ONE:
        return [f"{label}: a won stage has probability 1, got {probability!r}"]
    if outcome is Outcome.LOST and probability != _ZERO:
        return [f"{label}: a lost stage has probability 0, got {probability!r}"]
    return []


def _category_faults(label: str, stage: Stage) -> list[str]:
    """A forecast category that is not one, or does not fit the outcome."""
    category, outcome = stage.forecast_category, stage.outcome
    if not isinstance(category, ForecastCategory):
        return [
            f"{label}: forecast_category must be a ForecastCategory, got {category!r}"
        ]
    if outcome is Outcome.WON and category is not ForecastCategory.CLOSED:
        return [
            f"{label}: a won stage is in forecast category closed, got {category.value}"
        ]
    if outcome is Outcome.LOST and category is not ForecastCategory.OMITTED:
        return [
            f"{label}: a lost stage is in forecast category omitted, got {category.value}"
        ]
    if outcome is Outcome.OPEN and category is ForecastCategory.CLOSED:
        return [f"{label}: an open stage cannot be in forecast category closed"]
    return []


def compile_pipeline(pipeline: Definition) -> Tables:
    """Check ``pipeline`` (every fault at once) and build its tables.

    The steps: the pipeline's own fields and its stages; the stage
    references of its policy; the graph the policy allows, with the extra,
    forbidden and guarded moves applied; reachability; then, when nothing
    is wrong, the compiled edges."""
    check = _Check(pipeline)
    check.header()
    check.policy_stages()
    graph = _policy_graph(check.policy, check.by_key)
    extra, guards = check.moves(graph)
    check.reachability(graph)
    if check.faults:
        raise PipelineDefinitionError(str(pipeline.id), check.faults)
    edges = _compiled_edges(graph, check.by_key, extra, guards, pipeline.registry)
    return check.by_key, edges, check.creation


class _Check:
    """The faults of one pipeline definition, gathered step by step, and
    what the steps learn on the way (its stages by key and by outcome)."""

    def __init__(self, pipeline: Definition) -> None:
        self.pipeline = pipeline
        self.faults: list[str] = []
        self.by_key: dict[str, Stage] = {}
        stages = pipeline.stages if isinstance(pipeline.stages, tuple) else ()
        for stage in stages:
            if isinstance(stage, Stage) and isinstance(stage.key, str):
                self.by_key.setdefault(stage.key, stage)
        self.opens = self._of(Outcome.OPEN)
        self.wons = self._of(Outcome.WON)
        self.losts = self._of(Outcome.LOST)
        self.policy = TransitionPolicy()
        self.creation: tuple[str, ...] = ()

    def _of(self, outcome: Outcome) -> list[Stage]:
        return [s for s in self.by_key.values() if s.outcome is outcome]

    def header(self) -> None:
        """The id, the version, the stages, one stage of each outcome."""
        pipeline = self.pipeline
        if not isinstance(pipeline.id, str) or not pipeline.id.strip():
            self.faults.append(f"id must be a non-blank text, got {pipeline.id!r}")
        if type(pipeline.version) is not int or pipeline.version < 1:
            self.faults.append(
                f"version must be an int of 1 or more, got {pipeline.version!r}"
            )
        self.faults.extend(_stage_faults(pipeline.stages, pipeline.registry.names()))
        for outcome, group in (
            ("open", self.opens),
            ("won", self.wons),
            ("lost", self.losts),
        ):
            if not group:
                self.faults.append(f"there is no {outcome} stage")

    def policy_stages(self) -> None:
        """The policy itself and the stages it names for cancelling and
        creating deals."""
        policy = self.pipeline.policy
        if isinstance(policy, TransitionPolicy):
            self.policy = policy
        else:
            self.faults.append(f"policy must be a TransitionPolicy, got {policy!r}")
        by_key = self.by_key
        for key in self.policy.cancellation_stages:
            if (
                self.known(key, "cancellation_stages")
                and by_key[key].outcome is not Outcome.LOST
            ):
                self.faults.append(f"cancellation stage {key!r} is not a lost stage")
        for key in self.policy.creation_stages:
            if (
                self.known(key, "creation_stages")
                and by_key[key].outcome is not Outcome.OPEN
            ):
                self.faults.append(f"creation stage {key!r} is not an open stage")
        opens = self.opens
        self.creation = tuple(self.policy.creation_stages) or (
            (opens[0].key,) if opens else ()
        )

    def known(self, key: object, where: str) -> bool:
        if key in self.by_key:
            return True
        self.faults.append(f"{where} names unknown stage {key!r}")
        return False

    def move_ok(self, move: object, where: str) -> bool:
        """Whether ``move`` is a move between two known, distinct stages
        (its unknown requirements are faults, not a reason to skip it)."""
        if not isinstance(move, Move):
            self.faults.append(f"{where}: {move!r} is not a Move")
            return False
        named = f"{where} {move.source} -> {move.target}"
        ok = self.known(move.source, named)
        ok = self.known(move.target, named) and ok
        if move.source == move.target:
            self.faults.append(f"{named} goes nowhere")
            ok = False
        registry = self.pipeline.registry
        self.faults.extend(
            f"{named}: unknown requirement {name!r}"
            for name in move.requires
            if name not in registry
        )
        return ok

    def moves(self, graph: Graph) -> tuple[Guards, Guards]:
        """Apply the policy's extra and forbidden moves to ``graph`` and
        gather the requirements of extra and guarded moves."""
        extra: Guards = {}
        for move in self.policy.extra_moves:
            if self.move_ok(move, "extra move"):
                graph[move.source][move.target] = False
                extra[(move.source, move.target)] = list(move.requires)
        for move in self.policy.forbidden_moves:
            if self.move_ok(move, "forbidden move"):
                if (move.source, move.target) in extra:
                    self.faults.append(
                        f"move {move.source} -> {move.target} is both extra and forbidden"
                    )
                graph[move.source].pop(move.target, None)
        guards: Guards = {}
        for move in self.pipeline.move_requirements:
            if self.move_ok(move, "move requirement"):
                if move.target not in graph[move.source]:
                    self.faults.append(
                        f"move requirement {move.source} -> {move.target} names a move "
                        "the policy does not allow"
                    )
                guards.setdefault((move.source, move.target), []).extend(move.requires)
        return extra, guards

    def reachability(self, graph: Graph) -> None:
        """Every stage reachable from a creation stage (not checked when the
        creation stages are wrong themselves: noise); every open stage able
        to reach a won and a lost stage without being won first.

        A reopening to the stage a deal was lost from only returns to a stage
        the deal was in: it never reaches a stage first, so it does not count
        towards reaching one."""
        by_key = self.by_key
        if all(
            k in by_key and by_key[k].outcome is Outcome.OPEN for k in self.creation
        ):
            first_visits = {
                source: {t: False for t, previous in targets.items() if not previous}
                for source, targets in graph.items()
            }
            reached = _reach(first_visits, list(self.creation))
            self.faults.extend(
                f"stage {key!r} cannot be reached from a creation stage"
                for key in by_key
                if key not in reached
            )
        open_graph = {
            key: targets if by_key[key].outcome is Outcome.OPEN else {}
            for key, targets in graph.items()
        }
        for stage in self.opens:
            ahead = _reach(open_graph, [stage.key])
            for end in (Outcome.WON, Outcome.LOST):
                if (
                    self.wons
                    and self.losts
                    and not any(by_key[k].outcome is end for k in ahead)
                ):
                    self.faults.append(
                        f"open stage {stage.key!r} cannot reach a {end.value} stage"
                    )


def _policy_graph(policy: TransitionPolicy, by_key: dict[str, Stage]) -> Graph:
    """The moves the policy's rules allow, as {source: {target:
    previous_only}} in pipeline order (``previous_only``: a reopening
    allowed only to the stage the deal was lost from)."""
    graph: Graph = {key: {} for key in by_key}
    opens, wons, losts = (
        [s for s in by_key.values() if s.outcome is outcome]
        for outcome in (Outcome.OPEN, Outcome.WON, Outcome.LOST)
    )
    cancel = [s for s in losts if s.key in policy.cancellation_stages] or losts
    lose_to = [s for s in losts if s.key not in policy.cancellation_stages]
    for i, stage in enumerate(opens):
        out = graph[stage.key]
        for j, other in enumerate(opens):
            if (j == i + 1 or (j > i and policy.skip_forward)) or (
                j < i and policy.move_backward
            ):
                out[other.key] = False
        if wons and (policy.skip_forward or i == len(opens) - 1):
            out[wons[0].key] = False
        if policy.lose_from_open:
            for lost in lose_to:
                out[lost.key] = False
    for i, stage in enumerate(wons):
        out = graph[stage.key]
        for j, other in enumerate(wons):
            if (j == i + 1 or (j > i and policy.skip_forward)) or (
                j < i and not policy.won_forward_only
            ):
                out[other.key] = False
        if policy.cancel_won:
            for lost in cancel:
                out[lost.key] = False
    for lost in lose_to:
        out = graph[lost.key]
        if policy.reopen is Reopen.PREVIOUS:
            for stage in opens:
                out[stage.key] = True
        elif policy.reopen is Reopen.FIRST and opens:
            out[opens[0].key] = False
    return graph


def _compiled_edges(
    graph: Graph,
    by_key: dict[str, Stage],
    extra: Guards,
    guards: Guards,
    registry: RequirementRegistry,
) -> dict[str, dict[str, Edge]]:
    """The edges of ``graph``, each with its requirements resolved (the
    target stage's, then the extra move's, then the guards'), in pipeline
    order for stable listings."""
    edges: dict[str, dict[str, Edge]] = {}
    for source, targets in graph.items():
        row: dict[str, Edge] = {}
        for target, previous_only in targets.items():
            names = list(by_key[target].requires)
            names += extra.get((source, target), ())
            names += guards.get((source, target), ())
            unique = tuple(dict.fromkeys(names))
            requirements = registry.resolve(unique)
            row[target] = Edge(source, by_key[target], requirements, previous_only)
        edges[source] = {k: row[k] for k in by_key if k in row}
    return edges


def _reach(graph: dict[str, dict[str, bool]], start: list[str]) -> set[str]:
    return reach(graph, start)


def _why_not(pipeline: Definition, deal: Deal, source: Stage, target: Stage) -> Refusal:
    """Why the policy refuses ``source`` → ``target`` (in words)."""
    policy = pipeline.policy
    if any(
        m == Move(source.key, target.key, m.requires) for m in policy.forbidden_moves
    ):
        return Refusal.of("forbidden", source=source.key, target=target.key)
    edge = pipeline._edges.get(source.key, {}).get(target.key)
    if edge is not None and edge.previous_only:
        return Refusal.of("reopen_previous", stage=deal.previous_stage)
    s, t = source.outcome, target.outcome
    if s is Outcome.WON and t is Outcome.OPEN:
        return Refusal.of("won_back_to_open")
    if s is Outcome.WON and t is Outcome.WON:
        return Refusal.of("won_forward_only")
    if s is Outcome.WON and t is Outcome.LOST:
        return (
            Refusal.of(
                "cancel_won_only_to",
                stage=tuple(
                    k
                    for k in pipeline._edges[source.key]
                    if pipeline._by_key[k].outcome is Outcome.LOST
                ),
            )
            if policy.cancel_won
            else Refusal.of("cancel_won_never")
        )
    if s is Outcome.LOST and t is Outcome.OPEN:
        if source.key in policy.cancellation_stages:
            return Refusal.of("cancelled_final")
        if policy.reopen is Reopen.NEVER:
            return Refusal.of("never_reopen")
        if policy.reopen is Reopen.FIRST:
            return Refusal.of("reopen_first")
    if s is Outcome.LOST:
        return Refusal.of(f"lost_to_{t.value}")
    if t is Outcome.LOST and target.key in policy.cancellation_stages:
        return Refusal.of("cancel_only_won", stage=target.key)
    if t is Outcome.WON:
        entries = [
            key
            for key, edge in pipeline._edges[source.key].items()
            if edge.stage.outcome is Outcome.WON
        ]
        if entries:
            return Refusal.of("won_by_entering", stage=tuple(entries))
        sources = [k for k, edges in pipeline._edges.items() if target.key in edges]
        return Refusal.of("enters_only_from", stage=target.key, source=tuple(sources))
    order = [s.key for s in pipeline.stages]
    if order.index(target.key) < order.index(source.key):
        return Refusal.of("no_moving_back")
    return Refusal.of("no_skipping", source=source.key, target=target.key)


def refusals(  # noqa: PLR0917
    pipeline: Definition,
    deal: Deal,
    to: object,
    at: _dt.datetime,
    by: object,
    reason: str | None,
    force: bool,
) -> list[Refusal]:
    """Every reason ``deal`` may not move to ``to`` now (empty if it may):
    a deal of another pipeline first, then the engine's checks
    (:func:`~accountcore.pipeline.engine.move_refusals`) with the pipeline's
    policy and requirements."""
    unmet: list[Refusal] = []
    if deal.pipeline_id != pipeline.id or deal.pipeline_version != pipeline.version:
        unmet.append(
            Refusal.of(
                "other_pipeline",
                pipeline=deal.pipeline_id,
                version=deal.pipeline_version,
                expected=pipeline.id,
                expected_version=pipeline.version,
            )
        )
    move = _Move(pipeline, deal, reason)
    unmet.extend(
        move_refusals(
            deal.stage,
            to,
            at=at,
            last=deal.updated_at,
            by=by,
            reason=reason,
            force=force,
            codes=PIPELINE_CODES,
            unknown=move.unknown,
            policy=move.policy,
            requirements=move.requirements,
        )
    )
    return unmet


class _Move:
    """What the engine asks the pipeline about one deal's move."""

    __slots__ = ("deal", "pipeline", "reason", "source")

    def __init__(self, pipeline: Definition, deal: Deal, reason: str | None) -> None:
        self.pipeline = pipeline
        self.deal = deal
        self.reason = reason
        self.source = pipeline._by_key.get(deal.stage)

    def unknown(self, key: object) -> Refusal | None:
        """The refusal of a stage the pipeline does not have."""
        known = isinstance(key, str) and key in self.pipeline._by_key
        return None if known else self.pipeline._unknown(key)

    def policy(self, key: str) -> Refusal | None:
        """Why the policy refuses the move to ``key`` (``None`` if allowed,
        or when the deal's stage is not the pipeline's)."""
        source, deal = self.source, self.deal
        if source is None:
            return None
        edge = self.pipeline._edges[source.key].get(key)
        if edge is None or (edge.previous_only and deal.previous_stage != key):
            return _why_not(self.pipeline, deal, source, self.pipeline._by_key[key])
        return None

    def requirements(self, key: str) -> list[Refusal]:
        """The requirements of entering ``key`` the deal does not meet."""
        if self.source is None:
            return []
        target = self.pipeline._by_key[key]
        edge = self.pipeline._edges[self.source.key].get(key)
        needed = (
            edge.requirements
            if edge is not None
            else self.pipeline.registry.resolve(target.requires)
        )
        found: list[Refusal] = []
        for requirement in needed:
            why = requirement.unmet(self.deal, target, self.reason)
            if why is not None:
                found.append(
                    why if isinstance(why, Refusal) else Refusal(requirement.name, why)
                )
        return found


def _node(key: str, index: int) -> str:
    return key if _KEY.match(key) else f"s{index}"


def mermaid(pipeline: Definition) -> str:
    """The Mermaid ``stateDiagram-v2`` text of ``pipeline``."""
    ids = {stage.key: _node(stage.key, i) for i, stage in enumerate(pipeline.stages)}
    lines = ["stateDiagram-v2"]
    for stage in pipeline.stages:
        percent = (stage.probability * 100).normalize()
        shown = f"{percent:f}"
        name = stage.name.replace('"', "'")
        lines.append(f'    state "{name} ({shown} %)" as {ids[stage.key]}')
    for key in pipeline.creation_stages:
        lines.append(f"    [*] --> {ids[key]}")
    for source, targets in pipeline._edges.items():
        for target, edge in targets.items():
            labels = [r.name for r in edge.requirements]
            if edge.previous_only:
                labels.insert(0, "reopen if lost from here")
            label = f": {', '.join(labels)}" if labels else ""
            lines.append(f"    {ids[source]} --> {ids[target]}{label}")
    for key, targets in pipeline._edges.items():
        if not targets:
            lines.append(f"    {ids[key]} --> [*]")
    return "\n".join(lines) + "\n"
