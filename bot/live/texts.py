"""Every Finnish string of the live-data answers, in one place for review."""

from __future__ import annotations

from archiving.plural import Plural

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
FAILED_SHOWN = Plural(
    "Näytän uusimman. Kaikki keskeneräiset näet kirjoittamalla *mitä minulla on arkistoimatta*.",
    "Näytän {count} uusinta. Kaikki keskeneräiset näet kirjoittamalla *mitä minulla on arkistoimatta*.",
)
FAILED_NONE = "Sinulla ei ole epäonnistuneita arkistointeja."
FAILED_NONE_WAITING = Plural(
    "Sinulla ei ole epäonnistuneita arkistointeja. Arkistoimatta on {count} asiakirja, ja sen tilanteen näet alta.",
    "Sinulla ei ole epäonnistuneita arkistointeja. Arkistoimatta on {count} asiakirjaa, ja niiden tilanteen näet alta.",
)
FAILED_INSTRUCTION = "Ohje: Arkistointi epäonnistui"

COUNT_SUMMARY = Plural("Sinulla on {count} asiakirja arkistoimatta: {parts}.", "Sinulla on {count} asiakirjaa arkistoimatta: {parts}.")
COUNT_LABELS = {
    "failed": Plural("{count} epäonnistunut", "{count} epäonnistunutta"),
    "completed": Plural("{count} valmis mutta lukitsematon", "{count} valmista mutta lukitsematonta"),
    "locked": Plural("{count} lukittu mutta lähettämätön", "{count} lukittua mutta lähettämätöntä"),
    "queued": Plural("{count} arkistoon jonossa odottava", "{count} arkistoon jonossa odottavaa"),
    "corrected": Plural("{count} lähettämätön korjaus", "{count} lähettämätöntä korjausta"),
}
SHOW_PENDING = "Näytä arkistoimattomat"
