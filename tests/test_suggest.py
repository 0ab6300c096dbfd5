"""One 'did you mean' for pages, glossary terms and commands."""

from __future__ import annotations

from handbook.cli import close_commands
from handbook.glossary.model import Definition, Glossary, Term
from handbook.suggest import close_matches, did_you_mean, did_you_mean_sentence


def test_close_matches_show_the_values_best_first() -> None:
    choices = {"incident response": "Incident response", "onboarding": "Onboarding"}
    assert close_matches("incident respons", choices, limit=3, cutoff=0.6) == ["Incident response"]
    assert did_you_mean(["SLO", "SLA"]) == "; did you mean 'SLO', 'SLA'?"
    assert did_you_mean_sentence(["SLO"]) == "Did you mean 'SLO'?"  # the names keep their case
    assert did_you_mean_sentence([]) == "" and did_you_mean([]) == ""


def test_terms_and_commands_use_it() -> None:
    glossary = Glossary([Term("SLO", ["Service level objective"], [Definition("A target.", "g.yaml")])])
    assert glossary.suggest("SLA") == ["SLO"]
    assert glossary.suggest("serv") == ["SLO"]  # a name that starts with what was typed
    assert close_commands("serach") == ["search"] and close_commands("zzz") == []
