"""Who each person is: raw GitHub profiles + normalizers (people/) + scraped pages (web/)."""

from ghtalent.enrich.candidates import pick_candidates
from ghtalent.enrich.profiles import ENRICHED_COLUMNS, enrich
from ghtalent.enrich.scrape import PageFacts, scrape_people

__all__ = ["ENRICHED_COLUMNS", "PageFacts", "enrich", "pick_candidates", "scrape_people"]
