"""Home, caseload and search screens over the real demo caseload."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iro_desktop.domain.dates import age_on
from iro_desktop.gui.caseload_model import NEXT_REVIEW
from iro_desktop.store.reads.whats_due import Bucket
from tests.conftest import TODAY


def shown_rows(view):  # type: ignore[no-untyped-def]
    proxy = view.proxy
    return [
        view.model.rows[proxy.mapToSource(proxy.index(r, 0)).row()] for r in range(proxy.rowCount())
    ]


def test_caseload_lists_every_child_with_the_guidance(window) -> None:
    view = window.workspace.caseload
    assert view.model.rowCount() == 65
    assert view.size_label.text() == "65 children: within the 50-70 guidance"
    assert view.count_label.text() == "65 of 65 shown"


def test_caseload_filters(window) -> None:
    view = window.workspace.caseload
    rows = view.model.rows
    for key, test in (
        ("overdue", lambda r: r.overdue),
        ("out_of_county", lambda r: r.out_of_county),
        ("under_4", lambda r: r.age < 4),
        ("due_soon", lambda r: r.due_soon),
    ):
        view.show_combo.setCurrentIndex(view.show_combo.findData(key))
        shown = shown_rows(view)
        assert shown, key
        assert all(test(r) for r in shown), key
        assert len(shown) == sum(1 for r in rows if test(r)), key
    view.show_combo.setCurrentIndex(0)
    view.legal_combo.setCurrentIndex(view.legal_combo.findData("E1"))
    assert {r.legal_code for r in shown_rows(view)} == {"E1"}


def test_type_to_search_by_name_or_ref(window, qtbot) -> None:
    view = window.workspace.caseload
    target = view.model.rows[10]
    qtbot.keyClicks(view.search, target.full_name.split()[1][:5].lower())
    assert target in shown_rows(view)
    assert all(target.full_name.split()[1][:5].lower() in (r.full_name + r.name).lower()
               for r in shown_rows(view))  # fmt: skip
    view.search.setText(target.child_ref)
    assert shown_rows(view) == [target]
    view.search.setText("zzzz nobody")
    assert shown_rows(view) == [] and view.count_label.text() == "0 of 65 shown"
    view.search.setText(target.child_ref)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert window.workspace.record is not None
    assert window.workspace.record.child_id == target.child_id


def test_overdue_is_marked_in_words_not_colour_alone(window) -> None:
    view = window.workspace.caseload
    overdue = [r for r in view.model.rows if r.overdue]
    assert overdue
    row = view.model.rows.index(overdue[0])
    assert view.model.index(row, NEXT_REVIEW).data().startswith("⚠ Overdue")
    ages = {r.age for r in view.model.rows}
    assert max(ages) <= 18 and min(ages) >= 0
    assert age_on  # ages come from the domain rule, checked in domain tests


def test_home_counts_and_opens_the_right_place(window) -> None:
    home = window.workspace.home
    counts = home.counts()
    assert counts.get(Bucket.OVERDUE, 0) > 0
    for bucket, tile in home.tiles.items():
        assert tile.text().split("\n")[0].strip("⚠ ") == str(counts.get(bucket, 0))
    overdue_group = home.tree.topLevelItem(0)
    assert overdue_group.text(0).startswith("Overdue")
    first = overdue_group.child(0)
    assert first.text(0).startswith("⚠ Overdue by")
    assert all(i.due < TODAY for i in home.items if i.bucket is Bucket.OVERDUE)
    home.tiles[Bucket.OVERDUE].setChecked(False)
    assert not home.tree.topLevelItem(0).text(0).startswith("Overdue")
    home.tiles[Bucket.OVERDUE].setChecked(True)
    review = next(i for i in home.items if i.label == "Review")
    group = home.tree.topLevelItem(list(Bucket).index(review.bucket))
    row = next(group.child(n) for n in range(group.childCount())
               if group.child(n).data(0, Qt.ItemDataRole.UserRole + 1) == review)  # fmt: skip
    home._open(row)
    record = window.workspace.record
    assert record.child_id == review.child_id
    assert record.tabs.tabText(record.tabs.currentIndex()) == "Reviews"


def test_search_groups_results_by_child_and_opens_them(window) -> None:
    window._search("school")
    view = window.workspace.search
    assert window.workspace.pages.currentWidget() is view
    assert view.results and view.tree.topLevelItemCount() == len(view.results)
    assert "matches for “school”" in view.summary.text()
    top = view.tree.topLevelItem(0)
    assert view.results[0].name in top.text(0)
    assert top.childCount() == len(view.results[0].hits)
    assert all("school" in top.child(n).text(1).lower() for n in range(top.childCount()))
    hits = [top.child(n) for n in range(top.childCount())]
    entry = next((h for h in hits if h.text(0) != "Profile"), None)
    if entry is not None:  # a hit in an entry opens the entry itself, over the results
        view._open(entry)
        assert view.viewer is not None and view.viewer.entry is not None
        assert view.viewer.entry.child_id == view.results[0].child_id
        view.viewer.close()
    view._open(top)  # the child's own line opens their record
    assert window.workspace.record.child_id == view.results[0].child_id


def test_search_finds_new_notes_and_survives_odd_input(window) -> None:
    from iro_desktop.store.ops import casework
    from iro_desktop.store.schema import Child

    child_id = window.workspace.caseload.model.rows[3].child_id

    def note(op):  # type: ignore[no-untyped-def]
        child = op.session.get(Child, child_id)
        return casework.add_note(
            op,
            child,
            note_date=TODAY,
            text="Zebrafish tank at the foster home 🐟 مرحبا",
            today=TODAY,
        )

    window.ctx.write(note, lambda _n: None, owner=window)
    view = window.workspace.search
    for query, found in (("zebraf", True), ("مرحبا", True), ('"(*)^-NEAR', False), ("", False)):
        view.set_query(query)
        ids = [g.child_id for g in view.results]
        assert (child_id in ids) is found, query


def test_an_emoji_alone_finds_the_note_and_nothing_found_says_what_to_try(window) -> None:
    from iro_desktop.store.ops import casework
    from iro_desktop.store.schema import Child

    child_id = window.workspace.caseload.model.rows[4].child_id

    def note(op):  # type: ignore[no-untyped-def]
        child = op.session.get(Child, child_id)
        return casework.add_note(op, child, note_date=TODAY, today=TODAY,
                                 text="Sang in the car, very happy🙂 after contact")  # fmt: skip

    window.ctx.write(note, lambda _n: None, owner=window)
    view = window.workspace.search
    view.set_query("🙂")
    assert [g.child_id for g in view.results] == [child_id]
    assert (
        view.tree.topLevelItem(0).child(0).text(1)
        == "Sang in the car, very happy[🙂] after contact"
    )
    assert view.summary.text().startswith("1 match for “🙂” in 1 child (")
    view.set_query("👍🏽")
    assert view.results == []
    assert view.summary.text().startswith("Nothing found for “👍🏽”. Emoji and symbols are found")
    view.set_query("zzqx wobble")
    assert view.summary.text() == (
        "Nothing found for “zzqx wobble”. Each word is found from its start (“sam” finds "
        "Samira): try fewer or shorter words."
    )
