"""How discount rules travel as plain data (registered on the converter).

A scheme's rules are polymorphic: each travels as ``{"kind": <registered
name>, **its fields}``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from accountcore._convert import (
    BadValue,
    converter,
    shown,
)
from accountcore.discounts.prices import PRICE_KINDS, PriceRule, price_kind
from accountcore.discounts.quote import approval_label
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import RULE_KINDS, DiscountRule, rule_kind
from accountcore.i18n import Message, Percent


def _unstructure_rule(rule: DiscountRule) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": rule_kind(rule)}
    data.update(converter.unstructure(rule, unstructure_as=type(rule)))
    return data


def _structure_rule(value: Any, _: type) -> DiscountRule:
    if not isinstance(value, dict) or "kind" not in value:
        raise BadValue(f"expected a rule mapping with a 'kind', got {shown(value)}")
    fields = dict(value)
    kind = fields.pop("kind")
    cls = RULE_KINDS.get(kind)
    if cls is None:
        raise BadValue(
            f"unknown rule kind {shown(kind)}; known: {', '.join(sorted(RULE_KINDS))}"
        )
    rule: DiscountRule = converter.structure(fields, cls)
    return rule


# For the protocol itself, not by subclass (see the Component hooks).
converter.register_unstructure_hook_func(
    lambda cls: cls is DiscountRule, _unstructure_rule
)
converter.register_structure_hook_func(lambda cls: cls is DiscountRule, _structure_rule)


# --- reasons stored before their values were typed -------------------------------
# Until 0.x a reason was stored as ``{"code", "params": {name: text}}``. Such a
# document still loads: each parameter keeps the text it was stored with,
# shown as it is in every language.


def _legacy_reason(value: Any) -> Any:
    """``value`` in today's shape when it is a reason of the old one."""
    if not (isinstance(value, dict) and "params" in value and "args" not in value):
        return value
    code, params = value.get("code"), value["params"]
    if type(code) is not str or not isinstance(params, dict):
        raise BadValue(f"expected a reason code and its params, got {shown(value)}")
    texts = {name: text for name, text in params.items() if type(text) is str}
    if len(texts) != len(params):
        raise BadValue(f"expected the text of each parameter, got {shown(params)}")
    shape = {k: v for k, v in value.items() if k != "params"}
    shape["args"] = converter.unstructure(Reason(code, texts).args)
    return shape


# --- percentages stored before they were Percent values ---------------------------
# Until the Percent change a reason held a percentage as a plain number of
# percent (10 for 10 %, as a decimal, an int or, older still, a text) and its
# template wrote the "%"; an approval level was its code. Read back, such a
# reason gets its Percent and the level's label, so it shows "10%" and
# "board" in the reader's language, as a quote made today does.

_HUNDRED = Decimal(100)
_PERCENT_IDS = frozenset(
    {
        "discounts.target.tier",
        "discounts.reason.max_discount_clamped",
        "discounts.reason.margin_floor_clamped",
        "discounts.reason.approval_not_allowed",
    }
)
_LEVEL_ID = "discounts.reason.approval_not_allowed"
# A near miss named its rule in straight quotes ('bulk') until each
# language's template got its own quotes: read back, the name is bare.
_RULE_IDS = frozenset({"discounts.reason.more_units", "discounts.reason.more_amount"})


def _as_percent(value: object) -> object:
    """A plain number of percent as its :class:`Percent`; else as it is."""
    number: Decimal | None = None
    if type(value) is int or isinstance(value, Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return value
    if number is None or not number.is_finite():
        return value
    return Percent(number / _HUNDRED)


def _unquoted(name: str) -> str:
    """A rule's name without the straight quotes an old near miss wrote."""
    quoted = len(name) >= 2 and name[0] == name[-1] and name[0] in "'\""
    return name[1:-1] if quoted else name


def _upgraded(value: object, message_id: str, name: str) -> object:
    """A parameter (a nested message or tuple walked through) in today's
    types: ``value`` itself when nothing in it is of the old kind."""
    if isinstance(value, Message):
        return _upgraded_message(value)
    if isinstance(value, tuple):
        items = tuple(_upgraded(item, message_id, name) for item in value)
        return (
            value if all(a is b for a, b in zip(items, value, strict=True)) else items
        )
    if message_id in _PERCENT_IDS and name == "percent":
        return _as_percent(value)
    if message_id == _LEVEL_ID and name == "level" and isinstance(value, str):
        return approval_label(value)
    if message_id in _RULE_IDS and name == "rule" and isinstance(value, str):
        return _unquoted(value)
    return value


def _upgraded_message(message: Message) -> Message:
    params = tuple(
        (name, _upgraded(value, message.id, name)) for name, value in message.params
    )
    if all(
        new is old for (_, new), (_, old) in zip(params, message.params, strict=True)
    ):
        return message
    return Message(message.id, params)


def _upgraded_reason(reason: Reason) -> Reason:
    args = _upgraded_message(reason.args)
    return reason if args is reason.args else Reason(reason.code, args=args)


_reason_hook = converter.get_structure_hook(Reason)
converter.register_structure_hook(
    Reason,
    lambda value, kind: _upgraded_reason(_reason_hook(_legacy_reason(value), kind)),
)


# --- price rules travel the same way: {"kind": <registered name>, **fields} ---


def _unstructure_price(rule: PriceRule) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": price_kind(rule)}
    data.update(converter.unstructure(rule, unstructure_as=type(rule)))
    return data


def _structure_price(value: Any, _: type) -> PriceRule:
    if not isinstance(value, dict) or "kind" not in value:
        raise BadValue(
            f"expected a price rule mapping with a 'kind', got {shown(value)}"
        )
    fields = dict(value)
    kind = fields.pop("kind")
    cls = PRICE_KINDS.get(kind)
    if cls is None:
        raise BadValue(
            f"unknown price rule kind {shown(kind)}; known: "
            f"{', '.join(sorted(PRICE_KINDS))}"
        )
    rule: PriceRule = converter.structure(fields, cls)
    return rule


converter.register_unstructure_hook_func(
    lambda cls: cls is PriceRule, _unstructure_price
)
converter.register_structure_hook_func(lambda cls: cls is PriceRule, _structure_price)
