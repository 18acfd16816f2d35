"""A text box for the letter that catches jargon as the IRO types.

Jargon gets a wavy underline (and a pale background, so it is not colour alone); hovering
shows what it means and the child's words for it; right-click, or Ctrl+. with the cursor
on it, swaps in the suggestion (one undo step). Characters the letter's fonts cannot
print (most emoji) get a red underline. Each paragraph takes its direction from its own
text, so Arabic, Pashto or Dari typed here runs right to left and sits on the right (a
``QTextEdit`` in plain-text use, because ``QPlainTextEdit`` leaves such lines on the left).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeySequence,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from iro_desktop.documents.plain_language import Flag, find_jargon, suggest_sentence

JARGON_COLOUR = QColor("#b35900")
JARGON_BACKGROUND = QColor("#fff3d6")
UNPRINTABLE_COLOUR = QColor("#c50f1f")
HARD_BACKGROUND = QColor("#e8eefc")


def replacement(flag: Flag) -> str:
    """The child's words offered for ``flag`` (the whole sentence is rewritten to fit)."""
    return flag.suggestion


def describe(flag: Flag) -> str:
    means = f" means {flag.means}" if flag.means else " is jargon"
    return f"“{flag.found}”{means}. For the child, try: “{replacement(flag)}”."


def same_flag(text: str, flag: Flag) -> Flag | None:
    """``flag`` (found in the printed text) as it stands in ``text``: the same words, the
    nearest place."""
    found = [f for f in find_jargon(text) if f.found == flag.found and f.term == flag.term]
    return min(found, key=lambda f: abs(f.start - flag.start), default=None)


class JargonHighlighter(QSyntaxHighlighter):
    """Underlines jargon and characters no bundled font has, paragraph by paragraph."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.unprintable: set[str] = set()
        self.jargon = QTextCharFormat()
        self.jargon.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.jargon.setUnderlineColor(JARGON_COLOUR)
        self.jargon.setBackground(JARGON_BACKGROUND)
        self.missing = QTextCharFormat()
        self.missing.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.missing.setUnderlineColor(UNPRINTABLE_COLOUR)
        self.hard: tuple[str, ...] = ()
        self.hard_format = QTextCharFormat()
        self.hard_format.setBackground(HARD_BACKGROUND)
        self.hard_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)

    def set_hard(self, sentences: tuple[str, ...]) -> None:
        """The sentences the reading-ease score found hardest: shaded where they are."""
        if sentences != self.hard:
            self.hard = sentences
            self.quietly_rehighlight()

    busy = False  # re-drawing the marks, which Qt reports as a change to the text

    def quietly_rehighlight(self) -> None:
        self.busy = True
        try:
            self.rehighlight()
        finally:
            self.busy = False

    def set_unprintable(self, characters: str) -> None:
        chosen = set(characters)
        if chosen != self.unprintable:
            self.unprintable = chosen
            self.quietly_rehighlight()

    enabled = True

    def highlightBlock(self, text: str) -> None:
        for sentence in self.hard if self.enabled else ():
            at = text.find(sentence)
            if at >= 0:
                self.setFormat(_utf16(text, at), _utf16(sentence, len(sentence)),
                               self.hard_format)  # fmt: skip
        for flag in find_jargon(text) if self.enabled else []:
            self.setFormat(flag.start, flag.end - flag.start, self.jargon)
        if self.unprintable:
            # Qt counts UTF-16 units; emoji outside the BMP take two.
            at = 0
            for ch in text:
                width = 2 if ord(ch) > 0xFFFF else 1
                if ch in self.unprintable:
                    self.setFormat(at, width, self.missing)
                at += width


def _utf16(text: str, index: int) -> int:
    """A Python string index as a Qt (UTF-16) position."""
    return len(text[:index].encode("utf-16-le")) // 2


class LetterField(QTextEdit):
    """One section of the letter. ``edited`` fires on every change, typed or applied."""

    edited = Signal()

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None,
                 *, check: bool = True) -> None:  # fmt: skip
        """``check=False`` for the child's own words: never underlined, never changed."""
        super().__init__(parent)
        self.check = check
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setAcceptRichText(False)  # pasted text arrives as plain words
        self.setTabChangesFocus(True)  # Tab moves on; the letter needs no tab characters
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.highlighter = JargonHighlighter(self.document())
        self.highlighter.enabled = check
        self.textChanged.connect(self._changed)
        fix = QShortcut(QKeySequence("Ctrl+."), self, context=Qt.ShortcutContext.WidgetShortcut)
        fix.activated.connect(self.use_suggestion_at_cursor)

    def _changed(self) -> None:
        if not self.highlighter.busy:  # new marks are not an edit
            self.edited.emit()

    def text(self) -> str:
        return self.toPlainText()

    def flags(self) -> list[Flag]:
        return find_jargon(self.toPlainText()) if self.check else []

    def flag_at(self, position: int) -> Flag | None:
        if not self.check:
            return None
        text = self.toPlainText()
        for flag in find_jargon(text):
            if _utf16(text, flag.start) <= position <= _utf16(text, flag.end):
                return flag
        return None

    def suggestion_for(self, flag: Flag) -> tuple[int, int, str] | None:
        """(start, end, rewritten sentence) for ``flag`` in this box, if it is still here."""
        text = self.toPlainText()
        here = same_flag(text, flag)
        return None if here is None else suggest_sentence(text, here)

    def use_suggestion(self, flag: Flag) -> bool:
        """Rewrite the sentence around ``flag`` in the child's words (one undo step)."""
        found = self.suggestion_for(flag)
        if found is None:
            return False
        start, end, sentence = found
        text = self.toPlainText()
        cursor = QTextCursor(self.document())
        cursor.setPosition(_utf16(text, start))
        cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(sentence)
        self.setTextCursor(cursor)
        return True

    def use_suggestion_at_cursor(self) -> None:
        flag = self.flag_at(self.textCursor().position())
        if flag is not None:
            self.use_suggestion(flag)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            flag = self._flag_under(event.pos())
            if flag is not None:
                QToolTip.showText(event.globalPos(), describe(flag), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _flag_under(self, point: QPoint) -> Flag | None:
        viewport_point = self.viewport().mapFrom(self, point)
        return self.flag_at(self.cursorForPosition(viewport_point).position())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        flag = self._flag_under(event.pos())
        if flag is not None:
            action = menu.addAction(
                f"Use “{replacement(flag)}” instead of “{flag.found}” (rewrites the sentence)"
            )
            action.triggered.connect(lambda: self.use_suggestion(flag))
            if len(menu.actions()) > 1:
                first = menu.actions()[0]
                menu.insertAction(first, action)
                menu.insertSeparator(first)
        menu.exec(event.globalPos())
