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
from reportlab.platypus import BaseDocTemplate, Flowable, Table, TableStyle

from iro_desktop.documents import art, pdf
from iro_desktop.documents.bidi_runs import ltr
from iro_desktop.documents.blocks import Bubble, Bulleted, Heading, Panel, gap, picture
from iro_desktop.documents.content import Contact, LetterContent
from iro_desktop.documents.owners import decision_sentence
from iro_desktop.documents.plain_language import replace_jargon
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.documents.wording import Wording, load

SOFT_INK = HexColor("#3A4654")


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


class _Letter:
    """Builds the story for one letter; split out so each part stays a short method."""

    def __init__(self, content: LetterContent, wording: Wording, dyslexia_font: bool,
                 plain: bool) -> None:  # fmt: skip
        self.c = content
        self.w = wording
        self.band = content.age_band if content.age_band in LAYOUTS else "8_12"
        self.L = LAYOUTS[self.band]
        self.rtl = wording.rtl
        self.plain = plain
        self.body = TextStyle(size=self.L.body, leading=self.L.leading,
                              main_font=main_font(wording, dyslexia_font), rtl=self.rtl,
                              space_after=self.L.body * 0.5)  # fmt: skip

    def t(self, key: str, **values: str) -> str:
        return self.w.text(key, self.band, **values)

    def words(self, text: str) -> str:
        """The IRO's text with safe jargon swaps; the glossary is English, so it only ever
        touches English words, whatever the letter's language."""
        return replace_jargon(text) if self.plain else text

    def block(self, text: str, **style: object) -> TextBlock:
        return TextBlock(text, self.body.but(**style))

    def free(self, text: str, **style: object) -> TextBlock:
        """The IRO's or the child's own words: each paragraph keeps its own direction (an
        English sentence in an Arabic letter still ends with its full stop on the right),
        lined up with the rest of the letter."""
        align = "right" if self.rtl else "start"
        return TextBlock(text, self.body.but(rtl=None, align=align, **style))

    def heading(self, key: str, theme: art.Theme, icon: str) -> Heading:
        style = self.body.but(
            size=self.L.heading,
            leading=self.L.heading * 1.3,
            space_before=self.L.body * 0.9,
            space_after=self.L.body * 0.55,
        )
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
        for key, text, theme, icon in (
            ("heading_working_well", c.working_well, art.GREEN, "sun"),
            ("heading_worried", c.worried_about, art.AMBER, "cloud"),
        ):
            if text:
                out += [self.heading(key, theme, icon), self.free(self.words(text))]
        out += self.next_steps()
        if c.child_words:
            bubble = Bubble([self.free(c.child_words, size=self.L.body * 1.08,
                                       leading=self.L.leading * 1.08, space_after=0)],
                            art.PURPLE, pad=self.L.body, space_after=self.L.body * 1.2)  # fmt: skip
            bubble.rtl = self.rtl
            out += [self.heading("heading_your_words", art.PURPLE, "speech"), bubble]
        art_work = picture(c.picture, pdf.frame_width() * 0.8, 95 * mm)
        if art_work is not None:
            out += [self.heading("heading_picture", art.ROSE, "heart"), art_work]
        out += self.sign_off() + self.contact() + self.help()
        return out

    def next_steps(self) -> list[Flowable]:
        c = self.c
        if not (c.needs_to_happen or c.decisions or c.next_review_due):
            return []
        out: list[Flowable] = [self.heading("heading_next", art.BLUE, "steps")]
        if c.needs_to_happen:
            out.append(self.free(self.words(c.needs_to_happen)))
        if c.decisions:
            out.append(self.block(self.t("next_intro"), weight="bold"))
            for d in c.decisions:
                sentence = decision_sentence(d, self.w, self.band, c, self.words)
                out.append(Bulleted(self.block(sentence, space_after=self.L.body * 0.35),
                                    art.BLUE.accent, self.rtl))  # fmt: skip
        if c.next_review_due:
            out.append(self.block(self.t("next_review", date=self.w.date(c.next_review_due)),
                                  space_before=self.L.body * 0.4))  # fmt: skip
        return out

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
            self.block(self.t("iro_role"), space_after=self.L.body * 0.3),
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
        return [gap(self.L.body * 0.6), Panel(items, art.TEAL, pad=self.L.body * 0.8,
                                              space_after=self.L.body * 0.7)]  # fmt: skip

    def help(self) -> list[Flowable]:
        c = self.c
        items: list[Flowable] = [self.block(self.t("heading_help"), weight="bold",
                                            colour=art.GREEN.accent)]  # fmt: skip
        if c.social_worker:
            items.append(self.block(self.t("social_worker_named", name=_who(c.social_worker))))
        items.append(self.block(self.t("advocate_named", name=_who(c.advocate))
                                if c.advocate else self.t("advocate_offer")))  # fmt: skip
        items.append(self.block(self.t("visitor_named", name=_who(c.independent_visitor))
                                if c.independent_visitor else self.t("visitor_offer")))  # fmt: skip
        unhappy: list[Flowable] = [
            self.block(self.t("heading_unhappy"), weight="bold", colour=art.ROSE.accent),
            self.block(self.t("unhappy"), space_after=0),
        ]
        return [Panel(items, art.GREEN, pad=self.L.body * 0.8, space_after=self.L.body * 0.7),
                Panel(unhappy, art.ROSE, pad=self.L.body * 0.8, space_after=0)]  # fmt: skip

    def decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        if doc.page == 1:
            art.confetti(canvas, width, height, self.L.confetti)
        st = self.body.but(size=self.L.small, leading=self.L.small * 1.3, colour=SOFT_INK,
                           space_after=0)  # fmt: skip
        footer = f"{self.t('footer')} · {self.c.authority} · {self.t('page', n=str(doc.page))}"
        note = self.t("translation_note") if self.w.needs_translator_check else ""
        y = 9 * mm
        for text, style in ((footer, st), (note, st.but(rtl=False, main_font="Andika"))):
            if text:
                block = TextBlock(text, style.but(align="centre"))
                _, h = block.wrap(width - 40 * mm, 40)
                block.drawOn(canvas, 20 * mm, y)
                y -= h


def _who(person: Contact | None) -> str:
    if person is None:
        return ""
    return f"{person.name} ({ltr(person.phone)})" if person.phone else person.name


def render_letter(content: LetterContent, *, dyslexia_font: bool = False,
                  replace_jargon_words: bool = True) -> bytes:  # fmt: skip
    """The letter as PDF bytes. Pure: reads nothing but the bundled resources."""
    wording = load(content.language)
    letter = _Letter(content, wording, dyslexia_font, replace_jargon_words)
    return pdf.build(
        letter.story(),
        title="A letter from your Independent Reviewing Officer",
        language=wording.code,
        page=pdf.Page(top=20 * mm, bottom=22 * mm),
        decorate=letter.decorate,
        author=content.iro.name if content.iro else "",
    )
