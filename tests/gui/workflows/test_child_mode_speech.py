"""Read-aloud with the real engine: espeak-ng says a question into a WAV file in English and
Arabic, the real voice list decides which languages are read, and nothing is left speaking
when the child moves on, leaves, or the program locks.

These need espeak-ng (``bash packaging/dev test`` installs it as root on Debian). Without
it they are skipped, except under CI=true, where the machine has it and they must run."""

from __future__ import annotations

import os
import shutil
import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from iro_desktop.domain.forms import Question
from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.child_mode_words import Words
from iro_desktop.gui.workflows.read_aloud import Engine, Speaker, find_engine, voice_for
from tests.gui.workflows.test_child_mode_answers import open_mode, plan, speaks

HOME = Question("home", "How do you feel about where you live?", "faces")


@pytest.fixture
def espeak() -> Engine:
    engine = find_engine()
    if engine is None or engine.name != "espeak-ng" or shutil.which("espeak-ng") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI has espeak-ng (packaging/dev installs it), but it was not found")
        pytest.skip("espeak-ng is not installed: apt-get install espeak-ng to run this")
    return engine


def said_into(qtbot: QtBot, engine: Engine, code: str, text: str, wav: Path) -> Speaker:
    speaker = Speaker(engine, code, wav=str(wav))
    speaker.say(text)
    process = speaker.process
    assert process is not None
    qtbot.waitUntil(lambda: not speaker.speaking(), timeout=20000)
    assert process.exitCode() == 0, bytes(process.readAllStandardError().data())
    return speaker


def seconds(wav: Path) -> float:
    with wave.open(str(wav)) as sound:
        assert sound.getnchannels() == 1 and sound.getsampwidth() == 2
        return sound.getnframes() / sound.getframerate()


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_question_is_said_in_the_childs_language(
    qtbot: QtBot, espeak: Engine, tmp_path: Path, code: str
) -> None:
    words = Words(code)
    text = words.question("child_8_12", HOME).text
    assert (code == "ar") == (text != HOME.text)  # Arabic really is Arabic
    assert voice_for(espeak, code)
    wav = tmp_path / f"{code}.wav"
    said_into(qtbot, espeak, code, text, wav)
    assert wav.read_bytes()[:4] == b"RIFF" and wav.read_bytes()[8:12] == b"WAVE"
    assert 1.0 < seconds(wav) < 10.0  # a spoken sentence, not silence or an empty file
    silence = tmp_path / "nothing.wav"
    said_into(qtbot, espeak, code, ".", silence)
    assert seconds(silence) < seconds(wav) / 2


def test_the_real_voice_list_decides_which_languages_are_read(espeak: Engine) -> None:
    for code in ("en", "ar", "am", "fa", "sq", "uk", "vi"):
        assert voice_for(espeak, code), code
    for code in ("ckb", "prs", "ps", "ti"):  # espeak-ng has no voice for these
        assert not voice_for(espeak, code), code


def test_no_tigrinya_voice_is_told_to_the_iro_before_the_child_starts(
    qtbot: QtBot, ctx: Context, espeak: Engine
) -> None:
    plan(ctx, on=9)
    speaks(ctx, "ti")
    window = open_mode(qtbot, ctx)
    qtbot.waitUntil(lambda: "voice" in window.iro_note.text())
    assert window.stack.currentWidget() is window.welcome
    note = window.iro_note.text()
    assert "There is no Tigrinya voice on this laptop" in note
    assert "not yet been checked by a qualified translator" in note
    assert window.speaker is None and not window.welcome_read.isVisible()


def test_speech_stops_when_the_child_moves_on_and_when_the_program_locks(
    qtbot: QtBot, ctx: Context, espeak: Engine, tmp_path: Path
) -> None:
    plan(ctx, on=9)
    speaks(ctx, "ar")
    window = open_mode(qtbot, ctx)
    qtbot.waitUntil(lambda: window.speaker is not None)
    speaker = window.speaker
    assert speaker is not None and window.welcome_read.isVisible()
    speaker.wav = str(tmp_path / "long.wav")  # the loudspeaker's words, into a file
    long = " ".join([window.words("privacy")] * 40)
    window.say(long)
    assert speaker.speaking()  # the screen did not wait for it
    window.next()
    assert not speaker.speaking() and speaker.process is None
    home = window.current_question()
    assert home is not None
    window.say(long)
    assert speaker.speaking()
    with qtbot.waitSignal(window.destroyed):
        ctx.signals.locking.emit()
    assert not speaker.speaking()


def test_speech_stops_when_the_iro_takes_the_laptop_back(
    qtbot: QtBot, ctx: Context, espeak: Engine, tmp_path: Path
) -> None:
    plan(ctx, on=9)
    window = open_mode(qtbot, ctx)
    qtbot.waitUntil(lambda: window.speaker is not None)
    speaker = window.speaker
    assert speaker is not None
    speaker.wav = str(tmp_path / "long.wav")
    window.say(" ".join([window.words("privacy")] * 40))
    assert speaker.speaking()
    with qtbot.waitSignal(window.left):
        window._leave()  # the IRO's passphrase accepted and the hand-back page closed
    assert not speaker.speaking() and not window.isVisible()
