"""Every Finnish string the bot says, in one place so the wording can be reviewed (and translated).

Placeholders use ``str.format`` names. Documents are named by title and number,
clients never. A text that shows a count is a :class:`~archiving.plural.Plural`
(both Finnish forms, "1 asiakirja" / "2 asiakirjaa"); a count shown as a label
("Keskeneräiset asiakirjasi (3)") reads right with any number and stays a ``str``.
"""

from __future__ import annotations

from archiving.plural import Plural

LOCALE = "fi-FI"  # the language of every text here: each message the bot sends is labelled with it

# --- general ------------------------------------------------------------------------

UNKNOWN_USER = (
    "Hei! En valitettavasti tunnista sinua Arkistobotin käyttäjäksi, joten en voi näyttää tietoja. "
    "Jos työskentelet sosiaalihuollossa ja tarvitset pääsyn, pyydä sitä yksikkösi arkistointiyhteyshenkilöltä."
)
INTERNAL_ERROR = (
    "Pahoittelen, jokin meni vikaan enkä pystynyt käsittelemään viestiäsi. Mitään ei muutettu. "
    "Yritä hetken päästä uudelleen, ja jos ongelma jatkuu, ota yhteys neuvontadeskiin."
)
CONCURRENT_TURN = "Käsittelin samaan aikaan toista viestiäsi, joten tämä jäi kesken. Lähetä viesti uudelleen."
UNKNOWN_ACTION = (
    "En tunnistanut painiketta – se voi olla vanhasta viestistä. Kirjoita \"apua\", niin näet, mitä osaan."
)
BAD_BUTTON_DATA = "Painikkeen tiedot olivat virheelliset, joten mitään ei muutettu. Pyydä lista tai lomake uudelleen."

# --- help and welcome -------------------------------------------------------------------

HELP_TITLE = "Hei{name}! Olen Arkistobotti."
HELP_INTRO = "Autan sosiaalihuollon asiakirjojen arkistoinnissa Kanta-palveluihin."
HELP_ITEMS = (
    "Kysy arkistoinnista omin sanoin, esimerkiksi \"miten lukitsen asiakirjan?\"",
    "Kirjoita \"mitä minulla on arkistoimatta\", niin näet keskeneräiset asiakirjasi ja voit arkistoida ne.",
    "Voit korjata asiakirjan palvelutehtävän, sosiaalipalvelut ja palveluyksikön suoraan täällä.",
    "Kerron, kun asiakirjasi on arkistoitu tai jos arkistointi epäonnistui – ja miten sen voi korjata.",
    "Jos ohjeista ei löydy apua, neuvontadeski auttaa arkipäivisin kahdesti päivässä.",
    "Kerron tiedotteella, kun ohjeita tulee lisää tai niitä muutetaan. "
    "Jos et halua tiedotteita, kirjoita \"lopeta tiedotteet\" (takaisin saat ne: \"tilaa tiedotteet\").",
)
HELP_PENDING_BUTTON = "Näytä keskeneräiset asiakirjani"
HELP_DESK_BUTTON = "Milloin on seuraava deski?"
HELP_DESK_INSTRUCTION_BUTTON = "Ohje: neuvontadeski"
GOODBYE = "Kiitos, että käytit Arkistobottia. Tervetuloa takaisin!"

# --- questions (knowledge base) -----------------------------------------------------------

OPEN_INSTRUCTION = "Avaa koko ohje"
HELPFUL_PROMPT = "Auttoiko tämä?"
HELPFUL_YES = "Kyllä"
HELPFUL_NO = "Ei"
DID_YOU_MEAN = "Tarkoititko jotakin näistä?"
NO_ANSWER = "En löytänyt tähän varmaa vastausta ohjeista, enkä halua arvata."
TOO_GENERAL = "Kysymyksesi sopii useaan ohjeeseen. Tarkoititko jotakin näistä?"
NEAR_DOMAIN = "Kysymyksesi koskee aihetta {subject}, josta minulla ei ole ohjeita."
BOT_COVERS = (
    "Neuvon Kanta-arkistointiin liittyvissä asioissa: kirjautuminen varmennekortilla ja PIN-koodi, asiakirjojen "
    "lukitseminen ja arkistointi, arkistointinäytön valinnat, arkistointivirheet, korjaaminen ja mitätöinti, "
    "käyttöoikeudet ja lokivalvonta, asiakkaan informointi sekä neuvontadeski."
)
MAYBE_ONE_OF_THESE = "Ehkä jokin näistä ohjeista auttaa:"
NO_ANSWER_OFFER = "Neuvontadeski auttaa mielellään. Voit jonottaa seuraavaan deskivuoroon tai jättää kysymyksen tukipyyntönä."
NEXT_SESSION = "Seuraava deskivuoro: {when}."
DESK_JOIN_BUTTON = "Jonota deskiin"
TICKET_BUTTON = "Jätä tukipyyntö"
YOU_ARE_WELCOME = "Ole hyvä! Kysy milloin vain lisää."
LIKEWISE = "Kiitos, samoin! Kysy milloin vain lisää."
FEEDBACK_THANKS = "Kiitos palautteesta!"
FEEDBACK_SORRY = (
    "Kiitos palautteesta – kerron ohjeiden kirjoittajille, ettei ohje auttanut. "
    "Neuvontadeski voi auttaa sinua."
)
FEEDBACK_MISSING = "En löytänyt kysymystä, johon palaute liittyy. Kysy uudelleen, niin vastaan."
SHOW_MY_PENDING = "Näytä omat keskeneräiset asiakirjani"
KNOWLEDGE_UNAVAILABLE = "Ohjeet eivät ole juuri nyt käytettävissä. Yritä hetken päästä uudelleen tai kysy neuvontadeskistä."

# --- announcements of new and changed instructions --------------------------------------------

ANNOUNCEMENT_LABEL = "Tiedote ohjeista"
ANNOUNCEMENT_NEW = "Uusi ohje: {title}"
ANNOUNCEMENT_CHANGED = "Ohje päivitetty: {title}"
ANNOUNCEMENT_OPEN = "Avaa ohje"
ANNOUNCEMENT_STOP_BUTTON = "Lopeta tiedotteet"
ANNOUNCEMENT_START_BUTTON = "Tilaa tiedotteet"
ANNOUNCEMENT_OPT_OUT_HINT = "Et halua tiedotteita? Kirjoita \"lopeta tiedotteet\"."
ANNOUNCEMENTS_STOPPED = (
    "Selvä, en lähetä sinulle enää tiedotteita uusista ja muuttuneista ohjeista. "
    "Jos haluat ne takaisin, kirjoita \"tilaa tiedotteet\"."
)
ANNOUNCEMENTS_ALREADY_STOPPED = "Tiedotteet ovat jo pois päältä. Saat ne takaisin kirjoittamalla \"tilaa tiedotteet\"."
ANNOUNCEMENTS_STARTED = (
    "Hienoa! Kerron sinulle jatkossa uusista ja muuttuneista ohjeista. "
    "Voit lopettaa tiedotteet kirjoittamalla \"lopeta tiedotteet\"."
)
ANNOUNCEMENTS_ALREADY_ON = (
    "Tiedotteet ovat jo päällä: kerron, kun ohjeita tulee lisää tai niitä muutetaan. "
    "Jos et halua niitä, kirjoita \"lopeta tiedotteet\"."
)
ANNOUNCEMENTS_STATUS_ON = (
    "Tiedotteet ovat sinulla päällä: kerron, kun ohjeita tulee lisää tai niitä muutetaan. "
    "Jos et halua niitä, kirjoita \"lopeta tiedotteet\"."
)
ANNOUNCEMENTS_STATUS_OFF = (
    "Sinulla tiedotteet uusista ja muuttuneista ohjeista ovat pois päältä. "
    "Saat ne takaisin kirjoittamalla \"tilaa tiedotteet\"."
)

# --- pending documents ----------------------------------------------------------------------

PENDING_NONE = "Sinulla ei ole keskeneräisiä asiakirjoja. Kaikki on arkistoitu – hienoa!"
PENDING_TITLE = "Keskeneräiset asiakirjasi ({count})"
PENDING_TRUNCATED = "Näytän {shown}/{total}. Kun nämä on hoidettu, kirjoita uudelleen \"mitä minulla on arkistoimatta\"."
PENDING_GROUPS = {
    "failed": "Arkistointi epäonnistui – korjaa ja lähetä uudelleen",
    "draft": "Luonnokset – viimeistele asiakastietojärjestelmässä",
    "completed": "Valmiit, odottavat lukitsemista ja arkistointia",
    "locked": "Lukittu, odottaa arkistointia",
    "corrected": "Korjattu, korjaus odottaa arkistointia",
    "queued": "Arkistointijonossa",
}
DOCUMENT_LINE = "{title} · nro {id}"
DOCUMENT_NO_PROBLEMS = "Tiedot kunnossa."
ARCHIVE_BUTTON = "Lukitse ja arkistoi"
SEND_BUTTON = "Lähetä arkistoon"
ARCHIVE_ALL_BUTTON = "Lukitse ja arkistoi kaikki valmiit ({count})"
FIX_BUTTON = "Korjaa tiedot"
INSTRUCTION_BUTTON = "Ohje"

# --- archiving --------------------------------------------------------------------------------

# every chosen document is completed: each is locked first
CONFIRM_TITLE = Plural("Lukitaanko ja arkistoidaanko {count} asiakirja?", "Lukitaanko ja arkistoidaanko {count} asiakirjaa?")
# every chosen document is locked already (or failed, or a correction): nothing is locked now
CONFIRM_SEND_TITLE = Plural("Lähetetäänkö {count} asiakirja arkistoon?", "Lähetetäänkö {count} asiakirjaa arkistoon?")
# some are completed, some locked already
CONFIRM_MIXED_TITLE = Plural("Arkistoidaanko {count} asiakirja?", "Arkistoidaanko {count} asiakirjaa?")
CONFIRM_LOCKS = Plural("Niistä yksi on valmis ja lukitaan ensin.", "Niistä {count} on valmiita, ja ne lukitaan ensin.")
CONFIRM_BODY = (
    "Lukitun asiakirjan sisältöä ei voi enää muokata. Arkistoinnin jälkeen muutokset tehdään korjauksena, "
    "joka korvaa arkistossa aiemman version."
)
CONFIRM_SEND_BODY = "Arkistoinnin jälkeen muutokset tehdään korjauksena, joka korvaa arkistossa aiemman version."
CONFIRM_YES = "Kyllä, lukitse ja arkistoi"
CONFIRM_SEND_YES = "Kyllä, lähetä arkistoon"
CONFIRM_NO = "Peruuta"
ARCHIVE_CANCELLED = "Selvä, en lukinnut enkä arkistoinut mitään."
ARCHIVE_QUEUED = Plural(
    "Lähetin {count} asiakirjan arkistointijonoon. Kerron, kun se on arkistoitu.",
    "Lähetin {count} asiakirjaa arkistointijonoon. Kerron, kun ne on arkistoitu.",
)
# some (or all) of those sent wait for the client's relationship records to reach the archive first
ARCHIVE_WAITS_ALL = Plural(
    "Se odottaa, että asiakkaan asiakkuustiedot arkistoidaan ensin – se tapahtuu automaattisesti.",
    "Ne odottavat, että asiakkaiden asiakkuustiedot arkistoidaan ensin – se tapahtuu automaattisesti.",
)
ARCHIVE_WAITS = Plural(
    "Yksi niistä odottaa, että asiakkaan asiakkuustiedot arkistoidaan ensin – se tapahtuu automaattisesti.",
    "{count} niistä odottaa, että asiakkaiden asiakkuustiedot arkistoidaan ensin – se tapahtuu automaattisesti.",
)
ARCHIVE_NOT_READY = "Näitä en voi vielä arkistoida:"
CONFIRM_MORE = Plural("…ja {count} muu", "…ja {count} muuta")
ARCHIVE_NOTHING = "Sinulla ei ole nyt asiakirjoja, jotka voisi lähettää arkistoon."
ARCHIVE_EXPIRED = "Tämä vahvistus on jo käytetty tai vanhentunut. Pyydä lista uudelleen: \"mitä minulla on arkistoimatta\"."
RESULT_ARCHIVED = "Asiakirja \"{title}\" (nro {id}) on arkistoitu Kantaan."
RESULT_ARCHIVED_MANY = Plural("{count} asiakirjasi on arkistoitu Kantaan:", "{count} asiakirjaasi on arkistoitu Kantaan:")
RESULT_FAILED = "Asiakirjan \"{title}\" (nro {id}) arkistointi epäonnistui."
RESULT_FIX_HEAD = "Korjaa näin:"
RESULT_FIX_GENERIC = (
    "Arkisto ei ottanut asiakirjaa vastaan. Tarkista asiakirjan tiedot ja lähetä se uudelleen. "
    "Jos virhe toistuu, ota yhteys neuvontadeskiin."
)

# --- metadata fixes -----------------------------------------------------------------------------

META_TITLE = "Asiakirjan tiedot: {title} (nro {id})"
META_ARCHIVED_NOTE = "Asiakirja on jo arkistoitu. Tallennus tekee siitä korjatun version, joka korvaa arkistossa aiemman."
META_TASK_LABEL = "Palvelutehtävä"
META_SERVICES_LABEL = "Sosiaalipalvelut"
META_SERVICES_HINT = "Vaihtoehdot ovat valitun palvelutehtävän sosiaalipalvelut. Jos vaihdat palvelutehtävän, päivitä vaihtoehdot."
META_SERVICES_NONE = "Tälle asiakirjalle ei merkitä sosiaalipalvelua."
META_SERVICES_CHOOSE_TASK = "Sosiaalipalvelut: valitse ensin palvelutehtävä ja paina \"Päivitä vaihtoehdot\", niin näet sen sosiaalipalvelut."
META_TASK_REQUIRED = "Valitse palvelutehtävä."
META_UNIT_REQUIRED = "Valitse palveluyksikkö."
META_UNIT_LABEL = "Palveluyksikkö"
META_REFRESH = "Päivitä vaihtoehdot"
META_SAVE = "Tallenna"
META_CANCEL = "Peruuta"
META_CANCELLED = "Selvä, tiedot jäivät ennalleen."
META_SAVED = "Tallensin asiakirjan \"{title}\" (nro {id}) tiedot."
META_SAVED_CORRECTION = (
    "Tallensin korjauksen: asiakirjasta \"{title}\" (nro {id}) tehtiin versio {version}, "
    "joka lähtee arkistoon korvaamaan aiemman."
)
META_RESENT = "Lähetin asiakirjan uudelleen arkistoon. Kerron, kun tulos on selvillä."
META_NO_CHANGES = "Et muuttanut mitään, joten tallennettavaa ei ollut."
META_BAD_CHOICE = "{label}: valinta \"{code}\" ei ole tarjolla tälle asiakirjalle. Mitään ei muutettu – avaa lomake uudelleen ja valitse listalta."
META_TASK_CHANGED = "Vaihdoit palvelutehtävän, joten sosiaalipalvelujen vaihtoehdot muuttuivat. Valitse ne uudelleen ja tallenna – mitään ei vielä muutettu."
META_NOT_EDITABLE = "Tämän asiakirjan tietoja ei voi nyt muuttaa."
META_PROBLEMS_LEFT = "Asiakirjassa on vielä korjattavaa:"
META_READY = "Tiedot ovat nyt kunnossa. Voit lukita ja arkistoida asiakirjan."
META_READY_SEND = "Tiedot ovat nyt kunnossa. Voit lähettää asiakirjan arkistoon."
# saving a fix that sends the document (a failed one again, an archived one as a correction) asks first
META_CONFIRM_RESEND = "Tallennetaanko tiedot ja lähetetäänkö asiakirja \"{title}\" (nro {id}) uudelleen arkistoon?"
META_CONFIRM_CORRECTION = (
    "Tallennetaanko korjaus? Asiakirjasta \"{title}\" (nro {id}) tehdään uusi versio, joka lähetetään arkistoon "
    "korvaamaan aiemman."
)
META_CONFIRM_YES = "Kyllä, tallenna ja lähetä"
META_CONFIRM_EXPIRED = "Tämä vahvistus on jo käytetty tai vanhentunut, joten mitään ei tallennettu. Avaa lomake uudelleen: \"Korjaa tiedot\"."

# --- terminal chat (arkistobotti chat) --------------------------------------------------------------

CHAT_GREETING = "Arkistobotti keskustelee kanssasi käyttäjänä {name}. Kirjoita viesti, paina painiketta numerolla, lopeta komennolla /q."
CHAT_CHOOSE = "Valitse numero (useampi pilkulla erotettuna), tyhjä = pidä nykyinen:"
CHAT_CHOOSE_ONE = "Valitse numero, tyhjä = pidä nykyinen:"
CHAT_TYPE_TEXT = "Kirjoita teksti, tyhjä = pidä nykyinen:"
CHAT_BAD_CHOICE = "Numeroa {number} ei ole listalla; valinta jäi ennalleen."
CHAT_NO_CHOICES = "Tässä ei ole nyt vaihtoehtoja."
CHAT_NO_SUCH_BUTTON = "Valintaa {number} ei ole. Paina jotakin näkyvistä numeroista tai kirjoita viesti."
CHAT_NO_BUTTONS = "Valintaa {number} ei ole: viimeisimmässä vastauksessa ei ole painikkeita. Kirjoita viesti."
CHAT_LINK = "Avaa selaimessa: {url}"
CHAT_LATER = "[myöhemmin]"
