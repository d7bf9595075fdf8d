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
                  curl -s URL | margin -    read standard input (keys still come from the terminal)\n  \
                  margin --raw essay.txt    show paragraphs exactly as split, without repair\n  \
                  margin --bookmarks a.txt  print a.txt's bookmarks as JSON\n  \
                  margin --annotations a.txt  print what margin detects in a.txt as JSON\n  \
                  margin --export md a.txt  print a reading note of a.txt in Markdown\n\n\
                  Inside margin, press ? for every key."
)]
pub struct Cli {
    /// The article to read: a path, or - for standard input. Without it, the bundled article.
    pub file: Option<PathBuf>,

    /// Show paragraphs exactly as split, without joining broken ones (key: r).
    #[arg(long)]
    pub raw: bool,

    /// Print the article's bookmarks as JSON and exit.
    #[arg(long, conflicts_with = "export")]
    pub bookmarks: bool,

    /// Print what margin detects (title, sections, roles, products, dates) as JSON and exit.
    #[arg(long, conflicts_with_all = ["bookmarks", "export"])]
    pub annotations: bool,

    /// Extra detection rules (roles, products, aliases), merged over the bundled ones.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// Print a reading note (title, detections, bookmarks) as Markdown or JSON and exit.
    #[arg(long, value_name = "FORMAT")]
    pub export: Option<ExportFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
}
