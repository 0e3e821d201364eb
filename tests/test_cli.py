"""The ``eventwire`` command through its real entry point: help, version, demo, code, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))

STORY = """Rebels Seize Border Post

Insurgents overran a border crossing on Sunday, officials said.

Rebel fighters seized a border post near the town of Tessalit on Sunday and took six soldiers
captive, the defence ministry said in a statement.

"The attackers came at dawn with heavy weapons," a local official told reporters.
"""


def run(*args: str, stdin: str | bytes | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    done = subprocess.run([EVENTWIRE, *args], input=data, capture_output=True, cwd=cwd,
                          timeout=300, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


def assert_one_clean_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert "eventwire" in done.stdout and "0." in done.stdout


@pytest.mark.parametrize("command", [[], ["code"], ["demo"], ["run"], ["events"], ["places"]])
def test_every_command_has_help(command: list[str]) -> None:
    done = run(*command, "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout


def test_demo_prints_a_summary_and_writes_the_document(tmp_path: Path) -> None:
    done = run("demo", "-o", "out.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Events (" in done.stdout and "Removed as web debris" in done.stdout
    document = json.loads((tmp_path / "out.json").read_text())
    assert set(document) == {"article", "meta", "actors", "places", "dates", "figures",
                             "quotes", "events"}
    assert document["article"]["title"]
    assert document["article"]["byline"]


def test_code_reads_stdin_and_writes_json() -> None:
    done = run("code", "--published", "2024-02-12", stdin=STORY)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["article"]["published"] == "2024-02-12"
    assert "Tessalit" in document["article"]["text"]


def test_code_a_file_to_an_output_file(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    done = run("code", "story.txt", "-o", "story.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "story.json").read_text())["article"]["source"]


def test_jsonl_in_gives_jsonl_out_line_for_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "first", "text": STORY, "published": "2024-02-12"}),
             "{this is not json",
             json.dumps({"id": "third", "title": "Short", "text": "Troops shelled a village."})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    done = run("code", "batch.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["article"]["id"] == "first"
    assert out[1]["error"]["code"] == "E106" and "batch.jsonl:2" in out[1]["source"]
    assert out[2]["article"]["id"] == "third"
    assert "batch.jsonl:2" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "code", "needle"), [
    (["code", "--format", "xml", "x.txt"], 2, "unknown format 'xml'"),
    (["code", "--published", "yesterday", "x.txt"], 2, "bad date"),
    (["code", "missing.txt"], 1, "missing.txt"),
    (["code", "--bogus"], 2, "--bogus"),
])
def test_user_errors_get_one_line_and_an_exit_code(tmp_path: Path, args: list[str], code: int,
                                                   needle: str) -> None:
    done = run(*args, cwd=tmp_path)
    assert done.returncode == code
    assert needle in done.stderr
    if "--bogus" not in args:
        assert_one_clean_line(done.stderr)
    assert "Traceback" not in done.stderr


def test_empty_and_binary_inputs_fail_cleanly(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    done = run("code", "empty.txt", "blob.txt", cwd=tmp_path)
    assert done.returncode == 1
    assert "empty.txt" in done.stderr and "blob.txt" in done.stderr
    assert "Traceback" not in done.stderr


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    done = run("code", "missing.txt", "good.txt", cwd=tmp_path)
    assert done.returncode == 0
    assert "missing.txt" in done.stderr
    assert json.loads(done.stdout)["article"]["text"]


def test_summary_format() -> None:
    done = run("code", "--format", "summary", "--published", "2024-02-12", stdin=STORY)
    assert done.returncode == 0, done.stderr
    assert "Events (" in done.stdout and "Actors (" in done.stdout
