"""The register's demo vocabulary shared by both demo municipalities: what each service
category offers, first and last names, contact roles, tags, notes per status, the notes on the
four criteria, organisation-number prefixes per legal form, and the fixed dates."""

from datetime import date

from enterprises.demo_data.categories import (
    BIL,
    CATER,
    CYKEL,
    FAST,
    FLYTT,
    FRUKT,
    GRAS,
    IT,
    KAFE,
    KONTOR,
    LOKAL,
    ODLING,
    SECOND,
    SNICK,
    SNO,
    TVATT,
)
from enterprises.models import EnterpriseKind, EnterpriseStatus, LegalForm

EF = LegalForm.ECONOMIC_ASSOCIATION
IF = LegalForm.NON_PROFIT_ASSOCIATION
SVB = LegalForm.LIMITED_COMPANY_SVB
STIFT = LegalForm.FOUNDATION
ASF = EnterpriseKind.WISE
IDEB = EnterpriseKind.NON_PROFIT
INNO = EnterpriseKind.SOCIAL_INNOVATION

OFFERS = {
    SNO: "Snöskottning av entréer, trappor och gångvägar samt sandning och halkbekämpning.",
    FRUKT: "Fruktkorgar till arbetsplatser, förskolor och skolor med leverans varje vecka.",
    BIL: "Invändig och utvändig tvätt av tjänstebilar, även bilpooler på plats.",
    GRAS: "Gräsklippning, trimning, lövkrattning och skötsel av parker och grönytor.",
    LOKAL: "Lokalvård i kontor, skolor och förskolor; storstädning och fönsterputs.",
    CATER: "Catering till möten och konferenser, luncher och fikabröd, lokalt och ekologiskt.",
    CYKEL: "Service och reparation av cyklar, även lastcyklar och kommunens tjänstecyklar.",
    SECOND: "Second hand-butik som tar emot, sorterar och säljer möbler, kläder och husgeråd.",
    TVATT: "Tvätt och mangling av arbetskläder, textilier och duktyg med hämtning och lämning.",
    FLYTT: "Flytt av kontor och bostäder, magasinering och bortforsling av möbler.",
    FAST: "Fastighetsservice: enklare underhåll, målning, trappstädning och vaktmästeri.",
    KAFE: "Kafé med lunchservering och fika; tar emot beställningar till möten.",
    SNICK: "Snickeri och hantverk: renovering av möbler, trädgårdsmöbler och presentartiklar.",
    KONTOR: "Kontorsservice: utskick, kuvertering, skanning och enklare tryckjobb.",
    IT: "Tar emot uttjänt IT-utrustning, raderar data säkert och renoverar för återbruk.",
    ODLING: "Odling av grönsaker och plantor, trädgårdsskötsel och grön rehabilitering.",
}

# Societal challenges and Agenda 2030 goals that fit each service category.
CATEGORY_CHALLENGES = {
    SECOND: ["Klimat och miljö"],
    IT: ["Klimat och miljö"],
    CYKEL: ["Klimat och miljö"],
    ODLING: ["Klimat och miljö", "Hälsa"],
    SNO: ["Trygghet"],
    FAST: ["Trygghet"],
}

CATEGORY_SDGS = {
    SECOND: [12, 13],
    IT: [12],
    CYKEL: [11, 13],
    ODLING: [2, 15],
    CATER: [2, 12],
    FRUKT: [3],
    SNO: [11],
    FAST: [11],
    GRAS: [11, 15],
    TVATT: [6],
    LOKAL: [3],
}

FIRST_NAMES = [
    "Anna",
    "Lars",
    "Maria",
    "Erik",
    "Karin",
    "Johan",
    "Sara",
    "Mikael",
    "Lena",
    "Anders",
    "Elin",
    "Fredrik",
    "Emma",
    "Jonas",
    "Ingrid",
    "Peter",
    "Amina",
    "Ahmed",
    "Fatima",
    "Mohammed",
    "Leila",
    "Yusuf",
    "Sofia",
    "Daniel",
    "Helena",
    "Magnus",
    "Linnea",
    "Oskar",
    "Birgitta",
    "Tomas",
    "Aisha",
    "Dragan",
    "Selma",
    "Mattias",
    "Hanna",
    "Patrik",
    "Ulla",
    "Kerstin",
    "Nils",
    "Jenny",
]

LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Lindberg",
    "Lindström",
    "Berglund",
    "Holm",
    "Sandberg",
    "Öberg",
    "Åkesson",
    "Lundgren",
    "Forsberg",
    "Hassan",
    "Ali",
    "Mohamud",
    "Yilmaz",
    "Kovačević",
    "Nordin",
    "Sjöberg",
    "Wikström",
    "Engström",
    "Hedlund",
    "Björk",
    "Strand",
    "Ekström",
    "Lind",
    "Abdi",
    "Jovanović",
    "Sundqvist",
    "Nyström",
]

ROLES = {
    LegalForm.ECONOMIC_ASSOCIATION: [
        "Verksamhetsledare",
        "Ordförande",
        "Handledare",
        "Arbetsledare",
    ],
    LegalForm.LIMITED_COMPANY_SVB: ["VD", "Arbetsledare", "Handledare", "Styrelseordförande"],
    LegalForm.NON_PROFIT_ASSOCIATION: ["Ordförande", "Samordnare", "Kassör", "Handledare"],
    LegalForm.FOUNDATION: ["Verksamhetschef", "Styrelseordförande", "Handledare"],
}

TAGS = [
    "Upphandlingsbar",
    "Direktupphandling",
    "Dialogforum",
    "Arbetsträning",
    "Praktikplatser",
    "ESF-projekt",
    "Lönebidrag",
    "Nyanlända",
    "Unga vuxna",
    "Cirkulär ekonomi",
    "IOP-intresse",
    "Reserverad upphandling",
    "Sysselsättningskrav",
]

RURAL_TAGS = ["Landsbygd", "Bygdeutveckling"]

NOTES = {
    EnterpriseStatus.ACTIVE: [
        "Har avtal med kommunen efter direktupphandling; levererar varje vecka.",
        "Tar emot deltagare från arbetsmarknadsenheten i arbetsträning.",
        "Deltar i dialogforum för sociala företag; bra kontakt med verksamhetsledaren.",
        "Vann den reserverade upphandlingen förra året; avtalet löper två år till.",
        "Uppföljningsmöte hålls varje halvår tillsammans med Arbetsförmedlingen.",
        "Samverkar med socialtjänsten kring praktikplatser för unga vuxna.",
    ],
    EnterpriseStatus.IDENTIFIED: [
        "Hittad i leverantörsreskontran; kontakt ännu inte tagen.",
        "Tips från Coompanion; boka ett första möte.",
        "Presenterade sig på nätverksträffen för sociala företag.",
        "Kontakt via Arbetsförmedlingen; vill veta mer om kommunens upphandlingar.",
        "Behöver följas upp: skicka inbjudan till nästa dialogmöte.",
        "Okänt om kriterierna uppfylls; begär stadgar och senaste årsredovisning.",
    ],
    EnterpriseStatus.DORMANT: [
        "Verksamheten pausad i väntan på ny finansiering.",
        "Verksamhetsledaren har slutat; styrelsen ser över hur verksamheten ska drivas vidare.",
        "Tappade sitt avtal när lokalen såldes; söker nya lokaler.",
    ],
    EnterpriseStatus.ENDED: [
        "Föreningen har trätt i likvidation enligt Bolagsverket.",
        "Verksamheten avvecklades när ESF-projektet tog slut.",
        "Gick samman med en annan förening; se den nya posten i registret.",
    ],
}

CRITERIA = [
    "surplus_reinvested",
    "mission_in_statutes",
    "independent",
    "employee_participation",
]

YES_NOTES = {
    "surplus_reinvested": [
        "Stadgarna § 12; överskottet återinvesteras i verksamheten",
        "Årsredovisning 2024: ingen utdelning, överskottet balanserat",
        "Årsredovisning 2025 granskad; överskottet återinvesterat",
    ],
    "mission_in_statutes": [
        "Stadgarna § 2",
        "Stadgarna § 3 (ändamål)",
        "Stadgarna § 2: skapa arbete för personer långt från arbetsmarknaden",
    ],
    "independent": [
        "Ingen offentlig ägare; styrelsen väljs av medlemmarna",
        "Registreringsbevis och styrelseprotokoll kontrollerade",
        "Ingen kommunal representation i styrelsen",
    ],
    "employee_participation": [
        "Anställda kan bli medlemmar, stadgarna § 5",
        "Personalmöte varje månad; besluten protokollförs",
        "Skriftlig rutin för medarbetarinflytande, antagen av årsstämman",
    ],
}

SVB_YES_NOTES = {
    "surplus_reinvested": ["Bolagsordningen § 9: särskild vinstutdelningsbegränsning (svb)"],
    "mission_in_statutes": ["Bolagsordningen § 3 (verksamhet)"],
}

NON_PROFIT_YES_NOTES = {
    "surplus_reinvested": ["Ideell verksamhet; överskott går tillbaka till ändamålet (§ 1)"],
    "employee_participation": ["Deltagare och anställda är medlemmar med rösträtt på årsmötet"],
}

NO_NOTES = {
    "surplus_reinvested": ["Utdelning till ägarna 2023 enligt årsredovisningen"],
    "mission_in_statutes": ["Stadgarna nämner inte det sociala syftet"],
    "independent": ["Kommunen utser två av styrelsens ledamöter"],
    "employee_participation": ["Ingen skriftlig rutin för medarbetarinflytande"],
}

SELF_DECLARED = "Enligt företagets egen uppgift; inte kontrollerat"

FORMATION_NOTE = (
    "Under bildande: stadgar antagna på konstituerande stämma, registrering hos "
    "Bolagsverket pågår. Organisationsnummer saknas ännu."
)

ORG_PREFIXES = {
    LegalForm.ECONOMIC_ASSOCIATION: ["769"],
    LegalForm.NON_PROFIT_ASSOCIATION: ["802"],
    LegalForm.FOUNDATION: ["802"],
    LegalForm.LIMITED_COMPANY_SVB: ["556", "559"],
}

LAST_DATE = date(2026, 10, 30)  # fixed, so the data does not depend on the day it is seeded

CHECKS_FROM = date(2024, 1, 1)
