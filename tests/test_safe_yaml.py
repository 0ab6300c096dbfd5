"""YAML from a handbook is bounded: an alias bomb or deep nesting is refused at once, never a hang."""

from __future__ import annotations

import pytest
import yaml

from handbook.content.normalise import normalise
from handbook.safe_yaml import MAX_NODES, YamlRefused, expanded_size, load_yaml


def alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        prev, name = chr(96 + n), chr(97 + n)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused() -> None:
    with pytest.raises(YamlRefused, match="aliases are expanded"):
        load_yaml(alias_bomb())


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlRefused, match="nested too deeply"):
        load_yaml("x: " + "[" * 5000 + "]" * 5000)


def test_ordinary_yaml_with_a_few_aliases_loads() -> None:
    data = load_yaml("roles: &r [engineer, manager]\nitems:\n  - roles: *r\n  - roles: *r\n")
    assert data["items"][1]["roles"] == ["engineer", "manager"]


def test_expanded_size_counts_shared_nodes_as_copies() -> None:
    leaf = ["x"] * 10
    assert expanded_size([leaf, leaf]) == 1 + 2 * 11
    assert expanded_size(load_yaml(alias_bomb(4))) > 9**4
    bomb = yaml.safe_load(alias_bomb())  # small as a graph: PyYAML shares aliased nodes
    assert expanded_size(bomb) > MAX_NODES


def test_front_matter_bomb_gives_a_warning_and_the_page_loads() -> None:
    page = normalise("---\n" + alias_bomb() + "title: x\n---\n# Still here\n")
    assert page.front_matter == {}
    assert any("refused" in w for w in page.warnings)
    assert "# Still here" in page.text
