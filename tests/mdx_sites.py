"""Small Next.js (Nextra 2, Nextra 4, App Router) and Docusaurus repositories with MDX pages, written
after each tool's documentation, for the site, search and reader tests."""

from __future__ import annotations

from pathlib import Path

from .conftest import write

LAPTOP_PAGE = """\
import { Callout, Tabs } from 'nextra/components'
import Image from 'next/image'

export const meta = {
  reviewed: '2025-01-01',
}

# Setting up your laptop

{/* TODO: Linux, once IT supports it */}

<Callout type="warning">
  Ask IT for **VPN access** on your first morning: the quartermaster form.
</Callout>

<Tabs items={['macOS', 'Windows']}>
  <Tabs.Tab>
    Install the client with `brew install acmevpn`.
  </Tabs.Tab>
  <Tabs.Tab>
    Run the zebracorn installer from the portal.
  </Tabs.Tab>
</Tabs>

<Image src="/img/network.png" alt="Network diagram" width={600} height={400} />

Next: [your first day](./first-day).
"""


def nextra2(root: Path) -> Path:
    """Nextra 2/3: ``pages/`` with ``_meta.json``, a theme config, ``_app``, an API route, basePath."""
    write(
        root,
        "next.config.js",
        "const withNextra = require('nextra')({\n  theme: 'nextra-theme-docs',\n"
        "  themeConfig: './theme.config.jsx',\n})\n\n"
        "module.exports = withNextra({ basePath: '/handbook' })\n",
    )
    write(
        root,
        "theme.config.jsx",
        "export default {\n  logo: <span>Acme Handbook</span>,\n"
        "  project: { link: 'https://github.com/acme/handbook' },\n"
        "  docsRepositoryBase: 'https://github.com/acme/handbook/tree/main',\n}\n",
    )
    write(root, "package.json", '{"name": "acme-handbook", "dependencies": {"nextra": "2.13.0"}}')
    write(root, "components/Hello.mdx", "# A component, not a page\n")
    write(root, "public/robots.md", "# Not a page\n")
    write(root, "pages/_app.jsx", "export default function App({ Component }) { return <Component /> }\n")
    write(root, "pages/_app.mdx", "# Not a page either\n")
    write(root, "pages/api/notes.md", "# An API route's notes\n")
    write(
        root,
        "pages/_meta.json",
        '{\n  "index": "Introduction",\n  "onboarding": "Onboarding",\n  "engineering": "Engineering",\n'
        '  "contact": {"title": "Contact ↗", "type": "page", "href": "https://acme.com/contact"}\n}\n',
    )
    write(
        root,
        "pages/index.mdx",
        "# Welcome to Acme\n\n"
        "Start with [onboarding](/onboarding) and the [laptop setup](/onboarding/laptop).\n",
    )
    write(
        root, "pages/onboarding/_meta.json", '{ "first-day": "Your first day", "laptop": "Laptop setup" }\n'
    )
    write(root, "pages/onboarding/index.mdx", "# Onboarding overview\n\nRead these in order.\n")
    write(root, "pages/onboarding/laptop.mdx", LAPTOP_PAGE)
    write(
        root,
        "pages/onboarding/first-day.md",
        "# The first day\n\n"
        "Meet your buddy. Back to [the laptop](/handbook/onboarding/laptop#setting-up-your-laptop).\n",
    )
    write(root, "pages/engineering/on-call.mdx", "---\ntitle: On-call rotation\n---\nPager duty.\n")
    write(root, "pages/engineering/code-review.mdx", "# Code review\n\nTwo approvals.\n")
    return root


def nextra4(root: Path) -> Path:
    """Nextra 4: ``content/`` with ``_meta.js``/``_meta.ts`` (comments, nested objects, a hidden page, a
    separator, an external link, a folder shown inline), an App Router layout for the site's name."""
    write(
        root,
        "next.config.mjs",
        "import nextra from 'nextra'\n\nconst withNextra = nextra({ contentDirBasePath: '/docs' })\n\n"
        "export default withNextra({ reactStrictMode: true })\n",
    )
    write(
        root,
        "app/layout.jsx",
        "import { Layout, Navbar } from 'nextra-theme-docs'\n\n"
        "export const metadata = { metadataBase: new URL('https://handbook.acme.dev') }\n\n"
        "const navbar = <Navbar logo={<b>Acme People Handbook</b>}\n"
        '  projectLink="https://github.com/acme/people" />\n\n'
        "export default async function RootLayout({ children }) {\n"
        '  return <Layout navbar={navbar} docsRepositoryBase="https://github.com/acme/people/tree/main">'
        "{children}</Layout>\n}\n",
    )
    write(root, "app/docs/[[...mdxPath]]/page.jsx", "export { default } from 'nextra/pages'\n")
    write(
        root,
        "content/_meta.js",
        "// The sidebar, in order\nexport default {\n  index: 'Welcome',\n"
        "  people: { title: 'People & culture' },\n"
        "  guides: {\n    title: 'Guides', // a nested object with a comment\n    type: 'page',\n  },\n"
        "  /* separators and links are not pages */\n  '---': { type: 'separator' },\n"
        "  'internal-notes': { display: 'hidden' },\n"
        "  status: { title: 'Status ↗', href: 'https://status.acme.dev' },\n"
        "  archive: { display: 'children' },\n  fancy: { title: <b>Fancy</b> },\n}\n",
    )
    write(root, "content/index.mdx", "---\ntitle: Acme handbook\n---\nHello.\n")
    write(root, "content/internal-notes.mdx", "# Internal notes\n\nThe periwinkle protocol.\n")
    write(root, "content/fancy.mdx", "# Fancy page\n\nFancy.\n")
    write(root, "content/archive/old-process.md", "# Old process\n\nOld.\n")
    write(
        root,
        "content/people/_meta.ts",
        "import type { MetaRecord } from 'nextra'\n\nconst meta: MetaRecord = {\n"
        "  'time-off': 'Time off',\n  benefits: {\n    title: 'Benefits',\n  },\n}\n\nexport default meta\n",
    )
    write(
        root, "content/people/time-off.mdx", "---\nsidebarTitle: Leave\n---\n# Time off and leave\n\nAsk.\n"
    )
    write(root, "content/people/benefits.mdx", "# Benefits\n\nGood ones.\n")
    write(root, "content/people/zeta.mdx", "# Zeta policy\n\nZ.\n")
    write(root, "content/people/alpha.mdx", "# Alpha policy\n\nA.\n")
    write(
        root,
        "content/guides/deploying.mdx",
        "# Deploying\n\nSee [time off](/docs/people/time-off) and "
        "[benefits](https://handbook.acme.dev/docs/people/benefits).\n",
    )
    return root


def app_router(root: Path) -> Path:
    """The App Router: ``app/**/page.mdx`` pages, ``_meta.js`` titles, a private folder, an API route."""
    write(root, "next.config.mjs", "export default { pageExtensions: ['js', 'jsx', 'md', 'mdx'] }\n")
    write(root, "app/layout.jsx", "export default function Layout({ children }) { return children }\n")
    write(
        root,
        "app/page.mdx",
        "export const metadata = { title: 'Engineering handbook' }\n\nWelcome. Read [setup](/docs/setup).\n",
    )
    write(
        root, "app/docs/_meta.js", "export default { setup: 'Set up your machine', security: 'Security' }\n"
    )
    write(root, "app/docs/page.mdx", "# Docs\n\nAll docs.\n")
    write(
        root,
        "app/docs/setup/page.mdx",
        "import { Steps } from 'nextra/components'\n\n# Setup\n\n<Steps>\n### Install\nRun the installer.\n"
        "</Steps>\n\nSee [security](/docs/security) and [about](/about).\n",
    )
    write(root, "app/docs/security/page.md", "Use a password manager.\n")
    write(root, "app/about/page.mdx", "# About us\n\nRead [our values](/values).\n")
    write(root, "app/(company)/values/page.mdx", "# Our values\n\nCandour.\n")  # a route group
    write(root, "app/docs/notes.mdx", "# Imported by a page, not a page\n")
    write(root, "app/_drafts/wip/page.mdx", "# Work in progress\n")
    write(root, "app/api/hello/route.js", "export function GET() {}\n")
    return root


INSTALL_DOC = """\
---
title: Install the tools
sidebar_label: Install
sidebar_position: 2
---

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

Before you start, read this.

:::note Before you begin
You need an **SSO account**.
:::

<Tabs groupId="os">
  <TabItem value="mac" label="macOS" default>

    ```bash
    brew install acme-cli
    ```

  </TabItem>
  <TabItem value="linux" label="Linux">
    Use the marmalade repository: `apt install acme-cli`.
  </TabItem>
</Tabs>

:::warning

Never share your token.

:::

<details>
  <summary>Why a CLI?</summary>

  Because the **wiki** is internal.
</details>
"""


def docusaurus(root: Path) -> Path:
    """A Docusaurus docs folder whose pages are MDX: imports, tabs, admonitions, details."""
    write(
        root,
        "docusaurus.config.js",
        "module.exports = {\n  title: 'Acme Docs',\n  url: 'https://docs.acme.dev',\n  baseUrl: '/',\n}\n",
    )
    write(root, "docs/intro.md", "---\nsidebar_position: 1\n---\n# Introduction\n\nHello.\n")
    write(root, "docs/install.mdx", INSTALL_DOC)
    return root
