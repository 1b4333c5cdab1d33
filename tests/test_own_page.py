"""The page `zsprogress report` writes is not a report: reading it back is refused with one line
(issue 20, item 7: `report -o report.html` then `completion report.html` printed [] with 16
warnings and exit 0)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from zsprogress import cli

pytest.importorskip("selectolax")
runner = CliRunner()


@pytest.mark.parametrize("command", ["completion", "tasks", "claims", "check"])
def test_the_tools_own_page_is_refused(tmp_path, command):
    page = tmp_path / "report.html"
    assert runner.invoke(cli.app, ["report", "-o", str(page), "-q"]).exit_code == 0
    res = runner.invoke(cli.app, [command, str(page)])
    assert res.exit_code == 2
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {page}: ")
    assert "zsprogress report" in lines[0]


def test_an_ordinary_html_page_is_still_read(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><meta name='generator' content='WordPress 6'></head><body><table>"
                    "<tr><td>序号</td><td>任务内容</td><td>牵头单位</td><td>完成情况</td></tr>"
                    "<tr><td>1</td><td>地区生产总值增长6%</td><td>市发改委</td><td>上半年增长6.2%</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    res = runner.invoke(cli.app, ["tasks", str(page), "-f", "json", "-q"])
    assert res.exit_code == 0 and '"T0.1"' in res.stdout
