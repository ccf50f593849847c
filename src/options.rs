//! The option protocol between the JS layer and the core: JS normalises the caller's options
//! object (durations to seconds), sends it as JSON text, and this module reads it into the typed
//! values the core takes. Member names are the JS API's (`docs/API.md`). The verifying options are
//! read once per distinct options object (a prepared verifier, or the JS layer's options handle)
//! and the time comes with each token; `sign` reads its options and `now` per call.

use crate::algorithm::Algorithm;
use crate::error::Error;
use crate::json::{self, Value};
#[cfg(feature = "sign")]
use crate::sign::{IssuedAt, SignOptions};
use crate::validate::Validation;

fn usage(m: &str) -> Error {
    Error::Usage(format!("options.{m}"))
}

/// Typed access to the members of one options object.
struct Members(Value);

impl Members {
    fn parse(text: &str) -> Result<Members, Error> {
        json::parse(text)
            .map(Members)
            .map_err(|e| Error::Usage(format!("options: {e}")))
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    fn strings(&self, name: &str) -> Result<Vec<String>, Error> {
        match self.get(name) {
            None => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| x.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| usage(&format!("{name} must be an array of strings"))),
            Some(_) => Err(usage(&format!("{name} must be an array of strings"))),
        }
    }

    fn string(&self, name: &str) -> Result<Option<String>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(usage(&format!("{name} must be a string"))),
        }
    }

    /// A finite number, optionally also non-negative.
    fn number(&self, name: &str, non_negative: bool) -> Result<Option<f64>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Number(n))
                if n.as_f64().is_finite() && (!non_negative || n.as_f64() >= 0.0) =>
            {
                Ok(Some(n.as_f64()))
            }
            Some(_) if non_negative => Err(usage(&format!("{name} must be a non-negative number"))),
            Some(_) => Err(usage(&format!("{name} must be a finite number"))),
        }
    }

    fn boolean(&self, name: &str) -> Result<bool, Error> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(usage(&format!("{name} must be a boolean"))),
        }
    }

    /// `now`, seconds since the epoch: the JS layer always sends it to `sign`.
    #[cfg(feature = "sign")]
    fn now(&self) -> Result<u64, Error> {
        let now = self
            .number("now", true)?
            .ok_or_else(|| usage("now is required"))?;
        Ok(now as u64)
    }
}

/// Reads the options of `verify` / `verifyJws`: `{"algorithms", "issuer", "audience",
/// "subject", "typ", "clockTolerance", "maxTokenAge", "requiredClaims", "crit",
/// "maxTokenBytes", "allowShortSecrets"}` (`issuer` and `audience` as arrays, durations in
/// seconds; `requiredClaims` absent means the default `["exp"]`). The time is not an option
/// here: it is passed with each token.
///
/// # Errors
/// [`Error::Usage`] when a member has the wrong type or `algorithms` is empty.
pub fn validation(text: &str) -> Result<Validation, Error> {
    let m = Members::parse(text)?;
    let names = m.strings("algorithms")?;
    if names.is_empty() {
        return Err(usage("algorithms must be a non-empty array of strings"));
    }
    let mut val = Validation::new(&[]);
    for name in names {
        match Algorithm::from_name(&name) {
            Some(a) => val.algorithms.push(a),
            None => val.other_algorithms.push(name),
        }
    }
    val.issuer = m.strings("issuer")?;
    val.audience = m.strings("audience")?;
    val.subject = m.string("subject")?;
    val.typ = m.string("typ")?;
    val.clock_tolerance = m.number("clockTolerance", true)?.unwrap_or(0.0);
    val.max_token_age = m.number("maxTokenAge", true)?;
    if m.0.get("requiredClaims").is_some() {
        val.required_claims = m.strings("requiredClaims")?;
    }
    val.crit = m.strings("crit")?;
    if let Some(max) = m.number("maxTokenBytes", true)? {
        val.max_token_bytes = max as usize;
    }
    val.allow_short_secrets = m.boolean("allowShortSecrets")?;
    Ok(val)
}

/// Reads the options of `sign`: `{"alg", "header", "expiresIn", "notBefore", "issuedAt",
/// "allowShortSecrets", "now"}` (durations already in seconds). Returns the options and `now`.
///
/// # Errors
/// [`Error::Usage`] when a member has the wrong type or `alg` is `none`;
/// `ERR_JOSE_NOT_SUPPORTED` for an algorithm jwtlens does not implement.
#[cfg(feature = "sign")]
pub fn sign_options(text: &str) -> Result<(SignOptions, u64), Error> {
    let m = Members::parse(text)?;
    let name = m
        .string("alg")
        .ok()
        .flatten()
        .ok_or_else(|| usage("alg must be a string"))?;
    if crate::algorithm::is_none(&name) {
        return Err(Error::Usage(
            "alg \"none\" cannot be used to sign: the token would be unsecured".into(),
        ));
    }
    let alg = Algorithm::parse(&name)?;
    let header = match m.get("header") {
        None => Vec::new(),
        Some(Value::Object(members)) => members.clone(),
        Some(_) => return Err(usage("header must be an object")),
    };
    let issued_at = match m.get("issuedAt") {
        None => IssuedAt::Default,
        Some(Value::Bool(true)) => IssuedAt::Now,
        Some(Value::Bool(false)) => IssuedAt::No,
        Some(Value::Number(n)) if n.as_f64().is_finite() => IssuedAt::At(n.as_f64()),
        Some(_) => return Err(usage("issuedAt must be a boolean or a number")),
    };
    let options = SignOptions {
        alg,
        header,
        expires_in: m.number("expiresIn", false)?,
        not_before: m.number("notBefore", false)?,
        issued_at,
        allow_short_secrets: matches!(m.get("allowShortSecrets"), Some(Value::Bool(true))),
    };
    Ok((options, m.now()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_members() {
        let v = validation(
            r#"{"algorithms":["RS256"],"issuer":["i"],"audience":null,"subject":null,"typ":null,"clockTolerance":5,"maxTokenAge":null,"requiredClaims":[],"crit":["x"],"maxTokenBytes":1000,"allowShortSecrets":true}"#,
        )
        .unwrap();
        assert_eq!(v.algorithms, vec![Algorithm::RS256]);
        assert_eq!(v.issuer, vec!["i"]);
        assert!(v.required_claims.is_empty());
        assert_eq!(v.max_token_bytes, 1000);
        assert!(v.allow_short_secrets);
        assert_eq!(
            validation(r#"{"algorithms":[]}"#).unwrap_err().code(),
            "TypeError"
        );
        let d = validation(r#"{"algorithms":["HS256"]}"#).unwrap();
        assert_eq!(d.required_claims, vec!["exp"]);
    }

    /// Names jwtlens does not implement stay in the allow-list, apart, so that a token using
    /// one is "not supported" rather than "not allowed".
    #[test]
    fn unknown_algorithm_names_are_kept_apart() {
        let v = validation(r#"{"algorithms":["ES256K","HS256","none"]}"#).unwrap();
        assert_eq!(v.algorithms, vec![Algorithm::HS256]);
        assert_eq!(v.other_algorithms, vec!["ES256K", "none"]);
    }

    #[test]
    fn wrong_types_are_usage_errors() {
        for bad in [
            r#"{"algorithms":"HS256","now":1}"#,
            r#"{"algorithms":["HS256",1],"now":1}"#,
            r#"{"algorithms":["HS256"],"issuer":"i","now":1}"#,
            r#"{"algorithms":["HS256"],"subject":5,"now":1}"#,
            r#"{"algorithms":["HS256"],"clockTolerance":-1,"now":1}"#,
            r#"{"algorithms":["HS256"],"allowShortSecrets":"yes","now":1}"#,
            "[1]",
            "{",
        ] {
            assert_eq!(validation(bad).unwrap_err().code(), "TypeError", "{bad}");
        }
    }

    #[test]
    #[cfg(feature = "sign")]
    fn sign_options_members() {
        let (o, now) = sign_options(
            r#"{"alg":"HS384","header":{"kid":"k"},"expiresIn":60,"notBefore":-5,"issuedAt":false,"allowShortSecrets":true,"now":100}"#,
        )
        .unwrap();
        assert_eq!(now, 100);
        assert_eq!(o.alg, Algorithm::HS384);
        assert_eq!(o.header.len(), 1);
        assert_eq!((o.expires_in, o.not_before), (Some(60.0), Some(-5.0)));
        assert_eq!(o.issued_at, IssuedAt::No);
        assert!(o.allow_short_secrets);
        let (o, _) = sign_options(r#"{"alg":"HS256","issuedAt":7,"now":1}"#).unwrap();
        assert_eq!(o.issued_at, IssuedAt::At(7.0));
        let code = |t: &str| sign_options(t).err().map(|e| e.code());
        assert_eq!(code(r#"{"alg":"none","now":1}"#), Some("TypeError"));
        assert_eq!(code(r#"{"alg":"NONE","now":1}"#), Some("TypeError"));
        assert_eq!(
            code(r#"{"alg":"XS256","now":1}"#),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        assert_eq!(code(r#"{"alg":5,"now":1}"#), Some("TypeError"));
        assert_eq!(code(r#"{"alg":"HS256"}"#), Some("TypeError"));
        assert_eq!(
            code(r#"{"alg":"HS256","header":[],"now":1}"#),
            Some("TypeError")
        );
        assert_eq!(
            code(r#"{"alg":"HS256","issuedAt":"x","now":1}"#),
            Some("TypeError")
        );
    }
}
