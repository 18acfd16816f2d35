"""search index and drafts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Full-text search over every record and note, and autosaved drafts, on the laptop only.

Why triggers rather than the operation layer: rows also arrive by sync pull, by the
importer and by this very migration's backfill; triggers index every write whichever
path made it, inside the same transaction, so the index can never drift from the data.

Layout: ``search_rows`` maps each indexed row (UUID, table, child) to an integer rowid;
``search_fts`` is an FTS5 table keyed by that rowid. Deleting by rowid is an index
lookup, whereas deleting from FTS5 by an UNINDEXED column scans the whole table.
Tombstoned rows (``deleted``) leave the index.

``drafts`` holds unsaved form contents (autosave), inside the encrypted file because
drafts are personal data and must never sit in a plain temp file. Not synced.

The table and column lists are frozen here on purpose (a migration must not change
when the models do); later schema changes add a new revision.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# table -> text-bearing columns. The child's own row is its own "child_id".
INDEXED: dict[str, tuple[str, ...]] = {
    "children": (
        "child_ref", "first_name", "last_name", "preferred_name", "school",
        "permanence_plan", "communication_needs", "disability", "first_language",
    ),
    "notes": ("text",),
    "visits": (
        "place", "others_present", "child_words", "summary", "next_steps",
        "not_seen_alone_reason",
    ),
    "reviews": (
        "venue", "working_well", "worried_about", "needs_to_happen", "child_words",
        "care_plan_view_reason", "brought_forward_reason",
    ),
    "decisions": ("text", "child_friendly_text", "owner"),
    "challenges": ("category", "issue", "outcome"),
    "challenge_stages": ("raised_with", "response", "outcome"),
    "midway_updates": ("spoke_with", "summary"),
    "midway_items": ("account",),
    "people": ("name", "organisation", "phone", "email", "notes"),
    "placements": ("area", "carers", "provider", "end_reason"),
    "consultations": ("respondent_name", "answers"),
    "review_feedback": ("comments",),
    "letters": ("content",),
}  # fmt: skip


def _body(alias: str, columns: tuple[str, ...]) -> str:
    return " || ' ' || ".join(f"coalesce({alias}.{c}, '')" for c in columns)


def _child(alias: str, table: str) -> str:
    return f"{alias}.id" if table == "children" else f"{alias}.child_id"


def _triggers(table: str, columns: tuple[str, ...]) -> list[str]:
    forget = (
        "DELETE FROM search_fts WHERE rowid = "
        "(SELECT rowid FROM search_rows WHERE row_id = old.id); "
        "DELETE FROM search_rows WHERE row_id = old.id;"
    )
    remember = (
        f"INSERT INTO search_rows (table_name, row_id, child_id) "
        f"SELECT '{table}', new.id, {_child('new', table)} WHERE NOT new.deleted; "
        f"INSERT INTO search_fts (rowid, body) "
        f"SELECT rowid, {_body('new', columns)} FROM search_rows WHERE row_id = new.id;"
    )
    watched = ", ".join((*columns, "deleted"))
    return [
        f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN {remember} END",
        f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {watched} ON {table} "
        f"BEGIN {forget} {remember} END",
        f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {forget} END",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # the central store on PostgreSQL does not search; it has no drafts
    run = op.execute
    run(
        "CREATE TABLE search_rows ("
        " rowid INTEGER PRIMARY KEY,"
        " table_name VARCHAR(60) NOT NULL,"
        " row_id VARCHAR(36) NOT NULL UNIQUE,"
        " child_id VARCHAR(36))"
    )
    run("CREATE INDEX ix_search_rows_child_id ON search_rows (child_id)")
    run(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    for table, columns in INDEXED.items():
        run(
            f"INSERT INTO search_rows (table_name, row_id, child_id) "
            f"SELECT '{table}', t.id, {_child('t', table)} FROM {table} t WHERE NOT t.deleted"
        )
        run(
            f"INSERT INTO search_fts (rowid, body) SELECT s.rowid, {_body('t', columns)} "
            f"FROM {table} t JOIN search_rows s ON s.row_id = t.id"
        )
        for statement in _triggers(table, columns):
            run(statement)
    run(
        "CREATE TABLE drafts ("
        " key VARCHAR(120) PRIMARY KEY,"
        " child_id VARCHAR(36),"
        " payload TEXT NOT NULL,"
        " saved_at VARCHAR(40) NOT NULL)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in INDEXED:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute("DROP TABLE IF EXISTS search_rows")
    op.execute("DROP TABLE IF EXISTS drafts")
