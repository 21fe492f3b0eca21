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
