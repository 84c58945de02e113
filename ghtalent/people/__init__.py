"""Who a person is: country, company, university and research topics from profile text.

Pure functions (no network, no dagster) over reference tables kept as data files in
``ghtalent/people/data/``. See ``ghtalent/people/README.md`` for the rules.
"""

from ghtalent.people.companies import KINDS, Company, company_kind, normalize_company
from ghtalent.people.countries import country_of
from ghtalent.people.topics import research_topics
from ghtalent.people.universities import university_from_domain, university_of

__all__ = [
    "KINDS",
    "Company",
    "company_kind",
    "country_of",
    "normalize_company",
    "research_topics",
    "university_from_domain",
    "university_of",
]
