"""Decoding bytes and undoing mojibake: UTF-8 text that was read with the wrong code page."""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------------------
# decoding and mojibake


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); else cp1252, which never fails, with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, [f"not valid UTF-8 (byte {exc.start}); read as Windows-1252"]


# Characters that cp1252/cp1254 (and sloppy decoders, as C1 controls) produce for bytes 0x80-0xBF:
# the continuation bytes of UTF-8. A lead byte char followed by one of these is the mojibake signature.
_CONT_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = "\u0080-\u00bf" + _CONT_EXTRA
_LEAD = "\u00c2-\u00f4\u011e\u011f\u015e\u015f\u0130\u0131"
# A lead character then a continuation one, or ‚Ä, Ô∏, √© (√¢, √≠) or the Apple logo: written with its
# first characters as one class, so it is searched for a character of that class; as alternatives with
# no common first character (``[LEAD][CONT]|‚Ä|Ô∏|…``) it was tried at every position of every page.
_MOJIBAKE_HINT = re.compile(
    f"[{_LEAD}‚Ô√\uf8ff](?:(?<=[{_LEAD}])[{_CONT}]|(?<=‚)Ä|(?<=Ô)∏|(?<=√)[©¢≠]|(?<=\uf8ff))"
)
# Mac Roman reads a 4-byte UTF-8 lead (F0) as the Apple logo (U+F8FF): that is proof enough to re-decode
# the three characters after it even when they look like German ("üöÄ" is 🚀), which ftfy will not.
_MAC_ROMAN_EMOJI = re.compile("\uf8ff([^\\s\uf8ff]{3})((?:Ô∏è)?)")


def _fix_mac_roman(match: re.Match[str]) -> str:
    try:
        return (b"\xf0" + (match.group(1) + match.group(2)).encode("mac_roman")).decode("utf-8")
    except UnicodeError:
        return match.group(0)


# A UTF-8 sequence read as cp1252/cp1254 ('ð', 'ğ', 'â', 'Ã' ... then continuation characters), maybe
# with a byte lost (decoders drop bytes they have no character for), maybe followed by a broken
# variation selector ('ï¸'). Bytes lost from an emoji cannot be guessed back, so such an emoji goes.
_SEQUENCE_MOJIBAKE = re.compile(
    f"(?:[ðğñòóô][{_CONT}]{{2,3}}|[à-ï][{_CONT}]{{2}}|[\u00c2-\u00dfĞİŞ][{_CONT}])(?:ï¸[\u0080-\u009f]?)?"
    f"|ï¸[\u0080-\u009f]?"
)


def _as_bytes(chars: str) -> bytes | None:
    out = bytearray()
    for ch in chars:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
            continue
        for enc in ("cp1252", "cp1254"):
            try:
                out += ch.encode(enc)
                break
            except UnicodeEncodeError:
                continue
        else:
            return None
    return bytes(out)


def _fix_sequence(match: re.Match[str]) -> str:
    chars = match.group(0)
    raw = _as_bytes(chars)
    if raw:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    head = _as_bytes(chars.split("ï¸")[0]) or b""
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if head[:2] == b"\xf0\x9f" or chars.startswith("ï¸"):
        return "\ue020"  # a lost emoji: removed below together with the space after it
    return chars


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded with the wrong code page (cp1252, cp1254, Mac Roman).

    A cheap regex decides whether to call ftfy at all: ftfy costs ~0.1 s per 500 KB even on clean text.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    if "\uf8ff" in text:
        text = _MAC_ROMAN_EMOJI.sub(_fix_mac_roman, text)
    text = _SEQUENCE_MOJIBAKE.sub(_fix_sequence, text)
    if "\ue020" in text:
        text = re.sub("\ue020+ ?", "", text)
    import ftfy  # only for text that looks garbled: importing it costs start-up time (~0.1 s)

    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization="NFC")
