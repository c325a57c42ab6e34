"""The one way around attrs' frozen ``__init__``: building value objects
from values already checked.

Money arithmetic, pipeline moves, the reliability scorer and a team's
commission statements build many small frozen objects; attrs' frozen ``__init__``
goes through its validators, converters and ``object.__setattr__`` per
field, which costs more than the arithmetic. Here, and only here, the
library goes around it by setting the slots directly:

- :func:`builder` gives a function taking every ``init`` field of a slotted
  attrs class positionally, in the class's field order, and returning the
  object (``money._make`` is ``builder(Money)``);
- :func:`setters` gives the slots' setters themselves, for the few hot paths
  that inline a builder's body to save a Python call (``Money.__add__``).

When it is allowed: only where every value is known to be valid, either
checked just before or taken from objects that were checked when built
(the amount of a sum of two Money of one currency, the stage of a compiled
pipeline edge). It skips validators and converters and computes no
defaults, so a caller passes every field, each already in its final form,
and applies the class's own rules itself by calling them (the pipeline
calls ``closed_at_after``), never by copying them inline. Anything built
from a user's input goes through the class's ``__init__``.

>>> import attrs
>>> @attrs.frozen
... class Pair:
...     left: int
...     right: int
>>> pair = builder(Pair)
>>> pair(1, 2)
Pair(left=1, right=2)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")
Setter = Callable[[Any, Any], None]

__all__ = ["builder", "setters"]


def setters(cls: type[Any]) -> tuple[Setter, ...]:
    """The slot setters of ``cls``'s ``init`` fields, in field order.

    >>> @attrs.frozen
    ... class One:
    ...     value: int
    >>> (set_value,) = setters(One)
    >>> one = object.__new__(One)
    >>> set_value(one, 7)
    >>> one
    One(value=7)
    """
    return tuple(
        cls.__dict__[field.name].__set__ for field in attrs.fields(cls) if field.init
    )


def builder(cls: type[T]) -> Callable[..., T]:
    """A function taking every ``init`` field of ``cls`` positionally, in
    order, and returning the object built around attrs' ``__init__`` (see
    the module's docstring for when that is allowed).

    The function is written out for ``cls``'s number of fields, one setter
    call per field: a loop over the setters would cost more than the fields
    themselves on the hot paths.

    >>> @attrs.frozen
    ... class Span:
    ...     start: int
    ...     end: int
    ...     label: str
    >>> builder(Span)(1, 5, "week")
    Span(start=1, end=5, label='week')
    """
    slots = setters(cls)
    values = ", ".join(f"v{i}" for i in range(len(slots)))
    source = "\n".join(
        [
            f"def build({values}):",
            "    obj = new(cls)",
            *(f"    s{i}(obj, v{i})" for i in range(len(slots))),
            "    return obj",
        ]
    )
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace.update((f"s{i}", setter) for i, setter in enumerate(slots))
    exec(source, namespace)  # generated from the field count only, no input
    build: Callable[..., T] = namespace["build"]
    build.__qualname__ = build.__name__ = f"build_{cls.__name__}"
    return build
