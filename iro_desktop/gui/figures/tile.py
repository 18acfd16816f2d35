"""One headline figure as a button: the rate large, what it measures, and its counts.

Pressing it (click, Space or Enter) opens the children behind the figure. The whole
sentence is its accessible name, so a screen reader says the figure and its counts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout

from iro_desktop.domain.figures.measure import Measure
from iro_desktop.gui.style import muted, set_bold


class Tile(QPushButton):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.value, self.label, self.counts = QLabel(), QLabel(), muted(QLabel())
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.value.setFont(font)
        set_bold(self.value)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(1)
        for part in (self.value, self.label, self.counts):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(part)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def show_measure(self, m: Measure) -> None:
        rate = m.rate
        value = "none yet" if rate.percent is None else f"{rate.percent:.1f}%"
        waiting = f" · {len(m.waiting)} not yet due" if m.waiting else ""
        self.value.setText(value)
        self.label.setText(m.label)
        self.counts.setText(f"{m.numerator} of {m.denominator}{waiting}")
        self.setAccessibleName(f"{m.label}: {value}, {m.numerator} of {m.denominator}"
                               f"{waiting}. Opens the children behind it.")  # fmt: skip
        self.setToolTip(" ".join(m.rule.split()))
        layout = self.layout()
        if layout is not None:
            self.setMinimumHeight(layout.sizeHint().height())
