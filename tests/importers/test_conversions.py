"""Single values as OS2autoproces writes them: enumerations in all their forms, numbers, durations, dates,
yes/no, rich text."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.importers import enum_values as ev
from generator.importers import values
from generator.importers.html_to_markdown import to_markdown

# (table, back-end key, back-end label, front-end label, model value), from the reference's enum table
ENUMS = [
    (ev.PHASES, "RAPID", None, "Deling (ingen fase)", "rapid"),
    (ev.PHASES, "IDEA", "Idé", "Idé", "idea"),
    (ev.PHASES, "PREANALYSIS", "Foranalyse", "Foranalyse", "preanalysis"),
    (ev.PHASES, "SPECIFICATION", "Specifikation", "Specifikation", "specification"),
    (ev.PHASES, "DEVELOPMENT", "Udvikling", "Udvikling", "development"),
    (ev.PHASES, "IMPLEMENTATION", "Implementering", "Implementering", "implementation"),
    (ev.PHASES, "OPERATION", "Drift", "I drift", "operation"),
    (ev.PHASES, "DECOMMISSIONED", "Taget ud af drift", "Taget ud af drift", "decommissioned"),
    (ev.STATUSES, "REJECTED", "Afvist", "Afvist", "rejected"),
    (ev.STATUSES, "FAILED", "Mislykket", "Mislykket", "failed"),
    (ev.STATUSES, "PENDING", "Afventer", "Afventer", "pending"),
    (ev.STATUSES, "INPROGRESS", "I gang", "I gang", "inprogress"),
    (ev.STATUSES, "NOT_RATED", "Ikke vurderet", "Ikke vurderet", "not_rated"),
    (ev.STATUSES, "NOT_RELEVANT", "Ikke relevant mere", "Ikke relevant mere", "not_relevant"),
    (ev.VISIBILITIES, "PERSONAL", "Personlig", "Privat", "personal"),
    (ev.VISIBILITIES, "MUNICIPALITY", "Myndighed", "Synlig i egen organisation", "municipality"),
    (ev.VISIBILITIES, "PUBLIC", "Offentlig", "Synlig for alle i OS2autoproces", "public"),
    (ev.RUN_PERIODS, "ONDEMAND", "Efter behov", "Løbende kørsel", "ondemand"),
    (ev.RUN_PERIODS, "ONCE", "Enkeltkørsel", "Engangskørsel", "once"),
    (ev.RUN_PERIODS, "DAILY", "Dagligt", "Dagligt", "daily"),
    (ev.RUN_PERIODS, "WEEKLY", "Ugentligt", "Ugentligt", "weekly"),
    (ev.RUN_PERIODS, "MONTHLY", "Månedligt", "Månedligt", "monthly"),
    (ev.RUN_PERIODS, "QUATERLY", "Kvartalsvis", "Hvert kvartal", "quarterly"),
    (ev.RUN_PERIODS, "YEARLY", "Årligt", "Årligt", "yearly"),
    (ev.LEVELS, "VERY_HIGH", "I høj grad", "I høj grad", "very_high"),
    (ev.LEVELS, "HIGH", "I nogen grad", "I nogen grad", "high"),
    (ev.LEVELS, "LOW", "I mindre grad", "I mindre grad", "low"),
    (ev.LEVELS, "VERY_LOW", "Slet ikke", "Slet ikke", "very_low"),
    (ev.LEVELS, "UNKNOWN", "Ved ikke", "Ved ikke", "unknown"),
    (ev.LEVELS, "NOT_SET", "Ikke forholdt sig", None, "not_set"),
    (ev.PROCESS_TYPES, "CHILD", None, "Proces", "child"),
    (ev.PROCESS_TYPES, "PARENT", None, "Egen paraply", "parent"),
    (ev.PROCESS_TYPES, "GLOBAL_PARENT", None, "Fælles paraply", "global_parent"),
] + [(ev.DOMAINS, key, label, label, key.lower()) for key, label in [
    ("ADMINISTRATION", "Administration"), ("EMPLOYMENT", "Beskæftigelse"), ("PROFESSION", "Erhverv"),
    ("FAMILY", "Familie"), ("EDUCATION", "Uddannelse"), ("DEMOCRACY", "Demokrati"), ("ENVIRONMENT", "Miljø"),
    ("TECHNIQUE", "Teknik"), ("SOCIAL", "Social"), ("HEALTH", "Sundhed"), ("SUSTAINABILITY", "Bæredygtighed"),
    ("HR", "HR"), ("IT", "IT"), ("CULTURE", "Kultur"), ("ECONOMY", "Økonomi")]]


@pytest.mark.parametrize("table, key, backend_label, frontend_label, expected", ENUMS)
def test_every_enum_value_is_read_from_its_key_and_both_labels(table, key, backend_label, frontend_label, expected):
    for form in (key, backend_label, frontend_label, f"  {(backend_label or key).upper()} "):
        if form is not None:
            assert ev.lookup(table, form).value == expected, form


def test_texts_that_are_no_enum_value_are_not_guessed():
    assert ev.lookup(ev.PHASES, "Drift og vedligehold") is None
    assert ev.lookup(ev.LEVELS, "") is None and ev.lookup(ev.VISIBILITIES, None) is None


@pytest.mark.parametrize("raw, unit, expected", [
    (4.5, "min", 4.5), ("4:30", "min", 4.5), ("4 min 30 sek", "min", 4.5), ("2 min. 20 sek.", "min", 2.33),
    (2.3333333333, "min", 2.33), ("2 t 15 min", "t", 2.25), ("1:45", "t", 1.75), ("160.50", "t", 160.5),
    ("12,5", "t", 12.5), ("1.234,5", "t", 1234.5), (None, "min", None), ("", "t", None),
])
def test_durations_become_decimals(raw, unit, expected):
    assert values.duration(raw, unit) == (expected, None)


@pytest.mark.parametrize("raw, problem", [
    ("fire minutter", "'fire minutter' er ikke et tal"), (-3, "'-3' må ikke være negativ"),
    (float("nan"), "'nan' er ikke et endeligt tal"), (True, "'True' er ikke et tal"),
])
def test_a_duration_that_is_no_number_is_a_danish_problem(raw, problem):
    assert values.duration(raw, "min") == (None, problem)


def test_counts_accept_doubles_but_not_fractions_or_out_of_range_values():
    assert values.whole_number(9000.0) == (9000, None)
    assert values.whole_number(12.5) == (None, "'12.5' er ikke et helt tal")
    assert values.whole_number(120, low=0, high=100) == (None, "'120' skal være mellem 0 og 100")


@pytest.mark.parametrize("raw, expected", [
    ("2023-08-31T22:00:00.000+0000", dt.date(2023, 9, 1)),       # midnight in Copenhagen, summer time
    ("2023-12-31T23:00:00.000+0000", dt.date(2024, 1, 1)),       # winter time
    ("2023-03-26T00:30:00Z", dt.date(2023, 3, 26)),
    ("2024-05-14", dt.date(2024, 5, 14)),
    (1693519200000, dt.date(2023, 9, 1)),                        # epoch milliseconds
    (dt.datetime(2025, 2, 1), dt.date(2025, 2, 1)),              # an Excel date cell
    ("01/09/2023", dt.date(2023, 9, 1)), ("1.9.2023", dt.date(2023, 9, 1)), ("01-09-2023", dt.date(2023, 9, 1)),
    ("1. september 2023", dt.date(2023, 9, 1)), ("15 marts 2022", dt.date(2022, 3, 15)),
    ("", None), (None, None),
])
def test_dates_in_every_form_become_the_danish_calendar_date(raw, expected):
    assert values.calendar_date(raw) == (expected, None)


def test_an_impossible_date_is_a_danish_problem():
    assert values.calendar_date("31/02/2023") == (None, "'31/02/2023' er ikke en gyldig dato")
    assert values.calendar_date("snart") == (None, "'snart' er ikke en dato (skriv fx 01/09/2023)")


@pytest.mark.parametrize("raw, expected", [("Ja", (True, None)), ("nej", (False, None)), ("", (None, None)),
                                           (None, (None, None)), (True, (True, None)),
                                           ("måske", (None, "'måske' er hverken Ja eller Nej"))])
def test_yes_and_no(raw, expected):
    assert values.yes_no(raw) == expected


def test_rich_text_lists_links_emphasis_breaks_and_entities():
    html = ('<h2>Baggrund</h2><p>Borgeren &amp; <b>sagsbehandleren</b> bruger <a href="https://www.borger.dk">'
            'borger.dk</a>.<br>Ny linje.</p><ul><li>et</li><li>to<ul><li>to a</li></ul></li></ul>'
            '<ol><li>først</li><li>så</li></ol><p>5&nbsp;% &lt;3 a_b</p>')
    assert to_markdown(html) == ("## Baggrund\n\nBorgeren & **sagsbehandleren** bruger [borger.dk](https://www.borger.dk)."
                                 "  \nNy linje.\n\n- et\n- to\n    - to a\n\n1. først\n2. så\n\n5 % <3 a\\_b")


def test_rich_text_drops_scripts_and_unsafe_links_and_plain_text_stays_plain():
    assert to_markdown('<p>Se <a href="javascript:alert(1)">her</a></p><script>alert(2)</script>') == "Se her"
    assert to_markdown("Linje et\r\nLinje to, 5 * 3 = 15") == "Linje et\nLinje to, 5 * 3 = 15"
    assert to_markdown("<p> </p>") is None and to_markdown(None) is None


def test_paragraphs_inside_list_items_and_empty_editor_lines():
    assert to_markdown("<ul><li><p>a</p></li><li><p>b</p></li></ul>") == "- a\n- b"
    assert to_markdown("<p>x<strong> </strong>y</p><div><br></div><p><b>Fed:</b> tekst</p>") == "x y\n\n**Fed:** tekst"
