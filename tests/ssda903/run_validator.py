"""Run the public Data to Insight 903 validator over a folder; print TABLE:RULE per error.

Run by ``test_cli`` with the Python named in IRO_903_VALIDATOR_PYTHON, never imported by
the program (the validator and pandas are not dependencies of IRO Desktop).
"""

import importlib
import logging
import sys
from pathlib import Path

logging.disable(logging.CRITICAL)
from lac_validator import lac_validator  # noqa: E402
from lac_validator.utils import process_uploaded_files  # noqa: E402

folder, ruleset, year = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
files = process_uploaded_files({"This year": [str(p) for p in sorted(folder.glob("*.csv"))]})
registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
result = lac_validator.LacValidator(
    metadata={"collectionYear": year, "localAuthority": "E09000027"},
    files=files,
    registry=registry,
)
for table, frame in result.ds_results.items():
    if table == "metadata":
        continue
    for column in frame.columns:
        if column.startswith("ERR_") and bool(frame[column].fillna(False).astype(bool).any()):
            print(f"{table}:{column[4:]}")
