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

from iro_desktop.documents.plain_language import Flag, find_jargon

JARGON_COLOUR = QColor("#b35900")
JARGON_BACKGROUND = QColor("#fff3d6")
UNPRINTABLE_COLOUR = QColor("#c50f1f")


def replacement(flag: Flag) -> str:
    """The words to put in place of ``flag``: the straight swap, else the suggestion."""
    words = flag.replace or flag.suggestion
    if flag.found[:1].isupper() and not flag.found.isupper() and words:
        return words[0].upper() + words[1:]
    return words


def describe(flag: Flag) -> str:
    means = f" means {flag.means}" if flag.means else " is jargon"
    return f"“{flag.found}”{means}. For the child, try: “{replacement(flag)}”."


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

    def set_unprintable(self, characters: str) -> None:
        chosen = set(characters)
        if chosen != self.unprintable:
            self.unprintable = chosen
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for flag in find_jargon(text):
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

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setAcceptRichText(False)  # pasted text arrives as plain words
        self.setTabChangesFocus(True)  # Tab moves on; the letter needs no tab characters
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.highlighter = JargonHighlighter(self.document())
        self.textChanged.connect(self.edited)
        fix = QShortcut(QKeySequence("Ctrl+."), self, context=Qt.ShortcutContext.WidgetShortcut)
        fix.activated.connect(self.use_suggestion_at_cursor)

    def text(self) -> str:
        return self.toPlainText()

    def flags(self) -> list[Flag]:
        return find_jargon(self.toPlainText())

    def flag_at(self, position: int) -> Flag | None:
        text = self.toPlainText()
        for flag in find_jargon(text):
            if _utf16(text, flag.start) <= position <= _utf16(text, flag.end):
                return flag
        return None

    def use_suggestion(self, flag: Flag) -> bool:
        """Swap ``flag`` for the child's words, if the text there is still the jargon."""
        text = self.toPlainText()
        if text[flag.start : flag.end] != flag.found:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(_utf16(text, flag.start))
        cursor.setPosition(_utf16(text, flag.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement(flag))
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
            action = menu.addAction(f"Use “{replacement(flag)}” instead of “{flag.found}”")
            action.triggered.connect(lambda: self.use_suggestion(flag))
            if len(menu.actions()) > 1:
                first = menu.actions()[0]
                menu.insertAction(first, action)
                menu.insertSeparator(first)
        menu.exec(event.globalPos())
