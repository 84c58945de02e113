"""Where each person's and repository's own page lives in the export, for links to it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

PEOPLE_DIR = "people"
REPOS_DIR = "repos"


@lru_cache(maxsize=65536)
def page_slug(name: str) -> str:
    """A file-name-safe, reversible slug: letters, digits, '-', '.' kept; others as _hex_."""
    return re.sub(r"[^A-Za-z0-9.-]", lambda m: f"_{ord(m.group(0)):x}_", str(name))


class Pages:
    """The logins and repositories that have a page; ``prefix`` is '' from the report and
    '../' from a page in people/ or repos/."""

    def __init__(self, logins: Iterable[str] = (), repos: Iterable[str] = (), prefix: str = ""):
        self.logins = {str(x).lower(): str(x) for x in logins}
        self.repos = {str(x).lower(): str(x) for x in repos}
        self.prefix = prefix

    def relative_to(self, prefix: str) -> Pages:
        other = Pages(prefix=prefix)
        other.logins, other.repos = self.logins, self.repos
        return other

    def person(self, login: object) -> str | None:
        """The link to a person's (or organization's) page, if the export has one."""
        found = self.logins.get(str(login).lower())
        return f"{self.prefix}{PEOPLE_DIR}/{page_slug(found)}.html" if found else None

    def repo(self, full_name: object) -> str | None:
        found = self.repos.get(str(full_name).lower())
        return f"{self.prefix}{REPOS_DIR}/{page_slug(found)}.html" if found else None
