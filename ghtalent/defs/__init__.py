"""The Dagster layer: thin glue over github/, people/, web/, scoring/ and boards/."""
