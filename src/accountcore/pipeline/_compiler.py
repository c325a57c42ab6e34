"""Validating and compiling a pipeline, explaining refusals, drawing it.

Private to :mod:`accountcore.pipeline.machine`: these run when a pipeline is built
or a move is refused, never on the happy path of a move.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from accountcore.pipeline.errors import PipelineDefinitionError
from accountcore.pipeline.refusals import Refusal
from accountcore.pipeline.requirements import Requirement
from accountcore.pipeline.stages import ForecastCategory, Outcome, Stage

if TYPE_CHECKING:
    from accountcore.pipeline.deal import Deal
    from accountcore.pipeline.machine import Pipeline, _Edge

_ONE = Decimal(1)
_ZERO = Decimal(0)

Tables = tuple[dict[str, Stage], dict[str, dict[str, "_Edge"]], tuple[str, ...]]


def _stage_faults(stages: object, registry_names: Iterable[str]) -> list[str]:
    known = set(registry_names)
    faults: list[str] = []
    if not isinstance(stages, tuple) or not stages:
        return [f"stages must be a non-empty tuple of Stage, got {stages!r}"]
    seen: set[str] = set()
    for index, stage in enumerate(stages):
        if not isinstance(stage, Stage):
            faults.append(f"stages[{index}] is not a Stage: {stage!r}")
            continue
        key = stage.key
        label = f"stage {key!r}"
        if not isinstance(key, str) or not key.strip():
            faults.append(f"stages[{index}]: key must be a non-blank text, got {key!r}")
        elif key in seen:
            faults.append(f"{label}: the key is used twice")
        else:
            seen.add(key)
        if not isinstance(stage.name, str) or not stage.name.strip():
            faults.append(f"{label}: name must be a non-blank text, got {stage.name!r}")
        outcome = stage.outcome
        if not isinstance(outcome, Outcome):
            faults.append(f"{label}: outcome must be an Outcome, got {outcome!r}")
        probability = stage.probability
        if type(probability) is not Decimal or not probability.is_finite():
            faults.append(
                f"{label}: probability must be a finite Decimal, got {probability!r}"
            )
        elif not _ZERO <= probability <= _ONE:
            faults.append(f"{label}: probability {probability} is not in [0, 1]")
        elif outcome is Outcome.WON and probability != _ONE:
            faults.append(
                f"{label}: a won stage has probability 1, got {probability!r}"
            )
        elif outcome is Outcome.LOST and probability != _ZERO:
            faults.append(
                f"{label}: a lost stage has probability 0, got {probability!r}"
            )
        category = stage.forecast_category
        if not isinstance(category, ForecastCategory):
            faults.append(
                f"{label}: forecast_category must be a ForecastCategory, got {category!r}"
            )
        elif outcome is Outcome.WON and category is not ForecastCategory.CLOSED:
            faults.append(
                f"{label}: a won stage is in forecast category closed, got {category.value}"
            )
        elif outcome is Outcome.LOST and category is not ForecastCategory.OMITTED:
            faults.append(
                f"{label}: a lost stage is in forecast category omitted, got {category.value}"
            )
        elif outcome is Outcome.OPEN and category is ForecastCategory.CLOSED:
            faults.append(
                f"{label}: an open stage cannot be in forecast category closed"
            )
        if not isinstance(stage.requires, tuple):
            faults.append(f"{label}: requires must be a tuple, got {stage.requires!r}")
        else:
            faults.extend(
                f"{label}: unknown requirement {name!r}"
                for name in stage.requires
                if name not in known
            )
    return faults


def compile_pipeline(pipeline: Pipeline) -> Tables:
    """Check ``pipeline`` (every fault at once) and build its tables."""
    from accountcore.pipeline.machine import Move, Reopen, TransitionPolicy, _Edge

    faults: list[str] = []
    if not isinstance(pipeline.id, str) or not pipeline.id.strip():
        faults.append(f"id must be a non-blank text, got {pipeline.id!r}")
    if type(pipeline.version) is not int or pipeline.version < 1:
        faults.append(f"version must be an int of 1 or more, got {pipeline.version!r}")
    registry = pipeline.registry
    faults.extend(_stage_faults(pipeline.stages, registry.names()))
    stages = (
        [s for s in pipeline.stages if isinstance(s, Stage)]
        if isinstance(pipeline.stages, tuple)
        else []
    )
    by_key: dict[str, Stage] = {}
    for stage in stages:
        if isinstance(stage.key, str):
            by_key.setdefault(stage.key, stage)
    opens = [s for s in by_key.values() if s.outcome is Outcome.OPEN]
    wons = [s for s in by_key.values() if s.outcome is Outcome.WON]
    losts = [s for s in by_key.values() if s.outcome is Outcome.LOST]
    for outcome, group in (("open", opens), ("won", wons), ("lost", losts)):
        if not group:
            faults.append(f"there is no {outcome} stage")

    policy = pipeline.policy
    if not isinstance(policy, TransitionPolicy):
        faults.append(f"policy must be a TransitionPolicy, got {policy!r}")
        policy = TransitionPolicy()

    def known(key: object, where: str) -> bool:
        if key in by_key:
            return True
        faults.append(f"{where} names unknown stage {key!r}")
        return False

    for key in policy.cancellation_stages:
        if (
            known(key, "cancellation_stages")
            and by_key[key].outcome is not Outcome.LOST
        ):
            faults.append(f"cancellation stage {key!r} is not a lost stage")
    for key in policy.creation_stages:
        if known(key, "creation_stages") and by_key[key].outcome is not Outcome.OPEN:
            faults.append(f"creation stage {key!r} is not an open stage")
    creation = tuple(policy.creation_stages) or ((opens[0].key,) if opens else ())

    def move_ok(move: object, where: str) -> bool:
        if not isinstance(move, Move):
            faults.append(f"{where}: {move!r} is not a Move")
            return False
        ok = known(move.source, f"{where} {move.source} -> {move.target}")
        ok = known(move.target, f"{where} {move.source} -> {move.target}") and ok
        if move.source == move.target:
            faults.append(f"{where} {move.source} -> {move.target} goes nowhere")
            ok = False
        for name in move.requires:
            if name not in registry:
                faults.append(
                    f"{where} {move.source} -> {move.target}: unknown requirement {name!r}"
                )
        return ok

    # The static graph, as {source: {target: previous_only}}.
    graph: dict[str, dict[str, bool]] = {key: {} for key in by_key}
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
    extra: dict[tuple[str, str], tuple[str, ...]] = {}
    for move in policy.extra_moves:
        if move_ok(move, "extra move"):
            graph[move.source][move.target] = False
            extra[(move.source, move.target)] = move.requires
    for move in policy.forbidden_moves:
        if move_ok(move, "forbidden move"):
            if (move.source, move.target) in extra:
                faults.append(
                    f"move {move.source} -> {move.target} is both extra and forbidden"
                )
            graph[move.source].pop(move.target, None)
    guards: dict[tuple[str, str], list[str]] = {}
    for move in pipeline.move_requirements:
        if move_ok(move, "move requirement"):
            if move.target not in graph[move.source]:
                faults.append(
                    f"move requirement {move.source} -> {move.target} names a move "
                    "the policy does not allow"
                )
            guards.setdefault((move.source, move.target), []).extend(move.requires)

    # Reachability: from a creation stage to every stage; from every open
    # stage to a won and a lost stage.
    # (Skipped when the creation stages are themselves wrong: noise.)
    if all(k in by_key and by_key[k].outcome is Outcome.OPEN for k in creation):
        reached = _reach(graph, list(creation))
        faults.extend(
            f"stage {key!r} cannot be reached from a creation stage"
            for key in by_key
            if key not in reached
        )
    # An open deal must be winnable and losable without being won first.
    open_graph = {
        key: targets if by_key[key].outcome is Outcome.OPEN else {}
        for key, targets in graph.items()
    }
    for stage in opens:
        ahead = _reach(open_graph, [stage.key])
        for end in (Outcome.WON, Outcome.LOST):
            if wons and losts and not any(by_key[k].outcome is end for k in ahead):
                faults.append(
                    f"open stage {stage.key!r} cannot reach a {end.value} stage"
                )
    if faults:
        raise PipelineDefinitionError(str(pipeline.id), faults)

    edges: dict[str, dict[str, _Edge]] = {}
    for source, targets in graph.items():
        row: dict[str, _Edge] = {}
        for target, previous_only in targets.items():
            names = list(by_key[target].requires)
            names += extra.get((source, target), ())
            names += guards.get((source, target), ())
            unique = tuple(dict.fromkeys(names))
            requirements: tuple[Requirement, ...] = registry.resolve(unique)
            row[target] = _Edge(source, by_key[target], requirements, previous_only)
        # pipeline order, for stable listings
        edges[source] = {k: row[k] for k in by_key if k in row}
    return by_key, edges, creation


def _reach(graph: dict[str, dict[str, bool]], start: list[str]) -> set[str]:
    seen = set(start)
    todo = list(start)
    while todo:
        for target in graph.get(todo.pop(), {}):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _why_not(pipeline: Pipeline, deal: Deal, source: Stage, target: Stage) -> Refusal:
    """Why the policy refuses ``source`` → ``target`` (in words)."""
    from accountcore.pipeline.machine import Move, Reopen

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
    pipeline: Pipeline,
    deal: Deal,
    to: object,
    at: _dt.datetime,
    by: object,
    reason: str | None,
    force: bool,
) -> list[Refusal]:
    """Every reason ``deal`` may not move to ``to`` now (empty if it may)."""
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
    source = pipeline._by_key.get(deal.stage)
    target = pipeline._by_key.get(to) if isinstance(to, str) else None
    if target is None:
        unmet.append(pipeline._unknown(to))
    elif target.key == deal.stage:
        unmet.append(Refusal.of("already_in", stage=target.key))
    elif source is not None and not force:
        edge = pipeline._edges[source.key].get(target.key)
        if edge is None or (edge.previous_only and deal.previous_stage != target.key):
            unmet.append(_why_not(pipeline, deal, source, target))
    last = deal.updated_at
    if at < last:
        unmet.append(
            Refusal.of("earlier_than_last", at=at.isoformat(), last=last.isoformat())
        )
    if not isinstance(by, str) or not by.strip():
        unmet.append(Refusal.of("by_missing", by=by))
    if force:
        if not reason or reason.isspace():
            unmet.append(Refusal.of("force_needs_reason"))
    elif target is not None and source is not None and target.key != deal.stage:
        edge = pipeline._edges[source.key].get(target.key)
        requirements = (
            edge.requirements
            if edge is not None
            else pipeline.registry.resolve(target.requires)
        )
        for requirement in requirements:
            why = requirement.unmet(deal, target, reason)
            if why is not None:
                unmet.append(
                    why if isinstance(why, Refusal) else Refusal(requirement.name, why)
                )
    return unmet


def _node(key: str, index: int) -> str:
    from accountcore.pipeline.machine import _KEY

    return key if _KEY.match(key) else f"s{index}"


def mermaid(pipeline: Pipeline) -> str:
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
