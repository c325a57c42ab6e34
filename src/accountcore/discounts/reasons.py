"""Why a rule was rejected, a hint, a warning: a code with parameters.

Every explanation in a :class:`~accountcore.discounts.PriceQuote` is a
:class:`Reason`: a stable ``code`` and its ``params`` (strings), so a user
interface can translate it, plus an English :attr:`Reason.message` built from
a template of this module.

>>> reason = Reason("quantity_short", {"quantity": "5", "minimum": "10"})
>>> reason.message
'quantity 5 is below the minimum 10'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from accountcore.i18n import Message
from accountcore.i18n._localise import typed

__all__ = ["REASON_TEMPLATES", "Reason"]

REASON_TEMPLATES: dict[str, str] = {
    # conditions
    "not_valid_yet": "valid from {valid_from}, quoted on {on}",
    "expired": "valid until {valid_until} (exclusive), quoted on {on}",
    "code_missing": "needs a promotion code ({codes})",
    "code_mismatch": "promotion code {code} is not one of {codes}",
    "tier": "client tier {tier} is not one of {tiers}",
    "kind": "client kind {kind} is not one of {kinds}",
    "status": "client status {status} is not one of {statuses}",
    "segment": "client segment {segment} is not one of {segments}",
    "not_new_client": "the client is not a new client",
    "new_client": "the client is a new client",
    "years_short": "relationship of {years} whole years, needs at least {minimum}",
    "years_over": "relationship of {years} whole years, allows at most {maximum}",
    "product": "product {product} is not one of {products}",
    "category": "category {category} is not one of {categories}",
    "quantity_short": "quantity {quantity} is below the minimum {minimum}",
    "quantity_over": "quantity {quantity} is above the maximum {maximum}",
    "amount_short": "amount {amount} is below the minimum {minimum}",
    "amount_over": "amount {amount} is above the maximum {maximum}",
    # rules
    "tier_not_reached": "{basis} {value} is below the first tier at {threshold}",
    "fixed_not_lower": "fixed price {price} is not below the list price {list_price}",
    "buy_get_short": "{quantity} units, needs {needed} to get {free} free",
    "nothing_off": "the rule takes nothing off this {scope}",
    "no_eligible_line": "no line of the order is eligible (products {products}, categories {categories})",
    # policies
    "not_best": "saves {saving}, less than {winner} ({winner_saving})",
    "outranked": "priority {priority} is below {winner} (priority {winner_priority})",
    "excluded": "{winner} is exclusive and applies instead",
    # hints
    "more_units": "{units} more units reach {target} of {rule}",
    "more_amount": "{amount} more reaches {target} of {rule}",
    # warnings
    "max_discount_clamped": (
        "line {line}: discount {wanted} cut to {allowed}, the maximum "
        "of {percent} % of {list_amount}"
    ),
    "margin_floor_clamped": (
        "line {line}: discount {wanted} cut to {allowed} to keep the net unit "
        "price at least {floor_price} (cost {cost} + {percent} %)"
    ),
    "list_below_floor": (
        "line {line}: list price {list_price} is below the margin floor "
        "{floor_price}; no discount given"
    ),
    "negative_capped": "line {line}: discounts of {wanted} cut to the list amount {allowed}",
    "approval_not_allowed": (
        "an effective discount of {percent} % needs level {level}, which is not allowed"
    ),
}
"""English templates by reason code; the keys are the stable codes.

>>> REASON_TEMPLATES["more_units"]
'{units} more units reach {target} of {rule}'
"""


def _frozen_params(params: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(params))


@attrs.frozen
class Reason:
    """A stable ``code`` with string ``params``; :attr:`message` is English.

    An unknown code (a user's own rule may bring its own) shows its code and
    parameters.

    >>> Reason("tier", {"tier": "standard", "tiers": "key, vip"}).message
    'client tier standard is not one of key, vip'
    >>> Reason("my_rule_said_no", {"why": "Tuesday"}).message
    'my_rule_said_no (why=Tuesday)'

    ``params`` is read-only, because one reason may serve many quotes:

    >>> Reason("tier", {"tier": "standard"}).params["tier"] = "vip"
    Traceback (most recent call last):
    ...
    TypeError: 'mappingproxy' object does not support item assignment
    """

    code: str
    # read-only: kept reasons are shared between the lines and quotes of a
    # scheme, so nobody may change one in place
    params: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_params)

    @property
    def message(self) -> str:
        """The English text of this reason."""
        template = REASON_TEMPLATES.get(self.code)
        if template is None:
            shown = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
            return f"{self.code} ({shown})" if shown else self.code
        return template.format_map(self.params)

    @property
    def localised(self) -> Message:
        """This reason as a catalog message (id ``discounts.reason.<code>``),
        its parameters read back into numbers, amounts, dates and names; an
        unknown code becomes ``discounts.reason.custom`` showing the English.

        >>> Reason("quantity_short", {"quantity": "5", "minimum": "10"}).localised.id
        'discounts.reason.quantity_short'
        """
        template = REASON_TEMPLATES.get(self.code)
        if template is None:
            return Message.of("discounts.reason.custom", text=self.message)
        values = {
            name: _value(name, self.params[name])
            for name in sorted(_PLACEHOLDER.findall(template))
        }
        return Message.of(f"discounts.reason.{self.code}", **values)

    def render(self, locale: str) -> str:
        """This reason in ``locale``'s language.

        >>> reason = Reason("more_units", {"units": "5", "target": "the 10 % tier", "rule": "'bulk'"})
        >>> reason.render("en_US"), reason.render("ja_JP")
        ("5 more units reach the 10 % tier of 'bulk'", "あと5個で'bulk'の10%の段階に届きます")
        """
        return self.localised.render(locale)

    def __str__(self) -> str:
        return self.message


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_TIER = re.compile(r"^the (\d+(\.\d+)?) % tier$")
_NAMED = {
    ("target", "its discount"): "discounts.target.discount",
    ("basis", "quantity"): "discounts.basis.quantity",
    ("basis", "amount"): "discounts.basis.amount",
    ("scope", "line"): "discounts.scope.line",
    ("scope", "order"): "discounts.scope.order",
}


def _value(name: str, value: str) -> object:
    named = _NAMED.get((name, value))
    if named is not None:
        return Message.of(named)
    tier = _TIER.match(value) if name == "target" else None
    if tier is not None:
        return Message.of("discounts.target.tier", percent=Decimal(tier.group(1)))
    if name in {"line", "tier", "kind", "status", "code", "winner", "rule"}:
        return value
    return typed(value)
