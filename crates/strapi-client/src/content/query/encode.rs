//! The `qs` wire format: a small tree of keys and values written as
//! `qs.stringify(tree, { encodeValuesOnly: true })` writes it.

/// A JavaScript value as `qs` sees it: a scalar already turned into its string, an array, or an
/// object whose keys keep their insertion order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Leaf(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// Whether `qs` writes nothing for it: empty arrays and objects vanish, however deep.
    pub(crate) fn is_silent(&self) -> bool {
        match self {
            Node::Leaf(_) => false,
            Node::List(items) => items.iter().all(Node::is_silent),
            Node::Map(entries) => entries.iter().all(|(_, node)| node.is_silent()),
        }
    }
}

/// An object under construction, with JavaScript's assignment rule: setting a key that is
/// already there replaces its value where it stands.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder(Vec<(String, Node)>);

impl MapBuilder {
    pub(crate) fn set(&mut self, key: String, node: Node) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = node,
            None => self.0.push((key, node)),
        }
    }

    pub(crate) fn finish(self) -> Node {
        Node::Map(self.0)
    }
}

/// Writes a top-level object: `a[b][0]=v&…`. Keys are written as they are (the caller encodes
/// the names it was given, see [`encode_key`]); values are percent-encoded.
pub(crate) fn stringify(root: &[(String, Node)]) -> String {
    let mut out = String::new();
    for (key, node) in root {
        write(&mut out, key, node);
    }
    out
}

fn write(out: &mut String, prefix: &str, node: &Node) {
    match node {
        Node::Leaf(value) => {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(prefix);
            out.push('=');
            encode_into(out, value);
        }
        // An array's index is its position, even where an earlier element wrote nothing.
        Node::List(items) => {
            for (i, item) in items.iter().enumerate() {
                write(out, &format!("{prefix}[{i}]"), item);
            }
        }
        Node::Map(entries) => {
            for (key, item) in entries {
                write(out, &format!("{prefix}[{key}]"), item);
            }
        }
    }
}

/// RFC 3986 percent-encoding of UTF-8, as `qs` does by default: only `A-Z a-z 0-9 - . _ ~` stay.
fn encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xF)] as char);
        }
    }
}

/// A name given by the caller (an attribute, a relation, a component), as a key.
///
/// `qs` with `encodeValuesOnly` writes keys raw; Strapi's attribute names (letters, digits, `_`,
/// `-`) come out the same either way, and encoding keeps a name that is not one (`a&b=c`) from
/// adding parameters of its own to the URL. Strapi's `qs.parse` decodes keys before reading them.
pub(crate) fn encode_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    encode_into(&mut out, name);
    out
}

/// A number as JavaScript's `String(number)` writes it (ECMAScript's Number::toString): the
/// shortest digits that read back as the same double, in plain notation from 1e-6 up to 1e21
/// and in exponent notation (`1e+21`, `1.5e-7`) beyond.
///
/// In the browser JavaScript itself writes it: Rust's float formatting (Grisu with its Dragon
/// fallback) would cost the bundle several KB for what the engine already does.
#[cfg(target_arch = "wasm32")]
pub(crate) fn js_number(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// The same, written in Rust for native builds (and checked there against `qs`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn js_number(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if x == 0.0 {
        // Both zeros: String(-0) is "0".
        return "0".into();
    }
    // The shortest digits that read back as `x`, and of those the closest to it, as ECMAScript
    // asks: serde_json's. (Rust's `{:e}` is shortest too, but where two such digit strings exist
    // it may take the other one: 173585112365726.63 where JavaScript writes …62; the oracle found
    // it.) Read as 0.digits × 10^n.
    let text = serde_json::to_string(&x.abs()).unwrap_or_default();
    let (mantissa, exp) = text
        .split_once(['e', 'E'])
        .map_or((text.as_str(), 0), |(m, e)| {
            (m, e.parse::<i64>().unwrap_or(0))
        });
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0').to_owned();
    let k = digits.len() as i64;
    let n = int.len() as i64 - lead as i64 + exp;
    let mut s = String::new();
    if x < 0.0 {
        s.push('-');
    }
    if k <= n && n <= 21 {
        s.push_str(&digits);
        s.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        s.push_str(&digits[..n as usize]);
        s.push('.');
        s.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        s.push_str("0.");
        s.extend(std::iter::repeat_n('0', (-n) as usize));
        s.push_str(&digits);
    } else {
        s.push_str(&digits[..1]);
        if k > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        let e = n - 1;
        s.push('e');
        s.push(if e < 0 { '-' } else { '+' });
        s.push_str(&e.abs().to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    // In the browser too (`wasm-pack test`), where JavaScript writes the numbers: both ways must
    // agree with these.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn numbers_read_as_javascript_writes_them() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1"),
            (-1.5, "-1.5"),
            (0.1, "0.1"),
            (-0.0, "0"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (0.000123, "0.000123"),
            (123.456, "123.456"),
            (2f64.powi(53), "9007199254740992"),
            // Two shortest digit strings read back as this double: JavaScript takes the closer.
            (173585112365726.62, "173585112365726.62"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (x, expected) in cases {
            assert_eq!(js_number(*x), *expected, "{x:e}");
        }
    }

    #[test]
    fn values_are_rfc3986_encoded_utf8() {
        let mut out = String::new();
        encode_into(&mut out, "&=[]%+ #?é😀/:*!()'~._-aZ9");
        assert_eq!(
            out,
            "%26%3D%5B%5D%25%2B%20%23%3F%C3%A9%F0%9F%98%80%2F%3A%2A%21%28%29%27~._-aZ9"
        );
    }

    #[test]
    fn empty_arrays_and_objects_write_nothing_but_keep_indices() {
        let tree = vec![(
            "x".to_string(),
            Node::List(vec![
                Node::Map(vec![]),
                Node::Map(vec![("a".into(), Node::Leaf("1".into()))]),
                Node::List(vec![]),
            ]),
        )];
        assert_eq!(stringify(&tree), "x[1][a]=1");
        assert!(Node::List(vec![Node::Map(vec![])]).is_silent());
    }
}
