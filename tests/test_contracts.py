"""The contract of the output rows: the schema command, columns from the models, and CSV, JSON
and xlsx that pandas and DuckDB read back with ids as text, no collisions and working joins.

pandas and DuckDB are what analysts open these files with; each read uses the tools' defaults
(type inference on), as a user would. DuckDB reads the CSV and JSON files itself; its xlsx
reader is an extension it downloads, so the workbooks are read by pandas (calamine) and joined
in DuckDB.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zsprogress.cli import app
from zsprogress.export import column_types, model_columns
from zsprogress.models import Claim, Completion, Task
from zsprogress.schema import ROWS, columns

pd = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")
runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, [*args] if args[0] == "schema" else [*args, "-q"])
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("out")
    out = {}
    for cmd in ("tasks", "claims", "completion"):
        for ext in ("csv", "json", "xlsx"):
            out[f"{cmd}.{ext}"] = d / f"{cmd}.{ext}"
            run(cmd, "sample", "-o", str(out[f"{cmd}.{ext}"]))  # the format from the extension
    return out


# --- schema ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["task", "claim", "skip", "completion", "finding", "rule"])
def test_schema_command_prints_the_json_schema(name):
    schema = json.loads(run("schema", name))
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(ROWS[name].model_fields)


def test_schema_lists_the_kinds_and_refuses_others():
    assert run("schema").split("\n")[0].startswith("task\t")
    result = runner.invoke(app, ["schema", "nosuch"])
    assert result.exit_code == 2 and result.stderr.startswith("error: unknown row kind 'nosuch'")


def test_schema_enums_come_from_the_models():
    claim = json.loads(run("schema", "claim"))
    assert "rank_change" in claim["properties"]["kind"]["enum"]
    comp = json.loads(run("schema", "completion"))
    assert comp["properties"]["status"]["enum"] == ["achieved", "ahead", "on_track", "behind", "met",
                                                    "below", "unknown"]


def test_csv_columns_are_the_model_fields_in_order():
    assert columns("task") == [*model_columns(Task), "source"]
    assert "stated_status.status" in columns("task") and "stated_status" not in columns("task")
    assert columns("claim")[:len(Claim.model_fields)] == list(Claim.model_fields)
    assert columns("claim", "skip") == [*Claim.model_fields, "reason", "source"]
    assert columns("completion") == [*model_columns(Completion), "source"]
    assert "target.value" in columns("completion") and "target" not in columns("completion")
    types = column_types(Completion)
    assert types["target.value"] == "number" and types["task_id"] == "text"
    assert types["flags"] == "list" and types["consistent"] == "bool" and types["seq"] == "number"


def test_cli_lists_come_from_the_models():
    from zsprogress import cli
    from zsprogress.models import ClaimKind, Status

    assert [s.value for s in cli.Status] == list(Status.__args__)
    assert cli.CLAIM_KINDS == ClaimKind.__args__
    help_ = runner.invoke(app, ["completion", "--help"]).stdout
    assert "on_track" in help_


# --- CSV and JSON through pandas and DuckDB -------------------------------------------------------

def test_task_ids_are_text_and_distinct_in_pandas(files):
    for ext, read in (("csv", pd.read_csv), ("json", pd.read_json), ("xlsx", _read_xlsx)):
        df = read(files[f"tasks.{ext}"])
        assert len(df) == 120 and df["id"].nunique() == 120, ext  # 2.1 and 2.10 stay apart
        assert all(isinstance(x, str) for x in df["id"]), ext
        assert {"T2.1", "T2.10"} <= set(df["id"]), ext


def test_task_ids_are_text_and_distinct_in_duckdb(files):
    for ext in ("csv", "json"):
        con = duckdb.connect()
        rel = con.execute(f"select id from '{files[f'tasks.{ext}']}'")
        assert rel.description[0][1] == "VARCHAR", ext
        assert con.execute(f"select count(distinct id) from '{files[f'tasks.{ext}']}'").fetchone()[0] == 120


def _read_xlsx(path: Path, **kw):
    return pd.read_excel(path, engine="calamine", **kw)


@pytest.mark.parametrize("ext", ["csv", "json", "xlsx"])
def test_joins_tasks_claims_completion_on_task_id(files, ext):
    con = duckdb.connect()
    if ext == "xlsx":
        for cmd in ("tasks", "claims", "completion"):
            con.register(cmd, _read_xlsx(files[f"{cmd}.xlsx"]))
    elif ext == "csv":
        for cmd in ("tasks", "claims", "completion"):
            con.execute(f"create view {cmd} as select * from '{files[f'{cmd}.{ext}']}'")
    else:  # JSON keeps target and actual nested: DuckDB reads them as structs
        for cmd in ("tasks", "claims"):
            con.execute(f"create view {cmd} as select * from '{files[f'{cmd}.{ext}']}'")
        con.execute(f"""create view completion as select task_id, target.text as "target.text",
                        target.value as "target.value", actual.text as "actual.text",
                        actual.value as "actual.value" from '{files["completion.json"]}'""")
    n_claims = con.execute("select count(*) from claims").fetchone()[0]
    n_rows = con.execute("select count(*) from completion").fetchone()[0]
    assert n_claims > 300 and n_rows > 50
    # every claim and every completion row finds its task, exactly one
    assert con.execute("select count(*) from claims c join tasks t on c.task_id = t.id").fetchone()[0] == n_claims
    assert con.execute("select count(*) from completion c join tasks t on c.task_id = t.id").fetchone()[0] == n_rows
    # the actual of a completion row is one of its task's claims, or a sum of them ('44万方+44万方')
    linked = con.execute("""select count(*) from completion c where c."actual.text" is not null and not exists
                            (select 1 from unnest(string_split(c."actual.text", '+')) as p(part) where not exists
                             (select 1 from claims k where k.task_id = c.task_id and k.text = p.part))""").fetchone()[0]
    with_actual = con.execute('select count(*) from completion where "actual.text" is not null').fetchone()[0]
    assert linked == with_actual > 0
    # T5.4 (货物吞吐量): target 6.75亿吨, actual 3.57亿吨, read as numbers
    row = con.execute("""select "target.value", "actual.value" from completion
                         where task_id = 'T5.4' and "target.text" = '6.75亿吨'""").fetchone()
    assert row == (675000000, 357000000)


def test_csv_numbers_are_numbers_and_lists_split_back(files):
    tasks = pd.read_csv(files["tasks.csv"])
    rows = json.loads(files["tasks.json"].read_text(encoding="utf-8"))
    with_semicolon = [r for r in rows if any(";" in i for i in r["items"])]
    assert with_semicolon  # items that contain ';' (the old ';'-joined cell could not split them)
    back = [json.loads(x) for x in tasks["items"]]
    assert back == [r["items"] for r in rows]
    assert [json.loads(x) for x in tasks["lead_units"]] == [r["lead_units"] for r in rows]
    comp = pd.read_csv(files["completion.csv"])
    assert comp["target.value"].dtype.kind == "f" and comp["seq"].dtype.kind in "if"
    assert comp["task_id"].map(type).eq(str).all()


def test_empty_csv_is_a_table_with_its_header(tmp_path):
    for cmd, kind in (("tasks", "task"), ("claims", "claim"), ("completion", "completion")):
        out = tmp_path / f"{cmd}.csv"
        run(cmd, "sample", "--leader", "无此人", "-o", str(out))
        df = pd.read_csv(out)
        assert len(df) == 0 and list(df.columns) == columns(kind)
        assert duckdb.connect().execute(f"select count(*) from read_csv('{out}', header=true)").fetchone()[0] == 0


# --- xlsx -----------------------------------------------------------------------------------------

def test_xlsx_typed_cells_frozen_header_autofilter_fills(files):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(files["completion.xlsx"]))
    assert wb.sheet_names == ["completion"]  # one sheet per table
    rows = wb.get_sheet_by_name("completion").to_python()
    head = rows[0]
    assert head == columns("completion")
    body = [dict(zip(head, r, strict=True)) for r in rows[1:]]
    assert all(isinstance(r["task_id"], str) and r["task_id"].startswith("T") for r in body)
    assert all(isinstance(r["target.value"], float) for r in body)  # a number cell
    assert all(isinstance(r["target.unit"], str) for r in body)
    with zipfile.ZipFile(files["completion.xlsx"]) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert 'ySplit="1"' in sheet and 'state="frozen"' in sheet  # frozen header
    assert "<autoFilter" in sheet
    assert "FFF6C4C0" in styles.upper()  # the fill of 'behind'


def test_xlsx_ids_and_units_stay_text_in_tasks_and_claims(files):
    from python_calamine import CalamineWorkbook

    for cmd, idcol in (("tasks", "id"), ("claims", "task_id")):
        rows = CalamineWorkbook.from_path(str(files[f"{cmd}.xlsx"])).get_sheet_by_index(0).to_python()
        i = rows[0].index(idcol)
        ids = [r[i] for r in rows[1:]]
        assert all(isinstance(x, str) for x in ids) and "T2.10" in ids
    rows = CalamineWorkbook.from_path(str(files["claims.xlsx"])).get_sheet_by_index(0).to_python()
    v, start = rows[0].index("value"), rows[0].index("start")
    assert all(isinstance(r[start], float) for r in rows[1:])
    assert any(r[v] == 15357000000 for r in rows[1:])  # 153.57亿元, a number


def test_xlsx_to_stdout_is_the_workbook(tmp_path):
    result = runner.invoke(app, ["tasks", "-f", "xlsx", "-q"])
    assert result.exit_code == 0 and result.stdout_bytes[:2] == b"PK"  # `> tasks.xlsx` works
    (tmp_path / "t.xlsx").write_bytes(result.stdout_bytes)
    assert len(_read_xlsx(tmp_path / "t.xlsx")) == 120


def test_xlsx_missing_xlsxwriter_names_the_extra(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_xlsxwriter(name, *a, **kw):
        if name == "xlsxwriter":
            raise ImportError(name)
        return real(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", no_xlsxwriter)
    result = runner.invoke(app, ["tasks", "-o", str(tmp_path / "t.xlsx"), "-q"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: xlsx output needs xlsxwriter: pip install 'zsprogress[xlsx]'"


def test_list_of_records_is_one_json_column_in_csv():
    # 06_ prints 一般公共预算收入 with two bases (自然口径 / 同口径): the second is an alternative,
    # which a CSV row must keep (it was once split into empty alternatives.* columns)
    fixture = Path(__file__).parent / "fixtures" / "layouts" / "06_zhoushan_2022_h1.txt"
    res = runner.invoke(app, ["completion", str(fixture), "-f", "csv", "-q"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert "alternatives" in rows[0] and not any(k.startswith("alternatives.") for k in rows[0])
    alts = [json.loads(r["alternatives"]) for r in rows if r["alternatives"] not in ("", "[]")]
    assert any(a["basis"] == "同口径" for alt in alts for a in alt)


@pytest.mark.parametrize("cmd", ["tasks", "claims", "completion", "track", "tallies"])
def test_missing_xlsx_writer_is_said_before_any_report_is_read(cmd, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "xlsxwriter" else real(name, *a))
    result = runner.invoke(app, [cmd, "-f", "xlsx", "-o", "out.xlsx"])
    assert result.exit_code == 2
    # one line, and no warning about the sample's structure before it: nothing was read
    assert result.stderr.splitlines() == ["error: xlsx output needs xlsxwriter: pip install 'zsprogress[xlsx]'"]
