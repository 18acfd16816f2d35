"""The IRO's introductory sheet, one per age band, and a page of contact cards to cut out.

The sheet answers what a child asks a stranger who says they are "your IRO": who are you,
what do you do, how do I reach you, who else is on my side (the advocacy service and the
Children in Care Council, with their numbers from the authority's settings), what if I am
unhappy. The cards are for the youngest reader: large type, the IRO's photo or a smiling
face, "the person who checks your plan is right for you", the phone number and Childline.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak
from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.documents import art, pdf
from iro_desktop.documents.bidi_runs import ltr
from iro_desktop.documents.blocks import Heading, Panel, gap, picture
from iro_desktop.documents.content import Contact, authority_lines, iro_contact
from iro_desktop.documents.errors import DocumentError
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.documents.wording import Wording, load
from iro_desktop.store import queries
from iro_desktop.store.schema import Iro

CARD_W, CARD_H = 85 * mm, 80 * mm
BANDS = ("under_8", "8_12", "13_plus")
SERVICES = ("advocacy_service", "advocacy_phone", "children_in_care_council",
            "children_in_care_council_phone", "authority_phone", "authority_email")  # fmt: skip


def services(session: Session) -> dict[str, str]:
    """The authority's advocacy service and Children in Care Council, with their numbers."""
    found = {key: str(queries.setting(session, key)) for key in SERVICES}
    return {"advocacy": found["advocacy_service"], "advocacy_phone": ltr(found["advocacy_phone"]),
            "council": found["children_in_care_council"],
            "council_phone": ltr(found["children_in_care_council_phone"]),
            "authority_phone": found["authority_phone"],
            "authority_email": found["authority_email"]}  # fmt: skip


def load_iro(session: Session, email: str | None = None) -> tuple[Contact, str]:
    """The IRO profile to print (by e-mail, else this laptop's IRO, else the first) and the
    authority's name."""
    query = select(Iro).where(Iro.deleted.is_(False))
    if email:
        query = query.where(Iro.email == email)
    iro = None if email else queries.me(session)
    iro = iro or session.scalar(query.order_by(Iro.name).limit(1))
    if iro is None:
        raise DocumentError(
            "There is no IRO profile on this caseload yet; add yours first (File > My "
            "profile… in the program)."
        )
    contact = iro_contact(iro)
    assert contact is not None
    return contact, str(queries.setting(session, "authority_name"))


def _contact_lines(iro: Contact, w: Wording) -> list[str]:
    pairs = [(w.text("label_phone"), iro.phone), (w.text("label_mobile"), iro.mobile),
             (w.text("label_email"), iro.email)]  # fmt: skip
    return [f"{label}: {ltr(value)}" for label, value in pairs if value]


class CardSheet(Flowable):  # type: ignore[misc]
    """Six cards with cutting lines, two across and three down, in type a six-year-old can
    read: the IRO's name, photo (or a smiling face), what they do, their number, Childline."""

    def __init__(self, iro: Contact, wording: Wording, authority: str) -> None:
        super().__init__()
        self.iro, self.w, self.authority = iro, wording, authority

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = 2 * CARD_W, 3 * CARD_H
        return self.width, self.height

    def draw(self) -> None:
        for row in range(3):
            for col in range(2):
                self._card(col * CARD_W, row * CARD_H)

    def _card(self, x: float, y: float) -> None:
        c, w, rtl = self.canv, self.w, self.w.rtl
        base = TextStyle(size=14, leading=18, main_font=w.font, rtl=rtl)
        c.saveState()
        c.setStrokeColor(HexColor("#B8C2CC"))
        c.setDash(3, 3)
        c.rect(x, y, CARD_W, CARD_H, stroke=1, fill=0)
        c.restoreState()
        c.setFillColor(art.BLUE.fill)
        c.roundRect(x + 3 * mm, y + 3 * mm, CARD_W - 6 * mm, CARD_H - 6 * mm, 10, stroke=0,
                    fill=1)  # fmt: skip
        face = 24 * mm
        fx = x + CARD_W - 6 * mm - face if rtl else x + 6 * mm
        fy = y + CARD_H - 6 * mm - face
        photo = picture(self.iro.photo, face, face)
        if photo is not None:
            photo.wrapOn(c, face, face)
            photo.drawOn(c, fx, fy)
        else:
            art.face(c, fx + face / 2, fy + face / 2, face / 2 * 0.9, 2)
        text_x = x + 6 * mm if rtl else fx + face + 4 * mm
        text_w = CARD_W - face - 16 * mm
        name = TextBlock(
            w.card_text("card_title", iro=self.iro.name),
            base.but(size=18, leading=22, weight="bold", colour=art.BLUE.accent),
        )
        _, h = name.wrap(text_w, 60)
        name.drawOn(c, text_x, fy + face - h)
        line = TextBlock(w.card_text("card_line"), base.but(size=13, leading=16))
        _, lh = line.wrap(text_w, 80)
        line.drawOn(c, text_x, fy + face - h - lh - 2)
        bottom = [(f"{w.text('label_phone')}: {ltr(self.iro.phone or self.iro.mobile or '')}",
                   base.but(size=16, leading=20, weight="bold")),
                  (w.card_text("card_childline"), base.but(size=13, leading=16))]  # fmt: skip
        top = fy - 4 * mm
        for text, style in bottom:
            block = TextBlock(text, style)
            _, bh = block.wrap(CARD_W - 12 * mm, 60)
            top -= bh
            block.drawOn(c, x + 6 * mm, top)


def card_story(iro: Contact, authority: str, wording: Wording, band: str,
               found: dict[str, str]) -> list[Flowable]:  # fmt: skip
    """The introductory sheet for one age band."""
    rtl = wording.rtl
    size = {"under_8": 16, "8_12": 14}.get(band, 13)
    body = TextStyle(size=size, leading=size * 1.5, main_font=wording.font, rtl=rtl,
                     space_after=6)  # fmt: skip
    head = body.but(size=size + 3, leading=(size + 3) * 1.3, space_before=8, space_after=6)

    def ct(key: str) -> str:
        return wording.card_text(key, band, iro=iro.name, **found)

    out: list[Flowable] = [
        TextBlock(
            ct("title"),
            body.but(size=size * 1.8, leading=size * 2.2, weight="bold", colour=art.BLUE.accent),
        ),
        TextBlock(authority, body.but(colour=HexColor("#3A4654"))),
    ]
    photo = picture(iro.photo, 40 * mm, 40 * mm)
    if photo is not None:
        out.append(photo)
    for key, theme, icon in (("who_i_am", art.GREEN, "sun"), ("what_i_do", art.BLUE, "steps")):
        out += [Heading(ct(key), head, theme, icon, rtl), TextBlock(ct(f"{key}_text"), body)]
    if iro.about and band != "under_8":
        out.append(TextBlock(iro.about, body))
    reach = [Heading(ct("reach_me"), head, art.TEAL, "phone", rtl)]
    reach += [TextBlock(line, body) for line in _contact_lines(iro, wording)]
    council = authority_lines(authority, found.get("authority_phone", ""),
                              found.get("authority_email", ""), wording.text("label_phone"),
                              wording.text("label_email"))  # fmt: skip
    reach += [TextBlock(line, body.but(weight="bold") if n == 0 else body)
              for n, line in enumerate(council)]  # fmt: skip
    out += [gap(4), Panel(list(reach), art.TEAL)]
    for key, theme, icon in (
        ("advocacy", art.PURPLE, "speech"),
        ("visitor", art.GREEN, "heart"),
        ("council", art.BLUE, "steps"),
        ("unhappy", art.ROSE, "heart"),
    ):
        text = ct(f"{key}_text")
        number = {"advocacy": ("advocacy", "advocacy_phone"),
                  "council": ("council", "council_phone")}.get(key)  # fmt: skip
        if number and found.get(number[1]) and found[number[1]] not in text:
            text += f"\n{found[number[0]]}: {found[number[1]]}"  # a language's own wording
        out.append(KeepTogether([Heading(ct(key), head, theme, icon, rtl),
                                 TextBlock(text, body)]))  # fmt: skip
    return out


def render_card(iro: Contact, authority: str, language: str = "en",
                bands: tuple[str, ...] = BANDS,
                found: dict[str, str] | None = None) -> bytes:  # fmt: skip
    """An introductory sheet per age band (each from a new page), then a page of cards."""
    wording = load(language)
    story: list[Flowable] = []
    for band in bands:
        story += [*card_story(iro, authority, wording, band, found or {}), PageBreak()]
    story.append(CardSheet(iro, wording, authority))
    return pdf.build(story, title="Your Independent Reviewing Officer",
                     language=wording.code, author=iro.name)  # fmt: skip
