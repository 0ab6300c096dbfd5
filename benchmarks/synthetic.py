"""Build a large handbook of real text from real ones, for benchmarks.

Pages of ../shared/corpora and the seeds (or the bundled handbook when ../shared is absent) are copied
verbatim under renamed folders (``part-NNN/``) until the page count is reached; with ``--megabytes``,
pages are padded with the text of other real pages until the total size is reached. Real text keeps the
real vocabulary, which is what indexing costs: shuffled or generated words understate it (the first
scale benchmark did so: 17.9 s on shuffled words against 32-37 s on a real 41 MB handbook).
``--shuffle`` keeps the old behaviour (words of prose lines shuffled), for comparison only.

    python benchmarks/synthetic.py DEST --files 4000 [--megabytes 40] [--shuffle]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT.parent / "shared" / "corpora", ROOT.parent / "shared" / "seeds", ROOT / "content"]
SUFFIXES = (".md", ".markdown", ".txt")


def source_pages() -> list[tuple[str, str]]:
    pages: list[tuple[str, str]] = []
    for source in SOURCES:
        if not source.exists():
            continue
        for path in sorted(source.rglob("*")):
            if path.suffix.lower() in SUFFIXES and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                pages.append((path.relative_to(source).as_posix(), text))
    return pages


def shuffle_prose(text: str, rng: random.Random) -> str:
    """Shuffle the words of prose lines; keep front matter, code, headings' markers and table pipes."""
    out: list[str] = []
    in_code = False
    in_front = text.startswith("---\n")
    for number, line in enumerate(text.splitlines()):
        stripped = line.lstrip()
        if in_front:
            out.append(line)
            if number > 0 and line.strip() == "---":
                in_front = False
            continue
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            out.append(line)
            continue
        words = line.split(" ")
        if in_code or len(words) < 4 or stripped.startswith(("|", "{%", "<")):
            out.append(line)
            continue
        lead = []
        while words and (
            not words[0] or words[0] in ("#", "##", "###", "####", "-", "*", ">") or words[0][:-1].isdigit()
        ):
            lead.append(words.pop(0))
        rng.shuffle(words)
        out.append(" ".join(lead + words))
    return "\n".join(out) + "\n"


def build(
    dest: Path, files: int, megabytes: float | None = None, seed: int = 7, *, shuffle: bool = False
) -> tuple[int, int]:
    """Write ``files`` pages under ``dest``; with ``megabytes``, pad pages until the total is reached."""
    pages = source_pages()

    def prose(text: str) -> str:
        return shuffle_prose(text, rng) if shuffle else text

    if not pages:
        raise SystemExit("no source pages found")
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    target_bytes = int(megabytes * 1024 * 1024) if megabytes else 0
    total = 0
    for i in range(files):
        rel, text = pages[i % len(pages)]
        copy = i // len(pages)
        body = prose(text)
        if target_bytes:
            # Aim each page at the average still needed, so the total lands on the target.
            per_page = max(1024, (target_bytes - total) // (files - i))
            while len(body) < per_page:
                extra_rel, extra = pages[rng.randrange(len(pages))]
                body += "\n## More from " + extra_rel + "\n\n" + prose(extra.split("---\n")[-1])
            if len(body) > per_page * 2:
                body = body[: body.rfind("\n", 0, per_page * 2) + 1] or body
        path = dest / f"part-{copy:03d}" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return files, total


def long_page(size: int, marker: str) -> str:
    """One page of real text (the sources' pages one after another), ``marker`` in its first paragraph."""
    parts = [f"# A long page\n\n{marker} opens this page, which exists to be long.\n\n"]
    total = len(parts[0])
    pages = source_pages()
    n = 0
    while total < size:
        rel, text = pages[n % len(pages)]
        n += 1
        chunk = f"\n## From {rel}\n\n{text.split(chr(10) + '---' + chr(10), 1)[-1]}\n"
        parts.append(chunk)
        total += len(chunk.encode("utf-8"))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dest", type=Path)
    parser.add_argument("--files", type=int, default=4000)
    parser.add_argument("--megabytes", type=float, default=None)
    parser.add_argument("--shuffle", action="store_true", help="shuffle the words of prose (old, optimistic)")
    args = parser.parse_args(argv)
    files, total = build(args.dest, args.files, args.megabytes, shuffle=args.shuffle)
    print(f"wrote {files} pages, {total / 1024 / 1024:.1f} MB to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
