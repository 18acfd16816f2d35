"""When to sync again in the background. No Qt.

The GUI's ``SyncController`` (gui/sync/controller.py) runs one sync at a time and asks
``retry_delay`` when to try again: a failed sync is retried sooner, backing off up to the
interval.
"""

from __future__ import annotations

FIRST_RETRY_S = 15.0


def retry_delay(failures: int, interval: float, first: float = FIRST_RETRY_S) -> float:
    """Seconds before the next try: the interval when all is well; after failures
    15 s, 30 s, 60 s ... never longer than the interval."""
    if failures <= 0:
        return interval
    return float(min(interval, first * 2 ** min(failures - 1, 16)))
