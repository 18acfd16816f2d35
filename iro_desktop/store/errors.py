"""Errors the store raises, each with a message an IRO can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store reports to a person."""


class PassphraseRequired(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "This caseload is protected by a passphrase. Enter it, or set "
            "IRO_DESKTOP_PASSPHRASE for scripted use."
        )


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("That passphrase is not right. Nothing has been changed.")


class KeyUnavailable(StoreError):
    """The keyring that held the key is gone and there is no passphrase copy."""


class NotACaseloadFile(StoreError):
    def __init__(self, detail: str = "") -> None:
        msg = (
            "The caseload file cannot be read: it is damaged, or it is not an IRO Desktop "
            "caseload. It has been left exactly as it was."
        )
        super().__init__(f"{msg} ({detail})" if detail else msg)


class NewerVersion(StoreError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            "This caseload was written by a newer version of IRO Desktop "
            f"(schema {revision}). Install the newer version to open it; the file has "
            "not been changed."
        )


class AlreadyExists(StoreError):
    pass


class NeedsDoingFirst(StoreError):
    """What was asked for needs another step first; the message says which."""


class ChangedSince(StoreError):
    """An undo or redo would write over a change made after the write it undoes (one a
    sync brought from another computer, or a later one here): refused, nothing written."""

    def __init__(self, what: str, doing: str, elsewhere: bool = True) -> None:
        where = " on another computer" if elsewhere else " again"
        super().__init__(
            f"This {what} was changed{where} after your change, so {doing} it would "
            "overwrite that. Open it and correct it instead."
        )
        self.what, self.doing, self.elsewhere = what, doing, elsewhere

    def __reduce__(self) -> tuple[type[ChangedSince], tuple[str, str, bool]]:
        return (type(self), (self.what, self.doing, self.elsewhere))
