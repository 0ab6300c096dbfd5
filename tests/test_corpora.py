"""Every page of the real public handbooks in ../shared/corpora opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content import Handbook, LinkTarget


@pytest.mark.parametrize("name", ["18f", "thoughtbot-guides"])
def test_every_page_opens(corpora: Path, name: str) -> None:
    hb = Handbook.open(corpora / name)
    assert len(hb.pages) > 40
    for info in hb.pages:
        page = hb.page(info.path)
        assert page.sections, info.path
        assert "\x1b" not in page.markdown
        assert "{%" not in "".join(chunk for chunk in page.markdown.split("`")[::2]), info.path


def test_18f_titles_from_front_matter_and_links_into_the_site(corpora: Path) -> None:
    hb = Handbook.open(corpora / "18f")
    ref = hb.find("Onboarding overview")
    assert ref.path == "pages/getting-started/index.md"
    page = hb.page(ref.path)
    targets = {link.text: link.target for link in page.links}
    classes = targets["TTS Onboarding Classes"]
    assert classes == LinkTarget("page", "pages/getting-started/classes.md")
    assert not any(p.title.startswith(("<", "!")) or "<em>" in p.title for p in hb.pages)


def test_thoughtbot_root_absolute_links(corpora: Path) -> None:
    hb = Handbook.open(corpora / "thoughtbot-guides")
    page = hb.page("README.md")
    resolved = [link for link in page.links if link.href.startswith("/") and link.target.kind == "page"]
    assert resolved, "root-absolute links such as /ruby/ should reach the folder's README"
