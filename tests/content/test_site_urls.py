"""Links into the handbook's own repository, as GitHub and GitLab print them, open the local page."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import run_handbook, write


def links_of(root: Path, page: str) -> dict[str, dict[str, object]]:
    result = run_handbook("--content", str(root), "show", page, "--json")
    assert result.returncode == 0, result.stderr
    return {link["text"]: link for link in json.loads(result.stdout)["links"]}


def test_gitlab_subgroup_project_links_open_local_pages(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    repo = "https://gitlab.com/acme/engineering/handbook"
    write(root, "mkdocs.yml", f"site_name: Acme handbook\ndocs_dir: docs\nrepo_url: {repo}\n")
    write(root, "docs/index.md", "# Home\n")
    write(root, "docs/people/index.md", "# People\n")
    write(root, "docs/people/time-off.md", "# Time off\n\n## Requesting\n\nAsk.\n")
    write(root, "docs/assets/org.pdf", "%PDF-1.4\n")
    write(
        root,
        "docs/start.md",
        "# Start\n\n"
        f"[blob]({repo}/-/blob/main/docs/people/time-off.md#requesting)\n"
        f"[tree]({repo}/-/tree/main/docs/people)\n"
        f"[raw]({repo}/-/raw/main/docs/people/time-off.md)\n"
        f"[gone]({repo}/-/blob/main/docs/gone.md)\n"
        f"[pdf]({repo}/-/raw/main/docs/assets/org.pdf)\n"
        "[sibling](https://gitlab.com/acme/engineering/other/-/blob/main/docs/people/time-off.md)\n",
    )
    links = links_of(root, "start.md")
    assert links["blob"]["resolved"] == "people/time-off.md#requesting"
    assert links["tree"]["resolved"] == "people/index.md"
    assert links["raw"]["resolved"] == "people/time-off.md"
    assert links["gone"]["kind"] == "broken"
    assert links["pdf"]["kind"] == "external"  # in the clone, but not a page: the web copy is right
    assert links["sibling"]["kind"] == "external"  # another project of the same group


def test_gitlab_subgroup_clone_remote_is_the_handbooks_repository(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    write(root, ".git/config", '[remote "origin"]\n\turl = git@gitlab.com:acme/eng/handbook.git\n')
    write(root, "README.md", "# Home\n")
    write(root, "people/leave.md", "# Leave\n")
    write(
        root,
        "onboarding.md",
        "# Onboarding\n\n[Leave](https://gitlab.com/acme/eng/handbook/-/blob/main/people/leave.md)\n",
    )
    assert links_of(root, "onboarding.md")["Leave"]["resolved"] == "people/leave.md"


def test_raw_github_links_are_recognised_as_the_handbooks_own(tmp_path: Path) -> None:
    """No config names the repository: its raw and blob links to local files give it away."""
    root = tmp_path / "handbook"
    write(root, "README.md", "# Home\n")
    write(root, "benefits.md", "# Benefits\n\n## Dental\n\nYes.\n")
    write(root, "people/time-off.md", "# Time off\n")
    write(
        root,
        "onboarding.md",
        "# Onboarding\n\n"
        "[Benefits](https://raw.githubusercontent.com/acme/handbook/main/benefits.md)\n"
        "[Dental](https://raw.githubusercontent.com/acme/handbook/refs/heads/main/benefits.md#dental)\n"
        "[Time off](https://github.com/acme/handbook/raw/main/people/time-off.md)\n"
        "[Elsewhere](https://raw.githubusercontent.com/other/tools/main/install.md)\n",
    )
    links = links_of(root, "onboarding.md")
    assert links["Benefits"]["resolved"] == "benefits.md"
    assert links["Dental"]["resolved"] == "benefits.md#dental"
    assert links["Time off"]["resolved"] == "people/time-off.md"
    assert links["Elsewhere"]["kind"] == "external"
