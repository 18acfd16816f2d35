"""The demo caseload: deterministic, synthetic, and holding every awkward case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE, ensure_demo
from iro_desktop.domain.codes import SHORT_BREAK_STATUSES
from iro_desktop.domain.dates import age_on
from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.queries import histories, live_children
from iro_desktop.store.schema import (
    SYNCED_MODELS,
    Challenge,
    Consultation,
    MidwayUpdate,
    Person,
    Review,
    Visit,
)
from tests.conftest import TODAY

RTL_LANGUAGES = {"ar", "ps", "prs", "fa", "ur"}


def fingerprint(folder: Path) -> tuple[object, ...]:
    opened = open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        with opened.session() as s:
            kids = tuple(
                (c.child_ref, c.first_name, c.last_name, c.date_of_birth, c.became_looked_after)
                for c in live_children(s)
            )
            counts = tuple(s.scalar(select(func.count()).select_from(m)) for m in SYNCED_MODELS)
            codes = tuple(
                s.scalars(
                    select(Review.participation_code).order_by(
                        Review.held_date, Review.participation_code
                    )
                )
            )
    finally:
        opened.close()
    return kids, counts, codes


def test_the_demo_is_the_same_every_time(demo_master: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    ensure_demo(again, reset=False, today=TODAY)
    assert fingerprint(again) == fingerprint(demo_master)


def test_the_demo_holds_every_case_the_domain_names(demo_master: Path) -> None:
    opened = open_caseload(demo_master, passphrase=DEMO_PASSPHRASE)
    with opened.session() as s:
        kids = live_children(s)
        assert len(kids) == 65
        all_history = histories(s, kids)
        out_of_county = [
            h for h in all_history if h.current_placement and h.current_placement.out_of_county
        ]
        under_four = [c for c in kids if age_on(c.date_of_birth, TODAY) < 4]
        short_breaks = [
            h
            for h in all_history
            if h.current_legal_status and h.current_legal_status.code in SHORT_BREAK_STATUSES
        ]
        uasc_rtl = [
            c for c in kids if c.unaccompanied_asylum_seeking and c.language_code in RTL_LANGUAGES
        ]
        siblings = s.scalars(select(Person).where(Person.role == "sibling")).all()
        held_years = {r.held_date.year for r in s.scalars(select(Review)) if r.held_date}
        assert len(out_of_county) >= 10
        assert under_four and short_breaks and uasc_rtl
        assert len({p.child_id for p in siblings}) >= 3
        assert max(held_years) - min(held_years) >= 4  # several years of history
        for model in (Visit, Consultation, MidwayUpdate, Challenge):
            assert s.scalar(select(func.count()).select_from(model)), model.__tablename__
        pn0 = s.scalars(select(Review).where(Review.participation_code == "PN0")).all()
        assert pn0
    opened.close()


def test_reset_refuses_a_folder_that_is_not_the_demo(caseload: object, tmp_path: Path) -> None:
    import pytest

    from iro_desktop.store.errors import StoreError

    folder = tmp_path / "caseload"  # made by the caseload fixture, not a demo
    before = (folder / "caseload.db").stat().st_size
    with pytest.raises(StoreError, match="not the demo"):
        ensure_demo(folder, reset=True, today=date(2026, 11, 24))
    assert (folder / "caseload.db").stat().st_size == before
