//! Tests of the product forms, one per form a writer uses.
use super::*;
use crate::detect::rules::Pattern;

pub(super) fn found(text: &str, cue: &str, kind: Pattern) -> Option<(String, Option<String>)> {
    let rules = Rules::bundled();
    text.find(cue)?;
    let hit = Hit::at(text, cue, kind);
    let name = |r: Range<usize>| text[r].to_owned();
    match kind {
        Pattern::Kind => around_kind(&rules, text, &hit).map(|r| (name(r), None)),
        _ if cue.chars().any(is_cjk) => zh_around_verb(&rules, text, &hit, 0..text.len())
            .map(|f| (name(f.name), f.owner.map(name))),
        _ => around_verb(&rules, text, &hit, &super::super::text::Breaks::new(text))
            .map(|f| (name(f.name), f.owner.map(name))),
    }
}

pub(super) fn some(name: &str, owner: Option<&str>) -> Option<(String, Option<String>)> {
    Some((name.to_owned(), owner.map(str::to_owned)))
}

#[test]
fn subjects_and_objects_of_lifecycle_verbs() {
    let v = |t: &str, cue: &str| found(t, cue, Pattern::End);
    assert_eq!(
        v("Reader was switched off in 2013.", "switched off"),
        some("Reader", None)
    );
    assert_eq!(
        v("In 2013 Google Reader was quietly retired.", "retired"),
        some("Google Reader", None)
    );
    assert_eq!(
        v("Paipai was sold to JD in 2014.", "sold to"),
        some("Paipai", None)
    );
    assert_eq!(v("Orkut closed in 2014.", "closed in"), some("Orkut", None));
    assert_eq!(
        v("Google launched Buzz in 2010.", "launched"),
        some("Buzz", Some("Google"))
    );
    assert_eq!(v("Buzz launched in 2010.", "launched"), some("Buzz", None));
    // An owner without a named product, a month, a possessive.
    assert_eq!(v("Google launched its own network.", "launched"), None);
    assert_eq!(v("In March shut down the rest.", "shut down"), None);
    assert_eq!(
        v("Microsoft acquired Nokia's phone business.", "acquired"),
        None
    );
}

#[test]
fn an_object_after_a_passive_in_machine_translation() {
    let s = |t: &str| found(t, "launched", Pattern::Start);
    assert_eq!(
        s("In the 2015, the company was launched the Piano Tiles 2, it is a game."),
        some("Piano Tiles 2", None)
    );
    assert_eq!(
        s("The Clean Master was launched the same year."),
        some("Clean Master", None),
        "no name after the article: the subject is the product"
    );
}

#[test]
fn a_participle_after_a_name_and_its_comma_speaks_of_it() {
    let s = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        s(
            "Motorola rode the boom with the ROKR E1, introduced in September 2005 as a phone.",
            "introduced"
        ),
        some("ROKR E1", None)
    );
    assert_eq!(
        s(
            "The first product was TomTom Navigator, released in 2002 as software.",
            "released"
        ),
        some("TomTom Navigator", None)
    );
    assert_eq!(
        s(
            "Along the way came Valet, a line of simplified home routers introduced in October 2009.",
            "introduced"
        ),
        some("Valet", None),
        "after the appositive that describes it"
    );
    assert_ne!(
        s(
            "Some endings were tidier. Inbox by Gmail, introduced in October 2014, was a lab.",
            "introduced"
        ),
        some("Gmail", None),
        "not the tail of a longer name"
    );
}

#[test]
fn a_quoted_name_a_thing_is_called() {
    let t = "Haier was launched a washing machine which is called \"Xiaoxiao Shentong\", \
        and the fridge was named as the “Qindao-Liebherr” refrigerator; it was called \"a hit, they said.\"";
    let names: Vec<&str> = called(t).into_iter().map(|r| &t[r]).collect();
    assert_eq!(names, ["Xiaoxiao Shentong", "Qindao-Liebherr"]);
}

#[test]
fn a_kind_after_describing_words_names_the_object() {
    let k = |t: &str| found(t, "brand", Pattern::Kind);
    assert_eq!(
        k("In 2006 Haier created the high-end brand Casarte."),
        some("Casarte", None)
    );
    let s = |t: &str| found(t, "created", Pattern::Start);
    assert_eq!(
        s("In the 2006, Haier was created the high-end brand Casarte, it is Italian."),
        some("Casarte", None),
        "machine translation's object after a passive"
    );
}

#[test]
fn subjects_across_joined_clauses_and_not_in_titles() {
    let v = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|f| f.0);
    assert_eq!(
        v("Updates slowed to a trickle, and Home, once pitched as the future, was quietly abandoned.", "abandoned")
            .as_deref(),
        Some("Home")
    );
    assert_eq!(
        v(
            "Google Buzz arrived inside Gmail, exposed contacts, and was closed in 2011.",
            "was closed"
        )
        .as_deref(),
        Some("Google Buzz")
    );
    assert_eq!(
        v("What Meta's Abandoned Products Reveal", "Abandoned"),
        None
    );
    // A sentence opening with its verb has no name there.
    assert_eq!(
        v(
            "Introduced in 2007 and widely disliked, it was shut down in 2009.",
            "shut down"
        ),
        None
    );
}

#[test]
fn a_participle_opening_the_next_sentence_speaks_of_the_name() {
    let v = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        v(
            "Libra showed the limits. Announced in June 2019 as a currency, it failed.",
            "Announced"
        ),
        some("Libra", None)
    );
    assert_eq!(
        v("Announced in June 2019, it failed.", "Announced"),
        None,
        "no sentence before"
    );
    assert_eq!(
        v(
            "Start with Google Reader. Launched in October 2005, it grew.",
            "Launched"
        ),
        None,
        "'Start' is no subject"
    );
}

#[test]
fn a_description_opening_the_next_sentence_stands_for_the_name() {
    let v = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        v(
            "Aibo is the exception. The robot dog debuted in 1999.",
            "debuted"
        ),
        some("Aibo", None)
    );
    assert_eq!(
        v("The robot dog debuted in 1999.", "debuted"),
        None,
        "no sentence before"
    );
    assert_eq!(
        v(
            "Aibo is odd. The very first robot dog debuted in 1999.",
            "debuted"
        ),
        None
    );
}

#[test]
fn a_maker_in_a_relative_clause_owns_the_name_before_it() {
    let v = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        v(
            "Lumia, the range Nokia introduced on Oct. 26, 2011, outlived it.",
            "introduced"
        ),
        some("Lumia", Some("Nokia"))
    );
    assert_eq!(
        v("It was the range Nokia introduced in 2011.", "introduced"),
        None
    );
    assert_eq!(
        v("Then the app Wave launched in 2009.", "launched"),
        some("Wave", None)
    );
}

#[test]
fn names_beside_product_kinds() {
    let k = |t: &str| found(t, "app", Pattern::Kind).map(|f| f.0);
    assert_eq!(k("the Swedish app Klarna grew").as_deref(), Some("Klarna"));
    assert_eq!(k("the Nest app works").as_deref(), Some("Nest"));
    assert_eq!(
        k("Instagram, a photo-sharing app, was").as_deref(),
        Some("Instagram")
    );
    assert_eq!(k("the Swedish app grew").as_deref(), None);
    assert_eq!(found("Google Reader was", "Reader", Pattern::Kind), None);
}

#[test]
fn a_firm_announcing_or_a_pronoun_subject_is_no_product() {
    let start = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    // A firm announces; a product is announced.
    assert_eq!(
        start("Mozilla announced on 2020-09-17 that…", "announced"),
        None
    );
    assert_eq!(start("Contoso acquired in 2014 a rival.", "acquired"), None);
    assert_eq!(
        start("Libra was announced in June 2019.", "announced"),
        some("Libra", None)
    );
    assert_eq!(
        start(
            "Lumia, the range Nokia introduced in 2011, sold well.",
            "introduced"
        ),
        some("Lumia", Some("Nokia"))
    );
    // "it" is the subject, not the name opening the clause.
    assert_eq!(
        end(
            "It was taken offline, and Mozilla announced that it was permanently discontinued.",
            "discontinued"
        ),
        None
    );
    assert_eq!(
        end("Reader, which was retired in 2013, had fans.", "retired"),
        some("Reader", None)
    );
}

#[test]
fn renamed_to_a_name_and_a_person_in_apposition() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    assert_eq!(
        end(
            "In 2017, it was renamed to Wukong Wenda and was launched.",
            "renamed"
        ),
        some("Wukong Wenda", None)
    );
    assert_eq!(
        end(
            "Léo Apotheker, the chief executive who had championed it, was replaced by Meg Whitman.",
            "replaced by"
        ),
        None
    );
    assert_eq!(
        end(
            "The Pre 3 smartphone, which had started shipping in August 2011, was canceled.",
            "canceled"
        ),
        some("Pre 3", None)
    );
}

#[test]
fn a_table_row_tells_of_the_name_in_its_first_cell() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    let table = "│ Device │ Announced │ What became of it │\n\
        ──────┼──────┼──────\n\
        │ Pebble Time │ February 24, 2015 │ Discontinued in December 2016 │";
    assert_eq!(end(table, "Discontinued"), some("Pebble Time", None));
    // The header's words are no product's.
    assert_eq!(found(table, "Announced", Pattern::Start), None);
    assert_eq!(
        end("│ the old ones │ 2015 │ Discontinued │", "Discontinued"),
        None
    );
}

#[test]
fn a_label_opening_the_paragraph_is_what_it_speaks_of() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    let t = "Path. Remember Path? I loved it. It got sold to Kakao in 2015, and shut down in 2018.";
    assert_eq!(end(t, "shut down"), some("Path", None));
    let t = "**Hackpad.** Okay. Dropbox bought it, and in July 2017 it was shut down.";
    assert_eq!(end(t, "shut down"), some("Hackpad", None));
    // Without a label, "it" names nothing here.
    assert_eq!(end("I loved it. It shut down in 2018.", "shut down"), None);
}

#[test]
fn a_place_longer_than_a_name_owns_nothing() {
    let start = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        start(
            "1995年9月，皮埃尔·奥米迪亚在加利福尼亚州圣何塞创立了一个名为AuctionWeb的网站。",
            "创立"
        ),
        some("AuctionWeb", None)
    );
}

#[test]
fn pulling_the_plug_on_a_product_names_its_owner() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    assert_eq!(
        end(
            "It wasn't. Dropbox pulled the plug on Mailbox on Feb. 26, 2016.",
            "pulled the plug"
        ),
        some("Mailbox", Some("Dropbox"))
    );
}

#[test]
fn a_participle_opening_the_sentence_is_no_subject() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    assert_eq!(
        end(
            "Looking back on the road, some products were renamed in 2015.",
            "renamed"
        ),
        None
    );
    assert_eq!(
        end("Bing, the search engine, was renamed in 2020.", "renamed"),
        some("Bing", None)
    );
    assert_eq!(
        end(
            "Studios that had built games were merged or spun off in 2004.",
            "spun off"
        ),
        None
    );
}

#[test]
fn a_named_object_after_the() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    assert_eq!(
        end(
            "By 1998 Sega had wound down the Saturn in North America.",
            "wound down"
        ),
        some("Saturn", Some("Sega"))
    );
    assert_eq!(
        end("Sega quietly killed off the 32X in 1996.", "killed off"),
        some("32X", Some("Sega"))
    );
    assert_eq!(
        end(
            "It said it would stop making the Karma after clearing stock.",
            "stop making"
        )
        .map(|(n, _)| n)
        .as_deref(),
        Some("Karma")
    );
    // A common noun after "the" is no product, nor a name describing one.
    assert_eq!(
        end("Acme discontinued the line in 2001.", "discontinued"),
        None
    );
    let start = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        start(
            "ByteDance acquired the VR equipment maker Pico.",
            "acquired"
        ),
        None
    );
}

#[test]
fn a_firm_renamed_and_a_pronoun_object_are_no_product() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    assert_eq!(
        end("2010年12月，千橡互动本身更名为人人公司，公司和产品", "更名"),
        None
    );
    assert_eq!(
        end("回顾eBay的历史，然后将其出售、分拆或者关闭。", "关闭"),
        None
    );
    // A product renamed to a product's name is still read (renames merge them).
    assert_eq!(
        end("2009年8月，校内网更名为人人网。", "更名")
            .map(|(n, _)| n)
            .as_deref(),
        Some("校内网")
    );
}

#[test]
fn a_determiner_before_a_kind_is_no_modifier() {
    let kind = |t: &str, cue: &str| found(t, cue, Pattern::Kind);
    assert_eq!(kind("In the West the console did well.", "console"), None);
    assert_eq!(
        kind("The Carousel slide projector sold well.", "projector")
            .map(|(n, _)| n)
            .as_deref(),
        Some("Carousel")
    );
}

#[test]
fn a_firm_in_apposition_and_an_object_with_its_kind() {
    let start = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        start(
            "Logitech bought Slim Devices, the small California firm behind it, in 2006.",
            "bought"
        ),
        None
    );
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End);
    assert_eq!(
        end(
            "In 2023 Logitech sunset the Jaybird name, winding down sales.",
            "sunset"
        ),
        some("Jaybird", Some("Logitech"))
    );
}

#[test]
fn a_list_item_label_is_what_the_item_tells_of() {
    let end = |t: &str, cue: &str| found(t, cue, Pattern::End).map(|(n, _)| n);
    let list = "• Evernote Food — a recipe and meal journal. Retired in September 2015.\n\
        • Evernote Clearly — a browser extension. The company pulled the plug on it in 2016.";
    assert_eq!(end(list, "Retired").as_deref(), Some("Evernote Food"));
    assert_eq!(
        end(list, "pulled the plug").as_deref(),
        Some("Evernote Clearly")
    );
}

#[test]
fn the_subject_of_an_object_relative_clause_is_who_acts() {
    let v = |t: &str, cue: &str| found(t, cue, Pattern::Start);
    assert_eq!(
        v(
            "The move adds to a long line of products that Fabrikam has launched with fanfare.",
            "launched"
        ),
        None
    );
    assert_eq!(
        v(
            "It joins Lumen, which Fabrikam launched in 2005, on the list.",
            "launched"
        ),
        some("Lumen", Some("Fabrikam"))
    );
    // What was launched is the band, a description: no product.
    assert_eq!(
        v(
            "The band that Lumen launched in 2010 sold well.",
            "launched"
        ),
        None
    );
    // Two names acting together: neither is what they started.
    assert_eq!(
        v(
            "There was Ridely, a carpooling service that Dana Green and Ravi Moss started in 2007.",
            "started"
        ),
        None
    );
}

#[test]
fn an_opening_participle_speaks_of_the_main_clause_subject() {
    let v = |t: &str, cue: &str| found(t, cue, Pattern::Start).map(|f| f.0);
    assert_eq!(
        v(
            "Introduced on March 31, 2015, close to April Fools' Day, the Dash Button was a stub.",
            "Introduced"
        )
        .as_deref(),
        Some("Dash Button")
    );
    // One noun may stand between the name and its verb.
    assert_eq!(
        v(
            "Announced on Aug. 27, 2020, the Halo band was a tracker.",
            "Announced"
        )
        .as_deref(),
        Some("Halo")
    );
    // No name in the main clause: the sentence before names it.
    assert_eq!(
        v(
            "Libra showed the limits. Announced in June 2019, it was dropped.",
            "Announced"
        )
        .as_deref(),
        Some("Libra")
    );
}

#[test]
fn a_subject_relative_clause_hangs_on_the_name_before_it() {
    let v = |t: &str, cue: &str, kind| found(t, cue, kind).map(|f| f.0);
    assert_eq!(
        v(
            "Lumen, which opened in March 2006, is still running.",
            "opened",
            Pattern::Start
        )
        .as_deref(),
        Some("Lumen")
    );
    assert_eq!(
        v(
            "Lumen, which was sold to Fabrikam in 2006, lives on.",
            "sold to",
            Pattern::End
        )
        .as_deref(),
        Some("Lumen")
    );
}

#[test]
fn a_copula_with_a_kind_names_a_product_but_not_a_firm() {
    let k = |t: &str, kind: &str| found(t, kind, Pattern::Kind).map(|f| f.0);
    assert_eq!(
        k(
            "eLong was an online travel platform controlled by Expedia.",
            "platform"
        )
        .as_deref(),
        Some("eLong")
    );
    assert_eq!(
        k("Baidu is a search engine company.", "search engine"),
        None
    );
    assert_eq!(
        k("Baidu, the search engine giant, said so.", "search engine"),
        None
    );
}

#[test]
fn a_day_is_no_owner() {
    assert_eq!(
        found(
            "The Fabrikam Co. on Wednesday shut Lumen as a standalone service.",
            "shut",
            Pattern::End
        ),
        some("Lumen", None)
    );
}

#[test]
fn a_quoted_name_after_a_kind_whatever_its_length() {
    let k = |t: &str, kind: &str| found(t, kind, Pattern::Kind).map(|f| f.0);
    assert_eq!(
        k(
            "Ctrip launched the live broadcasting product \"BOSS Live\", and sold.",
            "product"
        )
        .as_deref(),
        Some("BOSS Live")
    );
    assert_eq!(
        k(
            "Its representative work is the online game \"Tian Long Ba Bu\".",
            "game"
        )
        .as_deref(),
        Some("Tian Long Ba Bu")
    );
    // A quoted sentence is no name.
    assert_eq!(
        k("The game \"It was fun, really.\" said one.", "game"),
        None
    );
}

#[test]
fn said_of_it_as_subject_or_object() {
    let it = |t: &str, cue: &str| said_of_it(t, &Hit::at(t, cue, Pattern::Start));
    assert!(it("It launched in 2005.", "launched"));
    assert!(it("AOL bought it in 1998.", "bought"));
    assert!(it("it was quietly retired", "retired"));
    assert!(!it("AOL bought Nullsoft in 1999.", "bought"));
    assert!(!it("The item launched in 2005.", "launched"));
}

#[test]
fn a_heading_that_names_a_product() {
    let rules = Rules::bundled();
    let h = |t: &str| heading_name(&rules, t);
    assert_eq!(h("Winamp").as_deref(), Some("Winamp"));
    assert_eq!(
        h("AOL Instant Messenger").as_deref(),
        Some("AOL Instant Messenger")
    );
    assert_eq!(h("iPod mini").as_deref(), Some("iPod mini"));
    for not in [
        "Why this history is worth telling",
        "It closed.",
        "The Mill",
        "2. The spin-offs",
    ] {
        assert_eq!(h(not), None, "{not}");
    }
}

#[test]
fn a_firm_pulls_the_plug_and_a_compound_is_no_name() {
    assert_eq!(
        found(
            "LEGO pulled the plug after barely fifteen months.",
            "pulled the plug",
            Pattern::End
        ),
        None
    );
    assert_eq!(
        found(
            "Dropbox pulled the plug on Mailbox in 2015.",
            "pulled the plug",
            Pattern::End
        )
        .map(|f| f.0)
        .as_deref(),
        Some("Mailbox")
    );
    let rules = Rules::bundled();
    assert!(!is_product_name(&rules, "Toys-to-life"));
    assert!(!is_product_name(&rules, "Milan-based"));
    assert!(is_product_name(&rules, "Tongcheng-Elong"));
}

#[test]
fn a_joined_clause_with_a_described_subject_is_not_the_sentence_subject() {
    assert_eq!(
        found(
            "LEGO pulled the plug after fifteen months, and the servers went dark for good.",
            "went dark",
            Pattern::End
        ),
        None
    );
}

#[test]
fn sold_with_a_buyer_is_a_sale_without_one_sales() {
    let v = |t: &str| found(t, "sold", Pattern::End);
    assert_eq!(
        v("In April 2020 Walmart sold Vudu to Fandango."),
        some("Vudu", Some("Walmart"))
    );
    assert_eq!(v("Lumen sold poorly and was dropped."), None);
    assert_eq!(v("Lumen sold in the millions."), None);
    let bare = |t: &str| {
        super::super::history::bare_sale(
            t,
            &(t.find("sold").unwrap_or(0)..t.find("sold").unwrap_or(0) + 4),
        )
    };
    assert!(bare("it sold well, to everyone's surprise"));
    assert!(!bare("they sold ICQ to Digital Sky"));
}

#[test]
fn a_name_introduced_as_named_before_a_kind() {
    let t = "DVD业务被转移到了一个名为DVD.com的独立的品牌之下。分拆成为一项名为Qwikster的独立的服务。\
             奖金被授予了一个名为“BellKor's Pragmatic Chaos”的团队。";
    let names: Vec<&str> = named_as(t).into_iter().map(|r| &t[r]).collect();
    assert_eq!(names, vec!["DVD.com", "Qwikster"]);
}

#[test]
fn a_party_after_with_or_a_preposition_is_no_product() {
    let v = |t: &str, cue: &str, k| found(t, cue, k).map(|f| f.0);
    assert_eq!(
        v(
            "TurboTax, which Intuit picked up when it merged with ChipSoft in 1993, grew.",
            "merged with",
            Pattern::End
        ),
        None
    );
    assert_eq!(
        v(
            "A sale to Funai was announced in January 2013.",
            "announced",
            Pattern::Start
        ),
        None
    );
    let rules = Rules::bundled();
    for not in [
        "His",
        "Along",
        "Pure Digital Technologies",
        "BYD Electronic",
    ] {
        assert!(!is_product_name(&rules, not), "{not}");
    }
}

#[test]
fn the_business_of_a_name_is_that_names() {
    assert_eq!(
        found(
            "On April 12, 2011, Cisco announced it would shut down the Flip business entirely.",
            "shut down",
            Pattern::End
        ),
        some("Flip", None)
    );
}

#[test]
fn a_headline_in_title_case_is_no_lifecycle() {
    assert_eq!(
        found(
            "Intuit to Shut Down Mint, Steering Users to Credit Karma",
            "to Shut",
            Pattern::End
        ),
        None
    );
}

#[test]
fn a_never_name_word_inside_a_name() {
    let rules = Rules::bundled();
    let names = [
        "Galaxy Note",
        "Windows Mobile",
        "Amazon Web Services",
        "Internet Explorer",
        "Mobile Me",
        "GPS 100",
    ];
    for name in names {
        assert!(is_product_name(&rules, name), "{name}");
    }
    let nots = [
        "The Note",
        "Note",
        "10 Mobile",
        "Apple Monday",
        "In March",
        "Internet",
        "Online",
        "SAN FRANCISCO",
    ];
    for not in nots {
        assert!(!is_product_name(&rules, not), "{not}");
    }
}
