"""Every Finnish string of the help desk (chat replies, reminders, invitations), for review in one place."""

from __future__ import annotations

from archiving.plural import Plural

WEEKDAYS_FI = ("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina", "lauantaina", "sunnuntaina")
WEEKDAY_NAMES_FI = ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai")

# --- errors (DeskError.message_fi) ---------------------------------------------------------------
ERR_PAST_DATE = "Päivämäärä {day} on jo mennyt. Valitse tämä päivä tai myöhempi."
ERR_BAD_RANGE = "Jakson loppu ({last}) on ennen alkua ({first})."
ERR_UNKNOWN_HOST = "Henkilö {worker} ei ole deskin henkilöstöä, joten hän ei voi isännöidä deskiä."
ERR_ABSENT_HOST = "{name} on poissa {day}, joten hän ei voi isännöidä deskiä silloin."
ERR_SESSION_NOT_FOUND = "Deskiä {id} ei löydy tai se on peruttu."
ERR_NO_SESSION = "Tulevia deskejä ei ole vielä aikataulutettu. Kokeile myöhemmin tai pyydä apua tiketillä."
ERR_ALREADY_QUEUED = (
    "Olet jo jonossa deskiin {when} (sijasi: {position}). Voit poistua jonosta kirjoittamalla ”poistu jonosta”."
)
ERR_NOT_QUEUED = "Et ole minkään deskin jonossa."
ERR_TOPIC_MISSING = "Kerro lyhyesti, mihin tarvitset apua, esimerkiksi: ”jonoon: sosiaalipalvelun valinta”."
CHARACTERS = Plural("{count} merkki", "{count} merkkiä")  # the lengths below are formatted with it
ERR_TOPIC_TOO_LONG = "Aihe on liian pitkä ({length}). Kirjoita enintään {limit}."
ERR_QUEUE_EMPTY = "Jonossa ei ole ketään odottamassa."
ERR_CALL_TOO_EARLY = "Jonosta voi kutsua vasta deskin aikana ({when}). Kutsuminen avautuu {opens}."
ERR_CALL_TOO_LATE = "Deski on jo päättynyt ({when}); jonosta ei voi enää kutsua."
ERR_ENTRY_NOT_FOUND = "Jonopaikkaa {id} ei löydy."
ERR_ENTRY_STATE = "Jonopaikka {id} on jo käsitelty ({state})."
ERR_NOT_DESK_STAFF = "Tämä toiminto on vain deskin henkilöstölle."
ERR_NOT_ALLOWED = "Sinulla ei ole oikeutta tähän toimintoon."
ERR_TICKET_NOT_FOUND = "Tikettiä #{id} ei löydy, tai se ei ole sinun."
ERR_TICKET_TRANSITION = "Tikettiä #{id} ei voi {action}, koska sen tila on ”{state}”."
ERR_QUESTION_MISSING = "Kirjoita kysymyksesi, niin välitän sen deskille."
ERR_TEXT_TOO_LONG = "Viesti on liian pitkä ({length}). Kirjoita enintään {limit}."
ERR_MESSAGE_MISSING = "Viesti on tyhjä."
ERR_BAD_RATING = "Arvio annetaan numerolla 1–5."
ERR_ALREADY_RATED = "Olet jo arvioinut tiketin #{id}. Kiitos!"
ERR_NOT_RESOLVED = "Tiketin #{id} voi arvioida, kun deski on ratkaissut sen."
ERR_CLOSURE_EXISTS = "Päivä {day} on jo merkitty suljetuksi."
ERR_CLOSURE_NOT_FOUND = "Päivää {day} ei ole merkitty suljetuksi."
ERR_NEED_NOT_FOUND = "Ohjetarvetta {id} ei löydy."
ERR_BAD_NEED_STATE = "Ohjetarpeen tila voi olla vain avoin, tehty tai hylätty."

TICKET_ACTIONS = {
    "assign": "ottaa käsittelyyn",
    "reply": "vastata",
    "resolve": "merkitä ratkaistuksi",
    "close": "sulkea",
    "rate": "arvioida",
}
TICKET_STATES = {
    "new": "uusi",
    "assigned": "käsittelyssä",
    "waiting": "odottaa vastaustasi",
    "resolved": "ratkaistu",
    "closed": "suljettu",
}
QUEUE_STATES = {
    "waiting": "jonossa",
    "called": "vuorossa",
    "done": "käsitelty",
    "left": "poistui",
    "missed": "ei paikalla",
    "cancelled": "peruttu",
}

# --- queue (chat and outbox) --------------------------------------------------------------------
JOINED = Plural(
    "Lisäsin sinut jonoon deskiin {when}. Aihe: {topic}. Olet jonossa sijalla {position}. "
    "Muistutan sinua {minutes} minuutti ennen alkua ja kerron, kun on vuorosi.",
    "Lisäsin sinut jonoon deskiin {when}. Aihe: {topic}. Olet jonossa sijalla {position}. "
    "Muistutan sinua {minutes} minuuttia ennen alkua ja kerron, kun on vuorosi.",
    key="minutes",
)
JOINED_STARTED = (
    "Lisäsin sinut jonoon deskiin, joka on jo käynnissä ({when}). Aihe: {topic}. "
    "Olet jonossa sijalla {position}. Kerron, kun on vuorosi."
)
POSITION = "Olet jonossa deskiin {when} sijalla {position}. Aihe: {topic}."
POSITION_CALLED = "On vuorosi deskissä {when}! Liity tapaamiseen: {link}"
LEFT = "Poistin sinut deskin {when} jonosta."
REMINDER = (
    "Muistutus: deski alkaa {minutes} minuutin kuluttua ({when}). Olet jonossa aiheella ”{topic}”. "
    "Voit tarkistaa sijasi kirjoittamalla ”monesko olen jonossa”. Tapaamislinkki: {link}"
)
YOUR_TURN = "Nyt on vuorosi deskissä! Aihe: {topic}. Liity tapaamiseen: {link}"
SESSION_CANCELLED = (
    "Deski {when} on peruttu. Poistin sinut sen jonosta. Voit liittyä seuraavaan deskiin kirjoittamalla ”haluan deskiin”."
)
NEXT_SESSION = "Seuraava deski on {when}. Tapaamislinkki: {link}"
NEXT_SESSION_HOSTS = "Seuraava deski on {when}, isäntänä {hosts}. Tapaamislinkki: {link}"
NO_NEXT_SESSION = "Tulevia deskejä ei ole vielä aikataulutettu."
WHEN = "{weekday} {day}.{month}. klo {start}–{end}"

# --- tickets (chat and outbox) ------------------------------------------------------------------
TICKET_OPENED = (
    "Avasin tiketin #{id}: ”{question}”. Deskin henkilöstö vastaa sinulle tässä keskustelussa. "
    "Voit lisätä tikettiin tietoa kirjoittamalla ”tiketti {id}: viestisi”."
)
TICKET_REPLY_FROM_DESK = "Deski vastasi tikettiisi #{id}:\n\n{body}\n\nVoit vastata kirjoittamalla ”tiketti {id}: viestisi”."
TICKET_MESSAGE_ADDED = "Lisäsin viestisi tikettiin #{id}."
TICKET_RESOLVED = "Tikettisi #{id} on ratkaistu. Miten onnistuimme? Arvioi apu asteikolla 1–5."
TICKET_RATED = "Kiitos arviostasi ({rating}/5)! Tiketti #{id} on nyt suljettu."
TICKET_LIST_EMPTY = "Sinulla ei ole tikettejä."
TICKET_LIST_HEADER = "Tikettisi:"
TICKET_LIST_ROW = "#{id} – {state} – {question}"
RATING_CARD_TITLE = "Arvioi saamasi apu (tiketti #{id})"
RATING_LABELS = {1: "1 – huono", 2: "2", 3: "3", 4: "4", 5: "5 – erinomainen"}

# --- invitations (iCalendar and e-mail) ------------------------------------------------------------
INVITE_SUMMARY = "Arkistoinnin neuvontadeski klo {start}–{end}"
INVITE_DESCRIPTION = (
    "Sosiaalihuollon arkistoinnin neuvontadeski arkipäivisin klo {start}–{end}. "
    "Osallistuminen on vapaaehtoista: tule, jos tarvitset apua asiakirjojen lukitsemisessa, "
    "arkistoinnissa tai metatiedoissa. Voit jonottaa etukäteen kirjoittamalla Arkistobotille "
    "”haluan deskiin” ja lyhyen aiheen.\n\nLiity tapaamiseen: {link}"
)
INVITE_CANCELLED_DESCRIPTION = "Tämä deskisarja (klo {start}–{end}) on päättynyt. Kalenterikutsu on peruttu."
INVITE_EMAIL_SUBJECT = "Kutsu: arkistoinnin neuvontadeski arkipäivisin klo {start}–{end}"
INVITE_EMAIL_SUBJECT_UPDATE = "Päivitetty kutsu: arkistoinnin neuvontadeski klo {start}–{end}"
INVITE_EMAIL_SUBJECT_CANCEL = "Peruttu: arkistoinnin neuvontadeski klo {start}–{end}"
INVITE_EMAIL_BODY = (
    "Hei,\n\nArkistoinnin neuvontadeski pidetään arkipäivisin klo {start}–{end} (ei arkipyhinä eikä "
    "suljettuina päivinä). Kalenterikutsu on liitteenä.\n\nTapaamislinkki: {link}\n\nTerveisin\nArkistodeski"
)
INVITE_EMAIL_BODY_CANCEL = "Hei,\n\nArkistoinnin neuvontadeski klo {start}–{end} päättyy. Kalenterikutsu on peruttu.\n\nTerveisin\nArkistodeski"

# --- instruction needs ------------------------------------------------------------------------------
NEED_FROM_NOTE = "Deskin muistiinpano ({topic}): {note}"
NEED_FROM_TICKET = "Tiketti #{id}: {question}"
NEED_UNANSWERED = Plural("Vastaamaton kysymys ({count} kerran): {question}", "Vastaamaton kysymys ({count} kertaa): {question}")
NEED_UNHELPFUL = Plural("Ohje ”{slug}” ei auttanut ({count} kerran): {question}", "Ohje ”{slug}” ei auttanut ({count} kertaa): {question}")

# --- chat prompts and cards -----------------------------------------------------------------------
ASK_TOPIC = "Mihin tarvitset apua deskissä? Kirjoita lyhyt aihe, niin lisään sinut seuraavan deskin jonoon."
TOPIC_LABEL = "Aihe (enintään 200 merkkiä)"
JOIN_BUTTON = "Jonota deskiin"
ASK_QUESTION = "Kirjoita kysymyksesi, niin välitän sen deskin henkilöstölle tikettinä."
ASK_PERSON = (
    "Välitän asiasi deskin henkilöstölle tikettinä, ja he vastaavat sinulle tässä keskustelussa. "
    "Mitä tarvitset? Kirjoita se alle tai seuraavaksi viestiksi."
)
TOPIC_REQUIRED = "Kirjoita aihe, niin lisään sinut jonoon."
QUESTION_REQUIRED = "Kirjoita kysymyksesi ennen lähettämistä."
QUESTION_LABEL = "Kysymys"
TICKET_SEND_BUTTON = "Lähetä tiketti"
TICKET_REPLY_LABEL = "Vastauksesi"
TICKET_REPLY_BUTTON = "Lähetä vastaus"
BAD_BUTTON = "Painikkeen tiedot olivat puutteelliset. Kokeile uudelleen tai kirjoita pyyntösi."
LOGIN_LINK = Plural(
    "Tässä henkilökohtainen kirjautumislinkkisi Arkistobotin sivuille. Se toimii kerran ja on voimassa {minutes} minuutin: {url}",
    "Tässä henkilökohtainen kirjautumislinkkisi Arkistobotin sivuille. Se toimii kerran ja on voimassa {minutes} minuuttia: {url}",
    key="minutes",
)
LOGIN_UNAVAILABLE = "Hallintasivut eivät ole käytössä tässä palvelussa."
