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

/// The clinic's theme as the widget applies it: each accepted `--mc-*` value under the name of the
/// stylesheet's own property (`--accent`, …). Properties refused, unset or dropped for contrast are
/// absent, so the stylesheet's defaults apply to them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    /// `(stylesheet property, value)` pairs, in a fixed order.
    pub properties: Vec<(&'static str, String)>,
}

impl Theme {
    /// The accepted value for the stylesheet property `name`, if any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.properties.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// The clinic's theme properties: (the clinic's name, the stylesheet's own name, what it takes).
const THEME: [(&str, &str, Takes); 6] = [
    ("--mc-accent", "--accent", Takes::Colour),
    ("--mc-accent-text", "--accent-text", Takes::Colour),
    ("--mc-text", "--text", Takes::Colour),
    ("--mc-background", "--background", Takes::Colour),
    ("--mc-radius", "--radius", Takes::Length),
    ("--mc-font", "--font", Takes::FontList),
];

/// What kind of value a theme property takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Takes {
    Colour,
    Length,
    FontList,
}

/// The longest theme value considered; anything longer is refused unread.
const MAX_THEME_VALUE: usize = 200;

/// CSS functions a colour may use (CSS Color 4 and 5, and `calc()` inside them). Anything else,
/// such as `url()`, `image-set()`, `var()` or a gradient, is refused before the browser sees it.
const COLOUR_FUNCTIONS: [&str; 12] =
    ["rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix", "calc"];

/// Whether `value` can only be a colour: hex digits or keywords, and the colour functions above
/// with numbers, percentages, angles and keywords inside. The browser then confirms it
/// (`CSS.supports("color", …)`), since this accepts some token soup that is not a colour.
pub fn colour_syntax(value: &str) -> Result<(), String> {
    let value = value.trim();
    if value.is_empty() || value.len() > MAX_THEME_VALUE {
        return Err(format!("a colour is 1 to {MAX_THEME_VALUE} characters"));
    }
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '#' | '(' | ')' | ',' | '.' | '%' | '/' | '-' | '+'))
    {
        return Err("a colour has only letters, digits, spaces and # ( ) , . % / - +".into());
    }
    let mut name_start = 0;
    for (index, c) in value.char_indices() {
        if c == '(' {
            let name = value[name_start..index].to_ascii_lowercase();
            if !COLOUR_FUNCTIONS.contains(&name.as_str()) {
                let name = if name.is_empty() { "(" } else { &name };
                return Err(format!("`{name}(` is not a colour function"));
            }
        }
        if !(c.is_ascii_alphanumeric() || c == '-') {
            name_start = index + c.len_utf8();
        }
    }
    Ok(())
}

/// Accepts one non-negative CSS length such as `4px`, `0.5em` or `0`.
pub fn length_syntax(value: &str) -> Result<(), String> {
    const UNITS: [&str; 12] = ["px", "em", "rem", "%", "pt", "ch", "ex", "lh", "cm", "mm", "in", "pc"];
    let value = value.trim().to_ascii_lowercase();
    let number_end = value.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(value.len());
    let (number, unit) = value.split_at(number_end);
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let number_ok = digits > 0 && digits <= 6 && number.matches('.').count() <= 1 && !number.ends_with('.');
    if number_ok && (UNITS.contains(&unit) || (unit.is_empty() && number.chars().all(|c| c == '0' || c == '.'))) {
        Ok(())
    } else {
        Err("a length is a number and a unit, such as 4px or 0.5em".into())
    }
}

/// Accepts a font list: family names separated by commas, each one or more words of letters,
/// digits, `-` and `_`, or a quoted name without quotes or backslashes inside.
pub fn font_list_syntax(value: &str) -> Result<(), String> {
    let fail = || Err("a font list is family names separated by commas, such as \"Inter\", sans-serif".into());
    let value = value.trim();
    if value.is_empty() || value.len() > MAX_THEME_VALUE {
        return fail();
    }
    for family in value.split(',').map(str::trim) {
        let quoted = ['"', '\''].iter().find(|q| family.len() >= 2 && family.starts_with(**q) && family.ends_with(**q));
        let ok = match quoted {
            Some(q) => {
                let inner = &family[1..family.len() - 1];
                !inner.trim().is_empty() && !inner.chars().any(|c| c == *q || c == '\\' || c.is_control())
            }
            None => {
                !family.is_empty()
                    && family.split(' ').filter(|w| !w.is_empty()).all(|word| {
                        !word.starts_with(|c: char| c.is_ascii_digit() || c == '-')
                            && word.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                    })
            }
        };
        if !ok {
            return fail();
        }
    }
    Ok(())
}

/// The default theme colours, as `styles/widget.css` sets them on `.mc` (a test reads the
/// stylesheet and checks they agree).
pub const DEFAULT_COLOURS: [(&str, &str); 4] =
    [("--accent", "#1d5a8a"), ("--accent-text", "#ffffff"), ("--text", "#1f2933"), ("--background", "#ffffff")];

/// The default value of the stylesheet colour `name`, parsed.
fn default_colour(name: &str) -> [u8; 3] {
    DEFAULT_COLOURS.iter().find(|(n, _)| *n == name).and_then(|(_, v)| parse_colour(v)).unwrap_or([0, 0, 0])
}

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

/// Checks the clinic's theme: `property` returns a custom property as set on the element (`None`
/// when unset), `is_colour` asks the browser whether a value is a colour. Each value must be of
/// the kind its property takes, or it is refused with a warning naming the property; then the
/// colour pairs must reach 4.5:1 (WCAG 1.4.3), or the pair keeps the default colours, with a
/// warning. What is left is applied.
pub fn check_theme(
    property: impl Fn(&str) -> Option<String>,
    is_colour: impl Fn(&str) -> bool,
) -> (Theme, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut theme = Theme::default();
    for (name, own, takes) in THEME {
        let Some(value) = property(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) else { continue };
        let checked = match takes {
            Takes::Colour => colour_syntax(&value).and_then(|()| {
                if is_colour(&value) {
                    Ok(())
                } else {
                    Err("the browser does not read it as a colour".into())
                }
            }),
            Takes::Length => length_syntax(&value),
            Takes::FontList => font_list_syntax(&value),
        };
        match checked {
            Ok(()) => theme.properties.push((own, value)),
            Err(why) => warnings.push(Warning {
                attribute: name,
                message: format!("`{}` is refused: {why}; the default is used", shown_value(&value)),
            }),
        }
    }

    // Contrast. A colour the widget cannot parse (hsl(), a name, …) is applied unchecked, and said so.
    let mut colour = |own: &str, name: &'static str| -> [u8; 3] {
        match theme.get(own) {
            None => default_colour(own),
            Some(value) => parse_colour(value).unwrap_or_else(|| {
                warnings.push(Warning {
                    attribute: name,
                    message: format!(
                        "`{}` is not a #rgb, #rrggbb or rgb() colour, so its contrast cannot be checked",
                        shown_value(value)
                    ),
                });
                default_colour(own)
            }),
        }
    };
    let accent = colour("--accent", "--mc-accent");
    let accent_text = colour("--accent-text", "--mc-accent-text");
    let text = colour("--text", "--mc-text");
    let mut background = colour("--background", "--mc-background");
    if contrast(text, background) < 4.5 {
        warnings.push(Warning {
            attribute: "--mc-text",
            message: format!(
                "contrast with --mc-background is {}:1, below 4.5:1; the default text and background colours are used",
                one_decimal(contrast(text, background))
            ),
        });
        theme.properties.retain(|(n, _)| !matches!(*n, "--text" | "--background"));
        background = default_colour("--background");
    }
    let (on_button, on_page) = (contrast(accent, accent_text), contrast(accent, background));
    if on_button < 4.5 || on_page < 4.5 {
        warnings.push(Warning {
            attribute: "--mc-accent",
            message: format!(
                "contrast is {}:1 with --mc-accent-text and {}:1 with the background, below 4.5:1; the default accent is used so text stays readable",
                one_decimal(on_button),
                one_decimal(on_page)
            ),
        });
        theme.properties.retain(|(n, _)| !matches!(*n, "--accent" | "--accent-text"));
    }
    (theme, warnings)
}

/// A value as a warning shows it: at most 60 characters, control characters as `?`.
fn shown_value(value: &str) -> String {
    let mut shown: String = value.chars().take(60).map(|c| if c.is_control() { '?' } else { c }).collect();
    if value.chars().count() > 60 {
        shown.push('…');
    }
    shown
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

    /// The theme check with the browser's colour test stood in for by the syntax check alone.
    fn theme(pairs: &[(&str, &str)]) -> (Theme, Vec<Warning>) {
        check_theme(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()), |_| true)
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
        assert_eq!(theme(&[]), (Theme::default(), vec![]));
        let (applied, warnings) = theme(&[("--mc-accent", "#ffe680")]);
        assert_eq!(applied, Theme::default(), "the pale accent is not applied");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].attribute, "--mc-accent");
        let (applied, warnings) = theme(&[("--mc-text", "#cccccc"), ("--mc-background", "#ffffff")]);
        assert_eq!(applied, Theme::default());
        assert_eq!(warnings[0].attribute, "--mc-text");
        let (applied, warnings) = theme(&[("--mc-accent", "#004d40"), ("--mc-background", "#fafafa")]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(applied.get("--accent"), Some("#004d40"));
        assert_eq!(applied.get("--background"), Some("#fafafa"));
        let (applied, warnings) = theme(&[("--mc-accent", "hotpink")]);
        assert_eq!(warnings[0].attribute, "--mc-accent");
        assert!(warnings[0].message.contains("cannot be checked"), "{warnings:?}");
        assert_eq!(applied.get("--accent"), Some("hotpink"), "a colour the widget cannot parse is still a colour");
    }

    #[test]
    fn colour_properties_take_colours_only() {
        for good in [
            "#1d5a8a",
            "#ABC",
            "#1d5a8aff",
            "rgb(1 2 3 / 50%)",
            "hsl(210deg 60% 30%)",
            "oklch(0.5 0.1 250)",
            "navy",
            "color-mix(in srgb, red 40%, navy)",
            "rgb(calc(10 + 5) 0 0)",
        ] {
            assert_eq!(colour_syntax(good), Ok(()), "{good}");
        }
        for bad in [
            "url(/x.png)",
            "URL( /x.png )",
            "image-set(\"/x.png\" 1x)",
            "image-set(url(x) 1x)",
            "var(--other)",
            "env(safe-area-inset-top)",
            "attr(data-x)",
            "linear-gradient(red, blue)",
            "red;background:url(x)",
            "red}",
            "#fff\\",
            "(1)",
            "",
            &"a".repeat(201),
        ] {
            assert!(colour_syntax(bad).is_err(), "{bad} should be refused");
        }
        // Refused values are never applied, and each warning names its property.
        for (name, value) in [
            ("--mc-background", "url(/x.png)"),
            ("--mc-accent", "image-set(\"/x.png\" 1x)"),
            ("--mc-text", "var(--x)"),
            ("--mc-accent-text", "url(x)"),
        ] {
            let (applied, warnings) = theme(&[(name, value)]);
            assert_eq!(applied, Theme::default(), "{name}: {value}");
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert_eq!(warnings[0].attribute, name);
            assert!(warnings[0].message.contains("refused"), "{warnings:?}");
        }
        // What the browser says is not a colour is refused too.
        let (applied, warnings) =
            check_theme(|name| (name == "--mc-accent").then(|| "rgb(1 2)".to_string()), |_| false);
        assert_eq!(applied, Theme::default());
        assert_eq!(warnings[0].attribute, "--mc-accent");
    }

    #[test]
    fn radius_takes_a_length_and_font_a_font_list() {
        for good in ["4px", "0", "0.5em", "12%", "1.25rem"] {
            assert_eq!(length_syntax(good), Ok(()), "{good}");
        }
        for bad in ["url(x)", "-4px", "4", "4px 8px", "calc(1px)", "px", "1.px", "1..2px", "9999999px", "4px;"] {
            assert!(length_syntax(bad).is_err(), "{bad} should be refused");
        }
        for good in ["system-ui, sans-serif", "\"Open Sans\", Arial", "'Noto Sans Arabic'", "Inter"] {
            assert_eq!(font_list_syntax(good), Ok(()), "{good}");
        }
        for bad in ["url(x)", "a;b", "\"a\"b\"", ",", "Inter,", "\"\"", "1abc", "a{b}", "'a\\'", "x/y"] {
            assert!(font_list_syntax(bad).is_err(), "{bad} should be refused");
        }
        let (applied, warnings) = theme(&[("--mc-radius", "url(x)"), ("--mc-font", "Inter, url(x)")]);
        assert_eq!(applied, Theme::default());
        let named: Vec<&str> = warnings.iter().map(|w| w.attribute).collect();
        assert_eq!(named, ["--mc-radius", "--mc-font"]);
        let (applied, warnings) = theme(&[("--mc-radius", "8px"), ("--mc-font", "Georgia, serif")]);
        assert!(warnings.is_empty());
        assert_eq!(applied.properties, [("--radius", "8px".to_string()), ("--font", "Georgia, serif".to_string())]);
    }

    #[test]
    fn the_default_colours_are_the_stylesheets() {
        let css = include_str!("../styles/widget.css");
        for (name, value) in DEFAULT_COLOURS {
            assert!(css.contains(&format!("  {name}: {value};\n")), "styles/widget.css does not set {name}: {value}");
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
