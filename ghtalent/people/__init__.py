"""Who a person is: country, company, university and research topics from profile text.

Pure functions over reference tables kept as data files in ``ghtalent/people/data/``.
"""

from ghtalent.people.countries import country_of


def normalize_company(raw):  # placeholder until companies.py lands
    return None


__all__ = ["country_of", "normalize_company"]
