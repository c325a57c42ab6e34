"""Discount schemes and explained price quotes.

- :mod:`~accountcore.discounts.scheme`: :class:`DiscountScheme`;
- :mod:`~accountcore.discounts.rules`: :class:`DiscountRule` and the rules
  (percent off, amount off, fixed price, volume tiers, buy-get-free), and
  :func:`register_rule` for your own;
- :mod:`~accountcore.discounts.conditions`: when a rule applies (client,
  product, quantity, amount, dates) and the :class:`ClientFacts` it reads;
- :mod:`~accountcore.discounts.policy`: how several matching rules combine;
- :mod:`~accountcore.discounts.quote`: :class:`PriceQuote`, its lines, the
  rules applied and rejected;
- :mod:`~accountcore.discounts.approvals`: approval levels;
- :mod:`~accountcore.discounts.prices`: price rules that set a line's price
  before the discounts (:class:`ContractPrice`, :class:`Markup`);
- :mod:`~accountcore.discounts.reasons`: :class:`Reason`, why a rule was
  rejected, a hint or a warning (a code and a message with typed values);
- :mod:`~accountcore.discounts.errors`: the errors of schemes and quotes;
- :mod:`~accountcore.discounts.catalog`, :mod:`~accountcore.discounts.freegoods`,
  :mod:`~accountcore.discounts.linked`: product groups, variants and units;
  free goods on top; rules linked to what the order holds;
- :mod:`~accountcore.discounts.rebates`, :mod:`~accountcore.discounts.loyalty`:
  period rebates paid as a credit note; loyalty levels reached by revenue
  or years, a condition rules select on;
- ``_pricing`` and ``_index`` (pricing a quote, rules indexed by product),
  ``_checks`` and ``_hooks`` (how rules serialise).

A :class:`DiscountScheme` holds rules (:class:`DiscountRule`), a
:class:`Policy` that resolves several matching rules, a maximum discount, a
margin floor and approval levels. ``scheme.quote(lines, client=..., on=...)``
gives a :class:`PriceQuote` that explains every line.

>>> import datetime
>>> from accountcore.money import Money
>>> scheme = DiscountScheme(
...     "key accounts", "EUR",
...     [PercentOff("key", 8, when=Conditions(tiers=["key"])),
...      VolumeTiers("bulk", [VolumeTier(10, 5), VolumeTier(50, 10)])],
...     policy=Policy.ADDITIVE,
...     approvals=[ApprovalLevel("manager", 10)],
... )
>>> q = scheme.quote([QuoteLine("drill", 12, Money("50.00", "EUR"))],
...                  client=ClientFacts(tier="key"), on=datetime.date(2026, 5, 4))
>>> line = q.lines[0]
>>> [(a.rule, str(a.amount)) for a in line.applied]   # 600.00 x (8 % + 5 %) = 78.00
[('bulk', '30.00 EUR'), ('key', '48.00 EUR')]
>>> line.hints[0].text
'38 more to reach the 10% tier of “bulk”'
>>> q.total, q.effective_percent, q.approval.name
(Money('522.00', 'EUR'), Decimal('13.00'), 'manager')
"""

from typing import Any

from accountcore.discounts import (
    _hooks as _hooks,  # registers how discount rules serialise
)
from accountcore.discounts import reasons
from accountcore.discounts.approvals import ApprovalLevel, required_approval
from accountcore.discounts.catalog import (
    Catalog,
    Product,
    ProductGroup,
    Specificity,
    Unit,
)
from accountcore.discounts.conditions import (
    ClientFacts,
    Conditions,
    Context,
    relationship_years,
)
from accountcore.discounts.freegoods import FreeGoods
from accountcore.discounts.linked import Linked, OrderCondition
from accountcore.discounts.loyalty import (
    DEFAULT_LEVELS,
    LoyaltyLevel,
    LoyaltyProgram,
    LoyaltyStanding,
    loyalty_label,
)
from accountcore.discounts.prices import (
    PRICE_KINDS,
    AppliedPrice,
    ContractPrice,
    Markup,
    MarkupBase,
    PriceRule,
    PriceSubject,
    price_kind,
    register_price_rule,
)
from accountcore.discounts.quote import (
    AppliedRule,
    LineQuote,
    PriceQuote,
    QuoteLine,
    RejectedRule,
)
from accountcore.discounts.reasons import REASON_CODES, Reason
from accountcore.discounts.rebates import (
    CreditNote,
    Purchase,
    Rebate,
    RebateLine,
    RebateMethod,
    RebateTier,
    rebate_method_label,
)
from accountcore.discounts.rules import (
    RULE_KINDS,
    AmountOff,
    Basis,
    BuyGetFree,
    DependsOn,
    DiscountRule,
    Effect,
    FixedPrice,
    Per,
    PercentOff,
    Scope,
    Subject,
    VolumeTier,
    VolumeTiers,
    declared_dependence,
    register_rule,
    rule_kind,
)
from accountcore.discounts.scheme import DiscountScheme, Policy

__all__ = [
    "REASON_CODES",
    "RULE_KINDS",
    "AmountOff",
    "AppliedRule",
    "ApprovalLevel",
    "Basis",
    "BuyGetFree",
    "ClientFacts",
    "Conditions",
    "Context",
    "DependsOn",
    "DiscountRule",
    "DiscountScheme",
    "Effect",
    "FixedPrice",
    "LineQuote",
    "Per",
    "PercentOff",
    "Policy",
    "PriceQuote",
    "QuoteLine",
    "Reason",
    "RejectedRule",
    "Scope",
    "Subject",
    "VolumeTier",
    "VolumeTiers",
    "declared_dependence",
    "register_rule",
    "relationship_years",
    "required_approval",
    "rule_kind",
    "Catalog",
    "FreeGoods",
    "Linked",
    "OrderCondition",
    "Product",
    "ProductGroup",
    "Specificity",
    "Unit",
    "PRICE_KINDS",
    "AppliedPrice",
    "ContractPrice",
    "Markup",
    "MarkupBase",
    "PriceRule",
    "PriceSubject",
    "price_kind",
    "register_price_rule",
    "CreditNote",
    "DEFAULT_LEVELS",
    "LoyaltyLevel",
    "LoyaltyProgram",
    "LoyaltyStanding",
    "Purchase",
    "Rebate",
    "RebateLine",
    "RebateMethod",
    "RebateTier",
    "loyalty_label",
    "rebate_method_label",
]


def __getattr__(name: str) -> Any:
    """``REASON_TEMPLATES`` still resolves for one release, with a
    ``DeprecationWarning`` (see :mod:`accountcore.discounts.reasons`)."""
    if name != "REASON_TEMPLATES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return reasons._deprecated_templates(stacklevel=2)
