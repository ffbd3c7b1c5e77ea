"""The AP5xx rules: id, severity, Danish title, message, hint and example (part of ``checks.rules.RULES``)."""

from __future__ import annotations

from generator.checks.rule import ERROR, WARNING, Rule

CONFIDENTIALITY_RULES: tuple[Rule, ...] = (
    Rule("AP501", ERROR, "CPR-nummer i teksten",
         "{where} ser ud til at indeholde et CPR-nummer ({masked}).",
         "Borgeres og medarbejderes personoplysninger hører aldrig hjemme i kataloget. Slet nummeret, eller "
         "skriv et tænkt eksempel som 'ddmmåå-xxxx'. Er nummeret allerede gemt i Git, så bed en administrator "
         "om at fjerne det fra historikken.",
         "long_description: Robotten fandt fejl i sagen for 010190-1234."),
    Rule("AP502", WARNING, "Personlig e-mailadresse",
         "{where} indeholder '{email}', som ligner en persons egen e-mailadresse, og processen er synlig for alle.",
         "Brug en funktionspostkasse, som ikke afhænger af én medarbejder: tilføj fx "
         "'other_contact_email: {example}' (Anden kontaktinformation). Så vises postkassen for andre "
         "organisationer, og kontaktpersonens egen e-mail og telefon vises kun i egen organisation.",
         "visibility: public\ncontact:\n  name: Anne Jensen\n  email: anne.jensen@kommune.dk\n"
         "# other_contact_email mangler"),
    Rule("AP503", WARNING, "HTML fjernes fra teksten",
         "{where} indeholder HTML, som fjernes, når siden bygges: {removed}.",
         "Skriv teksten i Markdown: **fed**, *kursiv*, lister med '- ' og links som [tekst](https://...). "
         "Scripts, billeder, iframes, formularer, style- og on...-attributter og links, der ikke begynder med "
         "https:// eller mailto:, fjernes altid.",
         "long_description: Se <a href=\"javascript:alert(1)\">her</a> <script>...</script>"),
    Rule("AP504", WARNING, "HTML i et tekstfelt",
         "{where} indeholder HTML ({tag}), som vises som almindelig tekst med vinkelparenteser.",
         "Feltet er almindelig tekst uden formatering. Slet HTML-koden.",
         "title: <b>Ansøgning</b> om boligstøtte"),
    Rule("AP505", ERROR, "Usikkert link",
         "Linket '{url}' i {where} er ikke en almindelig webadresse: {problem}.",
         "Brug en fuld adresse, der begynder med https:// (eller mailto: for e-mail), uden '\\', '..', "
         "brugernavn eller adgangskode. Links til lokale filer og netværksdrev virker ikke for andre; læg "
         "filen som bilag i stedet.",
         "links:\n  - url: https://intranet\\\\fællesdrev\\dokument.docx"),
    Rule("AP506", ERROR, "Bilaget findes ikke",
         "Bilaget '{file}' findes ikke i mappen {folder}.",
         "Læg filen i {folder}, eller ret filnavnet i attachments (store og små bogstaver tæller).",
         "attachments:\n  - file: procesdiagram.pdf  # men filen mangler i bilag/"),
    Rule("AP507", ERROR, "Bilaget peger uden for mappen",
         "Bilaget '{file}' er {problem} og kan ikke udgives.",
         "Et bilag skal være en almindelig fil i {folder}. Kopiér selve filen derind i stedet for et "
         "symbolsk link eller en genvej.",
         "attachments:\n  - file: notat.pdf  # et symbolsk link til /home/bruger/notat.pdf"),
    Rule("AP508", WARNING, "Ikke-offentlig proces i det fælles katalog",
         "Processen har synligheden '{visibility}' ({label}), men ligger i det fælles katalog, som kan være "
         "offentligt på GitHub.",
         "{advice}",
         "# i processes/aarhus/\nvisibility: municipality"),
    Rule("AP509", ERROR, "Overlay-fil for en anden organisation",
         "Filen ligger i en privat overlay-mappe og hører til '{municipality}', men sitet bygges for {audience}.",
         "En overlay-mappe må kun indeholde den organisations egne processer, som sitet bygges for. Flyt filen "
         "til {municipality}s egen overlay-mappe, eller til processes/{municipality}/, hvis den er offentlig.",
         "# autoproces build --audience aarhus --overlay privat/\n# privat/odense/proces.yaml"),
    Rule("AP510", ERROR, "Procesfilen er et symbolsk link",
         "Procesfilen er et symbolsk link (til '{target}') og bliver hverken læst eller udgivet.",
         "Kopiér selve filen ind i mappen {folder} i stedet for et link. Kataloget læser intet gennem "
         "symbolske links, så ingen fil uden for kataloget kan blive udgivet ved en fejl.",
         "processes/aarhus/proces.yaml -> /home/bruger/privat.yaml"),
    Rule("AP511", ERROR, "Symbolsk link i kataloget",
         "{item} er et symbolsk link (til '{target}'). Kataloget læser og udgiver intet gennem symbolske links.",
         "Erstat linket med en almindelig mappe eller fil med det indhold, der skal udgives, og fjern linket "
         "med 'git rm {link}'. Et link kan ellers udgive filer fra den maskine, der bygger websitet "
         "(fx /etc eller .git).",
         "processes/aarhus/bilag -> /etc"),
    Rule("AP512", ERROR, "Filtypen kan ikke bruges til bilag",
         "Bilaget '{file}' har filtypen '{extension}', som ikke kan udgives som bilag.",
         "Tilladte filtyper: {allowed}. Filer, som en browser kan køre eller vise som en side (fx .html, "
         ".htm, .svg, .xml, .xhtml, .js og .md), udgives aldrig. Gem dokumentet som PDF, eller gem billedet "
         "som PNG eller JPEG.",
         "attachments:\n  - file: vejledning.html"),
    Rule("AP513", ERROR, "Bilagets indhold passer ikke til filtypen",
         "Bilaget '{file}' hedder .{extension}, men indholdet er {problem}.",
         "Åbn filen i det program, der har lavet den, og gem den igen som {kind}. Et bilag må ikke være en "
         "anden slags fil med et nyt navn (fx en HTML-side, der er omdøbt til .pdf).",
         "attachments:\n  - file: notat.pdf  # men filen er en HTML-side med et nyt navn"),
    Rule("AP514", ERROR, "Bilaget er for stort",
         "Bilaget '{file}' fylder {size}, men et bilag må højst fylde {limit}.",
         "Gør filen mindre (fx 'Gem som PDF' med lavere billedkvalitet), eller del den i flere bilag. "
         "Grænsen er den samme som i OS2autoproces.",
         "attachments:\n  - file: optagelse.pdf  # en fil på 25 MB"),
)
