"""Schedule and sensors: the run requests they make, their cursors, and what they skip."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import dagster as dg
import pytest

# A queued run is the one case with no public route: Dagster only queues runs submitted from a
# code location (daemon, webserver, `dagster job launch` with the queued coordinator), and a
# queued DagsterRun must name that location. Every other run in these tests is a real run.
from dagster._core.remote_origin import (
    InProcessCodeLocationOrigin,
    RemoteJobOrigin,
    RemoteRepositoryOrigin,
)
from dagster._core.types.loadable_target_origin import LoadableTargetOrigin

from ghtalent.config import ConfigError
from ghtalent.defs import sensors
from ghtalent.defs.jobs import DATE_TAG, KEYWORD_TAG
from ghtalent.defs.partitions import keyword_config, keyword_date_partitions
from ghtalent.defs.schedules import daily_refresh_schedule, load_schedule_config
from ghtalent.defs.sensors import EventCursor, boards_sensor, new_keyword_sensor, rescore_sensor

DAY = "2026-03-02"
ALL = keyword_config.slugs


@pytest.fixture
def instance():
    with dg.instance_for_test() as inst:
        yield inst


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GHTALENT_DATA_DIR", str(tmp_path))
    (tmp_path / "inbox").mkdir()
    return tmp_path


def in_runs(instance, partitions, during=None, fail=False) -> list[dg.DagsterRun]:
    """Real runs of a stand-in `refresh_job`, one per keyword partition, each started inside the
    one before (so all are in progress at once, tagged by Dagster as the real job's runs are).
    `during(context)` runs inside the last one; the runs then succeed, or fail when `fail`."""
    if not partitions:
        return []
    inner: list[dg.DagsterRun] = []

    @dg.op
    def work(context):
        if len(partitions) > 1:
            inner.extend(in_runs(instance, partitions[1:], during, fail))
        elif during is not None:
            during(context)
        if fail:
            raise RuntimeError("the refresh failed before scoring")

    @dg.job(name="refresh_job", partitions_def=keyword_date_partitions)
    def refresh_job():
        work()

    result = refresh_job.execute_in_process(
        instance=instance, partition_key=partitions[0], raise_on_error=False
    )
    return [result.dagster_run, *inner]


def in_a_run(instance, partition, during=None, fail=False) -> dg.DagsterRun:
    """One real run of `partition` (see `in_runs`)."""
    return in_runs(instance, [partition], during, fail)[0]


def add_queued_run(instance, keyword: str, date: str = DAY) -> dg.DagsterRun:
    """A run of one keyword partition waiting in the run queue (see the imports for why)."""
    tags = {"dagster/partition": key(keyword, date), DATE_TAG: date, KEYWORD_TAG: keyword}
    origin = RemoteJobOrigin(
        repository_origin=RemoteRepositoryOrigin(
            code_location_origin=InProcessCodeLocationOrigin(
                loadable_target_origin=LoadableTargetOrigin(module_name="ghtalent.definitions")
            ),
            repository_name="__repository__",
        ),
        job_name="refresh_job",
    )
    run = dg.DagsterRun(
        job_name="refresh_job",
        run_id=str(uuid.uuid4()),
        tags=tags,
        status=dg.DagsterRunStatus.QUEUED,
        remote_job_origin=origin,
    )
    return instance.add_run(run)


def materialize(instance, asset: str, partition: str, context=None) -> int:
    """Record a materialization (from the run of op `context`, or without a run) and return its
    storage id."""
    mat = dg.AssetMaterialization(asset_key=asset, partition=partition)
    if context is not None:
        context.log_event(mat)
    else:
        instance.report_runless_asset_event(mat)
    records = instance.fetch_materializations(dg.AssetKey(asset), limit=1).records
    return records[0].storage_id


def key(keyword: str, date: str = DAY) -> str:
    return f"{date}|{keyword}"


def tick(sensor, instance, cursor=None):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    return sensor(context), context


# --- schedule -------------------------------------------------------------------------------------


def schedule_tick(instance):
    when = datetime.fromisoformat(f"{DAY}T06:00:00+00:00")
    return daily_refresh_schedule(
        dg.build_schedule_context(instance=instance, scheduled_execution_time=when)
    )


def test_schedule_requests_one_run_per_keyword_of_the_day(instance):
    requests = schedule_tick(instance)
    assert [r.run_key for r in requests] == [f"{DAY}|{k}" for k in ALL]
    assert {r.partition_key for r in requests} == {key(k) for k in ALL}
    assert all(r.tags["ghtalent/trigger"] == "schedule" for r in requests)
    assert daily_refresh_schedule.cron_schedule == "0 6 * * *"
    assert daily_refresh_schedule.execution_timezone == "UTC"


def test_schedule_skips_partitions_with_a_run_in_flight(instance):
    add_queued_run(instance, "gpt")
    in_a_run(instance, key("glm"))  # finished: no reason to skip
    ticks = []
    runs = in_runs(  # llm in progress, and lm of another day
        instance,
        [key("llm"), key("lm", "2026-03-01")],
        lambda _: ticks.append(schedule_tick(instance)),
    )
    assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * 2
    assert sorted(r.partition_key for r in ticks[0]) == sorted(
        key(k) for k in ALL if k not in ("llm", "gpt")
    )
    # once the runs are done, only the queued one still holds its partition back
    assert sorted(r.partition_key for r in schedule_tick(instance)) == sorted(
        key(k) for k in ALL if k != "gpt"
    )


def test_schedule_skips_with_a_reason_when_every_partition_is_busy(instance):
    ticks = []
    in_runs(instance, [key(k) for k in ALL], lambda _: ticks.append(schedule_tick(instance)))
    result = ticks[0]
    assert isinstance(result, dg.SkipReason)
    assert (
        "already has a run queued or in progress" in result.skip_message
        and "llm" in result.skip_message
    )


def test_schedule_config_file_and_environment(tmp_path):
    path = tmp_path / "schedule.toml"
    path.write_text('[daily_refresh]\nhour = 4\nminute = 30\ngroups = ["diffusion"]\n')
    cfg = load_schedule_config(path, env={})
    assert (cfg.cron, cfg.groups) == ("30 4 * * *", ("diffusion",))
    env = {"GHTALENT_SCHEDULE_HOUR": "22", "GHTALENT_SCHEDULE_GROUPS": "gpt, diffusion"}
    cfg = load_schedule_config(path, env=env)
    assert (cfg.cron, cfg.groups) == ("30 22 * * *", ("gpt", "diffusion"))
    assert load_schedule_config(tmp_path / "absent.toml", env={}).cron == "0 6 * * *"
    with pytest.raises(ConfigError, match="hour must be a whole number from 0 to 23, got '25'"):
        load_schedule_config(path, env={"GHTALENT_SCHEDULE_HOUR": "25"})
    with pytest.raises(ConfigError, match="not an IANA zone"):
        load_schedule_config(path, env={"GHTALENT_SCHEDULE_TIMEZONE": "Mars/Olympus"})


# --- new keywords ---------------------------------------------------------------------------------


def test_new_keyword_sensor_refreshes_keywords_never_materialized(instance):
    for keyword in ALL:
        if keyword != "diffusion":
            materialize(instance, "keyword_repos", key(keyword))
    requests, _ = tick(new_keyword_sensor, instance)
    today = datetime.now(UTC).date().isoformat()
    assert [(r.partition_key, r.tags["ghtalent/trigger"]) for r in requests] == [
        (key("diffusion", today), "new_keyword")
    ]

    # its first run is under way: don't ask twice; once it wrote its repos, all are there
    ticks = []

    def first_run(context):
        ticks.append(tick(new_keyword_sensor, instance)[0])
        materialize(instance, "keyword_repos", key("diffusion", today), context)

    in_a_run(instance, key("diffusion", today), first_run)
    assert isinstance(ticks[0], dg.SkipReason)
    result, _ = tick(new_keyword_sensor, instance)
    assert "every keyword" in result.skip_message


# --- re-scoring -----------------------------------------------------------------------------------


def test_rescore_sensor_rescores_each_changed_partition_once(instance, data_dir):
    materialize(instance, "contributors", key("llm"))
    materialize(instance, "enriched_profiles", key("llm"))
    last = materialize(instance, "enriched_profiles", key("gpt"))
    result, _ = tick(rescore_sensor, instance)
    assert sorted(r.partition_key for r in result.run_requests) == [key("gpt"), key("llm")]
    assert {r.job_name for r in result.run_requests} == {"rescore_job"}
    assert EventCursor.loads(result.cursor) == EventCursor(last, {})

    # nothing new: nothing requested, nothing re-read
    again, _ = tick(rescore_sensor, instance, result.cursor)
    assert again.run_requests == [] and again.cursor == result.cursor

    # a newer input after the rescore: exactly that partition once more
    materialize(instance, "scores", key("llm"))
    materialize(instance, "scores", key("gpt"))
    materialize(instance, "contributors", key("gpt"))
    third, _ = tick(rescore_sensor, instance, result.cursor)
    assert [r.partition_key for r in third.run_requests] == [key("gpt")]


def test_rescore_sensor_waits_for_the_run_that_wrote_the_input(instance, data_dir):
    ticks = []

    def refresh(context):
        materialize(instance, "contributors", key("llm"), context)
        ticks.append(tick(rescore_sensor, instance)[0])
        materialize(instance, "scores", key("llm"), context)

    run = in_a_run(instance, key("llm"), refresh)
    result = ticks[0]
    assert result.run_requests == []
    assert key("llm") in EventCursor.loads(result.cursor).pending  # remembered, not lost

    # the refresh run scored it and finished: nothing to re-score
    assert run.status == dg.DagsterRunStatus.SUCCESS
    done, _ = tick(rescore_sensor, instance, result.cursor)
    assert done.run_requests == [] and EventCursor.loads(done.cursor).pending == {}


def test_rescore_sensor_picks_up_a_run_that_failed_before_scoring(instance, data_dir):
    run = in_a_run(
        instance,
        key("llm"),
        lambda context: materialize(instance, "enriched_profiles", key("llm"), context),
        fail=True,
    )
    assert run.status == dg.DagsterRunStatus.FAILURE
    result, _ = tick(rescore_sensor, instance)
    assert [r.partition_key for r in result.run_requests] == [key("llm")]


def test_a_failing_tick_keeps_its_cursor(instance, data_dir, monkeypatch):
    start = EventCursor(materialize(instance, "contributors", key("llm")), {}).dumps()
    materialize(instance, "contributors", key("gpt"))

    def broken(*args, **kwargs):
        raise RuntimeError("storage went away")

    monkeypatch.setattr(sensors, "latest_storage_id", broken)
    context = dg.build_sensor_context(instance=instance, cursor=start)
    with pytest.raises(RuntimeError):
        rescore_sensor(context)
    assert context.cursor == start
    monkeypatch.undo()
    monkeypatch.setenv("GHTALENT_DATA_DIR", str(data_dir))
    result, _ = tick(rescore_sensor, instance, start)  # the retry sees the same event
    assert [r.partition_key for r in result.run_requests] == [key("gpt")]


# --- the inbox ------------------------------------------------------------------------------------


def test_inbox_file_is_stored_and_rescores_its_partitions(instance, data_dir):
    for keyword in ("llm", "gpt"):
        materialize(instance, "contributors", key(keyword))
    cursor = tick(rescore_sensor, instance)[0].cursor
    body = {"date": DAY, "keywords": ["llm", "gpt", "diffusion"], "exclude_repos": ["spam/list"]}
    (data_dir / "inbox" / "fix.json").write_text(json.dumps(body))
    result, _ = tick(rescore_sensor, instance, cursor)
    # diffusion has no data for that day yet: the curation waits for its refresh
    assert sorted(r.partition_key for r in result.run_requests) == [key("gpt"), key("llm")]
    assert all(r.tags["ghtalent/trigger"] == "curation" for r in result.run_requests)
    assert [e.partition for e in result.asset_events] == [key("llm"), key("gpt")]
    assert not (data_dir / "inbox" / "fix.json").exists()
    stored = list((data_dir / "curation" / DAY).glob("fix-*.json"))
    assert len(stored) == 1 and json.loads(stored[0].read_text())["exclude_repos"] == ["spam/list"]


def test_malformed_inbox_file_is_rejected_and_does_not_block_the_next(instance, data_dir, capfd):
    materialize(instance, "contributors", key("llm"))
    cursor = tick(rescore_sensor, instance)[0].cursor
    (data_dir / "inbox" / "a-bad.json").write_text(
        '{"exclude_repos": ["a/b"], "keywords": ["gtp"]}'
    )
    (data_dir / "inbox" / "b-good.csv").write_text(
        f"action,subject,target,date,keyword\nexclude_repo,a/b,,{DAY},llm\n"
    )
    (data_dir / "inbox" / "c-future.json").write_text(
        '{"date": "2099-01-01", "exclude_repos": ["a/b"]}'
    )
    result, _ = tick(rescore_sensor, instance, cursor)
    assert [r.partition_key for r in result.run_requests] == [key("llm")]
    rejected = data_dir / "inbox" / "rejected"
    assert sorted(p.name for p in rejected.iterdir()) == [
        "a-bad.json",
        "a-bad.json.error.txt",
        "c-future.json",
        "c-future.json.error.txt",
    ]
    assert "unknown keyword 'gtp'" in (rejected / "a-bad.json.error.txt").read_text()
    assert (
        "2099-01-01 is not a date partition" in (rejected / "c-future.json.error.txt").read_text()
    )
    log = capfd.readouterr().err
    assert "ERROR - inbox file rejected" in log and "unknown keyword 'gtp'" in log
    assert sorted(p.name for p in (data_dir / "inbox").iterdir()) == ["rejected"]


def test_hostile_inbox_files_are_rejected_and_the_good_one_behind_them_applies(instance, data_dir):
    """Deeply nested JSON and a CSV field over 128 KiB used to make every tick raise."""
    materialize(instance, "contributors", key("llm"))
    cursor = tick(rescore_sensor, instance)[0].cursor
    (data_dir / "inbox" / "a-deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (data_dir / "inbox" / "b-wide.csv").write_text(
        "action,subject,target,note\nexclude_repo,a/b,," + "x" * (200 * 1024) + "\n"
    )
    (data_dir / "inbox" / "c-good.csv").write_text(
        f"action,subject,target,date,keyword\nexclude_repo,a/b,,{DAY},llm\n"
    )
    result, _ = tick(rescore_sensor, instance, cursor)
    assert [r.partition_key for r in result.run_requests] == [key("llm")]
    rejected = data_dir / "inbox" / "rejected"
    assert "nested 100000 levels deep" in (rejected / "a-deep.json.error.txt").read_text()
    assert "131,072 characters" in (rejected / "b-wide.csv.error.txt").read_text()
    assert sorted(p.name for p in (data_dir / "inbox").iterdir()) == ["rejected"]


# --- boards ---------------------------------------------------------------------------------------


def test_boards_follow_scores_once_the_days_keyword_runs_are_done(instance):
    seen = {}

    def gpt_refresh(context):
        materialize(instance, "scores", key("llm"))
        materialize(instance, "scores", key("llm", "2026-03-01"))
        seen["first"] = tick(boards_sensor, instance)[0]
        seen["last"] = materialize(instance, "scores", key("gpt"), context)

    in_a_run(instance, key("gpt"), gpt_refresh)
    first, last = seen["first"], seen["last"]
    # 03-01 is ready; 03-02 still had the gpt run in flight
    assert [(r.partition_key, r.job_name) for r in first.run_requests] == [
        ("2026-03-01", "boards_job")
    ]
    assert list(EventCursor.loads(first.cursor).pending) == [DAY]

    second, _ = tick(boards_sensor, instance, first.cursor)
    assert [(r.partition_key, r.run_key) for r in second.run_requests] == [
        (DAY, f"boards|{DAY}|{last}")
    ]
    third, _ = tick(boards_sensor, instance, second.cursor)
    assert third.run_requests == []  # each batch of scores gives one boards run
