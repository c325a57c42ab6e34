"""Clients: who the account manager serves, and where each stands.

- :mod:`accountcore.clients.client`: :class:`Client` (an entity compared by
  ``id``), its kind, tier and lifecycle status (prospect → active → dormant
  → churned → won back), the changes a client records, and
  :func:`validate_clients`;
- :mod:`accountcore.clients.contacts`: :class:`Contact` persons at a
  client with their :class:`ContactRole` roles, and a deal's
  :class:`DealContact`;
- :mod:`accountcore.clients.errors`: the errors of a client's lifecycle and
  of a collection of clients.

>>> ClientStatus.PROSPECT.value, ClientTier("vip")
('prospect', <ClientTier.VIP: 'vip'>)
"""

from accountcore.clients.client import (
    Client,
    ClientAction,
    ClientChange,
    ClientKind,
    ClientStatus,
    ClientTier,
    validate_clients,
)
from accountcore.clients.contacts import (
    Contact,
    ContactRole,
    DealContact,
    contacts_in_role,
)

__all__ = [
    "Client",
    "ClientAction",
    "ClientChange",
    "ClientKind",
    "ClientStatus",
    "ClientTier",
    "validate_clients",
    "Contact",
    "ContactRole",
    "DealContact",
    "contacts_in_role",
]
