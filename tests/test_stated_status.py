"""The status a report states in words: a completion verb says the task is achieved only when no
figure follows it in its clause (已完成 / 已建成并投入使用), never when it says how much was done
(已完成造林2.1万亩 is 70% of 3万亩, not achieved). Expected statuses are read from the words."""

from __future__ import annotations

import pytest

from zsprogress.completion_status import classify


@pytest.mark.parametrize("words", ["已完成", "已完工", "全部完成", "已建成并投入使用", "已完成年度目标任务", "已竣工验收"])
def test_a_completion_verb_alone_is_achieved(words):
    assert classify(words) == "achieved"


@pytest.mark.parametrize("words", ["已完成造林2.1万亩", "已完工32个", "1-9月完成固定资产投资95亿元",
                                   "完成年度目标的82%", "已建成 5G 基站 820 个", "已完成造林1.6萬畝"])
def test_a_completion_verb_with_a_figure_says_how_much_not_that_it_is_done(words):
    assert classify(words) != "achieved"


@pytest.mark.parametrize("words,status", [("未完成", "behind"), ("超额完成", "ahead"), ("已完成,超额完成3%", "ahead")])
def test_the_other_statuses_keep_their_words(words, status):
    assert classify(words) == status
