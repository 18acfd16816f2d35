"""The letter to the child after their review: the thing they keep and pin on the wall.

Written to them by name, strength-based (what is going well, what we are worried about,
what will happen next), with each decision as who will do what by when, their own words in
a speech bubble, and their IRO's name, face and phone number. Three age bands change the
type size, the wording and how much decoration there is; the fixed wording comes from the
language's resource file.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from iro_desktop.documents import art, pdf
from iro_desktop.documents.bidi_runs import ltr
from iro_desktop.documents.blocks import Bubble, Bulleted, Heading, Panel, gap, picture
from iro_desktop.documents.content import (
    ChildSaid,
    Contact,
    DecisionLine,
    LetterContent,
    authority_lines,
    gather_said,
)
from iro_desktop.documents.owners import suggested_sentence
from iro_desktop.documents.text_block import NBSP, TextBlock, TextStyle, measure
from iro_desktop.documents.wording import Wording, load

SOFT_INK = HexColor("#3A4654")
PAGE = pdf.Page(top=20 * mm, bottom=22 * mm)


@dataclass(frozen=True)
class BandLayout:
    """Type sizes (points) and decoration for one age band."""

    body: float
    leading: float
    greeting: float
    heading: float
    icon: float
    confetti: int
    small: float


LAYOUTS = {
    "under_8": BandLayout(16, 25, 32, 21, 34, 28, 12),
    "8_12": BandLayout(14, 21.5, 27, 18, 28, 18, 11),
    "13_plus": BandLayout(12.5, 19, 23, 15.5, 22, 10, 10),
}


def main_font(wording: Wording, dyslexia_font: bool) -> str:
    """The letter's main font: the script's own, or OpenDyslexic for Latin-script letters."""
    if dyslexia_font and wording.font == "Andika":
        return "OpenDyslexic"
    return wording.font


def intro_key(code: str | None) -> str:
    if code == "PN0":
        return "intro_little"
    if code in ("PN5", "PN6"):
        return "intro_views_sent"
    if code == "PN7":
        return "intro_missed"
    return "intro_attended"


@dataclass(frozen=True)
class Part:
    """One piece of the letter's text exactly as it prints, and who wrote it: "iro" (the
    plain-language check and the reading-ease score read these), "child" (their own words,
    never checked or changed) or "fixed" (the language file's wording)."""

    key: str
    text: str
    source: str


class _Letter:
    """Builds the story for one letter; split out so each part stays a short method.

    Every text it lays out is also kept in ``parts``, so the check and the score read the
    letter exactly as it prints, decisions and answers included."""

    def __init__(self, content: LetterContent, wording: Wording, dyslexia_font: bool) -> None:
        self.c = content
        self.w = wording
        self.band = content.age_band if content.age_band in LAYOUTS else "8_12"
        self.L = LAYOUTS[self.band]
        self.rtl = wording.rtl
        self.parts: list[Part] = []
        self.keep = 0  # how tightly the ending is kept together: 0, 1 or 2
        self.body = TextStyle(size=self.L.body, leading=self.L.leading,
                              main_font=main_font(wording, dyslexia_font), rtl=self.rtl,
                              space_after=self.L.body * 0.5)  # fmt: skip

    def t(self, key: str, **values: str) -> str:
        return self.w.text(key, self.band, **values)

    def block(self, text: str, key: str = "fixed", **style: object) -> TextBlock:
        self.parts.append(Part(key, text, "fixed"))
        made = TextBlock(text, self.body.but(**style))
        if style.get("weight") == "bold":  # a heading inside a panel stays with its text
            made.keepWithNext = True
        return made

    def free(self, text: str, key: str, source: str = "iro", **style: object) -> list[Flowable]:
        """The IRO's or the child's own words: each paragraph keeps its own direction and
        starts on its own side (an English sentence in an Arabic letter starts at the left,
        as English is read, and ends with its full stop on the right; Arabic words start
        at the right). Written in the child's language too, that comes first and the
        English follows, smaller."""
        align = "start"  # the paragraph's own start: rtl=None finds its direction
        own = self.c.translations.get(key, "") if self.w.code != "en" else ""
        out: list[Flowable] = []
        if own:
            self.parts.append(Part(f"{key} ({self.w.code})", own, "translation"))
            out.append(TextBlock(own, self.body.but(rtl=None, align=align, **style)))
            style = {**style, "size": self.L.small + 1, "leading": (self.L.small + 1) * 1.35,
                     "colour": SOFT_INK}  # fmt: skip
        self.parts.append(Part(key, text, source))
        out.append(TextBlock(text, self.body.but(rtl=None, align=align, **style)))
        return out

    def heading(self, key: str, theme: art.Theme, icon: str) -> Heading:
        style = self.body.but(
            size=self.L.heading,
            leading=self.L.heading * 1.3,
            space_before=self.L.body * 0.9,
            space_after=self.L.body * 0.55,
        )
        self.parts.append(Part(key, self.t(key), "fixed"))
        return Heading(self.t(key), style, theme, icon, self.rtl, self.L.icon)

    def story(self) -> list[Flowable]:
        c, w = self.c, self.w
        out: list[Flowable] = [
            self.block(
                self.t("greeting", name=c.name),
                size=self.L.greeting,
                leading=self.L.greeting * 1.25,
                weight="bold",
                colour=art.BLUE.accent,
                space_after=self.L.body * 0.4,
            ),
            self.block(self.t(intro_key(c.participation_code), date=w.date(c.review_date))),
        ]
        for key, section, theme, icon in (
            ("heading_working_well", "working_well", art.GREEN, "sun"),
            ("heading_worried", "worried_about", art.AMBER, "cloud"),
        ):
            text = getattr(c, section)
            if text:
                out += [self.heading(key, theme, icon), *self.free(text, section)]
        out += self.next_steps()
        out += self.told_us()
        art_works = [
            made
            for data in (c.picture, *c.drawings)
            if (made := picture(data, pdf.frame_width() * 0.8, 95 * mm)) is not None
        ]
        if art_works:  # the picture saved with the letter, then the child's own drawings
            out += [self.heading("heading_picture", art.ROSE, "heart"), *art_works]
        out += self.words_used()
        out += self.ending()
        return out

    def ending(self) -> list[Flowable]:
        """People on your side, If you are unhappy, From, the name, how to reach me. "From"
        always goes with the name and contact details; how tightly the rest is kept
        together is ``self.keep``: render_letter tries the loosest first and keeps the
        first layout with no page holding a lone block."""
        helpers, signed = self.help(), [KeepTogether(self.sign_off() + self.contact())]
        if self.keep == 0:
            return helpers + signed
        return (
            [KeepTogether(helpers), *signed] if self.keep == 1 else [KeepTogether(helpers + signed)]
        )

    def next_steps(self) -> list[Flowable]:
        c = self.c
        if not (c.needs_to_happen or c.decisions or c.next_review_due):
            return []
        out: list[Flowable] = [self.heading("heading_next", art.BLUE, "steps")]
        if c.needs_to_happen:
            out += self.free(c.needs_to_happen, "needs_to_happen")
        if c.decisions:
            intro = self.block(self.t("next_intro"), weight="bold")
            intro.keepWithNext = True
            out.append(intro)
            for n, d in enumerate(c.decisions, 1):
                sentence = decision_text(d, self.w, self.band, c)
                blocks = self.free(sentence, f"decision {n}",
                                   space_after=self.L.body * 0.35)  # fmt: skip
                bullets: list[Flowable] = [Bulleted(b, art.BLUE.accent, self.rtl) for b in blocks]
                out += bullets
        if c.next_review_due:
            out.append(self.block(self.t("next_review", date=self.w.date(c.next_review_due)),
                                  space_before=self.L.body * 0.4))  # fmt: skip
        return out

    def told_us(self) -> list[Flowable]:
        """Each thing the child said, in a speech bubble, and what we will do about it."""
        said = said_in(self.c)
        if not said:
            return []
        if self.c.participation_code == "PN0":  # under 4: never "What you told us"
            key = "heading_your_words_little"
        else:
            answered = any(s.answer for s in said)
            key = "heading_told_us_we_will" if answered else "heading_your_words"
        out: list[Flowable] = [self.heading(key, art.PURPLE, "speech")]
        for n, item in enumerate(said, 1):
            words = self.free(item.said, f"said {n}", "child", size=self.L.body * 1.08,
                              leading=self.L.leading * 1.08, space_after=0)  # fmt: skip
            bubble = Bubble(words, art.PURPLE, pad=self.L.body * 0.8,
                            space_after=self.L.body * 0.5)  # fmt: skip
            bubble.rtl = self.rtl
            group: list[Flowable] = [bubble]
            if item.answer:
                group.append(self.block(self.t("answer_label"), weight="bold",
                                        colour=art.PURPLE.accent, space_after=2))  # fmt: skip
                group += self.free(item.answer, f"answer {n}",
                                   space_after=self.L.body * 0.8)  # fmt: skip
            out.append(KeepTogether([out.pop(), *group]) if n == 1 else KeepTogether(group))
        return out

    def words_used(self) -> list[Flowable]:
        """The jargon the IRO kept on purpose, each with its explanation."""
        printed = " ".join(p.text for p in self.parts if p.source == "iro").lower()
        kept = [k for k in self.c.kept if k.term.lower() in printed and k.explanation]
        if not kept:
            return []
        items: list[Flowable] = [self.block(self.t("heading_words_used"), weight="bold",
                                            colour=art.TEAL.accent)]  # fmt: skip
        for n, k in enumerate(kept, 1):
            items += self.free(f"{k.term}: {k.explanation}", f"words used {n}",
                               space_after=3)  # fmt: skip
        return [Panel(items, art.TEAL, pad=self.L.body * 0.8, space_after=self.L.body * 0.7)]

    def sign_off(self) -> list[Flowable]:
        iro = self.c.iro
        if iro is None:
            return []
        texts: list[Flowable] = [
            self.block(self.t("sign_off"), space_before=self.L.body),
            self.block(
                iro.name,
                size=self.L.heading * 1.1,
                leading=self.L.heading * 1.4,
                weight="bold",
                colour=art.BLUE.accent,
                space_after=0,
            ),
            self.block(self.role(iro), space_after=self.L.body * 0.3),
            self.block(self.t("about_iro"), colour=SOFT_INK),
        ]
        photo = picture(iro.photo, 32 * mm, 32 * mm)
        if photo is None:
            return texts
        width = pdf.frame_width()
        cells = [texts, photo] if self.rtl else [photo, texts]
        cols = [width - 38 * mm, 38 * mm] if self.rtl else [38 * mm, width - 38 * mm]
        table = Table([cells], colWidths=cols)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("FONTNAME", (0, 0), (-1, -1), "Andika"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
        return [table]

    def role(self, iro: Contact) -> str:
        """The IRO's own job title (their profile) on an English letter; the translated
        "Independent Reviewing Officer" otherwise, as a title typed in English would not
        be in the child's language."""
        if iro.job_title and self.w.code == "en":
            return iro.job_title
        return self.t("iro_role")

    def contact(self) -> list[Flowable]:
        iro = self.c.iro
        if iro is None:
            return []
        lines = [(self.t("label_phone"), iro.phone), (self.t("label_mobile"), iro.mobile),
                 (self.t("label_email"), iro.email)]  # fmt: skip
        items: list[Flowable] = [
            Heading(
                self.t("heading_contact"),
                self.body.but(size=self.L.heading * 0.9, leading=self.L.heading * 1.15),
                art.TEAL,
                "phone",
                self.rtl,
                self.L.icon * 0.75,
            ),
        ]
        items += [self.block(f"{label}: {ltr(value)}", space_after=2)
                  for label, value in lines if value]  # fmt: skip
        council = authority_lines(self.c.authority, self.c.authority_phone,
                                  self.c.authority_email, self.t("label_phone"),
                                  self.t("label_email"))  # fmt: skip
        if council:
            items.append(self.block(council[0], weight="bold", space_before=self.L.body * 0.4,
                                    space_after=2))  # fmt: skip
            items += [self.block(line, space_after=2) for line in council[1:]]
        return [gap(self.L.body * 0.6), Panel(items, art.TEAL, pad=self.L.body * 0.8,
                                              space_after=self.L.body * 0.7)]  # fmt: skip

    def help(self) -> list[Flowable]:
        """People on your side and, in the same panel, what to do if unhappy: one panel,
        so "If you are unhappy" can never sit alone on a page."""
        c = self.c
        items: list[Flowable] = [self.block(self.t("heading_help"), weight="bold",
                                            colour=art.GREEN.accent)]  # fmt: skip
        if c.social_worker:
            items.append(self.block(self.t("social_worker_named", name=_who(c.social_worker))))
        spoke = c.participation_code in ("PN2", "PN5")
        if c.advocate:
            items.append(self.block(self.t("advocate_named", name=_who(c.advocate))))
        else:
            items.append(self.block(self.t("advocate_spoke" if spoke else "advocate_offer")))
        items.append(self.block(self.t("visitor_named", name=_who(c.independent_visitor))
                                if c.independent_visitor else self.t("visitor_offer")))  # fmt: skip
        items += [
            self.block(
                self.t("heading_unhappy"),
                weight="bold",
                colour=art.ROSE.accent,
                space_before=self.L.body * 0.4,
            ),
            self.block(self.t("unhappy"), space_after=0),
        ]
        return [Panel(items, art.GREEN, pad=self.L.body * 0.8, space_after=self.L.body * 0.4)]

    def decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        if doc.page == 1:
            art.confetti(canvas, width, height, self.L.confetti)
        st = self.body.but(size=self.L.small, leading=self.L.small * 1.3, colour=SOFT_INK,
                           space_after=0)  # fmt: skip
        page = self.t("page", n=str(doc.page)).replace(" ", NBSP)
        footer = f"{self.t('footer')} · {self.c.authority} · {page}"
        inner = width - 40 * mm
        while st.size > 6 and max(measure(line, st) for line in footer.split("\n")) > inner:
            st = st.but(size=st.size - 0.5, leading=(st.size - 0.5) * 1.3)  # one line always
        note = ""
        if self.w.needs_translator_check and self.c.copy == "iro":
            note = self.t("translation_note") or TRANSLATOR_NOTE.format(language=self.w.name)
        y = 9 * mm
        for text, style in ((footer, st), (note, st.but(rtl=False, main_font="Andika"))):
            if text:
                block = TextBlock(text, style.but(align="centre"))
                _, h = block.wrap(inner, 40)
                block.drawOn(canvas, 20 * mm, y)
                y -= h


TRANSLATOR_NOTE = "IRO's copy: the {language} wording is awaiting a qualified translator's check."


def said_in(content: LetterContent) -> tuple[ChildSaid, ...]:
    """What the child said: as gathered with the letter, or (for a letter made by hand)
    each line of their words."""
    return content.said or gather_said(content.child_words, (), ())


def decision_text(d: DecisionLine, wording: Wording, band: str, content: LetterContent) -> str:
    """The decision as the child reads it: the IRO's sentence, else the suggested one."""
    return d.sentence.strip() or suggested_sentence(d, wording, band, content)


def _who(person: Contact | None) -> str:
    if person is None:
        return ""
    return f"{person.name} ({ltr(person.phone)})" if person.phone else person.name


def printed_parts(content: LetterContent) -> list[Part]:
    """The letter's text, part by part, exactly as ``render_letter`` lays it out."""
    letter = _Letter(content, load(content.language), False)
    letter.story()
    return letter.parts


def render_letter(content: LetterContent, *, dyslexia_font: bool = False) -> bytes:
    """The letter as PDF bytes. Pure: reads nothing but the bundled resources.

    Laid out with the ending loose, then kept tighter, until no page holds a lone block
    (a panel or heading alone, or a scrap of a page): the first good layout wins."""
    wording = load(content.language)
    best: tuple[int, bytes] | None = None
    for keep in (0, 1, 2):
        letter = _Letter(content, wording, dyslexia_font)
        letter.keep = keep
        placed: list[tuple[int, Flowable]] = []
        data = pdf.build(
            letter.story(),
            title="A letter from your Independent Reviewing Officer",
            language=wording.code,
            page=PAGE,
            decorate=letter.decorate,
            author=content.iro.name if content.iro else "",
            placed=placed,
        )
        bad = lone_pages(placed)
        if not bad:
            return data
        if best is None or bad < best[0]:
            best = (bad, data)
    assert best is not None
    return best[1]


def lone_pages(placed: list[tuple[int, Flowable]]) -> int:
    """How many pages hold a lone block: one panel or heading and nothing else, a heading
    last, or (after the first page) less than a fifth of a page."""
    pages: dict[int, list[Flowable]] = {}
    for page, flowable in placed:
        if not isinstance(flowable, (Spacer, KeepTogether)):
            pages.setdefault(page, []).append(flowable)
    bad = 0
    for page, drawn in pages.items():
        used = sum(getattr(f, "height", 0) for f in drawn)
        alone = len(drawn) == 1 and isinstance(drawn[0], (Panel, Heading))
        last = drawn[-1]
        last_heading = isinstance(last, Heading) or bool(getattr(last, "keepWithNext", False))
        scrap = page > 1 and used < pdf.frame_height(PAGE) / 5
        bad += bool(alone or last_heading or scrap)
    return bad
