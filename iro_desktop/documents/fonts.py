"""The bundled fonts, registered with reportlab, and which one prints each character.

Text is shaped with HarfBuzz (``shaping.py``), so glyphs reach the PDF by glyph id. A glyph
that has no character of its own (an Arabic initial form, a lam-alef ligature, a Pashto
letter's joined form) would otherwise come back from ``pdftotext`` as a private-use code or
nothing. ``ShapingFont`` therefore gives each such glyph a private code whose ToUnicode entry
is the *logical* text it stands for, so copying or extracting text from the letter gives back
exactly what the IRO wrote.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from iro_desktop.resources import fonts_dir

PRIVATE_FIRST = 0xE000
PRIVATE_LAST = 0xF8FF


class ShapingFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose shaped glyphs extract as the text they were shaped from."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, shapable=True)
        self.actual_text: dict[int, str] = {}
        self._private: dict[tuple[int, str, bool], int] = {}
        self._next_private = PRIVATE_FIRST
        self._lock = threading.Lock()

    def code_for(self, gid: int, text: str, advance_1000: float, rtl: bool = False) -> str:
        """The character reportlab should print for glyph ``gid`` standing for ``text``.

        In a right-to-left run, a glyph that stands for several characters (a letter with
        its vowel mark) records them last-first: text extractors (poppler) reverse the
        characters of right-to-left words, and so give them back in reading order.
        """
        face = self.face
        if len(text) == 1 and face.charToGlyph.get(ord(text)) == gid:
            return text
        key = (gid, text, rtl)
        code = self._private.get(key)
        if code is None:
            with self._lock:
                code = self._next_private
                while code in face.charToGlyph:
                    code += 1
                if code > PRIVATE_LAST:
                    raise ValueError("too many distinct shaped glyphs for one font")
                self._next_private = code + 1
                face.charToGlyph[code] = gid
                face.glyphToChar.setdefault(gid, []).append(code)
                face.charWidths[code] = advance_1000
                # A glyph that stands for nothing of its own (a vowel mark drawn over a
                # letter whose glyph already carries both) maps to no text at all.
                self.actual_text[code] = text[::-1] if rtl else text
                self._private[key] = code
        return chr(code)

    def covers(self, ch: str) -> bool:
        code = ord(ch)
        return not PRIVATE_FIRST <= code <= PRIVATE_LAST and code in self.face.charToGlyph

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        """As ``TTFont.addObjects``, but with a ToUnicode map that knows the shaped glyphs."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base_font_name = base_name.decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray([self.face.getCharWidth(c) for c in subset])
            cmap = pdfdoc.PDFStream()
            cmap.content = self._to_unicode_cmap(base_font_name, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]

    def _to_unicode_cmap(self, name: str, subset: Sequence[int]) -> str:
        entries = []
        for index, code in enumerate(subset):
            text = self.actual_text.get(code, chr(code))
            entries.append(f"<{index:02X}> <{text.encode('utf-16-be').hex().upper()}>")
        return "\n".join(
            [
                "/CIDInit /ProcSet findresource begin",
                "12 dict begin",
                "begincmap",
                f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
                f"/CMapName /{name} def",
                "/CMapType 2 def",
                "1 begincodespacerange",
                f"<00> <{len(subset) - 1:02X}>",
                "endcodespacerange",
                f"{len(entries)} beginbfchar",
                *entries,
                "endbfchar",
                "endcmap",
                "CMapName currentdict /CMap defineresource pop",
                "end",
                "end",
            ]
        )


@dataclass(frozen=True)
class Face:
    """One font file of a family."""

    name: str
    folder: str
    file: str


_FACES = (
    Face("Andika", "andika", "Andika-Regular.ttf"),
    Face("Andika-Bold", "andika", "Andika-Bold.ttf"),
    Face("Andika-Italic", "andika", "Andika-Italic.ttf"),
    Face("OpenDyslexic", "opendyslexic", "OpenDyslexic-Regular.ttf"),
    Face("OpenDyslexic-Bold", "opendyslexic", "OpenDyslexic-Bold.ttf"),
    Face("OpenDyslexic-Italic", "opendyslexic", "OpenDyslexic-Italic.ttf"),
    Face("NotoNaskhArabic", "noto-naskh-arabic", "NotoNaskhArabic-Regular.ttf"),
    Face("NotoNaskhArabic-Bold", "noto-naskh-arabic", "NotoNaskhArabic-Bold.ttf"),
    Face("NotoSansEthiopic", "noto-sans-ethiopic", "NotoSansEthiopic-Regular.ttf"),
    Face("NotoSansEthiopic-Bold", "noto-sans-ethiopic", "NotoSansEthiopic-Bold.ttf"),
)
FACES = {face.name: face for face in _FACES}

_register_lock = threading.Lock()
_registered: dict[str, ShapingFont] = {}


def font(name: str) -> ShapingFont:
    """The registered font ``name``, registering it (once) on first use.

    Our own record, not ``pdfmetrics.getFont``: for a name reportlab does not know yet,
    that searches the system for Type 1 metrics and parses every .afm file it finds
    (over half a second on a desktop with the Ghostscript fonts installed)."""
    with _register_lock:
        found = _registered.get(name)
        if found is not None:
            return found
        face = FACES[name]
        path = fonts_dir() / face.folder / face.file
        if not path.exists():
            raise FileNotFoundError(f"bundled font missing: {path}")
        made = ShapingFont(name, str(path))
        pdfmetrics.registerFont(made)
        _registered[name] = made
        return made


WEIGHTS = ("regular", "bold", "italic")


@cache
def chain(main: str = "Andika", weight: str = "regular") -> tuple[str, ...]:
    """Font names to try, in order, for text whose main family is ``main``.

    Every chain ends with the other scripts' fonts, so an Arabic name in an English
    letter, or an English email address in a Tigrinya one, still prints.
    """
    suffix = {"regular": "", "bold": "-Bold", "italic": "-Italic"}[weight]
    others = ("Andika", "NotoNaskhArabic", "NotoSansEthiopic")
    names = [main, *(o for o in others if o != main)]
    out = []
    for base in names:
        candidate = base + suffix
        if candidate not in FACES:
            candidate = base + ("-Bold" if weight == "bold" and base + "-Bold" in FACES else "")
        out.append(candidate)
    return tuple(out)
