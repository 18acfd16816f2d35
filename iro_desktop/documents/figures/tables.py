"""The figures as rows: the tables every output shares (text, CSV, PDF, the screen).

Each table is a title, a header and rows of strings; a chart, a PDF table or a CSV file is
made from the same rows, so they always show the same numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from iro_desktop.domain.codes import (
    CATEGORIES_OF_NEED,
    CHALLENGE_CATEGORIES,
    FEEDBACK_RATINGS,
    LEGAL_STATUSES,
    PARTICIPATION_CODES,
    RESPONDENT_TYPES,
)
from iro_desktop.domain.figures.measure import Measure
from iro_desktop.domain.figures.report import Figures
from iro_desktop.domain.participation import Rate

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    total_row: bool = False  # the last row is a total (printed bold)


def percent(rate: Rate) -> str:
    value = rate.percent
    return "-" if value is None else f"{value:.1f}%"


def month_name(key: str) -> str:
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def measure_row(m: Measure) -> tuple[str, ...]:
    return (m.label, str(m.numerator), str(m.denominator), percent(m.rate), str(len(m.waiting)))


MEASURE_HEADER = ("Measure", "Yes", "Out of", "%", "Not due")


def headline(figures: Figures) -> Table:
    return Table(
        "measures",
        "Headline measures",
        MEASURE_HEADER,
        tuple(measure_row(m) for m in figures.measures.values()),
        "Not due: work still within its deadline, left out of the rate (never counted late).",
    )


def by_kind(figures: Figures) -> Table:
    overall = measure_row(figures.measures["reviews_in_timescale"])
    return Table(
        "reviews_in_timescale_by_kind",
        "Reviews held within timescale, by kind",
        MEASURE_HEADER,
        (
            *(measure_row(m) for m in figures.reviews_by_kind.values()),
            ("All reviews", *overall[1:]),
        ),
        total_row=True,
    )


def participation(figures: Figures) -> Table:
    """North Somerset's table: months down, codes across, totals both ways."""
    codes = list(PARTICIPATION_CODES)
    rows = []
    totals = dict.fromkeys(codes, 0)
    for month, counts in figures.participation_by_month.items():
        rows.append(
            (month_name(month), *(str(counts[c]) for c in codes), str(sum(counts.values())))
        )
        for c in codes:
            totals[c] += counts[c]
    rows.append(("Total", *(str(totals[c]) for c in codes), str(sum(totals.values()))))
    rate = figures.measures["participation_rate"].rate
    return Table(
        "participation_by_month",
        "Reviews by participation code and month",
        ("Month", *codes, "Total"),
        tuple(rows),
        f"Participation of children aged 4 and over (PN1-PN6 out of PN1-PN7): {rate.describe(2)}.",
        total_row=True,
    )


def _counts(
    key: str,
    title: str,
    counts: dict[str, int],
    labels: dict[str, str] | None = None,
    header: str = "",
    column: str = "Children",
    note: str = "",
) -> Table:
    """A tally with its total row; ``labels`` turn codes into words."""
    rows = [(labels.get(k, k) if labels else k, str(v)) for k, v in counts.items()]
    rows.append(("Total", str(sum(counts.values()))))
    return Table(key, title, (header, column), tuple(rows), note, total_row=True)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def children_at_end(figures: Figures) -> list[Table]:
    end = figures.children_at_end
    day = figures.children_at_end.day
    at = f"at {day.day} {_MONTHS[day.month - 1]} {day.year}"
    status_labels = {k: f"{k} {_short(v)}" for k, v in LEGAL_STATUSES.items()}
    need_labels = {k: f"{k} {v}" for k, v in CATEGORIES_OF_NEED.items()}
    return [
        _counts("by_age_band", f"Age {at}", end.by_age_band, header="Age"),
        _counts(
            "by_gender",
            f"Gender {at}",
            end.by_gender,
            {k: _capital(k) for k in end.by_gender},
            "Gender",
        ),
        _counts(
            "by_legal_status",
            f"Legal status {at}",
            end.by_legal_status,
            status_labels,
            "Legal status",
        ),
        _counts(
            "by_category_of_need",
            f"Category of need {at}",
            end.by_category_of_need,
            need_labels,
            "Category of need",
        ),
        _counts(
            "by_ethnicity",
            f"Ethnic origin {at}",
            end.by_ethnicity,
            {k: _capital(k) for k in end.by_ethnicity},
            "Ethnicity",
        ),
        _counts(
            "by_county",
            f"Living in or out of county {at}",
            end.by_county,
            {k: _capital(k) for k in end.by_county},
            "Where they live",
        ),
    ]


def _short(label: str) -> str:
    return label if len(label) <= 38 else label[:36].rstrip() + "…"


def challenges(figures: Figures) -> list[Table]:
    c = figures.challenges
    categories = {k: _capital(v) for k, v in CHALLENGE_CATEGORIES.items()}
    outcomes = {k: _capital(k) for k in c.by_outcome}
    return [
        _counts("challenges_by_stage", "Challenges by the stage they reached", c.by_stage,
                header="Stage", column="Challenges",
                note=f"Good-practice alerts raised: {c.good_practice_alerts}."),
        _counts("challenges_by_category", "Challenges by reason", c.by_category, categories,
                "Reason", "Challenges"),
        _counts("challenges_by_outcome", "Challenges by outcome", c.by_outcome, outcomes,
                "Outcome", "Challenges"),
    ]  # fmt: skip


def consultations(figures: Figures) -> Table:
    rows = []
    for key, row in figures.consultations_by_respondent.items():
        rate = Rate(row["returned"], row["sent"])
        rows.append(
            (RESPONDENT_TYPES.get(key, key), str(row["returned"]), str(row["sent"]), percent(rate))
        )
    total = figures.measures["consultations_returned"]
    rows.append(("All forms", str(total.numerator), str(total.denominator), percent(total.rate)))
    return Table(
        "consultations_by_respondent",
        "Consultation forms returned, by respondent",
        ("Respondent", "Returned", "Sent", "%"),
        tuple(rows),
        total_row=True,
    )


def feedback(figures: Figures) -> list[Table]:
    fb = figures.feedback
    questions = tuple(
        (m.label, str(m.numerator), str(m.denominator), percent(m.rate))
        for m in (fb.venue_as_wanted, fb.date_time_as_wanted, fb.asked_who_should_come)
    )
    return [
        _counts("feedback_by_rating", "Children's feedback on their review", fb.by_rating,
                FEEDBACK_RATINGS, "Rating", "Postcards"),
        Table("feedback_questions", "What the postcards said",
              ("Question", "Yes", "Answered", "%"), questions),
    ]  # fmt: skip


def caseload_by_iro(figures: Figures, names: dict[str, str]) -> Table:
    low, high = figures.caseload.guidance
    counts = dict(sorted((names.get(k, k), v) for k, v in figures.caseload_by_iro.items()))
    return _counts("caseload_by_iro", "Children per IRO at the end of the period", counts,
                   header="IRO", note=f"Guidance for a full-time IRO: {low} to {high} "
                   "children (IRO Handbook 7.15).")  # fmt: skip


def all_tables(figures: Figures, names: dict[str, str] | None = None) -> list[Table]:
    out = [headline(figures), by_kind(figures), participation(figures),
           *children_at_end(figures), *challenges(figures), consultations(figures),
           *feedback(figures)]  # fmt: skip
    if figures.caseload_by_iro:
        out.append(caseload_by_iro(figures, names or {}))
    return out


def as_text(figures: Figures, names: dict[str, str] | None = None) -> str:
    """Plain text for a terminal: each table with its columns lined up."""
    lines = [f"Figures for {figures.period.describe()}, as at {figures.today.isoformat()}"]
    for table in all_tables(figures, names):
        lines += ["", table.title, *_aligned(table)]
        if table.note:
            lines.append(table.note)
    return "\n".join(lines) + "\n"


def _aligned(table: Table) -> Iterator[str]:
    rows = [table.header, *table.rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(table.header))]
    for r in rows:
        first = r[0].ljust(widths[0])
        rest = "  ".join(cell.rjust(w) for cell, w in zip(r[1:], widths[1:], strict=True))
        yield f"  {first}  {rest}".rstrip()


def flatten(
    data: dict[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from flatten(value, (*path, str(key)))
        else:
            yield (*path, str(key)), value


CSV_HEADER = ("scope", "table", "row", "column", "value")


def csv_rows(scope: str, data: dict[str, Any]) -> Iterator[tuple[str, ...]]:
    """The fixed JSON shape, one number a line: (scope, table, row, column, value)."""
    for path, value in flatten(data):
        if len(path) == 1:
            table, row, column = path[0], "", "value"
        elif len(path) == 2:
            table, row, column = path[0], path[1], "value"
        else:
            table, row, column = ".".join(path[:-2]), path[-2], path[-1]
        yield scope, table, row, column, str(value)


def to_csv(parts: Iterable[tuple[str, dict[str, Any]]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for scope, data in parts:
        writer.writerows(csv_rows(scope, data))
    return out.getvalue()
