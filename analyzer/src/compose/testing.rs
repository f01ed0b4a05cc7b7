//! The Compose rule test harness (placeholder).
