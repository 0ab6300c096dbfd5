"""Helpers the adapters share: reading config files as data, and Markdown list navigation files."""

from __future__ import annotations

import json
import os
import posixpath
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from handbook.content.fences import code_lines
from handbook.content.sites.model import NavNode, Site

if TYPE_CHECKING:
    import yaml

MAX_CONFIG_BYTES = 2 * 1024 * 1024
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
_LIST_LINK = re.compile(
    r'^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[([^\]]*)\]\(\s*<?([^)>\s]*)>?(?:\s+"[^"]*")?\s*\)|(.+))$'
)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LINE_LINK = re.compile(r"^\s*\[([^\]]*)\]\(\s*<?([^)>\s]*)>?\s*\)\s*$")


def read_text(site: Site, path: Path) -> str | None:
    """A config or nav file's text (recording its stamp for the cache), or None when absent/unreadable."""
    try:
        st = path.stat()
        if st.st_size > MAX_CONFIG_BYTES:
            site.problems.append(f"{path.name} is too large to read as a site config")
            return None
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    key = os.path.relpath(path, site.source).replace(os.sep, "/")
    site.stamps[key] = [st.st_size, st.st_mtime_ns]
    if key not in site.config_files and not key.startswith(".."):
        site.config_files.append(key)
    return _INVISIBLE.sub("", text)


def read_data(site: Site, path: Path) -> Any:
    """YAML, TOML or JSON (by suffix) as plain data; problems are noted, never raised."""
    text = read_text(site, path)
    if text is None:
        return None
    # yaml and tomllib here, not at the top: a warm open reads no config file.
    import tomllib

    import yaml

    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=_loader())
    except (ValueError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        site.problems.append(f"{path.name}: cannot read it ({first})")
        return None


@cache
def _loader() -> type[yaml.SafeLoader]:
    """``safe_load`` that reads MkDocs' ``!!python/name:`` and ``!ENV`` tags as plain values."""
    import yaml

    class SafeLoaderIgnoringTags(yaml.SafeLoader):
        pass

    SafeLoaderIgnoringTags.add_multi_constructor("!", _ignore_tag)
    SafeLoaderIgnoringTags.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
    return SafeLoaderIgnoringTags


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None


def as_str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def rel_link(href: str, base_folder: str, root_prefix: str = "") -> str | None:
    """A nav file's link as a path under the content root (``None`` for web links and anchors)."""
    href = unquote(href.strip().split("#", 1)[0].split("?", 1)[0])
    if not href or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+:", href) or href.startswith("//"):
        return None
    if href.startswith("/"):
        joined = posixpath.normpath(href.lstrip("/"))
        if root_prefix and (joined + "/").startswith(root_prefix + "/"):
            joined = joined[len(root_prefix) + 1 :]
    else:
        joined = posixpath.normpath(posixpath.join(base_folder, href))
    if joined.startswith("../") or joined == "..":
        return None
    return "" if joined == "." else joined


def parse_list_nav(text: str, base_folder: str = "", root_prefix: str = "") -> list[NavNode]:
    """A Markdown list of links as a nav tree (GitBook/mdBook ``SUMMARY.md``, Docsify ``_sidebar.md``).

    Headings (``## Part``) and plain list items become group nodes; nesting follows indentation.
    Ordered and unordered lists, root-absolute and relative paths are all accepted.
    """
    top: list[NavNode] = []
    stack: list[tuple[int, NavNode]] = []
    group: NavNode | None = None
    for is_code, line in code_lines(text.splitlines()):
        if is_code or not line.strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            title = heading.group(2).strip()
            if len(heading.group(1)) == 1 or not title:
                continue  # "# Summary": the file's own title
            group = NavNode(title, None)
            top.append(group)
            stack = []
            continue
        item = _LIST_LINK.match(line.replace("\t", "    "))
        bare = _LINE_LINK.match(line) if item is None else None
        if item is None and bare is None:
            continue
        if item is not None:
            indent = len(item.group(1))
            title = (item.group(2) if item.group(3) is not None else item.group(4)) or ""
            href = item.group(3)
        else:
            assert bare is not None
            indent, title, href = 0, bare.group(1), bare.group(2)
        path = rel_link(href, base_folder, root_prefix) if href else None
        node = NavNode(_clean(title) or None, path or None)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stack:
            stack[-1][1].children.append(node)
        elif group is not None:
            group.children.append(node)
        else:
            top.append(node)
        stack.append((indent, node))
    return top


def _clean(title: str) -> str:
    title = re.sub(r"(\*\*|__|`)", "", title)
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    return re.sub(r"\s+", " ", title).strip()


def first_existing(folder: Path, names: list[str]) -> Path | None:
    for name in names:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def count_pages(folder: Path, limit: int = 400) -> int:
    """Markdown files under ``folder``, counted up to ``limit`` (detection must stay cheap)."""
    count = 0
    stack = [folder]
    while stack and count < limit:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "node_modules":
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.lower().endswith((".md", ".markdown", ".mdx")):
                count += 1
    return count


def web_url(value: Any) -> str | None:
    """An http(s) URL from config, without a trailing slash."""
    text = as_str(value)
    if text and re.match(r"^https?://[^/\s]+", text):
        return text.rstrip("/")
    return None


def repo_from_url(value: Any) -> str | None:
    """``https://github.com/org/repo`` from a repo, edit or clone URL (GitHub, GitLab, Bitbucket)."""
    text = as_str(value)
    if not text:
        return None
    m = re.match(r"^git@([\w.-]+):([\w.-]+(?:/[\w.-]+)+?)(?:\.git)?/?$", text)
    if m:
        return f"https://{m.group(1)}/{m.group(2).removesuffix('.git')}"
    m = re.match(r"^(?:https?|ssh)://(?:[^@/]+@)?([\w.-]+)(?::\d+)?/([^?#]*)", text)
    if not m or not any(name in m.group(1) for name in ("github", "gitlab", "bitbucket")):
        return None
    segments = [s for s in m.group(2).split("/") if s]
    if "gitlab" in m.group(1):  # a project may sit in subgroups: everything up to "/-/"
        segments = segments[: segments.index("-")] if "-" in segments else segments
    else:
        segments = segments[:2]
    if len(segments) < 2 or not all(re.fullmatch(r"[\w.-]+", s) for s in segments):
        return None
    segments[-1] = segments[-1].removesuffix(".git")
    return f"https://{m.group(1)}/{'/'.join(segments)}"


_JS_STRING = r"\s*[:=]\s*\{?\s*(['\"`])([^'\"`\n$]*)\1"
CNAME_PLACES = ("CNAME", "static/CNAME", "public/CNAME")


def js_string(text: str, key: str) -> str | None:
    """``key: 'value'`` or ``key="value"`` in JavaScript config, written as a plain string (a template
    with ``${`` is code, never run): the value, or None."""
    m = re.search(rf"\b{key}{_JS_STRING}", text)
    return m.group(2).strip() or None if m else None


def declare_js_site_urls(site: Site, source: Path) -> None:
    """Where a JavaScript-built site (Gatsby, Next.js …) is served, from the files that say so.

    A GitHub Pages ``CNAME``, ``package.json``'s ``homepage`` and Gatsby's ``siteUrl``: with them a
    handbook's links written as its own full URLs open the local page even when few pages link so.
    A ``homepage`` that is the repository goes to ``repo_urls`` instead.
    """
    urls: list[str | None] = []
    for name in CNAME_PLACES:
        if (source / name).is_file():
            host = (read_text(site, source / name) or "").strip().splitlines()
            if host and re.fullmatch(r"[\w.-]+\.[a-z]{2,}", host[0].strip(), re.IGNORECASE):
                urls.append("https://" + host[0].strip().lower())
    package = read_data(site, source / "package.json") if (source / "package.json").is_file() else None
    if isinstance(package, dict):
        homepage = package.get("homepage")
        repo = repo_from_url(homepage)
        if repo:
            site.repo_urls.append(repo)
        else:
            urls.append(web_url(homepage))
    for name in ("gatsby-config.js", "gatsby-config.ts", "gatsby-config.mjs"):
        if (source / name).is_file():
            urls.append(web_url(js_string(read_text(site, source / name) or "", "siteUrl")))
    for url in urls:
        if url and url not in site.base_urls:
            site.base_urls.append(url)
