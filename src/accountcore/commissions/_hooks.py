"""How commission plans travel as plain data (registered on the converter).

A plan's components are tagged with their registered kind
(``{"type": "flat_rate", ...}``) so a stored plan needs no code.
"""

from __future__ import annotations

from typing import Any

from accountcore._convert import (
    BadValue,
    converter,
    shown,
)
from accountcore.commissions.context import (
    Component,
    component_kinds,
    kind_of,
)

# A quota target is Money or a count; a plan's components are tagged with their
# registered kind ({"type": "flat_rate", ...}) so a stored plan needs no code.


def _structure_component(value: Any, _: type) -> Component:
    if not isinstance(value, dict) or "type" not in value:
        raise BadValue(
            f"expected a component mapping with a 'type', got {shown(value)}"
        )
    kinds = component_kinds()
    kind = value["type"]
    if kind not in kinds:
        raise BadValue(
            f"unknown component kind {shown(kind)}; registered: {', '.join(sorted(kinds))}"
        )
    fields = {k: v for k, v in value.items() if k != "type"}
    result: Component = converter.structure(fields, kinds[kind])
    return result


def _unstructure_component(value: Component) -> dict[str, Any]:
    data: dict[str, Any] = converter.unstructure(value, unstructure_as=type(value))
    return {"type": kind_of(value), **data}


# Registered for the protocol itself, not by subclass: a component class
# passes issubclass(cls, Component) on Python 3.12+ (a runtime protocol), and
# a subclass hook would then call itself for every concrete component.
converter.register_structure_hook_func(
    lambda cls: cls is Component, _structure_component
)
converter.register_unstructure_hook_func(
    lambda cls: cls is Component, _unstructure_component
)


# A payout ledger's sets of ids (adjustments paid, rewards given) travel as
# sorted lists: JSON has no set, and one order keeps the text stable.
def _unstructure_ids(value: frozenset[str]) -> list[str]:
    return sorted(value)


converter.register_unstructure_hook_func(
    lambda cls: cls == frozenset[str], _unstructure_ids
)
