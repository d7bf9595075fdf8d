//! Tests of product histories: what became of each product, and when.
use super::*;

/// The status detected for the product named `name`.
fn status_of(products: &[Product], name: &str) -> Option<String> {
    products
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.status.clone())
}

#[test]
fn labels_are_short() {
    assert_eq!(label("was sold to"), "sold");
    assert_eq!(label("shutdown"), "shut down");
    assert_eq!(label("Switched off"), "switched off");
    assert_eq!(label("merged into"), "merged");
    assert_eq!(label("停止服务"), "停止服务");
    assert_eq!(label("selling it to"), "sold");
}

#[test]
fn an_outcome_starts_at_its_own_name_after_another_product() {
    let named = [(0, 6, 0), (30, 47, 1)];
    assert_eq!(own_part(&named, 1, &(52..58), &(0..80)), 30..80);
    assert_eq!(own_part(&named, 0, &(10..17), &(0..80)), 0..30);
    assert_eq!(
        tidy_end("Picasa was retired in 2016, and "),
        "Picasa was retired in 2016"
    );
    // An object ("Google shut down Reader"): the whole clause.
    assert_eq!(own_part(&[(20, 26, 1)], 1, &(7..16), &(0..40)), 0..40);
}

#[test]
fn a_sentence_about_it_tells_the_fate_of_the_product_named_before() {
    let doc = Document::from_text(
        "T\n\nCreative Cloud was launched in May 2012. Users complained. It was discontinued in 2020.\n\n\
         Creative Suite 是于2003年被推出的。尽管被批评，它在2013年停止销售。",
    );
    let products = crate::detect::detect(&doc).products;
    let status = |n: &str| status_of(&products, n);
    assert_eq!(status("Creative Cloud").as_deref(), Some("discontinued"));
    assert_eq!(status("Creative Suite").as_deref(), Some("停止销售"));
    assert!(about_it("It was retired.") && about_it("尽管被批评，它仍然被销售"));
    assert!(!about_it("Users complained."));
    assert!(about_it("and in July 2017 it was shut down"));
    assert!(about_it("Fabrikam discontinued it in May 2016."));
    assert!(!about_it("Fabrikam said item counts fell."));
}

#[test]
fn a_product_that_goes_on_has_that_for_its_fate() {
    let doc = Document::from_text(
        "T\n\nFabrikam launched Lumen in May 2012. Fabrikam said sales were slow. \
         Lumen remains the firm's best seller.\n\n\
         云盘于2014年上线。云盘至今仍是公司的主要业务。",
    );
    let products = crate::detect::detect(&doc).products;
    let outcome = |n: &str| {
        products
            .iter()
            .find(|p| p.name == n)
            .and_then(|p| p.outcome.clone())
    };
    assert_eq!(
        outcome("Lumen").as_deref(),
        Some("Lumen remains the firm's best seller.")
    );
    assert_eq!(
        outcome("云盘").as_deref(),
        Some("云盘至今仍是公司的主要业务。")
    );
}

#[test]
fn a_fate_told_without_a_lifecycle_verb() {
    let doc = Document::from_text(
        "T\n\nFabrikam launched Lumen in May 2012. Lumen never caught on with buyers.\n\n\
         Fabrikam introduced Orbit in 2014. Orbit was shelved in 2016.\n\n\
         Fabrikam unveiled Quill in 2015. Quill was absorbed by Fabrikam Office in 2018.\n\n\
         2013年，公司推出了云盘。后来云盘业务被砍掉了。",
    );
    let products = crate::detect::detect(&doc).products;
    let status = |n: &str| status_of(&products, n);
    assert_eq!(status("Lumen").as_deref(), Some("never caught on"));
    assert_eq!(status("Orbit").as_deref(), Some("shelved"));
    assert_eq!(status("Quill").as_deref(), Some("absorbed"));
    assert_eq!(status("云盘").as_deref(), Some("被砍"));
}

#[test]
fn subjects_in_a_list_share_the_verb_an_aside_does_not() {
    let doc = Document::from_text(
        "T\n\nFabrikam launched Lumen in 2012. Fabrikam introduced Orbit in 2013. \
         In 2020, the Lumen, the Orbit and the other apps were removed from the store.\n\n\
         Fabrikam unveiled Quill in 2014. Quill, the Orbit's rival, was retired in 2021.",
    );
    let products = crate::detect::detect(&doc).products;
    let status = |n: &str| status_of(&products, n);
    assert_eq!(status("Lumen").as_deref(), Some("removed"));
    assert_eq!(
        status("Orbit").as_deref(),
        Some("removed"),
        "not the aside's"
    );
    assert_eq!(status("Quill").as_deref(), Some("retired"));
}

#[test]
fn a_list_item_goes_on_in_the_next_only_where_that_speaks_of_it() {
    let doc = Document::from_text(
        "T\n\nFabrikam launched Lumen in 2012 and Orbit in 2013.\n\n\
         1. Lumen — rebranded as Lumen Pro\n2. the old phone — quietly disappeared\n\n\
         - Orbit launched in 2013.\n- It was sold to Contoso in 2019.",
    );
    let products = crate::detect::detect(&doc).products;
    let status = |n: &str| status_of(&products, n);
    assert_eq!(
        status("Lumen Pro").as_deref(),
        Some("rebranded"),
        "not the next item's"
    );
    assert_eq!(
        status("Orbit").as_deref(),
        Some("sold"),
        "'It' goes on about it"
    );
}

#[test]
fn a_product_called_by_its_noun_a_few_sentences_on() {
    let doc = Document::from_text(
        "T\n\nThe Lumen Phone was unveiled on June 18, 2014. It reached shops in July. \
         Prices were cut; Fabrikam took a charge. Reviews were poor. \
         By September 2015 the phone had been discontinued, and its engineers moved to the Echo speaker.",
    );
    let products = crate::detect::detect(&doc).products;
    let status = |n: &str| status_of(&products, n);
    assert_eq!(status("Lumen Phone").as_deref(), Some("discontinued"));
    // A passive verb's product stands before it: not the Echo after.
    assert!(products.iter().any(|p| p.name == "Echo"));
    assert_ne!(status("Echo").as_deref(), Some("discontinued"));
    assert_eq!(
        by_its_noun("The phones were withdrawn.", "phone"),
        Some(0..10)
    );
    assert_eq!(by_its_noun("the telephone rang", "phone"), None);
    assert_eq!(head_noun("Zune"), None);
}

#[test]
fn sold_to_a_buyer_not_to_customers() {
    let sale = |t: &str| {
        let at = t.find("sold to").expect("cue");
        !bare_sale(t, &(at..at + 7))
    };
    assert!(sale(
        "Walmart sold Vudu to Fandango. It was sold to Fandango in 2020."
    ));
    assert!(sale("It was sold to the private-equity firm Apollo."));
    assert!(sale(
        "Tumblr was sold to Automattic, reportedly for little."
    ));
    assert!(!sale(
        "It sold to the same IT managers who bought switches."
    ));
    assert!(!sale(
        "The F3DM was sold to the government and the bank as a fleet car."
    ));
}

#[test]
fn a_deal_that_closed_is_no_fate() {
    let t = "AOL bought Lumen in a deal that closed in March 1999.";
    let at = t.find("closed in").expect("cue");
    assert!(deal_closed(t, &(at..at + 9)));
    let t = "Lumen closed in March 1999.";
    assert!(!deal_closed(t, &(6..15)));
}

#[test]
fn what_may_happen_has_not() {
    let doc = Document::from_text(
        "T\n\nLumen: production ended on 2017-01-31.\n\n\
         Lumen may be retired, but the games rarely are.",
    );
    let products = crate::detect::detect(&doc).products;
    assert_eq!(products[0].status.as_deref(), Some("production ended"));
}

#[test]
fn its_noun_in_the_next_paragraph() {
    let doc = Document::from_text(
        "T\n\nThe Lumen Cassette was introduced in August 1963.\n\n\
         The cassette was never formally retired. Collectors still buy it.",
    );
    let products = crate::detect::detect(&doc).products;
    assert_eq!(products[0].status.as_deref(), Some("retired"));
}

#[test]
fn what_had_already_happened_is_not_the_fate_beside_what_did() {
    let doc = Document::from_text(
        "T\n\nLumen closed on June 24, 2019, having already been shut in London in December 2018.\n\n\
         Orkut, the older network, had already closed in 2014.",
    );
    let products = crate::detect::detect(&doc).products;
    let end = |n: &str| {
        products
            .iter()
            .find(|p| p.name == n)
            .and_then(|p| p.end.map(|d| d.to_string()))
    };
    assert_eq!(end("Lumen").as_deref(), Some("2019-06-24"));
    assert_eq!(end("Orkut").as_deref(), Some("2014"));
}

#[test]
fn a_cue_goes_to_its_subject() {
    let named = [(0, 4, 0), (20, 24, 1)];
    let text = " ".repeat(40);
    assert_eq!(owner_of(&text, &named, &(8..15)), Some(0));
    assert_eq!(owner_of(&text, &named, &(30..35)), Some(1));
    assert_eq!(owner_of(&text, &[(20, 24, 1)], &(8..15)), Some(1));
    // An active 收购 is its object's fate, not its subject's.
    let t = "Uber Freight 通过收购 Transplace 扩大了规模";
    let (a, b, c) = (
        0,
        t.find("Transplace").expect("t"),
        t.find("收购").expect("c"),
    );
    let named = [(a, a + 12, 0), (b, b + 10, 1)];
    assert_eq!(owner_of(t, &named, &(c..c + 6)), Some(1));
    assert_eq!(owner_of(t, &named[..1], &(c..c + 6)), None);
    // A Chinese clause with its own subject between name and cue.
    let t = "从Teavana到Tazo，星巴克一直愿意放弃边缘业务。";
    let (a, b, c) = (
        t.find("Teavana").expect("a"),
        t.find("Tazo").expect("b"),
        t.find("放弃").expect("c"),
    );
    let named = [(a, a + 7, 0), (b, b + 4, 1)];
    assert_eq!(owner_of(t, &named, &(c..c + 6)), None);
    let t = "2017年，Tazo被出售给联合利华。";
    let (b, c) = (t.find("Tazo").expect("b"), t.find("出售").expect("c"));
    assert_eq!(owner_of(t, &[(b, b + 4, 1)], &(c..c + 6)), Some(1));
    let t = "The TouchPad, HP's webOS tablet, was discontinued in 2011.";
    let (pad, os) = (t.find("TouchPad").expect("p"), t.find("webOS").expect("w"));
    let named = [(pad, pad + 8, 0), (os, os + 5, 1)];
    let cue = t.find("discontinued").expect("c");
    assert_eq!(
        owner_of(t, &named, &(cue..cue + 12)),
        Some(0),
        "webOS is an aside"
    );
}

#[test]
fn what_did_not_happen_is_no_fate() {
    let doc = Document::from_text(
        "T\n\nFabrikam launched Lumen in 2012. Lumen was not sold, Fabrikam said.\n\n\
         魅族于2023年发布魅族21。公司表示，魅族21“并非放弃手机业务”。",
    );
    let products = crate::detect::detect(&doc).products;
    let status = |n: &str| status_of(&products, n);
    assert_eq!(status("Lumen").as_deref(), Some("launched"));
    assert_eq!(status("魅族21").as_deref(), Some("发布"));
}

#[test]
fn a_product_is_called_by_the_kind_the_text_gives_it() {
    let doc = Document::from_text(
        "T\n\nThe Lantern slide projector sold for decades. Demand faded, and Fabrikam \
         stopped manufacturing the projector in October 2004.\n\n\
         Then there was the Quill, a seven-inch tablet for desks. Fabrikam unveiled it in 2010. \
         By May 2012 Fabrikam had decided to discontinue the device; few noticed.\n\n\
         The Ember arrived as a phone in 2011, just as the idea stopped making sense.",
    );
    let products = crate::detect::detect(&doc).products;
    let status = |n: &str| status_of(&products, n);
    assert_eq!(status("Lantern").as_deref(), Some("stopped manufacturing"));
    assert_eq!(status("Quill").as_deref(), Some("discontinue"));
    assert_ne!(status("Ember").as_deref(), Some("stopped making"));
}

#[test]
fn a_noun_is_found_whole_before_any_punctuation() {
    assert_eq!(
        by_its_noun("to discontinue the device; few", "device"),
        Some(15..25)
    );
    assert_eq!(
        by_its_noun("The buttons were withdrawn", "button"),
        Some(0..11)
    );
    assert_eq!(by_its_noun("the devices' owners", "device"), Some(0..11));
    assert_eq!(by_its_noun("the deviceful", "device"), None);
    assert_eq!(by_its_noun("other device here", "device"), None);
}

#[test]
fn what_did_not_happen_is_no_fate_in_either_voice() {
    let denied_at = |text: &str, cue: &str| {
        let at = text.find(cue).expect("cue in text");
        denied(text, &(at..at + cue.len()))
    };
    assert!(denied_at(
        "然而，MySQL并没有被关闭，它仍然由甲骨文所维护",
        "关闭"
    ));
    assert!(denied_at("此次调整并非放弃手机业务", "放弃"));
    assert!(denied_at("The app was not sold", "sold"));
    assert!(!denied_at("OpenSolaris因此被关闭了", "关闭"));
}

#[test]
fn the_machine_and_a_renamed_the_speak_of_the_product() {
    let doc = Document::from_text(
        "T\n\nFabrikam introduced the Lumen 914 in 1959, the first office copier. \
         The machine was eventually retired in 1970.",
    );
    let products = crate::detect::detect(&doc).products;
    assert_eq!(
        status_of(&products, "Lumen 914").as_deref(),
        Some("retired")
    );
}

#[test]
fn the_name_after_bei_is_who_did_it() {
    let text = "后来 Creative Suite 被基于订阅的 Creative Cloud 所取代。";
    let at = |n: &str| text.find(n).expect("present");
    let suite = at("Creative Suite");
    let cloud = at("Creative Cloud");
    let named = [
        (suite, suite + "Creative Suite".len(), 0),
        (cloud, cloud + "Creative Cloud".len(), 1),
    ];
    let cue = at("所取代")..at("所取代") + "所取代".len();
    assert_eq!(owner_of(text, &named, &cue), Some(0));
    let text = "Creative Cloud 被推出。";
    let cue = text.find("推出").expect("present");
    assert_eq!(owner_of(text, &[(0, 14, 1)], &(cue..cue + 6)), Some(1));
}
