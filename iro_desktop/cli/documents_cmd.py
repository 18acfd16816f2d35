"""``iro-desktop letter | record | card | forms``: print the documents from a script.

Each writes a PDF (never to a file name made from a child's name: the caller chooses it)
and says in one line what went wrong if it cannot: unknown child, no held review, a
language with no wording.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from iro_desktop.cli.common import cli_actor, open_from_args
from iro_desktop.domain.dates import parse_date
from iro_desktop.domain.errors import ValidationError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("letter", help="print the letter to the child after a review")
    p.add_argument("--child", required=True, metavar="CHILD_REF")
    p.add_argument("--review", metavar="YYYY-MM-DD", help="review date (default: latest held)")
    p.add_argument("--language", help="en, ar, ps, prs (fa-AF), ti, fa, ckb, am, sq, vi, uk "
                   "(default: the saved letter's, else en)")  # fmt: skip
    p.add_argument("--dyslexia-font", action="store_true", help="use OpenDyslexic")
    p.add_argument("--picture", type=Path, help="a drawing or photo (PNG or JPEG) to include")
    p.add_argument("--print-anyway", action="store_true",
                   help="print even with jargon or unanswered words flagged (recorded in "
                   "the audit)")  # fmt: skip
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.set_defaults(handler=run_letter)

    p = sub.add_parser("record", help="print the statutory review record")
    p.add_argument("--child", required=True, metavar="CHILD_REF")
    p.add_argument("--review", metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.set_defaults(handler=run_record)

    p = sub.add_parser("card", help="print your introductory sheet and contact cards")
    p.add_argument("--language", default="en")
    p.add_argument("--iro", metavar="EMAIL", help="whose card, if the caseload has several")
    p.add_argument(
        "--band",
        choices=("under_8", "8_12", "13_plus"),
        help="the introductory sheet for one age band (default: one for each)",
    )
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.set_defaults(handler=run_card)

    p = sub.add_parser("forms", help="print blank consultation forms")
    p.add_argument("--form", action="append", metavar="ID",
                   help="only this form (repeatable), e.g. child_8_12")  # fmt: skip
    p.add_argument(
        "--child",
        metavar="CHILD_REF",
        help="print this child's name on every page (default: a line to write it)",
    )
    p.add_argument("--out", required=True, type=Path, metavar="DIR-or-FILE.pdf",
                   help="a .pdf file gets every form; a folder gets one PDF per form")  # fmt: skip
    p.set_defaults(handler=run_forms)


def _review_date(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    return parse_date(args.review, "--review") if args.review else None


def _write(path: Path, data: bytes) -> None:
    if path.parent and not path.parent.exists():
        raise ValidationError("--out", f"the folder {path.parent} does not exist")
    path.write_bytes(data)
    print(f"Wrote {path} ({len(data):,} bytes).")


def _warn_translation(language: str) -> None:
    from iro_desktop.documents.wording import load

    wording = load(language)
    if wording.needs_translator_check:
        print(f"Note: the {wording.name} wording has not yet been checked by a qualified "
              "translator.", file=sys.stderr)  # fmt: skip


def run_letter(args: argparse.Namespace) -> int:
    from iro_desktop.documents import api

    picture = None
    if args.picture:
        if not args.picture.is_file():
            raise ValidationError("--picture", f"{args.picture} is not a file")
        picture = args.picture.read_bytes()
    caseload = open_from_args(args)
    try:
        with caseload.session() as session:
            content = api.letter_content(session, args.child, review_date=_review_date(args),
                                         language=args.language, picture=picture)  # fmt: skip
        problems = api.check_content(content).problems()
        if problems and not args.print_anyway:
            print(f"The letter for {args.child} is not ready to print. Resolve these in the "
                  "letter editor (or run again with --print-anyway, which is recorded):",
                  file=sys.stderr)  # fmt: skip
            for problem in problems:
                print(f"  - {problem}", file=sys.stderr)
            return 2
        data = api.render_letter(content, dyslexia_font=args.dyslexia_font)
        if problems:
            api.record_printed_anyway(caseload, cli_actor(caseload), content, problems)
            print(f"Printed with {len(problems)} flag(s) unresolved; this is recorded in "
                  "the audit.", file=sys.stderr)  # fmt: skip
    finally:
        caseload.close()
    if args.language:
        _warn_translation(args.language)
    _write(args.out, data)
    return 0


def run_record(args: argparse.Namespace) -> int:
    from iro_desktop.documents import api

    caseload = open_from_args(args)
    try:
        data = api.record_pdf(caseload, args.child, review_date=_review_date(args))
    finally:
        caseload.close()
    _write(args.out, data)
    return 0


def run_card(args: argparse.Namespace) -> int:
    from iro_desktop.documents import api
    from iro_desktop.documents.wording import load

    load(args.language)  # an unknown language fails before the caseload is opened
    caseload = open_from_args(args)
    try:
        data = api.card_pdf(caseload, language=args.language, iro_email=args.iro,
                            band=args.band)  # fmt: skip
    finally:
        caseload.close()
    _warn_translation(args.language)
    _write(args.out, data)
    return 0


def run_forms(args: argparse.Namespace) -> int:
    from iro_desktop.documents import api, forms

    known = [f.id for f in forms.load_forms()]
    unknown = [f for f in args.form or [] if f not in known]
    if unknown:
        raise ValidationError("--form", f"no form called {', '.join(unknown)}; "
                              f"forms: {', '.join(known)}")  # fmt: skip
    out: Path = args.out
    caseload = open_from_args(args)
    try:
        details = api.forms_details(caseload, args.child)
    finally:
        caseload.close()
    if out.suffix.lower() == ".pdf":
        wanted = [f for f in forms.load_forms() if not args.form or f.id in args.form]
        _write(out, forms.render_forms(wanted, **details))
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for form_id, data in api.forms_pdf(args.form, **details).items():
        _write(out / f"{form_id}.pdf", data)
    return 0
