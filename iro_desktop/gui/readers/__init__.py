"""Read-side loaders for the screens: plain dataclasses built in a worker thread.

No Qt here, so these run off the UI thread and can be tested without a display. They
would sit happily in ``store.queries``; they live here because only the GUI reads them
in this shape.
"""

# The saved start views the first screen is drawn from (``store.start_view``): what's due
# (``whats_due``) and the caseload table (``caseload_rows``). Here, so that the launcher
# can name them before anything that loads Qt.
VIEW_NAMES = ("due", "caseload")
