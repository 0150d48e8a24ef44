//! Fluent catalogs: messages with named arguments, in English and French, from `.ftl` resources
//! embedded in the binary and parsed once. The core's own words are in `core/locales`; a shell with
//! words of its own (the CLI's reports and help) builds its [`Catalog`] the same way.
//!
//! Fluent (Mozilla's localization system) gives each language its own sentence, word order and
//! plural rules ("1 modification", "0 modification" in French; "0 changes" in English) while the
//! code names a message and its arguments once.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use super::{format_count, Lang};

/// A value a message shows: text as given, or a count, shown with the language's digit grouping and
/// which the message may choose a plural form by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Count(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

impl From<i64> for Arg<'_> {
    fn from(count: i64) -> Self {
        Arg::Count(count)
    }
}

impl From<u64> for Arg<'_> {
    fn from(count: u64) -> Self {
        Arg::Count(i64::try_from(count).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg<'_> {
    fn from(count: usize) -> Self {
        Arg::Count(i64::try_from(count).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg<'_> {
    fn from(count: u32) -> Self {
        Arg::Count(count.into())
    }
}

impl From<i32> for Arg<'_> {
    fn from(count: i32) -> Self {
        Arg::Count(count.into())
    }
}

/// Why a message cannot be shown as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("no message {id:?} in {lang:?}")]
    Missing { id: String, lang: Lang },
    #[error("message {id:?} in {lang:?}: {detail}")]
    Arguments { id: String, lang: Lang, detail: String },
}

/// The variables each message uses, by message id.
pub type Variables = BTreeMap<String, BTreeSet<String>>;

/// Every message of one product in English and French.
pub struct Catalog {
    en: FluentBundle<FluentResource>,
    fr: FluentBundle<FluentResource>,
    variables: [Variables; 2],
}

impl Catalog {
    /// Loads the `.ftl` resources of each language. They are part of the binary: one that does not
    /// parse, or defines a message twice, is a bug the tests catch, so this panics on it.
    pub fn new(en: &[&'static str], fr: &[&'static str]) -> Catalog {
        let (en, en_variables) = bundle(Lang::En, en);
        let (fr, fr_variables) = bundle(Lang::Fr, fr);
        Catalog { en, fr, variables: [en_variables, fr_variables] }
    }

    /// Message `id` in `lang` with `args`. A missing message or an argument that does not fit is a
    /// bug (the catalog tests look for them): it is logged, and the id or the best rendering shown.
    pub fn format(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
        match self.render(lang, id, args) {
            Ok((text, None)) => text,
            Ok((text, Some(problem))) => {
                tracing::error!(%problem, "a message was shown with the wrong arguments");
                text
            }
            Err(problem) => {
                tracing::error!(%problem, "a message is missing");
                id.to_owned()
            }
        }
    }

    /// Like [`format`](Self::format), but refuses a missing message, an argument the message does
    /// not use and a variable not given.
    pub fn try_format(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> Result<String, Problem> {
        match self.render(lang, id, args)? {
            (text, None) => Ok(text),
            (_, Some(problem)) => Err(problem),
        }
    }

    /// Each message id of `lang` with the variables it uses.
    pub fn messages(&self, lang: Lang) -> &Variables {
        &self.variables[lang as usize]
    }

    /// Every message exists in both languages with the same variables.
    pub fn check_languages_agree(&self) -> Result<(), String> {
        let (en, fr) = (self.messages(Lang::En), self.messages(Lang::Fr));
        let mut problems = Vec::new();
        for id in en.keys().chain(fr.keys()).collect::<BTreeSet<_>>() {
            match (en.get(id), fr.get(id)) {
                (Some(e), Some(f)) if e == f => {}
                (Some(e), Some(f)) => problems.push(format!("{id}: {e:?} in English, {f:?} in French")),
                (Some(_), None) => problems.push(format!("{id}: no French")),
                (None, _) => problems.push(format!("{id}: no English")),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }

    fn render(
        &self,
        lang: Lang,
        id: &str,
        args: &[(&str, Arg)],
    ) -> Result<(String, Option<Problem>), Problem> {
        let bundle = match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        };
        let missing = || Problem::Missing { id: id.to_owned(), lang };
        let pattern = bundle.get_message(id).and_then(|m| m.value()).ok_or_else(missing)?;
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, arg) in args {
            let value = match arg {
                Arg::Text(text) => FluentValue::from(text.as_ref()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
        let wanted = self.messages(lang).get(id).ok_or_else(missing)?;
        let given: BTreeSet<String> = args.iter().map(|(name, _)| (*name).to_owned()).collect();
        let problem = if &given != wanted {
            Some(format!("it uses {wanted:?}, was given {given:?}"))
        } else if !errors.is_empty() {
            Some(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
        } else {
            None
        };
        Ok((text, problem.map(|detail| Problem::Arguments { id: id.to_owned(), lang, detail })))
    }
}

/// The core's words: labels of coded values, validation and errors, the apps' sentences.
static CORE: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::new(
        &[
            include_str!("../../locales/en/labels.ftl"),
            include_str!("../../locales/en/validation.ftl"),
            include_str!("../../locales/en/errors.ftl"),
            include_str!("../../locales/en/app.ftl"),
        ],
        &[
            include_str!("../../locales/fr/labels.ftl"),
            include_str!("../../locales/fr/validation.ftl"),
            include_str!("../../locales/fr/errors.ftl"),
            include_str!("../../locales/fr/app.ftl"),
        ],
    )
});

/// The core's catalog, for its tests.
#[cfg(test)]
pub(super) fn core() -> &'static Catalog {
    &CORE
}

/// Message `id` of the core's catalog in `lang`.
pub(crate) fn say(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    CORE.format(lang, id, args)
}

fn bundle(lang: Lang, sources: &[&'static str]) -> (FluentBundle<FluentResource>, Variables) {
    let code = match lang {
        Lang::En => "en",
        Lang::Fr => "fr",
    };
    let mut bundle = FluentBundle::new_concurrent(vec![code.parse().expect("a language code")]);
    // Fluent wraps each argument in Unicode isolation marks (U+2068 … U+2069) so that a right-to-left
    // name keeps its direction inside a left-to-right sentence. Both languages here are
    // left-to-right and the text goes to terminals, logs and tests, where the invisible marks show
    // up as garbage or break comparisons: off.
    bundle.set_use_isolating(false);
    match lang {
        Lang::En => bundle.set_formatter(Some(english_number)),
        Lang::Fr => bundle.set_formatter(Some(french_number)),
    }
    let mut variables = Variables::new();
    for source in sources {
        let resource = FluentResource::try_new((*source).to_owned())
            .unwrap_or_else(|(_, errors)| panic!("a {code} resource does not parse: {errors:?}"));
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                let used = variables.entry(message.id.name.to_owned()).or_default();
                message.value.iter().for_each(|pattern| pattern_variables(pattern, used));
            }
        }
        bundle.add_resource(resource).unwrap_or_else(|errors| panic!("{code} messages clash: {errors:?}"));
    }
    (bundle, variables)
}

/// Counts in a message read with the language's grouping: "1 250" in French, "1,250" in English.
fn french_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    count(value).map(|n| format_count(n, Lang::Fr))
}

fn english_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    count(value).map(|n| format_count(n, Lang::En))
}

fn count(value: &FluentValue) -> Option<i64> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 => Some(n.value as i64),
        _ => None,
    }
}

fn pattern_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            variants.iter().for_each(|v| pattern_variables(&v.value, into));
        }
        ast::Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            arguments.positional.iter().for_each(|a| inline_variables(a, into));
            arguments.named.iter().for_each(|a| inline_variables(&a.value, into));
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalog {
        Catalog::new(
            &["pending = { $count ->\n    [0] Everything is synced\n    [one] { $count } change to sync\n   *[other] { $count } changes to sync\n }\nhello = Hello { $name }"],
            &["pending = { $count ->\n    [0] Tout est synchronisé\n    [one] { $count } modification à synchroniser\n   *[other] { $count } modifications à synchroniser\n }\nhello = Bonjour { $name }"],
        )
    }

    #[test]
    fn plurals_and_counts_follow_each_language() {
        let c = sample();
        let pending = |lang, n: i64| c.try_format(lang, "pending", &[("count", n.into())]).unwrap();
        assert_eq!(pending(Lang::En, 0), "Everything is synced");
        assert_eq!(pending(Lang::En, 1), "1 change to sync");
        assert_eq!(pending(Lang::En, 1250), "1,250 changes to sync");
        assert_eq!(pending(Lang::Fr, 1), "1 modification à synchroniser");
        assert_eq!(pending(Lang::Fr, 1250), "1\u{202f}250 modifications à synchroniser");
    }

    #[test]
    fn arguments_show_without_isolation_marks() {
        let c = sample();
        assert_eq!(
            c.try_format(Lang::Fr, "hello", &[("name", "Anne".into())]),
            Ok("Bonjour Anne".to_owned())
        );
    }

    #[test]
    fn a_missing_message_or_argument_is_refused_and_logged_otherwise() {
        let c = sample();
        assert!(matches!(c.try_format(Lang::En, "nope", &[]), Err(Problem::Missing { .. })));
        assert!(matches!(c.try_format(Lang::En, "hello", &[]), Err(Problem::Arguments { .. })));
        let extra = c.try_format(Lang::En, "hello", &[("name", "Anne".into()), ("age", 3.into())]);
        assert!(matches!(extra, Err(Problem::Arguments { .. })), "{extra:?}");
        // Shown anyway, so a screen is never blank: the id, or the text with the gap.
        assert_eq!(c.format(Lang::En, "nope", &[]), "nope");
        assert_eq!(c.format(Lang::En, "hello", &[]), "Hello {$name}");
    }

    #[test]
    fn languages_that_disagree_are_reported() {
        let c = Catalog::new(&["a = A { $x }\nb = B"], &["a = A { $y }\nc = C"]);
        let report = c.check_languages_agree().unwrap_err();
        assert!(
            report.contains("a: ") && report.contains("b: no French") && report.contains("c: no English")
        );
        assert_eq!(sample().check_languages_agree(), Ok(()));
    }
}
