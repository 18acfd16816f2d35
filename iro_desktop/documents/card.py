"""The IRO's introductory sheet and a page of contact cards to cut out and leave behind.

The sheet answers what a child asks a stranger who says they are "your IRO": who are you,
what do you do, how do I reach you, who else is on my side, what if I am unhappy. The cards
carry just the name and numbers, small enough for a pocket or a phone case.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak
from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.documents import art, pdf
from iro_desktop.documents.bidi_runs import ltr
from iro_desktop.documents.blocks import Heading, Panel, gap, picture
from iro_desktop.documents.content import Contact, iro_contact
from iro_desktop.documents.errors import DocumentError
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.documents.wording import Wording, load
from iro_desktop.store import queries
from iro_desktop.store.schema import Iro

CARD_W, CARD_H = 85 * mm, 55 * mm


def load_iro(session: Session, email: str | None = None) -> tuple[Contact, str]:
    """The IRO profile to print (by e-mail, or the only one) and the authority's name."""
    query = select(Iro).where(Iro.deleted.is_(False))
    if email:
        query = query.where(Iro.email == email)
    iro = session.scalar(query.order_by(Iro.name).limit(1))
    if iro is None:
        raise DocumentError("There is no IRO profile on this caseload yet; add yours first.")
    contact = iro_contact(iro)
    assert contact is not None
    return contact, str(queries.setting(session, "authority_name"))


def _contact_lines(iro: Contact, w: Wording) -> list[str]:
    pairs = [(w.text("label_phone"), iro.phone), (w.text("label_mobile"), iro.mobile),
             (w.text("label_email"), iro.email)]  # fmt: skip
    return [f"{label}: {ltr(value)}" for label, value in pairs if value]


class CardSheet(Flowable):  # type: ignore[misc]
    """Eight business-card-sized cards with cutting lines, two across and four down."""

    def __init__(self, iro: Contact, wording: Wording, authority: str) -> None:
        super().__init__()
        self.iro, self.w, self.authority = iro, wording, authority

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = 2 * CARD_W, 4 * CARD_H
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        rtl = self.w.rtl
        base = TextStyle(size=10, leading=13, main_font=self.w.font, rtl=rtl)
        for row in range(4):
            for col in range(2):
                x, y = col * CARD_W, row * CARD_H
                c.saveState()
                c.setStrokeColor(HexColor("#B8C2CC"))
                c.setDash(3, 3)
                c.rect(x, y, CARD_W, CARD_H, stroke=1, fill=0)
                c.restoreState()
                c.setFillColor(art.BLUE.accent)
                c.rect(x, y + CARD_H - 14 * mm, CARD_W, 14 * mm, stroke=0, fill=1)
                title = TextBlock(
                    self.w.card_text("card_title"),
                    base.but(size=14, leading=17, weight="bold", colour=white),
                )
                title.wrap(CARD_W - 10 * mm, 20)
                title.drawOn(c, x + 5 * mm, y + CARD_H - 10.5 * mm)
                lines = [self.iro.name, *_contact_lines(self.iro, self.w),
                         self.w.card_text("card_line")]  # fmt: skip
                top = y + CARD_H - 17 * mm
                for n, text in enumerate(lines):
                    style = base.but(weight="bold", size=12, leading=15) if n == 0 else base
                    block = TextBlock(text, style)
                    _, h = block.wrap(CARD_W - 10 * mm, 40)
                    top -= h
                    block.drawOn(c, x + 5 * mm, top)


def card_story(iro: Contact, authority: str, wording: Wording) -> list[Flowable]:
    rtl = wording.rtl
    body = TextStyle(size=13, leading=19.5, main_font=wording.font, rtl=rtl, space_after=6)
    head = body.but(size=16, leading=21, space_before=8, space_after=6)
    ct = wording.card_text
    out: list[Flowable] = [
        TextBlock(
            ct("title"), body.but(size=26, leading=32, weight="bold", colour=art.BLUE.accent)
        ),
        TextBlock(authority, body.but(colour=HexColor("#3A4654"))),
    ]
    photo = picture(iro.photo, 40 * mm, 40 * mm)
    if photo is not None:
        out.append(photo)
    for key, theme, icon in (("who_i_am", art.GREEN, "sun"), ("what_i_do", art.BLUE, "steps")):
        out += [Heading(ct(key), head, theme, icon, rtl),
                TextBlock(ct(f"{key}_text", iro=iro.name), body)]  # fmt: skip
    if iro.about:
        out.append(TextBlock(iro.about, body))
    reach = [Heading(ct("reach_me"), head, art.TEAL, "phone", rtl)]
    reach += [TextBlock(line, body) for line in _contact_lines(iro, wording)]
    out += [gap(4), Panel(list(reach), art.TEAL)]
    for key, theme, icon in (
        ("advocacy", art.PURPLE, "speech"),
        ("visitor", art.GREEN, "heart"),
        ("council", art.BLUE, "steps"),
        ("unhappy", art.ROSE, "heart"),
    ):
        out += [Heading(ct(key), head, theme, icon, rtl), TextBlock(ct(f"{key}_text"), body)]
    out += [PageBreak(), CardSheet(iro, wording, authority)]
    return out


def render_card(iro: Contact, authority: str, language: str = "en") -> bytes:
    """The introductory sheet (page 1 on) and a page of eight cut-out cards."""
    wording = load(language)
    return pdf.build(card_story(iro, authority, wording), title="Your IRO",
                     language=wording.code, author=iro.name)  # fmt: skip
