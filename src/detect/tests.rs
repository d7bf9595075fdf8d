//! Whole-document tests: the bundled article, an English article about other
//! companies, a Chinese article, and invariants on arbitrary input.

use proptest::prelude::*;

use super::*;

fn bundled() -> Document {
    Document::from_text(include_str!("../../assets/article.txt"))
}

#[test]
fn bundled_article_roles() {
    let doc = bundled();
    let a = detect(&doc);
    let names: Vec<&str> = a.roles.iter().map(|r| &*r.name).collect();
    assert_eq!(names, vec!["platform", "source"]);
    for r in &a.roles {
        assert_eq!(r.actor.as_deref(), Some("Alipay"), "{}", r.name);
    }
    assert_eq!(a.roles[0].paragraphs(), 3..7);
    assert_eq!(a.roles[1].paragraphs(), 7..10);
    assert!(
        a.roles[1]
            .mentions
            .iter()
            .any(|m| m.sentence(&doc).contains("role of the source"))
    );
    assert_eq!(a.role_at(5), Some(0));
    assert_eq!(a.role_at(9), Some(1));
    assert_eq!(a.role_at(2), None);
}

#[test]
fn bundled_article_products() {
    let doc = bundled();
    let a = detect(&doc);
    let names: Vec<&str> = a.products.iter().map(|p| p.name.as_str()).collect();
    for want in [
        "Ali Wangwang",
        "Circles",
        "Sesame Credit",
        "Alipay",
        "Laiwang",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    let get = |n: &str| a.products.iter().find(|p| p.name == n).expect("present");
    let outcome = |n: &str| get(n).outcome.clone().unwrap_or_default();
    assert!(outcome("Ali Wangwang").contains("too closed"));
    assert!(outcome("Ali Wangwang").contains("still the Alibaba internal product"));
    assert!(outcome("Laiwang").contains("ultimately not known"));
    assert!(outcome("Circles").contains("because of pictures and other aspects of the audit"));
    assert!(outcome("Circles").contains("a target for all"));
    // "the circle is relatively narrow" is about Laiwang, not Circles.
    assert!(
        get("Circles")
            .mentions
            .iter()
            .all(|m| !m.sentence(&doc).contains("accumulation of stars"))
    );
    assert!(
        get("Sesame Credit").mentions[0]
            .sentence(&doc)
            .contains("comment function")
    );
    // Text order of first mention.
    let first: Vec<(usize, usize)> = a
        .products
        .iter()
        .map(|p| (p.mentions[0].paragraph(), p.mentions[0].range().start))
        .collect();
    assert!(first.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn bundled_article_dates_sections_and_highlights() {
    let doc = bundled();
    let a = detect(&doc);
    assert!(a.dates.iter().any(|d| d.iso() == "2017-03-09"));
    assert!(
        a.sections
            .iter()
            .any(|s| s.title(&doc) == "platform role" && s.paragraph == 3)
    );
    assert!(
        a.sections
            .windows(2)
            .all(|w| w[0].paragraph < w[1].paragraph)
    );
    let marks = a.marks(3);
    assert!(marks.role && marks.product && !marks.date);
    assert!(a.marks(1).date);
    for (i, text) in doc.paragraphs().enumerate() {
        let hs = a.highlights_in(i);
        assert!(
            hs.windows(2)
                .all(|w| w[0].range().end <= w[1].range().start)
        );
        for h in hs {
            assert!(text.get(h.range()).is_some());
        }
    }
    assert_eq!(
        a.highlights_in(6)
            .iter()
            .map(|h| &doc.paragraph(6)[h.range()])
            .collect::<Vec<_>>(),
        vec!["circles", "sesame credit"]
    );
    assert!(a.highlights_in(1000).is_empty());
}

#[test]
fn bundled_article_json() {
    let doc = bundled();
    let v = annotations_json(&doc, &detect(&doc));
    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    assert_eq!(v["title"], "This time, Alipay lost in");
    assert_eq!(v["paragraphs"], 10);
    assert_eq!(v["roles"][0]["name"], "platform");
    assert_eq!(v["roles"][0]["paragraphs"], serde_json::json!([4, 5, 6, 7]));
    assert_eq!(v["roles"][1]["name"], "source");
    assert_eq!(v["roles"][1]["actor"], "Alipay");
    assert_eq!(v["dates"][0]["iso"], "2017-03-09");
    assert_eq!(v["dates"][0]["paragraph"], 2);
    let wangwang = v["products"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "Ali Wangwang"))
        .expect("Ali Wangwang");
    assert_eq!(wangwang["facts"]["launched"], 2004);
    assert_eq!(wangwang["paragraphs"], serde_json::json!([9]));
    assert!(wangwang["mentions"][0]["quote"].is_string());
}

const ENGLISH: &str = "\
How Google lost the social web

June 28, 2011

gatekeeper role. Google decides what the web sees, and Google ranks every page; Google Search is its gate.

Google Reader expects to achieve a loyal audience of power users, but it was eventually shut down in 2013.

the product Wave was announced in 2009 and was eventually shut down in 2012.

It also plays a key role in advertising, and the role of this company is large.

curator role. Google News picks the stories; Google chooses the sources.
";

#[test]
fn english_article_about_other_companies() {
    let doc = Document::from_text(ENGLISH);
    let a = detect(&doc);
    let roles: Vec<(&str, Option<&str>)> = a
        .roles
        .iter()
        .map(|r| (&*r.name, r.actor.as_deref()))
        .collect();
    assert_eq!(
        roles,
        vec![("gatekeeper", Some("Google")), ("curator", Some("Google"))]
    );
    // The date line and the heading are one paragraph after repair.
    assert_eq!(a.roles[0].paragraphs(), 1..5);
    let products: Vec<&str> = a.products.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(products, vec!["Google Reader", "Wave"]);
    assert!(
        a.products[1]
            .outcome
            .as_deref()
            .is_some_and(|o| o.contains("eventually shut down in 2012"))
    );
    let isos: Vec<String> = a.dates.iter().map(|d| d.iso()).collect();
    assert_eq!(isos, vec!["2011-06-28", "2013", "2009", "2012"]);
}

const CHINESE: &str = "\
这一次，支付宝输在了哪里

2017年3月9日

彭蕾发出公开信，就“圈子”事件道歉。

平台角色。这是支付宝在这个过程中最明显的角色，因为支付宝提供了平台。

这些圈子以芝麻信用分数开放评论功能。

源头角色。支付宝在这个过程中扮演了非常重要的角色。阿里旺旺最终没有走出阿里。
";

#[test]
fn chinese_article() {
    let doc = Document::from_text(CHINESE);
    let a = detect(&doc);
    let roles: Vec<&str> = a.roles.iter().map(|r| &*r.name).collect();
    assert_eq!(roles, vec!["platform", "source"]);
    assert_eq!(a.roles[0].actor.as_deref(), Some("Alipay"));
    let products: Vec<&str> = a.products.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        products,
        vec!["Alipay", "Circles", "Sesame Credit", "Ali Wangwang"]
    );
    assert_eq!(
        a.dates.first().map(|d| d.iso()).as_deref(),
        Some("2017-03-09")
    );
    let wangwang = a.products.iter().find(|p| p.name == "Ali Wangwang");
    assert!(
        wangwang
            .and_then(|p| p.outcome.as_deref())
            .is_some_and(|o| o.contains("最终"))
    );
}

#[test]
fn user_rules_add_products_and_roles() {
    let user = Rules::from_toml(
        "[[product]]\nname = \"Gmail\"\naliases = [\"Google Mail\"]\nowner = \"Google\"\nlaunched = 2004\n\
         [[role]]\nname = \"curator\"\naliases = [\"策展人\"]\n",
        "rules.toml",
    )
    .expect("parses");
    let rules = Rules::bundled().merge(user);
    let doc = Document::from_text("T\n\nGoogle Mail grew.\n\n策展人角色。谷歌挑选新闻。");
    let a = detect_with(&doc, &rules);
    assert_eq!(a.products[0].name, "Gmail");
    assert_eq!(a.products[0].launched, Some(2004));
    assert_eq!(&*a.roles[0].name, "curator");
    assert_eq!(a.roles[0].actor.as_deref(), Some("Google"));
}

#[test]
fn empty_and_tiny_documents() {
    assert_eq!(detect(&Document::from_text("")), Annotations::default());
    let a = detect(&Document::from_text("role"));
    assert!(a.roles.is_empty());
    assert_eq!(a.role_at(0), None);
    assert_eq!(a.marks(0), Marks::default());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_and_highlights_are_in_bounds(
        parts in proptest::collection::vec(
            prop_oneof![
                any::<String>(),
                Just("platform role. Alipay".to_owned()),
                Just("role of the source".to_owned()),
                Just("平台角色。支付宝".to_owned()),
                Just("March 9, 2017".to_owned()),
                Just("2017年3月9日".to_owned()),
                Just("Ali’s circle".to_owned()),
                Just(" the product Wave".to_owned()),
                Just("X expects to achieve".to_owned()),
                Just("\n\n".to_owned()),
                Just("é".to_owned()),
            ],
            0..12,
        )
    ) {
        let text: String = parts.concat();
        let doc = Document::from_text(&text);
        let a = detect(&doc);
        for (i, t) in doc.paragraphs().enumerate() {
            for h in a.highlights_in(i) {
                let range = h.range();
                prop_assert!(range.start < range.end && range.end <= t.len());
                prop_assert!(t.is_char_boundary(range.start) && t.is_char_boundary(range.end));
            }
        }
        for r in &a.roles {
            prop_assert!(r.paragraphs().start <= r.heading_paragraph() && r.paragraphs().end <= doc.len());
        }
        let _ = annotations_json(&doc, &a);
    }
}

#[test]
fn mentions_keep_32_bit_positions_and_refuse_larger_ones() {
    let m = Mention::new(3, 5..9).expect("fits in 32 bits");
    assert_eq!((m.paragraph(), m.range()), (3, 5..9));
    let past = u32::MAX as usize + 1;
    assert!(Mention::new(past, 0..1).is_none());
    assert!(Mention::new(0, past..past + 1).is_none());
}

#[test]
fn roles_keep_32_bit_positions_and_refuse_larger_ones() {
    let role = |paragraphs, evidence| {
        Role::new(
            Arc::from("platform"),
            None,
            paragraphs,
            evidence,
            Box::default(),
        )
    };
    let r = role(3..7, 5..9).expect("fits in 32 bits");
    assert_eq!(
        (r.heading_paragraph(), r.paragraphs(), r.evidence_range()),
        (3, 3..7, 5..9)
    );
    let past = u32::MAX as usize + 1;
    assert!(role(past..past + 1, 0..1).is_none());
    assert!(role(0..1, past..past + 1).is_none());
    // Only a section's end is cut short, to the last 32-bit paragraph.
    let long = role(3..past, 0..1).expect("its heading fits");
    assert_eq!(long.paragraphs(), 3..u32::MAX as usize);
    // 76 000 of them in a 100 MB article.
    if cfg!(target_pointer_width = "64") {
        assert_eq!(std::mem::size_of::<Role>(), 64);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `]` and `[` binary-search sections and roles where they are.
    #[test]
    fn sections_and_role_headings_ascend(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("platform role. Alipay".to_owned()),
                Just("role of the source".to_owned()),
                Just("Again where played what role?".to_owned()),
                Just("平台角色。支付宝".to_owned()),
                Just("## Part".to_owned()),
                Just("Short heading".to_owned()),
                Just("\n\n".to_owned()),
                Just(". ".to_owned()),
                "[a-zA-Z ]{0,12}",
            ],
            0..40,
        )
    ) {
        let a = detect(&Document::from_text(&parts.concat()));
        prop_assert!(a.sections.windows(2).all(|w| w[0].paragraph < w[1].paragraph));
        prop_assert!(a.roles.windows(2).all(|w| w[0].heading_paragraph() <= w[1].heading_paragraph()));
    }
}

/// Issue 13: what margin shows for a control (`<U+2067>`, `^G`) is never
/// read as a date, a name, a role or a product.
#[test]
fn nothing_is_found_inside_an_escape() {
    let doc = Document::from_text(
        "Title here\n\nThe platform role.\u{202E}\n\nsource role. \u{202E} is here.\n\n\
         In \u{2067}, \u{2060} and \u{7} Google Reader was shut down in \u{2066}.\n\n\
         On March 9, \u{2069} the \u{1b}[31m product \u{9b}2J launched.\n",
    );
    let a = detect(&doc);
    let inside = |paragraph: usize, range: &Range<usize>| {
        doc.escapes(paragraph)
            .iter()
            .any(|e| e.start < range.end && range.start < e.end)
    };
    assert!(
        a.dates.iter().all(|d| !inside(d.paragraph, &d.range)),
        "{:?}",
        a.dates
    );
    let mentions = a
        .roles
        .iter()
        .flat_map(|r| r.mentions.iter())
        .chain(a.products.iter().flat_map(|p| p.mentions.iter()));
    for m in mentions {
        assert!(!inside(m.paragraph(), &m.range()), "{m:?}");
    }
    let names = a
        .roles
        .iter()
        .filter_map(|r| r.actor.as_deref())
        .chain(a.products.iter().map(|p| p.name.as_str()));
    for name in names {
        assert!(!name.contains("U+") && !name.contains('^'), "{name}");
    }
    // Real text around the escapes is still read.
    assert!(a.roles.iter().any(|r| &*r.name == "platform"));
    let reader = a.products.iter().find(|p| p.name == "Google Reader");
    // A clause detection copies shows each escape as the pane does.
    assert_eq!(
        reader.and_then(|p| p.outcome.as_deref()),
        Some("In <U+2067>, <U+2060> and ^G Google Reader was shut down in <U+2066>.")
    );
}
