"""Every Finnish string of the live-data answers, in one place for review."""

from __future__ import annotations

CONTACT_ONE = "Palveluyksikkösi {unit} arkistointiyhteyshenkilö on {names}."
CONTACT_MANY = "Palveluyksikkösi {unit} arkistointiyhteyshenkilöt ovat {names}."
CONTACT_NONE = (
    "Palveluyksiköllesi {unit} ei ole botin tiedoissa nimetty arkistointiyhteyshenkilöä. "
    "Kysy esihenkilöltäsi tai neuvontadeskistä (kirjoita *haluan deskiin*)."
)
CONTACT_NO_UNIT = (
    "En tiedä, mihin palveluyksikköön kuulut, joten en löydä yhteyshenkilöäsi. "
    "Kysy esihenkilöltäsi tai neuvontadeskistä (kirjoita *haluan deskiin*)."
)
CONTACT_WITH_EMAIL = "{name} ({email})"
CONTACT_INSTRUCTION = "Mitä yhteyshenkilö tekee"

FAILED_TITLE = "Epäonnistuneet arkistointisi ({count})"
FAILED_SHOWN = "Näytän {shown} uusinta. Kaikki keskeneräiset näet kirjoittamalla *mitä minulla on arkistoimatta*."
FAILED_NONE = "Sinulla ei ole epäonnistuneita arkistointeja."
FAILED_NONE_WAITING = "Sinulla ei ole epäonnistuneita arkistointeja. Arkistoimatta on {count} asiakirjaa, ja niiden tilanteen näet alta."
FAILED_INSTRUCTION = "Ohje: Arkistointi epäonnistui"

COUNT_SUMMARY = "Sinulla on {total} asiakirjaa arkistoimatta: {parts}."
COUNT_ONE = "Sinulla on 1 asiakirja arkistoimatta: {parts}."
COUNT_LABELS = {
    "failed": "{n} epäonnistui",
    "completed": "{n} valmis mutta lukitsematon",
    "locked": "{n} lukittu mutta lähettämättä",
    "queued": "{n} jonossa arkistoon",
    "corrected": "{n} korjausta lähettämättä",
}
SHOW_PENDING = "Näytä arkistoimattomat"
