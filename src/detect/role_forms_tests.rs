//! Tests of the role forms, English and Chinese, with their negatives.
use super::*;
use crate::detect::rules::Pattern;

fn rules() -> Rules {
    Rules::bundled()
}

/// A form's parser, as the tests call it.
type Form = fn(&Rules, &str, &Hit) -> Option<(String, Range<usize>)>;

fn after(text: &str, word: &str, f: Form) -> Option<String> {
    text.find(word)?;
    let hit = Hit::at(text, word, Pattern::Role);
    f(&rules(), text, &hit).map(|(n, r)| {
        assert!(text.get(r).is_some());
        n
    })
}

#[test]
fn roles_joined_to_a_verb_of_acting() {
    let joined = |t: &str, verb: &str, f: Form| {
        let hit = Hit::at(t, verb, Pattern::RoleVerb);
        let (_, first) = f(&rules(), t, &hit).expect("first role");
        coordinated(&rules(), t, &first)
            .into_iter()
            .map(|(n, r)| {
                assert_eq!(&t[r], n, "the range is the noun as written");
                n
            })
            .collect::<Vec<_>>()
    };
    let acted = |r: &Rules, t: &str, h: &Hit| acted_as(r, t, h);
    assert_eq!(
        joined(
            "Xiaomi is acting as investor, incubator and sales channel at once.",
            "acting as",
            acted
        ),
        vec!["incubator", "sales channel"]
    );
    assert!(
        joined(
            "HMD served as the brand licensee, paying royalties for it.",
            "served as",
            acted
        )
        .is_empty()
    );
    assert!(
        joined("It acted as a broker, the bank said.", "acted as", acted).is_empty(),
        "no 'and': an aside"
    );
    assert!(
        joined(
            "It acted as a broker and the bank lost money.",
            "acted as",
            acted
        )
        .is_empty()
    );
    let zh = |r: &Rules, t: &str, h: &Hit| zh_after(r, t, h);
    assert_eq!(
        joined(
            "网易在这一业务中同时充当了内容方和版权方，不再搬运。",
            "充当",
            zh
        ),
        vec!["版权方"]
    );
}

#[test]
fn role_as_and_acted_as_keep_adjectives() {
    let r = |t: &str| after(t, "role", role_as);
    assert_eq!(
        r("Google used its role as kingmaker.").as_deref(),
        Some("kingmaker")
    );
    assert_eq!(
        r("in its role as the exchange's operator, it").as_deref(),
        Some("exchange's operator")
    );
    assert_eq!(r("its role as a whole").as_deref(), None);
    assert_eq!(
        r("in my role as the family's tech support").as_deref(),
        None
    );
    assert_eq!(
        r("Microsoft's role as licensor meant that HTC built them.").as_deref(),
        Some("licensor")
    );
    assert_eq!(
        r("Logitech's role as a serial acquirer more often than not.").as_deref(),
        Some("serial acquirer")
    );
    assert_eq!(
        r("its role as a neutral file store sitting between rivals").as_deref(),
        Some("neutral file store")
    );
    let a = |t: &str, v: &str| after(t, v, acted_as);
    assert_eq!(
        a(
            "Mailbox was a gesture-driven iPhone email client launched in 2013",
            "was a"
        )
        .as_deref(),
        None,
        "what a product is, not a part it plays"
    );
    assert_eq!(
        a(
            "Dropbox could not become the gateway to the inbox",
            "become the"
        )
        .as_deref(),
        None,
        "a part it failed to play"
    );
    assert_eq!(
        a("Dropbox became the gateway to the inbox", "became the").as_deref(),
        Some("gateway")
    );
    for (t, v) in [
        (
            "The shop acted as a kind of anchor for the street",
            "acted as",
        ),
        ("the roles TomTom has played along the way", "has played"),
        ("The merger served as a turning point for it", "served as"),
    ] {
        assert_eq!(a(t, v), None, "{t}");
    }
    assert_eq!(
        a("The bank acted as a clearing house for", "acted as").as_deref(),
        Some("clearing house")
    );
    assert_eq!(
        a("it served as the storefront.", "served as").as_deref(),
        Some("storefront")
    );
    assert_eq!(
        a("the Fed acted as lender of last resort.", "acted as").as_deref(),
        Some("lender of last resort")
    );
    assert_eq!(
        a("It acts as a central bank would", "acts as").as_deref(),
        Some("central bank")
    );
    assert_eq!(
        a("acted as Amazon's storefront", "acted as").as_deref(),
        Some("storefront")
    );
    for t in [
        "It served as a reminder that",
        "He served as CEO until",
        "It acted as a brake on growth",
        "It served as an example",
        "served as Google's",
        "served as the growing",
    ] {
        let verb = if t.contains("acted") {
            "acted as"
        } else {
            "served as"
        };
        assert_eq!(a(t, verb), None, "{t}");
    }
}

#[test]
fn role_of_needs_an_agent_or_a_verb_of_playing() {
    let r = |t: &str| after(t, "role", role_of);
    assert_eq!(
        r("the role of the gatekeeper").as_deref(),
        Some("gatekeeper")
    );
    assert_eq!(
        r("Google played the role of kingmaker.").as_deref(),
        Some("kingmaker")
    );
    for t in [
        "the role of chance in",
        "the role of the climate",
        "the important role of fertiliser",
        "the role of the state",
        "the role of this.",
        "the role of the Alipay brand",
    ] {
        assert_eq!(r(t), None, "{t}");
    }
}

#[test]
fn possessive_roles_mid_sentence() {
    let r = |t: &str| after(t, "role", possessive_role);
    assert_eq!(
        r("Google kept its gatekeeper role.").as_deref(),
        Some("gatekeeper")
    );
    assert_eq!(
        r("Amazon's platform owner role grew").as_deref(),
        Some("platform owner")
    );
    for t in [
        "its important role",
        "its own role",
        "its growing role",
        "a gatekeeper role",
    ] {
        assert_eq!(r(t), None, "{t}");
    }
}

#[test]
fn chinese_nouns() {
    let r = rules();
    let before = |t: &str| zh_before(&r, t, t.find("角色").unwrap_or(0)).map(|x| x.1);
    assert_eq!(before("扮演了入口的角色").as_deref(), Some("入口"));
    assert_eq!(before("回到了卖家角色").as_deref(), Some("卖家"));
    assert_eq!(before("作为平台方的角色").as_deref(), Some("平台方"));
    assert_eq!(
        before("扮演着连接买卖双方的中间人角色").as_deref(),
        Some("中间人")
    );
    for t in [
        "扮演了非常重要的角色",
        "扮演什么角色",
        "这一角色",
        "最明显的角色",
        "新角色",
        "运气在其中同样扮演了不小的角色",
        "也扮演了一定的角色",
    ] {
        assert_eq!(before(t), None, "{t}");
    }
    let hit = |t: &str, v: &str| zh_after(&r, t, &Hit::at(t, v, Pattern::RoleVerb)).map(|x| x.0);
    assert_eq!(hit("京东充当了担保人，", "充当").as_deref(), Some("担保人"));
    assert_eq!(
        hit("乐视首先充当的是内容提供方。", "充当").as_deref(),
        Some("内容提供方")
    );
    assert_eq!(
        hit("乐视又作为硬件厂商直接面对消费者。", "作为").as_deref(),
        Some("硬件厂商")
    );
    assert_eq!(
        hit(
            "库巴网充当了国美试水线上的“先遣队”，为集团积累经验。",
            "充当"
        )
        .as_deref(),
        Some("先遣队")
    );
    // A role with its modifiers, nine characters long.
    let t = "魅族在那一时期扮演了国产智能手机开拓者的角色";
    assert_eq!(
        zh_before(&rules(), t, t.len() - "的角色".len())
            .map(|(_, n)| n)
            .as_deref(),
        Some("国产智能手机开拓者")
    );
    assert_eq!(
        zh_before(
            &rules(),
            "新浪长期扮演着中国互联网“新闻门户”的角色",
            "新浪长期扮演着中国互联网“新闻门户”的".len()
        )
        .map(|(_, n)| n)
        .as_deref(),
        Some("新闻门户")
    );
    assert_eq!(
        hit("由荷兰公司Adyen担任新的支付处理商，而eBay", "担任").as_deref(),
        Some("支付处理商")
    );
    assert_eq!(
        hit("它始终把自己视为一个市场运营商，而不是", "视为").as_deref(),
        Some("市场运营商")
    );
    assert_eq!(hit("业内把它视为一种威胁。", "视为"), None);
    assert_eq!(
        zh_subject("乐视首先充当的是内容提供方", 0).as_deref(),
        Some("乐视")
    );
    assert_eq!(
        zh_subject("云雀科技此前长期充当多家出版社的数字发行方", 0).as_deref(),
        Some("云雀科技")
    );
    assert_eq!(
        hit("滴滴一直充当司机与乘客之间的担保人：审核", "充当").as_deref(),
        Some("担保人")
    );
    assert_eq!(
        hit("它充当担保人和仲裁者。", "充当").as_deref(),
        Some("担保人")
    );
    assert_eq!(
        hit("充当了买卖双方之间的担保人。", "充当").as_deref(),
        Some("担保人")
    );
    assert_eq!(
        zh_subject("京东在这场交易中充当了担保人", 0).as_deref(),
        Some("京东")
    );
    assert_eq!(zh_subject("它充当了担保人", 0), None);
    // 来 ends a name as well as a time.
    assert_eq!(zh_subject("蔚来在上海发布", 0).as_deref(), Some("蔚来"));
    assert_eq!(zh_subject("多年来，它", 0), None);
    assert_eq!(zh_subject("正式发布旗下品牌", 0), None);
    // A verb of two characters ends the subject; a preposition, the
    // reporter or a verb opening the sentence is no subject.
    assert_eq!(
        zh_subject("黑莓公司开始向企业转型", 0).as_deref(),
        Some("黑莓公司")
    );
    assert_eq!(zh_subject("eBay宣布分拆PayPal", 0).as_deref(), Some("eBay"));
    assert_eq!(zh_subject("根据公告显示", 0), None);
    assert_eq!(zh_subject("记者注意到，", 0), None);
    assert_eq!(zh_subject("宣布停止服务", 0), None);
    // 通 is no stop: "通用汽车" is a name, "通过…" opens no subject.
    assert_eq!(
        zh_subject("通用汽车于2016年3月收购Cruise", 0).as_deref(),
        Some("通用汽车")
    );
    assert_eq!(zh_subject("通过这次收购，", 0), None);
}
