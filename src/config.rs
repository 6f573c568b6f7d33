//! The clinic's configuration, read from the element's attributes, with a safe default and a
//! warning for every bad value. Pure (no browser types), so every rule here is tested natively.

use crate::engine::Variant;
use crate::i18n::{join, Locale};

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

    (Config { clinic_name, booking_url, phone, locale, variant }, warnings)
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

/// Accepts digits, spaces and `+ - . ( )`, with 3 to 20 digits.
pub fn check_phone(phone: &str) -> Result<Phone, String> {
    let display = collapse_spaces(phone);
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

/// Which of the clinic's theme colours the widget overrides because they are hard to read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThemeFix {
    /// `--mc-accent` (with `--mc-accent-text`) fails contrast: use the default accent pair.
    pub accent: bool,
    /// `--mc-text` on `--mc-background` fails contrast: use the default text and background.
    pub colours: bool,
}

/// The default theme colours (kept in step with `styles/widget.css`).
const DEFAULT_ACCENT: &str = "#1d5a8a";
const DEFAULT_ACCENT_TEXT: &str = "#ffffff";
const DEFAULT_TEXT: &str = "#1f2933";
const DEFAULT_BACKGROUND: &str = "#ffffff";

/// Parses `#rgb`, `#rrggbb` and `rgb(r, g, b)` / `rgb(r g b)` colours.
pub fn parse_colour(value: &str) -> Option<[u8; 3]> {
    let value = value.trim().to_ascii_lowercase();
    if let Some(hex) = value.strip_prefix('#') {
        let digit = |c: char| c.to_digit(16).map(|d| d as u8);
        let digits: Vec<u8> = hex.chars().map(digit).collect::<Option<_>>()?;
        return match digits.as_slice() {
            [r, g, b] => Some([r * 17, g * 17, b * 17]),
            [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
            _ => None,
        };
    }
    let inner = value.strip_prefix("rgb(").or_else(|| value.strip_prefix("rgba("))?.strip_suffix(')')?;
    let parts: Vec<u8> = inner
        .split([',', ' ', '/'])
        .filter(|p| !p.is_empty())
        .take(3)
        .map(|p| p.parse::<u8>().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [r, g, b] => Some([*r, *g, *b]),
        _ => None,
    }
}

/// The WCAG 2.2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let luminance = |c: [u8; 3]| {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                pow_2_4((v + 0.055) / 1.055)
            }
        };
        0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
    };
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// `x` to the power 2.4, for `x` in 0.08..=1 (an sRGB channel above the linear part):
/// `x² · (x²)^⅕`, the fifth root by Newton's method from 1, which converges from above for these
/// inputs well within 24 steps. (`f64::powf` would link libm's `pow`, about 2 kB of code, for this
/// one use.)
fn pow_2_4(x: f64) -> f64 {
    let square = x * x;
    let mut root = 1.0;
    for _ in 0..24 {
        let fourth = root * root * root * root;
        root = (4.0 * root + square / fourth) / 5.0;
    }
    square * root
}

/// A ratio with one decimal, such as `3.1`, written without float formatting (which would add
/// about 14 kB of code to the widget).
fn one_decimal(ratio: f64) -> String {
    let tenths = (ratio * 10.0).round() as u32;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Checks the clinic's theme (the custom properties as set on the element; `None` when unset)
/// and says which colours to override so text stays readable (4.5:1, WCAG 1.4.3).
pub fn check_theme(property: impl Fn(&str) -> Option<String>) -> (ThemeFix, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut colour = |name: &'static str, default: &str| -> [u8; 3] {
        let fallback = parse_colour(default).unwrap_or([0, 0, 0]);
        match property(name).filter(|v| !v.trim().is_empty()) {
            None => fallback,
            Some(value) => parse_colour(&value).unwrap_or_else(|| {
                warnings.push(Warning {
                    attribute: name,
                    message: format!(
                        "`{}` is not a #rgb, #rrggbb or rgb() colour, so its contrast cannot be checked",
                        value.trim()
                    ),
                });
                fallback
            }),
        }
    };
    let accent = colour("--mc-accent", DEFAULT_ACCENT);
    let accent_text = colour("--mc-accent-text", DEFAULT_ACCENT_TEXT);
    let text = colour("--mc-text", DEFAULT_TEXT);
    let background = colour("--mc-background", DEFAULT_BACKGROUND);
    let mut fix = ThemeFix::default();
    if contrast(text, background) < 4.5 {
        fix.colours = true;
        warnings.push(Warning {
            attribute: "--mc-text",
            message: format!(
                "contrast with --mc-background is {}:1, below 4.5:1; the default text and background colours are used",
                one_decimal(contrast(text, background))
            ),
        });
    }
    let background = if fix.colours { parse_colour(DEFAULT_BACKGROUND).unwrap_or([255; 3]) } else { background };
    let (on_button, on_page) = (contrast(accent, accent_text), contrast(accent, background));
    if on_button < 4.5 || on_page < 4.5 {
        fix.accent = true;
        warnings.push(Warning {
            attribute: "--mc-accent",
            message: format!(
                "contrast is {}:1 with --mc-accent-text and {}:1 with the background, below 4.5:1; the default accent is used so text stays readable",
                one_decimal(on_button),
                one_decimal(on_page)
            ),
        });
    }
    (fix, warnings)
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
        let (config, warnings) = config(&[("variant", "laser"), ("locale", "xx"), ("phone", "call us!")], &["fr"]);
        assert_eq!(config.variant, Variant::Standard);
        assert_eq!(config.locale, Locale::english());
        assert_eq!(config.phone, None);
        let named: Vec<&str> = warnings.iter().map(|w| w.attribute).collect();
        assert_eq!(named, ["phone", "locale", "variant"]);
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

    fn theme(pairs: &[(&str, &str)]) -> (ThemeFix, Vec<Warning>) {
        check_theme(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn colours_parse_and_contrast_like_wcag() {
        assert_eq!(parse_colour("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_colour(" #1D5A8A "), Some([0x1d, 0x5a, 0x8a]));
        assert_eq!(parse_colour("rgb(10, 20, 30)"), Some([10, 20, 30]));
        assert_eq!(parse_colour("rgb(10 20 30 / 50%)"), Some([10, 20, 30]));
        assert_eq!(parse_colour("tomato"), None);
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert_eq!(one_decimal(contrast([0, 0, 0], [255, 255, 255])), "21.0");
        assert_eq!(one_decimal(3.06), "3.1");
        assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 0.01);
    }

    #[test]
    fn pow_2_4_matches_powf_for_every_channel_value() {
        for v in 11..=255u8 {
            let x = (f64::from(v) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (pow_2_4(x), x.powf(2.4));
            assert!((ours - std).abs() <= 1e-12 * std, "channel {v}: {ours} against {std}");
        }
    }

    #[test]
    fn the_default_theme_passes_and_a_pale_accent_is_replaced() {
        assert_eq!(theme(&[]), (ThemeFix::default(), vec![]));
        let (fix, warnings) = theme(&[("--mc-accent", "#ffe680")]);
        assert!(fix.accent && !fix.colours);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].attribute, "--mc-accent");
        let (fix, warnings) = theme(&[("--mc-text", "#cccccc"), ("--mc-background", "#ffffff")]);
        assert!(fix.colours);
        assert_eq!(warnings[0].attribute, "--mc-text");
        let (fix, warnings) = theme(&[("--mc-accent", "#004d40"), ("--mc-background", "#fafafa")]);
        assert_eq!(fix, ThemeFix::default(), "{warnings:?}");
        let (_, warnings) = theme(&[("--mc-accent", "hotpink")]);
        assert_eq!(warnings[0].attribute, "--mc-accent");
    }

    #[test]
    fn long_names_are_shortened() {
        let long = "x".repeat(200);
        let (config, warnings) = config(&[("clinic-name", &long)], &[]);
        assert_eq!(config.clinic_name.map(|n| n.len()), Some(MAX_NAME));
        assert_eq!(warnings.len(), 1);
    }
}
