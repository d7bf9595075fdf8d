//! Command-line interface.

use std::path::PathBuf;

use clap::Parser;

#[derive(Debug, Parser)]
#[command(
    name = "margin",
    version,
    about = "A terminal reader that annotates an article as you read it",
    long_about = "A terminal reader that annotates an article as you read it: the paragraphs in a pane, \
                  and beside them a panel of what margin detected in the text.",
    after_help = "Examples:\n  \
                  margin                    open the bundled article\n  \
                  margin essay.txt          open a file\n  \
                  margin notes.md           Markdown and HTML are read as text, headings and lists kept\n  \
                  curl -s URL | margin -    read standard input (keys still come from the terminal)\n  \
                  margin --raw essay.txt    show paragraphs exactly as split, without repair\n  \
                  margin --bookmarks a.txt  print a.txt's bookmarks as JSON\n  \
                  margin --annotations a.txt  print what margin detects in a.txt as JSON\n  \
                  margin --export md a.txt  print a reading note of a.txt in Markdown\n  \
                  margin --print a.txt | less   read a.txt as numbered plain text\n  \
                  margin --print-config > ~/.config/margin/config.toml\n\n\
                  Inside margin, press ? for every key."
)]
pub struct Cli {
    /// The article to read: a path, or - for standard input. Without it, the bundled article.
    pub file: Option<PathBuf>,

    /// Read the file as this format [default: by its extension (.md, .html), else by its content].
    #[arg(long, value_name = "FORMAT", requires = "file")]
    pub format: Option<crate::format::Format>,

    /// Show paragraphs exactly as split, without joining broken ones (key: r).
    #[arg(long)]
    pub raw: bool,

    /// Print the article's bookmarks as JSON and exit.
    #[arg(long, conflicts_with = "export")]
    pub bookmarks: bool,

    /// Print what margin detects (title, sections, roles, products, dates) as JSON and exit.
    #[arg(long, conflicts_with_all = ["bookmarks", "export"])]
    pub annotations: bool,

    /// With --annotations: detection as it is, without this article's corrections (x, e, a).
    #[arg(long, requires = "annotations")]
    pub no_corrections: bool,

    /// Extra detection rules (roles, products, aliases), merged over the bundled ones;
    /// corrections for every article (X, P, R) are written to it.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// Print a reading note (title, detections, bookmarks) as Markdown or JSON and exit.
    #[arg(long, value_name = "FORMAT")]
    pub export: Option<ExportFormat>,

    /// Read the configuration from FILE instead of $XDG_CONFIG_HOME/margin/config.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the full default configuration, commented, and exit.
    #[arg(long, conflicts_with_all = ["print", "completions", "man"])]
    pub print_config: bool,

    /// Print the article as plain text (numbered, wrapped, marked) and exit; for pipes and less.
    #[arg(long, conflicts_with_all = ["bookmarks", "export"])]
    pub print: bool,

    /// Width for --print, in columns [default: the terminal's width, or 80 when not a terminal].
    #[arg(long, value_name = "N", requires = "print", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,

    /// Print a completion script for a shell and exit.
    #[arg(long, value_name = "SHELL", conflicts_with = "man")]
    pub completions: Option<CompletionShell>,

    /// Print the man page (roff) and exit.
    #[arg(long)]
    pub man: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

impl From<CompletionShell> for clap_complete::Shell {
    fn from(shell: CompletionShell) -> Self {
        match shell {
            CompletionShell::Bash => clap_complete::Shell::Bash,
            CompletionShell::Zsh => clap_complete::Shell::Zsh,
            CompletionShell::Fish => clap_complete::Shell::Fish,
        }
    }
}

/// The completion script for `shell`, generated from these definitions.
pub fn completions(shell: CompletionShell) -> Vec<u8> {
    let mut out = Vec::new();
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(
        clap_complete::Shell::from(shell),
        &mut command,
        "margin",
        &mut out,
    );
    out
}

/// The man page, generated from these definitions.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[test]
    fn definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn width_needs_print_and_is_positive() {
        assert!(Cli::try_parse_from(["margin", "--width", "40"]).is_err());
        assert!(Cli::try_parse_from(["margin", "--print", "--width", "0"]).is_err());
        let cli = Cli::try_parse_from(["margin", "--print", "--width", "40", "a.txt"]).expect("ok");
        assert_eq!((cli.print, cli.width), (true, Some(40)));
    }

    #[test]
    fn generated_texts_mention_the_flags() {
        for shell in [
            CompletionShell::Bash,
            CompletionShell::Zsh,
            CompletionShell::Fish,
        ] {
            let script = String::from_utf8(completions(shell)).expect("utf-8");
            assert!(script.contains("print-config"), "{shell:?}");
        }
        let man = String::from_utf8(man_page().expect("renders")).expect("utf-8");
        assert!(
            man.starts_with(".ie") || man.contains(".TH margin"),
            "{man}"
        );
        assert!(man.contains("print\\-config"), "{man}");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
}
