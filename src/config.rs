//! The clinic's configuration, read from the element's attributes, with a safe default and a
//! warning for every bad value. Pure (no browser types), so every rule here is tested natively.

use crate::engine::Variant;
use crate::i18n::{join, Locale};
use crate::theme::Scheme;

/// The longest clinic name shown; longer names are cut (a page builder may paste a paragraph).
const MAX_NAME: usize = 80;

/// What the widget shows about the clinic and which treatment it offers.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Config {
    /// The clinic's name, if given.
    pub clinic_name: Option<String>,
    /// An `http:` or `https:` booking link, if given and valid.
    pub booking_url: Option<String>,
    /// A phone number as shown, and its `tel:` form.
    pub phone: Option<Phone>,
    /// The locale the visitor reads.
    pub locale: Locale,
    /// The treatment variant the clinic offers.
    pub variant: Variant,
    /// The colour scheme: light, dark, or the visitor's preference.
    pub scheme: Scheme,
}

/// A phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    /// As the clinic wrote it.
    pub display: String,
    /// For a `tel:` link: digits and a leading `+` only.
    pub dial: String,
}

/// A problem with one attribute: the attribute's name and what was done instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The attribute, such as `booking-url`, or the CSS custom property, such as `--mc-accent`.
    pub attribute: &'static str,
    /// What was wrong and what the widget uses instead.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.attribute.starts_with("--") { "CSS property" } else { "attribute" };
        write!(f, "<microneedling-check> {what} `{}`: {}", self.attribute, self.message)
    }
}

/// Reads the configuration. `attribute` returns an attribute's value; `languages` is the
/// browser's preference list (`navigator.languages`), used when no `locale` attribute is set.
pub fn read(attribute: impl Fn(&str) -> Option<String>, languages: &[String]) -> (Config, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut warn = |attribute: &'static str, message: String| warnings.push(Warning { attribute, message });

    let clinic_name = attribute("clinic-name").and_then(|name| {
        let name = collapse_spaces(&name);
        if name.is_empty() {
            return None;
        }
        if name.chars().count() > MAX_NAME {
            warn("clinic-name", format!("longer than {MAX_NAME} characters; it is shortened"));
            return Some(name.chars().take(MAX_NAME).collect());
        }
        Some(name)
    });

    let booking_url = attribute("booking-url").and_then(|url| match check_url(&url) {
        Ok(url) => Some(url),
        Err(why) => {
            warn("booking-url", format!("{why}; no booking link is shown"));
            None
        }
    });

    let phone = attribute("phone").and_then(|phone| match check_phone(&phone) {
        Ok(phone) => Some(phone),
        Err(why) => {
            warn("phone", format!("{why}; no phone number is shown"));
            None
        }
    });

    let locale = match attribute("locale").map(|l| l.trim().to_string()).filter(|l| !l.is_empty()) {
        Some(tag) => Locale::find(&tag).unwrap_or_else(|| {
            let supported: Vec<&str> = Locale::all().map(Locale::code).collect();
            warn(
                "locale",
                format!("`{tag}` is not supported (supported: {}); English is used", join(&supported, ", ")),
            );
            Locale::english()
        }),
        None => Locale::negotiate(languages.iter().map(String::as_str)).unwrap_or_else(Locale::english),
    };

    let variant = match attribute("variant").map(|v| v.trim().to_ascii_lowercase()).filter(|v| !v.is_empty()) {
        Some(name) => Variant::from_name(&name).unwrap_or_else(|| {
            warn("variant", format!("`{name}` is not one of standard, rf, prp; standard is used"));
            Variant::Standard
        }),
        None => Variant::Standard,
    };

    let scheme = match attribute("color-scheme").map(|v| v.trim().to_ascii_lowercase()).filter(|v| !v.is_empty()) {
        Some(name) => Scheme::from_name(&name).unwrap_or_else(|| {
            warn("color-scheme", format!("`{name}` is not one of light, dark, auto; light is used"));
            Scheme::Light
        }),
        None => Scheme::Light,
    };

    (Config { clinic_name, booking_url, phone, locale, variant, scheme }, warnings)
}

/// `text` with each run of whitespace made one space, and none at either end.
fn collapse_spaces(text: &str) -> String {
    join(&text.split_whitespace().collect::<Vec<_>>(), " ")
}

/// Accepts only absolute `http:` and `https:` URLs with a host, so a `javascript:` or `data:`
/// link can never be rendered.
pub fn check_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("contains spaces or control characters".into());
    }
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        let scheme = lower.split(':').next().unwrap_or_default();
        return Err(format!("only http: and https: links are allowed, not `{scheme}:`"));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.starts_with('@') {
        return Err("the link has no host".into());
    }
    Ok(url.to_string())
}

/// The longest phone number shown, in characters (the loader's fallback message uses the same).
pub const MAX_PHONE: usize = 30;

/// Accepts digits, spaces and `+ - . ( )`, with 3 to 20 digits and at most [`MAX_PHONE`]
/// characters.
pub fn check_phone(phone: &str) -> Result<Phone, String> {
    // Bounded before any work: a page builder may paste anything, of any size.
    if phone.len() > 4 * MAX_PHONE {
        return Err(format!("longer than {MAX_PHONE} characters"));
    }
    let display = collapse_spaces(phone);
    if display.chars().count() > MAX_PHONE {
        return Err(format!("longer than {MAX_PHONE} characters"));
    }
    // A `matches!`, not `" +-.()".contains(c)`: for a non-ASCII `c` that searches for a substring,
    // whose code (0.9 kB) the widget otherwise does without.
    if !display.chars().all(|c| matches!(c, '0'..='9' | ' ' | '+' | '-' | '.' | '(' | ')')) {
        return Err("only digits, spaces and + - . ( ) are allowed".into());
    }
    let digits = display.chars().filter(char::is_ascii_digit).count();
    if !(3..=20).contains(&digits) {
        return Err("a phone number needs 3 to 20 digits".into());
    }
    let plus = if display.starts_with('+') { "+" } else { "" };
    let dial = format!("{plus}{}", display.chars().filter(char::is_ascii_digit).collect::<String>());
    Ok(Phone { display, dial })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)], languages: &[&str]) -> (Config, Vec<Warning>) {
        let languages: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
        read(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()), &languages)
    }

    #[test]
    fn good_attributes_are_used() {
        let (config, warnings) = config(
            &[
                ("clinic-name", " Lumen  Clinic "),
                ("booking-url", "https://example.com/book"),
                ("phone", "+44 20 7946 0000"),
                ("variant", "rf"),
            ],
            &[],
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.clinic_name.as_deref(), Some("Lumen Clinic"));
        assert_eq!(config.booking_url.as_deref(), Some("https://example.com/book"));
        assert_eq!(config.phone.map(|p| p.dial), Some("+442079460000".to_string()));
        assert_eq!(config.variant, Variant::Rf);
    }

    #[test]
    fn dangerous_links_are_refused_with_a_warning() {
        for url in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "/relative",
            "https://",
            "java\tscript:x",
            "//evil.example",
        ] {
            let (config, warnings) = config(&[("booking-url", url)], &[]);
            assert_eq!(config.booking_url, None, "{url}");
            assert_eq!(warnings.len(), 1, "{url}");
            assert_eq!(warnings[0].attribute, "booking-url");
            assert!(warnings[0].to_string().contains("booking-url"));
        }
    }

    #[test]
    fn bad_values_fall_back_to_safe_defaults() {
        let (config, warnings) = config(
            &[("variant", "laser"), ("locale", "xx"), ("phone", "call us!"), ("color-scheme", "sepia")],
            &["fr"],
        );
        assert_eq!(config.variant, Variant::Standard);
        assert_eq!(config.locale, Locale::english());
        assert_eq!(config.phone, None);
        assert_eq!(config.scheme, Scheme::Light);
        let named: Vec<&str> = warnings.iter().map(|w| w.attribute).collect();
        assert_eq!(named, ["phone", "locale", "variant", "color-scheme"]);
        for (value, scheme) in [("dark", Scheme::Dark), (" AUTO ", Scheme::Auto), ("light", Scheme::Light)] {
            assert_eq!(self::config(&[("color-scheme", value)], &[]).0.scheme, scheme);
        }
    }

    #[test]
    fn locale_comes_from_attribute_then_browser_then_english() {
        assert_eq!(config(&[], &["zz", "en-GB"]).0.locale, Locale::english());
        assert_eq!(config(&[], &["zz"]).0.locale, Locale::english());
        for locale in Locale::all() {
            assert_eq!(config(&[("locale", locale.code())], &[]).0.locale, locale);
            assert_eq!(config(&[], &["zz", &format!("{}-XX", locale.code())]).0.locale, locale);
        }
    }

    #[test]
    fn phone_numbers_are_bounded() {
        assert!(check_phone(&"1".repeat(1 << 20)).is_err(), "a 1 MB phone is refused");
        assert!(check_phone(&format!("0{}1", "-".repeat(40))).is_err(), "few digits, many dashes");
        assert!(check_phone("+44 (0) 20 7946 0000 1234").is_ok(), "a long real number fits in 30 characters");
        let (config, warnings) = config(&[("phone", &"0".repeat(31))], &[]);
        assert_eq!(config.phone, None);
        assert_eq!(warnings[0].attribute, "phone");
    }

    #[test]
    fn long_names_are_shortened() {
        let long = "x".repeat(200);
        let (config, warnings) = config(&[("clinic-name", &long)], &[]);
        assert_eq!(config.clinic_name.map(|n| n.len()), Some(MAX_NAME));
        assert_eq!(warnings.len(), 1);
    }
}
