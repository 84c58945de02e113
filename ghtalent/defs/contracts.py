"""The warehouse table contracts (ghtalent/tables.py) as Dagster column schemas, so the UI
shows each asset's columns, types and meanings from the one place they are declared."""

from __future__ import annotations

import dagster as dg

from ghtalent.tables import CONTRACTS, TYPE_NAMES


def column_schema(table: str) -> dg.TableSchema:
    return dg.TableSchema(
        columns=[
            dg.TableColumn(name, TYPE_NAMES[column.dtype], description=column.meaning or None)
            for name, column in CONTRACTS[table].items()
        ]
    )


def with_column_schemas(assets: list) -> list:
    """`assets` with the contract's column schema on every asset that writes a contracted table."""

    def attach(spec: dg.AssetSpec) -> dg.AssetSpec:
        table = spec.key.path[-1]
        if table not in CONTRACTS:
            return spec
        return spec.merge_attributes(metadata={"dagster/column_schema": column_schema(table)})

    return list(dg.map_asset_specs(attach, assets))
