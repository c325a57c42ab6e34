"""Fast construction of frozen attrs value objects from already-checked values.

The reliability scorer and the compiled commission path build many small
frozen objects; attrs' frozen ``__init__`` goes through
``object.__setattr__`` per field, which costs more than the arithmetic. Like :func:`accountcore.money._make`, a builder sets the
slots directly. Use it only where every value is known to be valid (the
positional order is the class's field order, every field given).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")

__all__ = ["builder"]


def builder(cls: type[T]) -> Callable[..., T]:
    """A function taking every field of ``cls`` positionally, in order."""
    setters = tuple(
        cls.__dict__[field.name].__set__
        for field in attrs.fields(cls)  # type: ignore[arg-type]
        if field.init
    )
    new = object.__new__
    build: Callable[..., T]
    if len(setters) == 2:
        s1, s2 = setters

        def build(v1: Any, v2: Any) -> T:
            obj: T = new(cls)
            s1(obj, v1)
            s2(obj, v2)
            return obj

    elif len(setters) == 3:
        s1, s2, s3 = setters

        def build(v1: Any, v2: Any, v3: Any) -> T:
            obj: T = new(cls)
            s1(obj, v1)
            s2(obj, v2)
            s3(obj, v3)
            return obj

    elif len(setters) == 4:
        s1, s2, s3, s4 = setters

        def build(v1: Any, v2: Any, v3: Any, v4: Any) -> T:
            obj: T = new(cls)
            s1(obj, v1)
            s2(obj, v2)
            s3(obj, v3)
            s4(obj, v4)
            return obj

    elif len(setters) == 6:
        s1, s2, s3, s4, s5, s6 = setters

        def build(  # noqa: PLR0917 - one per field
            v1: Any, v2: Any, v3: Any, v4: Any, v5: Any, v6: Any
        ) -> T:
            obj: T = new(cls)
            s1(obj, v1)
            s2(obj, v2)
            s3(obj, v3)
            s4(obj, v4)
            s5(obj, v5)
            s6(obj, v6)
            return obj

    elif len(setters) == 7:
        s1, s2, s3, s4, s5, s6, s7 = setters

        def build(  # noqa: PLR0917 - one per field
            v1: Any, v2: Any, v3: Any, v4: Any, v5: Any, v6: Any, v7: Any
        ) -> T:
            obj: T = new(cls)
            s1(obj, v1)
            s2(obj, v2)
            s3(obj, v3)
            s4(obj, v4)
            s5(obj, v5)
            s6(obj, v6)
            s7(obj, v7)
            return obj

    elif len(setters) == 8:
        s1, s2, s3, s4, s5, s6, s7, s8 = setters

        def build(  # noqa: PLR0917 - one per field
            v1: Any, v2: Any, v3: Any, v4: Any, v5: Any, v6: Any, v7: Any, v8: Any
        ) -> T:
            obj: T = new(cls)
            s1(obj, v1)
            s2(obj, v2)
            s3(obj, v3)
            s4(obj, v4)
            s5(obj, v5)
            s6(obj, v6)
            s7(obj, v7)
            s8(obj, v8)
            return obj

    else:
        count = len(setters)

        def build(*values: Any) -> T:
            if len(values) != count:
                raise TypeError(f"{cls.__name__} needs {count} values")
            obj: T = new(cls)
            for setter, value in zip(setters, values, strict=False):
                setter(obj, value)
            return obj

    return build
