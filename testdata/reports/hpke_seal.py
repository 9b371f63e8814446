# RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305:
# an independent sealer for a test vector (an envelope whose report has a
# category this build does not know).
import json, sys, os, base64, hmac, hashlib
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives import serialization
def b64d(s): return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
def b64e(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")
def extract(salt, ikm): return hmac.new(salt or b"\0"*32, ikm, hashlib.sha256).digest()
def expand(prk, info, L):
    out=b""; t=b""; i=1
    while len(out)<L:
        t=hmac.new(prk, t+info+bytes([i]), hashlib.sha256).digest(); out+=t; i+=1
    return out[:L]
KEM_ID=b"KEM"+(0x20).to_bytes(2,"big")
SUITE=b"HPKE"+(0x20).to_bytes(2,"big")+(1).to_bytes(2,"big")+(3).to_bytes(2,"big")
def lex(suite, salt, label, ikm): return extract(salt, b"HPKE-v1"+suite+label+ikm)
def lexp(suite, prk, label, info, L): return expand(prk, L.to_bytes(2,"big")+b"HPKE-v1"+suite+label+info, L)
pk_r=b64d(sys.argv[1]); report=sys.argv[2].encode()
sk_e=X25519PrivateKey.generate()
enc=sk_e.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
dh=sk_e.exchange(X25519PublicKey.from_public_bytes(pk_r))
eae=lex(KEM_ID, b"", b"eae_prk", dh)
shared=lexp(KEM_ID, eae, b"shared_secret", enc+pk_r, 32)
info=b"jianfu.report/1"
psk_id_hash=lex(SUITE, b"", b"psk_id_hash", b""); info_hash=lex(SUITE, b"", b"info_hash", info)
ctx=bytes([0])+psk_id_hash+info_hash
secret=lex(SUITE, shared, b"secret", b"")
key=lexp(SUITE, secret, b"key", ctx, 32); nonce=lexp(SUITE, secret, b"base_nonce", ctx, 12)
ct=ChaCha20Poly1305(key).encrypt(nonce, report, b"")
print(json.dumps({"format":"jianfu.envelope/1","suite":"HPKE-Base-X25519-HKDF-SHA256-ChaCha20Poly1305","id":b64e(os.urandom(16)),"enc":b64e(enc),"ct":b64e(ct)}))
