"""Sync failures, each with a message an IRO can act on."""

from __future__ import annotations

from iro_desktop.store.errors import StoreError


class SyncError(StoreError):
    """The sync did not finish; nothing acknowledged is lost and the next one resumes."""


class NotConnected(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "This laptop is not connected to a central store. "
            "Run 'iro-desktop connect --server URL' (it asks for your token)."
        )


class Refused(SyncError):
    """The central store refused the token (revoked, unknown, or the account is disabled)."""


class CertificateError(SyncError):
    """The server's TLS certificate did not verify (unknown CA, expired, wrong name)."""
