"""YAML from a handbook (front matter, plans, glossaries), read as bounded data.

``yaml.safe_load`` never runs code, but a few lines of anchors and aliases ("a billion laughs") make a
structure whose expanded size is exponential: PyYAML builds it as a small graph, and the first code
that walks it (cleaning strings, JSON for a cache) hangs and eats memory. Here the expanded size is
counted on the graph, in time linear in its nodes, and anything too big is refused with a message.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 2 * 1024 * 1024  # a plan or glossary file; front matter is far smaller
MAX_NODES = 200_000  # values in the structure once every alias is expanded
MAX_FLOW_DEPTH = 100  # [[[[…]]]]: PyYAML recurses once per level, slowly, until Python's limit


class YamlRefused(ValueError):
    """Too big once expanded (or to read at all): a clear message, never a hang."""


# libyaml's loader where it is installed (the pure-Python one reads ~50 KB/s on this machine); the
# graph it builds shares aliased nodes, so only walking it is costly, and that is bounded below.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` with bounds; raises ``yaml.YAMLError`` or ``YamlRefused``."""
    if len(text) > MAX_BYTES:
        raise YamlRefused(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    if flow_depth(text) > MAX_FLOW_DEPTH:
        raise YamlRefused("nested too deeply")
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
        too_big = expanded_size(data) > MAX_NODES
    except RecursionError:
        raise YamlRefused("nested too deeply") from None
    finally:
        loader.dispose()
    if too_big:
        raise YamlRefused(f"more than {MAX_NODES:,} values once its aliases are expanded")
    return data


def flow_depth(text: str) -> int:
    """The deepest nesting of [ and { (quotes are not parsed: an estimate that errs towards deeper)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def expanded_size(data: Any) -> int:
    """Values in ``data`` as if every shared reference were a copy, computed once per shared node."""
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        if not isinstance(node, (list, dict)):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = MAX_NODES + 1  # a reference cycle (YAML allows them) counts as too big
        children = node.items() if isinstance(node, dict) else enumerate(node)
        total = 1
        for _, child in children:
            total += size(child)
            if total > MAX_NODES:
                break
        sizes[key] = total
        return total

    return size(data)
