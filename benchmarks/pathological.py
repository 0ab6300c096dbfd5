"""Hostile pages: time to normalise and parse inputs built to trigger regex back-tracking.

    python benchmarks/pathological.py

Each case is 40-800 KiB. Every figure should stay in the low hundreds of milliseconds: a case that
grows quadratically shows up here as seconds or minutes.
"""

from __future__ import annotations

import time

from handbook.content.normalise import normalise
from handbook.content.parse import build_sections

CASES = {
    "unclosed liquid": "{% " * 50000,
    "unclosed hugo": "{{< " * 50000,
    "unclosed <a": "<a " * 50000,
    "unclosed <b>": "<b>" * 50000,
    "nested tables": "<table><tr><td>" * 20000,
    "liquid comments": "{% comment %}" * 20000 + "{% endcomment %}",
    "badge links": "[![x](https://img.shields.io/badge/a-b)](" * 20000,
    "unclosed <img": "<img src=x " * 30000,
    "unclosed <h1>": "<h1>" * 40000,
    "unclosed <script>": "<script>" * 40000,
    "backticks": "`a " * 30000,
    "brackets": "[" * 50000,
    "ampersands": "&" * 100000,
    "mojibake": "â€™" * 30000,
    "one long line": "word " * 100000,
}


def main() -> None:
    for name, text in CASES.items():
        start = time.perf_counter()
        for section in build_sections(normalise(text).text, "x")[0]:
            section.content  # noqa: B018  (parse the inline content too)
        elapsed = time.perf_counter() - start
        print(f"{name:<18} {len(text) / 1024:6.0f} KiB {elapsed * 1000:8.0f} ms", flush=True)


if __name__ == "__main__":
    main()
