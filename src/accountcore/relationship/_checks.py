"""The attrs validators the relationship's records share."""

from __future__ import annotations

from typing import Any

from accountcore.errors import check_type
from accountcore.periods import as_date
from accountcore.relationship.errors import RelationshipInputError


def text(parameter: str, value: object) -> str:
    """``value`` if it is a non-blank str, else the fitting error."""
    checked = check_type(parameter, value, str, "a non-blank str")
    if not checked.strip():
        raise RelationshipInputError(parameter, value, "give a non-blank text")
    return checked


def nonblank(_instance: object, attribute: Any, value: Any) -> None:
    """Validate a field that holds a non-blank str."""
    text(attribute.name, value)


def optional_nonblank(_instance: object, attribute: Any, value: Any) -> None:
    """Validate a field that holds ``None`` or a non-blank str."""
    if value is not None:
        text(attribute.name, value)


def a_date(_instance: object, attribute: Any, value: Any) -> None:
    """Validate a field that holds a calendar date (not a datetime)."""
    as_date(value, attribute.name)


def a_bool(_instance: object, attribute: Any, value: Any) -> None:
    """Validate a field that holds a bool."""
    check_type(attribute.name, value, bool)


def a_str(_instance: object, attribute: Any, value: Any) -> None:
    """Validate a field that holds a str (blank allowed)."""
    check_type(attribute.name, value, str)
