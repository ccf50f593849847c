// The Durable Objects: the state of the flow that must be strongly consistent.
//
// A Durable Object is one single-threaded instance per id, with transactional storage next to it,
// so a read-check-write inside one method can never interleave with another request for the same
// id: "is this refresh token the current one? then replace it" is atomic. That is what reuse
// detection needs, and what an eventually consistent store (KV) cannot give (README.md).
//
// Storage is the synchronous key-value API of SQLite-backed objects (`ctx.storage.kv`, declared
// with `new_sqlite_classes` in wrangler.toml): each method reads and writes without an await in
// between. Alarms delete what is no longer needed, so nothing is kept past its usefulness.
//
// Times are seconds since the epoch (NumericDate), as in the tokens.
import { DurableObject } from 'cloudflare:workers';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * One refresh-token family (a login session), addressed by `idFromName(sid)`. It remembers the
 * jti of the one refresh token that may be used next; presenting any other token of the family
 * means that a token was used twice (by the client and by a thief, in some order), so the whole
 * family is revoked, including the access tokens it issued.
 *
 * Storage: `family` = { sub, current, expiresAt, revoked, rotations };
 *          `access:<jti>` = exp of each access token issued in the family.
 */
export class TokenFamily extends DurableObject {
  async create({ sub, refreshJti, expiresAt, accessJti, accessExp }) {
    const kv = this.ctx.storage.kv;
    if (kv.get('family') !== undefined) throw new Error('TokenFamily.create: the family exists already');
    kv.put('family', { sub, current: refreshJti, expiresAt, revoked: null, rotations: 0 });
    kv.put(`access:${accessJti}`, accessExp);
    await this.ctx.storage.setAlarm(expiresAt * 1000);
    return { expiresAt };
  }

  /**
   * Spends the refresh token `presentedJti` and makes `refreshJti` the current one.
   * Resolves to { ok: true, expiresAt } or { ok: false, reason, access } where reason is
   * 'unknown' | 'expired' | 'revoked' | 'reuse' and `access` lists the access tokens that a
   * revocation made here must add to the denylist ({ jti, exp }, still unexpired).
   */
  async rotate({ sub, presentedJti, refreshJti, accessJti, accessExp }) {
    const kv = this.ctx.storage.kv;
    const family = kv.get('family');
    if (family === undefined || family.sub !== sub) return { ok: false, reason: 'unknown', access: [] };
    if (family.revoked) return { ok: false, reason: 'revoked', access: [] };
    if (nowSeconds() >= family.expiresAt) return { ok: false, reason: 'expired', access: [] };
    if (presentedJti !== family.current) {
      // A refresh token of this family that was already spent: reuse. Revoke everything.
      return { ok: false, reason: 'reuse', access: this.#revoke(family, 'reuse') };
    }
    family.current = refreshJti;
    family.rotations += 1;
    kv.put('family', family);
    kv.put(`access:${accessJti}`, accessExp);
    return { ok: true, expiresAt: family.expiresAt };
  }

  /** Revokes the family (logout). Resolves to the unexpired access tokens it issued. */
  async revoke({ sub }) {
    const family = this.ctx.storage.kv.get('family');
    if (family === undefined || family.sub !== sub) return { access: [] };
    if (family.revoked) return { access: [] };
    return { access: this.#revoke(family, 'logout') };
  }

  #revoke(family, why) {
    const kv = this.ctx.storage.kv;
    family.revoked = why;
    family.current = null;
    kv.put('family', family);
    const now = nowSeconds();
    const access = [];
    for (const [key, exp] of kv.list({ prefix: 'access:' })) {
      if (exp > now) access.push({ jti: key.slice('access:'.length), exp });
      kv.delete(key);
    }
    // The record stays (revoked) until the family would have expired, then the alarm deletes it.
    return access;
  }

  async alarm() {
    await this.ctx.storage.deleteAll();
  }
}

/**
 * The denylist entry of one revoked access token, addressed by `idFromName(jti)`. It is kept only
 * until the token's own `exp` (after that the signature check refuses the token anyway): the
 * alarm deletes it then, so the denylist never grows with time.
 */
export class RevokedToken extends DurableObject {
  async revoke(exp) {
    if (!(exp > nowSeconds())) return false; // expired already: nothing to remember
    this.ctx.storage.kv.put('exp', exp);
    await this.ctx.storage.setAlarm(exp * 1000);
    return true;
  }

  async isRevoked() {
    const exp = this.ctx.storage.kv.get('exp');
    return exp !== undefined;
  }

  async alarm() {
    await this.ctx.storage.deleteAll();
  }
}

/**
 * Failed-login counter for one key (`user:<name>` or `ip:<address>`), in a fixed window that
 * starts at the first counted attempt. An attempt is counted *before* the password is checked
 * (and refunded when it was right), so a burst of parallel guesses cannot slip past the limit
 * while the first ones are still being hashed.
 */
export class LoginLimiter extends DurableObject {
  /** Resolves to { allowed: true } or { allowed: false, retryAfter } (seconds). */
  async attempt({ limit, window }) {
    const kv = this.ctx.storage.kv;
    const now = Date.now();
    let state = kv.get('state');
    if (state === undefined || now >= state.start + window * 1000) state = { start: now, count: 0 };
    if (state.count >= limit) {
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((state.start + window * 1000 - now) / 1000)) };
    }
    state.count += 1;
    kv.put('state', state);
    if (state.count === 1) await this.ctx.storage.setAlarm(state.start + window * 1000);
    return { allowed: true };
  }

  /** The attempt counted by `attempt` was not a failure after all. */
  async refund() {
    const kv = this.ctx.storage.kv;
    const state = kv.get('state');
    if (state !== undefined && state.count > 0) {
      state.count -= 1;
      kv.put('state', state);
    }
  }

  /** A successful login clears the user's counter. */
  async reset() {
    this.ctx.storage.kv.delete('state');
    await this.ctx.storage.deleteAlarm();
  }

  async alarm() {
    await this.ctx.storage.deleteAll();
  }
}
