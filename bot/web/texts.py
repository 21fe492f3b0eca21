"""Every Finnish string of the web pages, in one place for review (and a later Swedish version)."""

from __future__ import annotations

from archiving.plural import Plural

APP_NAME = "Arkistobotti"
SKIP_LINK = "Siirry sisältöön"
NAV_LABEL = "Päävalikko"
NAV_HOME = "Etusivu"
NAV_DESK = "Deskikonsoli"
NAV_PUBLISHING = "Ohjeiden julkaisu"
NAV_NEEDS = "Ohjetarpeet"
NAV_FOLLOWUP = "Seuranta"
LOGOUT = "Kirjaudu ulos"
LOGGED_IN_AS = "Kirjautuneena: {name}"
FOOTER = "Arkistobotti – sosiaalihuollon asiakirjojen arkistoinnin tuki"
FLASH_OK = "Valmis"
FLASH_ERROR = "Virhe"

# --- login and errors ----------------------------------------------------------------------
LOGIN_TITLE = "Kirjaudu"
LOGIN_INTRO = "Jatka kirjautumista Arkistobotin hallintasivuille."
LOGIN_BUTTON = "Kirjaudu sisään"
LOGIN_REQUIRED_TITLE = "Kirjautuminen vaaditaan"
LOGIN_REQUIRED = (
    "Tämä sivu vaatii kirjautumisen. Pyydä Arkistobotilta Teamsissa kirjautumislinkki kirjoittamalla "
    "”kirjautumislinkki” ja avaa linkki kymmenen minuutin sisällä. Pääset sen jälkeen suoraan tälle sivulle."
)
LOGIN_FAILED_TITLE = "Kirjautumislinkki ei kelpaa"
LOGIN_FAILED = (
    "Kirjautumislinkki on vanhentunut, jo käytetty tai virheellinen. Pyydä botilta uusi linkki "
    "kirjoittamalla ”kirjautumislinkki”."
)
LOGGED_OUT_TITLE = "Olet kirjautunut ulos"
LOGGED_OUT = "Istuntosi on päättynyt. Voit sulkea tämän välilehden."
FORBIDDEN_TITLE = "Ei käyttöoikeutta"
FORBIDDEN = "Sinulla ei ole oikeutta tähän sivuun. Jos tarvitset oikeuden, ota yhteys arkistonhoitajaan."
CSRF_TITLE = "Lomake vanhentui"
CSRF = "Lomaketta ei voitu käsitellä turvallisesti. Palaa edelliselle sivulle, lataa se uudelleen ja yritä uudestaan."
BAD_FORM_TITLE = "Lomaketta ei voitu lukea"
BAD_FORM = "Lomakkeen tiedot olivat rikki tai niissä oli merkkejä, joita ei voi tallentaa. Palaa edelliselle sivulle ja kirjoita teksti uudelleen."
NOT_FOUND_TITLE = "Sivua ei löydy"
NOT_FOUND = "Hakemaasi sivua tai tietoa ei löytynyt."
BACK_HOME = "Palaa etusivulle"

# --- home -----------------------------------------------------------------------------------------
HOME_TITLE = "Etusivu"
HOME_INTRO = "Tervetuloa, {name}. Valitse, mitä haluat tehdä."
HOME_NO_PAGES = "Sinulla ei ole rooleja, joilla näkisit hallintasivuja. Ohjeet löydät botin linkeistä."
HOME_DESK = "Päivän deskit, jono ja avoimet tiketit."
HOME_PUBLISHING = "Ohjeiden muokkaus, esikatselu, julkaisu ja tiedotteet."
HOME_NEEDS = "Ohjetarpeet deskin muistiinpanoista ja vastaamattomista kysymyksistä."
HOME_FOLLOWUP = "Palveluyksiköiden arkistoinnin seuranta liittymisen jälkeen."

# --- desk console ---------------------------------------------------------------------------------
DESK_TITLE = "Deskikonsoli"
DESK_TODAY = "Tämän päivän deskit"
DESK_NEXT = "Seuraava deski"
DESK_NO_SESSIONS = "Tänään ei ole deskejä."
DESK_NO_MORE_SESSIONS = "Tänään ei ole enää deskejä."
DESK_NO_UPCOMING = "Tulevia deskejä ei ole aikataulutettu. Aja komento arkistobotti desk schedule."
DESK_SESSION_HEADING = "{day} klo {start}–{end}"
DESK_SESSION_CANCELLED = "peruttu"
DESK_SESSION_OVER = "päättynyt"
DESK_SESSION_OPEN = "käynnissä"
DESK_CALL_OPENS = "Kutsuminen avautuu {when}."
DESK_HOSTS = "Isäntä: {hosts}"
DESK_NO_HOST = "Isäntää ei ole vielä nimetty."
DESK_MEETING = "Avaa tapaaminen"
DESK_QUEUE_CAPTION = "Jono, deski klo {start}"
DESK_QUEUE_EMPTY = "Jonossa ei ole ketään."
DESK_QUEUE_HEADERS = ("Sija", "Työntekijä", "Aihe", "Tila", "Jonoon", "Muistiinpanot", "Toiminnot")
DESK_CALL_NEXT = "Kutsu seuraava"
DESK_DONE = "Valmis"
DESK_MISSED = "Ei paikalla"
DESK_NOTE_LABEL = "Muistiinpano"
DESK_NOTE_ADD = "Lisää muistiinpano"
DESK_NOTE_SAVE = "Tallenna muistiinpano"
DESK_NOTE_NEEDS = "Tästä tarvitaan ohje"
DESK_CALLED_OK = "Kutsuttu: {name}. Hänelle lähti viesti vuorosta."
DESK_DONE_OK = "Jonopaikka merkitty käsitellyksi."
DESK_MISSED_OK = "Jonopaikka merkitty: ei paikalla."
DESK_NOTE_OK = "Muistiinpano tallennettu."
DESK_TICKETS = "Avoimet tiketit"
DESK_TICKETS_EMPTY = "Avoimia tikettejä ei ole."
DESK_TICKET_HEADERS = ("Tiketti", "Avattu", "Työntekijä", "Yksikkö", "Kysymys", "Tila", "Käsittelijä")
TICKET_TITLE = "Tiketti #{id}"
TICKET_STATES_DESK = {
    "new": "uusi", "assigned": "käsittelyssä", "waiting": "odottaa työntekijää", "resolved": "ratkaistu", "closed": "suljettu",
}
TICKET_QUESTION = "Kysymys"
TICKET_FROM = "Kysyjä"
TICKET_STATE = "Tila"
TICKET_ASSIGNEE = "Käsittelijä"
TICKET_OPENED = "Avattu"
TICKET_RATING = "Arvio"
TICKET_GUESSES = "Ohjeet, jotka botti arveli sopiviksi"
TICKET_NO_GUESSES = "Botilla ei ollut arvausta."
TICKET_UNIT = "Yksikkö"
TICKET_NO_UNIT = "ei merkitty"
TICKET_MESSAGES = "Viestit"
TICKET_NO_MESSAGES = "Ei viestejä vielä."
TICKET_FROM_DESK = "Deski"
TICKET_FROM_WORKER = "Työntekijä"
TICKET_ASSIGN_ME = "Ota käsittelyyn"
TICKET_ASSIGN_TO = "Siirrä käsittelijälle"
TICKET_ASSIGNEE_LABEL = "Käsittelijä"
TICKET_REPLY_LABEL = "Vastaus työntekijälle (lähtee botin kautta)"
TICKET_REPLY = "Lähetä vastaus"
TICKET_RESOLVE_LABEL = "Ratkaisun kuvaus (vapaaehtoinen)"
TICKET_RESOLVE = "Merkitse ratkaistuksi"
TICKET_CLOSE = "Sulje tiketti"
TICKET_NEED = "Tästä tarvitaan ohje"
TICKET_ASSIGNED_OK = "Tiketti otettu käsittelyyn."
TICKET_REPLIED_OK = "Vastaus lähetetty työntekijälle."
TICKET_RESOLVED_OK = "Tiketti merkitty ratkaistuksi; työntekijää pyydettiin arvioimaan apu."
TICKET_CLOSED_OK = "Tiketti suljettu."
TICKET_NEED_OK = "Ohjetarve kirjattu viestinnälle."
BACK_TO_CONSOLE = "Takaisin deskikonsoliin"

# --- instruction page -------------------------------------------------------------------------------
INSTRUCTION_UPDATED = "Päivitetty {day}"
INSTRUCTION_RELATED = "Katso myös"
INSTRUCTION_HELP = "Etkö löytänyt vastausta? Kirjoita Arkistobotille ”haluan deskiin” tai ”haluan puhua ihmiselle”."
INSTRUCTIONS_UNAVAILABLE = "Ohjeet eivät ole juuri nyt saatavilla. Yritä hetken kuluttua uudelleen."

# --- publishing -----------------------------------------------------------------------------------------
PUB_TITLE = "Ohjeiden julkaisu"
PUB_INTRO = "Muokkaa ohjetta, esikatsele se ja julkaise uusi versio. Julkaistu ohje näkyy botin vastauksissa heti."
PUB_NEW = "Uusi ohje"
PUB_HEADERS = ("Ohje", "Otsikko", "Julkaistu versio", "Tila", "Päivitetty", "Tekijä")
PUB_STATE_PUBLISHED = "julkaistu"
PUB_STATE_DRAFT = "luonnos odottaa"
PUB_EMPTY = "Ohjeita ei ole vielä."
PUB_EDIT_TITLE = "Muokkaa ohjetta: {title}"
PUB_NEW_TITLE = "Uusi ohje"
PUB_EDITOR_FORM = "Ohjeen muokkauslomake"
PUB_EDITOR_HINT = "Esikatselu päivittyy kirjoittaessa; ilman JavaScriptiä paina ”Esikatsele”."
PUB_TITLE_LABEL = "Otsikko"
PUB_SLUG_LABEL = "Tunniste"
PUB_SLUG_HINT = (
    "Ohjeen pysyvä tunniste sen osoitteessa /ohjeet/…: pienet kirjaimet a–z, numerot ja väliviivat. "
    "Jätä tyhjäksi, niin tunniste muodostetaan otsikosta."
)
PUB_SLUG_FIXED = "Tunniste: {slug} (osoite /ohjeet/{slug})"
PUB_SUMMARY_LABEL = "Tiivistelmä"
PUB_SUMMARY_HINT = "Yksi tai kaksi virkettä; botti näyttää tiivistelmän vastauksessaan."
PUB_AUDIENCE_LEGEND = "Kenelle ohje on"
PUB_CHAT_LABEL = "Chat-versio (vapaaehtoinen)"
PUB_CHAT_HINT = (
    "Lyhyt vastaus ja numeroidut vaiheet, jotka botti näyttää chatissa. Jätä tyhjäksi, niin botti muodostaa sen "
    "tiivistelmästä ja ohjeen vaiheista."
)
PUB_KEYWORDS_LABEL = "Avainsanat"
PUB_KEYWORDS_HINT = "Yksi avainsana tai sanapari riville. Botti tunnistaa kysymyksen aiheen näistä."
PUB_QUESTIONS_LABEL = "Esimerkkikysymykset"
PUB_QUESTIONS_HINT = "Yksi kysymys riville, niin kuin työntekijä sen kysyisi; 6–12 kysymystä toimii parhaiten."
PUB_RELATED_LEGEND = "Liittyvät ohjeet"
PUB_RELATED_HINT = "Valitut ohjeet näkyvät ohjeen lopussa kohdassa ”Katso myös”."
PUB_BODY_LABEL = "Ohjeen teksti (markdown)"
PUB_BODY_HINT = "Otsikot #-merkillä, luettelot viivalla, lihavointi **tähdillä**, linkki toiseen ohjeeseen [teksti](tunniste.md)."
PUB_BODY_PROBLEM = "{field}, rivi {line}: {message}"
PUB_SLUG_TAKEN = "Tunniste ”{slug}” on jo toisen ohjeen käytössä. Valitse toinen tunniste."
PUB_GENERIC_ERROR = "Ohjetta ei voitu tallentaa. Yritä uudelleen."
PUB_PREVIEW = "Esikatsele"
PUB_SAVE_DRAFT = "Tallenna luonnoksena"
PUB_PUBLISH = "Julkaise"
PUB_PREVIEW_HEADING = "Esikatselu"
PUB_PREVIEW_EMPTY = "Esikatselu näkyy tässä."
PUB_CHAT_PREVIEW_HEADING = "Chatissa (Teams)"
PUB_CHAT_PREVIEW_HINT = "Näin botti näyttää ohjeen chatissa: chat-versio (kenttä chat), avun lähteet ja linkki koko ohjeeseen."
PUB_PROBLEMS = "Ohjeessa on korjattavaa"
PUB_PUBLISHED_OK = "Ohje {slug} julkaistu (versio {number})."
PUB_DRAFT_OK = "Luonnos {slug} tallennettu (versio {number})."
PUB_UNCHANGED = "Ohje {slug} ei muuttunut; uutta versiota ei tehty."
PUB_HISTORY = "Versiohistoria"
PUB_HISTORY_HEADERS = ("Versio", "Tila", "Otsikko", "Tekijä", "Aika")
PUB_ANNOUNCE = "Tiedota ohjeesta"
PUB_ANNOUNCE_LABEL = "Tiedotteen teksti (vapaaehtoinen; oletuksena ohjeen tiivistelmä)"
PUB_ANNOUNCE_BUTTON = "Lähetä tiedote tilaajille"
PUB_ANNOUNCED_OK = "Tiedote kirjattu; botti toimittaa sen tilaajille."
PUB_VIEW = "Avaa ohjesivu"
PUB_KNOWLEDGE_ERROR = "Julkaisu ei onnistunut: {message}"
PUB_DRAFT_BADGE = "luonnos"

# --- instruction needs ------------------------------------------------------------------------------------
NEEDS_TITLE = "Ohjetarpeet"
NEEDS_INTRO = (
    "Avoimet tiketit, deskin muistiinpanot sekä kysymykset, joihin botti ei osannut vastata tai joiden vastaus ei auttanut. "
    "Lista päivittyy itsestään aina, kun avaat sivun."
)
NEEDS_HEADERS = ("Kuvaus", "Lähde", "Kertoja", "Ohje", "Päivitetty", "Toiminnot")
NEEDS_EMPTY = "Avoimia ohjetarpeita ei ole."
NEEDS_DONE = "Tehty"
NEEDS_DISMISS = "Hylkää"
NEEDS_DONE_OK = "Ohjetarve merkitty."
NEEDS_SOURCES = {"desk_note": "deskin muistiinpano", "ticket": "tiketti", "unanswered": "vastaamaton kysymys", "unhelpful": "ei auttanut"}
NEEDS_SHOW_ALL = "Näytä myös käsitellyt"
NEEDS_STATES = {"open": "avoin", "done": "tehty", "dismissed": "hylätty"}

# --- follow-up ------------------------------------------------------------------------------------------------
FOLLOWUP_TITLE = "Arkistoinnin seuranta"
FOLLOWUP_INTRO = (
    "Palveluyksikön arkistointi viikoittain seurantajakson ajalta: arkistoitujen osuus valmiista asiakirjoista sekä "
    "valmistuneet, lukitut, arkistoidut ja epäonnistuneet asiakirjat. Luvuista pääset asiakirjoihin ja työntekijöihin niiden takana."
)
FOLLOWUP_UNIT_LABEL = "Palveluyksikkö"
FOLLOWUP_WEEKS_LABEL = "Seurantajakso (viikkoa)"
FOLLOWUP_START_LABEL = "Alkaen (esim. liittymispäivä)"
FOLLOWUP_START_HINT = "Muodossa p.k.vvvv, esimerkiksi 5.1.2026. Jätä tyhjäksi, niin jakso päättyy kuluvaan viikkoon."
FOLLOWUP_BAD_DATE = "Päivämäärä {text} ei kelpaa. Kirjoita se muodossa p.k.vvvv, esimerkiksi 5.1.2026. Näytetään oletusjakso."
FOLLOWUP_SHOW = "Näytä"
FOLLOWUP_NO_UNIT = "Sinulle ei ole merkitty palveluyksikköä. Pyydä arkistonhoitajaa liittämään sinut yksikköön."
FOLLOWUP_PERIOD = Plural("{unit}: {first}–{last} ({weeks} viikko)", "{unit}: {first}–{last} ({weeks} viikkoa)", key="weeks")
FOLLOWUP_SHARE_HEADING = "Arkistoitujen osuus"
FOLLOWUP_SHARE_TITLE = "Arkistoitujen osuus valmiista asiakirjoista viikon lopussa, {unit}"
FOLLOWUP_SHARE_DESC = (
    "Viivakaavio. Arkistoitujen osuus valmiista asiakirjoista oli jakson ensimmäisen viikon lopussa {first} ja "
    "viimeisen viikon lopussa {last}. Luvut viikoittain ovat alla olevassa taulukossa."
)
FOLLOWUP_SHARE_POINT = "{category}: {percent} %"
FOLLOWUP_PERCENT = "{percent} %"
FOLLOWUP_NO_SHARE = "–"
FOLLOWUP_WEEKLY_HEADING = "Asiakirjat viikoittain"
FOLLOWUP_CHART_TITLE = "Asiakirjat viikoittain, {unit}"
FOLLOWUP_CHART_DESC = (
    "Pylväskaavio. Asiakirjoja jaksolla: valmistuneita {completed}, lukittuja {locked}, arkistoituja {archived}, epäonnistuneita {failed}. "
    "Luvut viikoittain ovat kaavion alla olevassa taulukossa."
)
FOLLOWUP_TABLE_CAPTION = "Asiakirjat viikoittain, {unit}"
FOLLOWUP_HEADERS = ("Viikko", "Valmistuneet", "Lukitut", "Arkistoidut", "Epäonnistuneet", "Arkistoitu osuus")
FOLLOWUP_TOTAL = "Yhteensä"
FOLLOWUP_WEEK = "vk {week} ({first}–{last})"
FOLLOWUP_WEEK_SHORT = "vk {week}"
FOLLOWUP_SERIES = {"completed": "Valmistuneet", "locked": "Lukitut", "archived": "Arkistoidut", "failed": "Epäonnistuneet"}
FOLLOWUP_LINK_LABEL = Plural("{label}, {week}: {count} asiakirja", "{label}, {week}: {count} asiakirjaa")
FOLLOWUP_WORKERS = "Keskeneräiset asiakirjat työntekijöittäin"
FOLLOWUP_WORKERS_INTRO = "Kenellä on lukitsemattomia, arkistoimattomia tai epäonnistuneita asiakirjoja: auta heitä niiden kanssa."
FOLLOWUP_WORKERS_HEADERS = ("Työntekijä", "Lukitsematta", "Lukittu, arkistoimatta", "Epäonnistuneet")
FOLLOWUP_WORKERS_EMPTY = "Yksikössä ei ole keskeneräisiä asiakirjoja."
FOLLOWUP_NOW = "Tilanne nyt"
FOLLOWUP_NOW_HEADERS = ("Tila", "Asiakirjoja")
FOLLOWUP_STATUS = {
    "completed": "valmis, odottaa lukitusta", "locked": "lukittu, odottaa arkistointia", "queued": "arkistointijonossa",
    "failed": "epäonnistunut, vaatii korjauksen", "archived": "arkistoitu", "corrected": "korjattu, odottaa arkistointia",
    "draft": "luonnos", "invalidated": "mitätöity",
}
FOLLOWUP_DOCS_TITLE = "Asiakirjat: {unit}"
FOLLOWUP_DOCS_STATUS = "Tila nyt: {status}"
FOLLOWUP_DOCS_SERIES = "{label} viikolla {week} ({first}–{last})"
FOLLOWUP_DOCS_WORKER = "Työntekijä: {name}"
FOLLOWUP_DOCS_HEADERS = ("Asiakirja", "Työntekijä", "Tila", "Päivä", "Syy")
FOLLOWUP_DOCS_CAPTION = "Asiakirjat luvun takana"
FOLLOWUP_DOCS_EMPTY = "Asiakirjoja ei ole."
FOLLOWUP_DOCS_LIMITED = Plural(
    "Asiakirjoja on yhteensä {total}; näytetään niistä uusin.", "Asiakirjoja on yhteensä {total}; näytetään niistä {shown} uusinta.", key="shown"
)
FOLLOWUP_DOCS_HINT = "Asiakkaiden tietoja ei näytetä. Työntekijä löytää asiakirjan numerolla; katselusi kirjataan lokiin."
FOLLOWUP_DOCS_NUMBER = "nro {id}: {title}"
FOLLOWUP_BACK = "Takaisin seurantaan"
