"""Commissions: credits, plans of components, statements and ledgers.

- :mod:`~accountcore.commissions.credits`: :class:`Credit` and
  :func:`credits_from` (credits from won deals through their splits, and
  clawbacks from cancelled ones);
- :mod:`~accountcore.commissions.plan`: :class:`CommissionPlan`,
  ``plan.calculate`` and :func:`calculate_team`;
- :mod:`~accountcore.commissions.context`: what a component reads (the
  :class:`Context`, scopes and filters of credits) and the registry of
  component kinds;
- :mod:`~accountcore.commissions.components`,
  :mod:`~accountcore.commissions.modifiers`,
  :mod:`~accountcore.commissions.bonuses`,
  :mod:`~accountcore.commissions.draws`: the components (base salary, flat
  and tiered rates, accelerators, gates, caps, bonuses, draws);
- :mod:`~accountcore.commissions.rules`: rules as the ERPs write them (a
  fixed amount per deal or line, the most specific rate rule, sections with
  inclusive bounds and gaps);
- :mod:`~accountcore.commissions.statement`: :class:`CommissionStatement`
  and its :class:`StatementLine` lines, each explained by a message;
- :mod:`~accountcore.commissions.ledger`: the :class:`Ledger` carried to the
  next period (draw balance, paid and credited to date, each deal's pay);
- :mod:`~accountcore.commissions.payout`: pay when the client pays
  (:func:`settle`: holds and releases on invoices, disputes and their
  adjustments, deferred bonuses and rewards in kind);
- :mod:`~accountcore.commissions.overrides`: a manager's :class:`Override`
  on the team's statements;
- :mod:`~accountcore.commissions.errors`: the errors of plans, quotas,
  ledgers and clawbacks;
- ``_checks`` and ``_hooks`` (how plans serialise).

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
>>> credits = [Credit("D-1", "C-1", "ana", Money("1000", "EUR"), datetime.date(2026, 1, 5))]
>>> plan.calculate(credits, period=Period.month(2026, 1)).total
Money('50.00', 'EUR')
"""

import warnings as _warnings
from typing import Any as _Any

from accountcore.commissions import (
    _hooks as _hooks,  # registers how plan components serialise
)
from accountcore.commissions.bonuses import (
    AttainmentBonus,
    BonusLevel,
    ClientServedBonus,
    FeedbackBonus,
    HeldRate,
    NewClientBonus,
    PerClientHeld,
    Spiff,
    SpiffUnit,
)
from accountcore.commissions.by_discount import DiscountBand, DiscountRates
from accountcore.commissions.components import (
    Accelerator,
    Band,
    BaseSalary,
    Basis,
    Cap,
    CurvePoint,
    FlatRate,
    Gate,
    Mode,
    PayCurve,
    Tier,
    Tiered,
)
from accountcore.commissions.context import (
    ClientHeld,
    Component,
    Context,
    ServiceRecord,
    component_kinds,
    register_component,
)
from accountcore.commissions.credits import (
    ClawbackMode,
    Credit,
    CreditFilter,
    credits_from,
)
from accountcore.commissions.draws import Draw, DrawKind
from accountcore.commissions.ledger import DealPay, Ledger
from accountcore.commissions.overrides import Override, OverrideOf
from accountcore.commissions.payout import (
    Adjustment,
    DeferredBonus,
    Dispute,
    Hold,
    Invoice,
    Payment,
    PayOn,
    Payout,
    PayoutLedger,
    RewardInKind,
    Settlement,
    settle,
)
from accountcore.commissions.plan import (
    ClawbackRule,
    CommissionPlan,
    PayIn,
    Scope,
    calculate_by_currency,
    calculate_team,
)
from accountcore.commissions.rules import (
    FixedPay,
    PayPer,
    Precedence,
    RateRule,
    RateRules,
    Section,
    Sections,
)
from accountcore.commissions.statement import (
    CommissionStatement,
    DealIds,
    LineKind,
    StatementLine,
)

__all__ = [
    "Accelerator",
    "AttainmentBonus",
    "Band",
    "BaseSalary",
    "Basis",
    "BonusLevel",
    "Cap",
    "ClientHeld",
    "ClawbackMode",
    "ClawbackRule",
    "ClientServedBonus",
    "CommissionPlan",
    "CommissionStatement",
    "Component",
    "Context",
    "Credit",
    "CreditFilter",
    "CurvePoint",
    "DealIds",
    "DealPay",
    "Draw",
    "DrawKind",
    "FeedbackBonus",
    "FlatRate",
    "Gate",
    "HeldRate",
    "Ledger",
    "LineKind",
    "Mode",
    "NewClientBonus",
    "PayCurve",
    "PerClientHeld",
    "Scope",
    "ServiceRecord",
    "Spiff",
    "SpiffUnit",
    "StatementLine",
    "Tier",
    "Tiered",
    "calculate_team",
    "component_kinds",
    "credits_from",
    "register_component",
    "FixedPay",
    "PayPer",
    "Precedence",
    "RateRule",
    "RateRules",
    "Section",
    "Sections",
    "Adjustment",
    "DeferredBonus",
    "Dispute",
    "Hold",
    "Invoice",
    "Override",
    "OverrideOf",
    "PayOn",
    "Payment",
    "Payout",
    "PayoutLedger",
    "RewardInKind",
    "Settlement",
    "settle",
    "DiscountBand",
    "DiscountRates",
    "PayIn",
    "calculate_by_currency",
]


def __getattr__(name: str) -> _Any:
    """``Activity``, the old name of :class:`ServiceRecord`, still resolves
    for one release, with a ``DeprecationWarning`` naming the new one
    (``accountcore.Activity`` is now a CRM activity)."""
    if name != "Activity":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _warnings.warn(
        "accountcore.commissions.Activity is renamed "
        "accountcore.commissions.ServiceRecord; import that (the old name goes "
        "in the next release; accountcore.Activity is a CRM activity, "
        "accountcore.relationship.Activity)",
        DeprecationWarning,
        stacklevel=2,
    )
    return ServiceRecord
