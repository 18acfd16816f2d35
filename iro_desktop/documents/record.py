"""The statutory review record: the professionals' account of the review, separate from the
child's letter.

It carries what the regulations and the authority's audit look for: who the child is, when
and where the review was held, who came, the participation code, the IRO's view of the care
plan, every decision with its owner and date, when the next review is due, and who the
record goes to. Plain and dense on purpose; the letter is where warmth goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Table, TableStyle
from sqlalchemy.orm import Session

from iro_desktop.documents import art, pdf
from iro_desktop.documents.blocks import Heading, gap
from iro_desktop.documents.content import (
    DecisionLine,
    decisions_of,
    find_child,
    find_review,
    next_due_after,
    people,
)
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.domain import codes
from iro_desktop.domain.dates import age_on, format_date
from iro_desktop.store import queries
from iro_desktop.store.schema import Iro

BODY = TextStyle(size=11, leading=15, space_after=3)
LABEL = BODY.but(weight="bold", colour=HexColor("#3A4654"))
RULE = HexColor("#C9D2DC")


@dataclass(frozen=True)
class RecordContent:
    authority: str
    child_name: str
    child_ref: str
    date_of_birth: date
    review_date: date
    kind: str
    venue: str
    attendees: tuple[str, ...]
    participation_code: str
    seen_alone: bool | None
    legal_status: str
    placement: str
    care_plan_view: str
    care_plan_reason: str
    sections: tuple[tuple[str, str], ...]
    decisions: tuple[DecisionLine, ...]
    next_review_due: date | None
    distribution: tuple[str, ...]
    iro_name: str


def load_record_content(
    session: Session, child_ref: str, review_date: date | None
) -> RecordContent:
    child = find_child(session, child_ref)
    review = find_review(session, child, review_date)
    assert review.held_date is not None
    [history] = queries.histories(session, [child])
    status = history.current_legal_status
    place = history.current_placement
    who = people(session, child, review.held_date)
    distribution = [f"{child.display_name} (the child's letter)"]
    for role in (
        "social_worker",
        "team_manager",
        "foster_carer",
        "residential_worker",
        "adopter",
        "parent",
        "advocate",
        "independent_visitor",
        "personal_adviser",
    ):
        if role in who:
            distribution.append(f"{who[role].name}, {codes.PEOPLE_ROLES[role].lower()}")
    if place is not None and place.carers:
        distribution.append(f"{place.carers}, carers")
    iro = session.get(Iro, child.iro_id) if child.iro_id else None
    return RecordContent(
        authority=str(queries.setting(session, "authority_name")),
        child_name=f"{child.first_name} {child.last_name}"
        + (f" (known as {child.preferred_name})" if child.preferred_name else ""),
        child_ref=child.child_ref,
        date_of_birth=child.date_of_birth,
        review_date=review.held_date,
        kind=review.kind.replace("_", " "),
        venue=review.venue or "not recorded",
        attendees=tuple(str(a) for a in review.attendees or ()),
        participation_code=review.participation_code or "not recorded",
        seen_alone=review.seen_alone,
        legal_status=(
            f"{status.code}: {codes.LEGAL_STATUSES.get(status.code, '')}" if status else ""
        ),
        placement=(
            f"{place.place_code}: {codes.PLACEMENT_TYPES.get(place.place_code, '')}"
            + (f", {place.area}" if place.area else "")
            + (" (out of county)" if place.out_of_county else "")
        )
        if place
        else "",
        care_plan_view=codes.CARE_PLAN_VIEWS.get(review.care_plan_view or "", "not recorded"),
        care_plan_reason=review.care_plan_view_reason or "",
        sections=(
            ("What is working well", review.working_well or ""),
            ("What we are worried about", review.worried_about or ""),
            ("What needs to happen", review.needs_to_happen or ""),
            ("The child's views, in their words", review.child_words or ""),
        ),
        decisions=decisions_of(session, review),
        next_review_due=next_due_after(session, child, review),
        distribution=tuple(distribution),
        iro_name=iro.name if iro else "",
    )


def _cell(text: str, style: TextStyle = BODY) -> TextBlock:
    return TextBlock(text or "-", style.but(space_after=0))


def _facts(rows: list[tuple[str, str]], width: float) -> Table:
    table = Table([[_cell(k, LABEL), _cell(v)] for k, v in rows],
                  colWidths=[52 * mm, width - 52 * mm])  # fmt: skip
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), "Andika"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))  # fmt: skip
    return table


def _decisions(decisions: tuple[DecisionLine, ...], width: float) -> Flowable:
    if not decisions:
        return _cell("No decisions were recorded at this review.")
    rows = [[_cell("Decision", LABEL), _cell("Who", LABEL), _cell("By", LABEL)]]
    rows += [
        [
            _cell(d.professional_text or d.what),
            _cell(d.owner),
            _cell(format_date(d.due) if d.due else "no date set"),
        ]
        for d in decisions
    ]
    table = Table(rows, colWidths=[width - 82 * mm, 44 * mm, 38 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), "Andika"),
        ("BACKGROUND", (0, 0), (-1, 0), art.GREY.fill),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))  # fmt: skip
    return table


def record_story(r: RecordContent) -> list[Flowable]:
    width = pdf.frame_width()
    head = BODY.but(size=13, leading=17, space_before=10, space_after=6)
    seen = {True: "yes", False: "no", None: "not recorded"}[r.seen_alone]
    out: list[Flowable] = [
        TextBlock(
            "Statutory review of a looked-after child: record",
            BODY.but(size=18, leading=24, weight="bold"),
        ),
        TextBlock(
            f"{r.authority} · Independent Reviewing Service · OFFICIAL-SENSITIVE",
            BODY.but(colour=HexColor("#3A4654")),
        ),
        gap(6),
        _facts(
            [
                ("Child", r.child_name),
                ("Reference", r.child_ref),
                (
                    "Date of birth",
                    f"{format_date(r.date_of_birth)} "
                    f"(age {age_on(r.date_of_birth, r.review_date)} at the review)",
                ),
                ("Legal status", r.legal_status),
                ("Placement", r.placement),
                ("Review held", f"{format_date(r.review_date)} ({r.kind} review)"),
                ("Venue", r.venue),
                ("Attendees", ", ".join(r.attendees) or "not recorded"),
                (
                    "Participation",
                    f"{r.participation_code}: "
                    f"{codes.PARTICIPATION_CODES.get(r.participation_code, '')}",
                ),
                ("Seen alone by the IRO", seen),
                ("Chair", r.iro_name or "not recorded"),
            ],
            width,
        ),
        Heading("The IRO's view of the care plan", head, art.GREY, None),
        _cell(r.care_plan_view + (f". {r.care_plan_reason}" if r.care_plan_reason else "")),
    ]
    for title, text in r.sections:
        out += [Heading(title, head, art.GREY, None), TextBlock(text or "Not recorded.", BODY)]
    out += [
        Heading("Decisions", head, art.GREY, None), _decisions(r.decisions, width),
        Heading("Next review", head, art.GREY, None),
        _cell(f"Due by {format_date(r.next_review_due)}." if r.next_review_due else "Not set."),
        Heading("Distribution", head, art.GREY, None),
        TextBlock("\n".join(r.distribution), BODY),
    ]  # fmt: skip
    return out


def render_record(content: RecordContent) -> bytes:
    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        block = TextBlock(f"{content.child_ref} · review of {format_date(content.review_date)}"
                          f" · page {doc.page}", BODY.but(size=9, leading=11, align="centre",
                                                          colour=HexColor("#3A4654")))  # fmt: skip
        block.wrap(doc.pagesize[0] - 40 * mm, 20)
        block.drawOn(canvas, 20 * mm, 10 * mm)

    return pdf.build(record_story(content), title="Statutory review record", decorate=decorate)
