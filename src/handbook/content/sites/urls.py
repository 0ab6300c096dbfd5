"""The site's own URLs: recognising links to the published site or to the repository as local links.

From config when the site says (``baseURL``, ``site_url``, ``url``, ``repo_url``), else inferred: an
http(s) host most of whose link paths match local pages is the handbook's own; a GitHub/GitLab
repository whose ``/blob/<branch>/`` paths are local files is its repository. Repository links are
read in every form the hosts print: GitLab subgroups (``/group/sub/project/-/blob/main/a.md``),
``/tree/``, ``/raw/``, ``/edit/`` and ``raw.githubusercontent.com/org/repo/<branch>/a.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlsplit

# GitLab puts "/-/" between the project (which may sit in subgroups) and the file; GitHub has none.
_GITLAB_FILE = re.compile(r"^/((?:[^/]+/)+[^/]+)/-/(?:blob|tree|edit|raw)/[^/]+/?(.*)$")
_REPO_FILE = re.compile(r"^/([^/]+/[^/]+)/(?:blob|tree|edit|raw)/[^/]+/?(.*)$")
_RAW_FILE = re.compile(r"^/([^/]+/[^/]+)/(?:refs/heads/)?[^/]+/(.*)$")  # raw.githubusercontent.com
RAW_HOSTS = {"raw.githubusercontent.com": "github.com"}
MIN_MATCHES = 2
# Links looked at per host or repository: enough to tell the site's own, few enough that a handbook
# quoting 5,000 Google Docs links is judged in milliseconds (each look is a page lookup).
SAMPLE = 200
# Files every repository has: a link to another project's README says nothing about this one.
GENERIC_FILES = ("readme", "index", "contributing", "license", "changelog", "code_of_conduct", "security")


def split_base(url: str) -> tuple[str, str]:
    """``https://Host/sub/`` → (``host``, ``/sub``): what a link must start with to be the site's."""
    parts = urlsplit(url)
    return parts.netloc.lower().removeprefix("www."), "/" + parts.path.strip("/") if parts.path.strip(
        "/"
    ) else ""


def under_base(href: str, bases: Iterable[tuple[str, str]]) -> str | None:
    """The path of ``href`` below one of ``bases`` (``/people/x``), or None if it is not the site's."""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https"):
        return None
    host = parts.netloc.lower().removeprefix("www.")
    path = unquote(parts.path) or "/"
    for base_host, base_path in bases:
        if host != base_host:
            continue
        if not base_path:
            return path
        if path == base_path or path.startswith(base_path + "/"):
            return path[len(base_path) :] or "/"
    return None


def split_repo_link(href: str) -> tuple[str, str] | None:
    """(``host/owner/…/project``, file path) of a link to a file or folder of a hosted repository.

    ``https://gitlab.com/group/sub/project/-/blob/main/a.md`` → (``gitlab.com/group/sub/project``,
    ``a.md``); a raw.githubusercontent.com link names its github.com repository."""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    path = unquote(parts.path)
    if host in RAW_HOSTS:
        m = _RAW_FILE.match(path)
        return (f"{RAW_HOSTS[host]}/{m.group(1)}", m.group(2)) if m else None
    m = _GITLAB_FILE.match(path) or _REPO_FILE.match(path)
    if not m:
        return None
    return f"{host}/{m.group(1).removesuffix('.git')}", m.group(2)


def _repo_key(repo: str) -> str:
    parts = urlsplit(repo)
    return f"{parts.netloc.lower().removeprefix('www.')}/{parts.path.strip('/').lower().removesuffix('.git')}"


def repo_file(href: str, repos: Iterable[str]) -> str | None:
    """The file path inside the repository that ``href`` (``…/blob/main/a/b.md``) points into, if any."""
    found = split_repo_link(href)
    if found is None:
        return None
    key, inside = found
    return inside if any(_repo_key(repo) == key.lower() for repo in repos) else None


def infer_bases(links: Iterable[str], is_local: Callable[[str], bool]) -> list[tuple[str, str]]:
    """Hosts (with a path prefix when the site lives under one) whose link paths are mostly local pages."""
    by_host: dict[str, set[str]] = {}
    for href in links:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and parts.netloc:
            path = unquote(parts.path)
            if path.strip("/"):
                by_host.setdefault(parts.netloc.lower().removeprefix("www."), set()).add(path)
    found: list[tuple[str, str]] = []
    local = _remembered(is_local)
    for host, all_paths in by_host.items():
        if host in ("github.com", "gitlab.com", "bitbucket.org") or len(all_paths) < MIN_MATCHES:
            continue
        paths = _sample(all_paths)
        prefixes = {""} | {"/" + p.strip("/").split("/", 1)[0] for p in paths}
        best: tuple[int, str] | None = None
        for prefix in sorted(prefixes):
            under = [p[len(prefix) :] or "/" for p in paths if not prefix or p.startswith(prefix + "/")]
            if len(under) < MIN_MATCHES:
                continue
            matched = sum(1 for p in under if p.strip("/") and local(p))
            if matched >= MIN_MATCHES and matched * 2 >= len(paths) and (best is None or matched > best[0]):
                best = (matched, prefix)
        if best is not None:
            found.append((host, best[1]))
    return found


def infer_repos(links: Iterable[str], is_local_file: Callable[[str], bool]) -> list[str]:
    """GitHub/GitLab repositories whose file links (``/blob/<branch>/path``) are mostly local files."""
    files: dict[str, list[str]] = {}
    spelled: dict[str, str] = {}  # the first spelling seen: GitHub names are not case-sensitive
    for href in links:
        found = split_repo_link(href)
        if found is None or not found[1].lower().endswith((".md", ".markdown", ".mdx")):
            continue
        key, inside = found
        files.setdefault(spelled.setdefault(key.lower(), f"https://{key}"), []).append(inside)
    counts: dict[str, list[int]] = {}
    local = _remembered(is_local_file)
    for repo, linked in files.items():
        seen = counts.setdefault(repo, [0, 0, 0])
        for file in linked if len(linked) <= SAMPLE else linked[:: len(linked) // SAMPLE + 1]:
            seen[1] += 1
            if local(file):
                seen[0] += 1
                stem = file.rpartition("/")[2].rsplit(".", 1)[0].lower()
                seen[2] += stem not in GENERIC_FILES
    return [repo for repo, (hit, total, telling) in counts.items() if telling >= 1 and hit * 2 >= total]


def _sample(paths: set[str]) -> set[str]:
    """At most about SAMPLE of ``paths``, spread evenly over their sorted order (the same every time)."""
    if len(paths) <= SAMPLE:
        return paths
    ordered = sorted(paths)
    return set(ordered[:: len(ordered) // SAMPLE + 1])


def _remembered(check: Callable[[str], bool]) -> Callable[[str], bool]:
    """``check`` asked once per distinct path: the same link appears on many pages."""
    answers: dict[str, bool] = {}

    def remembered(path: str) -> bool:
        answer = answers.get(path)
        if answer is None:
            answer = answers[path] = check(path)
        return answer

    return remembered
