"""The complaint workflow: the second definition on the pipeline's engine.

received → acknowledged → investigating → resolved or rejected → closed,
with a :class:`ReopenPolicy`. Moves are checked by the same engine as the
sales pipeline (:func:`accountcore.pipeline.engine.move_refusals`): a
refused move raises
:class:`~accountcore.complaints.errors.ComplaintTransitionError` listing
every unmet requirement at once as :class:`~accountcore.pipeline.Refusal`\\ s
that render in six languages, and the complaint is untouched.

>>> import pendulum
>>> flow = ComplaintWorkflow.default()
>>> at = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
>>> c = flow.receive("K-1", client_id="C-1", category="delivery",
...                  severity=Severity.HIGH, description="Wet pallets", at=at, by="desk")
>>> flow.check(c, "acknowledged", at=at.add(hours=2)).unmet
('the complaint has no owner',)
>>> flow.advance(c, "resolved", at=at.subtract(hours=1), by="")
Traceback (most recent call last):
...
accountcore.complaints.errors.ComplaintTransitionError: Complaint 'K-1' cannot move from 'received' to 'resolved': a complaint moves from 'received' only to 'acknowledged'; at=2026-03-02T08:00:00+02:00 is earlier than the complaint's last change at 2026-03-02T09:00:00+02:00; by must name who moves the complaint, got ''; a resolution is required to move to 'resolved'.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

import attrs

from accountcore.complaints.complaint import (
    Complaint,
    ComplaintStatus,
    Resolution,
    Severity,
    StatusChange,
)
from accountcore.complaints.errors import ComplaintTransitionError
from accountcore.complaints.messages import status_label
from accountcore.errors import DefinitionError, check_type
from accountcore.periods import require_aware
from accountcore.pipeline.engine import CommonCodes, RefusalCodes, move_refusals, reach
from accountcore.pipeline.policy import Move
from accountcore.pipeline.refusals import Refusal, Verdict

__all__ = [
    "COMPLAINT_REQUIREMENTS",
    "ComplaintRequirement",
    "HasOwner",
    "HasResolution",
    "ReasonGiven",
    "ReopenPolicy",
    "ComplaintWorkflow",
]

_CODES = RefusalCodes(
    "complaints.refusal",
    {
        "complaint_unknown_status": "unknown status {stage!r} (the statuses are {stages})",
        "complaint_already_in": "the complaint is already {stage!r}",
        "complaint_earlier_than_last": (
            "at={at} is earlier than the complaint's last change at {last}"
        ),
        "complaint_by_missing": "by must name who moves the complaint, got {by!r}",
        "complaint_force_needs_reason": "force=True needs a reason",
        "complaint_move_not_allowed": (
            "a complaint moves from {source!r} only to {target:or}"
        ),
        "complaint_final": "no move leaves {stage!r}",
        "complaint_reopen_expired": "the complaint could be reopened until {until}",
        "complaint_owner_missing": "the complaint has no owner",
        "complaint_resolution_missing": "a resolution is required to move to {stage!r}",
        "complaint_reason_required": "a reason is required to move to {stage!r}",
    },
    label=status_label,
    untranslated=frozenset({"complaint_by_missing", "complaint_earlier_than_last"}),
)
_CODES.register()

_COMMON = CommonCodes(
    "complaint_already_in",
    "complaint_earlier_than_last",
    "complaint_by_missing",
    "complaint_force_needs_reason",
)

_NEW = "(new complaint)"


@runtime_checkable
class ComplaintRequirement(Protocol):
    """What the workflow asks of a complaint before a move: ``unmet``
    returns ``None`` when met, else a :class:`~accountcore.pipeline.Refusal`
    (or a short text shown as it is in every language).

    >>> isinstance(HasOwner(), ComplaintRequirement)
    True
    """

    @property
    def name(self) -> str:
        """The registered name, as moves spell it."""
        ...

    def unmet(
        self, complaint: Complaint, target: str, reason: str | None
    ) -> str | Refusal | None:
        """``None`` if ``complaint`` may enter ``target`` (moved with ``reason``)."""
        ...


@attrs.frozen
class HasOwner:
    """The complaint has an owner (an account manager answers for it).

    >>> HasOwner().name
    'has_owner'
    """

    name: str = "has_owner"

    def unmet(
        self, complaint: Complaint, target: str, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when an owner is set."""
        if complaint.owner and not complaint.owner.isspace():
            return None
        return Refusal.of("complaint_owner_missing")


@attrs.frozen
class HasResolution:
    """The complaint records how it is settled (a :class:`Resolution`).

    >>> HasResolution().name
    'has_resolution'
    """

    name: str = "has_resolution"

    def unmet(
        self, complaint: Complaint, target: str, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when a resolution is recorded."""
        if complaint.resolution is not None:
            return None
        return Refusal.of("complaint_resolution_missing", stage=target)


@attrs.frozen
class ReasonGiven:
    """The move gives a (non-blank) reason, as rejecting and reopening must.

    >>> ReasonGiven().name
    'reason_given'
    """

    name: str = "reason_given"

    def unmet(
        self, complaint: Complaint, target: str, reason: str | None
    ) -> str | Refusal | None:
        """``None`` when ``reason`` is a non-blank text."""
        if reason and not reason.isspace():
            return None
        return Refusal.of("complaint_reason_required", stage=target)


COMPLAINT_REQUIREMENTS: Mapping[str, ComplaintRequirement] = {
    r.name: r for r in (HasOwner(), HasResolution(), ReasonGiven())
}
"""The built-in complaint requirements by name; pass your own mapping (these
plus yours) to :class:`ComplaintWorkflow` as ``registry``."""


@attrs.frozen(kw_only=True)
class ReopenPolicy:
    """Which decided complaints may be reopened, to which status, for how
    long after the decision (``None``: any time), always with a reason.

    >>> ReopenPolicy.never().reopen_from
    ()
    >>> ReopenPolicy().within
    datetime.timedelta(days=30)
    """

    reopen_from: tuple[str, ...] = ("resolved", "rejected", "closed")
    to: str = "investigating"
    within: _dt.timedelta | None = _dt.timedelta(days=30)

    @classmethod
    def never(cls) -> ReopenPolicy:
        """A policy that never reopens a complaint.

        >>> ReopenPolicy.never().within
        datetime.timedelta(days=30)
        """
        return cls(reopen_from=())


def _default_moves() -> tuple[Move, ...]:
    return (
        Move("received", "acknowledged", ("has_owner",)),
        Move("acknowledged", "investigating"),
        Move("investigating", "resolved", ("has_resolution",)),
        Move("investigating", "rejected", ("reason_given",)),
        Move("resolved", "closed"),
        Move("rejected", "closed"),
    )


@attrs.frozen
class ComplaintWorkflow:
    """A complaint workflow, validated and compiled when built: its
    statuses (the first is where complaints are received), its moves with
    the requirements they name, its reopen policy. Building raises a
    :class:`~accountcore.errors.DefinitionError` listing every fault.

    >>> ComplaintWorkflow(("received", "closed"), (Move("received", "shelved", ("signed",)),),
    ...                   ReopenPolicy.never())
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: Complaint workflow 'complaints' is invalid (3 faults):
      - move received -> shelved names unknown status 'shelved'
      - move received -> shelved: unknown requirement 'signed'
      - status 'closed' cannot be reached from 'received'
    """

    statuses: tuple[str, ...] = tuple(s.value for s in ComplaintStatus)
    moves: tuple[Move, ...] = attrs.field(factory=_default_moves)
    reopen: ReopenPolicy = attrs.field(factory=ReopenPolicy)
    id: str = attrs.field(default="complaints", kw_only=True)
    version: int = attrs.field(default=1, kw_only=True)
    registry: Mapping[str, ComplaintRequirement] = attrs.field(
        default=COMPLAINT_REQUIREMENTS, kw_only=True, eq=False, repr=False
    )
    _edges: dict[str, dict[str, tuple[ComplaintRequirement, ...]]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_edges", _compile(self))

    @classmethod
    def default(cls) -> ComplaintWorkflow:
        """received → acknowledged (with an owner) → investigating →
        resolved (with a resolution) or rejected (with a reason) → closed;
        reopened to investigating within 30 days of the decision.

        >>> ComplaintWorkflow.default().targets("investigating")
        ('resolved', 'rejected')
        """
        return _DEFAULT

    def targets(self, status: str) -> tuple[str, ...]:
        """The statuses the workflow allows from ``status``, reopening included.

        >>> ComplaintWorkflow.default().targets("closed")
        ('investigating',)
        """
        return tuple(self._edges.get(status, {}))

    # --- receiving and moving complaints ----------------------------------------

    def receive(
        self,
        id: str,
        *,
        client_id: str,
        category: str,
        severity: Severity,
        description: str,
        at: _dt.datetime,
        by: str,
        owner: str | None = None,
        deal_id: str | None = None,
        contract_id: str | None = None,
    ) -> Complaint:
        """A new complaint in the first status, received at ``at``; every
        bad field is refused at once.

        >>> import pendulum
        >>> ComplaintWorkflow.default().receive(
        ...     "K-9", client_id=" ", category="delivery", severity="high",
        ...     description="late", at=pendulum.datetime(2026, 3, 2, tz="UTC"), by="desk")
        Traceback (most recent call last):
        ...
        accountcore.complaints.errors.ComplaintTransitionError: Complaint 'K-9' cannot move from '(new complaint)' to 'received': client_id must be a non-blank text, got ' '; severity must be a Severity, got 'high'.
        """
        moment = require_aware(at, "at")
        first = self.statuses[0]
        unmet: list[str] = [
            f"{name} must be a non-blank text, got {value!r}"
            for name, value in (
                ("id", id),
                ("client_id", client_id),
                ("category", category),
                ("description", description),
                ("by", by),
            )
            if not isinstance(value, str) or not value.strip()
        ]
        if not isinstance(severity, Severity):
            unmet.append(f"severity must be a Severity, got {severity!r}")
        unmet.extend(
            f"{name} must be a non-blank text or None, got {value!r}"
            for name, value in (
                ("owner", owner),
                ("deal_id", deal_id),
                ("contract_id", contract_id),
            )
            if value is not None and (not isinstance(value, str) or not value.strip())
        )
        if unmet:
            raise ComplaintTransitionError(str(id), _NEW, first, unmet)
        return Complaint(
            id=id,
            client_id=client_id,
            category=category,
            severity=severity,
            received_at=moment,
            description=description,
            owner=owner,
            status=first,
            history=(StatusChange(moment, by, None, first),),
            deal_id=deal_id,
            contract_id=contract_id,
            workflow_id=self.id,
        )

    def advance(
        self,
        complaint: Complaint,
        to: str,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
        force: bool = False,
    ) -> Complaint:
        """The complaint moved to ``to`` at ``at`` by ``by``, the change
        appended to its history; or a
        :class:`~accountcore.complaints.errors.ComplaintTransitionError`
        naming every reason (the complaint is untouched). ``force=True``
        skips the moves and requirements (not time, nor the author) and
        needs a ``reason``; the change is recorded as forced.

        >>> import pendulum
        >>> flow = ComplaintWorkflow.default()
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> c = flow.receive("K-5", client_id="C-1", category="billing", owner="anna",
        ...                  severity=Severity.LOW, description="-", at=at, by="desk")
        >>> flow.advance(c, "acknowledged", at=at.add(hours=1), by="anna").history[-1].source
        'received'
        """
        check_type("complaint", complaint, Complaint)
        moment = require_aware(at, "at")
        unmet = self._refusals(complaint, to, moment, by, reason, force)
        if unmet:
            raise ComplaintTransitionError(complaint.id, complaint.status, to, unmet)
        change = StatusChange(moment, by, complaint.status, to, reason, force)
        return attrs.evolve(complaint, status=to, history=(*complaint.history, change))

    def resolve(
        self,
        complaint: Complaint,
        resolution: Resolution,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Complaint:
        """The complaint settled by ``resolution`` and moved to ``resolved``
        (both or neither).

        >>> import pendulum
        >>> from accountcore.complaints import ResolutionKind
        >>> flow = ComplaintWorkflow.default()
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> c = flow.receive("K-2", client_id="C-1", category="billing", owner="anna",
        ...                  severity=Severity.LOW, description="-", at=at, by="desk")
        >>> flow.resolve(c, Resolution(ResolutionKind.EXPLANATION), at=at, by="anna")
        Traceback (most recent call last):
        ...
        accountcore.complaints.errors.ComplaintTransitionError: Complaint 'K-2' cannot move from 'received' to 'resolved': a complaint moves from 'received' only to 'acknowledged'.
        """
        check_type("complaint", complaint, Complaint)
        check_type("resolution", resolution, Resolution)
        settled = attrs.evolve(complaint, resolution=resolution)
        return self.advance(settled, "resolved", at=at, by=by, reason=reason)

    def check(self, complaint: Complaint, to: str, *, at: _dt.datetime) -> Verdict:
        """The verdict :meth:`advance` would reach (no reason, no force).

        >>> import pendulum
        >>> flow = ComplaintWorkflow.default()
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> c = flow.receive("K-3", client_id="C-1", category="billing", owner="anna",
        ...                  severity=Severity.LOW, description="-", at=at, by="desk")
        >>> bool(flow.check(c, "acknowledged", at=at))
        True
        """
        check_type("complaint", complaint, Complaint)
        moment = require_aware(at, "at")
        return Verdict.of(
            complaint.status,
            to,
            self._refusals(complaint, to, moment, "-", None, False),
        )

    def allowed_targets(
        self, complaint: Complaint, *, at: _dt.datetime
    ) -> tuple[str, ...]:
        """The statuses ``complaint`` may move to now (no reason given).

        >>> import pendulum
        >>> flow = ComplaintWorkflow.default()
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> c = flow.receive("K-4", client_id="C-1", category="billing",
        ...                  severity=Severity.LOW, description="-", at=at, by="desk")
        >>> flow.allowed_targets(c, at=at)
        ()
        """
        return tuple(
            key
            for key in self.statuses
            if key != complaint.status and self.check(complaint, key, at=at)
        )

    # --- internals ---------------------------------------------------------------

    def _refusals(  # noqa: PLR0917
        self,
        complaint: Complaint,
        to: object,
        at: _dt.datetime,
        by: object,
        reason: str | None,
        force: bool,
    ) -> list[Refusal]:
        edges = self._edges.get(complaint.status, {})

        def unknown(key: object) -> Refusal | None:
            if isinstance(key, str) and key in self._edges:
                return None
            return Refusal.of(
                "complaint_unknown_status", stage=key, stages=", ".join(self.statuses)
            )

        def policy(key: str) -> Refusal | None:
            if key in edges:
                return self._expired(complaint, key, at)
            if not edges:
                return Refusal.of("complaint_final", stage=complaint.status)
            return Refusal.of(
                "complaint_move_not_allowed",
                source=complaint.status,
                target=tuple(edges),
            )

        def requirements(key: str) -> list[Refusal]:
            needed = edges.get(key)
            if needed is None:  # refused by the moves: what entering asks anyway
                needed = _entering(self._edges, key)
            found: list[Refusal] = []
            for requirement in needed:
                why = requirement.unmet(complaint, key, reason)
                if why is not None:
                    found.append(
                        why
                        if isinstance(why, Refusal)
                        else Refusal(requirement.name, why)
                    )
            return found

        return move_refusals(
            complaint.status,
            to,
            at=at,
            last=complaint.updated_at,
            by=by,
            reason=reason,
            force=force,
            codes=_COMMON,
            unknown=unknown,
            policy=policy,
            requirements=requirements,
        )

    def _expired(
        self, complaint: Complaint, key: str, at: _dt.datetime
    ) -> Refusal | None:
        """The refusal of a reopening past the policy's window, if it is one."""
        reopen = self.reopen
        if (
            key != reopen.to
            or complaint.status not in reopen.reopen_from
            or reopen.within is None
        ):
            return None
        decided = complaint.decided_at or complaint.updated_at
        until = decided + reopen.within
        if at <= until:
            return None
        return Refusal.of("complaint_reopen_expired", until=until.isoformat())


def _entering(
    edges: Mapping[str, Mapping[str, tuple[ComplaintRequirement, ...]]], key: str
) -> tuple[ComplaintRequirement, ...]:
    """The requirements of every move into ``key``, each once."""
    found: dict[str, ComplaintRequirement] = {}
    for targets in edges.values():
        for requirement in targets.get(key, ()):
            found.setdefault(requirement.name, requirement)
    return tuple(found.values())


def _compile(
    flow: ComplaintWorkflow,
) -> dict[str, dict[str, tuple[ComplaintRequirement, ...]]]:
    """Check ``flow`` (every fault at once) and build its edges: the moves
    and the reopenings (which need a reason), by source and target."""
    faults: list[str] = []
    statuses = flow.statuses
    if not isinstance(statuses, tuple) or not statuses:
        raise DefinitionError(
            f"Complaint workflow {flow.id!r}",
            [f"statuses must be a non-empty tuple, got {statuses!r}"],
        )
    names: dict[str, list[str]] = {}
    for key in statuses:
        if not isinstance(key, str) or not key.strip():
            faults.append(f"status {key!r} must be a non-blank text")
        elif key in names:
            faults.append(f"status {key!r} is listed twice")
        else:
            names[key] = []
    graph: dict[str, dict[str, list[str]]] = {key: {} for key in names}
    reopen = flow.reopen
    moves = list(flow.moves)
    moves += [Move(s, reopen.to, ("reason_given",)) for s in reopen.reopen_from]
    for move in moves:
        faults.extend(_move_faults(move, names, flow.registry))
        if move.source in graph and move.target in names:
            graph[move.source].setdefault(move.target, []).extend(move.requires)
    if reopen.within is not None and reopen.within <= _dt.timedelta(0):
        faults.append(f"reopen within must be positive or None, got {reopen.within!r}")
    if names:
        first = statuses[0]
        reached = reach(graph, [first])
        faults.extend(
            f"status {key!r} cannot be reached from {first!r}"
            for key in names
            if key not in reached
        )
    if faults:
        raise DefinitionError(f"Complaint workflow {flow.id!r}", faults)
    return {
        source: {
            target: tuple(flow.registry[n] for n in dict.fromkeys(required))
            for target, required in targets.items()
        }
        for source, targets in graph.items()
    }


def _move_faults(
    move: object, names: Mapping[str, object], registry: Mapping[str, object]
) -> Iterable[str]:
    if not isinstance(move, Move):
        yield f"{move!r} is not a Move"
        return
    label = f"move {move.source} -> {move.target}"
    for key in (move.source, move.target):
        if key not in names:
            yield f"{label} names unknown status {key!r}"
    for name in move.requires:
        if name not in registry:
            yield f"{label}: unknown requirement {name!r}"


_DEFAULT = ComplaintWorkflow()
