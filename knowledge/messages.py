"""Every Finnish string and word list of the knowledge base, in one place for review.

Word lists are written as people type them (with or without ä/ö); the matcher
folds them the same way it folds questions.
"""

from __future__ import annotations

# --- words that carry no topic: dropped before matching --------------------------

# Question words, pronouns, auxiliaries, particles and colloquial fillers.
STOP_WORDS = """
mika mita mitka minka mihin missa mista mille milla milta mina minua minun minut miksi
miten kuinka kuka ketka kenen kenelle keneen kenet kehen kelle keneltä keta ketä
milloin monta paljonko montako kumpi kumpaa kumman voiko voinko voisinko voitko voisiko
pitaako pitaisiko taytyyko tarvitseeko onko ovatko olenko oletko olisiko onks oliko
saako saanko saisinko miksei entä enta eli tai vai ja sekä seka mutta kun jos että etta
ettei jotta koska vaikka kuin niin nyt sitten siis vain vaan myos myös jo vielä viela
ei en et emme ette eivät eivat älä ala ole olen olet olemme olette ovat on oli olin olisi
ollut olla olisin olis oon oot ollu olis
minä mä ma mulla mun mulle multa muo mut sinä sä sa sulla sun sulle sinulla sinun
hän han häntä hanta se sen sitä sita siitä siita sillä silla siihen sinne siellä siella
me meillä meilla meidän meidan meille te teillä teilla teidän teidan he heillä heilla
ne niitä niita niiden niille näitä naita nämä nama tämä tama tätä tata tässä tassa
tästä tasta tähän tahan tuo tuota tuolla noita jokin jotain joku joitain jokainen
mikään mitaan mitään kukaan mikaan
ko kö kaan kään han hän pa pä kin ki
olla tulee tulisi pitää pitaa pitäisi pitaisi täytyy taytyy voi voin voit voisi voisin
voiko pystyy pystyn saa saan saisi saisin tarvitsee tarvitsen
just justiin ihan aika tosi vähän vahan kaikki kaikkea kaikkia kaikkien muuten nyt nytte
semmonen sellainen sellaista tällainen tallainen tommonen joo juu niinku niinkuin
et ettei ku kun sit sitte sitten vaa vaan vielä viela enää enaa taas jo
kysymys kysymykseen kysyisin kysyä kysya haluaisin haluan halusin haluisin
tietää tietaa tiedätkö tiedatko kertoa kerro kerrotko osaatko neuvoa neuvotko
apua auta autatko auttaa autat autan auttaisitko auttaisit autatteko voitko voisitko voitteko
ohje ohjetta ohjeita ohjeen
tapahtuu tapahtua tapahtuuko eikä eika ensi teen teenkö teenko tehdä tehda tehdään tehdaan
jotenkin jonkun jollain jossain joskus mulle mua sua meitä meita meiän
laittaa laitan laitetaan laitanko laitetaanko laittaisin
enkä enka etkä etka emmekä emmeka ettekä etteka eivätkä eivatka
botti botille botin botilta bot arkistobotti
joka jonka jota jossa josta johon jolla jolta jolle jona jotka joiden joita joissa joista joihin joilla joilta joille
jotkut jotkin jostain jostakin johonkin
miks miksi mistään mistaan missään missaan mihinkään mihinkaan kenenkään kenenkaan minkään minkaan
oikeesti oikeasti takia vuoksi usein aina koskaan noi nuo silti kuitenkin myöskin
tarvitsisin tarvitsisi tarvitaan tarvittaisiin laitoin laitoit laittoi laitettu laitoinko
ollaan olette tuota eiko pitaisiko olisiko voisiko sille niille tolle sillo
kysyy kysyi kysyivät kysyttiin kysyvät kysyin
""".split()

# --- weak words: they may be asked with, but never tell two topics apart ------------

# Generic nouns that name a part or an aspect of something ("deskin aikataulu",
# "palveluyksikkö|lista", "sosiaalipalvelu|kenttä"): as the last part of a compound
# they leave the topic to the first part. Inflected forms are listed because the
# stemmer does not join consonant gradation (kenttä/kentän).
GENERIC_HEADS = """
aikataulu aikataulut aikataulun aikatauluja aikatauluista ajat ajan aikoja
tieto tiedot tietoa tietoja tiedon tietojen tiedoista
kenttä kentät kentän kenttää kenttään kentässä kentästä kenttiä kenttiin kentille
valikko valikot valikon valikkoa valikkoon valikossa valikosta valikoissa
ikkuna ikkunat ikkunan ikkunaa ikkunaan ikkunassa ikkunasta
lista listat listan listaa listaan listassa listasta listalla listalta listalle listaus listauksen
painike painikkeet painikkeen painiketta painikkeeseen painikkeesta painikkeella
nappi napit napin nappia nappiin napissa napista nappula nappulaa
sivu sivut sivun sivua sivulla sivulta sivulle sivuilla
kohta kohdat kohdan kohtaa kohtaan kohdassa kohdasta
info infoa infon juttu jutut jutun juttua homma hommat homman hommaa
ongelma ongelmat ongelman ongelmaa ongelmia ongelmasta ongelmissa
""".split()

# Time and quantity words that a question is asked with but no instruction is about
# ("pitäisikö se lukita heti?", "kirjoitin eilen", "kuinka monta kertaa"): weak like the verbs below.
WEAK_MODIFIERS = """
heti eilen tänään huomenna myöhemmin aiemmin aikaisemmin äsken juuri ylihuomenna toissapäivänä
varma varmaan varmasti yksi yhden kaksi kahden kolme kolmen kerta kerran kertaa kertoja kerrat
seuraava seuraavan seuraavaa seuraavana
""".split()

# Document types: the object of nearly every question ("miten lukitsen palvelutarpeen arvion",
# "korjaanko päätöksen palvelutehtävän"). They name the topic only when nothing else does
# ("arkistoidaanko päätökset"); beside another topic word they weigh less (MatcherConfig.object_weight).
DOCUMENT_TYPES = """
vireilletulo vireillepano palvelutarve palvelutarpeen arvio arvion arviointi arvioinnin suunnitelma suunnitelman
asiakassuunnitelma päätös päätöksen päätökset asiakaskertomus asiakaskertomuksen asiakaskertomukseen merkintä merkinnän
muistio muistion muistioon lausunto lausunnon selvitys selvityksen
""".split()

# Common verbs that say nothing of the topic ("sain virheilmoituksen", "mitä
# kuuluu", "mitä X tarkoittaa"); with the generic heads above, the weak words.
WEAK_VERBS = """
sain sait sai saimme saatiin saanut saatu saada
antoi annoin antaa antanut annettu antavat
tuli tulin tulivat tulla tullut tuleeko
meni menin menee menivät mennä mennyt
tein teit teki tekee tehty tekemään tekemä
otin otan otat ottaa otetaan ottanut
kuuluu kuului kuulua kuuluvat kuulunut
tarkoittaa tarkoitetaan tarkoittavat tarkoitti
toimi toimii toimia toimivat toiminut toimineet
käyttää käytän käytetään käyttänyt
yritin yritän yrittää yritetään yrittänyt
osaa osaan osata osannut
jää jäi jäädä jäänyt jäävät jäävätkö jääkö jäikö
jäi jäin jäivät jäänyt jää jäävät
tiedä tiedän tiedetään tiennyt
pysty pystyn pystyy pystynyt pystyä pystyisin pystytään
sanon sanoa sanoi sano sanoo sanotaan sanonut sanoivat
epäilen epäilen epäilin huomasin huomasi huomannut huomaan kannattaa kannattaisi
""".split()

# --- greetings and thanks: answered politely, never matched to an article --------

GREETING_WORDS = frozenset(
    """
    hei heippa heissan heisan hejssan moi moikka moikku moro morjens morjesta terve tervehdys
    hello hi hey huomenta paivaa päivää iltaa hyvää hyvaa halloo hallo hoi jou
    """.split()
)

THANKS_WORDS = frozenset(
    """
    kiitos kiitoksia kiitti kiittis kiitokset thanks thx tack kiitän kiitan kiitollinen
    """.split()
)

# Good wishes at parting ("hyvää viikonloppua kaikille"): an opener and what is wished.
WISH_OPENERS = frozenset("hyvää hyvaa mukavaa hauskaa kivaa ihanaa rauhallista leppoisaa aurinkoista".split())
WISHES = frozenset(
    """
    viikonloppua päivänjatkoa jatkoa jatkoja iltapäivää yötä joulua vuotta uutta lomaa kesää
    kesälomaa pääsiäistä juhannusta syksyä talvea kevättä viikkoa alkavaa alkanutta samoin
    kaikille teille sinulle sulle
    """.split()
)

# Courtesy and acknowledgement words: never a topic, so they are dropped like stop words.
COURTESY_WORDS = frozenset(
    """
    kiva hyvä hyva selvä selva ok okei oki okay jes jees mahtavaa loistavaa super hienoa
    näin nain juuri noin oikein paljon hirveesti todella auttoi autoit auttanut
    nähdään nahdaan heihei heippa avusta avustasi neuvoista vastauksesta
    """.split()
)

# --- reply texts the knowledge base produces ------------------------------------------

ANNOUNCEMENT_NEW = "Uusi ohje: {title}. {summary}"
ANNOUNCEMENT_CHANGED = "Ohje päivitetty: {title}. {summary}"

CARD_OPEN_FULL = "Avaa koko ohje"
CARD_RELATED = "Katso myös"
CARD_UPDATED = "Päivitetty"
CARD_AUDIENCE = "Kenelle"
CARD_MORE = "Ohje jatkuu koko ohjeen sivulla."
CHAT_MORE = "Loput vaiheet löydät koko ohjeesta."
CHAT_HELP = "Apua saat tiimisi arkistointiyhteyshenkilöltä ja neuvontadeskistä (kirjoita *haluan deskiin*)."

AUDIENCE_NAMES = {
    "worker": "työntekijät",
    "contact_person": "arkistointiyhteyshenkilöt",
    "desk": "neuvontadeski",
    "communications": "viestintä",
    "all": "kaikki",
}

REDACTED_HETU = "[hetu]"
REDACTED_PHONE = "[puhelin]"
REDACTED_EMAIL = "[sähköposti]"
REDACTED_NAME = "[nimi]"
REDACTED_NUMBER = "[numero]"

# --- validation problems and refusals: (English for kb check and the CLI, Finnish for the web pages) ------
# Finnish templates may use {name}, the Finnish name of the field in question.

FIELD_NAMES = {
    "slug": "Tunniste", "title": "Otsikko", "audience": "Kohderyhmä", "summary": "Tiivistelmä", "keywords": "Avainsanat",
    "questions": "Esimerkkikysymykset", "related": "Liittyvät ohjeet", "chat": "Chat-versio", "updated": "Päivitetty", "status": "Tila", "body": "Ohjeen teksti",
}  # fmt: skip
REQUIRED_FI = {
    "audience": "Valitse vähintään yksi kohderyhmä.",
    "keywords": "Kirjoita vähintään yksi avainsana.",
    "questions": "Kirjoita vähintään yksi esimerkkikysymys.",
}

P_NO_OPENING = ("the file must start with a '---' line opening the front matter", "Ohjeen alussa pitää olla etutiedot rivien ”---” välissä.")
P_NOT_CLOSED = ("the front matter is not closed with a '---' line", "Etutietojen lopusta puuttuu rivi ”---”.")
P_BAD_YAML = ("the front matter is not valid YAML: {reason}", "Etutietojen kirjoitusasussa on virhe: tarkista sulkeet, lainausmerkit ja sisennykset.")
P_NOT_MAPPING = ("the front matter must be a mapping of 'key: value' lines", "Etutietojen rivien pitää olla muotoa ”kenttä: arvo”.")
P_TWICE = ("'{key}' is given twice (first on line {first})", "{name} on annettu kahdesti (ensin rivillä {first}).")
P_UNKNOWN_FIELD = ("unknown field '{key}' (known: {known})", "Tuntematon kenttä ”{key}”.")
P_REQUIRED = ("'{key}' is required", "{name} puuttuu.")
P_BAD_SLUG = (
    "slug {slug!r} must be lowercase letters, digits and single hyphens",
    "Tunniste ”{slug}” ei kelpaa: käytä pieniä kirjaimia a–z, numeroita ja yksittäisiä väliviivoja.",
)
P_BAD_AUDIENCE = ("unknown audience {item!r} (known: {known})", "Tuntematon kohderyhmä ”{item}”.")
P_QUESTION_COUNT = ("{count} example questions; {low}-{high} work best", "Esimerkkikysymyksiä: {count}. Parhaiten toimii {low}–{high}.")
P_RELATED_BAD = ("related slug {item!r} is not a valid slug", "Liittyvän ohjeen tunniste ”{item}” ei kelpaa.")
P_RELATED_SELF = ("an article cannot be related to itself", "Ohje ei voi liittyä itseensä.")
P_RELATED_MISSING = ("related slug {item!r} does not exist", "Liittyvää ohjetta ”{item}” ei ole.")
P_BAD_STATUS = ("status must be one of {known}, not {status!r}", "Tilan pitää olla luonnos (draft) tai julkaistu (published), ei ”{status}”.")
P_NO_BODY = ("the article has no body text", "Ohjeen teksti puuttuu.")
P_SLUG_FILE = ("slug {slug!r} does not match the file name {file!r}", "Tunniste ”{slug}” ei vastaa tiedoston nimeä ”{file}”.")
P_NOT_BLOCK = ("'{key}' must be text (write it after '{key}: |' on indented lines), not {kind}", "{name}: kirjoita tekstiä.")
P_CHAT_TOO_LONG = (
    "the chat version takes {lines} lines; with the title and the help line a chat answer has "
    "{most}, so the bot leaves out the last steps (about {chars} characters make a line)",
    "Chat-versio vie liikaa rivejä ({lines}); otsikon ja avun kanssa chat-vastaukseen mahtuu {most}, "
    "joten botti jättää viimeiset vaiheet pois (noin {chars} merkkiä on yksi rivi).",
)
P_NOT_TEXT = ("'{key}' must be text, not {kind}", "{name}: kirjoita tekstiä.")
P_TOO_LONG = ("'{key}' is {length} characters long; at most {limit}", "{name} on liian pitkä: merkkejä {length}, enintään {limit}.")
P_NOT_LIST = ("'{key}' must be a list, e.g. [a, b]", "{name}: anna luettelona, esimerkiksi [a, b].")
P_EMPTY_ITEM = ("item {n} of '{key}' must be non-empty text", "{name}: kohta {n} on tyhjä.")
P_BAD_DATE = ("'{key}' must be a date like 2026-11-20, not {value!r}", "{name}: päivämäärä ”{value}” ei kelpaa.")
P_NOT_UTF8 = ("the file is not UTF-8 text", "Tiedosto ei ole UTF-8-tekstiä.")
P_UNREADABLE = ("cannot read the file: {reason}", "Tiedostoa ei voi lukea.")
P_NO_DIRECTORY = ("no such directory", "Kansiota ei ole.")
P_NO_ARTICLES = ("no *.md articles in the directory", "Kansiossa ei ole ohjeita (*.md).")
P_DUPLICATE = ("duplicate slug {slug!r} (also in {other})", "Tunniste ”{slug}” on jo käytössä ({other}).")
P_SAME_QUESTION = (
    "example question {question!r} is also in {other!r}; the matcher cannot tell them apart",
    "Esimerkkikysymys ”{question}” on myös ohjeessa ”{other}”; botti ei erota niitä toisistaan.",
)
P_UNSAFE_LINK = (
    "unsafe or unsupported {what} target {url!r} (allowed: https:// links and other articles as slug.md)",
    "Linkin kohde ”{url}” ei kelpaa: käytä https-osoitetta tai toisen ohjeen tunnistetta (tunniste.md).",
)
P_HETU = (
    "a henkilötunnus (or something shaped like one) is not allowed in an instruction; write ******-**** instead",
    "Ohjeessa ei saa olla henkilötunnusta (tai sen näköistä merkkijonoa): kirjoita ******-**** sen tilalle.",
)
P_HIDDEN_LINK = (
    "text reads as a link to {target!r} once code marks or tags are taken away (allowed: https:// links and other articles as slug.md)",
    "Teksti muuttuu linkiksi kohteeseen ”{target}”, kun koodimerkit tai tagit poistetaan: käytä https-osoitetta tai toisen ohjeen tunnistetta (tunniste.md).",
)
P_BROKEN_LINK = ("broken link: no article with slug {value!r}", "Linkki ei toimi: ohjetta ”{value}” ei ole.")
P_IMAGE = ("images are not supported in instructions", "Kuvia ei voi käyttää ohjeissa.")
P_RAW_HTML = ("raw HTML <{tag}> is not allowed and would be removed", "HTML-elementti <{tag}> ei ole sallittu, ja se poistettaisiin.")
P_EVENT_ATTRIBUTE = ("event handler attribute {attr!r} on <{tag}> is not allowed", "Tapahtuma-attribuutti ”{attr}” elementissä <{tag}> ei ole sallittu.")
P_ATTRIBUTE = (
    "attribute {attr!r} on <{tag}> is not allowed and would be removed",
    "Attribuutti ”{attr}” elementissä <{tag}> ei ole sallittu, ja se poistettaisiin.",
)

E_AUTHOR_REQUIRED = ("an author (name or e-mail) is required to publish", "Julkaisijan nimi puuttuu.")
E_PUBLISH_RACE = (
    "someone published the same article at the same moment; run the command again",
    "Joku julkaisi saman ohjeen samalla hetkellä. Yritä uudelleen.",
)
E_NO_PATH = ("{path}: no such file or directory", "Tiedostoa tai kansiota ei ole.")
E_WRONG_SLUG = ("the text is article {found!r}, not {slug!r}", "Teksti on ohje ”{found}”, ei ”{slug}”.")
E_NOT_PUBLISHED = ("no article with slug {slug!r} has been published", "Ohjetta ”{slug}” ei ole julkaistu.")
E_NO_VERSION = ("article {slug!r} has no version {number}", "Ohjeella ”{slug}” ei ole versiota {number}.")
E_ONLY_DRAFTS = ("article {slug!r} has only drafts; nothing is published", "Ohjeesta ”{slug}” on vain luonnoksia.")
E_NO_PUBLISHED_ARTICLE = ("no published article with slug {slug!r}", "Julkaistua ohjetta ”{slug}” ei ole.")
E_ANNOUNCE_EMPTY = ("the announcement message is empty", "Tiedotteen teksti on tyhjä.")
E_ANNOUNCE_LONG = ("the announcement message is longer than {limit} characters", "Tiedote on liian pitkä: merkkejä saa olla enintään {limit}.")
E_ANNOUNCE_UNPUBLISHED = ("article {slug!r} has no published version to announce", "Ohjeesta ”{slug}” ei ole julkaistua versiota tiedotettavaksi.")
E_ANNOUNCE_TWICE = ("version {number} of {slug!r} was already announced", "Tämän ohjeen versio {number} on jo tiedotettu.")

# The author recorded with the instructions that come with the bot (published at first start, updated by new releases).
PACKAGE_AUTHOR = "Arkistobotin ohjepaketti"
