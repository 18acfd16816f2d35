"""The letter's optional photo or drawing: a picture file checked, then made small.

Runs in the worker (``QImage`` is safe off the UI thread). The file's size is checked
before it is read and the picture's size before it is decoded, so a huge or disguised
file is refused quickly; a good picture is scaled to print size and stored as PNG (a
drawing) or JPEG (a photo), well under the store's limit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.letters import PICTURE_MAX, check_picture

FILE_MAX = 25 * 1024 * 1024  # a phone photo is 3-12 MB
SIDE_MAX = 12_000  # pixels on the longer side, before scaling
PRINT_SIDE = 1600  # pixels kept: sharp at the size the letter prints it
FILE_FILTER = "Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"
_KEEP = Qt.AspectRatioMode.KeepAspectRatio
_SMOOTH = Qt.TransformationMode.SmoothTransformation


def load_picture(path: Path | str) -> bytes:
    """The picture at ``path``, checked and scaled, as PNG or JPEG bytes."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError:
        raise ValidationError("picture", "could not be opened. Choose another file.") from None
    if size > FILE_MAX:
        raise ValidationError(
            "picture", f"is too big a file ({size / 1048576:.0f} MB; the most is "
            f"{FILE_MAX // 1048576} MB). Choose a smaller picture.",
        )  # fmt: skip
    reader = QImageReader(str(file))
    reader.setAutoTransform(True)  # photos taken on their side come out upright
    dimensions = reader.size()
    if not reader.canRead() or not dimensions.isValid():
        raise ValidationError("picture", "is not a picture this program can read")
    if max(dimensions.width(), dimensions.height()) > SIDE_MAX:
        raise ValidationError(
            "picture", f"is too large ({dimensions.width()} × {dimensions.height()} pixels; "
            f"the most is {SIDE_MAX} on a side)",
        )  # fmt: skip
    image = reader.read()
    if image.isNull():
        raise ValidationError("picture", "could not be read; the file may be damaged")
    return encode(image)


def encode(image: QImage) -> bytes:
    if max(image.width(), image.height()) > PRINT_SIDE:
        image = image.scaled(QSize(PRINT_SIDE, PRINT_SIDE), aspectMode=_KEEP, mode=_SMOOTH)
    drawing = image.hasAlphaChannel() or image.width() * image.height() <= 640 * 640
    data = _save(image, "PNG" if drawing else "JPEG")
    if len(data) > PICTURE_MAX:
        data = _save(image.convertToFormat(QImage.Format.Format_RGB32), "JPEG")
    return check_picture(data) or b""


def _save(image: QImage, kind: str) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, kind, 85 if kind == "JPEG" else -1)  # type: ignore[call-overload]
    buffer.close()
    return bytes(array.data())


def preview(data: bytes, side: int = 160) -> QImage:
    image = QImage.fromData(data)
    if image.isNull():
        return image
    return image.scaled(QSize(side, side), aspectMode=_KEEP, mode=_SMOOTH)
