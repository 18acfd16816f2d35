"""Benchmarks for ``iro-desktop bench``: one letter, and a batch of 65 (a whole caseload).

Content is built by hand (synthetic) so the figures measure rendering, not the store.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from iro_desktop.devtools.bench import BenchReport, best_of
from iro_desktop.documents import bidi_runs, shaping
from iro_desktop.documents.content import Contact, DecisionLine, LetterContent
from iro_desktop.documents.letter import render_letter

BANDS = ("under_8", "8_12", "13_plus")


def sample(n: int = 0, language: str = "en") -> LetterContent:
    day = date(2025, 3, 3) + timedelta(days=n)
    return LetterContent(
        child_ref=f"BENCH{n:03d}",
        name=("Ava", "Ben", "Cody", "Dina", "Ezra")[n % 5],
        age_band=BANDS[n % 3],
        review_date=day,
        participation_code=("PN1", "PN6", "PN1", "PN7")[n % 4],
        working_well="You have settled well with your carers and you told me you feel safe. "
        "Your school says your reading has come on well this term.",
        worried_about="We are worried that you have missed time with your mum because the "
        "taxi did not come.",
        needs_to_happen="Everyone will do what they said by the dates below.",
        child_words="I like it here. Can I see my sister more?",
        decisions=tuple(
            DecisionLine(owner, what, day + timedelta(days=28 * (k + 1)))
            for k, (owner, what) in enumerate(
                (
                    ("Social worker", "Arrange a dental check"),
                    ("IRO", "Offer an advocate before the next review"),
                    ("Foster carer", "Agree a plan for swimming lessons"),
                )
            )
        ),
        next_review_due=day + timedelta(days=182),
        iro=Contact(
            "Jo Hartley",
            "iro",
            phone="01632 960123",
            mobile="07700 900123",
            email="jo.hartley@demo-borough.example",
        ),
        social_worker=Contact("Lee Ashbury", "social_worker", phone="01632 960456"),
        language=language,
    )


def reading_figures(report: BenchReport) -> None:
    """Reading ease of each band's sample letter: the editor's own score of the printed
    text (``api.check_content``), so the bench and the editor cannot disagree."""
    from iro_desktop.documents.api import check_content

    for n, band in enumerate(BANDS):
        reading = check_content(sample(n)).reading
        report.add(f"reading ease of the printed letter, {band.replace('_', ' ')}",
                   reading.score or 0.0, "", f">= {reading.target:.0f}",
                   bool(reading.meets_target))  # fmt: skip


def run(report: BenchReport, workdir: Path) -> None:
    reading_figures(report)
    start = time.perf_counter()
    render_letter(sample(0))  # fonts load and register once per process
    cold = time.perf_counter() - start
    report.add("first letter in a fresh process (loads fonts)", cold * 1000, "ms")
    one = best_of(lambda: render_letter(sample(1)), repeat=7)
    report.add("one letter, rendered (warm)", one * 1000, "ms", "< 150 ms", one < 0.150)

    def uncached() -> None:
        shaping.shape.cache_clear()
        bidi_runs.levels.cache_clear()
        render_letter(sample(3))

    fresh = best_of(uncached, repeat=5)
    report.add("one letter, no shaping cache (new text)", fresh * 1000, "ms", "< 150 ms",
               fresh < 0.150)  # fmt: skip
    rtl = best_of(lambda: render_letter(sample(2, "ar")), repeat=5)
    report.add("one Arabic letter, rendered (warm)", rtl * 1000, "ms", "< 150 ms", rtl < 0.150)
    start = time.perf_counter()
    total = 0
    for n in range(65):
        data = render_letter(sample(n))
        total += len(data)
        (workdir / f"letter-{n:02d}.pdf").write_bytes(data)
    batch = time.perf_counter() - start
    report.add("batch of 65 letters, rendered and written", batch, "s", "< 10 s", batch < 10)
    report.add("batch of 65 letters, mean PDF size", total / 65 / 1024, "KiB")
