"""Static-site shortcodes (Hugo ``{{< >}}``/``{{% %}}``, Liquid/Eleventy/GitBook ``{% %}``) to their text,
and emoji shortcodes (``:warning:``) to the emoji."""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------------------
# static-site shortcodes

_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_KV = re.compile(r"(?<!\w)(\w++)\s*+=\s*+(?:\"([^\"]*)\"|'([^']*)'|(\S+))")  # from a word's start only


def _args(inner: str) -> tuple[str, list[str], dict[str, str]]:
    """Split ``name "a" 'b' key="v"`` into its name, quoted positional args and key=value args."""
    inner = inner.strip().strip("-").strip()
    name, _, rest = inner.partition(" ")
    kwargs = {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _KV.finditer(rest)}
    positional_src = _KV.sub("", rest)
    positional = [
        m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTED.finditer(positional_src)
    ]
    if not positional:
        positional = [tok for tok in positional_src.split() if tok]
    return name.lower(), positional, kwargs


ADMONITIONS = {
    "alert",
    "hint",
    "notice",
    "note",
    "tip",
    "warning",
    "caution",
    "danger",
    "info",
    "callout",
    "important",
    "admonition",
    "aside",
}


def notice_label(kind: str, title: str = "") -> str:
    """The bold lead a notice gets (``**Warning:** …``): its own title, else its kind ("Warning").

    One rule for every notice syntax (shortcodes, MDX callouts, ``:::`` containers), so a handbook
    that mixes them reads the same throughout."""
    title = title.strip()
    return title if title and title != kind else kind.strip().capitalize()


_LINKISH = {"page", "link", "ref", "relref", "download", "post_url", "asset", "url", "static"}
_DROP_BLOCKS = re.compile(
    r"\{%-?\s*comment\s*-?%\}(?:[^{]|\{(?!%-?\s*(?:end)?comment\b))*?\{%-?\s*endcomment\s*-?%\}"
    r"|\{\{<\s*/?\*[^{}]*?\*/?\s*>\}\}"
)
# Tag and element bodies are bounded (no braces in a tag, no nested same element), so a page full of
# unclosed tags costs linear time rather than a scan to the end of the page for every opening.
_LIQUID_TAG = re.compile(r"\{%-?([^{}]*?)-?%\}")
_HUGO_TAG = re.compile(r"\{\{([<%])([^{}]*?)[>%]\}\}")
_LIQUID_VAR = re.compile(r"\{\{-?\s*[\w.\[\]'\" |:-]*?-?\}\}")


def _shortcode(name: str, args: list[str], kwargs: dict[str, str], closing: bool) -> str:
    if closing or name.startswith("end"):
        return ""
    if name in _LINKISH:
        target = args[0] if args else kwargs.get("url", kwargs.get("path", ""))
        if name == "page" and target and not target.startswith(("/", "#")) and "://" not in target:
            target = "/" + target  # Eleventy's page shortcode takes site paths, with or without the slash
        return target
    if name in {"slack_channel", "slack"}:
        label = args[1] if len(args) > 1 else f"#{args[0]}" if args else ""
        return label
    if name in {"image", "image_with_class", "figure", "img"}:
        src = kwargs.get("src", args[0] if args else "")
        alt = (
            kwargs.get("alt")
            or kwargs.get("caption")
            or kwargs.get("title")
            or (args[-1] if len(args) > 1 else "")
        )
        return f"![{alt}]({src})" if src else alt
    if name in {"youtube", "vimeo", "video"}:
        return f"[video: {kwargs.get('id', args[0] if args else '')}]"
    if name in {"embed", "content-ref"}:
        url = kwargs.get("url", args[0] if args else "")
        return f"<{url}>" if url.startswith(("http://", "https://")) else url
    if name in {"mermaid"}:
        return "\n```mermaid\n"
    if name in ADMONITIONS:
        title = kwargs.get("title") or (args[0] if args else "") or kwargs.get("style", "")
        return f"**{notice_label(name, title)}:** "
    if name in {"tab", "details", "expand", "collapse", "summary"}:
        title = kwargs.get("title") or (args[0] if args else "")
        return f"**{title}**\n" if title else ""
    return ""


def reduce_shortcodes(text: str) -> str:
    """Hugo ``{{< >}}``/``{{% %}}`` and Liquid/Eleventy/GitBook ``{% %}`` tags to their text or link."""
    if "{%" not in text and "{{" not in text:
        return text
    text = _DROP_BLOCKS.sub("", text)

    def liquid(m: re.Match[str]) -> str:
        name, args, kwargs = _args(m.group(1))
        return _shortcode(name, args, kwargs, closing=False)

    def hugo(m: re.Match[str]) -> str:
        inner = m.group(2).strip()
        closing = inner.startswith("/")
        name, args, kwargs = _args(inner.lstrip("/"))
        if closing and name == "mermaid":
            return "\n```\n"
        return _shortcode(name, args, kwargs, closing)

    text = _LIQUID_TAG.sub(liquid, text)
    text = _HUGO_TAG.sub(hugo, text)
    return _LIQUID_VAR.sub("", text)


# --------------------------------------------------------------------------------------------------
# emoji shortcodes

# One or more adjacent `:name:` codes, not inside a word, a time (10:30:00), a C++ path (a::b) or a URL.
# It starts with its colon and looks behind from there: a pattern that starts with a literal is searched
# for that character alone, where a lookbehind first was tried at every position of every page.
_EMOJI_RUN = re.compile(r":(?<![\w:/]:)[a-z0-9_+\-]+:(?::[a-z0-9_+\-]+:)*(?![\w:])")


def emojize_shortcodes(text: str) -> str:
    """``:warning:``, ``:handshake:``, ``:+1:`` to the emoji, as GitHub and the static sites show them.

    The names are the ``emoji`` package's (GitHub's aliases and the Unicode names), read from a table
    it made once (``emoji_names``: importing it costs 50-90 ms). Unknown ``:names:`` stay.
    """
    if ":" not in text:
        return text

    def emojize(run: re.Match[str]) -> str:
        from handbook.content.emoji_names import emoji_for

        return _EMOJI_CODE.sub(lambda code: emoji_for(code.group(1)) or code.group(0), run.group(0))

    return _EMOJI_RUN.sub(emojize, text)


_EMOJI_CODE = re.compile(r":([a-z0-9_+\-]+):")  # one code of a run
