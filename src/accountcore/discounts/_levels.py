"""The names of the built-in loyalty levels and their catalog labels.

A level's name is a code: it is shown through its own label
(``discounts.loyalty.level.<name>``) for a built-in level, and as it is for
a level of your own (see :mod:`accountcore.discounts.loyalty`).

>>> loyalty_label("gold").render("et_EE"), loyalty_label("diamond")
('Kuld', 'diamond')
"""

from __future__ import annotations

from accountcore.i18n import Message

__all__ = ["DEFAULT_LEVELS", "loyalty_label"]

DEFAULT_LEVELS: tuple[str, ...] = ("silver", "gold", "platinum")
"""The levels of :meth:`~accountcore.discounts.LoyaltyProgram.default`,
lowest first; each has a label in the six catalogs."""


def loyalty_label(name: str) -> Message | str:
    """The translated name of a built-in loyalty level
    (``discounts.loyalty.level.<name>``), or the name itself for a level of
    your own.

    >>> loyalty_label("platinum").render("ja_JP"), loyalty_label("silver").render("en")
    ('プラチナ', 'Silver')
    """
    if name in DEFAULT_LEVELS:
        return Message.of(f"discounts.loyalty.level.{name}")
    return name
