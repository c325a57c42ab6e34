"""Messages in the reader's language, and the one shape of every explanation.

- :mod:`accountcore.i18n.catalog`: the gettext catalogs (English, Estonian,
  Ukrainian, Japanese, Romanian, Latvian), :func:`translate`, the
  locale-aware formatting of money, numbers, percentages and dates, and
  :class:`Message`: a catalog id with typed parameters (a ``count`` among
  them chooses the plural form), rendered later in any locale. Refusals,
  reasons, findings, hints, statement lines and report labels are all
  explained by a :class:`Message`;
- :mod:`accountcore.i18n._hooks`: how a message travels as plain data
  (registered on the one converter of :mod:`accountcore.serialization`).

>>> Message.of("common.clients", count=2).render("lv_LV")
'2 klienti'
"""

from accountcore.i18n import _hooks as _hooks  # registers the message hooks
from accountcore.i18n.catalog import (
    DOMAIN,
    LANGUAGES,
    N_,
    Message,
    Percent,
    fill_template,
    format_day,
    format_money,
    format_number,
    format_percent,
    format_value,
    language_of,
    message_ids,
    placeholders,
    translate,
)

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "Message",
    "N_",
    "Percent",
    "fill_template",
    "format_day",
    "format_money",
    "format_number",
    "format_percent",
    "format_value",
    "language_of",
    "message_ids",
    "placeholders",
    "translate",
]
