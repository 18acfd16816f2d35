"""What marks a caseload file as ours, and its newest schema revision; imports nothing.

``migrations`` re-exports ``SCHEMA_HEAD`` (a test keeps it equal to Alembic's head). The
quick first screen (``store.quick_open``) checks both without loading SQLAlchemy.
"""

APPLICATION_ID = 0x49524F44  # "IROD" in PRAGMA application_id: the decrypted file is ours
SCHEMA_HEAD = "0012"
