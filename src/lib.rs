//! warta: a keyboard-driven terminal reader for news articles kept as plain-text files.
//!
//! The library holds everything that is not the terminal: the article model and parser
//! ([`article`]), the rules it reads ([`rules`]), the store and loader ([`store`]) and the
//! query language ([`filter`]). The reader ([`app`], [`keymap`], [`ui`]) is built on them.

pub mod article;
pub mod filter;
pub mod rules;
pub mod store;
