"""Building the glossary from every source a handbook has, in order of authority.

Data files first (the owner wrote them as a glossary), then glossary pages and sections, then
Markdown abbreviations, then acronyms spelled out in running text. A page is parsed only when a cheap
test on its bytes says it may hold one of these.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.cancel import StopCheck, check, never
from handbook.content.handbook import Handbook, HandbookError
from handbook.content.model import PageInfo
from handbook.glossary.acronyms import inline_acronyms, may_spell_out
from handbook.glossary.data_files import (
    abbreviation_entries,
    abbreviation_files,
    data_file_entries,
    data_files,
    has_abbreviations,
    term_file_entries,
    term_folders,
)
from handbook.glossary.merge import Merger
from handbook.glossary.model import Entry, Glossary
from handbook.glossary.pages import GLOSSARY_WORDS, is_excluded, is_glossary_page, page_entries

MAX_PAGE_BYTES = 4 * 1024 * 1024
_HEADING_LINE = re.compile(rb"^#{2,6}[ \t]+\S", re.MULTILINE)
SHAPE_MIN_HEADINGS = 5


def source_files(handbook: Handbook) -> list[Path]:
    """Files outside the pages that feed the glossary: the cache key includes them."""
    if handbook.single_file is not None:
        return []
    root, site = handbook.root, handbook.site
    files = [path for path, _ in [*data_files(root, site), *abbreviation_files(root, site)]]
    for folder, _ in term_folders(root, site):
        files.append(folder)
        files += sorted(folder.glob("*.md"))
    return files


def build_glossary(handbook: Handbook, stop: StopCheck = never) -> Glossary:
    """Every term the handbook defines, merged across sources, A–Z; ``stop`` is asked between pages."""
    merger = Merger()
    problems: list[str] = []
    if handbook.single_file is None:
        root, site = handbook.root, handbook.site
        for path, shown in data_files(root, site):
            for entry in data_file_entries(path, shown, problems):
                merger.add(entry)
        for folder, base in term_folders(root, site):
            for entry in term_file_entries(folder, base, root, problems):
                merger.add(entry)
        for path, shown in abbreviation_files(root, site):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                problems.append(f"{shown}: cannot be read ({exc.strerror})")
                continue
            for entry in abbreviation_entries(text, shown):
                merger.add(entry)
    spelled_out: list[Entry] = []
    for info in handbook.pages:
        check(stop)
        for entry, spelled in _page_sources(handbook, info):
            if spelled:
                spelled_out.append(entry)
            else:
                merger.add(entry)
    for entry in spelled_out:
        merger.add(entry)
    return Glossary(merger.result(), problems)


def _page_sources(handbook: Handbook, info: PageInfo) -> list[tuple[Entry, bool]]:
    """(entry, spelled out?) of one page; a page the owner excluded gives nothing."""
    if is_excluded(info):
        return []
    try:
        with open(handbook.root / info.path, "rb") as fh:
            raw = fh.read(MAX_PAGE_BYTES)
    except OSError:
        return []
    lowered = raw.lower()
    whole = is_glossary_page(info)
    sections = whole or any(word in lowered for word in GLOSSARY_WORDS)
    shape = len(_HEADING_LINE.findall(raw)) >= SHAPE_MIN_HEADINGS
    abbreviations = has_abbreviations(raw)
    acronyms = may_spell_out(raw)
    if not (sections or shape or abbreviations or acronyms):
        return []
    try:
        page = handbook.page(info.path)
    except HandbookError:
        return []
    found: list[tuple[Entry, bool]] = []
    if sections or shape:
        found += [(entry, False) for entry in page_entries(page, whole)]
    if abbreviations:
        found += [(entry, False) for entry in abbreviation_entries(page.markdown, info.path)]
    if acronyms:
        for section in page.sections:
            source = f"{info.path}#{section.anchor}" if section.anchor else info.path
            found += [(entry, True) for entry in inline_acronyms(section.markdown, source)]
    return found
