"""The supplier-payment files' columns (the national open-data format) and the suppliers other
than the register's enterprises: ordinary companies and associations that look like social
enterprises but are not in the register."""

HEADERS = [
    "kommun_id",
    "bokforingsdatum",
    "leverantor",
    "organisationsnummer",
    "belopp",
    "fakturanummer",
    "konto",
    "kontotext",
    "forvaltning",
    "verifikationsnummer",
    "personuppgift",
]
COMPANIES = [
    "Byggservice Norden AB",
    "Kontorsmaterial Direkt AB",
    "Fjärrvärme Sjöstad AB",
    "Livsmedelsgrossisten Syd AB",
    "IT-Partner Öst AB",
    "Städbolaget Glans AB",
    "Transportgruppen AB",
    "Konsultbyrån Analys AB",
]
LOOKALIKES = [
    ("Hemtjänstkooperativet Vänskap ek. för.", "769"),
    ("Föreningen Gröna Fingrar, ideell förening", "802"),
    ("Arbetsintegrerande Cafét i Hamnen ekonomisk förening", "769"),
]
ACCOUNTS = [
    ("4010", "Livsmedel"),
    ("6540", "IT-tjänster"),
    ("7010", "Städtjänster"),
    ("4630", "Entreprenad, grönytor"),
    ("6110", "Kontorsmateriel"),
]
ADMINISTRATIONS = ["Kommunstyrelseförvaltningen", "Socialförvaltningen", "Samhällsbyggnad"]
