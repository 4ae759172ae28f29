"""Decode imported files: BOMs, a strict UTF-8 fast path, then charset-normalizer.

Binary files are refused with a reason a user can act on instead of being stored as mojibake.
Most articles are UTF-8, so the common case costs one ``bytes.decode``; Arabic in Windows-1256
is recognised by its bytes without the (slow) statistical detector.
"""

from __future__ import annotations

import codecs
import re

from annotator.ingest.records import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_STARTS = frozenset(bom[:1] for bom, _ in _BOMS)
#: control characters that have no place in a text file (tab, line breaks and form feed do)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.1


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 byte order when NUL bytes sit (almost) only on one parity of positions.

    Arabic and ASCII text in UTF-16 has a zero high byte for every ASCII character (spaces,
    digits, punctuation) and none elsewhere; binary data has NULs anywhere.
    """
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    total = even + odd
    if total == 0:
        return None
    if odd >= 0.95 * total:
        return "utf-16-le"
    if even >= 0.95 * total:
        return "utf-16-be"
    return None


_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
#: Arabic letters and marks in Windows-1256 (0xC1-0xFE minus the French letters it keeps)
_CP1256_ARABIC = frozenset(range(0xC1, 0xFF)) - {0xD7, 0xE0, 0xE2, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEE, 0xEF,
                                                  0xF4, 0xF7, 0xF9, 0xFB, 0xFC}
_CP1256_ARABIC_BYTES = bytes(sorted(_CP1256_ARABIC))
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _looks_cp1256(data: bytes) -> bool:
    """Arabic text in Windows-1256: almost every byte above 0x7F is an Arabic letter or mark.

    Such text is never valid UTF-8 (checked first), and Latin code pages put their accented
    letters, not Arabic, there; anything less clear-cut goes to charset-normalizer.
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high < 20:
        return False
    arabic = len(data) - len(data.translate(None, _CP1256_ARABIC_BYTES))
    return arabic >= 0.9 * high


def _check_text(text: str, encoding: str, data: bytes | None = None) -> None:
    if data is not None:  # an ASCII-compatible encoding: control characters are the same bytes
        if len(data.translate(None, _CONTROL_BYTES)) == len(data):
            return
    elif not _CONTROL.search(text):
        return
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise IngestError(0, f"binary file: {controls} of {len(text)} characters are control characters "
                             f"when read as {encoding}")


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a text file's bytes; :class:`IngestError` for binary data."""
    for bom, name in _BOMS if data[:1] in _BOM_STARTS else ():
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as e:
                raise IngestError(0, f"starts with a {name} byte-order mark but is not valid {name}: {e.reason} "
                                     f"at byte {e.start}") from None
            _check_text(text, name)
            return text, name
    if b"\x00" in data:
        order = _utf16_without_bom(data)
        if order is None:
            raise IngestError(0, "binary file: contains NUL bytes and is not UTF-16 text")
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            raise IngestError(0, "binary file: contains NUL bytes and is not valid UTF-16 text") from None
        _check_text(text, order)
        return text, order
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(text, "utf-8", data)
        return text, "utf-8"
    if _looks_cp1256(data):
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:  # one of its few unassigned bytes: let the detector decide
            pass
        else:
            _check_text(text, "cp1256", data)
            return text, "cp1256"
    from charset_normalizer import from_bytes  # imported lazily: most files are UTF-8

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(0, "binary file or unknown encoding: not UTF-8, UTF-16 or a known code page")
    name = codecs.lookup(best.encoding).name
    text = str(best)
    _check_text(text, name)
    return text, name
