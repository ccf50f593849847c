//! Labels and plain-words descriptions of registered and well-known claims.

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
    fn no_duplicate_entries() {
        for (i, (a, _, _)) in KNOWN_CLAIMS.iter().enumerate() {
            assert!(
                !KNOWN_CLAIMS.iter().skip(i + 1).any(|(b, _, _)| a == b),
                "{a}"
            );
        }
    }
}
