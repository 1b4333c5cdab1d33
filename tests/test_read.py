"""Reading reports: every encoding governments publish in gives the same text and tasks;
every file that is not a report gives one clear ReportReadError (exit 2 in the CLI)."""

from __future__ import annotations

import json

import pytest
from badfiles import mixed, mkdir, truncated, write
from typer.testing import CliRunner

from zsprogress.api import parse_report
from zsprogress.cli import app
from zsprogress.errors import ReportReadError
from zsprogress.read import read, sample_path

runner = CliRunner()


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    return sample_path().read_bytes()


@pytest.fixture(scope="module")
def reference():
    return parse_report(None)


def tasks_of(report) -> list[dict]:
    return [t.model_dump() for t in report.tasks]


# --- encodings that must all read the same ------------------------------------------------------

ENCODINGS = [
    pytest.param(lambda s: s.encode("utf-8"), "utf-8", id="utf-8"),
    pytest.param(lambda s: s.encode("utf-8-sig"), "utf-8-sig", id="utf-8-bom"),
    pytest.param(lambda s: s.encode("gb18030"), "gb18030", id="gb18030"),
    pytest.param(lambda s: s.encode("utf-16"), "utf-16", id="utf-16-bom"),  # BOM + native order
    pytest.param(lambda s: s.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16", id="utf-16-be-bom"),
    pytest.param(lambda s: s.replace("\n", "\r\n").encode("utf-8"), "utf-8", id="crlf"),
    pytest.param(lambda s: s.replace("\n", "\r\n").encode("gb18030"), "gb18030", id="gb18030-crlf"),
]


@pytest.mark.parametrize("encode, encoding", ENCODINGS)
def test_encodings_give_the_same_text_and_tasks(tmp_path, sample_bytes, reference, encode, encoding):
    text = sample_bytes.decode("utf-8")
    p = tmp_path / "report.txt"
    p.write_bytes(encode(text))
    doc = read(p)
    assert doc.encoding == encoding
    assert doc.text == read(None).text
    report = parse_report(p)
    assert report.source == str(p)
    assert len(report.tasks) == 120
    assert tasks_of(report) == tasks_of(reference)


def test_gbk_subset_reads_as_gb18030(tmp_path):
    # GBK is what older government sites serve; GB18030 decodes it unchanged
    p = tmp_path / "gbk.txt"
    p.write_bytes("序号\n任务内容\n牵头单位\n半年度完成情况\n1\n推进港口建设。\n市港航局\n完成投资3亿元。\n".encode("gbk"))
    doc = read(p)
    assert doc.encoding == "gb18030"
    assert "完成投资3亿元" in doc.text


# --- files that are not reports -----------------------------------------------------------------

BAD = [
    # (name, make(tmp_path, sample_bytes) -> path, words the message must contain)
    pytest.param(lambda d, b: write(d / "empty.txt", b""), ["empty"], id="empty"),
    pytest.param(lambda d, b: write(d / "blank.txt", b" \n\r\n\t \n"), ["empty"], id="whitespace-only"),
    pytest.param(lambda d, b: write(d / "chart.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
                 ["not a text report", "PNG"], id="png"),
    pytest.param(lambda d, b: write(d / "cut.txt", truncated(b)), ["truncated"], id="truncated-utf8"),
    pytest.param(lambda d, b: mkdir(d / "reports"), ["directory"], id="directory"),
    pytest.param(lambda d, b: d / "missing.txt", ["no such file"], id="missing"),
    pytest.param(lambda d, b: write(d / "mixed.txt", mixed(b)), ["invalid UTF-8", "mixed"],
                 id="mixed-utf8-gbk"),
]


@pytest.mark.parametrize("make, words", BAD)
def test_not_a_report_is_one_clear_error(tmp_path, sample_bytes, make, words):
    p = make(tmp_path, sample_bytes)
    with pytest.raises(ReportReadError) as exc:
        parse_report(p)
    msg = str(exc.value)
    assert msg.startswith(str(p)), msg  # names the file
    assert "\n" not in msg
    for w in words:
        assert w in msg, msg


@pytest.mark.parametrize("make, words", BAD)
def test_not_a_report_exits_2_with_one_line(tmp_path, sample_bytes, make, words):
    p = make(tmp_path, sample_bytes)
    for cmd in (["tasks", str(p), "-f", "json"], ["claims", str(p), "-f", "json"]):
        result = runner.invoke(app, cmd)
        assert result.exit_code == 2, (cmd, result.stdout, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: ") and str(p) in lines[0]
        assert "Traceback" not in result.stderr
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_empty_stdin_exits_2(tmp_path):
    result = runner.invoke(app, ["tasks", "-", "-f", "json"], input=b"")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: <stdin>: the report is empty"


def test_gb18030_stdin(sample_bytes):
    gb = sample_bytes.decode("utf-8").encode("gb18030")
    result = runner.invoke(app, ["tasks", "-", "-f", "jsonl"], input=gb)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 120


def test_one_bad_report_among_good_ones_is_reported_and_the_rest_run(tmp_path):
    bad = write(tmp_path / "empty.txt", b"")
    result = runner.invoke(app, ["tasks", str(sample_path()), str(bad), "-f", "json"])
    assert result.exit_code == 1  # something failed, something was read
    assert len(json.loads(result.stdout)) == 120
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0] and "Traceback" not in result.stderr
