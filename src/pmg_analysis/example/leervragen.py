"""Realistic learning questions for the synthetic example, with the need each one was written for.

A municipal civil servant seldom writes the words of a codebook. Per need of the codebook
(:file:`pmg_analysis/text/data/leerbehoeften.yaml`) :data:`PHRASINGS` holds five to eight
different ways to ask for it (paraphrases, not the codebook's examples, at most a third with the
need's most obvious word, :data:`KEYWORD`), and four needs that are *not* in the codebook
(:data:`NEW_NEEDS`), so that the analysis has suggestions to show. A phrasing has one of three
forms, told apart by how it is written:

- a question: starts with a capital, ends with "?" ("Hoe krijgen we ...?");
- a clause: starts with "hoe", "wat", "welke" or "waar", no end mark ("hoe we ... krijgen"), for
  frames such as "Wij willen leren {c}.";
- a noun phrase: anything else, lower case, no end mark ("de toekomst van de winkelstraat"), for
  terse answers and frames such as "Graag kennis uitwisselen over {n}.".

:class:`Asker` writes the answers: per answer one or two needs, drawn with a long-tail popularity
(:data:`POPULARITY`) that depends a little on the municipality's position
(:data:`POSITION_FACTOR`), about one in ten asked under another theme (:data:`CROSS_THEME`),
framed in varied ways with the respondent's municipality or region, now and then with a sentence
that only frames the wish ("Graag samen met Platform31 een leerkring hierover.", :data:`CONTEXT`),
in lower case or with a typo. It keeps every sentence with the need it was written for (``None``
for a framing sentence), so tests can compare what the analysis finds with what was meant
(:func:`pmg_analysis.example.learning_question_truth`). No identical question sentence is written
by more than ``max_municipalities`` municipalities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from pmg_analysis.example import profiles as pr

# --------------------------------------------------------------------------- the needs
# Slots a phrasing or frame may use: {gemeente} (the municipality) and {regio} (its region).
PHRASINGS: dict[str, tuple[str, ...]] = {
    "ea_onderwijs_arbeidsmarkt": (
        "Hoe zorgen we dat wat jongeren op het ROC leren ook past bij de banen in de regio?",
        "Hoe krijgen we bedrijven en scholen zover dat ze samen opleidingen ontwikkelen?",
        "hoe je een techniekpact opzet dat meer is dan een handtekening",
        "leerwerkplekken en stages bij lokale bedrijven voor mbo-studenten",
        "de afstemming tussen onderwijsinstellingen en werkgevers",
        "Wat werkt om volwassen werknemers om te scholen naar een nieuw vak?",
        "hoe we als gemeente de brug slaan tussen beroepsopleidingen en het bedrijfsleven",
    ),
    "ea_tekorten_vakmensen": (
        "Hoe vullen we de openstaande vacatures in de zorg en de techniek?",
        "Wat kan een gemeente doen als bedrijven geen personeel meer kunnen vinden?",
        "de krapte op de regionale arbeidsmarkt en wat gemeenten daaraan kunnen doen",
        "hoe we de vervangingsvraag door de vergrijzing van het personeel opvangen",
        "tekorten aan vakmensen in techniek en bouw",
        "Hoe organiseren andere arbeidsmarktregio's werk-naar-werktrajecten?",
        "welke rol de gemeente heeft bij het werven van personeel voor moeilijk vervulbare "
        "functies",
    ),
    "ea_bijstand_werk": (
        "Hoe helpen we mensen die al jaren een uitkering hebben weer aan betaald werk?",
        "de uitvoering van de banenafspraak samen met werkgevers",
        "hoe je werkgevers overhaalt om iemand met een arbeidsbeperking in dienst te nemen",
        "Wat levert jobcoaching op voor mensen met een grote afstand tot de arbeidsmarkt?",
        "de uitstroom uit de bijstand naar werk",
        "hoe we beschut werk organiseren nu de sociale werkvoorziening wordt afgebouwd",
        "Hoe zetten we loonkostensubsidie slim in?",
    ),
    "ea_talent": (
        "Hoe zorgen we dat jongeren na hun studie terugkomen naar {gemeente}?",
        "Wat maakt een middelgrote stad aantrekkelijk voor hoogopgeleide dertigers?",
        "hoe we voorkomen dat afgestudeerden massaal naar de Randstad vertrekken",
        "het vasthouden van jong talent in de regio",
        "braindrain van jongeren en hoe je die keert",
        "Hoe trekken andere steden kenniswerkers aan zonder universiteit in de buurt?",
        "wat werkt om young professionals aan de stad te binden",
    ),
    "ea_regionale_economie": (
        "Hoe komen we met de buurgemeenten tot één economisch profiel voor {regio}?",
        "een gezamenlijke economische agenda voor de regio",
        "waarin we ons als regio onderscheiden bij het aantrekken van bedrijven",
        "Hoe organiseer je acquisitie regionaal in plaats van per gemeente?",
        "samenwerking in een economic board met bedrijven en kennisinstellingen",
        "hoe je het vestigingsklimaat van een middelgrote stad verbetert",
        "Welke sectoren moeten we als regio samen versterken?",
    ),
    "ea_bedrijventerreinen": (
        "Hoe pakken we verouderde werklocaties uit de jaren zeventig aan?",
        "herstructurering van oude bedrijventerreinen",
        "hoe je parkmanagement opzet samen met de gevestigde bedrijven",
        "Hoeveel ruimte geven we nog aan grote distributiecentra?",
        "regionale afstemming over nieuwe bedrijfskavels",
        "hoe we voorkomen dat elke gemeente in de regio haar eigen industrieterrein uitbreidt",
        "Wat doen andere gemeenten met verloederde industriegebieden?",
    ),
    "ea_innovatie_mkb": (
        "Hoe helpen we kleine bedrijven om te digitaliseren?",
        "het stimuleren van vernieuwing in het midden- en kleinbedrijf",
        "welke rol de gemeente kan spelen om ondernemers met hogescholen te verbinden",
        "Hoe ondersteunen andere steden startups en jonge bedrijven?",
        "smart industry en robotisering in de maakindustrie",
        "hoe je een innovatieve maakindustrie ondersteunt zonder zelf subsidieloket te worden",
    ),
    "ld_democratische_controle": (
        "Hoe houdt de gemeenteraad zicht op wat er in de regio besloten wordt?",
        "grip van raadsleden op gemeenschappelijke regelingen",
        "hoe we de raad eerder betrekken bij regionale besluiten",
        "Hoe voorkom je dat de raad alleen nog kan tekenen bij het kruisje als de regio besluit?",
        "de democratische legitimatie van het verlengd lokaal bestuur",
        "welke instrumenten een raad heeft om kaders te stellen aan een gemeenschappelijke "
        "regeling",
        "Hoe sturen andere raden op de veiligheidsregio en de GGD?",
    ),
    "ld_regionale_samenwerking": (
        "Hoe komen we met de buurgemeenten tot een gedeelde agenda voor de komende tien jaar?",
        "een werkbare vorm van samenwerken met de gemeenten in {regio}",
        "hoe je met gemeenten die verschillende snelheden hebben toch samen optrekt",
        "Welke afspraken over rolverdeling werken in een regio zonder duidelijke trekker?",
        "netwerkkracht in de regio en wat dat vraagt van de ambtelijke organisatie",
        "hoe we tot een strategische agenda komen waar alle regiogemeenten achter staan",
        "Hoe voorkom je dat het regionale overleg alleen nog over structuren gaat?",
    ),
    "ld_positie_stad": (
        "Welke rol nemen we als grootste gemeente in de regio en wat mag dat kosten?",
        "onze rol als centrumgemeente tegenover de kleinere buren",
        "hoe je de meerwaarde van de stad laat zien aan de omliggende dorpen",
        "Hoe zorgen we dat de buurgemeenten ons iets gunnen?",
        "de verhouding tussen de regiostad en de kleinere gemeenten eromheen",
        "hoe we ons eigen profiel bewaren naast een grote stad",
        "Hoe verdelen we de kosten van regionale voorzieningen eerlijk tussen stad en ommeland?",
    ),
    "ld_participatie": (
        "Hoe laten we inwoners al in een vroeg stadium meedenken over plannen?",
        "burgerberaden en burgerpanels",
        "hoe we jongeren en drukke gezinnen bereiken die nooit naar een inloopavond komen",
        "Wanneer werkt loting om inwoners bij beleid te betrekken?",
        "inspraak die meer is dan een informatieavond",
        "hoe participatie bij grote projecten geen formaliteit wordt",
        "Hoe maak je duidelijk wat er met de inbreng van inwoners gebeurt?",
    ),
    "ld_right_to_challenge": (
        "Hoe geven we ruimte aan inwoners die zelf het beheer van het buurthuis willen "
        "overnemen?",
        "het overdragen van taken en budget aan bewonersgroepen",
        "hoe de organisatie leert loslaten als inwoners het zelf willen doen",
        "Wat zijn de ervaringen met het uitdaagrecht in middelgrote gemeenten?",
        "right to challenge en maatschappelijk aanbesteden",
        "hoe je burgerinitiatieven ondersteunt zonder ze over te nemen",
    ),
    "ld_rijk_provincie": (
        "Hoe trekken middelgrote steden samen op richting Den Haag?",
        "een gezamenlijke lobby voor meer middelen van het Rijk",
        "hoe we als middelgrote gemeenten zichtbaar worden bij de ministeries",
        "Hoe verhouden we ons tot een provincie die steeds vaker de regie neemt?",
        "belangenbehartiging richting provincie en Europa",
        "hoe je Europese subsidies binnenhaalt zonder eigen kantoor in Brussel",
    ),
    "sv_sociaal_domein": (
        "Hoe krijgen we de stijgende kosten van de jeugdhulp onder controle?",
        "grip op de uitgaven voor Wmo en jeugd",
        "hoe andere gemeenten de toegang tot zorg via wijkteams hebben ingericht",
        "Welke inkoopvorm werkt voor specialistische zorg voor jongeren?",
        "sturing en monitoring in het sociaal domein",
        "hoe we maatwerk leveren zonder dat de budgetten ontsporen",
        "Wat hebben gemeenten geleerd van drie jaar decentralisaties?",
    ),
    "sv_preventie_gezondheid": (
        "Hoe investeren we eerder zodat minder inwoners zware zorg nodig hebben?",
        "gezondheidsverschillen tussen wijken verkleinen",
        "hoe je een gezonde leefstijl stimuleert bij kinderen en jongeren",
        "Wat werkt om overgewicht bij kinderen terug te dringen?",
        "preventie en vroegsignalering",
        "hoe we sportverenigingen inzetten voor een gezonde jeugd",
    ),
    "sv_armoede_schulden": (
        "Hoe bereiken we huishoudens met geldzorgen voordat de schulden zich opstapelen?",
        "kinderen die opgroeien in een gezin met weinig geld",
        "hoe we betalingsachterstanden eerder signaleren",
        "Wat werkt in schuldhulpverlening voor jongeren?",
        "de aanpak van armoede onder werkenden",
        "Hoe zorgen we dat minimaregelingen ook echt gebruikt worden?",
    ),
    "sv_eenzaamheid_ouderen": (
        "Hoe kunnen ouderen langer zelfstandig thuis blijven wonen?",
        "eenzaamheid onder ouderen in het buitengebied",
        "hoe we mantelzorgers overeind houden",
        "Wat werkt om sociaal isolement onder senioren te doorbreken?",
        "een dementievriendelijke gemeente",
        "hoe je ontmoeting organiseert in dorpen waar het laatste café dicht is",
        "Hoe vinden we nieuwe vrijwilligers voor de ouderenzorg?",
    ),
    "sv_wijkgericht": (
        "Hoe voorkomen we dat de verschillen tussen de buurten verder oplopen?",
        "een gebiedsgerichte aanpak in kwetsbare buurten",
        "hoe je leefbaarheid meet en erop stuurt op buurtniveau",
        "Wat werkt tegen segregatie in een middelgrote stad?",
        "de tweedeling tussen wijken waar het goed gaat en wijken waar de problemen zich "
        "opstapelen",
        "hoe bewoners zelf een buurtbudget kunnen besteden",
    ),
    "sv_relatie_overheid": (
        "Hoe winnen we het vertrouwen van inwoners terug na een moeizaam project?",
        "de gemeente als partner in plaats van loket",
        "hoe we beter luisteren naar wat inwoners echt bezighoudt",
        "Hoe verkleinen we de kloof tussen het gemeentehuis en de straat?",
        "begrijpelijke brieven en een toegankelijke gemeente",
        "hoe je als ambtenaar leert werken als partner in plaats van als regisseur",
    ),
    "sv_identiteit_trots": (
        "Wat is het DNA van {gemeente} en hoe gebruiken we dat in beleid?",
        "citymarketing die inwoners zelf herkennen",
        "hoe we de binding van nieuwe inwoners met de stad versterken",
        "Hoe zorgen we dat {gemeente} meer is dan een slaapstad?",
        "trots op de eigen stad als vertrekpunt voor beleid",
        "hoe erfgoed en cultuur bijdragen aan de eigenheid van de stad",
    ),
    "sv_integratie_statushouders": (
        "Hoe begeleiden we vluchtelingen sneller naar taal en werk?",
        "inburgering onder de nieuwe wet",
        "hoe je statushouders goed huisvest zonder wijken te overvragen",
        "Hoe huisvesten we arbeidsmigranten fatsoenlijk?",
        "de integratie van nieuwkomers in kleine kernen",
        "wat werkt bij taalles voor nieuwkomers die al aan het werk zijn",
        "Hoe vangen andere gemeenten de komst van een azc op?",
    ),
    "ef_binnenstad": (
        "Hoe houden we het centrum levendig nu steeds meer winkels leeg staan?",
        "binnenstadsmanagement en een ondernemersfonds",
        "hoe je het kernwinkelgebied compacter maakt",
        "Wat doen andere steden tegen de gevolgen van het internetwinkelen voor hun centrum?",
        "de toekomst van de winkelstraat",
        "hoe horeca en cultuur het centrum kunnen dragen als de retail terugloopt",
        "Hoe krijg je pandeigenaren mee bij het terugdringen van leegstand?",
    ),
    "ef_woningbouw_starters": (
        "Hoe bouwen we genoeg woningen die jonge gezinnen kunnen betalen?",
        "betaalbare koopwoningen voor jongeren uit het dorp",
        "hoe we de doorstroming op de woningmarkt op gang brengen",
        "Hoe vinden de nieuwe werknemers die we aantrekken een betaalbaar huis?",
        "middenhuur voor mensen die net te veel verdienen",
        "hoe je tiny houses en flexwonen inzet tegen de lange wachttijden",
        "woningen voor starters in {gemeente}",
        "Hoe versnellen we de woningbouw zonder dat de kwaliteit eronder lijdt?",
    ),
    "ef_corporaties": (
        "Hoe maken we afspraken met de woningbouwvereniging die ook echt iets opleveren?",
        "prestatieafspraken met verhuurders en huurders",
        "hoe we de rolverdeling met de corporatie scherp krijgen",
        "Hoe sturen we op de sociale huurvoorraad als de woningwet onze invloed beperkt?",
        "een woonvisie die ook de huurdersorganisaties onderschrijven",
        "hoe je scheefwonen tegengaat zonder mensen uit hun huis te jagen",
    ),
    "ef_energietransitie": (
        "Hoe krijgen we de eerste wijk van het aardgas af?",
        "warmtenetten en alternatieven voor aardgas in bestaande wijken",
        "hoe we particuliere eigenaren verleiden hun huis te isoleren",
        "Waar komen in onze regio de windmolens en zonneweides en wie beslist daarover?",
        "de regionale energiestrategie",
        "hoe je draagvlak houdt voor zonneparken in het buitengebied",
        "Hoe voorkomen we dat huishoudens met een laag inkomen achterblijven bij het "
        "verduurzamen?",
        "verduurzaming van woningen en bedrijfspanden",
    ),
    "ef_klimaatadaptatie": (
        "Hoe bereiden we de stad voor op hoosbuien en lange droge zomers?",
        "hittestress in versteende buurten",
        "hoe we meer groen en waterberging kwijt kunnen in de openbare ruimte",
        "Hoe krijgen we inwoners zover dat ze hun tuin ontstenen?",
        "een klimaatbestendige inrichting van de openbare ruimte",
        "hoe je de uitkomsten van een stresstest vertaalt naar concrete maatregelen",
    ),
    "ef_omgevingswet": (
        "Hoe maken we van de bestemmingsplannen één omgevingsplan?",
        "de omgevingsvisie voor {gemeente}",
        "hoe de organisatie zich voorbereidt op de stelselherziening van het omgevingsrecht",
        "Wat betekent de Omgevingswet voor de manier waarop we vergunningen verlenen?",
        "ruimte bieden aan initiatiefnemers met minder regels",
        "hoe andere gemeenten de aansluiting op het digitale stelsel aanpakken",
    ),
    "ef_vastgoed_transformatie": (
        "Wat doen we met leegstaande kerken in de dorpen?",
        "het ombouwen van lege kantoren tot woningen",
        "hoe je een nieuwe bestemming vindt voor vrijgekomen schoolgebouwen",
        "Hoe financieren andere gemeenten de herbestemming van monumentaal vastgoed?",
        "transformatie van maatschappelijk vastgoed",
        "welke rol de gemeente neemt als een groot kantoorpand jaren leeg staat",
    ),
    "ef_mobiliteit": (
        "Hoe houden we de stad bereikbaar als het autoverkeer blijft groeien?",
        "snelfietspaden naar de omliggende kernen",
        "hoe we het busvervoer in de avond overeind houden",
        "Welk parkeerbeleid werkt voor een middelgrote stad?",
        "slimme mobiliteit en deelauto's",
        "hoe we forenzen uit de auto krijgen",
        "Hoe krijgen we een betere treinverbinding met de Randstad?",
    ),
    # needs that are not in the codebook: the analysis should suggest them
    "nieuw_zzp_flexwerk": (
        "Wat betekent de groei van het aantal zzp'ers voor de lokale economie?",
        "de positie van zelfstandigen zonder personeel",
        "hoe we flexwerkers en zzp'ers bereiken met ons beleid",
        "Hoe ondersteunen andere gemeenten zelfstandigen die hun inkomen zien wegvallen?",
        "flexwerk, payrolling en onzekere contracten",
        "wat platformwerk betekent voor de mensen in onze gemeente",
    ),
    "nieuw_agrarische_bebouwing": (
        "Wat doen we met de stallen en schuren van stoppende boeren?",
        "vrijkomende agrarische bebouwing in het buitengebied",
        "hoe we voorkomen dat lege boerderijen verpauperen",
        "Welke nieuwe functies staan we toe op leeggekomen boerenerven?",
        "sloop van oude stallen en de ruimte-voor-ruimteregeling",
        "hoe je asbestdaken van vrijkomende schuren aanpakt",
    ),
    "nieuw_ondermijning": (
        "Hoe maken we onze organisatie weerbaar tegen ondermijning?",
        "de aanpak van drugscriminaliteit in het buitengebied",
        "hoe je de Bibob-toets slim inzet bij vergunningen",
        "Wat kunnen burgemeester en ambtenaren doen tegen georganiseerde misdaad?",
        "signalen van criminele inmenging herkennen",
        "hoe we samen met politie en het RIEC ondermijnende criminaliteit aanpakken",
    ),
    "nieuw_datagestuurd": (
        "Hoe gebruiken we cijfers beter om beleid te maken?",
        "datagestuurd werken in de gemeentelijke organisatie",
        "hoe we cijfers uit verschillende bronnen koppelen zonder de privacy te schaden",
        "Welke dashboards gebruiken andere gemeenten om hun beleid te volgen?",
        "informatiegestuurd werken en het openbaar maken van gegevens",
        "hoe je als middelgrote gemeente een datateam opbouwt",
    ),
}

# The theme of each need (the codebook's for codebook needs).
THEME: dict[str, str] = {n: n[:2].upper() for n in PHRASINGS if not n.startswith("nieuw_")} | {
    "nieuw_zzp_flexwerk": "EA", "nieuw_agrarische_bebouwing": "EF", "nieuw_ondermijning": "LD",
    "nieuw_datagestuurd": "LD"}
NEW_NEEDS: tuple[str, ...] = tuple(n for n in PHRASINGS if n.startswith("nieuw_"))

# The need's most obvious word (a regular expression, matched case-insensitively): at most a
# third of its phrasings may use it, the rest say it in other words.
KEYWORD: dict[str, str] = {
    "ea_onderwijs_arbeidsmarkt": "onderwijs", "ea_tekorten_vakmensen": "tekort",
    "ea_bijstand_werk": "bijstand", "ea_talent": "talent",
    "ea_regionale_economie": "economische agenda", "ea_bedrijventerreinen": "bedrijventerrein",
    "ea_innovatie_mkb": "innovat", "ld_democratische_controle": "democratisch",
    "ld_regionale_samenwerking": "samenwerk", "ld_positie_stad": "centrum",
    "ld_participatie": "participatie", "ld_right_to_challenge": "right to challenge",
    "ld_rijk_provincie": r"\brijk\b", "sv_sociaal_domein": "sociaal domein",
    "sv_preventie_gezondheid": "preventie", "sv_armoede_schulden": "armoede",
    "sv_eenzaamheid_ouderen": "eenzaam", "sv_wijkgericht": "wijk",
    "sv_relatie_overheid": "vertrouwen", "sv_identiteit_trots": "trots",
    "sv_integratie_statushouders": "statushouder", "ef_binnenstad": "binnenstad",
    "ef_woningbouw_starters": "starter", "ef_corporaties": "corporatie",
    "ef_energietransitie": "energie", "ef_klimaatadaptatie": "klimaat",
    "ef_omgevingswet": "omgevingswet", "ef_vastgoed_transformatie": "transformatie",
    "ef_mobiliteit": "mobiliteit", "nieuw_zzp_flexwerk": "zzp",
    "nieuw_agrarische_bebouwing": "agrarisch", "nieuw_ondermijning": "ondermijn",
    "nieuw_datagestuurd": r"\bdata",
}

# How often a need is asked, relative to the others of its theme: a long tail, a few needs that
# many municipalities ask about (housing, energy, the labour market, regional cooperation in
# 2017) and many that few ask about. Invented for the example.
POPULARITY: dict[str, float] = {
    "ef_woningbouw_starters": 10.0, "ef_energietransitie": 9.0,
    "ea_onderwijs_arbeidsmarkt": 9.0, "ld_regionale_samenwerking": 9.0,
    "sv_eenzaamheid_ouderen": 7.0, "ef_omgevingswet": 5.0, "ef_binnenstad": 5.0,
    "ld_democratische_controle": 5.0, "ea_tekorten_vakmensen": 5.0, "sv_sociaal_domein": 5.0,
    "ld_participatie": 3.0, "ea_talent": 3.0, "ld_positie_stad": 3.0, "sv_wijkgericht": 3.0,
    "ea_regionale_economie": 2.5, "sv_armoede_schulden": 2.5, "ef_corporaties": 2.0,
    "sv_relatie_overheid": 1.5, "ea_bijstand_werk": 1.5, "ld_rijk_provincie": 1.5,
    "sv_integratie_statushouders": 1.5, "ef_klimaatadaptatie": 1.2, "ea_bedrijventerreinen": 1.0,
    "ea_innovatie_mkb": 1.0, "ld_right_to_challenge": 1.0, "sv_preventie_gezondheid": 1.0,
    "sv_identiteit_trots": 1.0, "ef_vastgoed_transformatie": 0.8, "ef_mobiliteit": 0.8,
    "nieuw_zzp_flexwerk": 2.5, "nieuw_agrarische_bebouwing": 2.5, "nieuw_ondermijning": 1.5,
    "nieuw_datagestuurd": 2.0,
}
# Factor on the popularity per position: near a larger city housing, mobility and the town's
# own profile; polycentric regions the regional economy and cooperation; a regional centre its
# role in the region, the town centre, young talent and the care its region leans on.
POSITION_FACTOR: dict[str, dict[str, float]] = {
    pr.NABIJ: {"ef_woningbouw_starters": 2.0, "ef_mobiliteit": 4.0, "sv_identiteit_trots": 3.0,
               "ld_democratische_controle": 1.6, "ea_talent": 0.4, "ef_binnenstad": 0.5,
               "ld_positie_stad": 0.6},
    pr.POLY: {"ea_regionale_economie": 3.0, "ld_regionale_samenwerking": 1.6,
              "ea_bedrijventerreinen": 3.0, "ea_innovatie_mkb": 2.5, "ef_energietransitie": 1.4,
              "ld_positie_stad": 0.5},
    pr.MONO: {"ld_positie_stad": 3.0, "ef_binnenstad": 2.2, "ea_talent": 2.5,
              "sv_sociaal_domein": 1.8, "sv_eenzaamheid_ouderen": 1.5, "ld_rijk_provincie": 2.0,
              "ef_vastgoed_transformatie": 2.0, "ef_woningbouw_starters": 0.5,
              "nieuw_agrarische_bebouwing": 2.0},
}
# Needs of another theme that are asked under a theme's question (housing for new workers under
# economy, the regional energy strategy under democracy, ...).
CROSS_THEME: dict[str, tuple[str, ...]] = {
    "EA": ("ef_woningbouw_starters", "sv_integratie_statushouders", "ef_binnenstad",
           "ef_energietransitie"),
    "LD": ("ef_energietransitie", "ef_woningbouw_starters", "sv_sociaal_domein",
           "ef_mobiliteit"),
    "SV": ("ea_bijstand_werk", "ld_participatie", "ef_energietransitie", "nieuw_ondermijning"),
    "EF": ("ld_participatie", "sv_eenzaamheid_ouderen", "ea_bedrijventerreinen",
           "ld_regionale_samenwerking"),
}

# Sentences that only frame a wish, with no subject of their own: context, not a need.
CONTEXT: tuple[str, ...] = (
    "Graag samen met Platform31 een leerkring hierover.",
    "Hierover willen we graag kennis delen.",
    "Graag ervaringen uitwisselen met vergelijkbare gemeenten.",
    "Interesse in een leerkring.",
    "Graag een excursie hierover.",
    "Graag leren van vergelijkbare steden.",
    "Graag een bijeenkomst hierover met vergelijkbare gemeenten.",
    "Samen met Platform31 praktijkonderzoek hierover.",
    "Graag verder in PMG-verband.",
)

# --------------------------------------------------------------------------- frames
# {Q}: the question; {q}: the question with a lower-case start; {c}: a clause; {N}/{n}: a noun
# phrase with an upper/lower-case start. Frames per kind of answer and form of the phrasing.
FRAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "leervraag": {
        "vraag": ("{Q}", "{Q}", "{Q}", "Onze vraag: {q}", "Belangrijkste leervraag voor "
                  "{gemeente}: {q}", "Kernvraag voor ons: {q}", "Concreet: {q}"),
        "bijzin": ("Wij willen leren {c}.", "We willen graag weten {c}.",
                   "Graag horen we van andere gemeenten {c}.", "Leervraag: {c}.",
                   "Voor {gemeente} is de vraag {c}.", "Ik ben benieuwd {c}.",
                   "In {regio} lopen we tegen de vraag aan {c}."),
        "naam": ("{N}", "{N}.", "Kennisbehoefte: {n}.", "Meer kennis over {n}.",
                 "{N}, hoe pakken anderen dat aan?", "{N}: wat werkt wel en wat niet?",
                 "Onze leervraag gaat over {n}.", "Vooral {n}.", "{N} in {regio}."),
    },
    "samen": {
        "vraag": ("{Q}", "Samen uitzoeken: {q}", "Met vergelijkbare gemeenten de vraag "
                  "oppakken: {q}"),
        "bijzin": ("Leren van elkaar {c}.", "Samen uitzoeken {c}.",
                   "Met andere middelgrote gemeenten onderzoeken {c}.",
                   "Graag horen we van elkaar {c}."),
        "naam": ("{N}", "Graag kennis uitwisselen over {n}.", "Een leerkring over {n}.",
                 "Ervaringen delen over {n}.", "Samen met Platform31 praktijkonderzoek naar {n}.",
                 "Een werkgroep over {n} zou ons helpen.", "Leren van elkaar op het gebied "
                 "van {n}.", "Samen optrekken rond {n}.", "Werkbezoek bij een gemeente met "
                 "ervaring met {n}."),
    },
}
# Said after a question or clause (before its end mark) to place it; only after a phrasing
# that names no place yet and ends in its main clause (no comma, no "als ...", "zonder ...", no
# particle at the end: "zetten we ... in?").
PLACE: tuple[str, ...] = ("", "", " in {regio}", " in {gemeente}",
                          " in een gemeente als {gemeente}")
_SUBORDINATE = re.compile(r",| (als|dat|die|wie|zonder|nu|voordat|zodat|waar|om) |"
                          r" (in|op|aan|af|mee|uit|over|terug|gaat)\??$")
# How a second question in the same answer may start.
SECOND: tuple[str, ...] = ("", "", "", "En ", "Daarnaast: ", "Ook: ")

_CLAUSE = re.compile(r"^(hoe|wat|welke|waar|waarin|of)\b")


def form(phrasing: str) -> str:
    """``vraag`` (a question), ``bijzin`` (a clause) or ``naam`` (a noun phrase).

    Examples
    --------
    >>> [form(p) for p in ("Hoe nu?", "hoe we het doen", "de toekomst van de winkelstraat")]
    ['vraag', 'bijzin', 'naam']
    """
    if phrasing.endswith("?"):
        return "vraag"
    return "bijzin" if _CLAUSE.match(phrasing) else "naam"


@dataclass(frozen=True)
class LeervraagConfig:
    """How respondents write their learning questions, each share with its reason."""

    # Share of answers written under another theme's question (housing for new workers under
    # economy): about one in ten, as in the analysis's own assumption.
    share_other_theme: float = 0.10
    # Two questions in one answer: more often for talkative respondents (verbosity 0..1).
    share_two_base: float = 0.12
    share_two_verbose: float = 0.30
    # A sentence that only frames the wish ("Graag een leerkring hierover."), after the
    # question(s) or, in a 'samen' answer, on its own.
    share_context: float = 0.06
    share_context_only: float = 0.04
    # Typing habits: all in lower case, a typo in one word, no end mark.
    share_lower: float = 0.06
    share_typo: float = 0.08
    share_no_end: float = 0.10
    # Two sentences on separate lines instead of after each other.
    share_newline: float = 0.3
    # No identical question sentence from more than this many municipalities (by chance two
    # may write the same short phrase; a third means the example repeats itself).
    max_municipalities: int = 2
    # Attempts to write a sentence no third municipality wrote before giving up.
    max_attempts: int = 60


@dataclass
class Asker:
    """Writes the learning-question answers of the example from its own random stream and
    keeps, per answer, each sentence with the need it was written for."""

    rng: np.random.Generator
    config: LeervraagConfig = LeervraagConfig()
    # (municipality, question id, answer) -> ((sentence, need or None), ...)
    records: dict[tuple[str, str, str], tuple[tuple[str, str | None], ...]] = field(
        default_factory=dict)
    _used: dict[str, set[str]] = field(default_factory=dict)

    def _pick(self, options: tuple[str, ...] | list[str]) -> str:
        return options[int(self.rng.integers(len(options)))]

    def need(self, theme: str, position: str, avoid: frozenset[str] = frozenset()) -> str:
        """A need asked under ``theme`` by a municipality in ``position``."""
        if self.rng.random() < self.config.share_other_theme:
            pool = [n for n in CROSS_THEME[theme] if n not in avoid]
        else:
            pool = [n for n in PHRASINGS if THEME[n] == theme and n not in avoid]
        factor = POSITION_FACTOR.get(position, {})
        w = np.array([POPULARITY[n] * factor.get(n, 1.0) for n in pool])
        return pool[int(self.rng.choice(len(pool), p=w / w.sum()))]

    def _sentence(self, need: str, kind: str, slots: dict[str, str], second: bool) -> str:
        phrasing = self._pick(PHRASINGS[need])
        shape = form(phrasing)
        frame = self._pick(FRAMES[kind][shape])
        core = phrasing
        named = "{gemeente}" in phrasing + frame or "{regio}" in phrasing + frame
        if shape != "naam" and not named and not _SUBORDINATE.search(phrasing):
            place = self._pick(PLACE)
            core = (core[:-1] + place + "?") if shape == "vraag" else core + place
        core = core.format(**slots)
        text = frame.format(Q=core, q=core[:1].lower() + core[1:], c=core,
                            N=core[:1].upper() + core[1:], n=core, **slots)
        if second and shape == "vraag" and frame == "{Q}":
            start = self._pick(SECOND)
            text = start + (text[:1].lower() + text[1:] if start else text)
        return text

    def _fresh(self, need: str, kind: str, slots: dict[str, str], municipality: str,
               second: bool) -> str:
        """A sentence for ``need`` that at most ``max_municipalities - 1`` other
        municipalities wrote before."""
        for _ in range(self.config.max_attempts):
            text = self._sentence(need, kind, slots, second)
            others = self._used.get(_key(text), set()) - {municipality}
            if len(others) < self.config.max_municipalities:
                break
        self._used.setdefault(_key(text), set()).add(municipality)
        return text

    def answer(self, theme: str, kind: str, municipality: str, position: str, regio: str,
               verbosity: float) -> str:
        """One answer to ``{theme}_{kind}`` (kind ``leervraag`` or ``samen``)."""
        cfg, rng = self.config, self.rng
        slots = {"gemeente": municipality, "regio": regio}
        parts: list[tuple[str, str | None]] = []
        if kind == "samen" and rng.random() < cfg.share_context_only:
            parts.append((self._pick(CONTEXT), None))
        else:
            n = 2 if rng.random() < cfg.share_two_base + cfg.share_two_verbose * verbosity else 1
            asked: set[str] = set()
            for k in range(n):
                need = self.need(theme, position, frozenset(asked))
                asked.add(need)
                parts.append((self._fresh(need, kind, slots, municipality, k > 0), need))
            if rng.random() < cfg.share_context:
                parts.append((self._pick(CONTEXT), None))
        if rng.random() < cfg.share_lower:
            parts = [(t.lower(), need) for t, need in parts]
        questions = [i for i, (_, need) in enumerate(parts) if need is not None]
        if questions and rng.random() < cfg.share_typo:  # a framing sentence stays intact
            i = questions[int(rng.integers(len(questions)))]
            parts[i] = (_typo(rng, parts[i][0]), parts[i][1])
        if rng.random() < cfg.share_no_end:
            parts[-1] = (parts[-1][0].rstrip(".?"), parts[-1][1])
        sep = "\n" if rng.random() < cfg.share_newline else " "
        if any(not t.endswith((".", "?")) for t, _ in parts[:-1]):
            sep = "\n"  # a terse item without an end mark goes on a line of its own
        text = sep.join(t for t, _ in parts)
        self.records[(municipality, f"{theme}_{kind}", text)] = tuple(parts)
        return text


def _key(text: str) -> str:
    """What counts as the same sentence: case and end mark aside."""
    return text.casefold().rstrip(".?! ")


def _typo(rng: np.random.Generator, text: str) -> str:
    """Two neighbouring letters swapped inside one longer word."""
    spans = [m.span() for m in re.finditer(r"[a-zë]{7,}", text)]
    if not spans:
        return text
    a, b = spans[int(rng.integers(len(spans)))]
    i = int(rng.integers(a + 1, b - 2))
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]
