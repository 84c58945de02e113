"""Papers: an OpenAlex client, developer → author matching with evidence, and per-person
academic influence (works, citations, h-index, top paper)."""
