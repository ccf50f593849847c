//! Labels and plain-words descriptions of registered and well-known claims, and their types.

use crate::json::Value;

/// `(name, label, description)` of every claim jwtlens explains. RFC 7519 §4.1 first, then
/// OpenID Connect Core §5.1 and §2, then OAuth and widely deployed provider claims.
pub(crate) const KNOWN_CLAIMS: &[(&str, &str, &str)] = &[
    ("iss", "Issuer", "Who created and signed this token, usually the URL of the authorization server."),
    ("sub", "Subject", "Who the token is about, usually a user or client ID unique within the issuer."),
    ("aud", "Audience", "Which recipients the token is meant for; a service must refuse tokens not addressed to it."),
    ("exp", "Expiration Time", "The moment after which the token must no longer be accepted."),
    ("nbf", "Not Before", "The moment before which the token must not be accepted."),
    ("iat", "Issued At", "When the token was created."),
    ("jti", "JWT ID", "A unique identifier for this token, used to detect replays and to revoke it."),
    ("auth_time", "Authentication Time", "When the user last actively authenticated (OpenID Connect)."),
    ("nonce", "Nonce", "A value from the client's login request, echoed to bind the ID token to that request (OpenID Connect)."),
    ("acr", "Authentication Context Class", "How strongly the user was authenticated, as a class reference (OpenID Connect)."),
    ("amr", "Authentication Methods", "The methods used to authenticate the user, such as pwd, otp or mfa (RFC 8176)."),
    ("azp", "Authorized Party", "The client the token was issued to (OpenID Connect)."),
    ("at_hash", "Access Token Hash", "Half of a hash of the access token issued alongside this ID token, binding the two."),
    ("c_hash", "Code Hash", "Half of a hash of the authorization code issued alongside this ID token, binding the two."),
    ("s_hash", "State Hash", "Half of a hash of the state value, binding this ID token to the request (FAPI)."),
    ("sid", "Session ID", "The login session at the identity provider, used for logout (OpenID Connect)."),
    ("name", "Full Name", "The user's full name for display."),
    ("given_name", "Given Name", "The user's first name."),
    ("family_name", "Family Name", "The user's last name."),
    ("middle_name", "Middle Name", "The user's middle name."),
    ("nickname", "Nickname", "A casual name for the user."),
    ("preferred_username", "Preferred Username", "The name the user likes to be called by; not guaranteed unique or stable."),
    ("profile", "Profile URL", "A link to the user's profile page."),
    ("picture", "Picture URL", "A link to the user's profile picture."),
    ("website", "Website", "The user's web page or blog."),
    ("email", "Email", "The user's email address; check email_verified before trusting it."),
    ("email_verified", "Email Verified", "Whether the provider has verified that the user controls the email address."),
    ("gender", "Gender", "The user's gender as given to the provider."),
    ("birthdate", "Birthdate", "The user's date of birth."),
    ("zoneinfo", "Time Zone", "The user's time zone, such as Europe/Paris."),
    ("locale", "Locale", "The user's language and region, such as en-US."),
    ("phone_number", "Phone Number", "The user's telephone number."),
    ("phone_number_verified", "Phone Number Verified", "Whether the provider has verified the phone number."),
    ("address", "Address", "The user's postal address."),
    ("updated_at", "Updated At", "When the user's profile information was last changed."),
    ("scope", "Scope", "The permissions granted to the token, as space-separated names (RFC 8693 / RFC 9068)."),
    ("scp", "Scopes", "The permissions granted to the token (the form used by Microsoft and Okta)."),
    ("client_id", "Client ID", "The OAuth client the token was issued to (RFC 8693 / RFC 9068)."),
    ("cnf", "Confirmation", "The key the token is bound to: only its holder may use the token (RFC 7800, DPoP, mTLS)."),
    ("act", "Actor", "Who is acting on behalf of the subject, in delegation (RFC 8693)."),
    ("may_act", "May Act", "Who is allowed to act on behalf of the subject (RFC 8693)."),
    ("roles", "Roles", "The roles granted to the subject."),
    ("groups", "Groups", "The groups the subject belongs to."),
    ("entitlements", "Entitlements", "The entitlements granted to the subject (RFC 9068)."),
    ("permissions", "Permissions", "The permissions granted to the subject (Auth0 RBAC)."),
    ("tid", "Tenant ID", "The directory tenant that issued the token (Microsoft Entra ID)."),
    ("oid", "Object ID", "The user's immutable identifier in the directory (Microsoft Entra ID)."),
    ("upn", "User Principal Name", "The user's sign-in name (Microsoft Entra ID)."),
    ("unique_name", "Unique Name", "A human-readable name of the user (Microsoft Entra ID v1)."),
    ("appid", "Application ID", "The client application that requested the token (Microsoft Entra ID v1)."),
    ("ver", "Version", "The token format version."),
    ("idp", "Identity Provider", "The identity provider that authenticated the user."),
    ("hd", "Hosted Domain", "The Google Workspace domain of the user."),
    ("realm_access", "Realm Roles", "The realm-level roles of the user (Keycloak)."),
    ("resource_access", "Client Roles", "The client-level roles of the user (Keycloak)."),
    ("session_state", "Session State", "The identity provider's session identifier (Keycloak)."),
    ("typ", "Token Type", "The kind of token, as stated inside the claims (Keycloak: Bearer, ID, Refresh)."),
    ("events", "Security Events", "The security events this Security Event Token reports (RFC 8417)."),
    ("txn", "Transaction ID", "An identifier that correlates this token with a transaction (RFC 8417)."),
    ("toe", "Time of Event", "When the reported event happened (RFC 8417)."),
    ("htm", "HTTP Method", "The HTTP method of the request this DPoP proof is for (RFC 9449)."),
    ("htu", "HTTP URI", "The URL of the request this DPoP proof is for (RFC 9449)."),
    ("ath", "Access Token Hash", "A hash of the access token presented with this DPoP proof (RFC 9449)."),
    ("firebase", "Firebase", "Firebase Authentication details: sign-in provider and identities."),
    ("user_id", "User ID", "The user's identifier (Firebase)."),
    ("role", "Role", "The role of the subject (Supabase, PostgREST)."),
];

/// Claims whose value is a NumericDate (seconds since the epoch).
pub(crate) const NUMERIC_DATE_CLAIMS: &[&str] =
    &["exp", "nbf", "iat", "auth_time", "updated_at", "toe"];

/// The JSON type a registered claim must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClaimType {
    /// A NumericDate: a number of seconds since the epoch.
    NumericDate,
    /// A string (StringOrURI included).
    String,
    /// `true` or `false`.
    Boolean,
    /// A JSON object.
    Object,
    /// A string or an array of strings.
    StringOrStringArray,
    /// A string, or an array of strings or (SCIM-style) objects.
    MultiValued,
    /// An array of strings or objects (`amr`: RFC 8176 strings, or the `{method, timestamp}`
    /// objects Supabase/GoTrue issue; a string alone is not an array).
    ArrayOfStringsOrObjects,
}

impl ClaimType {
    /// Whether `v` has this type.
    pub(crate) fn accepts(self, v: &Value) -> bool {
        let string = |v: &Value| matches!(v, Value::String(_));
        match self {
            // The number's range is checked by the caller.
            ClaimType::NumericDate => matches!(v, Value::Number(_)),
            ClaimType::String => string(v),
            ClaimType::Boolean => matches!(v, Value::Bool(_)),
            ClaimType::Object => matches!(v, Value::Object(_)),
            ClaimType::StringOrStringArray => {
                string(v) || matches!(v, Value::Array(items) if items.iter().all(string))
            }
            ClaimType::MultiValued => {
                string(v)
                    || matches!(v, Value::Array(items)
                        if items.iter().all(|i| matches!(i, Value::String(_) | Value::Object(_))))
            }
            ClaimType::ArrayOfStringsOrObjects => {
                matches!(v, Value::Array(items)
                    if items.iter().all(|i| matches!(i, Value::String(_) | Value::Object(_))))
            }
        }
    }

    /// What the claim must be, for messages.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            ClaimType::NumericDate => "a NumericDate (a number of seconds)",
            ClaimType::String => "a string",
            ClaimType::Boolean => "a boolean (true or false)",
            ClaimType::Object => "a JSON object",
            ClaimType::StringOrStringArray => "a string or an array of strings",
            ClaimType::MultiValued => "a string or an array of strings or objects",
            ClaimType::ArrayOfStringsOrObjects => "an array of strings or objects",
        }
    }
}

/// `(name, type, where it is defined)` of every known claim whose JSON type a specification
/// fixes. Claims of the table above without a rule are provider-specific (`scp` is a string at
/// Microsoft and an array at Okta) or left open by their specification (`typ`, `ver`).
pub(crate) const CLAIM_TYPES: &[(&str, ClaimType, &str)] = &[
    ("iss", ClaimType::String, "RFC 7519 §4.1.1"),
    ("sub", ClaimType::String, "RFC 7519 §4.1.2"),
    ("aud", ClaimType::StringOrStringArray, "RFC 7519 §4.1.3"),
    ("exp", ClaimType::NumericDate, "RFC 7519 §4.1.4"),
    ("nbf", ClaimType::NumericDate, "RFC 7519 §4.1.5"),
    ("iat", ClaimType::NumericDate, "RFC 7519 §4.1.6"),
    ("jti", ClaimType::String, "RFC 7519 §4.1.7"),
    (
        "auth_time",
        ClaimType::NumericDate,
        "OpenID Connect Core §2",
    ),
    ("nonce", ClaimType::String, "OpenID Connect Core §2"),
    ("acr", ClaimType::String, "OpenID Connect Core §2"),
    (
        "amr",
        ClaimType::ArrayOfStringsOrObjects,
        "OpenID Connect Core §2, RFC 8176",
    ),
    ("azp", ClaimType::String, "OpenID Connect Core §2"),
    ("at_hash", ClaimType::String, "OpenID Connect Core §3.1.3.6"),
    ("c_hash", ClaimType::String, "OpenID Connect Core §3.3.2.11"),
    ("s_hash", ClaimType::String, "FAPI 1.0 Advanced §5.1"),
    (
        "sid",
        ClaimType::String,
        "OpenID Connect Front-Channel Logout §3",
    ),
    ("name", ClaimType::String, "OpenID Connect Core §5.1"),
    ("given_name", ClaimType::String, "OpenID Connect Core §5.1"),
    ("family_name", ClaimType::String, "OpenID Connect Core §5.1"),
    ("middle_name", ClaimType::String, "OpenID Connect Core §5.1"),
    ("nickname", ClaimType::String, "OpenID Connect Core §5.1"),
    (
        "preferred_username",
        ClaimType::String,
        "OpenID Connect Core §5.1",
    ),
    ("profile", ClaimType::String, "OpenID Connect Core §5.1"),
    ("picture", ClaimType::String, "OpenID Connect Core §5.1"),
    ("website", ClaimType::String, "OpenID Connect Core §5.1"),
    ("email", ClaimType::String, "OpenID Connect Core §5.1"),
    (
        "email_verified",
        ClaimType::Boolean,
        "OpenID Connect Core §5.1",
    ),
    ("gender", ClaimType::String, "OpenID Connect Core §5.1"),
    ("birthdate", ClaimType::String, "OpenID Connect Core §5.1"),
    ("zoneinfo", ClaimType::String, "OpenID Connect Core §5.1"),
    ("locale", ClaimType::String, "OpenID Connect Core §5.1"),
    (
        "phone_number",
        ClaimType::String,
        "OpenID Connect Core §5.1",
    ),
    (
        "phone_number_verified",
        ClaimType::Boolean,
        "OpenID Connect Core §5.1",
    ),
    ("address", ClaimType::Object, "OpenID Connect Core §5.1.1"),
    (
        "updated_at",
        ClaimType::NumericDate,
        "OpenID Connect Core §5.1",
    ),
    ("scope", ClaimType::String, "RFC 8693 §4.2, RFC 9068 §2.2.3"),
    (
        "client_id",
        ClaimType::String,
        "RFC 8693 §4.3, RFC 9068 §2.2",
    ),
    ("cnf", ClaimType::Object, "RFC 7800 §3.1"),
    ("act", ClaimType::Object, "RFC 8693 §4.1"),
    ("may_act", ClaimType::Object, "RFC 8693 §4.4"),
    (
        "roles",
        ClaimType::MultiValued,
        "RFC 9068 §2.2.3.1, RFC 7643 §4.1.2",
    ),
    (
        "groups",
        ClaimType::MultiValued,
        "RFC 9068 §2.2.3.1, RFC 7643 §4.1.2",
    ),
    (
        "entitlements",
        ClaimType::MultiValued,
        "RFC 9068 §2.2.3.1, RFC 7643 §4.1.2",
    ),
    ("events", ClaimType::Object, "RFC 8417 §2.2"),
    ("txn", ClaimType::String, "RFC 8417 §2.2"),
    ("toe", ClaimType::NumericDate, "RFC 8417 §2.2"),
    ("htm", ClaimType::String, "RFC 9449 §4.2"),
    ("htu", ClaimType::String, "RFC 9449 §4.2"),
    ("ath", ClaimType::String, "RFC 9449 §4.2"),
];

/// The type rule of a claim, and where it is defined, if a specification fixes one.
pub(crate) fn type_rule(name: &str) -> Option<(ClaimType, &'static str)> {
    CLAIM_TYPES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, t, s)| (*t, *s))
}

/// The label and description of a claim, if jwtlens knows it.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    KNOWN_CLAIMS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, l, d)| (*l, *d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_claim_the_issue_names_is_explained() {
        for name in [
            "iss",
            "sub",
            "aud",
            "exp",
            "nbf",
            "iat",
            "jti",
            "auth_time",
            "nonce",
            "acr",
            "amr",
            "azp",
            "at_hash",
            "c_hash",
            "sid",
            "scope",
            "scp",
            "client_id",
            "cnf",
            "roles",
            "groups",
            "email",
            "email_verified",
            "name",
            "preferred_username",
            "tid",
            "oid",
            "upn",
        ] {
            let (label, desc) = lookup(name).unwrap_or_else(|| panic!("{name} missing"));
            assert!(!label.is_empty() && desc.ends_with('.'), "{name}");
        }
        assert_eq!(lookup("exp").map(|x| x.0), Some("Expiration Time"));
        assert!(lookup("x-custom").is_none());
    }

    #[test]
    fn type_rules_cover_known_claims_only_and_agree_on_dates() {
        for (name, t, source) in CLAIM_TYPES {
            assert!(lookup(name).is_some(), "{name} has a rule but no label");
            assert!(!source.is_empty(), "{name}");
            assert_eq!(
                *t == ClaimType::NumericDate,
                NUMERIC_DATE_CLAIMS.contains(name),
                "{name}"
            );
            assert_eq!(
                CLAIM_TYPES.iter().filter(|(n, _, _)| n == name).count(),
                1,
                "{name}"
            );
        }
        for name in NUMERIC_DATE_CLAIMS {
            assert_eq!(type_rule(name).map(|r| r.0), Some(ClaimType::NumericDate));
        }
    }

    #[test]
    fn no_duplicate_entries() {
        for (i, (a, _, _)) in KNOWN_CLAIMS.iter().enumerate() {
            assert!(
                !KNOWN_CLAIMS.iter().skip(i + 1).any(|(b, _, _)| a == b),
                "{a}"
            );
        }
    }
}
