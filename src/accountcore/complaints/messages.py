"""Complaint statuses, severities, categories and resolutions in six
languages: each code is shown through its own catalog label, never inside a
sentence as a code.

>>> status_label("investigating").render("et_EE"), severity_label("critical").render("ja_JP")
('Uurimisel', '重大')
>>> category_label("delivery").render("uk_UA"), category_label("pallets")
('Доставка', 'pallets')
"""

from __future__ import annotations

from accountcore.complaints.complaint import (
    DEFAULT_CATEGORIES,
    ComplaintStatus,
    ResolutionKind,
    Severity,
)
from accountcore.i18n import Message

__all__ = ["category_label", "resolution_label", "severity_label", "status_label"]

_STATUSES = frozenset(s.value for s in ComplaintStatus)
_SEVERITIES = frozenset(s.value for s in Severity)
_KINDS = frozenset(k.value for k in ResolutionKind)


def status_label(key: str) -> Message | str:
    """The translated name of a default status (``complaints.status.<key>``),
    or the key itself for a status of your own.

    >>> status_label("closed").render("lv_LV"), status_label("escalated")
    ('Slēgta', 'escalated')
    """
    return Message.of(f"complaints.status.{key}") if key in _STATUSES else key


def severity_label(key: str) -> Message | str:
    """The translated name of a severity (``complaints.severity.<value>``).

    >>> severity_label("high").render("ro_RO")
    'Ridicată'
    """
    return Message.of(f"complaints.severity.{key}") if key in _SEVERITIES else key


def category_label(key: str) -> Message | str:
    """The translated name of a default category (``complaints.category.<code>``),
    or the code itself for a category of your own.

    >>> category_label("billing").render("en_US")
    'Billing'
    """
    return (
        Message.of(f"complaints.category.{key}") if key in DEFAULT_CATEGORIES else key
    )


def resolution_label(key: str) -> Message | str:
    """The translated name of a resolution kind (``complaints.resolution.<value>``).

    >>> resolution_label("credit_note").render("et_EE")
    'Kreeditarve'
    """
    return Message.of(f"complaints.resolution.{key}") if key in _KINDS else key
