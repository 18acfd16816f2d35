"""A folder of 903 CSV files: which table each holds, and its rows as text.

Files are named as the authority likes; the header says which table a file holds.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from iro_desktop.domain.ssda903.extract import Tables
from iro_desktop.domain.ssda903.rows import OTHER_TABLES, TABLES, Problem, identify, near_miss

MAX_BYTES = 200 * 1024 * 1024


def read_folder(folder: Path) -> tuple[Tables, list[Problem], list[str]]:
    """(tables found, problems, notes about files left alone)."""
    tables: Tables = {}
    problems: list[Problem] = []
    notes: list[str] = []
    if not folder.is_dir():
        return tables, [Problem(str(folder), 0, "", "is not a folder")], notes
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        problems.append(Problem(str(folder), 0, "", "holds no .csv files"))
    for path in files:
        read = _read(path, problems)
        if read is None:
            continue
        header, rows = read
        table = identify(header)
        if table is None:
            problems.append(Problem(path.name, 1, "", near_miss(header)))
        elif table in OTHER_TABLES:
            notes.append(f"{path.name} holds the {table} table, which IRO Desktop does not use")
        elif table in tables:
            problems.append(
                Problem(
                    path.name,
                    0,
                    "",
                    f"holds the {table} table, as {tables[table][0]} does: "
                    "keep one of them in the folder",
                )
            )
        else:
            tables[table] = (path.name, rows)
            if not rows:
                problems.append(Problem(path.name, 0, "", f"the {table} table has no rows"))
    return tables, problems, notes


def _read(path: Path, problems: list[Problem]) -> tuple[list[str], list[dict[str, str]]] | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            problems.append(Problem(path.name, 0, "", "the file is larger than 200 MB"))
            return None
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(path.name, 0, "", "is not UTF-8 text (save it as CSV UTF-8)"))
        return None
    except OSError as exc:
        problems.append(Problem(path.name, 0, "", f"cannot be read ({exc.strerror})"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    if not any(header):
        problems.append(Problem(path.name, 0, "", "is empty"))
        return None
    rows: list[dict[str, str]] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue  # a blank line
        if len(values) != len(header):
            problems.append(
                Problem(
                    path.name,
                    reader.line_num,
                    "",
                    f"the row has {len(values)} values; the header has {len(header)}",
                )
            )
            continue
        row = {name: value.strip() for name, value in zip(header, values, strict=True)}
        row["_row"] = str(reader.line_num)
        rows.append(row)
    return header, rows


def write_table(path: Path, table: str, rows: list[dict[str, str]]) -> None:
    """One 903 table as CSV: the DfE's columns in the DfE's order, Windows line ends."""
    columns = TABLES[table]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(col, "") for col in columns])
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
