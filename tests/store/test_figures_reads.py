"""What the laptop's figures read: the IRO's own children, every row the measures count."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.demo import DEMO_ACTOR
from iro_desktop.store.ops.core import operation
from iro_desktop.store.queries import ME_KEY
from iro_desktop.store.reads.figures import caseload_facts
from iro_desktop.store.schema import Child, Consultation, Iro, Review, SyncState


def test_the_iros_own_children_and_all_their_rows(demo_folder: Path) -> None:
    caseload = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    try:
        with operation(caseload, DEMO_ACTOR) as op:
            kids = list(op.session.scalars(select(Child).order_by(Child.child_ref).limit(2)))
            mine = kids[0].iro_id
            assert mine is not None
            op.session.add(SyncState(key=ME_KEY, value=mine))  # a synced laptop knows its IRO
            other = Iro(name="Sam Cover", email="sam.cover@demo-borough.example")
            op.save(other)
            op.session.flush()
            kids[0].iro_id = None  # imported here, no IRO on record yet: ours
            kids[1].iro_id = other.id  # covered for another IRO: theirs
            for kid in kids:
                op.save(kid)
            covered = kids[1].id
        with caseload.session() as session:
            facts = caseload_facts(session)
            total = session.scalar(select(func.count()).select_from(Child))
            held = session.scalar(select(func.count()).where(
                Review.status == "held", Review.child_id != covered))  # fmt: skip
            forms = session.scalar(select(func.count()).where(Consultation.child_id != covered))
    finally:
        caseload.close()
    assert kids[0].id in facts.children and covered not in facts.children
    assert len(facts.children) == total - 1
    assert len(facts.reviews) == held
    assert len([c for c in facts.consultations if c.child_id != covered]) == forms
    live = [c for c in facts.children.values() if c.ceased is None]
    assert all(c.next_review_due is not None for c in live)
