//! The widget's colours: the built-in light and dark palettes, the clinic's `--mc-*` theme values
//! checked by kind, and every colour the widget paints derived from the four base colours and
//! checked for contrast (WCAG 2.2: 4.5:1 for text, 3:1 for borders, focus indicators and control
//! boundaries). Pure: the browser's part (reading the properties, resolving a colour to what it
//! paints) is passed in, so every rule here is tested natively.

use crate::config::Warning;

/// An sRGB colour as the browser paints it, 8 bits a channel.
pub type Rgb = [u8; 3];

/// The widget's colour scheme, from the `color-scheme` attribute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scheme {
    /// Dark text on a light background (the default).
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
    /// Follows the visitor's `prefers-color-scheme`, live.
    Auto,
}

impl Scheme {
    /// The attribute's values, in order.
    pub const NAMES: [&'static str; 3] = ["light", "dark", "auto"];

    /// The scheme named `name` (`light`, `dark` or `auto`).
    pub fn from_name(name: &str) -> Option<Scheme> {
        match name {
            "light" => Some(Scheme::Light),
            "dark" => Some(Scheme::Dark),
            "auto" => Some(Scheme::Auto),
            _ => None,
        }
    }
}

/// The four colours a palette starts from; [`palette`] derives every other colour from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Base {
    /// The widget's background.
    pub background: Rgb,
    /// Body text.
    pub text: Rgb,
    /// Buttons, links and selected controls.
    pub accent: Rgb,
    /// Text on the accent colour.
    pub accent_text: Rgb,
}

/// The built-in light palette: the widget's one place for its default colours.
pub const LIGHT: Base = Base {
    background: [0xff, 0xff, 0xff],
    text: [0x1f, 0x29, 0x33],
    accent: [0x1d, 0x5a, 0x8a],
    accent_text: [0xff, 0xff, 0xff],
};

/// The built-in dark palette.
pub const DARK: Base = Base {
    background: [0x16, 0x1a, 0x1f],
    text: [0xe8, 0xea, 0xed],
    accent: [0x8c, 0xc4, 0xf2],
    accent_text: [0x0b, 0x16, 0x22],
};

/// The hues the levels start from, with the stylesheet properties of their strong colour (text,
/// borders) and their panel tint: `not_advisable_now` (also the error and the red-flag card),
/// `professional_check_first`, `worth_mentioning` and `no_specific_concern`.
const HUES: [(&str, &str, Rgb); 4] = [
    ("--stop", "--stop-panel", [0xb1, 0x0e, 0x1e]),
    ("--check", "--check-panel", [0x8a, 0x45, 0x00]),
    ("--mention", "--mention-panel", [0x1d, 0x5a, 0x8a]),
    ("--clear", "--clear-panel", [0x2f, 0x6b, 0x3a]),
];

/// The focus ring: a near-black line inside a yellow band, which shows on any background.
const FOCUS: Rgb = [0xff, 0xdd, 0x00];
const FOCUS_TEXT: Rgb = [0x0b, 0x0c, 0x0c];

/// WCAG 2.2's minimum ratios: text (1.4.3), and borders, focus indicators and control boundaries
/// (1.4.11).
pub const TEXT_RATIO: f64 = 4.5;
pub const NON_TEXT_RATIO: f64 = 3.0;

/// One checked pair of colours, for the console and for the page (`themeReport`).
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// What was checked, such as `--mc-text on --mc-background` or `border on background`.
    pub pair: &'static str,
    /// The contrast ratio, 1 to 21.
    pub ratio: f64,
    /// The ratio it needs.
    pub required: f64,
}

impl Verdict {
    /// Whether the pair reaches its ratio.
    pub fn passes(&self) -> bool {
        self.ratio >= self.required
    }
}

/// The theme as the widget applies it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Theme {
    /// `(stylesheet property, value)`: every colour of the palette, and the clinic's radius and
    /// font if given.
    pub properties: Vec<(&'static str, String)>,
    /// Whether the palette is dark (for the CSS `color-scheme` of native parts).
    pub dark: bool,
    /// Every pair checked, clinic's and derived.
    pub verdicts: Vec<Verdict>,
}

impl Theme {
    /// The value set for the stylesheet property `name`, if any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.properties.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// The verdicts as JSON (`[{"pair":…,"ratio":…,"required":…,"passes":…}]`), for the page.
    pub fn report(&self) -> String {
        let mut out = String::from("[");
        for (n, v) in self.verdicts.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                "{{\"pair\":\"{}\",\"ratio\":{},\"required\":{},\"passes\":{}}}",
                v.pair,
                two_decimals(v.ratio),
                two_decimals(v.required),
                v.passes()
            ));
        }
        out.push(']');
        out
    }
}

/// The clinic's theme properties: (the clinic's name, the stylesheet's own name, what it takes).
const PROPERTIES: [(&str, &str, Takes); 6] = [
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

/// Keywords that pass for a colour in CSS but say nothing about what is painted here.
const NOT_COLOURS: [&str; 8] =
    ["currentcolor", "transparent", "inherit", "initial", "unset", "revert", "revert-layer", "none"];

/// Whether `value` can only be a colour: hex digits or a name, or the colour functions above with
/// numbers, percentages, angles and keywords inside. The browser then resolves it (see
/// [`check_theme`]), which refuses the token soup this lets through.
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
    if NOT_COLOURS.contains(&value.to_ascii_lowercase().as_str()) {
        return Err("it does not name a colour of its own".into());
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

/// Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` and `rgb(r g b)` / `rgb(r, g, b)` colours to
/// RGBA (natively, the tests' stand-in for the browser's resolver).
pub fn parse_colour(value: &str) -> Option<[u8; 4]> {
    let value = value.trim().to_ascii_lowercase();
    if let Some(hex) = value.strip_prefix('#') {
        let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
        return match digits.as_slice() {
            [r, g, b] => Some([r * 17, g * 17, b * 17, 255]),
            [r, g, b, a] => Some([r * 17, g * 17, b * 17, a * 17]),
            [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2, 255]),
            [r1, r2, g1, g2, b1, b2, a1, a2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2, a1 * 16 + a2]),
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
        [r, g, b] => Some([*r, *g, *b, 255]),
        _ => None,
    }
}

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::from("#");
    for v in c {
        out.push(char::from(DIGITS[usize::from(v >> 4)]));
        out.push(char::from(DIGITS[usize::from(v & 15)]));
    }
    out
}

/// Relative luminance (WCAG 2.2).
fn luminance(c: Rgb) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            pow_2_4((v + 0.055) / 1.055)
        }
    };
    0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

/// The WCAG 2.2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
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
pub fn one_decimal(ratio: f64) -> String {
    let tenths = (ratio * 10.0).round() as u32;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A ratio with two decimals, such as `4.52`, for the page's report.
fn two_decimals(ratio: f64) -> String {
    let hundredths = (ratio * 100.0).round() as u32;
    format!("{}.{}{}", hundredths / 100, hundredths / 10 % 10, hundredths % 10)
}

/// `a` moved towards `b` by `t` (0 to 1), channel by channel.
fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    [channel(a[0], b[0]), channel(a[1], b[1]), channel(a[2], b[2])]
}

/// The colour nearest `start` on the way to `towards` (in steps of 5 %) that reaches `ratio`
/// against every colour of `on`; `towards` itself if none does.
fn readable(start: Rgb, towards: Rgb, on: &[Rgb], ratio: f64) -> Rgb {
    (0..=20)
        .map(|step| mix(start, towards, f64::from(step) / 20.0))
        .find(|c| on.iter().all(|b| contrast(*c, *b) >= ratio))
        .unwrap_or(towards)
}

/// Every colour the widget paints, as the stylesheet's custom properties, derived from `base`:
/// the panel a light tint of the background; greys for hints and borders mixes of text and
/// background, as faint as they can be while readable; the level colours and the error moved
/// from their hue towards the text until they read as text on the background; each level's panel
/// the faintest tint of its hue that keeps text and its border readable. With the verdicts of
/// every derived pair.
pub fn palette(base: &Base) -> (Vec<(&'static str, Rgb)>, Vec<Verdict>) {
    let Base { background, text, accent, accent_text } = *base;
    let panel = mix(background, text, 0.06);
    let on = [background, panel];
    let muted = readable(mix(text, background, 0.45), text, &on, TEXT_RATIO);
    let border = readable(mix(text, background, 0.55), text, &on, NON_TEXT_RATIO);
    let mut colours = vec![
        ("--background", background),
        ("--text", text),
        ("--accent", accent),
        ("--accent-text", accent_text),
        ("--panel", panel),
        ("--muted", muted),
        ("--border", border),
        ("--rule", mix(text, background, 0.7)),
        ("--focus", FOCUS),
        ("--focus-text", FOCUS_TEXT),
    ];
    let verdict = |pair, a, b, required| Verdict { pair, ratio: contrast(a, b), required };
    let mut verdicts = vec![
        verdict("text on panel", text, panel, TEXT_RATIO),
        verdict("hint text on background", muted, background, TEXT_RATIO),
        verdict("hint text on panel", muted, panel, TEXT_RATIO),
        verdict("border on background", border, background, NON_TEXT_RATIO),
        verdict("border on panel", border, panel, NON_TEXT_RATIO),
        Verdict {
            pair: "focus ring on background",
            ratio: contrast(FOCUS, background).max(contrast(FOCUS_TEXT, background)),
            required: NON_TEXT_RATIO,
        },
        verdict("focus text on focus", FOCUS_TEXT, FOCUS, TEXT_RATIO),
        verdict("selected control on background", accent, background, NON_TEXT_RATIO),
    ];
    for (strong_name, panel_name, hue) in HUES {
        let strong = readable(hue, text, &on, TEXT_RATIO);
        let tint = (0..=12)
            .rev()
            .map(|k| mix(background, hue, f64::from(k) / 100.0))
            .find(|t| contrast(text, *t) >= TEXT_RATIO && contrast(strong, *t) >= NON_TEXT_RATIO)
            .unwrap_or(background);
        colours.push((strong_name, strong));
        colours.push((panel_name, tint));
        verdicts.push(verdict(strong_name, strong, background, TEXT_RATIO));
        verdicts.push(verdict(panel_name, text, tint, TEXT_RATIO));
    }
    // The red-flag card's heading: the background colour on the `--stop` colour.
    let stop = colours.iter().find(|(n, _)| *n == "--stop").map_or(text, |(_, c)| *c);
    verdicts.push(verdict("background on --stop", background, stop, TEXT_RATIO));
    (colours, verdicts)
}

/// Checks the clinic's theme over the scheme's palette. `property` returns a custom property as
/// set on the element (`None` when unset); `resolve` asks the browser what it paints for a
/// colour, as RGBA (`None` if it is not a colour). Each value must be of the kind its property
/// takes and an opaque colour, or it is refused with a warning naming the property. Then the
/// clinic's pairs must reach 4.5:1, or the pair falls back to the scheme's (text and background)
/// or to an accent derived to be readable, with a warning naming the pair and the ratio. Every
/// other colour is derived from the result ([`palette`]).
pub fn check_theme(
    dark: bool,
    property: impl Fn(&str) -> Option<String>,
    resolve: impl Fn(&str) -> Option<[u8; 4]>,
) -> (Theme, Vec<Warning>) {
    let scheme = if dark { DARK } else { LIGHT };
    let mut warnings = Vec::new();
    let mut theme = Theme::default();
    let mut colours: Vec<(&str, Rgb)> = Vec::new();
    for (name, own, takes) in PROPERTIES {
        let Some(value) = property(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) else { continue };
        let checked = match takes {
            Takes::Colour => colour_syntax(&value).and_then(|()| match resolve(&value) {
                None => Err("the browser does not read it as a colour".to_string()),
                Some([.., alpha]) if alpha < 255 => {
                    Err("it is translucent, and what shows through it cannot be known".to_string())
                }
                Some([r, g, b, _]) => {
                    colours.push((own, [r, g, b]));
                    Ok(())
                }
            }),
            Takes::Length => length_syntax(&value).map(|()| theme.properties.push((own, value.clone()))),
            Takes::FontList => font_list_syntax(&value).map(|()| theme.properties.push((own, value.clone()))),
        };
        if let Err(why) = checked {
            warnings.push(Warning {
                attribute: name,
                message: format!("`{}` is refused: {why}; the default is used", shown_value(&value)),
            });
        }
    }
    let given = |own: &str| colours.iter().find(|(n, _)| *n == own).map(|(_, c)| *c);

    let mut check = |pair: &'static str, attribute: &'static str, a: Rgb, b: Rgb, instead: &str| -> bool {
        let verdict = Verdict { pair, ratio: contrast(a, b), required: TEXT_RATIO };
        let passes = verdict.passes();
        if !passes {
            warnings.push(Warning {
                attribute,
                message: format!("{pair}: contrast {}:1, below 4.5:1; {instead}", one_decimal(verdict.ratio)),
            });
        }
        theme.verdicts.push(verdict);
        passes
    };

    let (mut background, mut text) =
        (given("--background").unwrap_or(scheme.background), given("--text").unwrap_or(scheme.text));
    if (given("--background").is_some() || given("--text").is_some())
        && !check(
            "--mc-text on --mc-background",
            "--mc-text",
            text,
            background,
            "the scheme's text and background are used",
        )
    {
        (background, text) = (scheme.background, scheme.text);
    }
    let accent = given("--accent").unwrap_or(scheme.accent);
    let accent_text = given("--accent-text").unwrap_or(scheme.accent_text);
    let clinic_accent = given("--accent").is_some() || given("--accent-text").is_some();
    // Both accent pairs are checked (and reported) even when the first fails.
    let accent_ok = clinic_accent && {
        let on_button =
            check("--mc-accent-text on --mc-accent", "--mc-accent", accent_text, accent, "a readable accent is used");
        let on_page =
            check("--mc-accent on the background", "--mc-accent", accent, background, "a readable accent is used");
        on_button && on_page
    };
    let (accent, accent_text) = if accent_ok {
        (accent, accent_text)
    } else if let Some(other) = [scheme, if dark { LIGHT } else { DARK }]
        .into_iter()
        .find(|p| contrast(p.accent, background) >= TEXT_RATIO && contrast(p.accent_text, p.accent) >= TEXT_RATIO)
    {
        // The scheme's accent, or, on a clinic background of the other kind, the other scheme's.
        (other.accent, other.accent_text)
    } else {
        // The scheme's accent does not read on the clinic's background: move it towards the
        // text until it does, and write on it in whichever of the background and the text
        // reads better.
        let accent = readable(scheme.accent, text, &[background], TEXT_RATIO);
        let on = if contrast(background, accent) >= contrast(text, accent) { background } else { text };
        (accent, on)
    };
    let base = Base { background, text, accent, accent_text };
    let (palette, derived) = palette(&base);
    theme.verdicts.push(Verdict {
        pair: "text on background",
        ratio: contrast(text, background),
        required: TEXT_RATIO,
    });
    theme.verdicts.push(Verdict {
        pair: "accent text on accent",
        ratio: contrast(accent_text, accent),
        required: TEXT_RATIO,
    });
    theme.verdicts.push(Verdict {
        pair: "accent on background",
        ratio: contrast(accent, background),
        required: TEXT_RATIO,
    });
    theme.verdicts.extend(derived);
    let mut properties: Vec<(&'static str, String)> = palette.into_iter().map(|(n, c)| (n, hex(c))).collect();
    properties.append(&mut theme.properties);
    theme.properties = properties;
    theme.dark = luminance(background) < 0.18;
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

    /// The theme check with the browser's resolver stood in for by `parse_colour` (hex and rgb()).
    fn theme(dark: bool, pairs: &[(&str, &str)]) -> (Theme, Vec<Warning>) {
        check_theme(dark, |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()), parse_colour)
    }

    fn colour(theme: &Theme, name: &str) -> Rgb {
        let value = theme.get(name).unwrap_or_else(|| panic!("{name} is not set"));
        let [r, g, b, _] = parse_colour(value).unwrap_or_else(|| panic!("{name}: {value}"));
        [r, g, b]
    }

    #[test]
    fn colours_parse_and_contrast_like_wcag() {
        assert_eq!(parse_colour("#fff"), Some([255, 255, 255, 255]));
        assert_eq!(parse_colour(" #1D5A8A "), Some([0x1d, 0x5a, 0x8a, 255]));
        assert_eq!(parse_colour("#1d5a8a80"), Some([0x1d, 0x5a, 0x8a, 0x80]));
        assert_eq!(parse_colour("rgb(10, 20, 30)"), Some([10, 20, 30, 255]));
        assert_eq!(parse_colour("tomato"), None);
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert_eq!(one_decimal(contrast([0, 0, 0], [255, 255, 255])), "21.0");
        assert_eq!(one_decimal(3.06), "3.1");
        assert_eq!(two_decimals(4.527), "4.53");
        assert_eq!(hex([0x1d, 0x5a, 0x8a]), "#1d5a8a");
    }

    #[test]
    fn pow_2_4_matches_powf_for_every_channel_value() {
        for v in 11..=255u8 {
            let x = (f64::from(v) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (pow_2_4(x), x.powf(2.4));
            assert!((ours - std).abs() <= 1e-12 * std, "channel {v}: {ours} against {std}");
        }
    }

    /// Every verdict of a theme passes, and the named pairs are really what the palette holds.
    fn assert_readable(theme: &Theme, what: &str) {
        let failing: Vec<String> = theme
            .verdicts
            .iter()
            .filter(|v| !v.passes() && !v.pair.starts_with("--mc-"))
            .map(|v| format!("{} {:.2} < {}", v.pair, v.ratio, v.required))
            .collect();
        assert!(failing.is_empty(), "{what}: {failing:?}");
        let bg = colour(theme, "--background");
        for name in ["--text", "--muted", "--accent", "--stop", "--check", "--mention", "--clear"] {
            assert!(contrast(colour(theme, name), bg) >= TEXT_RATIO, "{what}: {name} on the background");
        }
        for name in ["--stop-panel", "--check-panel", "--mention-panel", "--clear-panel", "--panel"] {
            assert!(contrast(colour(theme, "--text"), colour(theme, name)) >= TEXT_RATIO, "{what}: text on {name}");
        }
        assert!(contrast(colour(theme, "--border"), bg) >= NON_TEXT_RATIO, "{what}: border");
        assert!(contrast(colour(theme, "--accent-text"), colour(theme, "--accent")) >= TEXT_RATIO, "{what}: buttons");
    }

    #[test]
    fn both_built_in_palettes_are_readable_everywhere() {
        let (light, warnings) = theme(false, &[]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_readable(&light, "light");
        assert!(!light.dark);
        assert_eq!(light.get("--accent"), Some(hex(LIGHT.accent).as_str()));
        let (dark, warnings) = theme(true, &[]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_readable(&dark, "dark");
        assert!(dark.dark);
    }

    #[test]
    fn a_dark_clinic_theme_on_the_light_scheme_gets_a_dark_palette() {
        // The case: the result panel was light text on light pink, 1.01:1.
        let (t, warnings) = theme(false, &[("--mc-background", "#1c1c1c"), ("--mc-text", "#ececec")]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_readable(&t, "dark clinic theme");
        assert_eq!(t.get("--background"), Some("#1c1c1c"));
        assert!(t.dark);
        assert_ne!(
            t.get("--accent"),
            Some(hex(LIGHT.accent).as_str()),
            "the light scheme's accent does not read on #1c1c1c"
        );
    }

    #[test]
    fn many_clinic_colours_give_readable_palettes() {
        let mut checked = 0;
        for bg in [
            "#ffffff", "#fafaf5", "#f0f4ff", "#fff8e1", "#1c1c1c", "#000000", "#0b2239", "#2d2d2d", "#ffe4ec",
            "#e6f2e6",
        ] {
            for text in ["#000000", "#1f2933", "#333333", "#ffffff", "#ececec", "#f5f5dc"] {
                for accent in ["#1d5a8a", "#004d40", "#8b0000", "#ffb6c1", "#7fdbff", "#ffd700"] {
                    for dark in [false, true] {
                        let (t, _) =
                            theme(dark, &[("--mc-background", bg), ("--mc-text", text), ("--mc-accent", accent)]);
                        assert_readable(&t, &format!("{bg} {text} {accent} dark={dark}"));
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 720);
    }

    #[test]
    fn unreadable_accents_fall_back_with_a_warning_naming_the_pair() {
        let (t, warnings) = theme(false, &[("--mc-accent", "#ffb6c1")]);
        assert_eq!(t.get("--accent"), Some(hex(LIGHT.accent).as_str()));
        assert_eq!(warnings.len(), 2, "both pairs of the pale accent, at once: {warnings:?}");
        assert!(warnings[1].message.contains("--mc-accent on the background"), "{warnings:?}");
        assert_eq!(warnings[0].attribute, "--mc-accent");
        assert!(
            warnings[0].message.contains("--mc-accent-text on --mc-accent: contrast 1.7:1"),
            "{}",
            warnings[0].message
        );
        let (t, warnings) = theme(false, &[("--mc-text", "#cccccc")]);
        assert_eq!(t.get("--text"), Some("#1f2933"));
        assert_eq!(warnings[0].attribute, "--mc-text");
        let (t, warnings) = theme(false, &[("--mc-accent", "#004d40"), ("--mc-background", "#fafafa")]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(t.get("--accent"), Some("#004d40"));
        assert_eq!(t.get("--background"), Some("#fafafa"));
    }

    #[test]
    fn colour_properties_take_opaque_colours_only() {
        for good in [
            "#1d5a8a",
            "#ABC",
            "rgb(1 2 3 / 50%)",
            "hsl(210deg 60% 30%)",
            "oklch(0.5 0.1 250)",
            "navy",
            "color-mix(in srgb, red 40%, navy)",
        ] {
            assert_eq!(colour_syntax(good), Ok(()), "{good}");
        }
        for bad in [
            "url(/x.png)",
            "URL( /x.png )",
            "image-set(\"/x.png\" 1x)",
            "var(--other)",
            "env(safe-area-inset-top)",
            "attr(data-x)",
            "linear-gradient(red, blue)",
            "red;background:url(x)",
            "red}",
            "(1)",
            "currentColor",
            "inherit",
            "transparent",
            "",
            &"a".repeat(201),
        ] {
            assert!(colour_syntax(bad).is_err(), "{bad} should be refused");
        }
        for (name, value) in [
            ("--mc-background", "url(/x.png)"),
            ("--mc-accent", "image-set(\"/x.png\" 1x)"),
            ("--mc-text", "var(--x)"),
            ("--mc-accent-text", "url(x)"),
            ("--mc-accent", "#1d5a8a80"),
            ("--mc-background", "tomato"),
        ] {
            let (t, warnings) = theme(false, &[(name, value)]);
            assert_eq!(t, theme(false, &[]).0, "{name}: {value} changes nothing");
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert_eq!(warnings[0].attribute, name);
            assert!(warnings[0].message.contains("refused"), "{warnings:?}");
        }
        let (_, warnings) = theme(false, &[("--mc-accent", "#1d5a8a80")]);
        assert!(warnings[0].message.contains("translucent"), "{warnings:?}");
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
        let (t, warnings) = theme(false, &[("--mc-radius", "url(x)"), ("--mc-font", "Inter, url(x)")]);
        assert_eq!(t.get("--radius"), None);
        let named: Vec<&str> = warnings.iter().map(|w| w.attribute).collect();
        assert_eq!(named, ["--mc-radius", "--mc-font"]);
        let (t, warnings) = theme(false, &[("--mc-radius", "8px"), ("--mc-font", "Georgia, serif")]);
        assert!(warnings.is_empty());
        assert_eq!((t.get("--radius"), t.get("--font")), (Some("8px"), Some("Georgia, serif")));
    }

    #[test]
    fn the_report_lists_every_pair_as_json() {
        let (t, _) = theme(false, &[("--mc-accent", "#ffb6c1")]);
        let report = t.report();
        assert!(report.starts_with("[{\"pair\":\"--mc-accent-text on --mc-accent\",\"ratio\":1.65"), "{report}");
        assert!(
            report.contains("\"passes\":false") && report.contains("\"pair\":\"border on background\""),
            "{report}"
        );
        assert_eq!(report.matches("{\"pair\"").count(), t.verdicts.len());
    }

    #[test]
    fn the_stylesheet_paints_only_palette_colours() {
        // Outside the print rules (which print black on white), the stylesheet names no colour of
        // its own, and every custom property it reads is one the theme sets.
        let css = include_str!("../styles/widget.css");
        let screen = css.split("@media print").next().unwrap_or(css);
        let (t, _) = theme(false, &[]);
        let code: Vec<&str> =
            screen.lines().filter(|l| !l.trim_start().starts_with('*') && !l.trim_start().starts_with("/*")).collect();
        for line in &code {
            let hex_colour =
                line.match_indices('#').any(|(i, _)| line[i + 1..].starts_with(|c: char| c.is_ascii_hexdigit()));
            assert!(
                !hex_colour && !line.contains("rgb(") && !line.contains(": white") && !line.contains(": black"),
                "a literal colour: {line}"
            );
            for (i, _) in line.match_indices("var(--") {
                let name = &line[i + 4..];
                let name = &name[..name.find([')', ',']).unwrap_or(name.len())];
                assert!(
                    t.get(name).is_some() || name == "--radius" || name == "--font",
                    "the stylesheet reads {name}, which the theme does not set"
                );
            }
        }
        assert!(code.len() > 300, "read the stylesheet");
    }
}
