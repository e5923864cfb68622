"""Sentence fragments for the synthetic free-text answers (Dutch, in the voice of municipal staff).

Slots filled per respondent: ``{gemeente}`` (the municipality), ``{regio}`` (its region),
``{stad}`` (the larger city nearby or the regional centre), ``{kenmerk}`` (a local feature).
Keys: theme code -> kind -> sentences. Kinds: ``kansen`` (opportunities and threats),
``leervraag`` (learning questions), ``samen`` (what to do together), ``kort`` (terse answers).
``POSITION`` holds extra ``kansen`` sentences per position type.

The example export writes its learning questions (``leervraag``, ``samen``) with
:mod:`.leervragen`, per need of the codebook; the two pools here still feed the benchmark CSV and
are still drawn from (and dropped) in the example, so that its other answers stay as they were.
"""

from __future__ import annotations

FRAGMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "EA": {
        "kansen": (
            "De vervangingsvraag in de zorg en de techniek is groot; vacatures staan nu al "
            "langer open.",
            "Het MBO in {regio} sluit nog onvoldoende aan op wat de maakindustrie vraagt.",
            "Kans: een techniekpact met het ROC, de ondernemersvereniging en de gemeente.",
            "Jongeren trekken na hun opleiding weg naar de grote steden en komen vaak niet terug.",
            "We hebben veel MKB en familiebedrijven, maar weinig hoofdkantoren; dat maakt ons "
            "kwetsbaar bij een volgende crisis.",
            "De bedrijventerreinen uit de jaren zeventig zijn verouderd en vragen om "
            "herstructurering.",
            "In de arbeidsmarktregio liggen kansen in logistiek en agrofood.",
            "Werkgevers vinden de gemeente soms te traag; de korte lijnen kunnen we beter "
            "benutten.",
            "Veel mensen in de bijstand hebben geen startkwalificatie, terwijl de vacatures om "
            "vakmensen vragen.",
            "Bedreiging: de economische structuur is eenzijdig, met veel laagbetaald werk in "
            "distributiecentra.",
            "Door de ligging aan snelweg en spoor hebben we een sterke uitgangspositie voor "
            "bedrijvigheid.",
            "De detailhandel in het centrum staat onder druk door het internetwinkelen.",
            "Er is nauwelijks hoger onderwijs in de gemeente, waardoor kenniswerkers ons links "
            "laten liggen.",
            "{kenmerk} is een belangrijke motor voor de werkgelegenheid; daar willen we op "
            "voortbouwen.",
            "De economie trekt aan, maar de werkloosheid onder 50-plussers blijft hardnekkig.",
            "Er komen steeds meer zzp'ers; hoe die zich tot het lokale bedrijfsleven verhouden "
            "weten we nog onvoldoende.",
        ),
        "leervraag": (
            "Hoe krijgen we werkgevers structureel aan tafel bij het arbeidsmarktbeleid?",
            "Welke instrumenten werken om jonge professionals na hun studie terug te laten "
            "keren?",
            "Hoe meet je of regionaal economisch beleid iets oplevert?",
            "Wat is de rol van een middelgrote gemeente in een triple-helixsamenwerking?",
            "Hoe ga je om met de spanning tussen ruimte voor logistiek en de kwaliteit van het "
            "landschap?",
            "Hoe organiseer je werk-naar-werktrajecten samen met het UWV en de sectoren?",
            "Welke data over de regionale economie zijn beschikbaar, en hoe gebruiken andere "
            "gemeenten die?",
            "Hoe houden we het MBO-aanbod op peil als de leerlingaantallen dalen?",
            "Hoe zorg je dat economische zaken niet alleen een acquisitieverhaal is?",
            "Hoe begeleiden andere gemeenten mensen met een uitkering naar de tekortberoepen in "
            "de techniek?",
            "Welke rol spelen bibliotheek en ROC bij de aanpak van laaggeletterdheid op de "
            "werkvloer?",
            "Hoe vinden we voor de nieuwe werknemers die we aantrekken ook betaalbare woningen?",
            "Hoe huisvesten we arbeidsmigranten fatsoenlijk zonder overlast in de wijken?",
            "Hoe krijgen we de bedrijven op onze bedrijventerreinen mee in de energietransitie?",
            "Wat kunnen we leren van steden die hun centrum nieuw leven hebben ingeblazen met "
            "ondernemers?",
        ),
        "samen": (
            "Graag vergelijken we onze aanpak met gemeenten van dezelfde omvang buiten {regio}.",
            "Een leerkring over arbeidsmarktbeleid met drie of vier gemeenten lijkt ons zinvol.",
            "Samen met Platform31 praktijkonderzoek doen naar de vervangingsvraag.",
            "Kennis delen over economische programmering en acquisitie.",
            "Wij kunnen onze ervaringen met {kenmerk} inbrengen.",
            "Een excursie naar een gemeente die erin geslaagd is het bedrijfsleven aan zich te "
            "binden.",
            "Gezamenlijk richting het Rijk optrekken over regiodeals en middelen voor het MBO.",
            "Samen met andere gemeenten een aanpak ontwikkelen voor de huisvesting van "
            "arbeidsmigranten.",
            "Een leerkring met onderwijs en werkgevers over leven lang ontwikkelen.",
        ),
        "kort": (
            "Vervangingsvraag, MBO", "Talent vasthouden.", "Bedrijventerreinen herstructureren",
            "Aansluiting onderwijs-arbeidsmarkt", "Regionale economie",
            "Zie de regionale economische agenda.",
        ),
    },
    "LD": {
        "kansen": (
            "De regionale samenwerking is versnipperd over tientallen gemeenschappelijke "
            "regelingen; de raad heeft er weinig zicht op.",
            "Raadsleden voelen zich op afstand gezet bij regionale besluitvorming.",
            "Onze positie in {regio} is nog niet uitgekristalliseerd: zijn we centrumgemeente, "
            "partner of volger?",
            "Door de decentralisaties in het sociaal domein moesten we regionaal gaan werken; "
            "dat heeft de verhoudingen ook verbeterd.",
            "Kans: een gezamenlijke strategische agenda voor {regio}, met een duidelijke "
            "rolverdeling.",
            "De gun-factor bij de kleinere buurgemeenten is niet vanzelfsprekend.",
            "We willen inwoners vaker betrekken, maar weten nog niet goed hoe dat bij regionale "
            "vraagstukken moet.",
            "De provincie neemt steeds vaker de regie, wat soms schuurt met onze eigen ambities.",
            "Er loopt een discussie over herindeling in de regio; dat maakt samenwerking "
            "gevoelig.",
            "De democratische legitimatie van de regio blijft een punt van zorg.",
            "We schakelen voortdurend tussen lokaal, regionaal, provinciaal en landelijk niveau, "
            "en dat kost capaciteit.",
            "De opkomst bij de raadsverkiezingen daalt; de afstand tussen inwoner en bestuur "
            "groeit.",
        ),
        "leervraag": (
            "Hoe organiseren we de democratische controle op regionale samenwerking?",
            "Hoe betrek je de gemeenteraad vroegtijdig bij regionale agenda's?",
            "Wat zijn voorbeelden van een regionale strategische agenda die echt werkt?",
            "Hoe bepaal je als middelgrote stad je positie tussen grote steden en het landelijk "
            "gebied?",
            "Hoe laat je de meerwaarde van de regio zien aan inwoners?",
            "Welke vormen van samenwerking zijn er naast de klassieke gemeenschappelijke "
            "regeling?",
            "Hoe ga je om met verschillende snelheden binnen een regio?",
            "Wat betekent netwerkkracht concreet voor de ambtelijke organisatie?",
            "Hoe maken we met de buurgemeenten bindende afspraken over de woningbouwprogrammering?",
            "Hoe betrekken we inwoners bij besluiten zonder dat participatie een formaliteit "
            "wordt?",
            "Hoe organiseren we de regionale energiestrategie samen met provincie en "
            "buurgemeenten?",
            "Hoe houdt de raad grip op de sociale taken die we regionaal hebben belegd, zoals de "
            "jeugdzorg?",
            "Wat zijn goede voorbeelden van gemeenten die samen optrekken richting Den Haag?",
        ),
        "samen": (
            "Ervaringen uitwisselen met gemeenten die in een vergelijkbare positie zitten.",
            "Samen met Platform31 onderzoeken welke rol de raad kan spelen in regionale "
            "samenwerking.",
            "Een werkgroep van griffiers en strategen zou ons helpen.",
            "Gezamenlijk optrekken richting het Rijk voor een sterkere positie van middelgrote "
            "gemeenten.",
            "Leren van gemeenten die een regionale agenda met succes hebben opgesteld.",
            "Intervisie tussen bestuurders over de rol van centrumgemeente.",
            "Samen met de buurgemeenten een regionale woonagenda opstellen.",
            "Een leerkring voor raadsleden over grip op gemeenschappelijke regelingen.",
        ),
        "kort": (
            "Rol van de raad.", "Regionale agenda", "Positie in de regio",
            "Gemeenschappelijke regelingen", "Zie eerdere antwoorden.",
        ),
    },
    "SV": {
        "kansen": (
            "De vergrijzing gaat snel; in sommige wijken is straks een derde van de inwoners "
            "ouder dan 65.",
            "We zien een tweedeling tussen wijken waar het goed gaat en wijken waar problemen "
            "zich opstapelen.",
            "Na de decentralisaties is er veel geïnvesteerd in sociale wijkteams; nu is de vraag "
            "hoe we preventief kunnen werken.",
            "Er is veel actief burgerschap: dorpsraden, zorgcoöperaties en buurtinitiatieven.",
            "Inwoners willen meer zeggenschap, maar de organisatie is nog niet ingericht op het "
            "loslaten van de regie.",
            "Het verenigingsleven is sterk, maar vrijwilligers worden ouder en nieuwe aanwas is "
            "lastig.",
            "Laaggeletterdheid en armoede raken een grotere groep dan vaak gedacht.",
            "Kans: de menselijke maat van {gemeente} maakt maatwerk makkelijker.",
            "Het vertrouwen in de overheid is niet vanzelfsprekend; dat merken we bij grote "
            "projecten.",
            "De huisvesting en integratie van statushouders vraagt veel van wijken en scholen.",
            "De trots op de eigen stad is groot, en daar kunnen we meer mee doen.",
            "Eenzaamheid onder ouderen is een groeiend probleem, zeker in het buitengebied.",
        ),
        "leervraag": (
            "Hoe geef je ruimte aan burgerinitiatieven zonder de verantwoordelijkheid als "
            "gemeente uit het oog te verliezen?",
            "Hoe maken we de tweedeling tussen wijken meetbaar, en wat werkt ertegen?",
            "Wat werkt in de aanpak van eenzaamheid?",
            "Hoe verander je de houding van de ambtelijke organisatie van regisseur naar partner?",
            "Hoe zorg je dat nieuwe partijen, zoals sociale ondernemers, een kans krijgen?",
            "Wat is het DNA van een middelgrote stad en hoe gebruik je dat in beleid?",
            "Hoe houden we voorzieningen in kleine kernen betaalbaar?",
            "Welke ervaringen zijn er met het uitdaagrecht (right to challenge) in middelgrote "
            "gemeenten?",
            "Hoe zorgen we dat ouderen langer zelfstandig thuis kunnen wonen in een passende "
            "woning?",
            "Hoe helpen we mensen met een grote afstand tot werk via de sociale werkvoorziening "
            "aan een baan?",
            "Hoe voorkomen we dat de energietransitie huishoudens met een laag inkomen harder "
            "raakt?",
            "Hoe bereik je inwoners die nooit naar een inspraakavond komen?",
            "Wat werkt in de aanpak van armoede en schulden bij gezinnen met kinderen?",
        ),
        "samen": (
            "Uitwisseling over de werking van de sociale wijkteams.",
            "Leren van elkaar hoe je inwoners echt meer zeggenschap geeft.",
            "Samen met Platform31 onderzoeken wat 'menselijke maat' in de praktijk betekent.",
            "Een leerkring over participatie en overheidsparticipatie.",
            "Werkbezoeken aan gemeenten met goede ervaringen met buurtbudgetten.",
            "Samen onderzoeken hoe we ouderen helpen bij het vinden van een passende woning.",
            "Een leerkring over armoede en schuldhulpverlening met vergelijkbare gemeenten.",
        ),
        "kort": (
            "Vergrijzing", "Eenzaamheid en armoede", "Participatie", "Burgerinitiatieven",
            "Tweedeling voorkomen",
        ),
    },
    "EF": {
        "kansen": (
            "De Omgevingswet vraagt een andere manier van werken, van de organisatie én van de "
            "raad.",
            "Er is grote vraag naar betaalbare huurwoningen; de wachtlijsten bij de "
            "woningcorporaties lopen op.",
            "We willen in 2040 energieneutraal zijn, maar de warmtetransitie in de bestaande "
            "bouw is een enorme opgave.",
            "De binnenstad heeft last van leegstand; winkelpanden moeten een andere functie "
            "krijgen.",
            "Kans: leegstaande kantoren ombouwen tot woningen voor jongeren en starters.",
            "De prestatieafspraken met de woningcorporaties zijn nog te vrijblijvend.",
            "Klimaatadaptatie wordt urgenter: bij hevige buien staan straten en kelders onder "
            "water.",
            "Veel particuliere eigenaren hebben oude woningen en zijn moeilijk te bereiken voor "
            "verduurzaming.",
            "Zonneweides en windmolens stuiten op weerstand; draagvlak is een punt van aandacht.",
            "Het historische centrum is een kroonjuweel, maar ook een beperking bij "
            "verduurzaming.",
            "De doorstroming stagneert: ouderen blijven in grote eengezinswoningen wonen.",
            "De bereikbaarheid met het openbaar vervoer staat onder druk, vooral 's avonds.",
            "We zoeken ruimte voor woningbouw zonder het groene karakter aan te tasten.",
        ),
        "leervraag": (
            "Hoe bereid je de organisatie en de raad voor op de Omgevingswet?",
            "Wat zijn werkende aanpakken voor de verduurzaming van particuliere woningen?",
            "Hoe maak je prestatieafspraken met corporaties die echt sturend zijn?",
            "Hoe organiseer je participatie bij de energietransitie zo dat inwoners er ook van "
            "profiteren?",
            "Welke rol kan de gemeente spelen bij de transformatie van winkelpanden in de "
            "binnenstad?",
            "Hoe combineer je klimaatadaptatie met de herinrichting van de openbare ruimte?",
            "Hoe ga je om met de spanning tussen binnenstedelijk bouwen en groen?",
            "Hoe ver zijn gemeenten die al aan een omgevingsvisie werken?",
            "Hoe maken we samen met de regio afspraken over waar windmolens en zonneweides "
            "komen?",
            "Hoe voorkom je dat de energietransitie arme huishoudens harder raakt dan anderen?",
            "Hoe krijgen we ondernemers in de binnenstad mee bij het verkleinen van het "
            "winkelgebied?",
            "Wat werkt om betaalbare woningen voor starters te bouwen?",
            "Hoe geef je inwoners echt invloed bij de warmtetransitie in hun wijk?",
        ),
        "samen": (
            "Samen pilots doen onder de Omgevingswet en de resultaten delen.",
            "Kennis uitwisselen over aardgasvrije wijken en warmtenetten.",
            "Een leerkring binnenstadsmanagement met andere middelgrote gemeenten.",
            "Gezamenlijk optrekken richting corporaties en Rijk over betaalbaarheid.",
            "Platform31 kan helpen met een vergelijking van prestatieafspraken.",
            "Een excursie naar een binnenstad waar de transformatie van leegstand is gelukt.",
            "Samen met andere gemeenten de woningbouw voor starters versnellen.",
            "Een leerkring over energiecoöperaties en lokaal eigendom van zonneparken.",
        ),
        "kort": (
            "Omgevingswet!", "Warmtetransitie", "Betaalbare woningen", "Binnenstad",
            "Klimaatadaptatie en wateroverlast",
        ),
    },
}

POSITION: dict[str, dict[str, tuple[str, ...]]] = {
    "EA": {
        "nabij_grotere_stad": (
            "We profiteren van de banen in {stad}, maar het risico is dat we een "
            "forensengemeente worden.",
            "Bedrijven die in {stad} geen ruimte meer vinden, kloppen bij ons aan; we moeten "
            "kiezen welke bedrijvigheid we willen.",
            "De economische agenda wordt grotendeels in {stad} bepaald en we zitten niet altijd "
            "aan tafel.",
        ),
        "polycentrisch": (
            "In {regio} zijn de steden complementair: de een heeft de industrie, de ander het "
            "onderwijs en de zorg.",
            "We concurreren met de buurgemeenten om dezelfde bedrijven, terwijl we samen "
            "sterker zouden staan.",
            "De agglomeratiekracht van {regio} als geheel is groter dan die van elke stad "
            "afzonderlijk.",
        ),
        "monocentrisch": (
            "Als centrumgemeente hebben we een banenfunctie voor de hele regio, maar de "
            "beroepsbevolking krimpt.",
            "De afstand tot de Randstad maakt het lastig om talent te trekken; we moeten het "
            "hebben van de kwaliteit van leven.",
            "De kleine kernen om ons heen zijn voor werk en voorzieningen op {gemeente} "
            "aangewezen.",
        ),
    },
    "LD": {
        "nabij_grotere_stad": (
            "In het overleg met {stad} voelen we ons soms een wingewest; de agenda wordt daar "
            "gemaakt.",
            "We willen ons eigen profiel naast {stad} houden en niet opgaan in de "
            "grootstedelijke regio.",
            "De verhouding met {stad} is goed, maar de belangen lopen niet altijd gelijk op, "
            "zeker bij wonen en bereikbaarheid.",
        ),
        "polycentrisch": (
            "In {regio} is er geen vanzelfsprekende centrumstad; dat vraagt om een netwerk van "
            "gelijkwaardige partners.",
            "De steden in {regio} moeten leren elkaar iets te gunnen.",
            "Samenwerken met steden van vergelijkbare omvang gaat goed zolang de taakverdeling "
            "helder is.",
        ),
        "monocentrisch": (
            "Als grootste gemeente in de regio wordt van ons verwacht dat we het voortouw "
            "nemen, ook financieel.",
            "De kleinere gemeenten zijn afhankelijk van onze voorzieningen, maar dragen daar "
            "niet naar verhouding aan bij.",
            "We zijn de trekker in {regio}, maar moeten voorkomen dat het een "
            "{gemeente}-feestje wordt.",
        ),
    },
    "SV": {
        "nabij_grotere_stad": (
            "Veel nieuwe inwoners werken in {stad} en zijn minder verbonden met het lokale "
            "verenigingsleven.",
            "We moeten ervoor zorgen dat {gemeente} meer is dan een slaapstad.",
            "Sociale problematiek schuift vanuit {stad} deels naar ons op, onder meer via de "
            "woningmarkt.",
        ),
        "polycentrisch": (
            "De eigenheid van {gemeente} ten opzichte van de buursteden is voor inwoners "
            "belangrijk.",
            "Voorzieningen kunnen we in de regio beter samen organiseren dan ieder voor zich.",
        ),
        "monocentrisch": (
            "Als voorzieningenstad voor de regio dragen we een zware last in de jeugdzorg en de "
            "maatschappelijke opvang.",
            "In de kleine kernen verdwijnen voorzieningen, en daarmee een stuk identiteit.",
            "Jongeren vertrekken, ouderen blijven: de bevolkingssamenstelling verandert snel.",
        ),
    },
    "EF": {
        "nabij_grotere_stad": (
            "De woningmarkt van {stad} slaat over naar {gemeente}: prijzen stijgen en starters "
            "vinden nauwelijks nog iets.",
            "De druk om te bouwen voor de regionale opgave van {stad} is groot, maar we willen "
            "ons groene karakter behouden.",
            "De files richting {stad} vragen om afspraken over fiets en openbaar vervoer.",
        ),
        "polycentrisch": (
            "De woningbouwprogrammering moet in {regio} regionaal worden afgestemd om "
            "overaanbod te voorkomen.",
            "Een gezamenlijk warmtenet met de buurgemeenten is een serieuze optie.",
        ),
        "monocentrisch": (
            "De binnenstad van {gemeente} heeft een regionale functie, maar winkelketens trekken "
            "zich terug.",
            "In de kleine kernen dreigt leegstand, terwijl er in de stad juist vraag is naar "
            "appartementen voor ouderen.",
            "Krimp in de regio betekent sturen op kwaliteit in plaats van aantallen woningen.",
        ),
    },
}

# Openings and closings that make long answers less uniform.
OPENINGS: tuple[str, ...] = (
    "Voor {gemeente} zien we vooral het volgende.",
    "Lastig om kort te beantwoorden.",
    "Kort samengevat het volgende.",
    "Dit speelt in de hele regio {regio}, niet alleen bij ons.",
    "Veel hiervan staat ook in ons collegeprogramma.",
)
CLOSINGS: tuple[str, ...] = (
    "Zie ook ons collegeprogramma.",
    "Dit is nog niet bestuurlijk afgestemd.",
    "Graag lichten we dit toe tijdens een volgende bijeenkomst.",
    "Hier ligt ook een relatie met de andere thema's.",
)

OPMERKINGEN: tuple[str, ...] = (
    "Goed initiatief, we kijken uit naar het werkprogramma.",
    "De vragenlijst was vrij lang en sommige vragen overlappen.",
    "Wij willen graag actief meedoen aan de leerkringen.",
    "Fijn dat middelgrote gemeenten een eigen platform hebben; we vallen vaak tussen de grote "
    "steden en de kleine gemeenten in.",
    "De keuze voor maximaal drie opgaven per thema was lastig.",
    "Ingevuld na afstemming met de wethouder.",
    "Geen opmerkingen.",
    "Nee.",
    "Graag ontvangen we de resultaten van de enquête.",
    "Belangrijk dat het werkprogramma aansluit bij de agenda van de VNG en het Rijk.",
    "Tijdens de bijeenkomst in februari kwamen veel van deze punten al aan bod.",
    "Wij denken graag mee over de opzet van de werkgroepen.",
)

# What respondents type after "Anders, namelijk" for the opgaven.
OTHER_OPGAVE: dict[str, tuple[str, ...]] = {
    "EA": ("Vrijetijdseconomie en toerisme", "Ruimte voor nieuwe bedrijventerreinen",
           "Laaggeletterdheid op de werkvloer"),
    "LD": ("Samenwerking met de provincie", "Rol van de gemeenteraad",
           "Grensoverschrijdende samenwerking"),
    "SV": ("Eenzaamheid", "Armoedebestrijding", "Integratie van statushouders"),
    "EF": ("Bereikbaarheid en mobiliteit", "Aardgasvrije wijken",
           "Vrijkomende agrarische bebouwing"),
}
