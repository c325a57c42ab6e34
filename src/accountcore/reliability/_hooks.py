"""How scorecards travel as plain data (registered on the converter).

A scorecard's factors are polymorphic: each travels as ``{"kind": <registered
name>, **its fields}``. The fingerprint and the band order are derived, so
they are not serialised.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from accountcore._convert import (
    BadValue,
    converter,
    shown,
    structure_decimal,
)
from accountcore.errors import InvalidTemplateError, MessageParameterError
from accountcore.i18n import fill_template
from accountcore.reliability.messages import custom
from accountcore.reliability.monitoring import Alert
from accountcore.reliability.protocol import Finding, factor_class, factor_kind
from accountcore.reliability.scorecard import (
    FactorWeight,
    Hint,
    Reason,
    ReliabilityBand,
    Scorecard,
)

# A scorecard's factors are polymorphic: each travels as {"kind": <registered
# name>, **its fields}. The scorecard's fingerprint and band order are derived,
# so they are not serialised.


def _unstructure_factor_weight(entry: FactorWeight) -> dict[str, Any]:
    factor = converter.unstructure(entry.factor, type(entry.factor))
    return {
        "factor": {"kind": factor_kind(entry.factor), **factor},
        "weight": str(entry.weight),
    }


def _structure_factor_weight(value: Any, _: type) -> FactorWeight:
    if not isinstance(value, dict) or set(value) != {"factor", "weight"}:
        raise BadValue(f"expected a mapping with factor and weight, got {shown(value)}")
    spec = value["factor"]
    if not isinstance(spec, dict) or "kind" not in spec:
        raise BadValue(f"expected a factor mapping with a kind, got {shown(spec)}")
    fields = {k: v for k, v in spec.items() if k != "kind"}
    try:
        cls = factor_class(spec["kind"])
    except KeyError as error:
        raise BadValue(str(error.args[0])) from None
    return FactorWeight(
        converter.structure(fields, cls), structure_decimal(value["weight"], Decimal)
    )


def _unstructure_scorecard(card: Scorecard) -> dict[str, Any]:
    return {
        "name": card.name,
        "factors": [_unstructure_factor_weight(entry) for entry in card.factors],
        "bands": converter.unstructure(card.bands, tuple[ReliabilityBand, ...]),
        "neutral": str(card.neutral),
        "max_reasons": card.max_reasons,
    }


converter.register_unstructure_hook(FactorWeight, _unstructure_factor_weight)
converter.register_structure_hook(FactorWeight, _structure_factor_weight)
converter.register_unstructure_hook(Scorecard, _unstructure_scorecard)


# --- explanations stored before they were messages ------------------------------
# Until 0.x, a reason, hint, finding or alert was stored with an English
# ``template`` and string ``params``. Such a document still loads: its
# explanation becomes that English text, shown as it is in every language
# (the numbers in it were already written out when it was stored). The template
# is filled by i18n's fill_template: named placeholders only, each given a str
# (or an int) among the params; anything else is a bad value, never code run.


def _legacy_message(value: Any) -> Any:
    """``value`` with ``template``/``params`` replaced by the message they
    wrote, when it is a document of the old shape; else ``value`` itself."""
    if not (isinstance(value, dict) and "template" in value and "message" not in value):
        return value
    template, params = value["template"], value.get("params", {})
    if not isinstance(template, str) or not isinstance(params, dict):
        raise BadValue(
            f"expected an English template and its params, got {shown(template)}, {shown(params)}"
        )
    values = {str(name): str(v) if type(v) is int else v for name, v in params.items()}
    try:
        text = fill_template(template, values)
    except (InvalidTemplateError, MessageParameterError) as error:
        raise BadValue(str(error)) from None
    shape = {k: v for k, v in value.items() if k not in {"template", "params"}}
    shape["message"] = converter.unstructure(custom(text))
    return shape


def _accept_legacy(cls: type) -> None:
    current = converter.get_structure_hook(cls)
    converter.register_structure_hook(
        cls, lambda value, kind: current(_legacy_message(value), kind)
    )


for _explained in (Reason, Hint, Finding, Alert):
    _accept_legacy(_explained)
