"""Turn a line of text into positioned glyphs with HarfBuzz, and draw them on a canvas.

All printed text goes through here, whatever its script, so Arabic joins, Pashto and Dari
letters take their joined forms, Ethiopic prints, and a name written in one script inside a
letter in another still comes out right. The result is cached, because a letter measures
the same words many times while it breaks lines.
"""

from __future__ import annotations

import itertools
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb
from reportlab.pdfgen.canvas import Canvas

from iro_desktop.documents import bidi_runs
from iro_desktop.documents.bidi_runs import CONTROLS
from iro_desktop.documents.fonts import PRIVATE_FIRST, PRIVATE_LAST, ShapingFont, font

_TOLERANCE = 0.5  # in thousandths of an em
# Naskh's letters are small for their point size beside Andika's; this evens them out.
SIZE_FACTOR = {"NotoNaskhArabic": 1.18, "NotoNaskhArabic-Bold": 1.18,
               "NotoSansEthiopic": 1.08, "NotoSansEthiopic-Bold": 1.08}  # fmt: skip
_hb_lock = threading.Lock()
_hb_fonts: dict[str, hb.Font] = {}


@dataclass(frozen=True)
class Chunk:
    """Glyphs drawn as one string, starting ``dx``/``dy`` thousandths of an em from the pen."""

    dx: float
    dy: float
    codes: str


@dataclass(frozen=True)
class Segment:
    """One font, one direction: what a single ``setFont`` draws."""

    font: str
    chunks: tuple[Chunk, ...]
    width: float  # thousandths of an em of the line's size
    factor: float = 1.0  # this font prints at factor x the line's size


@dataclass(frozen=True)
class ShapedLine:
    segments: tuple[Segment, ...]  # left to right as drawn
    width: float
    missing: str  # characters no bundled font has (emoji, for instance), left out

    def width_at(self, size: float) -> float:
        return self.width * size / 1000


def _hb_font(name: str) -> tuple[hb.Font, int]:
    with _hb_lock:
        found = _hb_fonts.get(name)
        if found is None:
            found = _hb_fonts[name] = hb.Font(font(name).hbFace)
    return found, found.face.upem


def printable(ch: str) -> bool:
    """False for control and private-use characters, which must never reach the PDF."""
    code = ord(ch)
    if PRIVATE_FIRST <= code <= PRIVATE_LAST:
        return False
    return unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")


def _assign_fonts(text: str, names: tuple[str, ...]) -> tuple[list[str | None], str]:
    """The font for each character: strong characters take the first font that has them;
    spaces, marks, digits and punctuation follow their neighbours where they can."""
    fonts = [font(n) for n in names]
    chosen: list[str | None] = [None] * len(text)
    missing = []
    follow = []
    for i, ch in enumerate(text):
        category = unicodedata.category(ch)
        if category[0] in "LS" and category != "Sk":
            owner = next((f for f in fonts if f.covers(ch)), None)
            if owner is None:
                missing.append(ch)
            else:
                chosen[i] = owner.fontName
        else:
            follow.append(i)
    by_name = {f.fontName: f for f in fonts}
    for i in follow:
        ch = text[i]
        neighbours = [chosen[j] for j in (i - 1, i + 1) if 0 <= j < len(text)]
        if i > 0 and chosen[i - 1] is not None:
            neighbours.insert(0, chosen[i - 1])
        pick = next((n for n in neighbours if n and by_name[n].covers(ch)), None)
        if pick is None:
            pick = next((f.fontName for f in fonts if f.covers(ch)), None)
        if pick is None and not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Mn"):
            missing.append(ch)
        chosen[i] = pick
    # Spaces and joiners no font maps still take a neighbour's font, so words keep apart.
    for i, ch in enumerate(text):
        if chosen[i] is None and (ch.isspace() or unicodedata.category(ch) in ("Cf", "Mn")):
            chosen[i] = chosen[i - 1] if i > 0 and chosen[i - 1] else names[0]
    return chosen, "".join(missing)


def _shape_segment(text: str, name: str, rtl: bool) -> Segment:
    hbf, upem = _hb_font(name)
    rl_font: ShapingFont = font(name)
    scale = 1000 / upem
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_GRAPHEMES
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    with _hb_lock:
        hb.shape(hbf, buf, {"kern": True, "liga": True})
        infos = list(buf.glyph_infos)
        positions = list(buf.glyph_positions)
        natural = {info.codepoint: hbf.get_glyph_h_advance(info.codepoint) for info in infos}
    bounds = sorted({info.cluster for info in infos} | {len(text)})
    next_cluster = dict(itertools.pairwise(bounds))
    # The cluster's text rides on its widest glyph (the letter, not a vowel mark drawn
    # above it), so extracted text keeps the mark inside its word.
    carrier: dict[int, int] = {}
    for n, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        best = carrier.get(info.cluster)
        if best is None or pos.x_advance > positions[best].x_advance:
            carrier[info.cluster] = n
    chunks: list[Chunk] = []
    codes: list[str] = []
    start_x = start_y = 0.0
    pen = 0.0
    expected = 0.0  # where the current chunk's next glyph would land by itself
    for n, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        cluster = info.cluster
        piece = text[cluster : next_cluster[cluster]] if carrier[cluster] == n else ""
        nominal = natural[info.codepoint] * scale
        # A private code's width is the glyph's shaped advance (a vowel mark's is zero
        # though its font says otherwise), so text extraction sees no gap at the mark.
        code = rl_font.code_for(info.codepoint, piece, pos.x_advance * scale, rtl)
        dx, dy = pos.x_offset * scale, pos.y_offset * scale
        gx = pen + dx
        if codes and (abs(gx - expected) > _TOLERANCE or abs(dy - start_y) > _TOLERANCE):
            chunks.append(Chunk(start_x, start_y, "".join(codes)))
            codes = []
        if not codes:
            start_x, start_y, expected = gx, dy, gx
        codes.append(code)
        expected += rl_font.face.charWidths.get(ord(code), nominal)
        pen += pos.x_advance * scale
    if codes:
        chunks.append(Chunk(start_x, start_y, "".join(codes)))
    factor = SIZE_FACTOR.get(name, 1.0)
    return Segment(name, tuple(chunks), pen * factor, factor)


@lru_cache(maxsize=8192)
def shape(text: str, names: tuple[str, ...], rtl_base: bool) -> ShapedLine:
    """Shape one line (no line breaks in it) with the fonts ``names``, first choice first."""
    text = "".join(" " if ch == "\t" else ch for ch in text if ch == "\t" or printable(ch))
    chosen, missing = _assign_fonts(text, names)
    keep = [i for i, name in enumerate(chosen) if name is not None]
    if len(keep) != len(text):
        # Drop what cannot print, and the doubled space it would leave behind.
        keep = [
            i
            for n, i in enumerate(keep)
            if not (text[i] == " " and n > 0 and text[keep[n - 1]] == " ")
        ]
        text = "".join(text[i] for i in keep)
        chosen = [chosen[i] for i in keep]
    segments: list[Segment] = []
    for run in bidi_runs.visual_runs(text, rtl_base):
        pieces: list[tuple[int, int, str]] = []
        start = run.start
        for i in range(run.start + 1, run.end + 1):
            if i == run.end or chosen[i] != chosen[start]:
                name = chosen[start]
                assert name is not None
                pieces.append((start, i, name))
                start = i
        pieces = [(a, b, n) for a, b, n in pieces if text[a:b].strip("".join(CONTROLS))]
        if run.rtl:
            pieces.reverse()
        segments.extend(
            _shape_segment("".join(ch for ch in text[a:b] if ch not in CONTROLS), name, run.rtl)
            for a, b, name in pieces
        )
    return ShapedLine(tuple(segments), sum(s.width for s in segments), missing)


def draw(canvas: Canvas, line: ShapedLine, x: float, y: float, size: float) -> None:
    """Draw ``line`` with its left end at ``x`` and its baseline at ``y``."""
    for segment in line.segments:
        k = size * segment.factor / 1000
        canvas.setFont(segment.font, size * segment.factor)
        for chunk in segment.chunks:
            canvas.drawString(x + chunk.dx * k, y + chunk.dy * k, chunk.codes)
        x += segment.width * size / 1000
