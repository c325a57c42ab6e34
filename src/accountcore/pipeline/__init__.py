"""The pipeline: deals and the account manager's work cycle they move through.

Everything about a deal's way from first appointment to completed contract
lives here, one module per noun:

- :mod:`~accountcore.pipeline.stages`: :class:`Stage`, its :class:`Outcome`
  (open, won, lost) and :class:`ForecastCategory`;
- :mod:`~accountcore.pipeline.deal`: :class:`Deal`, plain frozen data with
  its whole history on it;
- :mod:`~accountcore.pipeline.history`: :class:`DealHistory`, the events a
  deal records (:class:`StageChange`, :class:`AmountChange`, …) and its
  revenue :class:`Split`\\ s;
- :mod:`~accountcore.pipeline.machine`: :class:`Pipeline` (the checked state
  machine shared by all deals) and :func:`migrate`;
- :mod:`~accountcore.pipeline.policy`: the :class:`TransitionPolicy` a
  pipeline is built with, its :class:`Move`\\ s and where to
  :class:`Reopen` a lost deal;
- :mod:`~accountcore.pipeline.requirements`: what a deal must meet to enter
  a stage, registered by name so a pipeline serialises without code;
- :mod:`~accountcore.pipeline.refusals`: why a move is refused, as data,
  and the :class:`Verdict` of a move;
- :mod:`~accountcore.pipeline.engine`: the state-machine engine under both
  workflows of accountcore, the pipeline and the complaint workflow
  (:mod:`accountcore.complaints`): how a move is checked, every refusal at
  once;
- :mod:`~accountcore.pipeline.messages`: stage names and forecast
  categories in every catalog language;
- :mod:`~accountcore.pipeline.deal_types`: :class:`DealType` (new
  business, upsell, cross-sell, renewal, repeat order);
- :mod:`~accountcore.pipeline.contracts`: :class:`Contract`, renewals due,
  the renewal deal and contracted recurring revenue;
- :mod:`~accountcore.pipeline.errors`: the errors of a pipeline's
  definition and of a deal's moves.

>>> pipeline = Pipeline.default()
>>> pipeline.stage("negotiation").outcome, pipeline.stage("contract_signed").outcome
(<Outcome.OPEN: 'open'>, <Outcome.WON: 'won'>)
"""

from accountcore.pipeline import (
    _hooks as _hooks,  # registers how deals, histories, pipelines serialise
)
from accountcore.pipeline.contracts import (
    BillingPeriod,
    Contract,
    RenewalDue,
    RenewalTerms,
    contracted_revenue,
    renewal_deal,
    renewal_terms_label,
    renewals_due,
)
from accountcore.pipeline.deal import Deal
from accountcore.pipeline.deal_types import DealType, deal_type_label
from accountcore.pipeline.history import (
    AmountChange,
    CloseDateChange,
    ContactChange,
    DealContactsChange,
    DealEvent,
    DealHistory,
    ForecastChange,
    OwnerChange,
    PipelineChange,
    ProbabilityChange,
    ProbabilitySource,
    Split,
    SplitChange,
    StageChange,
)
from accountcore.pipeline.machine import Pipeline, migrate
from accountcore.pipeline.messages import DEFAULT_STAGES, forecast_label, stage_label
from accountcore.pipeline.policy import Move, Reopen, TransitionPolicy
from accountcore.pipeline.refusals import BUILTIN_CODES, Refusal, Verdict
from accountcore.pipeline.requirements import (
    REQUIREMENTS,
    AmountPositive,
    HasAmount,
    HasContact,
    HasExpectedClose,
    LostReasonGiven,
    Requirement,
    RequirementRegistry,
    SplitsSumToOne,
)
from accountcore.pipeline.stages import ForecastCategory, Outcome, Stage

__all__ = [
    "BUILTIN_CODES",
    "DEFAULT_STAGES",
    "REQUIREMENTS",
    "AmountChange",
    "AmountPositive",
    "CloseDateChange",
    "ContactChange",
    "DealContactsChange",
    "Deal",
    "DealEvent",
    "DealHistory",
    "ForecastCategory",
    "ForecastChange",
    "HasAmount",
    "HasContact",
    "HasExpectedClose",
    "LostReasonGiven",
    "Move",
    "Outcome",
    "OwnerChange",
    "Pipeline",
    "PipelineChange",
    "ProbabilityChange",
    "ProbabilitySource",
    "Refusal",
    "Reopen",
    "Requirement",
    "RequirementRegistry",
    "Split",
    "SplitChange",
    "SplitsSumToOne",
    "Stage",
    "StageChange",
    "TransitionPolicy",
    "Verdict",
    "forecast_label",
    "migrate",
    "stage_label",
    "DealType",
    "deal_type_label",
    "BillingPeriod",
    "Contract",
    "RenewalDue",
    "RenewalTerms",
    "contracted_revenue",
    "renewal_deal",
    "renewal_terms_label",
    "renewals_due",
]
