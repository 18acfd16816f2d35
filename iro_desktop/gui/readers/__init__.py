"""Read-side loaders for the screens: plain dataclasses built in a worker thread.

No Qt here, so these run off the UI thread and can be tested without a display. They
would sit happily in ``store.queries``; they live here because only the GUI reads them
in this shape.
"""

from iro_desktop import __version__

# The saved start views the first screen is drawn from (``store.start_view``): what's due
# (``whats_due``) and the caseload table (``caseload_rows``). Here, so that the launcher
# can name them before anything that loads Qt.
VIEW_NAMES = ("due", "caseload")
# Stamped on each saved view; a view with another stamp is not drawn. Bump the number when
# ChildFacts, DueFact or Kind change (tests/gui/test_start_view.py pins them). The release
# is part of it, so an upgrade that changes a rule never draws the old figures.
VIEW_FORMAT = f"1/{__version__}"
