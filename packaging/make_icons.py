"""Draw the program's icon files from ``packaging/icons/iro-desktop.svg``.

Writes ``iro-desktop.png`` (256 px, for the Linux desktop entry) and ``iro-desktop.ico``
(16 to 256 px, for Windows) into the folder given, with PySide6's SVG renderer and Pillow,
both already among the program's dependencies. A synthetic icon: no artwork of anyone's.

    python packaging/make_icons.py OUT_DIR
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SVG = Path(__file__).resolve().parent / "icons" / "iro-desktop.svg"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG file")
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    png = out / "iro-desktop.png"
    image.save(str(png))
    sizes = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    Image.open(png).save(out / "iro-desktop.ico", sizes=sizes)
    print(png)
    print(out / "iro-desktop.ico")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
