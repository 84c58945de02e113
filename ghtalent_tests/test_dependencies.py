"""pyproject.toml declares what the code imports, each in the right group, and nothing else: a
clean clone installs exactly what it needs (a package that only happens to be installed as
another's dependency is one upgrade away from a broken install)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from ghtalent.paths import REPO_ROOT

LOCAL = {"ghtalent", "ghtalent_tests", "scripts"}
# Declared but never imported, each for a reason.
NOT_IMPORTED = {
    "dagster-webserver": "`make ui` (dagster dev) serves the UI with it",
    "dagster-postgres": "dagster.postgres.yaml names its storage classes",
    "psycopg2-binary": "the Postgres driver SQLAlchemy loads for dagster-postgres",
    "pytest-timeout": "a pytest plugin (the timeout in pyproject.toml)",
    "pytest-xdist": "a pytest plugin (`make test` runs with -n)",
    "ruff": "`make lint` / `make format`",
}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    main = {_name(r) for r in project["dependencies"]}
    dev = {_name(r) for r in project["optional-dependencies"]["dev"]}
    return main, dev


def _imports(folder: str) -> set[str]:
    """Top-level names of the absolute imports in every .py file under `folder`."""
    found: set[str] = set()
    for path in (REPO_ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found - LOCAL - set(sys.stdlib_module_names) - {"__future__"}


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    owners = packages_distributions()
    return {m: {d.lower().replace("_", "-") for d in owners.get(m, [])} for m in modules}


def test_product_code_imports_only_main_dependencies():
    main, _ = _declared()
    missing = {m: d for m, d in _distributions(_imports("ghtalent")).items() if not d & main}
    assert not missing, f"imported by ghtalent/ but not in [project] dependencies: {missing}"


def test_tests_and_scripts_import_only_declared_packages():
    main, dev = _declared()
    used = _imports("ghtalent_tests") | _imports("scripts")
    missing = {m: d for m, d in _distributions(used).items() if not d & (main | dev)}
    assert not missing, f"imported by tests or scripts but not declared: {missing}"


def test_every_declared_package_is_imported_or_has_a_reason():
    main, dev = _declared()
    used = _imports("ghtalent") | _imports("ghtalent_tests") | _imports("scripts")
    imported = set().union(*_distributions(used).values())
    unused = (main | dev) - imported - set(NOT_IMPORTED)
    assert not unused, f"declared in pyproject.toml but imported nowhere: {sorted(unused)}"
