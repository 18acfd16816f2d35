"""A whole 903 extract checked at once: every row, then what spans rows and tables.

Nothing is written from an extract with any problem, so the checks here run to the end
and list everything, rather than stopping at the first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.ssda903 import codes as c
from iro_desktop.domain.ssda903.rows import (
    REQUIRED_TABLES,
    EpisodeRow,
    HeaderRow,
    Problem,
    ReviewRow,
    Row,
    RowChecker,
    UascRow,
    dmy,
)

# table name -> (file name, rows); each row maps column -> text, with "_row" its number.
Tables = dict[str, tuple[str, list[Row]]]


@dataclass
class Extract:
    year: c.CollectionYear
    headers: dict[str, HeaderRow] = field(default_factory=dict)
    episodes: dict[str, list[EpisodeRow]] = field(default_factory=lambda: defaultdict(list))
    reviews: list[ReviewRow] = field(default_factory=list)
    uasc: dict[str, UascRow] = field(default_factory=dict)
    raw: dict[str, list[Row]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table -> the file that held it


def infer_year(tables: Tables, today: date) -> c.CollectionYear:
    """The collection year of the latest date in the extract (a year's extract ends in it)."""
    latest: date | None = None
    for _file, rows in tables.values():
        for row in rows:
            for column in ("DECOM", "DEC", "REVIEW"):
                try:
                    day = dmy(row.get(column, ""), column)
                except ValidationError:
                    continue
                latest = day if latest is None or day > latest else latest
    return c.year_of(latest or today)


def check_extract(tables: Tables, year: c.CollectionYear) -> tuple[Extract, list[Problem]]:
    """Every problem of every row and across rows; the extract is usable only with none."""
    checker = RowChecker(year)
    extract = Extract(
        year,
        raw={t: rows for t, (_f, rows) in tables.items()},
        files={t: f for t, (f, _rows) in tables.items()},
    )
    problems = checker.problems
    for table in REQUIRED_TABLES:
        if table not in tables:
            problems.append(Problem(f"{table} table", 0, "", "no file in the folder holds it"))
    if "Header" in tables:
        file, rows = tables["Header"]
        for row in rows:
            h = checker.header(file, row)
            if h is None:
                continue
            if h.child in extract.headers:
                problems.append(
                    Problem(file, h.row, "CHILD", f"repeats row {extract.headers[h.child].row}")
                )
            else:
                extract.headers[h.child] = h
    header_ok = not problems
    if "Episodes" in tables:
        file, rows = tables["Episodes"]
        for row in rows:
            e = checker.episode(file, row)
            if e is not None:
                extract.episodes[e.child].append(e)
        for child, eps in extract.episodes.items():
            if header_ok and child not in extract.headers:
                problems.append(Problem(file, eps[0].row, "CHILD", f"{child} is not in Header"))
            _sequence(file, eps, problems)
    if "Reviews" in tables:
        file, rows = tables["Reviews"]
        seen: dict[tuple[str, date], int] = {}
        for row in rows:
            r = checker.review(file, row)
            if r is None:
                continue
            _in_header(file, r.row, r.child, r.dob, extract, header_ok, problems)
            key = (r.child, r.review)
            if key in seen:
                problems.append(Problem(file, r.row, "REVIEW", f"repeats row {seen[key]}"))
            seen[key] = r.row
            extract.reviews.append(r)
    if "UASC" in tables:
        file, rows = tables["UASC"]
        for row in rows:
            u = checker.uasc(file, row)
            if u is not None:
                _in_header(file, u.row, u.child, u.dob, extract, header_ok, problems)
                extract.uasc[u.child] = u
    problems.sort(key=lambda p: (p.file, p.row, p.column))
    return extract, problems


def _in_header(
    file: str,
    row: int,
    child: str,
    dob: date,
    extract: Extract,
    header_ok: bool,
    problems: list[Problem],
) -> None:
    if not header_ok:
        return
    header = extract.headers.get(child)
    if header is None:
        problems.append(Problem(file, row, "CHILD", f"{child} is not in Header"))
    elif header.dob != dob:
        problems.append(
            Problem(
                file, row, "DOB", f"differs from Header's date of birth ({format_date(header.dob)})"
            )
        )


def _sequence(file: str, eps: list[EpisodeRow], problems: list[Problem]) -> None:
    """One child's episodes follow each other: no two start the same day, none overlaps."""
    ordered = sorted(eps, key=lambda e: (e.decom, e.row))
    for before, after in pairwise(ordered):
        if after.decom == before.decom:
            problems.append(
                Problem(
                    file,
                    after.row,
                    "DECOM",
                    f"another episode of {after.child} starts the same day (row {before.row})",
                )
            )
        elif before.dec is None:
            problems.append(
                Problem(
                    file,
                    before.row,
                    "DEC",
                    f"is blank, but a later episode starts on "
                    f"{format_date(after.decom)} (row {after.row})",
                )
            )
        elif before.dec > after.decom:
            problems.append(
                Problem(
                    file,
                    after.row,
                    "DECOM",
                    f"is before the previous episode ended "
                    f"({format_date(before.dec)}, row {before.row})",
                )
            )
