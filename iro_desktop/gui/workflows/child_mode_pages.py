"""Child mode's question page: faces, thumbs, pictures to tap, a drawing pad or a box to
type in, and "just for my IRO" on every question.

Every picture comes from the bundled Twemoji SVGs in ``resources/pictures`` (drawn by
QtSvg), never from an emoji font, so nothing shows as an empty box on a laptop without
one. The answers keep the words (``great``, ``My family``), so the record reads in words.
"""

from __future__ import annotations

import base64
import contextlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTabletEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.forms import FACES, Question
from iro_desktop.gui.workflows.child_mode_words import Words
from iro_desktop.resources import resources_dir

PICTURES_FORMAT = 1
FACE_WORDS = {key: word for key, _emoji, word in FACES}
YES_NO_WORDS = {"yes": "Yes", "no": "No"}


@cache
def catalogue() -> dict[str, Any]:
    """``resources/pictures/pictures.json``: which SVG shows each face, thumb and picture."""
    path = resources_dir() / "pictures" / "pictures.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != PICTURES_FORMAT:
        raise ValueError(f'{path} needs "format": {PICTURES_FORMAT}')
    return data


def picture_file(name: str) -> Path:
    return resources_dir() / "pictures" / name


def icon(file_name: str, size: int) -> QIcon:
    """An SVG drawn at ``size`` pixels (and twice that, for a high-density screen)."""
    renderer = QSvgRenderer(str(picture_file(file_name)))
    result = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        result.addPixmap(pixmap)
    return result


def big(text: str, name: str | None = None, checkable: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("big")
    button.setAccessibleName(name or text)
    button.setCheckable(checkable)
    button.setMinimumHeight(72)
    button.setAutoDefault(False)
    return button


def font_label(text: str, points: int, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont()  # only the size and weight are its own: the family comes from the window
    font.setPointSize(points)
    font.setBold(bold)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def picture_button(file_name: str, word: str, size: int, colour: str | None = None) -> QPushButton:
    """A large checkable button: the picture above its word, a coloured frame if given."""
    button = big(word, word, checkable=True)
    button.setIcon(icon(file_name, size))
    button.setIconSize(QSize(size, size))
    button.setMinimumSize(size + 48, size + 40)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if colour:
        button.setObjectName("face")
        button.setStyleSheet(
            f"QPushButton#face {{ border: 6px solid {colour}; background: #ffffff; }}"
            f"QPushButton#face:checked {{ background: {colour}; color: #ffffff; }}"
            "QPushButton#face:focus { outline: none; border-style: double; border-width: 10px; }"
        )
    return button


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area on the page's own background."""
    area = QScrollArea()
    area.setObjectName("page")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    return area


def read_button(text: str) -> QPushButton:
    """ "Read it to me": hidden until a voice for the child's language is found."""
    button = big(text, text)
    button.setObjectName("read")  # smaller than an answer, so a page still fits 1366x768
    button.setIcon(icon(catalogue()["buttons"]["read_aloud"], 30))
    button.setIconSize(QSize(30, 30))
    button.setMinimumHeight(48)
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    button.setVisible(False)
    return button


class DrawingPad(QWidget):
    """Draw with a finger, a pen or the mouse; kept as a PNG (white paper, dark crayon)."""

    changed = Signal()  # drawn on for the first time, or cleared
    stroked = Signal()  # a line finished (the pen lifted): the drawing's draft is kept

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Drawing space: draw with your finger, a pen or the mouse")
        self.setMinimumSize(480, 120)  # it grows to what the page leaves (about 185 px at 1366x768)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # touch comes as mouse
        self.image = QImage(QSize(900, 560), QImage.Format.Format_RGB32)
        self.image.fill(QColor("#ffffff"))
        self.drawn = False
        self._last: QPointF | None = None
        self._png: bytes | None = None  # the last encoding, until the drawing changes
        self.pen = QPen(QColor("#1f4e9c"), 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin)  # fmt: skip

    def _at(self, point: QPointF) -> QPointF:
        return QPointF(point.x() * self.image.width() / max(1, self.width()),
                       point.y() * self.image.height() / max(1, self.height()))  # fmt: skip

    def stroke_to(self, point: QPointF) -> None:
        """Draw from the last point to ``point`` (widget coordinates)."""
        here = self._at(point)
        self._png = None
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen)
        if self._last is None:
            painter.drawPoint(here)
        else:
            painter.drawLine(self._last, here)
        painter.end()
        self._last = here
        if not self.drawn:
            self.drawn = True
            self.changed.emit()
        self.update()

    def lift(self) -> None:
        lifted = self._last is not None
        self._last = None
        if lifted:
            self.stroked.emit()

    def load(self, png: bytes) -> bool:
        """Put a drawing back (from child mode's draft); False if it is not a picture."""
        image = QImage()
        if not image.loadFromData(png, "PNG"):
            return False
        size = self.image.size()
        if image.size() != size:
            image = image.scaled(size)
        self.image = image.convertToFormat(QImage.Format.Format_RGB32)
        self._png = None
        self._last = None
        if not self.drawn:
            self.drawn = True
            self.changed.emit()
        self.update()
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last = None
        self.stroke_to(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.stroke_to(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.lift()

    def tabletEvent(self, event: QTabletEvent) -> None:
        if event.type() == QTabletEvent.Type.TabletPress:
            self._last = None
        if event.type() == QTabletEvent.Type.TabletRelease:
            self.lift()
        else:
            self.stroke_to(event.position())
        event.accept()

    def clear(self) -> None:
        self.image.fill(QColor("#ffffff"))
        self.drawn = False
        self._png = None
        self._last = None
        self.changed.emit()
        self.stroked.emit()
        self.update()

    def png(self) -> bytes | None:
        """The drawing as PNG (encoded once per change: every draft and save asks)."""
        if not self.drawn:
            return None
        if self._png is not None:
            return self._png
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes
        buffer.close()
        self._png = bytes(data.data())
        return self._png

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(self.rect(), self.image)
        painter.setPen(QPen(QColor("#f0b429"), 3))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.update()


class QuestionPage(QWidget):
    """One question: big words, then faces, thumbs, choices or pictures, drawing and typing.

    ``changed`` fires at every answer (a face, a picture, a letter typed, a line drawn, "just
    for my IRO"), so child mode keeps its draft; ``state`` and ``restore`` are that draft."""

    changed = Signal()

    def __init__(
        self,
        number: int,
        total: int,
        question: Question,
        points: int = 28,
        postcard: bool = False,
        words: Words | None = None,
        form_id: str = "",
    ) -> None:
        super().__init__()
        self.words = words = words or Words()
        self.form_id = form_id
        self.question = question = words.question(form_id, question)
        self.postcard = postcard  # the feedback postcard: not part of the consultation form
        self.choice: str | None = None
        self.buttons: list[QPushButton] = []
        self.keys: list[str] = []
        self.picture_buttons: dict[str, QPushButton] = {}
        self.box: QPlainTextEdit | None = None
        self.pad: DrawingPad | None = None
        self.draw_button: QPushButton | None = None
        pictures = catalogue()
        content = QWidget()
        content.setObjectName("pageContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 8, 0)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content))  # never taller than a 1366x768 screen
        where = words("last_review") if postcard else ""
        self.read_button = read_button(words("read_aloud"))
        layout.addWidget(font_label(where + words("question_of", number=number, total=total), 14))
        title = font_label(question.text, points, bold=True)
        title.setObjectName("question")
        heading = QHBoxLayout()  # "Read it to me" beside the question, not a row of its own
        heading.addWidget(title, 1)
        heading.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading)
        if question.hint:
            layout.addWidget(font_label(question.hint, 16))
        row = QHBoxLayout()
        if question.kind == "faces":
            for key, _emoji, word in FACES:
                face = pictures["faces"][key]
                shown = words.face(key, word)
                self._option(row, key, picture_button(face["file"], shown, 96, face["colour"]))
        elif question.kind == "yes_no":
            for key in YES_NO_WORDS:
                thumb = pictures["yes_no"][key]
                shown = words(key)
                self._option(row, key, picture_button(thumb["file"], shown, 72, thumb["colour"]))
        elif question.kind == "choice":
            for choice in question.choices:
                shown = words.choice(form_id, question.id, choice)
                self._option(row, choice, big(shown, shown, checkable=True))
        if self.buttons:
            layout.addLayout(row)
        else:
            self._free_answer(layout, pictures)
        self.private = big(words("just_for_iro"), words("just_for_iro"), checkable=True)
        self.private.setIcon(icon(pictures["buttons"]["private"], 36))
        self.private.setIconSize(QSize(36, 36))
        self.private.setToolTip(words("just_for_iro_tip"))
        self.private.setObjectName("private")
        self.private.setVisible(not postcard)
        self.private.toggled.connect(lambda _on: self.changed.emit())
        private_row = QHBoxLayout()
        private_row.addWidget(self.private)
        private_row.addStretch(1)
        layout.addLayout(private_row)
        layout.addStretch(0)  # what is left over: to the open drawing pad (stretch 1) first

    def _option(self, row: QHBoxLayout, key: str, button: QPushButton) -> None:
        button.clicked.connect(lambda _=False, k=key: self.pick(k))
        row.addWidget(button)
        self.buttons.append(button)
        self.keys.append(key)

    def _free_answer(self, layout: QVBoxLayout, pictures: dict[str, Any]) -> None:
        """Tap pictures (any number), draw, or type: all three may be used together."""
        known = pictures["pictures"]
        offered = [key for key in self.question.pictures if key in known]
        self.picture_panel = QWidget()
        if offered:
            grid = QGridLayout(self.picture_panel)
            grid.setContentsMargins(0, 0, 0, 0)
            columns = 6
            for index, key in enumerate(offered):
                shown = self.words.picture(key, known[key]["word"])
                button = picture_button(known[key]["file"], shown, 40)
                button.setMinimumHeight(56)  # three rows and the box fit 1366x768
                button.setStyleSheet("font-size: 13pt;")
                grid.addWidget(button, index // columns, index % columns)
                button.toggled.connect(lambda _on: self.changed.emit())
                self.picture_buttons[key] = button
            layout.addWidget(self.picture_panel)
        self.box = QPlainTextEdit()
        self.box.setTabChangesFocus(True)
        self.box.setAccessibleName(self.question.text)
        self.box.setPlaceholderText(self.words("type_here"))
        self.box.setMaximumHeight(108)  # two or three lines, then it scrolls: 1366x768 fits
        self.box.textChanged.connect(self.changed)
        self.draw_button = big(self.words("draw_it"), self.words("draw_it"), checkable=True)
        self.draw_button.setIcon(icon(pictures["buttons"]["draw"], 40))
        self.draw_button.setIconSize(QSize(40, 40))
        self.pad = DrawingPad()
        self.pad.setVisible(False)
        self.clear_button = big(self.words("draw_again"), self.words("draw_again"))
        self.clear_button.setVisible(False)
        self.clear_button.clicked.connect(self.pad.clear)
        self.pad.stroked.connect(self.changed)
        self.draw_button.toggled.connect(self.show_pad)
        self.draw_button.setVisible(not self.postcard)
        tools = QVBoxLayout()  # "Start the drawing again" under "Draw it", beside the box,
        tools.addWidget(self.draw_button)  # so the open pad still fits a 1366x768 screen
        tools.addWidget(self.clear_button)
        tools.addStretch(1)
        line = QHBoxLayout()
        line.addWidget(self.box, 1)
        line.addLayout(tools)
        layout.addLayout(line)
        layout.addWidget(self.pad, 1)

    def show_pad(self, on: bool) -> None:
        assert self.pad is not None
        self.pad.setVisible(on)
        self.clear_button.setVisible(on)
        self.picture_panel.setVisible(not on)  # room to draw; the pictures chosen are kept

    def pick(self, key: str | None) -> None:
        before = self.choice
        self.choice = key or None
        for button, option in zip(self.buttons, self.keys, strict=True):
            button.setChecked(option == key)
        if self.choice != before:
            self.changed.emit()

    @property
    def key(self) -> str:
        """The page's name in child mode's draft: the question id (postcard ones marked)."""
        return f"postcard:{self.question.id}" if self.postcard else self.question.id

    def touched(self) -> bool:
        """Anything answered, drawn or kept just for the IRO on this page."""
        return self.answer() is not None or self.drawing() is not None or self.is_private()

    def state(self) -> dict[str, Any]:
        """Everything on the page, for child mode's draft (the drawing as PNG, in base64)."""
        drawing = self.drawing()
        return {
            "choice": self.choice,
            "pictures": [k for k, b in self.picture_buttons.items() if b.isChecked()],
            "typed": self.box.toPlainText() if self.box is not None else "",
            "drawing": base64.b64encode(drawing).decode("ascii") if drawing else None,
            "drawing_open": bool(self.draw_button is not None and self.draw_button.isChecked()),
            "private": self.is_private(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Put the page back as the draft kept it; anything not understood is left out."""
        choice = state.get("choice")
        if isinstance(choice, str) and choice in self.keys:
            self.pick(choice)
        for key in state.get("pictures") or []:
            if isinstance(key, str) and key in self.picture_buttons:
                self.picture_buttons[key].setChecked(True)
        typed = state.get("typed")
        if self.box is not None and isinstance(typed, str) and typed:
            self.box.setPlainText(typed)
        drawing = state.get("drawing")
        if self.pad is not None and isinstance(drawing, str) and drawing:
            with contextlib.suppress(ValueError):  # not base64: the drawing is left out
                self.pad.load(base64.b64decode(drawing, validate=True))
        if self.draw_button is not None and state.get("drawing_open"):
            self.draw_button.setChecked(True)
        if not self.postcard and state.get("private"):
            self.private.setChecked(True)

    def clear(self) -> None:
        """Skip: nothing chosen, typed or drawn."""
        self.pick(None)
        for button in self.picture_buttons.values():
            button.setChecked(False)
        if self.box is not None:
            self.box.clear()
        if self.pad is not None and self.pad.drawn:
            self.pad.clear()

    def spoken(self) -> str:
        """What "Read it to me" says: the question, its hint, then each answer to choose."""
        said = [self.question.text, self.question.hint or ""]
        said += [b.accessibleName() for b in self.buttons]
        said += [b.accessibleName() for b in self.picture_buttons.values()]
        return ". ".join(part for part in said if part)

    def first_control(self) -> QWidget:
        """Where focus starts: the first answer, never the IRO's link."""
        if self.buttons:
            return self.buttons[0]
        if self.picture_buttons:
            return next(iter(self.picture_buttons.values()))
        assert self.box is not None
        return self.box

    def answer(self) -> str | None:
        if self.box is None:
            return self.choice
        words = [self.catalogue_word(k) for k, b in self.picture_buttons.items() if b.isChecked()]
        typed = self.box.toPlainText().strip()
        parts = [", ".join(words)] if words else []
        if typed:
            parts.append(typed)
        return ". ".join(parts) or None

    @staticmethod
    def catalogue_word(key: str) -> str:
        return str(catalogue()["pictures"][key]["word"])

    def drawing(self) -> bytes | None:
        return self.pad.png() if self.pad is not None else None

    def is_private(self) -> bool:
        return self.private.isChecked()

    def said(self) -> str:
        """What the summary and the child's copy show for this question, in their words."""
        words, answer = self.words, self.answer()
        if self.box is not None:
            chosen = [words.picture(k, self.catalogue_word(k))
                      for k, b in self.picture_buttons.items() if b.isChecked()]  # fmt: skip
            typed = self.box.toPlainText().strip()
            answer = ". ".join([", ".join(chosen)] * bool(chosen) + [typed] * bool(typed)) or None
        elif self.question.kind == "faces" and answer:
            answer = words.face(answer, FACE_WORDS.get(answer, answer))
        elif self.question.kind == "yes_no" and answer:
            answer = words(answer)
        elif answer:
            answer = words.choice(self.form_id, self.question.id, answer)
        parts = [answer] if answer else []
        if self.drawing() is not None:
            parts.append(words("a_drawing"))
        return " ".join(parts) if parts else words("skipped")
