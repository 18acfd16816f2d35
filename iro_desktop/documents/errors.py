"""The one error the printouts raise for something a person can fix (wrong child, no review).

It is a ``StoreError`` so the command line and the GUI's task runner already show it as one
clear line rather than a traceback.
"""

from __future__ import annotations

from iro_desktop.store.errors import StoreError


class DocumentError(StoreError):
    """A printout cannot be made from what is on the caseload, and why."""
