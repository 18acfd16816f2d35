"""The letter editor keeps unsaved text as a draft in the encrypted file, never asking."""

from __future__ import annotations

from iro_desktop.gui.context import Context
from iro_desktop.gui.letters.editor import LetterEditor
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.drafts import load_draft
from tests.gui.letters.test_editor import letters_saved


def open_editor(qtbot, ctx: Context, child_id: str) -> LetterEditor:  # type: ignore[no-untyped-def]
    """Open and wait for ``loaded``, which comes after any draft has been looked for.

    The real runner delivers through the event loop, so ``loaded`` cannot arrive before
    the wait below begins."""
    editor = LetterEditor(None, ctx, child_id)
    qtbot.addWidget(editor)
    with qtbot.waitSignals([editor.loaded, editor.checked], timeout=10_000):
        editor.show()
    return editor


WORDS = "You have settled in so well and made two good friends at football."


def test_unsaved_text_is_autosaved_and_offered_back(qtbot, ctx: Context, child_id: str) -> None:
    first = open_editor(qtbot, ctx, child_id)
    original = first.form.fields["working_well"].text()
    key = first.draft_key
    with qtbot.waitSignal(first.draft_saved, timeout=10_000):
        first.form.fields["working_well"].setPlainText(WORDS)  # the autosave follows typing
    found = load_draft(ctx.caseload, key)
    assert found is not None and found.values["sections"]["working_well"] == WORDS
    first.form.name.setText("Sammy")
    with qtbot.waitSignal(first.draft_saved, timeout=10_000):
        first.close()  # no question: the newest text goes to the draft
    assert not first.isVisible()
    assert load_draft(ctx.caseload, key).values["name"] == "Sammy"  # type: ignore[union-attr]
    assert letters_saved(ctx.caseload) == []  # a draft is not a saved letter

    second = open_editor(qtbot, ctx, child_id)
    assert second.form.fields["working_well"].text() == WORDS
    assert second.form.name.text() == "Sammy"
    assert "Restored" in second.message.text() and second.dirty
    assert second.discard_button.isVisibleTo(second)
    assert original != WORDS
    with qtbot.waitSignal(second.saved, timeout=10_000):
        second.save()
    qtbot.waitUntil(lambda: load_draft(ctx.caseload, key) is None, timeout=10_000)
    assert not second.discard_button.isVisibleTo(second)
    assert len(letters_saved(ctx.caseload)) == 1


def test_restored_changes_can_be_discarded(qtbot, ctx: Context, child_id: str) -> None:
    first = open_editor(qtbot, ctx, child_id)
    original = first.form.fields["worried_about"].text()
    first.form.fields["worried_about"].setPlainText("Something only in the draft.")
    with qtbot.waitSignal(first.draft_saved, timeout=10_000):
        first.reject()  # Escape
    second = open_editor(qtbot, ctx, child_id)
    assert second.form.fields["worried_about"].text() == "Something only in the draft."
    with qtbot.waitSignals([second.loaded, second.checked], timeout=10_000):
        second.discard_button.click()
    assert second.form.fields["worried_about"].text() == original
    assert not second.dirty and load_draft(ctx.caseload, second.draft_key) is None


def test_a_clean_editor_leaves_no_draft(
    qtbot, ctx: Context, store: Caseload, child_id: str
) -> None:
    editor: LetterEditor = open_editor(qtbot, ctx, child_id)
    editor.close()
    assert load_draft(store, editor.draft_key) is None
