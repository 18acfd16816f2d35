"""The child's record: the summary, the profile (edited in place), the tabs of their file,
and the dialogs that add to it, correct it or end a placement or a person."""
