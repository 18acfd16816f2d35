"""Reading child mode's questions aloud, offline, with the speech engine the laptop has.

No Python package is added: Qt's QtTextToSpeech is in PySide6-Addons, which the program
does not pin (it is large), so the engine is a program already on the laptop, run with
QProcess (never a shell, the words passed as one argument or in the environment):

- Windows (an authority's laptop): SAPI through PowerShell's System.Speech, which every
  Windows 10/11 has with at least an English voice; other languages need that language's
  Windows speech pack.
- Linux: ``espeak-ng`` (Debian package ``espeak-ng``, about 100 languages, robotic but
  clear), or the older ``espeak``.

``voice_for`` says whether a language has a voice, so the IRO is told before the child
starts; without an engine or a voice the "Read it to me" buttons are not shown.

espeak-ng's voices are named by language (``espeak-ng --voices``); ``ESPEAK_VOICES`` gives
the one to use where the letter language's code is not itself a voice. Checked against
espeak-ng 1.51 (Debian 12): en (as en-gb), ar, am, fa, sq, uk and vi have voices; ckb
(Sorani: espeak-ng's ``ku`` is Kurmanji in Latin letters), prs (Dari), ps (Pashto) and ti
(Tigrinya) have none, so the IRO is told. Dari is not read with the Persian voice: it
would mispronounce it, and the child should not hear their language read wrongly.
Voices that need MBROLA's separate voice data (``mb/`` files) are not counted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment

SAPI_VOICES = (
    "Add-Type -AssemblyName System.Speech; "
    "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "@($s.GetInstalledVoices() | Where-Object { $_.Enabled -and "
    "$_.VoiceInfo.Culture.TwoLetterISOLanguageName -eq $env:IRO_SAY_LANG }).Count"
)
SAPI_SAY = (
    "Add-Type -AssemblyName System.Speech; "
    "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$v = $s.GetInstalledVoices() | Where-Object { $_.Enabled -and "
    "$_.VoiceInfo.Culture.TwoLetterISOLanguageName -eq $env:IRO_SAY_LANG } | "
    "Select-Object -First 1; if ($v) { $s.SelectVoice($v.VoiceInfo.Name) }; "
    "$s.Speak($env:IRO_SAY_TEXT)"
)


ESPEAK_VOICES = {"en": "en-gb"}


def espeak_voice(language: str) -> str:
    return ESPEAK_VOICES.get(language, language)


def espeak_has(listing: str, voice: str) -> bool:
    """Whether ``espeak-ng --voices`` lists ``voice`` as a language of a voice it can use:
    columns Pty, Language, Age/Gender, VoiceName, File (MBROLA's ``mb/`` files need data
    that is installed separately, so they do not count)."""
    for line in listing.splitlines()[1:]:  # a header first
        columns = line.split()
        if len(columns) >= 5 and columns[1] == voice and not columns[4].startswith("mb/"):
            return True
    return False


@dataclass(frozen=True)
class Engine:
    name: str  # "espeak-ng", "espeak" or "SAPI"
    program: str

    def voices_command(self, language: str) -> tuple[list[str], dict[str, str]]:
        if self.name == "SAPI":
            return [self.program, "-NoProfile", "-NonInteractive", "-Command", SAPI_VOICES], {
                "IRO_SAY_LANG": language
            }
        return [self.program, f"--voices={espeak_voice(language)}"], {}

    def say_command(
        self, text: str, language: str, wav: str | None = None
    ) -> tuple[list[str], dict[str, str]]:
        """The command that says ``text``; with ``wav`` (espeak only), into that file
        instead of the loudspeaker (the tests' way of hearing it)."""
        if self.name == "SAPI":
            return [self.program, "-NoProfile", "-NonInteractive", "-Command", SAPI_SAY], {
                "IRO_SAY_LANG": language,
                "IRO_SAY_TEXT": text,
            }
        to_file = ["-w", wav] if wav else []
        return [self.program, "-v", espeak_voice(language), "-s", "140", *to_file, "--", text], {}


def find_engine() -> Engine | None:
    if sys.platform == "win32":
        found = shutil.which("powershell")
        return Engine("SAPI", found) if found else None
    for name in ("espeak-ng", "espeak"):
        found = shutil.which(name)
        if found:
            return Engine(name, found)
    return None


@cache
def voice_for(engine: Engine, language: str) -> bool:
    """Whether the engine has a voice for the language (asked once per program run)."""
    command, extra = engine.voices_command(language)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False,
                              env={**os.environ, **extra})  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    if engine.name == "SAPI":
        return done.stdout.strip().isdigit() and int(done.stdout.strip()) > 0
    return done.returncode == 0 and espeak_has(done.stdout, espeak_voice(language))


class Speaker(QObject):
    """Says one thing at a time: a new request stops the one before. The engine runs as its
    own process (QProcess, never waited for), so the screen stays live while it speaks;
    ``stop`` ends it at once (child mode stops it on every page change, on leaving and on
    the program locking)."""

    def __init__(
        self, engine: Engine, language: str, parent: QObject | None = None, wav: str | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.language, self.wav = engine, language, wav
        self.process: QProcess | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)  # the program closing never leaves it talking

    def say(self, text: str) -> None:
        self.stop()
        command, extra = self.engine.say_command(text, self.language, self.wav)
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        for key, value in extra.items():
            environment.insert(key, value)
        process.setProcessEnvironment(environment)
        process.start(command[0], command[1:])
        self.process = process

    def stop(self) -> None:
        if self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()
            self.process.waitForFinished(1000)
        self.process = None

    def speaking(self) -> bool:
        return self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning
