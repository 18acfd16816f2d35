"""The 903 tables and their rows: which table a file holds, and every check of one row.

A row is read into a plain record only when every column is good; otherwise each bad
column becomes a ``Problem`` naming the file, the row (1 is the header, as a spreadsheet
numbers it) and the column, so a person can find and fix it in the extract.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from iro_desktop.domain.dates import parse_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.participation import validate_participation
from iro_desktop.domain.ssda903 import codes as c

TABLES: dict[str, tuple[str, ...]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC",
                 "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "UASC": ("CHILD", "SEX", "DOB", "DUC"),
}  # fmt: skip
# Other tables of the return: recognised, and left alone (IRO Desktop does not use them).
OTHER_TABLES: dict[str, tuple[str, ...]] = {
    "OC2": ("CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
            "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",
            "SEX_ADOPTR", "LS_ADOPTR"),
    "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED",
                       "REASON_PLACED_CEASED"),
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "SW_Episodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
}  # fmt: skip
REQUIRED_TABLES = ("Header", "Episodes")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # 0: the file as a whole; 1: the header row
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        if self.column:
            return f"{where}, {self.column}: {self.message}"
        return f"{where}: {self.message}"


def identify(header: list[str]) -> str | None:
    """The table whose columns the header names exactly (in any order), else None."""
    names = set(header)
    if len(names) != len(header):
        return None
    for table, columns in (TABLES | OTHER_TABLES).items():
        if names == set(columns):
            return table
    return None


def near_miss(header: list[str]) -> str:
    """Why a header matches no table, pointing at the closest one when it is close."""
    names = set(header)
    best = min(TABLES, key=lambda t: len(names ^ set(TABLES[t])))
    missing = [col for col in TABLES[best] if col not in names]
    extra = [col for col in header if col not in TABLES[best]]
    if len(missing) + len(extra) <= 3:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if extra:
            parts.append(f"unexpected {', '.join(extra)}")
        return (
            f"the header matches no SSDA903 table; it looks like {best} but is "
            f"{' and '.join(parts)} (the column names must be exactly the DfE's)"
        )
    return (
        "the header matches no SSDA903 table (expected the columns of Header, Episodes, "
        "Reviews or UASC, named exactly as the DfE names them)"
    )


_DMY = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?( ?[0-9][A-Z]{0,2})?$")
_UPN = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")


@lru_cache(maxsize=8192)
def dmy(text: str, column: str) -> date:
    """A 903 date: dd/mm/yyyy and nothing else (so 03/04 is never read the wrong way).

    Remembered: an extract repeats the same few thousand dates, each read several times
    (checked, the year inferred, stored), and a refusal is raised afresh each time."""
    if not _DMY.fullmatch(text):
        if not text:
            raise ValidationError(column, "is required")
        raise ValidationError(column, f"'{text}' is not a date in the form dd/mm/yyyy")
    return parse_date(text, column)


def _code(
    allowed: Mapping[str, str] | tuple[str, ...] | frozenset[str],
    text: str,
    column: str,
    year: c.CollectionYear | None = None,
) -> str:
    if not text:
        raise ValidationError(column, "is required")
    if text not in allowed:
        valid = ", ".join(sorted(allowed))
        when = f" in {year}" if year else ""
        raise ValidationError(column, f"'{text}' is not a valid code{when} (use one of: {valid})")
    return text


def _optional(check: Callable[[str], object], text: str) -> None:
    if text:
        check(text)


def postcode_district(postcode: str) -> str:
    """The outward part of a postcode ("GU21 4XX" -> "GU21"), for in or out of county."""
    cleaned = postcode.strip().upper()
    if " " in cleaned:
        return cleaned.split()[0]
    return cleaned[:-3] if len(cleaned) > 4 else cleaned


def _postcode(text: str, column: str) -> None:
    if not _POSTCODE.match(text.strip().upper()):
        raise ValidationError(column, f"'{text}' is not a postcode or postcode district")


@dataclass(frozen=True)
class HeaderRow:
    row: int
    child: str
    sex: str
    dob: date
    ethnic: str


@dataclass(frozen=True)
class EpisodeRow:
    row: int
    child: str
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    dec: date | None
    rec: str
    reason_place_change: str
    pl_post: str


@dataclass(frozen=True)
class ReviewRow:
    row: int
    child: str
    dob: date
    review: date
    code: str


@dataclass(frozen=True)
class UascRow:
    row: int
    child: str
    dob: date
    duc: date | None


Row = dict[str, str]


class RowChecker:
    """Checks rows of one collection year, collecting every problem of every column."""

    def __init__(self, year: c.CollectionYear) -> None:
        self.year = year
        self.codes = c.codes_for(year)
        self.problems: list[Problem] = []

    def _run(self, file: str, row: Row, column: str, check: Callable[[str], object]) -> object:
        try:
            return check(row[column])
        except ValidationError as exc:
            self.problems.append(Problem(file, int(row["_row"]), column, exc.problem))
            return None

    def _child(self, file: str, row: Row) -> str | None:
        def check(v: str) -> str:
            if not v:
                raise ValidationError("CHILD", "is required")
            if len(v) > 40:
                raise ValidationError("CHILD", "is longer than 40 characters")
            return v

        return self._run(file, row, "CHILD", check)  # type: ignore[return-value]

    def _not_after_year(self, file: str, row: Row, column: str, day: object) -> None:
        if isinstance(day, date) and day > self.year.end:
            self.problems.append(
                Problem(
                    file,
                    int(row["_row"]),
                    column,
                    f"is after the end of the collection year {self.year} "
                    f"(31/03/{self.year.first + 1})",
                )
            )

    def header(self, file: str, row: Row) -> HeaderRow | None:
        before = len(self.problems)
        child = self._child(file, row)
        sex = self._run(file, row, "SEX", lambda v: _code(self.codes.sex, v, "SEX", self.year))
        dob = self._run(file, row, "DOB", lambda v: dmy(v, "DOB"))
        self._not_after_year(file, row, "DOB", dob)
        ethnic = self._run(file, row, "ETHNIC", lambda v: _code(c.ETHNIC, v, "ETHNIC"))
        self._run(file, row, "UPN", lambda v: _optional(self._upn, v))
        self._run(
            file, row, "MOTHER", lambda v: _optional(lambda x: _code(c.MOTHER, x, "MOTHER"), v)
        )
        self._run(file, row, "MC_DOB", lambda v: _optional(lambda x: dmy(x, "MC_DOB"), v))
        if row["MC_DOB"] and row["MOTHER"] == "0":
            self.problems.append(
                Problem(
                    file,
                    int(row["_row"]),
                    "MC_DOB",
                    "is given but MOTHER says the child is not a mother",
                )
            )
        if len(self.problems) > before:
            return None
        assert isinstance(child, str) and isinstance(dob, date)
        return HeaderRow(int(row["_row"]), child, str(sex), dob, str(ethnic))

    @staticmethod
    def _upn(text: str) -> None:
        if text not in c.UPN_UNKNOWN and not _UPN.match(text):
            raise ValidationError(
                "UPN", f"'{text}' is not a UPN (13 characters) or one of UN1 to UN5"
            )

    def episode(self, file: str, row: Row) -> EpisodeRow | None:
        before = len(self.problems)
        r = int(row["_row"])
        child = self._child(file, row)
        decom = self._run(file, row, "DECOM", lambda v: dmy(v, "DECOM"))
        self._not_after_year(file, row, "DECOM", decom)
        self._run(file, row, "RNE", lambda v: _code(c.RNE, v, "RNE"))
        self._run(file, row, "LS", lambda v: _code(c.LS, v, "LS"))
        self._run(file, row, "CIN", lambda v: _code(c.CIN, v, "CIN"))
        self._run(file, row, "PLACE", lambda v: _code(self.codes.place, v, "PLACE", self.year))
        self._run(
            file,
            row,
            "PLACE_PROVIDER",
            lambda v: _optional(lambda x: _code(c.PLACE_PROVIDER, x, "PLACE_PROVIDER"), v),
        )
        if row["PLACE_PROVIDER"] and row["PLACE"] in c.NO_PROVIDER_PLACES:
            self.problems.append(
                Problem(file, r, "PLACE_PROVIDER", f"must be blank for placement {row['PLACE']}")
            )
        dec = self._run(file, row, "DEC", lambda v: dmy(v, "DEC") if v else None)
        self._not_after_year(file, row, "DEC", dec)
        self._run(file, row, "REC", lambda v: _optional(lambda x: _code(c.REC, x, "REC"), v))
        if bool(row["DEC"]) != bool(row["REC"]):
            missing = "REC" if row["DEC"] else "DEC"
            self.problems.append(
                Problem(file, r, missing, "DEC and REC go together: give both or neither")
            )
        if isinstance(decom, date) and isinstance(dec, date) and dec < decom:
            self.problems.append(Problem(file, r, "DEC", "is before DECOM (the episode's start)"))
        self._run(
            file,
            row,
            "REASON_PLACE_CHANGE",
            lambda v: _optional(
                lambda x: _code(c.REASON_PLACE_CHANGE, x, "REASON_PLACE_CHANGE"), v
            ),
        )
        for column in ("HOME_POST", "PL_POST"):
            self._run(
                file,
                row,
                column,
                lambda v, col=column: _optional(  # type: ignore[misc]
                    lambda x: _postcode(x, col), v
                ),
            )
        self._run(file, row, "URN", lambda v: _optional(self._urn, v))
        if len(self.problems) > before:
            return None
        assert isinstance(child, str) and isinstance(decom, date)
        return EpisodeRow(
            r,
            child,
            decom,
            row["RNE"],
            row["LS"],
            row["CIN"],
            row["PLACE"],
            row["PLACE_PROVIDER"],
            dec if isinstance(dec, date) else None,
            row["REC"],
            row["REASON_PLACE_CHANGE"],
            row["PL_POST"],
        )

    @staticmethod
    def _urn(text: str) -> None:
        if len(text) > 20:
            raise ValidationError("URN", "is longer than 20 characters")

    def review(self, file: str, row: Row) -> ReviewRow | None:
        before = len(self.problems)
        r = int(row["_row"])
        child = self._child(file, row)
        dob = self._run(file, row, "DOB", lambda v: dmy(v, "DOB"))
        held = self._run(file, row, "REVIEW", lambda v: dmy(v, "REVIEW"))
        self._not_after_year(file, row, "REVIEW", held)
        code = self._run(
            file, row, "REVIEW_CODE", lambda v: _code(c.PARTICIPATION, v, "REVIEW_CODE")
        )
        if isinstance(dob, date) and isinstance(held, date) and code:
            try:
                validate_participation(str(code), dob, held)
            except ValidationError as exc:
                column = "REVIEW_CODE" if exc.field == "participation_code" else "REVIEW"
                self.problems.append(Problem(file, r, column, exc.problem))
        if len(self.problems) > before:
            return None
        assert isinstance(child, str) and isinstance(dob, date) and isinstance(held, date)
        return ReviewRow(r, child, dob, held, str(code))

    def uasc(self, file: str, row: Row) -> UascRow | None:
        before = len(self.problems)
        child = self._child(file, row)
        self._run(file, row, "SEX", lambda v: _code(self.codes.sex, v, "SEX", self.year))
        dob = self._run(file, row, "DOB", lambda v: dmy(v, "DOB"))
        duc = self._run(file, row, "DUC", lambda v: dmy(v, "DUC") if v else None)
        if len(self.problems) > before:
            return None
        assert isinstance(child, str) and isinstance(dob, date)
        return UascRow(int(row["_row"]), child, dob, duc if isinstance(duc, date) else None)


def episode_from_raw(raw: Row, row: int = 0) -> EpisodeRow:
    """An episode kept from an earlier import (already checked then, against its own year)."""
    return EpisodeRow(row, raw["CHILD"], dmy(raw["DECOM"], "DECOM"), raw["RNE"], raw["LS"],
                      raw["CIN"], raw["PLACE"], raw["PLACE_PROVIDER"],
                      dmy(raw["DEC"], "DEC") if raw["DEC"] else None, raw["REC"],
                      raw["REASON_PLACE_CHANGE"], raw["PL_POST"])  # fmt: skip
