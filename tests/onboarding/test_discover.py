"""Plans found in the handbook's own pages: the seeds, the real corpora, a staff guide, near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.content import Handbook
from handbook.onboarding.discover import discover, item_id_for
from handbook.onboarding.ranking import Candidate
from handbook.onboarding.vocabulary import Span, due_day, time_span

from ..conftest import write


def plans(root: Path) -> list[Candidate]:
    return discover(Handbook.open(root))


def outline(candidate: Candidate) -> list[tuple[str, tuple[int, int], list[str]]]:
    return [(p.title, p.days, [i.title for i in p.items]) for p in candidate.plan.phases]


@pytest.mark.parametrize(
    ("heading", "span"),
    [
        ("Day 1", (1, 1)),
        ("Days 2-5", (2, 5)),
        ("Week 1", (1, 7)),
        ("Weeks 2–4", (8, 28)),
        ("Month 1", (1, 30)),
        ("📅 First 30 Days", (1, 30)),
        ("Days 31-60", (31, 60)),
        ("Before you start", (0, 0)),
        ("Within the first two weeks", (1, 14)),
        ("Second week", (8, 14)),
        ("Week one: getting set up", (1, 7)),
        ("Phase 1: Discovery (Weeks 1-2)", (1, 14)),
        ("By day 30", (1, 30)),
    ],
)
def test_time_headings(heading: str, span: tuple[int, int]) -> None:
    found = time_span(heading)
    assert found is not None and (found.start, found.end) == span


@pytest.mark.parametrize("heading", ["How we work", "30-60-90 Day Journey", "Q&A", "Weekly sync", "Monthly"])
def test_headings_that_name_no_span(heading: str) -> None:
    assert time_span(heading) is None


def test_after_joining_is_open_ended() -> None:
    assert time_span("After Joining") == Span(1, None, True)


def test_an_items_own_words_give_its_due_day() -> None:
    assert due_day("make one update by the end of your second week", 1, 30) == 14
    assert due_day("book time with your buddy in your first week", 1, 30) == 7
    assert due_day("on day 3, pair with someone", 1, 30) == 3
    assert due_day("keep it open for a minimum of 2 days", 1, 30) is None  # a duration, not a deadline
    assert due_day("by the end of week 8", 1, 30) is None  # outside its phase: the phase's end holds


def test_item_ids_are_a_slug_and_a_hash_of_the_words() -> None:
    assert item_id_for("Set up the repository/repositories").startswith("set-up-the-repository-")
    first = item_id_for("Account Setup")
    assert first.startswith("account-setup-") and len(first) == len("account-setup-") + 6
    assert item_id_for("Account  setup") == first  # case and spacing do not change it
    assert item_id_for("Account setup done") != first


# ------------------------------------------------------------------------------------------ seeds


def test_seed_000_the_30_60_90_journey(seeds: Path) -> None:
    (found,) = plans(seeds / "000_ccabf785eee69cde.txt")
    plan = found.plan
    assert plan.title == "30-60-90 Day Journey"
    assert plan.origin == "PES — Engineering & Operations Handbook › Onboarding & Getting Started"
    assert [(p.title, p.days) for p in plan.phases] == [
        ("First 30 Days", (1, 30)),
        ("First 60 Days", (31, 60)),
        ("First 90 Days", (61, 90)),
    ]
    titles = [i.title for i in plan.items]
    assert len(titles) == 12 and titles[0] == "Account Setup" and titles[-1] == "Feedback Loop"
    assert titles[4:8] == ["Team Integration", "First Contribution", "Process Training", "Mentor Checkin"]
    assert [i.due for i in plan.items] == [30] * 4 + [60] * 4 + [90] * 4
    assert plan.items[0].link == "000_ccabf785eee69cde.txt#first-30-days"  # the section it came from


def test_seed_001_the_onboarding_chapter(seeds: Path) -> None:
    (found,) = plans(seeds / "001_3a1b2ec40ff908fe.txt")
    assert found.plan.source == "001_3a1b2ec40ff908fe.txt#chapter-1-onboarding"
    assert outline(found) == [("First 30 days", (1, 30), ["Create account", "Set up SSH", "Run first build"])]


def test_seed_002_a_12_week_project_plan_is_no_onboarding(seeds: Path) -> None:
    """ "Phase 1: Discovery (Weeks 1-2)" … and a 12-week table: a project's schedule, nobody's start."""
    assert plans(seeds / "002_70b23f6e95f87cab.txt") == []


def test_seed_004_new_engineers_getting_started_list(seeds: Path) -> None:
    """ "Getting Started — New engineers should: 1. … 5." is a newcomer's checklist (weakly ranked)."""
    (found,) = plans(seeds / "004_be071ff466b2e52d.txt")
    assert [i.title for i in found.plan.items][:2] == [
        "Complete the onboarding checklist",
        "Set up the development environment",
    ]


# ------------------------------------------------------------------------------------------ corpora


def test_ms_playbook_first_week(corpora: Path) -> None:
    found = plans(corpora / "ms-engineering-playbook")
    best = found[0]
    assert best.plan.source == "the-first-week-of-an-ise-project.md#the-first-week-of-an-ise-project"
    shape = [(p.title, p.days, len(p.items)) for p in best.plan.phases]
    assert shape == [
        ("Before Starting the Project", (0, 0), 3),
        ("Day 1", (1, 1), 4),
        ("Day 2", (2, 2), 4),  # two of them are task items nested by a slip of indentation
        ("Day 3", (3, 3), 4),
        ("Day 4", (4, 4), 3),
        ("Day 5", (5, 5), 4),
    ]
    day1 = best.plan.phases[1].items
    assert day1[0].title == "Plan the first sprint" and day1[0].due == 1
    assert day1[0].link == "agile-development/ceremonies.md#sprint-planning"  # linked into the playbook
    pages = {p.path for p in Handbook.open(corpora / "ms-engineering-playbook").pages}
    assert all(i.link.partition("#")[0] in pages for i in best.plan.items)
    # the onboarding guide *template* is a template to fill in: no plan from its sections
    assert not any("onboarding-guide-template" in c.plan.source for c in found)


def test_18f_the_new_hires_first_two_weeks_before_the_supervisors_tasks(corpora: Path) -> None:
    """18F's getting-started page tells a new hire what their first two weeks hold, as prose under
    three sub-headings: that is the new hire's plan. The plan with time headings, "Tasks to
    complete", is under "Guidance for supervisors": offered, never chosen over the new hire's."""
    found = plans(corpora / "18f")
    best = found[0]
    assert best.plan.source == "pages/getting-started/index.md#your-first-two-weeks"
    assert best.plan.origin == "Onboarding overview › Your first two weeks"
    assert outline(best) == [
        ("Your first two weeks", (1, 14), ["TTS overview", "Government acronyms", "Onboarding classes"])
    ]
    classes = best.plan.items[2]
    assert classes.link == "pages/getting-started/index.md#onboarding-classes"
    assert classes.details.startswith("We try to cover all the basics in our TTS Onboarding Classes")
    assert not best.for_others
    supervisors = next(c for c in found if c.plan.title == "Tasks to complete")
    assert supervisors.for_others and supervisors.score > best.score  # more items, yet after it
    assert (
        supervisors.plan.source == "pages/about-us/tts-consulting/operations/onboarding.md#tasks-to-complete"
    )
    assert supervisors.plan.origin == "Onboarding new TTSC staff › Tasks to complete"
    assert [(p.title, p.days, len(p.items)) for p in supervisors.plan.phases] == [
        ("Within the first week", (1, 7), 7),
        ("Within the first two weeks", (8, 14), 3),
        ("Within the first month", (15, 30), 7),
        ("In the first year", (31, 365), 3),
    ]
    assert [c.for_others for c in found] == sorted(c.for_others for c in found)  # new hire's first
    # the travel set-up page ("... before GSA onboarding": its title counts once) comes after
    sources = [c.plan.source for c in found]
    travel = next(s for s in sources if "first-time-travel" in s)
    assert sources.index(travel) > sources.index(best.plan.source)
    # near misses: billable-hour and work-schedule tables name "5 days", "Week 1 Total" — no plans
    assert not any("tock.md" in c.plan.source or "work-schedules" in c.plan.source for c in found)


def test_meltano_pre_join_and_after_joining(corpora: Path) -> None:
    (found,) = plans(corpora / "meltano-handbook")
    assert found.plan.source == "src/_peopleops/onboarding.md#new-hire-onboarding-procedures"
    assert outline(found) == [
        ("Pre-Join Welcome and Prep", (0, 0), ["Join the #waiting-room channel"]),
        (
            "After Joining",
            (1, 30),
            [
                "Onboarding Issue Checklist",
                "Your Onboarding Buddy",
                "Reading the Handbook",
                "Improving the Handbook",
            ],
        ),
    ]
    due = {i.title: i.due for i in found.plan.items}
    assert due["Your Onboarding Buddy"] == 7  # "book time with your buddy in your first week"
    assert due["Improving the Handbook"] == 14  # "by the end of your second week"
    assert found.plan.items[1].link == "src/_peopleops/onboarding.md#onboarding-issue-checklist"


def test_marsbased_first_day(corpora: Path) -> None:
    (found,) = plans(corpora / "marsbased-handbook")
    assert found.plan.source == "sections/firstday.md#first-day-at-marsbased"
    (phase,) = found.plan.phases
    assert phase.days == (1, 1)
    # its opening list names the page's three parts: the day's checklist (their links are written as
    # HTML anchors that lead nowhere; each item is linked to the section of the same title instead)
    assert [i.title for i in phase.items] == [
        "Your Spaceship setup",
        "Your profile & preferences",
        "Guided with ❤️ by Martians",
    ]
    assert found.plan.items[1].link == "sections/firstday.md#your-profile--preferences"


def test_srcd_and_thoughtbot_hold_no_plan(corpora: Path) -> None:
    """src-d's onboarding page is a guide by topic (hardware, accounts, meetings): no time headings
    and only one bullet under "Onboarding Process", which describes the page. thoughtbot: none."""
    assert plans(corpora / "srcd-guide") == []
    assert plans(corpora / "thoughtbot-guides") == []


# ------------------------------------------------------------------------------------------ staff guides

STAFF = """\
---
title: Staff Onboarding
---
Welcome! Everything for your first three months.

## General Onboarding Activities

### Week 1
- Collect your laptop and [set up your accounts]({accounts}).
- Meet your buddy.

### Month 1
- Read the [security policy]({security}). Ask questions in #security.
- Ship a first change by the end of your second week.

### Month 2
- Join the on-call shadow rotation.

### Month 3
- Lead a sprint demo.
- Write your 90-day retrospective.
"""


def staff_handbook(root: Path, accounts: str, security: str) -> Path:
    write(root, "index.md", "# Handbook\n\n[Staff onboarding](people/staff-onboarding.md)\n")
    write(root, "it/accounts.md", "# Accounts\n\n## Two-factor\n")
    write(root, "security/policy.md", "# Security policy\n")
    write(root, "people/staff-onboarding.md", STAFF.format(accounts=accounts, security=security))
    return root


def test_staff_onboarding_week_and_months(tmp_path: Path) -> None:
    (found,) = plans(staff_handbook(tmp_path, "../it/accounts.md#two-factor", "/security/policy/"))
    plan = found.plan
    assert plan.title == "General Onboarding Activities"
    assert plan.origin == "Staff Onboarding › General Onboarding Activities"
    assert plan.source == "people/staff-onboarding.md#general-onboarding-activities"
    assert [(p.title, p.days) for p in plan.phases] == [
        ("Week 1", (1, 7)),
        ("Month 1", (8, 30)),
        ("Month 2", (31, 60)),
        ("Month 3", (61, 90)),
    ]
    first, buddy, security, change = plan.items[:4]
    assert first.title == "Collect your laptop and set up your accounts"  # links reduced to words
    assert first.link == "it/accounts.md#two-factor"
    assert buddy.link == "people/staff-onboarding.md#week-1"  # no link: the section it came from
    assert security.title == "Read the security policy" and security.details == "Ask questions in #security."
    assert security.link == "security/policy.md"  # a root-absolute site path
    assert change.due == 14


def test_staff_onboarding_links_as_the_sites_own_urls(tmp_path: Path) -> None:
    write(
        tmp_path, "mkdocs.yml", "site_name: Handbook\nsite_url: https://handbook.example.com/\ndocs_dir: .\n"
    )
    staff_handbook(
        tmp_path,
        "https://handbook.example.com/it/accounts/#two-factor",
        "https://handbook.example.com/security/policy/",
    )
    (found,) = plans(tmp_path)
    assert found.plan.items[0].link == "it/accounts.md#two-factor"
    assert found.plan.items[2].link == "security/policy.md"


def test_a_plan_for_supervisors_comes_after_the_new_hires_own(tmp_path: Path) -> None:
    """The supervisor's list has time headings and more items; the new hire's first weeks are prose
    under sub-headings. The new hire's is chosen; the other is offered after it."""
    write(tmp_path, "index.md", "# Handbook\n")
    write(
        tmp_path,
        "people/onboarding.md",
        "# Onboarding new staff\n\n## Guidance for supervisors\n\n### Within the first week\n"
        "- Set up a recurring 1:1\n- Add them to the org chart\n- Add them to the team calendar\n"
        "### Within the first month\n- Review their performance plan\n- Check their timesheets\n",
    )
    write(
        tmp_path,
        "getting-started/index.md",
        "---\ntitle: Getting started\n---\nWelcome!\n\n## Your first two weeks\n\nSettle in.\n\n"
        "### Org overview\n\nRead about our mission.\n\n### Onboarding classes\n\nAttend them all.\n",
    )
    found = plans(tmp_path)
    assert [c.plan.title for c in found] == ["Your first two weeks", "Guidance for supervisors"]
    assert [c.for_others for c in found] == [False, True]
    assert [i.title for i in found[0].plan.items] == ["Org overview", "Onboarding classes"]
    assert found[0].plan.items[1].details == "Attend them all."


def test_the_page_title_counts_once(tmp_path: Path) -> None:
    """A list page whose title only mentions onboarding ("... before onboarding") is not counted
    twice for it (as page and as plan title): a plan under onboarding headings ranks first."""
    write(tmp_path, "index.md", "# Handbook\n")
    write(
        tmp_path,
        "travel/set-up-before-onboarding.md",
        "# Set up travel before onboarding\n\n1. Request a vendor id\n2. Send it to the travel team\n"
        "3. Book your flight\n4. Keep your receipts\n5. File a voucher\n",
    )
    write(
        tmp_path,
        "onboarding/overview.md",
        "# Onboarding overview\n\n## Your first week\n\n- Meet your buddy\n- Set up your laptop\n",
    )
    found = plans(tmp_path)
    assert [c.plan.source for c in found] == [
        "onboarding/overview.md#your-first-week",
        "travel/set-up-before-onboarding.md#set-up-travel-before-onboarding",
    ]


def test_several_plans_are_ranked(tmp_path: Path) -> None:
    staff_handbook(tmp_path, "../it/accounts.md", "../security/policy.md")
    write(
        tmp_path,
        "people/managers/onboarding-a-new-hire.md",
        "# Onboarding a new hire (for managers)\n\n## Before they start\n- Order a laptop\n"
        "## Week 1\n- Introduce them to the team\n- Set goals\n",
    )
    found = plans(tmp_path)
    assert [c.plan.source for c in found] == [
        "people/staff-onboarding.md#general-onboarding-activities",
        "people/managers/onboarding-a-new-hire.md#onboarding-a-new-hire-for-managers",
    ]
    assert found[0].score > found[1].score


# ------------------------------------------------------------------------------------------ near misses


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "engineering/release-process.md",
            "# Release process\n\n## Week 1\n- Code freeze\n- Cut the branch\n"
            "## Week 2\n- Ship\n- Announce\n",
        ),
        (
            "team/sprint-12-notes.md",
            "# Sprint 12\n\n## Day 1\n- Planning\n- Estimates\n## Day 2\n- Pairing on auth\n- Review\n",
        ),
        (
            "company/retreat-2025.md",
            "# Company retreat\n\n## Day 1\n- Arrive, dinner\n- Keynote\n## Day 2\n- Hike\n- Workshops\n",
        ),
        (
            "onboarding/retreat.md",  # in an onboarding folder, but an agenda
            "# Offsite agenda\n\n## Day 1\n- Arrive\n- Dinner\n## Day 2\n- Talks\n- Fly home\n",
        ),
        (
            "team/rituals.md",
            "# Meetings\n\n## Weekly\n- Planning\n- Demo\n## Monthly\n- Retro\n- All hands\n",
        ),
        (
            "ops/capacity.md",
            "# Billable hours\n\n| Days worked | Hours |\n|---|---|\n| 5 days | 32 |\n| 4 days | 26 |\n",
        ),
        (
            "guides/install.md",
            "# Getting started\n\n1. Install Python\n2. Run make\n",  # a tutorial, not a newcomer's list
        ),
        (
            "people/onboarding.md",
            "# Onboarding\n\n- [Benefits](benefits.md)\n- [Handbook](index.md)\n- [Holidays](holidays.md)\n",
        ),
    ],
)
def test_schedules_agendas_and_reading_lists_are_no_plans(tmp_path: Path, path: str, text: str) -> None:
    write(tmp_path, "index.md", "# Home\n")
    write(tmp_path, path, text)
    assert plans(tmp_path) == []


def test_a_table_of_weeks_on_an_onboarding_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        "onboarding.md",
        "# New hire plan\n\n| Week 1 | Weeks 2-4 | Month 2 |\n|---|---|---|\n"
        "| Laptop | First PR | Own a service |\n| Accounts | Pair with your team | |\n",
    )
    (found,) = plans(tmp_path)
    assert outline(found) == [
        ("Week 1", (1, 7), ["Laptop", "Accounts"]),
        ("Weeks 2-4", (8, 28), ["First PR", "Pair with your team"]),
        ("Month 2", (31, 60), ["Own a service"]),
    ]


def test_bold_labelled_groups_in_one_section(tmp_path: Path) -> None:
    write(
        tmp_path,
        "new-hires.md",
        "# Your first 90 days\n\n**Week 1**\n\n- Set up\n- Meet the team\n\n"
        "**Days 31-60**\n\n- Own a ticket\n\n**Days 61-90:** Lead a project\n",
    )
    (found,) = plans(tmp_path)
    assert outline(found) == [
        ("Week 1", (1, 7), ["Set up", "Meet the team"]),
        ("Days 31-60", (31, 60), ["Own a ticket"]),
        ("Days 61-90", (61, 90), ["Lead a project"]),
    ]
