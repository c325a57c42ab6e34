"""How the pipeline's values travel as plain data (registered on the converter).

A deal's history is a list of events of several kinds: each travels with a
``"kind"`` tag (``"stage_change"``, ``"amount_change"``…). A pipeline
travels without its requirement registry (requirements are named, never
code): :func:`~accountcore.serialization.structure` rebuilds it with the
built-in requirements, :func:`structure_pipeline` with yours. Deals and
clients, which storage reads and writes by the thousand, get the
hand-written hooks of :mod:`accountcore.pipeline._codec`.
"""

from __future__ import annotations

from typing import Any

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.strategies import configure_tagged_union

from accountcore._convert import (
    BadValue,
    converter,
    describe,
    messages,
    named_zone,
    shown,
    unstructure_datetime,
)
from accountcore.errors import AccountcoreError, StructureError
from accountcore.pipeline._codec import install as _install_entity_codec
from accountcore.pipeline.history import DealEvent, DealHistory
from accountcore.pipeline.machine import Pipeline
from accountcore.pipeline.requirements import REQUIREMENTS, RequirementRegistry

# A deal's history is a list of events of several kinds: each travels with a
# "kind" tag (``"stage_change"``, ``"amount_change"``…). A pipeline travels
# without its requirement registry (requirements are named, never code);
# structure() rebuilds it with the builtin requirements, structure_pipeline()
# with yours.


def _event_tag(cls: type) -> str:
    name = cls.__name__
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


configure_tagged_union(DealEvent, converter, tag_generator=_event_tag, tag_name="kind")
# A deal's history travels as the list of its events.
converter.register_unstructure_hook(
    DealHistory, lambda history: [converter.unstructure(e, DealEvent) for e in history]
)
converter.register_structure_hook(
    DealHistory,
    lambda value, _: DealHistory(converter.structure(value, tuple[DealEvent, ...])),
)


def _build_pipeline(value: Any, registry: RequirementRegistry) -> Pipeline:
    if not isinstance(value, dict):
        raise BadValue(f"expected a mapping for a pipeline, got {shown(value)}")
    fields: dict[str, Any] = {
        a.name: a.type
        for a in attrs.fields(attrs.resolve_types(Pipeline))
        if a.init and a.name != "registry"
    }
    extra = sorted(set(value) - set(fields))
    bad = [f"$: unknown fields {extra}"] if extra else []
    parts: dict[str, Any] = {}
    for name, kind in fields.items():
        if name not in value:
            continue
        try:
            parts[name] = converter.structure(value[name], kind)
        except (ClassValidationError, IterableValidationError) as error:
            bad.extend(
                f"$.{name}{line[1:]}" if line.startswith("$") else line
                for line in messages(error)
            )
        except (AccountcoreError, BadValue, TypeError, ValueError, KeyError) as error:
            bad.append(f"$.{name}: {describe(error, None)}")
    missing = [n for n in ("id", "name", "stages") if n not in value]
    bad.extend(f"$.{n}: required field missing" for n in missing)
    if bad:
        raise StructureError("Pipeline", bad)
    return Pipeline(**parts, registry=registry)


def _unstructure_pipeline(pipeline: Pipeline) -> dict[str, Any]:
    return {
        a.name: converter.unstructure(getattr(pipeline, a.name), a.type)
        for a in attrs.fields(attrs.resolve_types(Pipeline))
        if a.init and a.name != "registry"
    }


converter.register_unstructure_hook(Pipeline, _unstructure_pipeline)
converter.register_structure_hook(
    Pipeline, lambda value, _: _build_pipeline(value, REQUIREMENTS)
)


def structure_pipeline(data: Any, registry: RequirementRegistry) -> Pipeline:
    """Build a :class:`~accountcore.pipeline.Pipeline` from plain data with
    the requirements of ``registry`` (for pipelines that name your own).

    >>> from accountcore.serialization import unstructure
    >>> pipeline = structure_pipeline(unstructure(Pipeline.default()), REQUIREMENTS)
    >>> pipeline == Pipeline.default()
    True
    >>> structure_pipeline({"id": "x", "stages": [], "colour": "red"}, REQUIREMENTS)
    Traceback (most recent call last):
    ...
    accountcore.errors.StructureError: Cannot structure Pipeline (2 bad fields):
      - $: unknown fields ['colour']
      - $.name: required field missing
    """
    try:
        return _build_pipeline(data, registry)
    except BadValue as error:
        raise StructureError("Pipeline", [f"$: {error}"]) from None


# --- fast deals and clients -------------------------------------------------------
# Storage reads and writes every deal: Deal and Client get hand-written hooks
# (see accountcore.pipeline._codec for why, and how they fall back to the
# generic ones above so that output and error messages stay the same).


_install_entity_codec(converter, unstructure_datetime, named_zone)
