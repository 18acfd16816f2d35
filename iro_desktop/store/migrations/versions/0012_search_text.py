"""search text: index the words in JSON columns, not the JSON

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

Migration 0002 indexed ``letters.content`` and ``consultations.answers`` as stored: raw
JSON. A search for "kept" or "said" found every letter (they are keys), snippets read
``"kept": [], "said": [{…``, and words outside ASCII (stored as ``\\uXXXX`` escapes by
the JSON encoder) could not be found at all.

This revision keeps 0002's design (triggers fill ``search_rows`` and ``search_fts``, one
way of indexing whatever path wrote the row) and changes only what those two tables'
triggers put in the body: the string values inside the JSON, gathered with SQLite's
``json_tree``, never its keys, numbers or booleans. Values under ``CODE_KEYS`` are left
out too: they are codes or data, not words anyone wrote (a letter's picture is base64, an
answer's ``source`` is "review" on every letter, a decision's ``due`` an ISO date). A
value that is not valid JSON (never written by the program) is indexed as it is, so a
trigger can never make a write fail. It then rebuilds those two tables' index entries.

The other tables' triggers, and the ``write_gen`` triggers, are not touched. The central
store (PostgreSQL) has no search index; nothing runs there.

The lists are frozen here on purpose, like 0002's.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# table -> (plain text columns, JSON columns), in 0002's order.
CHANGED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "consultations": (("respondent_name",), ("answers",)),
    "letters": ((), ("content",)),
}
# 0002's bodies, for the downgrade: every column concatenated as stored.
RAW: dict[str, tuple[str, ...]] = {
    "consultations": ("respondent_name", "answers"),
    "letters": ("content",),
}
CODE_KEYS = ("picture", "source", "due")


def _json_words(ref: str) -> str:
    codes = ", ".join(f"'{k}'" for k in CODE_KEYS)
    return (
        f"(CASE WHEN json_valid({ref}) THEN coalesce((SELECT group_concat(j.value, ' ')"
        f" FROM json_tree({ref}) j WHERE j.type = 'text'"
        f" AND coalesce(j.key, '') NOT IN ({codes})), '')"
        f" ELSE coalesce({ref}, '') END)"
    )


def _body(alias: str, table: str) -> str:
    plain, as_json = CHANGED[table]
    parts = [f"coalesce({alias}.{c}, '')" for c in plain]
    parts += [_json_words(f"{alias}.{c}") for c in as_json]
    return " || ' ' || ".join(parts)


def _raw_body(alias: str, table: str) -> str:
    return " || ' ' || ".join(f"coalesce({alias}.{c}, '')" for c in RAW[table])


def _triggers(table: str, body: str, watched_columns: tuple[str, ...]) -> list[str]:
    """0002's three triggers for ``table``, with ``body`` (over ``new``) as the text."""
    forget = (
        "DELETE FROM search_fts WHERE rowid = "
        "(SELECT rowid FROM search_rows WHERE row_id = old.id); "
        "DELETE FROM search_rows WHERE row_id = old.id;"
    )
    remember = (
        f"INSERT INTO search_rows (table_name, row_id, child_id) "
        f"SELECT '{table}', new.id, new.child_id WHERE NOT new.deleted; "
        f"INSERT INTO search_fts (rowid, body) "
        f"SELECT rowid, {body} FROM search_rows WHERE row_id = new.id;"
    )
    watched = ", ".join((*watched_columns, "deleted"))
    return [
        f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN {remember} END",
        f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {watched} ON {table} "
        f"BEGIN {forget} {remember} END",
        f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {forget} END",
    ]


def _replace(table: str, body_of: str) -> None:
    """Swap ``table``'s search triggers and re-index its rows with the new body."""
    body = _body if body_of == "words" else _raw_body
    for suffix in ("ai", "au", "ad"):
        op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{suffix}")
    for statement in _triggers(table, body("new", table), RAW[table]):
        op.execute(statement)
    op.execute(
        "DELETE FROM search_fts WHERE rowid IN "
        f"(SELECT rowid FROM search_rows WHERE table_name = '{table}')"
    )
    op.execute(
        f"INSERT INTO search_fts (rowid, body) SELECT s.rowid, {body('t', table)} "
        f"FROM {table} t JOIN search_rows s ON s.row_id = t.id"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # the central store on PostgreSQL has no search index
    for table in CHANGED:
        _replace(table, "words")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in CHANGED:
        _replace(table, "raw")
