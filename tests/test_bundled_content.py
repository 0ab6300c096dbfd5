"""The bundled default handbook is complete and internally consistent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import handbook
from handbook import paths
from handbook.content import Handbook


def test_bundled_handbook_opens_with_expected_chapters() -> None:
    hb = Handbook.open()
    assert hb.root == paths.bundled_content().resolve()
    chapters = {p.chapter for p in hb.pages}
    assert {"onboarding", "engineering", "operations", "security", "communication"} <= chapters
    assert hb.landing.path == "index.md"
    assert {"faq.md", "glossary.md"} <= {p.path for p in hb.pages}


def test_every_link_and_anchor_resolves() -> None:
    hb = Handbook.open()
    broken = [(path, link.href, link.target.reason) for path, link in hb.broken_links()]
    assert broken == []


def test_pages_exercise_the_reader() -> None:
    hb = Handbook.open()
    pages = [hb.page(p.path) for p in hb.pages]
    text = "\n".join(p.markdown for p in pages)
    assert "```bash" in text and "|---|" in text.replace(" ", "")
    assert sum(len(p.tasks) for p in pages) >= 10
    assert any("/" in p.info.folder for p in pages)  # nested folders


def test_glossary_yaml_has_the_core_terms() -> None:
    entries = yaml.safe_load((paths.bundled_content() / "glossary.yaml").read_text(encoding="utf-8"))
    terms = {e["term"].lower() for e in entries}
    assert len(entries) >= 30
    for term in (
        "slo",
        "sla",
        "sli",
        "rfc",
        "adr",
        "mttr",
        "ci",
        "cd",
        "sev1",
        "rca",
        "dri",
        "pr",
        "canary",
        "feature flag",
        "on-call",
        "runbook",
        "postmortem",
    ):
        assert term in terms
    assert all(e.get("definition") for e in entries)


def test_onboarding_plan_items_link_to_real_sections() -> None:
    hb = Handbook.open()
    plan = yaml.safe_load((paths.bundled_content() / "onboarding.yaml").read_text(encoding="utf-8"))
    assert plan["version"] == 1
    items = [(phase, item) for phase in plan["phases"] for item in phase["items"]]
    assert len(items) >= 12
    ids = [item["id"] for _, item in items]
    assert len(ids) == len(set(ids))
    for required in (
        "account-setup",
        "access-provisioning",
        "environment-setup",
        "hello-world",
        "team-integration",
        "first-contribution",
        "process-training",
        "mentor-checkin",
        "full-ownership",
        "process-mastery",
        "career-planning",
        "feedback-loop",
    ):
        assert required in ids
    for phase, item in items:
        low, high = phase["days"]
        assert low <= item["due"] <= high, item["id"]
        ref = hb.find(item["link"])
        assert hb.page(ref.path).section(ref.anchor) is not None, item["link"]


def test_bundled_content_ships_inside_an_installed_package(tmp_path: Path) -> None:
    """A non-editable install (as the README does) must find content/ inside the wheel, from any folder."""
    package = Path(handbook.__file__).parent
    if "site-packages" not in package.parts:
        pytest.skip("running from a source checkout (editable install); CI installs the wheel")
    code = "from handbook import paths; print(paths.bundled_content())"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    bundled = Path(out.stdout.strip())
    assert bundled == package / "_content"
    assert (bundled / "index.md").is_file() and (bundled / "onboarding.yaml").is_file()
