//! warta: a keyboard-driven terminal reader for news articles kept as plain-text files.
//!
//! The library holds the article model and parser ([`article`]), the rules it reads
//! ([`rules`]), the store and loader ([`store`]) and the query language ([`filter`]) — none of
//! which know about terminals — and the reader built on them: state and actions ([`app`]),
//! keys ([`keymap`]) and drawing ([`ui`]).

pub mod app;
pub mod article;
pub mod config;
pub mod dirs;
pub mod filter;
pub mod heads;
pub mod index;
pub mod keymap;
pub mod priority;
pub mod rules;
pub mod state;
pub mod store;
pub mod stories;
pub mod tui;
pub mod ui;
