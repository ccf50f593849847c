//! Tests of the parser through the public API: grammar, limits, duplicate members, surrogates,
//! error positions, and the parse, `Value`, `to_json` round trip. The `Number` and escaping
//! tests sit beside their code in `value.rs` and `write.rs`.

use super::*;

fn kind(text: &str) -> ParseErrorKind {
    parse(text).unwrap_err().kind
}

#[test]
fn parses_objects_in_order() {
    let v = parse(r#" {"b":1, "a":[true,false,null,"x\n\u00e9\ud83d\ude00"], "c":{"d":-0.5e+3}} "#)
        .unwrap();
    let m = v.as_object().unwrap();
    assert_eq!(m[0].0, "b");
    assert_eq!(m[1].0, "a");
    assert_eq!(
        v.get("a").unwrap().as_array().unwrap()[3].as_str(),
        Some("x\né😀")
    );
    assert_eq!(v.get("c").unwrap().get("d").unwrap().as_f64(), Some(-500.0));
    assert_eq!(
        v.to_json(),
        r#"{"b":1,"a":[true,false,null,"x\né😀"],"c":{"d":-0.5e+3}}"#
    );
}

#[test]
fn rejects_duplicates_unless_reporting() {
    assert_eq!(
        kind(r#"{"alg":"HS256","alg":"none"}"#),
        ParseErrorKind::DuplicateMember("alg".into())
    );
    // the same name after unescaping is the same name
    assert_eq!(
        kind(r#"{"alg":1,"\u0061lg":2}"#),
        ParseErrorKind::DuplicateMember("alg".into())
    );
    let p = parse_bytes(br#"{"a":1,"a":2}"#, Duplicates::Report).unwrap();
    assert_eq!(p.duplicates, vec!["a".to_owned()]);
    assert_eq!(p.value.to_json(), r#"{"a":2}"#);
    // same name in different objects is fine
    assert!(parse(r#"{"a":{"a":1},"b":{"a":2}}"#).is_ok());
}

#[test]
fn depth_is_bounded() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(kind(&deep), ParseErrorKind::TooDeep);
    let very_deep = "[".repeat(1_000_000);
    assert_eq!(kind(&very_deep), ParseErrorKind::TooDeep);
    let obj = format!(
        "{}1{}",
        r#"{"a":"#.repeat(MAX_DEPTH + 1),
        "}".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(kind(&obj), ParseErrorKind::TooDeep);
}

#[test]
fn strict_grammar() {
    for bad in [
        "",
        " ",
        "{",
        "}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "[1,]",
        "[01]",
        "[1.]",
        "[.5]",
        "[1e]",
        "[+1]",
        "[NaN]",
        "[Infinity]",
        "['a']",
        "{a:1}",
        "[\"\t\"]",
        "[\"\\x\"]",
        "[\"\\u12\"]",
        "tru",
        "nul",
        "{} {}",
        "\u{feff}{}",
        "[1 2]",
        "{\"a\" 1}",
        "[\"abc",
    ] {
        assert!(
            matches!(kind(bad), ParseErrorKind::Syntax(_)),
            "{bad:?} -> {:?}",
            parse(bad)
        );
    }
    for good in [
        "{}",
        "[]",
        "0",
        "-0",
        "1.5e-3",
        "1E+2",
        "\"\"",
        "true",
        " null ",
        "[\"\\/\"]",
    ] {
        assert!(parse(good).is_ok(), "{good:?}");
    }
}

#[test]
fn lone_surrogates_are_refused() {
    assert_eq!(kind(r#"["\ud800"]"#), ParseErrorKind::LoneSurrogate);
    assert_eq!(kind(r#"["\udc00"]"#), ParseErrorKind::LoneSurrogate);
    assert_eq!(kind(r#"["\ud800\u0041"]"#), ParseErrorKind::LoneSurrogate);
}

#[test]
fn not_utf8_and_positions() {
    let e = parse_bytes(b"{\"a\":\"\xff\"}", Duplicates::Reject).unwrap_err();
    assert_eq!(e.kind, ParseErrorKind::NotUtf8);
    assert_eq!(e.offset, 6);
    let e = parse("{\n  \"a\": x}").unwrap_err();
    assert_eq!((e.line, e.column), (2, 8));
    assert!(e.to_string().contains("line 2 column 8"), "{e}");
}
