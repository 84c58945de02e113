"""One typed configuration layer: every file in config/, the environment and the inbox format
are validated by pydantic models here (`base.validate`), with one-line errors naming the file,
the key, the bad value and the fix.

Modules: `keywords` (keywords.toml), `environment` (GHTALENT_*, GITHUB_TOKEN, X_BEARER_TOKEN),
`enrich`, `academic`, `github`, `checks`, `schedule`, `scoring` (their .toml files).
"""

from ghtalent.config.base import ConfigError, ConfigModel, read_toml, validate
from ghtalent.config.keywords import (
    START_DATE,
    Group,
    Keyword,
    KeywordConfig,
    Scope,
    UnknownKeywordError,
    default_keyword_config,
    load_keyword_config,
)

__all__ = [
    "START_DATE",
    "ConfigError",
    "ConfigModel",
    "Group",
    "Keyword",
    "KeywordConfig",
    "Scope",
    "UnknownKeywordError",
    "default_keyword_config",
    "load_keyword_config",
    "read_toml",
    "validate",
]
