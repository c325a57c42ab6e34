"""The catalog messages of the reliability explanations, in six languages.

Findings, reasons, hints and alerts each hold a
:class:`~accountcore.i18n.Message` made where the explanation is made: an id
under ``reliability.`` and its parameters as values (numbers, amounts,
warning-sign and Altman-zone names as messages of their own), so the text
renders in the reader's language with the locale's numbers and nothing is
read back out of a string. The English text is the ``en`` catalog's.

A factor of your own explains itself with :func:`custom`: its text is shown
as it is in every language (the catalog id ``reliability.custom``).

>>> note = Message.of("reliability.warnings.sign", sign=sign_label("tax_arrears"))
>>> note.id, note.render("en_US"), note.render("lv_LV")
('reliability.warnings.sign', 'Warning sign: tax arrears.', 'Brīdinājuma pazīme: nodokļu parādi.')
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

from accountcore.errors import DefinitionError
from accountcore.i18n import N_, Message

__all__ = [
    "CUSTOM_ID",
    "ENGLISH",
    "Explained",
    "LIMITED_BY_IDS",
    "SIGN_IDS",
    "ZONE_IDS",
    "custom",
    "explanation",
    "limited_by_message",
    "sign_label",
    "zone_label",
]

CUSTOM_ID = N_("reliability.custom")
"""The id of an explanation of your own: its ``text`` as it is, in every
language.

>>> Message.of(CUSTOM_ID, text="No website yet.").render("ja_JP")
'No website yet.'
"""

SIGN_IDS: Mapping[str, str] = {
    "documents_withheld": N_("reliability.sign.documents_withheld"),
    "frequent_detail_changes": N_("reliability.sign.frequent_detail_changes"),
    "long_deferral_pressure": N_("reliability.sign.long_deferral_pressure"),
    "prepayment_refused": N_("reliability.sign.prepayment_refused"),
    "negative_reputation": N_("reliability.sign.negative_reputation"),
    "litigation": N_("reliability.sign.litigation"),
    "tax_arrears": N_("reliability.sign.tax_arrears"),
    "insolvency_proceedings": N_("reliability.sign.insolvency_proceedings"),
    "large_first_order": N_("reliability.sign.large_first_order"),
}
"""Label id of each :class:`WarningSign` value.

>>> Message.of(SIGN_IDS["litigation"]).render("et_EE")
'kohtuvaidlus'
"""

ZONE_IDS: Mapping[str, str] = {
    "safe": N_("reliability.zone.safe"),
    "grey": N_("reliability.zone.grey"),
    "distress": N_("reliability.zone.distress"),
}
"""Label id of each :class:`AltmanZone` value (an adjective: "grey" zone).

>>> Message.of(ZONE_IDS["grey"]).render("ro_RO")
'gri'
"""

LIMITED_BY_IDS: Mapping[str, str] = {
    "requested": N_("reliability.terms.limited_by.requested"),
    "net_worth": N_("reliability.terms.limited_by.net_worth"),
    "revenue": N_("reliability.terms.limited_by.revenue"),
    "no_basis": N_("reliability.terms.limited_by.no_basis"),
}
"""Note id of each :attr:`CreditTerms.limited_by` value.

>>> Message.of(LIMITED_BY_IDS["no_basis"]).render("en_US")
'No credit: neither net worth nor revenue is known.'
"""

ENGLISH = "en"
"""The locale of an explanation's ``text``: the English of the ``en`` catalog."""

_SIGNS = {value: Message(message_id) for value, message_id in SIGN_IDS.items()}
_ZONES = {value: Message(message_id) for value, message_id in ZONE_IDS.items()}


def custom(text: str) -> Message:
    """``text`` as an explanation shown as it is in every language (the
    way a factor of your own explains itself).

    >>> custom("No website yet.").render("uk_UA")
    'No website yet.'
    """
    return Message.of(CUSTOM_ID, text=text)


def sign_label(sign: str) -> Message:
    """The name of the warning sign whose value is ``sign``, as a message
    (an unknown value shown as it is).

    >>> sign_label("litigation").render("ja_JP")
    '係争中の訴訟'
    """
    label = _SIGNS.get(sign)
    return custom(sign) if label is None else label


def zone_label(zone: str) -> Message:
    """The name of the Altman zone whose value is ``zone``, as a message
    (an unknown value shown as it is).

    >>> zone_label("distress").render("en_US")
    'distress'
    """
    label = _ZONES.get(zone)
    return custom(zone) if label is None else label


def limited_by_message(limited_by: str) -> Message:
    """What set a credit limit, as a message (an unknown value shown as is).

    >>> limited_by_message("revenue").render("ja_JP")
    '与信限度額は年間売上高で決まりました。'
    """
    message_id = LIMITED_BY_IDS.get(limited_by)
    if message_id is None:
        return custom(limited_by)
    return Message.of(message_id)


def explanation(value: Message | str) -> Message:
    """``value`` as an explanation: a :class:`~accountcore.i18n.Message` as
    it is, a ``str`` as text of your own (:func:`custom`).

    >>> explanation("No website.") == custom("No website.")
    True
    >>> explanation(3)
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: Explanation is invalid (1 fault):
      - 3 must be a Message or a str (text of your own)
    """
    if type(value) is Message:
        return value
    if isinstance(value, str):
        return custom(value)
    raise DefinitionError(
        "Explanation", [f"{value!r} must be a Message or a str (text of your own)"]
    )


class Explained:
    """What every reliability explanation offers: its ``message`` (a
    :class:`~accountcore.i18n.Message`), the English ``text`` and
    :meth:`render` in any locale.

    >>> import attrs
    >>> @attrs.frozen
    ... class Note(Explained):
    ...     message: Message
    >>> note = Note(Message.of("reliability.stability.size", count=1))
    >>> note.text, note.render("uk_UA")
    ('1 employee.', '1 працівник.')
    """

    __slots__ = ()
    message: Message

    @property
    def text(self) -> str:
        """The explanation in English (the ``en`` catalog)."""
        return self.message.render(ENGLISH)

    @property
    def localised(self) -> Message:
        """Deprecated: the same as :attr:`message`."""
        name = type(self).__name__
        warnings.warn(
            f"{name}.localised is deprecated: use {name}.message (the same Message).",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.message

    def render(self, locale: str) -> str:
        """The explanation in ``locale``'s language, numbers and names
        localised (see :meth:`~accountcore.i18n.Message.render`)."""
        return self.message.render(locale)
