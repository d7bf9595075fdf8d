//! The reader's corrections for every article, as edits of the user's
//! rules file: a name never shown as a role or product (`not_roles`,
//! `not_products`), a product (`[[product]] name = …`), a role wherever
//! its name is said (`[[role]] … anywhere = true`). Pure: the edge reads
//! the file, [`edit_text`] makes its new text, the edge writes it. The
//! same ops change the rules in memory ([`apply`]) so the reader sees the
//! change before the file has it.
//!
//! The text is edited with `toml_edit`, so the user's comments, order and
//! layout stay as they were; a file that is not TOML is refused, never
//! replaced.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::detect::{ProductRule, RoleRule, Rules};
use crate::sanitise::one_line;

/// One entry of the rules file a correction writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleEdit {
    /// A name in `not_roles`.
    NotRole(String),
    /// A name in `not_products`.
    NotProduct(String),
    /// `[[product]] name = …`
    Product(String),
    /// `[[role]] name = … anywhere = true`: `anywhere` on the user's role of
    /// that name, or a new table.
    AnywhereRole(String),
}

impl RuleEdit {
    /// What it says, for messages: `not_roles "platform"`.
    pub fn describe(&self) -> String {
        match self {
            RuleEdit::NotRole(n) => format!("not_roles “{n}”"),
            RuleEdit::NotProduct(n) => format!("not_products “{n}”"),
            RuleEdit::Product(n) => format!("[[product]] “{n}”"),
            RuleEdit::AnywhereRole(n) => format!("[[role]] “{n}” anywhere"),
        }
    }
}

/// A change to the rules. Each is idempotent: adding what is there (a
/// name in any case) or removing what is not changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleOp {
    Add(RuleEdit),
    /// Takes back an `Add` that made something new: the name leaves its
    /// list; the table goes while it holds no more than `Add` wrote (else
    /// only `anywhere` goes: what the user added to it stays).
    Remove(RuleEdit),
    /// Takes back `Add(AnywhereRole)` on a role the user had already:
    /// `anywhere` goes, the role stays.
    NotAnywhere(String),
}

impl RuleOp {
    /// The op that takes this one back, given whether the user's rules
    /// had a role of that name before (an `AnywhereRole` then only gains
    /// `anywhere`).
    pub fn inverse(&self, role_existed: bool) -> RuleOp {
        match self {
            RuleOp::Add(RuleEdit::AnywhereRole(name)) if role_existed => {
                RuleOp::NotAnywhere(name.clone())
            }
            RuleOp::Add(edit) => RuleOp::Remove(edit.clone()),
            RuleOp::Remove(edit) => RuleOp::Add(edit.clone()),
            RuleOp::NotAnywhere(name) => RuleOp::Add(RuleEdit::AnywhereRole(name.clone())),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            RuleOp::Add(edit) => edit.describe(),
            RuleOp::Remove(edit) => format!("removal of {}", edit.describe()),
            RuleOp::NotAnywhere(name) => format!("[[role]] “{name}” no longer anywhere"),
        }
    }
}

/// Why a rules file was left as it is; a message for users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleEditError {
    #[error("it is not valid TOML (line {line}: {message})")]
    NotToml { line: usize, message: String },
    #[error("its `{0}` is not a list of names")]
    NotAList(&'static str),
    #[error("its `{0}` is not written as [[{0}]] tables")]
    NotTables(&'static str),
}

/// What an empty (or new) rules file starts with.
const HEAD: &str = "# margin: your detection rules, merged over the bundled ones.\n\
                    # X, P and R in margin write here; edit freely, comments are kept.\n\n";

/// `text` (a rules file, perhaps empty) with `ops` applied, its comments,
/// order and layout kept.
pub fn edit_text(text: &str, ops: &[RuleOp]) -> Result<String, RuleEditError> {
    let source = if text.trim().is_empty() { HEAD } else { text };
    let mut doc: DocumentMut = source.parse().map_err(|e: toml_edit::TomlError| {
        let at = e.span().map_or(0, |span| span.start.min(source.len()));
        RuleEditError::NotToml {
            line: source.as_bytes()[..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1,
            message: one_line(e.message().trim(), 120),
        }
    })?;
    // A file of comments only keeps them as its end: they stay its head.
    if doc.as_table().is_empty()
        && let Some(comments) = doc.trailing().as_str().map(str::to_owned)
    {
        doc.decor_mut().set_prefix(comments);
        doc.set_trailing("");
    }
    for op in ops {
        apply_to_doc(&mut doc, op)?;
    }
    Ok(doc.to_string())
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn apply_to_doc(doc: &mut DocumentMut, op: &RuleOp) -> Result<(), RuleEditError> {
    match op {
        RuleOp::Add(RuleEdit::NotRole(n)) => add_name(doc, "not_roles", n),
        RuleOp::Add(RuleEdit::NotProduct(n)) => add_name(doc, "not_products", n),
        RuleOp::Remove(RuleEdit::NotRole(n)) => remove_name(doc, "not_roles", n),
        RuleOp::Remove(RuleEdit::NotProduct(n)) => remove_name(doc, "not_products", n),
        RuleOp::Add(RuleEdit::Product(n)) => {
            let tables = tables(doc, "product")?;
            let named = |t: &Table| {
                t.get("name")
                    .and_then(Item::as_str)
                    .is_some_and(|m| same(m, n))
                    || (t.get("aliases").and_then(Item::as_array))
                        .is_some_and(|a| a.iter().filter_map(Value::as_str).any(|m| same(m, n)))
            };
            if !tables.iter().any(named) {
                tables.push(new_table(n, false));
            }
            Ok(())
        }
        RuleOp::Add(RuleEdit::AnywhereRole(n)) => {
            let tables = tables(doc, "role")?;
            let at = tables.iter().position(|t| name_is(t, n));
            match at.and_then(|at| tables.get_mut(at)) {
                Some(t) if t.get("anywhere").and_then(Item::as_bool) == Some(true) => {}
                Some(t) => {
                    t.insert("anywhere", toml_edit::value(true));
                }
                None => tables.push(new_table(n, true)),
            }
            Ok(())
        }
        RuleOp::Remove(RuleEdit::Product(n)) => {
            remove_table(doc, "product", n, &["name"]);
            Ok(())
        }
        RuleOp::Remove(RuleEdit::AnywhereRole(n)) => {
            if !remove_table(doc, "role", n, &["name", "anywhere"]) {
                unset_anywhere(doc, n);
            }
            Ok(())
        }
        RuleOp::NotAnywhere(n) => {
            unset_anywhere(doc, n);
            Ok(())
        }
    }
}

fn name_is(t: &Table, name: &str) -> bool {
    t.get("name")
        .and_then(Item::as_str)
        .is_some_and(|m| same(m, name))
}

fn new_table(name: &str, anywhere: bool) -> Table {
    let mut t = Table::new();
    t.insert("name", toml_edit::value(name.trim()));
    if anywhere {
        t.insert("anywhere", toml_edit::value(true));
    }
    t
}

/// The top-level list `key`, made if missing.
fn list<'d>(
    doc: &'d mut DocumentMut,
    key: &'static str,
) -> Result<&'d mut toml_edit::Array, RuleEditError> {
    if !doc.contains_key(key) {
        lift_head(doc);
    }
    doc.entry(key)
        .or_insert_with(|| toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or(RuleEditError::NotAList(key))
}

/// Before a first top-level value, which goes above every table: the
/// file's head (comments up to a blank line before the first table) is
/// moved above it, so the head stays at the top, and a blank line is
/// kept between the value and the table.
fn lift_head(doc: &mut DocumentMut) {
    let values = doc.iter().any(|(_, item)| item.is_value());
    let first = (doc.as_table_mut().iter_mut())
        .filter_map(|(_, item)| match item {
            Item::Table(t) => Some(t),
            Item::ArrayOfTables(ts) => ts.iter_mut().next(),
            _ => None,
        })
        .min_by_key(|t| t.position());
    let Some(first) = first.filter(|_| !values) else {
        return;
    };
    let Some(prefix) = first.decor().prefix().and_then(|p| p.as_str()) else {
        return;
    };
    let cut = prefix.rfind("\n\n").map_or(0, |at| at + 2);
    let (head, rest) = (prefix[..cut].to_owned(), prefix[cut..].to_owned());
    let rest = if rest.starts_with('\n') {
        rest
    } else {
        format!("\n{rest}")
    };
    first.decor_mut().set_prefix(rest);
    if !head.is_empty() {
        let before = doc.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
        let head = format!("{before}{head}");
        doc.decor_mut().set_prefix(head);
    }
}

fn add_name(doc: &mut DocumentMut, key: &'static str, name: &str) -> Result<(), RuleEditError> {
    let list = list(doc, key)?;
    if list.iter().filter_map(Value::as_str).any(|m| same(m, name)) {
        return Ok(());
    }
    // A list written one name a line gains its name on a line of its own.
    let prefix = (list.iter().last())
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        // Its indent only: a comment before it belongs to the name above.
        .and_then(|p| p.rfind('\n').map(|at| format!("\n{}", &p[at + 1..])));
    let mut value = Value::from(name.trim());
    if let Some(prefix) = prefix {
        value.decor_mut().set_prefix(prefix);
    }
    list.push_formatted(value);
    Ok(())
}

fn remove_name(doc: &mut DocumentMut, key: &'static str, name: &str) -> Result<(), RuleEditError> {
    let Some(item) = doc.get_mut(key) else {
        return Ok(());
    };
    let list = item.as_array_mut().ok_or(RuleEditError::NotAList(key))?;
    let had = list.len();
    loop {
        let found = (list.iter()).position(|v| v.as_str().is_some_and(|m| same(m, name)));
        let Some(at) = found else { break };
        let gone = list.remove(at);
        // The first name keeps the first name's spacing (`["a", "b"]`
        // without "a" is `["b"]`, not `[ "b"]`).
        if at == 0
            && let Some(first) = list.get_mut(0)
            && let Some(prefix) = gone.decor().prefix().and_then(|p| p.as_str())
        {
            first.decor_mut().set_prefix(prefix.to_owned());
        }
    }
    // A list emptied of what margin wrote goes, unless a comment is on
    // its line; a comment above it stays where it was.
    let on_its_line = (list.decor().suffix().and_then(|p| p.as_str()))
        .into_iter()
        .chain(list.trailing().as_str())
        .any(|p| p.contains('#'));
    if list.is_empty() && had > 0 && !on_its_line {
        remove_key(doc, key);
    }
    Ok(())
}

/// Removes top-level value `key`, keeping the comments above it: they go
/// above what follows it (the next value, else the first table, else the
/// end of the file).
fn remove_key(doc: &mut DocumentMut, key: &str) {
    let above = (doc.key(key).and_then(|k| k.leaf_decor().prefix()))
        .and_then(|p| p.as_str())
        .filter(|p| p.contains('#'))
        .map(str::to_owned);
    let at = doc.iter().position(|(k, _)| k == key);
    doc.remove(key);
    let Some(above) = above else {
        return;
    };
    let prepend = |decor: &mut toml_edit::Decor| {
        let rest = decor.prefix().and_then(|p| p.as_str()).unwrap_or("");
        let joined = format!("{above}{rest}");
        decor.set_prefix(joined);
    };
    let next_value = (doc.as_table_mut().iter_mut())
        .skip(at.unwrap_or(usize::MAX))
        .find(|(_, item)| item.is_value());
    if let Some((mut k, _)) = next_value {
        prepend(k.leaf_decor_mut());
        return;
    }
    let first_table = (doc.as_table_mut().iter_mut())
        .filter_map(|(_, item)| match item {
            Item::Table(t) => Some(t),
            Item::ArrayOfTables(ts) => ts.iter_mut().next(),
            _ => None,
        })
        .min_by_key(|t| t.position());
    match first_table {
        Some(table) => prepend(table.decor_mut()),
        None => {
            let end = doc.trailing().as_str().unwrap_or("").to_owned();
            doc.set_trailing(format!("{above}{end}"));
        }
    }
}

/// The `[[key]]` tables, made if missing.
fn tables<'d>(
    doc: &'d mut DocumentMut,
    key: &'static str,
) -> Result<&'d mut ArrayOfTables, RuleEditError> {
    doc.entry(key)
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or(RuleEditError::NotTables(key))
}

/// Removes the `[[key]]` table named `name` if it holds only `fields`
/// (what margin wrote); whether it did. No tables left, no key left.
fn remove_table(doc: &mut DocumentMut, key: &str, name: &str, fields: &[&str]) -> bool {
    let Some(tables) = doc.get_mut(key).and_then(Item::as_array_of_tables_mut) else {
        return false;
    };
    let ours = |t: &Table| name_is(t, name) && t.iter().all(|(k, _)| fields.contains(&k));
    let Some(at) = tables.iter().position(ours) else {
        return false;
    };
    tables.remove(at);
    if tables.is_empty() {
        doc.remove(key);
    }
    true
}

fn unset_anywhere(doc: &mut DocumentMut, name: &str) {
    let tables = doc.get_mut("role").and_then(Item::as_array_of_tables_mut);
    if let Some(t) = tables.and_then(|ts| ts.iter_mut().find(|t| name_is(t, name))) {
        t.remove("anywhere");
    }
}

/// `op` applied to rules in memory, as [`edit_text`] applies it to their
/// file; whether anything changed.
pub fn apply(rules: &mut Rules, op: &RuleOp) -> bool {
    match op {
        RuleOp::Add(RuleEdit::NotRole(n)) => add_to(&mut rules.not_roles, n),
        RuleOp::Add(RuleEdit::NotProduct(n)) => add_to(&mut rules.not_products, n),
        RuleOp::Remove(RuleEdit::NotRole(n)) => remove_from(&mut rules.not_roles, n),
        RuleOp::Remove(RuleEdit::NotProduct(n)) => remove_from(&mut rules.not_products, n),
        RuleOp::Add(RuleEdit::Product(n)) => {
            if has_product(rules, n) {
                return false;
            }
            rules.products.push(ProductRule {
                name: n.trim().to_owned(),
                ..ProductRule::default()
            });
            true
        }
        RuleOp::Remove(RuleEdit::Product(n)) => {
            let bare = |p: &ProductRule| {
                same(&p.name, n)
                    && *p
                        == ProductRule {
                            name: p.name.clone(),
                            ..ProductRule::default()
                        }
            };
            let before = rules.products.len();
            rules.products.retain(|p| !bare(p));
            rules.products.len() != before
        }
        RuleOp::Add(RuleEdit::AnywhereRole(n)) => {
            match rules.roles.iter_mut().find(|r| same(&r.name, n)) {
                Some(r) if r.anywhere => return false,
                Some(r) => r.anywhere = true,
                None => rules.roles.push(RoleRule {
                    name: n.trim().to_owned(),
                    aliases: Vec::new(),
                    anywhere: true,
                }),
            }
            true
        }
        RuleOp::Remove(RuleEdit::AnywhereRole(n)) => {
            let Some(at) = rules.roles.iter().position(|r| same(&r.name, n)) else {
                return false;
            };
            if rules.roles.get(at).is_some_and(|r| r.aliases.is_empty()) {
                rules.roles.remove(at);
                return true;
            }
            not_anywhere(rules, n)
        }
        RuleOp::NotAnywhere(n) => not_anywhere(rules, n),
    }
}

/// Whether the rules have a product of this name or alias.
pub fn has_product(rules: &Rules, name: &str) -> bool {
    (rules.products.iter()).any(|p| same(&p.name, name) || p.aliases.iter().any(|a| same(a, name)))
}

fn not_anywhere(rules: &mut Rules, name: &str) -> bool {
    match rules.roles.iter_mut().find(|r| same(&r.name, name)) {
        Some(r) if r.anywhere => {
            r.anywhere = false;
            true
        }
        _ => false,
    }
}

fn add_to(list: &mut Vec<String>, name: &str) -> bool {
    if list.iter().any(|m| same(m, name)) {
        return false;
    }
    list.push(name.trim().to_owned());
    true
}

fn remove_from(list: &mut Vec<String>, name: &str) -> bool {
    let before = list.len();
    list.retain(|m| !same(m, name));
    list.len() != before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(edit: RuleEdit) -> RuleOp {
        RuleOp::Add(edit)
    }

    fn not_role(n: &str) -> RuleEdit {
        RuleEdit::NotRole(n.into())
    }

    const MINE: &str = "# My rules: kept by hand.\n\
                        role_stop_words = [\"pivotal\"]  # why: adjectives\n\
                        not_roles = [\n    \"broker\", # a word, not a role\n    \"gatekeeper\",\n]\n\
                        \n# Products I follow\n[[product]]\nname = \"Gmail\"  # mail\nowner = \"Google\"\n\
                        \n# Roles\n[[role]]\nname = \"curator\"\naliases = [\"策展人\"]\n";

    #[test]
    fn comments_order_and_layout_are_kept() {
        let out = edit_text(
            MINE,
            &[
                add(not_role("referee")),
                add(RuleEdit::NotProduct("Circles".into())),
                add(RuleEdit::Product("Blorb".into())),
                add(RuleEdit::AnywhereRole("curator".into())),
                add(RuleEdit::AnywhereRole("Lender".into())),
            ],
        )
        .expect("edits");
        assert_eq!(
            out,
            "# My rules: kept by hand.\n\
             role_stop_words = [\"pivotal\"]  # why: adjectives\n\
             not_roles = [\n    \"broker\", # a word, not a role\n    \"gatekeeper\",\n    \"referee\",\n]\n\
             not_products = [\"Circles\"]\n\
             \n# Products I follow\n[[product]]\nname = \"Gmail\"  # mail\nowner = \"Google\"\n\
             \n[[product]]\nname = \"Blorb\"\n\
             \n# Roles\n[[role]]\nname = \"curator\"\naliases = [\"策展人\"]\nanywhere = true\n\
             \n[[role]]\nname = \"Lender\"\nanywhere = true\n"
        );
        let rules = Rules::from_toml(&out, "out.toml").expect("still rules");
        assert_eq!(rules.not_roles, vec!["broker", "gatekeeper", "referee"]);
        assert!(rules.roles.iter().all(|r| r.anywhere));
    }

    #[test]
    fn a_name_there_in_any_case_is_not_written_twice() {
        let ops = [
            add(not_role("Broker")),
            add(RuleEdit::Product("gmail".into())),
            add(RuleEdit::Product("google mail".into())),
        ];
        let with_alias = MINE.replace("owner =", "aliases = [\"Google Mail\"]\nowner =");
        assert_eq!(edit_text(&with_alias, &ops), Ok(with_alias.clone()));
        let twice = edit_text(MINE, &[add(not_role("x")), add(not_role("X"))]).expect("edits");
        assert_eq!(twice.matches("\"x\"").count(), 1, "{twice}");
    }

    #[test]
    fn what_was_added_is_removed_and_nothing_else() {
        let ops = [
            add(not_role("referee")),
            add(RuleEdit::Product("Blorb".into())),
            add(RuleEdit::AnywhereRole("curator".into())),
            add(RuleEdit::AnywhereRole("lender".into())),
        ];
        let added = edit_text(MINE, &ops).expect("edits");
        let undo: Vec<RuleOp> = ops
            .iter()
            .map(|op| {
                op.inverse(matches!(op, RuleOp::Add(RuleEdit::AnywhereRole(n)) if n == "curator"))
            })
            .collect();
        assert_eq!(edit_text(&added, &undo), Ok(MINE.to_owned()));
        // A table the user had, or filled in since, is not removed.
        let gmail = [RuleOp::Remove(RuleEdit::Product("Gmail".into()))];
        assert_eq!(edit_text(MINE, &gmail), Ok(MINE.to_owned()));
        let curator = [RuleOp::Remove(RuleEdit::AnywhereRole("curator".into()))];
        let kept = edit_text(&edit_text(MINE, &ops[2..3]).expect("edits"), &curator);
        assert_eq!(kept, Ok(MINE.to_owned()));
        // The first name of a list on one line.
        let one = "not_roles = [\"a\", \"b\"]\n";
        let out = edit_text(one, &[RuleOp::Remove(not_role("A"))]);
        assert_eq!(out, Ok("not_roles = [\"b\"]\n".to_owned()));
        // A list margin made and emptied goes; one with a comment stays.
        let head = "# mine\n";
        let made = edit_text(head, &ops[..1]).expect("edits");
        assert_eq!(edit_text(&made, &undo[..1]), Ok(head.to_owned()));
        let commented = "not_roles = [\"referee\"]  # for now\n";
        let out = edit_text(commented, &undo[..1]);
        assert_eq!(out, Ok("not_roles = []  # for now\n".to_owned()));
    }

    #[test]
    fn an_empty_file_gets_a_head_and_its_entries() {
        let out = edit_text(
            " \n",
            &[
                add(not_role("platform")),
                add(RuleEdit::Product("Blorb".into())),
            ],
        )
        .expect("edits");
        assert!(out.starts_with(HEAD), "{out}");
        assert!(
            out.ends_with("not_roles = [\"platform\"]\n\n[[product]]\nname = \"Blorb\"\n"),
            "{out}"
        );
        let rules = Rules::from_toml(&out, "new.toml").expect("parses");
        assert_eq!(rules.not_roles, vec!["platform"]);
        assert_eq!(
            rules.products.first().map(|p| p.name.as_str()),
            Some("Blorb")
        );
    }

    #[test]
    fn a_files_head_stays_at_its_head() {
        let ops = [add(not_role("platform"))];
        let out = edit_text("[[role]]\nname = \"x\"\n", &ops);
        let expected = "not_roles = [\"platform\"]\n\n[[role]]\nname = \"x\"\n";
        assert_eq!(out, Ok(expected.to_owned()));
        let out = edit_text("# only a comment\n", &ops);
        assert_eq!(
            out,
            Ok("# only a comment\nnot_roles = [\"platform\"]\n".to_owned())
        );
        let tables = "# My rules\n\n# Gmail, mine\n[[product]]\nname = \"Gmail\"\n";
        assert_eq!(
            edit_text(tables, &ops),
            Ok("# My rules\n\nnot_roles = [\"platform\"]\n\n# Gmail, mine\n[[product]]\nname = \"Gmail\"\n"
                .to_owned())
        );
    }

    #[test]
    fn a_file_that_is_not_toml_or_not_rules_is_refused() {
        let ops = [add(not_role("platform"))];
        let error = edit_text("a\n[[product]\nname = 1\n", &ops).expect_err("not TOML");
        assert!(
            matches!(error, RuleEditError::NotToml { line: 1, .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.starts_with("it is not valid TOML (line 1: "),
            "{message}"
        );
        assert!(!message.contains('\n'), "one line: {message}");
        assert_eq!(
            edit_text("not_roles = \"platform\"\n", &ops),
            Err(RuleEditError::NotAList("not_roles"))
        );
        assert_eq!(
            edit_text(
                "[product]\nname = \"x\"\n",
                &[add(RuleEdit::Product("y".into()))]
            ),
            Err(RuleEditError::NotTables("product"))
        );
    }

    #[test]
    fn the_same_ops_change_rules_in_memory() {
        let mut rules = Rules::from_toml(MINE, "mine").expect("parses");
        let ops = [
            add(not_role("Referee")),
            add(RuleEdit::Product("Blorb".into())),
            add(RuleEdit::AnywhereRole("curator".into())),
            add(RuleEdit::AnywhereRole("lender".into())),
        ];
        let before = rules.clone();
        assert!(ops.iter().all(|op| apply(&mut rules, op)));
        assert!(!apply(&mut rules, &add(not_role("referee"))), "no twice");
        assert!(!apply(&mut rules, &add(RuleEdit::Product("GMAIL".into()))));
        let written = Rules::from_toml(&edit_text(MINE, &ops).expect("edits"), "w").expect("rules");
        assert_eq!(rules, written);
        for (op, existed) in ops.iter().zip([false, false, true, false]).rev() {
            assert!(apply(&mut rules, &op.inverse(existed)));
        }
        assert_eq!(rules, before);
    }
}
