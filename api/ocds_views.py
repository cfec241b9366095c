"""Procurements as open data: the OCDS 1.1 release package, its CSV and its description."""

urlpatterns: list = []
