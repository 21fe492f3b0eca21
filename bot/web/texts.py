"""Every Finnish string of the web pages, in one place for review (and a later Swedish version)."""

from __future__ import annotations

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
    "Tämä sivu vaatii kirjautumisen. Pyydä botilta Teamsissa kirjautumislinkki kirjoittamalla "
    "”avaa deskikonsoli” ja avaa linkki kymmenen minuutin sisällä."
)
LOGIN_FAILED_TITLE = "Kirjautumislinkki ei kelpaa"
LOGIN_FAILED = (
    "Kirjautumislinkki on vanhentunut, jo käytetty tai virheellinen. Pyydä botilta uusi linkki "
    "kirjoittamalla ”avaa deskikonsoli”."
)
LOGGED_OUT_TITLE = "Olet kirjautunut ulos"
LOGGED_OUT = "Istuntosi on päättynyt. Voit sulkea tämän välilehden."
FORBIDDEN_TITLE = "Ei käyttöoikeutta"
FORBIDDEN = "Sinulla ei ole oikeutta tähän sivuun. Jos tarvitset oikeuden, ota yhteys arkistonhoitajaan."
CSRF_TITLE = "Lomake vanhentui"
CSRF = "Lomaketta ei voitu käsitellä turvallisesti. Palaa edelliselle sivulle, lataa se uudelleen ja yritä uudestaan."
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
