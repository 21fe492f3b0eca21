"""The national code systems the core knows, by OID (THL Koodistopalvelu)."""

from __future__ import annotations

SERVICE_TASK = "1.2.246.537.6.1221"  # Sosiaalihuolto - Palvelutehtävä
SOCIAL_SERVICE = "1.2.246.537.6.1222"  # Sosiaalihuolto - Sosiaalipalvelut
DOCUMENT_TYPE = "1.2.246.537.6.1506"  # Sosiaalihuolto - Asiakasasiakirjatyyppi
RELATIONSHIP_DOCUMENT_TYPE = "1.2.246.537.6.1505"  # asiakkuus-, asia- ja tahdonilmaisuasiakirjat
SERVICE_UNIT_REGISTER = "1.2.246.537.6.202"  # SOTE-organisaatiorekisteri (service units)

CODE_SYSTEMS = (SERVICE_TASK, SOCIAL_SERVICE)
DOCUMENT_TYPE_SYSTEMS = (DOCUMENT_TYPE, RELATIONSHIP_DOCUMENT_TYPE)
IMPORTABLE = CODE_SYSTEMS + DOCUMENT_TYPE_SYSTEMS

NAMES_EN = {
    SERVICE_TASK: "service task",
    SOCIAL_SERVICE: "social service",
    DOCUMENT_TYPE: "document type",
    RELATIONSHIP_DOCUMENT_TYPE: "relationship/case document type",
}

# Well-known 1505 codes: the relationship and case records the queue sends first.
RELATIONSHIP_DOCUMENT_CODE = "1"  # Asiakkuusasiakirja
CASE_DOCUMENT_CODE = "2"  # Asia-asiakirja
