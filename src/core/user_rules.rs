//! The rules detection uses, kept as two: margin's own (bundled) and the
//! user's (their rules files, merged). Kept apart so the user's can change
//! while reading (`X`, `P`, `R`) and so the panel can tell which entries
//! only the user's rules found.

use std::collections::HashSet;

use crate::detect::{Product, Role, Rules};
use crate::rule_edits::{self, RuleOp};

#[derive(Debug, Clone, Default)]
pub struct UserRules {
    base: Rules,
    own: Rules,
    /// Lowercase names of the products only the user's lexicon knows.
    products: HashSet<String>,
    /// Lowercase names of the user's `anywhere` roles.
    roles: HashSet<String>,
}

impl UserRules {
    /// `own` (the user's files, merged) over `base` (margin's rules).
    pub fn new(base: Rules, own: Rules) -> Self {
        let mut rules = UserRules {
            base,
            own,
            ..UserRules::default()
        };
        rules.own_names();
        rules
    }

    /// Margin's rules alone.
    pub fn bundled() -> Self {
        Self::new(Rules::bundled(), Rules::default())
    }

    /// What detection uses: the user's rules merged over margin's.
    pub fn merged(&self) -> Rules {
        self.base.clone().merge(self.own.clone())
    }

    /// The user's rules.
    pub fn own(&self) -> &Rules {
        &self.own
    }

    /// Changes the user's rules in memory; whether anything changed.
    pub fn apply(&mut self, op: &RuleOp) -> bool {
        let changed = rule_edits::apply(&mut self.own, op);
        if changed {
            self.own_names();
        }
        changed
    }

    /// Whether the user's rules have a role of this name (any case).
    pub fn has_role(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        (self.own.roles.iter()).any(|r| r.name.trim().to_lowercase() == name)
    }

    fn own_names(&mut self) {
        let lower = |n: &String| n.trim().to_lowercase();
        let base: HashSet<String> = (self.base.products.iter())
            .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
            .map(lower)
            .collect();
        self.products = (self.own.products.iter())
            .map(|p| lower(&p.name))
            .filter(|n| !base.contains(n))
            .collect();
        self.roles = (self.own.roles.iter())
            .filter(|r| r.anywhere)
            .map(|r| lower(&r.name))
            .collect();
    }

    /// Whether only the user's rules found this role: an `anywhere` role.
    pub fn owns_role(&self, role: &Role) -> bool {
        !self.roles.is_empty() && self.roles.contains(&role.name.to_lowercase())
    }

    /// Whether only the user's rules found this product: a lexicon entry
    /// of theirs that margin's rules do not have.
    pub fn owns_product(&self, product: &Product) -> bool {
        product.known
            && !self.products.is_empty()
            && self.products.contains(&product.name.trim().to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect_with;
    use crate::document::Document;
    use crate::rule_edits::RuleEdit;

    #[test]
    fn entries_only_the_users_rules_found_are_theirs() {
        let own = Rules::from_toml(
            "[[product]]\nname = \"Blorb\"\n[[product]]\nname = \"alipay\"\nlaunched = 2004\n\
             [[role]]\nname = \"source\"\naliases = [\"origin\"]\n",
            "mine.toml",
        )
        .expect("parses");
        let mut rules = UserRules::new(Rules::bundled(), own);
        let doc = Document::from_text(
            "Title\n\nBlorb and Alipay grew. A referee watched.\n\nsource role. Alipay is it.",
        );
        let a = detect_with(&doc, &rules.merged());
        let product = |name: &str| a.products.iter().find(|p| p.name == name).expect(name);
        assert!(rules.owns_product(product("Blorb")));
        // Margin knows Alipay: the user's facts do not make it theirs.
        assert!(!rules.owns_product(product("Alipay")));
        let source = a.roles.iter().find(|r| &*r.name == "source").expect("role");
        assert!(!rules.owns_role(source), "not anywhere");
        assert!(rules.apply(&RuleOp::Add(RuleEdit::AnywhereRole("Referee".into()))));
        assert!(!rules.apply(&RuleOp::Add(RuleEdit::AnywhereRole("referee".into()))));
        let a = detect_with(&doc, &rules.merged());
        let referee = a
            .roles
            .iter()
            .find(|r| &*r.name == "referee")
            .expect("anywhere");
        assert!(rules.owns_role(referee));
        assert!(rules.has_role("REFEREE"));
    }
}
