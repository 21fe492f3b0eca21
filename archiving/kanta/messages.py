"""The archive's answers in Finnish and English, in one place for review.

Error codes are stable identifiers of the stand-in archive (the real archive's
numeric codes are not public); the wording follows the shape of an archive's
rejection: what is wrong, and what the sender must do. No message ever
contains a henkilötunnus.
"""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    fi: str
    en: str


FIELD_NAMES_FI: dict[str, str] = {
    "set_id": "asiakirjan tunniste (setId)",
    "version": "versionumero",
    "document_type": "asiakirjatyyppi",
    "title": "asiakirjan otsikko",
    "client_hetu": "asiakkaan henkilötunnus",
    "service_task_code": "palvelutehtävä",
    "social_service_codes": "sosiaalipalvelu",
    "service_unit_oid": "palveluyksikkö",
    "register_keeper_oid": "rekisterinpitäjä",
    "author": "laatija",
    "effective_time": "asiakirjan ajankohta",
    "content_hash": "sisällön tiiviste",
    "case_set_id": "asia-asiakirja",
    "reason": "mitätöinnin syy",
}

MISSING_METADATA = Text(
    "Pakollinen tieto puuttuu: {field_fi}. Täydennä tieto ja arkistoi uudelleen.",
    "Mandatory metadata missing: {field}. Complete it and archive again.",
)
INVALID_HETU = Text(
    "Asiakkaan henkilötunnus ei ole kelvollinen. Tarkista asiakkaan perustiedot.",
    "The client's personal identity code is not valid. Check the client's basic data.",
)
UNKNOWN_DOCUMENT_TYPE = Text(
    "Asiakirjatyyppiä {code} ei ole luokituksessa {system}.",
    "Document type {code} is not in classification {system}.",
)
KIND_TYPE_MISMATCH = Text(
    "Asiakirjatyyppi {code} ei sovi tälle asiakirjalle ({kind_fi}).",
    "Document type {code} does not fit a {kind} record.",
)
UNKNOWN_SERVICE_TASK = Text(
    "Palvelutehtävää {code} ei ole luokituksessa 1.2.246.537.6.1221.",
    "Service task {code} is not in classification 1.2.246.537.6.1221.",
)
UNKNOWN_SOCIAL_SERVICE = Text(
    "Sosiaalipalvelua {code} ei ole luokituksessa 1.2.246.537.6.1222.",
    "Social service {code} is not in classification 1.2.246.537.6.1222.",
)
SOCIAL_SERVICE_NOT_ALLOWED = Text(
    "Sosiaalipalvelua {code} ei voi käyttää palvelutehtävän {task} kanssa.",
    "Social service {code} is not allowed with service task {task}.",
)
SOCIAL_SERVICE_REQUIRED = Text(
    "Asiakirjatyyppi {code} vaatii vähintään yhden sosiaalipalvelun.",
    "Document type {code} requires at least one social service.",
)
SOCIAL_SERVICE_NOT_EXPECTED = Text(
    "Asiakirjatyypille {code} ei merkitä sosiaalipalvelua.",
    "Document type {code} carries no social service.",
)
UNKNOWN_SERVICE_UNIT = Text(
    "Palveluyksikköä {oid} ei löydy sosiaali- ja terveydenhuollon organisaatiorekisteristä.",
    "Service unit {oid} is not in the social and health care organisation register.",
)
INVALID_OID = Text(
    "Tunniste {value} ei ole kelvollinen OID ({field_fi}).",
    "{value} is not a valid OID ({field}).",
)
HASH_MISMATCH = Text(
    "Asiakirjan sisältö ei vastaa sen tiivistettä. Asiakirja on muuttunut lukitsemisen jälkeen.",
    "The body does not match its hash; the document changed after it was locked.",
)
RELATIONSHIP_MISSING = Text(
    "Asiakkaan asiakkuusasiakirja puuttuu arkistosta. Asiakkuustiedot arkistoidaan ennen asiakasasiakirjoja.",
    "The client's relationship record is not in the archive; relationship data must be archived first.",
)
CASE_MISSING = Text(
    "Asiakirjaan liittyvä asia-asiakirja puuttuu arkistosta. Asiatiedot arkistoidaan ennen asiakasasiakirjoja.",
    "The case record this document belongs to is not in the archive; it must be archived first.",
)
SET_EXISTS = Text(
    "Asiakirja on jo arkistossa versiona {latest}. Uusi versio lähetetään korjauksena.",
    "The document is already archived as version {latest}; send a new version as a correction.",
)
VERSION_GAP = Text(
    "Korjausversion numeron on oltava {expected}, mutta se on {version}.",
    "A correction must have version {expected}, not {version}.",
)
REPLACES_WRONG = Text(
    "Korjausversion on korvattava versio {expected}.",
    "A correction must replace version {expected}.",
)
CORRECTION_WITHOUT_ORIGINAL = Text(
    "Korjattavaa asiakirjaa ei ole arkistossa.",
    "The document to be corrected is not in the archive.",
)
CORRECTING_INVALIDATED = Text(
    "Mitätöityä asiakirjaa ei voi korjata.",
    "An invalidated document cannot be corrected.",
)
NOT_FOUND = Text(
    "Asiakirjan versiota {version} ei ole arkistossa.",
    "Version {version} of the document is not in the archive.",
)
ALREADY_INVALIDATED = Text(
    "Asiakirjan versio {version} on jo mitätöity.",
    "Version {version} of the document is already invalidated.",
)
NOT_LATEST = Text(
    "Vain asiakirjan viimeisimmän version voi mitätöidä (viimeisin on {latest}).",
    "Only the latest version can be invalidated (latest is {latest}).",
)
VERSION_CONFLICT = Text(
    "Arkistossa on jo tämän asiakirjan versio {version} eri tiedoin tai eri sisällöllä (arkistotunnus {reference}). "
    "Arkistoitua versiota ei voi lähettää uudelleen muutettuna; muutos lähetetään korjausversiona.",
    "The archive already holds version {version} of this document with other metadata or content "
    "(reference {reference}); a stored version cannot be resent changed, send the change as a correction.",
)
BAD_REQUEST = Text("Arkisto ei ymmärtänyt sanomaa.", "The request is not valid: {detail}")
REJECTED_SUMMARY = Text("Arkisto hylkäsi asiakirjan: {first}", "The archive rejected the document: {first}")

BUSY = Text("Arkisto on ruuhkautunut. Lähetys yritetään myöhemmin uudelleen.", "The archive is busy; try again later.")
TIMEOUT = Text(
    "Arkisto ei vastannut ajoissa. Lähetys tarkistetaan ja yritetään uudelleen.",
    "The archive did not answer in time; the outcome is unknown.",
)
RESPONSE_LOST = Text(
    "Arkiston vastaus katosi matkalla. Lähetys tarkistetaan ja yritetään uudelleen.",
    "The archive's answer was lost; the outcome is unknown.",
)
UNREACHABLE = Text(
    "Arkistoon ei saada yhteyttä. Lähetys yritetään myöhemmin uudelleen.",
    "The archive cannot be reached; try again later.",
)
STORAGE_ERROR = Text(
    "Arkiston tallennus epäonnistui. Lähetys yritetään myöhemmin uudelleen.",
    "The archive could not store the batch; nothing was stored.",
)
BAD_ANSWER = Text(
    "Arkisto vastasi odottamattomasti. Lähetys yritetään myöhemmin uudelleen.",
    "The archive gave an unexpected answer; the outcome is unknown.",
)

KIND_FI = {"relationship": "asiakkuusasiakirja", "case": "asia-asiakirja", "client": "asiakasasiakirja"}

# --- the queue's own words about sending -------------------------------------------------
GAVE_UP = Text(
    "Arkistointi ei onnistunut {attempts} yrityksellä: {reason}.",
    "Gave up after {attempts} attempts. Last error: {error}",
)
# why the last send failed, as the end of GAVE_UP's sentence (the transient texts above promise a retry)
GAVE_UP_REASON_FI = {
    "BUSY": "arkisto oli ruuhkautunut",
    "TIMEOUT": "arkisto ei vastannut ajoissa",
    "RESPONSE_LOST": "arkiston vastaus katosi matkalla",
    "UNREACHABLE": "arkistoon ei saatu yhteyttä",
    "STORAGE_ERROR": "arkiston tallennus epäonnistui",
    "BAD_ANSWER": "arkisto vastasi odottamattomasti",
}


def gave_up_fi(attempts: int, code: str, message_fi: str) -> str:
    """The worker's sentence for a job given up on; unknown codes quote the archive's own words."""
    reason = GAVE_UP_REASON_FI.get(code) or message_fi.rstrip(".")
    return GAVE_UP.fi.format(attempts=attempts, reason=reason)
LEASE_EXPIRED = Text(
    "Arkistoinnin lähetys keskeytyi toistuvasti.",
    "The sending worker stopped mid-send on every attempt.",
)
CORRECTED_AFTER_CONFLICT = Text(
    "Arkistoon oli jo tallentunut versio {version} aiemmin lähetetyin tiedoin. Korjatut tiedot lähetetään "
    "automaattisesti uutena versiona {next}; sinun ei tarvitse tehdä mitään.",
    "The archive already held version {version} as sent earlier; the fixed metadata goes automatically "
    "as correction version {next}.",
)
LOOKUP_EMPTY = Text(
    "Arkisto ilmoitti ristiriidasta, mutta ei löytänyt tallennettua versiota. Lähetys yritetään myöhemmin uudelleen.",
    "The archive reported a conflict but holds no entry under the key; the outcome is unknown.",
)
STALE_VERSION = Text(
    "Jonossa oli asiakirjan vanha versio; uusi versio lähetetään erikseen.",
    "The queued version is no longer the document's current version.",
)
