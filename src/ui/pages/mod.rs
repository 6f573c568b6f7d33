//! The widget's pages, one per journey step. Each is a function of [`PageProps`] that imports the
//! shared parts (`crate::ui::parts`) and the engine only; no page imports another (a tidy test
//! keeps it so).
//!
//! [`PageProps`]: crate::ui::parts::PageProps

mod check;
mod question;
mod start;
mod summary;

pub use check::check_page;
pub use question::question_page;
pub use start::start_page;
pub use summary::summary_page;
