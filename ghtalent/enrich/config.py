"""Enrichment settings (config/enrich.toml): validated in `ghtalent.config.enrich`."""

from ghtalent.config.enrich import EnrichConfig, load_enrich_config

__all__ = ["EnrichConfig", "load_enrich_config"]
