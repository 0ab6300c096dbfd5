"""MDX pages (Nextra, Docusaurus) read as Markdown: no import lines, JSX tags or comments in the text."""

from __future__ import annotations

from handbook.content.js_literal import default_export, parse_value
from handbook.content.normalise import normalise


def text_of(source: str) -> str:
    return normalise(source).text


NEXTRA_PAGE = """\
import { Callout, Tabs, Steps } from 'nextra/components'
import Image from 'next/image'

export const meta = {
  title: 'Setup',
  tags: ['onboarding'],
}

# Setting up your laptop

{/* TODO: add Linux once IT supports it */}

<Callout type="warning">Ask for **VPN access** on day one.</Callout>

<Tabs items={['macOS', 'Windows']}>
  <Tabs.Tab>
    Install with `brew install vpn`.
  </Tabs.Tab>
  <Tabs.Tab>
    Download it from [the portal](https://portal.example.com).
  </Tabs.Tab>
</Tabs>

<Image src="/diagram.png" alt="Diagram" width={600} height={400} />

import statements in prose stay, and so does this line.
"""


def test_a_nextra_page_reads_as_markdown() -> None:
    text = text_of(NEXTRA_PAGE)
    assert "import {" not in text and "nextra/components" not in text
    assert "export const" not in text and "tags:" not in text
    assert "TODO" not in text and "{/*" not in text
    assert "<Callout" not in text and "<Tabs" not in text and "</" not in text
    assert "> **Warning:** Ask for **VPN access** on day one." in text
    assert "**macOS**\n\nInstall with `brew install vpn`." in text
    assert "**Windows**\n\nDownload it from [the portal](https://portal.example.com)." in text
    assert "![Diagram](/diagram.png)" in text
    assert "{600}" not in text
    assert "import statements in prose stay, and so does this line." in text


def test_tab_content_is_dedented_not_a_code_block() -> None:
    text = text_of(NEXTRA_PAGE)
    assert "\n    Install" not in text and "\n  Install" not in text


def test_exported_metadata_titles_a_page_without_front_matter() -> None:
    norm = normalise(
        "export const metadata = {\n  title: 'Setting up',\n  description: `Day one`\n}\n\nText.\n"
    )
    assert norm.front_matter["title"] == "Setting up"
    assert norm.front_matter["description"] == "Day one"
    assert norm.text == "Text.\n"
    fm = normalise("---\ntitle: From YAML\n---\nexport const metadata = { title: 'From JS' }\n\nText.\n")
    assert fm.front_matter["title"] == "From YAML"


def test_jsx_comments_go_and_so_do_the_lines_they_emptied() -> None:
    source = "a {/* one */} {/* two */}\nb\n{/* alone */}\n  {/* indented */} {/*\nmulti\n*/}\nc {/*x*/}d\n"
    assert text_of(source) == "a \nb\nc d\n"  # not "a  ": two trailing blanks would be a line break


def test_multi_line_imports_and_exports_end_where_they_balance() -> None:
    source = (
        "import {\n  Callout,\n  Tabs,\n} from 'nextra/components'\n"
        "export const columns = [\n  { key: 'a', label: 'A' },\n\n  { key: 'b', label: 'B' },\n]\n"
        "export default function Layout({ children }) {\n  return <div>{children}</div>\n}\n\n"
        "# Title\n\nBody.\n"
    )
    assert text_of(source) == "# Title\n\nBody.\n"


def test_import_inside_a_paragraph_is_prose() -> None:
    source = "We moved the data.\nimport { x } from 'y' is how the code starts.\n\nimport the CSV by hand.\n"
    text = text_of(source)
    assert "import { x } from 'y' is how the code starts." in text
    assert "import the CSV by hand." in text


def test_code_keeps_its_jsx_imports_and_comments() -> None:
    source = (
        "Use it like this:\n\n```jsx\nimport { Callout } from 'nextra/components'\n"
        '{/* note */}\n<Callout type="info">Hi</Callout>\n```\n\nAnd `<Callout>` inline.\n'
    )
    text = text_of(source)
    assert "```jsx\nimport { Callout } from 'nextra/components'\n{/* note */}\n" in text
    assert '<Callout type="info">Hi</Callout>\n```' in text
    assert "And `<Callout>` inline." in text


def test_a_fence_inside_tabs_stays_a_fence_and_html_in_it_stays() -> None:
    source = (
        '<Tabs>\n  <TabItem value="mac" label="macOS">\n\n    ```bash\n    brew install vpn\n'
        "    <div>kept</div>\n    ```\n\n  </TabItem>\n</Tabs>\n"
    )
    assert text_of(source) == "**macOS**\n\n```bash\nbrew install vpn\n<div>kept</div>\n```\n"


def test_a_fence_inside_a_callout_is_quoted_with_it() -> None:
    source = '<Callout type="info">\n  Run:\n\n  ```sh\n  make setup\n  ```\n</Callout>\n'
    assert text_of(source) == "> **Info:** Run:\n>\n> ```sh\n> make setup\n> ```\n"


def test_callouts_of_every_kind() -> None:
    assert text_of("<Callout>Plain.</Callout>\n") == "> **Note:** Plain.\n"
    assert text_of('<Callout type="default">Plain.</Callout>\n') == "> **Note:** Plain.\n"
    assert text_of('<Callout type="error" emoji="🚫">No.</Callout>\n') == "> **Error:** No.\n"
    assert text_of('<Admonition type="tip" title="Pro tip">Yes.</Admonition>\n') == "> **Pro tip:** Yes.\n"
    assert text_of("<Warning>\n  - one\n  - two\n</Warning>\n") == "> **Warning:**\n>\n> - one\n> - two\n"
    assert text_of("<Note>A **bold** [link](/x).</Note>\n") == "> **Note:** A **bold** [link](/x).\n"


def test_docusaurus_tabs_take_labels_from_values() -> None:
    source = (
        "<Tabs groupId=\"os\" values={[\n  {label: 'macOS', value: 'mac'},\n"
        "  {label: 'Linux', value: 'linux'},\n]}>\n"
        '<TabItem value="linux">Use apt.</TabItem>\n<TabItem value="mac">Use brew.</TabItem>\n</Tabs>\n'
    )
    assert text_of(source) == "**Linux**\n\nUse apt.\n\n**macOS**\n\nUse brew.\n"


def test_cards_links_steps_and_unknown_components() -> None:
    source = (
        '<Cards>\n  <Cards.Card title="Setup" href="/docs/setup" />\n'
        '  <Card title="Guide" href="/guide">Read it first.</Card>\n</Cards>\n\n'
        'See <Link href="/docs/setup">the setup page</Link> and <Badge>new</Badge> things.\n\n'
        "<Steps>\n### Install\nDo it.\n### Log in\nDone.\n</Steps>\n\n"
        "<TOCInline toc={toc} />\n<Video src={clip} />\n\n"
        "<Wrapper>\n  <Inner>\n    Deep text.\n  </Inner>\n</Wrapper>\n"
    )
    text = text_of(source)
    assert "- [Setup](/docs/setup)" in text
    assert "- [Guide](/guide): Read it first." in text
    assert "See [the setup page](/docs/setup) and new things." in text
    assert "### Install\nDo it.\n### Log in\nDone." in text
    assert "toc" not in text.lower() and "clip" not in text
    assert "\nDeep text.\n" in text
    assert "<" not in text


def test_a_component_with_a_title_keeps_it() -> None:
    assert text_of('<Accordion title="Why?">\n  Because.\n</Accordion>\n') == "**Why?**\n\nBecause.\n"
    steps = '<Steps>\n  <Step title="Install">Run it.</Step>\n  <Step title="Log in">Then this.</Step>\n'
    steps += "</Steps>\n"
    assert text_of(steps) == "**Install**\n\nRun it.\n\n**Log in**\n\nThen this.\n"
    assert text_of('Hover <Tooltip title="A tip">this word</Tooltip>.\n') == "Hover this word.\n"
    card = '<Card title="Guide" href="/guide">\n  First line.\n\n  Second paragraph.\n</Card>\n'
    assert text_of(card) == "- [Guide](/guide)\n\n  First line.\n\n  Second paragraph.\n"


def test_fragments_and_expression_attributes_never_leak() -> None:
    text = text_of('<>\n<Callout type={kind} title={`${x}`}>Hi {" "}there</Callout>\n</>\n')
    assert "kind" not in text and "${x}" not in text
    assert "> **Note:** Hi" in text


def test_string_expressions_are_their_text() -> None:
    assert text_of("<Note>Use{' '}<b>this</b>{\" \"}and {'{'}braces{'}'}.</Note>\n") == (
        "> **Note:** Use **this** and {braces}.\n"
    )


def test_tags_that_are_not_components_stay_text() -> None:
    text = text_of("Replace <TOKEN> with yours, e.g. Map<K, V> or List<T>, and a < b > c.\n")
    assert text == "Replace <TOKEN> with yours, e.g. Map<K, V> or List<T>, and a < b > c.\n"


def test_uppercase_html_is_still_html() -> None:
    assert text_of("| a | one<BR/>two |\n") == "| a | one\ntwo |\n"


def test_docusaurus_admonitions() -> None:
    source = (
        ":::note Before you begin\nYou need an **SSO account**.\n:::\n\n"
        ":::tip\n\n- one\n- two\n\n:::\n\n"
        "::::warning[Outer]\nOuter text.\n:::danger\nInner.\n:::\n::::\n\n"
        "::: details Click me\nHidden text.\n:::\n\n"
        "::: {.callout-important}\nPandoc.\n:::\n"
    )
    text = text_of(source)
    assert "> **Before you begin:** You need an **SSO account**." in text
    assert "> **Tip:**\n>\n> - one\n> - two" in text
    assert "> **Outer:** Outer text.\n>\n> > **Danger:** Inner." in text
    assert "**Click me**\n\nHidden text." in text
    assert "> **Important:** Pandoc." in text
    assert ":::" not in text


def test_admonitions_inside_tabs_and_tabs_inside_admonitions() -> None:
    source = (
        '<Tabs>\n  <TabItem value="a" label="A">\n'
        "    :::caution\n    Careful.\n    :::\n  </TabItem>\n</Tabs>\n\n"
        ":::info\n<Tabs items={['One']}>\n<Tab>Inside.</Tab>\n</Tabs>\n:::\n"
    )
    text = text_of(source)
    assert "**A**\n\n> **Caution:** Careful." in text
    assert "> **Info:**\n>\n> **One**\n>\n> Inside." in text


def test_colons_in_prose_and_code_are_left_alone() -> None:
    source = "Ratio 1:::2 and a::b.\n\n```\n:::note\nnot a container\n:::\n```\n"
    assert text_of(source) == source


def test_details_and_summary_read_as_a_titled_block() -> None:
    text = text_of("<details>\n  <summary>Why a VPN?</summary>\n\n  The **wiki** is internal.\n</details>\n")
    assert "**Why a VPN?**" in text and "The **wiki** is internal." in text and "<" not in text


def test_plain_markdown_is_unchanged() -> None:
    source = "# Title\n\nSome text with <b>bold</b>.\n\n- import this\n- export that\n"
    assert text_of(source) == "# Title\n\nSome text with **bold**.\n\n- import this\n- export that\n"


# --------------------------------------------------------------------------------------------------
# JavaScript literals read without running them


def test_js_literals() -> None:
    assert parse_value("['macOS', \"Windows\", `Linux`]") == ["macOS", "Windows", "Linux"]
    assert parse_value("[{label: 'A', value: 'a'},]") == [{"label": "A", "value": "a"}]
    assert parse_value("[1, -2.5, 0x10, true, null]") == [1, -2.5, 16, True, None]
    assert parse_value("kind") is None
    assert parse_value("'a' + b") is None
    assert parse_value("`Hello ${name}`") is None


def test_a_meta_file_read_tolerantly() -> None:
    source = """\
import type { MetaRecord } from 'nextra'
// the sidebar
const meta: MetaRecord = {
  index: 'Introduction',
  'getting-started': "Getting started", // a comment
  advanced: { title: 'Advanced', type: 'page', },
  /* a block comment */
  '---': { type: 'separator' },
  secret: { display: 'hidden' },
  github: { title: 'GitHub ↗', href: 'https://github.com/org/repo' },
  fancy: { title: <b>Bold</b> },
  computed: () => ({ title: 'no' }),
  [key]: 'computed',
  ...rest,
  last: 'Last',
}
export default meta
"""
    data = default_export(source)
    assert data is not None
    assert list(data) == ["index", "getting-started", "advanced", "---", "secret", "github", "fancy", "last"]
    assert data["advanced"] == {"title": "Advanced", "type": "page"}
    assert data["fancy"] == {}
    assert default_export("export default {\n  a: 'A'\n} satisfies MetaRecord\n") == {"a": "A"}
    assert default_export("module.exports = { a: 'A', b: { c: [1, 2] } }") == {"a": "A", "b": {"c": [1, 2]}}
    assert default_export("export default function () { return null }") is None


def test_broken_js_never_raises() -> None:
    broken = ("export default {", "export default { a: ", "export default { ) ] } }", "{'a", "{[}")
    for source in broken:
        default_export(source)
        parse_value(source)
