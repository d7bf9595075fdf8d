//! Tests of the Chinese product forms: names by verbs, quotes and kinds,
//! with their owners, descriptions and Latin names.
use super::tests::{found, some};
use super::*;
use crate::detect::rules::Pattern;

#[test]
fn chinese_names_by_verbs_and_quotes() {
    let z = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    assert_eq!(
        z("腾讯将拍拍网出售给京东。", "出售").as_deref(),
        Some("拍拍网")
    );
    assert_eq!(
        z("微视于2021年9月停止服务", "停止服务").as_deref(),
        Some("微视")
    );
    assert_eq!(z("字节跳动推出了多闪，", "推出").as_deref(), Some("多闪"));
    assert_eq!(
        z("滴滴顺风车在全国范围下线。", "下线").as_deref(),
        Some("滴滴顺风车")
    );
    assert_eq!(z("阿里推出了「来往」，", "推出").as_deref(), Some("来往"));
    assert_eq!(z("该公司关闭了", "关闭"), None);
}

#[test]
fn chinese_names_past_prices_adverbs_and_in_latin_letters() {
    let e = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    assert_eq!(
        e(
            "2008年3月，联想将旗下的联想移动以约1亿美元出售给弘毅投资。",
            "出售"
        )
        .as_deref(),
        Some("联想移动")
    );
    assert_eq!(
        e("交易完成，ThinkPad随之并入联想。", "并入").as_deref(),
        Some("ThinkPad")
    );
    let s = |t: &str, cue: &str| found(t, cue, Pattern::Start).map(|f| f.0);
    assert_eq!(
        s("Creative Suite 是于2003年被推出的，它是一套软件。", "推出").as_deref(),
        Some("Creative Suite")
    );
    assert_eq!(
        s("PlayBook是在2011年4月19日被上市的。", "上市").as_deref(),
        Some("PlayBook")
    );
    assert_eq!(
        s("京东于2014年在纳斯达克上市。", "上市"),
        None,
        "a firm listed, not a product"
    );
    assert_eq!(e("拍拍网正式停止服务，页面随之下线。", "下线"), None);
}

#[test]
fn chinese_objects_past_measure_words_and_kinds_with_their_owner() {
    let z = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        z(
            "2016年9月，字节跳动上线了一款名为A.me的音乐短视频应用。",
            "上线"
        ),
        some("A.me", Some("字节跳动")),
        "上线了 takes an object: the subject owns it"
    );
    assert_eq!(
        z("2012年8月，字节跳动推出资讯客户端今日头条。", "推出"),
        some("今日头条", Some("字节跳动"))
    );
    assert_eq!(
        z("2014年11月，该公司推出了Snapcash服务。", "推出"),
        some("Snapcash", None),
        "'the company' points at the owner, it does not name it"
    );
    assert_eq!(
        z("网易云阅读在2011年推出，最初是一款阅读客户端。", "推出"),
        some("网易云阅读", None),
        "a launch verb ending its clause has the product as subject"
    );
    assert_eq!(
        z("2017年11月，字节跳动以约10亿美元收购musical.ly。", "收购"),
        some("musical.ly", None)
    );
    let e = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    assert_eq!(
        e("它的团购业务逐步并入美团。", "并入"),
        None,
        "美团 is the other party"
    );
    assert_eq!(e("拍拍网是腾讯在2005年9月上线的C2C平台。", "上线"), None);
}

#[test]
fn a_cue_holding_its_object_and_a_glossed_chinese_name() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    assert_eq!(
        end(
            "In February 2022 Mozilla handed it over to Igalia.",
            "handed it over"
        ),
        None
    );
    assert_eq!(
        end(
            "Development was discontinued in August 2010.",
            "discontinued"
        ),
        None
    );
    let start = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        start(
            "雅虎问答（Yahoo Answers）于2005年12月被推出，一度拥有数以亿计的问题。",
            "推出"
        ),
        some("雅虎问答", None)
    );
}

#[test]
fn chinese_names_without_their_descriptions_adverbs_and_shares() {
    let zh = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|(n, _)| n);
    let start = |t: &str, cue: &str| found(t, cue, Pattern::Start).map(|(n, _)| n);
    assert_eq!(
        start("人人公司推出团购网站糯米网，正好", "推出").as_deref(),
        Some("糯米网")
    );
    // The kind is looked for in the first bytes, cut on a character.
    assert_eq!(
        zh("人人公司以8000万美元收购视频网站56网，希望借助", "收购").as_deref(),
        Some("56网")
    );
    assert_eq!(
        zh("此后56网逐渐并入搜狐视频。", "并入").as_deref(),
        Some("56网")
    );
    assert_eq!(
        zh("校内网本身更名为人人网，", "更名").as_deref(),
        Some("校内网")
    );
    assert_eq!(zh("它的功能被逐渐地并入eBay的主站。", "并入"), None);
}

#[test]
fn a_chinese_fate_without_a_subject_speaks_of_the_sentence_s() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|(n, _)| n);
    assert_eq!(
        end("可是用户早已习惯了别家的软件，新浪UC一直不温不火，进入2010年代后逐渐停止更新，最终停止运营。", "停止运营")
            .as_deref(),
        Some("新浪UC")
    );
    // A firm opening the sentence is not taken for the product.
    assert_eq!(end("新浪一直不温不火，最终停止运营。", "停止运营"), None);
}

#[test]
fn latin_names_in_chinese_text() {
    let z = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    let k = |t: &str, kind: &str| found(t, kind, Pattern::Kind).map(|f| f.0);
    // Right after any verb, a Latin name is its object.
    assert_eq!(
        z(
            "IBM于2005年12月23日停止销售OS/2，并且结束了支持。",
            "停止销售"
        )
        .as_deref(),
        Some("OS/2")
    );
    // Inside a count and a noun: the Latin name.
    assert_eq!(
        z("2017年7月，星巴克宣布将关闭全部379家Teavana门店。", "关闭").as_deref(),
        Some("Teavana")
    );
    assert_eq!(
        z(
            "星巴克宣布于当年9月底前关闭全部23家La Boulange门店，品牌随即淡出。",
            "关闭"
        )
        .as_deref(),
        Some("La Boulange")
    );
    // A firm is no product, and its Latin part is no name.
    assert_eq!(z("1995年，IBM收购了Lotus开发公司。", "收购"), None);
    // After a kind noun, or before an appositive ending in one.
    assert_eq!(
        k("茶饮品牌Teavana便是一例。", "品牌").as_deref(),
        Some("Teavana")
    );
    assert_eq!(
        k(
            "主要是Lotus Notes，一个最早于1989年被推出的协作和电子邮件的软件。",
            "软件"
        )
        .as_deref(),
        Some("Lotus Notes")
    );
    assert_eq!(k("雅虎问答，曾经很热门，停止了服务。", "服务"), None);
}

#[test]
fn a_chinese_passive_has_no_object_but_a_new_name() {
    let z = |t: &str, cue: &str| found(t, cue, Pattern::Start).map(|f| f.0);
    assert_eq!(z("一个最早于1989年被推出的协作软件。", "推出"), None);
    assert_eq!(
        found(
            "雅虎剩余的部分，其主要由股份所构成，被更名为Altaba，继续存在。",
            "更名",
            Pattern::End
        )
        .map(|f| f.0)
        .as_deref(),
        Some("Altaba")
    );
}

#[test]
fn a_question_a_kind_or_a_date_is_no_chinese_name() {
    let rules = Rules::bundled();
    for not in [
        "产品如何",
        "为什么",
        "业务线",
        "2012年8月",
        "整改",
        "个部门",
        "它自己",
        "或者关闭",
    ] {
        assert!(!is_product_name(&rules, not), "{not}");
    }
    for name in ["啡快", "滴滴顺风车", "网易云音乐"] {
        assert!(is_product_name(&rules, name), "{name}");
    }
}

#[test]
fn after_v_de_only_a_name_with_a_products_shape() {
    let z = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    assert_eq!(z("奈飞的产品的历史：一个关于放弃的故事", "放弃"), None);
    // A name with a product's shape (Latin, a product ending) is read there.
    let s = |t: &str| found(t, "推出", Pattern::Start).map(|f| f.0);
    assert_eq!(
        s("2010年推出的豆瓣FM，很受欢迎。").as_deref(),
        Some("豆瓣FM")
    );
    assert_eq!(s("2019年推出的啡快服务允许顾客在线点单。"), None);
}

#[test]
fn a_chinese_fate_as_a_noun_after_de() {
    let z = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    assert_eq!(
        z(
            "同样在2010年2月，通用完成了萨博的出售，买家是世爵。",
            "出售"
        )
        .as_deref(),
        Some("萨博")
    );
    assert_eq!(
        z("诞生于1926年的庞蒂亚克被直接停掉，品牌就此谢幕。", "停掉").as_deref(),
        Some("庞蒂亚克")
    );
    assert_eq!(
        z("腾中于2010年2月宣布放弃收购，悍马随后停产。", "放弃"),
        None
    );
}

#[test]
fn chinese_latin_names_past_places_businesses_and_passive_relatives() {
    let s = |t: &str, cue: &str| found(t, cue, Pattern::Start).map(|f| f.0);
    let e = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    assert_eq!(
        s("UberPOOL 是于2014年8月在旧金山被推出的。", "推出").as_deref(),
        Some("UberPOOL")
    );
    assert_eq!(
        e(
            "优步于2020年5月将 JUMP 业务出售给了滑板车公司 Lime。",
            "出售"
        )
        .as_deref(),
        Some("JUMP")
    );
    assert_eq!(
        s(
            "与此相对，于2017年5月被推出的 Uber Freight 至今仍然在运营之中。",
            "推出"
        )
        .as_deref(),
        Some("Uber Freight")
    );
}
#[test]
fn a_quote_is_the_verb_s_only_beside_it() {
    let z = |t: &str| found(t, "上线", Pattern::Start);
    assert_eq!(
        z("2011年4月，国美电器网上商城正式上线，与库巴网形成“双品牌”并行的格局。"),
        some("国美电器网上商城", None),
        "a quote in another clause is not the verb's"
    );
    assert_eq!(
        z("二手交易平台“转转”则于2015年11月上线。"),
        some("转转", None)
    );
}

#[test]
fn a_firm_a_rival_or_the_other_party_is_no_product() {
    let v = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    assert_eq!(
        v("58速运刚刚与香港同城货运企业GOGOVAN宣布合并。", "合并").as_deref(),
        Some("58速运"),
        "not the name a firm's noun brings in"
    );
    assert_eq!(
        v("2013年2月，上市公司“苏宁电器”更名为“苏宁云商”。", "更名"),
        None,
        "a quoted firm"
    );
    assert_eq!(
        v("上线一年后，京东到家与众包物流平台达达合并。", "合并").as_deref(),
        Some("京东到家"),
        "not the other party of a merger"
    );
    assert_eq!(
        v("2015年，竞争对手赶集网关闭了。", "关闭").as_deref(),
        Some("赶集网"),
        "the name starts after the noun describing it"
    );
    assert_eq!(
        v(
            "后来豆瓣将其功能并入主App，“一刻”这个名字也就逐渐消失了。",
            "并入"
        )
        .as_deref(),
        Some("一刻"),
        "the writer says it is a name"
    );
}
#[test]
fn what_a_chinese_text_calls_a_latin_name_with_its_gloss() {
    let t = "该公司收购了一家被称为Newtoy的开发商，这家开发商制作了一款被称为Words With Friends的拼字游戏。\
        一款被称为Draw Something（中文通常被称为“你画我猜”）的游戏是在2012年2月被发布的。";
    let names: Vec<&str> = named_as(t).into_iter().map(|r| &t[r]).collect();
    assert_eq!(names, ["Words With Friends", "Draw Something"]);
}
#[test]
fn a_verb_that_tells_the_time_of_something_else_has_no_object() {
    let z = |t: &str| found(t, "上线", Pattern::Start);
    assert_eq!(
        z("然而，飞聊App上线后反响平平。"),
        some("飞聊App", None),
        "no object: 后"
    );
    assert_eq!(
        z("然而，飞聊上线后反响平平。"),
        None,
        "a bare run only where quoted"
    );
    let p = |t: &str| found(t, "发布", Pattern::Start);
    assert_eq!(p("消息发布后不到两小时，话题便登上热搜榜。"), None);
}

#[test]
fn chinese_names_handed_over_denied_or_by_an_agent() {
    let e = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    let s = |t: &str, cue: &str| found(t, cue, Pattern::Start).map(|f| f.0);
    // A verb ending in 给 hands the name before it to the party after it.
    assert_eq!(
        e("甲骨文将OpenOffice.org捐赠给了Apache软件基金会。", "捐赠给").as_deref(),
        Some("OpenOffice.org")
    );
    assert_eq!(
        e("甲骨文将Hudson转交给了Eclipse基金会。", "转交给").as_deref(),
        Some("Hudson")
    );
    // What did not happen, and why, still name the subject.
    assert_eq!(
        e("然而，MySQL并没有被关闭，", "关闭").as_deref(),
        Some("MySQL")
    );
    assert_eq!(
        e("OpenSolaris因此被事实上地关闭了。", "关闭").as_deref(),
        Some("OpenSolaris")
    );
    // After 由 stands who launched it, not what was launched.
    assert_eq!(s("它由Sun在2008年所推出。", "推出"), None);
    // Quantities are no names.
    assert_eq!(s("该公司推出了许多的产品。", "推出"), None);
}

#[test]
fn a_latin_name_after_a_description_and_its_de() {
    let s = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        s("2013年9月，OPPO发布基于安卓深度定制的ColorOS。", "发布").map(|f| f.0),
        Some("ColorOS".to_owned())
    );
    // A Latin word describing a kind is no name.
    assert_eq!(
        found("2015年，腾讯关闭了拍拍网的C2C业务。", "关闭", Pattern::End).map(|f| f.0),
        Some("拍拍网".to_owned())
    );
    // A hyphen inside a Latin model name; a pronoun owns nothing.
    assert_eq!(
        s("2009年，它推出首款蓝光播放器BDP-83，", "推出"),
        some("BDP-83", None)
    );
}
