"""The glossary under Pilot: filter, read, open a source; define from the reader."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from handbook.content import Handbook
from handbook.tui.app import HandbookApp
from handbook.tui.dialogs.definition import DefinitionScreen
from handbook.tui.screens.glossary import GlossaryScreen, PlaceOption
from handbook.tui.screens.reader import ReaderScreen

from ..conftest import write

SIZE = (120, 40)


async def test_filter_then_open_a_source() -> None:
    app = HandbookApp(Handbook.open())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.settled()
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert len(screen.shown) == len(app.glossary.terms)
        await pilot.press(*"mttr")
        await pilot.pause()
        assert screen.shown[0].term == "MTTR"
        assert "mean time to recovery" in str(screen.query_one("#glossary-definition").render())
        await pilot.app.settled()
        await pilot.press("enter")  # to the list of sources
        await pilot.pause()
        links = screen.query_one("#glossary-links", OptionList)
        assert app.focused is links
        option = links.get_option_at_index(0)
        assert isinstance(option, PlaceOption) and option.source
        source = option.place
        # Named as the reader knows the place, "Page › Section" (a long path broke mid-word on 80
        # columns), and opened by its path.
        title = app.handbook.page(source.partition("#")[0]).title
        assert str(option.prompt).startswith(f"Defined in {title}") and ".md" not in str(option.prompt)
        assert ".md" not in str(screen.query_one("#glossary-definition").render())
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        path, _, anchor = source.partition("#")
        assert reader.page is not None and reader.page.path == path
        assert (
            reader.page_view.current_section is not None and reader.page_view.current_section.anchor == anchor
        )


async def test_define_from_the_reader_and_unknown_terms() -> None:
    app = HandbookApp(Handbook.open())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d", *"sev1", "enter")
        await pilot.app.settled()  # asked while the glossary loads: shown once it is
        await pilot.pause()
        assert isinstance(app.screen, DefinitionScreen) and app.screen.term.term == "SEV1"
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("d", *"sevv1", "enter")
        await pilot.app.settled()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        toasts = " ".join(str(t.render()) for t in app.screen.query("Toast"))
        assert "No glossary entry for 'sevv1'" in toasts and "SEV1" in toasts


async def test_mark_terms_in_the_page_and_define_one() -> None:
    handbook = Handbook.open()
    app = HandbookApp(handbook, handbook.find("operations/incident-response#severity-levels"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.settled()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("m")
        view = reader.page_view
        assert reader.marking_terms and view.match_count > 5
        marked = view.current_match_text
        assert marked is not None and app.glossary.lookup(marked) is not None
        await pilot.press("n", "d")
        await pilot.pause()
        assert isinstance(app.screen, DefinitionScreen)
        assert app.screen.term is app.glossary.lookup(view.current_match_text or "")
        await pilot.press("escape", "m")
        assert not reader.marking_terms and view.match_count == 0


async def test_marked_terms_survive_a_resize() -> None:
    """A resize re-renders the page; the marks must be found again by the same matcher, not turned
    into a literal search for their label."""
    handbook = Handbook.open()
    app = HandbookApp(handbook, handbook.find("operations/incident-response"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.settled()
        await pilot.press("m")
        view = app.screen.query_one("PageView")
        before = view.match_count
        assert before > 5
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert view.match_count > 5
        assert app.glossary.lookup(view.current_match_text or "") is not None


async def test_a_to_z_puts_digits_first(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "# Home\n")
    write(
        tmp_path,
        "glossary.yaml",
        "- {term: 10X, definition: A way to pitch.}\n- {term: Alert, definition: A page.}\n"
        "- {term: 2FA, definition: Two factors.}\n- {term: Fix, definition: A change.}\n",
    )
    app = HandbookApp(Handbook.open(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.settled()
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        terms = screen.query_one("#glossary-terms", OptionList)
        shown = [str(terms.get_option_at_index(n).prompt) for n in range(terms.option_count)]
        assert shown == ["2FA", "10X", "Alert", "Fix"]


async def test_the_glossary_loads_off_the_ui_thread(tmp_path: Path) -> None:
    """The first ctrl+g says "Loading…" until the worker has built the glossary, then lists it."""
    write(tmp_path, "index.md", "# Home\n")
    write(tmp_path, "glossary.md", "# Glossary\n\n- **SLO**: A reliability target.\n")
    app = HandbookApp(Handbook.open(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        if not app.glossary_ready:
            assert "Loading the glossary" in str(screen.query_one("#glossary-definition").render())
        await pilot.app.settled()
        await pilot.pause()
        assert [t.term for t in screen.shown] == ["SLO"]
        assert "A reliability target." in str(screen.query_one("#glossary-definition").render())


async def test_a_missed_definition_points_to_the_section_that_talks_about_it() -> None:
    app = HandbookApp(Handbook.open())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.app.settled()  # the index and the glossary are built
        app.show_definition("laptop")
        await pilot.app.settled()
        await pilot.pause()
        toasts = " ".join(str(t.render()) for t in app.screen.query("Toast"))
        assert "No glossary entry for 'laptop'" in toasts and "laptop: see " in toasts
