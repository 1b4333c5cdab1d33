"""Write the bundled sample's tasks again in other layout families of the genre.

Each writer takes the sample's tasks (seq, leader section heading, content, lead units, progress)
and prints the SAME report in the shape one family of real reports has (the openings in
tests/fixtures/layouts/, described in their SOURCES.md): the header words, labels, separators and
indents those reports use. Reading the text back must give the same tasks. Run as a script to
print, per family, the tasks found and the fields that differ:

    PYTHONPATH=$PWD python tests/relayout.py
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

ORDINALS = "一二三四五六七八九十"


def paragraphs(task) -> list[str]:
    """The progress text of a task, one paragraph a line, blank lines dropped."""
    return [p.strip() for p in (task.progress_text or "").split("\n") if p.strip()]


def sections(tasks) -> Iterable[tuple[str, list]]:
    """(leader section heading, its tasks), in order."""
    out: list[tuple[str, list]] = []
    for t in tasks:
        if not out or out[-1][0] != t.section:
            out.append((t.section, []))
        out[-1][1].append(t)
    return out


def head(title: str) -> list[str]:
    """The page head every family starts with: a title and a publication line."""
    return [title, "发布日期:2024-07-26 来源:市政府办公室", ""]


TITLE = "2024年市政府工作报告重点工作半年度完成情况"


def cells_unit_last(tasks) -> str:
    """One cell per line, blank-line separated, the unit column last (61, 57): 序号 / 主要任务 /
    进展情况 / 责任单位; the leader headings between the rows as in the sample."""
    out = head(TITLE) + ["序号", "", "主要任务", "", "进展情况", "", "责任单位", ""]
    for heading, rows in sections(tasks):
        out += [heading, ""]
        for t in rows:
            out += [str(t.seq), "", t.content, ""]
            for p in paragraphs(t):
                out += [p, ""]
            out += ["、".join(t.lead_units), ""]
    return "\n".join(out)


def cells_leader_column(tasks) -> str:
    """One cell per line with a 责任领导 column (54) and five columns (48, 55): 序号 / 目标任务 /
    责任领导 / 牵头单位 / 完成情况; no leader headings: each row names its leader."""
    out = head(TITLE) + ["序号", "", "目标任务", "", "责任领导", "", "牵头单位", "", "完成情况", ""]
    for t in tasks:
        out += [str(t.seq), "", t.content, "", t.leader, "", "、".join(t.lead_units), ""]
        for p in paragraphs(t):
            out += [p, ""]
    return "\n".join(out)


def pipe_rows(tasks) -> str:
    """A row per line, cells separated by ' | ' and ended by ' |', in 60's six columns (the units
    after the progress, then a next-step plan and a supervisor's phone); a leader heading is a
    row of one cell spanning the columns (54's 全市经济社会发展主要预期目标 |)."""
    out = head(TITLE) + ["", "序号 | 重点任务 | 任务目标完成情况 | 下一步计划 | 责任单位 (加黑为牵头单位) | 监督科室 监督电话 |"]
    for heading, rows in sections(tasks):
        out.append(heading + " |")
        for t in rows:
            out.append(f"{t.seq} | {t.content} | {' '.join(paragraphs(t))} | 持续推进各项工作。 | "
                       f"{'、'.join(t.lead_units)} | 市政府督查室综合科82021234 |")
    return "\n".join(out)


def pipe_category(tasks) -> str:
    """Pipe rows as in 70: the category cell (here the leader heading) before the number on the
    first row of its group only, trailing empty cells (`| ||`)."""
    out = head(TITLE) + ["", "序号 | 重点工作 | 牵头单位 | 完成情况 | ||"]
    for heading, rows in sections(tasks):
        for k, t in enumerate(rows):
            cat = f"{heading} | " if k == 0 else ""
            out.append(f"{cat}{t.seq} | {t.content} | {'、'.join(t.lead_units)} | {' '.join(paragraphs(t))} | ||")
    return "\n".join(out)


def label_blocks(tasks) -> str:
    """Label blocks (43, 47, 66): `  一、…牵头的重点工作`, then per task `  1.content`, `  牵头单位:…`
    and `  完成情况:…` lines, blank-line separated, with 2-space indents."""
    out = head(TITLE)
    for i, (heading, rows) in enumerate(sections(tasks)):
        out += [f"  {ORDINALS[i]}、{heading}", ""]
        for t in rows:
            ps = paragraphs(t)
            out += [f"  {t.seq}.{t.content}", "", f"  牵头单位:{'、'.join(t.lead_units)}", ""]
            out += [f"  完成情况:{ps[0]}", ""] if ps else ["  完成情况:", ""]
            for p in ps[1:]:
                out += [f"  {p}", ""]
    return "\n".join(out)


def inline_unit_labels(tasks) -> str:
    """A numbered task line ending with its lead units in brackets, then a `完成情况:` paragraph
    (52): `1.地区生产总值增长10%。(牵头单位:市发展改革委)`."""
    out = head(TITLE)
    for i, (heading, rows) in enumerate(sections(tasks)):
        out += [f"{ORDINALS[i]}、{heading}", ""]
        for t in rows:
            ps = paragraphs(t)
            out += [f"{t.seq}.{t.content}(牵头单位:{'、'.join(t.lead_units)})", ""]
            out += [f"完成情况:{ps[0]}", ""] if ps else ["完成情况:", ""]
            for p in ps[1:]:
                out += [p, ""]
    return "\n".join(out)


def space_rows(tasks) -> str:
    """Single-space-delimited rows (50): `序号 目标任务 责任单位 上半年推进情况`, a row `1 content
    unit progress`; a second unit and on go on lines of their own before the progress, further
    paragraphs of the progress on lines of their own."""
    out = head(TITLE) + ["序号 目标任务 责任单位 上半年推进情况"]
    for i, (heading, rows) in enumerate(sections(tasks)):
        out.append(f"{ORDINALS[i]}、{heading}")
        for t in rows:
            ps = paragraphs(t) or [""]
            units = t.lead_units
            if len(units) == 1:
                out.append(f"{t.seq} {t.content} {units[0]} {ps[0]}".rstrip())
            else:
                out.append(f"{t.seq} {t.content} {units[0]}")
                out += units[1:] + [ps[0]]
            out += ps[1:]
    return "\n".join(out)


def cells_indented(tasks) -> str:
    """One cell per line with 2-space indents, blank-line separated (53): 序号 / 工作任务 /
    牵头责任单位 / 完成情况, each lead unit a cell line of its own."""
    out = head(TITLE) + [f"  {h}\n" for h in ("序号", "工作任务", "牵头责任单位", "完成情况")]
    for heading, rows in sections(tasks):
        out.append(f"  {heading}\n")
        for t in rows:
            out += [f"  {t.seq}\n", f"  {t.content}\n"] + [f"  {u}\n" for u in t.lead_units]
            out += [f"  {p}\n" for p in paragraphs(t)]
    return "\n".join(out)


def category_column(tasks) -> str:
    """One cell per line under 类别 / 重点工作 / 完成情况 / 责任部门 (57): the number glued to the
    task (`1、…`), the category cell (here the leader heading) on the first row of its group
    only, the units last, one a line."""
    out = head(TITLE) + [f"{h}\n" for h in ("类别", "重点工作", "完成情况", "责任部门")]
    for heading, rows in sections(tasks):
        out.append(f"{heading}\n")
        for t in rows:
            out.append(f"{t.seq}、{t.content}\n")
            out += [f"{p}\n" for p in paragraphs(t)] + [f"{u}\n" for u in t.lead_units]
    return "\n".join(out)


def cells_pipe_ended(tasks) -> str:
    """One cell per line, each cell ended by ' |' (54, a mirror of a web table), a 责任领导
    column naming the leader with the title (徐仁标市长) and no leader headings: 序号 | 重点工作 |
    责任领导 | 牵头单位 | 完成情况."""
    out = head(TITLE) + [f"{h} |" for h in ("序号", "重点工作", "责任领导", "牵头单位", "完成情况")]
    for t in tasks:
        ps = paragraphs(t) or [""]
        out += [f"{t.seq} |", f"{t.content} |", f"{t.leader}{t.leader_title} |", f"{'、'.join(t.lead_units)} |"]
        out += ps[:-1] + [f"{ps[-1]} |"]
    return "\n".join(out)


def flattened_labels(tasks) -> str:
    """A list flattened into one paragraph per section (44): `1.任务。 牵头领导:X 责任单位:Y
    项目责任人:Z 实际完成情况:… 2.…`, labels separated by spaces only (a person in charge is
    no unit)."""
    out = head(TITLE)
    for heading, rows in sections(tasks):
        out += [heading, " ".join(f"{t.seq}.{t.content} 牵头领导:{t.leader} 责任单位:{'、'.join(t.lead_units)} "
                                  f"项目责任人:王伟标 实际完成情况:{''.join(paragraphs(t))}" for t in rows), ""]
    return "\n".join(out)


def label_blocks_co_units(tasks) -> str:
    """Label blocks with a co-unit label (43, 66): `  1. content` (a space after the number),
    `  牵头单位:…`, `  配合单位:…` (never lead units), `  完成情况:…`."""
    out = head(TITLE)
    for i, (heading, rows) in enumerate(sections(tasks)):
        out += [f"  {ORDINALS[i]}、{heading}", ""]
        for t in rows:
            ps = paragraphs(t) or [""]
            out += [f"  {t.seq}. {t.content}", "", f"  牵头单位:{'、'.join(t.lead_units)}", "",
                    "  配合单位:各县(区)政府、市级有关部门", "", f"  完成情况:{ps[0]}", ""]
            out += [x for p in ps[1:] for x in (f"  {p}", "")]
    return "\n".join(out)


def inline_comma_units(tasks) -> str:
    """A task a line, naming the lead unit after a comma, the progress after it on the same line
    (63): `1、技能培训提升,牵头单位:市退役军人局。其中,…`."""
    out = head(TITLE)
    for i, (heading, rows) in enumerate(sections(tasks)):
        out.append(f"{ORDINALS[i]}、{heading}")
        out += [f"{t.seq}、{t.content.rstrip('。;')},牵头单位:{'、'.join(t.lead_units)}。{''.join(paragraphs(t))}"
                for t in rows]
    return "\n".join(out)


FAMILIES: dict[str, Callable] = {
    "cells_unit_last": cells_unit_last,
    "cells_leader_column": cells_leader_column,
    "pipe_rows": pipe_rows,
    "pipe_category": pipe_category,
    "label_blocks": label_blocks,
    "inline_unit_labels": inline_unit_labels,
    "space_rows": space_rows,
    "cells_indented": cells_indented,
    "category_column": category_column,
    "cells_pipe_ended": cells_pipe_ended,
    "flattened_labels": flattened_labels,
    "label_blocks_co_units": label_blocks_co_units,
    "inline_comma_units": inline_comma_units,
}

FIELDS = ("seq", "content", "lead_units", "leader", "progress")


def squash(s: str | None) -> str:
    """A text without any whitespace: layouts differ in where they break lines and paragraphs."""
    return re.sub(r"\s+", "", s or "")


def sentence(s: str | None) -> str:
    """``squash``, without the final full stop, which a layout naming the unit after the task
    sentence (`…建设,牵头单位:…`) drops."""
    return squash(s).rstrip("。;")


def fields(task) -> dict:
    """The compared fields of a task, whitespace-normalised."""
    return {"seq": task.seq, "content": sentence(task.content), "lead_units": [squash(u) for u in task.lead_units],
            "leader": task.leader, "progress": squash(task.progress_text)}


def compare(original, found) -> dict:
    """Tasks found and, per field, how many tasks differ (tasks matched by position)."""
    diffs = {f: 0 for f in FIELDS}
    first: dict = {}
    for a, b in zip(original, found):
        fa, fb = fields(a), fields(b)
        for f in FIELDS:
            if fa[f] != fb[f]:
                diffs[f] += 1
                first.setdefault(f, (a.seq, fa[f], fb[f]))
    diffs["missing"] = max(len(original) - len(found), 0) + max(len(found) - len(original), 0)
    return {"found": len(found), "diffs": diffs, "first": first}


def main() -> None:
    from zsprogress.api import parse_report

    tasks = parse_report().tasks
    print(f"{'family':22} {'found':>5}  " + " ".join(f"{f:>10}" for f in FIELDS))
    for name, write in FAMILIES.items():
        r = compare(tasks, parse_report(text=write(tasks)).tasks)
        print(f"{name:22} {r['found']:>5}  " + " ".join(f"{r['diffs'][f]:>10}" for f in FIELDS))
        for f, (seq, a, b) in r["first"].items():
            print(f"    {f} first at seq {seq}: {str(a)[:60]!r} -> {str(b)[:60]!r}")


if __name__ == "__main__":
    main()
