"""The rule catalogue: every rule id with its severity, Danish message, hint and example.

Checks, the generated rule page and the tests all read this table, so a rule is written once.
Message and hint are ``str.format`` templates; ``{label}`` and ``{key}`` name the field.
Ids are stable: never reuse a retired id.

    AP0xx  reading the file (size, encoding, YAML syntax, safety)
    AP1xx  the schema (keys, types, lengths, ranges, enums, code formats)
    AP2xx  phase and status rules within one process
    AP3xx  relations between processes (umbrellas, copies)
    AP4xx  the reference lists (KLE, FORM, KLA, IT-systems, technologies, municipalities)
    AP5xx  confidentiality and personal data
"""

from __future__ import annotations

from generator.checks.confidentiality.rules import CONFIDENTIALITY_RULES
from generator.checks.rule import ERROR, WARNING, Rule

__all__ = ["ERROR", "RULES", "Rule", "WARNING", "all_rules"]


_RULES = [
    # --- AP0xx: reading the file ------------------------------------------------------------
    Rule("AP000", ERROR, "Filen kan ikke læses", "Filen kan ikke læses: {problem}.",
         "Tjek, at filen findes, og at du har adgang til at læse den.",
         "# en fil, som du ikke har adgang til at læse"),
    Rule("AP001", ERROR, "Filen er for stor", "Filen fylder {size}, men en procesfil må højst fylde {limit}.",
         "En procesbeskrivelse fylder normalt få kilobyte. Flyt lange tekster og billeder over i bilag.",
         "long_description: |\n  (en tekst på mere end 1 MB)"),
    Rule("AP002", ERROR, "Filen er ikke UTF-8", "Filen er ikke gemt som UTF-8: {problem}.",
         "Gem filen igen med tegnsættet UTF-8 (i de fleste editorer under 'Gem som' eller 'Kodning'). "
         "Tjek bagefter, at æ, ø og å ser rigtige ud.",
         "title: Ans\\xf8gning (gemt som Latin-1)"),
    Rule("AP003", ERROR, "Filen indeholder et kontroltegn",
         "Filen indeholder kontroltegnet {char}, som ikke hører hjemme i en tekstfil.",
         "Filen er måske en binær fil eller beskadiget, eller teksten er kopieret fra et andet program. Slet "
         "tegnet (i en tekst i anførselstegn fx '\\0' eller '\\x07'), eller opret filen igen som almindelig tekst.",
         "title: \"Ans\\0gning\""),
    Rule("AP004", ERROR, "Filen er tom", "Filen er tom.",
         "Udfyld mindst felterne title, short_description, municipality, phase, status, visibility og contact. "
         "Kopiér gerne en eksisterende proces som skabelon.", "# (filen indeholder kun kommentarer)"),
    Rule("AP005", ERROR, "Ugyldig YAML", "YAML-syntaksfejl: {problem}.",
         "Tjek indrykningen (brug mellemrum), at der står kolon og mellemrum efter feltnavnet, og sæt "
         "anførselstegn om tekst, der indeholder kolon eller starter med et specialtegn.",
         "title: Ansøgning: boligstøtte"),
    Rule("AP006", ERROR, "Tabulator i indrykning", "Linjen indeholder en tabulator, hvor YAML kun tillader mellemrum.",
         "Erstat tabulatoren med mellemrum (fx to mellemrum pr. niveau). Mange editorer kan vise tabulatorer og "
         "erstatte dem automatisk.", "contact:\n\tname: Anne Jensen"),
    Rule("AP007", ERROR, "Feltet står to gange", "Feltet '{key}' står to gange; første gang i linje {first_line}.",
         "Slet den ene forekomst, så feltet kun står én gang.", "title: Ansøgning\ntitle: Ansøgning om boligstøtte"),
    Rule("AP008", ERROR, "YAML-tag afvist", "YAML-tagget '{tag}' er ikke tilladt.",
         "Fjern tagget (ordet, der begynder med '!'). Procesfiler må kun indeholde almindelig tekst, tal, lister "
         "og felter. Skal teksten begynde med '!', så sæt anførselstegn om den.",
         "title: !!python/object:os.system 'ls'"),
    Rule("AP009", ERROR, "Anker eller alias afvist", "YAML-ankre og -aliaser (& og *) er ikke tilladt.",
         "Skriv værdien ud, hvor den bruges, i stedet for at henvise til den med & og *. Skal en tekst begynde "
         "med & eller *, så sæt anførselstegn om den.",
         "contact: &kontakt\n  name: Anne Jensen\nowner: *kontakt"),
    Rule("AP010", ERROR, "For dyb indlejring", "Felterne er indlejret i mere end {limit} niveauer.",
         "En procesbeskrivelse har højst tre niveauer (fx links › url). Tjek indrykningen og parenteserne.",
         "links: [[[[[[[[[[[[[[[[[[[[[https://www.kommune.dk]]]]]]]]]]]]]]]]]]]]]"),
    Rule("AP011", ERROR, "Filen er ikke en samling felter",
         "Filen indeholder {kind}, men en procesbeskrivelse skal være en samling felter (fx 'title: ...').",
         "Start hver linje på øverste niveau med et feltnavn, et kolon og værdien, fx 'title: Ansøgning om boligstøtte'.",
         "- title: Ansøgning om boligstøtte"),
    Rule("AP012", ERROR, "Filen ligger forkert",
         "Filen ligger forkert: {problem}.",
         "Læg filen i processes/<organisation>/<kortnavn>.yaml, fx processes/aarhus/ansoegning-om-boligstoette.yaml.",
         "processes/ansoegning.yaml"),
    Rule("AP013", ERROR, "Ugyldigt filnavn", "Filnavnet '{name}' kan ikke bruges som processens kortnavn.",
         "Brug kun små bogstaver a-z, tal og bindestreger og endelsen .yaml, fx '{suggestion}'.",
         "processes/aarhus/Ansøgning om Boligstøtte.yaml"),
    Rule("AP014", ERROR, "Organisationen passer ikke til mappen",
         "Feltet Organisation (municipality) er '{declared}', men filen ligger i mappen '{folder}'.",
         "Skriv 'municipality: {folder}', eller flyt filen til mappen processes/{declared}/.",
         "# i processes/aarhus/\nmunicipality: odense"),
    Rule("AP015", ERROR, "Samme proces to gange",
         "Processen har samme id '{id}' som {other}.",
         "Hver proces skal have sit eget filnavn i organisationens mappe. Omdøb den ene fil, eller slet den, hvis "
         "den er en dublet.",
         "# processes/aarhus/boligstoette.yaml og processes/aarhus/boligstoette.yml"),
    # --- AP1xx: the schema ------------------------------------------------------------------
    Rule("AP101", ERROR, "Ukendt felt", "Feltet '{key}' findes ikke {where}.",
         "{suggestion}", "titel: Ansøgning om boligstøtte"),
    Rule("AP102", ERROR, "Påkrævet felt mangler", "Feltet {label} ({key}) mangler og skal udfyldes.",
         "Tilføj linjen '{leaf}: ...'{placement}. {help}", "# title mangler"),
    Rule("AP103", ERROR, "Forkert type", "Feltet {label} ({key}) skal være {expected}, men er {actual}.",
         "{advice}", "time_spend_occurrences: \"1200\""),
    Rule("AP104", ERROR, "Ugyldig værdi", "'{value}' er ikke en gyldig værdi for {label} ({key}).",
         "{suggestion}Tilladte værdier: {allowed}.", "phase: drift"),
    Rule("AP105", ERROR, "Teksten er for lang", "Feltet {label} ({key}) er {length} tegn langt; højst {limit} tegn er tilladt.",
         "Forkort teksten med mindst {excess} tegn.",
         "title: Automatisk journalisering af lægeerklæringer i sygedagpengesager i Jobcenter Aarhus"),
    Rule("AP106", ERROR, "Tal uden for det tilladte", "Feltet {label} ({key}) er {value}, men skal være {bounds}.",
         "Ret værdien, så den ligger inden for grænserne.", "time_spend_percentage_digital: 120"),
    Rule("AP107", ERROR, "Ugyldig dato", "'{value}' er ikke en gyldig dato i feltet {label} ({key}): {reason}.",
         "{advice}", "put_into_operation: 15-03-2024"),
    Rule("AP108", ERROR, "Komma som decimaltegn", "Feltet {label} ({key}) indeholder '{value}' med komma som decimaltegn; i YAML er punktum decimaltegn.",
         "Brug punktum som decimaltegn og ingen anførselstegn: {key}: {fixed}", "time_spend_per_occurrence: 7,5"),
    Rule("AP109", ERROR, "Ugyldigt kodeformat", "'{value}' har ikke det rigtige format for {label} ({key}).",
         "{format_hint}", "kle: 32.18.0"),
    Rule("AP110", ERROR, "Ugyldig adresse", "'{value}' er ikke en gyldig webadresse i feltet {label} ({key}).",
         "Skriv hele adressen, der begynder med https://, fx https://www.kommune.dk/side.", "links:\n  - url: www.kommune.dk"),
    Rule("AP111", ERROR, "Ugyldig e-mailadresse", "'{value}' er ikke en gyldig e-mailadresse i feltet {label} ({key}).",
         "Skriv en adresse på formen navn@domæne.dk.", "other_contact_email: digitalisering.kommune.dk"),
    Rule("AP112", WARNING, "Gentaget værdi", "'{value}' står flere gange i listen {label} ({key}).",
         "Slet gentagelsen.", "it_systems: [kmd-nexus, kmd-nexus]"),
    Rule("AP113", ERROR, "Tomt felt", "Feltet {label} ({key}) er tomt.",
         "Udfyld feltet, eller slet linjen, hvis feltet ikke er påkrævet.", "short_description: \"\""),
    Rule("AP114", ERROR, "Ugyldigt kortnavn eller id", "'{value}' er ikke et gyldigt {what} i feltet {label} ({key}).",
         "{format_hint}", "it_systems: [KMD Nexus]"),
    Rule("AP115", ERROR, "Ikke et endeligt tal",
         "Feltet {label} ({key}) er '{value}', som ikke er et tal, der kan regnes med; det skal være et tal {bounds}.",
         "I YAML betyder .inf uendelig og .nan 'ikke et tal'. Skriv det rigtige tal {bounds}, eller slet linjen, "
         "hvis tallet ikke kendes.", "time_spend_occurrences: .inf"),
    Rule("AP116", ERROR, "Skjult retningstegn",
         "Teksten indeholder retningstegnet {char}, som vender visningen af teksten om.",
         "Retningstegn (U+202A-U+202E og U+2066-U+2069) kan få en tekst til at se anderledes ud, end den er. "
         "Slet tegnet; det er ofte kommet med ved kopiering fra et andet program.",
         "title: \"Ansøgning \\u202e om boligstøtte\""),
    Rule("AP117", ERROR, "Teksten er usynlig",
         "Feltet {label} ({key}) indeholder kun usynlige tegn (mellemrum, nulbredde-tegn eller lignende).",
         "Skriv en tekst, man kan læse, eller slet linjen, hvis feltet ikke er påkrævet.",
         "title: \"\\u200b\\u200b\""),
    Rule("AP118", ERROR, "For mange punkter i listen",
         "Listen {label} ({key}) har {count} punkter; højst {limit} er tilladt.",
         "Behold de vigtigste punkter, og slet resten.",
         "search_words: [" + ", ".join(f"ord{i}" for i in range(1, 52)) + "]"),
    Rule("AP119", ERROR, "For meget tekst i processen",
         "Procesbeskrivelsen indeholder {length} tegn tekst i alt; højst {limit} tegn er tilladt.",
         "Forkort de lange beskrivelser, og læg detaljer i et bilag (fx et procesdiagram eller en rapport).",
         "long_description: |\n  (flere lange tekster på hver 10.000 tegn)"),
    # --- AP2xx: phase and status ------------------------------------------------------------
    Rule("AP201", ERROR, "Teknologi mangler",
         "I fasen {phase} skal feltet Anvendt teknologi (technologies) nævne mindst én teknologi.",
         "Tilføj fx 'technologies: [uipath]' med kortnavne fra teknologilisten.", "phase: development\n# technologies mangler"),
    Rule("AP202", ERROR, "Skedulering mangler", "I fasen {phase} skal feltet Skedulering (run_period) være valgt.",
         "Tilføj fx 'run_period: daily'. Tilladte værdier: {allowed}.", "phase: operation\nrun_period: not_chosen_yet"),
    Rule("AP203", WARNING, "Begrundelse for status mangler",
         "Status er '{status}', men der er ingen begrundelse (status_text).",
         "Skriv kort i status_text, hvorfor processen har denne status; det hjælper andre kommuner.",
         "status: rejected\n# status_text mangler"),
    Rule("AP204", WARNING, "Feltet hører til en senere fase",
         "Feltet {label} ({key}) udfyldes først fra fasen {from_phase}, men processen er i fasen {phase}.",
         "Ret fasen, hvis processen er nået længere, ellers slet feltet.", "phase: idea\nrating: 3"),
    Rule("AP205", ERROR, "Datoerne passer ikke sammen",
         "Løsningen er taget ud af drift ({decommissioned}), før den blev sat i drift ({put_into_operation}).",
         "Ret en af de to datoer.", "put_into_operation: 2024-05-01\ndecommissioned: 2023-01-01"),
    Rule("AP206", WARNING, "Driftsdato mangler", "Processen er i fasen {phase}, men {label} ({key}) er ikke udfyldt.",
         "Tilføj '{key}: ÅÅÅÅ-MM-DD'.", "phase: operation\n# put_into_operation mangler"),
    Rule("AP207", WARNING, "Tidsforbruget er ikke fuldt udfyldt",
         "Tidsforbruget kan ikke beregnes, fordi {missing} mangler.",
         "Udfyld både time_spend_occurrences, time_spend_per_occurrence og time_spend_percentage_digital, så "
         "det forventede årlige effektiviseringspotentiale kan beregnes.", "time_spend_occurrences: 1200\n# resten mangler"),
    # --- AP3xx: relations between processes ---------------------------------------------------
    Rule("AP301", ERROR, "Ukendt paraplyproces", "Paraplyprocessen '{ref}' findes ikke i kataloget.",
         "{suggestion}", "umbrellas: [aarhus/findes-ikke]"),
    Rule("AP302", ERROR, "Ikke en paraplyproces", "'{ref}' er en almindelig proces, ikke en paraplyproces.",
         "Henvis kun til processer med type 'parent' (Egen paraply) eller 'global_parent' (Fælles paraply).",
         "umbrellas: [aarhus/almindelig-proces]"),
    Rule("AP303", ERROR, "Paraply under paraply", "En paraplyproces kan ikke selv høre under en paraplyproces.",
         "Slet feltet umbrellas, eller ret type til 'child'.", "type: parent\numbrellas: [aarhus/anden-paraply]"),
    Rule("AP304", ERROR, "Egen paraply fra anden organisation",
         "'{ref}' er en egen paraply for {owner}; kun organisationens egne processer kan høre under den.",
         "Brug en fælles paraply (type 'global_parent'), eller fjern henvisningen.", "umbrellas: [odense/egen-paraply]"),
    Rule("AP305", ERROR, "Synligheden passer ikke til paraplyen",
         "Processen hører under '{ref}' ({umbrella_type}) og skal derfor have synligheden {required}.",
         "Skriv 'visibility: {required_key}'.", "umbrellas: [odense/faelles-paraply]\nvisibility: municipality"),
    Rule("AP306", WARNING, "Paraplyprocessen har procesoplysninger",
         "Feltet {label} ({key}) bruges ikke på en paraplyproces.",
         "En paraplyproces samler andre processer; beskriv tid, vurdering og drift på de enkelte processer.",
         "type: global_parent\nrating: 2"),
    Rule("AP307", WARNING, "Ukendt kildeproces", "Processen '{ref}', som denne proces er kopieret fra, findes ikke i kataloget.",
         "{suggestion}", "derived_from: odense/findes-ikke"),
    Rule("AP308", ERROR, "Paraplyprocessen er skjult",
         "En {umbrella_type} skal have synligheden {required}, ellers kan processerne under den ikke vise den.",
         "Skriv 'visibility: {required_key}'.", "type: global_parent\nvisibility: municipality"),
    Rule("AP309", ERROR, "Validering fra egen organisation",
         "{org_name} ({municipality}) kan ikke validere sin egen proces.",
         "En validering er en gennemgang fra en anden organisation. Slet punktet, eller skriv den organisation, der "
         "har gennemgået processen.", "municipality: aarhus\nvalidations:\n  - municipality: aarhus\n    date: 2025-03-01"),
    Rule("AP310", ERROR, "Samme organisation har valideret flere gange",
         "{org_name} ({municipality}) står flere gange i Valideringer (validations); første gang i linje {first_line}.",
         "Behold én validering pr. organisation: ret datoen i den første, hvis processen er gennemgået igen, og slet "
         "resten.", "validations:\n  - {municipality: odense, date: 2025-01-10}\n  - {municipality: odense, date: 2025-06-01}"),
    Rule("AP311", ERROR, "Validering dateret i fremtiden",
         "Valideringen fra {org_name} er dateret {date}, som ligger i fremtiden.",
         "Skriv datoen for gennemgangen (ÅÅÅÅ-MM-DD), senest dags dato ({today}).",
         "validations:\n  - {municipality: odense, date: 2999-01-01}"),
    Rule("AP312", ERROR, "Validering fra før processen fandtes",
         "Valideringen fra {org_name} er dateret {date}, før processen kom ind i kataloget ({since}).",
         "Ret datoen til den dag, processen blev gennemgået. Er processen ældre end kataloget, så skriv den "
         "rigtige dato i feltet Oprettet (created).",
         "created: 2025-01-01\nvalidations:\n  - {municipality: odense, date: 2024-06-01}"),
    Rule("AP313", ERROR, "Ukendt organisation i validering",
         "Organisationen '{value}' i Valideringer (validations) findes ikke i listen over organisationer.",
         "{suggestion}", "validations:\n  - {municipality: odence, date: 2025-03-01}"),
    Rule("AP314", WARNING, "Valideringen er forældet",
         "Valideringen fra {org_name} ({date}) er forældet: {fields} er ændret siden.",
         "Bed {org_name} om at gennemgå processen igen og skrive en ny dato i valideringen, eller slet valideringen.",
         "# fasen er ændret efter valideringens dato\nvalidations:\n  - {municipality: odense, date: 2024-01-10}"),
    Rule("AP315", ERROR, "Ukendt organisation i Bruges også af",
         "Organisationen '{value}' i Bruges også af (adopted_by) findes ikke i listen over organisationer.",
         "{suggestion}", "adopted_by: [odence]"),
    Rule("AP316", WARNING, "Egen organisation i Bruges også af",
         "{org_name} er processens egen organisation og skal ikke stå i Bruges også af (adopted_by).",
         "Skriv kun andre organisationer, der bruger processen uændret, og slet denne.",
         "municipality: aarhus\nadopted_by: [aarhus]"),
    # --- AP4xx: reference lists --------------------------------------------------------------
    Rule("AP401", ERROR, "Ukendt KLE-nummer", "KLE-nummeret '{value}' findes ikke i KL Emnesystematik.",
         "{suggestion}", "kle: 27.99.99"),
    Rule("AP402", WARNING, "Udgået KLE-nummer", "KLE-nummeret '{value}' ({title}) er {state}.",
         "{replacement}", "kle: 00.10.00"),
    Rule("AP403", ERROR, "Ukendt FORM-kode", "FORM-koden '{value}' findes ikke i FORM.",
         "{suggestion}", "form: 26.99.99"),
    Rule("AP404", WARNING, "FORM passer ikke til KLE",
         "FORM-koden '{value}' hører ikke til KLE-emnet {kle} ifølge krydsreferencen mellem KLE og FORM.",
         "{suggestion}", "kle: 32.18.00\nform: 26.15.10"),
    Rule("AP405", ERROR, "Ukendt IT-system", "IT-systemet '{value}' findes ikke i systemlisten.",
         "{suggestion} Mangler systemet, så tilføj det i samme pull request som én post under 'systems:' i "
         "taxonomies/sources/curated/it_systems.yaml, fx {entry} (vendor er leverandøren, source en adresse, "
         "der nævner den; null betyder ukendt). Hele listen står på websitets side "
         "Referencelister > IT-systemer (lister/it-systemer/).", "it_systems: [kmd-nexsus]"),
    Rule("AP406", WARNING, "Udfaset IT-system", "IT-systemet '{value}' ({title}) er markeret som udfaset i KITOS.",
         "Tjek, om processen stadig bruger systemet, og ret listen.", "it_systems: [gammelt-system]"),
    Rule("AP407", ERROR, "Ukendt teknologi", "Teknologien '{value}' findes ikke i teknologilisten.",
         "{suggestion} Mangler teknologien, så tilføj den i samme pull request som én post under "
         "'technologies:' i taxonomies/sources/curated/technologies.yaml, fx {entry} (category er en af "
         "kategorierne øverst i filen). Hele listen står på websitets side Referencelister > Teknologier "
         "(lister/teknologier/).", "technologies: [ui-path]"),
    Rule("AP408", ERROR, "Ukendt organisation", "Organisationen '{value}' findes ikke i listen over organisationer.",
         "{suggestion}", "municipality: aarhuus"),
    Rule("AP409", WARNING, "KLE-nummeret er ikke et emne",
         "KLE-nummeret '{value}' ({title}) er en {level}; processen bør knyttes til et emne (NN.NN.NN).",
         "Vælg det emne under {value}, der passer bedst, fx {example}.", "kle: 32.18"),
    Rule("AP410", WARNING, "FORM uden KLE", "Feltet FORM (form) er udfyldt, men KLE (kle) er tomt.",
         "Vælg først et KLE-emne; FORM-koden skal passe til emnet.", "form: 26.15.10\n# kle mangler"),
    Rule("AP411", ERROR, "Ukendt KLA-nummer", "KLA-nummeret '{value}' findes ikke i KL's Arbejdsgangsbank.",
         "{suggestion}", "kla: 99.99.99"),
    Rule("AP412", WARNING, "Udgået FORM-kode", "FORM-koden '{value}' er {state}.", "{replacement}", "form: 26.15.99"),
    # AP413-AP417: the curated lists (taxonomies/sources/curated/*.yaml), read directly by check and build.
    Rule("AP413", ERROR, "Ufuldstændig post i en kurateret liste",
         "Posten '{slug}' i listen over {list_da} mangler feltet '{field}'.",
         "Hver post skal have name (navnet) og for IT-systemer vendor (leverandøren, eller null, hvis ingen "
         "kilde nævner den), for teknologier category. Eksempel: {example}",
         "systems:\n  sd-loen:\n    name: SD Løn"),
    Rule("AP414", ERROR, "Ugyldigt kortnavn i en kurateret liste",
         "'{slug}' er ikke et gyldigt kortnavn i listen over {list_da}.",
         "Brug kun små bogstaver a-z, tal og bindestreger (æ=ae, ø=oe, å=aa), fx '{suggestion}'.",
         "systems:\n  SD Løn:\n    name: SD Løn\n    vendor: null"),
    Rule("AP415", ERROR, "Dublet i en kurateret liste",
         "'{slug}' ({entry_name}) i listen over {list_da} ligner '{other_slug}' ({other_name}), som allerede "
         "står i listen.",
         "Brug det eksisterende kortnavn '{other_slug}' i procesfilen, og slet den nye post. Er det to forskellige "
         "produkter, så giv dem navne, der tydeligt skiller dem ad.",
         "systems:\n  kmd-nexus:\n    name: KMD Nexus\n    vendor: KMD A/S\n  kmdnexus:\n    name: KMD-Nexus\n"
         "    vendor: KMD A/S"),
    Rule("AP416", ERROR, "Ugyldig værdi i en kurateret liste",
         "Feltet '{field}' for '{slug}' i listen over {list_da} {problem}.",
         "Ret værdien; felterne er beskrevet øverst i filen.",
         "systems:\n  sd-loen:\n    name: SD Løn\n    vendor: null\n    local: ja"),
    Rule("AP417", ERROR, "En kurateret liste kan ikke bruges",
         "Listen kan ikke bruges: {problem}.",
         "Tjek filens opbygning mod beskrivelsen øverst i filen (fx 'systems:' med en post pr. kortnavn).",
         "systems: []"),
]

RULES: dict[str, Rule] = {}
for _rule in (*_RULES, *CONFIDENTIALITY_RULES):
    assert _rule.id not in RULES, f"duplicate rule id {_rule.id}"
    RULES[_rule.id] = _rule


def all_rules() -> dict[str, Rule]:
    """Every rule of the one rule table (the AP5xx family is written in ``confidentiality/rules.py``)."""
    return RULES
