//! Helpers shared by the vector tests (`rfc_vectors.rs`, `wycheproof.rs`).
//!
//! Everything here works the same natively and on `wasm32-unknown-unknown` (no file system, no
//! clock from `std`): vector files are `include_str!`ed by the tests, output goes to the console
//! through wasm-bindgen-test on wasm.
#![allow(dead_code, unused_macros)]

use jwtlens::internals::json::{self, Value};

/// `println!` natively; `console.log` under wasm-bindgen-test (std's stdout is a no-op there).
/// Natively the output shows with `-- --nocapture`, or for a failing test; under
/// wasm-bindgen-test likewise (`-- --nocapture`, or the failing test's "log output").
macro_rules! say {
    ($($t:tt)*) => {{
        #[cfg(target_arch = "wasm32")]
        wasm_bindgen_test::console_log!($($t)*);
        #[cfg(not(target_arch = "wasm32"))]
        println!($($t)*);
    }};
}

/// Milliseconds from an arbitrary origin, for timings in the report lines.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}

/// Parses a vector file (with jwtlens's own strict parser; a file it cannot read fails loudly).
pub fn load(name: &str, text: &str) -> Value {
    match json::parse(text) {
        Ok(v) => v,
        Err(e) => panic!("tests/vectors/{name}: not valid JSON for jwtlens::json: {e}"),
    }
}

/// A required string member.
pub fn str_of<'a>(v: &'a Value, name: &str, ctx: &str) -> &'a str {
    v.get(name)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{ctx}: missing string \"{name}\""))
}

/// A required array member.
pub fn arr_of<'a>(v: &'a Value, name: &str, ctx: &str) -> &'a [Value] {
    v.get(name)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("{ctx}: missing array \"{name}\""))
}

/// An optional non-negative integer member.
pub fn u64_of(v: &Value, name: &str, ctx: &str) -> Option<u64> {
    v.get(name).map(|n| {
        let f = n
            .as_f64()
            .unwrap_or_else(|| panic!("{ctx}: \"{name}\" is not a number"));
        assert!(
            f >= 0.0 && f.fract() == 0.0 && f < 9.0e15,
            "{ctx}: \"{name}\" is not a u64"
        );
        f as u64
    })
}

/// An array of strings.
pub fn strings(v: &[Value], ctx: &str) -> Vec<String> {
    v.iter()
        .map(|s| {
            s.as_str()
                .unwrap_or_else(|| panic!("{ctx}: expected strings"))
                .to_owned()
        })
        .collect()
}

/// Strict unpadded base64url decoding, written here so the vectors do not depend on the
/// decoder under test.
pub fn b64url_decode(s: &str) -> Vec<u8> {
    fn val(c: u8) -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'-' => 62,
            b'_' => 63,
            _ => panic!("not base64url: {c:?}"),
        }
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in s.as_bytes() {
        acc = (acc << 6) | val(c);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    assert!(
        bits < 6 && acc == 0,
        "non-canonical base64url tail in {s:?}"
    );
    out
}

/// Unpadded base64url encoding.
pub fn b64url_encode(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Lower-case hex, for messages.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Collects mismatches so one run reports all of them, then fails once with the list.
#[derive(Default)]
pub struct Failures(pub Vec<String>);

impl Failures {
    pub fn push(&mut self, msg: String) {
        say!("MISMATCH {msg}");
        self.0.push(msg);
    }
    pub fn check(self, what: &str) {
        if !self.0.is_empty() {
            let n = self.0.len();
            let shown: Vec<&str> = self.0.iter().take(50).map(String::as_str).collect();
            panic!("{what}: {n} mismatch(es):\n  {}", shown.join("\n  "));
        }
    }
}

/// Resolves on the next macrotask (`setTimeout(0)`), natively a no-op.
///
/// wasm-bindgen-test runs the whole suite inside one future: synchronous tests never give the
/// event loop back. In a browser's main thread that blocks ChromeDriver's polling of the page,
/// which gives up after 30 s ("Timed out receiving message from renderer"). Long suites are
/// therefore async tests that await this between vector sets.
#[cfg(target_arch = "wasm32")]
pub fn next_macrotask() -> impl std::future::Future<Output = ()> {
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::task::{Poll, Waker};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let state: Rc<RefCell<(bool, Option<Waker>)>> = Rc::new(RefCell::new((false, None)));
    let fired = Rc::clone(&state);
    let callback = Closure::once(move || {
        let mut s = fired.borrow_mut();
        s.0 = true;
        if let Some(w) = s.1.take() {
            w.wake();
        }
    });
    let set_timeout: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("setTimeout"))
            .expect("globalThis.setTimeout")
            .unchecked_into();
    set_timeout
        .call2(
            &JsValue::NULL,
            callback.as_ref().unchecked_ref(),
            &JsValue::from(0),
        )
        .expect("setTimeout(cb, 0)");
    std::future::poll_fn(move |cx| {
        let _keep_alive = &callback;
        let mut s = state.borrow_mut();
        if s.0 {
            Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })
}

/// One unit of a long suite (a Wycheproof set): runs, records mismatches.
pub type Step = Box<dyn FnOnce(&mut Failures)>;

/// Defines a test that runs `steps` in order and fails once at the end with every mismatch:
/// a plain `#[test]` natively; on wasm an async wasm-bindgen test that yields to the event loop
/// (see [`next_macrotask`]) before each step.
macro_rules! stepped_test {
    ($(#[$doc:meta])* $name:ident, $label:expr, $steps:expr) => {
        $(#[$doc])*
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn $name() {
            let steps: Vec<common::Step> = $steps;
            let mut failures = common::Failures::default();
            for step in steps {
                step(&mut failures);
            }
            failures.check($label);
        }

        $(#[$doc])*
        #[cfg(target_arch = "wasm32")]
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn $name() {
            let steps: Vec<common::Step> = $steps;
            let mut failures = common::Failures::default();
            for step in steps {
                common::next_macrotask().await;
                step(&mut failures);
            }
            failures.check($label);
        }
    };
}

/// A validation whose allow-list holds `names`, split as the core's option protocol splits it:
/// the algorithms jwtlens implements, and the other names apart.
#[allow(dead_code)]
pub fn allow(names: &[&str]) -> jwtlens::Validation {
    let mut v = jwtlens::Validation::new(&[]);
    for n in names {
        match jwtlens::Algorithm::from_name(n) {
            Some(a) => v.algorithms.push(a),
            None => v.other_algorithms.push((*n).to_owned()),
        }
    }
    v
}

/// `key.bind_alg` for an algorithm name, as the JS boundary binds one: the name is parsed
/// first (the `none` rule, unknown names).
#[allow(dead_code)]
pub fn bind_named(key: jwtlens::Key, name: &str) -> Result<jwtlens::Key, jwtlens::Error> {
    jwtlens::Algorithm::parse(name).and_then(|a| key.bind_alg(a))
}

/// HMAC-SHA-256 straight from RustCrypto, to make HS256 tokens without jwtlens's signing (which
/// the verify-only build leaves out).
#[allow(dead_code)]
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}
