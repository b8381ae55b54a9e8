"""The tokenizer's segmenter gives jieba's words, to the character (kg/nlp/tokens.py)."""

from __future__ import annotations

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacy.util import get_words_and_spaces

from kg.nlp.pipeline import make_nlp
from kg.nlp.tokens import _tokens, segment


@pytest.fixture(scope="module", autouse=True)
def taught():
    make_nlp()  # jieba's shared dictionary with the gazetteer's names, as extraction has it


def jieba_words(text: str) -> list[str]:
    return [w for w in jieba.cut(text) if w]


# sentences written for this test: names the gazetteer teaches jieba, unknown names left
# to the HMM, numbers, Latin letters, mixed punctuation and whitespace
SENTENCES = [
    "水利部会同自然资源部于2031年3月印发《流域水土保持规划（2031—2040年）》。",
    "蓝天保卫战取得新进展，PM2.5平均浓度降至27.6微克/立方米，同比下降3.1%。",
    "巴彦淖尔市乌拉特后旗开展荒漠草原修复试点，涉及牧户1,245户。",
    "第十二条　县级以上地方人民政府应当  统筹  安排资金\r\n（一）建立台账；\t（二）定期公开。",
    "“2+26”城市秋冬季攻坚行动方案由京津冀及周边地区大气污染防治领导小组办公室印发",
    "ABC-123型监测设备 与 北斗卫星 导航 系统 对接 #试点# 100%覆盖",
    "",
    "　　 \n\n",
    "啊",
    "嘎吱嘎吱嘎吱嘎吱嘎吱嘎吱嘎吱",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_segment_gives_jiebas_words(text):
    assert segment(text) == jieba_words(text)


# characters drawn from dictionary words and the punctuation, digits and spaces of official text
_CHARS = "生态环境部门保护监督管理水土大气污染防治攻坚战国务院办公厅关于印发的通知市县区省人民政府" \
         "碳排放达峰中和年月日第条款项，。、；：“”（）《》0123456789.%-+#&_abcXYZ \n\r\t　嘎吱咚"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=60))
def test_segment_gives_jiebas_words_on_any_text(text):
    assert segment(text) == jieba_words(text)


def test_segment_follows_a_word_added_after():
    text, word = "鸿蒙湾湿地恢复项目", "鸿蒙湾湿地"
    freq, total = jieba.dt.FREQ, jieba.dt.total
    new_keys = [word[:i] for i in range(1, len(word) + 1) if word[:i] not in freq]
    assert word not in segment(text)
    jieba.add_word(word)
    try:
        assert word in segment(text)
        assert segment(text) == jieba_words(text)
    finally:  # jieba's dictionary as it was, for the other tests of this process
        for key in new_keys:
            del freq[key]
        jieba.dt.total = total
    assert word not in segment(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CHARS + "  \u00a0\u3000\n", max_size=60))
def test_tokens_are_spacys_alignment_with_their_starts(text):
    words = segment(text)
    tokens, spaces, starts = _tokens(words, text)
    assert (tokens, spaces) == tuple(map(list, get_words_and_spaces(words, text)))
    assert all(text[start : start + len(token)] == token for token, start in zip(tokens, starts))
