"""The line scan that splits pages (content/outline.py) finds exactly what markdown-it's block parse finds,
or gives up: on every page of the sample handbooks, and on cases written to trip a scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content.normalise import normalise
from handbook.content.outline import scan
from handbook.content.parse import heading_text, inline_text, markdown_parser, parsed_split, split
from tests.conftest import CORPORA, SEEDS, needs_shared

SUFFIXES = (".md", ".markdown", ".mdx", ".txt")

TRICKY = [
    # headings the scan must find
    "# Title\ntext\n## Next ##\n### Closing #s stay#\n#### \\# escaped\n",
    "  ## Indented up to three\n   ### three\n",
    "# Title {#custom-id}\n## Other {.class #id2}\n",
    "Title\n=====\n\ntext\n\nSub\n---\n",
    "  Indented title\n  ---\n",
    "para\n# heading interrupts it\n",
    "- item\n\n  ## heading inside the item\n",
    "- item\n# after the list\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n# after a table\n",
    "Some *emphasis* heading\n===\n",
    "Text: [link][ref] and [other].\n\n[ref]: https://example.com/a\n[other]: <./b c.md> 'title'\n",
    "[dup]: /first\n\n[DUP]: /second\n\n[x]: javascript:alert(1)\n",
    "```\n# not a heading\n```\n# heading\n",
    "~~~~ python\n~~~\n# still code\n~~~~\n# heading\n",
    "``` foo`bar\n# heading: not a fence, the info has a backtick\n",
    "```\n# unclosed fence runs to the end\n",
    "1. step\n\n   ```bash\n   # a comment\n   ```\n\n# heading\n",
    "1. step\n\n    ```bash\n    # a comment\n    ```\n\n# heading\n",
    "<!--\n# commented out\n-->\n# heading\n",
    "<div>\n# inside the div\n</div>\n\n# heading\n",
    "<details>\n<summary>x</summary>\n\n# inside details, after a blank: a heading\n</details>\n",
    "para\n<span>\n# heading\n",
    "<span>\n# swallowed by the HTML block\n\n# heading\n",
    "<script>\n# js\n\n# still js\n</script>\n# heading\n",
    "    # indented code\n\n# heading\n",
    "para\n    # continuation\n",
    "- #slack-channel\n- ##another\n",
    "Para\n\n---\n\n# heading after a rule\n",
    "# heading\n---\n",
    "***\n---\n",
    "___\n===\n",
    "Foo|\n---\n",
    "Foo | bar\n---\n",
    "2023. A year\n---\n",
    "* * *\n# heading\n",
    "Text with a [label]: colon in prose\n\n# heading\n",
    "text\n[a]: /not-a-definition-it-interrupts\n",
    "# Title # with hashes\n#hashtag is not a heading\n####### seven\n",
    "\t# tab indented\n\n# heading\n",
    "  \t# tab after spaces\n",
    "- a\n\n\t# tab in a list\n",
    "# Café & naïve — “quotes”\n## a&amp;b\n## `code` *em* ~~strike~~\n",
    "> # quoted heading\n> text\n",
    "Term\n: definition\n\n# heading\n",
    "[^1]: a footnote\n",
    "[multi\nline]: /label\n",
    "Some text\n\n[a]: /x\n'title on the next line'\n",
    "- item\n  ```\n  code\n```\n# heading\n",
    "- item\n\n  <div>\n# heading\n",
    "10.  item\n\n    # heading inside an item indented four\n",
    "line\\\n# heading\n",
    "## Changes\n\n-\n-\n-\n\n## Next\n",
    "- a\n-\n---\n# heading\n",
    "- a\n  -\n",
    "- a\n  ---\n# heading\n",
    "1. a\n---\n",
    "> quote\n---\n# heading\n",
    "> quote\n===\n",
    "- a\nlazy\n---\n",
    ": term definition\n---\n",
    "-\n==\n",
    "Text[^1].\n\n---\n\n[^1]:\n\n# heading\n",
    "[^1]: a footnote\n\n[^2]: <x> 'title'\n\n[^note]:\n  /url\n\n# heading\n",
    "para\n[^1]: interrupts nothing\n\n# heading\n",
    "[x]: \n\n[y]:\n===\n",
    "Text[^1].\n\n[^1]:\n    The footnote's text,\n    indented.\n\n# heading\n",
    "[^1]:\n    /url\n\n# heading\n",
    "[^1]:\n# heading interrupts\n",
    "[^1]:\ntext\n---\n",
    "[^a]: b c\n- list\n",
    "\n\n\n",
    "",
    "#",
    "# \n## #\n",
]


def _pages(root: Path) -> list[Path]:
    return [p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES]


@pytest.mark.parametrize("body", TRICKY)
def test_tricky_cases_split_as_markdown_it_does(body: str) -> None:
    assert split(body) == parsed_split(body)


def test_the_scan_does_the_work_on_plain_pages() -> None:
    for body in [TRICKY[0], TRICKY[3], TRICKY[10], TRICKY[12], TRICKY[16], TRICKY[18], TRICKY[26]]:
        assert scan(body) is not None, body
    for body in ["Foo\nbar\n---\n", "> # quoted\n", "[multi\nline]: /x\n", "- ```\n  # x\n  ```\n"]:
        assert scan(body) is None, body


@pytest.mark.parametrize("root", [CORPORA, SEEDS], ids=["corpora", "seeds"])
def test_every_sample_page_splits_as_markdown_it_does(root: Path) -> None:
    pages = _pages(needs_shared(root))
    scanned = 0
    for path in pages:
        body = normalise(path.read_bytes()).text
        assert split(body) == parsed_split(body), path
        scanned += scan(body) is not None
    assert scanned >= len(pages) * 0.75  # the scan, not the fallback, does most of them


def test_plain_heading_text_needs_no_parse() -> None:
    samples = ["Plain words", " spaced ", "a & b", "C++ / C#", "x\\y", "*em*", "[l](x)", "<b>x</b>"]
    for raw in samples:
        tokens = markdown_parser().parseInline(raw)
        assert heading_text(raw) == (inline_text(tokens[0]).strip() if tokens else raw.strip()), raw
