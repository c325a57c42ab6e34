"""How discount rules travel as plain data (registered on the converter).

A scheme's rules are polymorphic: each travels as ``{"kind": <registered
name>, **its fields}``.
"""

from __future__ import annotations

from typing import Any

from accountcore._convert import (
    BadValue,
    converter,
    shown,
)
from accountcore.discounts.prices import PRICE_KINDS, PriceRule, price_kind
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import RULE_KINDS, DiscountRule, rule_kind


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


_reason_hook = converter.get_structure_hook(Reason)
converter.register_structure_hook(
    Reason, lambda value, kind: _reason_hook(_legacy_reason(value), kind)
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
