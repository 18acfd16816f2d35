"""Hypothesis stateful test: several laptops, two IROs, transfers, conflicts and faults,
against a real central store process. After a clean sync round every laptop equals the
server, and no acknowledged change is missing or doubled."""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from iro_desktop.central import admin, auth
from iro_desktop.sync import conflicts
from iro_desktop.sync.errors import SyncError
from tests.sync.harness import Central, Laptop, Proxy
from tests.sync.test_faults import _no_change_lost_or_doubled


@pytest.fixture
def proxy_for(own_central: Central) -> Iterator[Proxy]:
    p = Proxy(own_central.server.port)
    yield p
    p.close()


FAULTS = st.sampled_from(["none", "none", "drop-push", "cut-pull", "cut-snapshot"])


class SyncMachine(RuleBasedStateMachine):
    central: Central
    proxy: Proxy

    @initialize()
    def setup(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="iro-stateful-"))
        self.emails = [self.central.iro("A"), self.central.iro("B")]
        self.laptops: list[Laptop] = []
        for i, email in enumerate([self.emails[0], self.emails[0], self.emails[1]]):
            lap = Laptop.make(self.tmp, f"lap{i}", email)
            lap.connect(self.proxy.url, self.central.token(email))
            self.laptops.append(lap)
        self.refs: dict[str, str] = {}
        for lap, n in ((self.laptops[0], 2), (self.laptops[2], 1)):
            for _ in range(n):
                ref = f"S{uuid.uuid4().hex[:8]}"
                self.refs[lap.add_child(ref)] = ref
            lap.sync()
        for lap in self.laptops:
            lap.sync()
        self.notes: list[str] = []

    def _children(self, lap: Laptop) -> list[str]:
        return sorted(lap.child_ids())

    # Text the operation layer accepts (no NUL, no lone surrogate; see store/rowcheck.py).
    @rule(
        i=st.integers(0, 2),
        pick=st.integers(0, 10),
        text=st.text(
            st.characters(exclude_characters="\x00", exclude_categories=("Cs",)),
            min_size=1,
            max_size=20,
        ),
    )
    def write_note(self, i: int, pick: int, text: str) -> None:
        lap = self.laptops[i]
        kids = self._children(lap)
        if not kids:
            return
        own = [n for n in self.notes if lap.note_text(n) is not None]
        if own and pick % 2:
            lap.edit_note(own[pick % len(own)], text)
        else:
            self.notes.append(lap.add_note(kids[pick % len(kids)], text))

    @rule(i=st.integers(0, 2), fault=FAULTS, cut=st.integers(0, 3000))
    def sync(self, i: int, fault: str, cut: int) -> None:
        if fault == "drop-push":
            self.proxy.arm("/v1/push", 0)
        elif fault == "cut-pull":
            self.proxy.arm("/v1/pull", cut)
        elif fault == "cut-snapshot":
            self.proxy.arm("/v1/snapshot", cut)
        try:
            self.laptops[i].sync()
        except SyncError:
            pass
        finally:
            self.proxy.armed = None

    @rule(pick=st.integers(0, 10))
    def transfer(self, pick: int) -> None:
        ids = sorted(self.refs)
        child = ids[pick % len(ids)]
        with self.central.store.reading() as s:
            holder = [
                e for e in self.emails if child in auth.visible_children(s, admin.account(s, e).id)
            ]
        target = self.emails[1] if holder == [self.emails[0]] else self.emails[0]
        admin.allocate(self.central.store, self.refs[child], target)

    @rule(i=st.integers(0, 2), choice=st.sampled_from(["server", "laptop", "merged"]))
    def settle_conflict(self, i: int, choice: str) -> None:
        lap = self.laptops[i]
        views = [v for v in conflicts.list_conflicts(lap.caseload) if not v.refused_reason]
        if not views:
            return
        view = views[0]
        merged = {**view.server, "text": "merged"} if choice == "merged" else None
        with contextlib.suppress(LookupError):
            conflicts.resolve(lap.caseload, view.id, choice, lap.actor, merged)  # type: ignore[arg-type]

    @invariant()
    def nothing_refused(self) -> None:
        for lap in getattr(self, "laptops", []):
            assert not [v for v in conflicts.list_conflicts(lap.caseload) if v.refused_reason]

    def teardown(self) -> None:
        if not getattr(self, "laptops", None):
            return
        for _round in range(2):
            for lap in self.laptops:
                lap.sync()
        with self.central.store.reading() as s:
            scopes = [
                auth.visible_children(s, admin.account(s, lap.email).id) for lap in self.laptops
            ]
        for lap, scope in zip(self.laptops, scopes, strict=True):
            assert lap.child_ids() == scope
            assert lap.payloads() == self.central.rows_for(scope)
        _no_change_lost_or_doubled(self.central, *self.laptops)
        for lap in self.laptops:
            lap.caseload.close()


def test_many_laptops_with_faults(own_central: Central, proxy_for: Proxy) -> None:
    SyncMachine.central = own_central
    SyncMachine.proxy = proxy_for
    run_state_machine_as_test(
        SyncMachine,
        settings=settings(
            max_examples=6,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
