"""How discount rules travel as plain data (registered on the converter).

A scheme's rules are polymorphic: each travels as ``{"kind": <registered
name>, **its fields}``.
"""

from __future__ import annotations

from typing import Any

from accountcore._convert import (
    BadValue,
    converter,
)
from accountcore.discounts.rules import RULE_KINDS, DiscountRule, rule_kind


def _unstructure_rule(rule: DiscountRule) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": rule_kind(rule)}
    data.update(converter.unstructure(rule, unstructure_as=type(rule)))
    return data


def _structure_rule(value: Any, _: type) -> DiscountRule:
    if not isinstance(value, dict) or "kind" not in value:
        raise BadValue(f"expected a rule mapping with a 'kind', got {value!r}")
    fields = dict(value)
    kind = fields.pop("kind")
    cls = RULE_KINDS.get(kind)
    if cls is None:
        raise BadValue(
            f"unknown rule kind {kind!r}; known: {', '.join(sorted(RULE_KINDS))}"
        )
    rule: DiscountRule = converter.structure(fields, cls)
    return rule


# For the protocol itself, not by subclass (see the Component hooks).
converter.register_unstructure_hook_func(
    lambda cls: cls is DiscountRule, _unstructure_rule
)
converter.register_structure_hook_func(lambda cls: cls is DiscountRule, _structure_rule)
