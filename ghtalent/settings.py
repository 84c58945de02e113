"""Run-time settings from the environment: validated in `ghtalent.config.environment`."""

from ghtalent.config.environment import (
    DEFAULT_X_API,
    SOURCES,
    X_TOKEN_VARIABLE,
    Environment,
    Settings,
    SettingsError,
    load_settings,
    source_slug_of,
)

__all__ = [
    "DEFAULT_X_API",
    "SOURCES",
    "X_TOKEN_VARIABLE",
    "Environment",
    "Settings",
    "SettingsError",
    "load_settings",
    "source_slug_of",
]
