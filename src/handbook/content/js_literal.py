"""Plain data out of JavaScript source, read without running it: Nextra ``_meta.js`` files, MDX
``export const metadata = {…}`` and JSX attribute values such as ``items={['macOS', 'Linux']}``.

Only literals are read: objects (quoted or bare keys, trailing commas), arrays, strings in any of the
three quotes, numbers, ``true``/``false``/``null``; comments are skipped. Anything else (JSX, a
function, a variable, a call) is stepped over to the next ``,`` or closing bracket and left out. The
reader only moves forward and never raises, so hostile or half-written files cost linear time.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 50  # nesting deeper than this is stepped over, not read

_SKIPPED = object()  # a value that is not plain data
_NUMBER = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?)")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_CLOSERS = {"(": ")", "[": "]", "{": "}"}
_QUOTES = ("'", '"', "`")
# Where a string's plain run ends: its quote, an escape, or (except in a template) the line's end.
_STRING_STOPS = {"'": re.compile(r"['\\\n]"), '"': re.compile(r'["\\\n]'), "`": re.compile(r"[`\\]")}
_SKIP_STOPS = re.compile(r"""['"`/()\[\]{},;]""")
# What a default export's object is called in the ways Nextra's docs write `_meta` files.
_DEFAULT_OBJECT = re.compile(r"\bexport\s+default\s*(?:\(\s*)?\{|\bmodule\.exports\s*=\s*\{")
_DEFAULT_NAME = re.compile(r"\bexport\s+default\s+([A-Za-z_$][\w$]*)")


class _Reader:
    def __init__(self, text: str, pos: int = 0) -> None:
        self.text = text
        self.pos = pos

    def blank(self) -> None:
        """Whitespace and comments."""
        text, n = self.text, len(self.text)
        while self.pos < n:
            ch = text[self.pos]
            if ch.isspace():
                self.pos += 1
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end + 1
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                self.pos = n if end < 0 else end + 2
            else:
                return

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def value(self, depth: int) -> Any:
        self.blank()
        ch = self.peek()
        if depth > MAX_DEPTH:
            self.skip()
            return _SKIPPED
        if ch == "{":
            return self.object(depth)
        if ch == "[":
            return self.array(depth)
        if ch in _QUOTES:
            start = self.pos
            text = self.string()
            if ch == "`" and "${" in self.text[start : self.pos]:
                return _SKIPPED  # a template with expressions is code
            return self._done(text)
        m = _NUMBER.match(self.text, self.pos)
        if m and m.group(0):
            self.pos = m.end()
            return self._done(_number(m.group(0)))
        m = _IDENT.match(self.text, self.pos)
        if m and m.group(0) in ("true", "false", "null"):
            self.pos = m.end()
            return self._done({"true": True, "false": False, "null": None}[m.group(0)])
        self.skip()
        return _SKIPPED

    def _done(self, value: Any) -> Any:
        """A literal followed by more expression (``'a' + b``, ``x as const``) is code after all."""
        self.blank()
        if self.peek() in ("", ",", "}", "]", ")", ";"):
            return value
        m = _IDENT.match(self.text, self.pos)
        if m and m.group(0) in ("as", "satisfies"):  # TypeScript: the literal is still the value
            self.skip()
            return value
        self.skip()
        return _SKIPPED

    def string(self) -> str:
        quote = self.text[self.pos]
        self.pos += 1
        out: list[str] = []
        stops = _STRING_STOPS[quote]
        text, n = self.text, len(self.text)
        while self.pos < n:
            m = stops.search(text, self.pos)
            if m is None:
                out.append(text[self.pos :])
                self.pos = n
                break
            out.append(text[self.pos : m.start()])
            ch = m.group(0)
            self.pos = m.end()
            if ch == quote:
                return "".join(out)
            if ch == "\\":
                if self.pos < n:
                    nxt = text[self.pos]
                    out.append(_ESCAPES.get(nxt, "" if nxt == "\n" else nxt))
                    self.pos += 1
                continue
            self.pos -= 1  # a newline: an unclosed string ends with its line
            return "".join(out)
        return "".join(out)

    def object(self, depth: int) -> dict[str, Any]:
        self.pos += 1  # {
        out: dict[str, Any] = {}
        while True:
            self.blank()
            ch = self.peek()
            if ch in ("", "}"):
                self.pos += len(ch)
                return out
            start = self.pos
            self.entry(depth, out)
            if self.pos == start:
                self.pos += 1  # a stray `)` or `]`: step past it, never stand still

    def entry(self, depth: int, out: dict[str, Any]) -> None:
        """One ``key: value`` of an object into ``out`` (a spread, method or shorthand is stepped over)."""
        ch = self.peek()
        if ch == ",":
            self.pos += 1
            return
        key: str | None = None
        if ch in _QUOTES:
            key = self.string()
        elif not self.text.startswith("...", self.pos):
            m = _IDENT.match(self.text, self.pos) or _NUMBER.match(self.text, self.pos)
            if m and m.group(0):
                key = m.group(0)
                self.pos = m.end()
        self.blank()
        if key is None or self.peek() != ":":
            self.skip()  # a spread, a computed key, a shorthand property or a method: not data
            return
        self.pos += 1
        value = self.value(depth + 1)
        if value is not _SKIPPED:
            out[key] = value

    def array(self, depth: int) -> list[Any]:
        self.pos += 1  # [
        out: list[Any] = []
        while True:
            self.blank()
            ch = self.peek()
            if ch in ("", "]"):
                self.pos += len(ch)
                return out
            start = self.pos
            if ch == ",":
                self.pos += 1
                continue
            value = self.value(depth + 1)
            if value is not _SKIPPED:
                out.append(value)
            if self.pos == start:
                self.pos += 1

    def skip(self) -> None:
        """Step over an expression that is not data: to the next ``,`` or closer at this level."""
        stack: list[str] = []
        text, n = self.text, len(self.text)
        while self.pos < n:
            m = _SKIP_STOPS.search(text, self.pos)
            if m is None:
                self.pos = n
                return
            self.pos = m.start()
            ch = m.group(0)
            if ch in _QUOTES:
                self.string()
                continue
            if ch == "/":
                if text.startswith(("//", "/*"), self.pos):
                    self.blank()
                else:
                    self.pos += 1
                continue
            if ch in _CLOSERS:
                stack.append(_CLOSERS[ch])
            elif ch in ")]}":
                if not stack:
                    return
                if ch == stack[-1]:
                    stack.pop()
            elif not stack:  # `,` or `;`
                return
            self.pos += 1


def _number(written: str) -> Any:
    digits = written.replace("_", "")
    try:
        if digits.lstrip("+-")[:2] in ("0x", "0X"):
            return int(digits, 16)
        return int(digits) if digits.lstrip("+-").isdigit() else float(digits)
    except ValueError:
        return _SKIPPED


def parse_value(text: str) -> Any:
    """The literal ``text`` holds (``['a', 'b']``, ``{label: 'A'}``, ``'x'``), or None when it is code."""
    reader = _Reader(text)
    value = reader.value(0)
    return None if value is _SKIPPED else value


def object_at(text: str, pos: int) -> dict[str, Any]:
    """The object literal whose ``{`` is at ``pos``; keys keep their order, code values are left out."""
    value = _Reader(text, pos).value(0)
    return value if isinstance(value, dict) else {}


def default_export(text: str) -> dict[str, Any] | None:
    """The object a module exports by default: ``export default {…}``, ``module.exports = {…}``, or
    ``const meta = {…}`` with ``export default meta``. None when there is no such literal."""
    m = _DEFAULT_OBJECT.search(text)
    if m:
        return object_at(text, m.end() - 1)
    named = _DEFAULT_NAME.search(text)
    if named:
        name = re.escape(named.group(1))
        decl = re.search(rf"\b(?:const|let|var)\s+{name}\b[^=\n]*=\s*(?:\(\s*)?\{{", text)
        if decl:
            return object_at(text, decl.end() - 1)
    return None
