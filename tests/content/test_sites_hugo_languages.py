"""A multilingual Hugo site opens in its default language; the other languages are not pages.

Fixtures follow Hugo's "Multilingual mode" documentation: per-language ``contentDir`` under
``[languages]`` (or in ``config/_default/languages.toml``), ``defaultContentLanguage``, and
translation by file name (``about.de.md``) when the languages share one content folder.
"""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook

from ..conftest import run_handbook, write
from .test_sites import info_json, pages_json


def test_per_language_content_dirs_in_config_default(tmp_path: Path) -> None:
    root = tmp_path / "hugo-i18n"
    write(
        root,
        "config/_default/hugo.toml",
        'baseURL = "https://handbook.example.com/"\ndefaultContentLanguage = "en"\ntitle = "Handbook"\n',
    )
    write(
        root,
        "config/_default/languages.toml",
        '[en]\ncontentDir = "content/en"\nlanguageName = "English"\nweight = 1\n\n'
        '[de]\ncontentDir = "content/de"\nlanguageName = "Deutsch"\nweight = 2\n',
    )
    write(root, "layouts/_default/single.html", "{{ .Content }}")
    write(root, "content/en/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
    write(root, "content/en/people/time-off.md", "---\ntitle: Time off\n---\n")
    write(root, "content/de/_index.md", "---\ntitle: Startseite\n---\nWillkommen.\n")
    write(root, "content/de/people/urlaub.md", "---\ntitle: Urlaub\n---\n")
    rows = pages_json(root)
    assert [r["path"] for r in rows] == ["_index.md", "people/time-off.md"]
    info = info_json(root)
    assert info["content_root"] == str((root / "content/en").resolve())
    assert info["language"] == "en"
    assert info["other_languages"] == {"de": "content/de"}
    text = run_handbook("--content", str(root), "info").stdout
    assert "not shown: de (content/de)" in text


def test_default_language_by_config_and_nested_other_language(tmp_path: Path) -> None:
    """``defaultContentLanguage = "de"`` shows German; English's folder inside it is left out."""
    root = tmp_path / "hugo-de"
    write(
        root,
        "hugo.toml",
        'defaultContentLanguage = "de"\n\n[languages.de]\ncontentDir = "content"\nweight = 1\n\n'
        '[languages.en]\ncontentDir = "content/english"\nweight = 2\n',
    )
    write(root, "content/_index.md", "---\ntitle: Startseite\n---\n")
    write(root, "content/urlaub.md", "---\ntitle: Urlaub\n---\n")
    write(root, "content/english/_index.md", "---\ntitle: Home\n---\n")
    write(root, "content/english/time-off.md", "---\ntitle: Time off\n---\n")
    assert [r["path"] for r in pages_json(root)] == ["_index.md", "urlaub.md"]


def test_translation_by_file_name_is_not_a_page(tmp_path: Path) -> None:
    root = tmp_path / "hugo-names"
    write(
        root,
        "hugo.yaml",
        "defaultContentLanguage: en\nlanguages:\n  en:\n    weight: 1\n  fr:\n    weight: 2\n",
    )
    write(root, "archetypes/default.md", "---\ntitle: x\n---\n")
    write(root, "content/_index.md", "---\ntitle: Home\n---\n")
    write(root, "content/_index.fr.md", "---\ntitle: Accueil\n---\n")
    write(root, "content/about.md", "---\ntitle: About\n---\n")
    write(root, "content/about.fr.md", "---\ntitle: À propos\n---\n")
    handbook = Handbook.open(root)
    assert [p.path for p in handbook.pages] == ["_index.md", "about.md"]
    assert handbook.site.other_languages == {"fr": ""}
