"""The change sequence commits in order on every write path, so a pull never skips a change.

A pull reads the head of ``change_log`` first and trusts that every change at or below it
has committed (DESIGN.md, "Sync"). On PostgreSQL a sequence hands out numbers at insert
time, not at commit time, so that holds only while writers are serialised: a change given
a number, held open while a later number commits, would slip in below a cursor a laptop
has already passed. Each writer here has a central store of its own, as the server
process and an admin command run beside it do, so nothing but the database serialises
them.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from iro_desktop.central import admin, auth, changes, imports
from iro_desktop.central.app import ChangeIn, PushIn, create_app
from iro_desktop.central.auth import Principal
from iro_desktop.central.store import CentralStore
from iro_desktop.store.schema import ChangeLog, Child
from tests.sync.harness import drop_pg, pg_database

PATHS = ("push", "add_iro", "allocate", "import_caseload", "import_reviews")
PAGE = 4  # small, so the reader pages as a laptop does with a long backlog
WAIT = 60.0  # a bound on waiting for a thread, so a bug fails the test instead of hanging it
CASELOAD_HEADER = (
    "child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
    "became_looked_after,placement_start,placement_type"
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, upgraded central database (no server process: writers are in-process)."""
    if request.param == "sqlite":
        url: str | None = f"sqlite:///{tmp_path / 'central.db'}"
    else:
        url = pg_database()
        if url is None:
            pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (set CI=true to require it)")
    assert url is not None
    try:
        store = CentralStore(url)
        store.upgrade()
        store.dispose()
        yield url
    finally:
        if request.param == "postgres":
            drop_pg(url)


class HeldBack(Exception):
    """The database made this writer wait for another one (and it was told not to)."""


def _held_back(exc: OperationalError) -> bool:
    import psycopg

    return isinstance(exc.orig, psycopg.errors.LockNotAvailable) or (
        "database is locked" in str(exc.orig)
    )


def _no_waiting(dbapi_connection: Any, _record: Any) -> None:
    """Fail at once, instead of waiting, when another transaction holds what we need."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.execute("PRAGMA busy_timeout = 0")
    else:
        dbapi_connection.execute("SET lock_timeout = '10ms'")
        dbapi_connection.commit()


class Writer:
    """A central store of its own (as another process would have) and one IRO device."""

    def __init__(self, url: str, token: str, *, waits: bool = True) -> None:
        self.store = CentralStore(url)
        if not waits:
            event.listen(self.store.writer, "connect", _no_waiting)
        with self.store.reading() as s:
            assert auth.authenticate(s, token) is not None
        self.token = HTTPAuthorizationCredentials(scheme="Bearer", credentials=token)
        app = create_app(self.store)
        [self._push] = [
            r.endpoint for r in app.routes if isinstance(r, APIRoute) and r.path == "/v1/push"
        ]
        self._pause: PauseBeforeCommit | None = None

    def push(self, changes_in: list[dict[str, Any]]) -> dict[str, Any]:
        body = PushIn(changes=[ChangeIn(**c) for c in changes_in])
        out: dict[str, Any] = self._push(body=body, token=self.token)
        return out

    def pause(self) -> PauseBeforeCommit:
        if self._pause is None:
            self._pause = PauseBeforeCommit(self.store)
        return self._pause

    def close(self) -> None:
        self.store.dispose()


class PauseBeforeCommit:
    """Holds the next write transaction of a store open after its last statement, just
    before COMMIT: its change-log rows have their numbers but nobody can see them yet."""

    def __init__(self, store: CentralStore) -> None:
        self.armed = False
        self.paused = threading.Event()
        self.go = threading.Event()
        event.listen(store.writer, "commit", self._commit)

    def arm(self) -> None:
        self.paused.clear()
        self.go.clear()
        self.armed = True

    def _commit(self, _conn: Any) -> None:
        if not self.armed:
            return
        self.armed = False
        self.paused.set()
        if not self.go.wait(WAIT):
            raise AssertionError("the paused writer was never let go")


Action = Callable[[Writer], None]


@dataclass
class World:
    """One IRO (the reader) holding every child the writers touch, and a second IRO."""

    url: str
    tmp: Path
    store: CentralStore
    reader_email: str
    other_email: str
    reader: Principal
    push_child: str
    names: Iterator[int] = field(default_factory=itertools.count)

    @classmethod
    def make(cls, url: str, tmp: Path) -> World:
        store = CentralStore(url)
        reader_email, other_email = "reader@example.org", "other@example.org"
        admin.add_iro(store, reader_email, "Reading Iro")
        admin.add_iro(store, other_email, "Other Iro")
        token = admin.issue_token(store, reader_email, "the reader's laptop")
        with store.reading() as s:
            reader = auth.authenticate(s, token)
        assert reader is not None
        world = cls(url, tmp, store, reader_email, other_email, reader, "")
        world.push_child, _ = world.new_child()
        return world

    def token(self) -> str:
        return admin.issue_token(self.store, self.reader_email, "a writer's laptop")

    def ref(self) -> str:
        return f"ORD{next(self.names):04d}"

    def caseload_csv(self, ref: str) -> Path:
        path = self.tmp / f"{ref}.csv"
        path.write_text(
            f"{CASELOAD_HEADER}\n{ref},Sam,Example,,2014-03-09,Female,C2,2022-05-03,2022-05-03,U6\n"
        )
        return path

    def new_child(self) -> tuple[str, str]:
        """A child imported now and allocated to the reader: (id, child_ref)."""
        ref = self.ref()
        problems, _ = imports.import_file(
            self.store, "caseload", self.caseload_csv(ref), self.reader_email
        )
        assert problems == []
        with self.store.reading() as s:
            child = s.scalar(select(Child).where(Child.child_ref == ref))
            assert child is not None
            return child.id, ref

    def prepare(self, path: str) -> Action:
        """Set up (committed now) what one write on ``path`` needs; returns that write.

        Every write touches rows of its own, so two writers never wait for each other
        over a row: only over the order of the change sequence.
        """
        if path == "push":
            note, child = str(uuid.uuid4()), self.push_child
            change = {
                "change_id": str(uuid.uuid4()), "table": "notes", "row_id": note, "op": "upsert",
                "version": 1, "base_version": 0,
                "payload": {"id": note, "child_id": child, "note_date": "2025-06-02",
                            "kind": "case_note", "text": "Spoke with Sam", "version": 1,
                            "updated_at": "2025-06-02T10:00:00+00:00", "deleted": False},
            }  # fmt: skip

            def push(w: Writer) -> None:
                [result] = w.push([change])["results"]
                assert result["outcome"] == "applied", result

            return push
        if path == "add_iro":
            email = f"{self.ref().lower()}@example.org"

            def add_iro(w: Writer) -> None:
                admin.add_iro(w.store, email, "New Iro")

            return add_iro
        if path == "allocate":
            _, ref = self.new_child()
            # The reader covers the child, so it stays in the reader's view when it moves.
            admin.cover(self.store, ref, self.reader_email, until=date(2099, 12, 31))
            return lambda w: admin.allocate(w.store, ref, self.other_email)
        if path == "import_caseload":
            csv = self.caseload_csv(self.ref())
            return lambda w: _imported(
                imports.import_file(w.store, "caseload", csv, self.reader_email)
            )
        assert path == "import_reviews"
        _, ref = self.new_child()
        reviews = self.tmp / f"{ref}-reviews.csv"
        reviews.write_text(f"child_ref,review_date,participation_code\n{ref},2022-05-30,PN1\n")
        return lambda w: _imported(imports.import_file(w.store, "reviews", reviews, None))


def _imported(result: tuple[list[str], int]) -> None:
    problems, count = result
    assert problems == [] and count > 0


def _attempt(action: Action, writer: Writer) -> None:
    try:
        action(writer)
    except OperationalError as exc:
        if _held_back(exc):
            raise HeldBack from exc
        raise


class PullingLaptop:
    """The reader's pulls, with the real ``changes.pull``, paging and moving a cursor."""

    def __init__(self, world: World) -> None:
        self.world = world
        with world.store.reading() as s:
            self.start = self.cursor = changes.head(s)
        self.seen: set[int] = set()
        # (cursor, every change at or below it that had committed when the pull ended)
        self.checkpoints: list[tuple[int, set[int]]] = []
        self.pulls = 0

    def pull(self, *, checkpoint: bool = False) -> None:
        more = True
        while more:
            with self.world.store.reading() as s:
                page = changes.pull(s, self.world.reader, self.cursor, PAGE)
            self.pulls += 1
            self.seen |= {c["seq"] for c in page["changes"]}
            assert page["cursor"] >= self.cursor
            self.cursor, more = page["cursor"], page["more"]
        if checkpoint:
            self.checkpoints.append((self.cursor, self._committed(upto=self.cursor)))

    def _committed(self, upto: int) -> set[int]:
        with self.world.store.reading() as s:
            return set(
                s.scalars(
                    select(ChangeLog.seq).where(ChangeLog.seq > self.start, ChangeLog.seq <= upto)
                )
            )

    def assert_missed_nothing(self) -> set[str]:
        """Every change in the reader's view reached it, and no change ever committed
        below a cursor after a pull had moved past it. Returns the tables it saw."""
        with self.world.store.reading() as s:
            scope = changes.scope_of(s, self.world.reader)
            rows = s.execute(
                select(
                    ChangeLog.seq, ChangeLog.table_name, ChangeLog.row_id, ChangeLog.child_id
                ).where(ChangeLog.seq > self.start)
            ).all()
        visible = {
            r.seq
            for r in rows
            if r.child_id in scope.children or (r.table_name == "iros" and r.row_id in scope.iros)
        }
        missed = sorted(visible - self.seen)
        assert not missed, f"the pulls skipped changes {missed} (cursor {self.cursor})"
        assert self.seen <= visible
        for cursor, then in self.checkpoints:
            late = sorted({r.seq for r in rows if r.seq <= cursor} - then)
            assert not late, f"changes {late} committed below cursor {cursor} after a pull"
        return {r.table_name for r in rows}


def test_a_write_transaction_shuts_out_other_stores_from_its_start(
    db_url: str, tmp_path: Path
) -> None:
    """Serialised from BEGIN, before any write: the advisory lock on PostgreSQL,
    ``BEGIN IMMEDIATE`` on SQLite (a deferred BEGIN let another process's writer start
    alongside and then fail with "database is locked" instead of waiting its turn)."""
    world = World.make(db_url, tmp_path)
    token = world.token()
    one, two = Writer(db_url, token), Writer(db_url, token, waits=False)
    try:
        with one.store.writing() as first:
            first.connection()  # begun, nothing written yet
            with pytest.raises(OperationalError) as refused, two.store.writing() as session:
                session.connection()
            assert _held_back(refused.value)
        with two.store.writing() as session:  # and free again once the first has ended
            session.connection()
    finally:
        one.close()
        two.close()
        world.store.dispose()


@pytest.mark.parametrize("first", PATHS)
def test_a_change_held_open_never_slips_below_a_pulled_cursor(
    db_url: str, tmp_path: Path, first: str
) -> None:
    """Writer one gets its change numbers and is held just before COMMIT; writer two
    (every path in turn) tries to write meanwhile, told to fail rather than wait if the
    database makes it wait; then the laptop pulls. Writer two must not have committed a
    later number: had it, the pull's cursor would pass writer one's change for good."""
    world = World.make(db_url, tmp_path)
    laptop = PullingLaptop(world)
    one = Writer(db_url, world.token())
    two = Writer(db_url, world.token(), waits=False)
    try:
        for second in PATHS:
            act_one, act_two = world.prepare(first), world.prepare(second)
            laptop.pull(checkpoint=True)
            pause = one.pause()
            pause.arm()
            failed: list[BaseException] = []

            def run_one(act: Action = act_one, errors: list[BaseException] = failed) -> None:
                try:
                    act(one)
                except BaseException as exc:  # reported by the main thread
                    errors.append(exc)

            thread_one = threading.Thread(target=run_one)
            thread_one.start()
            assert pause.paused.wait(WAIT), f"{first} never reached COMMIT"

            outcome: list[str] = []

            def run_two(act: Action = act_two, out: list[str] = outcome) -> None:
                try:
                    _attempt(act, two)
                    out.append("committed")
                except HeldBack:
                    out.append("held back")
                except BaseException as exc:  # reported by the main thread
                    out.append(repr(exc))

            thread_two = threading.Thread(target=run_two)
            thread_two.start()
            thread_two.join(WAIT)
            assert outcome in (["committed"], ["held back"]), (second, outcome)
            laptop.pull(checkpoint=True)  # writer one is still open
            pause.go.set()
            thread_one.join(WAIT)
            assert not thread_one.is_alive() and not failed, failed
            if outcome == ["held back"]:
                act_two(two)  # nothing is open now
            laptop.pull(checkpoint=True)
        tables = laptop.assert_missed_nothing()
        assert {"notes", "iros", "children", "placements", "reviews"} <= tables
    finally:
        one.close()
        two.close()
        world.store.dispose()


WRITERS = 4
EACH = 2  # writes per path per writer


def test_concurrent_writers_on_every_path_never_hide_a_change_from_a_pull(
    db_url: str, tmp_path: Path
) -> None:
    """Writers on every path at once, each with its own store, while a laptop pulls in a
    loop; once they finish and it pulls one last time, it has seen every change."""
    world = World.make(db_url, tmp_path)
    laptop = PullingLaptop(world)
    writers = [Writer(db_url, world.token()) for _ in range(WRITERS)]
    plans = [
        [world.prepare(PATHS[(i + k) % len(PATHS)]) for k in range(len(PATHS) * EACH)]
        for i in range(WRITERS)
    ]
    start = threading.Barrier(WRITERS + 1)
    writing_done = threading.Event()
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            start.wait(WAIT)
            for act in plans[i]:
                act(writers[i])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    def read() -> None:
        try:
            start.wait(WAIT)
            while not writing_done.is_set():
                laptop.pull()
            laptop.pull()  # one last time, after every writer has committed
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    reader = threading.Thread(target=read)
    try:
        for t in [*threads, reader]:
            t.start()
        for t in threads:
            t.join(WAIT)
        writing_done.set()
        reader.join(WAIT)
        assert not any(t.is_alive() for t in [*threads, reader])
        assert not errors, errors
        tables = laptop.assert_missed_nothing()
        assert {"notes", "iros", "children", "placements", "reviews"} <= tables
        assert laptop.pulls > 1
    finally:
        for w in writers:
            w.close()
        world.store.dispose()
