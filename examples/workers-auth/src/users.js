// The demo users. Passwords are stored only as salted PBKDF2-HMAC-SHA-256 hashes, in the form
// that scripts/hash-password.mjs prints:
//   pbkdf2-sha256$<iterations>$<salt, base64url>$<derived key, base64url>
// A real deployment reads users from its own store (D1, an identity provider...); the flow does
// not change.
//
// `sub` is the token subject; `scope` goes into the access token and is read again at every
// refresh, so a change of permissions takes effect within one access-token lifetime.
export const USERS = {
  alice: {
    sub: 'alice',
    scope: 'profile',
    // the demo password given in README.md, as a hash only
    password: 'pbkdf2-sha256$100000$xagtFUT_krhSbJNW4DnHKg$rmcx2vExzz0MLusQoYbwK4LjNNR-Wt74f5sHeKrSwxY',
  },
};

// Checked when the username is unknown, so that an unknown user costs the same time as a wrong
// password (the password of this hash was random and thrown away).
export const DUMMY_PASSWORD_HASH = 'pbkdf2-sha256$100000$3hBrKS8NjrDWXNLfhut0Iw$f9gAST3GDnEKLWObtQngBFcKR-_Gylk4Jo_OIvAPa70';

/** The user record for a login name (names are compared after NFKC + lower case). */
export function findUser(username) {
  return Object.hasOwn(USERS, username) ? USERS[username] : undefined;
}

/** The user record for a token subject. */
export function findUserBySub(sub) {
  return Object.values(USERS).find((user) => user.sub === sub);
}
