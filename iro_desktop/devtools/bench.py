"""A tiny report the benchmark sections fill: a figure, its unit, and its goal."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Figure:
    section: str
    name: str
    value: float
    unit: str
    goal: str = ""
    met: bool | None = None


@dataclass
class BenchReport:
    figures: list[Figure] = field(default_factory=list)
    current: str = ""

    def section(self, name: str) -> None:
        self.current = name

    def add(
        self, name: str, value: float, unit: str, goal: str = "", met: bool | None = None
    ) -> Figure:
        figure = Figure(self.current, name, value, unit, goal, met)
        self.figures.append(figure)
        return figure

    def as_dicts(self) -> list[dict[str, Any]]:
        return [f.__dict__ for f in self.figures]

    def as_table(self) -> str:
        lines = [f"{'section':<10} {'figure':<58} {'value':>12}  {'goal':<18} met"]
        for f in self.figures:
            met = "" if f.met is None else ("yes" if f.met else "NO")
            value = f"{f.value:,.3f}" if f.value < 100 else f"{f.value:,.0f}"
            lines.append(f"{f.section:<10} {f.name:<58} {value:>9} {f.unit:<3}  {f.goal:<18} {met}")
        return "\n".join(lines)


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of ``repeat`` runs in seconds (the least disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
