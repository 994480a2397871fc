//! A wrapper for identifying values. Its `Debug` and `Display` print nothing
//! of the value, so a stray `{:?}` in a log line or an error cannot leak a
//! survivor's name, phone number or address.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub const fn new(value: T) -> Self {
        Self(value)
    }

    /// Access the value. The name is deliberately loud so every place that
    /// reads identifying data is easy to find in review.
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_exposed(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sensitive(..)")
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let name = Sensitive::new(String::from("Asha Devi"));
        assert!(!format!("{name:?}").contains("Asha"));
        assert!(!format!("{name}").contains("Asha"));
        assert_eq!(name.expose(), "Asha Devi");
    }
}
