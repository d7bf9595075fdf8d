//! The Chinese forms of a product's life, as pure parsers over one
//! paragraph: a name by a lifecycle verb (拍拍网出售给京东, 推出了微视,
//! 微视停止服务) or in quotes (「来往」), with the descriptions, adverbs and
//! dates that stand around Chinese names taken off.

use std::ops::Range;

use super::product_forms::{Found, is_product_name};
use super::rules::{Hit, Rules};
use crate::repair::is_cjk;

/// Chinese verbs whose subject is the product (微视停止服务).
const ZH_SUBJECT_VERBS: &[&str] = &[
    "上线",
    "停掉",
    "停止开发",
    "停止支持",
    "终止支持",
    "停止更新",
    "停止销售",
    "试运营",
    "开始运营",
    "投入运营",
    "开服",
    "转为",
    "转型为",
    "分拆上市",
    "停更",
    "下线",
    "停止服务",
    "停止运营",
    "停运",
    "关停",
    "并入",
    "更名",
    "改名",
    "被收购",
    "退出",
    "问世",
    "终止",
    "合并",
    "关闭",
    "出售",
    "卖给",
    "卖掉",
    "停止维护",
    "停止了维护",
    "停止独立运营",
];

/// Chinese verbs of a launch, whose object is the product ("推出了微视")
/// unless nothing follows them ("微视在2013年推出，").
const ZH_LAUNCH_VERBS: &[&str] = &["推出", "发布", "开通", "创立"];

/// Kind nouns a Chinese text puts before a product's name: "推出资讯客户端
/// 今日头条", "发布社交应用多闪".
const ZH_KINDS_BEFORE_NAME: &[&str] = &[
    "客户端",
    "应用",
    "软件",
    "App",
    "APP",
    "平台",
    "产品",
    "服务",
    "网站",
    "品牌",
    "游戏",
];

/// Marks that end a clause: a kind noun after one is not this name's.
const ZH_NAME_STOPS_BEFORE_KIND: [char; 4] = ['，', '。', '；', '的'];

/// Chinese lifecycle verbs that may take the product as object: "关闭拍拍网",
/// "下线了多闪", as well as "微视下线".
const ZH_TRANSITIVE: &[&str] = &[
    "关闭",
    "关停",
    "下线",
    "上线",
    "推出",
    "发布",
    "开通",
    "停止运营",
];

/// Endings of Chinese descriptions, not names: "C2C平台", "打车软件".
pub(super) const ZH_DESCRIPTION_ENDS: &[&str] = &[
    "平台",
    "软件",
    "产品",
    "功能",
    "业务",
    "服务",
    "应用",
    "网站",
    "工具",
    "模式",
    "计划",
    "页面",
    "网页",
    "界面",
    "入口",
    "产品线",
    // People, not products: "Cruise团队".
    "团队",
    "部门",
    "工作室",
    // Documents a firm publishes: 《5G消息白皮书》.
    "白皮书",
    "报告",
    "公告",
    "通知",
    "规划",
    "条例",
    "办法",
];

/// What may stand between a Chinese name and its verb: dates, adverbs.
const ZH_BETWEEN: &[&str] = &[
    "随之",
    "是",
    "将",
    "逐步",
    "逐渐",
    "陆续",
    "相继",
    "先后",
    "随即",
    "很快",
    "迅速",
    "一度",
    "暂时",
    "正式",
    "已经",
    "已",
    "也",
    "随后",
    "最终",
    "后来",
    "宣布",
    "被",
    "了",
    "即",
    "就",
    "便",
    "终于",
    "彻底",
    "全面",
    "直接",
    "悄然",
    "于",
    "在",
    "年",
    "月",
    "日",
    "底",
    "初",
    "中",
    "正式宣布",
    // "58速运刚刚与…合并": just now.
    "刚刚",
    // "打扮家…几乎停止更新": how far it happened.
    "几乎",
    "基本",
    "早已",
    "一直",
    "始终",
    // "飞信最早于2007年正式上线": when it first happened.
    "最早",
    "最初",
    "起初",
    "早在",
    "首次",
    // "MySQL并没有被关闭": what did not happen still names its subject.
    "并没有",
    "没有",
    "并未",
    "从未",
    "尚未",
    "未",
    // "OpenSolaris因此被关闭", "Hudson在2017年被事实上地关闭": so, in fact.
    "因此",
    "因而",
    "事实上地",
    "事实上",
];

/// Characters that end a Chinese name read from a verb.
const ZH_NAME_STOPS: &str =
    "，。；、：！？（）()的了将把被在于和与及是为从向对给由等也都就又还已曾让其该这那才却便";

/// Whether a Chinese name read by a verb counts on one mention: it has
/// Latin letters or digits ("QQ商城", "1号店") or a product ending ("拍拍网").
pub(super) fn zh_name_stands_alone(rules: &Rules, name: &str) -> bool {
    !name.chars().any(is_cjk)
        || name.chars().any(|c| c.is_ascii_alphanumeric())
        || rules
            .zh_product_suffixes
            .iter()
            .any(|s| name.ends_with(s.as_str()))
}

/// The subjects opening the clauses of the Chinese sentence that holds
/// `at`, nearest first, up to four clauses back.
pub(super) fn clause_subjects(text: &str, at: usize) -> Vec<Range<usize>> {
    let Some(before) = text.get(..at) else {
        return Vec::new();
    };
    let sentence_start = before
        .rfind(['。', '！', '？', '；'])
        .map_or(0, |i| i + '。'.len_utf8());
    let clause_starts = before[sentence_start..]
        .match_indices('，')
        .map(|(i, c)| sentence_start + i + c.len())
        .rev()
        .chain(std::iter::once(sentence_start))
        .take(4);
    clause_starts
        .filter_map(|start| {
            let opening = text.get(start..)?;
            let skipped = super::role_forms::skip_zh_linking(opening);
            let subject = super::role_forms::zh_subject(text, start)?;
            let from = start + (opening.len() - skipped.len());
            (text.get(from..)?.starts_with(subject.as_str())).then(|| from..from + subject.len())
        })
        .collect()
}

/// A name in Chinese quotes in `clause` of `text`, nearest `at`.
fn quoted_near(text: &str, clause: Range<usize>, at: usize) -> Option<Range<usize>> {
    let part = text.get(clause.clone())?;
    let mut best: Option<Range<usize>> = None;
    for (open, close) in [('「', '」'), ('“', '”'), ('《', '》'), ('『', '』')] {
        let mut from = 0;
        while let Some(o) = part.get(from..).and_then(|p| p.find(open)) {
            let start = from + o + open.len_utf8();
            let Some(len) = part.get(start..).and_then(|p| p.find(close)) else {
                break;
            };
            let range = clause.start + start..clause.start + start + len;
            let chars = text.get(range.clone()).map_or(0, |n| n.chars().count());
            let distance = |r: &Range<usize>| r.start.abs_diff(at).min(r.end.abs_diff(at));
            if (1..=12).contains(&chars)
                && best.as_ref().is_none_or(|b| distance(&range) < distance(b))
            {
                best = Some(range);
            }
            from = start + len + close.len_utf8();
        }
    }
    best
}

/// Last words of a Chinese firm's name: "联想集团", "云雀科技", "Lotus开发公司".
/// And of bodies that are not firms but own or keep things: "Apache软件基金会".
pub(super) const ZH_FIRM_ENDINGS: [&str; 11] = [
    "公司",
    "集团",
    "科技",
    "控股",
    "传媒",
    "实业",
    "基金会",
    "协会",
    "委员会",
    "银行",
    "大学",
];

/// Nouns that introduce a firm, not a product: "货运企业GOGOVAN".
const ZH_FIRM_NOUNS: [&str; 5] = ["企业", "公司", "集团", "机构", "巨头"];

/// Nouns that describe the name after them inside a run read backwards:
/// "竞争对手赶集网", "房产信息平台安居客".
const ZH_DESCRIBING: [&str; 7] = ["对手", "企业", "公司", "集团", "巨头", "平台", "伙伴"];

/// A Chinese name read backwards from `end` over dates and adverbs.
fn zh_name_before(text: &str, end: usize) -> Option<Range<usize>> {
    let mut before = text.get(..end)?;
    // "将联想移动以约1亿美元出售给": a price between the name and the verb.
    if before.ends_with('元')
        && let Some(at) = before.rfind('以')
        && before.len() - at <= 30
    {
        before = before.get(..at)?;
    }
    loop {
        let trimmed = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        let trimmed = ZH_BETWEEN
            .iter()
            .find_map(|w| trimmed.strip_suffix(w))
            .unwrap_or(trimmed);
        // "雅虎问答（Yahoo Answers）于2005年被推出": a name's gloss in
        // brackets stands between it and its verb.
        let trimmed = match trimmed
            .strip_suffix('）')
            .and_then(|t| t.rfind('（').map(|at| &t[..at]))
        {
            Some(glossed) if trimmed.len() - glossed.len() <= 60 => glossed,
            _ => trimmed,
        };
        // "将 JUMP 业务出售": the business of a Latin name is that name's.
        let trimmed = match ["业务", "品牌", "服务", "项目"]
            .iter()
            .find_map(|w| trimmed.strip_suffix(w))
        {
            Some(head)
                if head
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_alphanumeric()) =>
            {
                head.trim_end()
            }
            _ => trimmed,
        };
        if trimmed.len() == before.len() {
            break;
        }
        before = trimmed;
    }
    let run = zh_run_before(before, before.len())?;
    // "滴滴顺风车在全国范围下线", "UberPOOL 是于2014年8月在旧金山被推出的":
    // the subject stands before a place or time brought in by 在, and the
    // dates before that.
    if let Some(place) = before.get(..run.start).and_then(|t| t.strip_suffix('在'))
        && let Some(subject) = zh_name_before(before, place.len())
            .filter(|r| r.end <= place.len())
            .or_else(|| zh_run_before(before, place.len()))
    {
        return Some(subject);
    }
    Some(run)
}

/// The run of name characters ending at `end` of `text`, up to 8.
fn zh_run_before(text: &str, end: usize) -> Option<Range<usize>> {
    // "Creative Suite 是于2003年被推出的": a Latin name, spaces and all.
    if let Some(latin) = latin_name_before(text, end) {
        return Some(latin);
    }
    // "千橡互动本身更名为…": "itself" is not the name's.
    let end = ["本身", "自身"]
        .iter()
        .find_map(|w| text.get(..end)?.strip_suffix(w).map(str::len))
        .unwrap_or(end);
    let mut start = end;
    let mut cut = false;
    for (n, (i, c)) in text.get(..end)?.char_indices().rev().enumerate() {
        if ZH_NAME_STOPS.contains(c) || !(is_cjk(c) || c.is_ascii_alphanumeric()) {
            break;
        }
        // "在加利福尼亚州圣何塞创立": a run longer than a name is a place
        // or a description, and its tail is no name either.
        if n == 8 {
            cut = true;
            break;
        }
        start = i;
    }
    if cut && !text.get(start..end)?.is_ascii() {
        return None;
    }
    // "此后56网逐渐并入": a linking adverb opening the run is not the name's.
    let run = text.get(start..end)?;
    let start = end - super::role_forms::skip_zh_linking(run).len();
    // "竞争对手赶集网": the name starts after the noun describing it (对,
    // a stop, would leave "手赶集网").
    let start = if text.get(..start)?.ends_with('对') && text.get(start..end)?.starts_with('手') {
        start + '手'.len_utf8()
    } else {
        start
    };
    let run = text.get(start..end)?;
    let start = ZH_DESCRIBING
        .iter()
        .filter_map(|d| run.rfind(d).map(|at| at + d.len()))
        .filter(|&at| at > 0 && at < run.len())
        .max()
        .map_or(start, |at| start + at);
    (start < end).then_some(start..end)
}

/// Up to three capitalised Latin words ending at `end` (spaces before
/// `end` skipped), in Chinese text: "Flash Player", "Adobe Muse".
fn latin_name_before(text: &str, end: usize) -> Option<Range<usize>> {
    let head = text.get(..end)?.trim_end_matches(' ');
    if !head.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let run_start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || " .&+-".contains(c)))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let run = head.get(run_start..)?;
    let words: Vec<&str> = run.split(' ').filter(|w| !w.is_empty()).collect();
    let kept: Vec<&str> = words
        .iter()
        .rev()
        .take(3)
        .take_while(|w| w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()))
        .copied()
        .collect();
    let first = kept.last()?;
    let name_len: usize = kept.iter().map(|w| w.len()).sum::<usize>() + kept.len() - 1;
    let start = head.len() - name_len;
    if !head.get(start..)?.starts_with(first) {
        return None;
    }
    // "真快乐App", "爱奇艺TV": a Latin ending of a Chinese name is the
    // name's, the Chinese run before it too.
    let ending = ["App", "APP", "TV", "Pro", "Plus", "Lite"].contains(first) && kept.len() == 1;
    let chinese_start = head
        .get(..start)?
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_cjk(*c) && !ZH_NAME_STOPS.contains(*c))
        .take(8)
        .last()
        .map(|(i, _)| i);
    match chinese_start {
        Some(from) if ending => Some(from..head.len()),
        _ => Some(start..head.len()),
    }
}

/// A Chinese name read forwards from `start`, after 了 or 的.
fn zh_name_after(text: &str, start: usize) -> Option<Range<usize>> {
    let rest = text.get(start..)?;
    // "更名为京东商城": 为 and 成 join the verb to its object.
    let mut rest = rest.trim_start_matches(['了', '的', ' ', '为', '成']);
    // "一款名为A.me的…", "资讯客户端今日头条": a measure word, "named", or a
    // description ending in a kind noun comes before the name.
    for lead in ["一款", "一个", "一项", "一家", "一种", "全新的", "新的"] {
        rest = rest.strip_prefix(lead).unwrap_or(rest);
    }
    if let Some(named) = ["名为", "叫做", "名叫", "取名"].iter().find_map(|w| {
        rest.get(..rest.floor_char_boundary(40))
            .and_then(|head| head.find(w))
            .map(|at| at + w.len())
    }) {
        rest = rest.get(named..).unwrap_or(rest);
    } else if let Some(kind_end) = ZH_KINDS_BEFORE_NAME
        .iter()
        .filter_map(|k| {
            let head = rest.get(..rest.floor_char_boundary(30))?;
            let at = head.find(k)?;
            let clause_break = head.get(..at)?.contains(ZH_NAME_STOPS_BEFORE_KIND);
            (!clause_break).then_some(at + k.len())
        })
        .min()
        && rest
            .get(kind_end..)
            .is_some_and(|r| r.starts_with(|c: char| is_cjk(c) || c.is_ascii_alphanumeric()))
    {
        rest = rest.get(kind_end..).unwrap_or(rest);
    } else if let Some(described) = rest
        .get(..rest.floor_char_boundary(36))
        .and_then(|head| head.find('的'))
        .filter(|&at| !rest[..at].contains(['，', '。', '；', '、']))
        .map(|at| at + '的'.len_utf8())
        .filter(|&at| rest[at..].starts_with(|c: char| c.is_ascii_uppercase()))
        .filter(|&at| {
            // Not "关闭拍拍网的C2C业务": a Latin word describing a kind.
            let latin = rest[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || " .-".contains(c)))
                .map_or(rest.len(), |l| at + l);
            !ZH_DESCRIPTION_ENDS
                .iter()
                .any(|d| rest[latin..].starts_with(d))
        })
    {
        // "发布基于安卓深度定制的ColorOS": a Latin name after a description
        // and its 的 is the object.
        rest = rest.get(described..).unwrap_or(rest);
    }
    let from = text.len() - rest.len();
    let mut end = from;
    let mut chars = rest.char_indices().take(16).peekable();
    while let Some((i, c)) = chars.next() {
        // "收购musical.ly": a dot between Latin letters is inside the name.
        // "OS/2", "La Boulange": a slash or a space between Latin letters too.
        let prev_latin = rest
            .get(..i)
            .is_some_and(|p| p.ends_with(|p: char| p.is_ascii_alphanumeric()));
        let inner_dot = matches!(c, '.' | '/' | ' ' | '-')
            && i > 0
            && prev_latin
            && chars.peek().is_some_and(|(_, n)| {
                if c == ' ' {
                    n.is_ascii_uppercase()
                } else {
                    n.is_ascii_alphanumeric()
                }
            });
        if !inner_dot && (ZH_NAME_STOPS.contains(c) || !(is_cjk(c) || c.is_ascii_alphanumeric())) {
            break;
        }
        end = from + i + c.len_utf8();
    }
    // "关闭全部379家Teavana门店": a Latin name inside a Chinese run is the name.
    // Not "Lotus" of "Lotus开发公司": a firm, and no product's name.
    let firm = text
        .get(from..end)
        .is_some_and(|run| ZH_FIRM_ENDINGS.iter().any(|e| run.ends_with(e)));
    if !firm && let Some(latin) = text.get(from..end).and_then(latin_inside) {
        return Some(from + latin.start..from + latin.end);
    }
    // "收购糯米网59%的股份": a share, not part of the name.
    if text.get(end..).is_some_and(|t| t.starts_with('%')) {
        end = from
            + text
                .get(from..end)?
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
                .len();
    }
    (end > from).then_some(from..end)
}

/// The Latin name (a letter first, then letters, digits, and spaces or
/// dots between them) inside a run that is also Chinese: "Teavana" of
/// "全部379家Teavana门店". `None` for a run all Latin or all Chinese.
fn latin_inside(run: &str) -> Option<Range<usize>> {
    if run.is_ascii() || !run.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let start = run.find(|c: char| c.is_ascii_alphabetic())?;
    let len = run[start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || " ./&+-".contains(c)))
        .unwrap_or(run.len() - start);
    let name = run[start..start + len].trim_end_matches([' ', '.', '/', '-']);
    // A count before it ("全部23家…") or a Chinese noun after it
    // ("…Teavana门店") makes the Latin the name; a Latin ending ("豆瓣FM",
    // "快手App") is part of the whole name.
    let before = &run[..start];
    let counted = before.contains(|c: char| c.is_ascii_digit() || "家个款台部".contains(c));
    let noun_after = run[start + name.len()..].trim_start().starts_with(is_cjk);
    (name.len() >= 2 && (counted || noun_after)).then(|| start..start + name.len())
}

/// A Chinese kind noun at `hit`: the Latin name written right after it
/// ("茶饮品牌Teavana"), or the name an appositive ending in it follows
/// ("Lotus Notes，一个最早于1989年被推出的…软件").
pub(super) fn zh_around_kind(rules: &Rules, text: &str, hit: &Hit) -> Option<Range<usize>> {
    let good = |r: &Range<usize>| {
        text.get(r.clone())
            .is_some_and(|n| is_product_name(rules, n))
    };
    let after = text.get(hit.end..)?;
    if after.starts_with(|c: char| c.is_ascii_uppercase()) {
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || " ./&+-".contains(c)))
            .unwrap_or(after.len());
        let name = after[..len].trim_end_matches([' ', '.', '/', '-']);
        return Some(hit.end..hit.end + name.len()).filter(good);
    }
    // The appositive opens with a count: "，一个", "，一款", "，一台".
    let head = text.get(..hit.start)?;
    let window = head.get(head.floor_char_boundary(head.len().saturating_sub(120))..)?;
    let at = window.rfind("，一")?;
    let between = window.get(at..)?;
    if between['，'.len_utf8()..].contains(['。', '；', '！', '？', '，']) {
        return None;
    }
    let comma = head.len() - window.len() + at;
    zh_run_before(text, comma).filter(good)
}

/// Names a text introduces as "名为X的<kind>": "一个名为DVD.com的独立的品牌",
/// "一项名为Qwikster的独立的服务". Not "一个名为…的团队": a team is no product.
pub(super) fn named_as(text: &str) -> Vec<Range<usize>> {
    const KINDS: [&str; 10] = [
        "服务", "品牌", "应用", "产品", "平台", "网站", "软件", "App", "APP", "游戏",
    ];
    // "名为", "被称为", "叫做", "名叫": what the text calls it.
    ["名为", "称为", "叫做", "名叫"]
        .iter()
        .flat_map(|c| text.match_indices(c))
        .filter_map(|(at, cue)| {
            let from = at + cue.len();
            let rest = text.get(from..)?;
            let open = rest
                .chars()
                .next()
                .filter(|c| "“「《\"".contains(*c))
                .map_or(0, char::len_utf8);
            let name_len = rest.get(open..)?.find('的')?;
            let name = rest
                .get(open..open + name_len)?
                .trim_end_matches(['”', '」', '》', '"']);
            // "Draw Something（中文通常被称为“你画我猜”）的游戏": the gloss is not
            // the name's.
            let name = name.split_once('（').map_or(name, |(n, _)| n.trim_end());
            let tail = rest.get(open + name_len..)?;
            let head = tail.get(..tail.floor_char_boundary(36))?;
            let head = head.split(['，', '。', '；']).next().unwrap_or("");
            let kind = KINDS.iter().any(|k| head.contains(k));
            // "Words With Friends": a Latin name may be longer.
            let chars = name.chars().count();
            let fits = ((2..=16).contains(&chars)
                || (name.is_ascii() && (2..=40).contains(&chars)))
                && !name.contains(['）', ')', '”', '」']);
            (kind && fits).then(|| from + open..from + open + name.len())
        })
        .collect()
}

/// A Chinese lifecycle verb at `hit`: the quoted name in its clause, else
/// the name before it (the product is the subject: 微视停止服务, 将拍拍网
/// 出售给京东) or after it (推出了多闪, 上线了一款名为A.me的应用), owned by
/// the subject that launched it.
pub(super) fn zh_around_verb(
    rules: &Rules,
    text: &str,
    hit: &Hit,
    clause: Range<usize>,
) -> Option<Found> {
    let good = |r: &Range<usize>| {
        text.get(r.clone())
            .is_some_and(|n| is_product_name(rules, n))
    };
    // The quote must be the verb's own: "“转转”则于2015年11月上线",
    // "推出了一款名为“X”的应用", not "…正式上线，与库巴网形成“双品牌”…".
    let beside = |q: &Range<usize>| {
        let between = if q.end <= hit.start {
            text.get(q.end..hit.start)
        } else {
            text.get(hit.end..q.start)
        };
        // "“一刻”这个名字也就逐渐…消失了": the writer says it is a name.
        let named = text.get(q.end..).is_some_and(|t| {
            let t = t.trim_start_matches(['”', '」', '』']);
            ["这个名字", "这一名字", "这个品牌", "这一品牌"]
                .iter()
                .any(|w| t.starts_with(w))
        });
        // "上市公司“苏宁电器”更名为…": a firm's name.
        let firm = text.get(..q.start).is_some_and(|t| {
            let t = t.trim_end_matches(['“', '「', '『']);
            ZH_FIRM_NOUNS.iter().any(|f| t.ends_with(f))
        });
        !firm
            && (named
                || between
                    .is_some_and(|b| !b.contains(['，', '。', '；']) && b.chars().count() <= 20))
    };
    if let Some(q) = quoted_near(text, clause.clone(), hit.start)
        .filter(good)
        .filter(beside)
    {
        return Some(Found {
            name: q,
            owner: None,
        });
    }
    let verb = text.get(hit.start..hit.end)?;
    let after = text.get(hit.end..).unwrap_or("");
    // "网易云阅读在2011年推出，": a verb ending its clause has no object;
    // its subject is the product.
    // "飞聊上线后反响平平": a verb the time of something else ("after it
    // went live") has no object either.
    let time_clause = [
        "后", "之后", "以后", "以来", "前", "之前", "时", "初期", "不久",
    ]
    .iter()
    .any(|w| after.trim_start_matches('了').starts_with(w));
    let ends_clause = after.starts_with(['，', '。', '；', '！']) || time_clause;
    let launch = ZH_LAUNCH_VERBS.contains(&verb) || verb == "上线";
    // "上线了一款…", "关闭了…", "宣布关闭拍拍网": an object follows.
    let object_next = !ends_clause
        && after
            .trim_start_matches('了')
            .chars()
            .next()
            .is_some_and(|c| {
                (is_cjk(c) || c.is_ascii_alphanumeric() || "“「《".contains(c))
                    && !ZH_NAME_STOPS.contains(c)
            });
    // "停止销售OS/2", "收购Tazo": a Latin name right after the verb is its
    // object, whatever the verb.
    // Not "并入eBay的主站": after some verbs comes the other party.
    // "出售给", "捐赠给", "转交给": a verb ending in 给 hands its product to
    // the party after it.
    let hands_over = verb.ends_with('给');
    let latin_object = after.starts_with(|c: char| c.is_ascii_alphabetic())
        && !hands_over
        && !["并入", "转为", "转型为", "合并", "退出", "转让"].contains(&verb);
    let transitive =
        object_next && (after.starts_with('了') || ZH_TRANSITIVE.contains(&verb) || latin_object);
    // "Creative Cloud 是在2012年5月被推出的": 被 makes the product the subject.
    let passive = text
        .get(..hit.start)
        .map(|t| t.trim_end_matches(['正', '式', '所', ' ']))
        .is_some_and(|t| t.ends_with('被'));
    // "通用完成了萨博的出售": the verb as a noun, what it befell before 的.
    let nominal = ZH_SUBJECT_VERBS.contains(&verb)
        && text.get(..hit.start).is_some_and(|t| t.ends_with('的'));
    let subject_verb = nominal
        || ((ZH_SUBJECT_VERBS.contains(&verb) || hands_over || (launch && ends_clause) || passive)
            && !(transitive && (launch || ZH_TRANSITIVE.contains(&verb) || latin_object)));
    let sale = hands_over || ["出售", "卖掉"].contains(&verb);
    let before = if nominal {
        zh_name_before(text, hit.start - '的'.len_utf8())
    } else {
        zh_name_before(text, hit.start)
    };
    // "香港同城货运企业GOGOVAN宣布合并": a name a firm's noun introduces is
    // a firm's.
    let before = before.filter(|r| {
        !text
            .get(..r.start)
            .is_some_and(|t| ZH_FIRM_NOUNS.iter().any(|f| t.ends_with(f)))
    });
    // "京东到家与众包物流平台达达合并": the name after 与 is the other party.
    let other_party = verb == "合并"
        && before.as_ref().is_some_and(|r| {
            let lead = text.get(..r.start).unwrap_or("");
            let clause_start = lead
                .rfind(['，', '。', '；'])
                .map_or(0, |i| i + '，'.len_utf8());
            lead.get(clause_start..)
                .is_some_and(|c| c.contains(['与', '和', '同', '跟']))
        });
    let before = before.filter(|_| !other_party);
    // "它由Sun在2008年所推出": after 由 stands who did it, not what.
    let before = before.filter(|r| !text.get(..r.start).is_some_and(|t| t.ends_with('由')));
    // "消息发布后…", "具体发布时间": the subject of a time clause is a name
    // only with a product's shape; "飞聊上线后" is found where it is quoted.
    let before = before.filter(|r| {
        !time_clause
            || passive
            || verb.starts_with('被')
            || text
                .get(r.clone())
                .is_some_and(|n| zh_name_stands_alone(rules, n))
    });
    // "将X出售": X is sold; "X出售了Y": Y is.
    // "将旗下的联想移动…出售": 将 may stand a few words before the name.
    let marked = nominal
        || before.as_ref().is_some_and(|r| {
            text.get(..r.start).is_some_and(|t| {
                let near: String = t.chars().rev().take(6).collect();
                near.contains('将') || near.contains('把')
            })
        });
    // "千橡互动本身更名为人人公司": a firm renamed to a firm's name is no
    // product; "然后将其出售、分拆或者关闭": 其 ("it") is named elsewhere.
    let renamed_firm = ["更名", "改名"].contains(&verb)
        && zh_name_after(text, hit.end)
            .and_then(|r| text.get(r))
            .is_some_and(|n| n.ends_with("公司") || n.ends_with("集团"));
    let pronoun_object = text
        .get(..hit.start)
        .and_then(|t| t.rfind('将').map(|at| &t[at..]))
        .is_some_and(|t| t.starts_with("将其") && t.chars().count() <= 12);
    if renamed_firm || pronoun_object {
        return None;
    }
    if subject_verb
        && (!sale || marked)
        && let Some(b) = before.clone().filter(good)
    {
        return Some(Found {
            name: b,
            owner: None,
        });
    }
    // "新浪UC一直不温不火，…，最终停止运营": a verb ending a clause that
    // has no subject of its own goes on about an earlier clause's subject,
    // when it has a product's shape (a firm opening the sentence, "新浪…，
    // 最终退出", is left alone). Not "…，2014年正式更名为快手": an object
    // follows there.
    if subject_verb
        && !sale
        && ends_clause
        && before.is_none()
        && ZH_SUBJECT_VERBS.contains(&verb)
        && let Some(subject) = clause_subjects(text, hit.start).into_iter().find(|s| {
            good(s)
                && text
                    .get(s.clone())
                    .is_some_and(|n| zh_name_stands_alone(rules, n))
        })
    {
        return Some(Found {
            name: subject,
            owner: None,
        });
    }
    // "并入美团", "被京东收购": after a verb whose subject is the product
    // comes the other party, unless the verb takes an object here.
    // "一个最早于1989年被推出的协作…软件": a passive verb has no object,
    // but for a rename's new name ("被更名为Altaba").
    let rename = ["更名", "改名"].contains(&verb);
    // "于2017年5月被推出的 Uber Freight": after a passive's 的 stands what
    // it befell, when it has a name's shape (read below).
    let object_follows = rename
        || (passive && after.starts_with('的'))
        || (!passive && (!ZH_SUBJECT_VERBS.contains(&verb) || transitive || sale));
    if !object_follows {
        return None;
    }
    // "一个关于放弃的故事": after "V的" stands what the clause describes;
    // only a name that has a product's shape is one there.
    let relative = after.starts_with('的');
    let object = zh_name_after(text, hit.end).filter(good).filter(|r| {
        !relative
            || text
                .get(r.clone())
                .is_some_and(|n| zh_name_stands_alone(rules, n))
    })?;
    // "该公司推出了Snapcash": "the company" points at the owner, it is not
    // its name; the owner the text implies is found later.
    let pointer = |o: &str| {
        let o = ["该", "本", "这家", "此", "那家"]
            .iter()
            .find_map(|p| o.strip_prefix(p))
            .unwrap_or(o);
        rules.vocab().not_names.has(o)
            || ["企业", "公司", "集团", "它", "其", "他", "她", "它们"].contains(&o)
    };
    let owner = launch
        .then_some(before)
        .flatten()
        .filter(|b| !marked && b.end <= hit.start)
        .filter(|b| text.get(b.clone()).is_some_and(|o| !pointer(o)));
    Some(Found {
        name: object,
        owner,
    })
}
