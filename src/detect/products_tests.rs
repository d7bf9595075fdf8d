//! Tests of product detection over whole texts: names, aliases, owners and
//! histories as a reader would find them.
use super::*;

fn products(text: &str) -> Vec<Product> {
    super::super::detect(&Document::from_text(text)).products
}

fn names(text: &str) -> Vec<String> {
    products(text).into_iter().map(|p| p.name).collect()
}

#[test]
fn the_article_organisation_renamed_is_no_product_and_owns_the_rest() {
    let text = "Contoso and its products\n\n\
        Contoso was founded in 1994. Contoso has sold software for years. \
        The Zune went on sale in 2006, and in 2011 Contoso discontinued the player.\n\n\
        Contoso said the Zune was discontinued in 2011. In 2017 Contoso was renamed Altaba.";
    let found = products(text);
    let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Zune"]);
    assert_eq!(found[0].owner.as_deref(), Some("Contoso"));
}

#[test]
fn a_word_capitalised_only_opening_sentences_is_no_name() {
    let text = "Consoles\n\nBeing a platform holder meant losses; being a publisher did not. \
        Studios were reorganised and spun off in 2004. Other studios closed.\n\n\
        Zune was discontinued in 2011.";
    assert_eq!(names(text), ["Zune"]);
}

#[test]
fn a_firm_named_short_is_an_organisation() {
    let text = "云雀科技关停“青鸟听书”\n\n杭州云雀网络科技有限公司（以下简称“云雀科技”）\
        发布公告称，“青鸟听书”将于2024年10月31日起停止运营。云雀科技成立于2014年。";
    assert_eq!(names(text), ["青鸟听书"]);
    let found = products(text);
    assert_eq!(found[0].owner.as_deref(), Some("云雀科技"));
}

#[test]
fn lexicon_names_and_aliases_case_insensitive() {
    let p = products(
        "T\n\nthe amount of sesame credit opens comments; Taobao Wangwang and ALIPAY; Alibaba.",
    );
    let n: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(n, vec!["Sesame Credit", "Ali Wangwang", "Alipay"]);
    assert_eq!(p[1].aliases, vec!["Taobao Wangwang"]);
    assert_eq!(p[1].launched, Some(2004));
    assert!(p[1].known);
}

#[test]
fn a_short_name_takes_the_long_form_the_text_gives_it() {
    let p = products("T\n\nStart with Google Reader, loved by many. Reader was shut down in 2013.");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].name, "Google Reader");
    assert_eq!(p[0].aliases, vec!["Google Reader", "Reader"]);
    assert_eq!(p[0].status.as_deref(), Some("shut down"));
}

#[test]
fn lexicon_facts_need_their_owner_in_the_text() {
    // Google+'s Circles is not Alipay's: the name, no facts.
    let p = products("T\n\nGoogle+ launched Circles in 2011; Circles was retired in 2019.");
    let circles = p.iter().find(|p| p.name == "Circles").expect("found");
    assert_eq!((circles.owner.as_deref(), circles.launched), (None, None));
    assert_eq!(circles.fate, None);
    assert_eq!(circles.status.as_deref(), Some("retired"));
    // Ant Financial is named through its group.
    let p = products("T\n\nAlibaba runs Alipay.");
    assert_eq!(p[0].owner.as_deref(), Some("Ant Financial"));
}

#[test]
fn history_of_a_product_from_its_clauses() {
    let p = products(
        "T\n\nGoogle launched Buzz in February 2010. Stadia, the cloud gaming service, \
         was switched off on January 18, 2023. Allo, a messaging app launched in 2016, \
         was shut down in March 2019 and Buzz was closed in 2011.",
    );
    let get = |n: &str| p.iter().find(|p| p.name == n).expect(n);
    let buzz = get("Buzz");
    assert_eq!(buzz.owner.as_deref(), Some("Google"));
    assert_eq!(
        buzz.start.map(|d| d.to_string()).as_deref(),
        Some("2010-02")
    );
    assert_eq!(buzz.end.map(|d| d.to_string()).as_deref(), Some("2011"));
    assert_eq!(buzz.status.as_deref(), Some("closed"));
    assert_eq!(get("Stadia").status.as_deref(), Some("switched off"));
    assert_eq!(
        get("Allo").end.map(|d| d.to_string()).as_deref(),
        Some("2019-03")
    );
    assert!(!p.iter().any(|p| p.name == "Google"));
}

#[test]
fn list_items_tell_each_product_and_a_launch_is_an_outcome() {
    let p = products(
        "T\n\nWhat became of them:\n• Robinhood Gold: launched in September 2016, a paid \
         tier. Still offered.\n• Robinhood Checking & Savings: announced in December 2018 \
         and withdrawn within a week\n• Robinhood UK: the launch was abandoned in 2020.\n\n\
         Amazon launched Coins in 2013.",
    );
    let get = |n: &str| p.iter().find(|p| p.name == n).expect(n);
    let gold = get("Robinhood Gold");
    assert_eq!(
        gold.start.map(|d| d.to_string()).as_deref(),
        Some("2016-09")
    );
    assert_eq!(gold.outcome.as_deref(), Some("Still offered."));
    assert_eq!(
        get("Robinhood Checking & Savings").status.as_deref(),
        Some("withdrawn")
    );
    assert_eq!(get("Robinhood UK").status.as_deref(), Some("abandoned"));
    // Nothing after its launch: the launch is what the text says became of it.
    let coins = get("Coins");
    assert_eq!(coins.status.as_deref(), Some("launched"));
    assert_eq!(
        coins.outcome.as_deref(),
        Some("Amazon launched Coins in 2013.")
    );
}

#[test]
fn weak_aliases_need_a_product_context() {
    assert!(names("T\n\nthe circle is relatively narrow.").is_empty());
    assert!(names("T\n\nhis circle of friends.").is_empty());
    assert_eq!(
        names("T\n\nthese circles gate the comment function."),
        vec!["Circles"]
    );
    assert_eq!(names("T\n\nThey opened Circles to users."), vec!["Circles"]);
    assert_eq!(names("T\n\nAli’s circle is a product."), vec!["Circles"]);
    // The last word of another name is no mention.
    assert!(names("T\n\nHe met them at the Maple Street Chess Circle.").is_empty());
}

#[test]
fn cues_refer_without_naming() {
    let p = products(
        "T\n\nhope to achieve growth through the accumulation of stars, and ultimately not known.",
    );
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].name, "Laiwang");
    assert!(
        p[0].outcome
            .as_deref()
            .is_some_and(|o| o.contains("ultimately not known"))
    );
}

#[test]
fn generic_rule_finds_unknown_products() {
    let t = "Google's bets\n\nGoogle Reader expects to achieve a loyal audience; it was eventually shut down.\n\n\
             Later the product Wave was eventually shut down in 2012. Wave failed.\n\n\
             Kindle is sold to readers. They launched Buzz later. The Nest app works.\n\n\
             The user expects to achieve little. Google expects to achieve more.";
    let p = products(t);
    let n: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(n, vec!["Google Reader", "Wave", "Kindle", "Buzz", "Nest"]);
    assert!(!p[0].known);
    assert_eq!(
        p[0].outcome.as_deref(),
        Some("it was eventually shut down.")
    );
    assert_eq!(p[1].mentions.len(), 2);
    assert_eq!(
        p[1].outcome.as_deref(),
        Some("Later the product Wave was eventually shut down in 2012.")
    );
}

#[test]
fn generic_rule_skips_lexicon_and_sentence_words() {
    assert!(names("T\n\nThe expects to achieve.").is_empty());
    assert_eq!(
        names("T\n\nAli Wangwang expects to achieve it."),
        vec!["Ali Wangwang"]
    );
    assert!(names("T\n\nAlibaba hopes to achieve it.").is_empty());
}

#[test]
fn chinese_aliases() {
    assert_eq!(
        names("标题\n\n支付宝用芝麻信用分数限制评论。"),
        vec!["Alipay", "Sesame Credit"]
    );
}

#[test]
fn chinese_names_by_title_owner_and_short_form_not_descriptions() {
    let p = names(
        "从打车软件到出行平台：滴滴的三种角色\n\n2018年8月27日，滴滴顺风车在全国范围下线。\n\n\
         2015年1月，网易考拉海购正式上线，后来简称网易考拉。2019年，网易将网易考拉出售给阿里巴巴。",
    );
    // Named once, but after the company of the title; a short form
    // written alone is the same product; "打车" (from "打车软件") is a
    // kind, not a name.
    assert_eq!(p, vec!["滴滴顺风车", "网易考拉海购"]);
}

#[test]
fn chinese_short_names_renames_in_quotes_and_no_dates() {
    let p = names(
        "从“嘀嘀”到“滴滴”：一家出行平台\n\n2012年9月9日，「嘀嘀打车」在北京上线。\
         嘀嘀打车在2014年5月更名为“滴滴打车”。2015年9月，它再次改名为“滴滴出行”。\n\n\
         「滴滴顺风车」于2015年6月1日上线。8月27日，滴滴宣布顺风车在全国范围内下线整改。\
         快的于2012年8月在杭州上线。",
    );
    // One product under its last name, the short name written alone
    // is the long one's, and neither a date nor a verb is a name.
    assert_eq!(p, vec!["滴滴出行", "滴滴顺风车"]);
}

#[test]
fn what_it_did_in_a_section_headed_by_a_name() {
    let p = products(
        "T\n\nWinamp\n\nIt first showed up in 1997. AOL bought it in June 1999.\n\n\
         Later AOL just sold it to Radionomy.\n\nWhy it matters\n\nIt launched a career.",
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].name, "Winamp");
    assert_eq!(p[0].status.as_deref(), Some("sold"));
}

#[test]
fn an_actor_is_a_product_only_when_the_text_tells_its_life() {
    let p = names(
        "T\n\nIn April 2010 the Xiaomi company was founded in Beijing. The Xiaomi brand grew.\n\n\
         Redmi is playing the role of price guardian. In 2019 Redmi was spun off as a brand.\n\n\
         In the whole ecosystem, Xiaomi is playing the role of the connector.",
    );
    assert_eq!(p, vec!["Redmi"]);
    let redmi =
        products("T\n\nRedmi is playing the role of price guardian. In 2019 Redmi was spun off.");
    assert_eq!(redmi[0].status.as_deref(), Some("spun off"));
}

#[test]
fn outcome_skips_clauses_about_other_products() {
    let p = products("T\n\nAli Wangwang grew; Alipay eventually failed.");
    assert_eq!(p[0].name, "Ali Wangwang");
    assert_eq!(p[0].outcome, None);
    assert_eq!(p[1].outcome.as_deref(), Some("Alipay eventually failed."));
}

#[test]
fn a_quoted_chinese_name_beside_its_verb_counts_once() {
    let text = "赶集网的故事\n\n赶集网是一家分类信息公司，总部在北京，业务覆盖全国。\n\n\
        二手交易平台“转转”则于2015年11月上线，后来完成分拆。公司推出了“快狗”。\n\n\
        业内人士认为，公司更多扮演的是“孵化器”的角色，待新业务成熟后再推动分拆。\
        公司已经多次为收购来的品牌“收尾”。";
    let mut found = names(text);
    found.sort();
    assert_eq!(found, ["快狗", "转转"]);
}

#[test]
fn a_chinese_news_story_of_a_renamed_product_under_its_firm() {
    let text = "和飞信停止服务\n\n2022年8月，中国移动发布公告称，旗下即时通讯产品“和飞信”将于2022年9月28日\
        正式停止服务。\n\n飞信最早于2007年正式上线。此后，飞信逐步升级为“和飞信”。\
        维护成本不低，停止服务“是迟早的事”。\n\n2020年4月，中国移动发布《5G消息白皮书》。\
        对于即将停止服务的和飞信，一位从2008年开始使用的网友很不舍。";
    let found = products(text);
    let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["和飞信"], "no remark, no white paper, one product");
    let p = &found[0];
    assert_eq!(p.owner.as_deref(), Some("中国移动"));
    assert_eq!(p.status.as_deref(), Some("停止服务"));
    assert_eq!(
        p.end.map(|d| d.to_string()).as_deref(),
        Some("2022-09-28"),
        "not the reminder's"
    );
}

#[test]
fn the_firm_the_article_is_about_is_no_product_of_its_own() {
    let text = "Fabrikam\n\nTwo founders opened Fabrikam to the public in 2008. \
        Fabrikam grew fast. Fabrikam bought Lumen in 2013. In 2015 Fabrikam announced \
        that the app would close.\n\nFabrikam Notes launched in 2015. Fabrikam Sign launched in 2019. \
        In 2014 the Kestrel Network was renamed as the Fabrikam.";
    let found = names(text);
    assert!(!found.iter().any(|n| n == "Fabrikam"), "{found:?}");
    assert!(
        !found.iter().any(|n| n == "Kestrel Network"),
        "the firm's earlier name: {found:?}"
    );
    assert!(found.iter().any(|n| n == "Fabrikam Notes"), "{found:?}");
}

#[test]
fn a_name_without_its_model_number_is_that_product() {
    let text = "Phones\n\nThe DynaTAC 8000X went on sale in 1984. It weighed two pounds.\n\n\
        The DynaTAC line was phased out after the MicroTAC, introduced in 1989, replaced it.\n\n\
        In 2005 came the ROKR E1, introduced in September 2005. The ROKR was a flop.";
    let found = products(text);
    let status = |n: &str| {
        found
            .iter()
            .find(|p| p.name == n)
            .and_then(|p| p.status.clone())
    };
    assert_eq!(status("DynaTAC 8000X").as_deref(), Some("phased out"));
    assert_eq!(status("ROKR E1").as_deref(), Some("a flop"));
    assert!(
        !found
            .iter()
            .any(|p| p.name == "DynaTAC" || p.name == "ROKR")
    );
}

#[test]
fn a_name_before_a_firm_word_is_the_firm_not_a_product() {
    let text = "Fabrikam history\n\n\
        Fabrikam Corporation was founded in 1977.\n\n\
        In 1979, the company launched Fabrikam V2, its first database.\n\n\
        Fabrikam V2 is still sold today.";
    let found = products(text);
    let v2 = found
        .iter()
        .find(|p| p.name == "Fabrikam V2")
        .expect("Fabrikam V2 found");
    assert!(v2.mentions.iter().all(|m| m.paragraph() != 1));
    assert_eq!(v2.start.map(|d| d.year), Some(1979));
}

#[test]
fn a_lexicon_name_that_is_a_common_word_needs_its_owner_in_the_text() {
    let other = names("OPPO的故事\n\nOPPO在海外发烧友圈子里留下名字，2008年推出了A103。");
    assert!(!other.iter().any(|n| n == "Circles"), "{other:?}");
    let own = names("支付宝的故事\n\n2016年，支付宝推出了圈子，随后关闭了圈子。");
    assert!(own.iter().any(|n| n == "Circles"), "{own:?}");
}

#[test]
fn initials_name_the_same_product_and_a_firm_word_opening_names_is_none() {
    let found = products(
        "T\n\nFabrikam Instant Messenger came out in May 1997. FIM shut down in 2017.\n\n\
         Contoso Bike started shipping in 2014. Contoso Guide came out in 2022. \
         Contoso Row came out in 2022. Contoso App launched in 2012.",
    );
    let fim: Vec<&Product> = found
        .iter()
        .filter(|p| p.name.contains("Fabrikam") || p.name == "FIM")
        .collect();
    assert_eq!(fim.len(), 1, "{found:?}");
    assert!(fim[0].aliases.iter().any(|a| a == "FIM"));
    assert_eq!(fim[0].status.as_deref(), Some("shut down"));
    let app = found
        .iter()
        .find(|p| p.name == "Contoso App")
        .expect("Contoso App");
    assert!(
        !app.aliases.iter().any(|a| a == "Contoso"),
        "{:?}",
        app.aliases
    );
    assert!(found.iter().any(|p| p.name == "Contoso Bike"));
}

#[test]
fn a_chinese_firm_short_name_and_a_latin_model_after_its_maker() {
    let found = products(
        "锤子科技回顾\n\n锤子科技成立于2012年。2014年5月20日，「锤子手机T1」发布。\
         官方宣布T1降价。锤子被收购之后，品牌被接手。",
    );
    let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
    assert!(!names.contains(&"锤子"), "{names:?}");
    assert!(!names.contains(&"T1"), "{names:?}");
    let t1 = found
        .iter()
        .find(|p| p.name == "锤子手机T1")
        .expect("锤子手机T1");
    assert!(t1.aliases.iter().any(|a| a == "T1"));
    assert_ne!(t1.owner.as_deref(), Some("官方"));
}
