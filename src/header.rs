//! The protected header's rules that `verify` and `getKey` share: `alg` (present, a string, never
//! `none`, in the allow-list), `kid` (a string), and `crit` (RFC 7515 §4.1.11).

use crate::algorithm::{self, Algorithm};
use crate::error::Error;
use crate::json::Value;
use crate::validate::Validation;
use std::collections::BTreeSet;

/// Header parameters registered by RFC 7515 and RFC 7516: never allowed in `crit`.
const REGISTERED_HEADERS: [&str; 20] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// Most names a `crit` header may list. RFC 7515 §4.1.11 sets no limit; real headers list one
/// or two (`b64`, `http://openbanking.org.uk/iat`, ...). A cap keeps the check cheap before the
/// signature is verified.
pub const MAX_CRIT_NAMES: usize = 32;

pub(crate) fn check_crit(header: &Value, understood: &[String]) -> Result<(), Error> {
    let Some(crit) = header.get("crit") else {
        return Ok(());
    };
    let names = crit
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| Error::JwsInvalid("\"crit\" must be a non-empty array of strings".into()))?;
    if names.len() > MAX_CRIT_NAMES {
        return Err(Error::JwsInvalid(format!(
            "\"crit\" lists {} names, more than the limit of {MAX_CRIT_NAMES}",
            names.len()
        )));
    }
    // The header's member names, indexed once. Inserted one by one: collect() into a BTreeSet
    // sorts first, which brings a stable sort and the bulk-build code into the wasm (issue 19).
    let mut present = BTreeSet::new();
    for (name, _) in header.as_object().unwrap_or(&[]) {
        present.insert(name.as_str());
    }
    let mut listed = BTreeSet::new();
    for n in names {
        let name = n.as_str().filter(|name| !name.is_empty()).ok_or_else(|| {
            Error::JwsInvalid("\"crit\" must contain only non-empty strings".into())
        })?;
        let quoted = crate::text::quoted(name);
        if !listed.insert(name) {
            return Err(Error::JwsInvalid(format!(
                "\"crit\" lists \"{quoted}\" more than once"
            )));
        }
        if REGISTERED_HEADERS.contains(&name) || name == "b64" {
            return Err(Error::JwsInvalid(format!(
                "\"crit\" must not list the registered header \"{quoted}\""
            )));
        }
        if !present.contains(name) {
            return Err(Error::JwsInvalid(format!(
                "\"crit\" lists \"{quoted}\", which is not in the header"
            )));
        }
        if !understood.iter().any(|u| u == name) {
            return Err(Error::JwsInvalid(format!(
                "extension header \"{quoted}\" is marked critical but not understood"
            )));
        }
    }
    Ok(())
}

/// The header's `alg` as a name: present, a non-empty string, and never `none` (any case).
pub(crate) fn alg_name(header: &Value) -> Result<&str, Error> {
    let name = match header.get("alg") {
        // an empty alg is as good as none given: "missing or invalid", as jose says
        Some(Value::String(s)) if !s.is_empty() => s.as_str(),
        Some(Value::String(_)) => return Err(Error::JwsInvalid("\"alg\" header is empty".into())),
        Some(_) => return Err(Error::JwsInvalid("\"alg\" header must be a string".into())),
        None => return Err(Error::JwsInvalid("\"alg\" header is missing".into())),
    };
    if algorithm::is_none(name) {
        return Err(Error::AlgNotAllowed(format!(
            "alg \"{name}\" (an unsecured JWS) is never allowed"
        )));
    }
    Ok(name)
}

/// The header's `kid`, which must be a string when present.
pub(crate) fn kid(header: &Value) -> Result<Option<&str>, Error> {
    match header.get("kid") {
        None => Ok(None),
        Some(Value::String(k)) => Ok(Some(k.as_str())),
        Some(_) => Err(Error::JwsInvalid("\"kid\" header must be a string".into())),
    }
}

/// The header's algorithm, after the allow-list.
pub(crate) fn allowed_alg(header: &Value, v: &Validation) -> Result<Algorithm, Error> {
    let name = alg_name(header)?;
    match Algorithm::from_name(name) {
        Some(alg) if v.algorithms.contains(&alg) => {
            alg.check_built()?;
            Ok(alg)
        }
        None if v.other_algorithms.iter().any(|o| o == name) => Err(Error::NotSupported(format!(
            "alg \"{name}\" is not supported"
        ))),
        _ => {
            let allowed: Vec<&str> = v
                .algorithms
                .iter()
                .map(|a| a.name())
                .chain(v.other_algorithms.iter().map(String::as_str))
                .collect();
            Err(Error::AlgNotAllowed(format!(
                "alg \"{name}\" is not in the allowed algorithms [{}]",
                allowed.join(", ")
            )))
        }
    }
}
