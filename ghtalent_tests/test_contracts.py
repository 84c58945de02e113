"""The table contract in ghtalent/tables.py is the one source of the columns: the doc is
generated from it and the DuckDB tables the pipeline writes carry exactly its types."""

from __future__ import annotations

import pandas as pd

from ghtalent import tables
from ghtalent.paths import REPO_ROOT


def test_contracts_doc_matches_the_contract():
    doc = (REPO_ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    assert set(tables.CONTRACTS) == {m.group(2) for m in tables.CONTRACT_BLOCK.finditer(doc)}
    assert tables.render_contracts_doc(doc) == doc, "run `python -m ghtalent.tables`"


def test_every_column_has_a_known_type():
    for table, columns in tables.CONTRACTS.items():
        for name, column in columns.items():
            assert column.dtype in tables.TYPE_NAMES, (table, name)


def test_typed_orders_by_the_contract_and_keeps_extra_columns_after():
    frame = pd.DataFrame({"stars_gained": [3], "full_name": ["a/b"], "extra": [1]})
    out = tables.typed(frame, "star_history", "2026-12-01", "llm")
    assert list(out.columns) == [*tables.CONTRACTS["star_history"], "extra"]
    assert str(out["stars_gained"].dtype) == "Int64"
    assert out["week"].isna().all()


def _string_lists(path):
    import ast

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.List | ast.Tuple | ast.Set) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
        ):
            yield node.lineno, [e.value for e in node.elts]


def test_no_table_column_list_is_written_again_outside_the_contract():
    """A writer or reader that needs a whole table's columns takes `tables.columns_of`; a list
    naming most of a table's columns again would drift from the contract unnoticed."""
    repeated = []
    for path in (REPO_ROOT / "ghtalent").rglob("*.py"):
        if path.name == "tables.py":
            continue
        for line, names in _string_lists(path):
            for table in tables.CONTRACTS:
                columns = set(tables.columns_of(table))
                inside = [n for n in names if n in columns]
                if len(inside) >= 5 and len(inside) >= 0.9 * len(columns):
                    repeated.append(f"{path.relative_to(REPO_ROOT)}:{line} repeats {table}")
    assert not repeated, repeated
