"""Curated inbox files: the formats, the errors a curator reads, and applying them."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ghtalent.config import default_keyword_config
from ghtalent.inbox import (
    Curation,
    ExtraPerson,
    InboxError,
    MergeIdentity,
    apply_curations,
    inbox_files,
    load_curations,
    parse_curation,
    reject,
    store,
)

CONFIG = default_keyword_config()
GOOD = {
    "date": "2026-03-02",
    "keywords": ["llm"],
    "exclude_repos": ["spam/awesome-llm-list"],
    "merge_identities": [{"into": "alice", "from": ["alice-work"]}],
    "extra_people": [{"login": "bob", "repo": "acme/llm-tool", "contributions": 12}],
    "note": "from the curators' sheet",
}


def parse(name: str, body) -> Curation:
    data = (
        body
        if isinstance(body, bytes)
        else (json.dumps(body) if isinstance(body, dict) else body).encode()
    )
    return parse_curation(name, data, CONFIG)


def test_json_file_parses_to_a_curation():
    cur = parse("fixes.json", GOOD)
    assert cur.date == "2026-03-02" and cur.keywords == ("llm",)
    assert cur.exclude_repos == ("spam/awesome-llm-list",)
    assert cur.merge_identities == (MergeIdentity("alice", ("alice-work",)),)
    assert cur.extra_people == (ExtraPerson("bob", "acme/llm-tool", 12),)
    assert cur.changes == 3 and len(cur.digest) == 12
    assert cur.applies_to("2026-03-02", "llm") and not cur.applies_to("2026-03-02", "gpt")


def test_group_slug_selects_its_keywords():
    cur = parse("g.json", {"keywords": ["language_models"], "exclude_repos": ["a/b"]})
    assert set(cur.keywords) == {"llm", "glm", "llama", "lm"} and cur.date is None


def test_csv_file_parses_to_the_same_curation():
    text = (
        "action,subject,target,contributions,date,keyword,note\n"
        "exclude_repo,spam/awesome-llm-list,,,2026-03-02,llm,from the curators' sheet\n"
        "merge_identity,alice-work,alice,,,,\n"
        "extra_person,bob,acme/llm-tool,12,,,\n"
    )
    cur = parse("fixes.csv", text)
    expected = parse("fixes.json", GOOD)
    for attr in ("date", "keywords", "exclude_repos", "merge_identities", "extra_people", "note"):
        assert getattr(cur, attr) == getattr(expected, attr)


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("a.json", "{not json", "not valid JSON"),
        ("a.json", "[1, 2]", "must be a JSON object"),
        ("a.json", {"exclude_repo": ["a/b"]}, "unknown field exclude_repo; known: kind"),
        ("a.json", {"date": "2026-13-01", "exclude_repos": ["a/b"]}, "'2026-13-01' is not a date"),
        ("a.json", {"keywords": ["gtp"], "exclude_repos": ["a/b"]}, "unknown keyword 'gtp'"),
        (
            "a.json",
            {"exclude_repos": ["not a repo"]},
            "exclude_repos #1 must be a repository (owner/name), got 'not a repo'",
        ),
        ("a.json", {"merge_identities": [{"into": "a"}]}, "merge_identities #1 needs `from`"),
        (
            "a.json",
            {"merge_identities": [{"into": "a", "from": ["b"]}, {"into": "b", "from": ["c"]}]},
            "'b' appears in more than one merge",
        ),
        (
            "a.json",
            {"extra_people": [{"login": "bob", "repo": "a/b", "contributions": 0}]},
            "contributions must be a whole number from 1 to 10,000,000, got 0",
        ),
        ("a.json", {"note": "nothing else"}, "no corrections found"),
        ("a.csv", "who,what\nx,y\n", "missing ['action', 'subject', 'target']"),
        (
            "a.csv",
            "action,subject,target\ndelete_repo,a/b,\n",
            "line 2: unknown action 'delete_repo'",
        ),
        (
            "a.csv",
            "action,subject,target\nmerge_identity,alice-work,\n",
            "needs the canonical login",
        ),
        ("a.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
        ("a.json", b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_malformed_files_say_what_is_wrong(name, body, message):
    with pytest.raises(InboxError) as err:
        parse(name, body)
    assert message in str(err.value) and name in str(err.value)


def test_inbox_listing_skips_readme_temporary_and_rejected(tmp_path):
    for name in ("README.md", "b.json", "a.csv", ".hidden.json", "c.json.tmp"):
        (tmp_path / name).write_text("x")
    (tmp_path / "rejected").mkdir()
    (tmp_path / "rejected" / "old.json").write_text("x")
    assert [p.name for p in inbox_files(tmp_path)] == ["a.csv", "b.json"]
    assert inbox_files(tmp_path / "missing") == []


def test_reject_moves_the_file_aside_with_the_error(tmp_path):
    for _ in range(2):
        (tmp_path / "bad.json").write_text("{")
        moved = reject(tmp_path / "bad.json", "bad.json: not valid JSON")
    assert not (tmp_path / "bad.json").exists()
    assert sorted(p.name for p in (tmp_path / "rejected").iterdir()) == [
        "bad.1.json",
        "bad.1.json.error.txt",
        "bad.json",
        "bad.json.error.txt",
    ]
    assert (
        moved.with_name(moved.name + ".error.txt")
        .read_text()
        .startswith("bad.json: not valid JSON")
    )


def test_stored_curations_load_back_for_their_partitions(tmp_path):
    cur = parse("fixes.json", {**GOOD, "date": None})
    path = store(cur, "2026-03-02", tmp_path)
    assert path == store(cur, "2026-03-02", tmp_path)  # idempotent
    assert (
        load_curations(tmp_path, "2026-03-02", "llm", CONFIG)[0].exclude_repos == cur.exclude_repos
    )
    assert load_curations(tmp_path, "2026-03-02", "gpt", CONFIG) == []
    assert load_curations(tmp_path, "2026-03-03", "llm", CONFIG) == []


def test_apply_excludes_merges_and_adds_people():
    repos = pd.DataFrame(
        {
            "full_name": ["acme/llm-tool", "spam/awesome-llm-list"],
            "owner_login": ["acme", "alice-work"],
        }
    )
    people = pd.DataFrame(
        {
            "date": ["2026-03-02"] * 4,
            "keyword": ["llm"] * 4,
            "full_name": [
                "acme/llm-tool",
                "acme/llm-tool",
                "spam/awesome-llm-list",
                "acme/llm-tool",
            ],
            "login": ["alice", "alice-work", "carol", "dave"],
            "user_id": [1, 2, 3, 4],
            "kind": ["User"] * 4,
            "contributions": [10, 5, 7, 1],
            "html_url": [
                "https://github.com/" + x for x in ("alice", "alice-work", "carol", "dave")
            ],
        }
    )
    profiles = pd.DataFrame({"login": ["alice", "alice-work", "carol"], "followers": [5, 1, 2]})
    r, p, f = apply_curations(repos, people, profiles, [parse("fixes.json", GOOD)])
    assert r["full_name"].tolist() == ["acme/llm-tool"]
    assert "carol" not in p["login"].tolist()  # only contributed to the excluded repo
    alice = p[p["login"] == "alice"]
    assert alice["contributions"].tolist() == [15]  # the two accounts' commits add up
    assert p.loc[p["login"] == "bob", ["full_name", "contributions", "kind"]].values.tolist() == [
        ["acme/llm-tool", 12, "User"]
    ]
    assert f["login"].tolist() == ["alice", "carol"]
    assert people["login"].tolist()[1] == "alice-work"  # the input is untouched


# -- issue 11: hostile files are rejected with a reason, stale stored curations are skipped ----


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nested 100,000 levels deep".replace(",", "")),
        ("deep2.json", '{"note": ' + "[" * 50 + "1" + "]" * 50 + "}", "nested 51 levels deep"),
        (
            "wide.csv",
            "action,subject,target,note\nexclude_repo,a/b,," + "x" * (200 * 1024) + "\n",
            "at most 131,072 characters",
        ),
        (
            "big.json",
            {**GOOD, "extra_people": [{"login": "bob", "repo": "a/b", "contributions": 10**23}]},
            "from 1 to 10,000,000, got 100000000000000000000000",
        ),
        (
            "big.csv",
            "action,subject,target,contributions\nextra_person,bob,a/b,100000000000000000000000\n",
            "contributions must be a whole number",
        ),
        ("huge.json", {**GOOD, "note": "x" * 1_200_000}, "split it into several files"),
    ],
)
def test_hostile_files_are_an_inbox_error_naming_the_file(name, body, message):
    with pytest.raises(InboxError) as caught:
        parse(name, body)
    assert str(caught.value).startswith(name) and message in str(caught.value)


def test_a_bad_file_moves_to_rejected_and_the_ones_behind_it_still_parse(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-deep.json").write_text("[" * 10_000 + "]" * 10_000)
    (inbox / "b-good.json").write_text(json.dumps(GOOD))
    accepted = []
    for path in inbox_files(inbox):
        try:
            accepted.append(parse_curation(path.name, path.read_bytes(), CONFIG))
        except InboxError as exc:
            reject(path, str(exc))
    assert [c.source for c in accepted] == ["b-good.json"]
    assert (inbox / "rejected" / "a-deep.json.error.txt").read_text().startswith("a-deep.json")


def test_a_stored_curation_no_longer_valid_is_skipped_and_reported(tmp_path):
    folder = tmp_path / "curation" / "2026-03-02"
    folder.mkdir(parents=True)
    (folder / "a-removed-keyword.json").write_text(json.dumps({**GOOD, "keywords": ["gone"]}))
    stale = {**GOOD, "extra_people": [{"login": "bob", "repo": "a/b", "contributions": 10**23}]}
    (folder / "b-huge.json").write_text(json.dumps(stale))
    (folder / "c-good.json").write_text(json.dumps(GOOD))
    skipped: list[str] = []
    found = load_curations(tmp_path / "curation", "2026-03-02", "llm", CONFIG, skipped)
    assert [c.source for c in found] == ["c-good.json"]
    assert len(skipped) == 2 and "'gone'" in skipped[0] and "b-huge.json" in skipped[1]
