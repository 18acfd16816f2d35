"""The statutory review record: the professionals' account of the review, separate from the
child's letter.

It carries what the regulations and the authority's audit look for: who the child is, when
and where the review was held, who came, the participation code, the IRO's view of the care
plan, every decision with its owner and date, when the next review is due, and who the
record goes to. Plain and dense on purpose; the letter is where warmth goes.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Table, TableStyle

from iro_desktop.documents import art, pdf
from iro_desktop.documents.blocks import Heading, gap
from iro_desktop.documents.content import DecisionLine
from iro_desktop.documents.record_content import RecordContent, load_record_content
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.domain import codes
from iro_desktop.domain.dates import age_on, format_date

__all__ = ["RecordContent", "load_record_content", "render_record"]
MARKING = "OFFICIAL-SENSITIVE"

BODY = TextStyle(size=11, leading=15, space_after=3)
LABEL = BODY.but(weight="bold", colour=HexColor("#3A4654"))
RULE = HexColor("#C9D2DC")


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


def _decisions(decisions: tuple[DecisionLine, ...], width: float,
               progress: bool = False) -> Flowable:  # fmt: skip
    if not decisions:
        return _cell("No decisions were recorded at this review.")
    head = ["Decision", "Who", "By"] + (["Progress"] if progress else [])
    rows = [[_cell(h, LABEL) for h in head]]
    rows += [[_cell(d.professional_text or d.what), _cell(d.owner),
              _cell(format_date(d.due) if d.due else "no date set")]
             + ([_cell(codes.DECISION_STATUSES.get(d.status, d.status))] if progress else [])
             for d in decisions]  # fmt: skip
    cols = [width - 82 * mm, 44 * mm, 38 * mm]
    if progress:
        cols = [width - 112 * mm, 38 * mm, 44 * mm, 30 * mm]
    table = Table(rows, colWidths=cols, repeatRows=1)
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
            f"{r.authority} · Independent Reviewing Service · {MARKING}",
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
                ("Attendees", "\n".join(r.attendees) or "not recorded"),
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
    ]
    if r.translator_note:
        out.append(TextBlock(r.translator_note, BODY.but(colour=HexColor("#8A4600"))))
    last = (f"Decisions of the last review ({format_date(r.last_review_date)}) and their "
            "progress" if r.last_review_date else "Decisions of the last review")  # fmt: skip
    out += [Heading(last, head, art.GREY, None),
            _decisions(r.last_decisions, width, progress=True) if r.last_review_date
            else _cell("This is the child's first review.")]  # fmt: skip
    for title, text in (*r.about, *r.sections):
        out += [Heading(title, head, art.GREY, None), TextBlock(text or "Not recorded.", BODY)]
    reason = r.care_plan_reason or "No reason recorded."
    out += [Heading("The IRO's view of the care plan", head, art.GREY, None),
            _cell(f"{r.care_plan_view}. Reasons: {reason}"),
            TextBlock("Challenges raised since the last review:", LABEL.but(space_before=4)),
            TextBlock("\n".join(r.challenges) or "None.", BODY)]  # fmt: skip
    completed = format_date(r.completed_on) if r.completed_on else "not yet distributed"
    out += [
        Heading("Decisions of this review", head, art.GREY, None),
        _decisions(r.decisions, width),
        Heading("Next review", head, art.GREY, None),
        _cell(f"Due by {format_date(r.next_review_due)}." if r.next_review_due else "Not set."),
        Heading("Distribution", head, art.GREY, None),
        TextBlock("\n".join(r.distribution), BODY),
        Heading("Completion and sign-off", head, art.GREY, None),
        _facts([("Record completed", completed),
                ("Signed", f"{r.iro_name or 'the IRO'}, Independent Reviewing Officer"),
                ("Date of review", format_date(r.review_date))], width),
    ]  # fmt: skip
    return out


def render_record(content: RecordContent) -> bytes:
    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        small = BODY.but(size=9, leading=11, align="centre", colour=HexColor("#3A4654"))
        width, height = doc.pagesize
        for text, y in (
            (MARKING, height - 12 * mm),
            (
                f"{MARKING} · {content.child_ref} · review of "
                f"{format_date(content.review_date)} · page {doc.page}",
                10 * mm,
            ),
        ):
            block = TextBlock(text, small.but(weight="bold") if text == MARKING else small)
            block.wrap(width - 40 * mm, 20)
            block.drawOn(canvas, 20 * mm, y)

    return pdf.build(record_story(content), title="Statutory review record", decorate=decorate)
