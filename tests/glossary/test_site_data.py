"""Glossary data files are read from the data folders the site layer found, outside the content root."""

from __future__ import annotations

from pathlib import Path

from handbook.content import Handbook
from handbook.glossary.build import build_glossary, source_files

from ..conftest import write

GLOSSARY = """\
- term: SLO
  definition: A reliability target agreed with the service's users.
- term: Error budget
  definition: How much unreliability the SLO allows.
"""


def test_hugo_data_glossary_beside_a_language_content_dir(tmp_path: Path) -> None:
    """Hugo keeps data files in the repository's ``data/``; pages are in ``content/en``."""
    root = tmp_path / "hugo"
    write(
        root,
        "hugo.toml",
        'title = "Handbook"\ndefaultContentLanguage = "en"\n\n'
        '[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n',
    )
    write(root, "layouts/_default/single.html", "{{ .Content }}")
    write(root, "data/glossary.yaml", GLOSSARY)
    write(root, "content/en/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
    write(root, "content/fr/_index.md", "---\ntitle: Accueil\n---\n")
    handbook = Handbook.open(root)
    assert handbook.site.data_dirs == [str((root / "data").resolve())]
    glossary = build_glossary(handbook)
    slo = glossary.lookup("SLO")
    assert slo is not None and slo.summary.startswith("A reliability target")
    assert slo.definitions[0].source == "../../data/glossary.yaml"
    assert (root / "data/glossary.yaml").resolve() in [p.resolve() for p in source_files(handbook)]


def test_scaffolding_data_is_not_a_glossary_source(tmp_path: Path) -> None:
    """A theme's own data folder is not the site's: only the site's data folders are read."""
    root = tmp_path / "hugo"
    write(root, "hugo.toml", 'title = "Handbook"\ntheme = "docsy"\n')
    write(root, "themes/docsy/data/glossary.yaml", GLOSSARY)
    write(root, "content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
    assert build_glossary(Handbook.open(root)).lookup("SLO") is None
