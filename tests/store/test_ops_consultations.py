"""Several respondents of one type (two parents, two foster carers), each named; the child's
own form and the social worker's report stay one per review. On a real encrypted store."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import consultations
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.consultations import consultations_for
from iro_desktop.store.schema import AuditEntry, Consultation, Review
from tests.conftest import TODAY
from tests.store.test_ops_world import add_child, get, held_review, run


def add(caseload: Caseload, review: Review, kind: str = "parent", **details: Any) -> Consultation:
    def go(op: Op) -> Consultation:
        row = op.session.get(Review, review.id)
        assert row is not None
        return consultations.add_consultation(op, row, respondent_type=kind, today=TODAY,
                                              **details)  # fmt: skip

    return run(caseload, go)


def another(caseload: Caseload, review: Review, kind: str, name: str | None,
            existing: str | None = None) -> Consultation:  # fmt: skip
    def go(op: Op) -> Consultation:
        row = op.session.get(Review, review.id)
        assert row is not None
        return consultations.add_another_respondent(
            op, row, respondent_type=kind, respondent_name=name, today=TODAY,
            name_for_existing=existing,
        )  # fmt: skip

    return run(caseload, go)


def forms(caseload: Caseload, kind: str) -> list[Consultation]:
    with caseload.session() as s:
        return [c for c in consultations_for(s, s.scalars(select(Review.id)).one())
                if c.respondent_type == kind]  # fmt: skip


def writes(caseload: Caseload) -> int:
    with caseload.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def refused(fn: Any, *args: Any, **kwargs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        fn(*args, **kwargs)
    return raised.value


def test_two_parents_each_with_a_name(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    add(caseload, review, respondent_name="Ana Elmstead")
    add(caseload, review, respondent_name="Tomasz Elmstead")
    another(caseload, review, "foster_carer", None)  # the first of a type needs no name
    another(caseload, review, "foster_carer", "Bea Okafor", existing="Sam Okafor")
    assert sorted(c.respondent_name or "" for c in forms(caseload, "parent")) == [
        "Ana Elmstead", "Tomasz Elmstead"]  # fmt: skip
    carers = forms(caseload, "foster_carer")
    assert sorted(c.respondent_name or "" for c in carers) == ["Bea Okafor", "Sam Okafor"]
    assert all(c.status == "not_sent" for c in carers)


def test_the_second_of_a_type_needs_a_name_and_a_different_one(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    add(caseload, review, respondent_name="Ana Elmstead")
    before = writes(caseload)
    for name in (None, "   "):
        error = refused(add, caseload, review, respondent_name=name)
        assert error.field == "respondent_name" and "required" in error.problem
    error = refused(add, caseload, review, respondent_name=" ana elmstead ")
    assert error.field == "respondent_name" and "Ana Elmstead" not in error.problem
    assert "already has a parent form" in error.problem
    error = refused(another, caseload, review, "parent", "Ana Elmstead")
    assert error.field == "respondent_name"
    assert writes(caseload) == before and len(forms(caseload, "parent")) == 1


def test_an_unnamed_first_one_must_be_named_before_another_joins(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    add(caseload, review)  # a parent, no name
    before = writes(caseload)
    error = refused(add, caseload, review, respondent_name="Tomasz")
    assert error.field == "respondent_name" and "name first" in error.problem
    error = refused(another, caseload, review, "parent", "Tomasz")
    assert error.field == "name_for_existing"
    error = refused(another, caseload, review, "parent", "Tomasz", existing=" tomasz")
    assert error.field == "respondent_name" and "differ" in error.problem
    assert writes(caseload) == before and len(forms(caseload, "parent")) == 1
    another(caseload, review, "parent", "Tomasz", existing="Ana")
    assert sorted(c.respondent_name or "" for c in forms(caseload, "parent")) == ["Ana", "Tomasz"]


def test_updating_one_of_two_keeps_names_required_and_distinct(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    first = add(caseload, review, respondent_name="Ana")
    add(caseload, review, respondent_name="Tomasz")

    def update(name: str | None) -> Consultation:
        def go(op: Op) -> Consultation:
            row = op.session.get(Consultation, first.id)
            assert row is not None
            return consultations.update_consultation(
                op, row, status="sent", today=TODAY, sent_date=TODAY, respondent_name=name
            )

        return run(caseload, go)

    assert refused(update, "").field == "respondent_name"
    assert refused(update, "TOMASZ").field == "respondent_name"
    assert get(caseload, Consultation, first.id).status == "not_sent"  # nothing lost
    update("Ana")  # its own name again is fine
    update("Ana Elmstead")
    saved = get(caseload, Consultation, first.id)
    assert saved.respondent_name == "Ana Elmstead" and saved.status == "sent"


def test_the_childs_own_form_and_the_report_stay_one_per_review(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    add(caseload, review, "child_8_12")
    for kind in ("child_8_12", "child_13_plus", "child"):
        error = refused(add, caseload, review, kind, respondent_name="Wren")
        assert error.field == "respondent_type" and "already has a form" in error.problem
    add(caseload, review, "social_worker")
    assert refused(add, caseload, review, "social_worker", respondent_name="X").field == (
        "respondent_type"
    )
    for kind in ("child_8_12", "social_worker"):
        assert refused(another, caseload, review, kind, "Someone").field == "respondent_type"

    def child_answers(op: Op) -> Consultation:
        row = op.session.get(Review, review.id)
        assert row is not None
        return consultations.record_child_answers(op, row, form_id="child_8_12", answers={},
                                                  today=TODAY)  # fmt: skip

    run(caseload, child_answers)  # child mode reuses the one form
    assert len(forms(caseload, "child_8_12")) == 1


def test_marking_one_of_two_parents_leaves_the_other(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    ana = add(caseload, review, respondent_name="Ana")
    tomasz = add(caseload, review, respondent_name="Tomasz")

    def mark(op: Op) -> Consultation:
        row = op.session.get(Review, review.id)
        assert row is not None
        return consultations.mark_consultation(
            op, row, respondent_type="parent", status="sent", on=TODAY, today=TODAY,
            consultation_id=tomasz.id,
        )  # fmt: skip

    run(caseload, mark)
    assert get(caseload, Consultation, tomasz.id).status == "sent"
    assert get(caseload, Consultation, ana.id).status == "not_sent"
