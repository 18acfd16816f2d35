"""Read-side loaders for the screens: plain dataclasses built in a worker thread.

No Qt here, so these run off the UI thread and can be tested without a display. They
would sit happily in ``store.queries``; they live here because only the GUI reads them
in this shape.
"""
