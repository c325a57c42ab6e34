"""The pipeline: the account manager's work cycle as a checked state machine.

A :class:`Pipeline` is an immutable definition shared by every deal: its
stages, a declarative :class:`TransitionPolicy` and requirements named in a
:class:`~accountcore.pipeline.requirements.RequirementRegistry`. It is validated and
compiled into lookup tables once, when built; a deal (:class:`Deal`) is plain
frozen data that the pipeline moves.

>>> import pendulum, datetime
>>> from accountcore.money import Money
>>> sales = Pipeline.default()
>>> t0 = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
>>> deal = sales.new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna")
>>> deal = sales.advance(deal, "needs", at=t0.add(days=3), by="anna")
>>> deal.stage, deal.probability
('needs', Decimal('0.30'))
>>> sales.check(deal, "contract_signed", at=t0.add(days=4)).unmet
('amount is missing', 'amount must be positive, but it is missing', 'contact is missing')
>>> sales.advance(deal, "appointment", at=t0.add(days=1), by="anna")
Traceback (most recent call last):
...
accountcore.pipeline.errors.TransitionError: Deal 'D-1' cannot move from 'needs' to 'appointment': at=2026-03-03T09:00:00+02:00 is earlier than the deal's last change at 2026-03-05T09:00:00+02:00.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

import attrs

from accountcore import _html
from accountcore._fast import builder
from accountcore.clients import DealContact
from accountcore.errors import check_choice, check_items, check_type
from accountcore.i18n import format_percent
from accountcore.money import Money
from accountcore.periods import require_aware
from accountcore.pipeline._compiler import (
    Edge,
    compile_pipeline,
    mark_of,
    mermaid,
    refusals,
)
from accountcore.pipeline.deal import (
    Deal,
    _deal_contacts,
    _sole_owner,
    closed_at_after,
)
from accountcore.pipeline.deal_types import DealType
from accountcore.pipeline.errors import (
    DealChangeError,
    TransitionError,
    UnknownStageError,
)
from accountcore.pipeline.history import PipelineChange, StageChange, _StageMark
from accountcore.pipeline.policy import Move, TransitionPolicy
from accountcore.pipeline.refusals import Refusal, Verdict
from accountcore.pipeline.requirements import (
    REQUIREMENTS,
    Requirement,
    RequirementRegistry,
)
from accountcore.pipeline.stages import ForecastCategory, Outcome, Stage

__all__ = [
    "Pipeline",
    "migrate",
]

_NEW = "(new deal)"


@attrs.frozen
class Pipeline:
    """A pipeline definition, validated and compiled when built.

    Building raises :class:`~accountcore.pipeline.errors.PipelineDefinitionError`
    listing every fault at once. Pipelines compare by value (``registry``
    aside); deals record the ``id`` and ``version`` they were moved by.

    >>> from decimal import Decimal as d
    >>> Pipeline("tiny", "Tiny", (
    ...     Stage("open", "Open", d("0.5"), Outcome.OPEN, ForecastCategory.PIPELINE),
    ...     Stage("won", "Won", d("0.9"), Outcome.WON, ForecastCategory.COMMIT),
    ... ))
    Traceback (most recent call last):
    ...
    accountcore.pipeline.errors.PipelineDefinitionError: Pipeline 'tiny' is invalid (3 faults):
      - stage 'won': a won stage has probability 1, got Decimal('0.9')
      - stage 'won': a won stage is in forecast category closed, got commit
      - there is no lost stage
    """

    id: str
    name: str
    stages: tuple[Stage, ...]
    policy: TransitionPolicy = attrs.field(factory=TransitionPolicy, kw_only=True)
    move_requirements: tuple[Move, ...] = attrs.field(default=(), kw_only=True)
    version: int = attrs.field(default=1, kw_only=True)
    registry: RequirementRegistry = attrs.field(
        default=REQUIREMENTS, kw_only=True, eq=False, repr=False
    )
    _by_key: dict[str, Stage] = attrs.field(init=False, eq=False, repr=False)
    _edges: dict[str, dict[str, Edge]] = attrs.field(init=False, eq=False, repr=False)
    _creation: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_key, edges, creation = compile_pipeline(self)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_edges", edges)
        object.__setattr__(self, "_creation", creation)

    # --- the default work cycle ------------------------------------------------

    @classmethod
    def default(cls) -> Pipeline:
        """The account manager's work cycle (see ``docs/pipeline.md``).

        >>> [s.key for s in Pipeline.default().stages]  # doctest: +NORMALIZE_WHITESPACE
        ['appointment', 'preparation', 'contact', 'needs', 'presentation', 'objections',
         'negotiation', 'contract_signed', 'fulfilment', 'completed', 'lost', 'cancelled']
        """
        return _DEFAULT

    # --- reading ------------------------------------------------------------------

    def stage(self, key: str) -> Stage:
        """The stage with ``key``.

        >>> Pipeline.default().stage("needs").probability
        Decimal('0.30')
        """
        try:
            return self._by_key[key]
        except (KeyError, TypeError):
            raise UnknownStageError(self.id, key, self._by_key) from None

    @property
    def creation_stages(self) -> tuple[str, ...]:
        """Where new deals may start.

        >>> Pipeline.default().creation_stages
        ('appointment', 'preparation', 'contact')
        """
        return self._creation

    def moves(self) -> tuple[Move, ...]:
        """Every move the compiled pipeline allows (reopening to the previous
        stage appears as a move to every open stage), with requirements.

        >>> [m for m in Pipeline.default().moves() if m.target == "contract_signed"][0]
        Move(source='appointment', target='contract_signed', requires=('has_amount', 'amount_positive', 'has_contact', 'splits_sum_to_one'))
        """
        return tuple(
            Move(source, target, tuple(r.name for r in edge.requirements))
            for source, edges in self._edges.items()
            for target, edge in edges.items()
        )

    # --- creating and moving deals ----------------------------------------------

    def new_deal(
        self,
        id: str,
        *,
        client_id: str,
        owner: str,
        at: _dt.datetime,
        by: str,
        stage: str | None = None,
        amount: Money | None = None,
        expected_close: _dt.date | None = None,
        contact: str | None = None,
        reason: str | None = None,
        deal_type: DealType | str = DealType.NEW_BUSINESS,
        lead_source: str | None = None,
        contacts: Iterable[DealContact] = (),
    ) -> Deal:
        """A new deal in a creation stage (the first one by default), with
        the target stage's requirements checked; new business unless
        ``deal_type`` says otherwise, from ``lead_source`` where known.
        ``contacts`` are the client's contact persons in their roles;
        ``contact`` (a name, in the role ``other``) is the older shorthand,
        kept for one release.

        >>> import pendulum
        >>> p = Pipeline.default()
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> p.new_deal("D-2", client_id="C-1", owner="anna", at=at, by="anna", stage="needs")
        Traceback (most recent call last):
        ...
        accountcore.pipeline.errors.TransitionError: Deal 'D-2' cannot move from '(new deal)' to 'needs': a deal is created in 'appointment', 'preparation' or 'contact', not in 'needs'.
        """
        moment = require_aware(at, "at")
        key = self._creation[0] if stage is None else stage
        target = self._by_key.get(key) if isinstance(key, str) else None
        unmet = self._creation_refusals(key, target, id, client_id, owner, by, amount)
        if unmet or target is None:
            raise TransitionError(str(id), _NEW, key, unmet)
        change = StageChange(
            moment,
            by,
            None,
            target.key,
            target.outcome,
            target.probability,
            target.forecast_category,
            reason,
        )
        deal = Deal(
            id=id,
            client_id=client_id,
            owner=owner,
            stage=target.key,
            outcome=target.outcome,
            stage_probability=target.probability,
            stage_forecast=target.forecast_category,
            pipeline_id=self.id,
            pipeline_version=self.version,
            created_at=moment,
            history=(change,),
            amount=amount,
            expected_close=expected_close,
            contacts=_contacts(id, contact, contacts),
            splits=_sole_owner(owner),
            deal_type=check_choice("deal_type", deal_type, DealType),
            lead_source=_lead_source(id, lead_source),
        )
        missing = _unmet(self.registry.resolve(target.requires), deal, target, reason)
        if missing:
            raise TransitionError(id, _NEW, key, missing)
        return deal

    def _creation_refusals(  # noqa: PLR0917
        self,
        key: object,
        target: Stage | None,
        id: object,
        client_id: object,
        owner: object,
        by: object,
        amount: object,
    ) -> list[str | Refusal]:
        """Why a deal may not be created in ``key`` with these fields
        (before its requirements are checked)."""
        unmet: list[str | Refusal] = []
        if target is None:
            unmet.append(self._unknown(key))
        elif key not in self._creation:
            unmet.append(f"a deal is created in {_or(self._creation)}, not in {key!r}")
        for name, value in (
            ("id", id),
            ("client_id", client_id),
            ("owner", owner),
            ("by", by),
        ):
            if not isinstance(value, str) or not value.strip():
                unmet.append(f"{name} must be a non-blank text, got {value!r}")
        if amount is not None and not isinstance(amount, Money):
            unmet.append(f"amount must be Money or None, got {amount!r}")
        return unmet

    def advance(
        self,
        deal: Deal,
        to: str,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
        force: bool = False,
    ) -> Deal:
        """The deal moved to stage ``to`` at ``at`` by ``by``, with the
        change appended to its history; or
        :class:`~accountcore.pipeline.errors.TransitionError` naming the deal, the
        stages and every reason the move is refused (the deal is untouched).

        ``force=True`` skips the policy and the requirements (not the
        pipeline, the stage's existence nor time) and needs a ``reason``; the
        change is recorded as forced.

        >>> import pendulum
        >>> p = Pipeline.default()
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = p.new_deal("D-3", client_id="C-1", owner="anna", at=at, by="anna")
        >>> d = p.advance(d, "contract_signed", at=at, by="boss", force=True,
        ...               reason="signed at the fair")
        >>> d.stage, d.history[-1].forced, d.closed_at == at
        ('contract_signed', True, True)
        """
        last = check_type("deal", deal, Deal).history.last_at
        if last is None:
            last = deal.created_at
        if to.__class__ is not str:
            check_type("to", to, str, "a stage key (a str)")
        if at.__class__ is not last.__class__ or at.tzinfo is not last.tzinfo:
            # A moment with the very tzinfo object of a moment this deal
            # already accepted is aware too; anything else is checked.
            at = require_aware(at, "at")
        if (
            not force
            and by.__class__ is str
            and by
            and not by.isspace()
            and deal.pipeline_id == self.id
            and deal.pipeline_version == self.version
        ):
            edges = self._edges.get(deal.stage)
            edge = edges.get(to) if edges is not None else None
            if edge is not None and at >= last:
                stage = edge.stage
                for requirement in edge.requirements:
                    if requirement.unmet(deal, stage, reason) is not None:
                        break
                else:
                    if not edge.previous_only or deal.previous_stage == to:
                        return _moved(deal, stage, edge.mark, at, by, reason, False)
        unmet = self._refusals(deal, to, at, by, reason, force)
        if unmet:
            raise TransitionError(deal.id, deal.stage, to, unmet)
        stage = self._by_key[to]
        return _moved(deal, stage, mark_of(deal.stage, stage), at, by, reason, force)

    def check(self, deal: Deal, to: str, *, at: _dt.datetime) -> Verdict:
        """The verdict :meth:`advance` would reach (without a reason and
        without force), as a value.

        >>> import pendulum
        >>> p = Pipeline.default()
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = p.new_deal("D-4", client_id="C-1", owner="anna", at=at, by="anna")
        >>> p.check(d, "lost", at=at)
        Verdict(current='appointment', target='lost', unmet=("a reason is required to move to 'lost'",))
        """
        last = check_type("deal", deal, Deal).history.last_at
        if last is None:
            last = deal.created_at
        if to.__class__ is not str:
            check_type("to", to, str, "a stage key (a str)")
        if at.__class__ is not last.__class__ or at.tzinfo is not last.tzinfo:
            at = require_aware(at, "at")  # see advance()
        if deal.pipeline_id == self.id and deal.pipeline_version == self.version:
            edges = self._edges.get(deal.stage)
            edge = edges.get(to) if edges is not None else None
            if edge is not None and at >= last:
                stage = edge.stage
                for requirement in edge.requirements:
                    if requirement.unmet(deal, stage, None) is not None:
                        break
                else:
                    if not edge.previous_only or deal.previous_stage == to:
                        return edge.verdict
        return Verdict.of(
            deal.stage, to, self._refusals(deal, to, at, "-", None, False)
        )

    def allowed_targets(self, deal: Deal, *, at: _dt.datetime) -> tuple[str, ...]:
        """The stages ``deal`` may move to now (no reason given), in
        pipeline order.

        >>> import pendulum
        >>> p = Pipeline.default()
        >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = p.new_deal("D-5", client_id="C-1", owner="anna", at=at, by="anna")
        >>> p.allowed_targets(d, at=at)
        ('preparation', 'contact', 'needs')
        """
        return tuple(
            stage.key
            for stage in self.stages
            if stage.key != deal.stage and self.check(deal, stage.key, at=at)
        )

    def to_mermaid(self) -> str:
        """The pipeline as a Mermaid state diagram (text).

        >>> print(Pipeline.default().to_mermaid().splitlines()[0:3])
        ['stateDiagram-v2', '    state "Appointment (5 %)" as appointment', '    state "Preparation (10 %)" as preparation']
        """
        return mermaid(self)

    def __repr__(self) -> str:
        """Short: the id, the version and how many stages.

        >>> Pipeline.default()
        <Pipeline 'default' v1: 12 stages>
        """
        return f"<Pipeline {self.id!r} v{self.version}: {len(self.stages)} stages>"

    def to_markdown(self) -> str:
        """The Mermaid diagram (:meth:`to_mermaid`) in a fenced ``mermaid``
        block: Markdown that Jupyter and GitHub draw as a diagram.

        >>> Pipeline.default().to_markdown().splitlines()[0]
        '```mermaid'
        """
        return f"```mermaid\n{self.to_mermaid()}```\n"

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def to_html(self, locale: str = "en_US") -> str:
        """The stages as an HTML table for ``locale`` (key, name,
        probability, outcome, forecast category), every text escaped: what
        a notebook front end shows when it does not draw Mermaid.

        >>> "<td" in Pipeline.default().to_html("et_EE")
        True
        """
        keys = ("stage", "name", "probability", "outcome", "forecast_category")
        rows = [
            (
                stage.key,
                stage.name,
                format_percent(stage.probability, locale, digits=0),
                stage.outcome.value,
                stage.forecast_category.value,
            )
            for stage in self.stages
        ]
        table = _html.table(
            [_html.label(k, locale) for k in keys],
            rows,
            right=(False, False, True, False, False),
        )
        return _html.block(f"{self.name} ({self.id} v{self.version})", (), table)

    def _repr_html_(self) -> str:
        return self.to_html("en_US")

    # --- internals ---------------------------------------------------------------

    def _unknown(self, key: object) -> Refusal:
        return Refusal.of("unknown_stage", stage=key, stages=", ".join(self._by_key))

    def _refusals(  # noqa: PLR0917
        self,
        deal: Deal,
        to: object,
        at: _dt.datetime,
        by: object,
        reason: str | None,
        force: bool,
    ) -> list[Refusal]:
        return refusals(self, deal, to, at, by, reason, force)


def _lead_source(deal_id: str, value: object) -> str | None:
    """``value`` if it is a non-blank text or None, else a
    :class:`DealChangeError` naming it."""
    if value is None or (isinstance(value, str) and value.strip()):
        return value
    raise DealChangeError(
        str(deal_id), "lead source", value, "a lead source is a non-blank text or None"
    )


def _unmet(
    requirements: Iterable[Requirement], deal: Deal, stage: Stage, reason: str | None
) -> list[Refusal]:
    """The refusals of the ``requirements`` ``deal`` does not meet to
    enter ``stage``."""
    return [
        why if isinstance(why, Refusal) else Refusal(requirement.name, why)
        for requirement in requirements
        if (why := requirement.unmet(deal, stage, reason)) is not None
    ]


def _or(keys: Iterable[str]) -> str:
    shown = [repr(k) for k in keys]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


_deal: Callable[..., Deal] = builder(Deal)


def _contacts(
    id: str, contact: str | None, contacts: Iterable[DealContact]
) -> tuple[DealContact, ...]:
    """A new deal's contact roles: ``contacts``, or the one ``contact``
    name of the shorthand (not both)."""
    roles = check_items("contacts", contacts, DealContact)
    if contact is not None and roles:
        raise DealChangeError(
            id, "contact", contact, "give contacts or the contact shorthand, not both"
        )
    return _deal_contacts(contact if contact is not None else roles)


def _moved(  # noqa: PLR0917 (positional on the hot path)
    deal: Deal,
    stage: Stage,
    mark: _StageMark,
    at: _dt.datetime,
    by: str,
    reason: str | None,
    forced: bool,
) -> Deal:
    """``deal`` moved to ``stage`` (already checked): a fast copy built
    around attrs' ``__init__`` (every value comes from a checked deal or a
    compiled stage) instead of going through ``attrs.evolve``. A stage
    change clears the manual probability and forecast overrides."""
    return _deal(
        deal.id,
        deal.client_id,
        deal.owner,
        stage.key,
        stage.outcome,
        stage.probability,
        stage.forecast_category,
        deal.pipeline_id,
        deal.pipeline_version,
        deal.created_at,
        deal.history._move(mark, at, by, reason, forced),
        deal.amount,
        deal.expected_close,
        deal.contacts,
        deal.splits,
        closed_at_after(deal.outcome, stage.outcome, deal.closed_at, at),
        None,  # probability_override
        deal.probability_automated,
        None,  # forecast_override
        deal.deal_type,
        deal.lead_source,
    )


def migrate(
    deal: Deal,
    to_pipeline: Pipeline,
    mapping: Mapping[str, str],
    *,
    at: _dt.datetime,
    by: str,
    reason: str | None = None,
) -> Deal:
    """Move ``deal`` to another pipeline (or a new version of its own),
    mapping its stage by key (an unmapped stage keeps its key). The outcome
    must not change; the change is recorded as a
    :class:`~accountcore.pipeline.deal.PipelineChange`.

    >>> import attrs, pendulum
    >>> v1 = Pipeline.default()
    >>> v2 = attrs.evolve(v1, version=2)
    >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
    >>> d = v1.new_deal("D-6", client_id="C-1", owner="anna", at=at, by="anna")
    >>> d = migrate(d, v2, {}, at=at, by="ops")
    >>> d.pipeline_version, d.history[-1].to_version
    (2, 2)
    """
    moment = require_aware(at, "at")
    key = mapping.get(deal.stage, deal.stage)
    label = f"{to_pipeline.id} v{to_pipeline.version}: {key}"
    target = to_pipeline._by_key.get(key) if isinstance(key, str) else None
    unmet = _migration_refusals(deal, to_pipeline, key, target, moment, by)
    if unmet or target is None:
        raise TransitionError(deal.id, deal.stage, label, unmet)
    change = PipelineChange(
        moment,
        by,
        deal.pipeline_id,
        deal.pipeline_version,
        to_pipeline.id,
        to_pipeline.version,
        deal.stage,
        target.key,
        target.outcome,
        target.probability,
        target.forecast_category,
        reason,
    )
    return attrs.evolve(
        deal,
        pipeline_id=to_pipeline.id,
        pipeline_version=to_pipeline.version,
        stage=target.key,
        stage_probability=target.probability,
        stage_forecast=target.forecast_category,
        history=deal.history.appended(change),
    )


def _migration_refusals(  # noqa: PLR0917
    deal: Deal,
    to_pipeline: Pipeline,
    key: object,
    target: Stage | None,
    moment: _dt.datetime,
    by: object,
) -> list[str | Refusal]:
    """Why ``deal`` may not migrate to stage ``key`` of ``to_pipeline`` at
    ``moment``."""
    unmet: list[str | Refusal] = []
    if target is None:
        unmet.append(to_pipeline._unknown(key))
    elif target.outcome is not deal.outcome:
        unmet.append(
            f"a migration keeps the outcome: {deal.outcome.value} cannot become "
            f"{target.outcome.value}"
        )
    if (
        deal.pipeline_id == to_pipeline.id
        and deal.pipeline_version == to_pipeline.version
    ):
        unmet.append(f"the deal is already in {to_pipeline.id} v{to_pipeline.version}")
    if moment < deal.updated_at:
        unmet.append(
            f"at={moment.isoformat()} is earlier than the deal's last change at "
            f"{deal.updated_at.isoformat()}"
        )
    if not isinstance(by, str) or not by.strip():
        unmet.append(f"by must name who migrated the deal, got {by!r}")
    return unmet


def _default() -> Pipeline:
    d = Decimal
    o, w, lo = Outcome.OPEN, Outcome.WON, Outcome.LOST
    f = ForecastCategory
    reason = ("lost_reason_given",)
    stages = (
        Stage("appointment", "Appointment", d("0.05"), o, f.PIPELINE),
        Stage("preparation", "Preparation", d("0.10"), o, f.PIPELINE),
        Stage("contact", "Contact", d("0.20"), o, f.PIPELINE),
        Stage("needs", "Needs", d("0.30"), o, f.PIPELINE),
        Stage(
            "presentation", "Presentation", d("0.45"), o, f.BEST_CASE, ("has_contact",)
        ),
        Stage("objections", "Objections", d("0.60"), o, f.BEST_CASE, ("has_amount",)),
        Stage(
            "negotiation",
            "Negotiation",
            d("0.80"),
            o,
            f.COMMIT,
            ("has_amount", "has_expected_close"),
        ),
        Stage(
            "contract_signed",
            "Contract signed",
            d(1),
            w,
            f.CLOSED,
            ("has_amount", "amount_positive", "has_contact", "splits_sum_to_one"),
        ),
        Stage("fulfilment", "Fulfilment", d(1), w, f.CLOSED),
        Stage("completed", "Completed", d(1), w, f.CLOSED),
        Stage("lost", "Lost", d(0), lo, f.OMITTED, reason),
        Stage("cancelled", "Cancelled", d(0), lo, f.OMITTED, reason),
    )
    policy = TransitionPolicy(
        cancellation_stages=("cancelled",),
        creation_stages=("appointment", "preparation", "contact"),
    )
    return Pipeline("default", "Account management", stages, policy=policy)


_DEFAULT = _default()
